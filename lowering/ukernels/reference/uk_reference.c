/*===- uk_reference.c - Scalar references for the microkernels ----*- C -*-===//
 *
 * Compiled with -ffp-contract=off so that q4_1's `q * d + m` rounds twice,
 * as in ggml's dequantize_row_q4_1 (and q5_1's, q4_K's `d1 * q - m1`, and
 * the unfused group formats').
 *===----------------------------------------------------------------------===*/

#include "uk_reference.h"

#include <math.h>
#include <string.h>

enum { QK = 32, QK_K = 256 };

float sinkc_ukref_half_to_float(uint16_t h) {
  const uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, bits;
  if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else if (exp != 0) {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;
  } else { /* subnormal: shift the leading 1 into the implicit bit */
    exp = 113;
    while ((mant & 0x400) == 0) {
      mant <<= 1;
      --exp;
    }
    bits = sign | (exp << 23) | ((mant & 0x3ff) << 13);
  }
  float f;
  memcpy(&f, &bits, 4);
  return f;
}

static float half_at(const uint8_t *p) {
  uint16_t h;
  memcpy(&h, p, 2);
  return sinkc_ukref_half_to_float(h);
}

void sinkc_ukref_dequant_f16(const uint16_t *w, float *out, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    out[i] = sinkc_ukref_half_to_float(w[i]);
}

/* block_q8_0 { ggml_half d; int8_t qs[32]; } */
void sinkc_ukref_dequant_q8_0(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  for (int64_t i = 0; i < n / QK; ++i, b += 2 + QK) {
    const float d = half_at(b);
    for (int j = 0; j < QK; ++j)
      out[i * QK + j] = (float)(int8_t)b[2 + j] * d;
  }
}

/* block_q4_1 { ggml_half d; ggml_half m; uint8_t qs[16]; } */
void sinkc_ukref_dequant_q4_1(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  for (int64_t i = 0; i < n / QK; ++i, b += 4 + QK / 2) {
    const float d = half_at(b), m = half_at(b + 2);
    for (int j = 0; j < QK / 2; ++j) {
      const int x0 = b[4 + j] & 0x0f, x1 = b[4 + j] >> 4;
      out[i * QK + j] = x0 * d + m;
      out[i * QK + j + QK / 2] = x1 * d + m;
    }
  }
}

void sinkc_ukref_dequant_bf16(const uint16_t *w, float *out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t bits = (uint32_t)w[i] << 16;
    memcpy(&out[i], &bits, 4);
  }
}

static uint32_t u32_at(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

/* block_q4_0 { ggml_half d; uint8_t qs[16]; } */
void sinkc_ukref_dequant_q4_0(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  for (int64_t i = 0; i < n / QK; ++i, b += 2 + QK / 2) {
    const float d = half_at(b);
    for (int j = 0; j < QK / 2; ++j) {
      const int x0 = (b[2 + j] & 0x0f) - 8, x1 = (b[2 + j] >> 4) - 8;
      out[i * QK + j] = x0 * d;
      out[i * QK + j + QK / 2] = x1 * d;
    }
  }
}

/* block_q5_0 { ggml_half d; uint8_t qh[4]; uint8_t qs[16]; } */
void sinkc_ukref_dequant_q5_0(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  for (int64_t i = 0; i < n / QK; ++i, b += 6 + QK / 2) {
    const float d = half_at(b);
    const uint32_t qh = u32_at(b + 2);
    for (int j = 0; j < QK / 2; ++j) {
      const uint8_t xh0 = ((qh >> j) << 4) & 0x10;
      const uint8_t xh1 = (qh >> (j + 12)) & 0x10;
      const int x0 = ((b[6 + j] & 0x0f) | xh0) - 16;
      const int x1 = ((b[6 + j] >> 4) | xh1) - 16;
      out[i * QK + j] = x0 * d;
      out[i * QK + j + QK / 2] = x1 * d;
    }
  }
}

/* block_q5_1 { ggml_half d; ggml_half m; uint8_t qh[4]; uint8_t qs[16]; } */
void sinkc_ukref_dequant_q5_1(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  for (int64_t i = 0; i < n / QK; ++i, b += 8 + QK / 2) {
    const float d = half_at(b), m = half_at(b + 2);
    const uint32_t qh = u32_at(b + 4);
    for (int j = 0; j < QK / 2; ++j) {
      const uint8_t xh0 = ((qh >> j) << 4) & 0x10;
      const uint8_t xh1 = (qh >> (j + 12)) & 0x10;
      const int x0 = (b[8 + j] & 0x0f) | xh0, x1 = (b[8 + j] >> 4) | xh1;
      out[i * QK + j] = x0 * d + m;
      out[i * QK + j + QK / 2] = x1 * d + m;
    }
  }
}

/* ggml's get_scale_min_k4: 8 6-bit scales and mins in 12 bytes. */
static void scale_min_k4(int j, const uint8_t *q, uint8_t *d, uint8_t *m) {
  if (j < 4) {
    *d = q[j] & 63;
    *m = q[j + 4] & 63;
  } else {
    *d = (q[j + 4] & 0xf) | ((q[j - 4] >> 6) << 4);
    *m = (q[j + 4] >> 4) | ((q[j - 0] >> 6) << 4);
  }
}

/* block_q4_K { ggml_half d, dmin; uint8_t scales[12]; uint8_t qs[128]; } */
void sinkc_ukref_dequant_q4_k(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  float *y = out;
  for (int64_t i = 0; i < n / QK_K; ++i, b += 4 + 12 + QK_K / 2) {
    const float d = half_at(b), min = half_at(b + 2);
    const uint8_t *q = b + 16;
    int is = 0;
    uint8_t sc, m;
    for (int j = 0; j < QK_K; j += 64) {
      scale_min_k4(is + 0, b + 4, &sc, &m);
      const float d1 = d * sc, m1 = min * m;
      scale_min_k4(is + 1, b + 4, &sc, &m);
      const float d2 = d * sc, m2 = min * m;
      for (int l = 0; l < 32; ++l)
        *y++ = d1 * (q[l] & 0xf) - m1;
      for (int l = 0; l < 32; ++l)
        *y++ = d2 * (q[l] >> 4) - m2;
      q += 32;
      is += 2;
    }
  }
}

/* block_q6_K { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16];
 *              ggml_half d; } */
void sinkc_ukref_dequant_q6_k(const void *w, float *out, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  float *y = out;
  for (int64_t i = 0; i < n / QK_K; ++i, b += 210) {
    const float d = half_at(b + 208);
    const uint8_t *ql = b, *qh = b + 128;
    const int8_t *sc = (const int8_t *)(b + 192);
    for (int half = 0; half < 2; ++half) {
      for (int l = 0; l < 32; ++l) {
        const int is = l / 16, h = qh[l];
        const int q1 = ((ql[l + 0] & 0xf) | (((h >> 0) & 3) << 4)) - 32;
        const int q2 = ((ql[l + 32] & 0xf) | (((h >> 2) & 3) << 4)) - 32;
        const int q3 = ((ql[l + 0] >> 4) | (((h >> 4) & 3) << 4)) - 32;
        const int q4 = ((ql[l + 32] >> 4) | (((h >> 6) & 3) << 4)) - 32;
        y[l + 0] = d * sc[is + 0] * q1;
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
}

/* Row by row through `dequant`; the table is read with memcpy so that rows
 * need no alignment. */
static void embedding(void (*dequant)(const uint8_t *, float *, int64_t),
                      const void *table, int64_t row_bytes, int64_t rows,
                      const int32_t *ids, int64_t tokens, float *out,
                      int64_t cols) {
  for (int64_t t = 0; t < tokens; ++t) {
    float *dst = out + t * cols;
    if (ids[t] < 0 || ids[t] >= rows) {
      for (int64_t c = 0; c < cols; ++c)
        dst[c] = 0.0f;
      continue;
    }
    dequant((const uint8_t *)table + ids[t] * row_bytes, dst, cols);
  }
}

static void row_f32(const uint8_t *r, float *out, int64_t n) {
  memcpy(out, r, (size_t)n * 4);
}
static void row_f16(const uint8_t *r, float *out, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    out[i] = half_at(r + 2 * i);
}
static void row_bf16(const uint8_t *r, float *out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    uint16_t h;
    memcpy(&h, r + 2 * i, 2);
    sinkc_ukref_dequant_bf16(&h, &out[i], 1);
  }
}
static void row_q8_0(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q8_0(r, out, n);
}
static void row_q4_1(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q4_1(r, out, n);
}
static void row_q4_0(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q4_0(r, out, n);
}
static void row_q5_0(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q5_0(r, out, n);
}
static void row_q5_1(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q5_1(r, out, n);
}
static void row_q4_k(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q4_k(r, out, n);
}
static void row_q6_k(const uint8_t *r, float *out, int64_t n) {
  sinkc_ukref_dequant_q6_k(r, out, n);
}

#define DEFINE_EMBEDDING(FMT)                                                  \
  void sinkc_ukref_embedding_##FMT(const void *table, int64_t row_bytes,       \
                                   int64_t rows, const int32_t *ids,           \
                                   int64_t tokens, float *out, int64_t cols) { \
    embedding(row_##FMT, table, row_bytes, rows, ids, tokens, out, cols);      \
  }
DEFINE_EMBEDDING(f32)
DEFINE_EMBEDDING(f16)
DEFINE_EMBEDDING(bf16)
DEFINE_EMBEDDING(q8_0)
DEFINE_EMBEDDING(q4_1)
DEFINE_EMBEDDING(q4_0)
DEFINE_EMBEDDING(q5_0)
DEFINE_EMBEDDING(q5_1)
DEFINE_EMBEDDING(q4_k)
DEFINE_EMBEDDING(q6_k)

double sinkc_ukref_dot_f32(const float *w, const float *x, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i)
    s += (double)w[i] * (double)x[i];
  return s;
}

double sinkc_ukref_dot_f16(const uint16_t *w, const float *x, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i)
    s += (double)sinkc_ukref_half_to_float(w[i]) * (double)x[i];
  return s;
}

/* Block by block, so long rows need no buffer. */
double sinkc_ukref_dot_q8_0(const void *w, const float *x, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  double s = 0;
  float v[QK];
  for (int64_t i = 0; i < n / QK; ++i) {
    sinkc_ukref_dequant_q8_0(b + i * (2 + QK), v, QK);
    s += sinkc_ukref_dot_f32(v, x + i * QK, QK);
  }
  return s;
}

double sinkc_ukref_dot_q4_1(const void *w, const float *x, int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  double s = 0;
  float v[QK];
  for (int64_t i = 0; i < n / QK; ++i) {
    sinkc_ukref_dequant_q4_1(b + i * (4 + QK / 2), v, QK);
    s += sinkc_ukref_dot_f32(v, x + i * QK, QK);
  }
  return s;
}

/* Block by block through `dequant` (values per block, bytes per block). */
static double dot_blocks(void (*dequant)(const void *, float *, int64_t),
                         int values, int bytes, const void *w, const float *x,
                         int64_t n) {
  const uint8_t *b = (const uint8_t *)w;
  double s = 0;
  float v[QK_K];
  for (int64_t i = 0; i < n / values; ++i) {
    dequant(b + i * bytes, v, values);
    s += sinkc_ukref_dot_f32(v, x + i * values, values);
  }
  return s;
}

double sinkc_ukref_dot_bf16(const void *w, const float *x, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i) {
    uint16_t h;
    float v;
    memcpy(&h, (const uint8_t *)w + 2 * i, 2);
    sinkc_ukref_dequant_bf16(&h, &v, 1);
    s += (double)v * (double)x[i];
  }
  return s;
}

double sinkc_ukref_dot_q4_0(const void *w, const float *x, int64_t n) {
  return dot_blocks(sinkc_ukref_dequant_q4_0, QK, 18, w, x, n);
}
double sinkc_ukref_dot_q5_0(const void *w, const float *x, int64_t n) {
  return dot_blocks(sinkc_ukref_dequant_q5_0, QK, 22, w, x, n);
}
double sinkc_ukref_dot_q5_1(const void *w, const float *x, int64_t n) {
  return dot_blocks(sinkc_ukref_dequant_q5_1, QK, 24, w, x, n);
}
double sinkc_ukref_dot_q4_k(const void *w, const float *x, int64_t n) {
  return dot_blocks(sinkc_ukref_dequant_q4_k, QK_K, 144, w, x, n);
}
double sinkc_ukref_dot_q6_k(const void *w, const float *x, int64_t n) {
  return dot_blocks(sinkc_ukref_dequant_q6_k, QK_K, 210, w, x, n);
}

/* Group formats: per group d, [m], then the codes. */
int64_t sinkc_ukref_group_bytes(sinkc_ukref_group_format f) {
  const int scale = f.scale_f32 ? 4 : 2;
  return (int64_t)f.group * f.bits / 8 + (f.asymmetric ? 2 : 1) * scale;
}

static float group_scale(sinkc_ukref_group_format f, const uint8_t *p) {
  if (!f.scale_f32)
    return half_at(p);
  float v;
  memcpy(&v, p, 4);
  return v;
}

/* Code j of a group's codes: int4 value 32c + l is the low nibble of byte
 * 16c + l (l < 16) or the high nibble of byte 16c + l - 16; the symmetric
 * int4 code less 8; int8 signed (symmetric) or unsigned (asymmetric). */
static int group_code(sinkc_ukref_group_format f, const uint8_t *qs, int j) {
  if (f.bits == 8)
    return f.asymmetric ? (int)qs[j] : (int)(int8_t)qs[j];
  const int c = j / 32, l = j % 32;
  const uint8_t byte = qs[16 * c + l % 16];
  const int q = l < 16 ? byte & 0x0f : byte >> 4;
  return f.asymmetric ? q : q - 8;
}

void sinkc_ukref_dequant_group(sinkc_ukref_group_format f, int fused,
                               const void *w, float *out, int64_t n) {
  const int scale = f.scale_f32 ? 4 : 2;
  const int64_t bytes = sinkc_ukref_group_bytes(f);
  for (int64_t i = 0; i < n / f.group; ++i) {
    const uint8_t *b = (const uint8_t *)w + i * bytes;
    const float d = group_scale(f, b);
    const float m = f.asymmetric ? group_scale(f, b + scale) : 0.0f;
    const uint8_t *qs = b + (f.asymmetric ? 2 : 1) * scale;
    for (int j = 0; j < f.group; ++j) {
      const float q = (float)group_code(f, qs, j);
      float v;
      if (!f.asymmetric) {
        v = q * d;
      } else if (fused) {
        v = fmaf(q, d, m);
      } else {
        const float p = q * d;
        v = p + m;
      }
      out[i * f.group + j] = v;
    }
  }
}

void sinkc_ukref_embedding_group(sinkc_ukref_group_format f, int fused,
                                 const void *table, int64_t row_bytes,
                                 int64_t rows, const int32_t *ids,
                                 int64_t tokens, float *out, int64_t cols) {
  for (int64_t t = 0; t < tokens; ++t) {
    float *dst = out + t * cols;
    if (ids[t] < 0 || ids[t] >= rows) {
      for (int64_t c = 0; c < cols; ++c)
        dst[c] = 0.0f;
      continue;
    }
    sinkc_ukref_dequant_group(f, fused,
                              (const uint8_t *)table + ids[t] * row_bytes,
                              dst, cols);
  }
}

double sinkc_ukref_dot_group(sinkc_ukref_group_format f, const void *w,
                             const float *x, int64_t n) {
  const int scale = f.scale_f32 ? 4 : 2;
  const int64_t bytes = sinkc_ukref_group_bytes(f);
  double s = 0;
  for (int64_t i = 0; i < n / f.group; ++i) {
    const uint8_t *b = (const uint8_t *)w + i * bytes;
    const double d = group_scale(f, b);
    const double m = f.asymmetric ? group_scale(f, b + scale) : 0.0;
    const uint8_t *qs = b + (f.asymmetric ? 2 : 1) * scale;
    for (int j = 0; j < f.group; ++j)
      s += (group_code(f, qs, j) * d + m) * (double)x[i * f.group + j];
  }
  return s;
}

float sinkc_ukref_dot_ordered(const float *w, const float *x, int64_t n,
                              int fused) {
  float acc[QK] = {0};
  for (int64_t b = 0; b < n; b += QK) {
    for (int l = 0; l < QK; ++l) {
      const float wv = b + l < n ? w[b + l] : 0.0f;
      const float xv = b + l < n ? x[b + l] : 0.0f;
      if (fused) {
        acc[l] = fmaf(wv, xv, acc[l]);
      } else {
        const float p = wv * xv;
        acc[l] = acc[l] + p;
      }
    }
  }
  float s[16];
  for (int l = 0; l < 16; ++l)
    s[l] = acc[l] + acc[16 + l];
  for (int half = 8; half >= 1; half /= 2)
    for (int l = 0; l < half; ++l)
      s[l] = s[l] + s[l + half];
  return s[0];
}

/* The int8-activation kernels (issue #7). */
void sinkc_ukref_quantize_q8a(const float *x, int64_t n, int8_t *q, float *d,
                              int32_t *sums) {
  for (int64_t b = 0; b < n / QK; ++b) {
    const float *xb = x + b * QK;
    float amax = 0.0f;
    int nan = 0;
    for (int j = 0; j < QK; ++j) {
      const float a = fabsf(xb[j]);
      if (isnan(a))
        nan = 1;
      else if (a > amax)
        amax = a;
    }
    if (nan)
      amax = NAN;
    const float db = amax / 127.0f;
    const float id = db != 0.0f ? 1.0f / db : 0.0f;
    int32_t s = 0;
    for (int j = 0; j < QK; ++j) {
      const float v = xb[j] * id;
      int qj = 0;
      if (!isnan(v)) {
        const float c = v < -127.0f ? -127.0f : v > 127.0f ? 127.0f : v;
        qj = (int)rintf(c);
      }
      q[b * QK + j] = (int8_t)qj;
      s += qj;
    }
    d[b] = db;
    sums[b] = s;
  }
}

/* kind: 0 q8_0, 1 q4_0, 2 q4_1. */
static float dot_q8a(int kind, const void *w, const int8_t *q, const float *d,
                     const int32_t *sums, int64_t n) {
  static const int bytes[] = {34, 18, 20}, codes[] = {2, 2, 4};
  float acc = 0.0f;
  for (int64_t b = 0; b < n / QK; ++b) {
    const uint8_t *p = (const uint8_t *)w + b * bytes[kind];
    const uint8_t *qs = p + codes[kind];
    int32_t i = 0;
    for (int j = 0; j < QK; ++j) {
      const int code = kind == 0 ? (int8_t)qs[j]
                       : j < 16  ? qs[j] & 0x0f
                                 : qs[j - 16] >> 4;
      i += code * q[b * QK + j];
    }
    if (kind == 1)
      i -= 8 * sums[b];
    const float s = half_at(p) * d[b];
    float c = s * (float)i;
    if (kind == 2) {
      const float t = d[b] * (float)sums[b];
      const float u = half_at(p + 2) * t;
      c = c + u;
    }
    acc = acc + c;
  }
  return acc;
}

float sinkc_ukref_dot_q8_0_q8a(const void *w, const int8_t *q, const float *d,
                               const int32_t *sums, int64_t n) {
  return dot_q8a(0, w, q, d, sums, n);
}
float sinkc_ukref_dot_q4_0_q8a(const void *w, const int8_t *q, const float *d,
                               const int32_t *sums, int64_t n) {
  return dot_q8a(1, w, q, d, sums, n);
}
float sinkc_ukref_dot_q4_1_q8a(const void *w, const int8_t *q, const float *d,
                               const int32_t *sums, int64_t n) {
  return dot_q8a(2, w, q, d, sums, n);
}
