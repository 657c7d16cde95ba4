/*===- uk_reference.h - Scalar references for the microkernels ----*- C -*-===//
 *
 * Deliberately simple: dequantize exactly as ggml does (ggml-quants.c,
 * dequantize_row_*), then an f64 dot. Tests only.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UK_REFERENCE_H
#define SINKC_UK_REFERENCE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

float sinkc_ukref_half_to_float(uint16_t h);

/* n values (n % 32 == 0 for the block formats) of a row into out. */
void sinkc_ukref_dequant_f16(const uint16_t *w, float *out, int64_t n);
void sinkc_ukref_dequant_q8_0(const void *w, float *out, int64_t n);
void sinkc_ukref_dequant_q4_1(const void *w, float *out, int64_t n);

/* bf16: the high half of an f32 (bits << 16). */
void sinkc_ukref_dequant_bf16(const uint16_t *w, float *out, int64_t n);

/* The issue #5 formats, as ggml's dequantize_row_* (n % 32 == 0; n % 256 ==
 * 0 for the K-quants). */
void sinkc_ukref_dequant_q4_0(const void *w, float *out, int64_t n);
void sinkc_ukref_dequant_q5_0(const void *w, float *out, int64_t n);
void sinkc_ukref_dequant_q5_1(const void *w, float *out, int64_t n);
void sinkc_ukref_dequant_q4_k(const void *w, float *out, int64_t n);
void sinkc_ukref_dequant_q6_k(const void *w, float *out, int64_t n);

/* sinkc_uk_embedding_* (sinkc_ukernels.h): row ids[t] of the table (rows
 * row_bytes apart) dequantized by the functions above into out[t * cols],
 * +0.0f for an id outside [0, rows). q4_1 computes q * d, then + m, as ggml;
 * q * d being exact in f32, that equals the FMA flavours' fma(q, d, m). */
#define SINKC_UKREF_DECLARE_EMBEDDING(FMT)                                     \
  void sinkc_ukref_embedding_##FMT(const void *table, int64_t row_bytes,       \
                                   int64_t rows, const int32_t *ids,           \
                                   int64_t tokens, float *out, int64_t cols);
SINKC_UKREF_DECLARE_EMBEDDING(f32)
SINKC_UKREF_DECLARE_EMBEDDING(f16)
SINKC_UKREF_DECLARE_EMBEDDING(bf16)
SINKC_UKREF_DECLARE_EMBEDDING(q8_0)
SINKC_UKREF_DECLARE_EMBEDDING(q4_1)
SINKC_UKREF_DECLARE_EMBEDDING(q4_0)
SINKC_UKREF_DECLARE_EMBEDDING(q5_0)
SINKC_UKREF_DECLARE_EMBEDDING(q5_1)
SINKC_UKREF_DECLARE_EMBEDDING(q4_k)
SINKC_UKREF_DECLARE_EMBEDDING(q6_k)
#undef SINKC_UKREF_DECLARE_EMBEDDING

/* sinkc's group formats (sinkc_ukernels.h), scalar code from the layout
 * there: bits 4 or 8, group 32 / 64 / 128 values, asymmetric (a minimum m
 * after the scale d) or not, scales f16 or f32 (scale_f32). */
typedef struct {
  int bits, group, asymmetric, scale_f32;
} sinkc_ukref_group_format;

/* Bytes of one group. */
int64_t sinkc_ukref_group_bytes(sinkc_ukref_group_format f);

/* n values (n % group == 0) of a row into out: (q - 8) * d, q * d, or for
 * asymmetric formats fmaf(q, d, m) (fused != 0) or q * d, then + m, as the
 * flavours with and without FMA compute them. */
void sinkc_ukref_dequant_group(sinkc_ukref_group_format f, int fused,
                               const void *w, float *out, int64_t n);

/* sinkc_uk_embedding_<group format> through sinkc_ukref_dequant_group. */
void sinkc_ukref_embedding_group(sinkc_ukref_group_format f, int fused,
                                 const void *table, int64_t row_bytes,
                                 int64_t rows, const int32_t *ids,
                                 int64_t tokens, float *out, int64_t cols);

/* sum_i w_i * x[i] in f64 over the values of the layout computed in f64
 * (q * d + m with one f64 rounding at most: the ideal weights). */
double sinkc_ukref_dot_group(sinkc_ukref_group_format f, const void *w,
                             const float *x, int64_t n);

/* sum_i w[i] * x[i] in f64 over the dequantized row. */
double sinkc_ukref_dot_f32(const float *w, const float *x, int64_t n);
double sinkc_ukref_dot_f16(const uint16_t *w, const float *x, int64_t n);
double sinkc_ukref_dot_q8_0(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q4_1(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_bf16(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q4_0(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q5_0(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q5_1(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q4_k(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q6_k(const void *w, const float *x, int64_t n);

/* The kernels' own summation order (sinkc_ukernels.h) in scalar f32 over an
 * already dequantized row w: 32 lanes (lo: l, hi: 16 + l of each block of
 * 32, a shorter last block zero-padded) accumulating w * x with fmaf
 * (fused != 0) or a rounded product and sum (fused == 0), lo + hi, then the
 * tree of halves 8, 4, 2, 1. Every flavour's sinkc_uk_dot_* equals this of
 * its dequantized row bit for bit (fused = whether it has FMA). */
float sinkc_ukref_dot_ordered(const float *w, const float *x, int64_t n,
                              int fused);

/* The int8-activation kernels (sinkc_ukernels.h, issue #7), scalar code
 * from the description there: the activation quantization per block of 32
 * (q[n], d[n / 32], sums[n / 32]; libm's fabsf / isnan / rintf), and the
 * dot of a weight row against quantized activations: exact integer block
 * sums (q4_0 less 8 S), then per block c = (dw * dx) * I (q4_1: + mw *
 * (dx * S)), each operation rounded in f32, summed block by block from
 * +0. Every flavour's sinkc_uk_dot_*_q8a / GEMV / GEMM equals these bit
 * for bit (the group formats i8g32s_f16, i4g32s_f16, i4g32a_f16 have the
 * layouts of q8_0, q4_0, q4_1). */
void sinkc_ukref_quantize_q8a(const float *x, int64_t n, int8_t *q, float *d,
                              int32_t *sums);
float sinkc_ukref_dot_q8_0_q8a(const void *w, const int8_t *q, const float *d,
                               const int32_t *sums, int64_t n);
float sinkc_ukref_dot_q4_0_q8a(const void *w, const int8_t *q, const float *d,
                               const int32_t *sums, int64_t n);
float sinkc_ukref_dot_q4_1_q8a(const void *w, const int8_t *q, const float *d,
                               const int32_t *sums, int64_t n);

/* IEEE half nearest (ties to even) to f, by arithmetic in double. */
uint16_t sinkc_ukref_float_to_half(float f);

/* sinkc_uk_attention_* (sinkc_ukernels.h), two-pass softmax in double over
 * the same cache (uk_attention_reference.c). */
#define SINKC_UKREF_DECLARE_ATTENTION(FMT, T)                                  \
  void sinkc_ukref_attention_##FMT(                                            \
      const float *q, int64_t q_token_stride, const float *k, const float *v,  \
      int64_t kv_token_stride, T *cache_entry, int64_t slots,                  \
      int64_t head_dim, int64_t group, int64_t tokens, int64_t pos,            \
      int64_t sinks, int64_t window, float scale, float softcap,               \
      const float *sink_logits, float *out, int64_t out_token_stride);
SINKC_UKREF_DECLARE_ATTENTION(f16, uint16_t)
SINKC_UKREF_DECLARE_ATTENTION(f32, float)
#undef SINKC_UKREF_DECLARE_ATTENTION

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SINKC_UK_REFERENCE_H */
