//===- UkernelQ8aTest.cpp - The int8-activation kernels (issue #7) --------===//
//
// sinkc_uk_quantize_q8a and the q8a dot / GEMV / GEMM of q8_0, q4_0, q4_1
// and the group formats with those layouts (i8g32s_f16, i4g32s_f16,
// i4g32a_f16), in every flavour:
//  - the quantization bit for bit equal to the scalar reference written
//    from sinkc_ukernels.h (q, d, sums), over ties, zeros, tiny, huge and
//    non-finite blocks; and hand-checked on a block whose values are known;
//  - dot bit for bit equal to the reference, GEMV / GEMM bit for bit equal
//    to dot of the quantized rows over edge shapes (rows, tokens, strides,
//    rows longer than one quantization pass) and equal across flavours;
//  - the same math as the f32-activation kernels: within the stated bound
//    of dot_<fmt>(w, x^) on the dequantized activations x^ = q * d;
//  - extreme codes (no int16 saturation), non-finite activations (NaN
//    results, no crash), and no read outside the rows (guard pages).
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"

#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <limits>

#define UK_Q8A_DECLARE_FMT(P, F)                                               \
  float P##sinkc_uk_dot_##F##_q8a(const void *, const int8_t *, const float *, \
                                  const int32_t *, int64_t);                   \
  void P##sinkc_uk_gemv_##F##_q8a(const void *, int64_t, const float *,        \
                                  float *, int64_t, int64_t);                  \
  void P##sinkc_uk_gemm_##F##_q8a(const void *, int64_t, const float *,        \
                                  int64_t, float *, int64_t, int64_t, int64_t, \
                                  int64_t);
#define UK_Q8A_DECLARE(P)                                                      \
  extern "C" {                                                                 \
  void P##sinkc_uk_quantize_q8a(const float *, int64_t, int8_t *, float *,     \
                                int32_t *);                                    \
  UK_Q8A_DECLARE_FMT(P, q8_0)                                                  \
  UK_Q8A_DECLARE_FMT(P, q4_0)                                                  \
  UK_Q8A_DECLARE_FMT(P, q4_1)                                                  \
  UK_Q8A_DECLARE_FMT(P, i8g32s_f16)                                            \
  UK_Q8A_DECLARE_FMT(P, i4g32s_f16)                                            \
  UK_Q8A_DECLARE_FMT(P, i4g32a_f16)                                            \
  float P##sinkc_uk_dot_i8g32s_f16(const void *, const float *, int64_t);      \
  float P##sinkc_uk_dot_i4g32s_f16(const void *, const float *, int64_t);      \
  float P##sinkc_uk_dot_i4g32a_f16(const void *, const float *, int64_t);      \
  }
UK_Q8A_DECLARE(vnni_)
UK_Q8A_DECLARE(v3_)
UK_Q8A_DECLARE(x86_64_)

namespace {

using namespace sinkc::uktest;

using QuantizeFn = void (*)(const float *, int64_t, int8_t *, float *,
                            int32_t *);
using DotQ8aFn = float (*)(const void *, const int8_t *, const float *,
                           const int32_t *, int64_t);

/// The q8a formats; each has the layout of a GGUF one (its `base`).
struct Q8aFmt {
  const char *name;
  Fmt base;
  DotQ8aFn ref;
};
const Q8aFmt kFmts[] = {
    {"q8_0", Fmt::Q8_0, sinkc_ukref_dot_q8_0_q8a},
    {"q4_0", Fmt::Q4_0, sinkc_ukref_dot_q4_0_q8a},
    {"q4_1", Fmt::Q4_1, sinkc_ukref_dot_q4_1_q8a},
    {"i8g32s_f16", Fmt::Q8_0, sinkc_ukref_dot_q8_0_q8a},
    {"i4g32s_f16", Fmt::Q4_0, sinkc_ukref_dot_q4_0_q8a},
    {"i4g32a_f16", Fmt::Q4_1, sinkc_ukref_dot_q4_1_q8a},
};
constexpr int kNumFmts = 6;

struct Q8aKernels {
  QuantizeFn quantize;
  DotQ8aFn dot[kNumFmts];
  GemvFn gemv[kNumFmts];
  GemmFn gemm[kNumFmts];
  DotFn f32group[3]; ///< the group formats' f32-activation dots
};

#define UK_Q8A_FNS(P, K)                                                       \
  {                                                                            \
    P##sinkc_uk_##K##_q8_0_q8a, P##sinkc_uk_##K##_q4_0_q8a,                    \
        P##sinkc_uk_##K##_q4_1_q8a, P##sinkc_uk_##K##_i8g32s_f16_q8a,          \
        P##sinkc_uk_##K##_i4g32s_f16_q8a, P##sinkc_uk_##K##_i4g32a_f16_q8a     \
  }
#define UK_Q8A_KERNELS(P)                                                      \
  Q8aKernels {                                                                 \
    P##sinkc_uk_quantize_q8a, UK_Q8A_FNS(P, dot), UK_Q8A_FNS(P, gemv),         \
        UK_Q8A_FNS(P, gemm), {                                                 \
      P##sinkc_uk_dot_i8g32s_f16, P##sinkc_uk_dot_i4g32s_f16,                  \
          P##sinkc_uk_dot_i4g32a_f16                                           \
    }                                                                          \
  }

const Q8aKernels &kernelsOf(const Flavor &f) {
  static const Q8aKernels v4 = UK_Q8A_KERNELS(), vnni = UK_Q8A_KERNELS(vnni_),
                          v3 = UK_Q8A_KERNELS(v3_),
                          base = UK_Q8A_KERNELS(x86_64_);
  const std::string name = f.name;
  return name == "v4"        ? v4
         : name == "v4_vnni" ? vnni
         : name == "v3"      ? v3
                             : base;
}

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

/// Equal bits, or both NaN (the quantizer's NaN d has no defined payload).
bool sameFloat(float a, float b) {
  return bitsOf(a) == bitsOf(b) || (std::isnan(a) && std::isnan(b));
}

/// Activations quantized by the reference.
struct Quantized {
  std::vector<int8_t> q;
  std::vector<float> d;
  std::vector<int32_t> sums;
  explicit Quantized(int64_t n) : q(n), d(n / 32), sums(n / 32) {}
};
Quantized quantizeRef(const float *x, int64_t n) {
  Quantized a(n);
  sinkc_ukref_quantize_q8a(x, n, a.q.data(), a.d.data(), a.sums.data());
  return a;
}

/// A block of 32 activations of one of several kinds: random at a scale
/// from subnormal to near FLT_MAX, ties of the rounding, zeros (either
/// sign), one huge value among small ones, infinities, NaNs.
void fillBlock(float *x, std::mt19937 &rng) {
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  const unsigned kind = rng() % 12;
  static const int scales[] = {-149, -140, -130, -127, -100, -20,
                               0,    7,    20,   100,  127};
  switch (kind) {
  case 0: // ties: amax 127 d = 1, id = 1, x = k + 0.5 exactly
    for (int i = 0; i < 32; ++i)
      x[i] = float(int(rng() % 254) - 127) + 0.5f;
    x[rng() % 32] = rng() % 2 ? 127.0f : -127.0f;
    return;
  case 1: // ties at another scale: amax = 127 * 2^e
    for (int i = 0; i < 32; ++i)
      x[i] = std::ldexp(float(int(rng() % 254) - 127) + 0.5f, -10);
    x[rng() % 32] = std::ldexp(127.0f, -10);
    return;
  case 2:
    for (int i = 0; i < 32; ++i)
      x[i] = rng() % 2 ? 0.0f : -0.0f;
    return;
  case 3: // one huge value among small ones
    for (int i = 0; i < 32; ++i)
      x[i] = unit(rng);
    x[rng() % 32] = rng() % 2 ? 3e38f : -1e30f;
    return;
  case 4: { // a non-finite value
    for (int i = 0; i < 32; ++i)
      x[i] = unit(rng);
    static const float bad[] = {std::numeric_limits<float>::infinity(),
                                -std::numeric_limits<float>::infinity(),
                                std::numeric_limits<float>::quiet_NaN(),
                                -std::numeric_limits<float>::quiet_NaN()};
    x[rng() % 32] = bad[rng() % 4];
    return;
  }
  case 5: // subnormal magnitudes only (d rounds to 0 or 1 / d overflows)
    for (int i = 0; i < 32; ++i)
      x[i] = std::ldexp(float(int(rng() % 129) - 64), -149);
    return;
  default: {
    const int e = scales[rng() % 11];
    for (int i = 0; i < 32; ++i)
      x[i] = std::ldexp(unit(rng), e);
    if (rng() % 4 == 0)
      x[rng() % 32] = 0.0f;
    return;
  }
  }
}

// The references on blocks whose result is known exactly: activations with
// amax 127 (d = 1, q = x), small scales, so every rounding is exact and the
// dot is the integer identity of sinkc_ukernels.h computed in double.
TEST(Q8aReference, BlocksByHand) {
  std::vector<float> x(64);
  for (int i = 0; i < 64; ++i)
    x[i] = float((i * 7) % 41 - 20);
  x[5] = 127.0f;
  x[40] = -127.0f;
  const Quantized a = quantizeRef(x.data(), 64);
  for (int b = 0; b < 2; ++b)
    ASSERT_EQ(a.d[b], 1.0f);
  for (int i = 0; i < 64; ++i)
    ASSERT_EQ(int(a.q[i]), int(x[i]));
  // d = 0.5 (0x3800), m = -2 (0xc000) in both blocks; codes from i.
  std::vector<uint8_t> q8, q4, q41;
  double want8 = 0, want4 = 0, want41 = 0;
  for (int b = 0; b < 2; ++b) {
    q8.insert(q8.end(), {0x00, 0x38});
    q4.insert(q4.end(), {0x00, 0x38});
    q41.insert(q41.end(), {0x00, 0x38, 0x00, 0xc0});
    for (int j = 0; j < 32; ++j) {
      const int c8 = (j * 13 + b) % 256 - 128;
      q8.push_back(uint8_t(c8));
      want8 += 0.5 * c8 * x[32 * b + j];
    }
    for (int j = 0; j < 16; ++j) {
      const int lo = (j * 5 + b) % 16, hi = (j * 3 + 7) % 16;
      q4.push_back(uint8_t(lo | hi << 4));
      q41.push_back(uint8_t(lo | hi << 4));
      want4 += 0.5 * ((lo - 8) * x[32 * b + j] + (hi - 8) * x[32 * b + 16 + j]);
      want41 +=
          (0.5 * lo - 2) * x[32 * b + j] + (0.5 * hi - 2) * x[32 * b + 16 + j];
    }
  }
  EXPECT_EQ(double(sinkc_ukref_dot_q8_0_q8a(q8.data(), a.q.data(), a.d.data(),
                                            a.sums.data(), 64)),
            want8);
  EXPECT_EQ(double(sinkc_ukref_dot_q4_0_q8a(q4.data(), a.q.data(), a.d.data(),
                                            a.sums.data(), 64)),
            want4);
  EXPECT_EQ(double(sinkc_ukref_dot_q4_1_q8a(q41.data(), a.q.data(), a.d.data(),
                                            a.sums.data(), 64)),
            want41);
  // And every flavour's kernels.
  for (const Flavor *f : flavors()) {
    const Q8aKernels &k = kernelsOf(*f);
    float y[3];
    k.gemv[0](q8.data(), 0, x.data(), &y[0], 1, 64);
    k.gemv[1](q4.data(), 0, x.data(), &y[1], 1, 64);
    k.gemv[2](q41.data(), 0, x.data(), &y[2], 1, 64);
    EXPECT_EQ(double(y[0]), want8) << f->name;
    EXPECT_EQ(double(y[1]), want4) << f->name;
    EXPECT_EQ(double(y[2]), want41) << f->name;
  }
}

class Q8aQuantize : public ::testing::TestWithParam<const Flavor *> {};

TEST_P(Q8aQuantize, MatchesReferenceBitwise) {
  const Q8aKernels &k = kernelsOf(*GetParam());
  std::mt19937 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    // Groups of 16 blocks inside, and lengths that end mid-group.
    const int64_t n = 32 * (trial % 3 == 0 ? 64 : trial % 3 == 1 ? 17 : 1);
    std::vector<float> x(n);
    for (int64_t b = 0; b < n / 32; ++b)
      fillBlock(&x[b * 32], rng);
    const Quantized want = quantizeRef(x.data(), n);
    Quantized got(n);
    k.quantize(x.data(), n, got.q.data(), got.d.data(), got.sums.data());
    for (int64_t b = 0; b < n / 32; ++b) {
      ASSERT_TRUE(sameFloat(got.d[b], want.d[b]))
          << "trial=" << trial << " b=" << b << " d=" << got.d[b] << " want "
          << want.d[b];
      ASSERT_EQ(got.sums[b], want.sums[b]) << "trial=" << trial << " b=" << b;
      for (int i = 0; i < 32; ++i)
        ASSERT_EQ(int(got.q[b * 32 + i]), int(want.q[b * 32 + i]))
            << "trial=" << trial << " b=" << b << " i=" << i
            << " x=" << x[b * 32 + i];
    }
  }
}

// Values known by hand: amax 127 gives d = 1, id = 1, q = x rounded half to
// even; the other blocks check zeros, a NaN, an infinity and the clamp.
TEST_P(Q8aQuantize, KnownBlocks) {
  const Q8aKernels &k = kernelsOf(*GetParam());
  std::vector<float> x(5 * 32, 0.0f);
  const float ties[] = {127.0f, 0.5f,   1.5f,    2.5f,  -0.5f,  -1.5f,
                        -2.5f,  126.5f, -126.5f, 3.25f, -3.75f, 0.0f};
  const int want[] = {127, 0, 2, 2, 0, -2, -2, 126, -126, 3, -4, 0};
  std::memcpy(x.data(), ties, sizeof ties);
  for (int i = 0; i < 32; ++i) {
    x[64 + i] = 1.0f;  // NaN block
    x[96 + i] = -2.0f; // inf block
    x[128 + i] = float(i - 16);
  }
  x[64 + 7] = std::numeric_limits<float>::quiet_NaN();
  x[96 + 3] = -std::numeric_limits<float>::infinity();
  Quantized got(5 * 32);
  k.quantize(x.data(), 5 * 32, got.q.data(), got.d.data(), got.sums.data());
  EXPECT_EQ(got.d[0], 1.0f);
  int sum = 0;
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(int(got.q[i]), want[i]) << "i=" << i;
    sum += want[i];
  }
  EXPECT_EQ(got.sums[0], sum);
  EXPECT_EQ(bitsOf(got.d[1]), 0u); // zeros: d = +0, q = 0
  EXPECT_TRUE(std::isnan(got.d[2]));
  EXPECT_EQ(got.d[3], std::numeric_limits<float>::infinity());
  for (int b = 1; b < 4; ++b) {
    EXPECT_EQ(got.sums[b], 0) << "b=" << b;
    for (int i = 0; i < 32; ++i)
      EXPECT_EQ(int(got.q[b * 32 + i]), 0) << "b=" << b << " i=" << i;
  }
  // -16 .. 15: amax 16, the extreme value maps to -127 exactly.
  EXPECT_EQ(got.d[4], 16.0f / 127.0f);
  EXPECT_EQ(int(got.q[128]), -127);
  EXPECT_EQ(int(got.q[128 + 31]), int(std::rint(15.0f * (1.0f / got.d[4]))));
}

INSTANTIATE_TEST_SUITE_P(All, Q8aQuantize, ::testing::ValuesIn(flavors()),
                         [](const ::testing::TestParamInfo<const Flavor *> &i) {
                           return std::string(i.param->name);
                         });

using Param = std::tuple<const Flavor *, int>;

class Q8a : public ::testing::TestWithParam<Param> {
protected:
  const Flavor &flavor() const { return *std::get<0>(GetParam()); }
  const Q8aKernels &k() const { return kernelsOf(flavor()); }
  int fi() const { return std::get<1>(GetParam()); }
  const Q8aFmt &fmt() const { return kFmts[fi()]; }
  int64_t rowBytesOf(int64_t cols) const { return rowBytes(fmt().base, cols); }
  /// The f32-activation dot of the same weights.
  DotFn f32dot() const {
    return fi() < 3 ? flavor().dot[int(fmt().base)] : k().f32group[fi() - 3];
  }
  std::vector<uint8_t> row(int64_t cols) {
    return randomRow(fmt().base, cols, rng);
  }
  /// `rows` random rows of `cols` values, back to back.
  std::vector<uint8_t> matrix(int64_t rows, int64_t cols) {
    std::vector<uint8_t> w;
    for (int64_t r = 0; r < rows; ++r) {
      const std::vector<uint8_t> one = row(cols);
      w.insert(w.end(), one.begin(), one.end());
    }
    return w;
  }
  float dot(const uint8_t *w, const Quantized &a, int64_t n,
            int64_t block0 = 0) const {
    return k().dot[fi()](w, a.q.data() + 32 * block0, a.d.data() + block0,
                         a.sums.data() + block0, n);
  }
  std::mt19937 rng{4321};
};

TEST_P(Q8a, DotMatchesReferenceBitwise) {
  for (int64_t n : {32, 64, 96, 576, 1536, 4096}) {
    for (int trial = 0; trial < 10; ++trial) {
      const std::vector<uint8_t> w = row(n);
      std::vector<float> x = randomActivations(n, rng);
      if (trial == 9) // rough activations too (no non-finite ones)
        for (int64_t b = 0; b < n / 32; ++b) {
          fillBlock(&x[b * 32], rng);
          for (int i = 0; i < 32; ++i)
            if (!std::isfinite(x[b * 32 + i]) ||
                std::fabs(x[b * 32 + i]) > 1e4f)
              x[b * 32 + i] = 1.0f;
        }
      const Quantized a = quantizeRef(x.data(), n);
      const float want =
          fmt().ref(w.data(), a.q.data(), a.d.data(), a.sums.data(), n);
      const float got = dot(w.data(), a, n);
      ASSERT_TRUE(sameFloat(got, want)) << "n=" << n << " trial=" << trial
                                        << " got=" << got << " want=" << want;
    }
  }
}

// The integer path computes the f32 kernels' math on x^ = q * d.
TEST_P(Q8a, CloseToF32KernelOnDequantizedActivations) {
  double worst = 0;
  for (int64_t n : {32, 64, 576, 1536, 4096}) {
    for (int trial = 0; trial < 10; ++trial) {
      const std::vector<uint8_t> w = row(n);
      const std::vector<float> x = randomActivations(n, rng);
      const Quantized a = quantizeRef(x.data(), n);
      std::vector<float> xh(n);
      for (int64_t i = 0; i < n; ++i)
        xh[i] = float(a.q[i]) * a.d[i / 32];
      const float got = dot(w.data(), a, n);
      const float f32 = f32dot()(w.data(), xh.data(), n);
      // sum_i mag_i |x^_i|: errorBound's own magnitude, divided back out.
      const double blocks = double(n / 32);
      const double mag = errorBound(fmt().base, w.data(), xh.data(), n) /
                         ((2 * blocks + 8) * std::ldexp(1.0, -24));
      const double bound = (3 * blocks + 16) * std::ldexp(1.0, -24) * mag;
      const double err = std::fabs(double(got) - double(f32));
      ASSERT_LE(err, bound) << "n=" << n << " trial=" << trial << " q8a=" << got
                            << " f32=" << f32;
      if (mag > 0)
        worst = std::max(worst, err / (std::ldexp(1.0, -24) * mag));
    }
  }
  std::printf("[%s %s] worst |q8a - f32(x^)| = %.2f * 2^-24 * sum |w x^|\n",
              flavor().name, fmt().name, worst);
}

TEST_P(Q8a, GemvEqualsDot) {
  for (int64_t cols : {32, 64, 576, 1536}) {
    for (int64_t rows : {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33}) {
      const int64_t stride = rowBytesOf(cols) + 6; // a stride, not the size
      std::vector<uint8_t> w(stride * rows, 0xee);
      for (int64_t r = 0; r < rows; ++r) {
        const std::vector<uint8_t> one = row(cols);
        std::memcpy(&w[r * stride], one.data(), one.size());
      }
      const std::vector<float> x = randomActivations(cols, rng);
      const Quantized a = quantizeRef(x.data(), cols);
      std::vector<float> y(rows + 1, -7.0f);
      k().gemv[fi()](w.data(), stride, x.data(), y.data(), rows, cols);
      for (int64_t r = 0; r < rows; ++r) {
        const float want = dot(&w[r * stride], a, cols);
        ASSERT_EQ(bitsOf(y[r]), bitsOf(want))
            << "rows=" << rows << " cols=" << cols << " r=" << r;
        ASSERT_EQ(bitsOf(want),
                  bitsOf(fmt().ref(&w[r * stride], a.q.data(), a.d.data(),
                                   a.sums.data(), cols)));
      }
      EXPECT_EQ(y[rows], -7.0f) << "wrote past the last row";
    }
  }
}

TEST_P(Q8a, GemmEqualsDot) {
  for (int64_t cols : {32, 64, 576, 1536}) {
    for (int64_t rows : {1, 3, 16, 17, 35}) {
      for (int64_t tokens : {1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 33, 128}) {
        if (cols == 1536 && rows == 35 && tokens > 17)
          continue; // time
        const int64_t stride = rowBytesOf(cols);
        const std::vector<uint8_t> w = matrix(rows, cols);
        const int64_t xStride = cols + 5, yStride = rows + 3;
        const std::vector<float> x = stridedActivations(cols, tokens, xStride, rng);
        std::vector<Quantized> a;
        for (int64_t t = 0; t < tokens; ++t)
          a.push_back(quantizeRef(&x[t * xStride], cols));
        std::vector<float> y(yStride * tokens, -7.0f);
        k().gemm[fi()](w.data(), stride, x.data(), xStride, y.data(), yStride,
                       rows, cols, tokens);
        ASSERT_TRUE(gemmMatches(y, yStride, rows, tokens, [&](int64_t r, int64_t t) {
          return dot(&w[r * stride], a[t], cols);
        })) << "rows=" << rows << " cols=" << cols << " tokens=" << tokens;
      }
    }
  }
}

// Rows longer than one pass (SINKC_UK_Q8A_CHUNK values): partial sums kept
// in y between passes give the bits of one pass.
TEST_P(Q8a, LongRowsInSeveralPasses) {
  const int64_t cols = SINKC_UK_Q8A_CHUNK + 96, rows = 19, tokens = 3;
  const int64_t stride = rowBytesOf(cols);
  const std::vector<uint8_t> w = matrix(rows, cols);
  const std::vector<float> x = randomActivations(cols * tokens, rng);
  std::vector<float> yv(rows), ym(rows * tokens);
  k().gemv[fi()](w.data(), stride, x.data(), yv.data(), rows, cols);
  k().gemm[fi()](w.data(), stride, x.data(), cols, ym.data(), rows, rows, cols,
                 tokens);
  for (int64_t t = 0; t < tokens; ++t) {
    const Quantized a = quantizeRef(x.data() + t * cols, cols);
    for (int64_t r = 0; r < rows; ++r) {
      const float want = dot(&w[r * stride], a, cols);
      if (t == 0) {
        ASSERT_EQ(bitsOf(yv[r]), bitsOf(want)) << "gemv r=" << r;
      }
      ASSERT_EQ(bitsOf(ym[t * rows + r]), bitsOf(want))
          << "gemm t=" << t << " r=" << r;
    }
  }
}

// Codes at the ends of their ranges against |q| = 127: the int16 pairs of
// vpmaddubsw come closest to saturation (q8_0: 2 * 128 * 127 = 32512;
// nibbles: 8 pairs of 2 * 15 * 127 summed to 30480).
TEST_P(Q8a, ExtremeCodesExact) {
  const int64_t cols = 256, rows = 17;
  const int64_t bytes = rowBytesOf(32), stride = rowBytesOf(cols);
  std::vector<uint8_t> w(stride * rows);
  const bool q8 = fmt().base == Fmt::Q8_0;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t b = 0; b < cols / 32; ++b) {
      uint8_t *p = &w[r * stride + b * bytes];
      const uint16_t one = 0x3c00, minusOne = 0xbc00;
      std::memcpy(p, (r + b) % 2 ? &one : &minusOne, 2);
      if (fmt().base == Fmt::Q4_1)
        std::memcpy(p + 2, &one, 2);
      const int codes = q8 ? 2 : fmt().base == Fmt::Q4_1 ? 4 : 2;
      for (int64_t i = codes; i < bytes; ++i)
        p[i] = q8 ? ((r + i) % 3 ? 0x80 : 0x7f) : ((r + i) % 3 ? 0xff : 0x0f);
    }
  std::vector<float> x(cols);
  for (int64_t i = 0; i < cols; ++i)
    x[i] = (i / 32) % 2 ? -1.0f : (i % 5 ? 1.0f : -1.0f);
  const Quantized a = quantizeRef(x.data(), cols);
  for (int8_t q : a.q)
    ASSERT_EQ(std::abs(int(q)), 127);
  std::vector<float> y(rows);
  k().gemv[fi()](w.data(), stride, x.data(), y.data(), rows, cols);
  for (int64_t r = 0; r < rows; ++r) {
    const float want =
        fmt().ref(&w[r * stride], a.q.data(), a.d.data(), a.sums.data(), cols);
    ASSERT_EQ(bitsOf(y[r]), bitsOf(want)) << "r=" << r;
    ASSERT_EQ(bitsOf(dot(&w[r * stride], a, cols)), bitsOf(want)) << "r=" << r;
  }
}

// An inf or NaN activation: its block quantizes to d = inf / NaN and q = 0,
// and every output of that token is NaN; other tokens are untouched.
TEST_P(Q8a, NonFiniteActivationsGiveNaN) {
  const int64_t cols = 96, rows = 18, tokens = 3;
  const int64_t stride = rowBytesOf(cols);
  const std::vector<uint8_t> w = matrix(rows, cols);
  for (float bad : {std::numeric_limits<float>::infinity(),
                    std::numeric_limits<float>::quiet_NaN()}) {
    std::vector<float> x = randomActivations(cols * tokens, rng);
    x[cols + 40] = bad; // token 1, block 1
    std::vector<float> y(rows * tokens);
    k().gemm[fi()](w.data(), stride, x.data(), cols, y.data(), rows, rows, cols,
                   tokens);
    for (int64_t r = 0; r < rows; ++r) {
      EXPECT_TRUE(std::isnan(y[rows + r])) << "r=" << r << " bad=" << bad;
      for (int64_t t : {0, 2})
        EXPECT_TRUE(std::isfinite(y[t * rows + r])) << "t=" << t;
    }
  }
}

// Rows between unmapped pages, ending right before one and starting right
// after one: no kernel reads past the last byte of the last row or before
// the first byte of the first (the fast loads reach beyond a block; the
// first and last blocks of a call must not).
TEST_P(Q8a, NoReadOutsideTheRows) {
  const long page = sysconf(_SC_PAGESIZE);
  for (int64_t cols : {32, 64, 576}) {
    for (int64_t rows : {1, 5, 16, 17, 33}) {
      for (bool atEnd : {true, false}) {
        const int64_t rb = rowBytesOf(cols), bytes = rb * rows;
        const size_t span = (size_t(bytes) + page - 1) / page * page;
        uint8_t *map = static_cast<uint8_t *>(
            mmap(nullptr, span + 2 * page, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        ASSERT_NE(map, MAP_FAILED);
        ASSERT_EQ(mprotect(map, page, PROT_NONE), 0);
        ASSERT_EQ(mprotect(map + page + span, page, PROT_NONE), 0);
        uint8_t *w = atEnd ? map + page + span - bytes : map + page;
        for (int64_t r = 0; r < rows; ++r) {
          const std::vector<uint8_t> one = row(cols);
          std::memcpy(w + r * rb, one.data(), one.size());
        }
        const std::vector<float> x = randomActivations(cols * 5, rng);
        std::vector<float> y(rows * 5);
        k().gemv[fi()](w, rb, x.data(), y.data(), rows, cols);
        const Quantized a = quantizeRef(x.data(), cols);
        for (int64_t r = 0; r < rows; ++r)
          ASSERT_EQ(bitsOf(y[r]), bitsOf(dot(w + r * rb, a, cols)));
        k().gemm[fi()](w, rb, x.data(), cols, y.data(), rows, rows, cols, 5);
        for (int64_t r = 0; r < rows; ++r)
          ASSERT_EQ(bitsOf(y[r]), bitsOf(dot(w + r * rb, a, cols)));
        munmap(map, span + 2 * page);
      }
    }
  }
}

TEST_P(Q8a, ZeroRowsTokensAndCols) {
  float y = 42.0f;
  const std::vector<uint8_t> w = row(32);
  const std::vector<float> x = randomActivations(32, rng);
  k().gemv[fi()](w.data(), 0, x.data(), &y, 0, 32);
  k().gemm[fi()](w.data(), 0, x.data(), 32, &y, 1, 0, 32, 3);
  k().gemm[fi()](w.data(), 0, x.data(), 32, &y, 1, 1, 32, 0);
  EXPECT_EQ(y, 42.0f);
  // Empty rows: +0, as the dot of nothing.
  float ys[6] = {-1, -1, -1, -1, -1, -1};
  k().gemv[fi()](w.data(), 0, x.data(), ys, 2, 0);
  k().gemm[fi()](w.data(), 0, x.data(), 0, ys + 2, 2, 2, 0, 2);
  for (float v : ys)
    EXPECT_EQ(bitsOf(v), 0u);
  EXPECT_EQ(bitsOf(dot(w.data(), quantizeRef(x.data(), 32), 0)), 0u);
}

// Every flavour gives the same bits (the integers are exact, the float
// steps identical and never fused).
TEST_P(Q8a, FlavorsBitwiseEqual) {
  const int64_t cols = 576, rows = 21, tokens = 6;
  const int64_t stride = rowBytesOf(cols);
  const std::vector<uint8_t> w = matrix(rows, cols);
  const std::vector<float> x = randomActivations(cols * tokens, rng);
  std::vector<float> mine(rows * tokens), other(rows * tokens);
  k().gemm[fi()](w.data(), stride, x.data(), cols, mine.data(), rows, rows,
                 cols, tokens);
  for (const Flavor *f : flavors()) {
    kernelsOf(*f).gemm[fi()](w.data(), stride, x.data(), cols, other.data(),
                             rows, rows, cols, tokens);
    for (int64_t i = 0; i < rows * tokens; ++i)
      ASSERT_EQ(bitsOf(mine[i]), bitsOf(other[i]))
          << flavor().name << " vs " << f->name << " i=" << i;
  }
}

std::vector<Param> allParams() {
  std::vector<Param> params;
  for (const Flavor *f : flavors())
    for (int fmt = 0; fmt < kNumFmts; ++fmt)
      params.emplace_back(f, fmt);
  return params;
}

INSTANTIATE_TEST_SUITE_P(All, Q8a, ::testing::ValuesIn(allParams()),
                         [](const ::testing::TestParamInfo<Param> &info) {
                           return std::string(std::get<0>(info.param)->name) +
                                  "_" + kFmts[std::get<1>(info.param)].name;
                         });

} // namespace
