//===- InspectCommand.cpp - sinkc inspect MODEL|PKG [--json] ---------------===//
//
// What a model file holds, as sinkc reads it: architecture and sizes, tensor
// storage types with counts and bytes, tokenizer kind and special tokens.
// A compiled package (.sinkpkg) is described by PackageInspect.cpp instead.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "PackageInspect.h"

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/GgufTypes.h"
#include "sinkc/Importers/ModelDescription.h"
#include "sinkc/Importers/UntrustedJson.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace llvm;
using sinkc::import::ModelDescription;
using sinkc::import::TensorRef;

namespace sinkc::cli {

cl::SubCommand inspectCommand("inspect",
                              "Describe a GGUF file, checkpoint folder or compiled package");

namespace {
cl::opt<std::string> modelPath(cl::Positional, cl::Required, cl::sub(inspectCommand),
                               cl::desc("MODEL (.gguf file or checkpoint folder) or "
                                        "PKG.sinkpkg (compiled package)"),
                               cl::value_desc("MODEL|PKG"));
cl::opt<bool> asJson("json", cl::sub(inspectCommand), cl::desc("Print one JSON object"));

/// Stored bytes of a tensor from its dtype name and shape.
uint64_t tensorBytes(const TensorRef &t) {
  uint64_t count = 1;
  for (int64_t d : t.shape)
    count *= static_cast<uint64_t>(d);
  for (uint32_t id = 0; id < 64; ++id)
    if (const gguf::TypeTraits *traits = gguf::getTypeTraits(id))
      if (t.dtype == traits->name)
        return gguf::storageBytes(*traits, count);
  return 0;
}

uint64_t tensorValues(const TensorRef &t) {
  uint64_t count = 1;
  for (int64_t d : t.shape)
    count *= static_cast<uint64_t>(d);
  return count;
}

std::vector<const TensorRef *> allTensors(const ModelDescription &m) {
  std::vector<const TensorRef *> out = {&m.tokenEmbedding, &m.outputNorm};
  if (m.output)
    out.push_back(&*m.output);
  for (const auto &b : m.blocks) {
    for (const TensorRef *t : {&b.attnNorm, &b.q, &b.k, &b.v, &b.o, &b.ffnNorm, &b.gate,
                               &b.up, &b.down})
      out.push_back(t);
    for (const auto *t : {&b.qBias, &b.kBias, &b.vBias, &b.sinkLogits})
      if (*t)
        out.push_back(&**t);
  }
  return out;
}

/// The text of token `id`, read from the tokenizer's source (GGUF tokens
/// array or tokenizer.json); empty when unknown.
class TokenTexts {
public:
  explicit TokenTexts(const ModelDescription &m) {
    const std::string &source = m.tokenizer.source;
    if (source.empty())
      return;
    if (m.format == "gguf") {
      if (Expected<gguf::GgufFile> file = gguf::GgufFile::open(source)) {
        if (const gguf::MetadataValue *tokens = file->findMetadata("tokenizer.ggml.tokens"))
          for (int64_t id : {m.tokenizer.bos, m.tokenizer.eos, m.tokenizer.unk, m.tokenizer.pad})
            if (id >= 0 && static_cast<size_t>(id) < tokens->array.size())
              texts[id] = tokens->array[id].s;
      } else {
        consumeError(file.takeError());
      }
      return;
    }
    // tokenizer.json: special tokens are added tokens.
    Expected<json::Object> root = import::readJsonObjectFile(source);
    if (!root) {
      consumeError(root.takeError());
      return;
    }
    if (const json::Array *added = root->getArray("added_tokens"))
      for (const json::Value &v : *added)
        if (const json::Object *o = v.getAsObject())
          if (std::optional<int64_t> id = o->getInteger("id"))
            if (std::optional<StringRef> content = o->getString("content"))
              texts[*id] = content->str();
  }

  std::string get(int64_t id) const {
    auto it = texts.find(id);
    return it == texts.end() ? std::string() : it->second;
  }

private:
  std::map<int64_t, std::string> texts;
};

struct TypeSummary {
  uint64_t count = 0, bytes = 0;
};

} // namespace

int runInspect() {
  if (isPackagePath(modelPath))
    return inspectPackage(modelPath, asJson);
  Expected<ModelDescription> described = import::describeModel(modelPath);
  if (!described) {
    errs() << "sinkc inspect: " << toString(described.takeError()) << "\n";
    return 1;
  }
  const ModelDescription &m = *described;
  std::map<std::string, TypeSummary> types;
  uint64_t parameters = 0, totalBytes = 0, tensorCount = 0;
  for (const TensorRef *t : allTensors(m)) {
    TypeSummary &s = types[t->dtype];
    ++s.count;
    s.bytes += tensorBytes(*t);
    parameters += tensorValues(*t);
    totalBytes += tensorBytes(*t);
    ++tensorCount;
  }
  bool hasBias = !m.blocks.empty() && m.blocks.front().qBias.has_value();
  bool hasSinks = !m.blocks.empty() && m.blocks.front().sinkLogits.has_value();
  const auto &tok = m.tokenizer;
  TokenTexts texts(m);
  const char *style = m.rope.style == import::RopeStyle::Interleaved ? "interleaved" : "neox";

  if (asJson) {
    json::Object typeObject;
    for (const auto &[name, s] : types)
      typeObject[name] = json::Object{{"tensors", s.count}, {"bytes", s.bytes}};
    json::Object special;
    for (auto [name, id] : {std::pair{"bos", tok.bos}, std::pair{"eos", tok.eos},
                            std::pair{"unk", tok.unk}, std::pair{"pad", tok.pad}})
      if (id >= 0)
        special[name] = json::Object{{"id", id}, {"text", texts.get(id)}};
    json::Object root{
        {"source", m.source},
        {"format", m.format},
        {"architecture", m.arch},
        {"name", m.name},
        {"layers", m.numLayers},
        {"hidden", m.hidden},
        {"ffn", m.ffn},
        {"heads", m.numHeads},
        {"kv_heads", m.numKvHeads},
        {"head_dim", m.headDim},
        {"vocab", m.vocab},
        {"context_length", m.contextLength},
        {"norm_epsilon", m.normEpsilon},
        {"rope", json::Object{{"theta", m.rope.theta},
                              {"style", style},
                              {"scaling", m.rope.scaling},
                              {"factor", m.rope.factor}}},
        {"sliding_window", m.slidingWindow},
        {"tied_embeddings", m.tiedEmbeddings},
        {"qkv_bias", hasBias},
        {"learned_sinks", hasSinks},
        {"parameters", parameters},
        {"tensors", tensorCount},
        {"weight_bytes", totalBytes},
        {"tensor_types", std::move(typeObject)},
        {"tokenizer",
         json::Object{{"model", tok.model},
                      {"pre", tok.pre},
                      {"regexes", static_cast<int64_t>(tok.preRegexes.size())},
                      {"vocab", tok.vocabSize},
                      {"merges", tok.mergeCount},
                      {"scores", tok.hasScores},
                      {"token_types", tok.hasTokenTypes},
                      {"add_bos", tok.addBos},
                      {"special", std::move(special)},
                      {"chat_template", !tok.chatTemplate.empty()}}},
    };
    outs() << formatv("{0:2}", json::Value(std::move(root))) << "\n";
    return 0;
  }

  raw_ostream &os = outs();
  os << "model:          " << m.source << " (" << m.format << ")\n";
  os << "architecture:   " << m.arch << (m.name.empty() ? "" : "  \"" + m.name + "\"") << "\n";
  os << "layers:         " << m.numLayers << "\n";
  os << "hidden:         " << m.hidden << "   ffn: " << m.ffn << "\n";
  os << "attention:      " << m.numHeads << " heads, " << m.numKvHeads
     << " kv-heads, head_dim " << m.headDim << (hasBias ? ", q/k/v bias" : "")
     << (hasSinks ? ", learned sinks" : "") << "\n";
  os << "vocabulary:     " << m.vocab << "\n";
  os << "context length: " << m.contextLength << "\n";
  os << "rope:           theta " << format("%g", m.rope.theta) << ", " << style
     << (m.rope.scaling.empty() ? "" : ", " + m.rope.scaling + " scaling x" +
                                           std::to_string(m.rope.factor))
     << "\n";
  os << "norm epsilon:   " << format("%g", m.normEpsilon) << "\n";
  os << "sliding window: " << (m.slidingWindow ? std::to_string(m.slidingWindow) : "none")
     << "\n";
  os << "embeddings:     " << (m.tiedEmbeddings ? "tied" : "separate output") << "\n";
  os << "parameters:     " << parameters << "\n";
  os << "tensors:        " << tensorCount << " (" << totalBytes << " bytes)\n";
  for (const auto &[name, s] : types)
    os << format("  %-6s %6llu tensors %14llu bytes\n", name.c_str(),
                 (unsigned long long)s.count, (unsigned long long)s.bytes);
  if (tok.source.empty()) {
    os << "tokenizer:      none\n";
    return 0;
  }
  os << "tokenizer:      " << tok.model << (tok.pre.empty() ? "" : ", pre-tokenizer " + tok.pre)
     << " (" << tok.preRegexes.size() << " regexes), " << tok.vocabSize << " tokens, "
     << tok.mergeCount << " merges" << (tok.hasScores ? ", scores" : "")
     << (tok.hasTokenTypes ? ", token types" : "") << "\n";
  os << "special tokens:";
  for (auto [name, id] : {std::pair{"bos", tok.bos}, std::pair{"eos", tok.eos},
                          std::pair{"unk", tok.unk}, std::pair{"pad", tok.pad}})
    if (id >= 0)
      os << " " << name << "=" << id << " \"" << texts.get(id) << "\"";
  os << (tok.addBos ? "  (adds bos)" : "") << "\n";
  os << "chat template:  "
     << (tok.chatTemplate.empty() ? "none" : std::to_string(tok.chatTemplate.size()) + " chars")
     << "\n";
  return 0;
}

} // namespace sinkc::cli
