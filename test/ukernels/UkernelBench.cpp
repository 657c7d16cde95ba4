//===- UkernelBench.cpp - GEMV throughput of the microkernels -------------===//
//
// Weight GB/s of one-thread GEMV for every weight format (SmolLM2-135M's
// 1536x576 FFN shape by default; the K-quants need cols % 256 == 0):
// sinkc-ukernel-bench [rows cols [iterations]]. The best of 20 rounds of
// iterations / 20 calls, so that other load on the machine counts less. Not
// run by ctest.
//
// sinkc-ukernel-bench q8a [iterations [format]]: the int8-activation kernels
// (issue #7) next to the f32-activation ones, one thread, for q4_1, q4_0 and
// q8_0 in the x86-64-v4 flavour and, where the CPU has AVX512-VNNI, the
// x86-64-v4-vnni one: GEMV weight GB/s on SmolLM2-135M's shapes 576x1536,
// 1536x576 and the 49152x576 lm_head, warm (the same weights every call)
// and cold (streamed from memory, as in decode), and GEMM over 128 tokens
// in GOP/s (2 ops per weight per token).
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

// The x86-64-v4-vnni and v3 flavours' host objects carry a prefix (see
// lowering/ukernels/CMakeLists.txt).
#define UK_BENCH_DECLARE(P, F)                                                 \
  void P##sinkc_uk_gemv_##F(const void *, int64_t, const float *, float *,     \
                            int64_t, int64_t);                                 \
  void P##sinkc_uk_gemm_##F(const void *, int64_t, const float *, int64_t,     \
                            float *, int64_t, int64_t, int64_t, int64_t);
#define UK_BENCH_DECLARE_ALL(P)                                                \
  UK_BENCH_DECLARE(P, q4_1)                                                    \
  UK_BENCH_DECLARE(P, q4_0)                                                    \
  UK_BENCH_DECLARE(P, q8_0)                                                    \
  UK_BENCH_DECLARE(P, q4_1_q8a)                                                \
  UK_BENCH_DECLARE(P, q4_0_q8a)                                                \
  UK_BENCH_DECLARE(P, q8_0_q8a)
extern "C" {
UK_BENCH_DECLARE_ALL(vnni_)
UK_BENCH_DECLARE_ALL(v3_)
}

namespace {

using Gemv = void (*)(const void *, int64_t, const float *, float *, int64_t,
                      int64_t);
using Gemm = void (*)(const void *, int64_t, const float *, int64_t, float *,
                      int64_t, int64_t, int64_t, int64_t);

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

/// Seconds per call of fn: the best of 20 rounds.
template <typename Fn> double bestOf(Fn fn, int iterations) {
  fn();
  const int rounds = 20, perRound = std::max(1, iterations / rounds);
  double best = 1e30;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < perRound; ++i)
      fn();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    best = std::min(best, s / perRound);
  }
  return best;
}

constexpr int kQ8aKinds = 5;
struct Q8aFormat {
  const char *name;
  int64_t blockBytes;
  /// f32 x (v3), q8a v3, f32 x (v4), q8a v4, q8a v4-vnni (the f32-x
  /// kernels of v4-vnni are v4's).
  Gemv gemv[kQ8aKinds];
  Gemm gemm[kQ8aKinds];
};

int benchQ8a(int iterations, const char *only) {
  __builtin_cpu_init();
  const bool vnni = __builtin_cpu_supports("avx512vnni");
  static const char *kinds[] = {"f32x v3", "q8a v3", "f32x v4", "q8a v4",
                                "q8a vnni"};
#define UK_Q8A_KINDS(K, F)                                                     \
  {                                                                            \
    v3_sinkc_uk_##K##_##F, v3_sinkc_uk_##K##_##F##_q8a, sinkc_uk_##K##_##F,    \
        sinkc_uk_##K##_##F##_q8a, vnni_sinkc_uk_##K##_##F##_q8a                \
  }
#define UK_Q8A_FMT(F, BYTES)                                                   \
  Q8aFormat { #F, BYTES, UK_Q8A_KINDS(gemv, F), UK_Q8A_KINDS(gemm, F) }
  const Q8aFormat formats[] = {
      UK_Q8A_FMT(q4_1, SINKC_UK_Q4_1_BLOCK_BYTES),
      UK_Q8A_FMT(q4_0, SINKC_UK_Q4_0_BLOCK_BYTES),
      UK_Q8A_FMT(q8_0, SINKC_UK_Q8_0_BLOCK_BYTES),
  };
#undef UK_Q8A_FMT
  struct Shape {
    int64_t rows, cols;
  };
  const Shape gemvShapes[] = {{576, 1536}, {1536, 576}, {49152, 576}};
  const Shape gemmShapes[] = {{576, 1536}, {1536, 576}};
  const int64_t tokens = 128;
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  for (const Q8aFormat &f : formats) {
    if (only && std::strcmp(only, f.name) != 0)
      continue;
    for (const Shape &s : gemvShapes) {
      // Warm: the same weights every call (L2 or L3); cold: a rotation of
      // copies of at least 256 MB, so that each call streams its weights
      // from memory as decode does.
      const int64_t rowBytes = s.cols / 32 * f.blockBytes;
      const int64_t bytes = rowBytes * s.rows;
      const int64_t copies = std::max<int64_t>(2, (int64_t(256) << 20) / bytes);
      const std::vector<uint8_t> w =
          randomWeights(Kind::Halves, bytes * copies);
      std::vector<float> x(s.cols), y(s.rows);
      for (float &v : x)
        v = unit(rng);
      for (int cold = 0; cold < 2; ++cold) {
        const int iters = cold             ? int(std::min<int64_t>(copies, 400))
                          : s.rows > 10000 ? std::max(20, iterations / 20)
                                           : iterations;
        std::printf("%-5s GEMV %5lldx%-5lld %s GB/s:", f.name,
                    (long long)s.rows, (long long)s.cols,
                    cold ? "cold" : "warm");
        for (int k = 0; k < kQ8aKinds; ++k) {
          if (k == 4 && !vnni)
            continue;
          int64_t next = 0;
          const double t = bestOf(
              [&] {
                const uint8_t *wc = w.data() + (cold ? bytes * next : 0);
                next = (next + 1) % copies;
                f.gemv[k](wc, rowBytes, x.data(), y.data(), s.rows, s.cols);
              },
              iters * 20);
          std::printf("  %s %5.1f", kinds[k], double(bytes) / t / 1e9);
        }
        std::printf("\n");
      }
    }
    for (const Shape &s : gemmShapes) {
      const int64_t rowBytes = s.cols / 32 * f.blockBytes;
      const std::vector<uint8_t> w =
          randomWeights(Kind::Halves, rowBytes * s.rows);
      std::vector<float> x(s.cols * tokens), y(s.rows * tokens);
      for (float &v : x)
        v = unit(rng);
      std::printf("%-5s GEMM %5lldx%-5lld x%lld GOP/s:", f.name,
                  (long long)s.rows, (long long)s.cols, (long long)tokens);
      for (int k = 0; k < kQ8aKinds; ++k) {
        if (k == 4 && !vnni)
          continue;
        const double t = bestOf(
            [&] {
              f.gemm[k](w.data(), rowBytes, x.data(), s.cols, y.data(), s.rows,
                        s.rows, s.cols, tokens);
            },
            std::max(20, iterations / 100));
        std::printf("  %s %5.0f", kinds[k],
                    2.0 * double(s.rows * s.cols * tokens) / t / 1e9);
      }
      std::printf("\n");
    }
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "q8a") == 0)
    return benchQ8a(argc > 2 ? std::atoi(argv[2]) : 2000,
                    argc > 3 ? argv[3] : nullptr);
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
