//===- TokenizerInfoApi.cpp - sinkrt_tokenizer_bos, _eos, ... -------------===//
//
// What a generation loop needs to know about the tokenizer: the vocabulary
// size, BOS and EOS, and which ids are control tokens.
//
//===----------------------------------------------------------------------===//

#include "api/Handles.h"

extern "C" size_t sinkrt_tokenizer_vocab_size(const sinkrt_tokenizer *tokenizer) {
  return tokenizer ? size_t(tokenizer->tokenizer->vocabSize()) : 0;
}

extern "C" int32_t sinkrt_tokenizer_bos(const sinkrt_tokenizer *tokenizer) {
  return tokenizer ? tokenizer->tokenizer->bos() : -1;
}

extern "C" int32_t sinkrt_tokenizer_eos(const sinkrt_tokenizer *tokenizer) {
  return tokenizer ? tokenizer->tokenizer->eos() : -1;
}

extern "C" int sinkrt_tokenizer_adds_bos(const sinkrt_tokenizer *tokenizer) {
  // Tokenizer::encode prepends BOS only when the vocabulary has one.
  return tokenizer && tokenizer->tokenizer->addsBos() && tokenizer->tokenizer->bos() >= 0;
}

extern "C" int sinkrt_tokenizer_is_control(const sinkrt_tokenizer *tokenizer, int32_t id) {
  return tokenizer && tokenizer->tokenizer->isControl(id);
}
