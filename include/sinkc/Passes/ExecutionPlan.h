//===- ExecutionPlan.h - the package's execution plan of a module -*- C++ -*-===//
//
// After --tfm-outline-dispatches, @prefill and @decode are sequences of
// calls to dispatch functions. This builds the plan of
// docs/execution-plan.md: one step per call, its bindings (weights by their
// source tensor name, activations as workspace slices, KV-cache groups) and
// scalars, and a workspace layout that reuses the space of activations no
// longer needed.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_PASSES_EXECUTIONPLAN_H
#define SINKC_PASSES_EXECUTIONPLAN_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace sinkc {

struct PlanOptions {
  /// Prefill processes prompts in chunks of at most this many tokens.
  int64_t prefillChunk = 128;
  /// Scratch bytes each compiled dispatch needs per worker, {per_token,
  /// fixed} by name (sinkc::lowering::scratchBytesOf); absent means none.
  llvm::StringMap<std::pair<int64_t, int64_t>> scratchBytes;
  /// Taps (`sinkc compile --taps`): every layer's output stays in the
  /// workspace as tap "blk.N", and each attention dispatch writes the
  /// per-head attention mass of its extra last result to tap
  /// "blk.N.sink_mass" ([tokens, num_heads] f32).
  bool taps = false;
  /// Recorded with the sink-mass taps: the positions their mass covers.
  int64_t massPositions = 4;
};

/// The `execution_plan` array for the module's @prefill and @decode, or an
/// error naming the op the plan cannot express.
llvm::Expected<llvm::json::Array> buildExecutionPlan(mlir::ModuleOp module,
                                                     const PlanOptions &options);

} // namespace sinkc

#endif // SINKC_PASSES_EXECUTIONPLAN_H
