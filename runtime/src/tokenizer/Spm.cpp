//===- Spm.cpp - SentencePiece BPE (Llama 1/2, Mistral) -------------------===//
//
// The steps of kind "llama" (Tokenizer.h), written after HF `tokenizers`,
// whose output the tests compare with:
//
// - normalization: the Prepend("▁") + Replace(" ", "▁") normalizer of
//   Llama 2's tokenizer.json (= llama.cpp's add_space_prefix, which puts a
//   space before every text between special tokens), or Metaspace's
//   prepend schemes and split (SpmOptions);
// - the BPE model with byte_fallback and fuse_unk (models/bpe/model.rs
//   merge_word): each character is its token, else its <0xNN> byte tokens,
//   else the unknown token (one for a run of such characters); then merges
//   by rank;
// - for GGUF, which stores scores instead of merges, the merges transformers
//   derives (SentencePieceExtractor): every split of a token into two
//   tokens, the highest-scoring token's first. llama.cpp's llm_tokenizer_spm
//   merges the same pairs in the same order except where two splits of one
//   token compete at once (llama.cpp: the leftmost; here: the split with
//   the lower ids), which real vocabularies make rare;
// - decoding as Llama's Replace("▁", " ") + ByteFallback + Fuse + Strip
//   decoder.
//
//===----------------------------------------------------------------------===//

#include "tokenizer/Tokenizer.h"

#include "tokenizer/Utf8.h"

#include "sinkrt/package_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sinkrt {
namespace {

/// U+2581 LOWER ONE EIGHTH BLOCK, SentencePiece's space.
constexpr std::string_view kSpace = "\xE2\x96\x81";

// Words longer than this are not cached (as in Tokenizer.cpp).
constexpr size_t kMaxCachedWord = 256;

// Tokens longer than this are not split into merges: looking their halves
// up costs the square of their length, which a corrupt package could make
// huge, and SentencePiece pieces are at most 16 characters by default.
constexpr size_t kMaxMergedToken = 256;

int hexDigit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/// The byte of a token that HF's ByteFallback decoder reads as one: six
/// bytes "<0x", then what Rust's u8::from_str_radix(_, 16) takes (two hex
/// digits, or '+' and one), then ">". Else -1.
int parseByteToken(std::string_view t) {
  if (t.size() != 6 || t.substr(0, 3) != "<0x" || t[5] != '>')
    return -1;
  if (t[3] == '+')
    return hexDigit(t[4]);
  int hi = hexDigit(t[3]), lo = hexDigit(t[4]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/// The code point of the well-formed sequence of `length` bytes at `p`.
uint32_t codePoint(const char *p, size_t length) {
  auto u = [&](size_t i) { return uint32_t(uint8_t(p[i])); };
  switch (length) {
  case 1:
    return u(0);
  case 2:
    return ((u(0) & 0x1F) << 6) | (u(1) & 0x3F);
  case 3:
    return ((u(0) & 0x0F) << 12) | ((u(1) & 0x3F) << 6) | (u(2) & 0x3F);
  default:
    return ((u(0) & 0x07) << 18) | ((u(1) & 0x3F) << 12) | ((u(2) & 0x3F) << 6) | (u(3) & 0x3F);
  }
}

/// A token's text as decoded: "▁" -> " ", ill-formed UTF-8 (possible in a
/// GGUF vocabulary) replaced by U+FFFD.
std::string spaced(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    if (text.compare(pos, kSpace.size(), kSpace) == 0) {
      out += ' ';
      pos += kSpace.size();
    } else {
      out += text[pos++];
    }
  }
  return utf8::isValid(out) ? out : utf8::sanitize(out);
}

} // namespace

SpmOptions SpmOptions::fromBits(uint32_t bits) {
  SpmOptions o;
  o.prefix = Prefix(bits & pkg::kSpmPrefixMask);
  o.split = bits & pkg::kSpmSplit;
  o.byteFallback = bits & pkg::kSpmByteFallback;
  o.stripLeading = uint8_t((bits & pkg::kSpmStripMask) >> pkg::kSpmStripShift);
  return o;
}

uint32_t SpmOptions::toBits() const {
  return uint32_t(prefix) | (split ? pkg::kSpmSplit : 0) |
         (byteFallback ? pkg::kSpmByteFallback : 0) |
         ((uint32_t(stripLeading) << pkg::kSpmStripShift) & pkg::kSpmStripMask);
}

void appendByteRun(std::string &out, std::string_view run) {
  if (utf8::isValid(run)) {
    out.append(run);
    return;
  }
  for (size_t i = 0; i < run.size(); ++i)
    out.append(utf8::kReplacement);
}

bool Tokenizer::initSpm(std::string *error) {
  const std::vector<std::string> &tokens = data.tokens;
  const size_t n = tokens.size();
  if (data.spm.stripLeading > 15) {
    if (error)
      *error = "tokenizer: SentencePiece strips " + std::to_string(data.spm.stripLeading) +
               " leading spaces, more than 15";
    return false;
  }
  spmByteOf.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    spmByteOf[i] = int16_t(parseByteToken(tokens[i]));
    bytesOf[i] = spmByteOf[i] >= 0 ? std::string(1, char(spmByteOf[i])) : spaced(tokens[i]);
  }
  // Byte fallback looks tokens up as HF and llama.cpp spell them.
  for (unsigned b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    auto it = idOfText.find(name);
    byteId[b] = it == idOfText.end() ? -1 : it->second;
  }
  for (size_t i = 0; i < n; ++i) {
    const std::string &t = tokens[i];
    if (t.empty() || idOfText[t] != int32_t(i))
      continue;
    utf8::Step s = utf8::step(t, 0);
    if (s.kind == utf8::StepKind::Valid && s.length == t.size())
      charId.emplace(codePoint(t.data(), t.size()), int32_t(i));
  }
  spmUnk = data.bpeUnk >= 0 ? data.bpeUnk : data.unk;
  // No token holds a "▁" after something else (SentencePiece pieces start
  // with their "▁"s): then no merge crosses into a "▁" that follows
  // another character, and the text can be merged word by word.
  spmWords = std::none_of(tokens.begin(), tokens.end(), [](const std::string &t) {
    for (size_t k = t.find(kSpace, 1); k != std::string::npos; k = t.find(kSpace, k + 1))
      if (k < kSpace.size() || t.compare(k - kSpace.size(), kSpace.size(), kSpace) != 0)
        return true;
    return false;
  });
  if (!data.merges.empty() || data.scores.empty())
    return true;

  // Merges from scores: every split of a token into two tokens (at
  // character boundaries), by the token's score, highest first, then by
  // its id, then by the halves' ids.
  struct Candidate {
    float score;
    int32_t result, left, right;
  };
  std::vector<Candidate> found;
  for (size_t i = 0; i < n; ++i) {
    const std::string &t = tokens[i];
    if (t.empty() || t.size() > kMaxMergedToken || idOfText[t] != int32_t(i))
      continue;
    float score = std::isnan(data.scores[i]) ? -std::numeric_limits<float>::infinity()
                                             : data.scores[i];
    for (size_t k = utf8::step(t, 0).length; k < t.size(); k += utf8::step(t, k).length) {
      auto l = idOfText.find(t.substr(0, k));
      if (l == idOfText.end())
        continue;
      auto r = idOfText.find(t.substr(k));
      if (r != idOfText.end())
        found.push_back({score, int32_t(i), l->second, r->second});
    }
  }
  std::sort(found.begin(), found.end(), [](const Candidate &a, const Candidate &b) {
    if (a.score != b.score)
      return a.score > b.score;
    if (a.result != b.result)
      return a.result < b.result;
    return a.left != b.left ? a.left < b.left : a.right < b.right;
  });
  mergeOf.reserve(found.size());
  for (size_t rank = 0; rank < found.size(); ++rank) {
    const Candidate &c = found[rank];
    mergeOf[(uint64_t(uint32_t(c.left)) << 32) | uint32_t(c.right)] = {int32_t(rank), c.result};
  }
  return true;
}

void Tokenizer::encodeSpm(std::string_view text, size_t offset, std::vector<int32_t> &out,
                          std::unordered_map<std::string, std::vector<int32_t>> &cache) const {
  if (text.empty())
    return;
  bool startsWithSpace = text[0] == ' ' || text.substr(0, kSpace.size()) == kSpace;
  bool prefix = false;
  switch (data.spm.prefix) {
  case SpmOptions::Prefix::None:
    break;
  case SpmOptions::Prefix::Every:
    prefix = true;
    break;
  case SpmOptions::Prefix::First:
    prefix = offset == 0 && !startsWithSpace;
    break;
  case SpmOptions::Prefix::Always:
    prefix = !startsWithSpace;
    break;
  }
  std::string norm;
  norm.reserve(text.size() + text.size() / 4 + kSpace.size());
  if (prefix)
    norm.append(kSpace);
  for (char c : text) {
    if (c == ' ')
      norm.append(kSpace);
    else
      norm += c;
  }
  if (!data.spm.split && !spmWords) {
    encodeSpmWord(norm, out);
    return;
  }
  // Metaspace split: a word starts at every "▁" (never inside one: its
  // last two bytes are continuation bytes). Else words start at a "▁" after
  // another character (spmWords): the merges come out the same, and words
  // repeat, so they are cached.
  std::string_view all = norm;
  for (size_t start = 0; start < all.size();) {
    size_t next = all.find(kSpace, start + 1);
    while (!data.spm.split && next != std::string_view::npos && next >= kSpace.size() &&
           all.compare(next - kSpace.size(), kSpace.size(), kSpace) == 0)
      next = all.find(kSpace, next + 1);
    if (next == std::string_view::npos)
      next = all.size();
    std::string_view word = all.substr(start, next - start);
    start = next;
    if (word.size() > kMaxCachedWord) {
      encodeSpmWord(word, out);
      continue;
    }
    auto [it, inserted] = cache.try_emplace(std::string(word));
    if (inserted)
      encodeSpmWord(word, it->second);
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
}

void Tokenizer::encodeSpmWord(std::string_view word, std::vector<int32_t> &out) const {
  // HF BPE merge_word: a character's token, else (byte_fallback) its byte
  // tokens when all of them exist, else the unknown token, one for a run of
  // unknown characters. As there, byte tokens do not end such a run.
  std::vector<int32_t> symbols;
  symbols.reserve(word.size());
  bool pendingUnk = false;
  for (size_t pos = 0; pos < word.size();) {
    utf8::Step s = utf8::step(word, pos);
    int32_t id = -1;
    if (s.kind == utf8::StepKind::Valid) {
      auto it = charId.find(codePoint(word.data() + pos, s.length));
      if (it != charId.end())
        id = it->second;
    }
    if (id >= 0) {
      if (pendingUnk)
        symbols.push_back(spmUnk);
      pendingUnk = false;
      symbols.push_back(id);
    } else {
      bool bytes = data.spm.byteFallback;
      for (size_t i = 0; bytes && i < s.length; ++i)
        bytes = byteId[uint8_t(word[pos + i])] >= 0;
      if (bytes) {
        for (size_t i = 0; i < s.length; ++i)
          symbols.push_back(byteId[uint8_t(word[pos + i])]);
      } else if (spmUnk >= 0) {
        pendingUnk = true;
      }
    }
    pos += s.length;
  }
  if (pendingUnk)
    symbols.push_back(spmUnk);
  merge(symbols, out);
}

std::string Tokenizer::decodeSpm(const std::vector<int32_t> &ids, bool skipSpecial) const {
  std::string out, run;
  for (int32_t id : ids) {
    if (id < 0 || id >= vocabSize() || (skipSpecial && isControl(id)))
      continue;
    if (spmByteOf[id] >= 0) {
      run += char(spmByteOf[id]);
      continue;
    }
    appendByteRun(out, run);
    run.clear();
    out += bytesOf[id];
  }
  appendByteRun(out, run);
  size_t k = 0;
  while (k < data.spm.stripLeading && k < out.size() && out[k] == ' ')
    ++k;
  out.erase(0, k);
  return out;
}

//===----------------------------------------------------------------------===//
// StreamDecoder
//===----------------------------------------------------------------------===//

std::string StreamDecoder::pushSpm(int32_t id) {
  int byte = tok.spmByte(id);
  if (byte >= 0) {
    held += char(byte);
    return {};
  }
  std::string out;
  appendByteRun(out, held);
  held.clear();
  out += tok.tokenBytes(id);
  return strip(std::move(out));
}

std::string StreamDecoder::strip(std::string text) {
  size_t k = 0;
  while (stripLeft > 0 && k < text.size() && text[k] == ' ') {
    ++k;
    --stripLeft;
  }
  if (k < text.size())
    stripLeft = 0; // the text has begun
  text.erase(0, k);
  return text;
}

} // namespace sinkrt
