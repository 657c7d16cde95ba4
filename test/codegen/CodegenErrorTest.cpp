//===- CodegenErrorTest.cpp - every failure is an error naming its cause --===//

#include "CodegenTestUtil.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace sinkc::codegen;
using namespace sinkc::codegen::testing;
using ::testing::HasSubstr;

namespace {

constexpr const char *kAnswer = R"mlir(
llvm.func @answer() -> i32 {
  %c = llvm.mlir.constant(42 : i32) : i32
  llvm.return %c : i32
}
)mlir";

// Still func + arith: the CPU lowering did not run.
constexpr const char *kNotLowered = R"mlir(
func.func @add(%a: i32, %b: i32) -> i32 {
  %s = arith.addi %a, %b : i32
  return %s : i32
}
)mlir";

std::string compileText(const char *text, const CodegenOptions &options,
                        const std::string &output) {
  auto context = makeContext();
  auto module = parse(*context, text);
  if (!module)
    return "parse failed";
  return errorText(compileToSharedObject(*module, options, output));
}

std::string objectFile(const TempDir &dir, const char *name) {
  auto context = makeContext();
  auto module = parse(*context, kAnswer);
  llvm::LLVMContext llvmContext;
  auto llvmModule = translateToLLVMIR(*module, llvmContext);
  EXPECT_TRUE(bool(llvmModule));
  if (!llvmModule)
    return errorText(llvmModule.takeError());
  auto object = emitObject(**llvmModule, CodegenOptions());
  EXPECT_TRUE(bool(object));
  if (!object)
    return errorText(object.takeError());
  std::string path = dir.file(name);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  os << *object;
  return path;
}

TEST(CodegenErrors, UnknownCpuIsNamed) {
  TempDir dir;
  std::string so = dir.file("out.so");
  CodegenOptions options;
  options.cpu = "pentium-9000";
  EXPECT_THAT(compileText(kAnswer, options, so), HasSubstr("'pentium-9000'"));
  EXPECT_FALSE(llvm::sys::fs::exists(so));
}

TEST(CodegenErrors, UnknownFeatureIsNamed) {
  TempDir dir;
  CodegenOptions options;
  options.cpu = "x86-64-v3";
  options.features = "+avx2,+avx9000";
  EXPECT_THAT(compileText(kAnswer, options, dir.file("out.so")),
              HasSubstr("'+avx9000'"));
  options.features = "avx2";
  EXPECT_THAT(compileText(kAnswer, options, dir.file("out.so")),
              HasSubstr("'avx2'"));
}

TEST(CodegenErrors, BadOptLevel) {
  TempDir dir;
  CodegenOptions options;
  options.optLevel = 4;
  EXPECT_THAT(compileText(kAnswer, options, dir.file("out.so")),
              HasSubstr("optimization level 4"));
}

TEST(CodegenErrors, ModuleNotInTheLlvmDialectNamesTheOp) {
  TempDir dir;
  std::string message =
      compileText(kNotLowered, CodegenOptions(), dir.file("out.so"));
  EXPECT_THAT(message, HasSubstr("cannot translate the module to LLVM IR"));
  EXPECT_THAT(message, HasSubstr("func.func"));
  EXPECT_THAT(message, HasSubstr("loc("));
  // The op is named, not printed: a model's function would be the model.
  EXPECT_THAT(message, ::testing::Not(HasSubstr("arith.addi")));
}

TEST(CodegenErrors, UnwritableOutputIsNamed) {
  std::string so = "/nonexistent-sinkc-dir/sub/out.so";
  EXPECT_THAT(compileText(kAnswer, CodegenOptions(), so),
              HasSubstr("cannot write '" + so + "'"));
}

TEST(CodegenErrors, MissingBitcodeLibraryIsNamed) {
  TempDir dir;
  CodegenOptions options;
  options.bitcodeLibraries = {dir.file("missing.bc")};
  EXPECT_THAT(compileText(kAnswer, options, dir.file("out.so")),
              HasSubstr("'" + dir.file("missing.bc") + "'"));
}

TEST(CodegenErrors, LldMessagesAndRecovery) {
  TempDir dir;
  std::string good = objectFile(dir, "answer.o");
  std::string garbage = dir.file("garbage.o");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(garbage, ec);
    os << "this is not an ELF object";
  }
  std::string so = dir.file("out.so");

  // lld's own diagnostic, with the offending file.
  EXPECT_THAT(errorText(linkSharedObject({good, garbage}, so)),
              HasSubstr(garbage));
  EXPECT_FALSE(llvm::sys::fs::exists(so));
  // The same definition twice: lld's duplicate-symbol error.
  std::string copy = dir.file("copy.o");
  ASSERT_FALSE(llvm::sys::fs::copy_file(good, copy));
  EXPECT_THAT(errorText(linkSharedObject({good, copy}, so)),
              HasSubstr("duplicate symbol: answer"));
  EXPECT_THAT(errorText(linkSharedObject({}, so)), HasSubstr("no object"));

  // lld still links after its failures, and twice more.
  for (const char *name : {"first.so", "second.so"}) {
    std::string output = dir.file(name);
    ASSERT_EQ(errorText(linkSharedObject({good}, output)), "");
    SharedObject library(output);
    ASSERT_TRUE(library.loaded()) << library.loadError();
    auto *answer = library.function<int()>("answer");
    ASSERT_NE(answer, nullptr);
    EXPECT_EQ(answer(), 42);
  }
}

} // namespace
