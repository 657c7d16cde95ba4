//===- GemvScheduleTest.cpp - the GEMV schedule on the CPU and for GPUs ---===//
//
// One schedule, two builds (prefill's GEMM is the same schedule over
// several token rows; here 3 rows, 2 live). CPU: the foralls as loops,
// compiled in-process to a shared object and run on random weights of every
// format (f32, f16, bf16 values in [-1, 1]; the GGUF blocks random bytes with
// scales of both signs over 20 binades: every code, high bit and K-quant
// scale byte) against the test's own decoder (GGML's reference loops) summed
// in the schedule's order (per lane, values or groups of 32 lane, lane + 32,
// ...; then the lanes in order) within 1e-6 relative (LLVM may contract a
// multiply-add). GPU: the same schedule mapped to a launch with a barrier
// between the phases, outlined and compiled for every CUDA and ROCm chip: no
// spills, the 512-byte partial buffer in shared / group memory.
//
//===----------------------------------------------------------------------===//

#include "GemvSchedule.h"
#include "GpuCompile.h"
#include "GpuTestUtil.h"
#include "WeightFormatsTestUtil.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/AsmParser/AsmParser.h"
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

bool isKQuant(GemvFormat format) { return gemvBlockValues(format) == 256; }

/// Weights of `shape`, maxTokens rows of x, and the schedule's sums in its
/// order (want[t * rows + r]).
struct Case {
  std::vector<uint8_t> w;
  std::vector<float> x, want;
};

Case makeCase(const GemvShape &shape, std::mt19937 &rng) {
  Case c;
  c.w = randomWeight(shape.format, shape.rows, shape.cols, rng);
  EXPECT_EQ(int64_t(c.w.size()), gemvWeightBytes(shape));
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  c.x.resize(size_t(shape.maxTokens * shape.cols));
  for (float &v : c.x)
    v = uni(rng);
  // Plain formats: lane sums values lane, lane + 32, ...; blocked formats:
  // groups of 32 values lane, lane + 32, ...; then the lanes in order.
  const int64_t step = gemvBlockValues(shape.format) == 1 ? 1 : 32;
  c.want.resize(size_t(shape.maxTokens * shape.rows));
  for (int64_t r = 0; r < shape.rows; ++r) {
    const std::vector<float> w = decodeRow(shape.format, c.w, shape.cols, r);
    for (int64_t t = 0; t < shape.maxTokens; ++t) {
      const float *x = &c.x[size_t(t * shape.cols)];
      float total = 0.0f;
      for (int64_t lane = 0; lane < kGemvLanes; ++lane) {
        float acc = 0.0f;
        for (int64_t g = lane; g < shape.cols / step; g += kGemvLanes)
          for (int64_t k = g * step; k < (g + 1) * step; ++k)
            acc += w[size_t(k)] * x[k];
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
  for (GemvFormat format : kGemvFormats) {
    using Shapes = std::vector<std::pair<int64_t, int64_t>>;
    const Shapes shapes = isKQuant(format) ? Shapes{{8, 256}, {64, 768}, {12, 2048}}
                                           : Shapes{{8, 64}, {64, 576}, {12, 2048}};
    for (auto [rows, cols] : shapes) {
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
      // Token 2 reads nothing either: x may end after the live rows (a
      // guard page follows them; reading token 2's row faults).
      GuardedBuffer live(size_t(2 * cols) * sizeof(float));
      std::copy(c.x.begin(), c.x.begin() + 2 * cols, live.as<float>());
      std::vector<float> y2(size_t(3 * rows), -7.0f);
      fn(c.w.data(), live.as<float>(), /*tokens=*/2, y2.data());
      ASSERT_EQ(y2, y) << "the same result from x without its dead row";
      dlclose(handle);
    }
  }
}

TEST(GemvSchedule, GpuBuildForEveryChip) {
  auto context = makeContext();
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  for (GemvFormat format : kGemvFormats) {
    // SmolLM2's 1536 x 576; the K-quants' 256-value blocks need 576 x 1536.
    GemvShape shape = isKQuant(format) ? GemvShape{format, 576, 1536, 1}
                                       : GemvShape{format, 1536, 576, 1};
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
  auto q5 = buildGemvSchedule(context.get(), "gemv", {GemvFormat::Q5_1, 8, 48}, false);
  ASSERT_FALSE(bool(q5));
  EXPECT_EQ(llvm::toString(q5.takeError()),
            "GEMV schedule: cols 48 is not a positive multiple of 32 (q5_1)");
  auto k = buildGemvSchedule(context.get(), "gemv", {GemvFormat::Q6_K, 8, 576}, false);
  ASSERT_FALSE(bool(k));
  EXPECT_EQ(llvm::toString(k.takeError()),
            "GEMV schedule: cols 576 is not a positive multiple of 256 (q6_k)");
  // Plain formats take any positive number of columns.
  auto f16 = buildGemvSchedule(context.get(), "gemv", {GemvFormat::F16, 8, 50}, false);
  EXPECT_TRUE(bool(f16)) << llvm::toString(f16.takeError());
}

// Weight tensor types -> formats, the names errors use, and the bytes.
TEST(GemvSchedule, FormatsOfTensorTypes) {
  auto context = makeContext();
  context->getOrLoadDialect<sinkc::tfm::TfmDialect>();
  auto type = [&](const char *text) {
    return mlir::cast<mlir::RankedTensorType>(mlir::parseType(text, context.get()));
  };
  struct Expect {
    const char *type;
    std::optional<GemvFormat> format;
    const char *name;
  };
  const Expect expects[] = {
      {"tensor<64x64xf32>", GemvFormat::F32, "f32"},
      {"tensor<64x64xf16>", GemvFormat::F16, "f16"},
      {"tensor<64x64xbf16>", GemvFormat::BF16, "bf16"},
      {"tensor<64x64xf32, #tfm.gguf<q8_0>>", GemvFormat::Q8_0, "q8_0"},
      {"tensor<64x64xf32, #tfm.gguf<q4_0>>", GemvFormat::Q4_0, "q4_0"},
      {"tensor<64x64xf32, #tfm.gguf<q4_1>>", GemvFormat::Q4_1, "q4_1"},
      {"tensor<64x64xf32, #tfm.gguf<q5_0>>", GemvFormat::Q5_0, "q5_0"},
      {"tensor<64x64xf32, #tfm.gguf<q5_1>>", GemvFormat::Q5_1, "q5_1"},
      {"tensor<64x256xf32, #tfm.gguf<q4_k>>", GemvFormat::Q4_K, "q4_k"},
      {"tensor<64x256xf32, #tfm.gguf<q6_k>>", GemvFormat::Q6_K, "q6_k"},
      {"tensor<64x64xf64>", std::nullopt, "f64"},
      {"tensor<64x64xf32, #tfm.group_quant<int4, group = 32, symmetric, scale = f16>>",
       std::nullopt, "#tfm.group_quant<int4, group = 32, symmetric, scale = f16>"},
  };
  for (const Expect &e : expects) {
    SCOPED_TRACE(e.type);
    mlir::RankedTensorType t = type(e.type);
    ASSERT_TRUE(t);
    EXPECT_EQ(gemvFormatOf(t), e.format);
    EXPECT_EQ(weightFormatName(t), e.name);
    if (e.format) {
      EXPECT_EQ(gemvFormatName(*e.format), e.name);
    }
  }
  EXPECT_EQ(gemvFormatList(), "f32, f16, bf16, q8_0, q4_0, q4_1, q5_0, q5_1, q4_k and q6_k");
  // GGML's block sizes: bytes of a 4 x 512 weight.
  const std::pair<GemvFormat, int64_t> bytes[] = {
      {GemvFormat::F32, 8192},      {GemvFormat::F16, 4096},     {GemvFormat::BF16, 4096},
      {GemvFormat::Q8_0, 64 * 34},  {GemvFormat::Q4_0, 64 * 18}, {GemvFormat::Q4_1, 64 * 20},
      {GemvFormat::Q5_0, 64 * 22},  {GemvFormat::Q5_1, 64 * 24}, {GemvFormat::Q4_K, 8 * 144},
      {GemvFormat::Q6_K, 8 * 210}};
  for (auto [format, want] : bytes)
    EXPECT_EQ(weightBytes(format, 4, 512), want) << gemvFormatName(format).str();
}

} // namespace
