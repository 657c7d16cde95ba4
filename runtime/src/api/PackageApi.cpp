//===- PackageApi.cpp - sinkrt_package_* --------------------------------===//

#include "api/Handles.h"

#include "package/CpuFeatures.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace sinkrt;
using sinkrt::api::fail;

extern "C" sinkrt_status sinkrt_package_open(const char *path, uint32_t flags,
                                             sinkrt_package **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_package_open: out is NULL");
    if (!path)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_package_open: path is NULL");
    if (flags & ~uint32_t(SINKRT_OPEN_VERIFY_WEIGHTS))
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_package_open: unknown flags " + std::to_string(flags));
    PackageOpenOptions options;
    options.verifyWeights = flags & SINKRT_OPEN_VERIFY_WEIGHTS;
    // CPU features are checked here rather than by the reader so that a
    // sound package the host cannot run gets its own status.
    options.checkCpuFeatures = false;
    std::string error;
    std::unique_ptr<PackageReader> reader = PackageReader::open(path, options, error);
    if (!reader) {
      struct stat st;
      bool readable =
          ::stat(path, &st) == 0 && S_ISREG(st.st_mode) && ::access(path, R_OK) == 0;
      return fail(readable ? SINKRT_ERROR_INVALID_PACKAGE : SINKRT_ERROR_IO, error);
    }
    std::vector<std::string> missing = missingCpuFeatures(reader->manifest().cpuFeatures);
    if (!missing.empty()) {
      std::string list;
      for (const std::string &f : missing)
        list += (list.empty() ? "" : ", ") + f;
      return fail(SINKRT_ERROR_UNSUPPORTED_HOST,
                  std::string(path) + ": the package needs CPU features this host lacks: " +
                      list + " (manifest field \"cpu_features\")");
    }
    auto package = std::make_unique<sinkrt_package>();
    package->manifestJson = std::string(reader->manifestText());
    package->reader = std::move(reader);
    *out = package.release();
    return api::succeed();
  });
}

extern "C" void sinkrt_package_close(sinkrt_package *package) { delete package; }

extern "C" const char *sinkrt_package_manifest_json(const sinkrt_package *package) {
  if (!package) {
    fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_package_manifest_json: package is NULL");
    return nullptr;
  }
  api::succeed();
  return package->manifestJson.c_str();
}
