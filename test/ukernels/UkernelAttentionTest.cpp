//===- UkernelAttentionTest.cpp - sinkc_uk_attention_* vs the reference ---===//
//
// Every flavour: exp / tanh against libm over a dense sweep of floats; the
// f16 rounding of stored keys; the cache slots written (docs/kv-abi.md) with
// the rest of the entry untouched; outputs against the double two-pass
// reference reading the same cache, over full and streaming policies
// (including rings that wrap inside a chunk), sink logits and softcap.
// Tolerance: |got - ref| <= 1e-5 * max_d |ref[t][h][d]| + 1e-6.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#define UK_ATT_DECLARE(P)                                                      \
  extern "C" {                                                                 \
  float P##sinkc_uk_exp_f32(float);                                            \
  float P##sinkc_uk_tanh_f32(float);                                           \
  void P##sinkc_uk_attention_f16(const float *, int64_t, const float *,        \
                                 const float *, int64_t, uint16_t *, int64_t,  \
                                 int64_t, int64_t, int64_t, int64_t, int64_t,  \
                                 int64_t, float, float, const float *,         \
                                 float *, int64_t);                            \
  void P##sinkc_uk_attention_f32(const float *, int64_t, const float *,        \
                                 const float *, int64_t, float *, int64_t,     \
                                 int64_t, int64_t, int64_t, int64_t, int64_t,  \
                                 int64_t, float, float, const float *,         \
                                 float *, int64_t);                            \
  }
UK_ATT_DECLARE(vnni_)
UK_ATT_DECLARE(v3_)
UK_ATT_DECLARE(x86_64_)

namespace {

using namespace sinkc::uktest;

using AttF16 = decltype(&sinkc_uk_attention_f16);
using AttF32 = decltype(&sinkc_uk_attention_f32);

struct AttFlavor {
  const char *name;
  float (*exp)(float);
  float (*tanh)(float);
  AttF16 f16;
  AttF32 f32;
};

void PrintTo(const AttFlavor &f, std::ostream *os) { *os << f.name; }

#define UK_ATT_FLAVOR(NAME, P)                                                 \
  AttFlavor {                                                                  \
    NAME, P##sinkc_uk_exp_f32, P##sinkc_uk_tanh_f32,                          \
        P##sinkc_uk_attention_f16, P##sinkc_uk_attention_f32                   \
  }

// The flavours this machine runs, in flavors()'s order.
std::vector<AttFlavor> attFlavors() {
  static const AttFlavor all[] = {
      UK_ATT_FLAVOR("v4", ), UK_ATT_FLAVOR("v4_vnni", vnni_),
      UK_ATT_FLAVOR("v3", v3_), UK_ATT_FLAVOR("x86_64", x86_64_)};
  std::vector<AttFlavor> list;
  for (const Flavor *f : flavors())
    for (const AttFlavor &a : all)
      if (std::string(a.name) == f->name)
        list.push_back(a);
  return list;
}

uint32_t bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
float fromBits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

// |got - want| in units of the float spacing at want (2^-149 for
// subnormals).
double ulpError(float got, double want) {
  if (want == 0.0)
    return got == 0.0f ? 0.0 : std::fabs(got) / 0x1p-149;
  int e;
  std::frexp(want, &e);
  const double ulp = std::ldexp(1.0, std::max(e - 24, -149));
  return std::fabs((double)got - want) / ulp;
}

class UkernelAttention : public ::testing::TestWithParam<AttFlavor> {
protected:
  const AttFlavor &fl() const { return GetParam(); }
};

// Every 61st float in [-104, 89] and the edges: within 2 ulp (measured max
// is printed), 0 below the subnormal range, inf above the float range.
TEST_P(UkernelAttention, ExpWithinTwoUlp) {
  double worst = 0;
  float worstAt = 0;
  auto check = [&](float x) {
    const double e = ulpError(fl().exp(x), std::exp((double)x));
    if (e > worst) {
      worst = e;
      worstAt = x;
    }
  };
  for (uint32_t u = 0; u <= bits(104.0f); u += 61) {
    check(-fromBits(u));
    if (u <= bits(88.72f))
      check(fromBits(u));
  }
  for (float x : {0.0f, -0.0f, 1.0f, -1.0f, 88.72283f, -87.33654f, -103.9f,
                  -103.278929f, 1e-30f, -1e-30f, 0.34657f, -0.34658f})
    check(x);
  EXPECT_LE(worst, 2.0) << "at x = " << worstAt;
  std::printf("[%s] exp max error %.3f ulp at %.9g\n", fl().name, worst,
              worstAt);
  EXPECT_EQ(fl().exp(-104.0f), 0.0f);
  EXPECT_EQ(fl().exp(-std::numeric_limits<float>::infinity()), 0.0f);
  EXPECT_EQ(fl().exp(89.0f), std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(fl().exp(std::nanf(""))));
  EXPECT_EQ(fl().exp(0.0f), 1.0f);
}

TEST_P(UkernelAttention, TanhWithinFourUlp) {
  double worst = 0;
  float worstAt = 0;
  for (uint32_t u = 0; u <= bits(20.0f); u += 37)
    for (float x : {fromBits(u), -fromBits(u)}) {
      const double e = ulpError(fl().tanh(x), std::tanh((double)x));
      if (e > worst) {
        worst = e;
        worstAt = x;
      }
    }
  EXPECT_LE(worst, 4.0) << "at x = " << worstAt;
  std::printf("[%s] tanh max error %.3f ulp at %.9g\n", fl().name, worst,
              worstAt);
  EXPECT_EQ(fl().tanh(1e-30f), 1e-30f);
  EXPECT_EQ(bits(fl().tanh(-0.0f)), bits(-0.0f));
  EXPECT_EQ(fl().tanh(50.0f), 1.0f);
  EXPECT_EQ(fl().tanh(-1e30f), -1.0f);
  EXPECT_EQ(fl().tanh(std::numeric_limits<float>::infinity()), 1.0f);
}

// Keys and values are rounded to nearest, ties to even, as IEEE half.
TEST_P(UkernelAttention, StoresF16RoundedToNearestEven) {
  const std::vector<std::pair<float, uint16_t>> cases = {
      {1.0f + 0x1p-11f, 0x3c00},         // tie -> even
      {1.0f + 3 * 0x1p-11f, 0x3c02},     // tie -> even (up)
      {1.0f + 0x1p-11f + 0x1p-20f, 0x3c01},
      {65504.0f, 0x7bff},
      {65519.0f, 0x7bff},
      {65520.0f, 0x7c00},                // tie at the top -> infinity
      {-1e9f, 0xfc00},
      {0x1p-24f, 0x0001},
      {0x1p-25f, 0x0000},                // tie -> even zero
      {3 * 0x1p-25f, 0x0002},            // tie -> even
      {0x1p-14f - 0x1p-25f, 0x0400},     // tie rounds up into the normals
      {-2.0f, 0xc000},
      {-0.0f, 0x8000},
      {0.1f, 0x2e66},
      {1e-10f, 0x0000},
      {std::numeric_limits<float>::infinity(), 0x7c00},
  };
  const int64_t n = cases.size();
  std::vector<float> k(n), v(n), q(n, 0.0f), out(n);
  for (int64_t i = 0; i < n; ++i) {
    k[i] = cases[i].first;
    v[i] = -cases[i].first;
  }
  // Two slots; slot 1 must stay untouched.
  std::vector<uint16_t> cache(2 * 2 * n, 0x7e5a);
  fl().f16(q.data(), n, k.data(), v.data(), n, cache.data(), 2, n, 1, 1, 0, 0,
           0, 1.0f, 0.0f, nullptr, out.data(), n);
  for (int64_t i = 0; i < n; ++i) {
    EXPECT_EQ(cache[i], cases[i].second) << "key " << i;
    EXPECT_EQ(cache[n + i], 0x7e5a) << "slot 1 key " << i;
    EXPECT_EQ(cache[2 * n + i], cases[i].second ^ 0x8000) << "value " << i;
    EXPECT_EQ(cache[3 * n + i], 0x7e5a) << "slot 1 value " << i;
    EXPECT_EQ(cases[i].second, sinkc_ukref_float_to_half(cases[i].first));
  }
}

struct Config {
  int64_t hd, group, tokens, pos, sinks, window;
  bool sinkLogits;
  float softcap;
};

std::string describe(const Config &c) {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "hd=%lld group=%lld tokens=%lld pos=%lld sinks=%lld "
                "window=%lld sink_logits=%d softcap=%g",
                (long long)c.hd, (long long)c.group, (long long)c.tokens,
                (long long)c.pos, (long long)c.sinks, (long long)c.window,
                int(c.sinkLogits), c.softcap);
  return buf;
}

std::vector<float> uniform(int64_t n, float lo, float hi, std::mt19937 &rng) {
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> x(n);
  for (float &f : x)
    f = dist(rng);
  return x;
}

int64_t abiSlot(int64_t p, const Config &c) {
  if (c.window <= 0 || p < c.sinks)
    return p;
  return c.sinks + (p - c.sinks) % c.window;
}

// The cache element type: f16 (uint16_t) or f32.
template <typename T> struct Cache;
template <> struct Cache<uint16_t> {
  static constexpr uint16_t sentinel() { return 0x7e5a; } // a NaN
  static uint16_t stored(float x) { return sinkc_ukref_float_to_half(x); }
  static AttF16 kernel(const AttFlavor &f) { return f.f16; }
  static constexpr AttF16 reference = sinkc_ukref_attention_f16;
};
template <> struct Cache<float> {
  static float sentinel() { return fromBits(0x7fc0dead); }
  static float stored(float x) { return x; }
  static AttF32 kernel(const AttFlavor &f) { return f.f32; }
  static constexpr AttF32 reference = sinkc_ukref_attention_f32;
};

template <typename T>
bool sameBits(const std::vector<T> &a, const std::vector<T> &b) {
  return std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

// Prefills positions [0, c.pos) in chunks of 1..37 tokens with the kernel,
// checking the entry against the slot model after each, then runs the last
// chunk with the kernel and the reference on copies of the same cache.
// Returns the number of failed checks.
template <typename T>
int runConfig(const AttFlavor &fl, const Config &c, std::mt19937 &rng) {
  SCOPED_TRACE(describe(c));
  const bool streaming = c.window > 0;
  const int64_t slots = streaming ? c.sinks + c.window : c.pos + c.tokens + 3;
  const int64_t hd = c.hd, entry = 2 * slots * hd;
  const int64_t qStride = c.group * hd + 5, kvStride = hd + 3,
                oStride = c.group * hd + 2;
  std::vector<T> cache(entry, Cache<T>::sentinel()), model = cache;
  auto kernel = Cache<T>::kernel(fl);
  int failures = 0;

  auto append = [&](const std::vector<float> &k, const std::vector<float> &v,
                    int64_t at, int64_t n) {
    for (int64_t t = 0; t < n; ++t)
      for (int64_t d = 0; d < hd; ++d) {
        const int64_t s = abiSlot(at + t, c);
        model[s * hd + d] = Cache<T>::stored(k[t * kvStride + d]);
        model[(slots + s) * hd + d] = Cache<T>::stored(v[t * kvStride + d]);
      }
  };

  std::uniform_int_distribution<int64_t> chunk(1, 37);
  for (int64_t at = 0; at < c.pos;) {
    const int64_t n = std::min(chunk(rng), c.pos - at);
    const auto q = uniform(n * qStride, -4, 4, rng);
    const auto k = uniform(n * kvStride, -1, 1, rng);
    const auto v = uniform(n * kvStride, -1, 1, rng);
    std::vector<float> out(n * oStride);
    kernel(q.data(), qStride, k.data(), v.data(), kvStride, cache.data(),
           slots, hd, 1, n, at, c.sinks, c.window, 1.0f / std::sqrt(hd),
           c.softcap, nullptr, out.data(), oStride);
    append(k, v, at, n);
    if (!sameBits(cache, model)) {
      ADD_FAILURE() << "cache entry differs from the slot model after "
                       "prefilling ["
                    << at << ", " << at + n << ")";
      return 1;
    }
    at += n;
  }

  const auto q = uniform(c.tokens * qStride, -4, 4, rng);
  const auto k = uniform(c.tokens * kvStride, -1, 1, rng);
  const auto v = uniform(c.tokens * kvStride, -1, 1, rng);
  const auto sinks = uniform(c.group, -2, 3, rng);
  const float *sinkPtr = c.sinkLogits ? sinks.data() : nullptr;
  const float scale = 1.0f / std::sqrt(float(hd));
  std::vector<float> got(c.tokens * oStride, -7.0f), want = got;
  std::vector<T> refCache = cache;
  kernel(q.data(), qStride, k.data(), v.data(), kvStride, cache.data(), slots,
         hd, c.group, c.tokens, c.pos, c.sinks, c.window, scale, c.softcap,
         sinkPtr, got.data(), oStride);
  Cache<T>::reference(q.data(), qStride, k.data(), v.data(), kvStride,
                      refCache.data(), slots, hd, c.group, c.tokens, c.pos,
                      c.sinks, c.window, scale, c.softcap, sinkPtr,
                      want.data(), oStride);
  append(k, v, c.pos, c.tokens);
  if (!sameBits(cache, model)) {
    ADD_FAILURE() << "kernel cache differs from the slot model";
    ++failures;
  }
  if (!sameBits(refCache, model)) {
    ADD_FAILURE() << "reference cache differs from the slot model";
    ++failures;
  }
  for (int64_t t = 0; t < c.tokens; ++t) {
    for (int64_t h = 0; h < c.group; ++h) {
      const float *g = &got[t * oStride + h * hd], *w = &want[t * oStride + h * hd];
      double mag = 0;
      for (int64_t d = 0; d < hd; ++d)
        mag = std::max(mag, std::fabs((double)w[d]));
      for (int64_t d = 0; d < hd && failures < 5; ++d)
        if (!(std::fabs((double)g[d] - w[d]) <= 1e-5 * mag + 1e-6)) {
          ADD_FAILURE() << "out[" << t << "][" << h << "][" << d
                        << "] = " << g[d] << ", want " << w[d];
          ++failures;
        }
    }
    // The padding between token rows is never written.
    for (int64_t i = c.group * hd; i < oStride; ++i)
      if (got[t * oStride + i] != -7.0f) {
        ADD_FAILURE() << "padding written at token " << t;
        ++failures;
      }
  }
  return failures;
}

std::vector<Config> configs() {
  std::vector<Config> list;
  const std::pair<int64_t, int64_t> policies[] = {
      {0, 0}, {0, 3}, {4, 3}, {0, 252}, {4, 252}};
  for (int64_t hd : {16, 64})
    for (int64_t group : {1, 3})
      for (int64_t tokens : {1, 5, 23})
        for (int64_t pos : {0, 7, 300})
          for (auto [sinks, window] : policies)
            for (bool sinkLogits : {false, true})
              for (float softcap : {0.0f, 2.0f})
                list.push_back(
                    {hd, group, tokens, pos, sinks, window, sinkLogits, softcap});
  return list;
}

TEST_P(UkernelAttention, F16CacheMatchesReference) {
  std::mt19937 rng(1234);
  int failures = 0;
  for (const Config &c : configs()) {
    failures += runConfig<uint16_t>(fl(), c, rng);
    ASSERT_LT(failures, 20);
  }
}

TEST_P(UkernelAttention, F32CacheMatchesReference) {
  std::mt19937 rng(4321);
  int failures = 0;
  for (const Config &c : configs()) {
    failures += runConfig<float>(fl(), c, rng);
    ASSERT_LT(failures, 20);
  }
}

// A head_dim that is not a multiple of 16 (the dot's lane tail).
TEST_P(UkernelAttention, OddHeadDim) {
  std::mt19937 rng(99);
  for (int64_t hd : {1, 20, 37})
    for (int64_t window : {0, 5})
      EXPECT_EQ(runConfig<uint16_t>(fl(), {hd, 2, 9, 11, 2, window, true, 0.0f},
                                    rng),
                0);
}

// With q = 0 every visible key has weight 1 / (n + exp(s)): the output is
// the sum of the visible values over that, so a wrong window, sink count or
// ring position shows directly. Values are exact halves (k/1024).
TEST_P(UkernelAttention, UniformWeightsSeeExactlyTheVisibleValues) {
  const int64_t hd = 16, sinks = 2, window = 4, slots = sinks + window;
  const int64_t total = 13;
  std::vector<float> k(total * hd, 0.5f), v(total * hd), q(total * hd, 0.0f);
  for (int64_t p = 0; p < total; ++p)
    for (int64_t d = 0; d < hd; ++d)
      v[p * hd + d] = float((p + 1) * 16 + d) / 1024.0f;
  for (const float sink : {-std::numeric_limits<float>::infinity(), 0.7f}) {
    std::vector<uint16_t> cache(2 * slots * hd, 0);
    std::vector<float> out(total * hd);
    // Chunks of 5, 1, 7 tokens: the ring wraps inside the last one.
    const int64_t chunks[] = {5, 1, 7};
    int64_t at = 0;
    for (int64_t n : chunks) {
      fl().f16(q.data() + at * hd, hd, k.data() + at * hd, v.data() + at * hd,
               hd, cache.data(), slots, hd, 1, n, at, sinks, window, 1.0f,
               0.0f, &sink, out.data() + at * hd, hd);
      at += n;
    }
    for (int64_t p = 0; p < total; ++p) {
      double denom = std::isinf(sink) ? 0.0 : std::exp((double)sink);
      std::vector<double> sum(hd, 0.0);
      for (int64_t j = 0; j <= p; ++j)
        if (j < sinks || p - j < window) {
          denom += 1;
          for (int64_t d = 0; d < hd; ++d)
            sum[d] += v[j * hd + d];
        }
      for (int64_t d = 0; d < hd; ++d)
        EXPECT_NEAR(out[p * hd + d], sum[d] / denom, 2e-6 * sum[d] / denom)
            << "position " << p << " d " << d << " sink " << sink;
    }
  }
}

// A sink logit of -inf is no sink (bitwise); a huge one takes all the
// weight, leaving ~0.
TEST_P(UkernelAttention, SinkLogitExtremes) {
  std::mt19937 rng(7);
  const int64_t hd = 64, group = 3, tokens = 5, slots = 4 + 252;
  const auto q = uniform(tokens * group * hd, -4, 4, rng);
  const auto k = uniform(tokens * hd, -1, 1, rng);
  const auto v = uniform(tokens * hd, -1, 1, rng);
  auto run = [&](const float *sinkLogits) {
    std::vector<uint16_t> cache(2 * slots * hd, 0);
    std::vector<float> out(tokens * group * hd);
    fl().f16(q.data(), group * hd, k.data(), v.data(), hd, cache.data(), slots,
             hd, group, tokens, 0, 4, 252, 0.125f, 0.0f, sinkLogits,
             out.data(), group * hd);
    return out;
  };
  const float ninf = -std::numeric_limits<float>::infinity();
  const float none[] = {ninf, ninf, ninf}, huge[] = {1e4f, 200.0f, 60.0f};
  const auto plain = run(nullptr), withNone = run(none), withHuge = run(huge);
  EXPECT_TRUE(sameBits(plain, withNone));
  double maxPlain = 0;
  for (size_t i = 0; i < plain.size(); ++i) {
    maxPlain = std::max(maxPlain, std::fabs((double)plain[i]));
    EXPECT_LE(std::fabs(withHuge[i]), 1e-20f) << i;
  }
  EXPECT_GT(maxPlain, 0.1); // the plain output is not ~0 by itself
}

INSTANTIATE_TEST_SUITE_P(
    Flavors, UkernelAttention, ::testing::ValuesIn(attFlavors()),
    [](const ::testing::TestParamInfo<AttFlavor> &info) {
      return std::string(info.param.name);
    });

} // namespace
