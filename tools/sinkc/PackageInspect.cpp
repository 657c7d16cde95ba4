//===- PackageInspect.cpp - sinkc inspect PKG.sinkpkg [--json] ------------===//

#include "PackageInspect.h"

#include "GpuOccupancy.h"
#include "PackageSession.h"

#include "sinkrt/sinkrt.hpp"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <vector>

using namespace llvm;

namespace sinkc::cli {

namespace {

Error fieldError(const Twine &field, const Twine &what) {
  return createStringError(inconvertibleErrorCode(), "manifest field \"" + field + "\" " + what);
}

/// A manifest integer, or null when absent or not an integer.
json::Value intOrNull(const json::Object &o, StringRef key) {
  if (std::optional<int64_t> v = o.getInteger(key))
    return *v;
  return nullptr;
}

int64_t intOr(const json::Object &o, StringRef key, int64_t otherwise) {
  return o.getInteger(key).value_or(otherwise);
}

/// `{"per_token": a, "fixed": b}` or a plain integer b (docs/execution-plan.md).
std::pair<int64_t, int64_t> affine(const json::Value *v) {
  if (!v)
    return {0, 0};
  if (std::optional<int64_t> fixed = v->getAsInteger())
    return {0, *fixed};
  if (const json::Object *o = v->getAsObject())
    return {intOr(*o, "per_token", 0), intOr(*o, "fixed", 0)};
  return {0, 0};
}

/// The three dimensions of a manifest `grid` / `block`, when well formed.
std::optional<std::array<int64_t, 3>> dims(const json::Object &o, StringRef key) {
  const json::Array *a = o.getArray(key);
  if (!a || a->size() != 3)
    return std::nullopt;
  std::array<int64_t, 3> d;
  for (size_t i = 0; i < 3; ++i) {
    std::optional<int64_t> v = (*a)[i].getAsInteger();
    if (!v || *v < 0)
      return std::nullopt;
    d[i] = *v;
  }
  return d;
}

/// A percentage with one decimal, exact for the common eighths and halves.
double roundPercent(double p) { return std::round(p * 10) / 10; }

std::string percentText(double p) {
  std::string s = fixed(p, 1);
  if (StringRef(s).ends_with(".0"))
    s.resize(s.size() - 2);
  return s + "%";
}

/// A JSON value in a text line: strings bare, numbers with %g, short
/// arrays and objects compact, long arrays as their length.
std::string scalarText(const json::Value &v) {
  if (std::optional<StringRef> s = v.getAsString())
    return s->empty() ? "\"\"" : s->str();
  if (v.kind() == json::Value::Number && !v.getAsInteger())
    return formatv("{0}", format("%g", *v.getAsNumber())).str(); // 1e-05
  if (const json::Array *a = v.getAsArray(); a && a->size() > 8)
    return "[" + std::to_string(a->size()) + " values]";
  std::string text;
  raw_string_ostream os(text);
  os << v;
  return text;
}

/// "key value, ..." of the members of `o` in `keys`.
std::string membersText(const json::Object &o, ArrayRef<std::string> keys) {
  std::vector<std::string> parts;
  for (const std::string &key : keys)
    if (const json::Value *v = o.get(key))
      parts.push_back(key + " " + scalarText(*v));
  return join(parts, ", ");
}

std::vector<std::string> sortedKeys(const json::Object &o) {
  std::vector<std::string> keys;
  for (const auto &kv : o)
    keys.push_back(kv.first.str());
  llvm::sort(keys);
  return keys;
}

/// One GPU launch entry of the manifest as the description's object.
json::Object describeLaunch(const json::Object &entry, const GpuLimits *limits) {
  json::Object out;
  for (StringRef key : {"kernel", "symbol"})
    if (std::optional<StringRef> s = entry.getString(key))
      out[key] = s->str();
    else
      out[key] = nullptr;
  std::optional<std::array<int64_t, 3>> grid = dims(entry, "grid"), block = dims(entry, "block");
  out["grid"] =
      grid ? json::Value(json::Array{(*grid)[0], (*grid)[1], (*grid)[2]}) : json::Value(nullptr);
  out["block"] = block ? json::Value(json::Array{(*block)[0], (*block)[1], (*block)[2]})
                       : json::Value(nullptr);
  std::optional<int64_t> threads;
  if (block)
    threads = static_cast<int64_t>(std::min<uint64_t>(
        SaturatingMultiply(SaturatingMultiply(uint64_t((*block)[0]), uint64_t((*block)[1])),
                           uint64_t((*block)[2])),
        INT64_MAX));
  out["threads"] = threads ? json::Value(*threads) : json::Value(nullptr);
  if (const json::Array *args = entry.getArray("args"))
    out["arguments"] = static_cast<int64_t>(args->size());
  else
    out["arguments"] = nullptr;
  for (StringRef key :
       {"registers", "spills", "static_shared_bytes", "shared_bytes", "private_bytes"})
    out[key] = intOrNull(entry, key);
  std::optional<int64_t> staticShared = entry.getInteger("static_shared_bytes"),
                         dynamicShared = entry.getInteger("shared_bytes");
  int64_t shared = staticShared.value_or(0) + dynamicShared.value_or(0);
  out["shared_total_bytes"] =
      staticShared || dynamicShared ? json::Value(shared) : json::Value(nullptr);

  if (!limits || !threads) {
    out["occupancy"] = nullptr;
    return out;
  }
  LaunchResources r;
  r.threads = static_cast<uint64_t>(*threads);
  if (std::optional<int64_t> regs = entry.getInteger("registers"); regs && *regs >= 0)
    r.registers = static_cast<uint64_t>(*regs);
  r.sharedBytes = static_cast<uint64_t>(std::max<int64_t>(shared, 0));
  Occupancy occ = estimateOccupancy(*limits, r);
  json::Array limitedBy;
  for (const std::string &l : occ.limitedBy)
    limitedBy.push_back(l);
  out["occupancy"] = json::Object{
      {"per", limits->unit},
      {"blocks", occ.blocks},
      {"waves_per_block", occ.wavesPerBlock},
      {"active_waves", occ.activeWaves},
      {"max_waves", occ.maxWaves},
      {"percent", roundPercent(occ.percent)},
      {"limited_by", std::move(limitedBy)},
  };
  return out;
}

/// The description of one target's launches, with its summary.
Expected<json::Object> describeTarget(StringRef target, const json::Value &launches,
                                      const std::set<std::string> &planKernels) {
  const json::Array *entries = launches.getAsArray();
  if (!entries)
    return fieldError("gpu_launches." + target, "is not an array");
  std::string chip = chipOfTarget(target);
  const GpuLimits *limits = gpuLimits(chip);
  json::Array rows;
  std::set<std::string> launched;
  int64_t maxRegisters = -1, totalSpills = 0, withSpills = 0, withPrivate = 0;
  std::optional<double> lowest;
  for (size_t i = 0; i < entries->size(); ++i) {
    const json::Object *entry = (*entries)[i].getAsObject();
    if (!entry)
      return fieldError("gpu_launches." + target + "[" + Twine(i) + "]", "is not an object");
    json::Object row = describeLaunch(*entry, limits);
    if (std::optional<StringRef> kernel = entry->getString("kernel"))
      launched.insert(kernel->str());
    maxRegisters = std::max(maxRegisters, intOr(*entry, "registers", -1));
    int64_t spills = intOr(*entry, "spills", 0);
    totalSpills += std::max<int64_t>(spills, 0);
    withSpills += spills > 0;
    withPrivate += intOr(*entry, "private_bytes", 0) > 0;
    if (const json::Object *occ = row.getObject("occupancy"))
      if (std::optional<double> p = occ->getNumber("percent"))
        lowest = std::min(lowest.value_or(*p), *p);
    rows.push_back(std::move(row));
  }
  json::Array missing;
  for (const std::string &k : planKernels)
    if (!launched.count(k))
      missing.push_back(k);
  json::Object summary{
      {"launches", static_cast<int64_t>(entries->size())},
      {"max_registers", maxRegisters >= 0 ? json::Value(maxRegisters) : json::Value(nullptr)},
      {"total_spills", totalSpills},
      {"any_spills", withSpills > 0},
      {"launches_with_spills", withSpills},
      {"any_private", withPrivate > 0},
      {"launches_with_private", withPrivate},
      {"lowest_occupancy_percent", lowest ? json::Value(*lowest) : json::Value(nullptr)},
      {"plan_kernels_without_launches", std::move(missing)},
  };
  return json::Object{
      {"chip", chip.empty() ? json::Value(nullptr) : json::Value(chip)},
      {"spill_unit", StringRef(target).starts_with("cuda-") ? "bytes" : "registers"},
      {"occupancy_known", limits != nullptr},
      {"launches", std::move(rows)},
      {"summary", std::move(summary)},
  };
}

//===----------------------------------------------------------------------===//
// Text
//===----------------------------------------------------------------------===//

constexpr int kLabel = 17; // "gpu max context: " and the values after it

void label(raw_ostream &os, StringRef name) {
  os << left_justify(name.empty() ? "" : name.str() + ":", kLabel);
}

std::string bytesText(int64_t bytes) { return std::to_string(bytes) + " bytes"; }

/// A column-aligned table: strings left-aligned, numbers right-aligned.
class Table {
public:
  explicit Table(std::vector<std::pair<std::string, bool>> header) {
    for (auto &[name, right] : header) {
      cells.push_back(name);
      rightAlign.push_back(right);
    }
    rows = 1;
  }
  void add(std::vector<std::string> row) {
    cells.insert(cells.end(), row.begin(), row.end());
    ++rows;
  }
  void print(raw_ostream &os, StringRef indent) const {
    size_t n = rightAlign.size();
    std::vector<size_t> width(n, 0);
    for (size_t i = 0; i < cells.size(); ++i)
      width[i % n] = std::max(width[i % n], cells[i].size());
    for (size_t r = 0; r < rows; ++r) {
      std::string line = indent.str();
      for (size_t c = 0; c < n; ++c) {
        const std::string &cell = cells[r * n + c];
        std::string pad(width[c] - cell.size(), ' ');
        line += rightAlign[c] ? pad + cell : cell + (c + 1 < n ? pad : "");
        if (c + 1 < n)
          line += "  ";
      }
      os << StringRef(line).rtrim() << "\n";
    }
  }

private:
  std::vector<std::string> cells;
  std::vector<bool> rightAlign;
  size_t rows = 0;
};

std::string dimsText(const json::Value *v) {
  const json::Array *a = v ? v->getAsArray() : nullptr;
  if (!a)
    return "-";
  std::vector<std::string> parts;
  for (const json::Value &d : *a)
    parts.push_back(scalarText(d));
  return join(parts, "x");
}

std::string intText(const json::Object &o, StringRef key) {
  std::optional<int64_t> v = o.getInteger(key);
  return v ? std::to_string(*v) : "-";
}

void printTarget(raw_ostream &os, StringRef target, const json::Object &t) {
  const json::Object *summary = t.getObject("summary");
  const json::Array *launches = t.getArray("launches");
  std::string chip = t.getString("chip") ? t.getString("chip")->str() : "";
  const GpuLimits *limits = gpuLimits(chip);
  os << "gpu launches " << target;
  if (limits)
    os << " (occupancy: estimated " << (limits->amd ? "waves" : "warps") << " per " << limits->unit
       << " of " << chip << "):\n";
  else
    os << " (no occupancy estimate: unknown chip" << (chip.empty() ? "" : " " + chip) << "):\n";
  Table table({{"kernel", false},
               {"symbol", false},
               {"grid", false},
               {"block", false},
               {"regs", true},
               {"spills", true},
               {"shared", true},
               {"private", true},
               {"occupancy", false}});
  for (const json::Value &v : launches ? *launches : json::Array()) {
    const json::Object *rowp = v.getAsObject();
    if (!rowp)
      continue;
    const json::Object &row = *rowp;
    std::string occupancy = "-";
    if (const json::Object *occ = row.getObject("occupancy")) {
      occupancy = intText(*occ, "active_waves") + "/" + intText(*occ, "max_waves") + " " +
                  percentText(occ->getNumber("percent").value_or(0));
      if (std::optional<int64_t> blocks = occ->getInteger("blocks"); blocks && *blocks == 0)
        occupancy += " (does not fit)";
    }
    auto str = [&](StringRef key) {
      std::optional<StringRef> s = row.getString(key);
      return s ? s->str() : std::string("-");
    };
    table.add({str("kernel"), str("symbol"), dimsText(row.get("grid")), dimsText(row.get("block")),
               intText(row, "registers"), intText(row, "spills"),
               intText(row, "shared_total_bytes"), intText(row, "private_bytes"), occupancy});
  }
  table.print(os, "  ");
  if (!summary)
    return;
  std::string unit = t.getString("spill_unit") ? t.getString("spill_unit")->str() : "";
  int64_t withSpills = intOr(*summary, "launches_with_spills", 0);
  int64_t withPrivate = intOr(*summary, "launches_with_private", 0);
  auto launchesText = [](int64_t n) {
    return std::to_string(n) + (n == 1 ? " launch" : " launches");
  };
  os << "  summary: " << launchesText(intOr(*summary, "launches", 0)) << ", max registers "
     << intText(*summary, "max_registers") << ", spills ";
  if (withSpills)
    os << intText(*summary, "total_spills") << " " << unit << " in " << launchesText(withSpills);
  else
    os << "none";
  os << ", private memory " << (withPrivate ? "in " + launchesText(withPrivate) : "none");
  if (std::optional<double> lowest = summary->getNumber("lowest_occupancy_percent"))
    os << ", lowest occupancy " << percentText(*lowest);
  os << "\n";
  if (const json::Array *missing = summary->getArray("plan_kernels_without_launches");
      missing && !missing->empty()) {
    std::vector<std::string> names;
    for (const json::Value &m : *missing)
      names.push_back(scalarText(m));
    os << "  plan kernels without launches: " << join(names, ", ") << "\n";
  }
}

} // namespace

bool isPackagePath(StringRef path) {
  if (path.ends_with(".sinkpkg"))
    return true;
  if (sys::fs::is_directory(path))
    return false;
  ErrorOr<std::unique_ptr<MemoryBuffer>> head =
      MemoryBuffer::getFileSlice(path, 8, 0, /*IsVolatile=*/false);
  return head && (*head)->getBuffer() == StringRef("SINKPKG\0", 8);
}

Expected<json::Object> describePackage(StringRef manifestJson, StringRef path) {
  Expected<json::Value> parsed = json::parse(manifestJson);
  if (!parsed)
    return createStringError(inconvertibleErrorCode(),
                             "the manifest is not JSON: " + toString(parsed.takeError()));
  const json::Object *m = parsed->getAsObject();
  if (!m)
    return createStringError(inconvertibleErrorCode(), "the manifest is not a JSON object");

  json::Object out;
  out["package"] = path.str();
  if (const json::Value *v = m->get("format_version"))
    out["format_version"] = *v;
  out["model"] = m->getObject("model") ? json::Object(*m->getObject("model")) : json::Object();

  json::Object tokenizer;
  if (const json::Object *t = m->getObject("tokenizer")) {
    for (StringRef key : {"kind", "pre"})
      if (std::optional<StringRef> s = t->getString(key))
        tokenizer[key] = s->str();
    for (StringRef key : {"bos", "eos", "unk", "pad"})
      tokenizer[key] = intOrNull(*t, key);
    if (std::optional<bool> b = t->getBoolean("add_bos"))
      tokenizer["add_bos"] = *b;
    if (const json::Array *r = t->getArray("regexes"))
      tokenizer["regexes"] = static_cast<int64_t>(r->size());
    std::optional<StringRef> tmpl = t->getString("chat_template");
    tokenizer["chat_template_chars"] = static_cast<int64_t>(tmpl ? tmpl->size() : 0);
  }
  out["tokenizer"] = std::move(tokenizer);

  if (const json::Object *kv = m->getObject("kv_cache"))
    out["kv_cache"] = json::Object(*kv);
  if (const json::Value *f = m->get("cpu_features"))
    out["cpu_features"] = *f;
  json::Array kernels;
  if (const json::Array *k = m->getArray("kernels"))
    for (const json::Value &v : *k)
      if (const json::Object *o = v.getAsObject())
        kernels.push_back(json::Object{{"target", o->getString("target").value_or("").str()},
                                       {"format", o->getString("format").value_or("").str()},
                                       {"size", intOrNull(*o, "size")}});
  out["kernels"] = std::move(kernels);

  json::Array plan;
  std::set<std::string> planKernels;
  if (const json::Array *p = m->getArray("execution_plan"))
    for (const json::Value &v : *p) {
      const json::Object *e = v.getAsObject();
      if (!e)
        continue;
      int64_t maxTokens = intOr(*e, "max_tokens", 0);
      auto [perToken, fixedBytes] = affine(e->get("workspace_bytes"));
      const json::Array *steps = e->getArray("steps");
      if (steps)
        for (const json::Value &s : *steps)
          if (const json::Object *so = s.getAsObject())
            if (std::optional<StringRef> k = so->getString("kernel"))
              planKernels.insert(k->str());
      plan.push_back(json::Object{
          {"entry", e->getString("entry").value_or("").str()},
          {"max_tokens", intOrNull(*e, "max_tokens")},
          {"steps", steps ? static_cast<int64_t>(steps->size()) : 0},
          {"workspace_bytes", json::Object{{"per_token", perToken}, {"fixed", fixedBytes}}},
          {"workspace_bytes_at_max_tokens", perToken * maxTokens + fixedBytes},
          {"scratch_bytes", intOrNull(*e, "scratch_bytes")},
      });
    }
  out["execution_plan"] = std::move(plan);

  int64_t tensorCount = 0, tensorBytes = 0;
  std::map<std::string, std::pair<int64_t, int64_t>> byType;
  if (const json::Array *t = m->getArray("tensors"))
    for (const json::Value &v : *t)
      if (const json::Object *o = v.getAsObject()) {
        int64_t size = intOr(*o, "size", 0);
        ++tensorCount;
        tensorBytes += size;
        auto &slot = byType[o->getString("dtype").value_or("?").str()];
        ++slot.first;
        slot.second += size;
      }
  json::Object types;
  for (const auto &[name, s] : byType)
    types[name] = json::Object{{"tensors", s.first}, {"bytes", s.second}};
  out["tensors"] =
      json::Object{{"count", tensorCount}, {"bytes", tensorBytes}, {"types", std::move(types)}};

  for (StringRef key : {"gpu_scratch_bytes", "gpu_max_context"})
    if (const json::Value *v = m->get(key))
      out[key] = *v;
  if (const json::Value *launches = m->get("gpu_launches")) {
    const json::Object *byTarget = launches->getAsObject();
    if (!byTarget)
      return fieldError("gpu_launches", "is not an object");
    json::Object targets;
    for (const auto &[target, entries] : *byTarget) {
      Expected<json::Object> t = describeTarget(target, entries, planKernels);
      if (!t)
        return t.takeError();
      targets[target] = std::move(*t);
    }
    out["gpu_launches"] = std::move(targets);
  }
  return out;
}

void printPackageDescription(const json::Object &d, raw_ostream &os) {
  label(os, "package");
  os << d.getString("package").value_or("");
  if (const json::Array *v = d.getArray("format_version"); v && v->size() == 2)
    os << " (format " << scalarText((*v)[0]) << "." << scalarText((*v)[1]) << ")";
  os << "\n";

  if (const json::Object *model = d.getObject("model")) {
    // The members docs/package-format.md lists, then the other integers,
    // then other scalars, then each object member on its own line.
    static const char *const kSizes[] = {"layers",   "hidden", "heads",  "kv_heads",
                                         "head_dim", "vocab",  "context"};
    std::vector<std::string> sizes(std::begin(kSizes), std::end(kSizes)), scalars, objects;
    for (const std::string &key : sortedKeys(*model)) {
      const json::Value &v = *model->get(key);
      if (key == "arch" || key == "name" || is_contained(kSizes, StringRef(key)))
        continue;
      if (v.getAsInteger())
        sizes.push_back(key);
      else if (v.getAsObject())
        objects.push_back(key);
      else
        scalars.push_back(key);
    }
    label(os, "architecture");
    os << model->getString("arch").value_or("-");
    if (std::optional<StringRef> name = model->getString("name"); name && !name->empty())
      os << "  \"" << *name << "\"";
    os << "\n";
    label(os, "model");
    os << membersText(*model, sizes) << "\n";
    if (!scalars.empty()) {
      label(os, "");
      os << membersText(*model, scalars) << "\n";
    }
    for (const std::string &key : objects) {
      const json::Object &o = *model->getObject(key);
      label(os, key);
      os << membersText(o, sortedKeys(o)) << "\n";
    }
  }

  if (const json::Object *t = d.getObject("tokenizer"); t && t->getString("kind")) {
    label(os, "tokenizer");
    os << *t->getString("kind");
    if (std::optional<StringRef> pre = t->getString("pre"); pre && !pre->empty())
      os << ", pre-tokenizer " << *pre;
    os << " (" << intOr(*t, "regexes", 0) << " regexes)";
    for (StringRef key : {"bos", "eos", "unk", "pad"}) {
      int64_t id = intOr(*t, key, -1);
      os << ", " << key << " " << (id >= 0 ? std::to_string(id) : "none");
    }
    if (t->getBoolean("add_bos").value_or(false))
      os << ", adds bos";
    int64_t chars = intOr(*t, "chat_template_chars", 0);
    os << ", chat template " << (chars ? std::to_string(chars) + " chars" : "none") << "\n";
  }

  if (const json::Object *kv = d.getObject("kv_cache")) {
    const json::Array *groups = kv->getArray("groups");
    size_t n = groups ? groups->size() : 0;
    label(os, "kv cache");
    os << "abi " << intText(*kv, "abi_version") << ", " << n << (n == 1 ? " group" : " groups")
       << "\n";
    for (size_t i = 0; i < n; ++i) {
      const json::Object *g = (*groups)[i].getAsObject();
      if (!g)
        continue;
      label(os, "  group " + std::to_string(i));
      StringRef policy = g->getString("policy").value_or("?");
      os << policy;
      if (policy == "streaming")
        os << " (sinks " << intText(*g, "sinks") << ", window " << intText(*g, "window") << "), "
           << intText(*g, "slots") << " slots";
      else
        os << " (slots: the session's context)";
      os << ", " << intText(*g, "entries") << " entries, head_dim " << intText(*g, "head_dim")
         << ", " << g->getString("element_type").value_or("?") << "\n";
    }
  }

  if (const json::Array *f = d.getArray("cpu_features")) {
    std::vector<std::string> names;
    for (const json::Value &v : *f)
      names.push_back(scalarText(v));
    label(os, "cpu features");
    os << (names.empty() ? "none" : join(names, ", ")) << "\n";
  }

  if (const json::Array *k = d.getArray("kernels")) {
    label(os, "kernel sections");
    os << k->size() << "\n";
    Table table({{"target", false}, {"format", false}, {"bytes", true}});
    for (const json::Value &v : *k) {
      const json::Object &o = *v.getAsObject();
      table.add({o.getString("target").value_or("").str(), o.getString("format").value_or("").str(),
                 intText(o, "size")});
    }
    if (!k->empty())
      table.print(os, "  ");
  }

  if (const json::Array *p = d.getArray("execution_plan")) {
    label(os, "execution plan");
    os << p->size() << (p->size() == 1 ? " entry" : " entries") << "\n";
    for (const json::Value &v : *p) {
      const json::Object &e = *v.getAsObject();
      const json::Object *w = e.getObject("workspace_bytes");
      int64_t perToken = w ? intOr(*w, "per_token", 0) : 0,
              fixedBytes = w ? intOr(*w, "fixed", 0) : 0;
      label(os, "  " + e.getString("entry").value_or("?").str());
      os << intText(e, "steps") << " steps, max_tokens " << intText(e, "max_tokens")
         << ", workspace ";
      if (perToken)
        os << perToken << " x tokens + " << fixedBytes << " bytes ("
           << intText(e, "workspace_bytes_at_max_tokens") << " at max_tokens)";
      else
        os << bytesText(fixedBytes);
      os << ", scratch " << intText(e, "scratch_bytes") << " bytes\n";
    }
  }

  if (const json::Object *t = d.getObject("tensors")) {
    label(os, "tensors");
    os << intText(*t, "count") << " (" << intText(*t, "bytes") << " bytes)\n";
    if (const json::Object *types = t->getObject("types")) {
      std::vector<std::string> names;
      for (const auto &kv : *types)
        names.push_back(kv.first.str());
      llvm::sort(names);
      for (const std::string &name : names) {
        const json::Object &s = *types->getObject(name);
        os << formatv("  {0,-6} {1,6} tensors {2,14} bytes\n", name, intText(s, "tensors"),
                      intText(s, "bytes"));
      }
    }
  }

  if (d.get("gpu_scratch_bytes")) {
    label(os, "gpu scratch");
    os << intText(d, "gpu_scratch_bytes") << " bytes\n";
  }
  if (d.get("gpu_max_context")) {
    label(os, "gpu max context");
    os << intText(d, "gpu_max_context") << "\n";
  }
  if (const json::Object *launches = d.getObject("gpu_launches")) {
    // In the order of the kernel sections, then any others by name.
    std::vector<std::string> order, targets;
    if (const json::Array *k = d.getArray("kernels"))
      for (const json::Value &v : *k)
        if (const json::Object *o = v.getAsObject())
          order.push_back(o->getString("target").value_or("").str());
    for (const auto &kv : *launches)
      targets.push_back(kv.first.str());
    auto rank = [&](const std::string &t) {
      return std::find(order.begin(), order.end(), t) - order.begin();
    };
    llvm::sort(targets, [&](const std::string &a, const std::string &b) {
      return std::make_pair(rank(a), a) < std::make_pair(rank(b), b);
    });
    for (const std::string &target : targets)
      printTarget(os, target, *launches->getObject(target));
  }
}

int inspectPackage(const std::string &path, bool asJson) {
  // The runtime checks the header, the section table, every checksum but the
  // weights', the manifest, the tokenizer and the kernels list; its messages
  // name the file and the byte offset or manifest field.
  sinkrt::cxx::Status status;
  sinkrt::cxx::Package package = sinkrt::cxx::Package::open(path, status);
  if (!package)
    return reportError("inspect", status.message);
  std::string_view manifest = package.manifestJson();
  Expected<json::Object> description =
      describePackage(StringRef(manifest.data(), manifest.size()), path);
  if (!description)
    return reportError("inspect", path + ": " + toString(description.takeError()));
  if (asJson) {
    outs() << formatv("{0:2}", json::Value(std::move(*description))) << "\n";
    return 0;
  }
  printPackageDescription(*description, outs());
  return 0;
}

} // namespace sinkc::cli
