//===- ExecutionPlan.cpp - the manifest's execution plan, validated -------===//

#include "exec/ExecutionPlan.h"

#include <limits>
#include <unordered_map>

using Json = nlohmann::json;

namespace sinkrt {

namespace {

// Bounds that keep every `perToken * tokens + fixed` far from overflow:
// 2^40 * 2^20 + 2^40 < 2^61.
constexpr int64_t kMaxTokens = int64_t(1) << 20;
constexpr int64_t kMaxBytes = int64_t(1) << 40;

std::string quote(const std::string &s) { return "\"" + s + "\""; }

/// Reads the plan's JSON; the first failure is kept in `error` and every
/// later read fails, so callers check once per entry.
class PlanReader {
public:
  std::string error;
  /// " (entry \"prefill\", step 1)" while reading inside one.
  std::string where;

  bool fail(const std::string &path, const std::string &what) {
    if (error.empty())
      error = "manifest field " + quote(path) + where + " " + what;
    return false;
  }

  const Json *member(const Json &object, const std::string &path, const char *key) {
    if (!error.empty())
      return nullptr;
    auto it = object.find(key);
    if (it == object.end()) {
      fail(path + "." + key, "is missing");
      return nullptr;
    }
    return &*it;
  }

  bool integer(const Json &value, const std::string &path, int64_t &out, int64_t min,
               int64_t max) {
    if (!error.empty())
      return false;
    if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(max))
      return fail(path, "is " + std::to_string(value.get<uint64_t>()) + ", outside [" +
                            std::to_string(min) + ", " + std::to_string(max) + "]");
    if (!value.is_number_integer())
      return fail(path, "is not an integer");
    out = value.get<int64_t>();
    if (out < min || out > max)
      return fail(path, "is " + std::to_string(out) + ", outside [" + std::to_string(min) +
                            ", " + std::to_string(max) + "]");
    return true;
  }

  bool integer(const Json &object, const std::string &path, const char *key, int64_t &out,
               int64_t min, int64_t max) {
    const Json *v = member(object, path, key);
    return v && integer(*v, path + "." + key, out, min, max);
  }

  bool string(const Json &object, const std::string &path, const char *key, std::string &out) {
    const Json *v = member(object, path, key);
    if (!v)
      return false;
    if (!v->is_string() || v->get<std::string>().empty())
      return fail(path + "." + key, "is not a non-empty string");
    out = v->get<std::string>();
    return true;
  }

  /// `{"per_token": a, "fixed": b}` or a plain integer `b`.
  bool linear(const Json &value, const std::string &path, LinearForm &out) {
    if (!error.empty())
      return false;
    if (value.is_number())
      return integer(value, path, out.fixed, 0, kMaxBytes);
    if (!value.is_object())
      return fail(path, "is not an integer or a linear form {\"per_token\": a, \"fixed\": b}");
    return integer(value, path, "per_token", out.perToken, 0, kMaxBytes) &&
           integer(value, path, "fixed", out.fixed, 0, kMaxBytes);
  }

  bool linear(const Json &object, const std::string &path, const char *key, LinearForm &out) {
    const Json *v = member(object, path, key);
    return v && linear(*v, path + "." + key, out);
  }

  const Json *typed(const Json &object, const std::string &path, const char *key,
                    bool wantArray) {
    const Json *v = member(object, path, key);
    if (v && (wantArray ? !v->is_array() : !v->is_object())) {
      fail(path + "." + key, wantArray ? "is not an array" : "is not an object");
      return nullptr;
    }
    return v;
  }
};

/// Whether [offset(t), offset(t) + perTokenBytes * t) lies inside the
/// workspace for every t in [1, maxTokens]. Both ends are linear in t, so
/// checking t = 1 and t = maxTokens covers the range.
bool regionFits(const PlanEntry &e, const LinearForm &offset, int64_t perTokenBytes) {
  for (int64_t t : {int64_t(1), e.maxTokens})
    if (offset.at(t) + perTokenBytes * t > e.workspaceBytes.at(t))
      return false;
  return true;
}

std::string linearText(const LinearForm &f) {
  return std::to_string(f.perToken) + " x tokens + " + std::to_string(f.fixed);
}

class PlanParser {
public:
  PlanParser(const Manifest &manifest) : manifest(manifest) {
    for (const TensorInfo &t : manifest.tensors)
      tensors.emplace(t.name, &t);
  }

  bool entry(const Json &json, const std::string &path, PlanEntry &out);

  PlanReader r;

private:
  bool region(const PlanEntry &e, const std::string &path, const LinearForm &offset,
              int64_t perTokenBytes, const char *what);
  bool step(const PlanEntry &e, const Json &json, const std::string &path, PlanStep &out);
  bool binding(const PlanEntry &e, const Json &json, const std::string &path, PlanBinding &out);
  bool rowWise(const Json &json, const std::string &path, PlanEntry &out);
  bool scalar(const Json &json, const std::string &path, PlanScalar &out);

  const Manifest &manifest;
  std::unordered_map<std::string, const TensorInfo *> tensors;
};

bool PlanParser::region(const PlanEntry &e, const std::string &path, const LinearForm &offset,
                        int64_t perTokenBytes, const char *what) {
  if (offset.perToken % 4 || offset.fixed % 4)
    return r.fail(path, "(" + linearText(offset) + ") is not a multiple of 4");
  if (!regionFits(e, offset, perTokenBytes))
    return r.fail(path, "(" + linearText(offset) + ") puts the " + what +
                            " (" + std::to_string(perTokenBytes) +
                            " bytes per token) outside the workspace (" +
                            linearText(e.workspaceBytes) + " bytes)");
  return true;
}

bool PlanParser::entry(const Json &json, const std::string &path, PlanEntry &out) {
  r.where.clear();
  if (!json.is_object())
    return r.fail(path, "is not an object");
  if (!r.string(json, path, "entry", out.name))
    return false;
  if (out.name != "prefill" && out.name != "decode")
    return r.fail(path + ".entry", "is " + quote(out.name) + ", not \"prefill\" or \"decode\"");
  r.where = " (entry " + quote(out.name) + ")";
  r.integer(json, path, "max_tokens", out.maxTokens, 1, kMaxTokens);
  r.linear(json, path, "workspace_bytes", out.workspaceBytes);
  r.integer(json, path, "scratch_bytes", out.scratchBytes, 0, kMaxBytes);
  const Json *inputs = r.typed(json, path, "inputs", false);
  const Json *tokens = inputs ? r.typed(*inputs, path + ".inputs", "tokens", false) : nullptr;
  if (tokens)
    r.linear(*tokens, path + ".inputs.tokens", "offset", out.tokensOffset);
  const Json *outputs = r.typed(json, path, "outputs", false);
  const Json *logits = outputs ? r.typed(*outputs, path + ".outputs", "logits", false) : nullptr;
  if (logits) {
    r.linear(*logits, path + ".outputs.logits", "offset", out.logitsOffset);
    r.integer(*logits, path + ".outputs.logits", "per_token_bytes", out.logitsPerTokenBytes, 0,
              kMaxBytes);
  }
  if (!r.error.empty())
    return false;
  int64_t vocabBytes = manifest.model.vocab * 4;
  if (out.logitsPerTokenBytes != vocabBytes)
    return r.fail(path + ".outputs.logits.per_token_bytes",
                  "is " + std::to_string(out.logitsPerTokenBytes) +
                      ", not 4 x the model's vocab of " + std::to_string(manifest.model.vocab) +
                      " (" + std::to_string(vocabBytes) + ")");
  if (!region(out, path + ".inputs.tokens.offset", out.tokensOffset, 4, "token ids") ||
      !region(out, path + ".outputs.logits.offset", out.logitsOffset, vocabBytes, "logits"))
    return false;

  if (auto found = json.find("taps"); found != json.end()) {
    const Json *taps = &*found;
    if (!taps->is_array())
      return r.fail(path + ".taps", "is not an array");
    for (size_t i = 0; i < taps->size(); ++i) {
      std::string at = path + ".taps[" + std::to_string(i) + "]";
      PlanTap tap;
      if (!(*taps)[i].is_object())
        return r.fail(at, "is not an object");
      r.string((*taps)[i], at, "name", tap.name);
      r.linear((*taps)[i], at, "offset", tap.offset);
      r.integer((*taps)[i], at, "per_token_bytes", tap.perTokenBytes, 4, kMaxBytes);
      if (!r.error.empty())
        return false;
      if (tap.perTokenBytes % 4)
        return r.fail(at + ".per_token_bytes", "is not a multiple of 4 (taps are f32)");
      if (!region(out, at + ".offset", tap.offset, tap.perTokenBytes, "tap"))
        return false;
      out.taps.push_back(std::move(tap));
    }
  }

  const Json *steps = r.typed(json, path, "steps", true);
  if (!steps)
    return false;
  out.steps.resize(steps->size());
  for (size_t i = 0; i < steps->size(); ++i) {
    r.where = " (entry " + quote(out.name) + ", step " + std::to_string(i) + ")";
    if (!step(out, (*steps)[i], path + ".steps[" + std::to_string(i) + "]", out.steps[i]))
      return false;
  }
  r.where.clear();
  return rowWise(json, path, out);
}

// "row_wise_from" (optional; absent: no step is row-wise) and the
// "row_bytes" of the workspace bindings of the steps it covers. Running
// those steps for the last row must leave the last logits row where the
// full run puts it, so one of them writes the logits row by row.
bool PlanParser::rowWise(const Json &json, const std::string &path, PlanEntry &out) {
  const std::string field = path + ".row_wise_from";
  out.rowWiseFrom = out.steps.size();
  auto found = json.find("row_wise_from");
  if (found == json.end())
    return true;
  int64_t from = 0;
  if (!r.integer(*found, field, from, 0, int64_t(out.steps.size())))
    return false;
  out.rowWiseFrom = size_t(from);
  const auto &steps = json.at("steps");
  bool writesLogitRows = out.rowWiseFrom == out.steps.size();
  for (size_t i = out.rowWiseFrom; i < out.steps.size(); ++i) {
    std::string at = path + ".steps[" + std::to_string(i) + "]";
    r.where = " (entry " + quote(out.name) + ", step " + std::to_string(i) + ")";
    // A KV cache or the context means the step mixes tokens.
    for (size_t b = 0; b < out.steps[i].bindings.size(); ++b)
      if (out.steps[i].bindings[b].kind == PlanBinding::Kind::Kv)
        return r.fail(at + ".bindings[" + std::to_string(b) + "]",
                      "is a KV cache in a row-wise step (\"row_wise_from\" is " +
                          std::to_string(from) + ")");
    for (const PlanScalar &scalar : out.steps[i].scalars)
      if (scalar.kind == PlanScalar::Kind::Context)
        return r.fail(at + ".scalars", "has \"context\" in a row-wise step");
    for (size_t b = 0; b < out.steps[i].bindings.size(); ++b) {
      PlanBinding &binding = out.steps[i].bindings[b];
      std::string bat = at + ".bindings[" + std::to_string(b) + "]";
      if (binding.kind != PlanBinding::Kind::Workspace)
        continue;
      if (!r.integer(steps[i]["bindings"][b], bat, "row_bytes", binding.rowBytes, 0, kMaxBytes))
        return false;
      if (!region(out, bat + ".row_bytes", binding.offset, binding.rowBytes, "rows"))
        return false;
      writesLogitRows |= binding.offset.perToken == out.logitsOffset.perToken &&
                         binding.offset.fixed == out.logitsOffset.fixed &&
                         binding.rowBytes == out.logitsPerTokenBytes;
    }
  }
  r.where.clear();
  if (!writesLogitRows)
    return r.fail(field, "is " + std::to_string(from) +
                             ", but no step from there binds the logits row by row");
  return true;
}

bool PlanParser::step(const PlanEntry &e, const Json &json, const std::string &path,
                      PlanStep &out) {
  out.field = path;
  if (!json.is_object())
    return r.fail(path, "is not an object");
  r.string(json, path, "kernel", out.kernel);
  r.linear(json, path, "workgroups", out.workgroups);
  const Json *bindings = r.typed(json, path, "bindings", true);
  const Json *scalars = r.typed(json, path, "scalars", true);
  if (!bindings || !scalars)
    return false;
  out.bindings.resize(bindings->size());
  for (size_t i = 0; i < bindings->size(); ++i)
    if (!binding(e, (*bindings)[i], path + ".bindings[" + std::to_string(i) + "]",
                 out.bindings[i]))
      return false;
  out.scalars.resize(scalars->size());
  for (size_t i = 0; i < scalars->size(); ++i)
    if (!scalar((*scalars)[i], path + ".scalars[" + std::to_string(i) + "]", out.scalars[i]))
      return false;
  return true;
}

bool PlanParser::binding(const PlanEntry &e, const Json &json, const std::string &path,
                         PlanBinding &out) {
  if (!json.is_object())
    return r.fail(path, "is not an object");
  int kinds = json.contains("workspace") + json.contains("tensor") + json.contains("kv");
  if (kinds != 1)
    return r.fail(path, kinds ? "has more than one of \"workspace\", \"tensor\" and \"kv\""
                              : "has none of \"workspace\", \"tensor\" and \"kv\"");
  if (json.contains("workspace")) {
    out.kind = PlanBinding::Kind::Workspace;
    if (!r.linear(json, path, "workspace", out.offset))
      return false;
    // A binding is a base pointer: it may point at the workspace's end (an
    // empty region), never past it.
    if (!regionFits(e, out.offset, 0))
      return r.fail(path + ".workspace", "(" + linearText(out.offset) +
                                             ") is past the end of the workspace (" +
                                             linearText(e.workspaceBytes) + " bytes)");
    return true;
  }
  if (json.contains("tensor")) {
    out.kind = PlanBinding::Kind::Tensor;
    std::string name;
    if (!r.string(json, path, "tensor", name))
      return false;
    auto it = tensors.find(name);
    if (it == tensors.end())
      return r.fail(path + ".tensor", "names no tensor of the package: " + quote(name));
    out.tensor = it->second;
    return true;
  }
  out.kind = PlanBinding::Kind::Kv;
  int64_t groups = int64_t(manifest.kvGroups.size());
  if (!r.integer(json, path, "kv", out.kvGroup, 0, std::numeric_limits<int64_t>::max()))
    return false;
  if (out.kvGroup >= groups)
    return r.fail(path + ".kv", "is " + std::to_string(out.kvGroup) + ", but the manifest has " +
                                    std::to_string(groups) +
                                    " KV-cache group(s) (field \"kv_cache.groups\")");
  return true;
}

bool PlanParser::scalar(const Json &json, const std::string &path, PlanScalar &out) {
  if (json.is_number_integer()) {
    out.kind = PlanScalar::Kind::Constant;
    return r.integer(json, path, out.value, std::numeric_limits<int64_t>::min(),
                     std::numeric_limits<int64_t>::max());
  }
  std::string name = json.is_string() ? json.get<std::string>() : "";
  if (name == "tokens")
    out.kind = PlanScalar::Kind::Tokens;
  else if (name == "position")
    out.kind = PlanScalar::Kind::Position;
  else if (name == "context")
    out.kind = PlanScalar::Kind::Context;
  else
    return r.fail(path, "is " + (json.is_string() ? quote(name) : std::string("not a string")) +
                            ", not \"tokens\", \"position\", \"context\" or an integer");
  return true;
}

} // namespace

std::string parseExecutionPlan(const Manifest &manifest, ExecutionPlan &out) {
  out = ExecutionPlan();
  PlanParser p(manifest);
  auto it = manifest.json.find("execution_plan");
  if (it == manifest.json.end() || !it->is_array())
    return "manifest field \"execution_plan\" is not an array"; // the reader checks this
  bool seen[2] = {false, false};
  for (size_t i = 0; i < it->size(); ++i) {
    std::string path = "execution_plan[" + std::to_string(i) + "]";
    PlanEntry entry;
    if (!p.entry((*it)[i], path, entry))
      return p.r.error;
    bool isPrefill = entry.name == "prefill";
    if (seen[isPrefill ? 0 : 1])
      return "manifest field " + quote(path + ".entry") + " is " + quote(entry.name) +
             ", a second entry of that name";
    seen[isPrefill ? 0 : 1] = true;
    (isPrefill ? out.prefill : out.decode) = std::move(entry);
  }
  for (int i = 0; i < 2; ++i)
    if (!seen[i])
      return std::string("manifest field \"execution_plan\" has no ") +
             (i == 0 ? "\"prefill\"" : "\"decode\"") + " entry";
  // One list of taps, whichever entry ran.
  bool sameTaps = out.prefill.taps.size() == out.decode.taps.size();
  for (size_t i = 0; sameTaps && i < out.prefill.taps.size(); ++i)
    sameTaps = out.prefill.taps[i].name == out.decode.taps[i].name &&
               out.prefill.taps[i].perTokenBytes == out.decode.taps[i].perTokenBytes;
  if (!sameTaps)
    return "manifest field \"execution_plan\": the prefill and decode entries list different taps";
  return "";
}

} // namespace sinkrt
