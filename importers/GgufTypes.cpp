//===- GgufTypes.cpp - GGUF tensor types and dequantization ---------------===//
//
// Plain C++ (no LLVM): the runtime and the fuzzers reuse it. The block
// layouts and dequantization formulas follow llama.cpp's ggml-common.h and
// ggml-quants.c; the arithmetic is written in the same order so results are
// bit-identical to ggml's (and to the `gguf` Python package's) reference code.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/GgufTypes.h"

#include <cstring>

// Bit-exactness needs every multiply and add rounded separately: no fused
// multiply-add, even where a build targets FMA hardware.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace sinkc::gguf {
namespace {

constexpr int64_t QK = 32;   // values per block of the q4_0 .. q8_0 formats
constexpr int64_t QK_K = 256; // values per K-quant super-block

const TypeTraits kTraits[] = {
    {TensorType::F32, "f32", 1, 4, false},
    {TensorType::F16, "f16", 1, 2, false},
    {TensorType::BF16, "bf16", 1, 2, false},
    {TensorType::Q4_0, "q4_0", QK, 2 + QK / 2, true},
    {TensorType::Q4_1, "q4_1", QK, 4 + QK / 2, true},
    {TensorType::Q5_0, "q5_0", QK, 2 + 4 + QK / 2, true},
    {TensorType::Q5_1, "q5_1", QK, 4 + 4 + QK / 2, true},
    {TensorType::Q8_0, "q8_0", QK, 2 + QK, true},
    {TensorType::Q4_K, "q4_k", QK_K, 4 + 12 + QK_K / 2, true},
    {TensorType::Q6_K, "q6_k", QK_K, QK_K / 2 + QK_K / 4 + QK_K / 16 + 2, true},
};

static_assert(sizeof(float) == 4, "f32 is 4 bytes");

uint16_t readU16(const uint8_t *p) { return uint16_t(p[0] | (p[1] << 8)); }
uint32_t readU32(const uint8_t *p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) |
         (uint32_t(p[3]) << 24);
}

float bitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

/// IEEE half -> single, exact for every input (subnormals, inf, NaN payloads).
float halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  if (exp == 0x1f) // inf / NaN: keep the payload
    return bitsToFloat(sign | 0x7f800000 | (mant << 13));
  if (exp != 0)
    return bitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  if (mant == 0)
    return bitsToFloat(sign);
  // Subnormal half: normalize (the value is mant * 2^-24).
  int e = -1;
  do {
    ++e;
    mant <<= 1;
  } while ((mant & 0x400) == 0);
  mant &= 0x3ff;
  return bitsToFloat(sign | (uint32_t(112 - e) << 23) | (mant << 13));
}

float half(const uint8_t *p) { return halfToFloat(readU16(p)); }

void dequantQ4_0(const uint8_t *b, float *y) {
  const float d = half(b);
  const uint8_t *qs = b + 2;
  for (int j = 0; j < QK / 2; ++j) {
    const int x0 = (qs[j] & 0x0f) - 8;
    const int x1 = (qs[j] >> 4) - 8;
    y[j] = x0 * d;
    y[j + QK / 2] = x1 * d;
  }
}

void dequantQ4_1(const uint8_t *b, float *y) {
  const float d = half(b), m = half(b + 2);
  const uint8_t *qs = b + 4;
  for (int j = 0; j < QK / 2; ++j) {
    const float p0 = (qs[j] & 0x0f) * d;
    const float p1 = (qs[j] >> 4) * d;
    y[j] = p0 + m;
    y[j + QK / 2] = p1 + m;
  }
}

void dequantQ5_0(const uint8_t *b, float *y) {
  const float d = half(b);
  const uint32_t qh = readU32(b + 2);
  const uint8_t *qs = b + 6;
  for (int j = 0; j < QK / 2; ++j) {
    const uint8_t xh0 = ((qh >> j) << 4) & 0x10;
    const uint8_t xh1 = (qh >> (j + 12)) & 0x10;
    const int x0 = ((qs[j] & 0x0f) | xh0) - 16;
    const int x1 = ((qs[j] >> 4) | xh1) - 16;
    y[j] = x0 * d;
    y[j + QK / 2] = x1 * d;
  }
}

void dequantQ5_1(const uint8_t *b, float *y) {
  const float d = half(b), m = half(b + 2);
  const uint32_t qh = readU32(b + 4);
  const uint8_t *qs = b + 8;
  for (int j = 0; j < QK / 2; ++j) {
    const uint8_t xh0 = ((qh >> j) << 4) & 0x10;
    const uint8_t xh1 = (qh >> (j + 12)) & 0x10;
    const float p0 = ((qs[j] & 0x0f) | xh0) * d;
    const float p1 = ((qs[j] >> 4) | xh1) * d;
    y[j] = p0 + m;
    y[j + QK / 2] = p1 + m;
  }
}

void dequantQ8_0(const uint8_t *b, float *y) {
  const float d = half(b);
  for (int j = 0; j < QK; ++j)
    y[j] = int8_t(b[2 + j]) * d;
}

/// The 6-bit scale and min of sub-block `j` (0..7) of a q4_K super-block:
/// 8 scales and 8 mins packed into 12 bytes (ggml's get_scale_min_k4).
void scaleMinK4(int j, const uint8_t *q, uint8_t &sc, uint8_t &m) {
  if (j < 4) {
    sc = q[j] & 63;
    m = q[j + 4] & 63;
  } else {
    sc = (q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4);
    m = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
  }
}

void dequantQ4_K(const uint8_t *b, float *y) {
  const float d = half(b), dmin = half(b + 2);
  const uint8_t *scales = b + 4;
  const uint8_t *q = b + 16;
  int is = 0;
  for (int j = 0; j < QK_K; j += 64) {
    uint8_t sc, m;
    scaleMinK4(is, scales, sc, m);
    const float d1 = d * sc, m1 = dmin * m;
    scaleMinK4(is + 1, scales, sc, m);
    const float d2 = d * sc, m2 = dmin * m;
    for (int l = 0; l < 32; ++l) {
      const float p = d1 * (q[l] & 0x0f);
      *y++ = p - m1;
    }
    for (int l = 0; l < 32; ++l) {
      const float p = d2 * (q[l] >> 4);
      *y++ = p - m2;
    }
    q += 32;
    is += 2;
  }
}

void dequantQ6_K(const uint8_t *b, float *y) {
  const uint8_t *ql = b;
  const uint8_t *qh = b + QK_K / 2;
  const int8_t *sc = reinterpret_cast<const int8_t *>(b + QK_K / 2 + QK_K / 4);
  const float d = half(b + QK_K / 2 + QK_K / 4 + QK_K / 16);
  for (int n = 0; n < QK_K; n += 128) {
    for (int l = 0; l < 32; ++l) {
      const int is = l / 16;
      const int q1 = int((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
      const int q2 = int((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
      const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
      const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
      y[l] = d * sc[is] * q1;
      y[l + 32] = d * sc[is + 2] * q2;
      y[l + 64] = d * sc[is + 4] * q3;
      y[l + 96] = d * sc[is + 6] * q4;
    }
    y += 128;
    ql += 64;
    qh += 32;
    sc += 8;
  }
}

} // namespace

const TypeTraits *getTypeTraits(uint32_t typeId) {
  for (const TypeTraits &t : kTraits)
    if (uint32_t(t.type) == typeId)
      return &t;
  return nullptr;
}

const char *describeTypeId(uint32_t typeId) {
  // Every ggml_type id (ggml.h); the gaps are ids ggml has retired.
  static const char *const names[] = {
      "f32",     "f16",        "q4_0",       "q4_1",       "q4_2 (retired)",
      "q4_3 (retired)",        "q5_0",       "q5_1",       "q8_0",
      "q8_1",    "q2_k",       "q3_k",       "q4_k",       "q5_k",
      "q6_k",    "q8_k",       "iq2_xxs",    "iq2_xs",     "iq3_xxs",
      "iq1_s",   "iq4_nl",     "iq3_s",      "iq2_s",      "iq4_xs",
      "i8",      "i16",        "i32",        "i64",        "f64",
      "iq1_m",   "bf16",       "q4_0_4_4 (retired)", "q4_0_4_8 (retired)",
      "q4_0_8_8 (retired)",    "tq1_0",      "tq2_0",      "iq4_nl_4_4 (retired)",
      "iq4_nl_4_8 (retired)",  "iq4_nl_8_8 (retired)",   "mxfp4",
      "nvfp4",   "q1_0",
  };
  if (typeId < sizeof(names) / sizeof(names[0]))
    return names[typeId];
  // Unknown ids: a small ring of buffers so a few can appear in one message.
  static thread_local char buffers[4][24];
  static thread_local unsigned next = 0;
  char *buf = buffers[next++ % 4];
  // Manual formatting keeps this file free of <cstdio> locale concerns.
  char digits[12];
  int n = 0;
  uint32_t v = typeId;
  do {
    digits[n++] = char('0' + v % 10);
    v /= 10;
  } while (v);
  std::memcpy(buf, "type ", 5);
  for (int i = 0; i < n; ++i)
    buf[5 + i] = digits[n - 1 - i];
  buf[5 + n] = 0;
  return buf;
}

uint64_t storageBytes(const TypeTraits &type, uint64_t count) {
  const uint64_t bs = uint64_t(type.blockSize), bb = uint64_t(type.blockBytes);
  if (count % bs != 0)
    return 0;
  const uint64_t blocks = count / bs;
  if (blocks > UINT64_MAX / bb)
    return 0;
  return blocks * bb;
}

bool dequantize(const TypeTraits &type, const void *data, uint64_t bytes,
                float *out, uint64_t count) {
  if (count == 0)
    return bytes == 0;
  if (storageBytes(type, count) != bytes || bytes == 0)
    return false;
  const auto *src = static_cast<const uint8_t *>(data);
  switch (type.type) {
  case TensorType::F32:
    std::memcpy(out, src, bytes); // little-endian host, as the file
    return true;
  case TensorType::F16:
    for (uint64_t i = 0; i < count; ++i)
      out[i] = half(src + 2 * i);
    return true;
  case TensorType::BF16:
    for (uint64_t i = 0; i < count; ++i)
      out[i] = bitsToFloat(uint32_t(readU16(src + 2 * i)) << 16);
    return true;
  default:
    break;
  }
  void (*block)(const uint8_t *, float *) = nullptr;
  switch (type.type) {
  case TensorType::Q4_0: block = dequantQ4_0; break;
  case TensorType::Q4_1: block = dequantQ4_1; break;
  case TensorType::Q5_0: block = dequantQ5_0; break;
  case TensorType::Q5_1: block = dequantQ5_1; break;
  case TensorType::Q8_0: block = dequantQ8_0; break;
  case TensorType::Q4_K: block = dequantQ4_K; break;
  case TensorType::Q6_K: block = dequantQ6_K; break;
  default: return false;
  }
  const uint64_t blocks = count / uint64_t(type.blockSize);
  for (uint64_t i = 0; i < blocks; ++i)
    block(src + i * uint64_t(type.blockBytes), out + i * uint64_t(type.blockSize));
  return true;
}

} // namespace sinkc::gguf
