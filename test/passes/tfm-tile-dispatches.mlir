// RUN: sinkc-opt --split-input-file --tfm-tile-dispatches="workgroups=4" %s | FileCheck %s
// RUN: sinkc-opt --split-input-file --tfm-tile-dispatches="workgroups=1" %s | FileCheck %s --check-prefix=ONE

// linear + add: 4 workgroups of 144 features; the weight rows, the residual
// and the result are sliced at workgroup * 144.
// CHECK-LABEL: func.func private @linear_add
// CHECK-SAME: tfm.workgroups = 4
// CHECK: %[[WG:.*]] = tfm.workgroup_id : index
// CHECK: %[[OFF:.*]] = arith.muli %[[WG]], %{{.*}} : index
// CHECK-DAG: tensor.extract_slice %arg2[0, 0, %[[OFF]]] [1, %{{.*}}, 144] [1, 1, 1] : tensor<1x?x576xf32> to tensor<1x?x144xf32>
// CHECK-DAG: tensor.extract_slice %arg1[%[[OFF]], 0] [144, 576] [1, 1] : tensor<576x576xf32, #tfm.gguf<q4_1>> to tensor<144x576xf32, #tfm.gguf<q4_1>>
// CHECK: tfm.linear %arg0, %{{.*}} -> tensor<1x?x144xf32>
// CHECK: tfm.add %{{.*}} : tensor<1x?x144xf32>
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, %[[OFF]]] [1, %{{.*}}, 144]
// ONE-LABEL: func.func private @linear_add
// ONE-NOT: tfm.workgroups
func.func private @linear_add(%x: tensor<1x?x576xf32>, %w: tensor<576x576xf32, #tfm.gguf<q4_1>>,
                              %res: tensor<1x?x576xf32>) -> tensor<1x?x576xf32>
    attributes {tfm.dispatch = "linear+add"} {
  %y = tfm.linear %x, %w : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
  %r = tfm.add %res, %y : tensor<1x?x576xf32>
  return %r : tensor<1x?x576xf32>
}

// -----

// The norm feeds the matmuls, so every workgroup computes it; rope keeps
// whole heads: q has 9 heads of 64, k 3, so 3 workgroups (not 4).
// CHECK-LABEL: func.func private @norm_qk_rope
// CHECK-SAME: tfm.workgroups = 3
// CHECK: tfm.rms_norm %arg0, %arg1
// CHECK: tfm.rope %{{.*}} : tensor<1x?x192xf32>
// CHECK: tfm.rope %{{.*}} : tensor<1x?x64xf32>
func.func private @norm_qk_rope(%x: tensor<1x?x576xf32>, %n: tensor<576xf32>,
                                %wq: tensor<576x576xf32, #tfm.gguf<q4_1>>,
                                %wk: tensor<192x576xf32, #tfm.gguf<q4_1>>, %pos: index)
    -> (tensor<1x?x576xf32>, tensor<1x?x192xf32>) attributes {tfm.dispatch = "rms_norm+linear+rope"} {
  %h = tfm.rms_norm %x, %n {epsilon = 1.0e-5} : tensor<1x?x576xf32>, tensor<576xf32>
  %q = tfm.linear %h, %wq : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
  %k = tfm.linear %h, %wk : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
  %qr = tfm.rope %q at %pos style = neox {head_dim = 64, theta = 10000.0} : tensor<1x?x576xf32>
  %kr = tfm.rope %k at %pos style = neox {head_dim = 64, theta = 10000.0} : tensor<1x?x192xf32>
  return %qr, %kr : tensor<1x?x576xf32>, tensor<1x?x192xf32>
}

// -----

// An attention dispatch is split over kv-heads (3 here, at most 4).
// CHECK-LABEL: func.func private @attention
// CHECK-SAME: tfm.workgroups = 3
// CHECK-NOT: tfm.workgroup_id
func.func private @attention(%q: tensor<1x?x576xf32>, %k: tensor<1x?x192xf32>, %v: tensor<1x?x192xf32>,
                             %pos: index, %c: !tfm.kv_cache<3x?x64xf16>) -> tensor<1x?x576xf32>
    attributes {tfm.dispatch = "attention"} {
  %o = tfm.attention %q, %k, %v at %pos caches(%c : !tfm.kv_cache<3x?x64xf16>)
         {head_dim = 64, kv_buffer = array<i64: 0, 0, 0>, kv_entry = array<i64: 0, 1, 2>,
          num_heads = 9, num_kv_heads = 3, scale = 0.125}
         : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
  return %o : tensor<1x?x576xf32>
}

// -----

// An embedding has no matmul: one workgroup.
// CHECK-LABEL: func.func private @embedding
// CHECK-NOT: tfm.workgroups
func.func private @embedding(%t: tensor<64x576xf32, #tfm.gguf<q8_0>>, %ids: tensor<1x?xi32>)
    -> tensor<1x?x576xf32> attributes {tfm.dispatch = "embedding"} {
  %e = tfm.embedding %t[%ids] : tensor<64x576xf32, #tfm.gguf<q8_0>>, tensor<1x?xi32> -> tensor<1x?x576xf32>
  return %e : tensor<1x?x576xf32>
}
