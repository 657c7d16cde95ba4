//===- DetokenizerApi.cpp - sinkrt_detokenizer_* --------------------------===//
//
// The streaming detokenizer (tokenizer/Tokenizer.h, StreamDecoder) behind a
// handle that also keeps the last piece of text, which the caller reads
// through a pointer until its next call.
//
//===----------------------------------------------------------------------===//

#include "api/Handles.h"

using namespace sinkrt;
using sinkrt::api::fail;

struct sinkrt_detokenizer {
  sinkrt_detokenizer(const Tokenizer &t, bool skipSpecial) : decoder(t, skipSpecial), tok(t) {}
  StreamDecoder decoder;
  const Tokenizer &tok;
  std::string text; ///< what the last push or flush gave
};

extern "C" sinkrt_status sinkrt_detokenizer_create(const sinkrt_tokenizer *tokenizer,
                                                   int skip_special, sinkrt_detokenizer **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenizer_create: out is NULL");
    if (!tokenizer)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenizer_create: tokenizer is NULL");
    *out = new sinkrt_detokenizer(*tokenizer->tokenizer, skip_special != 0);
    return api::succeed();
  });
}

extern "C" void sinkrt_detokenizer_destroy(sinkrt_detokenizer *detokenizer) { delete detokenizer; }

extern "C" sinkrt_status sinkrt_detokenizer_push(sinkrt_detokenizer *detokenizer, int32_t id,
                                                 const char **text, size_t *length) {
  return api::guard([&] {
    if (!detokenizer)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenizer_push: detokenizer is NULL");
    if (!text || !length)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, std::string("sinkrt_detokenizer_push: ") +
                                                     (text ? "length" : "text") + " is NULL");
    // StreamDecoder skips unknown ids; through the C API they are a
    // caller's bug worth reporting (as in sinkrt_detokenize).
    if (id < 0 || id >= detokenizer->tok.vocabSize())
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_detokenizer_push: id " + std::to_string(id) +
                      " is outside the vocabulary of " +
                      std::to_string(detokenizer->tok.vocabSize()) + " tokens");
    detokenizer->text = detokenizer->decoder.push(id);
    *text = detokenizer->text.c_str();
    *length = detokenizer->text.size();
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_detokenizer_flush(sinkrt_detokenizer *detokenizer,
                                                  const char **text, size_t *length) {
  return api::guard([&] {
    if (!detokenizer)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_detokenizer_flush: detokenizer is NULL");
    if (!text || !length)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, std::string("sinkrt_detokenizer_flush: ") +
                                                     (text ? "length" : "text") + " is NULL");
    detokenizer->text = detokenizer->decoder.flush();
    *text = detokenizer->text.c_str();
    *length = detokenizer->text.size();
    return api::succeed();
  });
}

extern "C" size_t sinkrt_detokenizer_pending(const sinkrt_detokenizer *detokenizer) {
  return detokenizer ? detokenizer->decoder.pending() : 0;
}
