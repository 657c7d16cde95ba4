//===- GemvScheduleTest.cpp - the GEMV schedule on the CPU and for GPUs ---===//
//
// One schedule, two builds (prefill's GEMM is the same schedule over
// several token rows; here 3 rows, 2 live). CPU: the foralls as loops, compiled in-process
// to a shared object and run on random weights (f32; q8_0, q4_0 and q4_1
// with scales of both signs over 20 binades and every code byte) against a
// scalar evaluation in the schedule's order
// (per lane, blocks lane, lane + 32, ...; then the lanes in order) within
// 1e-6 relative (LLVM may contract a multiply-add). GPU: the same schedule
// mapped to a launch with a barrier between the phases, outlined and
// compiled for every CUDA and ROCm chip: no spills, the 512-byte partial
// buffer in shared / group memory.
//
//===----------------------------------------------------------------------===//

#include "GemvSchedule.h"
#include "GpuCompile.h"
#include "GpuTestUtil.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <random>

using namespace sinkc::gpu;
using namespace sinkc::gpu::testing;

namespace {

int64_t blockBytes(GemvFormat format) {
  return format == GemvFormat::Q8_0 ? 34 : format == GemvFormat::Q4_0 ? 18 : 20;
}

constexpr GemvFormat kFormats[] = {GemvFormat::F32, GemvFormat::Q8_0, GemvFormat::Q4_0,
                                   GemvFormat::Q4_1};

/// Weights of `shape`, maxTokens rows of x, and the schedule's sums in its
/// order (want[t * rows + r]).
struct Case {
  std::vector<uint8_t> w;
  std::vector<float> x, want;
};

Case makeCase(const GemvShape &shape, std::mt19937 &rng) {
  Case c;
  c.w.resize(size_t(gemvWeightBytes(shape)));
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  c.x.resize(size_t(shape.maxTokens * shape.cols));
  for (float &v : c.x)
    v = uni(rng);
  if (shape.format == GemvFormat::F32) {
    for (int64_t i = 0; i < shape.rows * shape.cols; ++i) {
      float v = uni(rng);
      std::memcpy(&c.w[size_t(i) * 4], &v, 4);
    }
  } else {
    // Scales of both signs over 20 binades; every code byte.
    std::uniform_int_distribution<int> byte(0, 255), exponent(1, 20);
    auto half = [&] {
      return uint16_t((byte(rng) & 1) << 15 | exponent(rng) << 10 | (byte(rng) << 2 & 1023));
    };
    const size_t bytes = size_t(blockBytes(shape.format));
    for (size_t at = 0; at < c.w.size(); at += bytes) {
      uint16_t d = half(), m = half();
      std::memcpy(&c.w[at], &d, 2);
      size_t codes = 2;
      if (shape.format == GemvFormat::Q4_1) {
        std::memcpy(&c.w[at + 2], &m, 2);
        codes = 4;
      }
      for (size_t j = codes; j < bytes; ++j)
        c.w[at + j] = uint8_t(byte(rng));
    }
  }
  c.want.resize(size_t(shape.maxTokens * shape.rows));
  for (int64_t t = 0; t < shape.maxTokens; ++t) {
  const float *x = &c.x[size_t(t * shape.cols)];
  const int64_t blocks = shape.cols / 32;
  for (int64_t r = 0; r < shape.rows; ++r) {
    float total = 0.0f;
    for (int64_t lane = 0; lane < kGemvLanes; ++lane) {
      float acc = 0.0f;
      if (shape.format == GemvFormat::F32) {
        for (int64_t k = lane; k < shape.cols; k += kGemvLanes) {
          float wv;
          std::memcpy(&wv, &c.w[size_t(r * shape.cols + k) * 4], 4);
          acc += wv * x[k];
        }
      } else {
        for (int64_t b = lane; b < blocks; b += kGemvLanes) {
          const uint8_t *blk = &c.w[size_t((r * blocks + b) * blockBytes(shape.format))];
          uint16_t dh, mh;
          std::memcpy(&dh, blk, 2);
          std::memcpy(&mh, blk + 2, 2);
          const float d = fromHalf(dh), m = fromHalf(mh);
          for (int j = 0; j < 32; ++j) {
            const int nibble = j < 16 ? blk[(shape.format == GemvFormat::Q4_1 ? 4 : 2) + j] & 15
                                      : blk[(shape.format == GemvFormat::Q4_1 ? 4 : 2) + j - 16] >> 4;
            volatile float w;
            if (shape.format == GemvFormat::Q8_0)
              w = float(int8_t(blk[2 + j])) * d;
            else if (shape.format == GemvFormat::Q4_0)
              w = float(nibble - 8) * d;
            else {
              volatile float scaled = float(nibble) * d;
              w = scaled + m;
            }
            acc += w * x[b * 32 + j];
          }
        }
      }
      total += acc;
    }
    c.want[size_t(t * shape.rows + r)] = total;
  }
  }
  return c;
}

TEST(GemvSchedule, CpuBuildMatchesTheScheduleOrder) {
  auto context = makeContext();
  std::mt19937 rng(11);
  for (GemvFormat format : kFormats) {
    for (auto [rows, cols] : {std::pair<int64_t, int64_t>{8, 64}, {64, 576}, {12, 2048}}) {
      // Three token rows, two of them live: the third must stay unwritten.
      GemvShape shape{format, rows, cols, /*maxTokens=*/3};
      SCOPED_TRACE(gemvFormatName(format).str() + " " + std::to_string(rows) + "x" +
                   std::to_string(cols));
      auto module = buildGemvSchedule(context.get(), "gemv", shape, /*gpu=*/false);
      ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
      llvm::Error lowered = lowerScheduleForCpu(**module);
      ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
      void *handle = loadCpuBuild(**module);
      ASSERT_NE(handle, nullptr);
      using Fn = void (*)(const uint8_t *, const float *, int64_t, float *);
      auto fn = reinterpret_cast<Fn>(dlsym(handle, "gemv"));
      ASSERT_NE(fn, nullptr);
      Case c = makeCase(shape, rng);
      std::vector<float> y(size_t(3 * rows), -7.0f);
      fn(c.w.data(), c.x.data(), /*tokens=*/2, y.data());
      float scale = 0;
      for (float v : c.want)
        scale = std::max(scale, std::fabs(v));
      for (int64_t i = 0; i < 2 * rows; ++i)
        ASSERT_NEAR(y[size_t(i)], c.want[size_t(i)], 1e-6f * scale + 1e-30f)
            << "token " << i / rows << ", row " << i % rows;
      for (int64_t i = 2 * rows; i < 3 * rows; ++i)
        ASSERT_EQ(y[size_t(i)], -7.0f) << "token 2 (not live) written";
      dlclose(handle);
    }
  }
}

TEST(GemvSchedule, GpuBuildForEveryChip) {
  auto context = makeContext();
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  for (GemvFormat format : kFormats) {
    GemvShape shape{format, 1536, 576, /*maxTokens=*/1};
    SCOPED_TRACE(gemvFormatName(format).str());
    auto module = buildGemvSchedule(context.get(), "gemv", shape, /*gpu=*/true);
    ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
    llvm::Error lowered = lowerScheduleForGpu(**module, "gemv");
    ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
    // One launch of rows / 4 blocks of 32 x 4 threads.
    int launches = 0;
    (*module)->walk([&](mlir::gpu::LaunchFuncOp launch) {
      ++launches;
      EXPECT_EQ(launch.getKernelModuleName().getValue(), "gemv_kernel");
    });
    EXPECT_EQ(launches, 1);
    forEveryChip(**module, 1, [](const GpuTarget &, const KernelResources &k) {
      EXPECT_EQ(k.kernel, "gemv_kernel");
      EXPECT_EQ(k.sharedBytes, kGemvRowsPerBlock * kGemvLanes * 4);
    });
  }
}

TEST(GemvSchedule, ShapeErrors) {
  auto context = makeContext();
  auto bad = buildGemvSchedule(context.get(), "gemv", {GemvFormat::F32, 6, 64}, false);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "GEMV schedule: rows 6 is not a positive multiple of 4");
  auto q8 = buildGemvSchedule(context.get(), "gemv", {GemvFormat::Q8_0, 8, 48}, false);
  ASSERT_FALSE(bool(q8));
  EXPECT_EQ(llvm::toString(q8.takeError()),
            "GEMV schedule: cols 48 is not a positive multiple of 32 (q8_0)");
}

} // namespace
