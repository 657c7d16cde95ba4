//===- Handles.h - what the C API's opaque handles hold -----------------===//
//
// The structs behind sinkrt.h's handles, and the error plumbing every entry
// point shares: the thread-local last-error message and a guard that turns
// any C++ exception into a status (none may cross the C API).
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_API_HANDLES_H
#define SINKRT_API_HANDLES_H

#include "sinkrt/sinkrt.h"

#include "core/KvCache.h"
#include "package/PackageReader.h"
#include "tokenizer/Tokenizer.h"

#include <exception>
#include <memory>
#include <new>
#include <string>

struct sinkrt_package {
  std::unique_ptr<sinkrt::PackageReader> reader;
  /// The manifest NUL-terminated (the mapped section is not).
  std::string manifestJson;
};

struct sinkrt_tokenizer {
  std::unique_ptr<sinkrt::Tokenizer> tokenizer;
};

struct sinkrt_kv_cache {
  std::unique_ptr<sinkrt::KvCache> cache;
};

namespace sinkrt::api {

/// Records `message` as this thread's last error and returns `status`.
sinkrt_status fail(sinkrt_status status, const std::string &message) noexcept;
/// Clears this thread's last error; returns SINKRT_OK.
sinkrt_status succeed() noexcept;

/// Runs `body` (returning a sinkrt_status); exceptions become statuses.
template <typename Body> sinkrt_status guard(Body &&body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    return fail(SINKRT_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception &e) {
    return fail(SINKRT_ERROR_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(SINKRT_ERROR_INTERNAL, "internal error: unknown exception");
  }
}

/// The tokenizer data of an open package: vocabulary, types and merges from
/// its tokenizer section, the rest from its manifest's "tokenizer". Returns
/// an error naming the file and the manifest field, empty on success.
std::string tokenizerDataFromPackage(const PackageReader &reader, TokenizerData &out);


} // namespace sinkrt::api

#endif // SINKRT_API_HANDLES_H
