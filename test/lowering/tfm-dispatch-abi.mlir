// RUN: sinkc-opt --tfm-lower-to-ukernels --convert-tfm-to-linalg \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --canonicalize --cse --tfm-dispatch-abi %s | FileCheck %s
// RUN: sinkc-opt --sinkc-cpu-pipeline %s | FileCheck %s --check-prefix=LLVM

// rms_norm -> q8_0 linear -> rope: the kernel reads its three bindings
// (x, the norm weight, the matmul weight), then its result binding, from
// state->bindings, tokens and the position from state->scalars. The
// result is computed in its binding; the temporaries live in the worker's
// scratch, 64-byte aligned per token: the norm's output (sinkc_uk_rms_norm)
// and the matmul's (256 bytes each), rope's cos and sin tables (8 pairs x 4
// bytes -> 64 bytes each): 640 bytes per token.
// CHECK-LABEL: func.func @dispatch_1
// CHECK-SAME: (%[[STATE:.*]]: !llvm.ptr, %{{.*}}: i64)
// CHECK-SAME: sinkc.dispatch = "rms_norm+linear+rope"
// CHECK-SAME: sinkc.scratch_bytes = array<i64: 640, 0>
// CHECK: %[[BINDINGS:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: %[[SCALARS:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK: %[[SCRATCH:.*]] = llvm.load %{{.*}} : !llvm.ptr -> !llvm.ptr
// CHECK-COUNT-5: builtin.unrealized_conversion_cast %{{.*}} : !llvm.struct
// CHECK: memref.view
// CHECK: call @sinkc_uk_rms_norm
// CHECK: call @sinkc_uk_gemm_q8_0
// CHECK-NOT: memref.alloc
// CHECK: return
// LLVM: llvm.func @dispatch_1(%{{.*}}: !llvm.ptr, %{{.*}}: i64)
// LLVM: llvm.call @sinkc_uk_gemm_q8_0
// LLVM-NOT: builtin.unrealized_conversion_cast
func.func private @dispatch_1(%x: tensor<1x?x64xf32>, %w: tensor<64xf32>,
                              %m: tensor<64x64xf32, #tfm.gguf<q8_0>>, %pos: index)
    -> tensor<1x?x64xf32> attributes {tfm.dispatch = "rms_norm+linear+rope"} {
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>
  %l = tfm.linear %n, %m : tensor<1x?x64xf32>, tensor<64x64xf32, #tfm.gguf<q8_0>> -> tensor<1x?x64xf32>
  %r = tfm.rope %l at %pos style = neox {head_dim = 16, theta = 10000.0} : tensor<1x?x64xf32>
  return %r : tensor<1x?x64xf32>
}
