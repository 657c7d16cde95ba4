//===- UkernelGroupTest.cpp - sinkc's int4 / int8 group formats -----------===//
//
// All 24 group formats (sinkc_ukernels.h, SINKC_UK_GROUP_FORMATS) in every
// flavour: every gathered value bit for bit equal to the scalar reference
// dequantizer written from the layout (fused where the flavour has FMA,
// which matters for asymmetric formats with f32 scales only); dot bit for
// bit equal to the scalar reference of the documented summation order and
// within a stated bound of an f64 dot over the ideal weights; GEMV / GEMM
// bitwise equal to dot over padded strides and odd row / token counts; the
// embedding gather over strides and bad ids. Scales are random: any finite
// half, or f32 of either sign from subnormal to 2^100. Blocks built by hand
// pin the layout (nibble order, chunks, signedness, the minimum) by known
// values.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

// The other flavours' kernels carry a symbol prefix (see
// lowering/ukernels/CMakeLists.txt).
#define UK_GROUP_DECLARE(P, NAME)                                              \
  float P##sinkc_uk_dot_##NAME(const void *, const float *, int64_t);          \
  void P##sinkc_uk_gemv_##NAME(const void *, int64_t, const float *, float *,  \
                               int64_t, int64_t);                              \
  void P##sinkc_uk_gemm_##NAME(const void *, int64_t, const float *, int64_t,  \
                               float *, int64_t, int64_t, int64_t, int64_t);   \
  void P##sinkc_uk_embedding_##NAME(const void *, int64_t, int64_t,            \
                                    const int32_t *, int64_t, float *,         \
                                    int64_t);
#define UK_GROUP_DECLARE_VNNI(NAME, ...) UK_GROUP_DECLARE(vnni_, NAME)
#define UK_GROUP_DECLARE_V3(NAME, ...) UK_GROUP_DECLARE(v3_, NAME)
#define UK_GROUP_DECLARE_BASE(NAME, ...) UK_GROUP_DECLARE(x86_64_, NAME)
extern "C" {
SINKC_UK_GROUP_FORMATS(UK_GROUP_DECLARE_VNNI)
SINKC_UK_GROUP_FORMATS(UK_GROUP_DECLARE_V3)
SINKC_UK_GROUP_FORMATS(UK_GROUP_DECLARE_BASE)
}

namespace {

using namespace sinkc::uktest;

struct GroupFmt {
  const char *name;
  int bits, group;
  bool asymmetric, scaleF32;
  sinkc_ukref_group_format ref() const {
    return {bits, group, asymmetric ? 1 : 0, scaleF32 ? 1 : 0};
  }
  int64_t blockBytes() const {
    return SINKC_UK_GROUP_BLOCK_BYTES(bits, group, asymmetric, scaleF32);
  }
  int64_t rowBytes(int64_t cols) const { return cols / group * blockBytes(); }
  int scaleBytes() const { return scaleF32 ? 4 : 2; }
};

#define UK_GROUP_ENTRY(NAME, BITS, GROUP, ASYM, F32)                           \
  GroupFmt{#NAME, BITS, GROUP, ASYM != 0, F32 != 0},
const GroupFmt kGroupFmts[] = {SINKC_UK_GROUP_FORMATS(UK_GROUP_ENTRY)};
constexpr int kNumGroupFmts = int(sizeof kGroupFmts / sizeof kGroupFmts[0]);
static_assert(kNumGroupFmts == 24, "4 / 8 bits x 3 groups x s / a x f16 / f32");

struct GroupKernels {
  DotFn dot;
  GemvFn gemv;
  GemmFn gemm;
  EmbeddingFn embedding;
};

// In kGroupFmts order.
#define UK_GROUP_KERNELS(P, NAME)                                              \
  GroupKernels{P##sinkc_uk_dot_##NAME, P##sinkc_uk_gemv_##NAME,                \
               P##sinkc_uk_gemm_##NAME, P##sinkc_uk_embedding_##NAME},
#define UK_GROUP_KERNELS_V4(NAME, ...) UK_GROUP_KERNELS(, NAME)
#define UK_GROUP_KERNELS_VNNI(NAME, ...) UK_GROUP_KERNELS(vnni_, NAME)
#define UK_GROUP_KERNELS_V3(NAME, ...) UK_GROUP_KERNELS(v3_, NAME)
#define UK_GROUP_KERNELS_BASE(NAME, ...) UK_GROUP_KERNELS(x86_64_, NAME)

const GroupKernels &kernelsOf(const Flavor &f, int fmt) {
  static const GroupKernels v4[] = {
      SINKC_UK_GROUP_FORMATS(UK_GROUP_KERNELS_V4)};
  static const GroupKernels vnni[] = {
      SINKC_UK_GROUP_FORMATS(UK_GROUP_KERNELS_VNNI)};
  static const GroupKernels v3[] = {
      SINKC_UK_GROUP_FORMATS(UK_GROUP_KERNELS_V3)};
  static const GroupKernels base[] = {
      SINKC_UK_GROUP_FORMATS(UK_GROUP_KERNELS_BASE)};
  const std::string name = f.name;
  return (name == "v4"        ? v4
          : name == "v4_vnni" ? vnni
          : name == "v3"      ? v3
                              : base)[fmt];
}

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

void putU16(uint8_t *p, uint16_t v) { std::memcpy(p, &v, 2); }
void putF32(uint8_t *p, float v) { std::memcpy(p, &v, 4); }

/// A random finite scale in the format's type: any finite half (subnormals
/// and +-65504 included), or an f32 of either sign with a biased exponent
/// 0 (subnormal) .. 227 (|v| < 2^101): q * d + m stays finite.
void putRandomScale(const GroupFmt &g, uint8_t *p, std::mt19937 &rng) {
  if (!g.scaleF32) {
    uint16_t h = uint16_t(rng());
    if (((h >> 10) & 0x1f) == 0x1f)
      h &= 0xbfff;
    putU16(p, h);
    return;
  }
  const uint32_t bits =
      (rng() & 1) << 31 | (rng() % 228) << 23 | (rng() & 0x7fffff);
  std::memcpy(p, &bits, 4);
}

/// One row: random codes and scales; one group in 8 all zeros, one in 8
/// with scales of the ends of the range (f16 +-65504, +-2^-24, +-0; f32
/// +-2^100, the smallest subnormal, +-0).
std::vector<uint8_t> randomGroupRow(const GroupFmt &g, int64_t cols,
                                    std::mt19937 &rng) {
  std::vector<uint8_t> row(g.rowBytes(cols));
  const int64_t bytes = g.blockBytes();
  const int scales = g.asymmetric ? 2 : 1;
  for (int64_t b = 0; b < cols / g.group; ++b) {
    uint8_t *p = &row[b * bytes];
    for (int64_t i = 0; i < bytes; ++i)
      p[i] = uint8_t(rng());
    const unsigned kind = rng() % 8;
    if (kind == 0) {
      std::memset(p, 0, bytes);
      continue;
    }
    for (int s = 0; s < scales; ++s) {
      uint8_t *at = p + s * g.scaleBytes();
      if (kind != 1) {
        putRandomScale(g, at, rng);
      } else if (g.scaleF32) {
        static const float extremes[] = {0x1p100f, -0x1p100f, 0x1p-149f,
                                         -0x1p-149f, 0.0f, -0.0f};
        putF32(at, extremes[rng() % 6]);
      } else {
        static const uint16_t extremes[] = {0x7bff, 0xfbff, 0x0001,
                                            0x8001, 0x0000, 0x8000};
        putU16(at, extremes[rng() % 6]);
      }
    }
  }
  return row;
}

std::vector<float> referenceDequant(const GroupFmt &g, bool fused,
                                    const uint8_t *row, int64_t n) {
  std::vector<float> out(n);
  sinkc_ukref_dequant_group(g.ref(), fused, row, out.data(), n);
  return out;
}

/// The bound on |dot - f64 dot of the ideal weights|: with u = 2^-24 each
/// lane rounds at most twice per block (product and sum without FMA), lo +
/// hi and the tree five times, each weight at most twice (q * d, + m
/// unfused), so to first order
///   |got - ref| <= (2 * blocks + 7) * u * sum_i (|q_i d| + |m|) |x_i|;
/// taken with 5 of slack and |q_i| bounded by the format's largest code,
/// plus 2^-149 per value and operation for the absolute error of subnormal
/// results (f32 scales reach them).
double errorBound(const GroupFmt &g, const uint8_t *row, const float *x,
                  int64_t n) {
  const double qmax =
      g.bits == 8 ? (g.asymmetric ? 255 : 128) : (g.asymmetric ? 15 : 8);
  double mag = 0;
  for (int64_t b = 0; b < n / g.group; ++b) {
    const uint8_t *p = row + b * g.blockBytes();
    double d, m = 0;
    if (g.scaleF32) {
      float v;
      std::memcpy(&v, p, 4);
      d = v;
      if (g.asymmetric) {
        std::memcpy(&v, p + 4, 4);
        m = v;
      }
    } else {
      uint16_t h;
      std::memcpy(&h, p, 2);
      d = sinkc_ukref_half_to_float(h);
      if (g.asymmetric) {
        std::memcpy(&h, p + 2, 2);
        m = sinkc_ukref_half_to_float(h);
      }
    }
    for (int j = 0; j < g.group; ++j)
      mag += (qmax * std::fabs(d) + std::fabs(m)) *
             std::fabs(double(x[b * g.group + j]));
  }
  const double ops = 2 * double(n / 32) + 12;
  return ops * std::ldexp(1.0, -24) * mag +
         ops * double(n) * std::ldexp(1.0, -149);
}

std::vector<int64_t> colsFor(const GroupFmt &g) {
  return {g.group, 2 * g.group, 3 * g.group, 1536, 4096};
}

/// Shorter lists for the GEMV / GEMM / embedding sweeps.
std::vector<int64_t> fewColsFor(const GroupFmt &g) {
  return {g.group, 3 * g.group};
}

using Param = std::tuple<const Flavor *, int>;

class UkernelGroup : public ::testing::TestWithParam<Param> {
protected:
  const Flavor &flavor() const { return *std::get<0>(GetParam()); }
  const GroupFmt &fmt() const { return kGroupFmts[std::get<1>(GetParam())]; }
  const GroupKernels &kernels() const {
    return kernelsOf(flavor(), std::get<1>(GetParam()));
  }
  float dot(const uint8_t *row, const float *x, int64_t n) const {
    return kernels().dot(row, x, n);
  }
  std::vector<float> gather(const uint8_t *row, int64_t n) const {
    std::vector<float> out(n);
    const int32_t id = 0;
    kernels().embedding(row, fmt().rowBytes(n), 1, &id, 1, out.data(), n);
    return out;
  }
  /// A table of `rows` random rows `stride` bytes apart (gaps of 0xee).
  std::vector<uint8_t> randomTable(int64_t rows, int64_t cols, int64_t stride,
                                   std::vector<std::vector<uint8_t>> *each) {
    std::vector<uint8_t> table(rows * stride, 0xee);
    for (int64_t r = 0; r < rows; ++r) {
      const std::vector<uint8_t> row = randomGroupRow(fmt(), cols, rng);
      std::memcpy(&table[r * stride], row.data(), row.size());
      if (each)
        each->push_back(row);
    }
    return table;
  }
  std::mt19937 rng{4242};
};

// (a) The kernels' dequantization (the embedding gather shares the dot
// kernels' loaders) is the reference's, bit for bit.
TEST_P(UkernelGroup, GatherMatchesReferenceBitwise) {
  for (int64_t n : colsFor(fmt())) {
    for (int trial = 0; trial < 4; ++trial) {
      const std::vector<uint8_t> row = randomGroupRow(fmt(), n, rng);
      const std::vector<float> got = gather(row.data(), n);
      const std::vector<float> want =
          referenceDequant(fmt(), flavor().hasFma, row.data(), n);
      for (int64_t i = 0; i < n; ++i)
        ASSERT_EQ(bitsOf(got[i]), bitsOf(want[i]))
            << "n=" << n << " i=" << i << ": " << got[i] << " vs " << want[i];
    }
  }
}

// (b) The whole summation contract at once, to the bit, and the f64 bound.
TEST_P(UkernelGroup, DotEqualsOrderedReferenceAndBound) {
  for (int64_t n : colsFor(fmt())) {
    for (int trial = 0; trial < 4; ++trial) {
      const std::vector<uint8_t> row = randomGroupRow(fmt(), n, rng);
      const std::vector<float> x = randomActivations(n, rng);
      const std::vector<float> w =
          referenceDequant(fmt(), flavor().hasFma, row.data(), n);
      const float want =
          sinkc_ukref_dot_ordered(w.data(), x.data(), n, flavor().hasFma);
      const float got = dot(row.data(), x.data(), n);
      ASSERT_EQ(bitsOf(got), bitsOf(want))
          << "n=" << n << " trial=" << trial << ": " << got << " vs " << want;
      const double ref =
          sinkc_ukref_dot_group(fmt().ref(), row.data(), x.data(), n);
      ASSERT_LE(std::fabs(double(got) - ref),
                errorBound(fmt(), row.data(), x.data(), n))
          << "n=" << n << " trial=" << trial << " got=" << got
          << " ref=" << ref;
    }
  }
}

// x = e_j reads back weight j alone (as a value: the zero accumulators turn
// -0 into +0), and equals the gathered value.
TEST_P(UkernelGroup, OneHotEqualsGather) {
  const int64_t n = 2 * fmt().group;
  const std::vector<uint8_t> row = randomGroupRow(fmt(), n, rng);
  const std::vector<float> w = gather(row.data(), n);
  std::vector<float> x(n, 0.0f);
  for (int64_t j = 0; j < n; ++j) {
    x[j] = 1.0f;
    const float got = dot(row.data(), x.data(), n);
    x[j] = 0.0f;
    ASSERT_EQ(bitsOf(got), bitsOf(w[j] == 0.0f ? 0.0f : w[j])) << "j=" << j;
  }
}

TEST_P(UkernelGroup, ZeroRowsAndEmptyCalls) {
  const int64_t n = fewColsFor(fmt()).back();
  const std::vector<uint8_t> zeros(fmt().rowBytes(n), 0);
  const std::vector<float> x = randomActivations(n, rng);
  EXPECT_EQ(bitsOf(dot(zeros.data(), x.data(), n)), 0u);
  for (float v : gather(zeros.data(), n))
    ASSERT_EQ(v, 0.0f);
  float y = 42.0f;
  kernels().gemv(zeros.data(), 0, x.data(), &y, 0, n);
  kernels().gemm(zeros.data(), 0, x.data(), n, &y, 1, 0, n, 3);
  kernels().gemm(zeros.data(), 0, x.data(), n, &y, 1, 1, n, 0);
  EXPECT_EQ(y, 42.0f);
}

TEST_P(UkernelGroup, GemvEqualsRepeatedDot) {
  for (int64_t cols : fewColsFor(fmt())) {
    for (int64_t rows : {1, 3, 4, 5, 7, 9, 13}) {
      // Rows padded by 8 bytes: row_bytes is a stride, not the row size.
      const int64_t stride = fmt().rowBytes(cols) + 8;
      std::vector<std::vector<uint8_t>> each;
      const std::vector<uint8_t> w = randomTable(rows, cols, stride, &each);
      const std::vector<float> x = randomActivations(cols, rng);
      std::vector<float> y(rows + 1, -7.0f);
      kernels().gemv(w.data(), stride, x.data(), y.data(), rows, cols);
      for (int64_t r = 0; r < rows; ++r)
        ASSERT_EQ(bitsOf(y[r]), bitsOf(dot(each[r].data(), x.data(), cols)))
            << "rows=" << rows << " cols=" << cols << " r=" << r;
      EXPECT_EQ(y[rows], -7.0f) << "wrote past the last row";
    }
  }
}

TEST_P(UkernelGroup, GemmEqualsRepeatedDot) {
  for (int64_t cols : fewColsFor(fmt())) {
    for (int64_t rows : {1, 2, 3, 5}) {
      for (int64_t tokens : {1, 3, 4, 5, 9}) {
        const int64_t stride = fmt().rowBytes(cols) + 8;
        std::vector<std::vector<uint8_t>> each;
        const std::vector<uint8_t> w = randomTable(rows, cols, stride, &each);
        const int64_t xStride = cols + 5, yStride = rows + 3;
        const std::vector<float> x = stridedActivations(cols, tokens, xStride, rng);
        std::vector<float> y(yStride * tokens, -7.0f);
        kernels().gemm(w.data(), stride, x.data(), xStride, y.data(), yStride,
                       rows, cols, tokens);
        ASSERT_TRUE(gemmMatches(y, yStride, rows, tokens, [&](int64_t r, int64_t t) {
          return dot(each[r].data(), &x[t * xStride], cols);
        })) << "rows=" << rows << " cols=" << cols << " tokens=" << tokens;
      }
    }
  }
}

TEST_P(UkernelGroup, EmbeddingMatchesReferenceBitwise) {
  const int64_t rows = 11;
  const int32_t big = std::numeric_limits<int32_t>::max(),
                small = std::numeric_limits<int32_t>::min();
  for (int64_t cols : fewColsFor(fmt())) {
    const int64_t stride = fmt().rowBytes(cols) + 8;
    const std::vector<uint8_t> tab = randomTable(rows, cols, stride, nullptr);
    std::vector<int32_t> ids = {0, int32_t(rows - 1), 5, 5, -1,
                                int32_t(rows), small, big, 0};
    for (int i = 0; i < 4; ++i)
      ids.push_back(int32_t(rng() % rows));
    const int64_t tokens = int64_t(ids.size());
    std::vector<float> got(tokens * cols + 16, -7.0f);
    std::vector<float> want(tokens * cols, -7.0f);
    kernels().embedding(tab.data(), stride, rows, ids.data(), tokens,
                        got.data(), cols);
    sinkc_ukref_embedding_group(fmt().ref(), flavor().hasFma, tab.data(),
                                stride, rows, ids.data(), tokens, want.data(),
                                cols);
    for (int64_t t = 0; t < tokens; ++t) {
      const bool bad = ids[t] < 0 || ids[t] >= rows;
      for (int64_t c = 0; c < cols; ++c) {
        const float g = got[t * cols + c], w = want[t * cols + c];
        ASSERT_EQ(bitsOf(g), bitsOf(w)) << "cols=" << cols << " t=" << t
                                        << " id=" << ids[t] << " c=" << c;
        if (bad) {
          ASSERT_EQ(bitsOf(g), 0u) << "id=" << ids[t] << " c=" << c;
        }
      }
    }
    for (int64_t i = tokens * cols; i < int64_t(got.size()); ++i)
      ASSERT_EQ(got[i], -7.0f) << "wrote past the last token, cols=" << cols;
  }
}

std::vector<Param> allParams() {
  std::vector<Param> params;
  for (const Flavor *f : flavors())
    for (int fmt = 0; fmt < kNumGroupFmts; ++fmt)
      params.emplace_back(f, fmt);
  return params;
}

INSTANTIATE_TEST_SUITE_P(
    All, UkernelGroup, ::testing::ValuesIn(allParams()),
    [](const ::testing::TestParamInfo<Param> &info) {
      return std::string(std::get<0>(info.param)->name) + "_" +
             kGroupFmts[std::get<1>(info.param)].name;
    });

int fmtIndex(const char *name) {
  for (int i = 0; i < kNumGroupFmts; ++i)
    if (std::string(name) == kGroupFmts[i].name)
      return i;
  std::abort();
}

/// Every flavour's gathered values and one-hot dots equal `want` exactly,
/// and so does the reference dequantizer (fused or not).
void expectEveryFlavourGives(const char *name,
                             const std::vector<uint8_t> &row,
                             const std::vector<double> &want) {
  const int fmt = fmtIndex(name);
  const GroupFmt &g = kGroupFmts[fmt];
  const int64_t n = int64_t(want.size());
  ASSERT_EQ(int64_t(row.size()), g.rowBytes(n)) << name;
  for (bool fused : {false, true}) {
    const std::vector<float> ref = referenceDequant(g, fused, row.data(), n);
    for (int64_t v = 0; v < n; ++v)
      ASSERT_EQ(double(ref[v]), want[v]) << name << " reference v=" << v;
  }
  for (const Flavor *f : flavors()) {
    const GroupKernels &k = kernelsOf(*f, fmt);
    std::vector<float> out(n);
    const int32_t id = 0;
    k.embedding(row.data(), int64_t(row.size()), 1, &id, 1, out.data(), n);
    std::vector<float> x(n, 0.0f);
    for (int64_t v = 0; v < n; ++v) {
      ASSERT_EQ(double(out[v]), want[v]) << name << " " << f->name
                                         << " v=" << v;
      x[v] = 1.0f;
      ASSERT_EQ(double(k.dot(row.data(), x.data(), n)), want[v])
          << name << " " << f->name << " v=" << v;
      x[v] = 0.0f;
    }
  }
}

// (c) i4 symmetric, f16 d = 0.5: values 0..15 have codes 0..15 (the low
// nibbles of bytes 0..15), values 16..31 codes 15..0 (the high nibbles):
// -4, -3.5, ..., 3.5, then 3.5, ..., -4. A byte-interleaved nibble order
// or a missing - 8 fails.
TEST(UkernelGroupByHand, I4G32SymmetricF16) {
  std::vector<uint8_t> row(SINKC_UK_GROUP_BLOCK_BYTES(4, 32, 0, 0));
  ASSERT_EQ(row.size(), 18u);
  putU16(&row[0], 0x3800); // 0.5
  std::vector<double> want(32);
  for (int j = 0; j < 16; ++j) {
    row[2 + j] = uint8_t(j | (15 - j) << 4);
    want[j] = (j - 8) * 0.5;
    want[16 + j] = (15 - j - 8) * 0.5;
  }
  EXPECT_EQ(want[0], -4.0);
  EXPECT_EQ(want[15], 3.5);
  expectEveryFlavourGives("i4g32s_f16", row, want);
}

// (c) i8 asymmetric, f32 d = 2, m = -1: unsigned codes, 255 -> 509,
// 128 -> 255 (a signed reading gives -257), 0 -> -1 (a missing m gives 0).
TEST(UkernelGroupByHand, I8G32AsymmetricF32) {
  std::vector<uint8_t> row(SINKC_UK_GROUP_BLOCK_BYTES(8, 32, 1, 1));
  ASSERT_EQ(row.size(), 40u);
  putF32(&row[0], 2.0f);
  putF32(&row[4], -1.0f);
  std::vector<double> want(32);
  for (int j = 0; j < 32; ++j) {
    const int q = j == 0 ? 255 : j == 1 ? 128 : j == 2 ? 0 : (37 * j) % 256;
    row[8 + j] = uint8_t(q);
    want[j] = 2.0 * q - 1.0;
  }
  EXPECT_EQ(want[0], 509.0);
  expectEveryFlavourGives("i8g32a_f32", row, want);
}

// i4 asymmetric over two chunks, f16 d = 0.25, m = -2, and a second group
// with d = -1, m = 3: value 32c + l of a group is nibble l of chunk c's 16
// bytes, value fma(q, d, m).
TEST(UkernelGroupByHand, I4G64AsymmetricF16TwoGroups) {
  const int64_t bytes = SINKC_UK_GROUP_BLOCK_BYTES(4, 64, 1, 0);
  ASSERT_EQ(bytes, 36);
  std::vector<uint8_t> row(2 * bytes, 0);
  const double d[2] = {0.25, -1.0}, m[2] = {-2.0, 3.0};
  putU16(&row[0], 0x3400);          // 0.25
  putU16(&row[2], 0xc000);          // -2
  putU16(&row[bytes], 0xbc00);      // -1
  putU16(&row[bytes + 2], 0x4200);  // 3
  std::vector<double> want(128);
  for (int v = 0; v < 128; ++v) {
    const int grp = v / 64, c = v % 64 / 32, l = v % 32;
    const int q = (v * 7 + 3) % 16;
    uint8_t &byte = row[grp * bytes + 4 + 16 * c + l % 16];
    byte |= uint8_t(l < 16 ? q : q << 4);
    want[v] = q * d[grp] + m[grp];
  }
  expectEveryFlavourGives("i4g64a_f16", row, want);
}

// i8 symmetric, 128 values, f32 d = -0.5: signed codes, value j = byte j.
TEST(UkernelGroupByHand, I8G128SymmetricF32) {
  std::vector<uint8_t> row(SINKC_UK_GROUP_BLOCK_BYTES(8, 128, 0, 1));
  ASSERT_EQ(row.size(), 132u);
  putF32(&row[0], -0.5f);
  std::vector<double> want(128);
  for (int j = 0; j < 128; ++j) {
    const int q = 2 * j - 128; // -128 .. 126
    row[4 + j] = uint8_t(int8_t(q));
    want[j] = -0.5 * q;
  }
  EXPECT_EQ(want[0], 64.0);
  expectEveryFlavourGives("i8g128s_f32", row, want);
}

// i4 symmetric, 128 values (4 chunks), f32 d = 3: chunk c's bytes 16c ..
// 16c + 15 hold values 32c .. 32c + 31.
TEST(UkernelGroupByHand, I4G128SymmetricF32Chunks) {
  std::vector<uint8_t> row(SINKC_UK_GROUP_BLOCK_BYTES(4, 128, 0, 1), 0);
  ASSERT_EQ(row.size(), 68u);
  putF32(&row[0], 3.0f);
  std::vector<double> want(128);
  for (int v = 0; v < 128; ++v) {
    const int c = v / 32, l = v % 32, q = (c * 5 + l) % 16;
    row[4 + 16 * c + l % 16] |= uint8_t(l < 16 ? q : q << 4);
    want[v] = 3.0 * (q - 8);
  }
  expectEveryFlavourGives("i4g128s_f32", row, want);
}

// The one place flavours differ: i4 asymmetric with f32 scales, where
// fma(q, d, m) rounds once and q * d, + m twice. d = 1 + 2^-23, m = -15:
// q = 15 gives 15 + 15 * 2^-23 exactly before + m; unfused q * d rounds to
// 15 + 16 * 2^-23 (ties to even), so the flavours give 2^-19 and
// 15 * 2^-23.
TEST(UkernelGroupByHand, AsymmetricF32FusedVersusUnfused) {
  std::vector<uint8_t> row(SINKC_UK_GROUP_BLOCK_BYTES(4, 32, 1, 1), 0xff);
  const float d = 1.0f + 0x1p-23f;
  putF32(&row[0], d);
  putF32(&row[4], -15.0f);
  const std::vector<float> fused =
      referenceDequant(kGroupFmts[fmtIndex("i4g32a_f32")], true, row.data(),
                       32);
  const std::vector<float> unfused =
      referenceDequant(kGroupFmts[fmtIndex("i4g32a_f32")], false, row.data(),
                       32);
  EXPECT_EQ(fused[0], 15 * 0x1p-23f);
  EXPECT_EQ(unfused[0], 0x1p-19f);
  const int fmt = fmtIndex("i4g32a_f32");
  for (const Flavor *f : flavors()) {
    std::vector<float> out(32);
    const int32_t id = 0;
    kernelsOf(*f, fmt).embedding(row.data(), int64_t(row.size()), 1, &id, 1,
                                 out.data(), 32);
    for (int j = 0; j < 32; ++j)
      ASSERT_EQ(out[j], f->hasFma ? fused[j] : unfused[j])
          << f->name << " j=" << j;
  }
}

// With 32-value groups and f16 scales three formats are GGUF's byte for
// byte: i4g32s_f16 is q4_0, i4g32a_f16 q4_1 and i8g32s_f16 q8_0. Their
// kernels agree bitwise on the same rows.
TEST(UkernelGroupVsGguf, SameBytesSameResults) {
  std::mt19937 rng(31);
  const struct {
    const char *group;
    Fmt gguf;
  } pairs[] = {{"i4g32s_f16", Fmt::Q4_0},
               {"i4g32a_f16", Fmt::Q4_1},
               {"i8g32s_f16", Fmt::Q8_0}};
  for (const Flavor *f : flavors()) {
    for (const auto &pair : pairs) {
      const int fmt = fmtIndex(pair.group);
      ASSERT_EQ(kGroupFmts[fmt].rowBytes(32), rowBytes(pair.gguf, 32));
      for (int64_t n : {32, 96, 1536}) {
        const std::vector<uint8_t> row = randomRow(pair.gguf, n, rng);
        const std::vector<float> x = randomActivations(n, rng);
        const float got = kernelsOf(*f, fmt).dot(row.data(), x.data(), n);
        const float want = f->dot[int(pair.gguf)](row.data(), x.data(), n);
        ASSERT_EQ(bitsOf(got), bitsOf(want))
            << f->name << " " << pair.group << " n=" << n;
      }
    }
  }
}

} // namespace
