// The execution plan of a two-layer SmolLM2-shaped module after dispatch
// formation and outlining: one step per dispatch call, weights bound by
// source tensor name, activations in reused workspace slices, the layer's KV
// entries as a scalar offset.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --layers 2 | sinkc-opt --tfm-form-dispatches --tfm-outline-dispatches --tfm-print-execution-plan -o /dev/null | FileCheck %s

// CHECK:      "entry": "prefill",
// CHECK:      "inputs": {
// CHECK-NEXT:   "tokens": {
// CHECK-NEXT:     "offset": {
// CHECK-NEXT:       "fixed": 0,
// CHECK-NEXT:       "per_token": 0
// CHECK:      "max_tokens": 128,
// CHECK:      "logits": {
// CHECK:        "per_token_bytes": 196608
// Keys print sorted: a step's bindings, then its kernel, scalars, workgroups.
// Embedding: table by name, ids in, hidden out.
// CHECK:          "tensor": "token_embd.weight"
// CHECK:      "kernel": "{{dispatch_[0-9]+_embedding}}",
// CHECK-NEXT: "scalars": [
// CHECK-NEXT:   "tokens"
// CHECK-NEXT: ],
// CHECK-NEXT: "workgroups": 1
// Layer 0 attention: cache group 0, entry offset 0; layer 1: offset 3.
// CHECK:          "tensor": "blk.0.attn_q.weight"
// CHECK:      "kernel": "[[QKV:dispatch_[0-9]+_rms_norm_linear_rope]]",
// CHECK:          "kv": 0
// CHECK:      "kernel": "[[ATT:dispatch_[0-9]+_attention]]",
// CHECK-NEXT: "scalars": [
// CHECK-NEXT:   "tokens",
// CHECK-NEXT:   "position",
// CHECK-NEXT:   0
// CHECK:          "tensor": "blk.1.attn_q.weight"
// CHECK:      "kernel": "[[QKV]]",
// CHECK:          "kv": 0
// CHECK:      "kernel": "[[ATT]]",
// CHECK-NEXT: "scalars": [
// CHECK-NEXT:   "tokens",
// CHECK-NEXT:   "position",
// CHECK-NEXT:   3
// CHECK:      "kernel": "{{dispatch_[0-9]+_rms_norm_lm_head}}",
// CHECK:      "workspace_bytes": {
// CHECK-NEXT:   "fixed": 0,
// CHECK-NEXT:   "per_token": [[WS:[0-9]+]]
// CHECK:      "entry": "decode",
// CHECK:      "max_tokens": 1,

// Without outlining there are no dispatch calls to plan.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --layers 1 | not sinkc-opt --tfm-print-execution-plan -o /dev/null 2>&1 | FileCheck %s --check-prefix=RAW
// RAW: error: {{.*}}execution plan: the logits are not computed by a dispatch

// An entry point declared without a body has no plan (an error, not a crash).
// RUN: not sinkc-opt --tfm-print-execution-plan %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DECL
// DECL: execution plan: the module has no body for @prefill
module {
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x8xf32>
}
