//===- CodegenUkernelTest.cpp - ukernel bitcode linked and inlined --------===//
//
// The weights and activations are chosen so every product and partial sum is
// exact in f32 (power-of-two scales, small integers): any summation order
// gives the same value, so the results are compared exactly.
//
//===----------------------------------------------------------------------===//

#include "CodegenTestUtil.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

using namespace sinkc::codegen;
using namespace sinkc::codegen::testing;

namespace {

constexpr const char *kKernelCalls = R"mlir(
llvm.func @sinkc_uk_dot_q8_0(!llvm.ptr, !llvm.ptr, i64) -> f32
llvm.func @sinkc_uk_gemv_q4_1(!llvm.ptr, i64, !llvm.ptr, !llvm.ptr, i64, i64)

llvm.func @dot_q8_0(%w: !llvm.ptr, %x: !llvm.ptr, %n: i64) -> f32 {
  %r = llvm.call @sinkc_uk_dot_q8_0(%w, %x, %n) : (!llvm.ptr, !llvm.ptr, i64) -> f32
  llvm.return %r : f32
}

llvm.func @gemv_q4_1(%w: !llvm.ptr, %rowBytes: i64, %x: !llvm.ptr,
                     %y: !llvm.ptr, %rows: i64, %cols: i64) {
  llvm.call @sinkc_uk_gemv_q4_1(%w, %rowBytes, %x, %y, %rows, %cols)
      : (!llvm.ptr, i64, !llvm.ptr, !llvm.ptr, i64, i64) -> ()
  llvm.return
}
)mlir";

using DotFn = float(const void *, const float *, int64_t);
using GemvFn = void(const void *, int64_t, const float *, float *, int64_t,
                    int64_t);

/// f16 bits of +-2^e (the only scales used here).
uint16_t f16PowerOfTwo(int exponent, bool negative = false) {
  return uint16_t((negative ? 0x8000 : 0) | ((exponent + 15) << 10));
}

void putU16(std::vector<uint8_t> &bytes, uint16_t value) {
  bytes.push_back(uint8_t(value & 0xff));
  bytes.push_back(uint8_t(value >> 8));
}

std::vector<float> activations(size_t n) {
  std::vector<float> x(n);
  for (size_t i = 0; i < n; ++i)
    x[i] = float(int((i * 3) % 17) - 8);
  return x;
}

/// q8_0 blocks (f16 d, 32 x int8) and their dot with x, computed directly.
struct Q8Row {
  std::vector<uint8_t> bytes;
  double dot = 0;
};

Q8Row makeQ8Row(const std::vector<float> &x) {
  Q8Row row;
  const int exponents[] = {-1, -2, 0, 1};
  for (size_t b = 0; b < x.size() / 32; ++b) {
    int exponent = exponents[b % 4];
    putU16(row.bytes, f16PowerOfTwo(exponent));
    for (size_t i = 0; i < 32; ++i) {
      int q = int((b * 7 + i * 5) % 255) - 127;
      row.bytes.push_back(uint8_t(int8_t(q)));
      row.dot += q * std::ldexp(1.0, exponent) * x[b * 32 + i];
    }
  }
  return row;
}

/// q4_1 rows (f16 d, f16 m, 16 bytes: low nibble j, high nibble j + 16) and
/// the exact y = W x.
struct Q41Matrix {
  std::vector<uint8_t> bytes;
  std::vector<double> y;
};

Q41Matrix makeQ41Matrix(const std::vector<float> &x, size_t rows) {
  Q41Matrix matrix;
  size_t blocks = x.size() / 32;
  for (size_t r = 0; r < rows; ++r) {
    double y = 0;
    for (size_t b = 0; b < blocks; ++b) {
      int dExponent = -int((r + b) % 3);    // d in {1, 1/2, 1/4}
      int mExponent = int((r * 2 + b) % 3); // |m| in {1, 2, 4}
      bool mNegative = (r + b) % 2 == 0;
      double d = std::ldexp(1.0, dExponent);
      double m = (mNegative ? -1 : 1) * std::ldexp(1.0, mExponent);
      putU16(matrix.bytes, f16PowerOfTwo(dExponent));
      putU16(matrix.bytes, f16PowerOfTwo(mExponent, mNegative));
      int q[32];
      for (int i = 0; i < 32; ++i)
        q[i] = int((r * 11 + b * 5 + i * 7) % 16);
      for (int j = 0; j < 16; ++j)
        matrix.bytes.push_back(uint8_t(q[j] | (q[j + 16] << 4)));
      for (int i = 0; i < 32; ++i)
        y += (q[i] * d + m) * x[b * 32 + i];
    }
    matrix.y.push_back(y);
  }
  return matrix;
}

CodegenOptions hostWithUkernels(unsigned optLevel = 3) {
  CodegenOptions options;
  options.optLevel = optLevel;
  options.bitcodeLibraries = {hostUkernelBitcode()};
  return options;
}

class UkernelCodegen : public ::testing::TestWithParam<unsigned> {
protected:
  void SetUp() override {
    ASSERT_TRUE(llvm::sys::fs::exists(hostUkernelBitcode()))
        << hostUkernelBitcode() << " missing (target sinkc-ukernels-bitcode)";
  }
};

TEST_P(UkernelCodegen, LinkedKernelsComputeExactValues) {
  TempDir dir;
  std::string so = dir.file("kernels.so");
  auto context = makeContext();
  auto module = parse(*context, kKernelCalls);
  ASSERT_TRUE(module);
  ASSERT_EQ(errorText(compileToSharedObject(*module,
                                            hostWithUkernels(GetParam()), so)),
            "");

  SharedObject library(so);
  ASSERT_TRUE(library.loaded()) << library.loadError();
  auto *dot = library.function<DotFn>("dot_q8_0");
  auto *gemv = library.function<GemvFn>("gemv_q4_1");
  ASSERT_NE(dot, nullptr);
  ASSERT_NE(gemv, nullptr);

  std::vector<float> x = activations(256);
  for (size_t n : {32, 64, 256}) {
    std::vector<float> prefix(x.begin(), x.begin() + n);
    Q8Row row = makeQ8Row(prefix);
    ASSERT_NE(row.dot, 0.0);
    EXPECT_EQ(dot(row.bytes.data(), prefix.data(), int64_t(n)), float(row.dot))
        << "n = " << n;
  }

  const size_t rows = 5, cols = 128, rowBytes = cols / 32 * 20;
  std::vector<float> gx = activations(cols);
  Q41Matrix matrix = makeQ41Matrix(gx, rows);
  ASSERT_EQ(matrix.bytes.size(), rows * rowBytes);
  std::vector<float> y(rows + 1, 12345.0f); // the extra one must stay
  gemv(matrix.bytes.data(), rowBytes, gx.data(), y.data(), rows, cols);
  for (size_t r = 0; r < rows; ++r)
    EXPECT_EQ(y[r], float(matrix.y[r])) << "row " << r;
  EXPECT_EQ(y[rows], 12345.0f);

  // Internalized: the kernels are not part of the .so's interface.
  EXPECT_EQ(library.symbol("sinkc_uk_dot_q8_0"), nullptr);
  EXPECT_EQ(library.symbol("sinkc_uk_gemv_q4_1"), nullptr);
  for (const std::string &name : exportedSymbols(so))
    EXPECT_FALSE(llvm::StringRef(name).starts_with("sinkc_uk_")) << name;
}

INSTANTIATE_TEST_SUITE_P(Levels, UkernelCodegen, ::testing::Values(0u, 3u));

TEST(UkernelCodegenInlining, O3InlinesTheKernelsAndDropsTheRest) {
  std::string assembly = compileToAssembly(kKernelCalls, hostWithUkernels());
  ASSERT_FALSE(llvm::StringRef(assembly).starts_with("ERROR")) << assembly;
  // Inlined and internal: no call, no label, no body left of any kernel
  // (the library's other kernels were never linked).
  EXPECT_EQ(assembly.find("sinkc_uk_"), std::string::npos)
      << "a ukernel survived O3";
  EXPECT_NE(assembly.find("dot_q8_0:"), std::string::npos);
  EXPECT_NE(assembly.find("gemv_q4_1:"), std::string::npos);
  // The host's flavour was linked: v4 kernels are written with AVX-512.
  if (microarchitectureLevel(CodegenOptions()) == "x86-64-v4") {
    EXPECT_NE(assembly.find("zmm"), std::string::npos);
  }
}

TEST(UkernelCodegenInlining, O0KeepsKernelsAsLocalFunctions) {
  // Without the inliner the kernels stay, but only the needed ones, local.
  std::string assembly =
      compileToAssembly(kKernelCalls, hostWithUkernels(/*optLevel=*/0));
  ASSERT_FALSE(llvm::StringRef(assembly).starts_with("ERROR")) << assembly;
  EXPECT_NE(assembly.find("sinkc_uk_dot_q8_0:"), std::string::npos);
  EXPECT_EQ(assembly.find(".globl\tsinkc_uk_"), std::string::npos);
  EXPECT_EQ(assembly.find("sinkc_uk_gemm_"), std::string::npos);
  EXPECT_EQ(assembly.find("sinkc_uk_dot_f16"), std::string::npos);
}

} // namespace
