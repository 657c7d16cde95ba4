//===- CodegenTargetTest.cpp - CPU levels and their features --------------===//

#include "CodegenTestUtil.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <gtest/gtest.h>

#include <vector>

using namespace sinkc::codegen;
using namespace sinkc::codegen::testing;

namespace {

// y[i] = a * x[i] + y[i]: the loop vectorizer's textbook case. LLVM's
// x86-64-v4 tuning prefers 256-bit loops (as clang's does); the attribute
// asks for 512 bits, which only a CPU with AVX-512 may grant. `contract`
// allows FMA where the CPU has it.
constexpr const char *kSaxpy = R"mlir(
llvm.func @saxpy(%a: f32, %x: !llvm.ptr {llvm.noalias}, %y: !llvm.ptr {llvm.noalias}, %n: i64)
    attributes {passthrough = [["prefer-vector-width", "512"]]} {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^loop(%c0 : i64)
^loop(%i: i64):
  %done = llvm.icmp "sge" %i, %n : i64
  llvm.cond_br %done, ^exit, ^body
^body:
  %xp = llvm.getelementptr inbounds %x[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %yp = llvm.getelementptr inbounds %y[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %xv = llvm.load %xp : !llvm.ptr -> f32
  %yv = llvm.load %yp : !llvm.ptr -> f32
  %p = llvm.fmul %a, %xv {fastmathFlags = #llvm.fastmath<contract>} : f32
  %s = llvm.fadd %p, %yv {fastmathFlags = #llvm.fastmath<contract>} : f32
  llvm.store %s, %yp : f32, !llvm.ptr
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2 : i64)
^exit:
  llvm.return
}
)mlir";

CodegenOptions cpu(const char *name, const char *features = "") {
  CodegenOptions options;
  options.cpu = name;
  options.features = features;
  return options;
}

bool has(const std::vector<std::string> &features, llvm::StringRef name) {
  return llvm::is_contained(features, name.str());
}

TEST(CodegenTarget, X86_64_V3UsesYmmButNoZmm) {
  std::string assembly = compileToAssembly(kSaxpy, cpu("x86-64-v3"));
  ASSERT_FALSE(llvm::StringRef(assembly).starts_with("ERROR")) << assembly;
  EXPECT_NE(assembly.find("ymm"), std::string::npos) << "not vectorized";
  EXPECT_EQ(assembly.find("zmm"), std::string::npos) << "AVX-512 in v3 code";
  EXPECT_NE(assembly.find("vfmadd"), std::string::npos) << "FMA (v3) not used";
}

TEST(CodegenTarget, X86_64_V4UsesZmm) {
  std::string assembly = compileToAssembly(kSaxpy, cpu("x86-64-v4"));
  ASSERT_FALSE(llvm::StringRef(assembly).starts_with("ERROR")) << assembly;
  EXPECT_NE(assembly.find("zmm"), std::string::npos) << assembly;
}

TEST(CodegenTarget, PlainX86_64StaysOnSse) {
  std::string assembly = compileToAssembly(kSaxpy, cpu("x86-64"));
  ASSERT_FALSE(llvm::StringRef(assembly).starts_with("ERROR")) << assembly;
  EXPECT_NE(assembly.find("xmm"), std::string::npos);
  EXPECT_EQ(assembly.find("ymm"), std::string::npos);
  EXPECT_EQ(assembly.find("vfmadd"), std::string::npos);
}

TEST(CodegenTarget, ExtraFeaturesAreApplied) {
  std::string assembly =
      compileToAssembly(kSaxpy, cpu("x86-64-v3", "-avx2,-avx,-fma"));
  ASSERT_FALSE(llvm::StringRef(assembly).starts_with("ERROR")) << assembly;
  EXPECT_EQ(assembly.find("ymm"), std::string::npos);
}

TEST(CodegenTarget, RequiredFeaturesFollowTheCpu) {
  std::vector<std::string> v3 = requiredFeatures(cpu("x86-64-v3"));
  EXPECT_TRUE(has(v3, "avx2") && has(v3, "fma") && has(v3, "f16c") &&
              has(v3, "sse4.2") && has(v3, "bmi2"));
  EXPECT_FALSE(has(v3, "avx512f"));
  EXPECT_TRUE(llvm::is_sorted(v3));

  std::vector<std::string> v4 = requiredFeatures(cpu("x86-64-v4"));
  for (const char *feature :
       {"avx2", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"})
    EXPECT_TRUE(has(v4, feature)) << feature;

  std::vector<std::string> zen4 = requiredFeatures(cpu("znver4"));
  EXPECT_TRUE(has(zen4, "avx512vnni") && has(zen4, "avx512bf16"));

  // Extras add what they imply and remove what depends on them.
  std::vector<std::string> plus =
      requiredFeatures(cpu("x86-64-v3", "+avx512bw"));
  EXPECT_TRUE(has(plus, "avx512bw") && has(plus, "avx512f"));
  std::vector<std::string> minus = requiredFeatures(cpu("x86-64-v3", "-avx"));
  EXPECT_FALSE(has(minus, "avx") || has(minus, "avx2") || has(minus, "fma"));
  EXPECT_TRUE(has(minus, "sse4.2"));

  EXPECT_TRUE(requiredFeatures(cpu("no-such-cpu")).empty());
  EXPECT_TRUE(has(requiredFeatures(CodegenOptions()), "sse2"));
}

TEST(CodegenTarget, MicroarchitectureLevels) {
  EXPECT_EQ(microarchitectureLevel(cpu("x86-64")), "x86-64");
  EXPECT_EQ(microarchitectureLevel(cpu("x86-64-v2")), "x86-64-v2");
  EXPECT_EQ(microarchitectureLevel(cpu("x86-64-v3")), "x86-64-v3");
  EXPECT_EQ(microarchitectureLevel(cpu("x86-64-v4")), "x86-64-v4");
  EXPECT_EQ(microarchitectureLevel(cpu("haswell")), "x86-64-v3");
  EXPECT_EQ(microarchitectureLevel(cpu("znver4")), "x86-64-v4");
  EXPECT_EQ(microarchitectureLevel(cpu("x86-64-v4", "-avx512bw")), "x86-64-v3");
}

TEST(CodegenTarget, HostCodeRunsHere) {
  // "host" must name features this machine has: the level it reports runs.
  EXPECT_TRUE(hostRuns(microarchitectureLevel(CodegenOptions())));
}

} // namespace
