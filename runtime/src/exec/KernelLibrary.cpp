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
  // Ask for an executable memfd where the kernel knows the flag (Linux 6.3+
  // may default memfds to non-executable); older kernels reject it.
#ifndef MFD_EXEC
  constexpr unsigned MFD_EXEC = 0x0010U;
#endif
  int fd = ::memfd_create("sinkrt-kernels", MFD_CLOEXEC | MFD_EXEC);
  if (fd < 0)
    fd = ::memfd_create("sinkrt-kernels", MFD_CLOEXEC);
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

/// Makes `fd` a descriptor whose /proc/self/fd path names no loaded
/// library, and sets `path` to it. glibc's dlopen returns an already loaded
/// library whose name matches without opening the file, and a library can
/// outlive its descriptor (dlclose keeps one linked with -z nodelete), so a
/// reused descriptor number could alias another package's kernels. Busy
/// numbers are skipped by duplicating `fd` to the next free one.
bool freshPath(int &fd, std::string &path) {
  int busy[64];
  int parked = 0;
  bool found = false;
  while (parked < 64) {
    path = "/proc/self/fd/" + std::to_string(fd);
    void *loaded = ::dlopen(path.c_str(), RTLD_LAZY | RTLD_NOLOAD);
    if (!loaded) {
      found = true;
      break;
    }
    ::dlclose(loaded);
    int next = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (next < 0)
      break;
    busy[parked++] = fd; // held open so that `next` differs from it
    fd = next;
  }
  for (int i = 0; i < parked; ++i)
    ::close(busy[i]);
  return found;
}

} // namespace

sinkrt_status KernelLibrary::load(const PackageReader &package,
                                  std::unique_ptr<KernelLibrary> &out, std::string &error) {
  std::string target = kTarget;
  PackageReader::Blob blob = package.kernel(target);
  if (!blob.data) {
    target = kHostTarget;
    blob = package.kernel(target);
  }
  if (!blob.data) {
    error = package.path() + ": the package has no kernels for target \"" +
            std::string(kTarget) + "\" (manifest field \"kernels\")";
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  std::string label = package.path() + ": kernel section \"" + target + "\": ";

  std::unique_ptr<KernelLibrary> lib(new KernelLibrary());
  lib->targetName = target;
  std::string fileError;
  lib->fd = anonymousFile(fileError);
  if (lib->fd < 0) {
    error = label + fileError;
    return SINKRT_ERROR_IO;
  }
  if (!writeAll(lib->fd, blob.data, blob.size)) {
    error = label + "cannot write it to a file: " + std::strerror(errno);
    return SINKRT_ERROR_IO;
  }
  std::string procPath;
  if (!freshPath(lib->fd, procPath)) {
    error = label + "cannot find an unused /proc/self/fd path to load it from";
    return SINKRT_ERROR_IO;
  }
  lib->handle = ::dlopen(procPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib->handle) {
    const char *dlError = ::dlerror();
    std::string why = dlError ? dlError : "unknown error";
    // dlerror names the descriptor's path, which means nothing to a user.
    if (why.rfind(procPath + ": ", 0) == 0)
      why.erase(0, procPath.size() + 2);
    error = label + "cannot load it as a shared object: " + why;
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  out = std::move(lib);
  return SINKRT_OK;
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
