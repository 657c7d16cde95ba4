//===- SessionTest.cpp - sessions running a package's execution plan -------===//
//
// Packages are written in the test with PackageWriter; their "cpu" kernel
// section is the real shared object built from kernels/toy_kernels.c (the
// toy model described there: vocabulary 8, hidden 4, an embedding, a KV
// step that writes entry 1 of KV group 0 and sums over its valid slots, an
// lm_head of 2 rows per workgroup). ToyReference recomputes the model token
// by token; every value is a small integer or half, so the logits are exact
// and compared with ==.
//
//===----------------------------------------------------------------------===//

#include "sinkrt/sinkrt.h"
#include "sinkrt/sinkrt.hpp"

#include "exec/ExecutionPlan.h"
#include "exec/Session.h"
#include "package/PackageReader.h"

#include "../../lowering/package/PackageWriter.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <unistd.h>

using sinkc::package::PackageWriter;
using Json = nlohmann::json;

namespace {

constexpr int kVocab = 8, kHidden = 4, kModelContext = 16;
constexpr int kSinks = 2, kWindow = 3; // the streaming package's group
constexpr int kEntry = 1;              // the KV entry toy_kv writes

float embd(int v, int j) { return float((v * 3 + j * 5) % 7 - 3); }
float lmHead(int r, int j) { return float((r * 2 + j * 3) % 5 - 2); }

/// The toy model, one token at a time (toy_kernels.c's comment).
class ToyReference {
public:
  ToyReference(bool streaming, int64_t ctx)
      : streaming(streaming), slots(streaming ? kSinks + kWindow : ctx),
        keys(size_t(slots) * kHidden), values(size_t(slots) * kHidden) {}

  std::array<float, kVocab> step(int32_t id) {
    int64_t p = position++;
    int64_t slot = !streaming || p < kSinks ? p : kSinks + (p - kSinks) % kWindow;
    int64_t valid = streaming ? std::min<int64_t>(p + 1, kSinks + kWindow) : p + 1;
    float s[kHidden];
    for (int d = 0; d < kHidden; ++d) {
      keys[slot * kHidden + d] = embd(id, d);
      values[slot * kHidden + d] = embd(id, d) * 0.5f;
      s[d] = 0;
      for (int64_t v = 0; v < valid; ++v)
        s[d] += float(v + 1) * keys[v * kHidden + d] + values[v * kHidden + d];
    }
    std::array<float, kVocab> logits;
    for (int r = 0; r < kVocab; ++r) {
      logits[r] = 0;
      for (int j = 0; j < kHidden; ++j)
        logits[r] += lmHead(r, j) * s[j];
    }
    return logits;
  }

private:
  bool streaming;
  int64_t slots, position = 0;
  std::vector<float> keys, values;
};

std::vector<uint8_t> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

/// One entry of the toy plan. Prefill uses linear forms over tokens (ids
/// 4t bytes, h 16t, s 16t, logits 32t: 68 bytes per token); decode the
/// same layout for one token, in plain integers. The lm_head step is
/// row-wise, as the compiler marks it ("row_wise_from", "row_bytes").
Json toyEntry(bool prefill, bool streaming) {
  auto at = [&](int perToken) {
    return prefill ? Json{{"per_token", perToken}, {"fixed", 0}} : Json(perToken);
  };
  Json kvScalars = streaming
                       ? Json::array({"tokens", "position", kSinks + kWindow, kEntry, kSinks,
                                      kWindow, 1})
                       : Json::array({"tokens", "position", "context", kEntry, 0, 0, 0});
  return {
      {"entry", prefill ? "prefill" : "decode"},
      {"max_tokens", prefill ? 3 : 1},
      {"workspace_bytes", at(68)},
      {"scratch_bytes", 64},
      {"inputs", {{"tokens", {{"offset", at(0)}}}}},
      {"outputs", {{"logits", {{"offset", at(36)}, {"per_token_bytes", 32}}}}},
      {"steps",
       {{{"kernel", "toy_embed"},
         {"workgroups", {{"per_token", 1}, {"fixed", 0}}},
         {"bindings", {{{"workspace", at(0)}}, {{"tensor", "embd"}}, {{"workspace", at(4)}}}},
         {"scalars", {"tokens"}}},
        {{"kernel", "toy_kv"},
         {"workgroups", kHidden},
         {"bindings", {{{"workspace", at(4)}}, {{"kv", 0}}, {{"workspace", at(20)}}}},
         {"scalars", kvScalars}},
        {{"kernel", "toy_lm_head"},
         {"workgroups", {{"per_token", kVocab / 2}, {"fixed", 0}}},
         {"bindings",
          {{{"workspace", at(20)}, {"row_bytes", 16}},
           {{"tensor", "lm_head"}},
           {{"workspace", at(36)}, {"row_bytes", 32}}}},
         {"scalars", {"tokens", 2}}}}},
      {"row_wise_from", 2}};
}

Json toyManifest(bool streaming) {
  Json group = streaming ? Json{{"policy", "streaming"}, {"sinks", kSinks},
                                {"window", kWindow},    {"slots", kSinks + kWindow},
                                {"entries", 2},         {"head_dim", kHidden},
                                {"element_type", "f32"}}
                         : Json{{"policy", "full"},  {"entries", 2},
                                {"slots", nullptr},  {"head_dim", kHidden},
                                {"element_type", "f32"}};
  return {{"model",
           {{"arch", "toy"}, {"layers", 1}, {"hidden", kHidden}, {"heads", 1},
            {"kv_heads", 1}, {"head_dim", kHidden}, {"vocab", kVocab},
            {"context", kModelContext}}},
          {"tokenizer",
           {{"kind", "gpt2"}, {"pre", "gpt2"}, {"regexes", Json::array()}, {"bos", -1},
            {"eos", -1}, {"unk", -1}, {"pad", -1}, {"add_bos", false},
            {"chat_template", ""}}},
          {"kv_cache", {{"abi_version", 1}, {"groups", {group}}}},
          {"execution_plan", {toyEntry(true, streaming), toyEntry(false, streaming)}},
          {"cpu_features", Json::array()}};
}

struct ToyOptions {
  bool streaming = false;
  /// Kernel section name; empty for none.
  std::string target = "cpu";
  /// The section's bytes; empty for the toy kernels' shared object.
  std::vector<uint8_t> blob;
  std::function<void(Json &)> edit;
};

std::string writeToyPackage(const std::string &path, const ToyOptions &o = {}) {
  static std::vector<float> embdData, lmHeadData;
  if (embdData.empty())
    for (int v = 0; v < kVocab; ++v)
      for (int j = 0; j < kHidden; ++j) {
        embdData.push_back(embd(v, j));
        lmHeadData.push_back(lmHead(v, j));
      }
  Json manifest = toyManifest(o.streaming);
  if (o.edit)
    o.edit(manifest);
  PackageWriter w;
  if (std::string e = w.setManifest(manifest.dump()); !e.empty())
    return e;
  sinkc::package::TokenizerData t;
  for (char c = 'a'; c < 'a' + kVocab; ++c)
    t.tokens.push_back(std::string(1, c));
  w.setTokenizer(t);
  if (!o.target.empty()) {
    std::vector<uint8_t> blob = o.blob.empty() ? readFile(SINKRT_TOY_KERNELS_PATH) : o.blob;
    if (blob.empty())
      return "cannot read " SINKRT_TOY_KERNELS_PATH;
    if (std::string e = w.addKernel(o.target, "elf-shared-object", blob); !e.empty())
      return e;
  }
  for (auto [name, data] : {std::pair{"embd", &embdData}, std::pair{"lm_head", &lmHeadData}})
    if (std::string e = w.addTensor(name, uint32_t(sinkrt::pkg::DType::F32), {kVocab, kHidden},
                                    data->data(), data->size() * sizeof(float));
        !e.empty())
      return e;
  return w.write(path);
}

class SessionTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinkrt-session-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir = pattern;
  }
  void TearDown() override {
    for (sinkrt_package *p : packages)
      sinkrt_package_close(p);
    for (const std::string &f : files)
      std::remove(f.c_str());
    rmdir(dir.c_str());
  }

  /// Writes and opens a toy package; null on failure (test failed).
  sinkrt_package *open(const ToyOptions &o = {}) {
    path = dir + "/toy" + std::to_string(files.size()) + ".sinkpkg";
    files.push_back(path);
    std::string e = writeToyPackage(path, o);
    EXPECT_EQ(e, "");
    sinkrt_package *p = nullptr;
    EXPECT_EQ(sinkrt_package_open(path.c_str(), 0, &p), SINKRT_OK) << sinkrt_last_error();
    if (p)
      packages.push_back(p);
    return p;
  }

  sinkrt_session *create(sinkrt_package *p, int64_t ctx, int32_t threads) {
    sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
    options.ctx = ctx;
    options.threads = threads;
    sinkrt_session *s = nullptr;
    EXPECT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_OK) << sinkrt_last_error();
    return s;
  }

  /// The status and message of a session_create that must fail.
  std::pair<sinkrt_status, std::string> createError(const ToyOptions &o, int64_t ctx = 0) {
    sinkrt_package *p = open(o);
    if (!p)
      return {SINKRT_OK, "package did not open"};
    sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
    options.ctx = ctx;
    options.threads = 1;
    sinkrt_session *s = reinterpret_cast<sinkrt_session *>(&options);
    sinkrt_status st = sinkrt_session_create(p, &options, &s);
    EXPECT_EQ(s, reinterpret_cast<sinkrt_session *>(&options)) << "out written on failure";
    return {st, sinkrt_last_error()};
  }

  std::string dir, path;
  std::vector<std::string> files;
  std::vector<sinkrt_package *> packages;
};

std::vector<int32_t> prompt(size_t n) {
  std::vector<int32_t> ids;
  for (size_t i = 0; i < n; ++i)
    ids.push_back(int32_t((i * 5 + 3) % kVocab));
  return ids;
}

TEST_F(SessionTest, HandComputedLogits) {
  // Token 1: h = embd[1] = [0, -2, 3, 1]; slot 0 holds key h, value h/2, so
  // s = 1 * h + h/2 = [0, -3, 4.5, 1.5]; row 0 of lm_head is [-2, 1, -1, 2]
  // and row 1 [0, -2, 1, -1].
  sinkrt_session *s = create(open(), 0, 1);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(sinkrt_session_vocab(s), size_t(kVocab));
  EXPECT_EQ(sinkrt_session_context(s), kModelContext);
  int32_t id = 1;
  float logits[kVocab];
  ASSERT_EQ(sinkrt_session_prefill(s, &id, 1, logits, 0), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(logits[0], -4.5f);
  EXPECT_EQ(logits[1], 9.0f);
  EXPECT_EQ(sinkrt_last_error(), std::string());
  sinkrt_session_destroy(s);
}

// Prompts of 1 to 8 tokens (max_tokens 3: up to three chunks), all logits
// and last-token logits, then decode steps, at 1, 2 and 4 threads.
TEST_F(SessionTest, PrefillAndDecodeMatchTheReference) {
  sinkrt_package *p = open();
  ASSERT_NE(p, nullptr);
  std::vector<float> first;
  for (int32_t threads : {1, 2, 4}) {
    std::vector<float> all;
    for (size_t n = 1; n <= 8; ++n) {
      SCOPED_TRACE("threads " + std::to_string(threads) + ", prompt " + std::to_string(n));
      sinkrt_session *s = create(p, 12, threads);
      ASSERT_NE(s, nullptr);
      ToyReference ref(false, 12);
      std::vector<int32_t> ids = prompt(n);
      std::vector<float> logits(n * kVocab, -1.0f);
      ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), n, logits.data(), 1), SINKRT_OK)
          << sinkrt_last_error();
      for (size_t i = 0; i < n; ++i) {
        std::array<float, kVocab> want = ref.step(ids[i]);
        for (int r = 0; r < kVocab; ++r)
          EXPECT_EQ(logits[i * kVocab + r], want[r]) << "token " << i << ", row " << r;
      }
      all.insert(all.end(), logits.begin(), logits.end());
      EXPECT_EQ(sinkrt_session_position(s), int64_t(n));
      for (int32_t step = 0; step < 3; ++step) {
        int32_t id = (step * 3 + int32_t(n)) % kVocab;
        float out[kVocab];
        ASSERT_EQ(sinkrt_session_decode(s, id, out), SINKRT_OK) << sinkrt_last_error();
        std::array<float, kVocab> want = ref.step(id);
        for (int r = 0; r < kVocab; ++r)
          EXPECT_EQ(out[r], want[r]) << "decode step " << step << ", row " << r;
        all.insert(all.end(), out, out + kVocab);
      }
      EXPECT_EQ(sinkrt_session_position(s), int64_t(n) + 3);

      // The last token's logits only: the last row of the above.
      ASSERT_EQ(sinkrt_session_reset(s), SINKRT_OK);
      float last[kVocab];
      ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), n, last, 0), SINKRT_OK);
      EXPECT_EQ(std::vector<float>(last, last + kVocab),
                std::vector<float>(logits.end() - kVocab, logits.end()));
      sinkrt_session_destroy(s);
    }
    if (first.empty())
      first = all;
    else
      EXPECT_EQ(all, first) << "threads " << threads;
  }
}

// A prefill that wants the last logits runs the row-wise lm_head for one
// token of the last chunk only; one that wants none skips it; one that
// wants all runs it for every token. The logits above show it is the right
// row; the profile shows what ran.
TEST_F(SessionTest, RowWiseStepsRunForTheRowsWanted) {
  sinkrt_package *p = open();
  ASSERT_NE(p, nullptr);
  sinkrt_session *s = create(p, 12, 2);
  ASSERT_NE(s, nullptr);
  auto lmHeadRuns = [&] {
    sinkrt_step_profile step{};
    EXPECT_EQ(sinkrt_session_profile(s, 2, &step), SINKRT_OK);
    EXPECT_STREQ(step.kernel, "toy_lm_head");
    return std::pair{step.calls, step.tokens};
  };
  std::vector<int32_t> ids = prompt(8); // chunks of 3, 3, 2
  float logits[8 * kVocab];
  for (auto [all, out, calls, tokens] :
       {std::tuple{1, logits, 3u, 8u}, {0, logits, 1u, 1u}, {0, (float *)nullptr, 0u, 0u}}) {
    SCOPED_TRACE("all_logits " + std::to_string(all) + (out ? "" : ", no logits"));
    ASSERT_EQ(sinkrt_session_reset(s), SINKRT_OK);
    ASSERT_EQ(sinkrt_session_set_profiling(s, 1), SINKRT_OK);
    ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), ids.size(), out, all), SINKRT_OK);
    EXPECT_EQ(lmHeadRuns(), (std::pair<uint64_t, uint64_t>{calls, tokens}));
  }
  sinkrt_session_destroy(s);
}

TEST_F(SessionTest, ChunkingDoesNotChangeResults) {
  sinkrt_session *s = create(open(), 0, 2);
  ASSERT_NE(s, nullptr);
  std::vector<int32_t> ids = prompt(7);
  std::vector<float> whole(7 * kVocab), pieces;
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 7, whole.data(), 1), SINKRT_OK);
  ASSERT_EQ(sinkrt_session_reset(s), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_position(s), 0);
  // 2 + 1 (decode) + 4 tokens.
  std::vector<float> out(4 * kVocab);
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 2, out.data(), 1), SINKRT_OK);
  pieces.insert(pieces.end(), out.begin(), out.begin() + 2 * kVocab);
  ASSERT_EQ(sinkrt_session_decode(s, ids[2], out.data()), SINKRT_OK);
  pieces.insert(pieces.end(), out.begin(), out.begin() + kVocab);
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data() + 3, 4, out.data(), 1), SINKRT_OK);
  pieces.insert(pieces.end(), out.begin(), out.end());
  EXPECT_EQ(pieces, whole);
  // Logits may be left out.
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 1, nullptr, 1), SINKRT_OK);
  ASSERT_EQ(sinkrt_session_decode(s, 0, nullptr), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_position(s), 9);
  sinkrt_session_destroy(s);
}

// The cache holds what docs/kv-abi.md says, where it says: entry 1 of the
// group, key then value, slot p for position p; entry 0 untouched.
TEST_F(SessionTest, KvCacheLayout) {
  ASSERT_NE(open(), nullptr);
  std::string error;
  auto reader = sinkrt::PackageReader::open(path, {}, error);
  ASSERT_TRUE(reader) << error;
  std::unique_ptr<sinkrt::Session> session;
  ASSERT_EQ(sinkrt::Session::create(*reader, {8, 2}, session, error), SINKRT_OK) << error;
  std::vector<int32_t> ids = prompt(5);
  ASSERT_EQ(session->prefill(ids.data(), ids.size(), nullptr, false, error), SINKRT_OK);
  ASSERT_NE(session->kvCache(), nullptr);
  const sinkrt::KvCache &cache = *session->kvCache();
  EXPECT_EQ(session->kvBytes(), cache.totalBytes());
  EXPECT_EQ(session->kernelTarget(), "cpu");
  EXPECT_EQ(session->deviceBackend(), nullptr);
  ASSERT_EQ(cache.slots(0), 8);
  EXPECT_EQ(cache.bytes(0), size_t(2 * 2 * 8 * kHidden * 4));
  for (int64_t slot = 0; slot < 8; ++slot)
    for (int d = 0; d < kHidden; ++d) {
      float key = static_cast<const float *>(cache.key(0, kEntry, slot))[d];
      float value = static_cast<const float *>(cache.value(0, kEntry, slot))[d];
      float want = slot < 5 ? embd(ids[size_t(slot)], d) : 0.0f;
      EXPECT_EQ(key, want) << "slot " << slot;
      EXPECT_EQ(value, want * 0.5f) << "slot " << slot;
      EXPECT_EQ(static_cast<const float *>(cache.key(0, 0, slot))[d], 0.0f);
      EXPECT_EQ(static_cast<const float *>(cache.value(0, 0, slot))[d], 0.0f);
    }
  ASSERT_EQ(session->reset(error), SINKRT_OK) << error;
  EXPECT_EQ(session->position(), 0);
  EXPECT_EQ(static_cast<const float *>(cache.key(0, kEntry, 1))[1], 0.0f);
}

TEST_F(SessionTest, ResetStartsOver) {
  sinkrt_session *s = create(open(), 0, 4);
  ASSERT_NE(s, nullptr);
  std::vector<int32_t> ids = prompt(6);
  std::vector<float> a(6 * kVocab), b(6 * kVocab);
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 6, a.data(), 1), SINKRT_OK);
  float out[kVocab];
  ASSERT_EQ(sinkrt_session_decode(s, 3, out), SINKRT_OK);
  ASSERT_EQ(sinkrt_session_reset(s), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_position(s), 0);
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 6, b.data(), 1), SINKRT_OK);
  EXPECT_EQ(a, b);
  sinkrt_session_destroy(s);
}

// sinks 2 + window 3: the ring wraps many times, past the model's context,
// in the same 320 bytes of cache.
TEST_F(SessionTest, StreamingRunsPastTheWindowInConstantMemory) {
  ToyOptions o;
  o.streaming = true;
  sinkrt_package *p = open(o);
  ASSERT_NE(p, nullptr);
  for (int32_t threads : {1, 4}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    sinkrt_session *s = create(p, 0, threads);
    ASSERT_NE(s, nullptr);
    const size_t bytes = 2 * 2 * (kSinks + kWindow) * kHidden * sizeof(float);
    EXPECT_EQ(sinkrt_session_kv_bytes(s), bytes);
    ToyReference ref(true, 0);
    std::vector<int32_t> ids = prompt(7);
    std::vector<float> logits(7 * kVocab);
    ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 7, logits.data(), 1), SINKRT_OK)
        << sinkrt_last_error();
    for (size_t i = 0; i < 7; ++i) {
      std::array<float, kVocab> want = ref.step(ids[i]);
      EXPECT_EQ(std::vector<float>(logits.begin() + i * kVocab, logits.begin() + (i + 1) * kVocab),
                std::vector<float>(want.begin(), want.end()))
          << "token " << i;
    }
    for (int32_t step = 0; step < 3 * kModelContext; ++step) {
      int32_t id = (step * 7 + 1) % kVocab;
      float out[kVocab];
      ASSERT_EQ(sinkrt_session_decode(s, id, out), SINKRT_OK) << sinkrt_last_error();
      std::array<float, kVocab> want = ref.step(id);
      EXPECT_EQ(std::vector<float>(out, out + kVocab), std::vector<float>(want.begin(), want.end()))
          << "decode step " << step;
    }
    EXPECT_EQ(sinkrt_session_position(s), 7 + 3 * kModelContext);
    EXPECT_EQ(sinkrt_session_kv_bytes(s), bytes);
    sinkrt_session_destroy(s);
  }
  // A value worked by hand: after tokens 1, 2, 3 (slots 0, 1, 2) token 4
  // goes to position 3 and slot 3; token 5 to position 4, slot 4; token 6
  // to position 5, which wraps to slot 2 + (5 - 2) mod 3 = 2.
  ToyReference ref(true, 0);
  for (int32_t id : {1, 2, 3, 4, 5})
    ref.step(id);
  sinkrt_session *s = create(p, 0, 1);
  ASSERT_NE(s, nullptr);
  std::vector<int32_t> ids = {1, 2, 3, 4, 5, 6};
  float out[kVocab];
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 6, out, 0), SINKRT_OK);
  // Slots then hold the keys embd[1], embd[2], embd[6], embd[4], embd[5];
  // column 0 of embd is -3, 0, 3, -1, 2, -2, 1, -3, so s[0] = 1*0 + 2*3 +
  // 3*1 + 4*2 + 5*(-2) + (0 + 3 + 1 + 2 - 2) / 2 = 9; likewise s = [9,
  // 12.5, -12, 9].
  std::vector<float> hand = {24.5f, -46.0f, 51.0f, -2.0f, -27.5f, 24.5f, -46.0f, 51.0f};
  EXPECT_EQ(std::vector<float>(out, out + kVocab), hand);
  std::array<float, kVocab> want = ref.step(6);
  EXPECT_EQ(hand, std::vector<float>(want.begin(), want.end()));
  sinkrt_session_destroy(s);
}

TEST_F(SessionTest, CxxWrapper) {
  sinkrt::cxx::Status st;
  auto pkg = sinkrt::cxx::Package::open(path = dir + "/cxx.sinkpkg", st);
  EXPECT_FALSE(pkg); // not written yet
  files.push_back(path);
  ASSERT_EQ(writeToyPackage(path), "");
  pkg = sinkrt::cxx::Package::open(path, st);
  ASSERT_TRUE(pkg) << st.message;
  auto session = sinkrt::cxx::Session::create(pkg, st, 8, 2);
  ASSERT_TRUE(session) << st.message;
  EXPECT_EQ(session.vocab(), size_t(kVocab));
  EXPECT_EQ(session.context(), 8);
  EXPECT_EQ(session.kvBytes(), size_t(2 * 2 * 8 * kHidden * 4));
  std::vector<float> logits;
  ASSERT_TRUE(session.prefill({1}, logits));
  EXPECT_EQ(logits.size(), size_t(kVocab));
  EXPECT_EQ(logits[1], 9.0f);
  ASSERT_TRUE(session.decode(2, logits));
  EXPECT_EQ(session.position(), 2);
  ASSERT_TRUE(session.prefill({1, 2, 3}, logits, true));
  EXPECT_EQ(logits.size(), size_t(3 * kVocab));
  ASSERT_TRUE(session.reset());
  EXPECT_EQ(session.position(), 0);
  st = session.prefill(std::vector<int32_t>(9, 0), logits);
  EXPECT_EQ(st.code, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(st.message, "sinkrt_session_prefill: position 8 is past the context of 8 tokens "
                        "(full-attention KV cache; 0 + 9 tokens requested)");
  auto none = sinkrt::cxx::Session::create(sinkrt::cxx::Package(), st);
  EXPECT_FALSE(none);
  EXPECT_EQ(st.message, "sinkrt_session_create: package is NULL");
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST_F(SessionTest, NoCpuKernels) {
  ToyOptions o;
  o.target = "";
  auto [st, message] = createError(o);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(message,
            path + ": the package has no kernels for target \"cpu\" (manifest field \"kernels\")");
  o.target = "cuda-sm_90";
  std::tie(st, message) = createError(o);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(message,
            path + ": the package has no kernels for target \"cpu\" (manifest field \"kernels\")");
}

#if defined(__x86_64__)
TEST_F(SessionTest, HostArchitectureTarget) {
  ToyOptions o;
  o.target = "cpu-x86_64";
  sinkrt_session *s = create(open(o), 0, 1);
  ASSERT_NE(s, nullptr);
  int32_t id = 1;
  float logits[kVocab];
  ASSERT_EQ(sinkrt_session_prefill(s, &id, 1, logits, 0), SINKRT_OK);
  EXPECT_EQ(logits[1], 9.0f);
  sinkrt_session_destroy(s);
}
#endif

TEST_F(SessionTest, KernelBlobIsNotASharedObject) {
  // Load and unload good kernels first: the library may stay resident (it
  // is linked with -z nodelete here) under a /proc/self/fd path that the
  // bad blob's descriptor would otherwise reuse.
  sinkrt_session_destroy(create(open(), 0, 1));
  ToyOptions o;
  o.blob.assign(64, 'x');
  auto [st, message] = createError(o);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(message, path + ": kernel section \"cpu\": cannot load it as a shared object: "
                            "invalid ELF header");
}

TEST_F(SessionTest, MissingKernelSymbol) {
  ToyOptions o;
  o.edit = [](Json &m) { m["execution_plan"][1]["steps"][2]["kernel"] = "toy_softmax"; };
  auto [st, message] = createError(o);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(message, path + ": kernel section \"cpu\" exports no function \"toy_softmax\" "
                            "(manifest field \"execution_plan[1].steps[2].kernel\", entry "
                            "\"decode\", step 2)");
}

TEST_F(SessionTest, BadPlanFields) {
  struct Case {
    std::function<void(Json &)> edit;
    std::string message; // after "PATH: manifest field "
  };
  auto step = [](Json &m, int entry, int s) -> Json & {
    return m["execution_plan"][entry]["steps"][s];
  };
  const std::string limit = std::to_string(int64_t(1) << 40);
  std::vector<Case> cases = {
      {[](Json &m) { m["execution_plan"] = Json::array(); },
       "\"execution_plan\" has no \"prefill\" entry"},
      {[](Json &m) { m["execution_plan"].erase(1); },
       "\"execution_plan\" has no \"decode\" entry"},
      {[](Json &m) { m["execution_plan"][1]["entry"] = "prefill"; },
       "\"execution_plan[1].entry\" is \"prefill\", a second entry of that name"},
      {[](Json &m) { m["execution_plan"][0]["entry"] = "generate"; },
       "\"execution_plan[0].entry\" is \"generate\", not \"prefill\" or \"decode\""},
      {[](Json &m) { m["execution_plan"][0] = 3; }, "\"execution_plan[0]\" is not an object"},
      {[](Json &m) { m["execution_plan"][0]["max_tokens"] = 0; },
       "\"execution_plan[0].max_tokens\" (entry \"prefill\") is 0, outside [1, 1048576]"},
      {[](Json &m) { m["execution_plan"][1].erase("scratch_bytes"); },
       "\"execution_plan[1].scratch_bytes\" (entry \"decode\") is missing"},
      {[](Json &m) { m["execution_plan"][0]["workspace_bytes"] = "68"; },
       "\"execution_plan[0].workspace_bytes\" (entry \"prefill\") is not an integer or a "
       "linear form {\"per_token\": a, \"fixed\": b}"},
      {[](Json &m) { m["execution_plan"][0]["workspace_bytes"].erase("fixed"); },
       "\"execution_plan[0].workspace_bytes.fixed\" (entry \"prefill\") is missing"},
      {[](Json &m) { m["execution_plan"][0]["outputs"]["logits"]["per_token_bytes"] = 28; },
       "\"execution_plan[0].outputs.logits.per_token_bytes\" (entry \"prefill\") is 28, not 4 "
       "x the model's vocab of 8 (32)"},
      {[](Json &m) { m["execution_plan"][0]["workspace_bytes"]["per_token"] = 60; },
       "\"execution_plan[0].outputs.logits.offset\" (entry \"prefill\") (36 x tokens + 0) puts "
       "the logits (32 bytes per token) outside the workspace (60 x tokens + 0 bytes)"},
      {[](Json &m) { m["execution_plan"][1]["inputs"]["tokens"]["offset"] = 2; },
       "\"execution_plan[1].inputs.tokens.offset\" (entry \"decode\") (0 x tokens + 2) is not a "
       "multiple of 4"},
      {[](Json &m) { m["execution_plan"][1]["inputs"].erase("tokens"); },
       "\"execution_plan[1].inputs.tokens\" (entry \"decode\") is missing"},
      {[&](Json &m) { step(m, 0, 0).erase("kernel"); },
       "\"execution_plan[0].steps[0].kernel\" (entry \"prefill\", step 0) is missing"},
      {[&](Json &m) { step(m, 0, 0)["workgroups"] = {{"per_token", -1}, {"fixed", 0}}; },
       "\"execution_plan[0].steps[0].workgroups.per_token\" (entry \"prefill\", step 0) is -1, "
       "outside [0, " + limit + "]"},
      {[&](Json &m) { step(m, 0, 0)["bindings"][1] = {{"tensor", "blk.0.attn_q.weight"}}; },
       "\"execution_plan[0].steps[0].bindings[1].tensor\" (entry \"prefill\", step 0) names no "
       "tensor of the package: \"blk.0.attn_q.weight\""},
      {[&](Json &m) { step(m, 0, 1)["bindings"][1] = {{"kv", 1}}; },
       "\"execution_plan[0].steps[1].bindings[1].kv\" (entry \"prefill\", step 1) is 1, but the "
       "manifest has 1 KV-cache group(s) (field \"kv_cache.groups\")"},
      {[&](Json &m) { step(m, 0, 2)["bindings"][2] = {{"workspace", 0}, {"kv", 0}}; },
       "\"execution_plan[0].steps[2].bindings[2]\" (entry \"prefill\", step 2) has more than one "
       "of \"workspace\", \"tensor\" and \"kv\""},
      {[&](Json &m) { step(m, 1, 2)["bindings"][0] = Json::object(); },
       "\"execution_plan[1].steps[2].bindings[0]\" (entry \"decode\", step 2) has none of "
       "\"workspace\", \"tensor\" and \"kv\""},
      {[&](Json &m) { step(m, 0, 0)["bindings"][2] = {{"workspace", {{"per_token", 70}, {"fixed", 0}}}}; },
       "\"execution_plan[0].steps[0].bindings[2].workspace\" (entry \"prefill\", step 0) (70 x "
       "tokens + 0) is past the end of the workspace (68 x tokens + 0 bytes)"},
      {[&](Json &m) { step(m, 1, 2)["scalars"][0] = "layer"; },
       "\"execution_plan[1].steps[2].scalars[0]\" (entry \"decode\", step 2) is \"layer\", not "
       "\"tokens\", \"position\", \"context\" or an integer"},
      {[&](Json &m) { step(m, 1, 1)["scalars"][3] = 1.5; },
       "\"execution_plan[1].steps[1].scalars[3]\" (entry \"decode\", step 1) is not a string, "
       "not \"tokens\", \"position\", \"context\" or an integer"},
      {[](Json &m) { m["execution_plan"][0]["row_wise_from"] = 4; },
       "\"execution_plan[0].row_wise_from\" is 4, outside [0, 3]"},
      {[&](Json &m) { step(m, 0, 2)["bindings"][2].erase("row_bytes"); },
       "\"execution_plan[0].steps[2].bindings[2].row_bytes\" (entry \"prefill\", step 2) is "
       "missing"},
      {[](Json &m) { m["execution_plan"][0]["row_wise_from"] = 1; },
       "\"execution_plan[0].steps[1].bindings[1]\" (entry \"prefill\", step 1) is a KV cache "
       "in a row-wise step (\"row_wise_from\" is 1)"},
      {[&](Json &m) { step(m, 0, 2)["bindings"][2]["row_bytes"] = 16; },
       "\"execution_plan[0].row_wise_from\" is 2, but no step from there binds the logits row "
       "by row"},
      {[&](Json &m) { step(m, 0, 2)["bindings"][2]["row_bytes"] = 64; },
       "\"execution_plan[0].steps[2].bindings[2].row_bytes\" (entry \"prefill\", step 2) (36 "
       "x tokens + 0) puts the rows (64 bytes per token) outside the workspace (68 x tokens + 0 "
       "bytes)"},
      {[&](Json &m) { step(m, 1, 1)["scalars"] = "tokens"; },
       "\"execution_plan[1].steps[1].scalars\" (entry \"decode\", step 1) is not an array"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    ToyOptions o;
    o.edit = cases[i].edit;
    auto [st, message] = createError(o);
    EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
    EXPECT_EQ(message, path + ": manifest field " + cases[i].message);
  }
}

TEST_F(SessionTest, BadOptions) {
  auto [st, message] = createError({}, kModelContext + 1);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message, path + ": context 17 is more than the model's context of 16 (manifest "
                            "field \"model.context\")");
  std::tie(st, message) = createError({}, -1);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message, path + ": context -1 is negative");

  sinkrt_package *p = open();
  ASSERT_NE(p, nullptr);
  sinkrt_session *s = nullptr;
  sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
  options.threads = 1025;
  EXPECT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), path + ": threads 1025 is outside [0, 1024]");
  options = SINKRT_SESSION_OPTIONS_INIT;
  options.size = 8;
  EXPECT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_create: options->size is 8, below ") +
                                     std::to_string(offsetof(sinkrt_session_options, device)) +
                                     " (set it to sizeof(sinkrt_session_options))");
  // A newer caller's larger struct: zero extra fields are fine, others not.
  struct Newer {
    sinkrt_session_options v1;
    int64_t extra;
  } newer = {SINKRT_SESSION_OPTIONS_INIT, 0};
  newer.v1.size = sizeof(newer);
  newer.v1.threads = 1;
  ASSERT_EQ(sinkrt_session_create(p, &newer.v1, &s), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(sinkrt_session_context(s), kModelContext);
  sinkrt_session_destroy(s);
  s = nullptr;
  newer.extra = 1;
  EXPECT_EQ(sinkrt_session_create(p, &newer.v1, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), "sinkrt_session_create: options sets fields this runtime does "
                                 "not know (byte " + std::to_string(sizeof(sinkrt_session_options)) +
                                     " of " + std::to_string(sizeof(newer)) + " is not zero)");
  EXPECT_EQ(s, nullptr);
  // NULL options: the defaults.
  ASSERT_EQ(sinkrt_session_create(p, nullptr, &s), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_context(s), kModelContext);
  sinkrt_session_destroy(s);
}

TEST_F(SessionTest, PositionPastTheContext) {
  sinkrt_session *s = create(open(), 6, 2);
  ASSERT_NE(s, nullptr);
  std::vector<int32_t> ids = prompt(7);
  float out[kVocab];
  EXPECT_EQ(sinkrt_session_prefill(s, ids.data(), 7, out, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_prefill: position 6 is past the "
                                             "context of 6 tokens (full-attention KV cache; 0 + "
                                             "7 tokens requested)"));
  EXPECT_EQ(sinkrt_session_position(s), 0);
  ASSERT_EQ(sinkrt_session_prefill(s, ids.data(), 4, out, 0), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_prefill(s, ids.data(), 3, out, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_prefill: position 6 is past the "
                                             "context of 6 tokens (full-attention KV cache; 4 + "
                                             "3 tokens requested)"));
  EXPECT_EQ(sinkrt_session_position(s), 4);
  ASSERT_EQ(sinkrt_session_decode(s, 1, out), SINKRT_OK);
  ASSERT_EQ(sinkrt_session_decode(s, 2, out), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_decode(s, 3, out), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_decode: position 6 is past the "
                                             "context of 6 tokens (full-attention KV cache; 6 + "
                                             "1 tokens requested)"));
  EXPECT_EQ(sinkrt_session_position(s), 6);
  ASSERT_EQ(sinkrt_session_reset(s), SINKRT_OK);
  ASSERT_EQ(sinkrt_session_decode(s, 3, out), SINKRT_OK);
  sinkrt_session_destroy(s);
}

TEST_F(SessionTest, IdsOutsideTheVocabulary) {
  sinkrt_session *s = create(open(), 0, 1);
  ASSERT_NE(s, nullptr);
  int32_t ids[] = {1, 2, 8};
  EXPECT_EQ(sinkrt_session_prefill(s, ids, 3, nullptr, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_prefill: id 8 at index 2 is "
                                             "outside the vocabulary of 8 tokens"));
  EXPECT_EQ(sinkrt_session_decode(s, -1, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_decode: id -1 at index 0 is "
                                             "outside the vocabulary of 8 tokens"));
  EXPECT_EQ(sinkrt_session_position(s), 0);
  sinkrt_session_destroy(s);
}

TEST_F(SessionTest, NullArguments) {
  sinkrt_package *p = open();
  ASSERT_NE(p, nullptr);
  sinkrt_session *s = nullptr;
  EXPECT_EQ(sinkrt_session_create(p, nullptr, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_create: out is NULL"));
  EXPECT_EQ(sinkrt_session_create(nullptr, nullptr, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_create: package is NULL"));
  EXPECT_EQ(s, nullptr);
  int32_t id = 0;
  float out[kVocab];
  EXPECT_EQ(sinkrt_session_prefill(nullptr, &id, 1, out, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_prefill: session is NULL"));
  EXPECT_EQ(sinkrt_session_decode(nullptr, 0, out), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_decode: session is NULL"));
  EXPECT_EQ(sinkrt_session_reset(nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_reset: session is NULL"));
  EXPECT_EQ(sinkrt_session_position(nullptr), -1);
  EXPECT_EQ(sinkrt_session_vocab(nullptr), 0u);
  EXPECT_EQ(sinkrt_session_context(nullptr), 0);
  EXPECT_EQ(sinkrt_session_kv_bytes(nullptr), 0u);
  sinkrt_session_destroy(nullptr);

  s = create(p, 0, 1);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(sinkrt_session_prefill(s, nullptr, 1, out, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_prefill: ids is NULL"));
  EXPECT_EQ(sinkrt_session_prefill(s, &id, 0, out, 0), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_prefill: no tokens to prefill"));
  EXPECT_EQ(sinkrt_session_position(s), 0);
  sinkrt_session_destroy(s);
}

// Two sessions of two packages at once each run their own kernels (the
// loader must not confuse two in-memory libraries).
TEST_F(SessionTest, TwoPackagesAtOnce) {
  sinkrt_package *full = open();
  ToyOptions o;
  o.streaming = true;
  sinkrt_package *streaming = open(o);
  ASSERT_TRUE(full && streaming);
  sinkrt_session *a = create(full, 0, 2), *b = create(streaming, 0, 2);
  ASSERT_TRUE(a && b);
  ToyReference refA(false, kModelContext), refB(true, 0);
  for (int32_t i = 0; i < 10; ++i) {
    float out[kVocab];
    ASSERT_EQ(sinkrt_session_decode(a, i % kVocab, out), SINKRT_OK);
    std::array<float, kVocab> want = refA.step(i % kVocab);
    EXPECT_EQ(std::vector<float>(out, out + kVocab), std::vector<float>(want.begin(), want.end()));
    ASSERT_EQ(sinkrt_session_decode(b, i % kVocab, out), SINKRT_OK);
    want = refB.step(i % kVocab);
    EXPECT_EQ(std::vector<float>(out, out + kVocab), std::vector<float>(want.begin(), want.end()));
  }
  sinkrt_session_destroy(a);
  sinkrt_session_destroy(b);
}

} // namespace
