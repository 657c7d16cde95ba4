//===- GgufModel.cpp - a GGUF file's llama-family model description -------===//
//
// Reads the hyper-parameters from `{arch}.*` metadata, finds every tensor of
// the llama layout (token_embd, blk.N.attn_q, ...), checks each shape
// against the hyper-parameters and collects the tokenizer keys. Weights stay
// in the file: each tensor is described by name, offset, shape and encoding.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/ModelDescription.h"


#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

#include <cstdio>
#include <cstdlib>

using namespace llvm;

namespace sinkc::import {
namespace {

using gguf::GgufFile;
using gguf::MetadataValue;
using gguf::TensorInfo;
using gguf::ValueType;

const char *const kSupportedArchs[] = {"llama", "qwen2"};
constexpr int64_t kMaxDim = (int64_t(1) << 31) - 1; // keeps shape products in int64

const char *typeName(ValueType t) {
  static const char *const names[] = {"u8",  "i8",  "u16",  "i16",    "u32",
                                      "i32", "f32", "bool", "string", "array",
                                      "u64", "i64", "f64"};
  return unsigned(t) < 13 ? names[unsigned(t)] : "unknown";
}

std::string num(double v) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

class Describer {
public:
  explicit Describer(const GgufFile &file) : file(file), path(file.getPath()) {}
  Expected<ModelDescription> run();

private:
  const GgufFile &file;
  std::string path;
  std::string arch;
  ModelDescription desc;
  StringSet<> used; // tensors the description refers to

  Error fail(const Twine &what) {
    return createStringError(inconvertibleErrorCode(), path + ": " + what);
  }

  /// An integer key; `def` when absent (required when `def` is empty).
  Expected<int64_t> getInt(StringRef key, std::optional<int64_t> def,
                           int64_t min = 1, int64_t max = kMaxDim);
  Expected<double> getFloat(StringRef key, std::optional<double> def);
  Expected<std::string> getString(StringRef key);
  Expected<bool> getBool(StringRef key, bool def);
  Expected<int64_t> getArrayLength(StringRef key);

  /// The tensor `name` checked against `shape`; nullopt when absent and
  /// optional.
  Expected<std::optional<TensorRef>> getTensor(const std::string &name,
                                               ArrayRef<int64_t> shape,
                                               bool required = true);
  Error readHyperParameters();
  Error readRope();
  Error readTensors();
  Error readTokenizer();
};

Expected<int64_t> Describer::getInt(StringRef key, std::optional<int64_t> def,
                                    int64_t min, int64_t max) {
  const MetadataValue *v = file.findMetadata(key);
  if (!v) {
    if (def)
      return *def;
    return fail("missing metadata key '" + key + "'");
  }
  std::optional<int64_t> i = v->getInteger();
  if (!i) {
    if (v->type == ValueType::UInt64 || v->type == ValueType::Int64)
      return fail("metadata '" + key + "' is " + Twine(v->u) + ", out of range");
    return fail("metadata '" + key + "' is a " + typeName(v->type) +
                ", expected an integer");
  }
  if (*i < min || *i > max)
    return fail("metadata '" + key + "' is " + Twine(*i) + ", expected " +
                Twine(min) + " to " + Twine(max));
  return *i;
}

/// The decimal a float32 was written from: converters store config values
/// such as 1e-05 as float32, whose exact value 9.99999974738e-06 would make
/// a GGUF model differ from its checkpoint. The shortest decimal that reads
/// back as the same float32 is that value.
static double widenFloat32(float value) {
  char text[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(text, sizeof(text), "%.*g", digits, static_cast<double>(value));
    double decimal = std::strtod(text, nullptr);
    if (static_cast<float>(decimal) == value)
      return decimal;
  }
  return value;
}

Expected<double> Describer::getFloat(StringRef key, std::optional<double> def) {
  const MetadataValue *v = file.findMetadata(key);
  if (!v) {
    if (def)
      return *def;
    return fail("missing metadata key '" + key + "'");
  }
  std::optional<double> f = v->getFloat();
  if (!f)
    return fail("metadata '" + key + "' is a " + typeName(v->type) +
                ", expected a number");
  if (v->type == ValueType::Float32)
    return widenFloat32(static_cast<float>(*f));
  return *f;
}

Expected<std::string> Describer::getString(StringRef key) {
  const MetadataValue *v = file.findMetadata(key);
  if (!v)
    return std::string();
  std::optional<StringRef> s = v->getString();
  if (!s)
    return fail("metadata '" + key + "' is a " + typeName(v->type) +
                ", expected a string");
  return s->str();
}

Expected<bool> Describer::getBool(StringRef key, bool def) {
  const MetadataValue *v = file.findMetadata(key);
  if (!v)
    return def;
  if (v->type != ValueType::Bool)
    return fail("metadata '" + key + "' is a " + typeName(v->type) +
                ", expected a bool");
  return v->b;
}

Expected<int64_t> Describer::getArrayLength(StringRef key) {
  const MetadataValue *v = file.findMetadata(key);
  if (!v)
    return 0;
  if (v->type != ValueType::Array)
    return fail("metadata '" + key + "' is a " + typeName(v->type) +
                ", expected an array");
  return int64_t(v->array.size());
}

Expected<std::optional<TensorRef>>
Describer::getTensor(const std::string &name, ArrayRef<int64_t> shape,
                     bool required) {
  const TensorInfo *t = file.findTensor(name);
  if (!t) {
    if (required)
      return fail("missing tensor '" + name + "'");
    return std::nullopt;
  }
  used.insert(name);
  const gguf::TypeTraits *traits = gguf::getTypeTraits(t->typeId);
  if (!traits)
    return fail("tensor '" + name + "' has type " + gguf::describeTypeId(t->typeId) +
                ", which sinkc does not read (supported: f32, f16, bf16, q4_0, "
                "q4_1, q5_0, q5_1, q8_0, q4_k, q6_k)");
  std::vector<int64_t> actual = t->getShape();
  if (ArrayRef<int64_t>(actual) != shape)
    return fail("tensor '" + name + "' has shape " + formatShape(actual) +
                ", expected " + formatShape(shape));
  TensorRef ref;
  ref.file = path;
  ref.name = name;
  ref.offset = t->fileOffset;
  ref.shape = std::move(actual);
  ref.dtype = traits->name;
  return std::optional<TensorRef>(std::move(ref));
}

Error Describer::readHyperParameters() {
  auto key = [&](StringRef suffix) { return arch + "." + suffix.str(); };
  auto get = [&](int64_t &out, StringRef suffix, std::optional<int64_t> def,
                 int64_t min = 1) -> Error {
    Expected<int64_t> v = getInt(key(suffix), def, min);
    if (!v)
      return v.takeError();
    out = *v;
    return Error::success();
  };
  if (Error e = get(desc.numLayers, "block_count", std::nullopt))
    return e;
  if (Error e = get(desc.contextLength, "context_length", std::nullopt))
    return e;
  if (Error e = get(desc.hidden, "embedding_length", std::nullopt))
    return e;
  if (Error e = get(desc.ffn, "feed_forward_length", std::nullopt))
    return e;
  if (Error e = get(desc.numHeads, "attention.head_count", std::nullopt))
    return e;
  if (Error e = get(desc.numKvHeads, "attention.head_count_kv", desc.numHeads))
    return e;
  if (desc.numHeads % desc.numKvHeads != 0)
    return fail(key("attention.head_count") + " (" + Twine(desc.numHeads) +
                ") is not a multiple of " + key("attention.head_count_kv") +
                " (" + Twine(desc.numKvHeads) + ")");
  std::optional<int64_t> defaultHeadDim;
  if (desc.hidden % desc.numHeads == 0)
    defaultHeadDim = desc.hidden / desc.numHeads;
  else if (!file.findMetadata(key("attention.key_length")))
    return fail(key("embedding_length") + " (" + Twine(desc.hidden) +
                ") is not a multiple of " + key("attention.head_count") + " (" +
                Twine(desc.numHeads) + ") and " + key("attention.key_length") +
                " is missing");
  if (Error e = get(desc.headDim, "attention.key_length", defaultHeadDim))
    return e;
  int64_t valueDim;
  if (Error e = get(valueDim, "attention.value_length", desc.headDim))
    return e;
  if (valueDim != desc.headDim)
    return fail(key("attention.value_length") + " (" + Twine(valueDim) +
                ") differs from the key length (" + Twine(desc.headDim) +
                "), which sinkc does not support");
  Expected<double> eps = getFloat(key("attention.layer_norm_rms_epsilon"), std::nullopt);
  if (!eps)
    return eps.takeError();
  if (!(*eps > 0 && *eps < 1))
    return fail("metadata '" + key("attention.layer_norm_rms_epsilon") + "' is " +
                num(*eps) + ", expected a small positive number");
  desc.normEpsilon = *eps;
  if (Error e = get(desc.slidingWindow, "attention.sliding_window", 0, 0))
    return e;
  return Error::success();
}

Error Describer::readRope() {
  std::string prefix = arch + ".rope.";
  RopeConfig &rope = desc.rope;
  // llama.cpp's converter permutes Q/K rows of `llama` weights for its
  // interleaved (GPT-J style) rotation; qwen2 keeps the rotate-half layout.
  rope.style = arch == "llama" ? RopeStyle::Interleaved : RopeStyle::Neox;
  Expected<double> theta = getFloat(prefix + "freq_base", 10000.0);
  if (!theta)
    return theta.takeError();
  if (!(*theta > 1))
    return fail("metadata '" + prefix + "freq_base' is " + num(*theta) +
                ", expected a number above 1");
  rope.theta = *theta;
  Expected<int64_t> dims = getInt(prefix + "dimension_count", desc.headDim);
  if (!dims)
    return dims.takeError();
  if (*dims != desc.headDim)
    return fail("metadata '" + prefix + "dimension_count' is " + Twine(*dims) +
                " but heads have " + Twine(desc.headDim) +
                " dimensions: partial rotary embeddings are not supported");
  Expected<std::string> type = getString(prefix + "scaling.type");
  if (!type)
    return type.takeError();
  if (*type == "" || *type == "none")
    rope.scaling = "";
  else if (*type == "linear" || *type == "yarn")
    rope.scaling = *type;
  else
    return fail("RoPE scaling '" + *type + "' (" + prefix +
                "scaling.type) is not supported (supported: none, linear, yarn)");
  if (!rope.scaling.empty()) {
    Expected<double> factor = getFloat(prefix + "scaling.factor", std::nullopt);
    if (!factor)
      return factor.takeError();
    if (!(*factor > 0))
      return fail("metadata '" + prefix + "scaling.factor' is " + num(*factor) +
                  ", expected a positive number");
    rope.factor = *factor;
    Expected<int64_t> orig =
        getInt(prefix + "scaling.original_context_length", int64_t(0), 0);
    if (!orig)
      return orig.takeError();
    rope.originalContext = *orig;
  }
  // Llama 3.1-style scaling reaches GGUF as per-dimension frequency divisors.
  auto factors = getTensor("rope_freqs.weight", {desc.headDim / 2}, /*required=*/false);
  if (!factors)
    return factors.takeError();
  if (*factors) {
    if (!rope.scaling.empty())
      return fail("tensor 'rope_freqs.weight' and " + prefix +
                  "scaling.type both scale RoPE; a file may have only one");
    if ((*factors)->dtype != "f32")
      return fail("tensor 'rope_freqs.weight' is " + (*factors)->dtype + ", expected f32");
    rope.freqFactors = std::move(**factors);
  }
  return Error::success();
}

Error Describer::readTensors() {
  const int64_t h = desc.hidden, qDim = desc.numHeads * desc.headDim,
                kvDim = desc.numKvHeads * desc.headDim;
  auto required = [&](TensorRef &out, const std::string &name,
                      std::vector<int64_t> shape) -> Error {
    auto t = getTensor(name, shape);
    if (!t)
      return t.takeError();
    out = std::move(**t);
    return Error::success();
  };
  auto optional = [&](std::optional<TensorRef> &out, const std::string &name,
                      std::vector<int64_t> shape) -> Error {
    auto t = getTensor(name, shape, /*required=*/false);
    if (!t)
      return t.takeError();
    out = std::move(*t);
    return Error::success();
  };

  // The vocabulary: {arch}.vocab_size, else the tokenizer's token count, else
  // the embedding's rows.
  const MetadataValue *tokens = file.findMetadata("tokenizer.ggml.tokens");
  std::optional<int64_t> defaultVocab;
  if (tokens && tokens->type == ValueType::Array && !tokens->array.empty())
    defaultVocab = int64_t(tokens->array.size());
  else if (const TensorInfo *e = file.findTensor("token_embd.weight"))
    if (e->ne.size() == 2 && e->ne[1] >= 1 && e->ne[1] <= uint64_t(kMaxDim))
      defaultVocab = int64_t(e->ne[1]);
  Expected<int64_t> vocab = getInt(arch + ".vocab_size", defaultVocab);
  if (!vocab)
    return vocab.takeError();
  desc.vocab = *vocab;

  if (Error e = required(desc.tokenEmbedding, "token_embd.weight", {desc.vocab, h}))
    return e;
  if (Error e = required(desc.outputNorm, "output_norm.weight", {h}))
    return e;
  if (Error e = optional(desc.output, "output.weight", {desc.vocab, h}))
    return e;
  desc.tiedEmbeddings = !desc.output;

  for (int64_t n = 0; n < desc.numLayers; ++n) {
    std::string p = "blk." + std::to_string(n) + ".";
    BlockTensors b;
    struct Req {
      TensorRef *out;
      const char *name;
      std::vector<int64_t> shape;
    } reqs[] = {
        {&b.attnNorm, "attn_norm", {h}},        {&b.q, "attn_q", {qDim, h}},
        {&b.k, "attn_k", {kvDim, h}},           {&b.v, "attn_v", {kvDim, h}},
        {&b.o, "attn_output", {h, qDim}},       {&b.ffnNorm, "ffn_norm", {h}},
        {&b.gate, "ffn_gate", {desc.ffn, h}},   {&b.up, "ffn_up", {desc.ffn, h}},
        {&b.down, "ffn_down", {h, desc.ffn}},
    };
    for (Req &r : reqs)
      if (Error e = required(*r.out, p + r.name + ".weight", r.shape))
        return e;
    if (Error e = optional(b.qBias, p + "attn_q.bias", {qDim}))
      return e;
    if (Error e = optional(b.kBias, p + "attn_k.bias", {kvDim}))
      return e;
    if (Error e = optional(b.vBias, p + "attn_v.bias", {kvDim}))
      return e;
    if (Error e = optional(b.sinkLogits, p + "attn_sinks.weight", {desc.numHeads}))
      return e;
    desc.blocks.push_back(std::move(b));
  }
  // Anything else (MoE experts, extra layers, vision towers) would be
  // silently dropped: name it instead.
  for (const TensorInfo &t : file.getTensors())
    if (!used.contains(t.name))
      return fail("tensor '" + t.name + "' is not part of a " + arch +
                  " model with " + Twine(desc.numLayers) + " layers");
  return Error::success();
}

Error Describer::readTokenizer() {
  TokenizerInfo &tok = desc.tokenizer;
  Expected<std::string> model = getString("tokenizer.ggml.model");
  if (!model)
    return model.takeError();
  Expected<std::string> pre = getString("tokenizer.ggml.pre");
  if (!pre)
    return pre.takeError();
  Expected<std::string> tmpl = getString("tokenizer.chat_template");
  if (!tmpl)
    return tmpl.takeError();
  tok.model = *model;
  tok.pre = *pre;
  tok.chatTemplate = *tmpl;
  if (!tok.model.empty())
    tok.source = path;
  if (tok.model == "gpt2") {
    // llama.cpp uses its default split list when the name is missing.
    Expected<std::vector<std::string>> regexes =
        getPreTokenizerRegexes(tok.pre.empty() ? "default" : tok.pre);
    if (!regexes)
      return fail("tokenizer.ggml.pre: " + toString(regexes.takeError()));
    tok.preRegexes = std::move(*regexes);
  }
  auto length = [&](int64_t &out, StringRef key) -> Error {
    Expected<int64_t> n = getArrayLength(key);
    if (!n)
      return n.takeError();
    out = *n;
    return Error::success();
  };
  if (Error e = length(tok.vocabSize, "tokenizer.ggml.tokens"))
    return e;
  if (Error e = length(tok.mergeCount, "tokenizer.ggml.merges"))
    return e;
  tok.hasScores = file.findMetadata("tokenizer.ggml.scores") != nullptr;
  tok.hasTokenTypes = file.findMetadata("tokenizer.ggml.token_type") != nullptr;
  struct Id {
    int64_t *out;
    const char *key;
  } ids[] = {{&tok.bos, "tokenizer.ggml.bos_token_id"},
             {&tok.eos, "tokenizer.ggml.eos_token_id"},
             {&tok.unk, "tokenizer.ggml.unknown_token_id"},
             {&tok.pad, "tokenizer.ggml.padding_token_id"}};
  for (Id &id : ids) {
    Expected<int64_t> v = getInt(id.key, int64_t(-1), -1);
    if (!v)
      return v.takeError();
    if (*v >= 0 && tok.vocabSize > 0 && *v >= tok.vocabSize)
      return fail("metadata '" + Twine(id.key) + "' is " + Twine(*v) +
                  ", past the vocabulary of " + Twine(tok.vocabSize) + " tokens");
    *id.out = *v;
  }
  // Absent key: llama.cpp's default, BOS for SentencePiece ("llama"), not
  // for byte-level BPE.
  Expected<bool> addBos = getBool("tokenizer.ggml.add_bos_token", tok.model == "llama");
  if (!addBos)
    return addBos.takeError();
  tok.addBos = *addBos;
  return Error::success();
}

Expected<ModelDescription> Describer::run() {
  desc.format = "gguf";
  desc.source = path;
  const MetadataValue *archValue = file.findMetadata("general.architecture");
  if (!archValue)
    return fail("missing metadata key 'general.architecture'");
  if (!archValue->getString())
    return fail("metadata 'general.architecture' is a " +
                Twine(typeName(archValue->type)) + ", expected a string");
  arch = archValue->s;
  if (!is_contained(kSupportedArchs, StringRef(arch)))
    return fail("architecture '" + arch +
                "' is not supported (supported: llama, qwen2)");
  desc.arch = arch;
  Expected<std::string> name = getString("general.name");
  if (!name)
    return name.takeError();
  desc.name = *name;
  if (Error e = readHyperParameters())
    return std::move(e);
  if (Error e = readRope())
    return std::move(e);
  if (Error e = readTensors())
    return std::move(e);
  if (Error e = readTokenizer())
    return std::move(e);
  return std::move(desc);
}

} // namespace

Expected<ModelDescription> describeGguf(const gguf::GgufFile &file) {
  return Describer(file).run();
}

} // namespace sinkc::import
