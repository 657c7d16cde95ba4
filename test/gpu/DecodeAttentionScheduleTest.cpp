//===- DecodeAttentionScheduleTest.cpp - flash-decoding, CPU and GPU builds -===//
//
// CPU build (loops, compiled in-process and run): SmolLM2's attention shape
// (9 heads, 3 kv-heads, head_dim 64) over an f16 cache of 192 slots (3
// splits): decode after 0-191 positions, learned sink logits, and a
// 3-token causal prefill,
// against a double softmax(scale q.k) v over each token's prefix; slots
// past the last token hold NaN, which must never be read.
// Tolerance 2e-5 x max |out| (f32 sums over 64 values and 192 keys).
// GPU build: both kernels for every chip, no spills or private memory, the
// split kernel's 3 x 64 scores in shared / group memory.
//
//===----------------------------------------------------------------------===//

#include "DecodeAttentionSchedule.h"
#include "GemvSchedule.h"
#include "GpuCompile.h"
#include "GpuTestUtil.h"


#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <dlfcn.h>
#include <random>

using namespace sinkc::gpu;
using namespace sinkc::gpu::testing;

namespace {

// Compiled for up to 256 slots of a 6-entry group buffer (two layers of 3
// kv-heads); the calls use the second layer (entry 3) with 192 slots.
const DecodeAttentionShape kShape{9, 3, 64, 256, /*entries=*/6, 0.125f, /*maxTokens=*/1};
constexpr int64_t kEntry = 3, kSlots = 192;

/// The CPU build of `shape`, loaded; split and combine.
using Split = void (*)(const float *, const uint16_t *, int64_t, int64_t, int64_t, int64_t,
                       float *, float *, float *);
using Combine = void (*)(const float *, const float *, const float *, const float *, int64_t,
                         float *);

void *loadAttention(mlir::MLIRContext *context, const DecodeAttentionShape &shape) {
  auto module = buildDecodeAttentionSchedule(context, "attend", shape, /*gpu=*/false);
  EXPECT_TRUE(bool(module)) << llvm::toString(module.takeError());
  if (!module)
    return nullptr;
  llvm::Error lowered = lowerDecodeAttentionForCpu(**module);
  EXPECT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  return loadCpuBuild(**module);
}

/// Runs `tokens` tokens at `pos` (keys of positions < pos + tokens in the
/// cache, NaN after) and checks each against a double softmax over its
/// prefix; rows past `tokens` stay -7.
void checkAttention(const DecodeAttentionShape &s, void *handle, int64_t pos, int64_t tokens,
                    std::mt19937 &rng, bool learnedSinks = false) {
  auto split = reinterpret_cast<Split>(dlsym(handle, "attend_split"));
  auto combine = reinterpret_cast<Combine>(dlsym(handle, "attend_combine"));
  ASSERT_NE(split, nullptr);
  ASSERT_NE(combine, nullptr);
  const int64_t T = s.maxTokens, H = s.heads, KVH = s.kvHeads, D = s.headDim, S = kSlots;
  const int64_t G = H / KVH, splits = s.slots / kSplitKeys, filled = pos + tokens;
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::vector<float> q(static_cast<size_t>(T * H * D));
  for (float &v : q)
    v = uni(rng) * 2.0f;
  // The other layer's entries hold NaN too: reading them is visible.
  std::vector<uint16_t> cache(static_cast<size_t>(s.entries * 2 * S * D), 0x7e00); // NaN
  auto at = [&](int64_t kvh, int64_t kv, int64_t p, int64_t d) {
    return size_t((((kEntry + kvh) * 2 + kv) * S + p) * D + d);
  };
  for (int64_t h = 0; h < KVH; ++h)
    for (int64_t kv = 0; kv < 2; ++kv)
      for (int64_t p = 0; p < filled; ++p)
        for (int64_t d = 0; d < D; ++d)
          cache[at(h, kv, p, d)] = toHalf(uni(rng));
  std::vector<float> pm(static_cast<size_t>(T * H * splits)), pl(pm.size());
  std::vector<float> po(static_cast<size_t>(T * H * splits * D));
  std::vector<float> out(static_cast<size_t>(T * H * D), -7.0f);
  split(q.data(), cache.data(), kEntry, S, pos, tokens, pm.data(), pl.data(), po.data());
  // Learned sinks on some heads (large enough to matter), none on others.
  std::vector<float> sinks(static_cast<size_t>(H), -INFINITY);
  if (learnedSinks)
    for (int64_t h = 0; h < H; h += 2)
      sinks[size_t(h)] = 0.5f * float(h);
  combine(pm.data(), pl.data(), po.data(), sinks.data(), tokens, out.data());
  for (int64_t t = 0; t < tokens; ++t) {
    const int64_t len = pos + t + 1;
    std::vector<double> want(static_cast<size_t>(H * D));
    double scale = 0;
    for (int64_t h = 0; h < H; ++h) {
      const int64_t kvh = h / G;
      std::vector<double> score(static_cast<size_t>(len));
      double mx = -INFINITY, sum = 0;
      for (int64_t p = 0; p < len; ++p) {
        double dot = 0;
        for (int64_t d = 0; d < D; ++d)
          dot += double(q[size_t((t * H + h) * D + d)]) *
                 fromHalf(cache[at(kvh, 0, p, d)]);
        score[size_t(p)] = dot * s.scale;
        mx = std::max(mx, score[size_t(p)]);
      }
      const double sink = sinks[size_t(h)];
      mx = std::max(mx, sink);
      for (double &v : score)
        sum += (v = std::exp(v - mx));
      if (sink > -INFINITY)
        sum += std::exp(sink - mx);
      for (int64_t d = 0; d < D; ++d) {
        double o = 0;
        for (int64_t p = 0; p < len; ++p)
          o += score[size_t(p)] * fromHalf(cache[at(kvh, 1, p, d)]);
        want[size_t(h * D + d)] = o / sum;
        scale = std::max(scale, std::fabs(o / sum));
      }
    }
    for (int64_t i = 0; i < H * D; ++i)
      ASSERT_NEAR(out[size_t(t * H * D + i)], want[size_t(i)], 2e-5 * scale)
          << "token " << t << ", head " << i / D << ", d " << i % D;
  }
  for (int64_t i = tokens * H * D; i < T * H * D; ++i)
    ASSERT_EQ(out[size_t(i)], -7.0f) << "a row past `tokens` was written";
}

// Decode: one token after 0, 62, 63, 99 and 191 cached positions.
TEST(DecodeAttentionSchedule, CpuBuildMatchesSoftmax) {
  auto context = makeContext();
  void *handle = loadAttention(context.get(), kShape);
  ASSERT_NE(handle, nullptr);
  std::mt19937 rng(5);
  for (int64_t pos : {0, 62, 63, 99, 191}) {
    SCOPED_TRACE("pos " + std::to_string(pos));
    checkAttention(kShape, handle, pos, 1, rng);
  }
  dlclose(handle);
}

// Learned sinks (gpt-oss): the sink logit in the denominator, per head.
TEST(DecodeAttentionSchedule, LearnedSinksJoinTheDenominator) {
  auto context = makeContext();
  void *handle = loadAttention(context.get(), kShape);
  ASSERT_NE(handle, nullptr);
  std::mt19937 rng(8);
  for (int64_t pos : {0, 99}) {
    SCOPED_TRACE("pos " + std::to_string(pos));
    checkAttention(kShape, handle, pos, 1, rng, /*learnedSinks=*/true);
  }
  dlclose(handle);
}

// Prefill: 3 live tokens of 4 after 0 and 62 positions (causal prefixes
// that end inside and across a split).
TEST(DecodeAttentionSchedule, CpuBuildPrefillIsCausal) {
  auto context = makeContext();
  DecodeAttentionShape shape = kShape;
  shape.maxTokens = 4;
  void *handle = loadAttention(context.get(), shape);
  ASSERT_NE(handle, nullptr);
  std::mt19937 rng(6);
  for (int64_t pos : {0, 62}) {
    SCOPED_TRACE("pos " + std::to_string(pos));
    checkAttention(shape, handle, pos, 3, rng);
  }
  dlclose(handle);
}

TEST(DecodeAttentionSchedule, GpuBuildForEveryChip) {
  auto context = makeContext();
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  auto module = buildDecodeAttentionSchedule(context.get(), "attend", kShape, /*gpu=*/true);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error lowered = lowerDecodeAttentionForGpu(**module, "attend", kShape);
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  forEveryChip(**module, 2, [](const GpuTarget &, const KernelResources &k) {
    if (k.kernel == "attend_split_kernel")
      EXPECT_EQ(k.sharedBytes, 3 * kSplitKeys * 4);
    else
      EXPECT_EQ(k.kernel, "attend_combine_kernel");
  });
}

TEST(DecodeAttentionSchedule, ShapeErrors) {
  auto context = makeContext();
  auto bad = buildDecodeAttentionSchedule(context.get(), "a", {9, 2, 64, 192, 2, 1.0f}, false);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "decode attention schedule: 9 heads are not a positive multiple of 2 kv-heads");
  auto slots = buildDecodeAttentionSchedule(context.get(), "a", {9, 3, 64, 100, 3, 1.0f}, false);
  ASSERT_FALSE(bool(slots));
  EXPECT_EQ(llvm::toString(slots.takeError()),
            "decode attention schedule: 100 slots are not a positive multiple of 64");
  auto entries = buildDecodeAttentionSchedule(context.get(), "a", {9, 3, 64, 128, 2, 1.0f}, false);
  ASSERT_FALSE(bool(entries));
  EXPECT_EQ(llvm::toString(entries.takeError()),
            "decode attention schedule: a cache of 2 entries cannot hold 3 kv-heads");
}

} // namespace
