// RUN: sinkc-opt --split-input-file --verify-diagnostics --tfm-lower-to-ukernels %s | FileCheck %s
// RUN: sinkc-opt --split-input-file --verify-diagnostics --tfm-lower-to-ukernels="taps=true mass-positions=4" %s | FileCheck %s --check-prefix=TAPS
// RUN: sinkc-opt --split-input-file --verify-diagnostics --tfm-lower-to-ukernels="int8-activations=true" %s | FileCheck %s --check-prefix=INT8

// A q4_1 linear: the weight argument becomes its bytes (576 x 576 / 32
// blocks of 20 bytes), the call takes 360 bytes per row.
// CHECK-LABEL: func.func private @dispatch_linear
// CHECK-SAME: (%[[X:.*]]: tensor<1x?x576xf32>, %[[W:.*]]: memref<207360xi8>)
// CHECK: %[[XB:.*]] = bufferization.to_buffer %[[X]] read_only
// CHECK: %[[Y:.*]] = memref.alloc(%{{.*}}) : memref<1x?x576xf32>
// CHECK: %[[ROW:.*]] = arith.constant 360 : i64
// CHECK: call @sinkc_uk_gemm_q4_1(%{{.*}}, %[[ROW]],
// With int8 activations the same call goes to the _q8a kernel.
// INT8-LABEL: func.func private @dispatch_linear
// INT8: call @sinkc_uk_gemm_q4_1_q8a(
// CHECK: bufferization.to_tensor %[[Y]] restrict writable
// CHECK-NOT: tfm.linear
func.func private @dispatch_linear(%x: tensor<1x?x576xf32>, %w: tensor<576x576xf32, #tfm.gguf<q4_1>>)
    -> tensor<1x?x576xf32> attributes {tfm.dispatch = "linear"} {
  %y = tfm.linear %x, %w : tensor<1x?x576xf32>, tensor<576x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x576xf32>
  return %y : tensor<1x?x576xf32>
}

// -----

// sinkc's own group formats call the kernel the format names: int4 in
// groups of 64 with f32 scale and minimum is 8 + 32 bytes per group, 9
// groups (360 bytes) per row of 576.
// CHECK-LABEL: func.func private @dispatch_group_linear
// CHECK-SAME: %{{.*}}: memref<207360xi8>
// CHECK: %[[ROW:.*]] = arith.constant 360 : i64
// CHECK: call @sinkc_uk_gemm_i4g64a_f32(%{{.*}}, %[[ROW]],
// Group formats have no int8-activation kernels.
// INT8-LABEL: func.func private @dispatch_group_linear
// INT8: call @sinkc_uk_gemm_i4g64a_f32(
func.func private @dispatch_group_linear(%x: tensor<1x?x576xf32>,
    %w: tensor<576x576xf32, #tfm.group_quant<int4, group = 64, asymmetric, scale = f32>>)
    -> tensor<1x?x576xf32> attributes {tfm.dispatch = "linear"} {
  %y = tfm.linear %x, %w : tensor<1x?x576xf32>,
      tensor<576x576xf32, #tfm.group_quant<int4, group = 64, asymmetric, scale = f32>> -> tensor<1x?x576xf32>
  return %y : tensor<1x?x576xf32>
}

// -----

// An embedding from a q8_0 table (8 rows of 64: 2 blocks of 34 bytes).
// CHECK-LABEL: func.func private @dispatch_embedding
// CHECK-SAME: memref<544xi8>
// CHECK: call @sinkc_uk_embedding_q8_0
func.func private @dispatch_embedding(%table: tensor<8x64xf32, #tfm.gguf<q8_0>>, %ids: tensor<1x?xi32>)
    -> tensor<1x?x64xf32> attributes {tfm.dispatch = "embedding"} {
  %e = tfm.embedding %table[%ids] : tensor<8x64xf32, #tfm.gguf<q8_0>>, tensor<1x?xi32> -> tensor<1x?x64xf32>
  return %e : tensor<1x?x64xf32>
}

// -----

// Attention, 4 query heads on 2 kv-heads: one microkernel call per kv-head,
// the cache a [entries][2][slots][head_dim] buffer; the second kv-head is
// streaming<sinks = 2, window = 6> in buffer 1 at entry 0 + its offset.
// With taps the mass variant runs and the mass is an extra result.
// CHECK-LABEL: func.func private @dispatch_attention
// CHECK-SAME: %[[C0:[a-z0-9]+]]: memref<4x2x?x16xf16> {sinkc.kv_cache}
// CHECK-SAME: %[[C1:[a-z0-9]+]]: memref<2x2x8x16xf16> {sinkc.kv_cache}
// CHECK-SAME: -> tensor<1x?x64xf32>
// CHECK: call @sinkc_uk_attention_f16
// CHECK: call @sinkc_uk_attention_f16
// CHECK-NOT: call @sinkc_uk_attention
// TAPS-LABEL: func.func private @dispatch_attention
// TAPS-SAME: -> (tensor<1x?x64xf32>, tensor<1x?x4xf32>)
// TAPS-COUNT-2: call @sinkc_uk_attention_mass_f16
func.func private @dispatch_attention(%q: tensor<1x?x64xf32>, %k: tensor<1x?x32xf32>, %v: tensor<1x?x32xf32>,
    %pos: index, %c0: !tfm.kv_cache<4x?x16xf16>, %c1: !tfm.kv_cache<2x8x16xf16>, %e0: index, %e1: index)
    -> tensor<1x?x64xf32> attributes {tfm.dispatch = "attention"} {
  %o = tfm.attention %q, %k, %v at %pos caches(%c0, %c1 : !tfm.kv_cache<4x?x16xf16>, !tfm.kv_cache<2x8x16xf16>)
         entry_offsets(%e0, %e1)
         {head_dim = 16, kv_buffer = array<i64: 0, 1>, kv_entry = array<i64: 1, 0>,
          num_heads = 4, num_kv_heads = 2,
          policies = [#tfm.full, #tfm.streaming<sinks = 2, window = 6>], scale = 0.25}
         : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}

// -----

// Head gates (tfm.route_heads) are not lowered yet: an error that says so.
func.func private @dispatch_gated(%q: tensor<1x?x64xf32>, %k: tensor<1x?x32xf32>, %v: tensor<1x?x32xf32>,
    %pos: index, %c0: !tfm.kv_cache<2x?x16xf16>, %g: tensor<1x?x4xf32>)
    -> tensor<1x?x64xf32> attributes {tfm.dispatch = "attention"} {
  // expected-error @+1 {{head gates are not supported by the CPU lowering yet}}
  %o = tfm.attention %q, %k, %v at %pos caches(%c0 : !tfm.kv_cache<2x?x16xf16>) gates(%g : tensor<1x?x4xf32>)
         {head_dim = 16, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>,
          num_heads = 4, num_kv_heads = 2, scale = 0.25}
         : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}

// -----

// The attention kernel converts blocks of keys into fixed stack buffers:
// head_dim above 256 is an error that says so.
func.func private @dispatch_wide_heads(%q: tensor<1x?x1024xf32>, %k: tensor<1x?x512xf32>,
    %v: tensor<1x?x512xf32>, %pos: index, %c0: !tfm.kv_cache<2x?x512xf16>)
    -> tensor<1x?x1024xf32> attributes {tfm.dispatch = "attention"} {
  // expected-error @+1 {{head_dim 512 is above the CPU attention kernel's 256}}
  %o = tfm.attention %q, %k, %v at %pos caches(%c0 : !tfm.kv_cache<2x?x512xf16>)
         {head_dim = 512, kv_buffer = array<i64: 0>, kv_entry = array<i64: 0>,
          num_heads = 2, num_kv_heads = 1, scale = 0.25}
         : tensor<1x?x1024xf32>, tensor<1x?x512xf32>, tensor<1x?x512xf32> -> tensor<1x?x1024xf32>
  return %o : tensor<1x?x1024xf32>
}
