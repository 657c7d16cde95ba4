//===- RowSchedulesTest.cpp - norm / SwiGLU / add / embedding schedules ---===//
//
// CPU build run on 5 live tokens of 8 (rows 5..7 must stay untouched) with
// rows of 576 values: RMSNorm within 1e-5 relative of a double reference,
// SwiGLU within 1e-6 relative (libm's exp), the residual add exact, the
// embedding of every weight format exactly as the test's decoder (GGML's
// loops) for ids 0, the last and repeats. RoPE in both pair layouts against
// double rotations. GPU build: five kernels for every
// chip (a q8_0 embedding), then the embedding of each other format, no
// spills or private memory, the norm's 257 floats of shared memory.
//
//===----------------------------------------------------------------------===//

#include "GemvSchedule.h"
#include "GpuCompile.h"
#include "GpuTestUtil.h"
#include "RowSchedules.h"
#include "ScheduleLowering.h"
#include "WeightFormatsTestUtil.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <dlfcn.h>
#include <random>

using namespace sinkc::gpu;
using namespace sinkc::gpu::testing;

namespace {

RowShape rowShape(bool neox) {
  RowShape shape;
  shape.maxTokens = 8;
  shape.cols = 576;
  shape.vocab = 10;
  shape.ropeHeads = 9;
  shape.headDim = 64;
  shape.theta = 10000.0f;
  shape.neox = neox;
  shape.embeddingFormat = GemvFormat::Q8_0;
  return shape;
}
const RowShape kShape = rowShape(false);
constexpr int64_t kTokens = 5;

/// The CPU build of `shape`'s schedules, loaded.
void *loadRows(mlir::MLIRContext *context, const RowShape &shape) {
  auto module = buildRowSchedules(context, "row", shape, /*gpu=*/false);
  EXPECT_TRUE(bool(module)) << llvm::toString(module.takeError());
  if (!module)
    return nullptr;
  llvm::Error lowered = lowerRowSchedulesForCpu(**module);
  EXPECT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  return loadCpuBuild(**module);
}

// Tokens past `tokens` read nothing: inputs that end after the live rows
// (a guard page follows; reading a dead row faults) give the same rows.
TEST(RowSchedules, DeadTokensReadNothing) {
  auto context = makeContext();
  const int64_t T = kShape.maxTokens, N = kShape.cols;
  void *handle = loadRows(context.get(), kShape);
  ASSERT_NE(handle, nullptr);
  using Norm = void (*)(const float *, const float *, int64_t, float *);
  using Binary = void (*)(const float *, const float *, int64_t, float *);
  auto norm = reinterpret_cast<Norm>(dlsym(handle, "row_rms_norm"));
  auto swiglu = reinterpret_cast<Binary>(dlsym(handle, "row_swiglu"));
  auto add = reinterpret_cast<Binary>(dlsym(handle, "row_add"));
  ASSERT_TRUE(norm && swiglu && add);
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> uni(-4.0f, 4.0f);
  std::vector<float> a(static_cast<size_t>(T * N)), b(a.size()), w(static_cast<size_t>(N));
  for (std::vector<float> *v : {&a, &b, &w})
    for (float &x : *v)
      x = uni(rng);
  const size_t liveBytes = size_t(kTokens * N) * sizeof(float);
  GuardedBuffer ga(liveBytes), gb(liveBytes);
  std::copy(a.begin(), a.begin() + kTokens * N, ga.as<float>());
  std::copy(b.begin(), b.begin() + kTokens * N, gb.as<float>());
  std::vector<float> full(a.size(), -7.0f), guarded(a.size(), -7.0f);
  norm(a.data(), w.data(), kTokens, full.data());
  norm(ga.as<float>(), w.data(), kTokens, guarded.data());
  EXPECT_EQ(full, guarded) << "rms_norm";
  swiglu(a.data(), b.data(), kTokens, full.data());
  swiglu(ga.as<float>(), gb.as<float>(), kTokens, guarded.data());
  EXPECT_EQ(full, guarded) << "swiglu";
  add(a.data(), b.data(), kTokens, full.data());
  add(ga.as<float>(), gb.as<float>(), kTokens, guarded.data());
  EXPECT_EQ(full, guarded) << "add";
  dlclose(handle);
}

TEST(RowSchedules, CpuBuildMatchesReferences) {
  auto context = makeContext();
  const int64_t T = kShape.maxTokens, N = kShape.cols;
  void *handle = loadRows(context.get(), kShape);
  ASSERT_NE(handle, nullptr);
  using Norm = void (*)(const float *, const float *, int64_t, float *);
  using Binary = void (*)(const float *, const float *, int64_t, float *);
  auto norm = reinterpret_cast<Norm>(dlsym(handle, "row_rms_norm"));
  auto swiglu = reinterpret_cast<Binary>(dlsym(handle, "row_swiglu"));
  auto add = reinterpret_cast<Binary>(dlsym(handle, "row_add"));
  ASSERT_TRUE(norm && swiglu && add);

  std::mt19937 rng(3);
  std::uniform_real_distribution<float> uni(-4.0f, 4.0f);
  std::vector<float> a(static_cast<size_t>(T * N)), b(a.size()), w(static_cast<size_t>(N));
  for (float &v : a)
    v = uni(rng);
  for (float &v : b)
    v = uni(rng);
  for (float &v : w)
    v = uni(rng);
  auto untouched = [&](const std::vector<float> &y) {
    for (int64_t i = kTokens * N; i < T * N; ++i)
      if (y[size_t(i)] != -7.0f)
        return false;
    return true;
  };

  std::vector<float> y(a.size(), -7.0f);
  norm(a.data(), w.data(), kTokens, y.data());
  for (int64_t t = 0; t < kTokens; ++t) {
    double ss = 0;
    for (int64_t i = 0; i < N; ++i)
      ss += double(a[size_t(t * N + i)]) * a[size_t(t * N + i)];
    double scale = 1.0 / std::sqrt(ss / double(N) + 1e-5);
    for (int64_t i = 0; i < N; ++i) {
      double want = a[size_t(t * N + i)] * scale * w[size_t(i)];
      ASSERT_NEAR(y[size_t(t * N + i)], want, 1e-5 * std::fabs(want) + 1e-6) << t << "," << i;
    }
  }
  EXPECT_TRUE(untouched(y)) << "rms_norm wrote a row past `tokens`";

  std::fill(y.begin(), y.end(), -7.0f);
  swiglu(a.data(), b.data(), kTokens, y.data());
  for (int64_t i = 0; i < kTokens * N; ++i) {
    double g = a[size_t(i)], want = g / (1.0 + std::exp(-g)) * b[size_t(i)];
    ASSERT_NEAR(y[size_t(i)], want, 1e-6 * std::fabs(want) + 1e-7) << i;
  }
  EXPECT_TRUE(untouched(y));

  std::fill(y.begin(), y.end(), -7.0f);
  add(a.data(), b.data(), kTokens, y.data());
  for (int64_t i = 0; i < kTokens * N; ++i)
    ASSERT_EQ(y[size_t(i)], a[size_t(i)] + b[size_t(i)]) << i;
  EXPECT_TRUE(untouched(y));
  dlclose(handle);
}

using Embed = void (*)(const uint8_t *, const int32_t *, int64_t, float *);

// The embedding of every format: rows ids[t] of a random table (the GEMV
// tests' weights) equal to the test's decoder exactly (each value one
// multiply, or a multiply and an add, as GGML's loops round them), for ids
// 0, the last and repeats; rows past `tokens` untouched.
TEST(RowSchedules, EmbeddingOfEveryFormat) {
  auto context = makeContext();
  std::mt19937 rng(5);
  for (GemvFormat format : kGemvFormats) {
    SCOPED_TRACE(gemvFormatName(format).str());
    RowShape shape = kShape;
    shape.embeddingFormat = format;
    shape.cols = gemvBlockValues(format) == 256 ? 512 : 576;
    void *handle = loadRows(context.get(), shape);
    ASSERT_NE(handle, nullptr);
    auto embed = reinterpret_cast<Embed>(dlsym(handle, "row_embedding"));
    ASSERT_NE(embed, nullptr);
    const int64_t T = shape.maxTokens, N = shape.cols;
    std::vector<uint8_t> table = randomWeight(format, shape.vocab, N, rng);
    std::vector<int32_t> ids = {0, 9, 3, 9, 5, 1, 1, 1};
    std::vector<float> y(size_t(T * N), -7.0f);
    embed(table.data(), ids.data(), kTokens, y.data());
    for (int64_t t = 0; t < kTokens; ++t) {
      std::vector<float> want = decodeRow(format, table, N, ids[size_t(t)]);
      for (int64_t i = 0; i < N; ++i)
        ASSERT_EQ(y[size_t(t * N + i)], want[size_t(i)]) << t << "," << i;
    }
    for (int64_t i = kTokens * N; i < T * N; ++i)
      ASSERT_EQ(y[size_t(i)], -7.0f) << "embedding wrote a row past `tokens`";
    dlclose(handle);
  }
}

using Rope = void (*)(const float *, int64_t, int64_t, float *);

// Both pair layouts against double rotations, positions 100..104:
// |error| <= 2e-4 (f32 angles of up to ~100 radians).
TEST(RowSchedules, RopeRotatesEachPair) {
  auto context = makeContext();
  for (bool neox : {false, true}) {
    SCOPED_TRACE(neox ? "neox" : "normal");
    RowShape shape = rowShape(neox);
    void *handle = loadRows(context.get(), shape);
    ASSERT_NE(handle, nullptr);
    auto rope = reinterpret_cast<Rope>(dlsym(handle, "row_rope"));
    ASSERT_NE(rope, nullptr);
    const int64_t T = shape.maxTokens, H = shape.ropeHeads, D = shape.headDim, pos = 100;
    std::mt19937 rng(9);
    std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(T * H * D)), y(x.size(), -7.0f);
    for (float &v : x)
      v = uni(rng);
    rope(x.data(), pos, kTokens, y.data());
    for (int64_t t = 0; t < kTokens; ++t)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t i = 0; i < D / 2; ++i) {
          int64_t a = neox ? i : 2 * i, b = neox ? i + D / 2 : 2 * i + 1;
          double angle = double(pos + t) * std::pow(10000.0, -2.0 * double(i) / double(D));
          const float *xr = &x[size_t((t * H + h) * D)];
          const float *yr = &y[size_t((t * H + h) * D)];
          double r0 = xr[a] * std::cos(angle) - xr[b] * std::sin(angle);
          double r1 = xr[a] * std::sin(angle) + xr[b] * std::cos(angle);
          ASSERT_NEAR(yr[a], r0, 2e-4) << t << "," << h << "," << i;
          ASSERT_NEAR(yr[b], r1, 2e-4) << t << "," << h << "," << i;
        }
    for (int64_t i = kTokens * H * D; i < T * H * D; ++i)
      ASSERT_EQ(y[size_t(i)], -7.0f);
    dlclose(handle);
  }
}

// Scaled RoPE: frequency factors (llama3's, from the importer) divide each
// pair's frequency; linear scaling divides the position (here by 4).
TEST(RowSchedules, RopeScaling) {
  auto context = makeContext();
  RowShape shape = rowShape(false);
  shape.ropeFactors = true;
  shape.ropePositionScale = 0.25f;
  void *handle = loadRows(context.get(), shape);
  ASSERT_NE(handle, nullptr);
  using ScaledRope = void (*)(const float *, const float *, int64_t, int64_t, float *);
  auto rope = reinterpret_cast<ScaledRope>(dlsym(handle, "row_rope"));
  ASSERT_NE(rope, nullptr);
  const int64_t T = shape.maxTokens, H = shape.ropeHeads, D = shape.headDim, pos = 100;
  std::mt19937 rng(19);
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(T * H * D)), y(x.size(), -7.0f);
  std::vector<float> factors(static_cast<size_t>(D / 2));
  for (float &v : x)
    v = uni(rng);
  for (size_t i = 0; i < factors.size(); ++i)
    factors[i] = 1.0f + float(i % 5); // 1..5
  rope(x.data(), factors.data(), pos, kTokens, y.data());
  for (int64_t t = 0; t < kTokens; ++t)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < D / 2; ++i) {
        double angle = double(pos + t) * 0.25 * std::pow(10000.0, -2.0 * double(i) / double(D)) /
                       factors[size_t(i)];
        const float *xr = &x[size_t((t * H + h) * D)];
        const float *yr = &y[size_t((t * H + h) * D)];
        ASSERT_NEAR(yr[2 * i], xr[2 * i] * std::cos(angle) - xr[2 * i + 1] * std::sin(angle), 2e-4)
            << t << "," << h << "," << i;
        ASSERT_NEAR(yr[2 * i + 1], xr[2 * i] * std::sin(angle) + xr[2 * i + 1] * std::cos(angle),
                    2e-4)
            << t << "," << h << "," << i;
      }
  dlclose(handle);
}

// A linear's bias, added in place (x and y the same buffer).
TEST(RowSchedules, AddBiasInPlace) {
  auto context = makeContext();
  void *handle = loadRows(context.get(), kShape);
  ASSERT_NE(handle, nullptr);
  using AddBias = void (*)(const float *, const float *, int64_t, float *);
  auto addBias = reinterpret_cast<AddBias>(dlsym(handle, "row_add_bias"));
  ASSERT_NE(addBias, nullptr);
  const int64_t T = kShape.maxTokens, N = kShape.cols;
  std::vector<float> y(static_cast<size_t>(T * N)), bias(static_cast<size_t>(N));
  for (size_t i = 0; i < y.size(); ++i)
    y[i] = float(i % 97) - 40.0f;
  for (size_t i = 0; i < bias.size(); ++i)
    bias[i] = 0.5f * float(i % 13);
  const std::vector<float> before = y;
  addBias(y.data(), bias.data(), kTokens, y.data());
  for (int64_t t = 0; t < T; ++t)
    for (int64_t i = 0; i < N; ++i) {
      const size_t at = size_t(t * N + i);
      ASSERT_EQ(y[at], t < kTokens ? before[at] + bias[size_t(i)] : before[at]) << t << "," << i;
    }
  dlclose(handle);
}

TEST(RowSchedules, GpuBuildForEveryChip) {
  auto context = makeContext();
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  auto module = buildRowSchedules(context.get(), "row", kShape, /*gpu=*/true);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error lowered = lowerRowSchedulesForGpu(**module, "row");
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  forEveryChip(**module, 6, [](const GpuTarget &, const KernelResources &k) {
    EXPECT_EQ(k.sharedBytes, k.kernel == "row_rms_norm_kernel" ? (kRowLanes + 1) * 4 : 0)
        << k.kernel;
  });
}

// The embedding of every other format alone (kShape's is q8_0, above).
TEST(RowSchedules, GpuEmbeddingOfEveryFormat) {
  auto context = makeContext();
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  for (GemvFormat format : kGemvFormats) {
    if (format == kShape.embeddingFormat)
      continue;
    SCOPED_TRACE(gemvFormatName(format).str());
    RowShape shape = kShape;
    shape.embeddingFormat = format;
    shape.cols = gemvBlockValues(format) == 256 ? 512 : 576;
    auto module = buildRowSchedules(context.get(), "row", shape, /*gpu=*/true);
    ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
    for (auto f : llvm::make_early_inc_range((*module)->getOps<mlir::func::FuncOp>()))
      if (f.isPublic() && f.getSymName() != "row_embedding")
        f.erase();
    llvm::Error lowered =
        mapScheduleToGpu(**module, {{"row_embedding", {kRowLanes, 1, 1}}}, "embedding");
    ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
    forEveryChip(**module, 1, [](const GpuTarget &, const KernelResources &k) {
      EXPECT_EQ(k.kernel, "row_embedding_kernel");
      EXPECT_EQ(k.sharedBytes, 0);
    });
  }
}

TEST(RowSchedules, ShapeErrors) {
  auto context = makeContext();
  RowShape shape = kShape;
  shape.embeddingFormat = GemvFormat::Q4_K;
  auto bad = buildRowSchedules(context.get(), "row", shape, false);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "row schedules: tokens 8, cols 576, vocab 10 (need positive sizes, cols a multiple "
            "of 256 (q4_k embedding))");
  // Without a blocked embedding any row length works.
  shape.embeddingFormat = GemvFormat::BF16;
  shape.cols = 100;
  auto plain = buildRowSchedules(context.get(), "row", shape, false);
  EXPECT_TRUE(bool(plain)) << llvm::toString(plain.takeError());
}

} // namespace
