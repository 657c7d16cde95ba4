// Outlining a two-layer SmolLM2-shaped module: per entry point one function
// per dispatch group, shared by both layers; attention entries become
// relative to an offset argument (0 for layer 0, 3 for layer 1).
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --layers 2 | sinkc-opt --tfm-form-dispatches --tfm-outline-dispatches | FileCheck %s
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --layers 2 | sinkc-opt --tfm-form-dispatches --tfm-outline-dispatches --verify-roundtrip -o /dev/null

// CHECK-LABEL: func.func @prefill
// CHECK: call @{{dispatch_[0-9]+_embedding}}(
// CHECK: tfm.layer 0
// CHECK: call @[[QKV:dispatch_[0-9]+_rms_norm_linear_rope]](
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: call @[[ATT:dispatch_[0-9]+_attention]]({{.*}}, %[[C0]])
// CHECK: call @[[O:dispatch_[0-9]+_linear_add]](
// CHECK: call @[[FFN:dispatch_[0-9]+_rms_norm_linear_swiglu]](
// CHECK: call @[[DOWN:dispatch_[0-9]+_linear_add]](
// CHECK: tfm.layer 1
// CHECK: call @[[QKV]](
// CHECK: %[[C3:.*]] = arith.constant 3 : index
// CHECK: call @[[ATT]]({{.*}}, %[[C3]])
// CHECK: call @[[O]](
// CHECK: call @[[FFN]](
// CHECK: call @[[DOWN]](
// CHECK: call @{{dispatch_[0-9]+_rms_norm_lm_head}}(
// CHECK-LABEL: func.func @decode

// The attention function: relative entries, no per-layer statistics.
// CHECK: func.func private @[[ATT]]({{.*}}, %[[OFF:.*]]: index) -> tensor<1x?x576xf32> attributes {tfm.dispatch = "attention"}
// CHECK: tfm.attention {{.*}} entry_offsets(%[[OFF]]) {{{.*}}kv_entry = array<i64: 0, 1, 2>
// CHECK-NOT: stats
// CHECK: return

// 7 functions for @prefill and 7 for @decode (shapes 1x? and 1x1), also
// with 30 layers.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --layers 2 | sinkc-opt --tfm-form-dispatches --tfm-outline-dispatches | grep -c "func.func private @dispatch_" | FileCheck %s --check-prefix=COUNT
// RUN: sinkc-opt --tfm-form-dispatches --tfm-outline-dispatches %sinkc_src_root/examples/smollm2-135m.mlir | grep -c "func.func private @dispatch_" | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}14{{$}}
