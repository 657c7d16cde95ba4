/*===- uk_q8a.c - int8-activation weight microkernels -------------*- C -*-===//
 *
 * Issue #7: dot / GEMV / GEMM of q8_0, q4_0 and q4_1 weights (and the group
 * formats with their layouts: i8g32s_f16, i4g32s_f16, i4g32a_f16) against
 * activations quantized to int8 per block of 32, and the quantizer itself.
 * See sinkc_ukernels.h for the quantization, the block math and the order.
 *===----------------------------------------------------------------------===*/

#include "uk_q8a.h"

void sinkc_uk_quantize_q8a(const float *x, int64_t n, int8_t *q, float *d,
                           int32_t *sums) {
  uk_q8a_quantize(x, n / SINKC_UK_QK, q, d, sums);
}

UK_DEFINE_Q8A_KERNELS(q8_0, UK_Q8_0)
UK_DEFINE_Q8A_KERNELS(q4_0, UK_Q4_0)
UK_DEFINE_Q8A_KERNELS(q4_1, UK_Q4_1)
UK_DEFINE_Q8A_KERNELS(i8g32s_f16, UK_Q8_0)
UK_DEFINE_Q8A_KERNELS(i4g32s_f16, UK_Q4_0)
UK_DEFINE_Q8A_KERNELS(i4g32a_f16, UK_Q4_1)
