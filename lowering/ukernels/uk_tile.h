/*===- uk_tile.h - Generic dot / GEMV / GEMM bodies ---------------*- C -*-===//
 *
 * One register tile, R weight rows x T tokens, computes every kernel: dot is
 * a 1x1 tile, GEMV 4x1 (then 1x1), GEMM 2x4 (then edges). Each output is
 * accumulated by the same operations in the same order whatever the tile, so
 * GEMV and GEMM equal repeated dot bit for bit. Tiles share x (GEMV) or the
 * dequantized weight block (GEMM) across their outputs. The embedding gather
 * of the formats after uk_embedding.c's reuses the same block loaders.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_TILE_H
#define SINKC_UK_TILE_H

#include "sinkc_ukernels.h"
#include "uk_vec.h"

#define UK_MAX_R 4
#define UK_MAX_T 4

/* y[t * y_stride + r] = dot(w + r * row_bytes, x + t * x_stride, cols). */
UK_INLINE void uk_tile(const int fmt, const int R, const int T,
                       const uint8_t *restrict w, int64_t row_bytes,
                       const float *restrict x, int64_t x_stride,
                       float *restrict y, int64_t y_stride, int64_t cols) {
  uk_v16 lo[UK_MAX_R][UK_MAX_T], hi[UK_MAX_R][UK_MAX_T];
  for (int r = 0; r < R; ++r)
    for (int t = 0; t < T; ++t)
      lo[r][t] = hi[r][t] = uk_zero();
  /* Blocks of 32 in row order, G per unit of storage (G = 8 for a K-quant
   * super-block, G = group / 32 for a group format, whose factors each row
   * decodes once per unit; else G = 1). */
  const int G = uk_group_blocks(fmt);
  const int64_t bytes = uk_block_bytes(fmt), units = cols / (SINKC_UK_QK * G);
  const int64_t blocks = units * G;
  for (int64_t u = 0; u < units; ++u) {
    float k[UK_MAX_R][16];
    if (uk_has_factors(fmt))
      for (int r = 0; r < R; ++r)
        uk_unit_factors(fmt, w + r * row_bytes + u * bytes, k[r]);
    /* Unrolled: the K-quant and group loaders then see constant block
     * numbers. */
#pragma clang loop unroll(full)
    for (int s = 0; s < G; ++s) {
      const int64_t b = u * G + s;
      uk_v16 wl[UK_MAX_R], wh[UK_MAX_R];
      for (int r = 0; r < R; ++r)
        uk_load_sub(fmt, w + r * row_bytes + u * bytes, k[r], s, &wl[r],
                    &wh[r]);
      for (int t = 0; t < T; ++t) {
        const float *xb = x + t * x_stride + b * SINKC_UK_QK;
        const uk_v16 xl = uk_load(xb), xh = uk_load(xb + 16);
        for (int r = 0; r < R; ++r) {
          lo[r][t] = uk_fma(wl[r], xl, lo[r][t]);
          hi[r][t] = uk_fma(wh[r], xh, hi[r][t]);
        }
      }
    }
  }
  /* f32 / f16 / bf16 only: a zero-padded last block (quantized rows have
   * none). */
  const int tail = (int)(cols % SINKC_UK_QK);
  if (uk_is_float(fmt) && tail) {
    const int k0 = tail < 16 ? tail : 16;
    uk_v16 wl[UK_MAX_R], wh[UK_MAX_R];
    for (int r = 0; r < R; ++r)
      uk_load_partial(fmt, w + r * row_bytes + blocks * bytes, tail, &wl[r],
                      &wh[r]);
    for (int t = 0; t < T; ++t) {
      const float *xb = x + t * x_stride + blocks * SINKC_UK_QK;
      const uk_v16 xl = uk_load_n(xb, k0), xh = uk_load_n(xb + 16, tail - k0);
      for (int r = 0; r < R; ++r) {
        lo[r][t] = uk_fma(wl[r], xl, lo[r][t]);
        hi[r][t] = uk_fma(wh[r], xh, hi[r][t]);
      }
    }
  }
  for (int r = 0; r < R; ++r)
    for (int t = 0; t < T; ++t)
      y[t * y_stride + r] = uk_reduce(uk_add(lo[r][t], hi[r][t]));
}

UK_INLINE float uk_dot(int fmt, const void *w, const float *x, int64_t n) {
  float y;
  uk_tile(fmt, 1, 1, (const uint8_t *)w, 0, x, 0, &y, 0, n);
  return y;
}

UK_INLINE void uk_gemv(int fmt, const void *wv, int64_t row_bytes,
                       const float *x, float *y, int64_t rows, int64_t cols) {
  const uint8_t *w = (const uint8_t *)wv;
  int64_t r = 0;
  for (; r + UK_GEMV_ROWS <= rows; r += UK_GEMV_ROWS)
    uk_tile(fmt, UK_GEMV_ROWS, 1, w + r * row_bytes, row_bytes, x, 0, y + r, 0,
            cols);
  for (; r < rows; ++r)
    uk_tile(fmt, 1, 1, w + r * row_bytes, row_bytes, x, 0, y + r, 0, cols);
}

/* Tokens of one row strip: full tiles of UK_GEMM_TOKENS, then one by one. */
UK_INLINE void uk_gemm_strip(int fmt, const int R, const uint8_t *w,
                             int64_t row_bytes, const float *x,
                             int64_t x_stride, float *y, int64_t y_stride,
                             int64_t cols, int64_t tokens) {
  int64_t t = 0;
  for (; t + UK_GEMM_TOKENS <= tokens; t += UK_GEMM_TOKENS)
    uk_tile(fmt, R, UK_GEMM_TOKENS, w, row_bytes, x + t * x_stride, x_stride,
            y + t * y_stride, y_stride, cols);
  for (; t < tokens; ++t)
    uk_tile(fmt, R, 1, w, row_bytes, x + t * x_stride, x_stride,
            y + t * y_stride, y_stride, cols);
}

UK_INLINE void uk_gemm(int fmt, const void *wv, int64_t row_bytes,
                       const float *x, int64_t x_stride, float *y,
                       int64_t y_stride, int64_t rows, int64_t cols,
                       int64_t tokens) {
  const uint8_t *w = (const uint8_t *)wv;
  int64_t r = 0;
  for (; r + UK_GEMM_ROWS <= rows; r += UK_GEMM_ROWS)
    uk_gemm_strip(fmt, UK_GEMM_ROWS, w + r * row_bytes, row_bytes, x, x_stride,
                  y + r, y_stride, cols, tokens);
  for (; r < rows; ++r)
    uk_gemm_strip(fmt, 1, w + r * row_bytes, row_bytes, x, x_stride, y + r,
                  y_stride, cols, tokens);
}

/* Defines sinkc_uk_{dot,gemv,gemm}_NAME for format FMT; WTYPE is dot's
 * weight pointer type. */
#define UK_DEFINE_KERNELS(NAME, FMT, WTYPE)                                    \
  float sinkc_uk_dot_##NAME(const WTYPE *w, const float *x, int64_t n) {       \
    return uk_dot(FMT, w, x, n);                                               \
  }                                                                            \
  void sinkc_uk_gemv_##NAME(const void *w, int64_t row_bytes, const float *x,  \
                            float *y, int64_t rows, int64_t cols) {            \
    uk_gemv(FMT, w, row_bytes, x, y, rows, cols);                              \
  }                                                                            \
  void sinkc_uk_gemm_##NAME(const void *w, int64_t row_bytes, const float *x,  \
                            int64_t x_stride, float *y, int64_t y_stride,      \
                            int64_t rows, int64_t cols, int64_t tokens) {      \
    uk_gemm(FMT, w, row_bytes, x, x_stride, y, y_stride, rows, cols, tokens);  \
  }

/* The embedding gather of the formats defined with UK_DEFINE_KERNELS after
 * uk_embedding.c (bf16 has its own there): each value from the dot kernels'
 * own block loaders, so it carries exactly their rounding. */

/* Stores the 16 lanes of v at p (unaligned; a constant-size memcpy that LLVM
 * expands inline). */
UK_INLINE void uk_gather_store(float *p, uk_v16 v) {
  __builtin_memcpy(p, &v, sizeof v);
}

/* The `cols` values of the row at w to out: whole blocks, then a float
 * format's tail. */
UK_INLINE void uk_gather_row(const int fmt, const uint8_t *restrict w,
                             float *restrict out, int64_t cols) {
  const int G = uk_group_blocks(fmt);
  const int64_t bytes = uk_block_bytes(fmt), units = cols / (SINKC_UK_QK * G);
  for (int64_t u = 0; u < units; ++u) {
    float k[16];
    if (uk_has_factors(fmt))
      uk_unit_factors(fmt, w + u * bytes, k);
#pragma clang loop unroll(full)
    for (int s = 0; s < G; ++s) {
      uk_v16 lo, hi;
      float *dst = out + (u * G + s) * SINKC_UK_QK;
      uk_load_sub(fmt, w + u * bytes, k, s, &lo, &hi);
      uk_gather_store(dst, lo);
      uk_gather_store(dst + 16, hi);
    }
  }
  const int tail = (int)(cols % SINKC_UK_QK);
  if (uk_is_float(fmt) && tail) {
    const int64_t blocks = units * G;
    uk_v16 lo, hi;
    float buf[SINKC_UK_QK];
    uk_load_partial(fmt, w + blocks * bytes, tail, &lo, &hi);
    uk_gather_store(buf, lo);
    uk_gather_store(buf + 16, hi);
    for (int i = 0; i < tail; ++i)
      out[blocks * SINKC_UK_QK + i] = buf[i];
  }
}

/* out[t * cols + c] = value c of row ids[t]; +0.0f rows for bad ids. */
UK_INLINE void uk_gather(const int fmt, const void *table, int64_t row_bytes,
                         int64_t rows, const int32_t *ids, int64_t tokens,
                         float *out, int64_t cols) {
  for (int64_t t = 0; t < tokens; ++t) {
    const int64_t id = ids[t];
    float *dst = out + t * cols;
    if (id < 0 || id >= rows) {
      for (int64_t c = 0; c < cols; ++c)
        dst[c] = 0.0f;
      continue;
    }
    uk_gather_row(fmt, (const uint8_t *)table + id * row_bytes, dst, cols);
  }
}

/* Defines sinkc_uk_embedding_NAME for format FMT. */
#define UK_DEFINE_GATHER(NAME, FMT)                                            \
  void sinkc_uk_embedding_##NAME(const void *table, int64_t row_bytes,         \
                                 int64_t rows, const int32_t *ids,             \
                                 int64_t tokens, float *out, int64_t cols) {   \
    uk_gather(FMT, table, row_bytes, rows, ids, tokens, out, cols);            \
  }

#endif /* SINKC_UK_TILE_H */
