/*===- uk_norm.c - RMSNorm over f32 rows ---------------------------*- C -*-===//
 *
 * See sinkc_ukernels.h for the contract. The sum of squares is kept in 16
 * lane sums (value i goes to lane i % 16, each lane summed in order) folded
 * by a fixed halving tree, so it vectorizes on every flavour and still gives
 * the same bits on all of them: no operation is reassociated or fused
 * (contraction is off), only laid out in lanes.
 *===----------------------------------------------------------------------===*/

#include "sinkc_ukernels.h"

#pragma clang fp contract(off)

enum { kLanes = 16 };

/* sum_i x_i^2 over n values, in the lane order above. */
static inline float uk_sum_squares(const float *restrict x, int64_t n) {
  float lane[kLanes] = {0};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; ++j)
      lane[j] = lane[j] + x[i + j] * x[i + j];
  for (int j = 0; i + j < n; ++j)
    lane[j] = lane[j] + x[i + j] * x[i + j];
  for (int width = kLanes / 2; width > 0; width /= 2)
    for (int j = 0; j < width; ++j)
      lane[j] = lane[j] + lane[j + width];
  return lane[0];
}

void sinkc_uk_rms_norm(const float *restrict x, int64_t x_stride,
                       const float *restrict w, float *restrict y,
                       int64_t y_stride, int64_t cols, int64_t tokens,
                       float eps) {
  for (int64_t t = 0; t < tokens; ++t) {
    const float *xt = x + t * x_stride;
    float *yt = y + t * y_stride;
    const float mean = uk_sum_squares(xt, cols) / (float)cols;
    const float scale = 1.0f / __builtin_sqrtf(mean + eps);
    for (int64_t i = 0; i < cols; ++i)
      yt[i] = (xt[i] * scale) * w[i];
  }
}
