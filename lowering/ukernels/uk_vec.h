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
enum {
  UK_F32, UK_F16, UK_Q8_0, UK_Q4_1,
  UK_BF16, UK_Q4_0, UK_Q5_0, UK_Q5_1, UK_Q4_K, UK_Q6_K
};

/* sinkc's group formats (sinkc_ukernels.h) are UK_GROUP plus fields, the
 * same bits as the package format's dtype codes (sinkrt groupDType):
 * UK_GROUP_I8 (else int4), the group size 32 << n in bits 1..2, UK_GROUP_ASYM
 * (a minimum per group) and UK_GROUP_F32 (else f16 scales). */
enum {
  UK_GROUP = 0x100,
  UK_GROUP_I8 = 0x1,
  UK_GROUP_SIZE_SHIFT = 1,
  UK_GROUP_ASYM = 0x8,
  UK_GROUP_F32 = 0x10
};
#define UK_GROUP_FMT(BITS, GROUP, ASYM, F32)                                   \
  (UK_GROUP | ((BITS) == 8 ? UK_GROUP_I8 : 0) |                                \
   ((GROUP) == 128 ? 2 : (GROUP) == 64 ? 1 : 0) << UK_GROUP_SIZE_SHIFT |       \
   ((ASYM) ? UK_GROUP_ASYM : 0) | ((F32) ? UK_GROUP_F32 : 0))

UK_INLINE int uk_is_group(int fmt) { return (fmt & UK_GROUP) != 0; }
/* Values per group: 32, 64 or 128. */
UK_INLINE int uk_group_size(int fmt) {
  return 32 << ((fmt >> UK_GROUP_SIZE_SHIFT) & 3);
}
UK_INLINE int uk_group_i8(int fmt) { return (fmt & UK_GROUP_I8) != 0; }
UK_INLINE int uk_group_asym(int fmt) { return (fmt & UK_GROUP_ASYM) != 0; }
/* Bytes of one scale (and of the minimum): 2 (f16) or 4 (f32). */
UK_INLINE int uk_group_scale_bytes(int fmt) {
  return (fmt & UK_GROUP_F32) ? 4 : 2;
}
/* Offset of the codes in a group: after d (and m). */
UK_INLINE int uk_group_codes(int fmt) {
  return (uk_group_asym(fmt) ? 2 : 1) * uk_group_scale_bytes(fmt);
}

/* Plain floats: any length, a last block shorter than 32 is zero-padded. */
UK_INLINE int uk_is_float(int fmt) {
  return fmt == UK_F32 || fmt == UK_F16 || fmt == UK_BF16;
}

/* K-quants: super-blocks of 256 values = 8 blocks of 32 with per-block
 * scales, decoded once per super-block by uk_kquant_scales. */
UK_INLINE int uk_is_kquant(int fmt) { return fmt == UK_Q4_K || fmt == UK_Q6_K; }

/* Formats whose unit of storage carries factors that uk_unit_factors
 * decodes once per row and unit. */
UK_INLINE int uk_has_factors(int fmt) {
  return uk_is_kquant(fmt) || uk_is_group(fmt);
}

/* Blocks of 32 per unit of storage: 8 for K-quants, group / 32 for the
 * group formats, else 1. */
UK_INLINE int uk_group_blocks(int fmt) {
  if (uk_is_group(fmt))
    return uk_group_size(fmt) / 32;
  return uk_is_kquant(fmt) ? 8 : 1;
}

/* Bytes of one 32-value block of `fmt` (of one 256-value super-block for
 * the K-quants, of one group for the group formats). */
UK_INLINE int64_t uk_block_bytes(int fmt) {
  if (uk_is_group(fmt))
    return uk_group_size(fmt) * (uk_group_i8(fmt) ? 8 : 4) / 8 +
           uk_group_codes(fmt);
  switch (fmt) {
  case UK_F32: return 128;
  case UK_F16: return 64;
  case UK_Q8_0: return 34;
  case UK_BF16: return 64;
  case UK_Q4_0: return 18;
  case UK_Q5_0: return 22;
  case UK_Q5_1: return 24;
  case UK_Q4_K: return 144;
  case UK_Q6_K: return 210;
  default: return 20;
  }
}

UK_INLINE uint16_t uk_read_u16(const uint8_t *p) {
  return (uint16_t)(p[0] | (p[1] << 8));
}

UK_INLINE uint32_t uk_read_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
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

/* The per-block factors of the K-quant super-block at p, as
 * sinkc_ukernels.h states them (every product exact in f32):
 *   q4_K: k[s] = d * sc_s, k[8 + s] = -(dmin * m_s) for block s = 0..7,
 *         sc_s / m_s the 6-bit pairs of ggml's get_scale_min_k4;
 *   q6_K: k[i] = d * scales[i] for the 16 int8 scales (block s uses k[2s]
 *         for its values 0..15 and k[2s + 1] for 16..31).
 * Other formats have none. */
UK_INLINE void uk_kquant_scales(int fmt, const uint8_t *p, float *k) {
  if (fmt == UK_Q4_K) {
    const float d = uk_half_to_float(uk_read_u16(p));
    const float dmin = uk_half_to_float(uk_read_u16(p + 2));
    const uint8_t *q = p + 4;
    for (int j = 0; j < 8; ++j) {
      int sc, m;
      if (j < 4) {
        sc = q[j] & 63;
        m = q[j + 4] & 63;
      } else {
        sc = (q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4);
        m = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
      }
      k[j] = d * (float)sc;
      k[8 + j] = -(dmin * (float)m);
    }
  } else if (fmt == UK_Q6_K) {
    const float d = uk_half_to_float(uk_read_u16(p + 208));
    for (int i = 0; i < 16; ++i)
      k[i] = d * (float)(int8_t)p[192 + i];
  }
}

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#include "uk_vec_avx512.h"
#else
#include "uk_vec_portable.h"
#endif

/* The factors of the unit at p: uk_kquant_scales for K-quants; for the
 * group formats k[0] = d and k[1] = m (0 when symmetric), f16 scales
 * converted exactly (uk_scale_half, per flavour: finite scales, or any but
 * signalling NaNs). */
UK_INLINE void uk_unit_factors(int fmt, const uint8_t *p, float *k) {
  if (uk_is_group(fmt)) {
    const int f32 = uk_group_scale_bytes(fmt) == 4;
    k[0] = f32 ? uk_bits_to_float(uk_read_u32(p)) : uk_scale_half(p);
    k[1] = !uk_group_asym(fmt) ? 0.0f
           : f32               ? uk_bits_to_float(uk_read_u32(p + 4))
                               : uk_scale_half(p + 2);
  } else {
    uk_kquant_scales(fmt, p, k);
  }
}

/* Block s (0..7) of the unit at p: for K-quants of the super-block at p
 * with factors k (uk_kquant_scales), for the group formats chunk s of the
 * group at p with k = d, m (uk_unit_factors), else the block at p itself. */
UK_INLINE void uk_load_sub(int fmt, const uint8_t *p, const float *k, int s,
                           uk_v16 *lo, uk_v16 *hi) {
  if (uk_is_kquant(fmt))
    uk_load_kblock(fmt, p, k, s, lo, hi);
  else if (uk_is_group(fmt))
    uk_load_gchunk(fmt, p + uk_group_codes(fmt), k[0], k[1], s, lo, hi);
  else
    uk_load_block(fmt, p, lo, hi);
}

#endif /* SINKC_UK_VEC_H */
