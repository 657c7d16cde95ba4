//===- TfmImport.cpp - build tfm IR from a model description ---------------===//
//
// Symbols are named as GGUF names tensors (token_embd, blk.N.attn_q, ...)
// whatever the source format, so the same model imported from GGUF and from
// safetensors differs only in source references and RoPE style.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/TfmImport.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkrt/package_format.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace mlir;
using namespace sinkc::tfm;
using sinkc::import::BlockTensors;
using sinkc::import::ModelDescription;
using sinkc::import::TensorRef;

namespace {

/// Element type and encoding of a stored dtype ("f16", "q4_1", ...).
RankedTensorType storedType(MLIRContext *ctx, const TensorRef &ref) {
  Builder b(ctx);
  Type element = llvm::StringSwitch<Type>(ref.dtype)
                     .Case("f16", b.getF16Type())
                     .Case("bf16", b.getBF16Type())
                     .Default(b.getF32Type());
  Attribute encoding;
  uint32_t code = 0;
  if (std::optional<GgufFormat> format = symbolizeGgufFormat(ref.dtype)) {
    encoding = GgufQuantAttr::get(ctx, *format);
  } else if (sinkrt::pkg::parseDType(ref.dtype.data(), ref.dtype.size(), code) &&
             (code & sinkrt::pkg::kGroupDTypeBit)) {
    // sinkc's group formats ("i4g64a_f16"): safetensors tensors whose
    // metadata names the format.
    namespace pkg = sinkrt::pkg;
    encoding = GroupQuantAttr::get(
        ctx, (code & pkg::kGroupInt8Bit) ? GroupBits::Int8 : GroupBits::Int4,
        int64_t(pkg::dtypeBlock(code).values),
        (code & pkg::kGroupAsymmetricBit) ? GroupMode::Asymmetric : GroupMode::Symmetric,
        (code & pkg::kGroupScaleF32Bit) ? b.getF32Type() : b.getF16Type());
  }
  return RankedTensorType::get(ref.shape, element, encoding);
}

class ModuleBuilder {
public:
  ModuleBuilder(MLIRContext &context, const ModelDescription &model,
                const sinkc::import::ImportOptions &options)
      : ctx(&context), model(model), options(options), builder(&context),
        loc(NameLoc::get(builder.getStringAttr(model.source))) {}

  OwningOpRef<ModuleOp> build() {
    OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
    (*module)->setAttr(TfmDialect::kModelAttrName,
                    ModelAttr::get(ctx, model.arch, model.contextLength));
    if (Attribute tokenizer = buildTokenizer())
      (*module)->setAttr(TfmDialect::kTokenizerAttrName, tokenizer);
    builder.setInsertionPointToEnd(module->getBody());
    declareWeights();
    planCaches();
    buildEntryPoint("prefill", ShapedType::kDynamic);
    buildEntryPoint("decode", 1);
    return module;
  }

private:
  //===--------------------------------------------------------------------===//
  // Module attributes and weights
  //===--------------------------------------------------------------------===//

  Attribute buildTokenizer() {
    const auto &t = model.tokenizer;
    if (t.source.empty() || t.vocabSize < 1)
      return {};
    SmallVector<Attribute> regexes;
    for (const std::string &r : t.preRegexes)
      regexes.push_back(builder.getStringAttr(r));
    return TokenizerAttr::get(ctx, t.source, t.model, t.pre,
                              builder.getArrayAttr(regexes), t.vocabSize,
                              t.mergeCount, t.bos, t.eos, t.unk, t.pad,
                              builder.getBoolAttr(t.addBos), t.chatTemplate);
  }

  void declare(const std::string &symbol, const TensorRef &ref) {
    RankedTensorType type = storedType(ctx, ref);
    auto source = WeightSourceAttr::get(ctx, ref.file, ref.name,
                                        static_cast<int64_t>(ref.offset), type);
    WeightOp::create(builder, loc, symbol, type, source, ArrayAttr());
    weightTypes[symbol] = type;
  }

  void declareWeights() {
    declare("token_embd", model.tokenEmbedding);
    if (model.rope.freqFactors)
      declare("rope_freqs", *model.rope.freqFactors);
    for (auto [i, block] : llvm::enumerate(model.blocks)) {
      std::string p = "blk." + std::to_string(i) + ".";
      declare(p + "attn_norm", block.attnNorm);
      declare(p + "attn_q", block.q);
      declare(p + "attn_k", block.k);
      declare(p + "attn_v", block.v);
      if (block.qBias) declare(p + "attn_q_bias", *block.qBias);
      if (block.kBias) declare(p + "attn_k_bias", *block.kBias);
      if (block.vBias) declare(p + "attn_v_bias", *block.vBias);
      if (block.sinkLogits) declare(p + "attn_sinks", *block.sinkLogits);
      declare(p + "attn_output", block.o);
      declare(p + "ffn_norm", block.ffnNorm);
      declare(p + "ffn_gate", block.gate);
      declare(p + "ffn_up", block.up);
      declare(p + "ffn_down", block.down);
    }
    declare("output_norm", model.outputNorm);
    if (model.output)
      declare("output", *model.output);
  }

  //===--------------------------------------------------------------------===//
  // KV cache: one buffer per policy group
  //===--------------------------------------------------------------------===//

  /// Every kv-head of every layer has the same policy here: full, or a plain
  /// sliding window when the model has one shorter than its context.
  void planCaches() {
    bool windowed = model.slidingWindow > 0 && model.slidingWindow < model.contextLength;
    int64_t sinks = 0, window = model.slidingWindow;
    if (options.kvPolicy == sinkc::import::ImportOptions::KvPolicy::Full)
      windowed = false;
    if (options.kvPolicy == sinkc::import::ImportOptions::KvPolicy::Streaming) {
      windowed = true;
      sinks = options.sinks;
      window = options.window;
    }
    policy = windowed ? Attribute(StreamingPolicyAttr::get(ctx, sinks, window))
                      : Attribute(FullPolicyAttr::get(ctx));
    Type element = llvm::StringSwitch<Type>(options.kvElementType)
                       .Case("f32", builder.getF32Type())
                       .Case("bf16", builder.getBF16Type())
                       .Default(builder.getF16Type());
    int64_t slots = windowed ? sinks + window : ShapedType::kDynamic;
    cacheType = KVCacheType::get(ctx, model.numLayers * model.numKvHeads, slots,
                                 model.headDim, element);
  }

  //===--------------------------------------------------------------------===//
  // Entry points
  //===--------------------------------------------------------------------===//

  RankedTensorType activation(int64_t tokens, int64_t features) {
    return RankedTensorType::get({1, tokens, features}, builder.getF32Type());
  }

  Value weight(OpBuilder &b, const std::string &symbol) {
    return WeightRefOp::create(b, loc, weightTypes.at(symbol),
                               FlatSymbolRefAttr::get(ctx, symbol));
  }

  Value linear(OpBuilder &b, Value x, const std::string &symbol, int64_t tokens,
               std::optional<std::string> bias = std::nullopt) {
    RankedTensorType w = weightTypes.at(symbol);
    return LinearOp::create(b, loc, activation(tokens, w.getDimSize(0)), x,
                            weight(b, symbol), bias ? weight(b, *bias) : Value());
  }

  Value rmsNorm(OpBuilder &b, Value x, const std::string &symbol) {
    return RMSNormOp::create(b, loc, x, weight(b, symbol),
                             b.getF64FloatAttr(model.normEpsilon));
  }

  Value rope(OpBuilder &b, Value x, Value pos) {
    RopeStyle style = model.rope.style == sinkc::import::RopeStyle::Interleaved
                          ? RopeStyle::Interleaved
                          : RopeStyle::Neox;
    RopeScalingAttr scaling;
    const auto &r = model.rope;
    if (std::optional<RopeScalingKind> kind = symbolizeRopeScalingKind(r.scaling))
      scaling = RopeScalingAttr::get(ctx, *kind, llvm::APFloat(r.factor),
                                     llvm::APFloat(r.lowFreqFactor),
                                     llvm::APFloat(r.highFreqFactor), r.originalContext);
    Value factors = r.freqFactors ? weight(b, "rope_freqs") : Value();
    return RopeOp::create(b, loc, x, pos, factors, style, model.headDim,
                          llvm::APFloat(r.theta), scaling);
  }

  /// One decoder block: pre-norm attention and SwiGLU MLP with residuals.
  Value buildLayer(OpBuilder &b, int64_t index, Value hidden, Value pos, Value cache,
                   int64_t tokens) {
    const BlockTensors &block = model.blocks[index];
    auto layer = LayerOp::create(b, loc, index, hidden);
    OpBuilder body = OpBuilder::atBlockEnd(&layer.getBody().front());
    Value x = layer.getBody().getArgument(0);
    std::string p = "blk." + std::to_string(index) + ".";
    auto optionalBias = [&](const std::optional<TensorRef> &t, const char *name) {
      return t ? std::optional<std::string>(p + name) : std::nullopt;
    };

    Value xn = rmsNorm(body, x, p + "attn_norm");
    Value q = linear(body, xn, p + "attn_q", tokens, optionalBias(block.qBias, "attn_q_bias"));
    Value k = linear(body, xn, p + "attn_k", tokens, optionalBias(block.kBias, "attn_k_bias"));
    Value v = linear(body, xn, p + "attn_v", tokens, optionalBias(block.vBias, "attn_v_bias"));
    q = rope(body, q, pos);
    k = rope(body, k, pos);

    SmallVector<Attribute> policies(model.numKvHeads, policy);
    SmallVector<int64_t> buffers(model.numKvHeads, 0), entries;
    for (int64_t h = 0; h < model.numKvHeads; ++h)
      entries.push_back(index * model.numKvHeads + h); // (layer, kv-head) order
    Value sinkLogits = block.sinkLogits ? weight(body, p + "attn_sinks") : Value();
    auto attention = AttentionOp::create(body, loc, q, k, v, pos, model.numHeads,
                                         model.numKvHeads, model.headDim,
                                         ValueRange{cache}, policies, buffers, entries);
    if (sinkLogits)
      attention.getSinkLogitsMutable().assign(sinkLogits);
    // Drop the list when every head is full (the canonical form).
    if (isa<FullPolicyAttr>(policy))
      attention.removePoliciesAttr();

    Value o = linear(body, attention.getResult(), p + "attn_output", tokens);
    Value h = AddOp::create(body, loc, x, o);
    Value hn = rmsNorm(body, h, p + "ffn_norm");
    Value gate = linear(body, hn, p + "ffn_gate", tokens);
    Value up = linear(body, hn, p + "ffn_up", tokens);
    Value act = SwiGLUOp::create(body, loc, gate, up);
    Value down = linear(body, act, p + "ffn_down", tokens);
    Value out = AddOp::create(body, loc, h, down);
    YieldOp::create(body, loc, out);
    return layer.getResult();
  }

  void buildEntryPoint(StringRef name, int64_t tokens) {
    auto tokenType = RankedTensorType::get({1, tokens}, builder.getI32Type());
    auto logitsType = activation(tokens, model.vocab);
    auto fnType = builder.getFunctionType(
        {tokenType, builder.getIndexType(), cacheType}, {logitsType});
    auto fn = func::FuncOp::create(builder, loc, name, fnType);
    Block *entry = fn.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(entry);
    Value ids = entry->getArgument(0), pos = entry->getArgument(1),
          cache = entry->getArgument(2);

    Value table = weight(b, "token_embd");
    Value hidden = EmbeddingOp::create(b, loc, activation(tokens, model.hidden), table, ids);
    for (int64_t i = 0; i < model.numLayers; ++i)
      hidden = buildLayer(b, i, hidden, pos, cache, tokens);
    hidden = rmsNorm(b, hidden, "output_norm");
    Value head = model.output ? weight(b, "output") : table; // tied embeddings
    Value logits = LMHeadOp::create(b, loc, logitsType, hidden, head, FloatAttr());
    func::ReturnOp::create(b, loc, logits);
  }

  MLIRContext *ctx;
  const ModelDescription &model;
  const sinkc::import::ImportOptions &options;
  OpBuilder builder;
  Location loc;
  llvm::StringMap<RankedTensorType> weightTypes;
  Attribute policy;
  KVCacheType cacheType;
};

} // namespace

OwningOpRef<ModuleOp> sinkc::import::buildTfmModule(MLIRContext &context,
                                                    const ModelDescription &model,
                                                    const ImportOptions &options) {
  context.loadDialect<TfmDialect, func::FuncDialect>();
  return ModuleBuilder(context, model, options).build();
}
