//===- ModelPackager.cpp - a described model as a .sinkpkg ---------------===//
//
// Weights are never decoded: each tensor's stored bytes are copied from the
// mapped source file straight into the mapped package (PackageWriter's fill
// callbacks), so a quantized tensor keeps its blocks and packing costs one
// pass over the weights. The manifest is written with json::OStream so that
// its members keep the documented order.
//
//===----------------------------------------------------------------------===//

#include "ModelPackager.h"

#include "ModelTokenizer.h"
#include "PackageWriter.h"

#include "sinkrt/package_format.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <memory>

using namespace llvm;
using sinkc::import::ModelDescription;
using sinkc::import::TensorRef;

namespace sinkc::package {
namespace {

Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// Every weight tensor of `model` once, in a fixed order: embedding, blocks
/// in order, output norm, output, rope factors. A tied output is the
/// embedding itself and is not listed again.
std::vector<const TensorRef *> weightTensors(const ModelDescription &model) {
  std::vector<const TensorRef *> refs;
  auto add = [&refs](const TensorRef &t) { refs.push_back(&t); };
  auto addOpt = [&add](const std::optional<TensorRef> &t) {
    if (t)
      add(*t);
  };
  add(model.tokenEmbedding);
  for (const import::BlockTensors &b : model.blocks) {
    add(b.attnNorm);
    add(b.q);
    addOpt(b.qBias);
    add(b.k);
    addOpt(b.kBias);
    add(b.v);
    addOpt(b.vBias);
    add(b.o);
    addOpt(b.sinkLogits);
    add(b.ffnNorm);
    add(b.gate);
    add(b.up);
    add(b.down);
  }
  add(model.outputNorm);
  addOpt(model.output);
  addOpt(model.rope.freqFactors);
  return refs;
}

/// The source files, each mapped once for the whole write.
class SourceFiles {
public:
  Expected<const MemoryBuffer *> get(StringRef path) {
    auto it = files.find(path);
    if (it != files.end())
      return it->second.get();
    ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
        MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!buffer)
      return fail(path + ": cannot read: " + buffer.getError().message());
    const MemoryBuffer *raw = buffer->get();
    files[path] = std::move(*buffer);
    return raw;
  }

private:
  StringMap<std::unique_ptr<MemoryBuffer>> files;
};

Error addTensors(const ModelDescription &model, SourceFiles &sources, PackageWriter &writer) {
  StringSet<> seen;
  for (const TensorRef *t : weightTensors(model)) {
    if (!seen.insert(t->name).second)
      continue; // a tied output names the embedding
    std::string where = t->file + ": tensor '" + t->name + "'";
    uint32_t dtype = 0;
    if (!sinkrt::pkg::parseDType(t->dtype.data(), t->dtype.size(), dtype))
      return fail(where + ": stored type '" + t->dtype + "' has no package dtype");
    uint64_t rows = 1, row = t->shape.empty() ? 1 : uint64_t(t->shape.back());
    for (size_t i = 0; i + 1 < t->shape.size(); ++i)
      rows *= uint64_t(t->shape[i]); // the importers bound every dimension
    uint64_t size = sinkrt::pkg::dtypeStorageBytes(dtype, row, rows);
    Expected<const MemoryBuffer *> file = sources.get(t->file);
    if (!file)
      return file.takeError();
    uint64_t fileSize = (*file)->getBufferSize();
    if (size == 0 || t->offset > fileSize || size > fileSize - t->offset)
      return fail(where + ": byte " + Twine(t->offset) + ": " + Twine(size) + " bytes of " +
                  t->dtype + " " + import::formatShape(t->shape) +
                  " do not fit in the file of " + Twine(fileSize) + " bytes");
    const uint8_t *src =
        reinterpret_cast<const uint8_t *>((*file)->getBufferStart()) + t->offset;
    std::string error = writer.addTensor(
        t->name, dtype, t->shape, [src](uint8_t *dst, uint64_t n) {
          std::memcpy(dst, src, n);
          return std::string();
        });
    if (!error.empty())
      return fail(where + ": " + error);
  }
  return Error::success();
}

const char *ropeStyleName(import::RopeStyle style) {
  return style == import::RopeStyle::Interleaved ? "interleaved" : "neox";
}

/// The policy every kv-head gets under `option`.
KvPolicyOption effectivePolicy(const ModelDescription &model, const KvPolicyOption &option) {
  if (option.kind != KvPolicyOption::Kind::Model)
    return option;
  if (model.slidingWindow > 0)
    return {KvPolicyOption::Kind::Streaming, 0, model.slidingWindow};
  return {KvPolicyOption::Kind::Full, 0, 0};
}

Expected<std::string> buildManifest(const ModelDescription &model,
                                    const ModelTokenizer &tokenizer,
                                    const PackageOptions &options) {
  const StringRef element = options.kvElementType;
  if (element != "f32" && element != "f16" && element != "bf16")
    return fail("KV element type '" + element + "' is not f32, f16 or bf16");
  KvPolicyOption policy = effectivePolicy(model, options.kvPolicy);
  if (policy.kind == KvPolicyOption::Kind::Streaming &&
      (policy.sinks < 0 || policy.window < 1))
    return fail("KV policy sinks=" + Twine(policy.sinks) + ",window=" + Twine(policy.window) +
                " needs sinks >= 0 and window >= 1");
  Expected<json::Value> plan = json::parse(options.executionPlanJson);
  if (!plan)
    return fail("execution plan: " + toString(plan.takeError()));
  if (!plan->getAsArray())
    return fail("execution plan is not a JSON array");

  std::string text;
  raw_string_ostream os(text);
  json::OStream j(os, /*IndentSize=*/1);
  j.object([&] {
    j.attributeObject("model", [&] {
      j.attribute("arch", model.arch);
      j.attribute("name", model.name);
      j.attribute("layers", model.numLayers);
      j.attribute("hidden", model.hidden);
      j.attribute("heads", model.numHeads);
      j.attribute("kv_heads", model.numKvHeads);
      j.attribute("head_dim", model.headDim);
      j.attribute("vocab", model.vocab);
      j.attribute("context", model.contextLength);
      // Beyond the documented fields: what the lowering will need.
      j.attribute("ffn", model.ffn);
      j.attribute("norm_epsilon", model.normEpsilon);
      j.attribute("tied_embeddings", model.tiedEmbeddings);
      j.attribute("sliding_window", model.slidingWindow);
      j.attributeObject("rope", [&] {
        const import::RopeConfig &r = model.rope;
        j.attribute("theta", r.theta);
        j.attribute("style", ropeStyleName(r.style));
        j.attribute("scaling", r.scaling);
        j.attribute("factor", r.factor);
        j.attribute("low_freq_factor", r.lowFreqFactor);
        j.attribute("high_freq_factor", r.highFreqFactor);
        j.attribute("original_context", r.originalContext);
        j.attribute("freq_factors",
                    r.freqFactors ? json::Value(r.freqFactors->name) : json::Value(nullptr));
      });
    });
    j.attributeObject("tokenizer", [&] {
      const import::TokenizerInfo &t = model.tokenizer;
      j.attribute("kind", t.model);
      j.attribute("pre", t.pre);
      j.attributeArray("regexes", [&] {
        for (const std::string &re : t.preRegexes)
          j.value(re);
      });
      j.attribute("bos", t.bos);
      j.attribute("eos", t.eos);
      j.attribute("unk", t.unk);
      j.attribute("pad", t.pad);
      j.attribute("add_bos", t.addBos);
      j.attribute("chat_template", t.chatTemplate);
      // What the runtime tokenizer needs beyond the documented fields
      // (runtime/src/api/PackageTokenizer.cpp reads them).
      j.attribute("token_types", tokenizer.hasTokenTypes);
      j.attribute("ignore_merges", tokenizer.ignoreMerges);
      j.attribute("bpe_unk", tokenizer.bpeUnk);
    });
    j.attributeObject("kv_cache", [&] {
      j.attribute("abi_version", int64_t(sinkrt::pkg::kKvAbiVersion));
      j.attributeArray("groups", [&] {
        // Without explicit groups: one policy for every kv-head, one group,
        // entries in (layer, kv-head) order (docs/kv-abi.md).
        std::vector<KvGroupSpec> groups = options.kvGroups;
        if (groups.empty())
          groups.push_back({policy, model.numLayers * model.numKvHeads});
        for (const KvGroupSpec &group : groups)
          j.object([&] {
            bool full = group.policy.kind == KvPolicyOption::Kind::Full;
            j.attribute("policy", full ? "full" : "streaming");
            if (!full) {
              j.attribute("sinks", group.policy.sinks);
              j.attribute("window", group.policy.window);
            }
            j.attribute("slots", full ? json::Value(nullptr)
                                      : json::Value(group.policy.sinks + group.policy.window));
            j.attribute("entries", group.entries);
            j.attribute("head_dim", model.headDim);
            j.attribute("element_type", element);
          });
      });
    });
    // As written: the lowering's key order is kept.
    j.attributeBegin("execution_plan");
    j.rawValue(options.executionPlanJson);
    j.attributeEnd();
    j.attributeArray("cpu_features", [&] {
      for (const std::string &f : options.cpuFeatures)
        j.value(f);
    });
    for (const auto &member : options.extraMembers)
      j.attribute(member.first, member.second);
  });
  return text;
}

std::string kernelFormat(const KernelBlob &k) {
  if (!k.format.empty())
    return k.format;
  StringRef target = k.target;
  if (target.starts_with("cuda"))
    return "cubin";
  if (target.starts_with("hip"))
    return "hsaco";
  return "elf-shared-object";
}

} // namespace

Expected<KvPolicyOption> parseKvPolicy(StringRef text) {
  auto bad = [&] {
    return fail("KV policy '" + text +
                "' is not 'full' or 'sinks=N,window=W' (N >= 0, W >= 1)");
  };
  if (text == "full")
    return KvPolicyOption{KvPolicyOption::Kind::Full, 0, 0};
  auto [sinksPart, windowPart] = text.split(',');
  KvPolicyOption p{KvPolicyOption::Kind::Streaming, 0, 0};
  if (!sinksPart.consume_front("sinks=") || !windowPart.consume_front("window=") ||
      sinksPart.getAsInteger(10, p.sinks) || windowPart.getAsInteger(10, p.window) ||
      p.sinks < 0 || p.window < 1 || p.sinks > (int64_t(1) << 31) ||
      p.window > (int64_t(1) << 31))
    return bad();
  return p;
}

Error writeModelPackage(const ModelDescription &model, const PackageOptions &options,
                        StringRef outputPath) {
  Expected<ModelTokenizer> tokenizer = readModelTokenizer(model);
  if (!tokenizer)
    return tokenizer.takeError();
  Expected<std::string> manifest = buildManifest(model, *tokenizer, options);
  if (!manifest)
    return manifest.takeError();

  PackageWriter writer;
  if (std::string e = writer.setManifest(*manifest); !e.empty())
    return fail(outputPath + ": " + e);
  writer.setTokenizer(std::move(tokenizer->section));
  for (const KernelBlob &k : options.kernels)
    if (std::string e = writer.addKernel(k.target, kernelFormat(k), k.bytes); !e.empty())
      return fail(outputPath + ": " + e);
  // Mapped until write() has copied every tensor.
  SourceFiles sources;
  if (Error e = addTensors(model, sources, writer))
    return e;
  if (std::string e = writer.write(outputPath.str()); !e.empty())
    return fail(e);
  return Error::success();
}

} // namespace sinkc::package
