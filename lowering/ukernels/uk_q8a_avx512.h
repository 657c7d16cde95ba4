/*===- uk_q8a_avx512.h - int8-activation tile, AVX-512 ------------*- C -*-===//
 *
 * Included by uk_q8a.h on x86-64-v4 (AVX-512 F/BW/VL), with or without
 * AVX512-VNNI (the x86-64-v4-vnni flavour). 16 weight rows, one per lane:
 * each block of the 16 rows is unpacked once into 8 vectors W[k] whose lane
 * r holds codes 4k..4k+3 of row r (dword transposes of the rows' bytes:
 * 8x8 of 32-byte loads, or 4x4 of 16-byte ones), and then meets every token
 * of the tile, its 4 activation codes 4k..4k+3 broadcast to all lanes:
 *   VNNI:  vpdpbusd(acc, W[k], x[k]) for k = 0..7, acc starting at the
 *          block's correction (q8_0: weights w + 128 as u8, acc from -128 S;
 *          q4_0: the nibbles, acc from -8 S; q4_1: the nibbles, from 0).
 *          No saturation: vpdpbusd adds 4 u8 * s8 products into int32.
 *   BW:    vpmaddubsw(W[k], x[k]) makes int16 pairs, vpmaddwd by ones
 *          widens to int32. vpmaddubsw saturates at +-32767, which these
 *          operands never reach: nibbles (<= 15) times |x| <= 127 give pairs
 *          |.| <= 2 * 15 * 127 = 3810, and the 8 pairs of a block summed in
 *          int16 first stay within 8 * 3810 = 30480; q8_0 takes |w| (<= 128
 *          as u8) times x with w's sign (a masked negation; |x| <= 127, so
 *          -x is never -128 out of range): pairs <= 2 * 128 * 127 = 32512,
 *          each widened at once.
 * The exact block integers then take the float finishing of
 * sinkc_ukernels.h lane-wise: the same IEEE operations as the scalar path,
 * hence the same bits.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_Q8A_AVX512_H
#define SINKC_UK_Q8A_AVX512_H

#include <immintrin.h>

#define UK_Q8A_LANES 16

/* Byte `off` (maybe negative) of row r of the tile, by integer arithmetic
 * (it may lie outside the row); rows from nrows on repeat the last one
 * (read, never stored), so a partial tile reads nothing beyond its rows. */
UK_INLINE const void *uk_q8a_at(const uint8_t *w, int64_t rb, int nrows, int r,
                                int off) {
  return (const void *)((uintptr_t)w +
                        (uintptr_t)((int64_t)(r < nrows ? r : nrows - 1) * rb +
                                    off));
}

/* The 16 bytes at p + off of each of the 16 rows (p + r * rb), as 4 vectors:
 * lane r of out[j] is dword j of row r's bytes. Row 4L + i goes to 128-bit
 * lane L of z[i]; the in-lane 4x4 transpose then puts it in lane 4L + i. */
UK_INLINE void uk_q8a_load_t16(const uint8_t *p, int64_t rb, int nrows, int off,
                               __m512i out[4]) {
  __m512i z[4];
  for (int i = 0; i < 4; ++i) {
#define UK_L(R)                                                                \
  _mm_loadu_si128((const __m128i *)uk_q8a_at(p, rb, nrows, (R), off))
    z[i] = _mm512_castsi128_si512(UK_L(i));
    z[i] = _mm512_inserti32x4(z[i], UK_L(4 + i), 1);
    z[i] = _mm512_inserti32x4(z[i], UK_L(8 + i), 2);
    z[i] = _mm512_inserti32x4(z[i], UK_L(12 + i), 3);
#undef UK_L
  }
  const __m512i t0 = _mm512_unpacklo_epi32(z[0], z[1]);
  const __m512i t1 = _mm512_unpackhi_epi32(z[0], z[1]);
  const __m512i t2 = _mm512_unpacklo_epi32(z[2], z[3]);
  const __m512i t3 = _mm512_unpackhi_epi32(z[2], z[3]);
  out[0] = _mm512_unpacklo_epi64(t0, t2);
  out[1] = _mm512_unpackhi_epi64(t0, t2);
  out[2] = _mm512_unpacklo_epi64(t1, t3);
  out[3] = _mm512_unpackhi_epi64(t1, t3);
}

/* The 32 bytes at p + off of each of the 16 rows, as 8 vectors: lane r of
 * out[j] is dword j of row r's bytes. Rows i and 8 + i fill the halves of
 * z[i]; an 8x8 transpose in each half follows. Unused outputs cost nothing
 * once inlined. */
UK_INLINE void uk_q8a_load_t16x8(const uint8_t *p, int64_t rb, int nrows,
                                 int off, __m512i out[8]) {
  __m512i z[8], t[8], u[8];
  for (int i = 0; i < 8; ++i)
    z[i] = _mm512_inserti64x4(
        _mm512_castsi256_si512(_mm256_loadu_si256(
            (const __m256i *)uk_q8a_at(p, rb, nrows, i, off))),
        _mm256_loadu_si256(
            (const __m256i *)uk_q8a_at(p, rb, nrows, 8 + i, off)),
        1);
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm512_unpacklo_epi32(z[i], z[i + 1]);
    t[i + 1] = _mm512_unpackhi_epi32(z[i], z[i + 1]);
  }
  for (int g = 0; g < 8; g += 4) {
    u[g] = _mm512_unpacklo_epi64(t[g], t[g + 2]);
    u[g + 1] = _mm512_unpackhi_epi64(t[g], t[g + 2]);
    u[g + 2] = _mm512_unpacklo_epi64(t[g + 1], t[g + 3]);
    u[g + 3] = _mm512_unpackhi_epi64(t[g + 1], t[g + 3]);
  }
  /* u[j] (rows 0-3, 8-11) and u[4 + j] (rows 4-7, 12-15): 128-bit lanes
   * 0 and 2 hold dword j, lanes 1 and 3 dword 4 + j. */
  const __m512i lo = _mm512_set_epi64(13, 12, 5, 4, 9, 8, 1, 0);
  const __m512i hi = _mm512_set_epi64(15, 14, 7, 6, 11, 10, 3, 2);
  for (int j = 0; j < 4; ++j) {
    out[j] = _mm512_permutex2var_epi64(u[j], lo, u[4 + j]);
    out[4 + j] = _mm512_permutex2var_epi64(u[j], hi, u[4 + j]);
  }
}

/* The two nibble vectors of 4 code dwords. */
UK_INLINE void uk_q8a_nibbles(const __m512i c[4], __m512i W[8]) {
  const __m512i nib = _mm512_set1_epi8(0x0f);
  for (int j = 0; j < 4; ++j) {
    W[j] = _mm512_and_si512(c[j], nib);
    W[4 + j] = _mm512_and_si512(_mm512_srli_epi32(c[j], 4), nib);
  }
}

/* One block of the 16 rows at p (row r at p + r * rb): W[k] as above
 * (VNNI q8_0: w + 128; BW q8_0: |w|, with w's sign bits in neg[k]), and the
 * f16 d (and q4_1's m) of each row as floats.
 *
 * q4_0 / q4_1 read 32 bytes a row in the fast way: q4_1 from the block
 * (d, m, codes and 12 bytes beyond), q4_0 from 2 bytes before it (so that
 * its codes are dword-aligned: d in the high half of dword 0) to 12 beyond.
 * `safe` asks for loads within the block alone (4x4 transposes of 16-byte
 * loads), for the blocks where those bytes may not exist: the last block of
 * the call's last row, and q4_0's first block of its first row. q8_0 reads
 * its 32 code bytes and, for d, 16 bytes from the block start: always
 * within the block. */
UK_INLINE void uk_q8a_unpack16(int fmt, const uint8_t *p, int64_t rb, int nrows,
                               int safe, __m512i W[8], __m512i neg[8],
                               __m512 *dw, __m512 *mw) {
  __m512i dm; /* the dword holding d (and m) */
  int d_high = 0;
  for (int k = 0; k < 8; ++k)
    neg[k] = _mm512_setzero_si512();
  if (fmt == UK_Q8_0) {
    __m512i h[4];
    uk_q8a_load_t16(p, rb, nrows, 0, h);
    dm = h[0];
    uk_q8a_load_t16x8(p, rb, nrows, 2, W);
    for (int k = 0; k < 8; ++k) {
#ifdef __AVX512VNNI__
      W[k] = _mm512_xor_si512(W[k], _mm512_set1_epi8((char)0x80));
#else
      neg[k] = W[k];
      W[k] = _mm512_abs_epi8(W[k]);
#endif
    }
  } else if (!safe) {
    __m512i c[8];
    uk_q8a_load_t16x8(p, rb, nrows, fmt == UK_Q4_1 ? 0 : -2, c);
    dm = c[0];
    d_high = fmt == UK_Q4_0;
    uk_q8a_nibbles(c + 1, W);
  } else {
    __m512i h[4], c[4];
    uk_q8a_load_t16(p, rb, nrows, 0, h);
    dm = h[0];
    uk_q8a_load_t16(p, rb, nrows, uk_q8a_codes(fmt), c);
    uk_q8a_nibbles(c, W);
  }
  const __m512i hi = _mm512_srli_epi32(dm, 16);
  *dw = _mm512_cvtph_ps(_mm512_cvtepi32_epi16(d_high ? hi : dm));
  *mw = fmt == UK_Q4_1 ? _mm512_cvtph_ps(_mm512_cvtepi32_epi16(hi))
                       : _mm512_setzero_ps();
}

/* The exact block integers of the 16 rows against one token's codes xq. */
UK_INLINE __m512i uk_q8a_idot16(int fmt, const __m512i W[8],
                                const __m512i neg[8], const int8_t *xq,
                                int32_t corr) {
#ifdef __AVX512VNNI__
  (void)neg;
  /* Two chains of 4: half the latency of one chain of 8. */
  __m512i acc0 =
      fmt == UK_Q4_1 ? _mm512_setzero_si512() : _mm512_set1_epi32(corr);
  __m512i acc1 = _mm512_setzero_si512();
  for (int k = 0; k < 8; k += 2) {
    acc0 = _mm512_dpbusd_epi32(acc0, W[k],
                               _mm512_set1_epi32(uk_load_i32(xq + 4 * k)));
    acc1 = _mm512_dpbusd_epi32(acc1, W[k + 1],
                               _mm512_set1_epi32(uk_load_i32(xq + 4 * k + 4)));
  }
  return _mm512_add_epi32(acc0, acc1);
#else
  const __m512i ones = _mm512_set1_epi16(1);
  if (fmt == UK_Q8_0) {
    __m512i acc = _mm512_setzero_si512();
    for (int k = 0; k < 8; ++k) {
      const __m512i x = _mm512_set1_epi32(uk_load_i32(xq + 4 * k));
      const __m512i xs = _mm512_mask_sub_epi8(x, _mm512_movepi8_mask(neg[k]),
                                              _mm512_setzero_si512(), x);
      acc = _mm512_add_epi32(
          acc, _mm512_madd_epi16(_mm512_maddubs_epi16(W[k], xs), ones));
    }
    return acc;
  }
  __m512i s = _mm512_maddubs_epi16(W[0], _mm512_set1_epi32(uk_load_i32(xq)));
  for (int k = 1; k < 8; ++k)
    s = _mm512_add_epi16(
        s,
        _mm512_maddubs_epi16(W[k], _mm512_set1_epi32(uk_load_i32(xq + 4 * k))));
  const __m512i acc = _mm512_madd_epi16(s, ones);
  return fmt == UK_Q4_0 ? _mm512_add_epi32(acc, _mm512_set1_epi32(corr)) : acc;
#endif
}

/* y[t * y_stride + r] for r < nrows (<= 16), t < tokens (T if nonzero, a
 * constant) over nb blocks; `first`: start from +0, else continue the
 * partial sums in y; `guard`: UK_Q8A_GUARD_FIRST / _LAST, the first / last
 * block needs uk_q8a_unpack16's safe loads. */
UK_INLINE void uk_q8a_tile(const int fmt, const int T, const uint8_t *w,
                           int64_t rb, int nrows, const uk_q8a_act *a,
                           int tokens, int64_t nb, float *y, int64_t y_stride,
                           int first, int guard) {
  if (T)
    tokens = T;
  const __mmask16 m = (__mmask16)((1u << nrows) - 1);
  const int64_t bytes = uk_q8a_block_bytes(fmt);
  __m512 acc[UK_Q8A_TOKENS];
  for (int t = 0; t < tokens; ++t)
    acc[t] = first ? _mm512_setzero_ps()
                   : _mm512_maskz_loadu_ps(m, y + t * y_stride);
  const int64_t ahead = uk_q8a_ahead(UK_Q8A_LANES * rb);
  const int64_t span = (UK_Q8A_LANES * rb + nb - 1) / nb;
  for (int64_t b = 0; b < nb; ++b) {
    __m512i W[8], neg[8];
    __m512 dw, mw;
    const int safe = (b == 0 && (guard & UK_Q8A_GUARD_FIRST)) ||
                     (b == nb - 1 && (guard & UK_Q8A_GUARD_LAST));
    uk_q8a_prefetch(w, ahead, span, b);
    uk_q8a_unpack16(fmt, w + b * bytes, rb, nrows, safe, W, neg, &dw, &mw);
    for (int t = 0; t < tokens; ++t) {
      const int64_t i = t * a->b_stride + b;
      const __m512i dot = uk_q8a_idot16(
          fmt, W, neg, a->q + t * a->q_stride + b * SINKC_UK_QK, a->corr[i]);
      const __m512 s = _mm512_mul_ps(dw, _mm512_set1_ps(a->d[i]));
      __m512 c = _mm512_mul_ps(s, _mm512_cvtepi32_ps(dot));
      if (fmt == UK_Q4_1)
        c = _mm512_add_ps(c, _mm512_mul_ps(mw, _mm512_set1_ps(a->ds[i])));
      acc[t] = _mm512_add_ps(acc[t], c);
    }
  }
  for (int t = 0; t < tokens; ++t)
    _mm512_mask_storeu_ps(y + t * y_stride, m, acc[t]);
}

#endif /* SINKC_UK_Q8A_AVX512_H */
