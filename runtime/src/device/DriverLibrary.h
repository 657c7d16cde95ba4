//===- DriverLibrary.h - dlopen and entry-point tables for GPU drivers ----===//
//
// What the CUDA and HIP drivers share: opening the library with dlopen and
// resolving a table of entry points, each declared once in an X-macro list
// (as IREE's dynamic_symbol_tables.h), so that a missing one is named.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_DEVICE_DRIVERLIBRARY_H
#define SINKRT_DEVICE_DRIVERLIBRARY_H

#include "device/Device.h"

#include <cstring>
#include <string>
#include <vector>

namespace sinkrt::device {

/// dlopens the first of `candidates` that loads (RTLD_NOW | RTLD_LOCAL) and
/// sets `loaded` to it. Null when none loads, with `error` set to
/// "dlopen(<candidates[0]>) failed: <dlerror>", the first failure being the
/// one that says most.
void *openLibrary(const std::vector<std::string> &candidates, std::string &loaded,
                  std::string &error);

/// The address `handle` exports as `name`, or null.
void *findSymbol(void *handle, const char *name);

/// Stores the entry point `name` of `handle` into the function pointer
/// `out`; false when the library does not export it.
template <typename Fn> bool resolveSymbol(void *handle, const char *name, Fn &out) {
  void *symbol = findSymbol(handle, name);
  static_assert(sizeof(Fn) == sizeof(symbol), "function and data pointers differ in size");
  // Object pointer to function pointer: what POSIX dlsym promises works.
  std::memcpy(&out, &symbol, sizeof(out));
  return symbol != nullptr;
}

/// The drivers, created by loadDriver (Device.cpp) once per library path.
/// `candidates` are tried in order; errors as loadDriver.
sinkrt_status loadCudaDriver(const std::vector<std::string> &candidates,
                             std::shared_ptr<Driver> &out, std::string &error);
sinkrt_status loadHipRuntime(const std::vector<std::string> &candidates,
                             std::shared_ptr<Driver> &out, std::string &error);

/// "<what>: <size> bytes" style helpers for messages.
std::string bytesText(uint64_t bytes);

} // namespace sinkrt::device

#endif // SINKRT_DEVICE_DRIVERLIBRARY_H
