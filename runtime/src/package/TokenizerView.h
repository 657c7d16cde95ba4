//===- TokenizerView.h - the package's tokenizer section, in place ------===//
//
// Validates a tokenizer section (sinkrt/package_format.h, TokenizerHeader)
// once, then reads tokens, types, scores, merges and SentencePiece options
// straight from the mapped bytes: no parsing, no copies, O(1) per token.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_PACKAGE_TOKENIZERVIEW_H
#define SINKRT_PACKAGE_TOKENIZERVIEW_H

#include "sinkrt/package_format.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace sinkrt {

class TokenizerView {
public:
  /// Checks `size` bytes at `data` (8-byte aligned) and points the view at
  /// them. Returns an error ("token offsets decrease at token 7"), empty on
  /// success.
  std::string init(const uint8_t *data, uint64_t size);

  uint32_t tokenCount() const { return header.tokenCount; }
  uint32_t mergeCount() const { return header.mergeCount; }
  bool hasScores() const { return header.flags & pkg::kTokenizerHasScores; }
  /// Whether the section says how a SentencePiece tokenizer normalizes and
  /// decodes; without it a "llama" kind takes pkg::kSpmDefaultOptions.
  bool hasSpmOptions() const { return header.flags & pkg::kTokenizerHasSpmOptions; }
  /// The kSpm* bits (pkg::kSpmDefaultOptions when the section has none).
  uint32_t spmOptions() const {
    return hasSpmOptions() ? header.options : pkg::kSpmDefaultOptions;
  }

  std::string_view token(uint32_t id) const {
    return {tokenPool + tokenOffsets[id], tokenOffsets[id + 1] - tokenOffsets[id]};
  }
  uint8_t tokenType(uint32_t id) const { return tokenTypes[id]; }
  /// 0 when the section has no scores.
  float score(uint32_t id) const { return scores ? scores[id] : 0.0f; }
  /// Merge `rank`: (left, right).
  std::pair<std::string_view, std::string_view> merge(uint32_t rank) const {
    return {mergeString(2 * rank), mergeString(2 * rank + 1)};
  }

private:
  std::string_view mergeString(uint64_t i) const {
    return {mergePool + mergeOffsets[i], mergeOffsets[i + 1] - mergeOffsets[i]};
  }

  pkg::TokenizerHeader header{};
  const uint32_t *tokenOffsets = nullptr;
  const uint8_t *tokenTypes = nullptr;
  const float *scores = nullptr;
  const uint32_t *mergeOffsets = nullptr;
  const char *tokenPool = nullptr;
  const char *mergePool = nullptr;
};

} // namespace sinkrt

#endif // SINKRT_PACKAGE_TOKENIZERVIEW_H
