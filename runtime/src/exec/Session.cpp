//===- Session.cpp - runs a package's prefill and decode on the CPU -------===//

#include "exec/Session.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <new>

using namespace sinkrt;

namespace {

constexpr size_t kAlign = 64;

} // namespace

sinkrt_status Session::create(const PackageReader &package, const SessionOptions &options,
                              std::unique_ptr<Session> &out, std::string &error) {
  const Manifest &manifest = package.manifest();
  const std::string &path = package.path();
  int64_t modelContext = manifest.model.context;
  if (options.ctx < 0 || options.ctx > modelContext) {
    error = path + ": context " + std::to_string(options.ctx) +
            (options.ctx < 0 ? " is negative"
                             : " is more than the model's context of " +
                                   std::to_string(modelContext) +
                                   " (manifest field \"model.context\")");
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }
  if (options.threads < 0 || options.threads > kMaxThreads) {
    error = path + ": threads " + std::to_string(options.threads) + " is outside [0, " +
            std::to_string(kMaxThreads) + "]";
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }

  std::unique_ptr<Session> s(new Session());
  s->package = &package;
  s->ctx = options.ctx ? options.ctx : modelContext;
  s->vocabSize = manifest.model.vocab;
  if (std::string e = parseExecutionPlan(manifest, s->plan); !e.empty()) {
    error = path + ": " + e;
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  if (sinkrt_status st = KernelLibrary::load(package, s->kernels, error); st != SINKRT_OK)
    return st;

  // Resolve every kernel and lay out the steps' binding and scalar arrays.
  for (const PlanEntry *entry : {&s->plan.prefill, &s->plan.decode}) {
    auto &ready = entry == &s->plan.prefill ? s->prefillSteps : s->decodeSteps;
    for (size_t i = 0; i < entry->steps.size(); ++i) {
      const PlanStep &step = entry->steps[i];
      ReadyStep r;
      r.step = &step;
      r.fn = s->kernels->find(step.kernel);
      if (!r.fn) {
        error = path + ": kernel section \"" + s->kernels->target() +
                "\" exports no function \"" + step.kernel + "\" (manifest field \"" +
                step.field + ".kernel\", entry \"" + entry->name + "\", step " +
                std::to_string(i) + ")";
        return SINKRT_ERROR_INVALID_PACKAGE;
      }
      r.profileIndex = s->stepProfiles.size();
      s->stepProfiles.push_back({entry->name.c_str(), &step, i, 0, 0, 0});
      r.firstBinding = s->bindingValues.size();
      r.firstScalar = s->scalarValues.size();
      s->bindingValues.resize(s->bindingValues.size() + step.bindings.size());
      s->scalarValues.resize(s->scalarValues.size() + step.scalars.size());
      ready.push_back(r);
    }
  }

  std::string cacheError;
  s->cache = KvCache::create(kvGroupDescs(manifest), s->ctx, cacheError);
  if (!s->cache) {
    error = path + ": " + cacheError;
    return cacheError.rfind("KV cache: cannot allocate", 0) == 0 ? SINKRT_ERROR_OUT_OF_MEMORY
                                                                 : SINKRT_ERROR_INVALID_PACKAGE;
  }

  // One workspace serves both entries (they never run at once), sized for
  // each one's max_tokens.
  const PlanEntry &p = s->plan.prefill, &d = s->plan.decode;
  s->workspaceSize = size_t(std::max(p.workspaceBytes.at(p.maxTokens),
                                     d.workspaceBytes.at(d.maxTokens)));
  size_t allocated = std::max(kAlign, (s->workspaceSize + kAlign - 1) / kAlign * kAlign);
  s->workspace = static_cast<unsigned char *>(
      ::operator new(allocated, std::align_val_t(kAlign), std::nothrow));
  if (!s->workspace) {
    error = path + ": cannot allocate the workspace of " + std::to_string(s->workspaceSize) +
            " bytes";
    return SINKRT_ERROR_OUT_OF_MEMORY;
  }
  std::memset(s->workspace, 0, allocated);

  size_t scratch = size_t(std::max(p.scratchBytes, d.scratchBytes));
  int threads = options.threads ? options.threads : ThreadPool::hardwareThreads();
  s->pool = std::make_unique<ThreadPool>(threads, scratch);
  if (scratch && s->pool->workspaceBytes() == 0) {
    error = path + ": cannot allocate " + std::to_string(s->pool->threads()) +
            " scratch areas of " + std::to_string(scratch) + " bytes";
    return SINKRT_ERROR_OUT_OF_MEMORY;
  }
  for (const PlanTap &tap : p.taps)
    s->tapData.push_back({tap.name, tap.perTokenBytes / 4, {}});
  s->states.resize(size_t(s->pool->threads()));
  for (int w = 0; w < s->pool->threads(); ++w)
    s->states[size_t(w)].scratch = s->pool->workspace(w);
  out = std::move(s);
  return SINKRT_OK;
}

Session::~Session() {
  // The pool's threads stop before the kernels they might call unload.
  pool.reset();
  if (workspace)
    ::operator delete(workspace, std::align_val_t(kAlign));
}

void Session::run(const PlanEntry &entry, const std::vector<ReadyStep> &steps,
                  const int32_t *ids, int64_t tokens, RowWiseSteps rowWise) {
  std::memcpy(workspace + entry.tokensOffset.at(tokens), ids, size_t(tokens) * sizeof(int32_t));
  // Taps read every row, so with taps every step runs for every row.
  if (!entry.taps.empty())
    rowWise = RowWiseSteps::AllRows;
  for (size_t index = 0; index < steps.size(); ++index) {
    const ReadyStep &r = steps[index];
    const PlanStep &step = *r.step;
    bool lastRowOnly = false;
    if (index >= entry.rowWiseFrom && rowWise == RowWiseSteps::Skip)
      break;
    if (index >= entry.rowWiseFrom && rowWise == RowWiseSteps::LastRow)
      lastRowOnly = true;
    // In last-row mode a step sees one token whose rows start where the
    // full run's last rows are.
    const int64_t stepTokens = lastRowOnly ? 1 : tokens;
    const int64_t skippedRows = tokens - stepTokens;
    void **bindings = bindingValues.data() + r.firstBinding;
    int64_t *scalars = scalarValues.data() + r.firstScalar;
    for (size_t i = 0; i < step.bindings.size(); ++i) {
      const PlanBinding &b = step.bindings[i];
      switch (b.kind) {
      case PlanBinding::Kind::Workspace:
        bindings[i] = workspace + b.offset.at(tokens) + skippedRows * b.rowBytes;
        break;
      case PlanBinding::Kind::Tensor:
        // Kernels only read weights (the mapping is read-only anyway).
        bindings[i] = const_cast<uint8_t *>(package->tensorData(*b.tensor).data);
        break;
      case PlanBinding::Kind::Kv:
        bindings[i] = cache->data(size_t(b.kvGroup));
        break;
      }
    }
    for (size_t i = 0; i < step.scalars.size(); ++i) {
      const PlanScalar &sc = step.scalars[i];
      switch (sc.kind) {
      case PlanScalar::Kind::Tokens: scalars[i] = stepTokens; break;
      case PlanScalar::Kind::Position: scalars[i] = nextPosition + skippedRows; break;
      case PlanScalar::Kind::Context: scalars[i] = ctx; break;
      case PlanScalar::Kind::Constant: scalars[i] = sc.value; break;
      }
    }
    for (sinkrt_dispatch_state &st : states) {
      st.bindings = bindings;
      st.scalars = scalars;
    }
    // `run` publishes these writes to the workers before they start.
    sinkrt_dispatch_fn fn = r.fn;
    sinkrt_dispatch_state *perWorker = states.data();
    auto began = profiling ? std::chrono::steady_clock::now()
                           : std::chrono::steady_clock::time_point();
    pool->run(step.workgroups.at(stepTokens),
              [fn, perWorker](int64_t wg, int worker) { fn(&perWorker[worker], wg); });
    if (profiling) {
      StepProfile &p = stepProfiles[r.profileIndex];
      p.nanoseconds += uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now() - began)
                                    .count());
      p.calls += 1;
      p.tokens += uint64_t(stepTokens);
    }
  }
  for (size_t i = 0; i < entry.taps.size(); ++i) {
    const float *rows = reinterpret_cast<const float *>(workspace + entry.taps[i].offset.at(tokens));
    tapData[i].rows.insert(tapData[i].rows.end(), rows, rows + tokens * tapData[i].columns);
  }
  nextPosition += tokens;
}

const float *Session::logitsOf(const PlanEntry &entry, int64_t tokens) const {
  return reinterpret_cast<const float *>(workspace + entry.logitsOffset.at(tokens));
}

sinkrt_status Session::check(const int32_t *ids, size_t n, std::string &error) const {
  for (size_t i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= vocabSize) {
      error = "id " + std::to_string(ids[i]) + " at index " + std::to_string(i) +
              " is outside the vocabulary of " + std::to_string(vocabSize) + " tokens";
      return SINKRT_ERROR_INVALID_ARGUMENT;
    }
  if (!cache->checkPositions(nextPosition, int64_t(n), error))
    return SINKRT_ERROR_INVALID_ARGUMENT;
  return SINKRT_OK;
}

sinkrt_status Session::prefill(const int32_t *ids, size_t n, float *logits, bool allLogits,
                               std::string &error) {
  if (n == 0) {
    error = "no tokens to prefill";
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }
  if (sinkrt_status st = check(ids, n, error); st != SINKRT_OK)
    return st;
  const PlanEntry &entry = plan.prefill;
  const size_t v = size_t(vocabSize);
  for (size_t done = 0; done < n;) {
    int64_t tokens = std::min<int64_t>(int64_t(n - done), entry.maxTokens);
    bool last = done + size_t(tokens) == n;
    RowWiseSteps rowWise = logits && allLogits ? RowWiseSteps::AllRows
                           : logits && last    ? RowWiseSteps::LastRow
                                               : RowWiseSteps::Skip;
    run(entry, prefillSteps, ids + done, tokens, rowWise);
    const float *out = logitsOf(entry, tokens);
    done += size_t(tokens);
    if (logits && allLogits)
      std::memcpy(logits + (done - size_t(tokens)) * v, out, size_t(tokens) * v * sizeof(float));
    else if (logits && done == n)
      std::memcpy(logits, out + size_t(tokens - 1) * v, v * sizeof(float));
  }
  return SINKRT_OK;
}

sinkrt_status Session::decode(int32_t id, float *logits, std::string &error) {
  if (sinkrt_status st = check(&id, 1, error); st != SINKRT_OK)
    return st;
  run(plan.decode, decodeSteps, &id, 1);
  if (logits)
    std::memcpy(logits, logitsOf(plan.decode, 1), size_t(vocabSize) * sizeof(float));
  return SINKRT_OK;
}

void Session::reset() {
  cache->reset();
  nextPosition = 0;
  for (Tap &tap : tapData)
    tap.rows.clear();
}

void Session::setProfiling(bool enabled) {
  profiling = enabled;
  for (StepProfile &p : stepProfiles)
    p.calls = p.tokens = p.nanoseconds = 0;
}
