/*===- uk_attention.c - KV-cache attention microkernel ------------*- C -*-===//
 *
 * One kv-head of one layer, a chunk of tokens: append to the cache entry
 * (docs/kv-abi.md) and attend, with a one-pass online softmax. See
 * sinkc_ukernels.h for the contract and the accuracy of exp / tanh.
 *===----------------------------------------------------------------------===*/

#include "sinkc_ukernels.h"
#include "uk_vec.h"

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#define UK_INF_BITS 0x7f800000u

/* float -> IEEE half, round to nearest even, integer ops only (F16C is not
 * in every flavour and _Float16 would become a libcall there). */
UK_INLINE uint16_t uk_float_to_half(float f) {
  const uint32_t u = uk_float_to_bits(f);
  const uint16_t sign = (uint16_t)((u >> 16) & 0x8000);
  uint32_t a = u & 0x7fffffffu;
  if (a >= UK_INF_BITS) /* inf, or NaN kept quiet with its top payload */
    return sign | (a > UK_INF_BITS ? 0x7e00 | ((a >> 13) & 0x3ff) : 0x7c00);
  if (a >= 0x477ff000u) /* >= 65520 rounds to infinity */
    return sign | 0x7c00;
  if (a < 0x38800000u) {
    /* Half subnormal or zero: adding 0.5 makes the FPU round the value to a
     * multiple of 2^-24 (RNE), left in the low mantissa bits. */
    const float r = uk_bits_to_float(a) + 0.5f;
    return sign | (uint16_t)(uk_float_to_bits(r) - 0x3f000000u);
  }
  /* Normal: rebias, then round the 13 dropped bits to nearest even. */
  const uint32_t odd = (a >> 13) & 1;
  a += ((uint32_t)(15 - 127) << 23) + 0xfff + odd;
  return sign | (uint16_t)(a >> 13);
}

/* 2^n for n in [-150, 128], as two normal factors so subnormal results
 * round once (the first product is exact). */
UK_INLINE float uk_ldexp_small(float y, int32_t n) {
  const int32_t n1 = n / 2, n2 = n - n1;
  y *= uk_bits_to_float((uint32_t)(n1 + 127) << 23);
  return y * uk_bits_to_float((uint32_t)(n2 + 127) << 23);
}

/* Range reduction shared by exp / expm1: x = n ln2 + r, |r| <= ~ln2/2;
 * returns the polynomial part r^2 P(r) with exp(r) = 1 + r + r^2 P(r)
 * (Cephes expf coefficients). Requires |x| < 2^21. */
UK_INLINE float uk_exp_reduce(float x, int32_t *n, float *r) {
  const float magic = 0x1.8p23f; /* adding it rounds to an integer (RNE) */
  const float t = x * 0x1.715476p+0f + magic;
  const float kn = t - magic;
  *n = (int32_t)(uk_float_to_bits(t) - uk_float_to_bits(magic));
  /* ln2 = C1 + C2, C1 with 9 significant bits so kn * C1 is exact. */
  float rr = x - kn * 0.693359375f;
  rr = rr - kn * -2.12194440e-4f;
  *r = rr;
  float p = 1.9875691500e-4f;
  p = p * rr + 1.3981999507e-3f;
  p = p * rr + 8.3334519073e-3f;
  p = p * rr + 4.1665795894e-2f;
  p = p * rr + 1.6666665459e-1f;
  p = p * rr + 5.0000001201e-1f;
  return p * (rr * rr);
}

UK_INLINE float uk_exp(float x) {
  if (x != x)
    return x + x;
  if (x > 88.72283935546875f)
    return uk_bits_to_float(UK_INF_BITS);
  if (x < -103.97208404541015625f) /* below half the smallest subnormal */
    return 0.0f;
  int32_t n;
  float r;
  const float p = uk_exp_reduce(x, &n, &r);
  return uk_ldexp_small(p + r + 1.0f, n);
}

/* exp(x) - 1 for x <= 0 without cancellation near 0 (n == 0 keeps r + p). */
UK_INLINE float uk_expm1_nonpos(float x) {
  if (x < -103.97208404541015625f)
    return -1.0f;
  int32_t n;
  float r;
  const float p = uk_exp_reduce(x, &n, &r);
  if (n == 0)
    return r + p;
  return uk_ldexp_small(p + r + 1.0f, n) - 1.0f;
}

/* tanh(x) = -expm1(-2|x|) / (2 + expm1(-2|x|)), sign restored. */
UK_INLINE float uk_tanh(float x) {
  if (x != x)
    return x + x;
  const uint32_t sign = uk_float_to_bits(x) & 0x80000000u;
  const float a = uk_bits_to_float(uk_float_to_bits(x) & 0x7fffffffu);
  const float em = uk_expm1_nonpos(a < 64.0f ? -2.0f * a : -128.0f);
  const float y = -em / (2.0f + em);
  return uk_bits_to_float(uk_float_to_bits(y) | sign);
}

/* uk_exp without branches, bit for bit (the special cases become selects),
 * so that loops over keys vectorize. */
UK_INLINE float uk_exp_select(float x) {
  const float hi = 88.72283935546875f, lo = -103.97208404541015625f;
  const float xc = x > hi ? hi : (x < lo ? lo : (x != x ? 0.0f : x));
  int32_t n;
  float r;
  const float p = uk_exp_reduce(xc, &n, &r);
  float y = uk_ldexp_small(p + r + 1.0f, n);
  y = x > hi ? uk_bits_to_float(UK_INF_BITS) : y;
  y = x < lo ? 0.0f : y;
  return x != x ? x + x : y;
}

float sinkc_uk_exp_f32(float x) { return uk_exp(x); }
float sinkc_uk_tanh_f32(float x) { return uk_tanh(x); }

/* Cache element access; `half` is a compile-time constant after inlining. */
UK_INLINE float uk_att_load(const void *c, int64_t i, int half) {
  return half ? uk_half_to_float(((const uint16_t *)c)[i])
              : ((const float *)c)[i];
}

UK_INLINE void uk_att_store(void *c, int64_t i, float x, int half) {
  if (half)
    ((uint16_t *)c)[i] = uk_float_to_half(x);
  else
    ((float *)c)[i] = x;
}

/* Keys per block and query heads per pass of the blocked loop below; the
 * block's keys and values are converted to f32 once, into two stack
 * buffers of UK_ATT_BUFFER floats (UK_ATT_BLOCK keys of head_dim <= 256),
 * and shared by the pass's heads, which is what grouped-query attention
 * saves. */
#define UK_ATT_BLOCK 16
#define UK_ATT_HEADS 16
#define UK_ATT_BUFFER 4096

/* The running softmax state of one query head: o (in the output row) and l
 * are scaled by exp(-m); sm is the weight on the counted (first) positions. */
typedef struct {
  float *o;
  const float *q;
  float m, l, sm;
} uk_att_head;

/* q . k in f32 over 16 lanes, then a tree: (0..7) + (8..15), then halves
 * of 8, 4, 2. With AVX-512 and n a multiple of 16 the lanes stay in one
 * register (the same sums, in the same order). */
UK_INLINE float uk_att_dot(const float *q, const float *k, int64_t n) {
#if defined(__AVX512F__)
  if ((n & 15) == 0) {
    __m512 acc = _mm512_setzero_ps();
    for (int64_t d = 0; d < n; d += 16)
      acc = _mm512_fmadd_ps(_mm512_loadu_ps(q + d), _mm512_loadu_ps(k + d), acc);
    __m256 s8 = _mm256_add_ps(_mm512_castps512_ps256(acc),
                              _mm512_extractf32x8_ps(acc, 1));
    __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    __m128 s1 = _mm_add_ss(s2, _mm_movehdup_ps(s2));
    return _mm_cvtss_f32(s1);
  }
#endif
  float lane[16];
  for (int l = 0; l < 16; ++l)
    lane[l] = 0.0f;
  int64_t d = 0;
  for (; d + 16 <= n; d += 16)
    for (int l = 0; l < 16; ++l)
      lane[l] += q[d + l] * k[d + l];
  for (int l = 0; d + l < n; ++l)
    lane[l] += q[d + l] * k[d + l];
  for (int w = 8; w >= 1; w /= 2)
    for (int l = 0; l < w; ++l)
      lane[l] += lane[l + w];
  return lane[0];
}

/* Attends `n` <= UK_ATT_BLOCK keys in consecutive slots [slot, slot + n) at
 * positions [at, at + n) for `heads` query heads: scores, one rescale of
 * each head's state to the block's max, then the weighted values. The
 * exponentials of a block are one branch-free (vectorizable) loop. */
UK_INLINE void uk_att_block(uk_att_head *hs, int64_t heads, const void *cache,
                            int64_t slot, int64_t n, int64_t at,
                            int64_t values, int64_t hd, float scale,
                            float softcap, float inv_cap,
                            int64_t mass_positions, float *kb, float *vb,
                            int half) {
  int64_t i = 0;
#if defined(__AVX512F__)
  /* F16C (in every AVX-512 flavour) converts 16 halves at once, exactly
   * as uk_half_to_float does for every value a cache holds (it stores no
   * signalling NaNs). */
  if (half)
    for (; i + 16 <= n * hd; i += 16) {
      const uint16_t *c = (const uint16_t *)cache;
      _mm512_storeu_ps(kb + i, _mm512_cvtph_ps(_mm256_loadu_si256(
                                   (const __m256i *)(c + slot * hd + i))));
      _mm512_storeu_ps(vb + i, _mm512_cvtph_ps(_mm256_loadu_si256(
                                   (const __m256i *)(c + values + slot * hd + i))));
    }
#endif
  for (; i < n * hd; ++i) {
    kb[i] = uk_att_load(cache, slot * hd + i, half);
    vb[i] = uk_att_load(cache, values + slot * hd + i, half);
  }
  for (int64_t h = 0; h < heads; ++h) {
    uk_att_head *s = &hs[h];
    float z[UK_ATT_BLOCK], e[UK_ATT_BLOCK];
    float m = s->m;
    for (int64_t j = 0; j < n; ++j) {
      z[j] = scale * uk_att_dot(s->q, kb + j * hd, hd);
      if (softcap > 0.0f)
        z[j] = softcap * uk_tanh(z[j] * inv_cap);
      m = z[j] > m ? z[j] : m;
    }
    for (int64_t j = 0; j < n; ++j)
      e[j] = uk_exp_select(z[j] - m);
    float sum = 0.0f, counted = 0.0f;
    for (int64_t j = 0; j < n; ++j) {
      sum += e[j];
      counted += at + j < mass_positions ? e[j] : 0.0f;
    }
    if (m > s->m) { /* new max: rescale what was summed so far */
      const float c = uk_exp(s->m - m);
      s->l *= c;
      s->sm *= c;
      for (int64_t d = 0; d < hd; ++d)
        s->o[d] *= c;
      s->m = m;
    }
    s->l += sum;
    s->sm += counted;
    int64_t d0 = 0;
#if defined(__AVX512F__)
    /* 16 output features at a time, held in a register across the block's
     * keys (the same operations in the same order as below). */
    for (; d0 + 16 <= hd; d0 += 16) {
      __m512 acc = _mm512_loadu_ps(s->o + d0);
      for (int64_t j = 0; j < n; ++j)
        acc = _mm512_fmadd_ps(_mm512_set1_ps(e[j]), _mm512_loadu_ps(vb + j * hd + d0), acc);
      _mm512_storeu_ps(s->o + d0, acc);
    }
#endif
    for (int64_t j = 0; j < n; ++j)
      for (int64_t d = d0; d < hd; ++d)
        s->o[d] += e[j] * vb[j * hd + d];
  }
}

/* Attends the run of consecutive slots [slot, slot + n) holding positions
 * [at, at + n), block by block. */
UK_INLINE void uk_att_run(uk_att_head *hs, int64_t heads, const void *cache,
                          int64_t slot, int64_t n, int64_t at, int64_t values,
                          int64_t hd, float scale, float softcap,
                          float inv_cap, int64_t mass_positions, float *kb,
                          float *vb, int half) {
  for (int64_t j = 0; j < n; j += UK_ATT_BLOCK) {
    const int64_t b = n - j < UK_ATT_BLOCK ? n - j : UK_ATT_BLOCK;
    uk_att_block(hs, heads, cache, slot + j, b, at + j, values, hd, scale,
                 softcap, inv_cap, mass_positions, kb, vb, half);
  }
}

#if defined(__AVX512F__)
/* Full attention for a chunk of several tokens (prefill), AVX-512: the
 * chunk's keys and values are appended first, then tiles of up to
 * UK_ATT_QTILE query tokens walk the keys in the same blocks of 16 as the
 * token-by-token path. Each block is converted to f32 once per tile, its
 * keys transposed (kT[d * 16 + j]: key j in lane j), so that a token's 16
 * scores are one vector of broadcast-FMAs (four interleaved chains over d)
 * and their exponentials one vector exp; the values are accumulated as in
 * uk_att_block. Keys past a token's position are masked to -inf. */
#define UK_ATT_QTILE 16

/* uk_exp_select in 16 lanes (the same reduction and polynomial). */
UK_INLINE __m512 uk_exp_v16(__m512 x) {
  const __m512 hi = _mm512_set1_ps(88.72283935546875f);
  const __m512 lo = _mm512_set1_ps(-103.97208404541015625f);
  const __mmask16 nan = _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
  const __mmask16 big = _mm512_cmp_ps_mask(x, hi, _CMP_GT_OQ);
  const __mmask16 small = _mm512_cmp_ps_mask(x, lo, _CMP_LT_OQ);
  __m512 xc = _mm512_min_ps(_mm512_max_ps(x, lo), hi);
  xc = _mm512_mask_mov_ps(xc, nan, _mm512_setzero_ps());
  const __m512 magic = _mm512_set1_ps(0x1.8p23f);
  const __m512 t = _mm512_add_ps(_mm512_mul_ps(xc, _mm512_set1_ps(0x1.715476p+0f)), magic);
  const __m512 kn = _mm512_sub_ps(t, magic);
  const __m512i n = _mm512_sub_epi32(_mm512_castps_si512(t), _mm512_castps_si512(magic));
  __m512 r = _mm512_sub_ps(xc, _mm512_mul_ps(kn, _mm512_set1_ps(0.693359375f)));
  r = _mm512_sub_ps(r, _mm512_mul_ps(kn, _mm512_set1_ps(-2.12194440e-4f)));
  __m512 p = _mm512_set1_ps(1.9875691500e-4f);
  p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.3981999507e-3f));
  p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(8.3334519073e-3f));
  p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(4.1665795894e-2f));
  p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(1.6666665459e-1f));
  p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(5.0000001201e-1f));
  p = _mm512_mul_ps(p, _mm512_mul_ps(r, r));
  __m512 y = _mm512_add_ps(_mm512_add_ps(p, r), _mm512_set1_ps(1.0f));
  /* 2^n as two normal factors (n / 2 truncated toward zero, as in C). */
  const __m512i n1 = _mm512_srai_epi32(_mm512_add_epi32(n, _mm512_srli_epi32(n, 31)), 1);
  const __m512i n2 = _mm512_sub_epi32(n, n1);
  const __m512i bias = _mm512_set1_epi32(127);
  y = _mm512_mul_ps(y, _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n1, bias), 23)));
  y = _mm512_mul_ps(y, _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(n2, bias), 23)));
  y = _mm512_mask_mov_ps(y, big, _mm512_castsi512_ps(_mm512_set1_epi32((int)UK_INF_BITS)));
  y = _mm512_mask_mov_ps(y, small, _mm512_setzero_ps());
  return _mm512_mask_mov_ps(y, nan, _mm512_add_ps(x, x));
}

/* Keys and values [k0, k0 + n) (n <= 16, full: slot = position) as f32:
 * kT[d * 16 + j] (lanes j >= n zero) and vb[j * hd + d]. */
UK_INLINE void uk_att_load_tile(const void *cache, int64_t k0, int64_t n,
                                int64_t values, int64_t hd, float *kT,
                                float *vb, int half) {
  for (int64_t j = 0; j < UK_ATT_BLOCK; ++j) {
    float row[256];
    if (j < n) {
      int64_t d = 0;
      if (half) {
        const uint16_t *c = (const uint16_t *)cache;
        for (; d + 16 <= hd; d += 16) {
          _mm512_storeu_ps(row + d, _mm512_cvtph_ps(_mm256_loadu_si256(
                                        (const __m256i *)(c + (k0 + j) * hd + d))));
          _mm512_storeu_ps(vb + j * hd + d,
                           _mm512_cvtph_ps(_mm256_loadu_si256(
                               (const __m256i *)(c + values + (k0 + j) * hd + d))));
        }
      }
      for (; d < hd; ++d) {
        row[d] = uk_att_load(cache, (k0 + j) * hd + d, half);
        vb[j * hd + d] = uk_att_load(cache, values + (k0 + j) * hd + d, half);
      }
    } else {
      for (int64_t d = 0; d < hd; ++d)
        row[d] = 0.0f;
    }
    for (int64_t d = 0; d < hd; ++d)
      kT[d * UK_ATT_BLOCK + j] = row[d];
  }
}

/* Tokens processed together against a block: independent chains (their
 * scores, exponentials and value sums) that share the block's loads. */
#define UK_ATT_TG 4

/* Tokens [0, tokens) at positions pos + t attend positions [0, pos + t]
 * (their keys already in the cache). hd % 16 == 0, hd <= 256, no softcap.
 * Scores are summed over d in order (one chain per token), exponentials
 * and their sum in 16 lanes. */
UK_INLINE void uk_att_prefill_full(const float *q, int64_t q_token_stride,
                                   const void *cache, int64_t values,
                                   int64_t hd, int64_t group, int64_t tokens,
                                   int64_t pos, float scale,
                                   const float *sink_logits, float *out,
                                   int64_t out_token_stride, float *mass,
                                   int64_t mass_token_stride,
                                   int64_t mass_positions, float *kT,
                                   float *vb, int half) {
  float m[UK_ATT_QTILE][UK_ATT_HEADS], l[UK_ATT_QTILE][UK_ATT_HEADS],
      sm[UK_ATT_QTILE][UK_ATT_HEADS];
  const float neg_inf = uk_bits_to_float(UK_INF_BITS | 0x80000000u);
  const __m512 lane_ids = _mm512_set_ps(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __m512 scale_v = _mm512_set1_ps(scale);
  for (int64_t t0 = 0; t0 < tokens; t0 += UK_ATT_QTILE) {
    const int64_t qt = tokens - t0 < UK_ATT_QTILE ? tokens - t0 : UK_ATT_QTILE;
    const int64_t last = pos + t0 + qt - 1; /* the tile's last position */
    for (int64_t h0 = 0; h0 < group; h0 += UK_ATT_HEADS) {
      const int64_t heads = group - h0 < UK_ATT_HEADS ? group - h0 : UK_ATT_HEADS;
      for (int64_t t = 0; t < qt; ++t)
        for (int64_t h = 0; h < heads; ++h) {
          m[t][h] = neg_inf;
          l[t][h] = 0.0f;
          sm[t][h] = 0.0f;
          if (sink_logits && sink_logits[h0 + h] > m[t][h]) {
            m[t][h] = sink_logits[h0 + h];
            l[t][h] = 1.0f;
          }
          float *o = out + (t0 + t) * out_token_stride + (h0 + h) * hd;
          for (int64_t d = 0; d < hd; ++d)
            o[d] = 0.0f;
        }
      for (int64_t k0 = 0; k0 <= last; k0 += UK_ATT_BLOCK) {
        const int64_t n = last + 1 - k0 < UK_ATT_BLOCK ? last + 1 - k0 : UK_ATT_BLOCK;
        uk_att_load_tile(cache, k0, n, values, hd, kT, vb, half);
        /* Lanes holding counted positions (k0 + j < mass_positions). */
        const __mmask16 counted_lanes = _mm512_cmp_ps_mask(
            lane_ids, _mm512_set1_ps((float)(mass_positions - k0)), _CMP_LT_OQ);
        /* The tile's first token that sees this block (k0 <= p). */
        const int64_t first = k0 > pos + t0 ? k0 - pos - t0 : 0;
        for (int64_t tb = first; tb < qt; tb += UK_ATT_TG) {
          const int64_t tg = qt - tb < UK_ATT_TG ? qt - tb : UK_ATT_TG;
          __mmask16 valid[UK_ATT_TG];
          for (int u = 0; u < UK_ATT_TG; ++u) {
            /* Keys k0 + j visible to token tb + u: j <= p - k0 (a token
             * past the tile's end sees none and is never stored). */
            const int64_t p = pos + t0 + tb + u;
            const int64_t nt = u < tg ? (p + 1 - k0 < n ? p + 1 - k0 : n) : 0;
            valid[u] = (__mmask16)((1u << nt) - 1);
          }
          for (int64_t h = 0; h < heads; ++h) {
            const float *qv[UK_ATT_TG];
            for (int u = 0; u < UK_ATT_TG; ++u)
              qv[u] = q + (t0 + tb + (u < tg ? u : 0)) * q_token_stride + (h0 + h) * hd;
            __m512 z[UK_ATT_TG];
            for (int u = 0; u < UK_ATT_TG; ++u)
              z[u] = _mm512_setzero_ps();
            for (int64_t d = 0; d < hd; ++d) {
              const __m512 kd = _mm512_loadu_ps(kT + d * UK_ATT_BLOCK);
              for (int u = 0; u < UK_ATT_TG; ++u)
                z[u] = _mm512_fmadd_ps(_mm512_set1_ps(qv[u][d]), kd, z[u]);
            }
            float e[UK_ATT_TG][UK_ATT_BLOCK], c[UK_ATT_TG];
            for (int u = 0; u < UK_ATT_TG; ++u) {
              const __m512 zs = _mm512_mask_mov_ps(_mm512_set1_ps(neg_inf), valid[u],
                                                   _mm512_mul_ps(z[u], scale_v));
              const int64_t t = tb + u < qt ? tb + u : tb;
              const float mo = m[t][h];
              const float block_max = _mm512_reduce_max_ps(zs);
              const float mn = block_max > mo ? block_max : mo;
              const __m512 ev = uk_exp_v16(_mm512_sub_ps(zs, _mm512_set1_ps(mn)));
              _mm512_storeu_ps(e[u], ev);
              c[u] = mn > mo ? uk_exp_select(mo - mn) : 1.0f;
              if (u < tg) {
                l[t][h] = l[t][h] * c[u] + _mm512_reduce_add_ps(ev);
                sm[t][h] = sm[t][h] * c[u] +
                           _mm512_reduce_add_ps(_mm512_maskz_mov_ps(counted_lanes & valid[u], ev));
                m[t][h] = mn;
              }
            }
            for (int64_t d0 = 0; d0 < hd; d0 += 16) {
              __m512 acc[UK_ATT_TG];
              float *o[UK_ATT_TG];
              for (int u = 0; u < UK_ATT_TG; ++u) {
                o[u] = out + (t0 + tb + (u < tg ? u : 0)) * out_token_stride + (h0 + h) * hd + d0;
                acc[u] = _mm512_mul_ps(_mm512_loadu_ps(o[u]), _mm512_set1_ps(c[u]));
              }
              for (int64_t j = 0; j < n; ++j) {
                const __m512 vj = _mm512_loadu_ps(vb + j * hd + d0);
                for (int u = 0; u < UK_ATT_TG; ++u)
                  acc[u] = _mm512_fmadd_ps(_mm512_set1_ps(e[u][j]), vj, acc[u]);
              }
              for (int u = 0; u < tg; ++u)
                _mm512_storeu_ps(o[u], acc[u]);
            }
          }
        }
      }
      for (int64_t t = 0; t < qt; ++t)
        for (int64_t h = 0; h < heads; ++h) {
          const float inv = 1.0f / l[t][h];
          float *o = out + (t0 + t) * out_token_stride + (h0 + h) * hd;
          for (int64_t d = 0; d < hd; ++d)
            o[d] *= inv;
          if (mass)
            mass[(t0 + t) * mass_token_stride + h0 + h] = sm[t][h] * inv;
        }
    }
  }
}
#endif

UK_INLINE void uk_attention(const float *q, int64_t q_token_stride,
                            const float *k, const float *v,
                            int64_t kv_token_stride, void *cache,
                            int64_t slots, int64_t head_dim, int64_t group,
                            int64_t tokens, int64_t pos, int64_t sinks,
                            int64_t window, float scale, float softcap,
                            const float *sink_logits, float *out,
                            int64_t out_token_stride, float *mass,
                            int64_t mass_token_stride, int64_t mass_positions,
                            int half) {
  const int64_t hd = head_dim;
  const int64_t values = slots * hd; /* kv = 1 plane */
  const int streaming = window > 0;
  const float inv_cap = softcap > 0.0f ? 1.0f / softcap : 0.0f;
  float kb[UK_ATT_BUFFER], vb[UK_ATT_BUFFER];
  uk_att_head hs[UK_ATT_HEADS];
#if defined(__AVX512F__)
  if (!streaming && tokens > 1 && !(softcap > 0.0f) && (hd & 15) == 0 && hd <= 256) {
    for (int64_t t = 0; t < tokens; ++t)
      for (int64_t d = 0; d < hd; ++d) {
        uk_att_store(cache, (pos + t) * hd + d, k[t * kv_token_stride + d], half);
        uk_att_store(cache, values + (pos + t) * hd + d, v[t * kv_token_stride + d], half);
      }
    uk_att_prefill_full(q, q_token_stride, cache, values, hd, group, tokens, pos, scale,
                        sink_logits, out, out_token_stride, mass, mass_token_stride,
                        mass_positions, kb, vb, half);
    return;
  }
#endif
  for (int64_t t = 0; t < tokens; ++t) {
    /* Append then attend token by token: a ring shorter than the chunk
     * would otherwise lose keys that earlier tokens of the chunk see. */
    const int64_t p = pos + t;
    const int64_t slot =
        !streaming || p < sinks ? p : sinks + (p - sinks) % window;
    for (int64_t d = 0; d < hd; ++d) {
      uk_att_store(cache, slot * hd + d, k[t * kv_token_stride + d], half);
      uk_att_store(cache, values + slot * hd + d, v[t * kv_token_stride + d],
                   half);
    }
    /* Visible positions: [0, head_end) in slots 0.. (all of them for
     * full), then [tail_begin, p] around the ring: at most three runs of
     * consecutive slots. */
    int64_t head_end = p + 1, tail_begin = p + 1;
    if (streaming) {
      head_end = sinks < p + 1 ? sinks : p + 1;
      tail_begin = p - window + 1 > sinks ? p - window + 1 : sinks;
    }
    for (int64_t h0 = 0; h0 < group; h0 += UK_ATT_HEADS) {
      const int64_t heads = group - h0 < UK_ATT_HEADS ? group - h0 : UK_ATT_HEADS;
      for (int64_t i = 0; i < heads; ++i) {
        uk_att_head *s = &hs[i];
        s->q = q + t * q_token_stride + (h0 + i) * hd;
        s->o = out + t * out_token_stride + (h0 + i) * hd;
        /* A sink logit starts the running max and sum; -inf is no sink. */
        s->m = uk_bits_to_float(UK_INF_BITS | 0x80000000u);
        s->l = 0.0f;
        s->sm = 0.0f;
        if (sink_logits && sink_logits[h0 + i] > s->m) {
          s->m = sink_logits[h0 + i];
          s->l = 1.0f;
        }
        for (int64_t d = 0; d < hd; ++d)
          s->o[d] = 0.0f;
      }
      uk_att_run(hs, heads, cache, 0, head_end, 0, values, hd, scale, softcap,
                 inv_cap, mass_positions, kb, vb, half);
      if (tail_begin <= p) {
        /* The ring's slots from tail_begin's to its end, then from its
         * start (sinks) to p's. */
        const int64_t first = sinks + (tail_begin - sinks) % window;
        const int64_t total = p - tail_begin + 1;
        const int64_t before_wrap = sinks + window - first;
        const int64_t n1 = total < before_wrap ? total : before_wrap;
        uk_att_run(hs, heads, cache, first, n1, tail_begin, values, hd, scale,
                   softcap, inv_cap, mass_positions, kb, vb, half);
        uk_att_run(hs, heads, cache, sinks, total - n1, tail_begin + n1, values,
                   hd, scale, softcap, inv_cap, mass_positions, kb, vb, half);
      }
      for (int64_t i = 0; i < heads; ++i) {
        const float inv = 1.0f / hs[i].l;
        for (int64_t d = 0; d < hd; ++d)
          hs[i].o[d] *= inv;
        if (mass)
          mass[t * mass_token_stride + h0 + i] = hs[i].sm * inv;
      }
    }
  }
}

void sinkc_uk_attention_f16(const float *q, int64_t q_token_stride,
                            const float *k, const float *v,
                            int64_t kv_token_stride, uint16_t *cache_entry,
                            int64_t slots, int64_t head_dim, int64_t group,
                            int64_t tokens, int64_t pos, int64_t sinks,
                            int64_t window, float scale, float softcap,
                            const float *sink_logits, float *out,
                            int64_t out_token_stride) {
  uk_attention(q, q_token_stride, k, v, kv_token_stride, cache_entry, slots,
               head_dim, group, tokens, pos, sinks, window, scale, softcap,
               sink_logits, out, out_token_stride, 0, 0, 0, 1);
}

void sinkc_uk_attention_f32(const float *q, int64_t q_token_stride,
                            const float *k, const float *v,
                            int64_t kv_token_stride, float *cache_entry,
                            int64_t slots, int64_t head_dim, int64_t group,
                            int64_t tokens, int64_t pos, int64_t sinks,
                            int64_t window, float scale, float softcap,
                            const float *sink_logits, float *out,
                            int64_t out_token_stride) {
  uk_attention(q, q_token_stride, k, v, kv_token_stride, cache_entry, slots,
               head_dim, group, tokens, pos, sinks, window, scale, softcap,
               sink_logits, out, out_token_stride, 0, 0, 0, 0);
}

void sinkc_uk_attention_mass_f16(
    const float *q, int64_t q_token_stride, const float *k, const float *v,
    int64_t kv_token_stride, uint16_t *cache_entry, int64_t slots,
    int64_t head_dim, int64_t group, int64_t tokens, int64_t pos,
    int64_t sinks, int64_t window, float scale, float softcap,
    const float *sink_logits, float *out, int64_t out_token_stride,
    float *mass, int64_t mass_token_stride, int64_t mass_positions) {
  uk_attention(q, q_token_stride, k, v, kv_token_stride, cache_entry, slots,
               head_dim, group, tokens, pos, sinks, window, scale, softcap,
               sink_logits, out, out_token_stride, mass, mass_token_stride,
               mass_positions, 1);
}

void sinkc_uk_attention_mass_f32(
    const float *q, int64_t q_token_stride, const float *k, const float *v,
    int64_t kv_token_stride, float *cache_entry, int64_t slots,
    int64_t head_dim, int64_t group, int64_t tokens, int64_t pos,
    int64_t sinks, int64_t window, float scale, float softcap,
    const float *sink_logits, float *out, int64_t out_token_stride,
    float *mass, int64_t mass_token_stride, int64_t mass_positions) {
  uk_attention(q, q_token_stride, k, v, kv_token_stride, cache_entry, slots,
               head_dim, group, tokens, pos, sinks, window, scale, softcap,
               sink_logits, out, out_token_stride, mass, mass_token_stride,
               mass_positions, 0);
}
