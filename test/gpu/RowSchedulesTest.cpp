//===- RowSchedulesTest.cpp - norm / SwiGLU / add / embedding schedules ---===//
//
// CPU build run on 5 live tokens of 8 (rows 5..7 must stay untouched) with
// rows of 576 values: RMSNorm within 1e-5 relative of a double reference,
// SwiGLU within 1e-6 relative (libm's exp), the residual add exact, the
// q8_0 embedding rows exactly (q * d) for ids 0, the last and repeats.
// GPU build: four kernels for every chip, no spills or private memory, the
// norm's 257 floats of shared memory.
//
//===----------------------------------------------------------------------===//

#include "Codegen.h"
#include "GemvSchedule.h"
#include "GpuCompile.h"
#include "RowSchedules.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <dlfcn.h>
#include <random>

using namespace sinkc::gpu;

namespace {

std::unique_ptr<mlir::MLIRContext> makeContext() {
  mlir::DialectRegistry registry;
  registerGpuCompilation(registry);
  registerKernelSchedules(registry);
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

float fromHalf(uint16_t h) {
  int exponent = (h >> 10) & 31, mantissa = h & 1023;
  float v = exponent ? std::ldexp(float(mantissa | 1024), exponent - 25)
                     : std::ldexp(float(mantissa), -24);
  return h >> 15 ? -v : v;
}

const RowShape kShape{8, 576, 10, 1e-5f};
constexpr int64_t kTokens = 5;

TEST(RowSchedules, CpuBuildMatchesReferences) {
  auto context = makeContext();
  const int64_t T = kShape.maxTokens, N = kShape.cols;
  auto module = buildRowSchedules(context.get(), "row", kShape, /*gpu=*/false);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error lowered = lowerRowSchedulesForCpu(**module);
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  llvm::SmallString<128> so;
  llvm::sys::fs::createTemporaryFile("sinkc-rows", "so", so);
  llvm::Error built = sinkc::codegen::compileToSharedObject(**module, {}, so);
  ASSERT_FALSE(bool(built)) << llvm::toString(std::move(built));
  void *handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  llvm::sys::fs::remove(so);
  ASSERT_NE(handle, nullptr) << dlerror();
  using Norm = void (*)(const float *, const float *, int64_t, float *);
  using Binary = void (*)(const float *, const float *, int64_t, float *);
  using Embed = void (*)(const uint8_t *, const int32_t *, int64_t, float *);
  auto norm = reinterpret_cast<Norm>(dlsym(handle, "row_rms_norm"));
  auto swiglu = reinterpret_cast<Binary>(dlsym(handle, "row_swiglu"));
  auto add = reinterpret_cast<Binary>(dlsym(handle, "row_add"));
  auto embed = reinterpret_cast<Embed>(dlsym(handle, "row_embedding_q8_0"));
  ASSERT_TRUE(norm && swiglu && add && embed);

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

  const int64_t blocks = N / 32;
  std::vector<uint8_t> table(size_t(kShape.vocab * blocks * 34));
  std::uniform_int_distribution<int> byte(0, 255);
  for (size_t at = 0; at < table.size(); at += 34) {
    uint16_t d = uint16_t(byte(rng) << 8 & 0x3fff) | 0x2000; // positive, normal
    std::memcpy(&table[at], &d, 2);
    for (int j = 2; j < 34; ++j)
      table[at + size_t(j)] = uint8_t(byte(rng));
  }
  std::vector<int32_t> ids = {0, 9, 3, 9, 5, 1, 1, 1};
  std::fill(y.begin(), y.end(), -7.0f);
  embed(table.data(), ids.data(), kTokens, y.data());
  for (int64_t t = 0; t < kTokens; ++t)
    for (int64_t i = 0; i < N; ++i) {
      const uint8_t *blk = &table[size_t((ids[size_t(t)] * blocks + i / 32) * 34)];
      uint16_t dh;
      std::memcpy(&dh, blk, 2);
      float want = float(int8_t(blk[2 + i % 32])) * fromHalf(dh);
      ASSERT_EQ(y[size_t(t * N + i)], want) << t << "," << i;
    }
  EXPECT_TRUE(untouched(y));
  dlclose(handle);
}

TEST(RowSchedules, GpuBuildForEveryChip) {
  auto context = makeContext();
  Toolkits toolkits = defaultToolkits();
  bool cuda = llvm::sys::fs::can_execute(toolkits.cudaPath + "/bin/ptxas");
  bool rocm = llvm::sys::fs::exists(toolkits.rocmPath + "/amdgcn/bitcode/ockl.bc");
  if (!cuda && !rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  auto module = buildRowSchedules(context.get(), "row", kShape, /*gpu=*/true);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error lowered = lowerRowSchedulesForGpu(**module, "row");
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  for (Vendor vendor : {Vendor::Cuda, Vendor::Rocm}) {
    if ((vendor == Vendor::Cuda && !cuda) || (vendor == Vendor::Rocm && !rocm))
      continue;
    for (llvm::StringRef chip : supportedChips(vendor)) {
      GpuTarget target{vendor, chip.str()};
      SCOPED_TRACE(target.name());
      auto objects = compileGpuModules(**module, target, toolkits);
      ASSERT_TRUE(bool(objects)) << llvm::toString(objects.takeError());
      ASSERT_EQ(objects->size(), 4u);
      for (const GpuObject &o : *objects) {
        ASSERT_EQ(o.kernels.size(), 1u) << o.module;
        const KernelResources &k = o.kernels[0];
        EXPECT_GT(k.registers, 0) << k.kernel;
        EXPECT_EQ(k.spillBytes, 0) << k.kernel;
        EXPECT_EQ(k.privateBytes, 0) << k.kernel;
        EXPECT_EQ(k.sharedBytes, k.kernel == "row_rms_norm_kernel" ? (kRowLanes + 1) * 4 : 0)
            << k.kernel;
      }
    }
  }
}

} // namespace
