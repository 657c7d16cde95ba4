//===- WeightFormatsTestUtil.h - weights of every GPU format, and a decoder -*- C++ -*-===//
//
// Header-only helpers of the GEMV and embedding tests: random weights in
// each format the schedules read, and a scalar decoder written from GGML's
// reference loops (ggml-quants.c dequantize_row_*; gguf-py's quants.py
// agrees), independent of the schedules' group-at-a-time decomposition.
// Products that a compiler could contract go through volatile so that the
// decoder rounds as the schedules' separate multiply and add do.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TEST_GPU_WEIGHTFORMATSTESTUTIL_H
#define SINKC_TEST_GPU_WEIGHTFORMATSTESTUTIL_H

#include "GemvSchedule.h"
#include "GpuTestUtil.h"

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace sinkc::gpu::testing {

/// A random rows x cols weight in `format`: f32 values in [-1, 1], f16 and
/// bf16 the same values rounded; blocked formats random bytes everywhere
/// (every code, every q5 high bit, every K-quant scale byte) with their
/// f16 fields of both signs over 20 binades.
inline std::vector<uint8_t> randomWeight(GemvFormat format, int64_t rows, int64_t cols,
                                         std::mt19937 &rng) {
  std::vector<uint8_t> w(size_t(weightBytes(format, rows, cols)));
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::uniform_int_distribution<int> byte(0, 255), exponent(1, 20);
  auto half = [&] {
    return uint16_t((byte(rng) & 1) << 15 | exponent(rng) << 10 | (byte(rng) << 2 & 1023));
  };
  auto putHalf = [&](size_t at) {
    uint16_t h = half();
    std::memcpy(&w[at], &h, 2);
  };
  switch (format) {
  case GemvFormat::F32:
    for (size_t at = 0; at < w.size(); at += 4) {
      float v = uni(rng);
      std::memcpy(&w[at], &v, 4);
    }
    return w;
  case GemvFormat::F16:
    for (size_t at = 0; at < w.size(); at += 2) {
      uint16_t h = toHalf(uni(rng));
      std::memcpy(&w[at], &h, 2);
    }
    return w;
  case GemvFormat::BF16:
    for (size_t at = 0; at < w.size(); at += 2) {
      float v = uni(rng);
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      uint16_t top = uint16_t(bits >> 16);
      std::memcpy(&w[at], &top, 2);
    }
    return w;
  default:
    break;
  }
  for (uint8_t &b : w)
    b = uint8_t(byte(rng));
  const size_t bytes = size_t(gemvBlockBytes(format));
  for (size_t at = 0; at < w.size(); at += bytes) {
    switch (format) {
    case GemvFormat::Q4_1:
    case GemvFormat::Q5_1:
    case GemvFormat::Q4_K: // d, m / dmin
      putHalf(at);
      putHalf(at + 2);
      break;
    case GemvFormat::Q6_K: // d last
      putHalf(at + 208);
      break;
    default:
      putHalf(at);
    }
  }
  return w;
}

namespace detail {

inline float halfAt(const uint8_t *p) {
  uint16_t h;
  std::memcpy(&h, p, 2);
  return fromHalf(h);
}

/// q * d + m as two roundings.
inline float mulAdd(float q, float d, float m) {
  volatile float scaled = q * d;
  return scaled + m;
}

inline void scaleMinK4(int j, const uint8_t *q, uint8_t &d, uint8_t &m) {
  if (j < 4) {
    d = q[j] & 63;
    m = q[j + 4] & 63;
  } else {
    d = uint8_t((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4));
    m = uint8_t((q[j + 4] >> 4) | ((q[j - 0] >> 6) << 4));
  }
}

/// One block of `format` to its values (ggml's loops).
inline void decodeBlock(GemvFormat format, const uint8_t *x, float *y) {
  switch (format) {
  case GemvFormat::Q8_0: {
    const float d = halfAt(x);
    for (int j = 0; j < 32; ++j)
      y[j] = float(int8_t(x[2 + j])) * d;
    return;
  }
  case GemvFormat::Q4_0: {
    const float d = halfAt(x);
    for (int j = 0; j < 16; ++j) {
      y[j] = float((x[2 + j] & 0x0F) - 8) * d;
      y[j + 16] = float((x[2 + j] >> 4) - 8) * d;
    }
    return;
  }
  case GemvFormat::Q4_1: {
    const float d = halfAt(x), m = halfAt(x + 2);
    for (int j = 0; j < 16; ++j) {
      y[j] = mulAdd(float(x[4 + j] & 0x0F), d, m);
      y[j + 16] = mulAdd(float(x[4 + j] >> 4), d, m);
    }
    return;
  }
  case GemvFormat::Q5_0:
  case GemvFormat::Q5_1: {
    const bool q51 = format == GemvFormat::Q5_1;
    const float d = halfAt(x), m = q51 ? halfAt(x + 2) : 0.0f;
    uint32_t qh;
    std::memcpy(&qh, x + (q51 ? 4 : 2), 4);
    const uint8_t *qs = x + (q51 ? 8 : 6);
    for (int j = 0; j < 16; ++j) {
      const uint8_t xh0 = uint8_t(((qh >> (j + 0)) << 4) & 0x10);
      const uint8_t xh1 = uint8_t((qh >> (j + 12)) & 0x10);
      const int x0 = (qs[j] & 0x0F) | xh0, x1 = (qs[j] >> 4) | xh1;
      y[j] = q51 ? mulAdd(float(x0), d, m) : float(x0 - 16) * d;
      y[j + 16] = q51 ? mulAdd(float(x1), d, m) : float(x1 - 16) * d;
    }
    return;
  }
  case GemvFormat::Q4_K: {
    const float d = halfAt(x), min = halfAt(x + 2);
    const uint8_t *scales = x + 4, *q = x + 16;
    int is = 0;
    for (int j = 0; j < 256; j += 64) {
      uint8_t sc, m;
      scaleMinK4(is + 0, scales, sc, m);
      const float d1 = d * float(sc), m1 = min * float(m);
      scaleMinK4(is + 1, scales, sc, m);
      const float d2 = d * float(sc), m2 = min * float(m);
      for (int l = 0; l < 32; ++l) {
        volatile float a = d1 * float(q[l] & 0xF);
        y[j + l] = a - m1;
      }
      for (int l = 0; l < 32; ++l) {
        volatile float a = d2 * float(q[l] >> 4);
        y[j + 32 + l] = a - m2;
      }
      q += 32;
      is += 2;
    }
    return;
  }
  case GemvFormat::Q6_K: {
    const float d = halfAt(x + 208);
    const uint8_t *ql = x, *qh = x + 128;
    const int8_t *sc = reinterpret_cast<const int8_t *>(x + 192);
    for (int n = 0; n < 256; n += 128) {
      for (int l = 0; l < 32; ++l) {
        const int is = l / 16;
        const int q1 = int8_t((ql[l + 0] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
        const int q2 = int8_t((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
        const int q3 = int8_t((ql[l + 0] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
        const int q4 = int8_t((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
        y[n + l + 0] = d * float(sc[is + 0]) * float(q1);
        y[n + l + 32] = d * float(sc[is + 2]) * float(q2);
        y[n + l + 64] = d * float(sc[is + 4]) * float(q3);
        y[n + l + 96] = d * float(sc[is + 6]) * float(q4);
      }
      ql += 64;
      qh += 32;
      sc += 8;
    }
    return;
  }
  default:
    return;
  }
}

} // namespace detail

/// Row `row` of a weight of `cols` columns in `format`, decoded.
inline std::vector<float> decodeRow(GemvFormat format, const std::vector<uint8_t> &w,
                                    int64_t cols, int64_t row) {
  std::vector<float> y(static_cast<size_t>(cols));
  const int64_t blockValues = gemvBlockValues(format);
  const uint8_t *base = &w[size_t(row * (cols / blockValues) * gemvBlockBytes(format))];
  for (int64_t k = 0; k < cols; k += blockValues) {
    const uint8_t *x = base + (k / blockValues) * gemvBlockBytes(format);
    switch (format) {
    case GemvFormat::F32:
      std::memcpy(&y[size_t(k)], x, 4);
      break;
    case GemvFormat::F16:
      y[size_t(k)] = detail::halfAt(x);
      break;
    case GemvFormat::BF16: {
      uint16_t top;
      std::memcpy(&top, x, 2);
      uint32_t bits = uint32_t(top) << 16;
      std::memcpy(&y[size_t(k)], &bits, 4);
      break;
    }
    default:
      detail::decodeBlock(format, x, &y[size_t(k)]);
    }
  }
  return y;
}

} // namespace sinkc::gpu::testing

#endif // SINKC_TEST_GPU_WEIGHTFORMATSTESTUTIL_H
