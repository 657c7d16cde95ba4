//===- TokenizerSection.cpp - encoding the .sinkpkg tokenizer section -----===//

#include "TokenizerSection.h"

#include "sinkrt/package_format.h"

#include <cstring>

using namespace sinkrt::pkg;

namespace sinkc::package {

namespace {
template <typename T>
void put(std::vector<uint8_t> &out, uint64_t at, const T &value) {
  std::memcpy(out.data() + at, &value, sizeof(T)); // little-endian host
}
} // namespace

std::string encodeTokenizerSection(const TokenizerData &data,
                                   std::vector<uint8_t> &out) {
  uint64_t tokens = data.tokens.size(), merges = data.merges.size();
  if (tokens == 0)
    return "tokenizer has no tokens";
  if (tokens > kMaxTokens)
    return "tokenizer has " + std::to_string(tokens) + " tokens, more than " +
           std::to_string(kMaxTokens);
  if (merges > kMaxMerges)
    return "tokenizer has " + std::to_string(merges) + " merges, more than " +
           std::to_string(kMaxMerges);
  if (!data.types.empty() && data.types.size() != tokens)
    return "tokenizer has " + std::to_string(data.types.size()) +
           " token types for " + std::to_string(tokens) + " tokens";
  if (!data.scores.empty() && data.scores.size() != tokens)
    return "tokenizer has " + std::to_string(data.scores.size()) +
           " scores for " + std::to_string(tokens) + " tokens";

  if (data.spmOptions && (*data.spmOptions & ~kSpmKnownOptions))
    return "tokenizer has unknown SentencePiece options " +
           std::to_string(*data.spmOptions);

  TokenizerHeader header{};
  header.tokenCount = static_cast<uint32_t>(tokens);
  header.mergeCount = static_cast<uint32_t>(merges);
  header.flags = data.scores.empty() ? 0 : kTokenizerHasScores;
  if (data.spmOptions) {
    header.flags |= kTokenizerHasSpmOptions;
    header.options = *data.spmOptions;
  }
  for (const std::string &t : data.tokens)
    header.tokenPoolBytes += t.size();
  for (const auto &m : data.merges)
    header.mergePoolBytes += m.first.size() + m.second.size();
  // Offsets are 32-bit.
  if (header.tokenPoolBytes > UINT32_MAX || header.mergePoolBytes > UINT32_MAX)
    return "tokenizer strings exceed 4 GiB";

  TokenizerLayout layout = tokenizerLayout(header);
  out.assign(layout.end, 0);
  put(out, 0, header);
  uint32_t offset = 0;
  for (uint64_t i = 0; i < tokens; ++i) {
    put(out, layout.tokenOffsets + 4 * i, offset);
    std::memcpy(out.data() + layout.tokenPool + offset, data.tokens[i].data(),
                data.tokens[i].size());
    offset += static_cast<uint32_t>(data.tokens[i].size());
    out[layout.tokenTypes + i] = data.types.empty() ? 1 : data.types[i];
    if (!data.scores.empty())
      put(out, layout.scores + 4 * i, data.scores[i]);
  }
  put(out, layout.tokenOffsets + 4 * tokens, offset);

  offset = 0;
  uint64_t index = 0;
  for (const auto &m : data.merges) {
    for (const std::string *s : {&m.first, &m.second}) {
      put(out, layout.mergeOffsets + 4 * index++, offset);
      std::memcpy(out.data() + layout.mergePool + offset, s->data(), s->size());
      offset += static_cast<uint32_t>(s->size());
    }
  }
  put(out, layout.mergeOffsets + 4 * index, offset);
  return "";
}

} // namespace sinkc::package
