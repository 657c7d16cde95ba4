/*===- uk_attention_reference.c - Reference attention -------------*- C -*-===//
 *
 * The obvious version of sinkc_uk_attention_*: for each token, store its key
 * and value at the kv-abi slot, then a two-pass softmax in double over the
 * positions the numpy oracle's visible() admits (libm allowed). Tests only.
 *===----------------------------------------------------------------------===*/

#include "uk_reference.h"

#include <math.h>

uint16_t sinkc_ukref_float_to_half(float f) {
  const uint16_t sign = signbit(f) ? 0x8000 : 0;
  double a = fabs((double)f);
  if (isnan(f))
    return 0x7e00;
  if (a >= 65520.0) /* halfway to 2^16 and beyond: infinity */
    return sign | 0x7c00;
  /* Quantum of the half binade holding a (subnormals: 2^-24). */
  int e;
  frexp(a, &e); /* a = m 2^e, m in [0.5, 1) */
  const double quantum = ldexp(1.0, (e - 1 < -14 ? -14 : e - 1) - 10);
  const double r = nearbyint(a / quantum) * quantum; /* RNE */
  if (r < 0x1p-14)
    return sign | (uint16_t)(r / 0x1p-24);
  frexp(r, &e);
  const uint16_t mant = (uint16_t)((r / ldexp(1.0, e - 1) - 1.0) * 1024.0);
  return sign | (uint16_t)((e - 1 + 15) << 10) | mant;
}

static int64_t abi_slot(int64_t p, int64_t sinks, int64_t window) {
  if (window <= 0 || p < sinks)
    return p;
  return sinks + (p - sinks) % window;
}

static double load(const void *c, int64_t i, int half) {
  return half ? sinkc_ukref_half_to_float(((const uint16_t *)c)[i])
              : ((const float *)c)[i];
}

static void attention(const float *q, int64_t qs, const float *k,
                      const float *v, int64_t kvs, void *cache, int64_t slots,
                      int64_t hd, int64_t group, int64_t tokens, int64_t pos,
                      int64_t sinks, int64_t window, float scale,
                      float softcap, const float *sink_logits, float *out,
                      int64_t os, int half) {
  const int64_t values = slots * hd;
  for (int64_t t = 0; t < tokens; ++t) {
    const int64_t p = pos + t;
    const int64_t slot = abi_slot(p, sinks, window);
    for (int64_t d = 0; d < hd; ++d) {
      const float kx = k[t * kvs + d], vx = v[t * kvs + d];
      if (half) {
        ((uint16_t *)cache)[slot * hd + d] = sinkc_ukref_float_to_half(kx);
        ((uint16_t *)cache)[values + slot * hd + d] =
            sinkc_ukref_float_to_half(vx);
      } else {
        ((float *)cache)[slot * hd + d] = kx;
        ((float *)cache)[values + slot * hd + d] = vx;
      }
    }
    for (int64_t h = 0; h < group; ++h) {
      const float *qh = q + t * qs + h * hd;
      /* Pass 1: the max logit (sink included). */
      double m = sink_logits ? (double)sink_logits[h] : -INFINITY;
      for (int64_t j = 0; j <= p; ++j) {
        if (window > 0 && !(j < sinks || p - j < window))
          continue;
        const int64_t s = abi_slot(j, sinks, window);
        double z = 0.0;
        for (int64_t d = 0; d < hd; ++d)
          z += (double)qh[d] * load(cache, s * hd + d, half);
        z *= scale;
        if (softcap > 0.0f)
          z = softcap * tanh(z / softcap);
        if (z > m)
          m = z;
      }
      /* Pass 2: weights and the weighted sum of values. */
      double denom = sink_logits ? exp((double)sink_logits[h] - m) : 0.0;
      double acc[hd];
      for (int64_t d = 0; d < hd; ++d)
        acc[d] = 0.0;
      for (int64_t j = 0; j <= p; ++j) {
        if (window > 0 && !(j < sinks || p - j < window))
          continue;
        const int64_t s = abi_slot(j, sinks, window);
        double z = 0.0;
        for (int64_t d = 0; d < hd; ++d)
          z += (double)qh[d] * load(cache, s * hd + d, half);
        z *= scale;
        if (softcap > 0.0f)
          z = softcap * tanh(z / softcap);
        const double w = exp(z - m);
        denom += w;
        for (int64_t d = 0; d < hd; ++d)
          acc[d] += w * load(cache, values + s * hd + d, half);
      }
      for (int64_t d = 0; d < hd; ++d)
        out[t * os + h * hd + d] = (float)(acc[d] / denom);
    }
  }
}

void sinkc_ukref_attention_f16(const float *q, int64_t q_token_stride,
                               const float *k, const float *v,
                               int64_t kv_token_stride, uint16_t *cache_entry,
                               int64_t slots, int64_t head_dim, int64_t group,
                               int64_t tokens, int64_t pos, int64_t sinks,
                               int64_t window, float scale, float softcap,
                               const float *sink_logits, float *out,
                               int64_t out_token_stride) {
  attention(q, q_token_stride, k, v, kv_token_stride, cache_entry, slots,
            head_dim, group, tokens, pos, sinks, window, scale, softcap,
            sink_logits, out, out_token_stride, 1);
}

void sinkc_ukref_attention_f32(const float *q, int64_t q_token_stride,
                               const float *k, const float *v,
                               int64_t kv_token_stride, float *cache_entry,
                               int64_t slots, int64_t head_dim, int64_t group,
                               int64_t tokens, int64_t pos, int64_t sinks,
                               int64_t window, float scale, float softcap,
                               const float *sink_logits, float *out,
                               int64_t out_token_stride) {
  attention(q, q_token_stride, k, v, kv_token_stride, cache_entry, slots,
            head_dim, group, tokens, pos, sinks, window, scale, softcap,
            sink_logits, out, out_token_stride, 0);
}
