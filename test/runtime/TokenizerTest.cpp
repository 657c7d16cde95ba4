//===- TokenizerTest.cpp - the runtime's byte-level BPE tokenizer ---------===//
//
// Hand-made vocabularies with known encodings: merge order, byte fallback,
// pre-tokenizer splits, special tokens, UTF-8 handling, streaming, errors.
// Equality with the HF `tokenizers` oracle on real models is
// test/runtime/test_tokenizer.py's job.
//
//===----------------------------------------------------------------------===//

#include "tokenizer/Tokenizer.h"
#include "tokenizer/ByteLevel.h"
#include "tokenizer/PreTokenizer.h"
#include "tokenizer/Utf8.h"

#include <gtest/gtest.h>

#include <chrono>
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
  d.kind = "llama";
  EXPECT_EQ(createError(d),
            "tokenizer: kind 'llama' is not supported (only 'gpt2', byte-level BPE)");
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

} // namespace
