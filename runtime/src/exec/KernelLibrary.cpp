//===- KernelLibrary.cpp - a package's CPU kernels, loaded in memory ------===//

#include "exec/KernelLibrary.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace sinkrt;

const char *KernelLibrary::kTarget = "cpu";

namespace {

#if defined(__x86_64__)
constexpr const char *kHostTarget = "cpu-x86_64";
#elif defined(__aarch64__)
constexpr const char *kHostTarget = "cpu-aarch64";
#else
constexpr const char *kHostTarget = "cpu";
#endif

/// A file with no name to hold the blob: memfd, else an O_TMPFILE, else a
/// temporary file unlinked at once. -1 with `error` when none can be made.
int anonymousFile(std::string &error) {
  int fd = ::memfd_create("sinkrt-kernels", MFD_CLOEXEC);
  if (fd >= 0)
    return fd;
  const char *dir = std::getenv("TMPDIR");
  if (!dir || !*dir)
    dir = "/tmp";
#ifdef O_TMPFILE
  fd = ::open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0700);
  if (fd >= 0)
    return fd;
#endif
  std::string pattern = std::string(dir) + "/sinkrt-kernels-XXXXXX";
  fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot create a file for the kernels: ") + std::strerror(errno);
    return -1;
  }
  ::unlink(pattern.c_str());
  return fd;
}

bool writeAll(int fd, const uint8_t *data, uint64_t size) {
  while (size) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    data += n;
    size -= uint64_t(n);
  }
  return true;
}

} // namespace

std::unique_ptr<KernelLibrary> KernelLibrary::load(const PackageReader &package,
                                                   std::string &error) {
  std::string target = kTarget;
  PackageReader::Blob blob = package.kernel(target);
  if (!blob.data) {
    target = kHostTarget;
    blob = package.kernel(target);
  }
  if (!blob.data) {
    error = package.path() + ": the package has no kernels for target \"" +
            std::string(kTarget) + "\" (manifest field \"kernels\")";
    return nullptr;
  }
  std::string label = package.path() + ": kernel section \"" + target + "\": ";

  std::unique_ptr<KernelLibrary> lib(new KernelLibrary());
  lib->targetName = target;
  std::string fileError;
  lib->fd = anonymousFile(fileError);
  if (lib->fd < 0) {
    error = label + fileError;
    return nullptr;
  }
  if (!writeAll(lib->fd, blob.data, blob.size)) {
    error = label + "cannot write it to a file: " + std::strerror(errno);
    return nullptr;
  }
  std::string procPath = "/proc/self/fd/" + std::to_string(lib->fd);
  lib->handle = ::dlopen(procPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib->handle) {
    const char *dlError = ::dlerror();
    std::string why = dlError ? dlError : "unknown error";
    // dlerror names the descriptor's path, which means nothing to a user.
    if (why.rfind(procPath + ": ", 0) == 0)
      why.erase(0, procPath.size() + 2);
    error = label + "cannot load it as a shared object: " + why;
    return nullptr;
  }
  return lib;
}

KernelLibrary::~KernelLibrary() {
  if (handle)
    ::dlclose(handle);
  if (fd >= 0)
    ::close(fd);
}

sinkrt_dispatch_fn KernelLibrary::find(const std::string &name) const {
  ::dlerror();
  void *symbol = ::dlsym(handle, name.c_str());
  // Object pointer to function pointer: what POSIX dlsym promises works.
  sinkrt_dispatch_fn fn;
  static_assert(sizeof(fn) == sizeof(symbol), "function and data pointers differ in size");
  std::memcpy(&fn, &symbol, sizeof(fn));
  return fn;
}
