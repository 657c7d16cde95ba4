//===- KernelLibrary.h - a package's CPU kernels, loaded in memory --------===//
//
// The `cpu` kernel blob of a package is an ELF shared object exporting one
// function per dispatch (sinkrt/dispatch_abi.h). It is loaded without
// leaving a file behind: its bytes go to an anonymous memory file
// (memfd_create; an unlinked O_TMPFILE or temporary file where memfd is
// unavailable) that dlopen opens as /proc/self/fd/N. glibc recognises an
// already loaded library by its path, so N is one that no loaded library
// was opened as, and the descriptor stays open while the library is loaded.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_EXEC_KERNELLIBRARY_H
#define SINKRT_EXEC_KERNELLIBRARY_H

#include "sinkrt/dispatch_abi.h"
#include "sinkrt/sinkrt.h"

#include "package/PackageReader.h"

#include <memory>
#include <string>

namespace sinkrt {

class KernelLibrary {
public:
  /// The kernel section the CPU runs: "cpu", else "cpu-<arch>" of the host
  /// (e.g. "cpu-x86_64").
  static const char *kTarget;

  /// Loads the CPU kernel blob of `package` into `out`. On failure returns
  /// SINKRT_ERROR_INVALID_PACKAGE (no blob, not a loadable shared object)
  /// or SINKRT_ERROR_IO (no file to load it from), with `error` naming the
  /// file.
  static sinkrt_status load(const PackageReader &package, std::unique_ptr<KernelLibrary> &out,
                            std::string &error);
  ~KernelLibrary();
  KernelLibrary(const KernelLibrary &) = delete;
  KernelLibrary &operator=(const KernelLibrary &) = delete;

  /// The dispatch function exported as `name`, or null.
  sinkrt_dispatch_fn find(const std::string &name) const;
  /// The kernel section's name ("cpu").
  const std::string &target() const { return targetName; }

private:
  KernelLibrary() = default;

  void *handle = nullptr;
  int fd = -1;
  std::string targetName;
};

} // namespace sinkrt

#endif // SINKRT_EXEC_KERNELLIBRARY_H
