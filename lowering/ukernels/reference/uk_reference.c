/*===- uk_reference.c - Scalar references for the microkernels ----*- C -*-===//
 *
 * Compiled with -ffp-contract=off so that q4_1's `q * d + m` rounds twice,
 * as in ggml's dequantize_row_q4_1.
 *===----------------------------------------------------------------------===*/

#include "uk_reference.h"

#include <string.h>

enum { QK = 32 };

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
