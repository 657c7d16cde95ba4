//===- GenerationApiTest.cpp - sampling, streaming text and stops (C API) -===//
//
// The C API a generation loop uses (sinkrt.h "Tokenizer facts", "Sampling",
// "Streaming text") and its C++ wrappers: each function on success and on
// each documented error. The sampler must pick exactly what the runtime's
// own Sampler picks for the same options (so the options reach it
// unchanged); the detokenizer must never split a UTF-8 character and add up
// to sinkrt_detokenize; the stop matcher must give the text before the first
// stop string however the text is cut into pieces.
//
//===----------------------------------------------------------------------===//

#include "sinkrt/sinkrt.h"
#include "sinkrt/sinkrt.hpp"

#include "core/Sampler.h"
#include "tokenizer/ByteLevel.h"

#include "../../lowering/package/PackageWriter.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using Json = nlohmann::json;

namespace {

constexpr int32_t kEnd = 256, kUser = 257, kHe = 258; // ids after the 256 bytes

/// A package whose tokenizer has one token per byte, "<|end|>" (control,
/// EOS; also BOS with `withBos`), "<|user|>" (user-defined) and "he".
std::string writePackage(const std::string &path, bool withBos) {
  Json manifest = {{"model",
                    {{"arch", "llama"},
                     {"layers", 1},
                     {"hidden", 8},
                     {"heads", 1},
                     {"kv_heads", 1},
                     {"head_dim", 8},
                     {"vocab", 259},
                     {"context", 32}}},
                   {"tokenizer",
                    {{"kind", "gpt2"},
                     {"pre", "gpt2"},
                     {"regexes", Json::array()},
                     {"bos", withBos ? kEnd : -1},
                     {"eos", kEnd},
                     {"unk", -1},
                     {"pad", -1},
                     {"add_bos", withBos},
                     {"chat_template", ""},
                     {"token_types", true}}},
                   {"kv_cache",
                    {{"abi_version", 1},
                     {"groups",
                      {{{"policy", "full"},
                        {"entries", 2},
                        {"slots", nullptr},
                        {"head_dim", 8},
                        {"element_type", "f32"}}}}}},
                   {"execution_plan", Json::array()},
                   {"cpu_features", Json::array()}};
  sinkc::package::PackageWriter w;
  if (std::string e = w.setManifest(manifest.dump()); !e.empty())
    return e;
  sinkc::package::TokenizerData t;
  for (int b = 0; b < 256; ++b)
    t.tokens.push_back(sinkrt::bytelevel::encode(std::string(1, char(b))));
  t.tokens.push_back("<|end|>");
  t.tokens.push_back("<|user|>");
  t.tokens.push_back("he");
  t.types.assign(t.tokens.size(), 1);
  t.types[kEnd] = 3;
  t.types[kUser] = 4;
  t.merges = {{"h", "e"}};
  w.setTokenizer(t);
  static const std::vector<float> weights(8, 0.5f);
  if (std::string e = w.addTensor("token_embd.weight", uint32_t(sinkrt::pkg::DType::F32), {1, 8},
                                  weights.data(), weights.size() * 4);
      !e.empty())
    return e;
  return w.write(path);
}

class GenerationApiTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinkrt-generation-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir = pattern;
    ASSERT_EQ(writePackage(dir + "/plain.sinkpkg", false), "");
    ASSERT_EQ(writePackage(dir + "/bos.sinkpkg", true), "");
    pkg = sinkrt::cxx::Package::open(dir + "/plain.sinkpkg", status);
    ASSERT_TRUE(pkg) << status.message;
    tok = sinkrt::cxx::Tokenizer::create(pkg, status);
    ASSERT_TRUE(tok) << status.message;
  }
  void TearDown() override {
    std::remove((dir + "/plain.sinkpkg").c_str());
    std::remove((dir + "/bos.sinkpkg").c_str());
    rmdir(dir.c_str());
  }

  std::string dir;
  sinkrt::cxx::Status status;
  sinkrt::cxx::Package pkg;
  sinkrt::cxx::Tokenizer tok;
};

//===----------------------------------------------------------------------===//
// Tokenizer facts
//===----------------------------------------------------------------------===//

TEST_F(GenerationApiTest, TokenizerFacts) {
  const sinkrt_tokenizer *t = tok.get();
  EXPECT_EQ(sinkrt_tokenizer_vocab_size(t), 259u);
  EXPECT_EQ(sinkrt_tokenizer_bos(t), -1);
  EXPECT_EQ(sinkrt_tokenizer_eos(t), kEnd);
  EXPECT_EQ(sinkrt_tokenizer_adds_bos(t), 0);
  EXPECT_EQ(sinkrt_tokenizer_is_control(t, kEnd), 1);
  EXPECT_EQ(sinkrt_tokenizer_is_control(t, kUser), 0); // user-defined is text
  EXPECT_EQ(sinkrt_tokenizer_is_control(t, 'a'), 0);
  EXPECT_EQ(sinkrt_tokenizer_is_control(t, -1), 0);
  EXPECT_EQ(sinkrt_tokenizer_is_control(t, 259), 0);

  auto bosPkg = sinkrt::cxx::Package::open(dir + "/bos.sinkpkg", status);
  ASSERT_TRUE(bosPkg) << status.message;
  auto bosTok = sinkrt::cxx::Tokenizer::create(bosPkg, status);
  ASSERT_TRUE(bosTok) << status.message;
  EXPECT_EQ(bosTok.bos(), kEnd);
  EXPECT_TRUE(bosTok.addsBos());
  std::vector<int32_t> ids;
  ASSERT_TRUE(bosTok.encode("he", ids));
  EXPECT_EQ(ids, (std::vector<int32_t>{kEnd, kHe})); // what adds_bos promised
  EXPECT_EQ(tok.vocabSize(), 259u);
  EXPECT_EQ(tok.eos(), kEnd);
  EXPECT_FALSE(tok.addsBos());
  EXPECT_TRUE(tok.isControl(kEnd));

  EXPECT_EQ(sinkrt_tokenizer_vocab_size(nullptr), 0u);
  EXPECT_EQ(sinkrt_tokenizer_bos(nullptr), -1);
  EXPECT_EQ(sinkrt_tokenizer_eos(nullptr), -1);
  EXPECT_EQ(sinkrt_tokenizer_adds_bos(nullptr), 0);
  EXPECT_EQ(sinkrt_tokenizer_is_control(nullptr, kEnd), 0);
}

//===----------------------------------------------------------------------===//
// Sampler
//===----------------------------------------------------------------------===//

std::vector<float> randomLogits(std::mt19937 &rng, size_t n) {
  std::normal_distribution<float> normal(0.0f, 2.0f);
  std::vector<float> logits(n);
  for (float &l : logits)
    l = normal(rng);
  return logits;
}

TEST(SamplerApiTest, GreedyByDefaultLowestIdOnTies) {
  sinkrt_sampler *s = nullptr;
  ASSERT_EQ(sinkrt_sampler_create(nullptr, 5, &s), SINKRT_OK) << sinkrt_last_error();
  const float logits[] = {1.0f, 4.0f, -2.0f, 4.0f, std::nanf("")};
  for (int i = 0; i < 3; ++i) {
    int32_t token = -1;
    ASSERT_EQ(sinkrt_sample(s, logits, &token), SINKRT_OK);
    EXPECT_EQ(token, 1);
  }
  sinkrt_sampler_destroy(s);

  sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
  EXPECT_EQ(o.size, sizeof(sinkrt_sampler_options));
  EXPECT_EQ(o.temperature, 0.0f);
  EXPECT_EQ(o.top_k, 0);
  EXPECT_EQ(o.top_p, 1.0f);
  EXPECT_EQ(o.repetition_penalty, 1.0f);
  EXPECT_EQ(o.repetition_last_n, 64);
  EXPECT_EQ(o.seed, 0u);
}

// Every option reaches the runtime's Sampler unchanged: 300 draws through
// the C API equal 300 draws of sinkrt::Sampler with the same parameters.
TEST(SamplerApiTest, SameTokensAsTheRuntimeSampler) {
  struct Case {
    float temperature;
    int32_t topK;
    float topP, penalty;
    int32_t lastN;
    uint64_t seed;
  } cases[] = {{0.8f, 0, 1.0f, 1.0f, 64, 1}, {1.3f, 5, 1.0f, 1.0f, 64, 2},
               {0.7f, 0, 0.6f, 1.0f, 64, 3}, {1.0f, 10, 0.9f, 1.0f, 64, 4},
               {0.9f, 0, 1.0f, 1.5f, 8, 5},  {0.0f, 0, 1.0f, 1.3f, 4, 6},
               {2.0f, 3, 0.5f, 1.1f, 16, 7}};
  std::mt19937 rng(11);
  for (const Case &c : cases) {
    SCOPED_TRACE("seed " + std::to_string(c.seed));
    sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
    o.temperature = c.temperature;
    o.top_k = c.topK;
    o.top_p = c.topP;
    o.repetition_penalty = c.penalty;
    o.repetition_last_n = c.lastN;
    o.seed = c.seed;
    sinkrt::SamplerParams p;
    p.temperature = c.temperature;
    p.topK = c.topK;
    p.topP = c.topP;
    p.repetitionPenalty = c.penalty;
    p.repetitionLastN = c.lastN;
    p.seed = c.seed;
    const size_t vocab = 50;
    sinkrt_sampler *s = nullptr;
    ASSERT_EQ(sinkrt_sampler_create(&o, vocab, &s), SINKRT_OK) << sinkrt_last_error();
    sinkrt::Sampler reference(int64_t(vocab), p);
    // A prompt for the penalty history.
    for (int32_t id : {3, 7, 7, 11}) {
      ASSERT_EQ(sinkrt_sampler_accept(s, id), SINKRT_OK);
      reference.accept(id);
    }
    std::vector<int32_t> got, want;
    for (int i = 0; i < 300; ++i) {
      std::vector<float> logits = randomLogits(rng, vocab);
      int32_t token = -1;
      ASSERT_EQ(sinkrt_sample(s, logits.data(), &token), SINKRT_OK);
      got.push_back(token);
      want.push_back(reference.sample(logits.data()));
    }
    EXPECT_EQ(got, want);
    sinkrt_sampler_destroy(s);
  }
}

TEST(SamplerApiTest, SeedsAndReset) {
  std::mt19937 rng(5);
  std::vector<std::vector<float>> rows;
  for (int i = 0; i < 100; ++i)
    rows.push_back(randomLogits(rng, 32));
  auto run = [&](uint64_t seed, sinkrt_sampler *reuse = nullptr) {
    sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
    o.temperature = 1.0f;
    o.seed = seed;
    sinkrt_sampler *s = reuse;
    if (!s) {
      EXPECT_EQ(sinkrt_sampler_create(&o, 32, &s), SINKRT_OK);
    }
    std::vector<int32_t> tokens;
    for (const std::vector<float> &row : rows) {
      int32_t t = -1;
      EXPECT_EQ(sinkrt_sample(s, row.data(), &t), SINKRT_OK);
      tokens.push_back(t);
    }
    if (!reuse)
      sinkrt_sampler_destroy(s);
    return tokens;
  };
  EXPECT_EQ(run(42), run(42));
  EXPECT_NE(run(42), run(43));

  // Reset restarts the stream from the seed.
  sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
  o.temperature = 1.0f;
  o.seed = 42;
  sinkrt_sampler *s = nullptr;
  ASSERT_EQ(sinkrt_sampler_create(&o, 32, &s), SINKRT_OK);
  std::vector<int32_t> first = run(0, s);
  EXPECT_EQ(first, run(42));
  EXPECT_NE(run(0, s), first); // the stream went on
  ASSERT_EQ(sinkrt_sampler_reset(s), SINKRT_OK);
  EXPECT_EQ(run(0, s), first);
  sinkrt_sampler_destroy(s);
}

TEST(SamplerApiTest, PenaltyUsesAcceptedTokens) {
  // Greedy with a penalty of 4 on the last 2 tokens: token 0 (logit 3)
  // loses to token 1 (logit 2) once 0 is in the history (3 / 4 < 2).
  sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
  o.repetition_penalty = 4.0f;
  o.repetition_last_n = 2;
  sinkrt_sampler *s = nullptr;
  ASSERT_EQ(sinkrt_sampler_create(&o, 3, &s), SINKRT_OK);
  const float logits[] = {3.0f, 2.0f, -1.0f};
  int32_t t = -1;
  ASSERT_EQ(sinkrt_sample(s, logits, &t), SINKRT_OK);
  EXPECT_EQ(t, 0);
  ASSERT_EQ(sinkrt_sample(s, logits, &t), SINKRT_OK);
  EXPECT_EQ(t, 1); // 0 was sampled, so it is penalized
  ASSERT_EQ(sinkrt_sampler_reset(s), SINKRT_OK);
  ASSERT_EQ(sinkrt_sampler_accept(s, 0), SINKRT_OK);
  ASSERT_EQ(sinkrt_sample(s, logits, &t), SINKRT_OK);
  EXPECT_EQ(t, 1); // 0 was accepted (a prompt token)
  EXPECT_EQ(sinkrt_sampler_accept(s, 3), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            std::string("sinkrt_sampler_accept: id 3 is outside the vocabulary of 3 tokens"));
  EXPECT_EQ(sinkrt_sampler_accept(s, -1), SINKRT_ERROR_INVALID_ARGUMENT);
  sinkrt_sampler_destroy(s);
}

TEST(SamplerApiTest, BadOptionsNameTheOption) {
  struct Case {
    void (*edit)(sinkrt_sampler_options &);
    const char *message;
  } cases[] = {
      {[](sinkrt_sampler_options &o) { o.temperature = -1.0f; },
       "temperature must be a finite number >= 0 (0 is greedy)"},
      {[](sinkrt_sampler_options &o) { o.temperature = std::numeric_limits<float>::infinity(); },
       "temperature must be a finite number >= 0 (0 is greedy)"},
      {[](sinkrt_sampler_options &o) { o.temperature = std::nanf(""); },
       "temperature must be a finite number >= 0 (0 is greedy)"},
      {[](sinkrt_sampler_options &o) { o.top_k = -1; }, "top-k must be >= 0 (0 turns it off)"},
      {[](sinkrt_sampler_options &o) { o.top_p = 2.0f; },
       "top-p must be in (0, 1] (1 turns it off)"},
      {[](sinkrt_sampler_options &o) { o.top_p = 0.0f; },
       "top-p must be in (0, 1] (1 turns it off)"},
      {[](sinkrt_sampler_options &o) { o.repetition_penalty = 0.0f; },
       "repetition penalty must be a finite number > 0 (1 turns it off)"},
      {[](sinkrt_sampler_options &o) { o.repetition_last_n = -1; },
       "repetition history must be >= 0 tokens"},
      {[](sinkrt_sampler_options &o) { o.size = 8; },
       "options->size is 8, below 40 (set it to sizeof(sinkrt_sampler_options))"},
  };
  ASSERT_EQ(sizeof(sinkrt_sampler_options), 40u); // the message above says so
  for (const Case &c : cases) {
    SCOPED_TRACE(c.message);
    sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
    c.edit(o);
    sinkrt_sampler *s = reinterpret_cast<sinkrt_sampler *>(0x1);
    EXPECT_EQ(sinkrt_sampler_create(&o, 10, &s), SINKRT_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_sampler_create: ") + c.message);
    EXPECT_EQ(s, reinterpret_cast<sinkrt_sampler *>(0x1)) << "out written on failure";
  }

  // A newer caller's larger struct: zero extra fields are fine, others not.
  struct Newer {
    sinkrt_sampler_options v2;
    int64_t extra;
  } newer = {SINKRT_SAMPLER_OPTIONS_INIT, 0};
  newer.v2.size = sizeof(newer);
  sinkrt_sampler *s = nullptr;
  ASSERT_EQ(sinkrt_sampler_create(&newer.v2, 10, &s), SINKRT_OK) << sinkrt_last_error();
  sinkrt_sampler_destroy(s);
  newer.extra = 1;
  EXPECT_EQ(sinkrt_sampler_create(&newer.v2, 10, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            std::string("sinkrt_sampler_create: options sets fields this runtime does not know "
                        "(byte 40 of 48 is not zero)"));

  EXPECT_EQ(sinkrt_sampler_create(nullptr, 0, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            std::string("sinkrt_sampler_create: vocab 0 is outside [1, 2^31-1]"));
  EXPECT_EQ(sinkrt_sampler_create(nullptr, size_t(1) << 31, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_sampler_create(nullptr, 4, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_sampler_create: out is NULL"));
}

TEST(SamplerApiTest, NullArguments) {
  const float logits[] = {1.0f, 2.0f};
  int32_t t = -1;
  EXPECT_EQ(sinkrt_sample(nullptr, logits, &t), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_sample: sampler is NULL"));
  sinkrt_sampler *s = nullptr;
  ASSERT_EQ(sinkrt_sampler_create(nullptr, 2, &s), SINKRT_OK);
  EXPECT_EQ(sinkrt_sample(s, nullptr, &t), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_sample: logits is NULL"));
  EXPECT_EQ(sinkrt_sample(s, logits, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_sample: token is NULL"));
  EXPECT_EQ(t, -1);
  EXPECT_EQ(sinkrt_sampler_accept(nullptr, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_sampler_reset(nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_sampler_reset: sampler is NULL"));
  ASSERT_EQ(sinkrt_sample(s, logits, &t), SINKRT_OK);
  EXPECT_EQ(t, 1);
  EXPECT_EQ(sinkrt_last_error(), std::string());
  sinkrt_sampler_destroy(s);
  sinkrt_sampler_destroy(nullptr);
}

//===----------------------------------------------------------------------===//
// Detokenizer
//===----------------------------------------------------------------------===//

/// The ids of `bytes`, one byte token each (no merges applied).
std::vector<int32_t> byteIds(const std::string &bytes) {
  std::vector<int32_t> ids;
  for (unsigned char c : bytes)
    ids.push_back(c);
  return ids;
}

/// What each push gives, then the flush.
std::vector<std::string> stream(sinkrt_detokenizer *d, const std::vector<int32_t> &ids) {
  std::vector<std::string> pieces;
  for (int32_t id : ids) {
    const char *text = nullptr;
    size_t length = 0;
    EXPECT_EQ(sinkrt_detokenizer_push(d, id, &text, &length), SINKRT_OK) << sinkrt_last_error();
    EXPECT_EQ(text[length], '\0'); // NUL-terminated
    pieces.emplace_back(text, length);
  }
  const char *text = nullptr;
  size_t length = 0;
  EXPECT_EQ(sinkrt_detokenizer_flush(d, &text, &length), SINKRT_OK);
  pieces.emplace_back(text, length);
  return pieces;
}

TEST_F(GenerationApiTest, DetokenizerNeverSplitsACharacter) {
  sinkrt_detokenizer *d = nullptr;
  ASSERT_EQ(sinkrt_detokenizer_create(tok.get(), 0, &d), SINKRT_OK) << sinkrt_last_error();
  // "é" (2 bytes), "€" (3), "😀" (4), each byte its own token, then "he".
  std::vector<int32_t> ids = byteIds("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  ids.push_back(kHe);
  EXPECT_EQ(stream(d, ids), (std::vector<std::string>{"a", "", "\xC3\xA9", "", "", "\xE2\x82\xAC",
                                                      "", "", "", "\xF0\x9F\x98\x80", "he", ""}));
  // Pending bytes, then the rest.
  const char *text = nullptr;
  size_t length = 0;
  ASSERT_EQ(sinkrt_detokenizer_push(d, 0xE2, &text, &length), SINKRT_OK);
  ASSERT_EQ(sinkrt_detokenizer_push(d, 0x82, &text, &length), SINKRT_OK);
  EXPECT_EQ(sinkrt_detokenizer_pending(d), 2u);
  EXPECT_EQ(length, 0u);
  ASSERT_EQ(sinkrt_detokenizer_push(d, 0xAC, &text, &length), SINKRT_OK);
  EXPECT_EQ(std::string(text, length), "\xE2\x82\xAC");
  EXPECT_EQ(sinkrt_detokenizer_pending(d), 0u);
  sinkrt_detokenizer_destroy(d);
}

TEST_F(GenerationApiTest, DetokenizerReplacesIllFormedBytesAsSoonAsKnown) {
  sinkrt_detokenizer *d = nullptr;
  ASSERT_EQ(sinkrt_detokenizer_create(tok.get(), 0, &d), SINKRT_OK);
  const std::string fffd = "\xEF\xBF\xBD";
  // A lone continuation byte; a lead byte cut off by 'x'; a cut-off
  // character at the end (the flush).
  EXPECT_EQ(stream(d, byteIds("\xA9x\xC3y\xE2\x82")),
            (std::vector<std::string>{fffd, "x", "", fffd + "y", "", "", fffd}));
  sinkrt_detokenizer_destroy(d);
}

TEST_F(GenerationApiTest, DetokenizerSkipsControlTokensWhenAsked) {
  std::vector<int32_t> ids = {'h', kEnd, kUser, 'i'};
  for (int skip : {0, 1}) {
    sinkrt_detokenizer *d = nullptr;
    ASSERT_EQ(sinkrt_detokenizer_create(tok.get(), skip, &d), SINKRT_OK);
    std::vector<std::string> pieces = stream(d, ids);
    EXPECT_EQ(pieces[1], skip ? "" : "<|end|>");
    EXPECT_EQ(pieces[2], "<|user|>"); // user-defined tokens are text
    sinkrt_detokenizer_destroy(d);
  }
}

// Random ids (bytes of all kinds, specials, merges): the pieces always
// join to sinkrt_detokenize of all the ids, and every piece but the flush
// is valid UTF-8 ending on a character boundary.
TEST_F(GenerationApiTest, DetokenizerAddsUpToDetokenize) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int32_t> anyId(0, 258);
  std::uniform_int_distribution<int32_t> utf8Byte(0x80, 0xF4);
  for (int round = 0; round < 200; ++round) {
    std::vector<int32_t> ids;
    for (int i = 0; i < 30; ++i)
      ids.push_back(rng() % 2 ? anyId(rng) : utf8Byte(rng));
    for (int skip : {0, 1}) {
      sinkrt_detokenizer *d = nullptr;
      ASSERT_EQ(sinkrt_detokenizer_create(tok.get(), skip, &d), SINKRT_OK);
      std::string joined;
      for (const std::string &piece : stream(d, ids))
        joined += piece;
      std::string whole;
      ASSERT_TRUE(tok.decode(ids, whole, skip != 0));
      EXPECT_EQ(joined, whole) << "round " << round;
      sinkrt_detokenizer_destroy(d);
    }
  }
}

TEST_F(GenerationApiTest, DetokenizerErrors) {
  sinkrt_detokenizer *d = nullptr;
  EXPECT_EQ(sinkrt_detokenizer_create(nullptr, 0, &d), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_detokenizer_create: tokenizer is NULL"));
  EXPECT_EQ(sinkrt_detokenizer_create(tok.get(), 0, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_detokenizer_create: out is NULL"));
  ASSERT_EQ(sinkrt_detokenizer_create(tok.get(), 0, &d), SINKRT_OK);
  const char *text = reinterpret_cast<const char *>(0x1);
  size_t length = 77;
  ASSERT_EQ(sinkrt_detokenizer_push(d, 0xC3, &text, &length), SINKRT_OK);
  text = reinterpret_cast<const char *>(0x1);
  length = 77;
  EXPECT_EQ(sinkrt_detokenizer_push(d, 259, &text, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            std::string("sinkrt_detokenizer_push: id 259 is outside the vocabulary of 259 tokens"));
  EXPECT_EQ(sinkrt_detokenizer_push(d, -3, &text, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(text, reinterpret_cast<const char *>(0x1)) << "out written on failure";
  EXPECT_EQ(length, 77u);
  EXPECT_EQ(sinkrt_detokenizer_pending(d), 1u); // nothing changed
  EXPECT_EQ(sinkrt_detokenizer_push(d, 'a', nullptr, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_detokenizer_push: text is NULL"));
  EXPECT_EQ(sinkrt_detokenizer_push(d, 'a', &text, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_detokenizer_push: length is NULL"));
  EXPECT_EQ(sinkrt_detokenizer_push(nullptr, 'a', &text, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_detokenizer_push: detokenizer is NULL"));
  EXPECT_EQ(sinkrt_detokenizer_flush(nullptr, &text, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_detokenizer_flush(d, nullptr, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  ASSERT_EQ(sinkrt_detokenizer_push(d, 0xA9, &text, &length), SINKRT_OK);
  EXPECT_EQ(std::string(text, length), "\xC3\xA9");
  EXPECT_EQ(sinkrt_detokenizer_pending(nullptr), 0u);
  sinkrt_detokenizer_destroy(d);
  sinkrt_detokenizer_destroy(nullptr);
}

//===----------------------------------------------------------------------===//
// Stop matcher
//===----------------------------------------------------------------------===//

struct Fed {
  std::string text;
  bool stopped = false;
  bool operator==(const Fed &o) const { return text == o.text && stopped == o.stopped; }
};

/// Feeds `pieces` (stopping at a stop), then flushes when not stopped.
Fed feedAll(sinkrt_stop_matcher *m, const std::vector<std::string> &pieces,
            std::vector<std::string> *shown = nullptr) {
  Fed f;
  for (const std::string &piece : pieces) {
    const char *text = nullptr;
    size_t length = 0;
    int stopped = -1;
    EXPECT_EQ(sinkrt_stop_matcher_feed(m, piece.data(), piece.size(), &text, &length, &stopped),
              SINKRT_OK)
        << sinkrt_last_error();
    f.text.append(text, length);
    if (shown)
      shown->emplace_back(text, length);
    if (stopped) {
      f.stopped = true;
      return f;
    }
  }
  const char *text = nullptr;
  size_t length = 0;
  EXPECT_EQ(sinkrt_stop_matcher_flush(m, &text, &length), SINKRT_OK);
  f.text.append(text, length);
  if (shown)
    shown->emplace_back(text, length);
  return f;
}

TEST(StopMatcherApiTest, HoldsBackAndCutsAtTheStop) {
  const char *stops[] = {"\nUser:", "###"};
  sinkrt_stop_matcher *m = nullptr;
  ASSERT_EQ(sinkrt_stop_matcher_create(stops, 2, &m), SINKRT_OK) << sinkrt_last_error();
  std::vector<std::string> shown;
  Fed f = feedAll(m, {"Hello", " there\n", "Us", "er", ": hi"}, &shown);
  EXPECT_EQ(f, (Fed{"Hello there", true}));
  // "\n" is held until "User:" completes it; nothing of the stop is shown.
  EXPECT_EQ(shown, (std::vector<std::string>{"Hello", " there", "", "", ""}));
  // Stopped stays stopped.
  const char *text = nullptr;
  size_t length = 9;
  int stopped = 0;
  ASSERT_EQ(sinkrt_stop_matcher_feed(m, "more", 4, &text, &length, &stopped), SINKRT_OK);
  EXPECT_EQ(length, 0u);
  EXPECT_EQ(stopped, 1);
  ASSERT_EQ(sinkrt_stop_matcher_flush(m, &text, &length), SINKRT_OK);
  EXPECT_EQ(length, 0u);

  // Reset: a new generation; a held prefix that never completes is shown.
  ASSERT_EQ(sinkrt_stop_matcher_reset(m), SINKRT_OK);
  shown.clear();
  f = feedAll(m, {"a\nUs", "e", "##"}, &shown);
  EXPECT_EQ(f, (Fed{"a\nUse##", false}));
  // "\nUse" is held while it may still become "\nUser:", "##" while it may
  // become "###".
  EXPECT_EQ(shown, (std::vector<std::string>{"a", "", "\nUse", "##"}));
  sinkrt_stop_matcher_destroy(m);
}

// However the text is cut, the result is the text before the first stop
// string to complete (earliest end, then the longest).
TEST(StopMatcherApiTest, IndependentOfHowTheTextIsCut) {
  const char *stops[] = {"abc", "bcd", "cd", "ab\xC3\xA9", ""};
  sinkrt_stop_matcher *m = nullptr;
  ASSERT_EQ(sinkrt_stop_matcher_create(stops, 5, &m), SINKRT_OK);
  auto reference = [&](const std::string &text) -> Fed {
    for (size_t end = 1; end <= text.size(); ++end) {
      size_t cut = std::string::npos;
      for (const char *s : stops) {
        size_t n = std::strlen(s);
        if (n && n <= end && text.compare(end - n, n, s) == 0)
          cut = std::min(cut, end - n);
      }
      if (cut != std::string::npos)
        return {text.substr(0, cut), true};
    }
    return {text, false};
  };
  std::mt19937 rng(9);
  const std::string alphabet[] = {"a", "b", "c", "d", "x", "\xC3\xA9"};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (int i = 0; i < 12; ++i)
      text += alphabet[rng() % 6];
    std::vector<std::string> pieces;
    for (size_t pos = 0; pos < text.size();) {
      size_t n = std::min<size_t>(1 + rng() % 4, text.size() - pos);
      pieces.push_back(text.substr(pos, n));
      pos += n;
    }
    ASSERT_EQ(sinkrt_stop_matcher_reset(m), SINKRT_OK);
    EXPECT_EQ(feedAll(m, pieces), reference(text)) << text;
  }
  sinkrt_stop_matcher_destroy(m);
}

// Detokenizer pieces through the matcher: with a multi-byte stop string,
// nothing shown ever ends inside a character.
TEST_F(GenerationApiTest, StreamedTextEndsOnCharacterBoundaries) {
  const char *stops[] = {"\xC3\xA9!"}; // "é!"
  sinkrt_stop_matcher *m = nullptr;
  ASSERT_EQ(sinkrt_stop_matcher_create(stops, 1, &m), SINKRT_OK);
  sinkrt_detokenizer *d = nullptr;
  ASSERT_EQ(sinkrt_detokenizer_create(tok.get(), 1, &d), SINKRT_OK);
  std::vector<std::string> pieces;
  for (int32_t id : byteIds("x\xC3\xA9y\xE2\x82\xAC\xC3\xA9!z")) {
    const char *text = nullptr;
    size_t length = 0;
    ASSERT_EQ(sinkrt_detokenizer_push(d, id, &text, &length), SINKRT_OK);
    pieces.emplace_back(text, length);
  }
  std::vector<std::string> shown;
  EXPECT_EQ(feedAll(m, pieces, &shown), (Fed{"x\xC3\xA9y\xE2\x82\xAC", true}));
  EXPECT_EQ(shown, (std::vector<std::string>{"x", "", "", "\xC3\xA9y", "", "", "\xE2\x82\xAC", "",
                                             "", ""}));
  sinkrt_detokenizer_destroy(d);
  sinkrt_stop_matcher_destroy(m);
}

TEST(StopMatcherApiTest, Errors) {
  sinkrt_stop_matcher *m = nullptr;
  EXPECT_EQ(sinkrt_stop_matcher_create(nullptr, 1, &m), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            std::string("sinkrt_stop_matcher_create: stops is NULL with count 1"));
  const char *withNull[] = {"a", nullptr};
  EXPECT_EQ(sinkrt_stop_matcher_create(withNull, 2, &m), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_create: stop string 1 is NULL"));
  EXPECT_EQ(sinkrt_stop_matcher_create(nullptr, 0, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_create: out is NULL"));
  EXPECT_EQ(m, nullptr);

  // No stops: everything passes through at once.
  ASSERT_EQ(sinkrt_stop_matcher_create(nullptr, 0, &m), SINKRT_OK);
  const char *text = nullptr;
  size_t length = 0;
  int stopped = -1;
  ASSERT_EQ(sinkrt_stop_matcher_feed(m, "abc", 3, &text, &length, &stopped), SINKRT_OK);
  EXPECT_EQ(std::string(text, length), "abc");
  EXPECT_EQ(stopped, 0);
  ASSERT_EQ(sinkrt_stop_matcher_feed(m, nullptr, 0, &text, &length, &stopped), SINKRT_OK);
  EXPECT_EQ(length, 0u);
  EXPECT_EQ(sinkrt_stop_matcher_feed(m, nullptr, 2, &text, &length, &stopped),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            std::string("sinkrt_stop_matcher_feed: piece is NULL with length 2"));
  EXPECT_EQ(sinkrt_stop_matcher_feed(m, "a", 1, nullptr, &length, &stopped),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_feed: text is NULL"));
  EXPECT_EQ(sinkrt_stop_matcher_feed(m, "a", 1, &text, nullptr, &stopped),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_feed: text_length is NULL"));
  EXPECT_EQ(sinkrt_stop_matcher_feed(m, "a", 1, &text, &length, nullptr),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_feed: stopped is NULL"));
  EXPECT_EQ(sinkrt_stop_matcher_feed(nullptr, "a", 1, &text, &length, &stopped),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_feed: matcher is NULL"));
  EXPECT_EQ(sinkrt_stop_matcher_flush(nullptr, &text, &length), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_stop_matcher_flush(m, &text, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_stop_matcher_reset(nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_stop_matcher_reset: matcher is NULL"));
  sinkrt_stop_matcher_destroy(m);
  sinkrt_stop_matcher_destroy(nullptr);
}

//===----------------------------------------------------------------------===//
// The C++ wrappers
//===----------------------------------------------------------------------===//

TEST_F(GenerationApiTest, CxxWrappers) {
  namespace rt = sinkrt::cxx;
  sinkrt_sampler_options o = SINKRT_SAMPLER_OPTIONS_INIT;
  rt::Sampler sampler = rt::Sampler::create(3, o, status);
  ASSERT_TRUE(sampler) << status.message;
  const float logits[] = {0.0f, 5.0f, 1.0f};
  int32_t token = -1;
  ASSERT_TRUE(sampler.sample(logits, token));
  EXPECT_EQ(token, 1);
  EXPECT_TRUE(sampler.accept(2));
  EXPECT_EQ(sampler.accept(3).code, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_TRUE(sampler.reset());
  o.top_p = 2.0f;
  rt::Sampler bad = rt::Sampler::create(3, o, status);
  EXPECT_FALSE(bad);
  EXPECT_EQ(status.message, "sinkrt_sampler_create: top-p must be in (0, 1] (1 turns it off)");

  rt::Detokenizer detok = rt::Detokenizer::create(tok, status, /*skipSpecial=*/true);
  ASSERT_TRUE(detok) << status.message;
  std::string text;
  ASSERT_TRUE(detok.push(0xC3, text));
  EXPECT_EQ(text, "");
  EXPECT_EQ(detok.pending(), 1u);
  ASSERT_TRUE(detok.push(0xA9, text));
  ASSERT_TRUE(detok.push(kEnd, text));
  ASSERT_TRUE(detok.push(0xE2, text));
  ASSERT_TRUE(detok.flush(text));
  EXPECT_EQ(text, "\xC3\xA9\xEF\xBF\xBD");
  EXPECT_EQ(detok.push(999, text).message,
            "sinkrt_detokenizer_push: id 999 is outside the vocabulary of 259 tokens");

  rt::StopMatcher matcher = rt::StopMatcher::create({"END", ""}, status);
  ASSERT_TRUE(matcher) << status.message;
  text.clear();
  bool stopped = false;
  ASSERT_TRUE(matcher.feed("abcEN", text, stopped));
  EXPECT_EQ(text, "abc");
  EXPECT_FALSE(stopped);
  ASSERT_TRUE(matcher.feed("Dxyz", text, stopped));
  EXPECT_EQ(text, "abc");
  EXPECT_TRUE(stopped);
  ASSERT_TRUE(matcher.reset());
  text.clear();
  ASSERT_TRUE(matcher.feed("xEN", text, stopped));
  EXPECT_FALSE(stopped);
  ASSERT_TRUE(matcher.flush(text));
  EXPECT_EQ(text, "xEN");
}

} // namespace
