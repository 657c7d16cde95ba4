/*===- uk_embedding.c - Embedding gather + dequantize -------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the contract. f32 / f16 / q8_0 / q4_1 rows go
 * through the dot kernels' own block loaders (uk_load_block /
 * uk_load_partial), so each value carries exactly the rounding the dot
 * kernels of this flavour give that weight. bf16 -> f32 is a shift.
 *
 * No libc: loops here stay loops (the bitcode is built -ffreestanding and
 * the compiler keeps "no-builtins" on its callers), and the only memcpy is
 * __builtin_memcpy of a constant 2 or 64 bytes, which LLVM expands inline.
 *===----------------------------------------------------------------------===*/

#include "sinkc_ukernels.h"
#include "uk_vec.h"

_Static_assert(sizeof(uk_v16) == 16 * sizeof(float), "uk_v16 is 16 floats");

/* Stores the 16 lanes of v at p (unaligned). */
UK_INLINE void uk_store(float *p, uk_v16 v) {
  __builtin_memcpy(p, &v, sizeof v);
}

/* The `cols` values of the row at w, in format fmt (UK_F32, UK_F16, UK_Q8_0,
 * UK_Q4_1), to out: whole blocks of 32, then an f32 / f16 tail. */
UK_INLINE void uk_dequant_row(const int fmt, const uint8_t *restrict w,
                              float *restrict out, int64_t cols) {
  const int64_t bytes = uk_block_bytes(fmt), blocks = cols / SINKC_UK_QK;
  for (int64_t b = 0; b < blocks; ++b) {
    uk_v16 lo, hi;
    uk_load_block(fmt, w + b * bytes, &lo, &hi);
    uk_store(out + b * SINKC_UK_QK, lo);
    uk_store(out + b * SINKC_UK_QK + 16, hi);
  }
  const int tail = (int)(cols % SINKC_UK_QK);
  if ((fmt == UK_F32 || fmt == UK_F16) && tail) {
    uk_v16 lo, hi;
    float buf[SINKC_UK_QK];
    uk_load_partial(fmt, w + blocks * bytes, tail, &lo, &hi);
    uk_store(buf, lo);
    uk_store(buf + 16, hi);
    for (int i = 0; i < tail; ++i)
      out[blocks * SINKC_UK_QK + i] = buf[i];
  }
}

/* bf16 is the high half of an f32: exact, every bit pattern kept. */
UK_INLINE void uk_bf16_row(const uint8_t *restrict w, float *restrict out,
                           int64_t cols) {
  for (int64_t c = 0; c < cols; ++c) {
    uint16_t h;
    __builtin_memcpy(&h, w + 2 * c, 2);
    out[c] = uk_bits_to_float((uint32_t)h << 16);
  }
}

UK_INLINE void uk_zero_row(float *out, int64_t cols) {
  for (int64_t c = 0; c < cols; ++c)
    out[c] = 0.0f;
}

/* fmt < 0: bf16. */
UK_INLINE void uk_embedding(const int fmt, const void *table, int64_t row_bytes,
                            int64_t rows, const int32_t *ids, int64_t tokens,
                            float *out, int64_t cols) {
  for (int64_t t = 0; t < tokens; ++t) {
    const int64_t id = ids[t];
    float *dst = out + t * cols;
    if (id < 0 || id >= rows) {
      uk_zero_row(dst, cols);
      continue;
    }
    const uint8_t *row = (const uint8_t *)table + id * row_bytes;
    if (fmt < 0)
      uk_bf16_row(row, dst, cols);
    else
      uk_dequant_row(fmt, row, dst, cols);
  }
}

#define UK_DEFINE_EMBEDDING(NAME, FMT)                                         \
  void sinkc_uk_embedding_##NAME(const void *table, int64_t row_bytes,         \
                                 int64_t rows, const int32_t *ids,             \
                                 int64_t tokens, float *out, int64_t cols) {   \
    uk_embedding(FMT, table, row_bytes, rows, ids, tokens, out, cols);         \
  }

UK_DEFINE_EMBEDDING(f32, UK_F32)
UK_DEFINE_EMBEDDING(f16, UK_F16)
UK_DEFINE_EMBEDDING(bf16, -1)
UK_DEFINE_EMBEDDING(q8_0, UK_Q8_0)
UK_DEFINE_EMBEDDING(q4_1, UK_Q4_1)
