//===- TokenizerSection.h - encoding the .sinkpkg tokenizer section -------===//
//
// Plain C++: the vocabulary, token types, scores, merges and SentencePiece
// options of a tokenizer as the compiler collects them, and their encoding
// as the package's binary tokenizer section (sinkrt/package_format.h,
// TokenizerHeader).
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_PACKAGE_TOKENIZERSECTION_H
#define SINKC_LOWERING_PACKAGE_TOKENIZERSECTION_H

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sinkc::package {

struct TokenizerData {
  std::vector<std::string> tokens; ///< id -> bytes
  std::vector<uint8_t> types;      ///< GGUF token types; empty: all normal (1)
  std::vector<float> scores;       ///< empty or one per token
  std::vector<std::pair<std::string, std::string>> merges; ///< by rank
  /// SentencePiece options (sinkrt::pkg::kSpm* bits); written with
  /// kTokenizerHasSpmOptions when set.
  std::optional<uint32_t> spmOptions;
};

/// Encodes `data` into `out`. Returns an error message, empty on success.
std::string encodeTokenizerSection(const TokenizerData &data,
                                   std::vector<uint8_t> &out);

} // namespace sinkc::package

#endif // SINKC_LOWERING_PACKAGE_TOKENIZERSECTION_H
