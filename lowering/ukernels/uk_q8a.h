/*===- uk_q8a.h - int8-activation dot / GEMV / GEMM bodies --------*- C -*-===//
 *
 * Internal to the microkernels (issue #7): the activation quantizer, the
 * scalar block math every flavour shares, and the GEMV / GEMM driver that
 * quantizes x into a bounded stack buffer and hands chunks of it to the
 * flavour's register tile (uk_q8a_avx512.h, uk_q8a_avx2.h, or the portable
 * one below). sinkc_ukernels.h documents the quantization, the integer
 * identities and the one float order all of this follows.
 *
 * No FMA anywhere here: every product and sum of the float finishing is a
 * separate statement (and contraction is off), so the flavours with and
 * without FMA give the same bits.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_Q8A_H
#define SINKC_UK_Q8A_H

#include "sinkc_ukernels.h"
#include "uk_vec.h"

#pragma clang fp contract(off)

/* The weight formats of these kernels: q8_0 (34-byte blocks: f16 d, 32
 * int8), q4_0 (18: f16 d, 16 bytes of nibbles), q4_1 (20: f16 d, f16 m, 16
 * bytes of nibbles). i8g32s_f16, i4g32s_f16 and i4g32a_f16 have exactly these
 * layouts and values (sinkc_ukernels.h) and use the same code. */
UK_INLINE int64_t uk_q8a_block_bytes(int fmt) {
  return fmt == UK_Q8_0 ? 34 : fmt == UK_Q4_0 ? 18 : 20;
}
/* Offset of the 16 (32 for q8_0) code bytes in a block. */
UK_INLINE int uk_q8a_codes(int fmt) { return fmt == UK_Q4_1 ? 4 : 2; }

/* Stack bound: one pass quantizes at most SINKC_UK_Q8A_CHUNK values (of
 * at most UK_Q8A_TOKENS tokens), 24 KB with the per-block factors (16
 * tokens share the unpacking of each weight block; more gained little).
 * Longer rows, or more tokens, take several passes (see uk_q8a_gemm). */
#define UK_Q8A_VALUES SINKC_UK_Q8A_CHUNK
#define UK_Q8A_BLOCKS (UK_Q8A_VALUES / SINKC_UK_QK)
#define UK_Q8A_TOKENS 16

/* Activations, exactly as sinkc_ukernels.h states it, nb blocks of 32 at
 * x: amax from the magnitudes' bits (an integer maximum: no NaN ordering
 * question, and a NaN wins), d = amax / 127, id = 1 / d (0 when d is 0),
 * q = round-half-even(clamp(x * id, -127, 127)), NaN -> 0, S = sum q. The
 * rounding is the 1.5 * 2^23 trick (exact for |v| <= 127 in the default
 * rounding mode), so no libm call and no SSE4.1 is needed. In groups of 16
 * blocks: the maxima first, then d and id of the 16 at once (vector
 * divisions instead of a chain of scalar ones per block), then the codes. */
UK_INLINE void uk_q8a_quantize(const float *restrict x, int64_t nb,
                               int8_t *restrict q, float *restrict d,
                               int32_t *restrict sums) {
  for (int64_t b0 = 0; b0 < nb; b0 += 16) {
    const int n = (int)(nb - b0 < 16 ? nb - b0 : 16);
    uint32_t amax[16];
    float id[16];
    for (int j = 0; j < 16; ++j) {
      uint32_t m = 0;
      if (j < n)
        for (int i = 0; i < SINKC_UK_QK; ++i) {
          const uint32_t a =
              uk_float_to_bits(x[(b0 + j) * SINKC_UK_QK + i]) & 0x7fffffffu;
          m = a > m ? a : m;
        }
      amax[j] = m;
    }
    for (int j = 0; j < 16; ++j) {
      const float dj = uk_bits_to_float(amax[j]) / 127.0f;
      const float r = 1.0f / (dj != 0.0f ? dj : 1.0f);
      id[j] = dj != 0.0f ? r : 0.0f;
      amax[j] = uk_float_to_bits(dj);
    }
    for (int j = 0; j < n; ++j) {
      const int64_t b = b0 + j;
      const float *xb = x + b * SINKC_UK_QK;
      int32_t sum = 0;
      for (int i = 0; i < SINKC_UK_QK; ++i) {
        float v = xb[i] * id[j];
        v = v > 127.0f ? 127.0f : v;
        v = v < -127.0f ? -127.0f : v;
        const float r = v + 0x1.8p23f;
        const int32_t qi =
            v == v ? (int32_t)uk_float_to_bits(r) - (int32_t)0x4B400000 : 0;
        q[b * SINKC_UK_QK + i] = (int8_t)qi;
        sum += qi;
      }
      d[b] = uk_bits_to_float(amax[j]);
      sums[b] = sum;
    }
  }
}

/* The exact integer part of one block against quantized activations q
 * (block sum s): q8_0 sum w q; q4_0 sum nib q - 8 s; q4_1 sum nib q. */
UK_INLINE int32_t uk_q8a_block_int(int fmt, const uint8_t *restrict p,
                                   const int8_t *restrict q, int32_t s) {
  int32_t acc = 0;
  if (fmt == UK_Q8_0) {
    for (int i = 0; i < SINKC_UK_QK; ++i)
      acc += (int32_t)(int8_t)p[2 + i] * q[i];
    return acc;
  }
  const uint8_t *c = p + uk_q8a_codes(fmt);
  for (int i = 0; i < 16; ++i)
    acc += (int32_t)(c[i] & 0x0f) * q[i] + (int32_t)(c[i] >> 4) * q[16 + i];
  return fmt == UK_Q4_0 ? acc - 8 * s : acc;
}

/* The float finishing of one block, added to acc:
 *   c = (dw * dx) * I;  q4_1: c = c + mw * ds  (ds = dx * S);  acc + c. */
UK_INLINE float uk_q8a_finish(int fmt, float dw, float mw, float dx, float ds,
                              int32_t i, float acc) {
  const float s = dw * dx;
  float c = s * (float)i;
  if (fmt == UK_Q4_1) {
    const float u = mw * ds;
    c = c + u;
  }
  return acc + c;
}

/* sinkc_uk_dot_<fmt>_q8a: blocks in order from +0. */
UK_INLINE float uk_q8a_dot(int fmt, const void *wv, const int8_t *q,
                           const float *d, const int32_t *sums, int64_t n) {
  const uint8_t *w = (const uint8_t *)wv;
  const int64_t bytes = uk_q8a_block_bytes(fmt);
  float acc = 0.0f;
  for (int64_t b = 0; b < n / SINKC_UK_QK; ++b) {
    const uint8_t *p = w + b * bytes;
    const float dw = uk_half_to_float(uk_read_u16(p));
    const float mw = fmt == UK_Q4_1 ? uk_half_to_float(uk_read_u16(p + 2)) : 0;
    const float ds = d[b] * (float)sums[b];
    const int32_t i = uk_q8a_block_int(fmt, p, q + b * SINKC_UK_QK, sums[b]);
    acc = uk_q8a_finish(fmt, dw, mw, d[b], ds, i, acc);
  }
  return acc;
}

/* A chunk of quantized activations of several tokens: token t's block b
 * has codes q + t * q_stride + 32 b, scale d[t * b_stride + b], and per
 * format the integer the tiles start a block's sum from (corr: q8_0 -128 S
 * for VNNI's unsigned weights w + 128, q4_0 -8 S; else 0) and ds = d * S
 * (q4_1's minimum term). */
typedef struct {
  const int8_t *q;
  const float *d, *ds;
  const int32_t *corr, *sums;
  int64_t q_stride, b_stride;
} uk_q8a_act;

/* The stack buffer of one pass. */
typedef struct {
  int8_t q[UK_Q8A_VALUES];
  float d[UK_Q8A_BLOCKS], ds[UK_Q8A_BLOCKS];
  int32_t corr[UK_Q8A_BLOCKS], sums[UK_Q8A_BLOCKS];
} uk_q8a_buf;

/* uk_q8a_tile's `guard`: its first / last block may need loads that stay
 * within the block (the call's first row / last row). */
enum { UK_Q8A_GUARD_FIRST = 1, UK_Q8A_GUARD_LAST = 2 };

/* Software prefetch. Decode's GEMV streams each matrix from memory once,
 * and a tile reads its rows in parallel, block by block: more concurrent
 * streams than the hardware prefetchers follow. So while a tile of
 * tile_bytes of rows works on block b of nb, it prefetches the b-th
 * 1 / nb of the rows at least UK_Q8A_PREFETCH bytes (whole tiles) ahead,
 * `span` bytes. Prefetches never fault: running past the matrix is
 * harmless. */
#define UK_Q8A_PREFETCH 24576
UK_INLINE int64_t uk_q8a_ahead(int64_t tile_bytes) {
  return tile_bytes * (1 + UK_Q8A_PREFETCH / (tile_bytes > 0 ? tile_bytes : 1));
}
UK_INLINE void uk_q8a_prefetch(const uint8_t *w, int64_t ahead, int64_t span,
                               int64_t b) {
  const uintptr_t p = (uintptr_t)w + (uintptr_t)(ahead + b * span);
  for (int64_t o = 0; o < span; o += 64)
    __builtin_prefetch((const void *)(p + (uintptr_t)o), 0, 3);
}

UK_INLINE int32_t uk_load_i32(const void *p) {
  int32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include "uk_q8a_avx512.h"
#elif defined(__AVX2__)
#include "uk_q8a_avx2.h"
#else
/* Portable tile: one row at a time, the scalar block math. `first`: start
 * from +0, else continue the partial sums in y. */
#define UK_Q8A_LANES 4
UK_INLINE void uk_q8a_tile(const int fmt, const int T, const uint8_t *w,
                           int64_t row_bytes, int nrows, const uk_q8a_act *a,
                           int tokens, int64_t nb, float *y, int64_t y_stride,
                           int first, int guard) {
  (void)guard;
  if (T)
    tokens = T;
  const int64_t bytes = uk_q8a_block_bytes(fmt);
  for (int t = 0; t < tokens; ++t) {
    const int8_t *q = a->q + t * a->q_stride;
    const float *d = a->d + t * a->b_stride, *ds = a->ds + t * a->b_stride;
    const int32_t *s = a->sums + t * a->b_stride;
    for (int r = 0; r < nrows; ++r) {
      const uint8_t *row = w + r * row_bytes;
      float acc = first ? 0.0f : y[t * y_stride + r];
      for (int64_t b = 0; b < nb; ++b) {
        const uint8_t *p = row + b * bytes;
        const float dw = uk_half_to_float(uk_read_u16(p));
        const float mw =
            fmt == UK_Q4_1 ? uk_half_to_float(uk_read_u16(p + 2)) : 0.0f;
        const int32_t i = uk_q8a_block_int(fmt, p, q + b * SINKC_UK_QK, s[b]);
        acc = uk_q8a_finish(fmt, dw, mw, d[b], ds[b], i, acc);
      }
      y[t * y_stride + r] = acc;
    }
  }
}
#endif

/* Quantizes blocks [b0, b0 + nb) of `tokens` tokens into buf. */
UK_INLINE void uk_q8a_fill(int fmt, const float *x, int64_t x_stride,
                           int tokens, int64_t b0, int64_t nb, uk_q8a_buf *buf,
                           uk_q8a_act *a) {
  for (int t = 0; t < tokens; ++t) {
    const int64_t i0 = t * nb;
    uk_q8a_quantize(x + t * x_stride + b0 * SINKC_UK_QK, nb,
                    buf->q + i0 * SINKC_UK_QK, buf->d + i0, buf->sums + i0);
    for (int64_t i = i0; i < i0 + nb; ++i) {
      const int32_t s = buf->sums[i];
      buf->ds[i] = buf->d[i] * (float)s;
      buf->corr[i] = fmt == UK_Q8_0 ? -128 * s : fmt == UK_Q4_0 ? -8 * s : 0;
    }
  }
  a->q = buf->q;
  a->d = buf->d;
  a->ds = buf->ds;
  a->corr = buf->corr;
  a->sums = buf->sums;
  a->q_stride = nb * SINKC_UK_QK;
  a->b_stride = nb;
}

/* y[t * y_stride + r] = dot_q8a(row r, quantize(x + t * x_stride)) for
 * r < rows, t < tokens. Passes of at most UK_Q8A_TOKENS tokens and
 * UK_Q8A_VALUES quantized values; a row longer than a pass's chunk keeps its
 * partial sums in y between chunks (a float stored and reloaded: the same
 * bits as keeping it in a register). */
UK_INLINE void uk_q8a_gemm(const int fmt, const void *wv, int64_t row_bytes,
                           const float *x, int64_t x_stride, float *y,
                           int64_t y_stride, int64_t rows, int64_t cols,
                           int64_t tokens) {
  const uint8_t *w = (const uint8_t *)wv;
  const int64_t blocks = cols / SINKC_UK_QK, bytes = uk_q8a_block_bytes(fmt);
  if (rows <= 0 || tokens <= 0)
    return;
  if (blocks == 0) { /* empty rows: +0, as dot */
    for (int64_t t = 0; t < tokens; ++t)
      for (int64_t r = 0; r < rows; ++r)
        y[t * y_stride + r] = 0.0f;
    return;
  }
  uk_q8a_buf buf;
  uk_q8a_act a;
  for (int64_t t0 = 0; t0 < tokens; t0 += UK_Q8A_TOKENS) {
    const int tg =
        (int)(tokens - t0 < UK_Q8A_TOKENS ? tokens - t0 : UK_Q8A_TOKENS);
    const int64_t chunk = UK_Q8A_BLOCKS / tg;
    for (int64_t b0 = 0; b0 < blocks; b0 += chunk) {
      const int64_t nb = blocks - b0 < chunk ? blocks - b0 : chunk;
      uk_q8a_fill(fmt, x + t0 * x_stride, x_stride, tg, b0, nb, &buf, &a);
      const uint8_t *wc = w + b0 * bytes;
      float *yt = y + t0 * y_stride;
      /* Guards: the call's first block of row 0, its last block of the last
       * row. */
      const int first_chunk = b0 == 0, last_chunk = b0 + nb == blocks;
      for (int64_t r = 0; r < rows; r += UK_Q8A_LANES) {
        const int n = (int)(rows - r < UK_Q8A_LANES ? rows - r : UK_Q8A_LANES);
        const int guard = (r == 0 && first_chunk ? UK_Q8A_GUARD_FIRST : 0) |
                          (r + n == rows && last_chunk ? UK_Q8A_GUARD_LAST : 0);
        const uint8_t *wr = wc + r * row_bytes;
        if (tg == 1 && n == UK_Q8A_LANES)
          uk_q8a_tile(fmt, 1, wr, row_bytes, UK_Q8A_LANES, &a, 1, nb, yt + r,
                      y_stride, first_chunk, guard);
        else if (tg == 1)
          uk_q8a_tile(fmt, 1, wr, row_bytes, n, &a, 1, nb, yt + r, y_stride,
                      first_chunk, guard);
        else if (n == UK_Q8A_LANES)
          uk_q8a_tile(fmt, 0, wr, row_bytes, UK_Q8A_LANES, &a, tg, nb, yt + r,
                      y_stride, first_chunk, guard);
        else
          uk_q8a_tile(fmt, 0, wr, row_bytes, n, &a, tg, nb, yt + r, y_stride,
                      first_chunk, guard);
      }
    }
  }
}

/* Defines sinkc_uk_{dot,gemv,gemm}_NAME_q8a for format FMT. */
#define UK_DEFINE_Q8A_KERNELS(NAME, FMT)                                       \
  float sinkc_uk_dot_##NAME##_q8a(const void *w, const int8_t *q,              \
                                  const float *d, const int32_t *sums,         \
                                  int64_t n) {                                 \
    return uk_q8a_dot(FMT, w, q, d, sums, n);                                  \
  }                                                                            \
  void sinkc_uk_gemv_##NAME##_q8a(const void *w, int64_t row_bytes,            \
                                  const float *x, float *y, int64_t rows,      \
                                  int64_t cols) {                              \
    uk_q8a_gemm(FMT, w, row_bytes, x, 0, y, 0, rows, cols, 1);                 \
  }                                                                            \
  void sinkc_uk_gemm_##NAME##_q8a(const void *w, int64_t row_bytes,            \
                                  const float *x, int64_t x_stride, float *y,  \
                                  int64_t y_stride, int64_t rows,              \
                                  int64_t cols, int64_t tokens) {              \
    uk_q8a_gemm(FMT, w, row_bytes, x, x_stride, y, y_stride, rows, cols,       \
                tokens);                                                       \
  }

#endif /* SINKC_UK_Q8A_H */
