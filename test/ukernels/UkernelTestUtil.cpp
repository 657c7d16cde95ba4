//===- UkernelTestUtil.cpp - Shared helpers of the microkernel tests ------===//

#include "UkernelTestUtil.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

// Flavours other than the host's carry a symbol prefix (see
// lowering/ukernels/CMakeLists.txt).
#define UK_DECLARE(P)                                                          \
  extern "C" {                                                                 \
  float P##sinkc_uk_dot_f32(const float *, const float *, int64_t);            \
  float P##sinkc_uk_dot_f16(const uint16_t *, const float *, int64_t);         \
  float P##sinkc_uk_dot_q8_0(const void *, const float *, int64_t);            \
  float P##sinkc_uk_dot_q4_1(const void *, const float *, int64_t);            \
  void P##sinkc_uk_gemv_f32(const void *, int64_t, const float *, float *,     \
                            int64_t, int64_t);                                 \
  void P##sinkc_uk_gemv_f16(const void *, int64_t, const float *, float *,     \
                            int64_t, int64_t);                                 \
  void P##sinkc_uk_gemv_q8_0(const void *, int64_t, const float *, float *,    \
                             int64_t, int64_t);                                \
  void P##sinkc_uk_gemv_q4_1(const void *, int64_t, const float *, float *,    \
                             int64_t, int64_t);                                \
  void P##sinkc_uk_gemm_f32(const void *, int64_t, const float *, int64_t,     \
                            float *, int64_t, int64_t, int64_t, int64_t);      \
  void P##sinkc_uk_gemm_f16(const void *, int64_t, const float *, int64_t,     \
                            float *, int64_t, int64_t, int64_t, int64_t);      \
  void P##sinkc_uk_gemm_q8_0(const void *, int64_t, const float *, int64_t,    \
                             float *, int64_t, int64_t, int64_t, int64_t);     \
  void P##sinkc_uk_gemm_q4_1(const void *, int64_t, const float *, int64_t,    \
                             float *, int64_t, int64_t, int64_t, int64_t);     \
  }

UK_DECLARE(v3_)
UK_DECLARE(x86_64_)

#define UK_FLAVOR(NAME, FMA, P)                                                \
  Flavor {                                                                     \
    NAME, FMA,                                                                 \
        {[](const void *w, const float *x, int64_t n) {                        \
           return P##sinkc_uk_dot_f32(static_cast<const float *>(w), x, n);    \
         },                                                                    \
         [](const void *w, const float *x, int64_t n) {                        \
           return P##sinkc_uk_dot_f16(static_cast<const uint16_t *>(w), x, n); \
         },                                                                    \
         P##sinkc_uk_dot_q8_0, P##sinkc_uk_dot_q4_1},                          \
        {P##sinkc_uk_gemv_f32, P##sinkc_uk_gemv_f16, P##sinkc_uk_gemv_q8_0,    \
         P##sinkc_uk_gemv_q4_1},                                               \
        {P##sinkc_uk_gemm_f32, P##sinkc_uk_gemm_f16, P##sinkc_uk_gemm_q8_0,    \
         P##sinkc_uk_gemm_q4_1},                                               \
  }

namespace sinkc::uktest {

const char *fmtName(Fmt fmt) {
  static const char *names[] = {"f32", "f16", "q8_0", "q4_1"};
  return names[int(fmt)];
}

int64_t rowBytes(Fmt fmt, int64_t cols) {
  switch (fmt) {
  case Fmt::F32: return cols * 4;
  case Fmt::F16: return cols * 2;
  case Fmt::Q8_0: return cols / 32 * SINKC_UK_Q8_0_BLOCK_BYTES;
  case Fmt::Q4_1: return cols / 32 * SINKC_UK_Q4_1_BLOCK_BYTES;
  }
  std::abort();
}

const std::vector<const Flavor *> &flavors() {
  static const Flavor v4 = UK_FLAVOR("v4", true, );
  static const Flavor v3 = UK_FLAVOR("v3", true, v3_);
  static const Flavor base = UK_FLAVOR("x86_64", false, x86_64_);
  static const std::vector<const Flavor *> all = [] {
    std::vector<const Flavor *> list;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl"))
      list.push_back(&v4);
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

double referenceDot(Fmt fmt, const uint8_t *row, const float *x, int64_t n) {
  switch (fmt) {
  case Fmt::F32: return sinkc_ukref_dot_f32((const float *)row, x, n);
  case Fmt::F16: return sinkc_ukref_dot_f16((const uint16_t *)row, x, n);
  case Fmt::Q8_0: return sinkc_ukref_dot_q8_0(row, x, n);
  case Fmt::Q4_1: return sinkc_ukref_dot_q4_1(row, x, n);
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
  }
  return out;
}

double errorBound(Fmt fmt, const uint8_t *row, const float *x, int64_t n) {
  const std::vector<float> w = referenceDequant(fmt, row, n);
  double mag = 0;
  for (int64_t i = 0; i < n; ++i) {
    double m = std::fabs(double(w[i]));
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
