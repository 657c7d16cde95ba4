//===- DispatchKernelsTest.cpp - dispatch functions -> GPU launches -------===//
//
// The launches generated from two dispatch functions written in tfm (a
// norm + q8_0 matmul + rope, and an attention over a full-attention cache):
// which schedule each op becomes, what each kernel argument is in the plan
// step (bindings, scalars, scratch offsets), the scratch the dispatch
// needs; the GPU build of all of them as one gpu.module for every chip
// without spills, and its manifest entries; errors for what no schedule
// runs yet. The numerics of the CPU build are checked end to end against
// the numpy reference in test/e2e/test_gpu_emulation.py.
//
//===----------------------------------------------------------------------===//

#include "DispatchKernels.h"
#include "GpuTestUtil.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace sinkc::gpu;
using namespace sinkc::gpu::testing;

namespace {

// Prefill form ([1, ?, N] activations): compiled for kTokens tokens.
constexpr int64_t kTokens = 8, kContext = 128;

const char *kDispatches = R"mlir(
func.func private @dispatch_1_qk(%x: tensor<1x?x64xf32>, %w: tensor<64xf32>,
    %q: tensor<64x64xf32, #tfm.gguf<q8_0>>, %pos: index) -> tensor<1x?x64xf32>
    attributes {tfm.dispatch = "rms_norm+linear+rope"} {
  %0 = tfm.rms_norm %x, %w {epsilon = 1.0e-05 : f64} : tensor<1x?x64xf32>, tensor<64xf32>
  %1 = tfm.linear %0, %q : tensor<1x?x64xf32>, tensor<64x64xf32, #tfm.gguf<q8_0>> -> tensor<1x?x64xf32>
  %2 = tfm.rope %1 at %pos style = interleaved {head_dim = 32 : i64, theta = 1.0e+04 : f64} : tensor<1x?x64xf32>
  return %2 : tensor<1x?x64xf32>
}
func.func private @dispatch_2_attention(%q: tensor<1x?x64xf32>, %k: tensor<1x?x32xf32>,
    %v: tensor<1x?x32xf32>, %pos: index, %cache: !tfm.kv_cache<4x?x32xf16>, %entry: index)
    -> tensor<1x?x64xf32> attributes {tfm.dispatch = "attention"} {
  %0 = tfm.attention %q, %k, %v at %pos caches(%cache : !tfm.kv_cache<4x?x32xf16>) entry_offsets(%entry)
       {head_dim = 32 : i64, kv_buffer = array<i64: 0>, kv_entry = array<i64: 0>, num_heads = 2 : i64,
        num_kv_heads = 1 : i64, scale = 0.17677669 : f64}
       : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %0 : tensor<1x?x64xf32>
}
)mlir";

std::unique_ptr<mlir::MLIRContext> makeTfmContext() {
  mlir::DialectRegistry registry;
  registry.insert<sinkc::tfm::TfmDialect, mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect>();
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

StepOperand binding(int64_t i) { return {StepOperand::Kind::Binding, i}; }
StepOperand scalar(int64_t i) { return {StepOperand::Kind::Scalar, i}; }
StepOperand scratch(int64_t b) { return {StepOperand::Kind::Scratch, b}; }

std::string show(const std::vector<StepOperand> &operands) {
  std::string s;
  for (const StepOperand &o : operands)
    s += (o.kind == StepOperand::Kind::Binding  ? "b"
          : o.kind == StepOperand::Kind::Scalar ? "s"
                                                : "scratch") +
         std::to_string(o.index) + " ";
  return s;
}

std::string jsonText(const llvm::json::Value *v) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (v)
    os << *v;
  return text;
}

struct Generated {
  std::unique_ptr<mlir::MLIRContext> tfm, schedules;
  mlir::OwningOpRef<mlir::ModuleOp> dispatches;
  llvm::Expected<DispatchKernels> kernels = DispatchKernels{};
};

Generated generate(const std::string &text, bool gpu) {
  Generated g;
  g.tfm = makeTfmContext();
  g.schedules = makeContext();
  g.dispatches = mlir::parseSourceString<mlir::ModuleOp>(text, g.tfm.get());
  EXPECT_TRUE(bool(g.dispatches));
  DispatchKernelOptions options;
  options.prefillTokens = kTokens;
  options.maxContext = kContext - 10; // rounded up to whole splits
  if (g.dispatches)
    g.kernels = buildDispatchKernels(*g.dispatches, g.schedules.get(), options, gpu);
  return g;
}

// Each op one launch (attention three), in order; results of ops that the
// function does not return live in scratch, 256-aligned; the attention's
// partials follow its output's place.
TEST(DispatchKernels, LaunchesAndOperandsFollowTheOps) {
  Generated g = generate(kDispatches, /*gpu=*/false);
  ASSERT_TRUE(bool(g.kernels)) << llvm::toString(g.kernels.takeError());
  const std::vector<DispatchLaunch> &l = g.kernels->launches;
  ASSERT_EQ(l.size(), 6u);
  // rms_norm(x, w, tokens, y -> scratch 0); gemv(w, x, tokens, y -> scratch
  // 8 x 64 x 4 = 2048); rope(x, pos, tokens, y -> the result binding 3).
  EXPECT_EQ(l[0].function, "dispatch_1_qk__0_rms_norm");
  EXPECT_EQ(show(l[0].operands), "b0 b1 s0 scratch0 ");
  EXPECT_EQ(l[1].function, "dispatch_1_qk__1_gemv");
  EXPECT_EQ(show(l[1].operands), "b2 scratch0 s0 scratch2048 ");
  EXPECT_EQ(l[2].function, "dispatch_1_qk__2_rope");
  EXPECT_EQ(show(l[2].operands), "scratch2048 s1 s0 b3 ");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(l[size_t(i)].kernel, "dispatch_1_qk");
  // Attention: bindings q, k, v, cache, result (4); scalars tokens,
  // position, entry offset, context (the cache has the session's slots).
  // The split reads this call's keys from k / v; the append runs last.
  EXPECT_EQ(l[3].function, "dispatch_2_attention__0_split");
  // Partials for 128 slots = 2 splits: m, l (8 x 2 x 2 floats, 256 bytes
  // each after alignment), o (8 x 2 x 2 x 32 floats = 4096 bytes).
  EXPECT_EQ(show(l[3].operands), "b0 b1 b2 b3 s2 s3 s1 s0 scratch0 scratch256 scratch512 ");
  EXPECT_EQ(l[4].function, "dispatch_2_attention__0_combine");
  EXPECT_EQ(show(l[4].operands), "scratch0 scratch256 scratch512 s0 b4 ");
  EXPECT_EQ(l[5].function, "dispatch_2_attention__0_append");
  EXPECT_EQ(show(l[5].operands), "b1 b2 s1 s0 b3 s2 s3 ");
  EXPECT_EQ(l[3].blockDims, (std::array<int64_t, 3>{64, 2, 1}));
  EXPECT_EQ(g.kernels->maxContext, kContext);
  EXPECT_EQ(g.kernels->scratchBytes, 512 + 4096); // the larger dispatch's
}

// One gpu.module holds every kernel; each compiles for every chip without
// spills or private memory, and each launch's manifest entry names its
// symbol, grid (the tokens it was compiled for) and arguments.
TEST(DispatchKernels, GpuBuildIsOneModuleForEveryChip) {
  Generated g = generate(kDispatches, /*gpu=*/true);
  ASSERT_TRUE(bool(g.kernels)) << llvm::toString(g.kernels.takeError());
  mlir::ModuleOp schedules = *g.kernels->schedules;
  llvm::Error lowered = lowerDispatchKernelsForGpu(schedules, g.kernels->launches);
  ASSERT_FALSE(bool(lowered)) << llvm::toString(std::move(lowered));
  auto modules = llvm::to_vector(schedules.getOps<mlir::gpu::GPUModuleOp>());
  ASSERT_EQ(modules.size(), 1u);
  EXPECT_EQ(modules[0].getName(), kKernelModuleName);
  AvailableToolkits available = availableToolkits();
  if (!available.cuda && !available.rocm)
    GTEST_SKIP() << "neither ptxas nor the ROCm device libraries are installed";
  for (Vendor vendor : {Vendor::Cuda, Vendor::Rocm}) {
    if (!(vendor == Vendor::Cuda ? available.cuda : available.rocm))
      continue;
    for (llvm::StringRef chip : supportedChips(vendor)) {
      GpuTarget target{vendor, chip.str()};
      SCOPED_TRACE(target.name());
      auto object = compileGpuModule(schedules, target, available.paths);
      ASSERT_TRUE(bool(object)) << llvm::toString(object.takeError());
      ASSERT_EQ(object->kernels.size(), 6u);
      for (const KernelResources &k : object->kernels) {
        EXPECT_GT(k.registers, 0) << k.kernel;
        EXPECT_EQ(k.spillBytes, 0) << k.kernel;
        EXPECT_EQ(k.privateBytes, 0) << k.kernel;
      }
      auto entries = manifestLaunches(schedules, g.kernels->launches, object->kernels);
      ASSERT_TRUE(bool(entries)) << llvm::toString(entries.takeError());
      ASSERT_EQ(entries->size(), 6u);
      const llvm::json::Object *gemv = (*entries)[1].getAsObject();
      EXPECT_EQ(gemv->getString("kernel"), "dispatch_1_qk");
      EXPECT_EQ(gemv->getString("symbol"), "dispatch_1_qk__1_gemv_kernel");
      // 64 rows / 4 per block, 8 tokens.
      EXPECT_EQ(jsonText(gemv->get("grid")), "[16,8,1]");
      const llvm::json::Object *split = (*entries)[3].getAsObject();
      EXPECT_EQ(jsonText(split->get("grid")), "[2,1,8]");
      EXPECT_EQ(*split->getInteger("static_shared_bytes"), 2 * 64 * 4);
    }
  }
}

std::string replaceAll(std::string text, const std::string &from, const std::string &to) {
  for (size_t p = text.find(from); p != std::string::npos; p = text.find(from, p + to.size()))
    text.replace(p, from.size(), to);
  return text;
}

// Sinks + window: the ring's slots are fixed (no `context` scalar), the
// splits cover sinks + window keys.
TEST(DispatchKernels, SinksAndWindowTakeNoContext) {
  std::string ring = replaceAll(kDispatches, "4x?x32xf16", "4x64x32xf16");
  ring = replaceAll(ring, "kv_buffer = array<i64: 0>",
                    "policies = [#tfm.streaming<sinks = 4, window = 60>], kv_buffer = array<i64: 0>");
  Generated g = generate(ring, /*gpu=*/false);
  ASSERT_TRUE(bool(g.kernels)) << llvm::toString(g.kernels.takeError());
  const std::vector<DispatchLaunch> &l = g.kernels->launches;
  ASSERT_EQ(l.size(), 6u);
  // One split: m, l of 8 x 2 floats (256 bytes aligned), o 8 x 2 x 32.
  EXPECT_EQ(show(l[3].operands), "b0 b1 b2 b3 s2 s1 s0 scratch0 scratch256 scratch512 ");
  EXPECT_EQ(show(l[5].operands), "b1 b2 s1 s0 b3 s2 ");
}

std::string errorOf(const std::string &text) {
  Generated g = generate(text, /*gpu=*/true);
  if (!g.dispatches)
    return "(the test's module does not parse)";
  if (g.kernels)
    return "(no error)";
  return llvm::toString(g.kernels.takeError());
}

TEST(DispatchKernels, WhatNoScheduleRunsIsAnError) {
  std::string group = replaceAll(kDispatches, "#tfm.gguf<q8_0>",
                                 "#tfm.group_quant<int4, group = 32, symmetric, scale = f16>");
  std::string error = errorOf(group);
  EXPECT_NE(error.find("GPU kernels of @dispatch_1_qk: tfm.linear at"), std::string::npos)
      << error;
  EXPECT_NE(error.find("the GPU GEMV reads f32, f16, bf16, q8_0, q4_0, q4_1, q5_0, q5_1, q4_k "
                       "and q6_k weights (this one is #tfm.group_quant<int4, group = 32, "
                       "symmetric, scale = f16>)"),
            std::string::npos)
      << error;

  std::string f32cache = replaceAll(kDispatches, "32xf16>", "32xf32>");
  error = errorOf(f32cache);
  EXPECT_NE(error.find("the GPU attention reads f16 caches"), std::string::npos) << error;
}

} // namespace
