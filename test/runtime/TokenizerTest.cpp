//===- TokenizerTest.cpp - the runtime's BPE tokenizers -------------------===//
//
// Hand-made vocabularies with known encodings: merge order, byte fallback,
// pre-tokenizer splits, special tokens, UTF-8 handling, streaming, errors;
// for SentencePiece also scores, prefixes, decoding and the package
// section's options.
// Equality with the HF `tokenizers` oracle on real models is
// test/runtime/test_tokenizer.py's job.
//
//===----------------------------------------------------------------------===//

#include "tokenizer/Tokenizer.h"
#include "package/TokenizerView.h"
#include "tokenizer/ByteLevel.h"
#include "tokenizer/PreTokenizer.h"
#include "tokenizer/Utf8.h"
#include "../../lowering/package/TokenizerSection.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>

using namespace sinkrt;

namespace {

const char *const kGpt2 =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))";
const char *const kLlama3 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

/// A vocabulary of the 256 bytes (id = byte value), then `extra` tokens
/// (raw bytes, in order), with `merges` given as raw (left, right) pairs.
TokenizerData byteVocab(const std::vector<std::string> &extra = {},
                        const std::vector<std::pair<std::string, std::string>> &merges = {},
                        std::vector<std::string> regexes = {kGpt2}) {
  TokenizerData d;
  d.kind = "gpt2";
  for (int b = 0; b < 256; ++b)
    d.tokens.push_back(bytelevel::encode(std::string(1, char(b))));
  for (const std::string &e : extra)
    d.tokens.push_back(bytelevel::encode(e));
  for (const auto &[l, r] : merges)
    d.merges.push_back(bytelevel::encode(l) + " " + bytelevel::encode(r));
  d.preRegexes = std::move(regexes);
  return d;
}

std::unique_ptr<Tokenizer> make(TokenizerData d) {
  std::string error;
  std::unique_ptr<Tokenizer> t = Tokenizer::create(std::move(d), &error);
  EXPECT_TRUE(t) << error;
  return t;
}

/// The id of a token given by its raw bytes.
int32_t id(const Tokenizer &t, const std::string &raw) {
  int32_t i = t.tokenId(bytelevel::encode(raw));
  EXPECT_GE(i, 0) << "no token '" << raw << "'";
  return i;
}

std::vector<int32_t> bytesOf(const std::string &s) {
  std::vector<int32_t> ids;
  for (char c : s)
    ids.push_back(uint8_t(c));
  return ids;
}

std::string createError(TokenizerData d) {
  std::string error;
  EXPECT_FALSE(Tokenizer::create(std::move(d), &error));
  return error;
}

std::vector<std::string> pieces(const std::vector<std::string> &regexes, std::string_view text) {
  std::string error;
  std::unique_ptr<PreTokenizer> p = PreTokenizer::create(regexes, &error);
  EXPECT_TRUE(p) << error;
  std::vector<Span> spans;
  p->split(text, spans);
  std::vector<std::string> out;
  for (Span s : spans)
    out.emplace_back(text.substr(s.offset, s.length));
  return out;
}

using Strings = std::vector<std::string>;

//===----------------------------------------------------------------------===//
// UTF-8
//===----------------------------------------------------------------------===//

TEST(Utf8Test, StepsFollowMaximalSubparts) {
  using K = utf8::StepKind;
  auto step = [](std::string_view s) { return utf8::step(s, 0); };
  EXPECT_EQ(step("a").kind, K::Valid);
  EXPECT_EQ(step("\xC3\xA9").length, 2u);
  EXPECT_EQ(step("\xE4\xB8\xAD").length, 3u);
  EXPECT_EQ(step("\xF0\x9F\x98\x80").length, 4u);
  EXPECT_EQ(step("\xF0\x9F\x98\x80").kind, K::Valid);
  // Cut off at the end of the input: a prefix to wait for.
  EXPECT_EQ(step("\xF0\x9F\x98").kind, K::Incomplete);
  EXPECT_EQ(step("\xF0\x9F\x98").length, 3u);
  // Ill-formed: overlong, surrogate, past U+10FFFF, stray continuation.
  EXPECT_EQ(step("\xE0\x80\x80").kind, K::Invalid);
  EXPECT_EQ(step("\xE0\x80\x80").length, 1u);
  EXPECT_EQ(step("\xED\xA0\x80").length, 1u);
  EXPECT_EQ(step("\xF4\x90\x80\x80").length, 1u);
  EXPECT_EQ(step("\x80").kind, K::Invalid);
  EXPECT_EQ(step("\xC0\xAF").length, 1u);
  // A good prefix broken by a non-continuation byte: the prefix is one part.
  EXPECT_EQ(step("\xF0\x9F\x98"
                 "a")
                .kind,
            K::Invalid);
  EXPECT_EQ(step("\xF0\x9F\x98"
                 "a")
                .length,
            3u);
}

TEST(Utf8Test, SanitizeReplacesLikeFromUtf8Lossy) {
  // The values Rust's String::from_utf8_lossy (the oracle's decoder) gives.
  EXPECT_EQ(utf8::sanitize("a\xFF"
                           "b"),
            "a\uFFFDb");
  EXPECT_EQ(utf8::sanitize("\xF0\x9F\x98"), "\uFFFD");
  EXPECT_EQ(utf8::sanitize("\xF0\x9F\x98"
                           "a"),
            "\uFFFDa");
  EXPECT_EQ(utf8::sanitize("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(utf8::sanitize("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(utf8::sanitize("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41"), "\uFFFD\uFFFD\uFFFD\uFFFD\x41");
  EXPECT_EQ(utf8::sanitize("h\xC3\xA9 \xF0\x9F\x98\x80"), "h\u00E9 \U0001F600");
  EXPECT_TRUE(utf8::isValid("\U0001F468\u200D\U0001F469"));
  EXPECT_FALSE(utf8::isValid("\xC3"));
}

TEST(Utf8Test, AppendEncodes) {
  std::string s;
  for (uint32_t cp : {0x41u, 0xE9u, 0x4E2Du, 0x1F600u, 0x10FFFFu})
    utf8::append(s, cp);
  EXPECT_EQ(s, "A\u00E9\u4E2D\U0001F600\U0010FFFF");
}

//===----------------------------------------------------------------------===//
// Byte-level mapping
//===----------------------------------------------------------------------===//

TEST(ByteLevelTest, Gpt2Mapping) {
  EXPECT_EQ(bytelevel::byteToCodePoint(' '), 0x120u);  // 'Ġ'
  EXPECT_EQ(bytelevel::byteToCodePoint('\n'), 0x10Au); // 'Ċ'
  EXPECT_EQ(bytelevel::byteToCodePoint(0), 0x100u);
  EXPECT_EQ(bytelevel::byteToCodePoint(0x7F), 0x121u);
  EXPECT_EQ(bytelevel::byteToCodePoint(0xAD), 0x143u);
  EXPECT_EQ(bytelevel::byteToCodePoint('A'), uint32_t('A'));
  EXPECT_EQ(bytelevel::byteToCodePoint(0xE9), 0xE9u);
  EXPECT_EQ(bytelevel::encode(" hi\n"), "\u0120hi\u010A");
  for (int b = 0; b < 256; ++b) {
    std::string raw(1, char(b));
    EXPECT_EQ(bytelevel::decode(bytelevel::encode(raw)), raw) << b;
  }
  EXPECT_FALSE(bytelevel::decode("\u20AC"));           // not one of the 256
  EXPECT_FALSE(bytelevel::decode("<|im_start|>\xFF")); // ill-formed
}

//===----------------------------------------------------------------------===//
// Pre-tokenizer
//===----------------------------------------------------------------------===//

TEST(TokenizerPreTest, Gpt2UnicodeClasses) {
  EXPECT_EQ(pieces({kGpt2}, "Hello 世界 12³ 😀!!  x\n"),
            (Strings{"Hello", " 世界", " 12³", " 😀!!", " ", " x", "\n"}));
  // (?!\S) leaves the last space of a run to the next word.
  EXPECT_EQ(pieces({kGpt2}, "a   b"), (Strings{"a", "  ", " b"}));
  // Contractions are case-sensitive in GPT-2's list...
  EXPECT_EQ(pieces({kGpt2}, "it's IT'S"), (Strings{"it", "'s", " IT", "'", "S"}));
  // ... and not in Llama 3's, which also groups digits by three.
  EXPECT_EQ(pieces({kLlama3}, "IT'S 1234567"), (Strings{"IT", "'S", " ", "123", "456", "7"}));
}

TEST(TokenizerPreTest, RegexesApplyInSequence) {
  // SmolLM2: digits one at a time first, then GPT-2 within each piece.
  EXPECT_EQ(pieces({R"(\p{N})", kGpt2}, "ab 123x"), (Strings{"ab", " ", "1", "2", "3", "x"}));
  // Unmatched parts stay pieces of their own; nothing is lost.
  EXPECT_EQ(pieces({"b"}, "abcbb"), (Strings{"a", "b", "c", "b", "b"}));
  EXPECT_EQ(pieces({}, "as is"), (Strings{"as is"}));
  EXPECT_EQ(pieces({kGpt2}, ""), Strings{});
}

TEST(TokenizerPreTest, IllFormedInputGoesToGaps) {
  EXPECT_EQ(pieces({kGpt2}, "ab\xFF\xFE"
                            "cd"),
            (Strings{"ab", "\xFF\xFE", "cd"}));
}

TEST(TokenizerPreTest, MongolianVowelSeparatorIsNoSpace) {
  // Oniguruma (the regexes' engine upstream) takes \s as White_Space, which
  // U+180E is not; PCRE2's \s would take it.
  EXPECT_EQ(adaptSpaceClass(R"(\s+(?!\S)| ?[^\s\p{L}]+)"),
            R"(\p{White_Space}+(?!\P{White_Space})| ?[^\p{White_Space}\p{L}]+)");
  EXPECT_EQ(adaptSpaceClass(R"(\Q\s\E\\s)"), R"(\Q\s\E\\s)");
  EXPECT_EQ(adaptSpaceClass(R"(\p{N}+)"), R"(\p{N}+)");
  EXPECT_EQ(pieces({kGpt2}, " \u180E x"), (Strings{" \u180E", " x"}));
  EXPECT_EQ(pieces({kGpt2}, "a\u0085\u00A0\u3000b"), (Strings{"a", "\u0085\u00A0", "\u3000", "b"}));
}

TEST(TokenizerPreTest, LongRunsAreNotCutAtMatchLimits) {
  // A group repetition backtracks over the whole run: past PCRE2's default
  // JIT stack, which must not end the matching early.
  std::string run(300000, 'a');
  EXPECT_EQ(pieces({"(?:a|b)+c|a"}, run + "c"), Strings{run + "c"});
  EXPECT_EQ(pieces({kGpt2}, std::string(1000000, ' ') + "x"),
            (Strings{std::string(999999, ' '), " x"}));
}

//===----------------------------------------------------------------------===//
// BPE
//===----------------------------------------------------------------------===//

TEST(TokenizerTest, MergesByRank) {
  // "abc": (a b) outranks (b c) in one vocabulary, the reverse in the other.
  auto ab = make(byteVocab({"ab", "bc"}, {{"a", "b"}, {"b", "c"}}));
  EXPECT_EQ(ab->encode("abc", false, false), (std::vector<int32_t>{256, 'c'}));
  auto bc = make(byteVocab({"ab", "bc"}, {{"b", "c"}, {"a", "b"}}));
  EXPECT_EQ(bc->encode("abc", false, false), (std::vector<int32_t>{'a', 257}));
  // Equal ranks: leftmost first.
  auto aa = make(byteVocab({"aa"}, {{"a", "a"}}));
  EXPECT_EQ(aa->encode("aaa", false, false), (std::vector<int32_t>{256, 'a'}));
  EXPECT_EQ(aa->encode("aaaaa", false, false), (std::vector<int32_t>{256, 256, 'a'}));
}

TEST(TokenizerTest, MergesBuildWords) {
  auto t = make(byteVocab(
      {"he", "ll", "hell", "hello", " w", " wor", "or", " world"},
      {{"h", "e"}, {"l", "l"}, {"he", "ll"}, {"hell", "o"}, {" ", "w"}, {"o", "r"}, {" w", "or"}}));
  // " world" is a token, but no merge reaches it: BPE never looks tokens up.
  EXPECT_EQ(t->encode("hello world", false, false),
            (std::vector<int32_t>{id(*t, "hello"), id(*t, " wor"), 'l', 'd'}));
  // No merge across pieces: "o" and " r" are in different ones.
  EXPECT_EQ(t->encode("helo r", false, false),
            (std::vector<int32_t>{id(*t, "he"), 'l', 'o', ' ', 'r'}));
}

TEST(TokenizerTest, IgnoreMergesTakesWholeTokens) {
  TokenizerData d = byteVocab({"abc"}, {}, {kLlama3});
  auto plain = make(d);
  EXPECT_EQ(plain->encode("abc", false, false), (std::vector<int32_t>{'a', 'b', 'c'}));
  d.ignoreMerges = true;
  auto whole = make(d);
  EXPECT_EQ(whole->encode("abc", false, false), (std::vector<int32_t>{256}));
}

TEST(TokenizerTest, EveryByteFallsBackToItsToken) {
  auto t = make(byteVocab());
  std::string all;
  for (int b = 0; b < 256; ++b) {
    std::string raw(1, char(b));
    all += raw;
    EXPECT_EQ(t->encode(raw, false, false), (std::vector<int32_t>{b})) << b;
    EXPECT_EQ(t->tokenBytes(b), raw);
  }
  EXPECT_EQ(t->encode(all, false, false), bytesOf(all));
}

TEST(TokenizerTest, MissingByteIsDroppedOrUnk) {
  TokenizerData d = byteVocab({"<unk>"});
  d.tokens['\x01'] = "\u0100\u0100"; // byte 1 has no token of its own now
  auto dropped = make(d);
  EXPECT_EQ(dropped->encode("a\x01"
                            "b",
                            false, false),
            (std::vector<int32_t>{'a', 'b'}));
  d.bpeUnk = 256;
  auto unk = make(d);
  EXPECT_EQ(unk->encode("a\x01"
                        "b",
                        false, false),
            (std::vector<int32_t>{'a', 256, 'b'}));
}

TEST(TokenizerTest, RandomUtf8RoundTrips) {
  auto t = make(
      byteVocab({"\xF0\x9F", "\xF0\x9F\x98", " t", "th", "e\xCC"},
                {{"\xF0", "\x9F"}, {"\xF0\x9F", "\x98"}, {" ", "t"}, {"t", "h"}, {"e", "\xCC"}}));
  std::mt19937 rng(42);
  const uint32_t samples[] = {'a',     't',    'h',     ' ',      '\n',   '\t',
                              '\'',    '1',    0xE9,    0x301,    0x4E2D, 0x1F600,
                              0x1F468, 0x200D, 0x1F3FD, 0x10FFFF, 0x180E};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    int n = int(rng() % 24);
    for (int i = 0; i < n; ++i) {
      uint32_t cp = rng() % 3 ? samples[rng() % std::size(samples)] : rng() % 0x110000;
      if (cp >= 0xD800 && cp < 0xE000)
        cp = 0xFFFD;
      utf8::append(text, cp);
    }
    std::vector<int32_t> ids = t->encode(text, false, false);
    ASSERT_EQ(t->decode(ids), text);
    StreamDecoder stream(*t);
    std::string streamed;
    for (int32_t i : ids) {
      std::string piece = stream.push(i);
      ASSERT_TRUE(utf8::isValid(piece));
      streamed += piece;
    }
    streamed += stream.flush();
    ASSERT_EQ(streamed, text);
  }
}

TEST(TokenizerTest, ArbitraryBytesRoundTripAsBytes) {
  auto t = make(byteVocab());
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string bytes;
    for (int i = int(rng() % 16); i > 0; --i)
      bytes += char(rng() % 256);
    std::string joined;
    for (int32_t i : t->encode(bytes, false, false))
      joined += t->tokenBytes(i);
    ASSERT_EQ(joined, bytes);
    ASSERT_EQ(t->decode(t->encode(bytes, false, false)), utf8::sanitize(bytes));
  }
}

TEST(TokenizerTest, LongWhitespaceRunIsLinear) {
  auto t = make(byteVocab({"  "}, {{" ", " "}}));
  std::string text(400000, ' ');
  text += "x";
  auto start = std::chrono::steady_clock::now();
  std::vector<int32_t> ids = t->encode(text, false, false);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // 399999 spaces pair up (the last one leaves with "x"), then " ", "x".
  ASSERT_EQ(ids.size(), 199999u + 1 + 2);
  EXPECT_EQ(ids[0], 256);
  EXPECT_EQ(ids[199999], ' ');
  EXPECT_EQ(ids[200000], ' ');
  EXPECT_EQ(ids[200001], 'x');
  EXPECT_LT(seconds, 2.0);
}

TEST(TokenizerTest, BosAndDecodeSkipsUnknownIds) {
  TokenizerData d = byteVocab({"<s>"});
  d.bos = 256;
  auto t = make(d);
  EXPECT_EQ(t->encode("a", true, false), (std::vector<int32_t>{256, 'a'}));
  EXPECT_EQ(t->encode("a", false, false), (std::vector<int32_t>{'a'}));
  EXPECT_EQ(t->decode({'a', -5, 100000, 'b'}), "ab");
  EXPECT_EQ(t->tokenBytes(100000), "");
  EXPECT_EQ(t->vocabSize(), 257);
}

//===----------------------------------------------------------------------===//
// Special tokens
//===----------------------------------------------------------------------===//

TEST(TokenizerSpecialTest, ControlAndUserDefined) {
  TokenizerData d = byteVocab({"<|im_start|>", "<|u|>", "<s>", "<s>x"});
  d.tokenTypes.assign(d.tokens.size(), TokenTypeNormal);
  d.tokenTypes[256] = TokenTypeControl;
  d.tokenTypes[257] = TokenTypeUserDefined;
  d.tokenTypes[258] = TokenTypeControl;
  d.tokenTypes[259] = TokenTypeControl;
  auto t = make(d);
  EXPECT_EQ(t->encode("a<|im_start|>b", false, true), (std::vector<int32_t>{'a', 256, 'b'}));
  // Without parseSpecial a control token's text is text; user-defined
  // tokens are always recognized.
  std::vector<int32_t> plain = t->encode("<|im_start|><|u|>", false, false);
  EXPECT_EQ(plain.back(), 257);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), 256), 0);
  EXPECT_EQ(t->decode(plain), "<|im_start|><|u|>");
  // Longest match at the leftmost position.
  EXPECT_EQ(t->encode("<s>xy<s>", false, true), (std::vector<int32_t>{259, 'y', 258}));
  // skipSpecial drops control tokens, keeps user-defined ones.
  EXPECT_EQ(t->decode({256, 'a', 257, 259}, true), "a<|u|>");
  EXPECT_EQ(t->decode({256, 'a'}, false), "<|im_start|>a");
  EXPECT_TRUE(t->isControl(256));
  EXPECT_FALSE(t->isControl(257));
}

TEST(TokenizerSpecialTest, WithoutTypesBosEosAreControl) {
  TokenizerData d = byteVocab({"<s>", "</s>"});
  d.bos = 256;
  d.eos = 257;
  auto t = make(d);
  EXPECT_EQ(t->encode("<s>hi</s>", false, true), (std::vector<int32_t>{256, 'h', 'i', 257}));
  EXPECT_EQ(t->decode({256, 'h', 257}, true), "h");
}

//===----------------------------------------------------------------------===//
// Streaming
//===----------------------------------------------------------------------===//

TEST(StreamDecoderTest, NeverSplitsACharacter) {
  // Tokens that cut "😀中" (F0 9F 98 80 E4 B8 AD) mid-character.
  auto t = make(byteVocab({"\xF0\x9F", "\x98\x80\xE4\xB8",
                           "\xAD"
                           "x"}));
  StreamDecoder s(*t);
  EXPECT_EQ(s.push(256), "");
  EXPECT_EQ(s.pending(), 2u);
  EXPECT_EQ(s.push(257), "\U0001F600");
  EXPECT_EQ(s.pending(), 2u);
  EXPECT_EQ(s.push(258), "\u4E2Dx");
  EXPECT_EQ(s.pending(), 0u);
  EXPECT_EQ(s.flush(), "");
  // Byte by byte.
  EXPECT_EQ(s.push(0xF0), "");
  EXPECT_EQ(s.push(0x9F), "");
  EXPECT_EQ(s.push(0x98), "");
  EXPECT_EQ(s.push(0x80), "\U0001F600");
}

TEST(StreamDecoderTest, IllFormedBytesBecomeReplacementAtOnce) {
  auto t = make(byteVocab());
  StreamDecoder s(*t);
  EXPECT_EQ(s.push(0xFF), "\uFFFD");
  EXPECT_EQ(s.push(0xF0), "");
  EXPECT_EQ(s.push('a'), "\uFFFDa");
  EXPECT_EQ(s.push(0xE4), "");
  EXPECT_EQ(s.push(0xB8), "");
  EXPECT_EQ(s.flush(), "\uFFFD"); // one replacement for the cut-off character
  EXPECT_EQ(s.pending(), 0u);
}

TEST(StreamDecoderTest, ConcatenationEqualsDecode) {
  auto t = make(byteVocab({"\xF0\x9F", "\x98\x80\xE4", "\xB8"}));
  std::mt19937 rng(3);
  const int32_t pool[] = {256, 257, 258, 0xF0, 0x9F, 0x80, 0xE4, 0xB8, 0xAD, 'a', 0xC3, 0xFF};
  for (int round = 0; round < 300; ++round) {
    std::vector<int32_t> ids;
    for (int i = int(rng() % 12); i > 0; --i)
      ids.push_back(pool[rng() % std::size(pool)]);
    StreamDecoder s(*t);
    std::string out;
    for (int32_t i : ids)
      out += s.push(i);
    out += s.flush();
    ASSERT_EQ(out, t->decode(ids));
  }
}

TEST(StreamDecoderTest, SkipsControlTokensWhenAsked) {
  TokenizerData d = byteVocab({"<|end|>"});
  d.tokenTypes.assign(d.tokens.size(), TokenTypeNormal);
  d.tokenTypes[256] = TokenTypeControl;
  auto t = make(d);
  StreamDecoder keep(*t), skip(*t, /*skipSpecial=*/true);
  EXPECT_EQ(keep.push(256), "<|end|>");
  EXPECT_EQ(skip.push(256), "");
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST(TokenizerErrorTest, BadRegex) {
  EXPECT_EQ(createError(byteVocab({}, {}, {kGpt2, "(ab"})),
            "tokenizer: pre-tokenizer regex 1 '(ab': missing closing parenthesis at offset 3");
  // The message is PCRE2's (its wording varies between versions).
  std::string e = createError(byteVocab({}, {}, {R"(\p{Bogus})"}));
  EXPECT_EQ(e.rfind("tokenizer: pre-tokenizer regex 0 '\\p{Bogus}': unknown property", 0), 0u) << e;
  EXPECT_EQ(e.substr(e.size() - 12), " at offset 9") << e;
}

TEST(TokenizerErrorTest, BadMerges) {
  TokenizerData d = byteVocab({"ab"});
  d.merges = {"a b", "zz a"};
  EXPECT_EQ(createError(d), "tokenizer: merge 1 'zz a': 'zz' is not in the vocabulary");
  d.merges = {"a zz"};
  EXPECT_EQ(createError(d), "tokenizer: merge 0 'a zz': 'zz' is not in the vocabulary");
  d.merges = {"a b", "b c"};
  EXPECT_EQ(createError(d),
            "tokenizer: merge 1 'b c': the merged token 'bc' is not in the vocabulary");
  d.merges = {"ab"};
  EXPECT_EQ(createError(d), "tokenizer: merge 0 'ab' is not two tokens separated by a space");
}

TEST(TokenizerErrorTest, BadVocabulary) {
  TokenizerData d = byteVocab();
  d.kind = "wordpiece";
  EXPECT_EQ(createError(d), "tokenizer: kind 'wordpiece' is not supported (only 'gpt2', "
                            "byte-level BPE, and 'llama', SentencePiece BPE)");
  d = byteVocab();
  d.bos = 256;
  EXPECT_EQ(createError(d), "tokenizer: bos id 256 is outside the vocabulary of 256 tokens");
  d = byteVocab();
  d.tokenTypes = {1, 1};
  EXPECT_EQ(createError(d), "tokenizer: token types have 2 entries for 256 tokens");
  d = TokenizerData();
  d.kind = "gpt2";
  EXPECT_EQ(createError(d), "tokenizer: the vocabulary is empty");
  // A null error pointer is fine.
  EXPECT_FALSE(Tokenizer::create(TokenizerData(), nullptr));
}

//===----------------------------------------------------------------------===//
// SentencePiece BPE (kind "llama")
//===----------------------------------------------------------------------===//

/// `text` with every '_' spelled as SentencePiece's "▁".
std::string u(const std::string &text) {
  std::string out;
  for (char c : text)
    out += c == '_' ? std::string("\u2581") : std::string(1, c);
  return out;
}

constexpr int32_t kUnk = 0, kBos = 1, kEos = 2;
/// The id of byte token <0xNN> in spmVocab.
int32_t byteTok(unsigned b) { return int32_t(3 + b); }

/// Llama 2's layout: <unk>, <s>, </s>, the byte tokens (unless not
/// wanted), then `pieces` ('_' for "▁") scored 0, -1, -2, ... in order.
TokenizerData spmVocab(const std::vector<std::string> &pieces, bool byteTokens = true) {
  TokenizerData d;
  d.kind = "llama";
  d.tokens = {"<unk>", "<s>", "</s>"};
  d.tokenTypes = {TokenTypeUnknown, TokenTypeControl, TokenTypeControl};
  d.scores = {0, 0, 0};
  for (unsigned b = 0; byteTokens && b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    d.tokens.push_back(name);
    d.tokenTypes.push_back(TokenTypeByte);
    d.scores.push_back(0);
  }
  for (size_t i = 0; i < pieces.size(); ++i) {
    d.tokens.push_back(u(pieces[i]));
    d.tokenTypes.push_back(TokenTypeNormal);
    d.scores.push_back(-float(i));
  }
  d.bos = kBos;
  d.eos = kEos;
  d.unk = kUnk;
  return d;
}

/// The id of a piece ('_' for "▁").
int32_t sid(const Tokenizer &t, const std::string &piece) {
  int32_t i = t.tokenId(u(piece));
  EXPECT_GE(i, 0) << "no token '" << piece << "'";
  return i;
}

using Ids = std::vector<int32_t>;

TEST(TokenizerSpmTest, MergesHighestScoreFirst) {
  // "abc": "ab" outscores "bc" in one vocabulary, the reverse in the other.
  TokenizerData d = spmVocab({"_", "a", "b", "c", "ab", "bc"});
  d.spm.prefix = SpmOptions::Prefix::None;
  auto ab = make(d);
  EXPECT_EQ(ab->encode("abc", false, false), (Ids{sid(*ab, "ab"), sid(*ab, "c")}));
  d = spmVocab({"_", "a", "b", "c", "bc", "ab"});
  d.spm.prefix = SpmOptions::Prefix::None;
  auto bc = make(d);
  EXPECT_EQ(bc->encode("abc", false, false), (Ids{sid(*bc, "a"), sid(*bc, "bc")}));
  // Any split of a token into two tokens merges: "abc" from "a" + "bc".
  d = spmVocab({"_", "a", "b", "c", "bc", "abc"});
  d.spm.prefix = SpmOptions::Prefix::None;
  auto abc = make(d);
  EXPECT_EQ(abc->encode("abcabc", false, false), (Ids{sid(*abc, "abc"), sid(*abc, "abc")}));
  // Equal scores: leftmost first.
  d = spmVocab({"_", "a", "aa"});
  d.spm.prefix = SpmOptions::Prefix::None;
  auto aa = make(d);
  EXPECT_EQ(aa->encode("aaa", false, false), (Ids{sid(*aa, "aa"), sid(*aa, "a")}));
}

TEST(TokenizerSpmTest, ScoresGiveTheMergesTransformersDerives) {
  // tokenizer.json's merges for these scores (tokenizer_oracle.spm_merges):
  // by the merged token's score, then its id, then the halves' ids.
  const std::vector<std::string> pieces = {"_", "a", "b", "c", "ab", "bc", "abc", "_a", "_ab"};
  TokenizerData byScores = spmVocab(pieces);
  TokenizerData byMerges = byScores;
  byMerges.scores.clear();
  for (const char *m : {"a b", "b c", "a bc", "ab c", "_ a", "_ ab", "_a b"})
    byMerges.merges.push_back(u(m));
  auto s = make(byScores), m = make(byMerges);
  std::mt19937 rng(11);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (int i = int(rng() % 20); i > 0; --i)
      text += "abc _"[rng() % 5];
    ASSERT_EQ(s->encode(text, false, false), m->encode(text, false, false)) << text;
  }
  EXPECT_EQ(s->encode("ab abc", false, false), (Ids{sid(*s, "_ab"), sid(*s, "_"), sid(*s, "abc")}));
}

TEST(TokenizerSpmTest, SpacesBecomeUnderlinesAfterAPrefix) {
  TokenizerData d = spmVocab({"_", "a", "b", "__", "_a", "_b"});
  auto t = make(d);
  EXPECT_EQ(t->encode("a b", false, false), (Ids{sid(*t, "_a"), sid(*t, "_b")}));
  // A leading space and the prefix make two "▁".
  EXPECT_EQ(t->encode(" a", false, false), (Ids{sid(*t, "__"), sid(*t, "a")}));
  EXPECT_EQ(t->decode(t->encode(" a", false, false)), " a");
  EXPECT_EQ(t->encode("", true, false), (Ids{kBos}));
  EXPECT_EQ(t->encode("a", true, false), (Ids{kBos, sid(*t, "_a")}));
  d.spm.prefix = SpmOptions::Prefix::None;
  auto none = make(d);
  EXPECT_EQ(none->encode("a b", false, false), (Ids{sid(*t, "a"), sid(*t, "_b")}));
}

TEST(TokenizerSpmTest, PrefixModesAroundSpecialTokens) {
  TokenizerData d = spmVocab({"_", "a", "b", "_a", "_b"});
  auto encode = [&](SpmOptions::Prefix p, const std::string &text) {
    d.spm.prefix = p;
    return make(d)->encode(text, false, true);
  };
  auto t = make(d);
  int32_t a = sid(*t, "a"), b = sid(*t, "b"), ua = sid(*t, "_a"), ub = sid(*t, "_b");
  using P = SpmOptions::Prefix;
  // llama.cpp / Prepend normalizer: every text between special tokens.
  EXPECT_EQ(encode(P::Every, "a<s>b"), (Ids{ua, kBos, ub}));
  EXPECT_EQ(encode(P::Every, "<s>a"), (Ids{kBos, ua}));
  // Metaspace "first": only the text at offset 0, and not twice.
  EXPECT_EQ(encode(P::First, "a<s>b"), (Ids{ua, kBos, b}));
  EXPECT_EQ(encode(P::First, "<s>a"), (Ids{kBos, a}));
  EXPECT_EQ(encode(P::First, " a"), (Ids{ua}));
  // Metaspace "always": every text unless it starts with a space.
  EXPECT_EQ(encode(P::Always, "a<s> b"), (Ids{ua, kBos, ub}));
  EXPECT_EQ(encode(P::None, "a<s>b"), (Ids{a, kBos, b}));
  // The unknown token is special, like the control tokens.
  EXPECT_EQ(encode(P::None, "<unk>a</s>"), (Ids{kUnk, a, kEos}));
  EXPECT_TRUE(t->isControl(kUnk));
  EXPECT_EQ(encode(P::None, "<s><s>"), (Ids{kBos, kBos}));
}

TEST(TokenizerSpmTest, SplitKeepsMergesInsideWords) {
  TokenizerData d = spmVocab({"_", "a", "b", "__", "a_", "_b"});
  d.spm.prefix = SpmOptions::Prefix::None;
  auto whole = make(d);
  EXPECT_EQ(whole->encode("a b", false, false), (Ids{sid(*whole, "a_"), sid(*whole, "b")}));
  EXPECT_EQ(whole->encode("a  b", false, false),
            (Ids{sid(*whole, "a"), sid(*whole, "__"), sid(*whole, "b")}));
  d.spm.split = true;
  auto split = make(d);
  EXPECT_EQ(split->encode("a b", false, false), (Ids{sid(*split, "a"), sid(*split, "_b")}));
  EXPECT_EQ(split->encode("a  b", false, false),
            (Ids{sid(*split, "a"), sid(*split, "_"), sid(*split, "_b")}));
}

TEST(TokenizerSpmTest, ByteFallbackAndUnknownCharacters) {
  TokenizerData d = spmVocab({"_", "a"});
  auto t = make(d);
  int32_t space = sid(*t, "_"), a = sid(*t, "a");
  EXPECT_EQ(t->encode("a\u00E9", false, false), (Ids{space, a, byteTok(0xC3), byteTok(0xA9)}));
  EXPECT_EQ(t->decode(t->encode("a\u00E9 \U0001F600", false, false)), "a\u00E9 \U0001F600");
  // Ill-formed input: its bytes.
  EXPECT_EQ(t->encode("a\xFF", false, false), (Ids{space, a, byteTok(0xFF)}));
  // Without byte tokens a run of unknown characters is one <unk>.
  auto noBytes = make(spmVocab({"_", "a"}, false));
  int32_t space2 = sid(*noBytes, "_"), a2 = sid(*noBytes, "a");
  EXPECT_EQ(noBytes->encode("a\u00E9\u00FC!a?", false, false),
            (Ids{space2, a2, kUnk, a2, kUnk}));
  TokenizerData noUnk = spmVocab({"_", "a"}, false);
  noUnk.unk = -1;
  EXPECT_EQ(make(noUnk)->encode("a!a", false, false), (Ids{space2, a2, a2}));
  d.spm.byteFallback = false;
  EXPECT_EQ(make(d)->encode("a\u00E9", false, false), (Ids{space, a, kUnk}));
  // bpeUnk (tokenizer.json's unk_token) wins over unk.
  d.bpeUnk = kEos;
  EXPECT_EQ(make(d)->encode("a\u00E9", false, false), (Ids{space, a, kEos}));
}

TEST(TokenizerSpmTest, DecodeLikeHfDecoder) {
  TokenizerData d = spmVocab({"_", "a", "_a"});
  auto t = make(d);
  int32_t space = sid(*t, "_"), a = sid(*t, "a"), ua = sid(*t, "_a");
  EXPECT_EQ(t->decode({ua, ua}), "a a");
  EXPECT_EQ(t->decode({space, space, a}), " a"); // one leading space stripped
  EXPECT_EQ(t->decode({kBos, ua, kEos}), "<s> a</s>");
  EXPECT_EQ(t->decode({kBos, ua, kEos}, true), "a");
  // Byte runs: UTF-8 when well-formed, else one U+FFFD per byte.
  EXPECT_EQ(t->decode({byteTok(0xE4), byteTok(0xB8), byteTok(0xAD)}), "\u4E2D");
  EXPECT_EQ(t->decode({byteTok(0xE4), byteTok(0xB8)}), "\uFFFD\uFFFD");
  EXPECT_EQ(t->decode({byteTok(0xE4), a, byteTok(0xB8)}), "\uFFFDa\uFFFD");
  EXPECT_EQ(t->decode({byteTok(0xE4), kBos, byteTok(0xB8), byteTok(0xAD)}, true), "\u4E2D");
  EXPECT_EQ(t->decode({byteTok(' '), a}), "a");
  EXPECT_EQ(t->tokenBytes(ua), " a");
  EXPECT_EQ(t->tokenBytes(byteTok('A')), "A");
  EXPECT_EQ(t->tokenBytes(kBos), "<s>");
  EXPECT_EQ(t->spmByte(byteTok(0x80)), 0x80);
  EXPECT_EQ(t->spmByte(ua), -1);
  d.spm.stripLeading = 0;
  EXPECT_EQ(make(d)->decode({space, space, a}), "  a");
}

TEST(TokenizerSpmTest, StreamDecoderEqualsDecode) {
  auto t = make(spmVocab({"_", "a", "_a"}));
  int32_t ua = sid(*t, "_a");
  StreamDecoder s(*t);
  EXPECT_EQ(s.push(ua), "a"); // the leading space is stripped
  EXPECT_EQ(s.push(byteTok(0xE4)), "");
  EXPECT_EQ(s.push(byteTok(0xB8)), "");
  EXPECT_EQ(s.push(byteTok(0xAD)), "");
  EXPECT_EQ(s.pending(), 3u); // held until the run ends
  EXPECT_EQ(s.push(ua), "\u4E2D a");
  EXPECT_EQ(s.push(byteTok(0xE4)), "");
  EXPECT_EQ(s.flush(), "\uFFFD");

  const int32_t pool[] = {sid(*t, "_"), sid(*t, "a"), ua,         kBos,         kEos,
                          kUnk,         byteTok(' '), byteTok(0xE4), byteTok(0xB8), byteTok(0xAD),
                          byteTok(0xFF), byteTok('x')};
  std::mt19937 rng(5);
  for (int round = 0; round < 500; ++round) {
    std::vector<int32_t> ids;
    for (int i = int(rng() % 12); i > 0; --i)
      ids.push_back(pool[rng() % std::size(pool)]);
    for (bool skip : {false, true}) {
      StreamDecoder sd(*t, skip);
      std::string out;
      for (int32_t i : ids) {
        std::string piece = sd.push(i);
        ASSERT_TRUE(utf8::isValid(piece));
        out += piece;
      }
      out += sd.flush();
      ASSERT_EQ(out, t->decode(ids, skip));
    }
  }
}

TEST(TokenizerSpmTest, WordByWordEqualsWhole) {
  // Without a token that holds "▁" after another character, merging goes
  // word by word (cached); "x_" makes it go over the whole text, and never
  // applies to texts without an "x".
  const std::vector<std::string> pieces = {"_", "a", "b", "__", "_a", "ab", "_ab", "ba", "___"};
  auto words = make(spmVocab(pieces));
  std::vector<std::string> withX = pieces;
  withX.insert(withX.end(), {"x", "x_"});
  auto whole = make(spmVocab(withX));
  std::mt19937 rng(13);
  for (int round = 0; round < 1000; ++round) {
    std::string text;
    for (int i = int(rng() % 30); i > 0; --i)
      text += "ab  <"[rng() % 5];
    ASSERT_EQ(words->encode(text, false, true), whole->encode(text, false, true)) << text;
  }
}

TEST(TokenizerSpmTest, LongTextIsFast) {
  // One text between special tokens is one word when a token holds "▁"
  // after another character ("a_"): the merge queue must stay O(n log n).
  for (bool wordByWord : {true, false}) {
    std::vector<std::string> pieces = {"_", "a", "b", "_a", "ab", "_ab", "__"};
    if (!wordByWord)
      pieces.push_back("a_");
    auto t = make(spmVocab(pieces));
    std::string text;
    for (int i = 0; i < 200000; ++i)
      text += i % 7 ? "ab " : "a  ";
    auto start = std::chrono::steady_clock::now();
    std::vector<int32_t> ids = t->encode(text, false, false);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(t->decode(ids), text);
    EXPECT_LT(seconds, 2.0) << wordByWord;
  }
}

TEST(TokenizerSpmTest, Errors) {
  TokenizerData d = spmVocab({"_", "a"});
  d.scores.pop_back();
  EXPECT_EQ(createError(d), "tokenizer: scores have 260 entries for 261 tokens");
  d = spmVocab({"_", "a"});
  d.spm.stripLeading = 16;
  EXPECT_EQ(createError(d), "tokenizer: SentencePiece strips 16 leading spaces, more than 15");
  d = spmVocab({"_", "a"});
  d.merges = {u("_ b")};
  EXPECT_EQ(createError(d), u("tokenizer: merge 0 '_ b': 'b' is not in the vocabulary"));
}

TEST(TokenizerSpmTest, OptionBits) {
  EXPECT_EQ(SpmOptions().toBits(), pkg::kSpmDefaultOptions);
  for (uint32_t bits = 0; bits <= pkg::kSpmKnownOptions; ++bits)
    EXPECT_EQ(SpmOptions::fromBits(bits).toBits(), bits);
  SpmOptions o = SpmOptions::fromBits(pkg::kSpmPrefixFirst | pkg::kSpmSplit | (2u << 4));
  EXPECT_EQ(o.prefix, SpmOptions::Prefix::First);
  EXPECT_TRUE(o.split);
  EXPECT_FALSE(o.byteFallback);
  EXPECT_EQ(o.stripLeading, 2);
}

TEST(TokenizerSpmTest, PackageSectionCarriesScoresAndOptions) {
  sinkc::package::TokenizerData section;
  section.tokens = {"<unk>", "<s>", u("_a")};
  section.types = {2, 3, 1};
  section.scores = {0.f, 0.f, -1.5f};
  section.spmOptions = pkg::kSpmPrefixFirst | pkg::kSpmByteFallback;
  std::vector<uint8_t> bytes;
  ASSERT_EQ(sinkc::package::encodeTokenizerSection(section, bytes), "");
  TokenizerView view;
  ASSERT_EQ(view.init(bytes.data(), bytes.size()), "");
  EXPECT_TRUE(view.hasSpmOptions());
  EXPECT_EQ(view.spmOptions(), pkg::kSpmPrefixFirst | pkg::kSpmByteFallback);
  EXPECT_EQ(view.score(2), -1.5f);

  // Without options (every section before them): Llama 2's defaults.
  section.spmOptions.reset();
  ASSERT_EQ(sinkc::package::encodeTokenizerSection(section, bytes), "");
  ASSERT_EQ(view.init(bytes.data(), bytes.size()), "");
  EXPECT_FALSE(view.hasSpmOptions());
  EXPECT_EQ(view.spmOptions(), pkg::kSpmDefaultOptions);
  // Options without the flag, unknown options.
  pkg::TokenizerHeader h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.options = 1;
  std::memcpy(bytes.data(), &h, sizeof h);
  EXPECT_EQ(view.init(bytes.data(), bytes.size()),
            "has options 1 without the SentencePiece flag");
  h.flags |= pkg::kTokenizerHasSpmOptions;
  h.options = 0x100;
  std::memcpy(bytes.data(), &h, sizeof h);
  EXPECT_EQ(view.init(bytes.data(), bytes.size()), "has unknown SentencePiece options 256");
  section.spmOptions = 0x100;
  EXPECT_EQ(sinkc::package::encodeTokenizerSection(section, bytes),
            "tokenizer has unknown SentencePiece options 256");
}

} // namespace
