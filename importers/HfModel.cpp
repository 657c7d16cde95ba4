//===- HfModel.cpp - describe a Hugging Face checkpoint folder ------------===//
//
// config.json gives the hyper-parameters of a llama-family model (llama,
// mistral, qwen2), the safetensors headers its tensors (checked against those
// hyper-parameters), and tokenizer.json / tokenizer_config.json the tokenizer.
// Every error names the file and the field or tensor it is about.
//
//===----------------------------------------------------------------------===//

#include "HfJson.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using sinkc::safetensors::Checkpoint;
using sinkc::safetensors::TensorInfo;

namespace sinkc::import {
using namespace hf;
namespace {

//===----------------------------------------------------------------------===//
// Hyper-parameters
//===----------------------------------------------------------------------===//

/// model_type, or the first supported entry of `architectures`.
Expected<std::string> architecture(const Fields &config) {
  static constexpr StringLiteral kSupported = "llama, mistral, qwen2";
  auto supported = [](StringRef t) {
    return t == "llama" || t == "mistral" || t == "qwen2";
  };
  Expected<std::optional<std::string>> modelType = config.string("model_type");
  if (!modelType)
    return modelType.takeError();
  if (*modelType && supported(**modelType))
    return **modelType;
  std::vector<std::string> archs;
  if (const json::Value *v = config.get("architectures")) {
    const json::Array *list = v->getAsArray();
    if (!list)
      return config.wrongType("architectures", "a list of strings", *v);
    for (const json::Value &a : *list)
      if (std::optional<StringRef> s = a.getAsString())
        archs.push_back(s->str());
  }
  for (const std::string &a : archs) {
    std::string t = StringSwitch<std::string>(a)
                        .Case("LlamaForCausalLM", "llama")
                        .Case("MistralForCausalLM", "mistral")
                        .Case("Qwen2ForCausalLM", "qwen2")
                        .Default("");
    if (!t.empty())
      return t;
  }
  if (*modelType)
    return fail(config.file + ": model_type '" + **modelType +
                "' is not supported (supported: " + kSupported + ")");
  if (!archs.empty())
    return fail(config.file + ": architecture '" + archs.front() +
                "' is not supported (supported model_type: " + kSupported +
                ")");
  return config.missing("model_type");
}

Error readRopeScaling(const Fields &config, const json::Object &scaling,
                      StringRef fieldName, ModelDescription &m) {
  Fields f(config.file, scaling, (fieldName + ".").str());
  Expected<std::optional<std::string>> type = f.string("rope_type");
  if (!type)
    return type.takeError();
  if (!*type) {
    type = f.string("type");
    if (!type)
      return type.takeError();
  }
  if (!*type)
    return f.missing("rope_type");
  RopeConfig &r = m.rope;
  if (**type == "default")
    return Error::success();
  if (**type != "linear" && **type != "llama3" && **type != "yarn")
    return fail(config.file + ": " + fieldName + " type '" + **type +
                "' is not supported (supported: default, linear, llama3, "
                "yarn)");
  r.scaling = **type;
  Expected<double> factor = f.positiveNumber("factor", std::nullopt);
  if (!factor)
    return factor.takeError();
  r.factor = *factor;
  if (r.scaling == "linear")
    return Error::success();
  // yarn falls back to max_position_embeddings, as transformers does.
  Expected<int64_t> original = f.integer(
      "original_max_position_embeddings",
      r.scaling == "yarn" ? std::optional<int64_t>(m.contextLength)
                          : std::nullopt,
      int64_t(1) << 40);
  if (!original)
    return original.takeError();
  r.originalContext = *original;
  if (r.scaling == "yarn")
    return Error::success();
  Expected<double> low = f.positiveNumber("low_freq_factor", std::nullopt);
  if (!low)
    return low.takeError();
  Expected<double> high = f.positiveNumber("high_freq_factor", std::nullopt);
  if (!high)
    return high.takeError();
  r.lowFreqFactor = *low;
  r.highFreqFactor = *high;
  return Error::success();
}

/// rope_theta and rope_scaling; transformers 5 nests both in rope_parameters.
Error readRope(const Fields &config, ModelDescription &m) {
  Expected<const json::Object *> params = config.object_("rope_parameters");
  if (!params)
    return params.takeError();
  Expected<double> theta = config.positiveNumber("rope_theta", 10000.0);
  if (!theta)
    return theta.takeError();
  m.rope.theta = *theta;
  if (*params && !config.get("rope_theta")) {
    Fields p(config.file, **params, "rope_parameters.");
    theta = p.positiveNumber("rope_theta", 10000.0);
    if (!theta)
      return theta.takeError();
    m.rope.theta = *theta;
  }
  m.rope.style = RopeStyle::Neox;
  Expected<const json::Object *> scaling = config.object_("rope_scaling");
  if (!scaling)
    return scaling.takeError();
  if (*scaling)
    return readRopeScaling(config, **scaling, "rope_scaling", m);
  if (*params)
    return readRopeScaling(config, **params, "rope_parameters", m);
  return Error::success();
}

/// Mistral windows every layer when sliding_window is set; Qwen2 only when
/// use_sliding_window is true, and then the layers that layer_types marks
/// "sliding_attention" or, without layer_types, those from max_window_layers
/// (transformers' default 28) on. sinkc windows all layers or none.
Error readSlidingWindow(const Fields &config, ModelDescription &m) {
  if (m.arch == "llama")
    return Error::success();
  if (m.arch == "qwen2") {
    Expected<std::optional<bool>> use = config.boolean("use_sliding_window");
    if (!use)
      return use.takeError();
    if (!use->value_or(false))
      return Error::success();
  }
  if (!config.get("sliding_window"))
    return Error::success();
  Expected<int64_t> window =
      config.integer("sliding_window", std::nullopt, int64_t(1) << 40);
  if (!window)
    return window.takeError();
  int64_t windowed = m.numLayers;
  if (const json::Value *v = config.get("layer_types")) {
    const json::Array *types = v->getAsArray();
    if (!types || types->size() != size_t(m.numLayers))
      return config.wrongType("layer_types",
                              "a list of num_hidden_layers strings", *v);
    windowed = llvm::count_if(*types, [](const json::Value &t) {
      return t.getAsString() == "sliding_attention";
    });
  } else if (m.arch == "qwen2") {
    Expected<int64_t> first = config.integer("max_window_layers", 28,
                                             int64_t(1) << 31, /*min=*/0);
    if (!first)
      return first.takeError();
    windowed = std::max<int64_t>(0, m.numLayers - *first);
  }
  if (windowed == 0)
    return Error::success();
  if (windowed != m.numLayers)
    return fail(config.file + ": a sliding window on " + Twine(windowed) +
                " of " + Twine(m.numLayers) +
                " layers is not supported; sinkc windows all layers or none");
  m.slidingWindow = *window;
  return Error::success();
}

Error readHyperParameters(const Fields &config, ModelDescription &m) {
  Expected<std::string> arch = architecture(config);
  if (!arch)
    return arch.takeError();
  m.arch = *arch;
  if (const json::Value *v = config.get("_name_or_path"))
    m.name = v->getAsString().value_or("").str();

  struct {
    const char *key;
    int64_t *out;
  } required[] = {{"num_hidden_layers", &m.numLayers},
                  {"hidden_size", &m.hidden},
                  {"intermediate_size", &m.ffn},
                  {"num_attention_heads", &m.numHeads},
                  {"vocab_size", &m.vocab}};
  for (auto &[key, out] : required) {
    Expected<int64_t> v = config.integer(key, std::nullopt);
    if (!v)
      return v.takeError();
    *out = *v;
  }
  Expected<int64_t> context = config.integer("max_position_embeddings",
                                              std::nullopt, int64_t(1) << 40);
  if (!context)
    return context.takeError();
  m.contextLength = *context;
  Expected<int64_t> kvHeads = config.integer("num_key_value_heads", m.numHeads);
  if (!kvHeads)
    return kvHeads.takeError();
  m.numKvHeads = *kvHeads;
  if (m.numHeads % m.numKvHeads)
    return fail(config.file + ": num_attention_heads (" + Twine(m.numHeads) +
                ") must be a multiple of num_key_value_heads (" +
                Twine(m.numKvHeads) + ")");
  if (!config.get("head_dim") && m.hidden % m.numHeads)
    return fail(config.file + ": hidden_size (" + Twine(m.hidden) +
                ") is not a multiple of num_attention_heads (" +
                Twine(m.numHeads) + ") and there is no head_dim");
  Expected<int64_t> headDim =
      config.integer("head_dim", m.hidden / m.numHeads);
  if (!headDim)
    return headDim.takeError();
  m.headDim = *headDim;
  Expected<double> eps = config.positiveNumber("rms_norm_eps", std::nullopt);
  if (!eps)
    return eps.takeError();
  m.normEpsilon = *eps;
  if (Error err = readRope(config, m))
    return err;
  return readSlidingWindow(config, m);
}

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

class Tensors {
public:
  Tensors(const Checkpoint &ckpt) : ckpt(ckpt) {}

  Expected<TensorRef> get(const std::string &name,
                          ArrayRef<int64_t> shape) const {
    const TensorInfo *t = ckpt.findTensor(name);
    if (!t)
      return fail(ckpt.getFolder() + ": missing tensor '" + name + "'");
    return ref(*t, shape);
  }
  Expected<std::optional<TensorRef>> optional(const std::string &name,
                                              ArrayRef<int64_t> shape) const {
    const TensorInfo *t = ckpt.findTensor(name);
    if (!t)
      return std::optional<TensorRef>();
    Expected<TensorRef> r = ref(*t, shape);
    if (!r)
      return r.takeError();
    return std::optional<TensorRef>(std::move(*r));
  }

private:
  Expected<TensorRef> ref(const TensorInfo &t, ArrayRef<int64_t> shape) const {
    std::string dtype = !t.encoding.empty() ? t.encoding
                        : StringSwitch<std::string>(t.dtype)
                              .Case("F32", "f32")
                              .Case("F16", "f16")
                              .Case("BF16", "bf16")
                              .Default("");
    if (dtype.empty())
      return fail(t.file + ": tensor '" + t.name + "' has dtype " + t.dtype +
                  "; sinkc imports F32, F16 and BF16 tensors (and U8 tensors its "
                  "metadata marks as sinkc group formats)");
    if (ArrayRef<int64_t>(t.shape) != shape)
      return fail(t.file + ": tensor '" + t.name + "' has shape " +
                  formatShape(t.shape) + ", expected " + formatShape(shape) +
                  " from config.json");
    return TensorRef{t.file, t.name, t.fileOffset, t.shape, dtype};
  }
  const Checkpoint &ckpt;
};

/// Tensors the llama family does not have (attention_bias / mlp_bias in
/// llama's config add them) and layers past num_hidden_layers are errors
/// rather than silently ignored weights.
Error checkUnexpected(const Checkpoint &ckpt, const ModelDescription &m) {
  for (const TensorInfo &t : ckpt.getTensors()) {
    StringRef rest = t.name;
    if (!rest.consume_front("model.layers."))
      continue;
    auto [index, field] = rest.split('.');
    uint64_t layer = 0;
    if (!index.getAsInteger(10, layer) && layer >= uint64_t(m.numLayers))
      return fail(t.file + ": tensor '" + t.name +
                  "' is for a layer past num_hidden_layers (" +
                  Twine(m.numLayers) + ")");
    if (field == "self_attn.o_proj.bias" || field == "mlp.gate_proj.bias" ||
        field == "mlp.up_proj.bias" || field == "mlp.down_proj.bias")
      return fail(t.file + ": tensor '" + t.name +
                  "' is not supported (sinkc's llama family has q/k/v "
                  "biases only)");
  }
  return Error::success();
}

Expected<BlockTensors> readBlock(const Tensors &tensors,
                                 const ModelDescription &m, int64_t layer) {
  std::string p = "model.layers." + std::to_string(layer) + ".";
  int64_t q = m.numHeads * m.headDim, kv = m.numKvHeads * m.headDim;
  BlockTensors b;
  struct {
    TensorRef *out;
    const char *name;
    SmallVector<int64_t, 2> shape;
  } required[] = {
      {&b.attnNorm, "input_layernorm.weight", {m.hidden}},
      {&b.q, "self_attn.q_proj.weight", {q, m.hidden}},
      {&b.k, "self_attn.k_proj.weight", {kv, m.hidden}},
      {&b.v, "self_attn.v_proj.weight", {kv, m.hidden}},
      {&b.o, "self_attn.o_proj.weight", {m.hidden, q}},
      {&b.ffnNorm, "post_attention_layernorm.weight", {m.hidden}},
      {&b.gate, "mlp.gate_proj.weight", {m.ffn, m.hidden}},
      {&b.up, "mlp.up_proj.weight", {m.ffn, m.hidden}},
      {&b.down, "mlp.down_proj.weight", {m.hidden, m.ffn}},
  };
  for (auto &r : required) {
    Expected<TensorRef> t = tensors.get(p + r.name, r.shape);
    if (!t)
      return t.takeError();
    *r.out = std::move(*t);
  }
  struct {
    std::optional<TensorRef> *out;
    const char *name;
    int64_t size;
  } optional[] = {{&b.qBias, "self_attn.q_proj.bias", q},
                  {&b.kBias, "self_attn.k_proj.bias", kv},
                  {&b.vBias, "self_attn.v_proj.bias", kv},
                  {&b.sinkLogits, "self_attn.sinks", m.numHeads}};
  for (auto &o : optional) {
    Expected<std::optional<TensorRef>> t = tensors.optional(p + o.name, {o.size});
    if (!t)
      return t.takeError();
    *o.out = std::move(*t);
  }
  // q/k/v biases come together (Qwen2) or not at all.
  if (b.qBias || b.kBias || b.vBias) {
    const char *names[] = {"q", "k", "v"};
    std::optional<TensorRef> *biases[] = {&b.qBias, &b.kBias, &b.vBias};
    for (int i = 0; i < 3; ++i)
      if (!*biases[i])
        return fail(Twine(b.q.file) + ": missing tensor '" + p + "self_attn." +
                    names[i] +
                    "_proj.bias' (the layer has other q/k/v biases)");
  }
  return b;
}

Error readTensors(const Checkpoint &ckpt, const Fields &config,
                  ModelDescription &m) {
  Tensors tensors(ckpt);
  Expected<TensorRef> embed =
      tensors.get("model.embed_tokens.weight", {m.vocab, m.hidden});
  if (!embed)
    return embed.takeError();
  m.tokenEmbedding = std::move(*embed);
  Expected<TensorRef> norm = tensors.get("model.norm.weight", {m.hidden});
  if (!norm)
    return norm.takeError();
  m.outputNorm = std::move(*norm);

  // transformers ties the head when tie_word_embeddings is true (its default
  // for a missing key), whether or not lm_head.weight is stored.
  Expected<std::optional<bool>> tie = config.boolean("tie_word_embeddings");
  if (!tie)
    return tie.takeError();
  Expected<std::optional<TensorRef>> head =
      tensors.optional("lm_head.weight", {m.vocab, m.hidden});
  if (!head)
    return head.takeError();
  if (*head && !tie->value_or(false)) {
    m.output = std::move(*head);
  } else if (!*head && !tie->value_or(true)) {
    return fail(ckpt.getFolder() + ": missing tensor 'lm_head.weight' "
                "(config.json sets tie_word_embeddings to false)");
  }
  m.tiedEmbeddings = !m.output;

  if (Error err = checkUnexpected(ckpt, m))
    return err;
  for (int64_t layer = 0; layer < m.numLayers; ++layer) {
    Expected<BlockTensors> block = readBlock(tensors, m, layer);
    if (!block)
      return block.takeError();
    m.blocks.push_back(std::move(*block));
  }
  return Error::success();
}

} // namespace

Expected<ModelDescription>
describeCheckpoint(const safetensors::Checkpoint &ckpt) {
  ModelDescription m;
  m.format = "safetensors";
  m.source = ckpt.getFolder().str();
  Fields config(join(ckpt.getFolder(), "config.json"), ckpt.getConfig());
  if (Error err = readHyperParameters(config, m))
    return std::move(err);
  if (Error err = readTensors(ckpt, config, m))
    return std::move(err);
  if (!ckpt.getTokenizerPath().empty()) {
    Expected<TokenizerInfo> tok = readTokenizer(ckpt, config);
    if (!tok)
      return tok.takeError();
    m.tokenizer = std::move(*tok);
  }
  return m;
}

} // namespace sinkc::import
