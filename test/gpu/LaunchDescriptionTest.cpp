//===- LaunchDescriptionTest.cpp - launches traced back to the schedule ---===//
//
// The GEMV and the attention schedules after the GPU mapping: one launch
// per function, its parameters each a distinct argument of the function,
// grids and blocks as the schedules lay them out; the manifest JSON; errors
// for a parameter computed on the host and a non-constant grid.
//
//===----------------------------------------------------------------------===//

#include "DecodeAttentionSchedule.h"
#include "GemvSchedule.h"
#include "GpuCompile.h"
#include "GpuTestUtil.h"
#include "LaunchDescription.h"

#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

#include <set>

using namespace sinkc::gpu;
using namespace sinkc::gpu::testing;

namespace {

/// Every parameter an argument, each of 0..count-1 exactly once.
void expectEachArgumentOnce(const LaunchDescription &d, int64_t count) {
  std::multiset<int64_t> seen;
  for (const LaunchParameter &p : d.parameters) {
    EXPECT_EQ(p.kind, LaunchParameter::Kind::Argument) << d.symbol;
    seen.insert(p.value);
  }
  std::multiset<int64_t> want;
  for (int64_t i = 0; i < count; ++i)
    want.insert(i);
  EXPECT_EQ(seen, want) << d.symbol;
}

TEST(LaunchDescription, GemvLaunch) {
  auto context = makeContext();
  auto module = buildGemvSchedule(context.get(), "gemv", {GemvFormat::Q4_1, 64, 64, 2}, true);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  ASSERT_FALSE(bool(lowerScheduleForGpu(**module, "gemv")));
  auto launches = describeLaunches(**module);
  ASSERT_TRUE(bool(launches)) << llvm::toString(launches.takeError());
  ASSERT_EQ(launches->size(), 1u);
  const LaunchDescription &d = launches->front();
  EXPECT_EQ(d.function, "gemv");
  EXPECT_EQ(d.module, "gemv_kernel");
  EXPECT_EQ(d.symbol, "gemv_kernel");
  expectEachArgumentOnce(d, 4); // w, x, tokens, y
  EXPECT_EQ(d.grid, (std::array<int64_t, 3>{64 / kGemvRowsPerBlock, 2, 1}));
  EXPECT_EQ(d.block, (std::array<int64_t, 3>{kGemvLanes, kGemvRowsPerBlock, 1}));

  // As a plan step would bind them: w, x, y bindings 0, 1, 2; tokens scalar 0.
  using K = StepOperand::Kind;
  std::vector<StepOperand> step = {{K::Binding, 0}, {K::Binding, 1}, {K::Scalar, 0},
                                   {K::Binding, 2}};
  KernelResources r{"gemv_kernel", 32, -1, 0, 512, 0};
  auto entry = manifestLaunch(d, "dispatch_3_linear", step, &r);
  ASSERT_TRUE(bool(entry)) << llvm::toString(entry.takeError());
  std::string json;
  llvm::raw_string_ostream os(json);
  os << llvm::json::Value(std::move(*entry));
  EXPECT_NE(json.find("\"kernel\":\"dispatch_3_linear\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"symbol\":\"gemv_kernel\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"block\":[32,4,1]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"static_shared_bytes\":512"), std::string::npos) << json;
  EXPECT_NE(json.find("\"registers\":32"), std::string::npos) << json;
  // Every step operand appears once, in the launch's order.
  std::string args;
  for (const LaunchParameter &p : d.parameters) {
    const StepOperand &o = step[size_t(p.value)];
    args += std::string(args.empty() ? "" : ",") + "{\"" +
            (o.kind == K::Binding ? "binding" : "scalar") + "\":" + std::to_string(o.index) + "}";
  }
  EXPECT_NE(json.find("\"args\":[" + args + "]"), std::string::npos) << json;

  auto short_map = manifestLaunch(d, "dispatch_3_linear", {step[0], step[1]}, nullptr);
  ASSERT_FALSE(bool(short_map));
  EXPECT_NE(llvm::toString(short_map.takeError()).find("but the step maps 2 arguments"),
            std::string::npos);
}

TEST(LaunchDescription, AttentionLaunches) {
  auto context = makeContext();
  DecodeAttentionShape shape{9, 3, 64, 192, 0, 0, 3, 0.125f, /*maxTokens=*/4};
  auto module = buildDecodeAttentionSchedule(context.get(), "attend", shape, true);
  ASSERT_TRUE(bool(module)) << llvm::toString(module.takeError());
  ASSERT_FALSE(bool(lowerDecodeAttentionForGpu(**module, "attend", shape)));
  auto launches = describeLaunches(**module);
  ASSERT_TRUE(bool(launches)) << llvm::toString(launches.takeError());
  // In the module's function order: split, append, combine.
  ASSERT_EQ(launches->size(), 3u);
  const LaunchDescription &split = (*launches)[0], &append = (*launches)[1],
                          &combine = (*launches)[2];
  EXPECT_EQ(split.symbol, "attend_split_kernel");
  expectEachArgumentOnce(split, 11);
  EXPECT_EQ(split.grid, (std::array<int64_t, 3>{192 / kSplitKeys, 3, 4}));
  EXPECT_EQ(split.block, (std::array<int64_t, 3>{64, 3, 1}));
  EXPECT_EQ(combine.symbol, "attend_combine_kernel");
  expectEachArgumentOnce(combine, 6);
  EXPECT_EQ(combine.grid, (std::array<int64_t, 3>{9, 4, 1}));
  EXPECT_EQ(combine.block, (std::array<int64_t, 3>{64, 1, 1}));
  EXPECT_EQ(append.symbol, "attend_append_kernel");
  expectEachArgumentOnce(append, 7);
  EXPECT_EQ(append.grid, (std::array<int64_t, 3>{4, 1, 1}));
  EXPECT_EQ(append.block, (std::array<int64_t, 3>{kAppendLanes, 1, 1}));
}

TEST(LaunchDescription, Errors) {
  auto context = makeContext();
  const char *hostParameter = R"mlir(
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @k(%a: index) kernel { gpu.return }
  }
  func.func @f(%n: index) {
    %c1 = arith.constant 1 : index
    %twice = arith.addi %n, %n : index
    gpu.launch_func @k::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) args(%twice : index)
    return
  }
}
)mlir";
  auto module = mlir::parseSourceString<mlir::ModuleOp>(hostParameter, context.get());
  ASSERT_TRUE(module);
  auto launches = describeLaunches(*module);
  ASSERT_FALSE(bool(launches));
  EXPECT_EQ(llvm::toString(launches.takeError()),
            "launch of k in @f: parameter 0 is computed in the host function (sink it into "
            "the kernel)");

  const char *dynamicGrid = R"mlir(
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @k() kernel { gpu.return }
  }
  func.func @f(%n: index) {
    %c1 = arith.constant 1 : index
    gpu.launch_func @k::@k blocks in (%n, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
}
)mlir";
  module = mlir::parseSourceString<mlir::ModuleOp>(dynamicGrid, context.get());
  ASSERT_TRUE(module);
  launches = describeLaunches(*module);
  ASSERT_FALSE(bool(launches));
  EXPECT_EQ(llvm::toString(launches.takeError()),
            "launch of k in @f: the grid and block sizes must be constants");
}

} // namespace
