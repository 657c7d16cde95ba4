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

/* sum_i w[i] * x[i] in f64 over the dequantized row. */
double sinkc_ukref_dot_f32(const float *w, const float *x, int64_t n);
double sinkc_ukref_dot_f16(const uint16_t *w, const float *x, int64_t n);
double sinkc_ukref_dot_q8_0(const void *w, const float *x, int64_t n);
double sinkc_ukref_dot_q4_1(const void *w, const float *x, int64_t n);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SINKC_UK_REFERENCE_H */
