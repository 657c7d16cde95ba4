//===- UkernelTestUtil.cpp - Shared helpers of the microkernel tests ------===//

#include "UkernelTestUtil.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

// Flavours other than the host's carry a symbol prefix (see
// lowering/ukernels/CMakeLists.txt).
#define UK_DECLARE_DOT(P, F, T)                                                \
  float P##sinkc_uk_dot_##F(const T *, const float *, int64_t);
#define UK_DECLARE_REST(P, F)                                                  \
  void P##sinkc_uk_gemv_##F(const void *, int64_t, const float *, float *,     \
                            int64_t, int64_t);                                 \
  void P##sinkc_uk_gemm_##F(const void *, int64_t, const float *, int64_t,     \
                            float *, int64_t, int64_t, int64_t, int64_t);      \
  void P##sinkc_uk_embedding_##F(const void *, int64_t, int64_t,               \
                                 const int32_t *, int64_t, float *, int64_t);
#define UK_DECLARE_FMT(P, F, T) UK_DECLARE_DOT(P, F, T) UK_DECLARE_REST(P, F)
#define UK_DECLARE(P)                                                          \
  extern "C" {                                                                 \
  UK_DECLARE_FMT(P, f32, float)                                                \
  UK_DECLARE_FMT(P, f16, uint16_t)                                             \
  UK_DECLARE_FMT(P, q8_0, void)                                                \
  UK_DECLARE_FMT(P, q4_1, void)                                                \
  UK_DECLARE_FMT(P, bf16, void)                                                \
  UK_DECLARE_FMT(P, q4_0, void)                                                \
  UK_DECLARE_FMT(P, q5_0, void)                                                \
  UK_DECLARE_FMT(P, q5_1, void)                                                \
  UK_DECLARE_FMT(P, q4_k, void)                                                \
  UK_DECLARE_FMT(P, q6_k, void)                                                \
  }

UK_DECLARE(vnni_)
UK_DECLARE(v3_)
UK_DECLARE(x86_64_)

// In Fmt order.
#define UK_FNS(P, K)                                                           \
  P##sinkc_uk_##K##_q8_0, P##sinkc_uk_##K##_q4_1, P##sinkc_uk_##K##_bf16,      \
      P##sinkc_uk_##K##_q4_0, P##sinkc_uk_##K##_q5_0, P##sinkc_uk_##K##_q5_1,  \
      P##sinkc_uk_##K##_q4_k, P##sinkc_uk_##K##_q6_k

#define UK_FLAVOR(NAME, FMA, P)                                                \
  Flavor {                                                                     \
    NAME, FMA,                                                                 \
        {[](const void *w, const float *x, int64_t n) {                        \
           return P##sinkc_uk_dot_f32(static_cast<const float *>(w), x, n);    \
         },                                                                    \
         [](const void *w, const float *x, int64_t n) {                        \
           return P##sinkc_uk_dot_f16(static_cast<const uint16_t *>(w), x, n); \
         },                                                                    \
         UK_FNS(P, dot)},                                                      \
        {P##sinkc_uk_gemv_f32, P##sinkc_uk_gemv_f16, UK_FNS(P, gemv)},         \
        {P##sinkc_uk_gemm_f32, P##sinkc_uk_gemm_f16, UK_FNS(P, gemm)},         \
        {P##sinkc_uk_embedding_f32, P##sinkc_uk_embedding_f16,                 \
         UK_FNS(P, embedding)},                                                \
  }

namespace sinkc::uktest {

const char *fmtName(Fmt fmt) {
  static const char *names[] = {"f32",  "f16",  "q8_0", "q4_1", "bf16",
                                "q4_0", "q5_0", "q5_1", "q4_k", "q6_k"};
  return names[int(fmt)];
}

int64_t rowBytes(Fmt fmt, int64_t cols) {
  switch (fmt) {
  case Fmt::F32: return cols * 4;
  case Fmt::F16:
  case Fmt::BF16: return cols * 2;
  case Fmt::Q8_0: return cols / 32 * SINKC_UK_Q8_0_BLOCK_BYTES;
  case Fmt::Q4_1: return cols / 32 * SINKC_UK_Q4_1_BLOCK_BYTES;
  case Fmt::Q4_0: return cols / 32 * SINKC_UK_Q4_0_BLOCK_BYTES;
  case Fmt::Q5_0: return cols / 32 * SINKC_UK_Q5_0_BLOCK_BYTES;
  case Fmt::Q5_1: return cols / 32 * SINKC_UK_Q5_1_BLOCK_BYTES;
  case Fmt::Q4_K: return cols / 256 * SINKC_UK_Q4_K_BLOCK_BYTES;
  case Fmt::Q6_K: return cols / 256 * SINKC_UK_Q6_K_BLOCK_BYTES;
  }
  std::abort();
}

int64_t blockValues(Fmt fmt) {
  switch (fmt) {
  case Fmt::F32:
  case Fmt::F16:
  case Fmt::BF16: return 1;
  case Fmt::Q4_K:
  case Fmt::Q6_K: return SINKC_UK_QK_K;
  default: return SINKC_UK_QK;
  }
}

const std::vector<const Flavor *> &flavors() {
  static const Flavor v4 = UK_FLAVOR("v4", true, );
  static const Flavor vnni = UK_FLAVOR("v4_vnni", true, vnni_);
  static const Flavor v3 = UK_FLAVOR("v3", true, v3_);
  static const Flavor base = UK_FLAVOR("x86_64", false, x86_64_);
  static const std::vector<const Flavor *> all = [] {
    std::vector<const Flavor *> list;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl")) {
      list.push_back(&v4);
      if (__builtin_cpu_supports("avx512vnni"))
        list.push_back(&vnni);
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
      list.push_back(&v3);
    list.push_back(&base);
    return list;
  }();
  return all;
}

const Flavor &flavorNamed(const std::string &name) {
  for (const Flavor *f : flavors())
    if (name == f->name)
      return *f;
  std::abort();
}

namespace {

void putU16(uint8_t *p, uint16_t v) { std::memcpy(p, &v, 2); }

/// A finite half from one of four magnitude ranges, either sign.
uint16_t randomScale(std::mt19937 &rng) {
  static const int lo[] = {0, 1, 11, 25}, hi[] = {0, 10, 18, 30};
  const int range = rng() % 4;
  const uint16_t exp = lo[range] + rng() % (hi[range] - lo[range] + 1);
  uint16_t mant = rng() & 0x3ff;
  if (exp == 0 && mant == 0)
    mant = 1;
  return uint16_t((rng() & 1) << 15 | exp << 10 | mant);
}

/// Half scales at the ends of the range: +-65504, +-2^-24, +-0.
uint16_t extremeScale(std::mt19937 &rng) {
  static const uint16_t halves[] = {0x7bff, 0xfbff, 0x0001,
                                    0x8001, 0x0000, 0x8000};
  return halves[rng() % 6];
}

/// Offsets of the f16 scales in a block (super-block) of an issue #5 format.
std::vector<int> scaleOffsets(Fmt fmt) {
  switch (fmt) {
  case Fmt::Q4_0:
  case Fmt::Q5_0: return {0};
  case Fmt::Q5_1:
  case Fmt::Q4_K: return {0, 2};
  case Fmt::Q6_K: return {208};
  default: std::abort();
  }
}

/// A row of the quantized issue #5 formats: random bytes with random half
/// scales; one block in 8 all zeros, one in 8 with extreme scales.
std::vector<uint8_t> randomNewBlocks(Fmt fmt, int64_t cols, std::mt19937 &rng) {
  std::vector<uint8_t> row(rowBytes(fmt, cols));
  const int64_t values = blockValues(fmt), bytes = rowBytes(fmt, values);
  for (int64_t b = 0; b < cols / values; ++b) {
    uint8_t *p = &row[b * bytes];
    for (int64_t i = 0; i < bytes; ++i)
      p[i] = rng() & 0xff;
    const unsigned kind = rng() % 8;
    if (kind == 0) {
      std::memset(p, 0, bytes);
      continue;
    }
    for (int off : scaleOffsets(fmt))
      putU16(p + off, kind == 1 ? extremeScale(rng) : randomScale(rng));
  }
  return row;
}

} // namespace

std::vector<uint8_t> randomRow(Fmt fmt, int64_t cols, std::mt19937 &rng) {
  std::vector<uint8_t> row(rowBytes(fmt, cols));
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  switch (fmt) {
  case Fmt::F32:
    for (int64_t i = 0; i < cols; ++i) {
      const float v = std::ldexp(unit(rng), int(rng() % 41) - 20);
      std::memcpy(&row[4 * i], &v, 4);
    }
    break;
  case Fmt::F16: // any finite half, subnormals included
    for (int64_t i = 0; i < cols; ++i) {
      uint16_t h = rng() & 0xffff;
      if (((h >> 10) & 0x1f) == 0x1f)
        h &= 0xbfff;
      putU16(&row[2 * i], h);
    }
    break;
  case Fmt::Q8_0:
  case Fmt::Q4_1: {
    const int64_t bytes = rowBytes(fmt, 32);
    const int scales = fmt == Fmt::Q4_1 ? 2 : 1;
    for (int64_t b = 0; b < cols / 32; ++b) {
      uint8_t *p = &row[b * bytes];
      for (int s = 0; s < scales; ++s)
        putU16(p + 2 * s, randomScale(rng));
      for (int64_t i = 2 * scales; i < bytes; ++i)
        p[i] = rng() & 0xff;
    }
    break;
  }
  case Fmt::BF16: // finite, exponents -133 (subnormal) .. 100
    for (int64_t i = 0; i < cols; ++i) {
      const uint16_t exp = rng() % 228, mant = rng() & 0x7f;
      putU16(&row[2 * i], uint16_t((rng() & 1) << 15 | exp << 7 | mant));
    }
    break;
  case Fmt::Q4_0:
  case Fmt::Q5_0:
  case Fmt::Q5_1:
  case Fmt::Q4_K:
  case Fmt::Q6_K: return randomNewBlocks(fmt, cols, rng);
  }
  return row;
}

std::vector<float> randomActivations(int64_t n, std::mt19937 &rng) {
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  std::vector<float> x(n);
  for (float &v : x)
    v = std::ldexp(unit(rng), int(rng() % 17) - 8);
  return x;
}

std::vector<float> stridedActivations(int64_t cols, int64_t tokens, int64_t stride,
                                      std::mt19937 &rng) {
  std::vector<float> x(size_t(stride * tokens), 1e30f);
  for (int64_t t = 0; t < tokens; ++t) {
    const std::vector<float> xt = randomActivations(cols, rng);
    std::copy(xt.begin(), xt.end(), x.begin() + t * stride);
  }
  return x;
}

::testing::AssertionResult gemmMatches(const std::vector<float> &y, int64_t yStride,
                                       int64_t rows, int64_t tokens,
                                       const std::function<float(int64_t r, int64_t t)> &want) {
  auto bits = [](float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
  };
  for (int64_t t = 0; t < tokens; ++t)
    for (int64_t r = 0; r < yStride; ++r) {
      const float got = y[size_t(t * yStride + r)];
      if (r >= rows) {
        if (got != -7.0f)
          return ::testing::AssertionFailure() << "wrote padding t=" << t << " r=" << r;
        continue;
      }
      const float expected = want(r, t);
      if (bits(got) != bits(expected))
        return ::testing::AssertionFailure()
               << "t=" << t << " r=" << r << ": " << got << " vs " << expected;
    }
  return ::testing::AssertionSuccess();
}

double referenceDot(Fmt fmt, const uint8_t *row, const float *x, int64_t n) {
  switch (fmt) {
  case Fmt::F32: return sinkc_ukref_dot_f32((const float *)row, x, n);
  case Fmt::F16: return sinkc_ukref_dot_f16((const uint16_t *)row, x, n);
  case Fmt::Q8_0: return sinkc_ukref_dot_q8_0(row, x, n);
  case Fmt::Q4_1: return sinkc_ukref_dot_q4_1(row, x, n);
  case Fmt::BF16: return sinkc_ukref_dot_bf16(row, x, n);
  case Fmt::Q4_0: return sinkc_ukref_dot_q4_0(row, x, n);
  case Fmt::Q5_0: return sinkc_ukref_dot_q5_0(row, x, n);
  case Fmt::Q5_1: return sinkc_ukref_dot_q5_1(row, x, n);
  case Fmt::Q4_K: return sinkc_ukref_dot_q4_k(row, x, n);
  case Fmt::Q6_K: return sinkc_ukref_dot_q6_k(row, x, n);
  }
  std::abort();
}

std::vector<float> referenceDequant(Fmt fmt, const uint8_t *row, int64_t n) {
  std::vector<float> out(n);
  switch (fmt) {
  case Fmt::F32: std::memcpy(out.data(), row, n * 4); break;
  case Fmt::F16:
    sinkc_ukref_dequant_f16((const uint16_t *)row, out.data(), n);
    break;
  case Fmt::Q8_0: sinkc_ukref_dequant_q8_0(row, out.data(), n); break;
  case Fmt::Q4_1: sinkc_ukref_dequant_q4_1(row, out.data(), n); break;
  case Fmt::BF16:
    for (int64_t i = 0; i < n; ++i) {
      uint16_t h;
      std::memcpy(&h, row + 2 * i, 2);
      sinkc_ukref_dequant_bf16(&h, &out[i], 1);
    }
    break;
  case Fmt::Q4_0: sinkc_ukref_dequant_q4_0(row, out.data(), n); break;
  case Fmt::Q5_0: sinkc_ukref_dequant_q5_0(row, out.data(), n); break;
  case Fmt::Q5_1: sinkc_ukref_dequant_q5_1(row, out.data(), n); break;
  case Fmt::Q4_K: sinkc_ukref_dequant_q4_k(row, out.data(), n); break;
  case Fmt::Q6_K: sinkc_ukref_dequant_q6_k(row, out.data(), n); break;
  }
  return out;
}

namespace {

/// |q_i d_i| + |m_i| of the formats with an offset (q5_1, q4_K): the row
/// dequantized once with the offsets' scale zeroed (q * d alone, exact) and
/// once with d zeroed (the offset alone, exact).
std::vector<double> offsetMagnitudes(Fmt fmt, const uint8_t *row, int64_t n) {
  const int64_t values = blockValues(fmt), bytes = rowBytes(fmt, values);
  const int64_t total = n / values * bytes;
  std::vector<uint8_t> noOffset(row, row + total), noScale(row, row + total);
  for (int64_t b = 0; b < n / values; ++b) {
    putU16(&noOffset[b * bytes + 2], 0);
    putU16(&noScale[b * bytes], 0);
  }
  const std::vector<float> a = referenceDequant(fmt, noOffset.data(), n);
  const std::vector<float> m = referenceDequant(fmt, noScale.data(), n);
  std::vector<double> mag(n);
  for (int64_t i = 0; i < n; ++i)
    mag[i] = std::fabs(double(a[i])) + std::fabs(double(m[i]));
  return mag;
}

} // namespace

double errorBound(Fmt fmt, const uint8_t *row, const float *x, int64_t n) {
  const std::vector<float> w = referenceDequant(fmt, row, n);
  const std::vector<double> offsets =
      fmt == Fmt::Q5_1 || fmt == Fmt::Q4_K ? offsetMagnitudes(fmt, row, n)
                                           : std::vector<double>();
  double mag = 0;
  for (int64_t i = 0; i < n; ++i) {
    double m = offsets.empty() ? std::fabs(double(w[i])) : offsets[i];
    if (fmt == Fmt::Q4_1) {
      const uint8_t *b = row + i / 32 * SINKC_UK_Q4_1_BLOCK_BYTES;
      uint16_t d, mn;
      std::memcpy(&d, b, 2);
      std::memcpy(&mn, b + 2, 2);
      const int j = i % 32;
      const int q = j < 16 ? b[4 + j] & 0x0f : b[4 + j - 16] >> 4;
      m = std::fabs(q * double(sinkc_ukref_half_to_float(d))) +
          std::fabs(double(sinkc_ukref_half_to_float(mn)));
    }
    mag += m * std::fabs(double(x[i]));
  }
  const double blocks = double((n + 31) / 32);
  return (2 * blocks + 8) * std::ldexp(1.0, -24) * mag;
}

} // namespace sinkc::uktest
