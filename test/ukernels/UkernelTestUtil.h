//===- UkernelTestUtil.h - Shared helpers of the microkernel tests -*- C++ -*-//
//
// Every kernel flavour (x86-64-v4 with the real names; x86-64-v4-vnni, v3
// and plain x86-64 with the prefixes SinkcUkernelsHost gives them) behind
// one table, random
// rows in each format, and the error bound the kernels promise.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TEST_UKERNELS_UKERNELTESTUTIL_H
#define SINKC_TEST_UKERNELS_UKERNELTESTUTIL_H

#include "sinkc_ukernels.h"
#include "uk_reference.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace sinkc::uktest {

enum class Fmt { F32, F16, Q8_0, Q4_1, BF16, Q4_0, Q5_0, Q5_1, Q4_K, Q6_K };
constexpr int kNumFmts = 10;
/// The formats of issue #4 and those issue #5 added.
constexpr Fmt kFirstFmts[] = {Fmt::F32, Fmt::F16, Fmt::Q8_0, Fmt::Q4_1};
constexpr Fmt kNewFmts[] = {Fmt::BF16, Fmt::Q4_0, Fmt::Q5_0,
                            Fmt::Q5_1, Fmt::Q4_K, Fmt::Q6_K};
const char *fmtName(Fmt fmt);
/// Bytes of a row of `cols` values.
int64_t rowBytes(Fmt fmt, int64_t cols);
/// Values per block: rows of a quantized format hold whole blocks (32, or
/// 256 for K-quants); 1 for the plain floats, which take any length.
int64_t blockValues(Fmt fmt);

using DotFn = float (*)(const void *, const float *, int64_t);
using GemvFn = void (*)(const void *, int64_t, const float *, float *, int64_t,
                        int64_t);
using GemmFn = void (*)(const void *, int64_t, const float *, int64_t, float *,
                        int64_t, int64_t, int64_t, int64_t);
using EmbeddingFn = void (*)(const void *, int64_t, int64_t, const int32_t *,
                             int64_t, float *, int64_t);

struct Flavor {
  const char *name; ///< "v4", "v4_vnni", "v3", "x86_64"
  bool hasFma;
  DotFn dot[kNumFmts];
  GemvFn gemv[kNumFmts];
  GemmFn gemm[kNumFmts];
  EmbeddingFn embedding[kNumFmts];
};

/// The flavours this machine can run (v4 only with AVX-512, v4_vnni only
/// with AVX512-VNNI too).
const std::vector<const Flavor *> &flavors();
const Flavor &flavorNamed(const std::string &name);

/// One row of `cols` random values in `fmt`. Block scales come from every
/// range a half can hold: subnormal, small, ordinary and up to 65504, both
/// signs (so q4_1's m is often negative); all quant values occur. Rows of
/// the issue #5 formats also hold all-zero blocks and blocks with extreme
/// scales (+-65504, +-2^-24, +-0); bf16 values are finite with exponents in
/// [-133, 100] (subnormals included).
std::vector<uint8_t> randomRow(Fmt fmt, int64_t cols, std::mt19937 &rng);
/// `n` activations in [-1, 1] times powers of two in [2^-8, 2^8].
std::vector<float> randomActivations(int64_t n, std::mt19937 &rng);

/// `tokens` rows of randomActivations(cols), `stride` floats apart; the
/// padding holds 1e30, so a kernel that reads it gets a visibly wrong result.
std::vector<float> stridedActivations(int64_t cols, int64_t tokens, int64_t stride,
                                      std::mt19937 &rng);

/// A GEMM's output y[t * yStride + r]: for r < rows the bits of want(r, t),
/// the padding rows still -7 (what the tests fill y with).
::testing::AssertionResult gemmMatches(const std::vector<float> &y, int64_t yStride,
                                       int64_t rows, int64_t tokens,
                                       const std::function<float(int64_t r, int64_t t)> &want);

/// The scalar reference dot (f64) and the dequantized row.
double referenceDot(Fmt fmt, const uint8_t *row, const float *x, int64_t n);
std::vector<float> referenceDequant(Fmt fmt, const uint8_t *row, int64_t n);

/// The bound of sinkc_ukernels.h's summation order: with u = 2^-24, each
/// lane rounds once per block in its FMA (twice without FMA), the tree five
/// times and the dequantization once, so
///   |got - ref| <= (2 * blocks + 8) * u * sum_i mag_i |x_i|
/// where mag_i = |w_i|, or |q_i d| + |m| for q4_1, q5_1 and q4_K (whose
/// q*d + m may cancel).
double errorBound(Fmt fmt, const uint8_t *row, const float *x, int64_t n);

} // namespace sinkc::uktest

#endif // SINKC_TEST_UKERNELS_UKERNELTESTUTIL_H
