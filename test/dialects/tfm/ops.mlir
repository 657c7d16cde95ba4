// RUN: sinkc-opt --split-input-file %s | FileCheck %s
// RUN: sinkc-opt --split-input-file %s | sinkc-opt --split-input-file | FileCheck %s
// RUN: sinkc-opt --split-input-file --verify-roundtrip %s -o /dev/null

// Every GGUF block format round-trips as a tensor encoding (K-quants on 256-value blocks).
// CHECK-LABEL: func.func @gguf_formats
// CHECK-SAME: tensor<64x32xf32, #tfm.gguf<q4_0>>
// CHECK-SAME: tensor<64x64xf16, #tfm.gguf<q4_1>>
// CHECK-SAME: tensor<8x32xbf16, #tfm.gguf<q5_0>>
// CHECK-SAME: tensor<96xf32, #tfm.gguf<q5_1>>
// CHECK-SAME: tensor<2x3x128xf32, #tfm.gguf<q8_0>>
// CHECK-SAME: tensor<4x256xf32, #tfm.gguf<q4_k>>
// CHECK-SAME: tensor<4x512xf16, #tfm.gguf<q6_k>>
func.func @gguf_formats(%a: tensor<64x32xf32, #tfm.gguf<q4_0>>,
                        %b: tensor<64x64xf16, #tfm.gguf<q4_1>>,
                        %c: tensor<8x32xbf16, #tfm.gguf<q5_0>>,
                        %d: tensor<96xf32, #tfm.gguf<q5_1>>,
                        %e: tensor<2x3x128xf32, #tfm.gguf<q8_0>>,
                        %f: tensor<4x256xf32, #tfm.gguf<q4_k>>,
                        %g: tensor<4x512xf16, #tfm.gguf<q6_k>>) {
  return
}

// -----

// Group quantization: int4/int8, groups 32/64/128, both modes, f16 and f32 scales.
// CHECK-LABEL: func.func @group_quant_formats
// CHECK-SAME: tensor<16x32xf32, #tfm.group_quant<int4, group = 32, symmetric, scale = f16>>
// CHECK-SAME: tensor<16x64xf32, #tfm.group_quant<int8, group = 64, asymmetric, scale = f32>>
// CHECK-SAME: tensor<16x128xf16, #tfm.group_quant<int4, group = 128, asymmetric, scale = f16>>
// CHECK-SAME: tensor<256xbf16, #tfm.group_quant<int8, group = 128, symmetric, scale = f32>>
func.func @group_quant_formats(%a: tensor<16x32xf32, #tfm.group_quant<int4, group = 32, symmetric, scale = f16>>,
                               %b: tensor<16x64xf32, #tfm.group_quant<int8, group = 64, asymmetric, scale = f32>>,
                               %c: tensor<16x128xf16, #tfm.group_quant<int4, group = 128, asymmetric, scale = f16>>,
                               %d: tensor<256xbf16, #tfm.group_quant<int8, group = 128, symmetric, scale = f32>>) {
  return
}

// -----

// KV-cache buffers with dynamic slots (full policy) and static slots (streaming), every element type.
// CHECK-LABEL: func.func @kv_cache_types
// CHECK-SAME: !tfm.kv_cache<90x?x64xf16>
// CHECK-SAME: !tfm.kv_cache<30x256x64xf32>
// CHECK-SAME: !tfm.kv_cache<1x1x1xbf16>
func.func @kv_cache_types(%a: !tfm.kv_cache<90x?x64xf16>, %b: !tfm.kv_cache<30x256x64xf32>,
                          %c: !tfm.kv_cache<1x1x1xbf16>) {
  return
}

// -----

// A weight read as stored: #tfm.source with a quantized type and no transforms.
// CHECK-LABEL: tfm.weight @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> = #tfm.source<file = "smollm2.gguf", tensor = "blk.0.attn_q.weight", offset = 5376, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>{{$}}
// CHECK-LABEL: func.func @weight_ref
// CHECK: %[[W:.+]] = tfm.weight_ref @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
// CHECK: return %[[W]]
tfm.weight @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> =
    #tfm.source<file = "smollm2.gguf", tensor = "blk.0.attn_q.weight",
                offset = 5376, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
func.func @weight_ref() -> tensor<576x576xf32, #tfm.gguf<q4_1>> {
  %w = tfm.weight_ref @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
  return %w : tensor<576x576xf32, #tfm.gguf<q4_1>>
}

// -----

// Slice (rows of a quantized matrix, block-aligned columns) and transpose (unquantized) transforms.
// CHECK-LABEL: tfm.weight @q_head0 : tensor<64x576xf32, #tfm.gguf<q4_1>> =
// CHECK-SAME: transforms [#tfm.slice<dim = 0, offset = 64, size = 64>]
// CHECK-LABEL: tfm.weight @q_cols : tensor<576x64xf32, #tfm.gguf<q8_0>> =
// CHECK-SAME: transforms [#tfm.slice<dim = 1, offset = 32, size = 64>]
// CHECK-LABEL: tfm.weight @o_t : tensor<192x576xf32> =
// CHECK-SAME: type = tensor<576x192xf32>>
// CHECK-SAME: transforms [#tfm.transpose<[1, 0]>]
tfm.weight @q_head0 : tensor<64x576xf32, #tfm.gguf<q4_1>> =
    #tfm.source<file = "m.gguf", tensor = "q", offset = 0, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
    transforms [#tfm.slice<dim = 0, offset = 64, size = 64>]
tfm.weight @q_cols : tensor<576x64xf32, #tfm.gguf<q8_0>> =
    #tfm.source<file = "m.gguf", tensor = "q8", offset = 0, type = tensor<576x576xf32, #tfm.gguf<q8_0>>>
    transforms [#tfm.slice<dim = 1, offset = 32, size = 64>]
tfm.weight @o_t : tensor<192x576xf32> =
    #tfm.source<file = "m.gguf", tensor = "o", offset = 128, type = tensor<576x192xf32>>
    transforms [#tfm.transpose<[1, 0]>]

// -----

// Concat fuses Q, K and V: it appends other weights (after their own transforms) in order.
// CHECK-LABEL: tfm.weight @attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>
// CHECK-LABEL: tfm.weight @attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>>
// CHECK-LABEL: tfm.weight @attn_qkv : tensor<960x576xf32, #tfm.gguf<q4_1>> =
// CHECK-SAME: transforms [#tfm.concat<dim = 0, weights = [@attn_k, @attn_v]>]
tfm.weight @attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>> =
    #tfm.source<file = "m.gguf", tensor = "k", offset = 0, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
tfm.weight @attn_v : tensor<192x576xf32, #tfm.gguf<q4_1>> =
    #tfm.source<file = "m.gguf", tensor = "v", offset = 0, type = tensor<192x576xf32, #tfm.gguf<q4_1>>>
tfm.weight @attn_qkv : tensor<960x576xf32, #tfm.gguf<q4_1>> =
    #tfm.source<file = "m.gguf", tensor = "q", offset = 0, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
    transforms [#tfm.concat<dim = 0, weights = [@attn_k, @attn_v]>]

// -----

// Reshape, quantize (GGUF and group formats) and repack, alone and chained in order.
// CHECK-LABEL: tfm.weight @reshaped : tensor<9x64x576xf32> =
// CHECK-SAME: transforms [#tfm.reshape<[9, 64, 576]>]
// CHECK-LABEL: tfm.weight @requant : tensor<576x576xf32, #tfm.group_quant<int4, group = 64, asymmetric, scale = f16>> =
// CHECK-SAME: type = tensor<576x576xf32, #tfm.gguf<q8_0>>>
// CHECK-SAME: transforms [#tfm.quantize<#tfm.group_quant<int4, group = 64, asymmetric, scale = f16>>]
// CHECK-LABEL: tfm.weight @chain : tensor<576x1536xf32, #tfm.gguf<q4_k>> =
// CHECK-SAME: transforms [#tfm.transpose<[1, 0]>, #tfm.quantize<#tfm.gguf<q4_k>>, #tfm.repack<[16, 256]>]
tfm.weight @reshaped : tensor<9x64x576xf32> =
    #tfm.source<file = "m.gguf", tensor = "q", offset = 0, type = tensor<576x576xf32>>
    transforms [#tfm.reshape<[9, 64, 576]>]
tfm.weight @requant : tensor<576x576xf32, #tfm.group_quant<int4, group = 64, asymmetric, scale = f16>> =
    #tfm.source<file = "m.gguf", tensor = "q", offset = 0, type = tensor<576x576xf32, #tfm.gguf<q8_0>>>
    transforms [#tfm.quantize<#tfm.group_quant<int4, group = 64, asymmetric, scale = f16>>]
tfm.weight @chain : tensor<576x1536xf32, #tfm.gguf<q4_k>> =
    #tfm.source<file = "m.gguf", tensor = "down", offset = 4096, type = tensor<1536x576xf32>>
    transforms [#tfm.transpose<[1, 0]>, #tfm.quantize<#tfm.gguf<q4_k>>, #tfm.repack<[16, 256]>]

// -----

// Embedding lookup, linear with and without bias (quantized weight), lm_head with and without softcap.
// CHECK-LABEL: func.func @embedding_linear_lm_head
// CHECK-SAME: (%[[TABLE:.+]]: tensor<49152x576xf32>, %[[TOK:.+]]: tensor<1x?xi32>, %[[WQ:.+]]: tensor<192x576xf32, #tfm.gguf<q4_1>>, %[[WB:.+]]: tensor<896x576xf32>, %[[B:.+]]: tensor<896xf32>)
// CHECK: %[[H:.+]] = tfm.embedding %[[TABLE]][%[[TOK]]] : tensor<49152x576xf32>, tensor<1x?xi32> -> tensor<1x?x576xf32>
// CHECK: tfm.linear %[[H]], %[[WQ]] : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
// CHECK: tfm.linear %[[H]], %[[WB]] bias %[[B]] : tensor<1x?x576xf32>, tensor<896x576xf32>, tensor<896xf32> -> tensor<1x?x896xf32>
// CHECK: tfm.lm_head %[[H]], %[[TABLE]] : tensor<1x?x576xf32>, tensor<49152x576xf32> -> tensor<1x?x49152xf32>
// CHECK: tfm.lm_head %[[H]], %[[TABLE]] {softcap = 3.000000e+01 : f64} : tensor<1x?x576xf32>, tensor<49152x576xf32> -> tensor<1x?x49152xf32>
func.func @embedding_linear_lm_head(%table: tensor<49152x576xf32>, %tokens: tensor<1x?xi32>,
                                    %wq: tensor<192x576xf32, #tfm.gguf<q4_1>>,
                                    %wb: tensor<896x576xf32>, %b: tensor<896xf32>)
    -> (tensor<1x?x192xf32>, tensor<1x?x896xf32>, tensor<1x?x49152xf32>, tensor<1x?x49152xf32>) {
  %h = tfm.embedding %table[%tokens] : tensor<49152x576xf32>, tensor<1x?xi32> -> tensor<1x?x576xf32>
  %k = tfm.linear %h, %wq : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
  %q = tfm.linear %h, %wb bias %b : tensor<1x?x576xf32>, tensor<896x576xf32>, tensor<896xf32> -> tensor<1x?x896xf32>
  %l = tfm.lm_head %h, %table : tensor<1x?x576xf32>, tensor<49152x576xf32> -> tensor<1x?x49152xf32>
  %c = tfm.lm_head %h, %table {softcap = 30.0} : tensor<1x?x576xf32>, tensor<49152x576xf32> -> tensor<1x?x49152xf32>
  return %k, %q, %l, %c : tensor<1x?x192xf32>, tensor<1x?x896xf32>, tensor<1x?x49152xf32>, tensor<1x?x49152xf32>
}

// -----

// RMS and layer normalization keep operand order and epsilon.
// CHECK-LABEL: func.func @norms
// CHECK-SAME: (%[[X:.+]]: tensor<1x?x576xf32>, %[[W:.+]]: tensor<576xf32>, %[[B:.+]]: tensor<576xf32>)
// CHECK: %[[N:.+]] = tfm.rms_norm %[[X]], %[[W]] {epsilon = 1.000000e-05 : f64} : tensor<1x?x576xf32>, tensor<576xf32>
// CHECK: tfm.layer_norm %[[N]], %[[W]], %[[B]] {epsilon = 9.765625E-4 : f64} : tensor<1x?x576xf32>, tensor<576xf32>, tensor<576xf32>
func.func @norms(%x: tensor<1x?x576xf32>, %w: tensor<576xf32>, %b: tensor<576xf32>) -> tensor<1x?x576xf32> {
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x576xf32>, tensor<576xf32>
  %l = tfm.layer_norm %n, %w, %b {epsilon = 0.0009765625} : tensor<1x?x576xf32>, tensor<576xf32>, tensor<576xf32>
  return %l : tensor<1x?x576xf32>
}

// -----

// RoPE: both styles, and linear, llama3 and yarn frequency scaling.
// CHECK-LABEL: func.func @rope
// CHECK-SAME: (%[[X:.+]]: tensor<1x?x576xf32>, %[[P:.+]]: index)
// CHECK: %[[A:.+]] = tfm.rope %[[X]] at %[[P]] style = neox {head_dim = 64 : i64, theta = 1.000000e+05 : f64} : tensor<1x?x576xf32>
// CHECK: %[[B:.+]] = tfm.rope %[[A]] at %[[P]] style = interleaved {head_dim = 64 : i64, theta = 1.000000e+04 : f64} : tensor<1x?x576xf32>
// CHECK: %[[C:.+]] = tfm.rope %[[B]] at %[[P]] style = neox {head_dim = 64 : i64, scaling = #tfm.rope_scaling<linear, factor = 2.000000e+00>, theta = 1.000000e+04 : f64}
// CHECK: %[[D:.+]] = tfm.rope %[[C]] at %[[P]] style = neox {head_dim = 64 : i64, scaling = #tfm.rope_scaling<llama3, factor = 8.000000e+00, low_freq_factor = 1.000000e+00, high_freq_factor = 4.000000e+00, original_context = 8192>, theta = 5.000000e+05 : f64}
// CHECK: tfm.rope %[[D]] at %[[P]] style = interleaved {head_dim = 32 : i64, scaling = #tfm.rope_scaling<yarn, factor = 4.000000e+00, original_context = 4096>, theta = 1.000000e+06 : f64}
func.func @rope(%x: tensor<1x?x576xf32>, %p: index) -> tensor<1x?x576xf32> {
  %a = tfm.rope %x at %p style = neox {head_dim = 64, theta = 1.0e5} : tensor<1x?x576xf32>
  %b = tfm.rope %a at %p style = interleaved {head_dim = 64, theta = 1.0e4} : tensor<1x?x576xf32>
  %c = tfm.rope %b at %p style = neox {head_dim = 64, theta = 1.0e4,
         scaling = #tfm.rope_scaling<linear, factor = 2.0>} : tensor<1x?x576xf32>
  %d = tfm.rope %c at %p style = neox {head_dim = 64, theta = 5.0e5,
         scaling = #tfm.rope_scaling<llama3, factor = 8.0, low_freq_factor = 1.0,
                                     high_freq_factor = 4.0, original_context = 8192>} : tensor<1x?x576xf32>
  %e = tfm.rope %d at %p style = interleaved {head_dim = 32, theta = 1.0e6,
         scaling = #tfm.rope_scaling<yarn, factor = 4.0, original_context = 4096>} : tensor<1x?x576xf32>
  return %e : tensor<1x?x576xf32>
}

// -----

// Activations and the residual add: swiglu, exact and tanh GELU, add.
// CHECK-LABEL: func.func @activations
// CHECK-SAME: (%[[G:.+]]: tensor<1x?x1536xf32>, %[[U:.+]]: tensor<1x?x1536xf32>)
// CHECK: %[[S:.+]] = tfm.swiglu %[[G]], %[[U]] : tensor<1x?x1536xf32>
// CHECK: %[[E:.+]] = tfm.gelu %[[S]] approximation = none : tensor<1x?x1536xf32>
// CHECK: %[[T:.+]] = tfm.gelu %[[E]] approximation = tanh : tensor<1x?x1536xf32>
// CHECK: tfm.add %[[T]], %[[U]] : tensor<1x?x1536xf32>
func.func @activations(%gate: tensor<1x?x1536xf32>, %up: tensor<1x?x1536xf32>) -> tensor<1x?x1536xf32> {
  %s = tfm.swiglu %gate, %up : tensor<1x?x1536xf32>
  %e = tfm.gelu %s approximation = none : tensor<1x?x1536xf32>
  %t = tfm.gelu %e approximation = tanh : tensor<1x?x1536xf32>
  %r = tfm.add %t, %up : tensor<1x?x1536xf32>
  return %r : tensor<1x?x1536xf32>
}

// -----

// A decoder layer with its body and block-influence statistics; tfm.yield ends it.
// CHECK-LABEL: func.func @layer
// CHECK-SAME: (%[[H0:.+]]: tensor<1x?x576xf32>, %[[W:.+]]: tensor<576xf32>)
// CHECK: %[[H1:.+]] = tfm.layer 0 (%[[H0]] : tensor<1x?x576xf32>) {
// CHECK-NEXT: ^bb0(%[[X:.+]]: tensor<1x?x576xf32>):
// CHECK-NEXT: %[[N:.+]] = tfm.rms_norm %[[X]], %[[W]]
// CHECK-NEXT: %[[R:.+]] = tfm.add %[[X]], %[[N]] : tensor<1x?x576xf32>
// CHECK-NEXT: tfm.yield %[[R]] : tensor<1x?x576xf32>
// CHECK-NEXT: }
// CHECK: %[[H2:.+]] = tfm.layer 1 (%[[H1]] : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 3.100000e-02>} {
// CHECK: tfm.yield
// CHECK: return %[[H2]]
func.func @layer(%h0: tensor<1x?x576xf32>, %w: tensor<576xf32>) -> tensor<1x?x576xf32> {
  %h1 = tfm.layer 0 (%h0 : tensor<1x?x576xf32>) {
  ^bb0(%x: tensor<1x?x576xf32>):
    %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x576xf32>, tensor<576xf32>
    %r = tfm.add %x, %n : tensor<1x?x576xf32>
    tfm.yield %r : tensor<1x?x576xf32>
  }
  %h2 = tfm.layer 1 (%h1 : tensor<1x?x576xf32>) attributes {stats = #tfm.layer_stats<tokens = 4096, block_influence = 0.031>} {
  ^bb0(%x: tensor<1x?x576xf32>):
    %r = tfm.add %x, %x : tensor<1x?x576xf32>
    tfm.yield %r : tensor<1x?x576xf32>
  }
  return %h2 : tensor<1x?x576xf32>
}

// -----

// Attention without caches: bare GQA, causal = false, softcap, learned sinks and head statistics.
// CHECK-LABEL: func.func @attention_no_cache
// CHECK-SAME: (%[[Q:.+]]: tensor<1x?x576xf32>, %[[K:.+]]: tensor<1x?x192xf32>, %[[V:.+]]: tensor<1x?x192xf32>, %[[P:.+]]: index, %[[S:.+]]: tensor<9xf32>)
// CHECK: %[[A:.+]] = tfm.attention %[[Q]], %[[K]], %[[V]] at %[[P]] {head_dim = 64 : i64, num_heads = 9 : i64, num_kv_heads = 3 : i64, scale = 1.250000e-01 : f64} : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
// CHECK: %[[B:.+]] = tfm.attention %[[A]], %[[K]], %[[V]] at %[[P]] {causal = false, head_dim = 64 : i64, num_heads = 9 : i64, num_kv_heads = 3 : i64, scale = 1.250000e-01 : f64, softcap = 5.000000e+01 : f64}
// CHECK: tfm.attention %[[B]], %[[K]], %[[V]] at %[[P]] sink_logits(%[[S]] : tensor<9xf32>) {head_dim = 64 : i64, num_heads = 9 : i64, num_kv_heads = 3 : i64, scale = 1.250000e-01 : f64, stats = #tfm.head_stats<tokens = 4096, sink_mass = [9.000000e-01, 2.000000e-01, 0.000000e+00, 1.000000e+00, 5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01, 5.000000e-01], entropy = [4.000000e-01, 2.500000e+00, 0.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00]>}
func.func @attention_no_cache(%q: tensor<1x?x576xf32>, %k: tensor<1x?x192xf32>, %v: tensor<1x?x192xf32>,
                              %pos: index, %sinks: tensor<9xf32>) -> tensor<1x?x576xf32> {
  %a = tfm.attention %q, %k, %v at %pos {head_dim = 64, num_heads = 9, num_kv_heads = 3, scale = 0.125}
         : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
  %b = tfm.attention %a, %k, %v at %pos {causal = false, head_dim = 64, num_heads = 9, num_kv_heads = 3,
         scale = 0.125, softcap = 50.0}
         : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
  %c = tfm.attention %b, %k, %v at %pos sink_logits(%sinks : tensor<9xf32>) {head_dim = 64, num_heads = 9, num_kv_heads = 3,
         scale = 0.125, stats = #tfm.head_stats<tokens = 4096,
           sink_mass = [0.9, 0.2, 0.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5],
           entropy = [0.4, 2.5, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]>}
         : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
  return %c : tensor<1x?x576xf32>
}

// -----

// Head statistics with all three lists, and with only output_norm.
// CHECK-LABEL: func.func @head_stats
// CHECK: stats = #tfm.head_stats<tokens = 128, sink_mass = [2.500000e-01, 7.500000e-01], entropy = [1.000000e+00, 3.000000e+00], output_norm = [1.500000e+00, 0.000000e+00]>
// CHECK: stats = #tfm.head_stats<tokens = 1, output_norm = [2.000000e+00, 4.000000e+00]>
func.func @head_stats(%q: tensor<1x?x128xf32>, %pos: index) -> tensor<1x?x128xf32> {
  %a = tfm.attention %q, %q, %q at %pos {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125,
         stats = #tfm.head_stats<tokens = 128, sink_mass = [0.25, 0.75], entropy = [1.0, 3.0],
                                 output_norm = [1.5, 0.0]>}
         : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  %b = tfm.attention %a, %a, %a at %pos {head_dim = 64, num_heads = 2, num_kv_heads = 2, scale = 0.125,
         stats = #tfm.head_stats<output_norm = [2.0, 4.0], tokens = 1>}
         : tensor<1x?x128xf32>, tensor<1x?x128xf32>, tensor<1x?x128xf32> -> tensor<1x?x128xf32>
  return %b : tensor<1x?x128xf32>
}

// -----

// Routing: dense and top-k gates from tfm.route_heads feed tfm.attention's gates.
// CHECK-LABEL: func.func @route_heads_gates
// CHECK-SAME: (%[[X:.+]]: tensor<1x?x576xf32>, %[[R:.+]]: tensor<9x576xf32>, %[[P:.+]]: index)
// CHECK: %[[D:.+]] = tfm.route_heads %[[X]], %[[R]] : tensor<1x?x576xf32>, tensor<9x576xf32> -> tensor<1x?x9xf32>
// CHECK: %[[T:.+]] = tfm.route_heads %[[X]], %[[R]] {top_k = 4 : i64} : tensor<1x?x576xf32>, tensor<9x576xf32> -> tensor<1x?x9xf32>
// CHECK: %[[A:.+]] = tfm.attention %[[X]], %[[X]], %[[X]] at %[[P]] gates(%[[D]] : tensor<1x?x9xf32>) {head_dim = 64 : i64, num_heads = 9 : i64, num_kv_heads = 9 : i64, scale = 1.250000e-01 : f64}
// CHECK: tfm.attention %[[A]], %[[X]], %[[X]] at %[[P]] gates(%[[T]] : tensor<1x?x9xf32>) {
func.func @route_heads_gates(%x: tensor<1x?x576xf32>, %router: tensor<9x576xf32>, %pos: index) -> tensor<1x?x576xf32> {
  %dense = tfm.route_heads %x, %router : tensor<1x?x576xf32>, tensor<9x576xf32> -> tensor<1x?x9xf32>
  %topk = tfm.route_heads %x, %router {top_k = 4} : tensor<1x?x576xf32>, tensor<9x576xf32> -> tensor<1x?x9xf32>
  %a = tfm.attention %x, %x, %x at %pos gates(%dense : tensor<1x?x9xf32>)
         {head_dim = 64, num_heads = 9, num_kv_heads = 9, scale = 0.125}
         : tensor<1x?x576xf32>, tensor<1x?x576xf32>, tensor<1x?x576xf32> -> tensor<1x?x576xf32>
  %b = tfm.attention %a, %x, %x at %pos gates(%topk : tensor<1x?x9xf32>)
         {head_dim = 64, num_heads = 9, num_kv_heads = 9, scale = 0.125}
         : tensor<1x?x576xf32>, tensor<1x?x576xf32>, tensor<1x?x576xf32> -> tensor<1x?x576xf32>
  return %b : tensor<1x?x576xf32>
}

// -----

// Caches: full and streaming heads in two buffers, a pruned head, then gates and sinks together with caches.
// CHECK-LABEL: func.func @attention_caches
// CHECK-SAME: (%[[Q:.+]]: tensor<1x?x256xf32>, %[[K:.+]]: tensor<1x?x256xf32>, %[[P:.+]]: index, %[[KF:.+]]: !tfm.kv_cache<4x?x64xf16>, %[[KS:.+]]: !tfm.kv_cache<2x256x64xf16>, %[[G:.+]]: tensor<1x?x4xf32>, %[[S:.+]]: tensor<4xf32>)
// CHECK: %[[A:.+]] = tfm.attention %[[Q]], %[[K]], %[[K]] at %[[P]] caches(%[[KF]], %[[KS]] : !tfm.kv_cache<4x?x64xf16>, !tfm.kv_cache<2x256x64xf16>)
// CHECK-SAME: {head_dim = 64 : i64, kv_buffer = array<i64: 0, 1, -1, 0>, kv_entry = array<i64: 0, 0, 0, 1>, num_heads = 4 : i64, num_kv_heads = 4 : i64,
// CHECK-SAME: policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>, #tfm.pruned, #tfm.full], scale = 1.250000e-01 : f64}
// CHECK: tfm.attention %[[A]], %[[K]], %[[K]] at %[[P]] caches(%[[KS]], %[[KF]] : !tfm.kv_cache<2x256x64xf16>, !tfm.kv_cache<4x?x64xf16>) gates(%[[G]] : tensor<1x?x4xf32>) sink_logits(%[[S]] : tensor<4xf32>)
// CHECK-SAME: kv_buffer = array<i64: 1, 0, 0, 1>, kv_entry = array<i64: 2, 0, 1, 3>
// CHECK-SAME: policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>, #tfm.streaming<sinks = 4, window = 252>, #tfm.full]
func.func @attention_caches(%q: tensor<1x?x256xf32>, %k: tensor<1x?x256xf32>, %pos: index,
                            %kv_full: !tfm.kv_cache<4x?x64xf16>, %kv_stream: !tfm.kv_cache<2x256x64xf16>,
                            %gates: tensor<1x?x4xf32>, %sinks: tensor<4xf32>) -> tensor<1x?x256xf32> {
  %a = tfm.attention %q, %k, %k at %pos
         caches(%kv_full, %kv_stream : !tfm.kv_cache<4x?x64xf16>, !tfm.kv_cache<2x256x64xf16>)
         {head_dim = 64, num_heads = 4, num_kv_heads = 4, scale = 0.125,
          policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>, #tfm.pruned, #tfm.full],
          kv_buffer = array<i64: 0, 1, -1, 0>, kv_entry = array<i64: 0, 0, 0, 1>}
         : tensor<1x?x256xf32>, tensor<1x?x256xf32>, tensor<1x?x256xf32> -> tensor<1x?x256xf32>
  %b = tfm.attention %a, %k, %k at %pos
         caches(%kv_stream, %kv_full : !tfm.kv_cache<2x256x64xf16>, !tfm.kv_cache<4x?x64xf16>)
         gates(%gates : tensor<1x?x4xf32>) sink_logits(%sinks : tensor<4xf32>)
         {head_dim = 64, num_heads = 4, num_kv_heads = 4, scale = 0.125,
          policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>, #tfm.streaming<sinks = 4, window = 252>, #tfm.full],
          kv_buffer = array<i64: 1, 0, 0, 1>, kv_entry = array<i64: 2, 0, 1, 3>}
         : tensor<1x?x256xf32>, tensor<1x?x256xf32>, tensor<1x?x256xf32> -> tensor<1x?x256xf32>
  return %b : tensor<1x?x256xf32>
}

// -----

// A whole model: #tfm.model on the module, @prefill and @decode sharing one KV-cache ABI.
// CHECK-LABEL: module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>}
// CHECK: tfm.weight @token_embd : tensor<49152x576xf32, #tfm.gguf<q8_0>> = #tfm.source<file = "smollm2.gguf", tensor = "token_embd.weight", offset = 0, type = tensor<49152x576xf32, #tfm.gguf<q8_0>>>
// CHECK: func.func @prefill(%[[TOK:.+]]: tensor<1x?xi32>, %[[POS:.+]]: index, %[[KF:.+]]: !tfm.kv_cache<60x?x64xf16>, %[[KS:.+]]: !tfm.kv_cache<30x256x64xf16>) -> tensor<1x?x49152xf32>
// CHECK: %[[T:.+]] = tfm.weight_ref @token_embd : tensor<49152x576xf32, #tfm.gguf<q8_0>>
// CHECK: %[[H:.+]] = tfm.embedding %[[T]][%[[TOK]]] : tensor<49152x576xf32, #tfm.gguf<q8_0>>, tensor<1x?xi32> -> tensor<1x?x576xf32>
// CHECK: %[[O:.+]] = tfm.attention %[[H]], %{{.+}}, %{{.+}} at %[[POS]] caches(%[[KF]], %[[KS]] : !tfm.kv_cache<60x?x64xf16>, !tfm.kv_cache<30x256x64xf16>)
// CHECK-SAME: kv_buffer = array<i64: 0, 0, 1>, kv_entry = array<i64: 0, 1, 0>
// CHECK-SAME: policies = [#tfm.full, #tfm.full, #tfm.streaming<sinks = 4, window = 252>]
// CHECK: tfm.lm_head %[[O]], %[[T]] : tensor<1x?x576xf32>, tensor<49152x576xf32, #tfm.gguf<q8_0>> -> tensor<1x?x49152xf32>
// CHECK: func.func private @decode(tensor<1x1xi32>, index, !tfm.kv_cache<60x?x64xf16>, !tfm.kv_cache<30x256x64xf16>) -> tensor<1x1x49152xf32>
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>} {
  tfm.weight @token_embd : tensor<49152x576xf32, #tfm.gguf<q8_0>> =
      #tfm.source<file = "smollm2.gguf", tensor = "token_embd.weight", offset = 0,
                  type = tensor<49152x576xf32, #tfm.gguf<q8_0>>>
  tfm.weight @attn_k : tensor<192x576xf32> =
      #tfm.source<file = "smollm2.gguf", tensor = "blk.0.attn_k.weight", offset = 0,
                  type = tensor<192x576xf32>>
  func.func @prefill(%tokens: tensor<1x?xi32>, %pos: index, %kv_full: !tfm.kv_cache<60x?x64xf16>,
                     %kv_stream: !tfm.kv_cache<30x256x64xf16>) -> tensor<1x?x49152xf32> {
    %table = tfm.weight_ref @token_embd : tensor<49152x576xf32, #tfm.gguf<q8_0>>
    %h = tfm.embedding %table[%tokens] : tensor<49152x576xf32, #tfm.gguf<q8_0>>, tensor<1x?xi32> -> tensor<1x?x576xf32>
    %wk = tfm.weight_ref @attn_k : tensor<192x576xf32>
    %k = tfm.linear %h, %wk : tensor<1x?x576xf32>, tensor<192x576xf32> -> tensor<1x?x192xf32>
    %o = tfm.attention %h, %k, %k at %pos
           caches(%kv_full, %kv_stream : !tfm.kv_cache<60x?x64xf16>, !tfm.kv_cache<30x256x64xf16>)
           {head_dim = 64, kv_buffer = array<i64: 0, 0, 1>, kv_entry = array<i64: 0, 1, 0>,
            num_heads = 9, num_kv_heads = 3,
            policies = [#tfm.full, #tfm.full, #tfm.streaming<sinks = 4, window = 252>],
            scale = 0.125}
           : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
    %logits = tfm.lm_head %o, %table : tensor<1x?x576xf32>, tensor<49152x576xf32, #tfm.gguf<q8_0>> -> tensor<1x?x49152xf32>
    return %logits : tensor<1x?x49152xf32>
  }
  func.func private @decode(tensor<1x1xi32>, index, !tfm.kv_cache<60x?x64xf16>,
                            !tfm.kv_cache<30x256x64xf16>) -> tensor<1x1x49152xf32>
}

// -----

// The tokenizer by reference: kind, pre-tokenizer regexes, special ids and
// the chat template (quotes and newlines escaped) survive printing.
// CHECK: module attributes {tfm.tokenizer = #tfm.tokenizer<source = "SmolLM2.gguf", model = "gpt2", pre = "smollm", regexes = ["\\p{N}", "'s|'t|'re"], vocab_size = 49152, merges = 48900, bos = 1, eos = 2, unk = -1, pad = 2, add_bos = false, chat_template = "{% for m in messages %}\0A<\22x\22>{% endfor %}">}
module attributes {tfm.tokenizer = #tfm.tokenizer<source = "SmolLM2.gguf", model = "gpt2", pre = "smollm", regexes = ["\\p{N}", "'s|'t|'re"], vocab_size = 49152, merges = 48900, bos = 1, eos = 2, unk = -1, pad = 2, add_bos = false, chat_template = "{% for m in messages %}\n<\"x\">{% endfor %}">} {
}

// -----

// RoPE with per-frequency divisors (llama.cpp's rope_freqs tensor).
// CHECK-LABEL: func.func @rope_freq_factors
// CHECK: tfm.rope %{{.*}} at %{{.*}} style = interleaved freq_factors(%{{.*}} : tensor<8xf32>) {head_dim = 16 : i64, theta = 5.000000e+05 : f64} : tensor<1x?x64xf32>
func.func @rope_freq_factors(%x: tensor<1x?x64xf32>, %pos: index, %f: tensor<8xf32>) -> tensor<1x?x64xf32> {
  %r = tfm.rope %x at %pos style = interleaved freq_factors(%f : tensor<8xf32>) {head_dim = 16, theta = 500000.0} : tensor<1x?x64xf32>
  return %r : tensor<1x?x64xf32>
}

// -----

// An f16 table may produce f32 rows (widened as they are read).
// CHECK-LABEL: func.func @embedding_widens
// CHECK: tfm.embedding %{{.*}}[%{{.*}}] : tensor<100x64xf16>, tensor<1x?xi32> -> tensor<1x?x64xf32>
func.func @embedding_widens(%t: tensor<100x64xf16>, %ids: tensor<1x?xi32>) -> tensor<1x?x64xf32> {
  %h = tfm.embedding %t[%ids] : tensor<100x64xf16>, tensor<1x?xi32> -> tensor<1x?x64xf32>
  return %h : tensor<1x?x64xf32>
}

// -----

// A dispatch: isolated body, inputs as block arguments, results returned.
// CHECK-LABEL: func.func @dispatch
// CHECK: %[[R:.*]]:2 = tfm.dispatch "linear+add" (%arg0, %arg1) : (tensor<1x?x64xf32>, tensor<64x64xf32>) -> (tensor<1x?x64xf32>, tensor<1x?x64xf32>) {
// CHECK: ^bb0(%[[A:.*]]: tensor<1x?x64xf32>, %[[W:.*]]: tensor<64x64xf32>):
// CHECK: tfm.dispatch_return %{{.*}}, %{{.*}} : tensor<1x?x64xf32>, tensor<1x?x64xf32>
func.func @dispatch(%x: tensor<1x?x64xf32>, %w: tensor<64x64xf32>) -> tensor<1x?x64xf32> {
  %r:2 = tfm.dispatch "linear+add" (%x, %w) : (tensor<1x?x64xf32>, tensor<64x64xf32>) -> (tensor<1x?x64xf32>, tensor<1x?x64xf32>) {
  ^bb0(%a: tensor<1x?x64xf32>, %b: tensor<64x64xf32>):
    %l = tfm.linear %a, %b : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
    %s = tfm.add %a, %l : tensor<1x?x64xf32>
    tfm.dispatch_return %l, %s : tensor<1x?x64xf32>, tensor<1x?x64xf32>
  }
  return %r#1 : tensor<1x?x64xf32>
}

// -----

// Entries relative to a per-cache offset (how layers share one function).
// CHECK-LABEL: func.func @attention_entry_offsets
// CHECK: caches(%arg3 : !tfm.kv_cache<90x?x16xf16>) entry_offsets(%arg4)
// CHECK-SAME: kv_entry = array<i64: 0, 1>
func.func @attention_entry_offsets(%q: tensor<1x?x64xf32>, %k: tensor<1x?x32xf32>, %p: index, %c: !tfm.kv_cache<90x?x16xf16>, %base: index) -> tensor<1x?x64xf32> {
  %o = tfm.attention %q, %k, %k at %p caches(%c : !tfm.kv_cache<90x?x16xf16>) entry_offsets(%base) {head_dim = 16, num_heads = 4, num_kv_heads = 2, scale = 0.25, kv_buffer = array<i64: 0, 0>, kv_entry = array<i64: 0, 1>} : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}

// -----

// CHECK-LABEL: func.func private @tiled
// CHECK-SAME: tfm.workgroups = 2 : i64
// CHECK: tfm.workgroup_id : index
func.func private @tiled() -> index attributes {tfm.dispatch = "linear", tfm.workgroups = 2 : i64} {
  %wg = tfm.workgroup_id : index
  return %wg : index
}
