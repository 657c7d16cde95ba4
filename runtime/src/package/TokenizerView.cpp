//===- TokenizerView.cpp - the package's tokenizer section, in place ----===//

#include "package/TokenizerView.h"

#include <cstring>

namespace sinkrt {

namespace {
/// Offsets must start at 0, never decrease and end at `poolBytes`.
std::string checkOffsets(const uint32_t *offsets, uint64_t count,
                         uint64_t poolBytes, const char *what) {
  if (offsets[0] != 0)
    return std::string(what) + " offsets start at " +
           std::to_string(offsets[0]) + ", not 0";
  for (uint64_t i = 0; i < count; ++i)
    if (offsets[i + 1] < offsets[i])
      return std::string(what) + " offsets decrease at " + what + " " +
             std::to_string(i);
  if (offsets[count] != poolBytes)
    return std::string(what) + " offsets end at " +
           std::to_string(offsets[count]) + ", not at the pool's " +
           std::to_string(poolBytes) + " bytes";
  return "";
}
} // namespace

std::string TokenizerView::init(const uint8_t *data, uint64_t size) {
  *this = TokenizerView();
  if (size < sizeof(pkg::TokenizerHeader))
    return "is " + std::to_string(size) + " bytes, less than its " +
           std::to_string(sizeof(pkg::TokenizerHeader)) + "-byte header";
  pkg::TokenizerHeader h;
  std::memcpy(&h, data, sizeof(h));
  if (h.tokenCount == 0 || h.tokenCount > pkg::kMaxTokens)
    return "has " + std::to_string(h.tokenCount) + " tokens, not 1 to " +
           std::to_string(pkg::kMaxTokens);
  if (h.mergeCount > pkg::kMaxMerges)
    return "has " + std::to_string(h.mergeCount) + " merges, more than " +
           std::to_string(pkg::kMaxMerges);
  if (h.flags & ~(pkg::kTokenizerHasScores | pkg::kTokenizerHasSpmOptions))
    return "has unknown flags " + std::to_string(h.flags);
  if (!(h.flags & pkg::kTokenizerHasSpmOptions) && h.options != 0)
    return "has options " + std::to_string(h.options) + " without the SentencePiece flag";
  if (h.options & ~pkg::kSpmKnownOptions)
    return "has unknown SentencePiece options " + std::to_string(h.options);
  // Pools are indexed by 32-bit offsets.
  if (h.tokenPoolBytes > UINT32_MAX || h.mergePoolBytes > UINT32_MAX)
    return "has a string pool larger than 4 GiB";
  pkg::TokenizerLayout l = pkg::tokenizerLayout(h);
  if (l.end != size)
    return "is " + std::to_string(size) + " bytes; its header describes " +
           std::to_string(l.end);
  auto offsets = [data](uint64_t at) {
    return reinterpret_cast<const uint32_t *>(data + at);
  };
  if (std::string e = checkOffsets(offsets(l.tokenOffsets), h.tokenCount,
                                   h.tokenPoolBytes, "token");
      !e.empty())
    return e;
  if (std::string e = checkOffsets(offsets(l.mergeOffsets),
                                   2 * uint64_t(h.mergeCount),
                                   h.mergePoolBytes, "merge");
      !e.empty())
    return e;
  header = h;
  tokenOffsets = offsets(l.tokenOffsets);
  tokenTypes = data + l.tokenTypes;
  scores = hasScores() ? reinterpret_cast<const float *>(data + l.scores)
                       : nullptr;
  mergeOffsets = offsets(l.mergeOffsets);
  tokenPool = reinterpret_cast<const char *>(data + l.tokenPool);
  mergePool = reinterpret_cast<const char *>(data + l.mergePool);
  return "";
}

} // namespace sinkrt
