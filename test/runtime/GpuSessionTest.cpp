//===- GpuSessionTest.cpp - sessions on a GPU, against the fake drivers ---===//
//
// A session created with the device "cuda" or "hip" runs the package's GPU
// launches through GpuBackend (docs/gpu-runtime.md): the tests load the
// fake drivers (fake_driver/) through SINKRT_CUDA_LIBRARY /
// SINKRT_HIP_LIBRARY, as a user would point at another libcuda, and check
// what the session asked of them: the buffers, the launches of every step
// in plan order with their grids, blocks and parameter values (device
// addresses with the offsets of the call's tokens, the scalars), the ids
// copied in, the logits read back, the row-wise steps run for the last
// token only, reset, taps and the errors.
//
// The package's last step launches the fake's "fake_next_token", which
// really writes the logits rows: row r is 0 but for entry (id_r + 1) %
// vocab, which holds the row's position + 1. A wrong ids address, logits
// offset, row advance or position shows in the logits.
//
//===----------------------------------------------------------------------===//

#include "sinkrt/sinkrt.h"

#include "device/DeviceBackend.h"
#include "exec/Session.h"
#include "package/PackageReader.h"

#include "../../lowering/package/PackageWriter.h"
#include "fake_driver/FakeControl.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <unistd.h>

using namespace sinkrt;
using namespace sinkrt::device;
using namespace sinkrt::test;
using sinkc::package::PackageWriter;
using Json = nlohmann::json;

namespace {

constexpr int kVocab = 8, kHidden = 4, kMaxTokens = 3;
// Workspace rows per token: the id (4 bytes), the hidden row (16), the
// logits row (32).
constexpr int kIds = 0, kHiddenAt = 4, kLogitsAt = 20, kRowBytes = 52;

/// The GPU module of the package: four kernels of 8-byte parameters, the
/// last one the fake's logits writer.
const char kModule[] = "FAKEMOD\n"
                       "kernel embed_rows 8 8 8 8\n"
                       "kernel kv_append 8 8 8 8 8\n"
                       "kernel head_norm 8 8 8\n"
                       "kernel fake_next_token 8 8 8 8 8\n";

/// One plan entry: "g_embed" (ids, the embedding, the hidden rows, the KV
/// cache; tokens, position, context, 5) and the row-wise "g_head" (ids,
/// lm_head, hidden, logits; tokens, position, the vocabulary, max_tokens).
Json planEntry(bool prefill, const Json &taps) {
  auto at = [&](int perToken) {
    return prefill ? Json{{"per_token", perToken}, {"fixed", 0}} : Json(perToken);
  };
  auto rows = [&](int perToken, int rowBytes) {
    return Json{{"workspace", at(perToken)}, {"row_bytes", rowBytes}};
  };
  Json entry = {
      {"entry", prefill ? "prefill" : "decode"},
      {"max_tokens", prefill ? kMaxTokens : 1},
      {"workspace_bytes", at(kRowBytes)},
      {"scratch_bytes", 0},
      {"inputs", {{"tokens", {{"offset", at(kIds)}}}}},
      {"outputs",
       {{"logits", {{"offset", at(kLogitsAt * 1)}, {"per_token_bytes", kVocab * 4}}}}},
      {"row_wise_from", 1},
      {"steps",
       {{{"kernel", "g_embed"},
         {"workgroups", {{"per_token", 1}, {"fixed", 0}}},
         {"bindings",
          {{{"workspace", at(kIds)}},
           {{"tensor", "embd"}},
           {{"workspace", at(kHiddenAt)}},
           {{"kv", 0}}}},
         {"scalars", {"tokens", "position", "context", 5}}},
        {{"kernel", "g_head"},
         {"workgroups", {{"per_token", 2}, {"fixed", 0}}},
         {"bindings",
          {rows(kIds, 4),
           {{"tensor", "lm_head"}},
           rows(kHiddenAt, kHidden * 4),
           rows(kLogitsAt, kVocab * 4)}},
         {"scalars", {"tokens", "position", kVocab, kMaxTokens}}}}}};
  if (!taps.is_null())
    entry["taps"] = taps;
  return entry;
}

/// The launches of one GPU target: g_embed is two launches, g_head two.
/// `headTokens` false: g_head's launches are not told the step's tokens
/// (they take the constant max_tokens instead).
Json launches(bool headTokens = true) {
  Json rowsArg = headTokens ? Json{{"scalar", 0}} : Json{{"scalar", 3}};
  return Json::array(
      {{{"kernel", "g_embed"},
        {"symbol", "embed_rows"},
        {"args", {{{"binding", 1}}, {{"binding", 0}}, {{"binding", 2}}, {{"scalar", 0}}}},
        {"grid", {3, 1, 1}},
        {"block", {64, 1, 1}},
        {"shared_bytes", 0}},
       {{"kernel", "g_embed"},
        {"symbol", "kv_append"},
        {"args",
         {{{"scalar", 1}}, {{"binding", 3}}, {{"scalar", 3}}, {{"scalar", 2}}, {{"scratch", 256}}}},
        {"grid", {2, 2, 1}},
        {"block", {32, 4, 1}},
        {"shared_bytes", 128}},
       {{"kernel", "g_head"},
        {"symbol", "head_norm"},
        {"args", {{{"binding", 2}}, {{"scratch", 0}}, rowsArg}},
        {"grid", {3, 1, 1}},
        {"block", {128, 1, 1}},
        {"shared_bytes", 0}},
       {{"kernel", "g_head"},
        {"symbol", "fake_next_token"},
        {"args",
         {{{"binding", 0}}, {{"binding", 3}}, rowsArg, {{"scalar", 1}}, {{"scalar", 2}}}},
        {"grid", {1, 1, 1}},
        {"block", {1, 1, 1}},
        {"shared_bytes", 0}}});
}

struct PackageOptions {
  Json taps;                 ///< the entries' "taps"
  bool headTokens = true;    ///< see launches()
  bool withLaunches = true;  ///< "gpu_launches" at all
  std::string module = kModule;
};

std::string writePackage(const std::string &path, const PackageOptions &o) {
  Json manifest = {
      {"model",
       {{"arch", "toy"}, {"layers", 1}, {"hidden", kHidden}, {"heads", 1}, {"kv_heads", 1},
        {"head_dim", kHidden}, {"vocab", kVocab}, {"context", 16}}},
      {"tokenizer",
       {{"kind", "gpt2"}, {"pre", "gpt2"}, {"regexes", Json::array()}, {"bos", -1},
        {"eos", -1}, {"unk", -1}, {"pad", -1}, {"add_bos", false}, {"chat_template", ""}}},
      {"kv_cache",
       {{"abi_version", 1},
        {"groups",
         {{{"policy", "full"}, {"entries", 1}, {"slots", nullptr}, {"head_dim", kHidden},
           {"element_type", "f32"}}}}}},
      {"execution_plan", {planEntry(true, o.taps), planEntry(false, o.taps)}},
      {"cpu_features", Json::array()},
      {"gpu_scratch_bytes", 512},
      {"gpu_max_context", 16}};
  if (o.withLaunches)
    manifest["gpu_launches"] = {{"cuda-sm_90", launches(o.headTokens)},
                                {"hip-gfx942", launches(o.headTokens)}};
  PackageWriter w;
  if (std::string e = w.setManifest(manifest.dump()); !e.empty())
    return e;
  sinkc::package::TokenizerData t;
  for (char c = 'a'; c < 'a' + kVocab; ++c)
    t.tokens.push_back(std::string(1, c));
  w.setTokenizer(t);
  // GPU kernels only: a GPU session needs no CPU section.
  for (const char *target : {"cuda-sm_90", "hip-gfx942"})
    if (std::string e = w.addKernel(target, target[0] == 'c' ? "cubin" : "hsaco",
                                    std::vector<uint8_t>(o.module.begin(), o.module.end() + 1));
        !e.empty())
      return e;
  std::vector<float> embd, lmHead;
  for (int v = 0; v < kVocab; ++v)
    for (int j = 0; j < kHidden; ++j) {
      embd.push_back(float(v * 10 + j));
      lmHead.push_back(float(-v - j));
    }
  for (auto [name, data] : {std::pair{"embd", &embd}, std::pair{"lm_head", &lmHead}})
    if (std::string e = w.addTensor(name, uint32_t(pkg::DType::F32), {kVocab, kHidden},
                                    data->data(), data->size() * sizeof(float));
        !e.empty())
      return e;
  return w.write(path);
}

/// The logits row the fake computes for id `id` at absolute `position`.
std::vector<float> expectedRow(int32_t id, int64_t position) {
  std::vector<float> row(kVocab, 0.0f);
  row[size_t((id + 1) % kVocab)] = float(position + 1);
  return row;
}

class GpuSessionTest : public ::testing::Test {
protected:
  void SetUp() override {
    char pattern[] = "/tmp/sinkrt-gpu-session-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir = pattern;
    fake = FakeControl::of(SINKRT_FAKE_CUDA_PATH, "fake_cuda_");
    ASSERT_NE(fake.reset, nullptr);
    fake.reset();
    allocationsBefore = fake.liveAllocations();
  }
  void TearDown() override {
    readers.clear();
    for (const std::string &f : files)
      std::remove(f.c_str());
    ::rmdir(dir.c_str());
  }

  std::string write(const PackageOptions &o = {}) {
    std::string path = dir + "/p" + std::to_string(files.size()) + ".sinkpkg";
    files.push_back(path);
    EXPECT_EQ(writePackage(path, o), "");
    return path;
  }

  /// A session of the package at `path` on `device` (the internal API, so
  /// that the test sees the device's addresses).
  std::unique_ptr<Session> create(const std::string &path, DeviceKind device = DeviceKind::Cuda,
                                  int64_t ctx = 10) {
    readers.push_back(PackageReader::open(path, {}, error));
    EXPECT_NE(readers.back(), nullptr) << error;
    if (!readers.back())
      return nullptr;
    SessionOptions options;
    options.ctx = ctx;
    options.threads = 1;
    options.device = {device, 0};
    std::unique_ptr<Session> session;
    EXPECT_EQ(Session::create(*readers.back(), options, session, error), SINKRT_OK) << error;
    return session;
  }

  static GpuBackend &backendOf(Session &s) {
    // GPU sessions hold a GpuBackend (Session::createOnDevice).
    return *static_cast<GpuBackend *>(s.deviceBackend());
  }

  /// The launches since `from` as (symbol, parameters).
  std::vector<std::pair<std::string, std::vector<uint64_t>>> launchesSince(int from) {
    std::vector<std::pair<std::string, std::vector<uint64_t>>> out;
    for (int i = from; i < fake.launchCount(); ++i) {
      const fake_launch *l = fake.launchAt(i);
      EXPECT_NE(l, nullptr);
      if (l)
        out.push_back({l->kernel, params(*l)});
    }
    return out;
  }

  std::string dir, error;
  std::vector<std::string> files;
  std::vector<std::unique_ptr<PackageReader>> readers;
  ScopedEnv env{"SINKRT_CUDA_LIBRARY", SINKRT_FAKE_CUDA_PATH};
  FakeControl fake;
  long allocationsBefore = 0;
};

TEST_F(GpuSessionTest, CreateAllocatesOnTheDevice) {
  std::string path = write();
  std::unique_ptr<Session> s = create(path);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kernelTarget(), "cuda-sm_90");
  EXPECT_EQ(s->kvCache(), nullptr) << "no host cache for a GPU session";
  EXPECT_EQ(s->context(), 10);
  EXPECT_EQ(s->threads(), 1);
  // One full group: 1 entry x (key, value) x 10 slots x 4 floats.
  EXPECT_EQ(s->kvBytes(), size_t(1 * 2 * 10 * kHidden * 4));
  // Weights, KV cache, workspace, GPU scratch.
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore + 4);
  GpuBackend &b = backendOf(*s);
  EXPECT_EQ(b.kvBytes(0), s->kvBytes());
  EXPECT_EQ(b.scratchBytes(), 512u);
  // The weights are the package's bytes, at the tensors' offsets.
  const TensorInfo *lmHead = readers.back()->findTensor("lm_head");
  ASSERT_NE(lmHead, nullptr);
  const float *w = reinterpret_cast<const float *>(b.weightsAddress() + lmHead->offset);
  EXPECT_EQ(w[kHidden * 2 + 1], -3.0f);
  // Cache, workspace and scratch start zeroed (the fake's memory is the
  // host's).
  const float *kv = reinterpret_cast<const float *>(b.kvAddress(0));
  EXPECT_EQ(std::vector<float>(kv, kv + 80), std::vector<float>(80, 0.0f));
  const uint8_t *ws = reinterpret_cast<const uint8_t *>(b.workspaceAddress());
  EXPECT_EQ(std::vector<uint8_t>(ws, ws + kRowBytes * kMaxTokens),
            std::vector<uint8_t>(kRowBytes * kMaxTokens, 0));
  EXPECT_EQ(fake.launchCount(), 0) << "create launches nothing";
  s.reset();
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore) << "destroy frees every buffer";
}

TEST_F(GpuSessionTest, PrefillLaunchesEveryStepForEveryChunk) {
  std::unique_ptr<Session> s = create(write());
  ASSERT_NE(s, nullptr);
  GpuBackend &b = backendOf(*s);
  const uint64_t W = b.weightsAddress(), WS = b.workspaceAddress(), KV = b.kvAddress(0),
                 SCR = b.scratchAddress();
  const uint64_t embd = W + readers.back()->findTensor("embd")->offset;

  // 5 tokens, every row's logits: chunks of 3 and 2, each running both
  // steps (2 + 2 launches) for all its rows.
  std::vector<int32_t> ids = {3, 6, 1, 7, 2};
  std::vector<float> logits(ids.size() * kVocab, -1.0f);
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), logits.data(), true, error), SINKRT_OK) << error;
  EXPECT_EQ(s->position(), 5);
  using Launch = std::pair<std::string, std::vector<uint64_t>>;
  auto chunk = [&](uint64_t tokens, uint64_t position) {
    return std::vector<Launch>{
        {"embed_rows", {embd, WS + kIds, WS + kHiddenAt * tokens, tokens}},
        {"kv_append", {position, KV, 5, 10, SCR + 256}},
        {"head_norm", {WS + kHiddenAt * tokens, SCR, tokens}},
        {"fake_next_token", {WS + kIds, WS + kLogitsAt * tokens, tokens, position, kVocab}}};
  };
  std::vector<Launch> want = chunk(3, 0), second = chunk(2, 3);
  want.insert(want.end(), second.begin(), second.end());
  EXPECT_EQ(launchesSince(0), want);
  // Grids, blocks and shared bytes are the launches' own, whatever the
  // tokens.
  for (int i : {0, 4}) {
    EXPECT_EQ(dims(fake.launchAt(i)->grid), (std::vector<unsigned>{3, 1, 1}));
    EXPECT_EQ(dims(fake.launchAt(i)->block), (std::vector<unsigned>{64, 1, 1}));
    EXPECT_EQ(dims(fake.launchAt(i + 1)->grid), (std::vector<unsigned>{2, 2, 1}));
    EXPECT_EQ(dims(fake.launchAt(i + 1)->block), (std::vector<unsigned>{32, 4, 1}));
    EXPECT_EQ(fake.launchAt(i + 1)->shared_bytes, 128u);
    EXPECT_EQ(dims(fake.launchAt(i + 3)->grid), (std::vector<unsigned>{1, 1, 1}));
  }
  // The logits the fake computed from the ids on the device, every row.
  for (size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(std::vector<float>(logits.begin() + i * kVocab, logits.begin() + (i + 1) * kVocab),
              expectedRow(ids[i], int64_t(i)))
        << "row " << i;
  // The last chunk's ids are in the workspace.
  const int32_t *wsIds = reinterpret_cast<const int32_t *>(WS + kIds);
  EXPECT_EQ(std::vector<int32_t>(wsIds, wsIds + 2), (std::vector<int32_t>{7, 2}));
}

TEST_F(GpuSessionTest, LastTokenLogitsRunTheRowWiseStepsForOneRow) {
  std::unique_ptr<Session> s = create(write());
  ASSERT_NE(s, nullptr);
  GpuBackend &b = backendOf(*s);
  const uint64_t WS = b.workspaceAddress(), SCR = b.scratchAddress();

  // 6 tokens, the last one's logits: the first chunk skips g_head, the
  // second runs it for its last row only: tokens 1, every workspace
  // binding advanced by 2 rows, the position of that row.
  std::vector<int32_t> ids = {1, 2, 3, 4, 5, 0};
  std::vector<float> last(kVocab, -1.0f);
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), last.data(), false, error), SINKRT_OK) << error;
  auto got = launchesSince(0);
  std::vector<std::string> symbols;
  for (const auto &l : got)
    symbols.push_back(l.first);
  EXPECT_EQ(symbols, (std::vector<std::string>{"embed_rows", "kv_append", "embed_rows",
                                               "kv_append", "head_norm", "fake_next_token"}));
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[4].second, (std::vector<uint64_t>{WS + kHiddenAt * 3 + 2 * kHidden * 4, SCR, 1}));
  EXPECT_EQ(got[5].second,
            (std::vector<uint64_t>{WS + kIds + 2 * 4, WS + kLogitsAt * 3 + 2 * kVocab * 4, 1,
                                   5, kVocab}));
  // Id 0 at position 5: entry 1 holds 6.
  EXPECT_EQ(last, expectedRow(0, 5));

  // No logits wanted: the row-wise steps are skipped in every chunk.
  int before = fake.launchCount();
  ASSERT_EQ(s->prefill(ids.data(), 4, nullptr, false, error), SINKRT_OK) << error;
  symbols.clear();
  for (const auto &l : launchesSince(before))
    symbols.push_back(l.first);
  EXPECT_EQ(symbols, (std::vector<std::string>{"embed_rows", "kv_append", "embed_rows",
                                               "kv_append"}));
  EXPECT_EQ(s->position(), 10);
}

TEST_F(GpuSessionTest, DecodeRunsTheDecodeEntry) {
  std::unique_ptr<Session> s = create(write());
  ASSERT_NE(s, nullptr);
  GpuBackend &b = backendOf(*s);
  const uint64_t WS = b.workspaceAddress(), KV = b.kvAddress(0);
  std::vector<int32_t> ids = {2, 4};
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), nullptr, false, error), SINKRT_OK) << error;
  int before = fake.launchCount();
  std::vector<float> logits(kVocab, -1.0f);
  ASSERT_EQ(s->decode(7, logits.data(), error), SINKRT_OK) << error;
  EXPECT_EQ(s->position(), 3);
  auto got = launchesSince(before);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[1], (std::pair<std::string, std::vector<uint64_t>>{
                        "kv_append", {2, KV, 5, 10, b.scratchAddress() + 256}}));
  EXPECT_EQ(got[3], (std::pair<std::string, std::vector<uint64_t>>{
                        "fake_next_token", {WS + kIds, WS + kLogitsAt, 1, 2, kVocab}}));
  EXPECT_EQ(logits, expectedRow(7, 2)); // (7 + 1) % 8 = 0
  EXPECT_EQ(*reinterpret_cast<const int32_t *>(WS + kIds), 7);
  // Null logits: the steps run, nothing is read.
  ASSERT_EQ(s->decode(1, nullptr, error), SINKRT_OK) << error;
  EXPECT_EQ(fake.launchCount(), before + 8);

  // The context (10) ends the session as on the CPU; nothing is launched.
  std::vector<int32_t> more(7, 1);
  before = fake.launchCount();
  EXPECT_EQ(s->prefill(more.data(), more.size(), nullptr, false, error),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(error, "position 10 is past the context of 10 tokens (full-attention KV cache; 4 + 7 "
                   "tokens requested)");
  EXPECT_EQ(s->decode(8, nullptr, error), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(error, "id 8 at index 0 is outside the vocabulary of 8 tokens");
  EXPECT_EQ(fake.launchCount(), before);
}

TEST_F(GpuSessionTest, ResetZeroesTheDeviceCache) {
  std::unique_ptr<Session> s = create(write());
  ASSERT_NE(s, nullptr);
  GpuBackend &b = backendOf(*s);
  int32_t id = 3;
  ASSERT_EQ(s->prefill(&id, 1, nullptr, false, error), SINKRT_OK) << error;
  // What kernels would have written.
  float *kv = reinterpret_cast<float *>(b.kvAddress(0));
  for (int i = 0; i < 80; ++i)
    kv[i] = float(i + 1);
  ASSERT_EQ(s->reset(error), SINKRT_OK) << error;
  EXPECT_EQ(s->position(), 0);
  EXPECT_EQ(std::vector<float>(kv, kv + 80), std::vector<float>(80, 0.0f));
  // And the next call starts at position 0.
  std::vector<float> logits(kVocab);
  ASSERT_EQ(s->decode(5, logits.data(), error), SINKRT_OK) << error;
  EXPECT_EQ(logits, expectedRow(5, 0));

  fake.setError("cuMemsetD8_v2", 1);
  EXPECT_EQ(s->reset(error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "CUDA device 0: cuMemsetD8_v2 of 320 bytes failed: fake: invalid argument "
                   "(CUDA_ERROR_INVALID_VALUE)");
  fake.setError("cuMemsetD8_v2", 0);
}

TEST_F(GpuSessionTest, RowWiseStepsWithoutTheTokensScalarRunEveryRow) {
  PackageOptions o;
  o.headTokens = false;
  std::unique_ptr<Session> s = create(write(o));
  ASSERT_NE(s, nullptr);
  const uint64_t WS = backendOf(*s).workspaceAddress();
  std::vector<int32_t> ids = {1, 2, 3};
  std::vector<float> last(kVocab);
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), last.data(), false, error), SINKRT_OK) << error;
  auto got = launchesSince(0);
  ASSERT_EQ(got.size(), 4u);
  // g_head's launches cannot skip rows: they run for every row, unmoved.
  EXPECT_EQ(got[3].second,
            (std::vector<uint64_t>{WS + kIds, WS + kLogitsAt * 3, kMaxTokens, 0, kVocab}));
  EXPECT_EQ(last, expectedRow(3, 2));
}

TEST_F(GpuSessionTest, TapsAreReadFromTheDevice) {
  PackageOptions o;
  // A tap over the logits rows: every row, so the row-wise steps run for
  // every row even when only the last logits are wanted.
  o.taps = Json::array({{{"name", "logits"},
                         {"offset", {{"per_token", kLogitsAt}, {"fixed", 0}}},
                         {"per_token_bytes", kVocab * 4}}});
  std::unique_ptr<Session> s = create(write(o));
  ASSERT_NE(s, nullptr);
  std::vector<int32_t> ids = {6, 5, 4, 3};
  std::vector<float> last(kVocab);
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), last.data(), false, error), SINKRT_OK) << error;
  EXPECT_EQ(fake.launchCount(), 8) << "g_head runs in both chunks";
  EXPECT_EQ(param<uint64_t>(*fake.launchAt(3), 2), 3u) << "for all 3 rows";
  EXPECT_EQ(last, expectedRow(3, 3));
  ASSERT_EQ(s->decode(2, nullptr, error), SINKRT_OK) << error;
  ASSERT_EQ(s->taps().size(), 1u);
  const Session::Tap &tap = s->taps()[0];
  EXPECT_EQ(tap.name, "logits");
  ASSERT_EQ(tap.rows.size(), size_t(5 * kVocab));
  ids.push_back(2);
  for (size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(std::vector<float>(tap.rows.begin() + i * kVocab,
                                 tap.rows.begin() + (i + 1) * kVocab),
              expectedRow(ids[i], int64_t(i)))
        << "row " << i;
  ASSERT_EQ(s->reset(error), SINKRT_OK);
  EXPECT_TRUE(s->taps()[0].rows.empty());
}

TEST_F(GpuSessionTest, ProfilingTimesEachStep) {
  std::unique_ptr<Session> s = create(write());
  ASSERT_NE(s, nullptr);
  s->setProfiling(true);
  std::vector<int32_t> ids = {1, 2, 3, 4, 5, 6};
  std::vector<float> last(kVocab);
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), last.data(), false, error), SINKRT_OK) << error;
  ASSERT_EQ(s->profile().size(), 4u) << "two prefill steps, two decode steps";
  EXPECT_EQ(s->profile()[0].calls, 2u);
  EXPECT_EQ(s->profile()[0].tokens, 6u);
  EXPECT_EQ(s->profile()[1].calls, 1u) << "skipped in the first chunk";
  EXPECT_EQ(s->profile()[1].tokens, 1u) << "the last row only";
  // A fault shows at the step's synchronization and names the step.
  fake.setError("cuStreamSynchronize", 719);
  EXPECT_EQ(s->decode(1, nullptr, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "execution_plan[1].steps[0] (kernel \"g_embed\"): CUDA device 0: "
                   "cuStreamSynchronize failed: fake: unspecified launch failure "
                   "(CUDA_ERROR_LAUNCH_FAILED)");
  fake.setError("cuStreamSynchronize", 0);
}

TEST_F(GpuSessionTest, DeviceErrorsNameTheStepAndKernel) {
  std::unique_ptr<Session> s = create(write());
  ASSERT_NE(s, nullptr);
  int32_t ids[4] = {1, 2, 3, 4};
  fake.setError("cuLaunchKernel", 719);
  std::vector<float> last(kVocab);
  EXPECT_EQ(s->prefill(ids, 4, last.data(), false, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "execution_plan[0].steps[0] (kernel \"embed_rows\"): CUDA device 0: "
                   "cuLaunchKernel (grid 3x1x1, block 64x1x1, 0 shared bytes) failed: fake: "
                   "unspecified launch failure (CUDA_ERROR_LAUNCH_FAILED)");
  EXPECT_EQ(s->position(), 0) << "the failed chunk does not count";
  fake.setError("cuLaunchKernel", 0);
  fake.setError("cuMemcpyDtoH_v2", 1);
  EXPECT_EQ(s->decode(1, last.data(), error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "CUDA device 0: cuMemcpyDtoH_v2 of 32 bytes failed: fake: invalid "
                   "argument (CUDA_ERROR_INVALID_VALUE)");
  fake.setError("cuMemcpyDtoH_v2", 0);
  // After a reset the session runs again from position 0.
  ASSERT_EQ(s->reset(error), SINKRT_OK);
  ASSERT_EQ(s->decode(1, last.data(), error), SINKRT_OK) << error;
  EXPECT_EQ(last, expectedRow(1, 0));
}

TEST_F(GpuSessionTest, CreateErrors) {
  // No "gpu_launches": refused (a package from before them).
  PackageOptions none;
  none.withLaunches = false;
  std::string path = write(none);
  auto reader = PackageReader::open(path, {}, error);
  ASSERT_NE(reader, nullptr) << error;
  SessionOptions options;
  options.device = {DeviceKind::Cuda, 0};
  std::unique_ptr<Session> s;
  EXPECT_EQ(Session::create(*reader, options, s, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, path + ": CUDA device 0 (Fake GPU, kernels \"cuda-sm_90\"): the package has "
                          "no launch descriptions for its kernel section (manifest field "
                          "\"gpu_launches.cuda-sm_90\" is missing); compile it again with this "
                          "sinkc");

  // A symbol the module lacks.
  PackageOptions missing;
  missing.module = "FAKEMOD\nkernel embed_rows 8 8 8 8\nkernel kv_append 8 8 8 8 8\n"
                   "kernel fake_next_token 8 8 8 8 8\n";
  path = write(missing);
  reader = PackageReader::open(path, {}, error);
  ASSERT_NE(reader, nullptr) << error;
  EXPECT_EQ(Session::create(*reader, options, s, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, path + ": kernel section \"cuda-sm_90\": CUDA device 0: "
                          "cuModuleGetFunction(\"head_norm\") failed: fake: named symbol not "
                          "found (CUDA_ERROR_NOT_FOUND)");
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore) << "what create allocated is freed";

  // Out of device memory.
  path = write();
  reader = PackageReader::open(path, {}, error);
  ASSERT_NE(reader, nullptr) << error;
  fake.setError("cuMemAlloc_v2", 2);
  EXPECT_EQ(Session::create(*reader, options, s, error), SINKRT_ERROR_OUT_OF_MEMORY);
  EXPECT_EQ(error, path + ": weights: CUDA device 0: cuMemAlloc_v2 of " +
                       std::to_string(reader->weightsSection().size) +
                       " bytes failed: fake: out of memory (CUDA_ERROR_OUT_OF_MEMORY)");
  fake.setError("cuMemAlloc_v2", 0);
  EXPECT_EQ(s, nullptr);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

/// The C API: what `sinkc run --device cuda` and Python's Session do.
TEST_F(GpuSessionTest, TheCApiRunsOnTheDevice) {
  std::string path = write();
  sinkrt_package *p = nullptr;
  ASSERT_EQ(sinkrt_package_open(path.c_str(), 0, &p), SINKRT_OK) << sinkrt_last_error();
  sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
  options.ctx = 12;
  options.device = "cuda:0";
  sinkrt_session *s = nullptr;
  ASSERT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(sinkrt_session_context(s), 12);
  EXPECT_EQ(sinkrt_session_kv_bytes(s), size_t(2 * 12 * kHidden * 4));
  EXPECT_EQ(sinkrt_session_threads(s), 1);
  EXPECT_EQ(sinkrt_session_vocab(s), size_t(kVocab));
  int32_t ids[4] = {0, 1, 2, 3};
  float all[4 * kVocab];
  ASSERT_EQ(sinkrt_session_prefill(s, ids, 4, all, 1), SINKRT_OK) << sinkrt_last_error();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(std::vector<float>(all + i * kVocab, all + (i + 1) * kVocab),
              expectedRow(ids[i], i));
  float next[kVocab];
  ASSERT_EQ(sinkrt_session_decode(s, 4, next), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(std::vector<float>(next, next + kVocab), expectedRow(4, 4));
  EXPECT_EQ(sinkrt_session_position(s), 5);
  ASSERT_EQ(sinkrt_session_reset(s), SINKRT_OK);
  EXPECT_EQ(sinkrt_session_position(s), 0);
  fake.setError("cuMemsetD8_v2", 1);
  EXPECT_EQ(sinkrt_session_reset(s), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_session_reset: CUDA device 0: "
                                             "cuMemsetD8_v2 of 384 bytes failed: fake: "
                                             "invalid argument (CUDA_ERROR_INVALID_VALUE)"));
  fake.setError("cuMemsetD8_v2", 0);
  fake.setError("cuLaunchKernel", 719);
  EXPECT_EQ(sinkrt_session_decode(s, 4, next), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(std::string(sinkrt_last_error())
                .rfind("sinkrt_session_decode: execution_plan[1].steps[0] (kernel \"embed_rows\"): "
                       "CUDA device 0: cuLaunchKernel",
                       0),
            0u)
      << sinkrt_last_error();
  fake.setError("cuLaunchKernel", 0);
  sinkrt_session_destroy(s);
  // The CPU cannot run this package: it has GPU kernels only.
  options.device = "cpu";
  EXPECT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_ERROR_INVALID_PACKAGE);
  sinkrt_package_close(p);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

/// The same package on the fake HIP runtime: section hip-gfx942.
TEST_F(GpuSessionTest, RunsOnHip) {
  ScopedEnv hip("SINKRT_HIP_LIBRARY", SINKRT_FAKE_HIP_PATH);
  FakeControl hipFake = FakeControl::of(SINKRT_FAKE_HIP_PATH, "fake_hip_");
  hipFake.reset();
  long before = hipFake.liveAllocations();
  std::unique_ptr<Session> s = create(write(), DeviceKind::Hip, 6);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kernelTarget(), "hip-gfx942");
  EXPECT_EQ(hipFake.liveAllocations(), before + 4);
  std::vector<int32_t> ids = {5, 6, 7, 0};
  std::vector<float> last(kVocab);
  ASSERT_EQ(s->prefill(ids.data(), ids.size(), last.data(), false, error), SINKRT_OK) << error;
  EXPECT_EQ(last, expectedRow(0, 3));
  EXPECT_EQ(hipFake.launchCount(), 2 + 4);
  EXPECT_STREQ(hipFake.lastLaunch()->kernel, "fake_next_token");
  EXPECT_EQ(param<int64_t>(*hipFake.lastLaunch(), 2), 1) << "the last row only";
  ASSERT_EQ(s->decode(1, last.data(), error), SINKRT_OK) << error;
  EXPECT_EQ(last, expectedRow(1, 4));
  EXPECT_EQ(fake.launchCount(), 0) << "nothing ran on the CUDA fake";
  s.reset();
  EXPECT_EQ(hipFake.liveAllocations(), before);
}

} // namespace
