//===- GpuTargetTest.cpp - parsing `sinkc compile --target` ---------------===//
//
// Lists of cpu / cuda:<chip> / rocm:<chip> in order; every supported chip;
// errors that name the bad item and the supported chips.
//
//===----------------------------------------------------------------------===//

#include "GpuTarget.h"

#include <gtest/gtest.h>

using namespace sinkc::gpu;

namespace {

std::string errorOf(llvm::StringRef spec) {
  llvm::Expected<TargetList> list = parseTargets(spec);
  if (list)
    return "(parsed)";
  return llvm::toString(list.takeError());
}

TEST(GpuTarget, ListsInOrder) {
  llvm::Expected<TargetList> list = parseTargets("cpu, cuda:sm_90,rocm:gfx942,cuda:sm_80");
  ASSERT_TRUE(bool(list)) << llvm::toString(list.takeError());
  EXPECT_TRUE(list->cpu);
  ASSERT_EQ(list->gpus.size(), 3u);
  EXPECT_EQ(list->gpus[0].name(), "cuda:sm_90");
  EXPECT_EQ(list->gpus[1].vendor, Vendor::Rocm);
  EXPECT_EQ(list->gpus[1].chip, "gfx942");
  EXPECT_EQ(list->gpus[2].name(), "cuda:sm_80");

  llvm::Expected<TargetList> gpuOnly = parseTargets("rocm:gfx1100");
  ASSERT_TRUE(bool(gpuOnly));
  EXPECT_FALSE(gpuOnly->cpu);
  EXPECT_EQ(gpuOnly->gpus.size(), 1u);
}

TEST(GpuTarget, EverySupportedChipParses) {
  for (Vendor vendor : {Vendor::Cuda, Vendor::Rocm})
    for (llvm::StringRef chip : supportedChips(vendor)) {
      std::string name = (vendor == Vendor::Cuda ? "cuda:" : "rocm:") + chip.str();
      llvm::Expected<TargetList> list = parseTargets(name);
      ASSERT_TRUE(bool(list)) << name << ": " << llvm::toString(list.takeError());
      EXPECT_EQ(list->gpus.at(0).name(), name);
    }
  EXPECT_EQ(supportedChips(Vendor::Cuda).size(), 5u);
  EXPECT_EQ(supportedChips(Vendor::Rocm).size(), 3u);
}

TEST(GpuTarget, ErrorsNameTheItem) {
  EXPECT_EQ(errorOf(""), "--target: empty target in '' (expected cpu, cuda:<chip> or rocm:<chip>, "
                         "comma-separated)");
  EXPECT_EQ(errorOf("cpu,"), "--target: empty target in 'cpu,' (expected cpu, cuda:<chip> or "
                             "rocm:<chip>, comma-separated)");
  EXPECT_EQ(errorOf("cuda:sm_75"), "--target: unknown cuda chip 'sm_75' in 'cuda:sm_75' "
                                   "(supported: sm_80, sm_86, sm_90, sm_100, sm_120)");
  EXPECT_EQ(errorOf("rocm:gfx908"), "--target: unknown rocm chip 'gfx908' in 'rocm:gfx908' "
                                    "(supported: gfx90a, gfx942, gfx1100)");
  EXPECT_EQ(errorOf("cuda"), "--target: unknown cuda chip '' in 'cuda' (supported: sm_80, sm_86, "
                             "sm_90, sm_100, sm_120)");
  EXPECT_EQ(errorOf("tpu:v5"),
            "--target: unknown target 'tpu:v5' (expected cpu, cuda:<chip> or rocm:<chip>)");
  EXPECT_EQ(errorOf("cuda:sm_90,cuda:sm_90"), "--target: 'cuda:sm_90' is named twice");
  EXPECT_EQ(errorOf("cpu,cpu"), "--target: 'cpu' is named twice");
}

} // namespace
