//===- BenchWork.cpp - what one token costs, from a package's manifest ----===//

#include "BenchWork.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"

#include <algorithm>

using namespace llvm;

namespace sinkc::cli {

DispatchGroup dispatchGroupOf(StringRef kernel) {
  if (kernel.contains("attention"))
    return DispatchGroup::Attention;
  if (kernel.contains("linear") || kernel.contains("lm_head"))
    return DispatchGroup::Matmuls;
  return DispatchGroup::Rest;
}

StringRef dispatchGroupName(DispatchGroup group) {
  switch (group) {
  case DispatchGroup::Attention: return "attention";
  case DispatchGroup::Matmuls: return "matmuls";
  case DispatchGroup::Rest: return "rest";
  }
  return "rest";
}

uint64_t TokenWork::kvBytesRead(int64_t cached) const {
  uint64_t bytes = 0;
  for (const KvGroupTraffic &g : kvGroups) {
    uint64_t slots = uint64_t(g.slots > 0 ? std::min(g.slots, cached) : cached);
    bytes += g.entries * 2 * slots * g.headDim * g.elementBytes; // keys and values
  }
  return bytes;
}

namespace {

Error fieldError(const Twine &field, const Twine &what) {
  return createStringError(inconvertibleErrorCode(),
                           "package manifest field \"" + field + "\": " + what);
}

struct TensorFacts {
  uint64_t bytes = 0, elements = 1, rows = 1;
  bool matrix = false;
};

Expected<StringMap<TensorFacts>> tensorTable(const json::Object &root) {
  const json::Array *tensors = root.getArray("tensors");
  if (!tensors)
    return fieldError("tensors", "missing or not an array");
  StringMap<TensorFacts> table;
  for (size_t i = 0; i < tensors->size(); ++i) {
    const json::Object *t = (*tensors)[i].getAsObject();
    std::optional<StringRef> name = t ? t->getString("name") : std::nullopt;
    std::optional<int64_t> size = t ? t->getInteger("size") : std::nullopt;
    const json::Array *shape = t ? t->getArray("shape") : nullptr;
    if (!name || !size || !shape)
      return fieldError("tensors[" + Twine(i) + "]", "needs name, size and shape");
    TensorFacts facts;
    facts.bytes = uint64_t(*size);
    for (const json::Value &d : *shape)
      facts.elements *= uint64_t(d.getAsInteger().value_or(1));
    facts.rows = shape->empty() ? 1 : uint64_t((*shape)[0].getAsInteger().value_or(1));
    facts.matrix = shape->size() == 2;
    table[*name] = facts;
  }
  return table;
}

/// How an entry's steps read a tensor.
struct TensorUse {
  bool whole = false;      ///< a step other than an embedding gather reads it whole
  bool perToken = false;   ///< ... and one of those comes before "row_wise_from"
};

/// The tensors an entry's steps bind, and how.
Expected<StringMap<TensorUse>> tensorsBoundBy(const json::Object &root, StringRef entryName,
                                              int64_t *maxTokens = nullptr) {
  const json::Array *plan = root.getArray("execution_plan");
  if (!plan)
    return fieldError("execution_plan", "missing or not an array");
  for (const json::Value &e : *plan) {
    const json::Object *entry = e.getAsObject();
    if (!entry || entry->getString("entry") != entryName)
      continue;
    const json::Array *steps = entry->getArray("steps");
    if (!steps)
      return fieldError("execution_plan." + entryName + ".steps", "missing");
    if (maxTokens)
      *maxTokens = entry->getInteger("max_tokens").value_or(1);
    size_t rowWiseFrom = size_t(entry->getInteger("row_wise_from").value_or(int64_t(steps->size())));
    StringMap<TensorUse> uses;
    for (auto [index, s] : llvm::enumerate(*steps)) {
      const json::Object *step = s.getAsObject();
      const json::Array *bindings = step ? step->getArray("bindings") : nullptr;
      if (!bindings)
        continue;
      bool gather = step->getString("kernel").value_or("").contains("embedding");
      for (const json::Value &b : *bindings)
        if (const json::Object *binding = b.getAsObject())
          if (std::optional<StringRef> tensor = binding->getString("tensor")) {
            TensorUse &use = uses[*tensor];
            use.whole |= !gather;
            use.perToken |= !gather && index < rowWiseFrom;
          }
    }
    return uses;
  }
  return fieldError("execution_plan", "has no \"" + entryName + "\" entry");
}

Expected<std::vector<KvGroupTraffic>> kvGroupsOf(const json::Object &root) {
  const json::Object *cache = root.getObject("kv_cache");
  const json::Array *groups = cache ? cache->getArray("groups") : nullptr;
  if (!groups)
    return fieldError("kv_cache.groups", "missing or not an array");
  std::vector<KvGroupTraffic> result;
  for (size_t i = 0; i < groups->size(); ++i) {
    const json::Object *g = (*groups)[i].getAsObject();
    std::optional<int64_t> entries = g ? g->getInteger("entries") : std::nullopt;
    std::optional<int64_t> headDim = g ? g->getInteger("head_dim") : std::nullopt;
    std::optional<StringRef> element = g ? g->getString("element_type") : std::nullopt;
    if (!entries || !headDim || !element || (*element != "f16" && *element != "f32"))
      return fieldError("kv_cache.groups[" + Twine(i) + "]",
                        "needs entries, head_dim and element_type f16 or f32");
    KvGroupTraffic t;
    t.entries = uint64_t(*entries);
    t.headDim = uint64_t(*headDim);
    t.elementBytes = *element == "f16" ? 2 : 4;
    t.slots = g->getInteger("slots").value_or(0); // null: full
    result.push_back(t);
  }
  return result;
}

} // namespace

Expected<TokenWork> tokenWorkOf(StringRef manifestJson) {
  Expected<json::Value> parsed = json::parse(manifestJson);
  if (!parsed)
    return createStringError(inconvertibleErrorCode(),
                             "package manifest is not JSON: " + toString(parsed.takeError()));
  const json::Object *root = parsed->getAsObject();
  if (!root)
    return fieldError("(root)", "not an object");
  Expected<StringMap<TensorFacts>> tensors = tensorTable(*root);
  if (!tensors)
    return tensors.takeError();
  Expected<StringMap<TensorUse>> decode = tensorsBoundBy(*root, "decode");
  if (!decode)
    return decode.takeError();
  TokenWork work;
  Expected<StringMap<TensorUse>> prefill = tensorsBoundBy(*root, "prefill", &work.prefillChunk);
  if (!prefill)
    return prefill.takeError();
  Expected<std::vector<KvGroupTraffic>> kv = kvGroupsOf(*root);
  if (!kv)
    return kv.takeError();

  work.kvGroups = std::move(*kv);
  for (const auto &[name, use] : *decode) {
    auto it = tensors->find(name);
    if (it == tensors->end())
      return fieldError("execution_plan.decode", "binds unknown tensor '" + name + "'");
    work.decodeWeightBytes += use.whole ? it->second.bytes : it->second.bytes / it->second.rows;
  }
  for (const auto &[name, use] : *prefill) {
    auto it = tensors->find(name);
    if (it == tensors->end() || !use.whole || !it->second.matrix)
      continue;
    (use.perToken ? work.matmulParameters : work.lastTokenParameters) += it->second.elements;
  }
  return work;
}

double TokenWork::prefillOps(uint64_t tokens) const {
  const uint64_t chunk = uint64_t(std::max<int64_t>(prefillChunk, 1));
  const uint64_t chunks = (tokens + chunk - 1) / chunk;
  return 2.0 * (double(matmulParameters) * double(tokens) +
                double(lastTokenParameters) * double(chunks));
}

} // namespace sinkc::cli
