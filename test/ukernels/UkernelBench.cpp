//===- UkernelBench.cpp - GEMV throughput of the microkernels -------------===//
//
// Weight GB/s of one-thread GEMV (SmolLM2-135M's 1536x576 FFN shape by
// default): sinkc-ukernel-bench [rows cols [iterations]]. Not run by ctest.
//
//===----------------------------------------------------------------------===//

#include "sinkc_ukernels.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

using Gemv = void (*)(const void *, int64_t, const float *, float *, int64_t,
                      int64_t);

void bench(const char *name, Gemv gemv, int64_t rowBytes, int64_t rows,
           int64_t cols, int iterations) {
  std::mt19937 rng(1);
  std::vector<uint8_t> w(rowBytes * rows);
  for (size_t i = 0; i < w.size(); ++i)
    w[i] = rng() & 0xff;
  if (rowBytes < cols * 4) { // finite f16 values and block scales
    for (size_t i = 1; i < w.size(); i += 2)
      w[i] &= 0x3b;
  } else { // finite f32 values
    for (size_t i = 3; i < w.size(); i += 4)
      w[i] &= 0x3f;
  }
  std::vector<float> x(cols, 0.5f), y(rows);
  // Same weights every iteration: a shape that fits L2 (1536x576 q4_1 is
  // 553 KB) measures the kernel, a bigger one memory bandwidth.
  gemv(w.data(), rowBytes, x.data(), y.data(), rows, cols);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i)
    gemv(w.data(), rowBytes, x.data(), y.data(), rows, cols);
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf("%-5s %lldx%lld: %8.2f us/gemv  %7.2f GB/s weights  (y0=%g)\n",
              name, (long long)rows, (long long)cols, 1e6 * s / iterations,
              double(w.size()) * iterations / s / 1e9, double(y[0]));
}

} // namespace

int main(int argc, char **argv) {
  const int64_t rows = argc > 2 ? std::atoll(argv[1]) : 1536;
  const int64_t cols = argc > 2 ? std::atoll(argv[2]) : 576;
  const int iterations = argc > 3 ? std::atoi(argv[3]) : 2000;
  if (cols % 32) {
    std::fprintf(stderr, "cols must be a multiple of 32\n");
    return 1;
  }
  bench("q4_1", sinkc_uk_gemv_q4_1, cols / 32 * SINKC_UK_Q4_1_BLOCK_BYTES,
        rows, cols, iterations);
  bench("q8_0", sinkc_uk_gemv_q8_0, cols / 32 * SINKC_UK_Q8_0_BLOCK_BYTES,
        rows, cols, iterations);
  bench("f16", sinkc_uk_gemv_f16, cols * 2, rows, cols, iterations);
  bench("f32", sinkc_uk_gemv_f32, cols * 4, rows, cols, iterations);
  return 0;
}
