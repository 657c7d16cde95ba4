//===- CpuPipeline.h - the sinkc-cpu-pipeline ------------------*- C++ -*-===//
//
// From an outlined tfm module (after --tfm-outline-dispatches) to the LLVM
// dialect module of the CPU kernels: the dispatch functions with the kernel
// ABI of docs/execution-plan.md, calling the microkernels (linked in by the
// codegen library). The same pipeline serves `sinkc compile`, Python and lit.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_CPUPIPELINE_H
#define SINKC_LOWERING_CPUPIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

namespace sinkc::lowering {

/// The pipeline's passes as sinkc-opt spells them.
llvm::StringRef cpuPipelineText();

struct CpuPipelineOptions {
  /// Attention dispatches also return the per-head attention mass on the
  /// first `massPositions` positions (see --tfm-lower-to-ukernels).
  bool taps = false;
  int64_t massPositions = 4;
  /// Matmuls on q4_0 / q4_1 / q8_0 weights take int8-quantized activations
  /// (see --tfm-lower-to-ukernels).
  bool int8Activations = false;
};

/// Adds the pipeline to `pm` (module level).
mlir::LogicalResult buildCpuPipeline(mlir::OpPassManager &pm,
                                     const CpuPipelineOptions &options = {});

/// Registers "sinkc-cpu-pipeline" with MLIR's pass registry (idempotent).
void registerCpuPipeline();

/// Scratch bytes per dispatch of a lowered module: name -> {per_token, fixed}
/// (the `sinkc.scratch_bytes` the ABI pass records).
llvm::StringMap<std::pair<int64_t, int64_t>> scratchBytesOf(mlir::ModuleOp lowered);

} // namespace sinkc::lowering

#endif // SINKC_LOWERING_CPUPIPELINE_H
