//===- ModelDescription.h - a decoder model as its files describe it -----===//
//
// The format-neutral description every importer produces (GGUF metadata or
// config.json, tensors by reference) and the tfm IR builder consumes. It
// holds no weight bytes.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_IMPORTERS_MODELDESCRIPTION_H
#define SINKC_IMPORTERS_MODELDESCRIPTION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sinkc::gguf {
class GgufFile;
}
namespace sinkc::safetensors {
class Checkpoint;
}

namespace sinkc::import {

/// A stored tensor: where it is and how it is stored.
struct TensorRef {
  std::string file;           ///< path of the file that holds it
  std::string name;           ///< its name in that file
  uint64_t offset = 0;        ///< absolute byte offset of its data
  std::vector<int64_t> shape; ///< row-major, outermost first ([out, in] for matrices)
  /// Storage: "f32", "f16", "bf16", or a GGUF block format "q4_0", "q4_1",
  /// "q5_0", "q5_1", "q8_0", "q4_k", "q6_k".
  std::string dtype;
};

/// The tensors of one decoder block. Matrices are [out, in].
struct BlockTensors {
  TensorRef attnNorm, q, k, v, o;
  TensorRef ffnNorm, gate, up, down;
  std::optional<TensorRef> qBias, kBias, vBias; ///< Qwen2
  std::optional<TensorRef> sinkLogits;          ///< gpt-oss learned sinks [num_heads]
};

enum class RopeStyle { Neox, Interleaved };

struct RopeConfig {
  double theta = 10000.0;
  /// Interleaved for GGUF `llama` weights (llama.cpp permutes Q/K rows at
  /// conversion); neox (rotate-half) for Hugging Face checkpoints.
  RopeStyle style = RopeStyle::Neox;
  std::string scaling;        ///< "", "linear", "llama3" or "yarn"
  double factor = 1.0;
  double lowFreqFactor = 0.0;  ///< llama3
  double highFreqFactor = 0.0; ///< llama3
  int64_t originalContext = 0; ///< llama3, yarn
  /// llama.cpp's `rope_freqs.weight` ([head_dim / 2] frequency divisors), as
  /// GGUF files of Llama 3.1+ carry their scaling; excludes `scaling`.
  std::optional<TensorRef> freqFactors;
};

/// Tokenizer data by reference: the vocabulary and merges stay in `source`
/// (the GGUF file's tokenizer.ggml.* keys, or tokenizer.json).
struct TokenizerInfo {
  std::string source;     ///< file holding vocab and merges ("" when absent)
  std::string model;      ///< "gpt2" (byte-level BPE), "llama" (SentencePiece), ...
  std::string pre;        ///< pre-tokenizer name ("smollm", "llama3", "gpt2", ...)
  std::vector<std::string> preRegexes; ///< the pre-tokenizer's split regexes
  int64_t vocabSize = 0;
  int64_t mergeCount = 0;
  bool hasScores = false;
  bool hasTokenTypes = false;
  int64_t bos = -1, eos = -1, unk = -1, pad = -1;
  bool addBos = false;
  std::string chatTemplate;
};

struct ModelDescription {
  std::string format; ///< "gguf" or "safetensors"
  std::string source; ///< the path the user gave
  std::string arch;   ///< "llama", "qwen2", "mistral", "gpt-oss", ...
  std::string name;   ///< general.name / _name_or_path, may be empty
  int64_t numLayers = 0, hidden = 0, ffn = 0;
  int64_t numHeads = 0, numKvHeads = 0, headDim = 0;
  int64_t vocab = 0, contextLength = 0;
  double normEpsilon = 1e-5;
  int64_t slidingWindow = 0; ///< 0: none; else every layer keeps this many positions
  RopeConfig rope;
  bool tiedEmbeddings = false;
  TensorRef tokenEmbedding; ///< [vocab, hidden]
  TensorRef outputNorm;     ///< [hidden]
  std::optional<TensorRef> output; ///< [vocab, hidden]; absent when tied
  std::vector<BlockTensors> blocks;
  TokenizerInfo tokenizer;
};

/// From a parsed GGUF file (importers/GgufModel.cpp).
llvm::Expected<ModelDescription> describeGguf(const gguf::GgufFile &file);
/// From a checkpoint folder (importers/HfModel.cpp).
llvm::Expected<ModelDescription> describeCheckpoint(const safetensors::Checkpoint &ckpt);
/// A `.gguf` file or a checkpoint folder, whichever `path` is.
llvm::Expected<ModelDescription> describeModel(llvm::StringRef path);

/// "[192, 576]": a shape as importer errors print it.
inline std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// The split regexes of a llama.cpp pre-tokenizer name (tokenizer.ggml.pre),
/// or an error naming the unsupported name (importers/PreTokenizers.cpp).
llvm::Expected<std::vector<std::string>> getPreTokenizerRegexes(llvm::StringRef name);

/// Whether llama.cpp's BPE for this pre-tokenizer name skips merges for
/// whole-word tokens (HF `ignore_merges`): the Llama 3 family.
bool preTokenizerIgnoresMerges(llvm::StringRef name);

} // namespace sinkc::import

#endif // SINKC_IMPORTERS_MODELDESCRIPTION_H
