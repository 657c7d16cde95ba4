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

/* The first k (1..31) values of an f32 / f16 block, zero-padded. */
UK_INLINE void uk_load_partial(int fmt, const uint8_t *p, int k, uk_v16 *lo,
                               uk_v16 *hi) {
  *lo = uk_zero();
  *hi = uk_zero();
  for (int i = 0; i < k; ++i) {
    const float v = fmt == UK_F32 ? ((const float *)p)[i] : uk_half(p + 2 * i);
    if (i < 16)
      lo->v[i] = v;
    else
      hi->v[i - 16] = v;
  }
}

#endif /* SINKC_UK_VEC_PORTABLE_H */
