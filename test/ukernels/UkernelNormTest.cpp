//===- UkernelNormTest.cpp - sinkc_uk_rms_norm vs its stated order --------===//
//
// Every flavour: the output bit for bit equal to a scalar C++ evaluation of
// the order sinkc_ukernels.h states (16 lane sums, the halving tree, then
// (x * scale) * w), within 1e-5 relative of a double-precision RMSNorm, for
// row lengths around the 16-lane width and SmolLM2's 576 and 1536, padded
// row strides (the padding holds 1e30 and is never read) and an output
// stride whose padding stays untouched; no tokens, nothing written.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using NormFn = void (*)(const float *, int64_t, const float *, float *, int64_t, int64_t,
                        int64_t, float);
extern "C" {
void vnni_sinkc_uk_rms_norm(const float *, int64_t, const float *, float *, int64_t, int64_t,
                            int64_t, float);
void v3_sinkc_uk_rms_norm(const float *, int64_t, const float *, float *, int64_t, int64_t,
                          int64_t, float);
void x86_64_sinkc_uk_rms_norm(const float *, int64_t, const float *, float *, int64_t, int64_t,
                              int64_t, float);
}

namespace {

using namespace sinkc::uktest;

NormFn normOf(const Flavor &f) {
  std::string name = f.name;
  if (name == "v4")
    return sinkc_uk_rms_norm;
  if (name == "v4_vnni")
    return vnni_sinkc_uk_rms_norm;
  if (name == "v3")
    return v3_sinkc_uk_rms_norm;
  return x86_64_sinkc_uk_rms_norm;
}

/// One row in the stated order, with volatile steps so that nothing fuses.
std::vector<float> statedOrder(const float *x, const float *w, int64_t cols, float eps) {
  float lane[16] = {};
  for (int64_t i = 0; i < cols; ++i) {
    volatile float square = x[i] * x[i];
    lane[i % 16] = lane[i % 16] + square;
  }
  for (int width = 8; width > 0; width /= 2)
    for (int j = 0; j < width; ++j)
      lane[j] = lane[j] + lane[j + width];
  volatile float mean = lane[0] / float(cols);
  volatile float shifted = mean + eps;
  float scale = 1.0f / std::sqrt(float(shifted));
  std::vector<float> y(static_cast<size_t>(cols));
  for (int64_t i = 0; i < cols; ++i) {
    volatile float scaled = x[i] * scale;
    y[size_t(i)] = scaled * w[i];
  }
  return y;
}

TEST(UkernelNorm, MatchesTheStatedOrderInEveryFlavour) {
  std::mt19937 rng(7);
  const float eps = 1e-5f;
  for (int64_t cols : {1, 15, 16, 17, 33, 576, 1536}) {
    for (int64_t tokens : {1, 3}) {
      const int64_t xStride = cols + 5, yStride = cols + 3;
      std::vector<float> x = stridedActivations(cols, tokens, xStride, rng);
      std::vector<float> w = randomActivations(cols, rng);
      for (const Flavor *f : flavors()) {
        SCOPED_TRACE(std::string(f->name) + ", cols " + std::to_string(cols) + ", tokens " +
                     std::to_string(tokens));
        std::vector<float> y(size_t(tokens * yStride), -7.0f);
        normOf(*f)(x.data(), xStride, w.data(), y.data(), yStride, cols, tokens, eps);
        for (int64_t t = 0; t < tokens; ++t) {
          const float *xt = x.data() + t * xStride;
          std::vector<float> want = statedOrder(xt, w.data(), cols, eps);
          double ss = 0;
          for (int64_t i = 0; i < cols; ++i)
            ss += double(xt[i]) * xt[i];
          double scale = 1.0 / std::sqrt(ss / double(cols) + eps);
          for (int64_t i = 0; i < cols; ++i) {
            float got = y[size_t(t * yStride + i)];
            ASSERT_EQ(std::memcmp(&got, &want[size_t(i)], 4), 0)
                << "token " << t << ", value " << i << ": " << got << " vs " << want[size_t(i)];
            double exact = double(xt[i]) * scale * double(w[size_t(i)]);
            ASSERT_LE(std::fabs(got - exact), 1e-5 * std::fabs(exact) + 1e-30)
                << "token " << t << ", value " << i;
          }
          for (int64_t i = cols; i < yStride; ++i)
            ASSERT_EQ(y[size_t(t * yStride + i)], -7.0f) << "wrote padding at " << i;
        }
      }
    }
  }
}

TEST(UkernelNorm, NoTokensWriteNothing) {
  std::vector<float> x(16, 1.0f), w(16, 1.0f), y(16, -7.0f);
  for (const Flavor *f : flavors()) {
    normOf(*f)(x.data(), 16, w.data(), y.data(), 16, 16, 0, 1e-5f);
    for (float v : y)
      ASSERT_EQ(v, -7.0f) << f->name;
  }
}

} // namespace
