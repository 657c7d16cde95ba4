//===- Passes.td - passes on tfm IR ------------------------*- tablegen -*-===//

#ifndef SINKC_PASSES_PASSES_TD
#define SINKC_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def TfmPrintCostPass : Pass<"tfm-print-cost", "mlir::ModuleOp"> {
  let summary = "Report parameters, weight bytes, FLOPs and KV-cache bytes";
  let description = [{
    A cost model of a `tfm` module, per `tfm.layer` and in total:
    - parameters: values of every weight the model uses (a tied embedding
      counts once), and weight bytes by encoding (f32, f16, q4_1, ...);
    - FLOPs to prefill `prefill-tokens` tokens from an empty cache, and for
      one decode step at context `context` (matmuls count 2 per
      multiply-add; attention counts what each head's policy lets it see);
    - KV-cache bytes at context `context` under each kv-head's policy: full
      heads grow with the context, streaming heads stop at sinks + window,
      pruned heads hold nothing.

    The IR is left unchanged. `format=json` prints one JSON object.
  }];
  let options = [
    Option<"prefillTokens", "prefill-tokens", "int64_t", /*default=*/"128",
           "Tokens of the prefill whose FLOPs are counted">,
    Option<"context", "context", "int64_t", /*default=*/"4096",
           "Context length for decode FLOPs and KV-cache bytes">,
    Option<"format", "format", "std::string", /*default=*/"\"text\"",
           "Output format: text or json">,
    Option<"kvElementBytes", "kv-element-bytes", "int64_t", /*default=*/"2",
           "Bytes per cached value for attention without cache operands">,
  ];
}

def TfmFormDispatchesPass : Pass<"tfm-form-dispatches", "mlir::ModuleOp"> {
  let summary = "Group tfm ops into fused dispatches";
  let description = [{
    Cuts every block of tfm ops (function bodies and `tfm.layer` bodies) into
    `tfm.dispatch` regions, the unit the lowering schedules on every target.
    Rules, applied in block order:
    - a normalization whose users are all matmuls (linear, lm_head,
      route_heads) joins them, and those matmuls join each other (Q, K and V
      share one dispatch that reads the normed input once);
    - an elementwise op (rope, add, swiglu, gelu) joins the group that
      produces all its tfm operands, so rope follows its projection, SwiGLU
      its gate/up matmuls, and a residual add its output projection;
    - attention and embedding stay alone; weights (`tfm.weight_ref`) and
      `tfm.layer` ops stay outside, and weights enter dispatches as inputs.
    Each dispatch is named after the ops it fuses (`rms_norm+linear+rope`).
    On a Llama block this gives five dispatches: norm+QKV+rope, attention,
    O+residual, norm+gate/up+SwiGLU, down+residual.
  }];
}

def TfmOutlineDispatchesPass : Pass<"tfm-outline-dispatches", "mlir::ModuleOp"> {
  let summary = "Outline tfm.dispatch regions into shared dispatch functions";
  let description = [{
    Moves the body of every `tfm.dispatch` into a private `func.func` marked
    `tfm.dispatch = "<group>"` and calls it in place. Structurally equal
    bodies share one function: weights and activations are arguments, and an
    attention's cache entries become relative to per-cache `entry_offsets`
    arguments, so the 30 layers of a model call one function per group.
  }];
  let dependentDialects = ["mlir::func::FuncDialect", "mlir::arith::ArithDialect"];
}

def TfmPrintExecutionPlanPass : Pass<"tfm-print-execution-plan", "mlir::ModuleOp"> {
  let summary = "Print the package's execution plan of an outlined module";
  let description = [{
    After --tfm-outline-dispatches: prints the `execution_plan` JSON of
    docs/execution-plan.md for @prefill and @decode — one step per dispatch
    call with its bindings (weights by source tensor name, activations as
    workspace slices reused once dead, KV-cache groups) and scalars. The IR
    is left unchanged.
  }];
  let options = [
    Option<"prefillChunk", "prefill-chunk", "int64_t", /*default=*/"128",
           "Tokens per prefill call">,
  ];
}

def ConvertTfmToLinalgPass : Pass<"convert-tfm-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower tfm compute ops on plain tensors to linalg";
  let description = [{
    Rewrites tfm ops whose operands are unencoded tensors into
    `linalg.generic` ops on tensors (with `tensor`, `arith` and `math` in
    their bodies), the form the tiling, bufferization and LLVM lowering take
    from there: add, swiglu, gelu, rms_norm, layer_norm, rope (neox and
    interleaved, linear scaling and frequency factors), embedding, and linear
    and lm_head (with softcap) with an f32, f16 or bf16 weight (computed in
    f32). Ops this pass does not handle yet (quantized weights, which use the
    microkernels; attention; routing; llama3/yarn RoPE scaling) are left as
    they are.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
                           "mlir::arith::ArithDialect", "mlir::math::MathDialect"];
}

def TfmSetKvPoliciesPass : Pass<"tfm-set-kv-policies", "mlir::ModuleOp"> {
  let summary = "Give each kv-head its own cache policy and regroup the KV cache";
  let description = [{
    Sets the policy of chosen (layer, kv-head) pairs of an imported model
    (before dispatch formation) — DuoAttention's split into streaming and
    retrieval heads, or pruning — and rebuilds the KV cache to match
    docs/kv-abi.md: one buffer per distinct policy (full first, then
    streaming groups in order of first use), entries numbered in (layer,
    kv-head) order, every attention's `kv_buffer` / `kv_entry` / `policies`
    rewritten, and @prefill / @decode taking the new buffers in the same
    order. Heads are named `L.H` (layer L, kv-head H).
  }];
  let options = [
    ListOption<"streamingHeads", "streaming-heads", "std::string",
               "kv-heads (L.H) that keep the first `sinks` and last `window` positions">,
    ListOption<"prunedHeads", "pruned-heads", "std::string",
               "kv-heads (L.H) that are removed (their query heads output zero)">,
    Option<"sinks", "sinks", "int64_t", /*default=*/"4", "Sink tokens of streaming heads">,
    Option<"window", "window", "int64_t", /*default=*/"252", "Window of streaming heads">,
    Option<"defaultPolicy", "default", "std::string", /*default=*/"\"keep\"",
           "Policy of the other heads: keep (as they are), full or streaming">,
  ];
}

def TfmTileDispatchesPass : Pass<"tfm-tile-dispatches", "mlir::ModuleOp"> {
  let summary = "Split dispatch functions into workgroups over output features";
  let description = [{
    Each dispatch function whose results are chains of matmuls and
    elementwise ops (linear / lm_head -> rope, add, swiglu, gelu) computes,
    in workgroup `tfm.workgroup_id`, one slice of every result's features:
    the weight rows of that slice (`tensor.extract_slice`, any encoding:
    blocks run along rows), the matching slices of per-feature operands,
    inserted into the full result. Ops that feed a matmul's input (a norm)
    run in every workgroup. Slices of a rope chain hold whole heads. The
    count is the largest at most `workgroups` that divides every result
    evenly (so every workgroup does the same work); attention dispatches
    take one workgroup per kv-head. The function records it as
    `tfm.workgroups`; the execution plan launches that many.
  }];
  let options = [
    Option<"workgroups", "workgroups", "int64_t", /*default=*/"4",
           "Most workgroups a dispatch is split into">,
  ];
  let dependentDialects = ["mlir::tensor::TensorDialect", "mlir::arith::ArithDialect"];
}

def TfmIsolateDispatchesPass : Pass<"tfm-isolate-dispatches", "mlir::ModuleOp"> {
  let summary = "Keep only the dispatch functions: the kernels a target compiles";
  let description = [{
    Erases every top-level op of an outlined module except the functions
    marked `tfm.dispatch` (the entry points, whose calls the execution plan
    already describes, and the `tfm.weight` declarations, which the package
    holds). What remains is the code one target compiles.
  }];
}

def TfmApproximateMathPass : Pass<"tfm-approximate-math", "mlir::ModuleOp"> {
  let summary = "Replace exp / tanh / erf in dispatches with inline polynomial approximations";
  let description = [{
    Rewrites `math.exp`, `math.expm1`, `math.tanh` and `math.erf` on f32
    into MLIR's polynomial approximations (a few ulp), so that SwiGLU and
    GELU make no libm call per element. `math.sin` / `math.cos` (rope) are
    left alone: their arguments grow with the position.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def TfmLowerToUkernelsPass : Pass<"tfm-lower-to-ukernels", "mlir::ModuleOp"> {
  let summary = "Lower matmuls, embeddings and attention in dispatches to microkernel calls";
  let description = [{
    In each dispatch function, `tfm.linear`, `tfm.lm_head`, `tfm.embedding`
    and `tfm.attention` become calls to the CPU microkernels
    (`lowering/ukernels/sinkc_ukernels.h`) on buffers: the weight arguments
    become `memref<BYTES x i8>` (the tensor's bytes as the package stores
    them, any encoding), a KV cache `memref<E x 2 x S x D x T>` (docs/kv-abi.md),
    activations are passed with `bufferization.to_buffer` and results are
    fresh buffers returned through `bufferization.to_tensor restrict`. The
    rest of the function stays on tensors for convert-tfm-to-linalg and
    one-shot bufferization. Unsupported cases (a weight format without a
    microkernel, head gates) are errors naming the op.

    With `int8-activations`, matmuls on q4_0, q4_1 and q8_0 weights (and
    the group formats with their layouts: i4g32s_f16, i4g32a_f16,
    i8g32s_f16) call the `_q8a` microkernels, which quantize each activation row to int8 per
    block of 32 (sinkc_ukernels.h) and take integer dot products; other
    formats keep f32 activations.

    With `taps`, attention calls the microkernel that also reports, per
    token and query head, the attention mass on the first `mass-positions`
    positions, returned as an extra last result [1, tokens, num_heads] of
    the dispatch function (the execution plan's attention tap binding).
  }];
  let options = [
    Option<"taps", "taps", "bool", /*default=*/"false",
           "Return each attention's per-head sink mass as an extra result">,
    Option<"massPositions", "mass-positions", "int64_t", /*default=*/"4",
           "Positions whose attention mass the taps report (the sink tokens)">,
    Option<"int8Activations", "int8-activations", "bool", /*default=*/"false",
           "Quantize matmul activations to int8 where the weight format has _q8a kernels">,
  ];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::memref::MemRefDialect", "mlir::LLVM::LLVMDialect",
                           "mlir::func::FuncDialect", "mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect", "mlir::math::MathDialect",
                           "mlir::tensor::TensorDialect", "mlir::scf::SCFDialect"];
}

def TfmDispatchAbiPass : Pass<"tfm-dispatch-abi", "mlir::ModuleOp"> {
  let summary = "Give bufferized dispatch functions the runtime's kernel ABI";
  let description = [{
    Rewrites each bufferized dispatch function into
    `void @name(ptr %state, i64 %workgroup)` (docs/execution-plan.md): its
    memref arguments and results are read from `state->bindings` in the
    order the execution plan lists them (arguments, then results), `tokens`,
    the index arguments and (for a full-attention KV cache) `context` from
    `state->scalars`. Results are written in place into their bindings, and
    every remaining `memref.alloc` becomes a view of the worker's scratch;
    the scratch size is recorded as `sinkc.scratch_bytes = [per_token, fixed]`.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect", "mlir::LLVM::LLVMDialect",
                           "mlir::arith::ArithDialect", "mlir::linalg::LinalgDialect"];
}

#endif // SINKC_PASSES_PASSES_TD
