//===- BenchCommand.cpp - sinkc bench PKG --------------------------------===//
//
// Prefill and decode speed of a package, where the time goes (attention,
// matmuls, the rest: the runtime's per-step profile), peak RSS, and the
// machine's own limits measured in the same run (RooflineProbes): decode is
// bound by read bandwidth (every weight and the attended KV once per
// token), prefill by dot-product throughput (2 ops per matrix weight per
// token, set against the int8 vpdpbusd peak and the FP32 FMA peak).
//
// The prompt is deterministic pseudo-random non-control ids; decode feeds
// back each step's argmax, as greedy generation does. One untimed prefill +
// decode first maps the weights in and warms the caches.
//
//===----------------------------------------------------------------------===//

#include "BenchWork.h"
#include "Commands.h"
#include "PackageSession.h"
#include "RooflineProbes.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <numeric>

using namespace llvm;
namespace rt = sinkrt::cxx;

namespace sinkc::cli {

cl::SubCommand benchCommand("bench", "Measure prefill / decode speed of a .sinkpkg against "
                                     "this machine's bandwidth and compute limits");

namespace {
cl::opt<std::string> packagePath(cl::Positional, cl::Required, cl::sub(benchCommand),
                                 cl::desc("PKG (a .sinkpkg from sinkc compile)"),
                                 cl::value_desc("PKG"));
cl::opt<int64_t> promptLength("prompt-len", cl::sub(benchCommand), cl::init(128),
                              cl::desc("Prompt tokens to prefill (default 128)"),
                              cl::value_desc("N"));
cl::opt<int64_t> generated("gen", cl::sub(benchCommand), cl::init(128),
                           cl::desc("Tokens to decode after the prompt (default 128)"),
                           cl::value_desc("N"));
cl::opt<int64_t> contextSize("ctx", cl::sub(benchCommand), cl::init(0),
                             cl::desc("Session context (default 0: prompt + gen)"),
                             cl::value_desc("N"));
cl::opt<int64_t> threadCount("threads", cl::sub(benchCommand), cl::init(0),
                             cl::desc("Threads (default 0: every hardware thread)"),
                             cl::value_desc("T"));
cl::opt<bool> asJson("json", cl::sub(benchCommand), cl::desc("Print one JSON object"));
cl::opt<bool> skipRoofline("no-roofline", cl::sub(benchCommand),
                           cl::desc("Skip the bandwidth / FMA / vpdpbusd probes"));

constexpr StringRef kCommand = "bench";
constexpr size_t kGroups = 3;
using GroupTimes = std::array<double, kGroups>; ///< ms per token, by DispatchGroup

/// ms per token by dispatch kind: the kernel name without its
/// "dispatch_<N>_" prefix ("rms_norm_linear_rope", "attention", ...).
using KindTimes = std::vector<std::pair<std::string, double>>;

struct Phase {
  uint64_t tokens = 0;
  double seconds = 0;
  GroupTimes msPerToken{};
  KindTimes byKind;
  double rate() const { return seconds > 0 ? double(tokens) / seconds : 0; }
};

struct BenchResult {
  Phase prefill, decode;
  double decodeFirstMs = 0, decodeLastMs = 0; ///< mean ms/token, first / last 8 tokens
  uint64_t peakRssBytes = 0;
  uint64_t weightBytes = 0, kvBytes = 0;      ///< per decode token, at mid-decode context
  TokenWork work; ///< what a token costs, from the manifest
  std::string kvPolicy;
  bench::RooflineFigures roofline;
  bool measuredRoofline = false;
};

/// The session's profile of `entry` as ms per token and dispatch group.
GroupTimes groupTimes(const rt::Session &session, StringRef entry, uint64_t tokens) {
  GroupTimes times{};
  for (const sinkrt_step_profile &step : session.profile())
    if (entry == step.entry)
      times[size_t(dispatchGroupOf(step.kernel))] += double(step.nanoseconds) * 1e-6;
  for (double &t : times)
    t /= double(std::max<uint64_t>(tokens, 1));
  return times;
}

KindTimes kindTimes(const rt::Session &session, StringRef entry, uint64_t tokens) {
  KindTimes times;
  for (const sinkrt_step_profile &step : session.profile()) {
    if (entry != step.entry)
      continue;
    StringRef kind(step.kernel);
    if (kind.consume_front("dispatch_"))
      kind = kind.drop_until([](char c) { return c == '_'; }).drop_front();
    auto it = llvm::find_if(times, [&](const auto &t) { return t.first == kind; });
    if (it == times.end())
      it = times.insert(times.end(), {kind.str(), 0.0});
    it->second += double(step.nanoseconds) * 1e-6 / double(std::max<uint64_t>(tokens, 1));
  }
  llvm::sort(times, [](const auto &a, const auto &b) { return a.second > b.second; });
  return times;
}

/// `count` ids spread over the vocabulary, control tokens skipped.
std::vector<int32_t> promptIds(const rt::Tokenizer &tokenizer, size_t vocab, size_t count) {
  std::vector<int32_t> ids;
  uint64_t state = 0x9E3779B97F4A7C15ull;
  while (ids.size() < count) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    int32_t id = int32_t((state >> 33) % vocab);
    if (!tokenizer.isControl(id))
      ids.push_back(id);
  }
  return ids;
}

int32_t argmax(const std::vector<float> &logits) {
  return int32_t(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

/// The KV policies of the package's cache groups, as --kv-policy spells
/// them, e.g. "full" or "full+sinks=4,window=252".
std::string kvPolicyOf(StringRef manifestJson) {
  std::string policies;
  Expected<json::Value> manifest = json::parse(manifestJson);
  if (!manifest) {
    consumeError(manifest.takeError());
    return "?";
  }
  if (const json::Object *root = manifest->getAsObject())
    if (const json::Object *cache = root->getObject("kv_cache"))
      if (const json::Array *groups = cache->getArray("groups"))
        for (const json::Value &g : *groups)
          if (const json::Object *group = g.getAsObject()) {
            std::string policy = group->getString("policy").value_or("?").str();
            if (policy == "streaming")
              policy = "sinks=" + std::to_string(group->getInteger("sinks").value_or(0)) +
                       ",window=" + std::to_string(group->getInteger("window").value_or(0));
            policies += (policies.empty() ? "" : "+") + policy;
          }
  return policies;
}

/// Prefill and decode, timed and profiled; reports errors.
bool measure(PackageSession &model, BenchResult &result) {
  rt::Session &session = model.session;
  std::vector<int32_t> prompt = promptIds(model.tokenizer, session.vocab(), size_t(promptLength));
  std::vector<float> logits;
  auto fail = [](const rt::Status &s) {
    reportError(kCommand, s.message);
    return false;
  };

  // Warm-up: maps the weights in, fills the caches.
  if (rt::Status s = session.prefill(prompt, logits); !s)
    return fail(s);
  for (int i = 0; i < 2 && session.position() < session.context(); ++i)
    if (rt::Status s = session.decode(argmax(logits), logits); !s)
      return fail(s);
  if (rt::Status s = session.reset(); !s)
    return fail(s);

  session.setProfiling(true);
  Stopwatch clock;
  clock.start();
  if (rt::Status s = session.prefill(prompt, logits); !s)
    return fail(s);
  clock.stop();
  result.prefill = {prompt.size(), clock.seconds(), groupTimes(session, "prefill", prompt.size()),
                    kindTimes(session, "prefill", prompt.size())};

  session.setProfiling(true); // restarts the counters
  std::vector<double> perToken;
  Stopwatch total;
  for (int64_t i = 0; i < generated; ++i) {
    Stopwatch one;
    one.start();
    total.start();
    rt::Status s = session.decode(argmax(logits), logits);
    total.stop();
    one.stop();
    if (!s)
      return fail(s);
    perToken.push_back(one.seconds() * 1e3);
  }
  result.decode = {uint64_t(generated), total.seconds(),
                   groupTimes(session, "decode", uint64_t(generated)),
                   kindTimes(session, "decode", uint64_t(generated))};
  session.setProfiling(false);
  if (!perToken.empty()) {
    size_t k = std::min<size_t>(8, (perToken.size() + 1) / 2);
    auto mean = [](auto begin, auto end) {
      return std::accumulate(begin, end, 0.0) / double(end - begin);
    };
    result.decodeFirstMs = mean(perToken.begin(), perToken.begin() + ptrdiff_t(k));
    result.decodeLastMs = mean(perToken.end() - ptrdiff_t(k), perToken.end());
  }
  return true;
}

uint64_t peakRssBytes() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return uint64_t(usage.ru_maxrss) * 1024; // Linux reports KiB
}

double fraction(double achieved, double limit) { return limit > 0 ? achieved / limit : 0; }

double decodeBytesPerSecond(const BenchResult &r) {
  return double(r.weightBytes + r.kvBytes) * r.decode.rate();
}
double prefillOpsPerSecond(const BenchResult &r) {
  return r.prefill.seconds > 0 ? r.work.prefillOps(r.prefill.tokens) / r.prefill.seconds : 0;
}

void printJson(const BenchResult &r, const PackageSession &model) {
  json::OStream j(outs(), 2);
  auto phase = [&](const Phase &p) {
    j.attribute("tokens", int64_t(p.tokens));
    j.attribute("seconds", p.seconds);
    j.attribute("tok_per_s", p.rate());
  };
  auto groups = [&](const GroupTimes &t) {
    j.object([&] {
      for (size_t g = 0; g < kGroups; ++g)
        j.attribute(dispatchGroupName(DispatchGroup(g)), t[g]);
    });
  };
  j.object([&] {
    j.attribute("package", packagePath.getValue());
    j.attribute("threads", int64_t(model.session.threads()));
    j.attribute("ctx", model.session.context());
    j.attribute("prompt_len", int64_t(promptLength));
    j.attribute("gen", int64_t(generated));
    j.attribute("kv_policy", r.kvPolicy);
    j.attributeObject("prefill", [&] { phase(r.prefill); });
    j.attributeObject("decode", [&] {
      phase(r.decode);
      j.attribute("context_start", int64_t(promptLength));
      j.attribute("context_end", int64_t(promptLength + generated));
      j.attribute("ms_per_token_first", r.decodeFirstMs);
      j.attribute("ms_per_token_last", r.decodeLastMs);
    });
    auto kinds = [&](const KindTimes &t) {
      j.object([&] {
        for (const auto &[kind, ms] : t)
          j.attribute(kind, ms);
      });
    };
    j.attributeObject("kinds", [&] {
      j.attributeBegin("prefill");
      kinds(r.prefill.byKind);
      j.attributeEnd();
      j.attributeBegin("decode");
      kinds(r.decode.byKind);
      j.attributeEnd();
    });
    j.attributeObject("groups", [&] {
      j.attributeBegin("prefill");
      groups(r.prefill.msPerToken);
      j.attributeEnd();
      j.attributeBegin("decode");
      groups(r.decode.msPerToken);
      j.attributeEnd();
    });
    j.attribute("peak_rss_bytes", int64_t(r.peakRssBytes));
    j.attributeObject("bytes_per_decode_token", [&] {
      j.attribute("weights", int64_t(r.weightBytes));
      j.attribute("kv", int64_t(r.kvBytes));
    });
    j.attribute("matmul_parameters", int64_t(r.work.matmulParameters));
    j.attribute("last_token_parameters", int64_t(r.work.lastTokenParameters));
    j.attribute("prefill_chunk", r.work.prefillChunk);
    if (r.measuredRoofline) {
      j.attributeObject("roofline", [&] {
        j.attribute("threads", int64_t(r.roofline.threads));
        j.attribute("read_bytes_per_s", r.roofline.readBytesPerSecond);
        j.attribute("fp32_flops_per_s", r.roofline.fp32FlopsPerSecond);
        j.attribute("int8_ops_per_s", r.roofline.int8OpsPerSecond);
        j.attribute("fp32_isa", r.roofline.fp32Isa);
        j.attribute("int8_isa", r.roofline.int8Isa);
      });
      j.attributeObject("fraction", [&] {
        j.attribute("decode_of_bandwidth",
                    fraction(decodeBytesPerSecond(r), r.roofline.readBytesPerSecond));
        j.attribute("prefill_of_int8_peak",
                    fraction(prefillOpsPerSecond(r), r.roofline.int8OpsPerSecond));
        j.attribute("prefill_of_fp32_peak",
                    fraction(prefillOpsPerSecond(r), r.roofline.fp32FlopsPerSecond));
      });
    }
  });
  outs() << "\n";
}

std::string percent(double f) { return fixed(100 * f, 1) + "%"; }

void printTable(const BenchResult &r, const PackageSession &model) {
  raw_ostream &os = outs();
  os << "sinkc bench: " << packagePath << ", " << model.session.threads() << " thread(s), ctx "
     << model.session.context() << ", KV policy " << r.kvPolicy << "\n\n";
  os << "                     tok/s   ms/token  | attention  matmuls     rest (ms/token)\n";
  auto row = [&](StringRef name, const Phase &p) {
    os << left_justify(name, 19) << right_justify(fixed(p.rate(), 1), 8)
       << right_justify(fixed(p.tokens ? 1e3 * p.seconds / double(p.tokens) : 0, 3), 11)
       << "  |";
    for (double t : p.msPerToken)
      os << right_justify(fixed(t, 3), 10);
    os << "\n";
  };
  row("prefill " + std::to_string(promptLength), r.prefill);
  row("decode " + std::to_string(promptLength) + "->" +
          std::to_string(promptLength + generated),
      r.decode);
  for (const Phase *p : {&r.prefill, &r.decode}) {
    os << (p == &r.prefill ? "prefill" : "decode") << " ms/token by dispatch kind:";
    for (const auto &[kind, ms] : p->byKind)
      os << " " << kind << " " << fixed(ms, 3) << ";";
    os << "\n";
  }
  os << "decode ms/token, first / last 8 tokens: " << fixed(r.decodeFirstMs, 3) << " / "
     << fixed(r.decodeLastMs, 3) << "\n";
  os << "peak RSS: " << fixed(double(r.peakRssBytes) / (1 << 20), 1) << " MiB\n";
  if (!r.measuredRoofline)
    return;
  const bench::RooflineFigures &f = r.roofline;
  os << "\nroofline (" << f.threads << " thread(s), measured now): read "
     << fixed(f.readBytesPerSecond / 1e9, 1) << " GB/s, FP32 FMA "
     << fixed(f.fp32FlopsPerSecond / 1e9, 0) << " GFLOP/s (" << f.fp32Isa << "), int8 "
     << fixed(f.int8OpsPerSecond / 1e9, 0) << " GOP/s (" << f.int8Isa << ")\n";
  os << "decode: " << fixed(double(r.weightBytes + r.kvBytes) / 1e6, 1) << " MB/token (weights "
     << fixed(double(r.weightBytes) / 1e6, 1) << " + KV " << fixed(double(r.kvBytes) / 1e6, 2)
     << ") -> " << fixed(decodeBytesPerSecond(r) / 1e9, 2) << " GB/s = "
     << percent(fraction(decodeBytesPerSecond(r), f.readBytesPerSecond))
     << " of read bandwidth\n";
  os << "prefill: 2 x " << fixed(double(r.work.matmulParameters) / 1e6, 1) << "M ops/token + 2 x "
     << fixed(double(r.work.lastTokenParameters) / 1e6, 1) << "M for the last token -> "
     << fixed(prefillOpsPerSecond(r) / 1e9, 1) << " GOP/s = "
     << percent(fraction(prefillOpsPerSecond(r), f.int8OpsPerSecond)) << " of int8 peak, "
     << percent(fraction(prefillOpsPerSecond(r), f.fp32FlopsPerSecond)) << " of FP32 peak\n";
}

} // namespace

int runBench() {
  if (promptLength < 1)
    return reportError(kCommand, "--prompt-len must be >= 1, got " + Twine(int64_t(promptLength)));
  if (generated < 0)
    return reportError(kCommand, "--gen must be >= 0, got " + Twine(int64_t(generated)));
  const int64_t needed = promptLength + generated;
  if (contextSize != 0 && contextSize < needed)
    return reportError(kCommand, "--ctx " + Twine(int64_t(contextSize)) +
                                     " is less than --prompt-len + --gen = " + Twine(needed));
  std::optional<PackageSession> model =
      openPackageSession(kCommand, packagePath, contextSize ? contextSize : needed, threadCount);
  if (!model)
    return 1;
  std::string_view manifest = model->package.manifestJson();
  StringRef manifestText(manifest.data(), manifest.size());
  Expected<TokenWork> work = tokenWorkOf(manifestText);
  if (!work)
    return reportError(kCommand, packagePath + ": " + toString(work.takeError()));

  BenchResult result;
  result.kvPolicy = kvPolicyOf(manifestText);
  if (!measure(*model, result))
    return 1;
  // Before the probes, whose bandwidth buffer would count otherwise.
  result.peakRssBytes = peakRssBytes();
  result.weightBytes = work->decodeWeightBytes;
  result.kvBytes = work->kvBytesRead(promptLength + (generated + 1) / 2);
  result.work = *work;
  if (!skipRoofline) {
    result.roofline = bench::measureRoofline(model->session.threads());
    result.measuredRoofline = true;
  }
  if (asJson)
    printJson(result, *model);
  else
    printTable(result, *model);
  return 0;
}

} // namespace sinkc::cli
