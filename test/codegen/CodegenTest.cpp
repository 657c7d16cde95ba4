//===- CodegenTest.cpp - LLVM dialect -> .so, loaded and called -----------===//

#include "CodegenTestUtil.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <cstdint>

using namespace sinkc::codegen;
using namespace sinkc::codegen::testing;

namespace {

// sum_squares(p, n) = sum of sext(p[i])^2 for i < n, over i32 elements.
constexpr const char *kSumSquares = R"mlir(
llvm.func @sum_squares(%p: !llvm.ptr, %n: i64) -> i64 {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^loop(%c0, %c0 : i64, i64)
^loop(%i: i64, %acc: i64):
  %done = llvm.icmp "sge" %i, %n : i64
  llvm.cond_br %done, ^exit(%acc : i64), ^body
^body:
  %addr = llvm.getelementptr inbounds %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  %v = llvm.load %addr : !llvm.ptr -> i32
  %w = llvm.sext %v : i32 to i64
  %sq = llvm.mul %w, %w : i64
  %acc2 = llvm.add %acc, %sq : i64
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2, %acc2 : i64, i64)
^exit(%r: i64):
  llvm.return %r : i64
}
)mlir";

// scale(p, n, k): p[i] *= k, a second entry point for the two-link test.
constexpr const char *kScale = R"mlir(
llvm.func @scale(%p: !llvm.ptr, %n: i64, %k: i32) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^loop(%c0 : i64)
^loop(%i: i64):
  %done = llvm.icmp "sge" %i, %n : i64
  llvm.cond_br %done, ^exit, ^body
^body:
  %addr = llvm.getelementptr inbounds %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  %v = llvm.load %addr : !llvm.ptr -> i32
  %m = llvm.mul %v, %k : i32
  llvm.store %m, %addr : i32, !llvm.ptr
  %i2 = llvm.add %i, %c1 : i64
  llvm.br ^loop(%i2 : i64)
^exit:
  llvm.return
}
)mlir";

using SumSquaresFn = int64_t(const int32_t *, int64_t);
using ScaleFn = void(int32_t *, int64_t, int32_t);

std::vector<int32_t> testValues(size_t n) {
  std::vector<int32_t> values(n);
  for (size_t i = 0; i < n; ++i)
    values[i] = static_cast<int32_t>((i * 7919) % 60001) - 30000;
  return values;
}

int64_t sumSquares(const std::vector<int32_t> &values, size_t n) {
  int64_t sum = 0;
  for (size_t i = 0; i < n; ++i)
    sum += int64_t(values[i]) * values[i];
  return sum;
}

std::string compileText(const char *text, const CodegenOptions &options,
                        const std::string &output) {
  auto context = makeContext();
  auto module = parse(*context, text);
  if (!module)
    return "parse failed";
  return errorText(compileToSharedObject(*module, options, output));
}

class CodegenOptLevel : public ::testing::TestWithParam<unsigned> {};

TEST_P(CodegenOptLevel, ScalarLoopGivesExactSum) {
  TempDir dir;
  std::string so = dir.file("sum.so");
  CodegenOptions options;
  options.optLevel = GetParam();
  ASSERT_EQ(compileText(kSumSquares, options, so), "");

  SharedObject library(so);
  ASSERT_TRUE(library.loaded()) << library.loadError();
  auto *fn = library.function<SumSquaresFn>("sum_squares");
  ASSERT_NE(fn, nullptr);
  // Lengths around the vector widths exercise the vectorized body and the
  // scalar remainder; the squares overflow i32, so a 32-bit sum is wrong.
  std::vector<int32_t> values = testValues(1000);
  for (size_t n : {0, 1, 7, 15, 16, 17, 63, 64, 65, 999, 1000})
    EXPECT_EQ(fn(values.data(), n), sumSquares(values, n)) << "n = " << n;
}

INSTANTIATE_TEST_SUITE_P(Levels, CodegenOptLevel,
                         ::testing::Values(0u, 1u, 2u, 3u));

TEST(Codegen, TwoLinksInOneProcess) {
  TempDir dir;
  std::string first = dir.file("first.so"), second = dir.file("second.so");
  ASSERT_EQ(compileText(kSumSquares, CodegenOptions(), first), "");
  ASSERT_EQ(compileText(kScale, CodegenOptions(), second), "");

  SharedObject sumLibrary(first), scaleLibrary(second);
  ASSERT_TRUE(sumLibrary.loaded()) << sumLibrary.loadError();
  ASSERT_TRUE(scaleLibrary.loaded()) << scaleLibrary.loadError();
  // Each .so holds its own module only.
  EXPECT_EQ(sumLibrary.symbol("scale"), nullptr);
  EXPECT_EQ(scaleLibrary.symbol("sum_squares"), nullptr);

  std::vector<int32_t> values = testValues(100);
  std::vector<int32_t> scaled = values;
  scaleLibrary.function<ScaleFn>("scale")(scaled.data(), 100, -3);
  for (size_t i = 0; i < values.size(); ++i)
    ASSERT_EQ(scaled[i], values[i] * -3) << "i = " << i;
  EXPECT_EQ(
      sumLibrary.function<SumSquaresFn>("sum_squares")(scaled.data(), 100),
      9 * sumSquares(values, 100));
}

TEST(Codegen, OutputReplacesAnExistingFileAndLeavesNoTemporaries) {
  TempDir dir;
  std::string so = dir.file("out.so");
  {
    std::error_code ec;
    llvm::raw_fd_ostream stale(so, ec);
    stale << "not an ELF file";
  }
  ASSERT_EQ(compileText(kSumSquares, CodegenOptions(), so), "");
  SharedObject library(so);
  ASSERT_TRUE(library.loaded()) << library.loadError();

  std::error_code ec;
  int entries = 0;
  for (llvm::sys::fs::directory_iterator it(dir.file(""), ec), end;
       it != end && !ec; it.increment(ec))
    ++entries;
  EXPECT_EQ(entries, 1) << "temporary files left next to the output";
}

TEST(Codegen, ExportsOnlyTheModulesFunctions) {
  TempDir dir;
  std::string so = dir.file("sum.so");
  ASSERT_EQ(compileText(kSumSquares, CodegenOptions(), so), "");
  std::vector<std::string> symbols = exportedSymbols(so);
  EXPECT_EQ(symbols, std::vector<std::string>{"sum_squares"});
}

} // namespace
