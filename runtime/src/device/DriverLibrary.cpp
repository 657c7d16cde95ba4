//===- DriverLibrary.cpp - dlopen and entry-point tables for GPU drivers --===//

#include "device/DriverLibrary.h"

#include <dlfcn.h>

using namespace sinkrt::device;

void *sinkrt::device::openLibrary(const std::vector<std::string> &candidates,
                                  std::string &loaded, std::string &error) {
  std::string firstError;
  for (const std::string &name : candidates) {
    if (void *handle = ::dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      loaded = name;
      return handle;
    }
    if (firstError.empty()) {
      const char *why = ::dlerror();
      firstError = why ? why : "unknown error";
    }
  }
  error = "dlopen(" + (candidates.empty() ? std::string() : candidates.front()) +
          ") failed: " + firstError;
  return nullptr;
}

void *sinkrt::device::findSymbol(void *handle, const char *name) {
  ::dlerror();
  return ::dlsym(handle, name);
}

std::string sinkrt::device::bytesText(uint64_t bytes) {
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}
