//===- TfmOps.td - operations of tfm -----------------------*- tablegen -*-===//

#ifndef SINKC_DIALECT_TFM_TFMOPS_TD
#define SINKC_DIALECT_TFM_TFMOPS_TD

include "sinkc/Dialect/Tfm/TfmBase.td"
include "sinkc/Dialect/Tfm/TfmAttrs.td"
include "sinkc/Dialect/Tfm/TfmTypes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Weights
//===----------------------------------------------------------------------===//

def Tfm_WeightOp : Tfm_Op<"weight", [Symbol,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a model weight, by reference to the file that holds it";
  let description = [{
    Declares the weight |sym_name| of type |type|: the stored tensor named by
    |source| with the ordered |transforms| applied (slice, concat, transpose,
    reshape, quantize, repack). The IR never holds weight bytes; the package
    writer produces them once. |type| must be what the transforms make of the
    source type.

    ```mlir
    tfm.weight @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>> =
        #tfm.source<file = "smollm2.gguf", tensor = "blk.0.attn_q.weight",
                    offset = 5376, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
    tfm.weight @blk.0.attn_q_head0 : tensor<64x576xf32, #tfm.gguf<q4_1>> =
        #tfm.source<file = "smollm2.gguf", tensor = "blk.0.attn_q.weight",
                    offset = 5376, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
        transforms [#tfm.slice<dim = 0, offset = 0, size = 64>]
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttrOf<AnyRankedTensor>:$type,
                       Tfm_WeightSourceAttr:$source,
                       OptionalAttr<ArrayAttr>:$transforms);
  let assemblyFormat = [{
    $sym_name `:` $type `=` qualified($source) (`transforms` $transforms^)? attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::RankedTensorType getTensorType() {
      return ::llvm::cast<::mlir::RankedTensorType>(getType());
    }
  }];
}

def Tfm_WeightRefOp : Tfm_Op<"weight_ref", [Pure,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the value of a `tfm.weight` as a tensor";
  let description = [{
    Reads the weight |weight|; the result type must equal the weight's type.

    ```mlir
    %w = tfm.weight_ref @blk.0.attn_q : tensor<576x576xf32, #tfm.gguf<q4_1>>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$weight);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$weight attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Elementwise and normalization
//===----------------------------------------------------------------------===//

def Tfm_EmbeddingOp : Tfm_Op<"embedding", [Pure]> {
  let summary = "token embedding lookup";
  let description = [{
    Gathers rows of |table| (vocab x hidden) for the token ids |tokens|
    (batch x tokens, i32), dequantized; rows come out in the table's element
    type or f32.

    ```mlir
    %h = tfm.embedding %table[%tokens] : tensor<49152x576xf32>, tensor<1x?xi32> -> tensor<1x?x576xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$table, AnyRankedTensor:$tokens);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $table `[` $tokens `]` attr-dict `:` type($table) `,` type($tokens) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Tfm_LinearOp : Tfm_Op<"linear", [Pure]> {
  let summary = "x times a weight matrix transposed, plus an optional bias";
  let description = [{
    |input| (batch x tokens x in) times |weight| (out x in, the layout of GGUF
    and Hugging Face checkpoints) transposed, plus |bias| (out) when present.
    The weight may carry a quantized encoding; it stays quantized.

    ```mlir
    %k = tfm.linear %x, %wk : tensor<1x?x576xf32>, tensor<192x576xf32, #tfm.gguf<q4_1>> -> tensor<1x?x192xf32>
    %q = tfm.linear %x, %wq bias %bq : tensor<1x?x896xf32>, tensor<896x896xf32>, tensor<896xf32> -> tensor<1x?x896xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                       Optional<AnyRankedTensor>:$bias);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` $bias^)? attr-dict `:` type($input) `,` type($weight)
    (`,` type($bias)^)? `->` type($result)
  }];
  let hasVerifier = 1;
}

def Tfm_RMSNormOp : Tfm_Op<"rms_norm", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "RMS normalization over the last dimension, scaled by a weight";
  let description = [{
    `y = x / sqrt(mean(x^2) + epsilon) * weight` along the last dimension of
    |input|; |weight| has that dimension's size.

    ```mlir
    %n = tfm.rms_norm %x, %w {epsilon = 1.000000e-05} : tensor<1x?x576xf32>, tensor<576xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight, F64Attr:$epsilon);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `,` $weight attr-dict `:` type($input) `,` type($weight)";
  let hasVerifier = 1;
}

def Tfm_LayerNormOp : Tfm_Op<"layer_norm", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "layer normalization over the last dimension";
  let description = [{
    `y = (x - mean) / sqrt(var + epsilon) * weight + bias` along the last
    dimension of |input|.

    ```mlir
    %n = tfm.layer_norm %x, %w, %b {epsilon = 1.000000e-05} : tensor<1x?x576xf32>, tensor<576xf32>, tensor<576xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                       AnyRankedTensor:$bias, F64Attr:$epsilon);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` type($input) `,` type($weight) `,` type($bias)
  }];
  let hasVerifier = 1;
}

def Tfm_RopeOp : Tfm_Op<"rope", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "rotary position embedding of each head";
  let description = [{
    Rotates each |head_dim|-sized head of |input| by the angle of its token's
    position (|position| + token index) with base |theta|. `neox` rotates
    dimension i with i + head_dim/2 (Hugging Face rotate-half); `interleaved`
    rotates pairs (2i, 2i+1) (llama.cpp's permuted GGUF `llama` weights).
    |scaling| adjusts the frequencies for long contexts; |freq_factors|
    (head_dim / 2 values, llama.cpp's `rope_freqs` tensor, e.g. Llama 3.1's
    scaling baked into a GGUF) divides each frequency instead.

    ```mlir
    %q = tfm.rope %x at %pos style = neox {head_dim = 64, theta = 1.000000e+05} : tensor<1x?x576xf32>
    %k = tfm.rope %x at %pos style = interleaved freq_factors(%f : tensor<32xf32>) {head_dim = 64, theta = 5.000000e+05} : tensor<1x?x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, Index:$position,
                       Optional<AnyRankedTensor>:$freq_factors, Tfm_RopeStyle:$style,
                       Tfm_I64Attr:$head_dim, F64Attr:$theta,
                       OptionalAttr<Tfm_RopeScalingAttr>:$scaling);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `at` $position `style` `=` $style
    (`freq_factors` `(` $freq_factors^ `:` type($freq_factors) `)`)? attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Tfm_SwiGLUOp : Tfm_Op<"swiglu", [Pure, SameOperandsAndResultType]> {
  let summary = "silu(gate) * up";
  let description = [{
    The gated activation of Llama's MLP: `silu(|gate|) * |up|`.

    ```mlir
    %a = tfm.swiglu %gate, %up : tensor<1x?x1536xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$gate, AnyRankedTensor:$up);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$gate `,` $up attr-dict `:` type($result)";
}

def Tfm_GeluOp : Tfm_Op<"gelu", [Pure, SameOperandsAndResultType]> {
  let summary = "GELU activation, exact or tanh-approximated";
  let description = [{
    ```mlir
    %a = tfm.gelu %x approximation = tanh : tensor<1x?x3072xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, Tfm_GeluApproximation:$approximation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `approximation` `=` $approximation attr-dict `:` type($result)";
}

def Tfm_AddOp : Tfm_Op<"add", [Pure, Commutative, SameOperandsAndResultType]> {
  let summary = "elementwise sum (residual connections)";
  let description = [{
    ```mlir
    %r = tfm.add %x, %attn : tensor<1x?x576xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
}

def Tfm_LMHeadOp : Tfm_Op<"lm_head", [Pure]> {
  let summary = "vocabulary logits from the final hidden state";
  let description = [{
    |input| (batch x tokens x hidden) times |weight| (vocab x hidden)
    transposed, as f32 logits; with |softcap| c, logits become
    `c * tanh(logits / c)` (Gemma 2). A tied model passes the embedding
    table as |weight|.

    ```mlir
    %logits = tfm.lm_head %h, %table : tensor<1x?x576xf32>, tensor<49152x576xf32> -> tensor<1x?x49152xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                       OptionalAttr<F64Attr>:$softcap);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` type($input) `,` type($weight) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Decoder block
//===----------------------------------------------------------------------===//

def Tfm_LayerOp : Tfm_Op<"layer", [SingleBlock, RecursiveMemoryEffects,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "one decoder block, residual included";
  let description = [{
    The block |index| of the model: its region receives the residual stream
    |input| as its argument and yields the stream after the block. Layer
    pruning replaces a layer by its input; calibration records its block
    influence in |stats|. A layer whose body yields its argument folds away.

    ```mlir
    %h1 = tfm.layer 0 (%h0 : tensor<1x?x576xf32>) {
    ^bb0(%x: tensor<1x?x576xf32>):
      %n = tfm.rms_norm %x, %w {epsilon = 1.000000e-05} : tensor<1x?x576xf32>, tensor<576xf32>
      %r = tfm.add %x, %n : tensor<1x?x576xf32>
      tfm.yield %r : tensor<1x?x576xf32>
    }
    ```
  }];
  let arguments = (ins Tfm_I64Attr:$index, AnyRankedTensor:$input,
                       OptionalAttr<Tfm_LayerStatsAttr>:$stats);
  let results = (outs AnyRankedTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let builders = [
    // Creates the body block, whose argument is the residual stream; the
    // caller fills it and ends it with tfm.yield.
    OpBuilder<(ins "int64_t":$index, "::mlir::Value":$input)>
  ];
  let assemblyFormat = "$index ` ` `(` $input `:` type($input) `)` attr-dict-with-keyword $body";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Tfm_YieldOp : Tfm_Op<"yield", [Pure, Terminator, ReturnLike, HasParent<"LayerOp">]> {
  let summary = "ends a `tfm.layer`, giving the residual stream after it";
  let description = [{
    ```mlir
    tfm.yield %r : tensor<1x?x576xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// Attention and routing
//===----------------------------------------------------------------------===//

def Tfm_AttentionOp : Tfm_Op<"attention", [AttrSizedOperandSegments]> {
  let summary = "grouped-query attention with sinks, windows and head policies";
  let description = [{
    Causal grouped-query attention: |num_heads| query heads share
    |num_kv_heads| key/value heads, each of |head_dim| values; |q| has
    num_heads x head_dim features, |k| and |v| num_kv_heads x head_dim. The
    tokens sit at positions |position| + i. Scores are `scale * q.k`, capped
    to `softcap * tanh(s / softcap)` when |softcap| is set.

    With |caches| the op first appends the new keys and values to the cache
    (in place) and then attends over everything the cache holds for each
    kv-head; without caches it attends over |k| and |v| alone. Head h of
    layer reads cache operand `kv_buffer[h]`, entry `kv_entry[h]`, plus
    `entry_offsets[kv_buffer[h]]` when |entry_offsets| (one per cache) are
    given: that is how layers share one outlined attention function.

    Sink semantics:
    - |policies| (one per kv-head; absent means all `full`): `#tfm.full`
      keeps every position; `#tfm.streaming<sinks = s, window = w>` keeps the
      first s positions plus the last w (StreamingLLM; s = 0 is a plain
      sliding window); `#tfm.pruned` drops the head (output zero, no cache,
      kv_buffer = -1). Heads sharing a buffer share a policy.
    - |sink_logits| (optional, one per query head, gpt-oss): an extra logit
      that joins the softmax denominator and has no value row,
      `w_ij = exp(z_ij) / (exp(s_h) + sum_j exp(z_ij))`.
    - |gates| (optional, batch x tokens x num_heads from `tfm.route_heads`):
      each head's output is scaled by its gate.

    ```mlir
    %o = tfm.attention %q, %k, %v at %pos
           caches(%kv_full, %kv_stream : !tfm.kv_cache<60x?x64xf16>, !tfm.kv_cache<30x256x64xf16>)
           {head_dim = 64, kv_buffer = array<i64: 0, 0, 1>, kv_entry = array<i64: 0, 1, 0>,
            num_heads = 9, num_kv_heads = 3,
            policies = [#tfm.full, #tfm.full, #tfm.streaming<sinks = 4, window = 252>],
            scale = 1.250000e-01}
           : tensor<1x?x576xf32>, tensor<1x?x192xf32>, tensor<1x?x192xf32> -> tensor<1x?x576xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$q, AnyRankedTensor:$k, AnyRankedTensor:$v,
                       Index:$position,
                       Arg<Variadic<Tfm_KVCacheType>, "KV-cache buffers",
                           [MemRead, MemWrite]>:$caches,
                       Variadic<Index>:$entry_offsets,
                       Optional<AnyRankedTensor>:$gates,
                       Optional<AnyRankedTensor>:$sink_logits,
                       Tfm_I64Attr:$num_heads, Tfm_I64Attr:$num_kv_heads, Tfm_I64Attr:$head_dim,
                       F64Attr:$scale,
                       DefaultValuedAttr<BoolAttr, "true">:$causal,
                       OptionalAttr<F64Attr>:$softcap,
                       OptionalAttr<ArrayAttr>:$policies,
                       OptionalAttr<DenseI64ArrayAttr>:$kv_buffer,
                       OptionalAttr<DenseI64ArrayAttr>:$kv_entry,
                       OptionalAttr<Tfm_HeadStatsAttr>:$stats);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $q `,` $k `,` $v `at` $position
    (`caches` `(` $caches^ `:` type($caches) `)`)?
    (`entry_offsets` `(` $entry_offsets^ `)`)?
    (`gates` `(` $gates^ `:` type($gates) `)`)?
    (`sink_logits` `(` $sink_logits^ `:` type($sink_logits) `)`)?
    attr-dict `:` type($q) `,` type($k) `,` type($v) `->` type($result)
  }];
  let builders = [
    // Scale 1/sqrt(head_dim), causal, result of q's type. With caches, each
    // kv-head h reads caches[kvBuffer[h]] at entry kvEntry[h]; `policies`
    // empty means all full.
    OpBuilder<(ins "::mlir::Value":$q, "::mlir::Value":$k, "::mlir::Value":$v,
                   "::mlir::Value":$position, "int64_t":$numHeads,
                   "int64_t":$numKvHeads, "int64_t":$headDim,
                   CArg<"::mlir::ValueRange", "{}">:$caches,
                   CArg<"::llvm::ArrayRef<::mlir::Attribute>", "{}">:$policies,
                   CArg<"::llvm::ArrayRef<int64_t>", "{}">:$kvBuffer,
                   CArg<"::llvm::ArrayRef<int64_t>", "{}">:$kvEntry)>
  ];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The policy of kv-head `kvHead` (`#tfm.full` when |policies| is absent).
    HeadPolicyAttrInterface getPolicy(int64_t kvHead);
  }];
}

def Tfm_RouteHeadsOp : Tfm_Op<"route_heads", [Pure]> {
  let summary = "per-head gates from the hidden state (mixture of heads)";
  let description = [{
    A router |weight| (num_heads x hidden) scores each head for each token of
    |input|. Dense routing (no |top_k|) gives `sigmoid(score)` per head; with
    |top_k| k, the k best heads get the softmax of their scores and the rest
    0. `tfm.attention` consumes the gates.

    ```mlir
    %g = tfm.route_heads %x, %router {top_k = 4} : tensor<1x?x576xf32>, tensor<9x576xf32> -> tensor<1x?x9xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                       OptionalAttr<Tfm_I64Attr>:$top_k);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` type($input) `,` type($weight) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Dispatch groups
//===----------------------------------------------------------------------===//

def Tfm_DispatchOp : Tfm_Op<"dispatch", [IsolatedFromAbove, RecursiveMemoryEffects]> {
  let summary = "a fused group of ops that runs as one dispatch";
  let description = [{
    The unit the lowering schedules on every target (a CPU thread-pool job,
    a GPU grid): its body computes |results| from |inputs| only (the region
    is isolated from above). |group| names what it fuses, e.g.
    `rms_norm+linear+rope`. `tfm-form-dispatches` creates these.

    ```mlir
    %q, %k = tfm.dispatch "rms_norm+linear+rope" (%x, %wq, %wk, %pos)
        : (tensor<1x?x576xf32>, tensor<576x576xf32>, tensor<192x576xf32>, index)
        -> (tensor<1x?x576xf32>, tensor<1x?x192xf32>) {
    ^bb0(%a: tensor<1x?x576xf32>, %b: tensor<576x576xf32>, %c: tensor<192x576xf32>, %p: index):
      ...
      tfm.dispatch_return %qr, %kr : tensor<1x?x576xf32>, tensor<1x?x192xf32>
    }
    ```
  }];
  let arguments = (ins StrAttr:$group, Variadic<AnyType>:$inputs);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $group ` ` `(` $inputs `)` attr-dict `:` functional-type($inputs, $results) $body
  }];
  let hasVerifier = 1;
}

def Tfm_DispatchReturnOp : Tfm_Op<"dispatch_return",
    [Pure, Terminator, ReturnLike, HasParent<"DispatchOp">]> {
  let summary = "ends a `tfm.dispatch`, giving its results";
  let description = [{
    ```mlir
    tfm.dispatch_return %a, %b : tensor<1x?x576xf32>, tensor<1x?x192xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

def Tfm_WorkgroupIdOp : Tfm_Op<"workgroup_id", [Pure]> {
  let summary = "which workgroup of a tiled dispatch function this is";
  let description = [{
    Inside a dispatch function that `tfm-tile-dispatches` split into
    |count| workgroups (its `tfm.workgroups` attribute), the index in
    [0, count) of the instance running: the runtime's thread pool (or a GPU
    grid) runs every workgroup of a step, each writing its own part of the
    results. The kernel ABI lowering replaces it by its workgroup argument.

    ```mlir
    %wg = tfm.workgroup_id : index
    ```
  }];
  let results = (outs Index:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
  let hasVerifier = 1;
}

#endif // SINKC_DIALECT_TFM_TFMOPS_TD
