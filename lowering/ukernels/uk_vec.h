/*===- uk_vec.h - 16-lane f32 vectors and block loaders -----------*- C -*-===//
 *
 * Internal to the microkernels. Two implementations of the same operations:
 * AVX-512 intrinsics, and plain C over 16-float structs that clang
 * auto-vectorizes for other targets. Both follow the order documented in
 * sinkc_ukernels.h; with FMA available they give bitwise equal results.
 * Nothing here may call libc or libm: the bitcode is linked into generated
 * modules that have neither.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_VEC_H
#define SINKC_UK_VEC_H

#include <stdint.h>

#define UK_INLINE static inline __attribute__((always_inline))

/* Weight formats; always compile-time constants after inlining. */
enum { UK_F32, UK_F16, UK_Q8_0, UK_Q4_1 };

/* Bytes of one 32-value block of `fmt`. */
UK_INLINE int64_t uk_block_bytes(int fmt) {
  switch (fmt) {
  case UK_F32: return 128;
  case UK_F16: return 64;
  case UK_Q8_0: return 34;
  default: return 20;
  }
}

UK_INLINE uint16_t uk_read_u16(const uint8_t *p) {
  return (uint16_t)(p[0] | (p[1] << 8));
}

UK_INLINE float uk_bits_to_float(uint32_t u) {
  union { uint32_t u; float f; } v = {u};
  return v.f;
}

UK_INLINE uint32_t uk_float_to_bits(float f) {
  union { float f; uint32_t u; } v = {f};
  return v.u;
}

/* IEEE half -> float, exact for every input, integer ops only: no F16C, no
 * libcall, and no dependence on the MXCSR denormal modes. */
UK_INLINE float uk_half_to_float(uint16_t h) {
  const uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  const uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  uint32_t mag;
  if (exp == 0) /* zero or subnormal: mant * 2^-24 is a normal float */
    mag = uk_float_to_bits((float)mant * 0x1p-24f);
  else if (exp == 31) /* inf / NaN, payload kept */
    mag = 0x7f800000u | (mant << 13);
  else
    mag = ((exp + 112) << 23) | (mant << 13);
  return uk_bits_to_float(sign | mag);
}

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include "uk_vec_avx512.h"
#else
#include "uk_vec_portable.h"
#endif

#endif /* SINKC_UK_VEC_H */
