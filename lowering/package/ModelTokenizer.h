//===- ModelTokenizer.h - a model's tokenizer tables, read in full -*- C++ -*-===//
//
// The importers describe a tokenizer by reference (TokenizerInfo.source);
// the package carries the tables themselves. This reads them: GGUF
// tokenizer.ggml.tokens / token_type / scores / merges, or tokenizer.json's
// model.vocab, model.merges and added_tokens; for a SentencePiece tokenizer
// (kind "llama") also how it normalizes and decodes (GGUF
// tokenizer.ggml.add_space_prefix; tokenizer.json's normalizer,
// pre_tokenizer, decoder and model.byte_fallback).
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_PACKAGE_MODELTOKENIZER_H
#define SINKC_LOWERING_PACKAGE_MODELTOKENIZER_H

#include "TokenizerSection.h"

#include "sinkc/Importers/ModelDescription.h"

#include "llvm/Support/Error.h"

namespace sinkc::package {

struct ModelTokenizer {
  TokenizerData section;
  /// Whether the source has token types (GGUF may not; without them the
  /// runtime treats BOS, EOS and PAD as control tokens).
  bool hasTokenTypes = false;
  /// HF BPE `ignore_merges` (llama.cpp: the Llama 3 pre-tokenizers).
  bool ignoreMerges = false;
  /// HF BPE `unk_token`'s id (GGUF "llama": the unknown token), or -1.
  int64_t bpeUnk = -1;
};

/// Reads the tables of `model.tokenizer` from its source file.
llvm::Expected<ModelTokenizer> readModelTokenizer(const import::ModelDescription &model);

} // namespace sinkc::package

#endif // SINKC_LOWERING_PACKAGE_MODELTOKENIZER_H
