//===- CpuPipeline.cpp - the sinkc-cpu-pipeline ---------------------------===//

#include "sinkc/Lowering/CpuPipeline.h"

#include "sinkc/Passes/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <mutex>

using namespace mlir;
using namespace sinkc;

llvm::StringRef sinkc::lowering::cpuPipelineText() {
  // Microkernel calls first (they need the tfm ops and the encoded weight
  // types), then linalg for the rest (exp / tanh / erf inline),
  // bufferization, the kernel ABI (which
  // needs buffers and removes every allocation), and the LLVM lowering.
  return "tfm-isolate-dispatches,tfm-lower-to-ukernels,convert-tfm-to-linalg,"
         "tfm-approximate-math,"
         "one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map},"
         "canonicalize,cse,tfm-dispatch-abi,"
         "convert-linalg-to-loops,lower-affine,convert-scf-to-cf,expand-strided-metadata,"
         "finalize-memref-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,"
         "convert-index-to-llvm,convert-func-to-llvm,convert-cf-to-llvm,"
         "reconcile-unrealized-casts,canonicalize";
}

LogicalResult sinkc::lowering::buildCpuPipeline(OpPassManager &pm,
                                                const CpuPipelineOptions &options) {
  // Built from the pass constructors (not the text) so that it does not
  // depend on which passes a host tool registered; the text says the same.
  pm.addPass(createTfmIsolateDispatchesPass());
  TfmLowerToUkernelsPassOptions ukernels;
  ukernels.taps = options.taps;
  ukernels.int8Activations = options.int8Activations;
  ukernels.massPositions = options.massPositions;
  pm.addPass(createTfmLowerToUkernelsPass(ukernels));
  pm.addPass(createConvertTfmToLinalgPass());
  pm.addPass(createTfmApproximateMathPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion = bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createTfmDispatchAbiPass());
  pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  return success();
}

void sinkc::lowering::registerCpuPipeline() {
  static std::once_flag once;
  std::call_once(once, [] {
    PassPipelineRegistration<>(
        "sinkc-cpu-pipeline",
        "Lower an outlined tfm module to the LLVM dialect kernels of the CPU target",
        [](OpPassManager &pm) { (void)buildCpuPipeline(pm, {}); });
  });
}

llvm::StringMap<std::pair<int64_t, int64_t>> sinkc::lowering::scratchBytesOf(ModuleOp lowered) {
  llvm::StringMap<std::pair<int64_t, int64_t>> result;
  lowered.walk([&](Operation *op) {
    auto bytes = op->getAttrOfType<DenseI64ArrayAttr>("sinkc.scratch_bytes");
    auto name = op->getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
    if (bytes && name && bytes.size() == 2)
      result[name.getValue()] = {bytes[0], bytes[1]};
  });
  return result;
}
