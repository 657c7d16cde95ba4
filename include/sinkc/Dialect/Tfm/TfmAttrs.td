//===- TfmAttrs.td - attributes and enums of tfm -----------*- tablegen -*-===//

#ifndef SINKC_DIALECT_TFM_TFMATTRS_TD
#define SINKC_DIALECT_TFM_TFMATTRS_TD

include "sinkc/Dialect/Tfm/TfmBase.td"
include "sinkc/Dialect/Tfm/TfmInterfaces.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/TensorEncoding.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Tfm_GgufFormat : I32EnumAttr<"GgufFormat", "GGUF block quantization format", [
    I32EnumAttrCase<"Q4_0", 0, "q4_0">, I32EnumAttrCase<"Q4_1", 1, "q4_1">,
    I32EnumAttrCase<"Q5_0", 2, "q5_0">, I32EnumAttrCase<"Q5_1", 3, "q5_1">,
    I32EnumAttrCase<"Q8_0", 4, "q8_0">, I32EnumAttrCase<"Q4_K", 5, "q4_k">,
    I32EnumAttrCase<"Q6_K", 6, "q6_k">]> {
  let cppNamespace = "::sinkc::tfm";
  let genSpecializedAttr = 0;
}

def Tfm_GroupBits : I32EnumAttr<"GroupBits", "bits per value of a group format", [
    I32EnumAttrCase<"Int4", 4, "int4">, I32EnumAttrCase<"Int8", 8, "int8">]> {
  let cppNamespace = "::sinkc::tfm";
  let genSpecializedAttr = 0;
}

def Tfm_GroupMode : I32EnumAttr<"GroupMode", "how a group's values map to reals", [
    I32EnumAttrCase<"Symmetric", 0, "symmetric">,
    I32EnumAttrCase<"Asymmetric", 1, "asymmetric">]> {
  let cppNamespace = "::sinkc::tfm";
  let genSpecializedAttr = 0;
}

def Tfm_RopeScalingKind : I32EnumAttr<"RopeScalingKind", "RoPE frequency scaling", [
    I32EnumAttrCase<"Linear", 0, "linear">, I32EnumAttrCase<"Llama3", 1, "llama3">,
    I32EnumAttrCase<"Yarn", 2, "yarn">]> {
  let cppNamespace = "::sinkc::tfm";
  let genSpecializedAttr = 0;
}

def Tfm_RopeStyle : I32EnumAttr<"RopeStyle", "which dimensions RoPE rotates together", [
    I32EnumAttrCase<"Neox", 0, "neox">,
    I32EnumAttrCase<"Interleaved", 1, "interleaved">]> {
  let cppNamespace = "::sinkc::tfm";
}

def Tfm_GeluApproximation : I32EnumAttr<"GeluApproximation", "GELU variant", [
    I32EnumAttrCase<"None", 0, "none">, I32EnumAttrCase<"Tanh", 1, "tanh">]> {
  let cppNamespace = "::sinkc::tfm";
}

//===----------------------------------------------------------------------===//
// Quantized tensor encodings
//===----------------------------------------------------------------------===//

def Tfm_GgufQuantAttr : Tfm_Attr<"GgufQuant", "gguf", [
    DeclareAttrInterfaceMethods<Tfm_QuantEncodingAttrInterface>,
    DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let summary = "a GGUF block quantization format as a tensor encoding";
  let description = [{
    Marks a tensor as stored in one of llama.cpp's block formats. The element
    type is what the values dequantize to; the innermost dimension must be a
    multiple of the block size (32, or 256 for the K-quants).

    ```mlir
    tensor<576x576xf32, #tfm.gguf<q4_1>>
    ```
  }];
  let parameters = (ins EnumParameter<Tfm_GgufFormat>:$format);
  let assemblyFormat = "`<` $format `>`";
}

def Tfm_GroupQuantAttr : Tfm_Attr<"GroupQuant", "group_quant", [
    DeclareAttrInterfaceMethods<Tfm_QuantEncodingAttrInterface>,
    DeclareAttrInterfaceMethods<VerifiableTensorEncoding>]> {
  let summary = "sinkc's int4/int8 group quantization as a tensor encoding";
  let description = [{
    Values in groups of `group` along the innermost dimension share a scale
    (and, when asymmetric, a minimum) stored as `scale` (f16 or f32). Groups
    are 32, 64 or 128 values.

    ```mlir
    tensor<1536x576xf32, #tfm.group_quant<int4, group = 64, asymmetric, scale = f16>>
    ```
  }];
  let parameters = (ins EnumParameter<Tfm_GroupBits>:$bits, "int64_t":$group_size,
                        EnumParameter<Tfm_GroupMode>:$mode, "::mlir::Type":$scale_type);
  let assemblyFormat = [{
    `<` $bits `,` `group` `=` $group_size `,` $mode `,` `scale` `=` $scale_type `>`
  }];
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Per-kv-head cache policies
//===----------------------------------------------------------------------===//

def Tfm_FullPolicyAttr : Tfm_Attr<"FullPolicy", "full", [
    DeclareAttrInterfaceMethods<Tfm_HeadPolicyAttrInterface>]> {
  let summary = "a kv-head that keeps every position in the cache";
  let description = [{
    ```mlir
    policies = [#tfm.full, #tfm.full, #tfm.full]
    ```
  }];
}

def Tfm_StreamingPolicyAttr : Tfm_Attr<"StreamingPolicy", "streaming", [
    DeclareAttrInterfaceMethods<Tfm_HeadPolicyAttrInterface>]> {
  let summary = "a kv-head that keeps sink tokens plus a sliding window";
  let description = [{
    StreamingLLM: the first `sinks` positions stay in the cache for ever, the
    rest is a ring of the last `window` positions. `sinks = 0` is a plain
    sliding window (Mistral).

    ```mlir
    #tfm.streaming<sinks = 4, window = 252>
    ```
  }];
  let parameters = (ins "int64_t":$sinks, "int64_t":$window);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Tfm_PrunedPolicyAttr : Tfm_Attr<"PrunedPolicy", "pruned", [
    DeclareAttrInterfaceMethods<Tfm_HeadPolicyAttrInterface>]> {
  let summary = "a kv-head removed from attention; it has no cache";
  let description = [{
    Its query heads output zero; its cache binding is `kv_buffer = -1`.

    ```mlir
    policies = [#tfm.pruned, #tfm.full, #tfm.full]
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Weights: source reference and transforms
//===----------------------------------------------------------------------===//

def Tfm_WeightSourceAttr : Tfm_Attr<"WeightSource", "source"> {
  let summary = "where a weight's bytes are: file, tensor, offset, stored type";
  let description = [{
    The stored tensor as the file has it: its byte `offset` in `file`, its
    name there, and its type (shape, element type, and for quantized data the
    encoding).

    ```mlir
    #tfm.source<file = "smollm2.gguf", tensor = "blk.0.attn_q.weight",
                offset = 5376, type = tensor<576x576xf32, #tfm.gguf<q4_1>>>
    ```
  }];
  let parameters = (ins StringRefParameter<"file path">:$file,
                        StringRefParameter<"tensor name in the file">:$tensor,
                        "int64_t":$offset, "::mlir::RankedTensorType":$type);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Tfm_SliceAttr : Tfm_Attr<"Slice", "slice", [
    DeclareAttrInterfaceMethods<Tfm_WeightTransformAttrInterface>]> {
  let summary = "weight transform: keep `size` entries of `dim` from `offset`";
  let description = [{
    On a quantized dimension the offset must fall on a block boundary.

    ```mlir
    #tfm.slice<dim = 0, offset = 128, size = 64>
    ```
  }];
  let parameters = (ins "int64_t":$dim, "int64_t":$offset, "int64_t":$size);
  let assemblyFormat = "`<` struct(params) `>`";
}

def Tfm_ConcatAttr : Tfm_Attr<"Concat", "concat", [
    DeclareAttrInterfaceMethods<Tfm_WeightTransformAttrInterface>]> {
  let summary = "weight transform: append other weights along `dim`";
  let description = [{
    Appends the named `tfm.weight`s (after their own transforms) along `dim`,
    e.g. to fuse Q, K and V projections into one matrix.

    ```mlir
    #tfm.concat<dim = 0, weights = [@blk.0.attn_k, @blk.0.attn_v]>
    ```
  }];
  let parameters = (ins "int64_t":$dim, "::mlir::ArrayAttr":$weights);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Tfm_TransposeAttr : Tfm_Attr<"Transpose", "transpose", [
    DeclareAttrInterfaceMethods<Tfm_WeightTransformAttrInterface>]> {
  let summary = "weight transform: permute dimensions";
  let description = [{
    A quantized tensor must keep its innermost dimension (blocks run along it).

    ```mlir
    #tfm.transpose<[1, 0]>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t">:$permutation);
  let assemblyFormat = "`<` `[` $permutation `]` `>`";
  let genVerifyDecl = 1;
}

def Tfm_ReshapeAttr : Tfm_Attr<"Reshape", "reshape", [
    DeclareAttrInterfaceMethods<Tfm_WeightTransformAttrInterface>]> {
  let summary = "weight transform: reinterpret as another shape of equal size";
  let description = [{
    ```mlir
    #tfm.reshape<[9, 64, 576]>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t">:$shape);
  let assemblyFormat = "`<` `[` $shape `]` `>`";
  let genVerifyDecl = 1;
}

def Tfm_QuantizeAttr : Tfm_Attr<"Quantize", "quantize", [
    DeclareAttrInterfaceMethods<Tfm_WeightTransformAttrInterface>]> {
  let summary = "weight transform: (re)quantize to an encoding";
  let description = [{
    The result keeps shape and element type and gets the encoding.

    ```mlir
    #tfm.quantize<#tfm.group_quant<int4, group = 32, symmetric, scale = f16>>
    ```
  }];
  let parameters = (ins "::mlir::Attribute":$encoding);
  let assemblyFormat = "`<` $encoding `>`";
  let genVerifyDecl = 1;
}

def Tfm_RepackAttr : Tfm_Attr<"Repack", "repack", [
    DeclareAttrInterfaceMethods<Tfm_WeightTransformAttrInterface>]> {
  let summary = "weight transform: store a matrix as row x column tiles";
  let description = [{
    Changes storage only (the logical type stays): the 2-D weight is written
    as tiles of `tile[0]` rows by `tile[1]` columns, the layout a kernel reads
    contiguously. For quantized weights columns count values, so `tile[1]`
    must be a multiple of the block size.

    ```mlir
    #tfm.repack<[16, 64]>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t">:$tile);
  let assemblyFormat = "`<` `[` $tile `]` `>`";
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// RoPE scaling, model description, calibration statistics
//===----------------------------------------------------------------------===//

def Tfm_RopeScalingAttr : Tfm_Attr<"RopeScaling", "rope_scaling"> {
  let summary = "RoPE frequency scaling (linear, llama3, yarn)";
  let description = [{
    ```mlir
    #tfm.rope_scaling<linear, factor = 2.0>
    #tfm.rope_scaling<llama3, factor = 8.0, low_freq_factor = 1.0,
                      high_freq_factor = 4.0, original_context = 8192>
    ```
  }];
  let parameters = (ins EnumParameter<Tfm_RopeScalingKind>:$kind,
                        APFloatParameter<"frequency divisor">:$factor,
                        APFloatParameter<"llama3 low frequency factor">:$low_freq_factor,
                        APFloatParameter<"llama3 high frequency factor">:$high_freq_factor,
                        "int64_t":$original_context);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def Tfm_ModelAttr : Tfm_Attr<"Model", "model"> {
  let summary = "what a module is: architecture and maximum context";
  let description = [{
    Attached to a module as `tfm.model`; such a module must define the entry
    points `@prefill` and `@decode` with the same KV-cache arguments.

    ```mlir
    module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 8192>}
    ```
  }];
  let parameters = (ins StringRefParameter<"architecture">:$arch,
                        "int64_t":$context_length);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Tfm_TokenizerAttr : Tfm_Attr<"Tokenizer", "tokenizer"> {
  let summary = "the model's tokenizer, by reference to the file holding its vocabulary";
  let description = [{
    Attached to a model module as `tfm.tokenizer`. The vocabulary, merges,
    scores and token types stay in `source` (a GGUF file's `tokenizer.ggml.*`
    keys or a `tokenizer.json`); the package writer copies them. `model` is
    the tokenizer kind (`gpt2` byte-level BPE, `llama` SentencePiece), `pre`
    the pre-tokenizer's name and `regexes` its split patterns in order. Token
    ids are -1 when the model has no such token.

    ```mlir
    #tfm.tokenizer<source = "SmolLM2-135M-Instruct.Q4_1.gguf", model = "gpt2",
                   pre = "smollm", regexes = ["\\p{N}", "..."], vocab_size = 49152,
                   merges = 48900, bos = 1, eos = 2, unk = 0, pad = 2,
                   add_bos = false, chat_template = "{% for message in messages %}...">
    ```
  }];
  let parameters = (ins StringRefParameter<"file with vocab and merges">:$source,
                        StringRefParameter<"tokenizer kind">:$model,
                        StringRefParameter<"pre-tokenizer name">:$pre,
                        "::mlir::ArrayAttr":$regexes,
                        "int64_t":$vocab_size, "int64_t":$merges,
                        "int64_t":$bos, "int64_t":$eos, "int64_t":$unk, "int64_t":$pad,
                        "::mlir::BoolAttr":$add_bos,
                        StringRefParameter<"chat template (Jinja)">:$chat_template);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def Tfm_HeadStatsAttr : Tfm_Attr<"HeadStats", "head_stats"> {
  let summary = "per-head calibration statistics of one attention op";
  let description = [{
    Measured over `tokens` calibration tokens, one entry per query head:
    attention mass on sink tokens (in [0, 1]), attention entropy (nats, >= 0)
    and output norm (>= 0). Lists may be empty when not measured.

    ```mlir
    #tfm.head_stats<tokens = 4096, sink_mass = [0.9, 0.2], entropy = [0.4, 2.5],
                    output_norm = [1.5, 3.0]>
    ```
  }];
  let parameters = (ins "int64_t":$tokens, "::mlir::DenseF64ArrayAttr":$sink_mass,
                        "::mlir::DenseF64ArrayAttr":$entropy,
                        "::mlir::DenseF64ArrayAttr":$output_norm);
  let builders = [
    AttrBuilder<(ins "int64_t":$tokens, "::llvm::ArrayRef<double>":$sinkMass,
                     "::llvm::ArrayRef<double>":$entropy,
                     "::llvm::ArrayRef<double>":$outputNorm), [{
      return $_get($_ctxt, tokens, ::mlir::DenseF64ArrayAttr::get($_ctxt, sinkMass),
                   ::mlir::DenseF64ArrayAttr::get($_ctxt, entropy),
                   ::mlir::DenseF64ArrayAttr::get($_ctxt, outputNorm));
    }]>
  ];
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of heads the statistics describe (length of the lists).
    int64_t getNumHeads() const;
  }];
}

def Tfm_LayerStatsAttr : Tfm_Attr<"LayerStats", "layer_stats"> {
  let summary = "per-layer calibration statistics (block influence)";
  let description = [{
    ShortGPT's block influence, 1 - cos(input, output) of the residual stream
    averaged over `tokens` calibration tokens; in [0, 2].

    ```mlir
    #tfm.layer_stats<tokens = 4096, block_influence = 0.031>
    ```
  }];
  let parameters = (ins "int64_t":$tokens,
                        APFloatParameter<"1 - cos(input, output)">:$block_influence);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

#endif // SINKC_DIALECT_TFM_TFMATTRS_TD
