//===- UkernelTestUtil.h - Shared helpers of the microkernel tests -*- C++ -*-//
//
// Every kernel flavour (x86-64-v4 with the real names; v3 and plain x86-64
// with the prefixes SinkcUkernelsHost gives them) behind one table, random
// rows in each format, and the error bound the kernels promise.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TEST_UKERNELS_UKERNELTESTUTIL_H
#define SINKC_TEST_UKERNELS_UKERNELTESTUTIL_H

#include "sinkc_ukernels.h"
#include "uk_reference.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace sinkc::uktest {

enum class Fmt { F32, F16, Q8_0, Q4_1 };
const char *fmtName(Fmt fmt);
/// Bytes of a row of `cols` values.
int64_t rowBytes(Fmt fmt, int64_t cols);

using DotFn = float (*)(const void *, const float *, int64_t);
using GemvFn = void (*)(const void *, int64_t, const float *, float *, int64_t,
                        int64_t);
using GemmFn = void (*)(const void *, int64_t, const float *, int64_t, float *,
                        int64_t, int64_t, int64_t, int64_t);

struct Flavor {
  const char *name; ///< "v4", "v3", "x86_64"
  bool hasFma;
  DotFn dot[4];
  GemvFn gemv[4];
  GemmFn gemm[4];
};

/// The flavours this machine can run (v4 only with AVX-512).
const std::vector<const Flavor *> &flavors();
const Flavor &flavorNamed(const std::string &name);

/// One row of `cols` random values in `fmt`. Block scales come from every
/// range a half can hold: subnormal, small, ordinary and up to 65504, both
/// signs (so q4_1's m is often negative); all quant values occur.
std::vector<uint8_t> randomRow(Fmt fmt, int64_t cols, std::mt19937 &rng);
/// `n` activations in [-1, 1] times powers of two in [2^-8, 2^8].
std::vector<float> randomActivations(int64_t n, std::mt19937 &rng);

/// The scalar reference dot (f64) and the dequantized row.
double referenceDot(Fmt fmt, const uint8_t *row, const float *x, int64_t n);
std::vector<float> referenceDequant(Fmt fmt, const uint8_t *row, int64_t n);

/// The bound of sinkc_ukernels.h's summation order: with u = 2^-24, each
/// lane rounds once per block in its FMA (twice without FMA), the tree five
/// times and the dequantization once, so
///   |got - ref| <= (2 * blocks + 8) * u * sum_i mag_i |x_i|
/// where mag_i = |w_i|, or |q_i d| + |m| for q4_1 (whose q*d + m may cancel).
double errorBound(Fmt fmt, const uint8_t *row, const float *x, int64_t n);

} // namespace sinkc::uktest

#endif // SINKC_TEST_UKERNELS_UKERNELTESTUTIL_H
