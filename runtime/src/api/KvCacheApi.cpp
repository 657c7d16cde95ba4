//===- KvCacheApi.cpp - sinkrt_kv_cache_* -------------------------------===//

#include "api/Handles.h"

using namespace sinkrt;
using sinkrt::api::fail;

extern "C" sinkrt_status sinkrt_kv_cache_create(const sinkrt_package *package, int64_t context,
                                                sinkrt_kv_cache **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_kv_cache_create: out is NULL");
    if (!package)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_kv_cache_create: package is NULL");
    if (context < 1)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_kv_cache_create: context " + std::to_string(context) +
                      " is below 1");
    std::string error;
    std::unique_ptr<KvCache> cache = KvCache::create(
        kvGroupDescs(package->reader->manifest()), context, error);
    if (!cache)
      // The manifest's groups were validated at open: what remains is the
      // size the context asks for.
      return fail(error.rfind("KV cache: cannot allocate", 0) == 0
                      ? SINKRT_ERROR_OUT_OF_MEMORY
                      : SINKRT_ERROR_INVALID_ARGUMENT,
                  package->reader->path() + ": " + error);
    auto handle = std::make_unique<sinkrt_kv_cache>();
    handle->cache = std::move(cache);
    *out = handle.release();
    return api::succeed();
  });
}

extern "C" size_t sinkrt_kv_cache_bytes(const sinkrt_kv_cache *cache) {
  return cache ? cache->cache->totalBytes() : 0;
}

extern "C" void sinkrt_kv_cache_destroy(sinkrt_kv_cache *cache) { delete cache; }
