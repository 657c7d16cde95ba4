/*===- uk_vec_avx512.h - AVX-512 vector operations ----------------*- C -*-===//
 *
 * Included by uk_vec.h when AVX-512 F/BW/VL are enabled (x86-64-v4).
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_VEC_AVX512_H
#define SINKC_UK_VEC_AVX512_H

#include <immintrin.h>

/* Register tiles: 16 accumulators of 32 zmm registers. */
#define UK_GEMV_ROWS 4
#define UK_GEMM_ROWS 2
#define UK_GEMM_TOKENS 4

typedef __m512 uk_v16;

UK_INLINE uk_v16 uk_zero(void) { return _mm512_setzero_ps(); }
UK_INLINE uk_v16 uk_add(uk_v16 a, uk_v16 b) { return _mm512_add_ps(a, b); }
/* a * b + c, one rounding. */
UK_INLINE uk_v16 uk_fma(uk_v16 a, uk_v16 b, uk_v16 c) {
  return _mm512_fmadd_ps(a, b, c);
}
UK_INLINE uk_v16 uk_load(const float *p) { return _mm512_loadu_ps(p); }

/* The first k (0..16) floats at p, zeros after; reads nothing beyond. */
UK_INLINE uk_v16 uk_load_n(const float *p, int k) {
  return _mm512_maskz_loadu_ps((__mmask16)((1u << k) - 1), p);
}

/* Tree sum: lanes 0..7 + 8..15, then halves of 8, 4, 2. */
UK_INLINE float uk_reduce(uk_v16 s) {
  const __m256 a = _mm256_add_ps(
      _mm512_castps512_ps256(s),
      _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(s), 1)));
  const __m128 b =
      _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
  const __m128 c = _mm_add_ps(b, _mm_movehl_ps(b, b));
  return _mm_cvtss_f32(_mm_add_ss(c, _mm_movehdup_ps(c)));
}

/* The f16 at p in every lane: a broadcast load and one conversion (scalar
 * vcvtph2ps plus a broadcast costs more in these loops). */
UK_INLINE __m512 uk_half_bcast(const uint8_t *p) {
  return _mm512_cvtph_ps(_mm256_set1_epi16((short)uk_read_u16(p)));
}

/* The f16 pair at p (q4_1's d, m) broadcast: d to *d, m to *m. */
UK_INLINE void uk_half2_bcast(const uint8_t *p, __m512 *d, __m512 *m) {
  const uint32_t pair = (uint32_t)uk_read_u16(p) | (uint32_t)uk_read_u16(p + 2)
                                                       << 16;
  const __m512 dm = _mm512_cvtph_ps(_mm256_set1_epi32((int)pair));
  *d = _mm512_moveldup_ps(dm);
  *m = _mm512_movehdup_ps(dm);
}

/* Dequantizes the 32-value block at p: values 0..15 to *lo, 16..31 to *hi.
 * The 4-bit formats of issue #5 look their values up in a 16-entry table
 * computed by the very operation the portable flavours apply per value, so
 * the values are the same bits. */
UK_INLINE void uk_load_block(int fmt, const uint8_t *p, uk_v16 *lo,
                             uk_v16 *hi) {
  switch (fmt) {
  case UK_F32:
    *lo = _mm512_loadu_ps(p);
    *hi = _mm512_loadu_ps(p + 64);
    return;
  case UK_F16:
    *lo = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
    *hi = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(p + 32)));
    return;
  case UK_Q8_0: {
    const __m512 d = uk_half_bcast(p);
    const __m512i q0 =
        _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(p + 2)));
    const __m512i q1 =
        _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(p + 18)));
    *lo = _mm512_mul_ps(_mm512_cvtepi32_ps(q0), d);
    *hi = _mm512_mul_ps(_mm512_cvtepi32_ps(q1), d);
    return;
  }
  case UK_BF16: /* the high halves of f32s: exact, every bit kept */
    *lo = _mm512_castsi512_ps(_mm512_slli_epi32(
        _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)p)), 16));
    *hi = _mm512_castsi512_ps(_mm512_slli_epi32(
        _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)(p + 32))),
        16));
    return;
  case UK_Q4_0: { /* a lookup of table[q] = (q - 8) * d by nibble */
    const __m512 table = _mm512_mul_ps(
        _mm512_set_ps(7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8),
        uk_half_bcast(p));
    /* vpermps reads bits 0..3 of each index: no mask for the low nibbles. */
    const __m512i q =
        _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(p + 2)));
    *lo = _mm512_permutexvar_ps(q, table);
    *hi = _mm512_permutexvar_ps(_mm512_srli_epi32(q, 4), table);
    return;
  }
  case UK_Q5_0: { /* nibble | bit << 4, - 16: the nibble, less 16 if clear */
    const __m512 d = uk_half_bcast(p);
    const uint32_t qh = uk_read_u32(p + 2);
    const __m512i q =
        _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(p + 6)));
    const __m512i sixteen = _mm512_set1_epi32(16);
    __m512i q0 = _mm512_and_si512(q, _mm512_set1_epi32(0x0f));
    __m512i q1 = _mm512_srli_epi32(q, 4);
    q0 = _mm512_mask_sub_epi32(q0, (__mmask16)~qh, q0, sixteen);
    q1 = _mm512_mask_sub_epi32(q1, (__mmask16)~(qh >> 16), q1, sixteen);
    *lo = _mm512_mul_ps(_mm512_cvtepi32_ps(q0), d);
    *hi = _mm512_mul_ps(_mm512_cvtepi32_ps(q1), d);
    return;
  }
  case UK_Q5_1: {
    __m512 d, m;
    uk_half2_bcast(p, &d, &m);
    const uint32_t qh = uk_read_u32(p + 4);
    const __m512i q =
        _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(p + 8)));
    const __m512i sixteen = _mm512_set1_epi32(16);
    __m512i q0 = _mm512_and_si512(q, _mm512_set1_epi32(0x0f));
    __m512i q1 = _mm512_srli_epi32(q, 4);
    q0 = _mm512_mask_add_epi32(q0, (__mmask16)qh, q0, sixteen);
    q1 = _mm512_mask_add_epi32(q1, (__mmask16)(qh >> 16), q1, sixteen);
    *lo = _mm512_fmadd_ps(_mm512_cvtepi32_ps(q0), d, m);
    *hi = _mm512_fmadd_ps(_mm512_cvtepi32_ps(q1), d, m);
    return;
  }
  default: { /* UK_Q4_1 */
    __m512 d, m;
    uk_half2_bcast(p, &d, &m);
    const __m512i q =
        _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(p + 4)));
    const __m512i q0 = _mm512_and_si512(q, _mm512_set1_epi32(0x0f));
    const __m512i q1 = _mm512_srli_epi32(q, 4);
    *lo = _mm512_fmadd_ps(_mm512_cvtepi32_ps(q0), d, m);
    *hi = _mm512_fmadd_ps(_mm512_cvtepi32_ps(q1), d, m);
    return;
  }
  }
}

/* The first k (1..31) values of an f32 / f16 / bf16 block, zero-padded. */
UK_INLINE void uk_load_partial(int fmt, const uint8_t *p, int k, uk_v16 *lo,
                               uk_v16 *hi) {
  const int k0 = k < 16 ? k : 16, k1 = k - k0;
  if (fmt == UK_F32) {
    *lo = uk_load_n((const float *)p, k0);
    *hi = uk_load_n((const float *)p + 16, k1);
    return;
  }
  if (fmt == UK_BF16) {
    *lo = _mm512_castsi512_ps(_mm512_slli_epi32(
        _mm512_cvtepu16_epi32(
            _mm256_maskz_loadu_epi16((__mmask16)((1u << k0) - 1), p)),
        16));
    *hi = _mm512_castsi512_ps(_mm512_slli_epi32(
        _mm512_cvtepu16_epi32(
            _mm256_maskz_loadu_epi16((__mmask16)((1u << k1) - 1), p + 32)),
        16));
    return;
  }
  *lo = _mm512_cvtph_ps(
      _mm256_maskz_loadu_epi16((__mmask16)((1u << k0) - 1), p));
  *hi = _mm512_cvtph_ps(
      _mm256_maskz_loadu_epi16((__mmask16)((1u << k1) - 1), p + 32));
}

/* Block s (0..7) of the K-quant super-block at p, k its factors
 * (uk_kquant_scales): values 0..15 to *lo, 16..31 to *hi. */
UK_INLINE void uk_load_kblock(int fmt, const uint8_t *p, const float *k,
                              int s, uk_v16 *lo, uk_v16 *hi) {
  if (fmt == UK_Q4_K) { /* a lookup of table[q] = fma(q, d * sc, -(dmin * m)) */
    const uint8_t *q = p + 16 + 32 * (s >> 1);
    const __m512 table = _mm512_fmadd_ps(
        _mm512_set_ps(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
        _mm512_set1_ps(k[s]), _mm512_set1_ps(k[8 + s]));
    /* vpermps reads bits 0..3 of each index: no mask for the low nibbles;
     * s is a constant once uk_tile unrolls its block loop. */
    __m512i q0 = _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)q));
    __m512i q1 =
        _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(q + 16)));
    if (s & 1) {
      q0 = _mm512_srli_epi32(q0, 4);
      q1 = _mm512_srli_epi32(q1, 4);
    }
    *lo = _mm512_permutexvar_ps(q0, table);
    *hi = _mm512_permutexvar_ps(q1, table);
    return;
  }
  /* UK_Q6_K: (low nibble of ql | 2 bits of qh << 4) - 32, times d * sc; the
   * 32 quants are built in bytes, then widened. */
  const int n = s >> 2, i = s & 3;
  const __m256i ql =
      _mm256_loadu_si256((const __m256i *)(p + 64 * n + 32 * (i & 1)));
  const __m256i qh = _mm256_loadu_si256((const __m256i *)(p + 128 + 32 * n));
  const __m256i lo4 = _mm256_and_si256(_mm256_srli_epi16(ql, 4 * (i >> 1)),
                                       _mm256_set1_epi8(0x0f));
  const __m256i hi2 = _mm256_and_si256(_mm256_srli_epi16(qh, 2 * i),
                                       _mm256_set1_epi8(3));
  const __m256i q = _mm256_sub_epi8(
      _mm256_or_si256(lo4, _mm256_slli_epi16(hi2, 4)), _mm256_set1_epi8(32));
  *lo = _mm512_mul_ps(
      _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm256_castsi256_si128(q))),
      _mm512_set1_ps(k[2 * s]));
  *hi = _mm512_mul_ps(
      _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm256_extracti128_si256(q, 1))),
      _mm512_set1_ps(k[2 * s + 1]));
}

/* An f16 group scale as a float: one scalar vcvtph2ps (exact; it quiets
 * signalling NaNs, which no valid scale is). */
UK_INLINE float uk_scale_half(const uint8_t *p) {
  return _cvtsh_ss(uk_read_u16(p));
}

/* Chunk s of a group format's group whose codes start at q, d and m its
 * factors (uk_unit_factors): values 32s + 0..15 to *lo, 32s + 16..31 to
 * *hi. int4 looks its values up in a 16-entry table computed by the very
 * operation the portable flavours apply per value ((q - 8) * d or
 * fma(q, d, m)): the same bits, and one table per group once the chunks
 * are unrolled. */
UK_INLINE void uk_load_gchunk(int fmt, const uint8_t *q, float d, float m,
                              int s, uk_v16 *lo, uk_v16 *hi) {
  const __m512 vd = _mm512_set1_ps(d);
  if (uk_group_i8(fmt)) {
    const __m128i b0 = _mm_loadu_si128((const __m128i *)(q + 32 * s));
    const __m128i b1 = _mm_loadu_si128((const __m128i *)(q + 32 * s + 16));
    if (uk_group_asym(fmt)) { /* unsigned codes: fma(q, d, m) */
      const __m512 vm = _mm512_set1_ps(m);
      *lo = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(b0)), vd,
                            vm);
      *hi = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(b1)), vd,
                            vm);
    } else { /* signed codes: q * d */
      *lo = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(b0)), vd);
      *hi = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(b1)), vd);
    }
    return;
  }
  const __m512 table =
      uk_group_asym(fmt)
          ? _mm512_fmadd_ps(_mm512_set_ps(15, 14, 13, 12, 11, 10, 9, 8, 7, 6,
                                          5, 4, 3, 2, 1, 0),
                            vd, _mm512_set1_ps(m))
          : _mm512_mul_ps(_mm512_set_ps(7, 6, 5, 4, 3, 2, 1, 0, -1, -2, -3,
                                        -4, -5, -6, -7, -8),
                          vd);
  /* vpermps reads bits 0..3 of each index: no mask for the low nibbles. */
  const __m512i c =
      _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)(q + 16 * s)));
  *lo = _mm512_permutexvar_ps(c, table);
  *hi = _mm512_permutexvar_ps(_mm512_srli_epi32(c, 4), table);
}

#endif /* SINKC_UK_VEC_AVX512_H */
