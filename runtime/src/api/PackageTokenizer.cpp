//===- PackageTokenizer.cpp - TokenizerData from a package --------------===//
//
// The tokenizer section holds the vocabulary, token types, scores, merges
// and SentencePiece options; the manifest's "tokenizer" the rest. Beyond the
// fields docs/package-format.md requires, sinkc writes three the runtime
// tokenizer needs and older packages may lack (defaults in parentheses):
// "token_types" (true): false when the source had none, so that BOS/EOS/PAD
// count as control tokens;
// "ignore_merges" (false): HF BPE ignore_merges; "bpe_unk" (-1): the token
// of bytes without one of their own.
//
//===----------------------------------------------------------------------===//

#include "api/Handles.h"

using Json = nlohmann::json;

namespace sinkrt::api {

std::string tokenizerDataFromPackage(const PackageReader &reader, TokenizerData &out) {
  const Manifest &m = reader.manifest();
  const TokenizerConfig &config = m.tokenizer;
  const TokenizerView &view = reader.tokenizer();
  auto bad = [&](const std::string &field, const std::string &what) {
    return reader.path() + ": manifest field \"tokenizer." + field + "\" " + what;
  };

  bool tokenTypes = true;
  out.ignoreMerges = false;
  out.bpeUnk = -1;
  auto it = m.json.find("tokenizer");
  if (it != m.json.end() && it->is_object()) {
    const Json &t = *it;
    if (auto f = t.find("token_types"); f != t.end()) {
      if (!f->is_boolean())
        return bad("token_types", "is not a boolean");
      tokenTypes = f->get<bool>();
    }
    if (auto f = t.find("ignore_merges"); f != t.end()) {
      if (!f->is_boolean())
        return bad("ignore_merges", "is not a boolean");
      out.ignoreMerges = f->get<bool>();
    }
    if (auto f = t.find("bpe_unk"); f != t.end()) {
      if (!f->is_number_integer() || f->get<int64_t>() < -1 ||
          f->get<int64_t>() >= int64_t(view.tokenCount()))
        return bad("bpe_unk", "is not -1 or a token id of the tokenizer section");
      out.bpeUnk = int32_t(f->get<int64_t>());
    }
  }

  out.kind = config.kind;
  out.preRegexes = config.regexes;
  // The reader checked that the special ids lie in the vocabulary.
  out.bos = int32_t(config.bos);
  out.eos = int32_t(config.eos);
  out.unk = int32_t(config.unk);
  out.pad = int32_t(config.pad);
  out.addBos = config.addBos;

  const uint32_t n = view.tokenCount();
  out.tokens.clear();
  out.tokens.reserve(n);
  out.tokenTypes.clear();
  if (tokenTypes)
    out.tokenTypes.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    out.tokens.emplace_back(view.token(i));
    if (tokenTypes)
      out.tokenTypes.push_back(view.tokenType(i));
  }
  // Scores (GGUF SentencePiece merges by them) and SentencePiece options.
  out.scores.clear();
  if (view.hasScores()) {
    out.scores.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
      out.scores.push_back(view.score(i));
  }
  out.spm = SpmOptions::fromBits(view.spmOptions());
  // The runtime tokenizer takes merges as "left right".
  out.merges.clear();
  out.merges.reserve(view.mergeCount());
  for (uint32_t r = 0; r < view.mergeCount(); ++r) {
    auto [left, right] = view.merge(r);
    std::string merge;
    merge.reserve(left.size() + 1 + right.size());
    merge.append(left).append(1, ' ').append(right);
    out.merges.push_back(std::move(merge));
  }
  return "";
}

} // namespace sinkrt::api
