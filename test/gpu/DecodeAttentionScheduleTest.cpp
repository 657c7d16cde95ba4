//===- DecodeAttentionScheduleTest.cpp - flash-decoding, CPU and GPU builds -===//
//
// CPU build (loops, compiled in-process and run): SmolLM2's attention shape
// (9 heads, 3 kv-heads, head_dim 64), the layer at entry 3 of a 6-entry f16
// group buffer: decode after 0-191 positions, learned sink logits, causal
// prefills, and sinks + window rings (StreamingLLM) whose window wraps
// inside the call, against a double softmax(scale q.k) v over each token's
// visible keys (a key at position kp is visible to the query at qp when
// kp <= qp and, for sinks + window, kp < sinks or qp - kp < window). Keys
// of earlier calls come from the cache, the call's own from its k / v
// inputs rounded to f16; cache slots that hold no visible key are NaN and
// must never be read. Tolerance 2e-5 x max |out| (f32 sums over 64 values
// and 192 keys). Then the append writes exactly the rounded inputs into
// each token's slot (for a ring, the last token of the call that maps
// there) and nothing else.
// GPU build: the three kernels for every chip, no spills or private
// memory, the split kernel's 3 x 64 scores in shared / group memory.
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
const DecodeAttentionShape kShape{9, 3, 64, 256, 0, 0, /*entries=*/6, 0.125f, /*maxTokens=*/1};
constexpr int64_t kEntry = 3, kSlots = 192;

/// Sinks + window: 4 sinks and a window of 60 in a ring of 64 slots.
DecodeAttentionShape streamingShape(int64_t maxTokens) {
  DecodeAttentionShape s = kShape;
  s.sinks = 4;
  s.window = 60;
  s.slots = 64;
  s.maxTokens = maxTokens;
  return s;
}

bool streaming(const DecodeAttentionShape &s) { return s.window > 0; }

/// The slot count a call passes (full) or the ring's (sinks + window).
int64_t callSlots(const DecodeAttentionShape &s) { return streaming(s) ? s.slots : kSlots; }

int64_t slotOf(const DecodeAttentionShape &s, int64_t p) {
  if (!streaming(s) || p < s.sinks)
    return p;
  return s.sinks + (p - s.sinks) % s.window;
}

bool visible(const DecodeAttentionShape &s, int64_t qp, int64_t kp) {
  return kp <= qp && (!streaming(s) || kp < s.sinks || qp - kp < s.window);
}

void *loadAttention(mlir::MLIRContext *context, const DecodeAttentionShape &shape) {
  auto module = buildDecodeAttentionSchedule(context, "attend", shape, /*gpu=*/false);
  EXPECT_TRUE(bool(module)) << llvm::toString(module.takeError());
  if (!module)
    return nullptr;
  llvm::Error lowered = lowerDecodeAttentionForCpu(**module);
  EXPECT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  return loadCpuBuild(**module);
}

/// The CPU build's three functions; full attention passes the slot count.
struct Attention {
  const DecodeAttentionShape &s;
  void *handle;

  void split(const float *q, const float *k, const float *v, const uint16_t *cache, int64_t pos,
             int64_t tokens, float *m, float *l, float *o) const {
    void *f = dlsym(handle, "attend_split");
    ASSERT_NE(f, nullptr);
    if (streaming(s))
      reinterpret_cast<void (*)(const float *, const float *, const float *, const uint16_t *,
                                int64_t, int64_t, int64_t, float *, float *, float *)>(f)(
          q, k, v, cache, kEntry, pos, tokens, m, l, o);
    else
      reinterpret_cast<void (*)(const float *, const float *, const float *, const uint16_t *,
                                int64_t, int64_t, int64_t, int64_t, float *, float *,
                                float *)>(f)(q, k, v, cache, kEntry, kSlots, pos, tokens, m, l, o);
  }
  void combine(const float *m, const float *l, const float *o, const float *sinks,
               int64_t tokens, float *out) const {
    void *f = dlsym(handle, "attend_combine");
    ASSERT_NE(f, nullptr);
    reinterpret_cast<void (*)(const float *, const float *, const float *, const float *, int64_t,
                              float *)>(f)(m, l, o, sinks, tokens, out);
  }
  void append(const float *k, const float *v, int64_t pos, int64_t tokens,
              uint16_t *cache) const {
    void *f = dlsym(handle, "attend_append");
    ASSERT_NE(f, nullptr);
    if (streaming(s))
      reinterpret_cast<void (*)(const float *, const float *, int64_t, int64_t, uint16_t *,
                                int64_t)>(f)(k, v, pos, tokens, cache, kEntry);
    else
      reinterpret_cast<void (*)(const float *, const float *, int64_t, int64_t, uint16_t *,
                                int64_t, int64_t)>(f)(k, v, pos, tokens, cache, kEntry, kSlots);
  }
};

/// Runs `tokens` tokens at `pos` (the keys of positions < pos in the cache
/// as earlier calls left it, everything else NaN; the call's own keys in
/// its inputs) and checks each token against a double softmax over its
/// visible keys; rows past `tokens` stay -7. Then appends and checks the
/// cache.
void checkAttention(const DecodeAttentionShape &s, void *handle, int64_t pos, int64_t tokens,
                    std::mt19937 &rng, bool learnedSinks = false) {
  const Attention attention{s, handle};
  const int64_t T = s.maxTokens, H = s.heads, KVH = s.kvHeads, D = s.headDim,
                S = callSlots(s);
  const int64_t G = H / KVH, splits = decodeAttentionSplits(s);
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::vector<float> q(static_cast<size_t>(T * H * D));
  for (float &v : q)
    v = uni(rng) * 2.0f;
  // Every position's key and value (rounded as the cache holds them).
  const int64_t positions = pos + tokens;
  std::vector<float> keys(static_cast<size_t>(positions * KVH * D)), values(keys.size());
  for (float &v : keys)
    v = fromHalf(toHalf(uni(rng)));
  for (float &v : values)
    v = fromHalf(toHalf(uni(rng)));
  auto kv = [&](const std::vector<float> &a, int64_t p, int64_t h, int64_t d) {
    return a[size_t((p * KVH + h) * D + d)];
  };
  // The cache after positions < pos, written in order (a ring overwrites).
  std::vector<uint16_t> cache(static_cast<size_t>(s.entries * 2 * S * D), 0x7e00); // NaN
  auto at = [&](int64_t h, int64_t which, int64_t slot, int64_t d) {
    return size_t((((kEntry + h) * 2 + which) * S + slot) * D + d);
  };
  for (int64_t p = 0; p < pos; ++p)
    for (int64_t h = 0; h < KVH; ++h)
      for (int64_t d = 0; d < D; ++d) {
        cache[at(h, 0, slotOf(s, p), d)] = toHalf(kv(keys, p, h, d));
        cache[at(h, 1, slotOf(s, p), d)] = toHalf(kv(values, p, h, d));
      }
  // The call's inputs: unrounded (the kernels round them), rows past
  // `tokens` NaN.
  std::vector<float> k(static_cast<size_t>(T * KVH * D), NAN), v(k.size(), NAN);
  for (int64_t t = 0; t < tokens; ++t)
    for (int64_t h = 0; h < KVH; ++h)
      for (int64_t d = 0; d < D; ++d) {
        const float jitter = std::ldexp(1.0f, -13); // rounds away
        k[size_t((t * KVH + h) * D + d)] = kv(keys, pos + t, h, d) * (1.0f + jitter * 0.25f);
        v[size_t((t * KVH + h) * D + d)] = kv(values, pos + t, h, d) * (1.0f + jitter * 0.25f);
      }
  std::vector<float> pm(static_cast<size_t>(T * H * splits)), pl(pm.size());
  std::vector<float> po(static_cast<size_t>(T * H * splits * D));
  std::vector<float> out(static_cast<size_t>(T * H * D), -7.0f);
  attention.split(q.data(), k.data(), v.data(), cache.data(), pos, tokens, pm.data(), pl.data(),
                  po.data());
  // Learned sinks on some heads (large enough to matter), none on others.
  std::vector<float> sinks(static_cast<size_t>(H), -INFINITY);
  if (learnedSinks)
    for (int64_t h = 0; h < H; h += 2)
      sinks[size_t(h)] = 0.5f * float(h);
  attention.combine(pm.data(), pl.data(), po.data(), sinks.data(), tokens, out.data());
  for (int64_t t = 0; t < tokens; ++t) {
    const int64_t qp = pos + t;
    std::vector<double> want(static_cast<size_t>(H * D));
    double scale = 0;
    for (int64_t h = 0; h < H; ++h) {
      const int64_t kvh = h / G;
      std::vector<double> score(static_cast<size_t>(qp + 1), -INFINITY);
      double mx = -INFINITY, sum = 0;
      for (int64_t p = 0; p <= qp; ++p) {
        if (!visible(s, qp, p))
          continue;
        double dot = 0;
        for (int64_t d = 0; d < D; ++d)
          dot += double(q[size_t((t * H + h) * D + d)]) * kv(keys, p, kvh, d);
        score[size_t(p)] = dot * s.scale;
        mx = std::max(mx, score[size_t(p)]);
      }
      const double sink = sinks[size_t(h)];
      mx = std::max(mx, sink);
      for (double &e : score)
        sum += (e = std::exp(e - mx));
      if (sink > -INFINITY)
        sum += std::exp(sink - mx);
      for (int64_t d = 0; d < D; ++d) {
        double o = 0;
        for (int64_t p = 0; p <= qp; ++p)
          o += score[size_t(p)] * kv(values, p, kvh, d);
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

  // The append: every slot holds the last position written there (earlier
  // calls' or this call's), rounded; untouched slots and entries keep NaN.
  attention.append(k.data(), v.data(), pos, tokens, cache.data());
  std::vector<int64_t> holder(static_cast<size_t>(S), -1);
  for (int64_t p = 0; p < positions; ++p)
    holder[size_t(slotOf(s, p))] = p;
  for (int64_t e = 0; e < s.entries; ++e)
    for (int64_t which = 0; which < 2; ++which)
      for (int64_t slot = 0; slot < S; ++slot)
        for (int64_t d = 0; d < D; ++d) {
          const uint16_t got = cache[size_t(((e * 2 + which) * S + slot) * D + d)];
          const int64_t h = e - kEntry, p = holder[size_t(slot)];
          if (h < 0 || p < 0) {
            ASSERT_EQ(got, 0x7e00) << "entry " << e << ", slot " << slot << " written";
            continue;
          }
          ASSERT_EQ(fromHalf(got), kv(which ? values : keys, p, h, d))
              << "entry " << e << ", " << (which ? "value" : "key") << " slot " << slot
              << " (position " << p << "), d " << d;
        }
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

// Sinks + window (4 + 60 in a ring of 64): decode before and after the
// ring wraps, and prefills of 20 and 70 tokens whose own keys wrap the ring
// inside the call (a later token's slot holds a key an earlier token still
// sees: it must come from the inputs, and only the last writer appends).
TEST(DecodeAttentionSchedule, SinksAndWindowRing) {
  auto context = makeContext();
  for (int64_t maxTokens : {1, 72}) {
    DecodeAttentionShape shape = streamingShape(maxTokens);
    void *handle = loadAttention(context.get(), shape);
    ASSERT_NE(handle, nullptr);
    std::mt19937 rng(11);
    std::vector<std::pair<int64_t, int64_t>> calls;
    if (maxTokens == 1)
      calls = {{0, 1}, {3, 1}, {63, 1}, {64, 1}, {200, 1}};
    else
      calls = {{0, 20}, {50, 20}, {0, 70}, {130, 72}};
    for (auto [pos, tokens] : calls) {
      SCOPED_TRACE("pos " + std::to_string(pos) + ", tokens " + std::to_string(tokens));
      checkAttention(shape, handle, pos, tokens, rng);
    }
    dlclose(handle);
  }
}

// A policy group's part of a layer (DuoAttention-style mixed policies):
// kv-heads 2 and 0 at entries 1 and 0 of a 2-entry buffer, full attention,
// 3 tokens after 10. Their query heads match a double softmax; the rows of
// kv-head 1's heads stay untouched, and the zero schedule (a pruned kv-head)
// writes zeros there and nowhere else.
TEST(DecodeAttentionSchedule, PolicyGroupServesItsKvHeadsOnly) {
  auto context = makeContext();
  DecodeAttentionShape shape = kShape;
  shape.maxTokens = 4;
  shape.slots = 64;
  shape.entries = 2;
  shape.kvHeadIds = {2, 0};
  shape.kvEntryOf = {1, 0};
  void *handle = loadAttention(context.get(), shape);
  ASSERT_NE(handle, nullptr);
  const int64_t T = 4, H = 9, KVH = 3, G = 3, D = 64, S = 16, pos = 10, tokens = 3;
  const int64_t NH = 6, splits = 1;
  std::mt19937 rng(21);
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::vector<float> q(static_cast<size_t>(T * H * D)), k(static_cast<size_t>(T * KVH * D)),
      v(k.size());
  for (std::vector<float> *a : {&q, &k, &v})
    for (float &x : *a)
      x = fromHalf(toHalf(uni(rng)));
  std::vector<uint16_t> cache(static_cast<size_t>(2 * 2 * S * D), 0x7e00); // NaN
  for (int64_t e = 0; e < 2; ++e)
    for (int64_t which = 0; which < 2; ++which)
      for (int64_t p = 0; p < pos; ++p)
        for (int64_t d = 0; d < D; ++d)
          cache[size_t(((e * 2 + which) * S + p) * D + d)] = toHalf(uni(rng));
  std::vector<float> pm(static_cast<size_t>(T * NH * splits)), pl(pm.size()),
      po(static_cast<size_t>(T * NH * splits * D));
  std::vector<float> out(static_cast<size_t>(T * H * D), -7.0f);
  using Split = void (*)(const float *, const float *, const float *, const uint16_t *, int64_t,
                         int64_t, int64_t, int64_t, float *, float *, float *);
  using Combine = void (*)(const float *, const float *, const float *, const float *, int64_t,
                           float *);
  auto split = reinterpret_cast<Split>(dlsym(handle, "attend_split"));
  auto combine = reinterpret_cast<Combine>(dlsym(handle, "attend_combine"));
  ASSERT_TRUE(split && combine);
  split(q.data(), k.data(), v.data(), cache.data(), 0, S, pos, tokens, pm.data(), pl.data(),
        po.data());
  std::vector<float> noSinks(static_cast<size_t>(H), -INFINITY);
  combine(pm.data(), pl.data(), po.data(), noSinks.data(), tokens, out.data());
  auto key = [&](int64_t which, int64_t kvh, int64_t entry, int64_t p, int64_t d) -> double {
    if (p >= pos) // the call's own, from its inputs
      return (which ? v : k)[size_t(((p - pos) * KVH + kvh) * D + d)];
    return fromHalf(cache[size_t(((entry * 2 + which) * S + p) * D + d)]);
  };
  const int64_t entryOf[3] = {0, -1, 1};
  for (int64_t t = 0; t < tokens; ++t)
    for (int64_t h = 0; h < H; ++h) {
      const int64_t kvh = h / G, qp = pos + t;
      if (kvh == 1) {
        for (int64_t d = 0; d < D; ++d)
          ASSERT_EQ(out[size_t((t * H + h) * D + d)], -7.0f) << "head " << h << " written";
        continue;
      }
      std::vector<double> w(static_cast<size_t>(qp + 1));
      double mx = -INFINITY, sum = 0;
      for (int64_t p = 0; p <= qp; ++p) {
        double dot = 0;
        for (int64_t d = 0; d < D; ++d)
          dot += q[size_t((t * H + h) * D + d)] * key(0, kvh, entryOf[kvh], p, d);
        w[size_t(p)] = dot * shape.scale;
        mx = std::max(mx, w[size_t(p)]);
      }
      for (double &x : w)
        sum += (x = std::exp(x - mx));
      for (int64_t d = 0; d < D; ++d) {
        double o = 0;
        for (int64_t p = 0; p <= qp; ++p)
          o += w[size_t(p)] * key(1, kvh, entryOf[kvh], p, d);
        ASSERT_NEAR(out[size_t((t * H + h) * D + d)], o / sum, 2e-5)
            << "token " << t << ", head " << h << ", d " << d;
      }
    }
  dlclose(handle);

  DecodeAttentionShape pruned = shape;
  pruned.kvHeadIds = {1};
  pruned.kvEntryOf = {0};
  auto zero = buildZeroHeadsSchedule(context.get(), "attend", pruned);
  ASSERT_TRUE(bool(zero)) << llvm::toString(zero.takeError());
  ASSERT_FALSE(bool(lowerDecodeAttentionForCpu(**zero)));
  void *zeroHandle = loadCpuBuild(**zero);
  ASSERT_NE(zeroHandle, nullptr);
  auto fill = reinterpret_cast<void (*)(int64_t, float *)>(dlsym(zeroHandle, "attend_zero"));
  ASSERT_NE(fill, nullptr);
  std::vector<float> before = out;
  fill(tokens, out.data());
  for (int64_t t = 0; t < T; ++t)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t d = 0; d < D; ++d) {
        const size_t i = size_t((t * H + h) * D + d);
        if (h / G == 1 && t < tokens)
          ASSERT_EQ(out[i], 0.0f);
        else
          ASSERT_EQ(out[i], before[i]);
      }
  dlclose(zeroHandle);
}

TEST(DecodeAttentionSchedule, GpuBuildForEveryChip) {
  auto context = makeContext();
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  for (const DecodeAttentionShape &shape : {kShape, streamingShape(4)}) {
    SCOPED_TRACE(streaming(shape) ? "sinks + window" : "full");
    auto module = buildDecodeAttentionSchedule(context.get(), "attend", shape, /*gpu=*/true);
    ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
    llvm::Error lowered = lowerDecodeAttentionForGpu(**module, "attend", shape);
    ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
    forEveryChip(**module, 3, [](const GpuTarget &, const KernelResources &k) {
      if (k.kernel == "attend_split_kernel")
        EXPECT_EQ(k.sharedBytes, 3 * kSplitKeys * 4);
      else
        EXPECT_TRUE(k.kernel == "attend_combine_kernel" || k.kernel == "attend_append_kernel")
            << k.kernel;
    });
  }
}

TEST(DecodeAttentionSchedule, ShapeErrors) {
  auto context = makeContext();
  auto bad = buildDecodeAttentionSchedule(context.get(), "a", {9, 2, 64, 192, 0, 0, 2, 1.0f}, false);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "decode attention schedule: 9 heads are not a positive multiple of 2 kv-heads");
  auto slots = buildDecodeAttentionSchedule(context.get(), "a", {9, 3, 64, 100, 0, 0, 3, 1.0f}, false);
  ASSERT_FALSE(bool(slots));
  EXPECT_EQ(llvm::toString(slots.takeError()),
            "decode attention schedule: 100 slots are not a positive multiple of 64");
  auto entries = buildDecodeAttentionSchedule(context.get(), "a", {9, 3, 64, 128, 0, 0, 2, 1.0f}, false);
  ASSERT_FALSE(bool(entries));
  EXPECT_EQ(llvm::toString(entries.takeError()),
            "decode attention schedule: a cache of 2 entries cannot hold 3 kv-heads");
  auto ring = buildDecodeAttentionSchedule(context.get(), "a", {9, 3, 64, 60, 4, 60, 3, 1.0f},
                                           false);
  ASSERT_FALSE(bool(ring));
  EXPECT_EQ(llvm::toString(ring.takeError()),
            "decode attention schedule: sinks 4 + window 60 do not make the 60 slots of the cache");
}

} // namespace
