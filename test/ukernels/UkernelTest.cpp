//===- UkernelTest.cpp - Microkernels against the scalar references -------===//
//
// Every flavour x format: dot within the documented bound of the f64
// reference, each weight recovered exactly through one-hot activations, and
// GEMV / GEMM bitwise equal to repeated dot (the tile shares one summation
// order), strides and untouched padding included.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace sinkc::uktest;

namespace {

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

std::vector<int64_t> sizesFor(Fmt fmt) {
  std::vector<int64_t> sizes = {32, 64, 96, 160, 576, 1536, 4096};
  if (fmt == Fmt::F32 || fmt == Fmt::F16)
    sizes.insert(sizes.end(), {1, 7, 16, 17, 31, 33, 100, 577, 4095});
  return sizes;
}

using Param = std::tuple<const Flavor *, Fmt>;

class UkernelTest : public ::testing::TestWithParam<Param> {
protected:
  const Flavor &flavor() const { return *std::get<0>(GetParam()); }
  Fmt fmt() const { return std::get<1>(GetParam()); }
  float dot(const std::vector<uint8_t> &row, const float *x, int64_t n) const {
    return flavor().dot[int(fmt())](row.data(), x, n);
  }
  std::mt19937 rng{1234};
};

TEST_P(UkernelTest, DotWithinBoundOfReference) {
  for (int64_t n : sizesFor(fmt())) {
    for (int trial = 0; trial < 8; ++trial) {
      const std::vector<uint8_t> row = randomRow(fmt(), n, rng);
      const std::vector<float> x = randomActivations(n, rng);
      const double ref = referenceDot(fmt(), row.data(), x.data(), n);
      const double bound = errorBound(fmt(), row.data(), x.data(), n);
      const float got = dot(row, x.data(), n);
      ASSERT_LE(std::fabs(double(got) - ref), bound)
          << "n=" << n << " trial=" << trial << " got=" << got
          << " ref=" << ref;
    }
  }
}

// x = e_j reads back weight j alone: catches any layout or nibble mix-up.
TEST_P(UkernelTest, OneHotRecoversEachWeight) {
  const int64_t n = 96;
  const std::vector<uint8_t> row = randomRow(fmt(), n, rng);
  const std::vector<float> w = referenceDequant(fmt(), row.data(), n);
  std::vector<float> x(n, 0.0f);
  for (int64_t j = 0; j < n; ++j) {
    x[j] = 1.0f;
    const float got = dot(row, x.data(), n);
    // fma(q, d, m) rounds once where ggml rounds q*d, then + m.
    const double slack = fmt() == Fmt::Q4_1 && flavor().hasFma
                             ? errorBound(fmt(), row.data(), x.data(), n)
                             : 0.0;
    x[j] = 0.0f;
    if (slack > 0) {
      EXPECT_LE(std::fabs(double(got) - w[j]), slack) << "j=" << j;
      continue;
    }
    // Equal as values: the zero accumulators turn a -0 weight into +0.
    EXPECT_EQ(got, w[j]) << "j=" << j;
  }
}

TEST_P(UkernelTest, ZeroLengthAndZeroRows) {
  if (fmt() == Fmt::F32 || fmt() == Fmt::F16) {
    const float x = 1.0f;
    EXPECT_EQ(bitsOf(flavor().dot[int(fmt())](&x, &x, 0)), 0u);
  }
  float y = 42.0f;
  const std::vector<uint8_t> row = randomRow(fmt(), 32, rng);
  const std::vector<float> x = randomActivations(32, rng);
  flavor().gemv[int(fmt())](row.data(), 0, x.data(), &y, 0, 32);
  flavor().gemm[int(fmt())](row.data(), 0, x.data(), 32, &y, 1, 0, 32, 3);
  flavor().gemm[int(fmt())](row.data(), 0, x.data(), 32, &y, 1, 1, 32, 0);
  EXPECT_EQ(y, 42.0f);
}

TEST_P(UkernelTest, GemvEqualsRepeatedDot) {
  for (int64_t cols : {32, 96, 576, 33, 100}) {
    if (fmt() != Fmt::F32 && fmt() != Fmt::F16 && cols % 32)
      continue;
    for (int64_t rows : {1, 2, 3, 4, 5, 7, 9, 13}) {
      // Rows padded by 8 bytes: row_bytes is a stride, not the row size.
      const int64_t stride = rowBytes(fmt(), cols) + 8;
      std::vector<uint8_t> w(stride * rows, 0xee);
      std::vector<std::vector<uint8_t>> each;
      for (int64_t r = 0; r < rows; ++r) {
        each.push_back(randomRow(fmt(), cols, rng));
        std::memcpy(&w[r * stride], each.back().data(), each.back().size());
      }
      const std::vector<float> x = randomActivations(cols, rng);
      std::vector<float> y(rows + 1, -7.0f);
      flavor().gemv[int(fmt())](w.data(), stride, x.data(), y.data(), rows,
                                cols);
      for (int64_t r = 0; r < rows; ++r)
        ASSERT_EQ(bitsOf(y[r]), bitsOf(dot(each[r], x.data(), cols)))
            << "rows=" << rows << " cols=" << cols << " r=" << r;
      EXPECT_EQ(y[rows], -7.0f) << "wrote past the last row";
    }
  }
}

TEST_P(UkernelTest, GemmEqualsRepeatedDot) {
  for (int64_t cols : {64, 576, 17}) {
    if (fmt() != Fmt::F32 && fmt() != Fmt::F16 && cols % 32)
      continue;
    for (int64_t rows : {1, 2, 3, 5, 8}) {
      for (int64_t tokens : {1, 2, 3, 4, 5, 8, 9}) {
        const int64_t stride = rowBytes(fmt(), cols);
        std::vector<uint8_t> w;
        for (int64_t r = 0; r < rows; ++r) {
          const std::vector<uint8_t> row = randomRow(fmt(), cols, rng);
          w.insert(w.end(), row.begin(), row.end());
        }
        const int64_t xStride = cols + 5, yStride = rows + 3;
        std::vector<float> x(xStride * tokens, 1e30f);
        for (int64_t t = 0; t < tokens; ++t) {
          const std::vector<float> xt = randomActivations(cols, rng);
          std::copy(xt.begin(), xt.end(), x.begin() + t * xStride);
        }
        std::vector<float> y(yStride * tokens, -7.0f);
        flavor().gemm[int(fmt())](w.data(), stride, x.data(), xStride,
                                  y.data(), yStride, rows, cols, tokens);
        for (int64_t t = 0; t < tokens; ++t) {
          for (int64_t r = 0; r < yStride; ++r) {
            const float got = y[t * yStride + r];
            if (r >= rows) {
              ASSERT_EQ(got, -7.0f) << "wrote padding t=" << t << " r=" << r;
              continue;
            }
            const float want = flavor().dot[int(fmt())](
                &w[r * stride], &x[t * xStride], cols);
            ASSERT_EQ(bitsOf(got), bitsOf(want))
                << "rows=" << rows << " cols=" << cols << " tokens=" << tokens
                << " t=" << t << " r=" << r;
          }
        }
      }
    }
  }
}

std::vector<Param> allParams() {
  std::vector<Param> params;
  for (const Flavor *f : flavors())
    for (Fmt fmt : {Fmt::F32, Fmt::F16, Fmt::Q8_0, Fmt::Q4_1})
      params.emplace_back(f, fmt);
  return params;
}

INSTANTIATE_TEST_SUITE_P(
    All, UkernelTest, ::testing::ValuesIn(allParams()),
    [](const ::testing::TestParamInfo<Param> &info) {
      return std::string(std::get<0>(info.param)->name) + "_" +
             fmtName(std::get<1>(info.param));
    });

} // namespace
