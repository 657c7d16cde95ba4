/*===- uk_q8a_avx2.h - int8-activation tile, AVX2 -----------------*- C -*-===//
 *
 * Included by uk_q8a.h on x86-64-v3. The AVX-512 BW tile of uk_q8a_avx512.h
 * on 8 lanes: each block of 8 weight rows unpacked once into W[k] (lane r =
 * codes 4k..4k+3 of row r), vpmaddubsw against each token's broadcast
 * codes, vpmaddwd by ones. Saturation cannot occur, for the reasons given
 * there (nibble pairs <= 3810, 8 of them <= 30480; q8_0 as |w| times x with
 * w's sign, vpsignb, pairs <= 32512).
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_Q8A_AVX2_H
#define SINKC_UK_Q8A_AVX2_H

#include <immintrin.h>

#define UK_Q8A_LANES 8

/* Row r of the tile; rows from nrows on repeat the last one. */
UK_INLINE const uint8_t *uk_q8a_row(const uint8_t *w, int64_t rb, int nrows,
                                    int r) {
  return w + (int64_t)(r < nrows ? r : nrows - 1) * rb;
}

/* The 16 bytes at p + off of each of the 8 rows: lane r of out[j] is dword
 * j of row r's bytes (rows i and 4 + i in z[i], then an in-lane 4x4
 * transpose). */
UK_INLINE void uk_q8a_load_t8(const uint8_t *p, int64_t rb, int nrows, int off,
                              __m256i out[4]) {
  __m256i z[4];
  for (int i = 0; i < 4; ++i)
    z[i] = _mm256_inserti128_si256(
        _mm256_castsi128_si256(_mm_loadu_si128(
            (const __m128i *)(uk_q8a_row(p, rb, nrows, i) + off))),
        _mm_loadu_si128(
            (const __m128i *)(uk_q8a_row(p, rb, nrows, 4 + i) + off)),
        1);
  const __m256i t0 = _mm256_unpacklo_epi32(z[0], z[1]);
  const __m256i t1 = _mm256_unpackhi_epi32(z[0], z[1]);
  const __m256i t2 = _mm256_unpacklo_epi32(z[2], z[3]);
  const __m256i t3 = _mm256_unpackhi_epi32(z[2], z[3]);
  out[0] = _mm256_unpacklo_epi64(t0, t2);
  out[1] = _mm256_unpackhi_epi64(t0, t2);
  out[2] = _mm256_unpacklo_epi64(t1, t3);
  out[3] = _mm256_unpackhi_epi64(t1, t3);
}

/* One block of the 8 rows at p: W[k] (q8_0: the signed codes), and d (and
 * q4_1's m) as floats. */
UK_INLINE void uk_q8a_unpack8(int fmt, const uint8_t *p, int64_t rb, int nrows,
                              __m256i W[8], __m256 *dw, __m256 *mw) {
  __m256i h[4];
  uk_q8a_load_t8(p, rb, nrows, 0, h); /* only h[0] (d, m) is used */
  if (fmt == UK_Q8_0) {
    uk_q8a_load_t8(p, rb, nrows, 2, W);
    uk_q8a_load_t8(p, rb, nrows, 18, W + 4);
  } else {
    __m256i c[4];
    uk_q8a_load_t8(p, rb, nrows, uk_q8a_codes(fmt), c);
    const __m256i nib = _mm256_set1_epi8(0x0f);
    for (int j = 0; j < 4; ++j) {
      W[j] = _mm256_and_si256(c[j], nib);
      W[4 + j] = _mm256_and_si256(_mm256_srli_epi32(c[j], 4), nib);
    }
  }
  /* The low and high halves of each lane's dword, packed to 16 bits:
   * [d0..3 m0..3 | d4..7 m4..7], reordered to d0..7, m0..7. */
  const __m256i pk = _mm256_permute4x64_epi64(
      _mm256_packus_epi32(_mm256_and_si256(h[0], _mm256_set1_epi32(0xffff)),
                          _mm256_srli_epi32(h[0], 16)),
      0xd8);
  *dw = _mm256_cvtph_ps(_mm256_castsi256_si128(pk));
  *mw = fmt == UK_Q4_1 ? _mm256_cvtph_ps(_mm256_extracti128_si256(pk, 1))
                       : _mm256_setzero_ps();
}

/* The exact block integers of the 8 rows against one token's codes xq. */
UK_INLINE __m256i uk_q8a_idot8(int fmt, const __m256i W[8], const int8_t *xq,
                               int32_t corr) {
  const __m256i ones = _mm256_set1_epi16(1);
  if (fmt == UK_Q8_0) {
    __m256i acc = _mm256_setzero_si256();
    for (int k = 0; k < 8; ++k) {
      const __m256i x = _mm256_set1_epi32(uk_load_i32(xq + 4 * k));
      acc = _mm256_add_epi32(
          acc,
          _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_abs_epi8(W[k]),
                                                 _mm256_sign_epi8(x, W[k])),
                            ones));
    }
    return acc;
  }
  __m256i s = _mm256_maddubs_epi16(W[0], _mm256_set1_epi32(uk_load_i32(xq)));
  for (int k = 1; k < 8; ++k)
    s = _mm256_add_epi16(
        s,
        _mm256_maddubs_epi16(W[k], _mm256_set1_epi32(uk_load_i32(xq + 4 * k))));
  const __m256i acc = _mm256_madd_epi16(s, ones);
  return fmt == UK_Q4_0 ? _mm256_add_epi32(acc, _mm256_set1_epi32(corr)) : acc;
}

/* y[t * y_stride + r] for r < nrows (<= 8), t < tokens (T if nonzero) over
 * nb blocks; `first`: start from +0, else continue the partial sums in y.
 * Every load lies within its block: `guard` is not needed. */
UK_INLINE void uk_q8a_tile(const int fmt, const int T, const uint8_t *w,
                           int64_t rb, int nrows, const uk_q8a_act *a,
                           int tokens, int64_t nb, float *y, int64_t y_stride,
                           int first, int guard) {
  (void)guard;
  if (T)
    tokens = T;
  const int64_t bytes = uk_q8a_block_bytes(fmt);
  __m256 acc[UK_Q8A_TOKENS];
  for (int t = 0; t < tokens; ++t) {
    float tmp[8] = {0};
    if (!first)
      for (int r = 0; r < nrows; ++r)
        tmp[r] = y[t * y_stride + r];
    acc[t] = _mm256_loadu_ps(tmp);
  }
  const int64_t ahead = uk_q8a_ahead(UK_Q8A_LANES * rb);
  const int64_t span = (UK_Q8A_LANES * rb + nb - 1) / nb;
  for (int64_t b = 0; b < nb; ++b) {
    __m256i W[8];
    __m256 dw, mw;
    uk_q8a_prefetch(w, ahead, span, b);
    uk_q8a_unpack8(fmt, w + b * bytes, rb, nrows, W, &dw, &mw);
    for (int t = 0; t < tokens; ++t) {
      const int64_t i = t * a->b_stride + b;
      const __m256i dot = uk_q8a_idot8(
          fmt, W, a->q + t * a->q_stride + b * SINKC_UK_QK, a->corr[i]);
      const __m256 s = _mm256_mul_ps(dw, _mm256_set1_ps(a->d[i]));
      __m256 c = _mm256_mul_ps(s, _mm256_cvtepi32_ps(dot));
      if (fmt == UK_Q4_1)
        c = _mm256_add_ps(c, _mm256_mul_ps(mw, _mm256_set1_ps(a->ds[i])));
      acc[t] = _mm256_add_ps(acc[t], c);
    }
  }
  for (int t = 0; t < tokens; ++t) {
    if (nrows == UK_Q8A_LANES) {
      _mm256_storeu_ps(y + t * y_stride, acc[t]);
      continue;
    }
    float tmp[8];
    _mm256_storeu_ps(tmp, acc[t]);
    for (int r = 0; r < nrows; ++r)
      y[t * y_stride + r] = tmp[r];
  }
}

#endif /* SINKC_UK_Q8A_AVX2_H */
