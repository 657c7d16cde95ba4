//===- ExecutionPlan.h - the manifest's execution plan, validated ---------===//
//
// The `execution_plan` of a package's manifest (docs/execution-plan.md):
// per entry point ("prefill", "decode") the workspace layout and the steps,
// each a kernel name, a workgroup count, bindings and scalars. Parsing checks
// everything the runtime relies on before a kernel runs: every region the
// runtime reads or writes lies inside the workspace for every token count
// the entry takes, tensors exist in the package, KV bindings name a group of
// the manifest's "kv_cache". An error names the manifest field, the entry
// and the step.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_EXEC_EXECUTIONPLAN_H
#define SINKRT_EXEC_EXECUTIONPLAN_H

#include "package/Manifest.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sinkrt {

/// `perToken * tokens + fixed`: a count that depends on the call's tokens.
/// Both are non-negative and small enough that no value overflows (the
/// parser bounds them).
struct LinearForm {
  int64_t perToken = 0;
  int64_t fixed = 0;

  int64_t at(int64_t tokens) const { return perToken * tokens + fixed; }
};

struct PlanBinding {
  enum class Kind { Workspace, Tensor, Kv };
  Kind kind = Kind::Workspace;
  LinearForm offset;      ///< Workspace: byte offset into the workspace
  /// Workspace, in a row-wise step: bytes of one token's row of the region
  /// (the runtime's last-row mode advances the offset by tokens - 1 rows).
  int64_t rowBytes = 0;
  const TensorInfo *tensor = nullptr; ///< Tensor: points into the manifest
  int64_t kvGroup = 0;    ///< Kv: index into the manifest's kv_cache groups
};

struct PlanScalar {
  enum class Kind { Tokens, Position, Context, Constant };
  Kind kind = Kind::Constant;
  int64_t value = 0; ///< Constant only
};

struct PlanStep {
  std::string kernel;
  LinearForm workgroups;
  std::vector<PlanBinding> bindings;
  std::vector<PlanScalar> scalars;
  std::string field; ///< "execution_plan[0].steps[3]", for messages
};

/// A value the compiled model keeps for inspection (`sinkc compile --taps`):
/// `perTokenBytes / 4` f32 per token at `offset` after each call.
struct PlanTap {
  std::string name; ///< "blk.3" (hidden state after layer 3), "blk.3.sink_mass"
  LinearForm offset;
  int64_t perTokenBytes = 0;
};

struct PlanEntry {
  std::string name; ///< "prefill" or "decode"
  int64_t maxTokens = 0;
  LinearForm workspaceBytes;
  int64_t scratchBytes = 0;
  LinearForm tokensOffset; ///< where the i32 ids go
  LinearForm logitsOffset; ///< where the f32 logits come from
  int64_t logitsPerTokenBytes = 0;
  std::vector<PlanStep> steps;
  /// Steps from this index on are row-wise: row i of their outputs depends
  /// only on row i of their inputs, so when only the last token's logits
  /// are wanted they run for that row alone (steps.size(): none are).
  size_t rowWiseFrom = 0;
  std::vector<PlanTap> taps; ///< empty unless compiled with taps
};

struct ExecutionPlan {
  PlanEntry prefill;
  PlanEntry decode;
};

/// Parses and validates `manifest.json["execution_plan"]` against the rest
/// of `manifest` (vocabulary, tensors, KV groups). `manifest` must outlive
/// `out` (bindings point at its tensors). Returns an error such as
/// `manifest field "execution_plan[0].steps[1].bindings[2].tensor" (entry
/// "prefill", step 1): no tensor "x" in the package`, empty on success.
std::string parseExecutionPlan(const Manifest &manifest, ExecutionPlan &out);

} // namespace sinkrt

#endif // SINKRT_EXEC_EXECUTIONPLAN_H
