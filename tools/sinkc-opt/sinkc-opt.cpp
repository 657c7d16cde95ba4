//===- sinkc-opt.cpp - run tfm passes on MLIR files -----------------------===//
//
// mlir-opt with the tfm dialect and sinkc's passes registered, plus the
// upstream dialects sinkc's pipelines produce. Used by lit tests.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/ParserGuards.h"
#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Lowering/Dialects.h"
#include "sinkc/Passes/Registry.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Index/IR/IndexDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

/// Reports input that MLIR 22.1's parser would crash on (ParserGuards.h).
/// Returns true when the input is safe to parse.
static bool rejectIndexDenseArrays(const llvm::MemoryBuffer &input,
                                   llvm::StringRef inputName) {
  std::optional<size_t> offset = sinkc::findIndexDenseArray(input.getBuffer());
  if (!offset)
    return true;
  llvm::SourceMgr sources;
  sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBuffer(input.getBuffer(), inputName,
                                       /*RequiresNullTerminator=*/false),
      llvm::SMLoc());
  sources.PrintMessage(llvm::errs(),
                       llvm::SMLoc::getFromPointer(input.getBufferStart() + *offset),
                       llvm::SourceMgr::DK_Error, sinkc::kIndexDenseArrayMessage);
  return false;
}

int main(int argc, char **argv) {
  sinkc::registerAllPasses(); // tfm passes and the upstream ones sinkc offers

  mlir::DialectRegistry registry;
  // tfm and the upstream dialects its lowering produces on the way to LLVM.
  sinkc::lowering::registerCompilerDialects(registry);

  auto [inputName, outputName] = mlir::registerAndParseCLIOptions(
      argc, argv, "sinkc optimizer driver\n", registry);
  mlir::MlirOptMainConfig config = mlir::MlirOptMainConfig::createFromCLOptions();

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> input = mlir::openInputFile(inputName, &error);
  if (!input) {
    llvm::errs() << "sinkc-opt: " << error << "\n";
    return 1;
  }
  if (!rejectIndexDenseArrays(*input, inputName))
    return 1;
  std::unique_ptr<llvm::ToolOutputFile> output = mlir::openOutputFile(outputName, &error);
  if (!output) {
    llvm::errs() << "sinkc-opt: " << error << "\n";
    return 1;
  }
  if (mlir::failed(mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  output->keep();
  return 0;
}
