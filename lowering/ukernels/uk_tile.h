/*===- uk_tile.h - Generic dot / GEMV / GEMM bodies ---------------*- C -*-===//
 *
 * One register tile, R weight rows x T tokens, computes every kernel: dot is
 * a 1x1 tile, GEMV 4x1 (then 1x1), GEMM 2x4 (then edges). Each output is
 * accumulated by the same operations in the same order whatever the tile, so
 * GEMV and GEMM equal repeated dot bit for bit. Tiles share x (GEMV) or the
 * dequantized weight block (GEMM) across their outputs.
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
  const int64_t bytes = uk_block_bytes(fmt), blocks = cols / SINKC_UK_QK;
  for (int64_t b = 0; b < blocks; ++b) {
    uk_v16 wl[UK_MAX_R], wh[UK_MAX_R];
    for (int r = 0; r < R; ++r)
      uk_load_block(fmt, w + r * row_bytes + b * bytes, &wl[r], &wh[r]);
    for (int t = 0; t < T; ++t) {
      const float *xb = x + t * x_stride + b * SINKC_UK_QK;
      const uk_v16 xl = uk_load(xb), xh = uk_load(xb + 16);
      for (int r = 0; r < R; ++r) {
        lo[r][t] = uk_fma(wl[r], xl, lo[r][t]);
        hi[r][t] = uk_fma(wh[r], xh, hi[r][t]);
      }
    }
  }
  /* f32 / f16 only: a zero-padded last block (quantized rows have none). */
  const int tail = (int)(cols % SINKC_UK_QK);
  if ((fmt == UK_F32 || fmt == UK_F16) && tail) {
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

#endif /* SINKC_UK_TILE_H */
