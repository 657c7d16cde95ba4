// RUN: sinkc-opt --split-input-file --verify-diagnostics %s

//===----------------------------------------------------------------------===//
// Quantized tensor encodings (checked when the tensor type is built)
//===----------------------------------------------------------------------===//

// A GGUF encoding needs a float element type to dequantize to.
// expected-error @+1 {{encoding q4_0 needs a float element type (f32, f16 or bf16) to dequantize to, got 'i8'}}
func.func @gguf_int_element(%a: tensor<64x32xi8, #tfm.gguf<q4_0>>)

// -----

// A quantized encoding needs at least one dimension to cut into blocks.
// expected-error @+1 {{encoding q8_0 needs a ranked tensor of rank >= 1}}
func.func @gguf_rank0(%a: tensor<f32, #tfm.gguf<q8_0>>)

// -----

// The innermost dimension must be a whole number of 32-value blocks.
// expected-error @+1 {{encoding q4_1 stores blocks of 32 values: the innermost dimension (48) must be a multiple of 32}}
func.func @gguf_partial_block(%a: tensor<64x48xf32, #tfm.gguf<q4_1>>)

// -----

// K-quants use 256-value blocks; a dynamic innermost dimension cannot be checked.
// expected-error @+1 {{encoding q6_k stores blocks of 256 values: the innermost dimension (?) must be a multiple of 256}}
func.func @gguf_dynamic_inner(%a: tensor<4x?xf32, #tfm.gguf<q6_k>>)

// -----

// Group quantization only has groups of 32, 64 or 128.
// expected-error @+1 {{group size must be 32, 64 or 128, got 16}}
func.func @group_size(%a: tensor<4x64xf32, #tfm.group_quant<int4, group = 16, symmetric, scale = f16>>)

// -----

// Group scales are f16 or f32.
// expected-error @+1 {{group scales must be f16 or f32, got 'bf16'}}
func.func @group_scale(%a: tensor<4x64xf32, #tfm.group_quant<int8, group = 32, symmetric, scale = bf16>>)

// -----

// The innermost dimension of a group-quantized tensor is a whole number of groups.
// expected-error @+1 {{encoding i4g64a_f16 stores blocks of 64 values: the innermost dimension (96) must be a multiple of 64}}
func.func @group_partial(%a: tensor<4x96xf32, #tfm.group_quant<int4, group = 64, asymmetric, scale = f16>>)

// -----

// Group-quantized tensors also dequantize to floats.
// expected-error @+1 {{encoding i8g32s_f32 needs a float element type}}
func.func @group_int_element(%a: tensor<4x64xi32, #tfm.group_quant<int8, group = 32, symmetric, scale = f32>>)

//===----------------------------------------------------------------------===//
// Head policies
//===----------------------------------------------------------------------===//

// -----

// A streaming head keeps a non-negative number of sink tokens.
// expected-error @+1 {{streaming policy needs sinks >= 0, got -1}}
func.func @streaming_sinks() attributes {policy = #tfm.streaming<sinks = -1, window = 252>}

// -----

// A streaming head keeps at least one position in its window.
// expected-error @+1 {{streaming policy needs window >= 1, got 0}}
func.func @streaming_window() attributes {policy = #tfm.streaming<sinks = 4, window = 0>}

//===----------------------------------------------------------------------===//
// KV-cache type
//===----------------------------------------------------------------------===//

// -----

// A cache buffer has exactly entries x slots x head_dim.
// expected-error @+1 {{kv_cache needs entries x slots x head_dim x element type, got 2 dimensions}}
func.func @kv_two_dims(%c: !tfm.kv_cache<4x64xf16>)

// -----

// The number of (layer, kv-head) entries is static.
// expected-error @+1 {{kv_cache needs a static number of entries >= 1}}
func.func @kv_dynamic_entries(%c: !tfm.kv_cache<?x256x64xf16>)

// -----

// Zero entries is not a buffer.
// expected-error @+1 {{kv_cache needs a static number of entries >= 1}}
func.func @kv_zero_entries(%c: !tfm.kv_cache<0x256x64xf16>)

// -----

// Static slots are at least one.
// expected-error @+1 {{kv_cache slots must be ? or >= 1, got 0}}
func.func @kv_zero_slots(%c: !tfm.kv_cache<4x0x64xf16>)

// -----

// head_dim is static.
// expected-error @+1 {{kv_cache needs a static head_dim >= 1}}
func.func @kv_dynamic_head_dim(%c: !tfm.kv_cache<4x?x?xf16>)

// -----

// Caches hold float keys and values.
// expected-error @+1 {{kv_cache holds f32, f16 or bf16 values, got 'i8'}}
func.func @kv_int_element(%c: !tfm.kv_cache<4x?x64xi8>)

//===----------------------------------------------------------------------===//
// Weight source and transforms (attribute verifiers)
//===----------------------------------------------------------------------===//

// -----

// A weight source names its file.
// expected-error @+1 {{weight source needs a file}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "", tensor = "w", offset = 0, type = tensor<64x64xf32>>

// -----

// A weight source names its tensor in the file.
// expected-error @+1 {{weight source needs a tensor name}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "", offset = 0, type = tensor<64x64xf32>>

// -----

// Byte offsets are non-negative.
// expected-error @+1 {{weight source offset must be >= 0, got -8}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = -8, type = tensor<64x64xf32>>

// -----

// A stored tensor has a static shape.
// expected-error @+1 {{weight source type must have a static shape, got 'tensor<?x64xf32>'}}
tfm.weight @w : tensor<?x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<?x64xf32>>

// -----

// Concat appends at least one weight.
// expected-error @+1 {{concat needs at least one weight to append}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = []>]

// -----

// Concat names the weights it appends by flat symbol.
// expected-error @+1 {{concat appends weights by symbol (@name), got "k"}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = ["k"]>]

// -----

// Quantize takes a quantized encoding, not any attribute.
// expected-error @+1 {{quantize needs a quantized encoding (#tfm.gguf or #tfm.group_quant), got #tfm.full}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.quantize<#tfm.full>]

//===----------------------------------------------------------------------===//
// tfm.weight: transform type inference and the declared type
//===----------------------------------------------------------------------===//

// -----

// Every entry of the transform list is a weight transform.
// expected-error @+1 {{'tfm.weight' op transform 0 (#tfm.pruned) is not a weight transform}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.pruned]

// -----

// The declared type is what the source and transforms give.
// expected-error @+1 {{'tfm.weight' op declares type 'tensor<64x64xf32>' but its source and transforms give 'tensor<32x64xf32>'}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.slice<dim = 0, offset = 0, size = 32>]

// -----

// Without transforms the declared type is the stored type, encoding included.
// expected-error @+1 {{'tfm.weight' op declares type 'tensor<64x64xf32>' but its source and transforms give 'tensor<64x64xf32, #tfm.gguf<q8_0>>'}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q8_0>>>

// -----

// Slice names an existing dimension.
// expected-error @+1 {{transform 0: slice dim 2 is out of range for 'tensor<64x64xf32>' (rank 2)}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.slice<dim = 2, offset = 0, size = 1>]

// -----

// Slice stays inside the dimension; errors name the transform by position.
// expected-error @+1 {{transform 1: slice [32, 96) of dim 1 does not fit its size 64}}
tfm.weight @w : tensor<32x32xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.slice<dim = 0, offset = 0, size = 32>, #tfm.slice<dim = 1, offset = 32, size = 64>]

// -----

// A slice keeps at least one entry.
// expected-error @+1 {{transform 0: slice [0, 0) of dim 0 does not fit its size 64}}
tfm.weight @w : tensor<0x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.slice<dim = 0, offset = 0, size = 0>]

// -----

// A slice of quantized columns starts on a block boundary.
// expected-error @+1 {{transform 0: slice of quantized blocks must start at a multiple of 32, got 16}}
tfm.weight @w : tensor<64x32xf32, #tfm.gguf<q8_0>> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q8_0>>> transforms [#tfm.slice<dim = 1, offset = 16, size = 32>]

// -----

// A slice of quantized columns keeps whole blocks (the encoding's own check).
// expected-error @+1 {{transform 0: encoding q8_0 stores blocks of 32 values: the innermost dimension (48) must be a multiple of 32}}
tfm.weight @w : tensor<64x64xf32, #tfm.gguf<q8_0>> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q8_0>>> transforms [#tfm.slice<dim = 1, offset = 0, size = 48>]

// -----

// Transpose permutes every dimension.
// expected-error @+1 {{transform 0: transpose permutation has 3 entries for a tensor of rank 2}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.transpose<[2, 1, 0]>]

// -----

// Transpose is a permutation: no repeats.
// expected-error @+1 {{transform 0: transpose [0, 0] is not a permutation of 0..1}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.transpose<[0, 0]>]

// -----

// Transpose is a permutation: no out-of-range entries.
// expected-error @+1 {{transform 0: transpose [0, 2] is not a permutation of 0..1}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.transpose<[0, 2]>]

// -----

// A quantized tensor cannot be transposed across its blocks.
// expected-error @+1 {{transform 0: transpose would move the innermost dimension of a quantized tensor across its blocks}}
tfm.weight @w : tensor<64x64xf32, #tfm.gguf<q4_0>> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q4_0>>> transforms [#tfm.transpose<[1, 0]>]

// -----

// Reshape sizes are positive.
// expected-error @+1 {{transform 0: reshape sizes must be >= 1 and their product fit 64 bits, got [0, 64]}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.reshape<[0, 64]>]

// -----

// Reshape keeps the number of values.
// expected-error @+1 {{transform 0: reshape to [32, 64] (2048 values) from 'tensor<64x64xf32>' (4096 values)}}
tfm.weight @w : tensor<32x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.reshape<[32, 64]>]

// -----

// Reshape of a quantized tensor keeps its innermost dimension.
// expected-error @+1 {{transform 0: reshape of a quantized tensor must keep its innermost dimension (64)}}
tfm.weight @w : tensor<32x128xf32, #tfm.gguf<q4_0>> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q4_0>>> transforms [#tfm.reshape<[32, 128]>]

// -----

// Quantize checks the encoding against the shape it applies to.
// expected-error @+1 {{transform 0: encoding q4_k stores blocks of 256 values: the innermost dimension (64) must be a multiple of 256}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.quantize<#tfm.gguf<q4_k>>]

// -----

// Repack tiles a matrix with two tile sizes.
// expected-error @+1 {{transform 0: repack tiles a matrix: needs a rank-2 weight and two tile sizes, got 'tensor<64x64xf32>' and [16]}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.repack<[16]>]

// -----

// Repack tiles divide the matrix.
// expected-error @+1 {{transform 0: repack tile [48, 16] does not divide 'tensor<64x64xf32>'}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.repack<[48, 16]>]

// -----

// Repack of quantized data keeps whole blocks in a tile row.
// expected-error @+1 {{transform 0: repack of q4_1 needs tile columns that are a multiple of its block size 32, got 16}}
tfm.weight @w : tensor<64x64xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q4_1>>> transforms [#tfm.repack<[16, 16]>]

// -----

// Concat cannot append a weight to itself.
// expected-error @+1 {{'tfm.weight' op concat appends the weight to itself}}
tfm.weight @w : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = [@w]>]

// -----

// Concat appends tfm.weight symbols only.
func.func private @not_a_weight()
// expected-error @+1 {{'tfm.weight' op concat appends @not_a_weight, which is not a tfm.weight}}
tfm.weight @w : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = [@not_a_weight]>]

// -----

// Concat names an existing dimension.
tfm.weight @k : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "k", offset = 0, type = tensor<64x64xf32>>
// expected-error @+1 {{transform 0: concat dim 2 is out of range for 'tensor<64x64xf32>' (rank 2)}}
tfm.weight @w : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 2, weights = [@k]>]

// -----

// Concatenated weights share their encoding.
tfm.weight @k : tensor<64x64xf32, #tfm.gguf<q8_0>> = #tfm.source<file = "m.gguf", tensor = "k", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q8_0>>>
// expected-error @+1 {{rank, element type and encoding must match}}
tfm.weight @w : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = [@k]>]

// -----

// Concatenated weights agree on every dimension but the concat one.
tfm.weight @k : tensor<64x32xf32> = #tfm.source<file = "m.gguf", tensor = "k", offset = 0, type = tensor<64x32xf32>>
// expected-error @+1 {{transform 0: concat along dim 0 of 'tensor<64x32xf32>' onto 'tensor<64x64xf32>': dim 1 sizes differ}}
tfm.weight @w : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = [@k]>]

// -----

// The declared type of a fused weight counts the appended rows.
tfm.weight @k : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "k", offset = 0, type = tensor<64x64xf32>>
// expected-error @+1 {{'tfm.weight' op declares type 'tensor<64x64xf32>' but its source and transforms give 'tensor<128x64xf32>'}}
tfm.weight @w : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = [@k]>]

//===----------------------------------------------------------------------===//
// tfm.weight_ref
//===----------------------------------------------------------------------===//

// -----

// weight_ref reads a tfm.weight, not another symbol.
func.func @f() -> tensor<64x64xf32> {
  // expected-error @+1 {{'tfm.weight_ref' op refers to @f, which is not a tfm.weight}}
  %w = tfm.weight_ref @f : tensor<64x64xf32>
  return %w : tensor<64x64xf32>
}

// -----

// weight_ref of an undefined symbol.
func.func @f() -> tensor<64x64xf32> {
  // expected-error @+1 {{'tfm.weight_ref' op refers to @missing, which is not a tfm.weight}}
  %w = tfm.weight_ref @missing : tensor<64x64xf32>
  return %w : tensor<64x64xf32>
}

// -----

// weight_ref has exactly the weight's type, encoding included.
tfm.weight @w : tensor<64x64xf32, #tfm.gguf<q8_0>> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32, #tfm.gguf<q8_0>>>
func.func @f() -> tensor<64x64xf32> {
  // expected-error @+1 {{'tfm.weight_ref' op result type 'tensor<64x64xf32>' differs from @w's type 'tensor<64x64xf32, #tfm.gguf<q8_0>>'}}
  %w = tfm.weight_ref @w : tensor<64x64xf32>
  return %w : tensor<64x64xf32>
}

//===----------------------------------------------------------------------===//
// Activations, matrices, vectors, result shapes (shared helpers)
//===----------------------------------------------------------------------===//

// -----

// Activations are batch x tokens x features.
func.func @f(%x: tensor<4x64xf32>, %w: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects the input as batch x tokens x features (rank 3), got 'tensor<4x64xf32>'}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<4x64xf32>, tensor<64xf32>
  return
}

// -----

// Batch size is 1.
func.func @f(%x: tensor<2x?x64xf32>, %w: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects batch size 1 for the input, got 2}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<2x?x64xf32>, tensor<64xf32>
  return
}

// -----

// A dynamic batch is not batch 1.
func.func @f(%x: tensor<?x?x64xf32>, %w: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects batch size 1 for the input, got ?}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<?x?x64xf32>, tensor<64xf32>
  return
}

// -----

// Activations are floats.
func.func @f(%x: tensor<1x?x64xi32>, %w: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects the input with float elements, got 'tensor<1x?x64xi32>'}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x64xi32>, tensor<64xf32>
  return
}

// -----

// Activations are never stored quantized.
func.func @f(%x: tensor<1x4x64xf32, #tfm.gguf<q8_0>>, %w: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects the input without an encoding (activations are not stored quantized)}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x4x64xf32, #tfm.gguf<q8_0>>, tensor<64xf32>
  return
}

// -----

// A norm weight has one value per feature.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<32xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects the weight of 64 values (one per feature), got 'tensor<32xf32>'}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<32xf32>
  return
}

// -----

// Norm weights and biases are not quantized.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<64xf32>, %b: tensor<64xf32, #tfm.gguf<q8_0>>) {
  // expected-error @+1 {{'tfm.layer_norm' op expects the bias unquantized, got 'tensor<64xf32, #tfm.gguf<q8_0>>'}}
  %n = tfm.layer_norm %x, %w, %b {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>, tensor<64xf32, #tfm.gguf<q8_0>>
  return
}

// -----

// The layer_norm bias has one value per feature too.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<64xf32>, %b: tensor<1x64xf32>) {
  // expected-error @+1 {{'tfm.layer_norm' op expects the bias of 64 values (one per feature), got 'tensor<1x64xf32>'}}
  %n = tfm.layer_norm %x, %w, %b {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>, tensor<1x64xf32>
  return
}

// -----

// RMS norm epsilon is positive.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.rms_norm' op expects epsilon > 0, got 0}}
  %n = tfm.rms_norm %x, %w {epsilon = 0.0} : tensor<1x?x64xf32>, tensor<64xf32>
  return
}

// -----

// Layer norm epsilon is positive.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<64xf32>, %b: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.layer_norm' op expects epsilon > 0, got -1}}
  %n = tfm.layer_norm %x, %w, %b {epsilon = -1.0} : tensor<1x?x64xf32>, tensor<64xf32>, tensor<64xf32>
  return
}

//===----------------------------------------------------------------------===//
// tfm.embedding, tfm.linear, tfm.lm_head
//===----------------------------------------------------------------------===//

// -----

// The embedding table is a static matrix.
func.func @f(%t: tensor<?x64xf32>, %ids: tensor<1x?xi32>) {
  // expected-error @+1 {{'tfm.embedding' op expects the table as a static rows x columns matrix, got 'tensor<?x64xf32>'}}
  %h = tfm.embedding %t[%ids] : tensor<?x64xf32>, tensor<1x?xi32> -> tensor<1x?x64xf32>
  return
}

// -----

// Token ids are 1 x tokens of i32.
func.func @f(%t: tensor<100x64xf32>, %ids: tensor<1x?xi64>) {
  // expected-error @+1 {{'tfm.embedding' op expects token ids as a 1 x tokens tensor of i32, got 'tensor<1x?xi64>'}}
  %h = tfm.embedding %t[%ids] : tensor<100x64xf32>, tensor<1x?xi64> -> tensor<1x?x64xf32>
  return
}

// -----

// An embedding row has the table's width and element type.
func.func @f(%t: tensor<100x64xf32>, %ids: tensor<1x?xi32>) {
  // expected-error @+1 {{'tfm.embedding' op expects result 1x?x64xf32, got 'tensor<1x?x32xf32>'}}
  %h = tfm.embedding %t[%ids] : tensor<100x64xf32>, tensor<1x?xi32> -> tensor<1x?x32xf32>
  return
}

// -----

// A linear weight is a static matrix.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<32x?xf32>) {
  // expected-error @+1 {{'tfm.linear' op expects the weight as a static rows x columns matrix, got 'tensor<32x?xf32>'}}
  %y = tfm.linear %x, %w : tensor<1x?x64xf32>, tensor<32x?xf32> -> tensor<1x?x32xf32>
  return
}

// -----

// The linear input is an activation.
func.func @f(%x: tensor<1x?x64xf16, #tfm.gguf<q8_0>>, %w: tensor<32x64xf32>) {
  // expected-error @+1 {{'tfm.linear' op expects the input without an encoding}}
  %y = tfm.linear %x, %w : tensor<1x?x64xf16, #tfm.gguf<q8_0>>, tensor<32x64xf32> -> tensor<1x?x32xf16>
  return
}

// -----

// Weight columns match input features (weights are out x in).
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<64x32xf32>) {
  // expected-error @+1 {{'tfm.linear' op expects weight columns (32) to match input features (64)}}
  %y = tfm.linear %x, %w : tensor<1x?x64xf32>, tensor<64x32xf32> -> tensor<1x?x64xf32>
  return
}

// -----

// The bias has one value per output feature.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<32x64xf32>, %b: tensor<64xf32>) {
  // expected-error @+1 {{'tfm.linear' op expects the bias of 32 values (one per feature), got 'tensor<64xf32>'}}
  %y = tfm.linear %x, %w bias %b : tensor<1x?x64xf32>, tensor<32x64xf32>, tensor<64xf32> -> tensor<1x?x32xf32>
  return
}

// -----

// The linear result has the weight's row count and the input's element type.
func.func @f(%x: tensor<1x?x64xf32>, %w: tensor<32x64xf32>) {
  // expected-error @+1 {{'tfm.linear' op expects result 1x?x32x}}
  %y = tfm.linear %x, %w : tensor<1x?x64xf32>, tensor<32x64xf32> -> tensor<1x?x32xf16>
  return
}

// -----

// The linear result keeps the input's token count.
func.func @f(%x: tensor<1x4x64xf32>, %w: tensor<32x64xf32>) {
  // expected-error @+1 {{'tfm.linear' op expects result 1x4x32x}}
  %y = tfm.linear %x, %w : tensor<1x4x64xf32>, tensor<32x64xf32> -> tensor<1x5x32xf32>
  return
}

// -----

// lm_head weight columns match the hidden size.
func.func @f(%h: tensor<1x?x64xf32>, %w: tensor<100x32xf32>) {
  // expected-error @+1 {{'tfm.lm_head' op expects weight columns (32) to match the hidden size (64)}}
  %l = tfm.lm_head %h, %w : tensor<1x?x64xf32>, tensor<100x32xf32> -> tensor<1x?x100xf32>
  return
}

// -----

// The lm_head weight is a static matrix.
func.func @f(%h: tensor<1x?x64xf32>, %w: tensor<100xf32>) {
  // expected-error @+1 {{'tfm.lm_head' op expects the weight as a static rows x columns matrix}}
  %l = tfm.lm_head %h, %w : tensor<1x?x64xf32>, tensor<100xf32> -> tensor<1x?x100xf32>
  return
}

// -----

// A logit softcap is positive.
func.func @f(%h: tensor<1x?x64xf32>, %w: tensor<100x64xf32>) {
  // expected-error @+1 {{'tfm.lm_head' op expects softcap > 0, got 0}}
  %l = tfm.lm_head %h, %w {softcap = 0.0} : tensor<1x?x64xf32>, tensor<100x64xf32> -> tensor<1x?x100xf32>
  return
}

// -----

// Logits are f32 even for f16 activations.
func.func @f(%h: tensor<1x?x64xf16>, %w: tensor<100x64xf16>) {
  // expected-error @+1 {{'tfm.lm_head' op expects result 1x?x100x}}
  %l = tfm.lm_head %h, %w : tensor<1x?x64xf16>, tensor<100x64xf16> -> tensor<1x?x100xf16>
  return
}

//===----------------------------------------------------------------------===//
// tfm.rope and #tfm.rope_scaling
//===----------------------------------------------------------------------===//

// -----

// RoPE rotates pairs: head_dim is even.
func.func @f(%x: tensor<1x?x63xf32>, %p: index) {
  // expected-error @+1 {{'tfm.rope' op expects an even head_dim >= 2 (RoPE rotates pairs), got 63}}
  %r = tfm.rope %x at %p style = neox {head_dim = 63, theta = 1.0e4} : tensor<1x?x63xf32>
  return
}

// -----

// A negative head_dim is reported as given (not as a huge unsigned value).
func.func @f(%x: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.rope' op expects an even head_dim >= 2 (RoPE rotates pairs), got -2}}
  %r = tfm.rope %x at %p style = neox {head_dim = -2, theta = 1.0e4} : tensor<1x?x64xf32>
  return
}

// -----

// The input holds whole heads.
func.func @f(%x: tensor<1x?x576xf32>, %p: index) {
  // expected-error @+1 {{'tfm.rope' op expects input features (576) to be a multiple of head_dim (128)}}
  %r = tfm.rope %x at %p style = interleaved {head_dim = 128, theta = 1.0e4} : tensor<1x?x576xf32>
  return
}

// -----

// Dynamic features cannot be checked against head_dim.
func.func @f(%x: tensor<1x?x?xf32>, %p: index) {
  // expected-error @+1 {{'tfm.rope' op expects input features (?) to be a multiple of head_dim (64)}}
  %r = tfm.rope %x at %p style = neox {head_dim = 64, theta = 1.0e4} : tensor<1x?x?xf32>
  return
}

// -----

// The RoPE base is positive.
func.func @f(%x: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.rope' op expects theta > 0, got 0}}
  %r = tfm.rope %x at %p style = neox {head_dim = 64, theta = 0.0} : tensor<1x?x64xf32>
  return
}

// -----

// Only linear, llama3 and yarn scaling exist.
// expected-error @+1 {{unknown RoPE scaling 'ntk' (expected linear, llama3 or yarn)}}
func.func @f() attributes {s = #tfm.rope_scaling<ntk, factor = 2.0>}

// -----

// RoPE scaling keys are the known ones.
// expected-error @+1 {{unknown RoPE scaling parameter 'beta_fast'}}
func.func @f() attributes {s = #tfm.rope_scaling<yarn, factor = 4.0, beta_fast = 32.0, original_context = 4096>}

// -----

// A key given twice is an error, not a silent override.
// expected-error @+1 {{'factor' is given twice}}
func.func @f() attributes {s = #tfm.rope_scaling<linear, factor = 2.0, factor = 4.0>}

// -----

// The factor is required.
// expected-error @+1 {{RoPE scaling needs a factor}}
func.func @f() attributes {s = #tfm.rope_scaling<linear>}

// -----

// The factor is required even when other keys are given.
// expected-error @+1 {{RoPE scaling needs a factor}}
func.func @f() attributes {s = #tfm.rope_scaling<yarn, original_context = 4096>}

// -----

// The factor is positive.
// expected-error @+1 {{RoPE scaling factor must be > 0, got -2}}
func.func @f() attributes {s = #tfm.rope_scaling<linear, factor = -2.0>}

// -----

// llama3 scaling needs the original context.
// expected-error @+1 {{llama3 RoPE scaling needs original_context > 0}}
func.func @f() attributes {s = #tfm.rope_scaling<llama3, factor = 8.0, low_freq_factor = 1.0, high_freq_factor = 4.0>}

// -----

// yarn scaling needs the original context.
// expected-error @+1 {{yarn RoPE scaling needs original_context > 0}}
func.func @f() attributes {s = #tfm.rope_scaling<yarn, factor = 4.0, original_context = 0>}

// -----

// llama3 frequency factors are ordered.
// expected-error @+1 {{llama3 RoPE scaling needs 0 < low_freq_factor < high_freq_factor, got 4.000000e+00 and 1.000000e+00}}
func.func @f() attributes {s = #tfm.rope_scaling<llama3, factor = 8.0, low_freq_factor = 4.0, high_freq_factor = 1.0, original_context = 8192>}

// -----

// llama3 frequency factors are given.
// expected-error @+1 {{llama3 RoPE scaling needs 0 < low_freq_factor < high_freq_factor, got 0.000000e+00 and 0.000000e+00}}
func.func @f() attributes {s = #tfm.rope_scaling<llama3, factor = 8.0, original_context = 8192>}

// -----

// Linear scaling takes nothing but the factor.
// expected-error @+1 {{linear RoPE scaling takes only a factor}}
func.func @f() attributes {s = #tfm.rope_scaling<linear, factor = 2.0, original_context = 4096>}

//===----------------------------------------------------------------------===//
// tfm.layer and tfm.yield
//===----------------------------------------------------------------------===//

// -----

// Layer indices are non-negative.
func.func @f(%h: tensor<1x?x64xf32>) {
  // expected-error @+1 {{'tfm.layer' op expects a layer index >= 0, got -1}}
  %r = tfm.layer -1 (%h : tensor<1x?x64xf32>) {
  ^bb0(%x: tensor<1x?x64xf32>):
    tfm.yield %x : tensor<1x?x64xf32>
  }
  return
}

// -----

// The residual stream is an activation.
func.func @f(%h: tensor<?x64xf32>) {
  // expected-error @+1 {{'tfm.layer' op expects the residual stream as batch x tokens x features (rank 3)}}
  %r = tfm.layer 0 (%h : tensor<?x64xf32>) {
  ^bb0(%x: tensor<?x64xf32>):
    tfm.yield %x : tensor<?x64xf32>
  }
  return
}

// -----

// The body takes the residual stream as its only argument.
func.func @f(%h: tensor<1x?x64xf32>) {
  // expected-error @+1 {{'tfm.layer' op expects its body to take the residual stream ('tensor<1x?x64xf32>') as its only argument}}
  %r = tfm.layer 0 (%h : tensor<1x?x64xf32>) {
  ^bb0(%x: tensor<1x4x64xf32>):
    tfm.yield %h : tensor<1x?x64xf32>
  }
  return
}

// -----

// A body without an argument is rejected too.
func.func @f(%h: tensor<1x?x64xf32>) {
  // expected-error @+1 {{'tfm.layer' op expects its body to take the residual stream}}
  %r = tfm.layer 0 (%h : tensor<1x?x64xf32>) {
    tfm.yield %h : tensor<1x?x64xf32>
  }
  return
}

// -----

// The body ends in tfm.yield.
func.func @f(%h: tensor<1x?x64xf32>) {
  // expected-error @+1 {{'tfm.layer' op expects its body to end in tfm.yield}}
  %r = tfm.layer 0 (%h : tensor<1x?x64xf32>) {
  ^bb0(%x: tensor<1x?x64xf32>):
    %y = tfm.add %x, %x : tensor<1x?x64xf32>
  }
  return
}

// -----

// The layer yields the residual stream's type.
func.func @f(%h: tensor<1x?x64xf32>, %o: tensor<1x?x64xf16>) {
  // expected-error @+1 {{'tfm.layer' op yields 'tensor<1x?x64xf16>' but the residual stream is 'tensor<1x?x64xf32>'}}
  %r = tfm.layer 0 (%h : tensor<1x?x64xf32>) {
  ^bb0(%x: tensor<1x?x64xf32>):
    tfm.yield %o : tensor<1x?x64xf16>
  }
  return
}

// -----

// tfm.yield only ends a tfm.layer.
func.func @f(%h: tensor<1x?x64xf32>) {
  // expected-error @+1 {{'tfm.yield' op expects parent op 'tfm.layer'}}
  tfm.yield %h : tensor<1x?x64xf32>
}

// -----

// Layer statistics keys are tokens and block_influence.
// expected-error @+1 {{unknown layer statistic 'cosine'}}
func.func @f() attributes {s = #tfm.layer_stats<tokens = 16, cosine = 0.5>}

// -----

// Layer statistic keys appear once.
// expected-error @+1 {{'tokens' is given twice}}
func.func @f() attributes {s = #tfm.layer_stats<tokens = 16, tokens = 32, block_influence = 0.5>}

// -----

// Layer statistics carry the block influence.
// expected-error @+1 {{layer statistics need block_influence}}
func.func @f() attributes {s = #tfm.layer_stats<tokens = 16>}

// -----

// Layer statistics average over at least one token.
// expected-error @+1 {{layer statistics need tokens >= 1, got 0}}
func.func @f() attributes {s = #tfm.layer_stats<block_influence = 0.5>}

// -----

// Block influence, 1 - cos, lies in [0, 2].
// expected-error @+1 {{block_influence is 1 - cos(input, output) and must be in [0, 2], got 2.5}}
func.func @f() attributes {s = #tfm.layer_stats<tokens = 16, block_influence = 2.5>}

// -----

// Negative block influence is out of range too.
// expected-error @+1 {{block_influence is 1 - cos(input, output) and must be in [0, 2], got -1.250000e-01}}
func.func @f() attributes {s = #tfm.layer_stats<tokens = 16, block_influence = -0.125>}

//===----------------------------------------------------------------------===//
// #tfm.head_stats
//===----------------------------------------------------------------------===//

// -----

// Head statistics keys are the known ones.
// expected-error @+1 {{unknown head statistic 'max_score'}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, max_score = [1.0]>}

// -----

// Head statistic keys appear once.
// expected-error @+1 {{'entropy' is given twice}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, entropy = [1.0], entropy = [2.0]>}

// -----

// Head statistics average over at least one token.
// expected-error @+1 {{head statistics need tokens >= 1 (how many calibration tokens they average), got 0}}
func.func @f() attributes {s = #tfm.head_stats<sink_mass = [0.5]>}

// -----

// Head statistics hold at least one list.
// expected-error @+1 {{head statistics hold no statistic}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, sink_mass = []>}

// -----

// Every non-empty list has one entry per head.
// expected-error @+1 {{sink_mass has 1 entries but another statistic has 2 (one per head)}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, sink_mass = [0.5], entropy = [1.0, 2.0]>}

// -----

// Sink mass is a fraction of attention.
// expected-error @+1 {{sink_mass of head 1 must be in [0, 1], got 1.5}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, sink_mass = [0.5, 1.5]>}

// -----

// Entropy is non-negative.
// expected-error @+1 {{entropy of head 0 must be >= 0, got -1}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, entropy = [-1.0]>}

// -----

// Output norms are non-negative.
// expected-error @+1 {{output_norm of head 2 must be >= 0, got -5.000000e-01}}
func.func @f() attributes {s = #tfm.head_stats<tokens = 16, output_norm = [1.0, 2.0, -0.5]>}

//===----------------------------------------------------------------------===//
// tfm.attention: heads and shapes
//===----------------------------------------------------------------------===//

// -----

// Head counts and head_dim are positive.
func.func @f(%q: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects num_heads, num_kv_heads and head_dim >= 1}}
  %o = tfm.attention %q, %q, %q at %p {head_dim = 64, num_heads = 1, num_kv_heads = 0, scale = 0.125} : tensor<1x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x64xf32>
  return
}

// -----

// Query heads are grouped evenly over kv-heads.
func.func @f(%q: tensor<1x?x576xf32>, %k: tensor<1x?x256xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects num_heads (9) to be a multiple of num_kv_heads (4)}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 9, num_kv_heads = 4, scale = 0.125} : tensor<1x?x576xf32>, tensor<1x?x256xf32>, tensor<1x?x256xf32> -> tensor<1x?x576xf32>
  return
}

// -----

// q, k and v are activations.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects q, k and v as batch x tokens x features (rank 3), got 'tensor<?x64xf32>'}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<?x64xf32>, tensor<?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// q has num_heads x head_dim features.
func.func @f(%q: tensor<1x?x64xf32>, %k: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects q features (64) = num_heads x head_dim (2 x 64)}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x64xf32>
  return
}

// -----

// k has num_kv_heads x head_dim features.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x128xf32>, %v: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects k features (128) = num_kv_heads x head_dim (1 x 64)}}
  %o = tfm.attention %q, %k, %v at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// v has num_kv_heads x head_dim features.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %v: tensor<1x?x32xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects v features (32) = num_kv_heads x head_dim (1 x 64)}}
  %o = tfm.attention %q, %k, %v at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x32xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// q, k and v describe the same tokens.
func.func @f(%q: tensor<1x4x128xf32>, %k: tensor<1x5x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects q, k and v for the same tokens, got 4, 5 and 5}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x4x128xf32>, tensor<1x5x64xf32>, tensor<1x5x64xf32> -> tensor<1x4x128xf32>
  return
}

// -----

// The result has q's type.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects a result of q's type 'tensor<1x?x128xf32>', got 'tensor<1x?x128xf16>'}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf16>
  return
}

// -----

// The score scale is positive.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects scale > 0, got 0}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.0} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// The score softcap is positive.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects softcap > 0, got -5.000000e+01}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125, softcap = -50.0} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// One policy per kv-head.
func.func @f(%q: tensor<1x?x128xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects one policy per kv-head (2), got 1}}
  %o = tfm.attention %q, %q, %q at %p {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.full]} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Policies are head policies.
func.func @f(%q: tensor<1x?x128xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op policy of kv-head 1 (#tfm.gguf<q4_0>) is not #tfm.full, #tfm.streaming or #tfm.pruned}}
  %o = tfm.attention %q, %q, %q at %p {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.full, #tfm.gguf<q4_0>]} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Gates are one per token and query head.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %g: tensor<1x?x1xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects gates 1x?x2 (one per token and head), got 'tensor<1x?x1xf32>'}}
  %o = tfm.attention %q, %k, %k at %p gates(%g : tensor<1x?x1xf32>) {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Gates are floats.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %g: tensor<1x?x2xi1>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects gates 1x?x2 (one per token and head), got 'tensor<1x?x2xi1>'}}
  %o = tfm.attention %q, %k, %k at %p gates(%g : tensor<1x?x2xi1>) {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Learned sink logits are one float per query head.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %s: tensor<3xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op expects sink_logits as a tensor of 2 floats (one logit per head), got 'tensor<3xf32>'}}
  %o = tfm.attention %q, %k, %k at %p sink_logits(%s : tensor<3xf32>) {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Head statistics describe every query head.
func.func @f(%q: tensor<1x?x128xf32>, %k: tensor<1x?x64xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op has statistics for 3 heads but num_heads is 2}}
  %o = tfm.attention %q, %k, %k at %p {head_dim = 64, num_heads = 2, num_kv_heads = 1, scale = 0.125, stats = #tfm.head_stats<tokens = 8, sink_mass = [0.1, 0.2, 0.3]>} : tensor<1x?x128xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x128xf32>
  return
}

//===----------------------------------------------------------------------===//
// tfm.attention: cache binding
//===----------------------------------------------------------------------===//

// -----

// kv_buffer/kv_entry only make sense with caches.
func.func @f(%q: tensor<1x?x128xf32>, %p: index) {
  // expected-error @+1 {{'tfm.attention' op has kv_buffer/kv_entry/entry_offsets but no caches}}
  %o = tfm.attention %q, %q, %q at %p {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Caches need kv_buffer/kv_entry to say where keys go.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op has caches but no kv_buffer/kv_entry saying where each kv-head's keys go}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// kv_buffer and kv_entry have one value per kv-head.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op expects kv_buffer and kv_entry with one value per kv-head (2)}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// A pruned kv-head has no cache buffer.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-head 1 is pruned and must have kv_buffer -1, got 0}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.full, #tfm.pruned], kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// kv_buffer indexes the cache operands.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-head 1 reads cache 1 but the op has 1}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 1>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// -1 is only for pruned heads.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-head 0 reads cache -1 but the op has 1}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: -1, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// kv_entry indexes the buffer's entries.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-head 1 uses entry 2 of a cache with 2 entries}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 2>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Two kv-heads cannot write the same cache entry.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-heads share cache 0 entry 1}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 1, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// The cache holds the op's head_dim.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x128xf16>) {
  // expected-error @+1 {{'tfm.attention' op cache 0 holds head_dim 128 but the op's is 64}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x128xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// One buffer per policy group: full and streaming heads do not share.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-heads with policies #tfm.full and #tfm.streaming<sinks = 4, window = 252> share cache 0 (one buffer per policy group)}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>], kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Streaming heads with different windows do not share a buffer either.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x256x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-heads with policies #tfm.streaming<sinks = 4, window = 252> and #tfm.streaming<sinks = 0, window = 256> share cache 0}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x256x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.streaming<sinks = 4, window = 252>, #tfm.streaming<sinks = 0, window = 256>], kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// A streaming head's buffer has exactly sinks + window slots.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x128x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-head 0 is #tfm.streaming<sinks = 4, window = 252> and needs a cache of 256 slots, but cache 0 has 128}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x128x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.streaming<sinks = 4, window = 252>, #tfm.streaming<sinks = 4, window = 252>], kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// A streaming head's buffer has static slots.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op kv-head 0 is #tfm.streaming<sinks = 0, window = 64> and needs a cache of 64 slots, but cache 0 has ?}}
  %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, policies = [#tfm.streaming<sinks = 0, window = 64>, #tfm.streaming<sinks = 0, window = 64>], kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// Every cache operand is used by some kv-head.
func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x?x64xf16>, %d: !tfm.kv_cache<2x?x64xf16>) {
  // expected-error @+1 {{'tfm.attention' op cache 1 is not used by any kv-head}}
  %o = tfm.attention %q, %q, %q at %p caches(%c, %d : !tfm.kv_cache<2x?x64xf16>, !tfm.kv_cache<2x?x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return
}

// -----

// In a model, a full head's static buffer holds the whole context.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index, !tfm.kv_cache<2x4096x64xf16>) -> tensor<1x?x100xf32>
  func.func private @decode(tensor<1x1xi32>, index, !tfm.kv_cache<2x4096x64xf16>) -> tensor<1x1x100xf32>
  func.func @f(%q: tensor<1x?x128xf32>, %p: index, %c: !tfm.kv_cache<2x4096x64xf16>) {
    // expected-error @+1 {{'tfm.attention' op kv-head 0 keeps every position but cache 0 has 4096 slots, fewer than the model context 8192}}
    %o = tfm.attention %q, %q, %q at %p caches(%c : !tfm.kv_cache<2x4096x64xf16>) {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
    return
  }
}

//===----------------------------------------------------------------------===//
// tfm.route_heads
//===----------------------------------------------------------------------===//

// -----

// The router is a static heads x hidden matrix.
func.func @f(%x: tensor<1x?x64xf32>, %r: tensor<?x64xf32>) {
  // expected-error @+1 {{'tfm.route_heads' op expects the router as a static rows x columns matrix, got 'tensor<?x64xf32>'}}
  %g = tfm.route_heads %x, %r : tensor<1x?x64xf32>, tensor<?x64xf32> -> tensor<1x?x4xf32>
  return
}

// -----

// Router columns match the hidden size.
func.func @f(%x: tensor<1x?x64xf32>, %r: tensor<4x32xf32>) {
  // expected-error @+1 {{'tfm.route_heads' op expects router columns (32) to match the hidden size (64)}}
  %g = tfm.route_heads %x, %r : tensor<1x?x64xf32>, tensor<4x32xf32> -> tensor<1x?x4xf32>
  return
}

// -----

// top_k picks at least one head.
func.func @f(%x: tensor<1x?x64xf32>, %r: tensor<4x64xf32>) {
  // expected-error @+1 {{'tfm.route_heads' op expects top_k in [1, 4], got 0}}
  %g = tfm.route_heads %x, %r {top_k = 0} : tensor<1x?x64xf32>, tensor<4x64xf32> -> tensor<1x?x4xf32>
  return
}

// -----

// top_k picks at most every head.
func.func @f(%x: tensor<1x?x64xf32>, %r: tensor<4x64xf32>) {
  // expected-error @+1 {{'tfm.route_heads' op expects top_k in [1, 4], got 5}}
  %g = tfm.route_heads %x, %r {top_k = 5} : tensor<1x?x64xf32>, tensor<4x64xf32> -> tensor<1x?x4xf32>
  return
}

// -----

// Gates are one per token and head.
func.func @f(%x: tensor<1x?x64xf32>, %r: tensor<4x64xf32>) {
  // expected-error @+1 {{'tfm.route_heads' op expects result 1x?x4x}}
  %g = tfm.route_heads %x, %r : tensor<1x?x64xf32>, tensor<4x64xf32> -> tensor<1x?x8xf32>
  return
}

//===----------------------------------------------------------------------===//
// #tfm.model and the tfm.model module attribute
//===----------------------------------------------------------------------===//

// -----

// A model names its architecture.
// expected-error @+1 {{model needs an architecture name}}
module attributes {tfm.model = #tfm.model<arch = "", context_length = 8192>} {
}

// -----

// A model has a positive context length.
// expected-error @+1 {{model context_length must be >= 1, got 0}}
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 0>} {
}

// -----

// tfm.model holds a #tfm.model.
// expected-error @+1 {{'tfm.model' must be a #tfm.model attribute}}
module attributes {tfm.model = "llama"} {
}

// -----

// tfm.model belongs on a module.
// expected-error @+1 {{'tfm.model' belongs on a module}}
func.func @f() attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  return
}

// -----

// The tfm dialect defines no other discardable attribute.
// expected-error @+1 {{unknown tfm attribute 'tfm.context'}}
module attributes {tfm.context = 8192} {
}

// -----

// A model defines @prefill.
// expected-error @+1 {{'builtin.module' op is a tfm.model but has no entry point @prefill}}
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @decode(tensor<1x1xi32>, index) -> tensor<1x1x100xf32>
}

// -----

// A model defines @decode.
// expected-error @+1 {{'builtin.module' op is a tfm.model but has no entry point @decode}}
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x100xf32>
}

// -----

// Entry points take tokens and a position first.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{'func.func' op entry point @prefill must take (tokens, position, caches...), got 1 arguments}}
  func.func private @prefill(tensor<1x?xi32>) -> tensor<1x?x100xf32>
  func.func private @decode(tensor<1x1xi32>, index) -> tensor<1x1x100xf32>
}

// -----

// @prefill takes a dynamic number of tokens.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{'func.func' op entry point @prefill expects its tokens as tensor<1x?xi32>, got 'tensor<1x16xi32>'}}
  func.func private @prefill(tensor<1x16xi32>, index) -> tensor<1x?x100xf32>
  func.func private @decode(tensor<1x1xi32>, index) -> tensor<1x1x100xf32>
}

// -----

// @decode takes exactly one token.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x100xf32>
  // expected-error @+1 {{'func.func' op entry point @decode expects its tokens as tensor<1x1xi32>, got 'tensor<1x?xi32>'}}
  func.func private @decode(tensor<1x?xi32>, index) -> tensor<1x1x100xf32>
}

// -----

// Token ids are i32.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{'func.func' op entry point @prefill expects its tokens as tensor<1x?xi32>, got 'tensor<1x?xi64>'}}
  func.func private @prefill(tensor<1x?xi64>, index) -> tensor<1x?x100xf32>
  func.func private @decode(tensor<1x1xi32>, index) -> tensor<1x1x100xf32>
}

// -----

// The position is an index.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x100xf32>
  // expected-error @+1 {{'func.func' op entry point @decode expects its position as index, got 'i64'}}
  func.func private @decode(tensor<1x1xi32>, i64) -> tensor<1x1x100xf32>
}

// -----

// Arguments after the position are KV-cache buffers.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{'func.func' op entry point @prefill argument 3 must be a !tfm.kv_cache, got 'tensor<4xf32>'}}
  func.func private @prefill(tensor<1x?xi32>, index, !tfm.kv_cache<2x?x64xf16>, tensor<4xf32>) -> tensor<1x?x100xf32>
  func.func private @decode(tensor<1x1xi32>, index, !tfm.kv_cache<2x?x64xf16>, tensor<4xf32>) -> tensor<1x1x100xf32>
}

// -----

// @prefill returns f32 logits for every token.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{'func.func' op entry point @prefill must return logits as tensor<1x?xVOCABxf32>}}
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x100xf16>
  func.func private @decode(tensor<1x1xi32>, index) -> tensor<1x1x100xf32>
}

// -----

// @decode returns logits for its one token, and only logits.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x100xf32>
  // expected-error @+1 {{'func.func' op entry point @decode must return logits as tensor<1x1xVOCABxf32>}}
  func.func private @decode(tensor<1x1xi32>, index) -> (tensor<1x1x100xf32>, index)
}

// -----

// Both entry points take the same KV-cache buffers.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index, !tfm.kv_cache<2x?x64xf16>) -> tensor<1x?x100xf32>
  // expected-error @+1 {{'func.func' op entry points @prefill and @decode must take the same KV-cache buffers (one ABI)}}
  func.func private @decode(tensor<1x1xi32>, index, !tfm.kv_cache<2x?x64xf32>) -> tensor<1x1x100xf32>
}

// -----

// Both entry points produce logits over the same vocabulary.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  func.func private @prefill(tensor<1x?xi32>, index) -> tensor<1x?x100xf32>
  // expected-error @+1 {{'func.func' op returns logits over 200 tokens but @prefill over 100}}
  func.func private @decode(tensor<1x1xi32>, index) -> tensor<1x1x200xf32>
}

// -----

// A concat that appends the weight to itself is a cycle.
// expected-error @+1 {{concat appends the weight to itself}}
tfm.weight @w : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.concat<dim = 0, weights = [@w]>]

// -----

// Huge slice offsets must not wrap around into a fitting slice.
// expected-error @+1 {{transform 0: slice [9223372036854775807, -9223372036854775808) of dim 0 does not fit its size 64}}
tfm.weight @w : tensor<1x64xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.slice<dim = 0, offset = 9223372036854775807, size = 1>]

// -----

// A reshape whose sizes overflow cannot match the element count by wrapping.
// expected-error @+1 {{reshape sizes must be >= 1 and their product fit 64 bits}}
tfm.weight @w : tensor<4611686018427387905x4x1024xf32> = #tfm.source<file = "m.gguf", tensor = "w", offset = 0, type = tensor<64x64xf32>> transforms [#tfm.reshape<[4611686018427387905, 4, 1024]>]


// -----

// num_heads x head_dim must not wrap around to match q's features.
func.func @f(%q: tensor<1x?x0xf32>, %k: tensor<1x?x0xf32>, %pos: index) {
  // expected-error @+1 {{head counts times head_dim overflow 64 bits}}
  %o = tfm.attention %q, %k, %k at %pos {num_heads = 4, num_kv_heads = 4, head_dim = 4611686018427387904, scale = 1.0} : tensor<1x?x0xf32>, tensor<1x?x0xf32>, tensor<1x?x0xf32> -> tensor<1x?x0xf32>
  return
}

// -----

// q, k and v share one element type.
func.func @f(%q: tensor<1x?x64xf32>, %k: tensor<1x?x64xf16>, %pos: index) {
  // expected-error @+1 {{expects q, k and v of one element type, got 'f32', 'f16' and 'f16'}}
  %o = tfm.attention %q, %k, %k at %pos {num_heads = 2, num_kv_heads = 2, head_dim = 32, scale = 1.0} : tensor<1x?x64xf32>, tensor<1x?x64xf16>, tensor<1x?x64xf16> -> tensor<1x?x64xf32>
  return
}

// -----

// Normalization needs to know how many features it averages.
func.func @f(%x: tensor<1x?x?xf32>, %w: tensor<?xf32>) {
  // expected-error @+1 {{expects a static number of features to normalize}}
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x?xf32>, tensor<?xf32>
  return
}

// -----

// Frequency factors belong to llama3 scaling only; yarn would drop them.
func.func @f(%x: tensor<1x?x64xf32>, %pos: index) {
  // expected-error @+1 {{low_freq_factor and high_freq_factor belong to llama3 RoPE scaling, not yarn}}
  %r = tfm.rope %x at %pos style = neox {head_dim = 64, theta = 10000.0, scaling = #tfm.rope_scaling<yarn, factor = 4.0, low_freq_factor = 1.0, original_context = 4096>} : tensor<1x?x64xf32>
  return
}

// -----

// The vocabulary of the logits is static.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{must return logits as tensor<1x?xVOCABxf32>}}
  func.func @prefill(%t: tensor<1x?xi32>, %p: index) -> tensor<1x?x?xf32> {
    %l = tensor.empty() : tensor<1x?x?xf32>
    return %l : tensor<1x?x?xf32>
  }
}

// -----

// Generic IR may omit an entry point's type: an error, not a crash.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  // expected-error @+1 {{entry point @prefill has no function_type}}
  "func.func"() ({}) {sym_name = "prefill"} : () -> ()
}

// -----

// Special token ids lie inside the vocabulary (-1 means none).
// expected-error @+1 {{tokenizer eos token 49152 is outside the vocabulary of 49152 (-1 means none)}}
module attributes {tfm.tokenizer = #tfm.tokenizer<source = "m.gguf", model = "gpt2", pre = "smollm", regexes = [], vocab_size = 49152, merges = 0, bos = 1, eos = 49152, unk = -1, pad = -1, add_bos = false, chat_template = "">} {
}

// -----

// The vocabulary's source file is named.
// expected-error @+1 {{tokenizer needs the source file of its vocabulary}}
module attributes {tfm.tokenizer = #tfm.tokenizer<source = "", model = "gpt2", pre = "", regexes = [], vocab_size = 10, merges = 0, bos = -1, eos = -1, unk = -1, pad = -1, add_bos = false, chat_template = "">} {
}

// -----

// Regexes are strings.
// expected-error @+1 {{tokenizer regexes must be strings, got 3}}
module attributes {tfm.tokenizer = #tfm.tokenizer<source = "t.json", model = "gpt2", pre = "", regexes = [3], vocab_size = 10, merges = 0, bos = -1, eos = -1, unk = -1, pad = -1, add_bos = false, chat_template = "">} {
}

// -----

// tfm.tokenizer holds a #tfm.tokenizer.
// expected-error @+1 {{'tfm.tokenizer' must be a #tfm.tokenizer attribute}}
module attributes {tfm.tokenizer = "gpt2"} {
}

// -----

// A tokenizer needs a kind and a vocabulary.
// expected-error @+1 {{tokenizer vocab_size must be >= 1, got 0}}
module attributes {tfm.tokenizer = #tfm.tokenizer<source = "t.json", model = "gpt2", pre = "", regexes = [], vocab_size = 0, merges = 0, bos = -1, eos = -1, unk = -1, pad = -1, add_bos = false, chat_template = "">} {
}

// -----

// One frequency divisor per rotated pair.
func.func @f(%x: tensor<1x?x64xf32>, %pos: index, %f: tensor<16xf32>) {
  // expected-error @+1 {{expects freq_factors as 8 floats (one per rotated pair), got 'tensor<16xf32>'}}
  %r = tfm.rope %x at %pos style = neox freq_factors(%f : tensor<16xf32>) {head_dim = 16, theta = 10000.0} : tensor<1x?x64xf32>
  return
}

// -----

// Baked-in frequency divisors and a scaling would scale twice.
func.func @f(%x: tensor<1x?x64xf32>, %pos: index, %f: tensor<8xf32>) {
  // expected-error @+1 {{takes freq_factors or a scaling, not both}}
  %r = tfm.rope %x at %pos style = neox freq_factors(%f : tensor<8xf32>) {head_dim = 16, theta = 10000.0, scaling = #tfm.rope_scaling<linear, factor = 2.0>} : tensor<1x?x64xf32>
  return
}

// -----

// Rows come out in the table's type or f32, not narrower.
func.func @f(%t: tensor<100x64xf32>, %ids: tensor<1x?xi32>) {
  // expected-error @+1 {{'tfm.embedding' op expects result 1x?x64xf32, got 'tensor<1x?x64xf16>'}}
  %h = tfm.embedding %t[%ids] : tensor<100x64xf32>, tensor<1x?xi32> -> tensor<1x?x64xf16>
  return
}

// -----

// A dispatch body takes its inputs as arguments.
func.func @f(%x: tensor<1x?x64xf32>) {
  // expected-error @+1 {{expects its body to take one argument per input, of the inputs' types}}
  %r = tfm.dispatch "add" (%x) : (tensor<1x?x64xf32>) -> tensor<1x?x64xf32> {
  ^bb0(%a: tensor<1x?x32xf32>):
    %s = tfm.add %x, %x : tensor<1x?x64xf32>
    tfm.dispatch_return %s : tensor<1x?x64xf32>
  }
  return
}

// -----

// A dispatch returns what its results declare.
func.func @f(%x: tensor<1x?x64xf32>) {
  // expected-error @+1 {{returns 2 values whose types differ from its 1 results}}
  %r = tfm.dispatch "add" (%x) : (tensor<1x?x64xf32>) -> tensor<1x?x64xf32> {
  ^bb0(%a: tensor<1x?x64xf32>):
    tfm.dispatch_return %a, %a : tensor<1x?x64xf32>, tensor<1x?x64xf32>
  }
  return
}

// -----

// A dispatch is named after what it fuses.
func.func @f(%x: tensor<1x?x64xf32>) {
  // expected-error @+1 {{expects a group name}}
  %r = tfm.dispatch "" (%x) : (tensor<1x?x64xf32>) -> tensor<1x?x64xf32> {
  ^bb0(%a: tensor<1x?x64xf32>):
    tfm.dispatch_return %a : tensor<1x?x64xf32>
  }
  return
}

// -----

// Relative entries need one offset per cache.
func.func @f(%q: tensor<1x?x64xf32>, %k: tensor<1x?x32xf32>, %p: index, %c: !tfm.kv_cache<4x?x16xf16>, %d: !tfm.kv_cache<4x8x16xf16>) {
  // expected-error @+1 {{expects one entry offset per cache (2), got 1}}
  %o = tfm.attention %q, %k, %k at %p caches(%c, %d : !tfm.kv_cache<4x?x16xf16>, !tfm.kv_cache<4x8x16xf16>) entry_offsets(%p) {head_dim = 16, num_heads = 4, num_kv_heads = 2, scale = 0.25, kv_buffer = array<i64: 0, 1>, kv_entry = array<i64: 0, 0>, policies = [#tfm.full, #tfm.streaming<sinks = 0, window = 8>]} : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return
}

// -----

// A workgroup id only exists in a dispatch split into workgroups.
func.func private @d() -> index attributes {tfm.dispatch = "x"} {
  // expected-error @+1 {{belongs in a dispatch function split into workgroups}}
  %wg = tfm.workgroup_id : index
  return %wg : index
}

// -----

// The workgroup count is a positive integer on a dispatch function.
// expected-error @+1 {{'tfm.workgroups' gives a dispatch function's workgroup count}}
func.func private @d() attributes {tfm.dispatch = "x", tfm.workgroups = 0 : i64} {
  return
}
