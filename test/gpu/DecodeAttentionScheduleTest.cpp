//===- DecodeAttentionScheduleTest.cpp - flash-decoding, CPU and GPU builds -===//
//
// CPU build (loops, compiled in-process and run): SmolLM2's attention shape
// (9 heads, 3 kv-heads, head_dim 64) over an f16 cache of 192 slots (3
// splits), for 1, 63, 64, 100 and 192 attended positions, against a double
// softmax(scale q.k) v; slots past `len` hold NaN, which must never be read.
// Tolerance 2e-5 x max |out| (f32 sums over 64 values and 192 keys).
// GPU build: both kernels for every chip, no spills or private memory, the
// split kernel's 3 x 64 scores in shared / group memory.
//
//===----------------------------------------------------------------------===//

#include "Codegen.h"
#include "DecodeAttentionSchedule.h"
#include "GemvSchedule.h"
#include "GpuCompile.h"

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

uint16_t toHalf(float f) { // round to nearest even, |f| <= 1 and normal halves
  if (f == 0.0f)
    return 0;
  int e;
  float m = std::frexp(std::fabs(f), &e); // |f| = m 2^e, m in [0.5, 1)
  long bits = std::lrint(std::ldexp(m, 11));  // 11 significant bits
  if (bits == 2048) {
    bits = 1024;
    ++e;
  }
  int exponent = e - 1 + 15;
  if (exponent <= 0)
    return 0;
  return uint16_t((f < 0) << 15 | exponent << 10 | (bits & 1023));
}

float fromHalf(uint16_t h) {
  int exponent = (h >> 10) & 31, mantissa = h & 1023;
  float v = exponent ? std::ldexp(float(mantissa | 1024), exponent - 25)
                     : std::ldexp(float(mantissa), -24);
  return h >> 15 ? -v : v;
}

const DecodeAttentionShape kShape{9, 3, 64, 192, 0.125f};

TEST(DecodeAttentionSchedule, CpuBuildMatchesSoftmax) {
  auto context = makeContext();
  const DecodeAttentionShape &s = kShape;
  auto module = buildDecodeAttentionSchedule(context.get(), "attend", s, /*gpu=*/false);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error lowered = lowerDecodeAttentionForCpu(**module);
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  llvm::SmallString<128> so;
  llvm::sys::fs::createTemporaryFile("sinkc-attend", "so", so);
  sinkc::codegen::CodegenOptions options;
  llvm::Error built = sinkc::codegen::compileToSharedObject(**module, options, so);
  ASSERT_FALSE(bool(built)) << llvm::toString(std::move(built));
  void *handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  llvm::sys::fs::remove(so);
  ASSERT_NE(handle, nullptr) << dlerror();
  using Split = void (*)(const float *, const uint16_t *, int64_t, float *, float *, float *);
  using Combine = void (*)(const float *, const float *, const float *, float *);
  auto split = reinterpret_cast<Split>(dlsym(handle, "attend_split"));
  auto combine = reinterpret_cast<Combine>(dlsym(handle, "attend_combine"));
  ASSERT_NE(split, nullptr);
  ASSERT_NE(combine, nullptr);

  const int64_t H = s.heads, KVH = s.kvHeads, D = s.headDim, S = s.slots, G = H / KVH;
  const int64_t splits = S / kSplitKeys;
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
  std::vector<float> q(size_t(H * D));
  for (float &v : q)
    v = uni(rng) * 2.0f;
  for (int64_t len : {1, 63, 64, 100, 192}) {
    SCOPED_TRACE("len " + std::to_string(len));
    std::vector<uint16_t> cache(size_t(KVH * 2 * S * D), 0x7e00); // NaN past len
    for (int64_t h = 0; h < KVH; ++h)
      for (int64_t kv = 0; kv < 2; ++kv)
        for (int64_t p = 0; p < len; ++p)
          for (int64_t d = 0; d < D; ++d)
            cache[size_t(((h * 2 + kv) * S + p) * D + d)] = toHalf(uni(rng));
    std::vector<float> pm(size_t(H * splits)), pl(pm.size()), po(size_t(H * splits * D));
    std::vector<float> out(size_t(H * D), -7.0f);
    split(q.data(), cache.data(), len, pm.data(), pl.data(), po.data());
    combine(pm.data(), pl.data(), po.data(), out.data());
    std::vector<double> want(out.size());
    double scale = 0;
    for (int64_t h = 0; h < H; ++h) {
      const int64_t kvh = h / G;
      std::vector<double> score(static_cast<size_t>(len));
      double mx = -INFINITY, sum = 0;
      for (int64_t p = 0; p < len; ++p) {
        double dot = 0;
        for (int64_t d = 0; d < D; ++d)
          dot += double(q[size_t(h * D + d)]) *
                 fromHalf(cache[size_t(((kvh * 2 + 0) * S + p) * D + d)]);
        score[size_t(p)] = dot * s.scale;
        mx = std::max(mx, score[size_t(p)]);
      }
      for (double &v : score)
        sum += (v = std::exp(v - mx));
      for (int64_t d = 0; d < D; ++d) {
        double o = 0;
        for (int64_t p = 0; p < len; ++p)
          o += score[size_t(p)] * fromHalf(cache[size_t(((kvh * 2 + 1) * S + p) * D + d)]);
        want[size_t(h * D + d)] = o / sum;
        scale = std::max(scale, std::fabs(o / sum));
      }
    }
    for (size_t i = 0; i < out.size(); ++i)
      ASSERT_NEAR(out[i], want[i], 2e-5 * scale) << "head " << i / D << ", d " << i % D;
  }
  dlclose(handle);
}

TEST(DecodeAttentionSchedule, GpuBuildForEveryChip) {
  auto context = makeContext();
  Toolkits toolkits = defaultToolkits();
  bool cuda = llvm::sys::fs::can_execute(toolkits.cudaPath + "/bin/ptxas");
  bool rocm = llvm::sys::fs::exists(toolkits.rocmPath + "/amdgcn/bitcode/ockl.bc");
  if (!cuda && !rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  auto module = buildDecodeAttentionSchedule(context.get(), "attend", kShape, /*gpu=*/true);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  llvm::Error lowered = lowerDecodeAttentionForGpu(**module, "attend", kShape);
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  for (Vendor vendor : {Vendor::Cuda, Vendor::Rocm}) {
    if ((vendor == Vendor::Cuda && !cuda) || (vendor == Vendor::Rocm && !rocm))
      continue;
    for (llvm::StringRef chip : supportedChips(vendor)) {
      GpuTarget target{vendor, chip.str()};
      SCOPED_TRACE(target.name());
      auto objects = compileGpuModules(**module, target, toolkits);
      ASSERT_TRUE(bool(objects)) << llvm::toString(objects.takeError());
      ASSERT_EQ(objects->size(), 2u);
      for (const GpuObject &o : *objects) {
        ASSERT_EQ(o.kernels.size(), 1u) << o.module;
        const KernelResources &k = o.kernels[0];
        std::printf("%s %s: %lld registers, %lld bytes shared\n", target.name().c_str(),
                    k.kernel.c_str(), (long long)k.registers, (long long)k.sharedBytes);
        EXPECT_GT(k.registers, 0);
        EXPECT_EQ(k.spillBytes, 0);
        EXPECT_EQ(k.privateBytes, 0);
        if (k.kernel == "attend_split_kernel")
          EXPECT_EQ(k.sharedBytes, 3 * kSplitKeys * 4);
        else
          EXPECT_EQ(k.kernel, "attend_combine_kernel");
      }
    }
  }
}

TEST(DecodeAttentionSchedule, ShapeErrors) {
  auto context = makeContext();
  auto bad = buildDecodeAttentionSchedule(context.get(), "a", {9, 2, 64, 192, 1.0f}, false);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "decode attention schedule: 9 heads are not a positive multiple of 2 kv-heads");
  auto slots = buildDecodeAttentionSchedule(context.get(), "a", {9, 3, 64, 100, 1.0f}, false);
  ASSERT_FALSE(bool(slots));
  EXPECT_EQ(llvm::toString(slots.takeError()),
            "decode attention schedule: 100 slots are not a positive multiple of 64");
}

} // namespace
