//===- TokenizerApi.cpp - sinkrt_tokenizer_*, sinkrt_tokenize, ... ------===//

#include "api/Handles.h"

#include <cstring>

using namespace sinkrt;
using sinkrt::api::fail;

extern "C" sinkrt_status sinkrt_tokenizer_create(const sinkrt_package *package,
                                                 sinkrt_tokenizer **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_tokenizer_create: out is NULL");
    if (!package)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_tokenizer_create: package is NULL");
    const PackageReader &reader = *package->reader;
    TokenizerData data;
    if (std::string e = api::tokenizerDataFromPackage(reader, data); !e.empty())
      return fail(SINKRT_ERROR_INVALID_PACKAGE, e);
    std::string error;
    std::unique_ptr<Tokenizer> tokenizer = Tokenizer::create(std::move(data), &error);
    if (!tokenizer)
      return fail(SINKRT_ERROR_INVALID_PACKAGE, reader.path() + ": " + error);
    auto handle = std::make_unique<sinkrt_tokenizer>();
    handle->tokenizer = std::move(tokenizer);
    *out = handle.release();
    return api::succeed();
  });
}

extern "C" void sinkrt_tokenizer_destroy(sinkrt_tokenizer *tokenizer) { delete tokenizer; }

extern "C" sinkrt_status sinkrt_tokenize(const sinkrt_tokenizer *tokenizer, const char *text,
                                         size_t length, int add_bos, int parse_special,
                                         int32_t *ids_out, size_t capacity, size_t *count) {
  return api::guard([&] {
    if (!tokenizer)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_tokenize: tokenizer is NULL");
    if (!count)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_tokenize: count is NULL");
    if (!text && length != 0)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_tokenize: text is NULL");
    if (!ids_out && capacity != 0)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_tokenize: ids_out is NULL with capacity " + std::to_string(capacity));
    const Tokenizer &t = *tokenizer->tokenizer;
    bool bos = add_bos == SINKRT_BOS_DEFAULT ? t.addsBos() : add_bos != 0;
    std::vector<int32_t> ids =
        t.encode(std::string_view(text ? text : "", length), bos, parse_special != 0);
    *count = ids.size();
    if (ids.size() > capacity)
      return fail(SINKRT_ERROR_BUFFER_TOO_SMALL,
                  "sinkrt_tokenize: the text has " + std::to_string(ids.size()) +
                      " tokens, the buffer holds " + std::to_string(capacity));
    if (!ids.empty())
      std::memcpy(ids_out, ids.data(), ids.size() * sizeof(int32_t));
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_detokenize(const sinkrt_tokenizer *tokenizer, const int32_t *ids,
                                           size_t count, int skip_special, char *text_out,
                                           size_t capacity, size_t *length) {
  return api::guard([&] {
    if (!tokenizer)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenize: tokenizer is NULL");
    if (!length)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenize: length is NULL");
    if (!ids && count != 0)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenize: ids is NULL");
    if (!text_out && capacity != 0)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_detokenize: text_out is NULL with capacity " +
                      std::to_string(capacity));
    const Tokenizer &t = *tokenizer->tokenizer;
    // Tokenizer::decode skips unknown ids; through the C API they are a
    // caller's bug worth reporting.
    for (size_t i = 0; i < count; ++i)
      if (ids[i] < 0 || ids[i] >= t.vocabSize())
        return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                    "sinkrt_detokenize: id " + std::to_string(ids[i]) + " at index " +
                        std::to_string(i) + " is outside the vocabulary of " +
                        std::to_string(t.vocabSize()) + " tokens");
    std::string text = t.decode(std::vector<int32_t>(ids, ids + count), skip_special != 0);
    *length = text.size();
    if (capacity <= text.size())
      return fail(SINKRT_ERROR_BUFFER_TOO_SMALL,
                  "sinkrt_detokenize: the text has " + std::to_string(text.size()) +
                      " bytes and a NUL, the buffer holds " + std::to_string(capacity));
    std::memcpy(text_out, text.data(), text.size());
    text_out[text.size()] = '\0';
    return api::succeed();
  });
}
