//===- Tokenizer.cpp - BPE tokenizers of the runtime ----------------------===//
//
// What both kinds share, and byte-level BPE; SentencePiece's own steps are
// in Spm.cpp.
//
//===----------------------------------------------------------------------===//

#include "tokenizer/Tokenizer.h"

#include "tokenizer/ByteLevel.h"
#include "tokenizer/PreTokenizer.h"
#include "tokenizer/Utf8.h"

#include <algorithm>
#include <queue>

namespace sinkrt {
namespace {

uint64_t pairKey(int32_t left, int32_t right) {
  return (uint64_t(uint32_t(left)) << 32) | uint32_t(right);
}

bool fail(std::string *error, std::string message) {
  if (error)
    *error = std::move(message);
  return false;
}

// Pieces longer than this are not cached: they rarely repeat and would
// make the cache hold the whole text.
constexpr size_t kMaxCachedPiece = 256;

} // namespace

Tokenizer::~Tokenizer() = default;

std::unique_ptr<Tokenizer> Tokenizer::create(TokenizerData in, std::string *error) {
  std::unique_ptr<Tokenizer> t(new Tokenizer());
  TokenizerData &d = t->data;
  d = std::move(in);
  auto bad = [&](std::string message) {
    fail(error, "tokenizer: " + std::move(message));
    return nullptr;
  };

  if (d.kind != "gpt2" && d.kind != "llama")
    return bad("kind '" + d.kind +
               "' is not supported (only 'gpt2', byte-level BPE, and 'llama', SentencePiece BPE)");
  t->spm = d.kind == "llama";
  if (d.tokens.empty())
    return bad("the vocabulary is empty");
  if (d.tokens.size() > size_t(INT32_MAX))
    return bad("the vocabulary has more than 2^31-1 tokens");
  const size_t n = d.tokens.size();
  if (!d.tokenTypes.empty() && d.tokenTypes.size() != n)
    return bad("token types have " + std::to_string(d.tokenTypes.size()) + " entries for " +
               std::to_string(n) + " tokens");
  if (!d.scores.empty() && d.scores.size() != n)
    return bad("scores have " + std::to_string(d.scores.size()) + " entries for " +
               std::to_string(n) + " tokens");
  struct Special {
    const char *name;
    int32_t id;
  } specials[] = {
      {"bos", d.bos}, {"eos", d.eos}, {"unk", d.unk}, {"pad", d.pad}, {"bpe unk", d.bpeUnk}};
  for (const Special &s : specials)
    if (s.id < -1 || s.id >= int32_t(n))
      return bad(std::string(s.name) + " id " + std::to_string(s.id) +
                 " is outside the vocabulary of " + std::to_string(n) + " tokens");

  // Token tables. A text that appears twice keeps its first id (as the
  // oracle's vocabulary does).
  t->bytesOf.resize(n);
  t->idOfText.reserve(n);
  for (size_t i = 0; i < n; ++i)
    t->idOfText.emplace(d.tokens[i], int32_t(i));
  if (!t->spm) {
    for (size_t i = 0; i < n; ++i) {
      const std::string &text = d.tokens[i];
      if (std::optional<std::string> raw = bytelevel::decode(text)) {
        t->idOfBytes.emplace(*raw, int32_t(i));
        t->bytesOf[i] = std::move(*raw);
      } else {
        t->bytesOf[i] = text;
      }
    }
    for (unsigned b = 0; b < 256; ++b) {
      std::string one;
      utf8::append(one, bytelevel::byteToCodePoint(uint8_t(b)));
      auto it = t->idOfText.find(one);
      t->byteId[b] = it == t->idOfText.end() ? -1 : it->second;
    }
  }

  // Merges: "left right" -> the token left+right, by rank. A repeated pair
  // takes its last rank (the oracle builds a hash map from the list).
  t->mergeOf.reserve(d.merges.size());
  for (size_t rank = 0; rank < d.merges.size(); ++rank) {
    const std::string &m = d.merges[rank];
    std::string where = "merge " + std::to_string(rank) + " '" + m + "'";
    size_t space = m.find(' ');
    if (space == std::string::npos || space == 0 || space + 1 == m.size())
      return bad(where + " is not two tokens separated by a space");
    std::string left = m.substr(0, space), right = m.substr(space + 1);
    auto l = t->idOfText.find(left), r = t->idOfText.find(right);
    if (l == t->idOfText.end())
      return bad(where + ": '" + left + "' is not in the vocabulary");
    if (r == t->idOfText.end())
      return bad(where + ": '" + right + "' is not in the vocabulary");
    auto res = t->idOfText.find(left + right);
    if (res == t->idOfText.end())
      return bad(where + ": the merged token '" + left + right + "' is not in the vocabulary");
    t->mergeOf[pairKey(l->second, r->second)] = {int32_t(rank), res->second};
  }
  if (t->spm && !t->initSpm(error))
    return nullptr;

  // Special tokens cut out of the text before splitting: user-defined and
  // control tokens (without token types: BOS, EOS, PAD count as control).
  // SentencePiece's unknown token is special too (llama.cpp matches it in
  // the text; tokenizer.json lists it as a special added token).
  t->specialKind.assign(n, SpecialNone);
  if (!d.tokenTypes.empty()) {
    for (size_t i = 0; i < n; ++i) {
      if (d.tokenTypes[i] == TokenTypeControl ||
          (t->spm && d.tokenTypes[i] == TokenTypeUnknown))
        t->specialKind[i] = SpecialControl;
      else if (d.tokenTypes[i] == TokenTypeUserDefined)
        t->specialKind[i] = SpecialUser;
    }
  } else {
    for (int32_t id : {d.bos, d.eos, d.pad, t->spm ? d.unk : -1})
      if (id >= 0)
        t->specialKind[id] = SpecialControl;
  }
  for (size_t i = 0; i < n; ++i) {
    if (t->specialKind[i] == SpecialNone || d.tokens[i].empty() ||
        t->idOfText[d.tokens[i]] != int32_t(i))
      continue;
    t->specialsByFirstByte[uint8_t(d.tokens[i][0])].push_back(int32_t(i));
  }
  for (std::vector<int32_t> &bucket : t->specialsByFirstByte)
    std::stable_sort(bucket.begin(), bucket.end(),
                     [&](int32_t a, int32_t b) { return d.tokens[a].size() > d.tokens[b].size(); });

  std::string regexError;
  t->pre = PreTokenizer::create(d.preRegexes, &regexError);
  if (!t->pre)
    return bad(regexError);
  return t;
}

bool Tokenizer::isControl(int32_t id) const {
  return id >= 0 && id < vocabSize() && specialKind[id] == SpecialControl;
}

int32_t Tokenizer::tokenId(std::string_view text) const {
  auto it = idOfText.find(std::string(text));
  return it == idOfText.end() ? -1 : it->second;
}

std::string Tokenizer::tokenBytes(int32_t id) const {
  if (id < 0 || id >= vocabSize())
    return {};
  return bytesOf[id];
}

std::pair<int32_t, size_t> Tokenizer::matchSpecial(std::string_view text, size_t pos,
                                                   bool control) const {
  for (int32_t id : specialsByFirstByte[uint8_t(text[pos])]) {
    if (!control && specialKind[id] == SpecialControl)
      continue;
    const std::string &s = data.tokens[id];
    if (text.compare(pos, s.size(), s) == 0)
      return {id, s.size()};
  }
  return {-1, 0};
}

void Tokenizer::encodePiece(std::string_view piece, std::vector<int32_t> &out) const {
  if (data.ignoreMerges) {
    auto it = idOfBytes.find(std::string(piece));
    if (it != idOfBytes.end()) {
      out.push_back(it->second);
      return;
    }
  }
  // One symbol per byte. A byte without a token becomes bpeUnk, or is
  // dropped without one (as HF BPE does).
  std::vector<int32_t> symbols;
  symbols.reserve(piece.size());
  for (char c : piece) {
    int32_t id = byteId[uint8_t(c)];
    if (id < 0)
      id = data.bpeUnk;
    if (id >= 0)
      symbols.push_back(id);
  }
  merge(symbols, out);
}

void Tokenizer::merge(const std::vector<int32_t> &symbols, std::vector<int32_t> &out) const {
  if (symbols.empty())
    return;
  // The symbols as a doubly linked list over positions.
  struct Symbol {
    int32_t id;
    int32_t prev, next;
    bool alive;
  };
  std::vector<Symbol> sym(symbols.size());
  for (size_t i = 0; i < symbols.size(); ++i)
    sym[i] = {symbols[i], int32_t(i) - 1, int32_t(i) + 1, true};
  sym.back().next = -1;

  // Candidate merges, lowest rank first, then leftmost. Entries go stale
  // when a neighbour merges; they are checked when popped.
  struct Candidate {
    int32_t rank, pos, left, right, result;
    bool operator>(const Candidate &o) const {
      return rank != o.rank ? rank > o.rank : pos > o.pos;
    }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
  auto consider = [&](int32_t pos) {
    if (pos < 0 || sym[pos].next < 0)
      return;
    int32_t l = sym[pos].id, r = sym[sym[pos].next].id;
    auto it = mergeOf.find(pairKey(l, r));
    if (it != mergeOf.end())
      queue.push({it->second.rank, pos, l, r, it->second.result});
  };
  for (int32_t i = 0; i + 1 < int32_t(sym.size()); ++i)
    consider(i);
  while (!queue.empty()) {
    Candidate c = queue.top();
    queue.pop();
    Symbol &s = sym[c.pos];
    if (!s.alive || s.next < 0 || s.id != c.left || sym[s.next].id != c.right)
      continue;
    Symbol &r = sym[s.next];
    r.alive = false;
    s.id = c.result;
    s.next = r.next;
    if (r.next >= 0)
      sym[r.next].prev = c.pos;
    consider(s.prev);
    consider(c.pos);
  }
  for (int32_t i = 0; i >= 0; i = sym[i].next)
    out.push_back(sym[i].id);
}

void Tokenizer::encodeOrdinary(std::string_view text, std::vector<int32_t> &out,
                               std::unordered_map<std::string, std::vector<int32_t>> &cache) const {
  std::vector<Span> pieces;
  pre->split(text, pieces);
  for (Span p : pieces) {
    std::string_view piece = text.substr(p.offset, p.length);
    if (piece.size() > kMaxCachedPiece) {
      encodePiece(piece, out);
      continue;
    }
    auto [it, inserted] = cache.try_emplace(std::string(piece));
    if (inserted)
      encodePiece(piece, it->second);
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addBos,
                                       bool parseSpecial) const {
  std::vector<int32_t> out;
  out.reserve(text.size() / 3 + 1);
  if (addBos && data.bos >= 0)
    out.push_back(data.bos);
  std::unordered_map<std::string, std::vector<int32_t>> cache;
  // Special tokens first, leftmost-longest, as HF's added vocabulary does;
  // the text between them is ordinary.
  size_t segment = 0;
  auto ordinary = [&](size_t end) {
    if (spm)
      encodeSpm(text.substr(segment, end - segment), segment, out, cache);
    else
      encodeOrdinary(text.substr(segment, end - segment), out, cache);
  };
  for (size_t pos = 0; pos < text.size();) {
    auto [id, length] = matchSpecial(text, pos, parseSpecial);
    if (id < 0) {
      ++pos;
      continue;
    }
    ordinary(pos);
    out.push_back(id);
    pos += length;
    segment = pos;
  }
  ordinary(text.size());
  return out;
}

std::string Tokenizer::decode(const std::vector<int32_t> &ids, bool skipSpecial) const {
  if (spm)
    return decodeSpm(ids, skipSpecial);
  std::string bytes;
  for (int32_t id : ids) {
    if (id < 0 || id >= vocabSize() || (skipSpecial && isControl(id)))
      continue;
    bytes += bytesOf[id];
  }
  return utf8::sanitize(bytes);
}

//===----------------------------------------------------------------------===//
// StreamDecoder
//===----------------------------------------------------------------------===//

std::string StreamDecoder::push(int32_t id) {
  if (id < 0 || id >= tok.vocabSize() || (skipSpecial && tok.isControl(id)))
    return {};
  if (tok.isSpm())
    return pushSpm(id);
  held += tok.tokenBytes(id);
  std::string out;
  size_t pos = 0;
  while (pos < held.size()) {
    utf8::Step s = utf8::step(held, pos);
    if (s.kind == utf8::StepKind::Incomplete)
      break; // the next token may finish this character
    if (s.kind == utf8::StepKind::Valid)
      out.append(held, pos, s.length);
    else
      out.append(utf8::kReplacement);
    pos += s.length;
  }
  held.erase(0, pos);
  return out;
}

std::string StreamDecoder::flush() {
  std::string out;
  if (tok.isSpm()) {
    appendByteRun(out, held);
    out = strip(std::move(out));
  } else {
    out = utf8::sanitize(held);
  }
  held.clear();
  stripLeft = tok.stripLeading();
  return out;
}

} // namespace sinkrt
