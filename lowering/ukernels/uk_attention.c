/*===- uk_attention.c - KV-cache attention microkernel ------------*- C -*-===//
 *
 * One kv-head of one layer, a chunk of tokens: append to the cache entry
 * (docs/kv-abi.md) and attend, with a one-pass online softmax. See
 * sinkc_ukernels.h for the contract and the accuracy of exp / tanh.
 *===----------------------------------------------------------------------===*/

#include "sinkc_ukernels.h"
#include "uk_vec.h"

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

/* q . k in f32 over 16 lanes (strict FP would not vectorize one running
 * sum), then a tree. */
UK_INLINE float uk_att_dot(const float *q, const void *c, int64_t base,
                           int64_t n, int half) {
  float lane[16];
  for (int l = 0; l < 16; ++l)
    lane[l] = 0.0f;
  int64_t d = 0;
  for (; d + 16 <= n; d += 16)
    for (int l = 0; l < 16; ++l)
      lane[l] += q[d + l] * uk_att_load(c, base + d + l, half);
  for (int l = 0; d + l < n; ++l)
    lane[l] += q[d + l] * uk_att_load(c, base + d + l, half);
  for (int w = 8; w >= 1; w /= 2)
    for (int l = 0; l < w; ++l)
      lane[l] += lane[l + w];
  return lane[0];
}

/* One key of the online softmax: o and l are scaled by exp(-m). */
/* `counted` keys also add their weight to *sm (the attention mass on the
 * first positions, for taps), scaled like *l. */
UK_INLINE void uk_att_step(const float *qh, const void *cache, int64_t slot,
                           int64_t values, int64_t hd, float scale,
                           float softcap, float inv_cap, float *o, float *m,
                           float *l, float *sm, int counted, int half) {
  float z = scale * uk_att_dot(qh, cache, slot * hd, hd, half);
  if (softcap > 0.0f)
    z = softcap * uk_tanh(z * inv_cap);
  const int64_t vb = values + slot * hd;
  if (z > *m) { /* new max: rescale what was summed so far */
    const float c = uk_exp(*m - z);
    *l = *l * c + 1.0f;
    *sm = *sm * c + (counted ? 1.0f : 0.0f);
    for (int64_t d = 0; d < hd; ++d)
      o[d] = o[d] * c + uk_att_load(cache, vb + d, half);
    *m = z;
  } else {
    const float e = uk_exp(z - *m);
    *l += e;
    if (counted)
      *sm += e;
    for (int64_t d = 0; d < hd; ++d)
      o[d] += e * uk_att_load(cache, vb + d, half);
  }
}

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
     * full), then [tail_begin, p] around the ring. */
    int64_t head_end = p + 1, tail_begin = p + 1;
    if (streaming) {
      head_end = sinks < p + 1 ? sinks : p + 1;
      tail_begin = p - window + 1 > sinks ? p - window + 1 : sinks;
    }
    for (int64_t h = 0; h < group; ++h) {
      const float *qh = q + t * q_token_stride + h * hd;
      float *o = out + t * out_token_stride + h * hd;
      /* A sink logit starts the running max and sum; -inf is no sink. */
      float m = uk_bits_to_float(UK_INF_BITS | 0x80000000u), l = 0.0f, sm = 0.0f;
      if (sink_logits && sink_logits[h] > m) {
        m = sink_logits[h];
        l = 1.0f;
      }
      for (int64_t d = 0; d < hd; ++d)
        o[d] = 0.0f;
      for (int64_t j = 0; j < head_end; ++j)
        uk_att_step(qh, cache, j, values, hd, scale, softcap, inv_cap, o, &m,
                    &l, &sm, j < mass_positions, half);
      if (tail_begin <= p) {
        int64_t s = sinks + (tail_begin - sinks) % window;
        for (int64_t j = tail_begin; j <= p; ++j) {
          uk_att_step(qh, cache, s, values, hd, scale, softcap, inv_cap, o,
                      &m, &l, &sm, j < mass_positions, half);
          if (++s == sinks + window)
            s = sinks;
        }
      }
      const float inv = 1.0f / l;
      for (int64_t d = 0; d < hd; ++d)
        o[d] *= inv;
      if (mass)
        mass[t * mass_token_stride + h] = sm * inv;
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
