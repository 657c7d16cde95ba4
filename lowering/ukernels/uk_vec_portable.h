/*===- uk_vec_portable.h - Portable vector operations -------------*- C -*-===//
 *
 * Plain C over 16-float structs; clang vectorizes the lane loops (AVX2 on
 * x86-64-v3, SSE2 on x86-64). `a * b + c` in one expression contracts to an
 * FMA where the target has one (clang's default -ffp-contract=on), which
 * matches the AVX-512 path bit for bit.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_VEC_PORTABLE_H
#define SINKC_UK_VEC_PORTABLE_H

/* Smaller tiles: 16 ymm registers at most. */
#define UK_GEMV_ROWS 2
#define UK_GEMM_ROWS 1
#define UK_GEMM_TOKENS 2

typedef struct {
  float v[16];
} uk_v16;

UK_INLINE uk_v16 uk_zero(void) {
  uk_v16 r;
  for (int i = 0; i < 16; ++i)
    r.v[i] = 0.0f;
  return r;
}

UK_INLINE uk_v16 uk_add(uk_v16 a, uk_v16 b) {
  for (int i = 0; i < 16; ++i)
    a.v[i] = a.v[i] + b.v[i];
  return a;
}

UK_INLINE uk_v16 uk_fma(uk_v16 a, uk_v16 b, uk_v16 c) {
  for (int i = 0; i < 16; ++i)
    c.v[i] = a.v[i] * b.v[i] + c.v[i];
  return c;
}

UK_INLINE uk_v16 uk_load(const float *p) {
  uk_v16 r;
  for (int i = 0; i < 16; ++i)
    r.v[i] = p[i];
  return r;
}

/* The first k (0..16) floats at p, zeros after; reads nothing beyond. */
UK_INLINE uk_v16 uk_load_n(const float *p, int k) {
  uk_v16 r = uk_zero();
  for (int i = 0; i < k; ++i)
    r.v[i] = p[i];
  return r;
}

/* Tree sum: lanes 0..7 + 8..15, then halves of 8, 4, 2. */
UK_INLINE float uk_reduce(uk_v16 s) {
  for (int w = 8; w >= 1; w /= 2)
    for (int i = 0; i < w; ++i)
      s.v[i] = s.v[i] + s.v[i + w];
  return s.v[0];
}

UK_INLINE float uk_half(const uint8_t *p) {
  return uk_half_to_float(uk_read_u16(p));
}

/* Dequantizes the 32-value block at p: values 0..15 to *lo, 16..31 to *hi. */
UK_INLINE void uk_load_block(int fmt, const uint8_t *p, uk_v16 *lo,
                             uk_v16 *hi) {
  switch (fmt) {
  case UK_F32:
    *lo = uk_load((const float *)p);
    *hi = uk_load((const float *)p + 16);
    return;
  case UK_F16:
    for (int i = 0; i < 16; ++i) {
      lo->v[i] = uk_half(p + 2 * i);
      hi->v[i] = uk_half(p + 32 + 2 * i);
    }
    return;
  case UK_Q8_0: {
    const float d = uk_half(p);
    for (int i = 0; i < 16; ++i) {
      lo->v[i] = (float)(int8_t)p[2 + i] * d;
      hi->v[i] = (float)(int8_t)p[18 + i] * d;
    }
    return;
  }
  case UK_BF16: /* the high halves of f32s: exact, every bit kept */
    for (int i = 0; i < 16; ++i) {
      lo->v[i] = uk_bits_to_float((uint32_t)uk_read_u16(p + 2 * i) << 16);
      hi->v[i] = uk_bits_to_float((uint32_t)uk_read_u16(p + 32 + 2 * i) << 16);
    }
    return;
  case UK_Q4_0: {
    const float d = uk_half(p);
    for (int i = 0; i < 16; ++i) {
      lo->v[i] = (float)((p[2 + i] & 0x0f) - 8) * d;
      hi->v[i] = (float)((p[2 + i] >> 4) - 8) * d;
    }
    return;
  }
  case UK_Q5_0: {
    const float d = uk_half(p);
    const uint32_t qh = uk_read_u32(p + 2);
    for (int i = 0; i < 16; ++i) {
      const int x0 = (p[6 + i] & 0x0f) | (int)((qh >> i) & 1) << 4;
      const int x1 = (p[6 + i] >> 4) | (int)((qh >> (i + 16)) & 1) << 4;
      lo->v[i] = (float)(x0 - 16) * d;
      hi->v[i] = (float)(x1 - 16) * d;
    }
    return;
  }
  case UK_Q5_1: {
    const float d = uk_half(p), m = uk_half(p + 2);
    const uint32_t qh = uk_read_u32(p + 4);
    for (int i = 0; i < 16; ++i) {
      const int x0 = (p[8 + i] & 0x0f) | (int)((qh >> i) & 1) << 4;
      const int x1 = (p[8 + i] >> 4) | (int)((qh >> (i + 16)) & 1) << 4;
      lo->v[i] = (float)x0 * d + m;
      hi->v[i] = (float)x1 * d + m;
    }
    return;
  }
  default: { /* UK_Q4_1 */
    const float d = uk_half(p), m = uk_half(p + 2);
    for (int i = 0; i < 16; ++i) {
      lo->v[i] = (float)(p[4 + i] & 0x0f) * d + m;
      hi->v[i] = (float)(p[4 + i] >> 4) * d + m;
    }
    return;
  }
  }
}

/* The first k (1..31) values of an f32 / f16 / bf16 block, zero-padded. */
UK_INLINE void uk_load_partial(int fmt, const uint8_t *p, int k, uk_v16 *lo,
                               uk_v16 *hi) {
  *lo = uk_zero();
  *hi = uk_zero();
  for (int i = 0; i < k; ++i) {
    const float v =
        fmt == UK_F32    ? ((const float *)p)[i]
        : fmt == UK_BF16 ? uk_bits_to_float((uint32_t)uk_read_u16(p + 2 * i)
                                            << 16)
                         : uk_half(p + 2 * i);
    if (i < 16)
      lo->v[i] = v;
    else
      hi->v[i - 16] = v;
  }
}

/* Block s (0..7) of the K-quant super-block at p, k its factors
 * (uk_kquant_scales): values 0..15 to *lo, 16..31 to *hi. */
UK_INLINE void uk_load_kblock(int fmt, const uint8_t *p, const float *k,
                              int s, uk_v16 *lo, uk_v16 *hi) {
  if (fmt == UK_Q4_K) { /* q * (d * sc) + -(dmin * m), q a nibble */
    const uint8_t *q = p + 16 + 32 * (s >> 1);
    const int shift = 4 * (s & 1);
    const float d = k[s], m = k[8 + s];
    for (int i = 0; i < 16; ++i) {
      lo->v[i] = (float)((q[i] >> shift) & 0x0f) * d + m;
      hi->v[i] = (float)((q[16 + i] >> shift) & 0x0f) * d + m;
    }
    return;
  }
  /* UK_Q6_K: (low nibble of ql | 2 bits of qh << 4) - 32, times d * sc. */
  const int n = s >> 2, i4 = s & 3;
  const uint8_t *ql = p + 64 * n + 32 * (i4 & 1), *qh = p + 128 + 32 * n;
  const int sl = 4 * (i4 >> 1), sh = 2 * i4;
  const float d0 = k[2 * s], d1 = k[2 * s + 1];
  for (int i = 0; i < 16; ++i) {
    const int x0 = ((ql[i] >> sl) & 0x0f) | ((qh[i] >> sh) & 3) << 4;
    const int x1 = ((ql[16 + i] >> sl) & 0x0f) | ((qh[16 + i] >> sh) & 3) << 4;
    lo->v[i] = (float)(x0 - 32) * d0;
    hi->v[i] = (float)(x1 - 32) * d1;
  }
}

/* An f16 group scale as a float (exact, every bit pattern). */
UK_INLINE float uk_scale_half(const uint8_t *p) { return uk_half(p); }

/* Chunk s of a group format's group whose codes start at q, d and m its
 * factors (uk_unit_factors): values 32s + 0..15 to *lo, 32s + 16..31 to
 * *hi. `q * d + m` contracts to one FMA where the target has one. */
UK_INLINE void uk_load_gchunk(int fmt, const uint8_t *q, float d, float m,
                              int s, uk_v16 *lo, uk_v16 *hi) {
  if (uk_group_i8(fmt)) {
    const uint8_t *c = q + 32 * s;
    for (int i = 0; i < 16; ++i) {
      if (uk_group_asym(fmt)) { /* unsigned codes */
        lo->v[i] = (float)c[i] * d + m;
        hi->v[i] = (float)c[16 + i] * d + m;
      } else { /* signed codes */
        lo->v[i] = (float)(int8_t)c[i] * d;
        hi->v[i] = (float)(int8_t)c[16 + i] * d;
      }
    }
    return;
  }
  const uint8_t *c = q + 16 * s;
  for (int i = 0; i < 16; ++i) {
    if (uk_group_asym(fmt)) {
      lo->v[i] = (float)(c[i] & 0x0f) * d + m;
      hi->v[i] = (float)(c[i] >> 4) * d + m;
    } else {
      lo->v[i] = (float)((c[i] & 0x0f) - 8) * d;
      hi->v[i] = (float)((c[i] >> 4) - 8) * d;
    }
  }
}

#endif /* SINKC_UK_VEC_PORTABLE_H */
