//===- UkernelBench.cpp - GEMV throughput of the microkernels -------------===//
//
// Weight GB/s of one-thread GEMV for every weight format (SmolLM2-135M's
// 1536x576 FFN shape by default; the K-quants need cols % 256 == 0):
// sinkc-ukernel-bench [rows cols [iterations]]. The best of 20 rounds of
// iterations / 20 calls, so that other load on the machine counts less. Not
// run by ctest.
//
//===----------------------------------------------------------------------===//

#include "sinkc_ukernels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

namespace {

using Gemv = void (*)(const void *, int64_t, const float *, float *, int64_t,
                      int64_t);

enum class Kind { F32, BF16, Halves };

struct Format {
  const char *name;
  Gemv gemv;
  int64_t blockValues, blockBytes;
  Kind kind;
};

const Format kFormats[] = {
    {"q4_0", sinkc_uk_gemv_q4_0, 32, SINKC_UK_Q4_0_BLOCK_BYTES, Kind::Halves},
    {"q4_1", sinkc_uk_gemv_q4_1, 32, SINKC_UK_Q4_1_BLOCK_BYTES, Kind::Halves},
    {"q5_0", sinkc_uk_gemv_q5_0, 32, SINKC_UK_Q5_0_BLOCK_BYTES, Kind::Halves},
    {"q5_1", sinkc_uk_gemv_q5_1, 32, SINKC_UK_Q5_1_BLOCK_BYTES, Kind::Halves},
    {"q8_0", sinkc_uk_gemv_q8_0, 32, SINKC_UK_Q8_0_BLOCK_BYTES, Kind::Halves},
    {"q4_k", sinkc_uk_gemv_q4_k, SINKC_UK_QK_K, SINKC_UK_Q4_K_BLOCK_BYTES,
     Kind::Halves},
    {"q6_k", sinkc_uk_gemv_q6_k, SINKC_UK_QK_K, SINKC_UK_Q6_K_BLOCK_BYTES,
     Kind::Halves},
    // sinkc's group formats, a few of the 24.
    {"i4g32s_f16", sinkc_uk_gemv_i4g32s_f16, 32,
     SINKC_UK_GROUP_BLOCK_BYTES(4, 32, 0, 0), Kind::Halves},
    {"i4g32a_f16", sinkc_uk_gemv_i4g32a_f16, 32,
     SINKC_UK_GROUP_BLOCK_BYTES(4, 32, 1, 0), Kind::Halves},
    {"i4g128s_f16", sinkc_uk_gemv_i4g128s_f16, 128,
     SINKC_UK_GROUP_BLOCK_BYTES(4, 128, 0, 0), Kind::Halves},
    {"i4g128a_f32", sinkc_uk_gemv_i4g128a_f32, 128,
     SINKC_UK_GROUP_BLOCK_BYTES(4, 128, 1, 1), Kind::Halves},
    {"i8g32s_f16", sinkc_uk_gemv_i8g32s_f16, 32,
     SINKC_UK_GROUP_BLOCK_BYTES(8, 32, 0, 0), Kind::Halves},
    {"i8g128a_f16", sinkc_uk_gemv_i8g128a_f16, 128,
     SINKC_UK_GROUP_BLOCK_BYTES(8, 128, 1, 0), Kind::Halves},
    {"f16", sinkc_uk_gemv_f16, 1, 2, Kind::Halves},
    {"bf16", sinkc_uk_gemv_bf16, 1, 2, Kind::BF16},
    {"f32", sinkc_uk_gemv_f32, 1, 4, Kind::F32},
};

/// Random weights: block scales and f16 values finite (every odd byte
/// masked; f32 group scales then small and positive), f32 / bf16 values in [-1, 1] (no subnormals, whose FP assists
/// would measure something else).
std::vector<uint8_t> randomWeights(Kind kind, int64_t bytes) {
  std::mt19937 rng(1);
  std::vector<uint8_t> w(bytes);
  if (kind == Kind::Halves) {
    for (int64_t i = 0; i < bytes; ++i)
      w[i] = uint8_t(rng() & (i % 2 ? 0x3b : 0xff));
    return w;
  }
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  for (int64_t i = 0; i < bytes; i += kind == Kind::F32 ? 4 : 2) {
    const float v = unit(rng);
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    if (kind == Kind::F32) {
      std::memcpy(&w[i], &bits, 4);
    } else {
      const uint16_t hi = uint16_t(bits >> 16);
      std::memcpy(&w[i], &hi, 2);
    }
  }
  return w;
}

void bench(const Format &f, int64_t rows, int64_t cols, int iterations) {
  const int64_t rowBytes = cols / f.blockValues * f.blockBytes;
  const std::vector<uint8_t> w = randomWeights(f.kind, rowBytes * rows);
  std::vector<float> x(cols, 0.5f), y(rows);
  // Same weights every iteration: a shape that fits L2 (1536x576 q4_1 is
  // 553 KB) measures the kernel, a bigger one memory bandwidth.
  f.gemv(w.data(), rowBytes, x.data(), y.data(), rows, cols);
  const int rounds = 20, perRound = std::max(1, iterations / rounds);
  double best = 1e30;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < perRound; ++i)
      f.gemv(w.data(), rowBytes, x.data(), y.data(), rows, cols);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    best = std::min(best, s / perRound);
  }
  std::printf("%-11s %lldx%lld: %8.2f us/gemv  %7.2f GB/s weights  (y0=%g)\n",
              f.name, (long long)rows, (long long)cols, 1e6 * best,
              double(w.size()) / best / 1e9, double(y[0]));
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
  for (const Format &f : kFormats) {
    if (cols % f.blockValues) {
      std::printf("%-11s skipped: cols %% %lld != 0\n", f.name,
                  (long long)f.blockValues);
      continue;
    }
    bench(f, rows, cols, iterations);
  }
  return 0;
}
