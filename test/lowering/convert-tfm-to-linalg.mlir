// RUN: sinkc-opt --split-input-file --convert-tfm-to-linalg %s | FileCheck %s

// rms_norm: a reduction of x^2 over features, the scale rsqrt(mean + eps)
// once per token (in place over the sums), then x * scale * w with no
// division or square root per element.
// CHECK-LABEL: func.func @rms_norm
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:   arith.mulf
// CHECK:   arith.addf
// CHECK: %[[SCALE:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} outs(%[[SUM]]
// CHECK:   arith.divf %{{.*}}, %[[N:.*]] : f32
// CHECK:   math.rsqrt
// CHECK: linalg.generic {{.*}}ins(%arg0, %[[SCALE]], %arg1
// CHECK-NOT: arith.divf
// CHECK-NOT: math.rsqrt
// CHECK:   arith.mulf
// CHECK:   arith.mulf
// CHECK-NOT: tfm.rms_norm
func.func @rms_norm(%x: tensor<1x?x8xf32>, %w: tensor<8xf32>) -> tensor<1x?x8xf32> {
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x8xf32>, tensor<8xf32>
  return %n : tensor<1x?x8xf32>
}

// -----

// linear with an f16 weight: a 4-D generic reducing over k, in f32.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @linear_f16
// CHECK: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[W]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK:   arith.extf %{{.*}} : f16 to f32
// CHECK: linalg.generic {{.*}}ins(%{{.*}}, %arg2
func.func @linear_f16(%x: tensor<1x?x8xf32>, %w: tensor<4x8xf16>, %b: tensor<4xf32>) -> tensor<1x?x4xf32> {
  %l = tfm.linear %x, %w bias %b : tensor<1x?x8xf32>, tensor<4x8xf16>, tensor<4xf32> -> tensor<1x?x4xf32>
  return %l : tensor<1x?x4xf32>
}

// -----

// RoPE reads each value's partner: neox pairs i with i + head_dim/2. The
// frequencies theta^(-2j/D) are a constant table, not a powf per element,
// and cos / sin are computed once per (token, pair) into [1, T, D/2] tables
// that every head reads.
// CHECK-LABEL: func.func @rope_neox
// CHECK: %[[FREQ:.*]] = arith.constant dense<[1.000000e+00, 0.00999999977]> : tensor<2xf32>
// CHECK: %[[TABLES:.*]]:2 = linalg.generic
// CHECK: tensor.extract %[[FREQ]]
// CHECK: math.cos
// CHECK: math.sin
// CHECK: -> (tensor<1x?x2xf32>, tensor<1x?x2xf32>)
// CHECK: linalg.generic
// CHECK: arith.cmpi ult
// CHECK-NOT: math.powf
// CHECK-NOT: math.cos
// CHECK: tensor.extract %[[TABLES]]#0
// CHECK: tensor.extract %[[TABLES]]#1
// CHECK-COUNT-2: tensor.extract %arg0
func.func @rope_neox(%x: tensor<1x?x8xf32>, %pos: index) -> tensor<1x?x8xf32> {
  %r = tfm.rope %x at %pos style = neox {head_dim = 4, theta = 10000.0} : tensor<1x?x8xf32>
  return %r : tensor<1x?x8xf32>
}

// -----

// Interleaved RoPE pairs (2j, 2j + 1); frequency factors divide each frequency.
// CHECK-LABEL: func.func @rope_interleaved_factors
// CHECK: tensor.extract %arg2
// CHECK: arith.divf
// CHECK: math.cos
// CHECK: arith.remui %{{.*}}, %c2
func.func @rope_interleaved_factors(%x: tensor<1x?x8xf32>, %pos: index, %f: tensor<2xf32>) -> tensor<1x?x8xf32> {
  %r = tfm.rope %x at %pos style = interleaved freq_factors(%f : tensor<2xf32>) {head_dim = 4, theta = 10000.0} : tensor<1x?x8xf32>
  return %r : tensor<1x?x8xf32>
}

// -----

// Elementwise ops and the embedding gather.
// CHECK-LABEL: func.func @elementwise
// CHECK: linalg.generic
// CHECK:   math.exp
// CHECK:   arith.divf
// CHECK: linalg.generic
// CHECK:   math.tanh
// CHECK: linalg.generic
// CHECK:   arith.addf
// CHECK-NOT: tfm.
func.func @elementwise(%a: tensor<1x?x8xf32>, %b: tensor<1x?x8xf32>) -> tensor<1x?x8xf32> {
  %s = tfm.swiglu %a, %b : tensor<1x?x8xf32>
  %g = tfm.gelu %s approximation = tanh : tensor<1x?x8xf32>
  %r = tfm.add %g, %a : tensor<1x?x8xf32>
  return %r : tensor<1x?x8xf32>
}

// CHECK-LABEL: func.func @embedding
// CHECK: linalg.generic
// CHECK:   %[[ID:.*]] = tensor.extract %arg1
// CHECK:   arith.index_cast %[[ID]]
// CHECK:   tensor.extract %arg0
// CHECK:   arith.extf
func.func @embedding(%t: tensor<16x8xbf16>, %ids: tensor<1x?xi32>) -> tensor<1x?x8xf32> {
  %h = tfm.embedding %t[%ids] : tensor<16x8xbf16>, tensor<1x?xi32> -> tensor<1x?x8xf32>
  return %h : tensor<1x?x8xf32>
}

// -----

// Not handled yet, left as they are: quantized weights and attention.
// CHECK-LABEL: func.func @left_alone
// CHECK: tfm.linear
// CHECK: tfm.attention
func.func @left_alone(%x: tensor<1x?x64xf32>, %w: tensor<64x64xf32, #tfm.gguf<q4_1>>, %pos: index) -> tensor<1x?x64xf32> {
  %l = tfm.linear %x, %w : tensor<1x?x64xf32>, tensor<64x64xf32, #tfm.gguf<q4_1>> -> tensor<1x?x64xf32>
  %a = tfm.attention %l, %l, %l at %pos {num_heads = 4, num_kv_heads = 4, head_dim = 16, scale = 0.25} : tensor<1x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x64xf32>
  return %a : tensor<1x?x64xf32>
}

// -----

// lm_head: the transposed matmul, then c * tanh(logits / c) for a softcap c.
// CHECK-LABEL: func.func @lm_head_softcap
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK: linalg.generic
// CHECK:   arith.divf %{{.*}}, %[[C:.*]] : f32
// CHECK:   math.tanh
// CHECK:   arith.mulf %{{.*}}, %[[C]] : f32
// CHECK-NOT: tfm.lm_head
func.func @lm_head_softcap(%x: tensor<1x?x8xf32>, %t: tensor<16x8xf32>) -> tensor<1x?x16xf32> {
  %l = tfm.lm_head %x, %t {softcap = 30.0} : tensor<1x?x8xf32>, tensor<16x8xf32> -> tensor<1x?x16xf32>
  return %l : tensor<1x?x16xf32>
}
