//===- Manifest.cpp - the .sinkpkg manifest, parsed and validated -------===//

#include "package/Manifest.h"

#include "sinkrt/package_format.h"

#include <limits>
#include <map>
#include <set>

using Json = nlohmann::json;

namespace sinkrt {

namespace {

/// Reads typed fields of JSON objects; the first failure is kept in `error`
/// and every later read fails.
class FieldReader {
public:
  std::string error;

  static std::string join(const std::string &path, const std::string &key) {
    return path.empty() ? key : path + "." + key;
  }

  /// The member `key` of `object` (at `path`), or nullptr with an error.
  const Json *member(const Json &object, const std::string &path,
                     const char *key) {
    if (!error.empty())
      return nullptr;
    auto it = object.find(key);
    if (it == object.end()) {
      error = "field \"" + join(path, key) + "\" is missing";
      return nullptr;
    }
    return &*it;
  }

  bool fail(const std::string &path, const std::string &what) {
    if (error.empty())
      error = "field \"" + path + "\" " + what;
    return false;
  }

  bool integer(const Json &value, const std::string &path, int64_t &out,
               int64_t min, int64_t max = std::numeric_limits<int64_t>::max()) {
    if (!error.empty())
      return false;
    if (value.is_number_unsigned()) {
      uint64_t u = value.get<uint64_t>();
      if (u > uint64_t(max))
        return fail(path, "is " + std::to_string(u) + ", more than " +
                              std::to_string(max));
      out = int64_t(u);
    } else if (value.is_number_integer()) {
      out = value.get<int64_t>();
    } else {
      return fail(path, "is not an integer");
    }
    if (out < min || out > max)
      return fail(path, "is " + std::to_string(out) + ", outside [" +
                            std::to_string(min) + ", " + std::to_string(max) +
                            "]");
    return true;
  }

  bool integer(const Json &object, const std::string &path, const char *key,
               int64_t &out, int64_t min,
               int64_t max = std::numeric_limits<int64_t>::max()) {
    const Json *v = member(object, path, key);
    return v && integer(*v, join(path, key), out, min, max);
  }

  bool unsignedInt(const Json &object, const std::string &path,
                   const char *key, uint64_t &out) {
    const Json *v = member(object, path, key);
    if (!v)
      return false;
    if (!v->is_number_unsigned())
      return fail(join(path, key), "is not a non-negative integer");
    out = v->get<uint64_t>();
    return true;
  }

  bool string(const Json &value, const std::string &path, std::string &out) {
    if (!error.empty())
      return false;
    if (!value.is_string())
      return fail(path, "is not a string");
    out = value.get<std::string>();
    return true;
  }

  bool string(const Json &object, const std::string &path, const char *key,
              std::string &out) {
    const Json *v = member(object, path, key);
    return v && string(*v, join(path, key), out);
  }

  bool boolean(const Json &object, const std::string &path, const char *key,
               bool &out) {
    const Json *v = member(object, path, key);
    if (!v)
      return false;
    if (!v->is_boolean())
      return fail(join(path, key), "is not a boolean");
    out = v->get<bool>();
    return true;
  }

  const Json *typed(const Json &object, const std::string &path,
                    const char *key, bool wantArray) {
    const Json *v = member(object, path, key);
    if (!v)
      return nullptr;
    if (wantArray ? !v->is_array() : !v->is_object()) {
      fail(join(path, key), wantArray ? "is not an array" : "is not an object");
      return nullptr;
    }
    return v;
  }
  const Json *array(const Json &o, const std::string &p, const char *k) {
    return typed(o, p, k, true);
  }
  const Json *object(const Json &o, const std::string &p, const char *k) {
    return typed(o, p, k, false);
  }

  bool strings(const Json &object, const std::string &path, const char *key,
               std::vector<std::string> &out) {
    const Json *a = array(object, path, key);
    if (!a)
      return false;
    for (size_t i = 0; i < a->size(); ++i) {
      out.emplace_back();
      if (!string((*a)[i], join(path, key) + "[" + std::to_string(i) + "]",
                  out.back()))
        return false;
    }
    return true;
  }
};

std::string index(const std::string &path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

void readVersion(FieldReader &r, const Json &root, Manifest &m) {
  const Json *v = r.array(root, "", "format_version");
  if (!v)
    return;
  if (v->size() != 2) {
    r.fail("format_version", "is not [major, minor]");
    return;
  }
  int64_t major = 0, minor = 0;
  if (r.integer((*v)[0], "format_version[0]", major, 0, UINT16_MAX) &&
      r.integer((*v)[1], "format_version[1]", minor, 0, UINT16_MAX)) {
    m.versionMajor = uint32_t(major);
    m.versionMinor = uint32_t(minor);
  }
}

void readModel(FieldReader &r, const Json &root, ModelConfig &m) {
  const Json *o = r.object(root, "", "model");
  if (!o)
    return;
  r.string(*o, "model", "arch", m.arch);
  r.integer(*o, "model", "layers", m.layers, 1);
  r.integer(*o, "model", "hidden", m.hidden, 1);
  r.integer(*o, "model", "heads", m.heads, 1);
  r.integer(*o, "model", "kv_heads", m.kvHeads, 1);
  r.integer(*o, "model", "head_dim", m.headDim, 1);
  r.integer(*o, "model", "vocab", m.vocab, 1);
  r.integer(*o, "model", "context", m.context, 1);
}

void readTokenizer(FieldReader &r, const Json &root, TokenizerConfig &t) {
  const Json *o = r.object(root, "", "tokenizer");
  if (!o)
    return;
  r.string(*o, "tokenizer", "kind", t.kind);
  r.string(*o, "tokenizer", "pre", t.pre);
  r.strings(*o, "tokenizer", "regexes", t.regexes);
  r.integer(*o, "tokenizer", "bos", t.bos, -1);
  r.integer(*o, "tokenizer", "eos", t.eos, -1);
  r.integer(*o, "tokenizer", "unk", t.unk, -1);
  r.integer(*o, "tokenizer", "pad", t.pad, -1);
  r.boolean(*o, "tokenizer", "add_bos", t.addBos);
  r.string(*o, "tokenizer", "chat_template", t.chatTemplate);
}

void readKvCache(FieldReader &r, const Json &root, Manifest &m) {
  const Json *o = r.object(root, "", "kv_cache");
  if (!o)
    return;
  int64_t abi = 0;
  if (!r.integer(*o, "kv_cache", "abi_version", abi, 0, UINT32_MAX))
    return;
  m.kvAbiVersion = uint32_t(abi);
  if (abi != pkg::kKvAbiVersion) {
    r.fail("kv_cache.abi_version",
           "is " + std::to_string(abi) + "; this runtime implements KV-cache "
           "ABI version " + std::to_string(pkg::kKvAbiVersion));
    return;
  }
  const Json *groups = r.array(*o, "kv_cache", "groups");
  if (!groups)
    return;
  for (size_t i = 0; i < groups->size() && r.error.empty(); ++i) {
    std::string path = index("kv_cache.groups", i);
    const Json &g = (*groups)[i];
    if (!g.is_object()) {
      r.fail(path, "is not an object");
      return;
    }
    KvGroup group;
    std::string policy;
    r.string(g, path, "policy", policy);
    r.integer(g, path, "entries", group.entries, 1);
    r.integer(g, path, "head_dim", group.headDim, 1);
    if (r.string(g, path, "element_type", group.elementType) &&
        group.elementType != "f32" && group.elementType != "f16" &&
        group.elementType != "bf16")
      r.fail(path + ".element_type", "is \"" + group.elementType +
                                         "\", not f32, f16 or bf16");
    const Json *slots = r.member(g, path, "slots");
    if (!r.error.empty())
      return;
    if (policy == "full") {
      group.policy = KvGroup::Policy::Full;
      if (!slots->is_null())
        r.fail(path + ".slots", "must be null for a full group");
    } else if (policy == "streaming") {
      group.policy = KvGroup::Policy::Streaming;
      r.integer(g, path, "sinks", group.sinks, 0, INT32_MAX);
      r.integer(g, path, "window", group.window, 1, INT32_MAX);
      if (r.integer(*slots, path + ".slots", group.slots, 1) &&
          group.slots != group.sinks + group.window)
        r.fail(path + ".slots",
               "is " + std::to_string(group.slots) + ", not sinks + window = " +
                   std::to_string(group.sinks + group.window));
    } else {
      r.fail(path + ".policy", "is \"" + policy + "\", not full or streaming");
    }
    m.kvGroups.push_back(group);
  }
}

void readKernels(FieldReader &r, const Json &root, Manifest &m) {
  const Json *a = r.array(root, "", "kernels");
  for (size_t i = 0; a && i < a->size() && r.error.empty(); ++i) {
    std::string path = index("kernels", i);
    if (!(*a)[i].is_object()) {
      r.fail(path, "is not an object");
      return;
    }
    KernelInfo k;
    r.string((*a)[i], path, "target", k.target);
    r.string((*a)[i], path, "format", k.format);
    r.unsignedInt((*a)[i], path, "size", k.size);
    m.kernels.push_back(k);
  }
}

void readTensors(FieldReader &r, const Json &root, Manifest &m) {
  const Json *a = r.array(root, "", "tensors");
  std::set<std::string> names;
  for (size_t i = 0; a && i < a->size() && r.error.empty(); ++i) {
    std::string path = index("tensors", i);
    const Json &t = (*a)[i];
    if (!t.is_object()) {
      r.fail(path, "is not an object");
      return;
    }
    TensorInfo info;
    std::string dtype;
    if (r.string(t, path, "name", info.name) &&
        (info.name.empty() || !names.insert(info.name).second))
      r.fail(path + ".name", info.name.empty()
                                 ? "is empty"
                                 : "\"" + info.name + "\" is not unique");
    if (r.string(t, path, "dtype", dtype) &&
        !pkg::parseDType(dtype.data(), dtype.size(), info.dtype))
      r.fail(path + ".dtype", "\"" + dtype + "\" is not a known dtype");
    const Json *shape = r.array(t, path, "shape");
    uint64_t rows = 1, row = 1;
    for (size_t d = 0; shape && d < shape->size() && r.error.empty(); ++d) {
      int64_t dim = 0;
      if (!r.integer((*shape)[d], index(path + ".shape", d), dim, 1,
                     int64_t(1) << 40))
        break;
      info.shape.push_back(dim);
      if (d + 1 == shape->size())
        row = uint64_t(dim);
      else if (rows > (uint64_t(1) << 62) / uint64_t(dim))
        r.fail(path + ".shape", "has too many elements");
      else
        rows *= uint64_t(dim);
    }
    r.unsignedInt(t, path, "offset", info.offset);
    r.unsignedInt(t, path, "size", info.size);
    if (!r.error.empty())
      return;
    uint64_t expected = pkg::dtypeStorageBytes(info.dtype, row, rows);
    if (expected == 0)
      r.fail(path + ".shape", "has an innermost dimension of " +
                                  std::to_string(row) + ", not a whole "
                                  "number of " + dtype + " blocks");
    else if (info.size != expected)
      r.fail(path + ".size", "is " + std::to_string(info.size) + "; " + dtype +
                                 " of this shape takes " +
                                 std::to_string(expected) + " bytes");
    else if (info.offset % pkg::kTensorAlignment != 0)
      r.fail(path + ".offset", "is " + std::to_string(info.offset) +
                                   ", not a multiple of " +
                                   std::to_string(pkg::kTensorAlignment));
    m.tensors.push_back(std::move(info));
  }
}


/// What the GPU launches of a plan kernel may use: the fewest bindings and
/// scalars of the steps that run it (and the first such step, for
/// messages). Read from the raw plan: steps the plan parser would refuse
/// are skipped here and reported by it (parseExecutionPlan).
struct PlanKernelUse {
  std::string firstStep;
  size_t bindings = std::numeric_limits<size_t>::max();
  size_t scalars = std::numeric_limits<size_t>::max();
  std::string bindingsStep, scalarsStep;
};

std::map<std::string, PlanKernelUse> planKernels(const Json &root) {
  std::map<std::string, PlanKernelUse> uses;
  auto plan = root.find("execution_plan");
  if (plan == root.end() || !plan->is_array())
    return uses;
  for (size_t e = 0; e < plan->size(); ++e) {
    const Json &entry = (*plan)[e];
    if (!entry.is_object())
      continue;
    auto steps = entry.find("steps");
    if (steps == entry.end() || !steps->is_array())
      continue;
    for (size_t i = 0; i < steps->size(); ++i) {
      const Json &step = (*steps)[i];
      if (!step.is_object())
        continue;
      auto kernel = step.find("kernel");
      if (kernel == step.end() || !kernel->is_string())
        continue;
      std::string path = index(index("execution_plan", e) + ".steps", i);
      PlanKernelUse &use = uses[kernel->get<std::string>()];
      if (use.firstStep.empty())
        use.firstStep = path;
      auto bindings = step.find("bindings");
      if (bindings != step.end() && bindings->is_array() && bindings->size() < use.bindings) {
        use.bindings = bindings->size();
        use.bindingsStep = path;
      }
      auto scalars = step.find("scalars");
      if (scalars != step.end() && scalars->is_array() && scalars->size() < use.scalars) {
        use.scalars = scalars->size();
        use.scalarsStep = path;
      }
    }
  }
  return uses;
}

std::string inQuotes(const std::string &s) { return "\"" + s + "\""; }

/// One of "grid" or "block": three integers, each in [1, max[axis]].
bool readDims(FieldReader &r, const Json &entry, const std::string &path, const char *key,
              const int64_t (&max)[3], uint32_t (&out)[3]) {
  const Json *a = r.array(entry, path, key);
  if (!a)
    return false;
  std::string field = FieldReader::join(path, key);
  if (a->size() != 3)
    return r.fail(field, "is not [x, y, z]");
  for (size_t d = 0; d < 3; ++d) {
    int64_t v = 0;
    if (!r.integer((*a)[d], index(field, d), v, 1, max[d]))
      return false;
    out[d] = uint32_t(v);
  }
  return true;
}

/// The optional non-negative integer `key` of `object` into `out`.
bool optionalCount(FieldReader &r, const Json &object, const std::string &path,
                   const char *key, int64_t &out) {
  return !object.contains(key) || r.integer(object, path, key, out, 0);
}

void readGpuLaunch(FieldReader &r, const Json &e, const std::string &path,
                   const std::map<std::string, PlanKernelUse> &uses, bool hasScratch,
                   uint64_t scratchBytes, device::GpuKernelLaunch &out) {
  using Arg = device::GpuKernelLaunch::Arg;
  if (!e.is_object()) {
    r.fail(path, "is not an object");
    return;
  }
  if (!r.string(e, path, "kernel", out.kernel))
    return;
  auto use = uses.find(out.kernel);
  if (use == uses.end()) {
    r.fail(path + ".kernel", "is " + inQuotes(out.kernel) +
                                 ", which no step of field \"execution_plan\" runs");
    return;
  }
  if (r.string(e, path, "symbol", out.symbol) && out.symbol.empty()) {
    r.fail(path + ".symbol", "is empty");
    return;
  }
  const Json *args = r.array(e, path, "args");
  for (size_t i = 0; args && i < args->size() && r.error.empty(); ++i) {
    std::string at = index(path + ".args", i);
    const Json &a = (*args)[i];
    int kinds = a.is_object() ? int(a.contains("binding")) + int(a.contains("scalar")) +
                                    int(a.contains("scratch"))
                              : 0;
    if (kinds != 1) {
      r.fail(at, "is not one of {\"binding\": i}, {\"scalar\": i}, {\"scratch\": b}");
      return;
    }
    Arg arg;
    int64_t value = 0;
    if (a.contains("binding") || a.contains("scalar")) {
      bool binding = a.contains("binding");
      const char *key = binding ? "binding" : "scalar";
      if (!r.integer(a, at, key, value, 0))
        return;
      arg.kind = binding ? Arg::Kind::Binding : Arg::Kind::Scalar;
      arg.index = size_t(value);
      size_t have = binding ? use->second.bindings : use->second.scalars;
      if (arg.index >= have) {
        r.fail(at + "." + key,
               "is " + std::to_string(value) + ", but " +
                   (binding ? use->second.bindingsStep : use->second.scalarsStep) +
                   " (kernel " + inQuotes(out.kernel) + ") has " + std::to_string(have) + " " +
                   key + (have == 1 ? "" : "s"));
        return;
      }
    } else {
      if (!r.integer(a, at, "scratch", value, 0))
        return;
      arg.kind = Arg::Kind::Scratch;
      arg.offset = uint64_t(value);
      if (!hasScratch) {
        r.fail(at + ".scratch", "is a scratch address, but field \"gpu_scratch_bytes\" is "
                                "missing");
        return;
      }
      if (arg.offset % 256 != 0) {
        r.fail(at + ".scratch", "is " + std::to_string(value) + ", not a multiple of 256");
        return;
      }
      if (arg.offset >= scratchBytes) {
        r.fail(at + ".scratch", "is " + std::to_string(value) +
                                    ", not inside the scratch buffer (field "
                                    "\"gpu_scratch_bytes\" is " +
                                    std::to_string(scratchBytes) + ")");
        return;
      }
    }
    out.args.push_back(arg);
  }
  // CUDA and HIP: grid x up to 2^31 - 1, y and z up to 65535; at most 1024
  // threads per block.
  static const int64_t kGrid[3] = {INT32_MAX, 65535, 65535};
  static const int64_t kBlock[3] = {1024, 1024, 1024};
  readDims(r, e, path, "grid", kGrid, out.grid);
  if (readDims(r, e, path, "block", kBlock, out.block)) {
    uint64_t threads = uint64_t(out.block[0]) * out.block[1] * out.block[2];
    if (threads > 1024)
      r.fail(path + ".block", "is [" + std::to_string(out.block[0]) + ", " +
                                  std::to_string(out.block[1]) + ", " +
                                  std::to_string(out.block[2]) + "], " +
                                  std::to_string(threads) +
                                  " threads, more than the 1024 of a block");
  }
  // More than 48 KiB of dynamic shared memory needs a function attribute the
  // runtime does not set.
  int64_t shared = 0;
  if (r.integer(e, path, "shared_bytes", shared, 0, 48 * 1024))
    out.sharedBytes = uint32_t(shared);
  optionalCount(r, e, path, "registers", out.registers);
  optionalCount(r, e, path, "spills", out.spills);
  optionalCount(r, e, path, "static_shared_bytes", out.staticSharedBytes);
  optionalCount(r, e, path, "private_bytes", out.privateBytes);
}

/// "gpu_scratch_bytes", "gpu_max_context" and "gpu_launches"
/// (docs/gpu-runtime.md, format 1); all optional.
void readGpu(FieldReader &r, const Json &root, Manifest &m) {
  if (!r.error.empty())
    return;
  bool hasScratch = root.contains("gpu_scratch_bytes");
  if (hasScratch && !r.unsignedInt(root, "", "gpu_scratch_bytes", m.gpuScratchBytes))
    return;
  if (root.contains("gpu_max_context") &&
      !r.integer(root, "", "gpu_max_context", m.gpuMaxContext, 1))
    return;
  if (!root.contains("gpu_launches"))
    return;
  const Json *launches = r.object(root, "", "gpu_launches");
  if (!launches)
    return;
  std::map<std::string, PlanKernelUse> uses = planKernels(root);
  for (auto it = launches->begin(); it != launches->end() && r.error.empty(); ++it) {
    const std::string &target = it.key();
    std::string path = "gpu_launches." + target;
    bool listed = false;
    for (const KernelInfo &k : m.kernels)
      listed |= k.target == target;
    if (!listed) {
      r.fail(path, "is for the kernel section " + inQuotes(target) +
                       ", which field \"kernels\" does not list");
      return;
    }
    if (target.rfind("cuda-", 0) != 0 && target.rfind("hip-", 0) != 0) {
      r.fail(path, "is for the kernel section " + inQuotes(target) +
                       ", not a GPU one (\"cuda-...\" or \"hip-...\")");
      return;
    }
    if (!it->is_array()) {
      r.fail(path, "is not an array");
      return;
    }
    std::vector<device::GpuKernelLaunch> &list = m.gpuLaunches[target];
    std::set<std::string> covered;
    for (size_t i = 0; i < it->size() && r.error.empty(); ++i) {
      device::GpuKernelLaunch launch;
      readGpuLaunch(r, (*it)[i], index(path, i), uses, hasScratch, m.gpuScratchBytes,
                    launch);
      covered.insert(launch.kernel);
      list.push_back(std::move(launch));
    }
    if (!r.error.empty())
      return;
    for (const auto &[kernel, use] : uses)
      if (!covered.count(kernel)) {
        r.fail(path, "has no launch for kernel " + inQuotes(kernel) + " (run by " +
                         use.firstStep + ")");
        return;
      }
  }
}

} // namespace

std::string parseManifest(std::string_view text, Manifest &out) {
  out = Manifest();
  Json root = Json::parse(text.begin(), text.end(), nullptr,
                          /*allow_exceptions=*/false);
  if (root.is_discarded())
    return "is not valid JSON";
  if (!root.is_object())
    return "is not a JSON object";
  FieldReader r;
  readVersion(r, root, out);
  readModel(r, root, out.model);
  readTokenizer(r, root, out.tokenizer);
  readKvCache(r, root, out);
  if (const Json *plan = r.member(root, "", "execution_plan");
      plan && !plan->is_array())
    r.fail("execution_plan", "is not an array");
  r.strings(root, "", "cpu_features", out.cpuFeatures);
  readKernels(r, root, out);
  readTensors(r, root, out);
  readGpu(r, root, out);
  if (!r.error.empty())
    return r.error;
  out.json = std::move(root);
  return "";
}

} // namespace sinkrt

std::vector<sinkrt::KvGroupDesc> sinkrt::kvGroupDescs(const Manifest &manifest) {
  std::vector<KvGroupDesc> groups;
  for (const KvGroup &g : manifest.kvGroups) {
    KvGroupDesc d;
    d.policy = g.policy == KvGroup::Policy::Full ? KvPolicy::full()
                                                 : KvPolicy::streaming(g.sinks, g.window);
    d.entries = g.entries;
    d.headDim = g.headDim;
    // The manifest parser allows only these three names.
    d.type = g.elementType == "f32"    ? KvElementType::F32
             : g.elementType == "bf16" ? KvElementType::BF16
                                       : KvElementType::F16;
    groups.push_back(d);
  }
  return groups;
}
