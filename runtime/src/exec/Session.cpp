//===- Session.cpp - runs a package's prefill and decode ------------------===//

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
  s->kvGroups = kvGroupDescs(manifest);
  if (std::string e = parseExecutionPlan(manifest, s->plan); !e.empty()) {
    error = path + ": " + e;
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  // One workspace serves both entries (they never run at once), sized for
  // each one's max_tokens.
  const PlanEntry &p = s->plan.prefill, &d = s->plan.decode;
  s->workspaceSize = size_t(std::max(p.workspaceBytes.at(p.maxTokens),
                                     d.workspaceBytes.at(d.maxTokens)));
  sinkrt_status st = options.device.kind == device::DeviceKind::Cpu
                         ? s->createOnHost(options, error)
                         : s->createOnDevice(options, error);
  if (st != SINKRT_OK)
    return st;
  for (const PlanTap &tap : p.taps)
    s->tapData.push_back({tap.name, tap.perTokenBytes / 4, {}});
  out = std::move(s);
  return SINKRT_OK;
}

sinkrt_status Session::createOnHost(const SessionOptions &options, std::string &error) {
  const std::string &path = package->path();
  if (sinkrt_status st = KernelLibrary::load(*package, kernels, error); st != SINKRT_OK)
    return st;
  target = kernels->target();

  // Resolve every kernel and lay out the steps' binding and scalar arrays.
  for (const PlanEntry *entry : {&plan.prefill, &plan.decode}) {
    auto &ready = entry == &plan.prefill ? prefillSteps : decodeSteps;
    for (size_t i = 0; i < entry->steps.size(); ++i) {
      const PlanStep &step = entry->steps[i];
      ReadyStep r;
      r.step = &step;
      r.fn = kernels->find(step.kernel);
      if (!r.fn) {
        error = path + ": kernel section \"" + kernels->target() +
                "\" exports no function \"" + step.kernel + "\" (manifest field \"" +
                step.field + ".kernel\", entry \"" + entry->name + "\", step " +
                std::to_string(i) + ")";
        return SINKRT_ERROR_INVALID_PACKAGE;
      }
      r.profileIndex = stepProfiles.size();
      stepProfiles.push_back({entry->name.c_str(), &step, i, 0, 0, 0});
      r.firstBinding = bindingValues.size();
      r.firstScalar = scalarValues.size();
      bindingValues.resize(bindingValues.size() + step.bindings.size());
      scalarValues.resize(scalarValues.size() + step.scalars.size());
      ready.push_back(r);
    }
  }

  std::string cacheError;
  cache = KvCache::create(kvGroups, ctx, cacheError);
  if (!cache) {
    error = path + ": " + cacheError;
    return cacheError.rfind("KV cache: cannot allocate", 0) == 0 ? SINKRT_ERROR_OUT_OF_MEMORY
                                                                 : SINKRT_ERROR_INVALID_PACKAGE;
  }

  size_t allocated = std::max(kAlign, (workspaceSize + kAlign - 1) / kAlign * kAlign);
  workspace = static_cast<unsigned char *>(
      ::operator new(allocated, std::align_val_t(kAlign), std::nothrow));
  if (!workspace) {
    error = path + ": cannot allocate the workspace of " + std::to_string(workspaceSize) +
            " bytes";
    return SINKRT_ERROR_OUT_OF_MEMORY;
  }
  std::memset(workspace, 0, allocated);

  const PlanEntry &p = plan.prefill, &d = plan.decode;
  size_t scratch = size_t(std::max(p.scratchBytes, d.scratchBytes));
  int threads = options.threads ? options.threads : ThreadPool::hardwareThreads();
  pool = std::make_unique<ThreadPool>(threads, scratch);
  if (scratch && pool->workspaceBytes() == 0) {
    error = path + ": cannot allocate " + std::to_string(pool->threads()) +
            " scratch areas of " + std::to_string(scratch) + " bytes";
    return SINKRT_ERROR_OUT_OF_MEMORY;
  }
  states.resize(size_t(pool->threads()));
  for (int w = 0; w < pool->threads(); ++w)
    states[size_t(w)].scratch = pool->workspace(w);
  return SINKRT_OK;
}

sinkrt_status Session::createOnDevice(const SessionOptions &options, std::string &error) {
  const Manifest &manifest = package->manifest();
  const std::string &path = package->path();
  std::unique_ptr<device::GpuBackend> backend;
  if (sinkrt_status st = device::openGpuBackend(options.device, *package, backend, target, error);
      st != SINKRT_OK)
    return st;
  const device::DeviceInfo &info = backend->info();
  const std::string where = path + ": " + device::kindTitle(info.kind) + " device " +
                            std::to_string(info.index) + " (" + info.name + ", kernels \"" +
                            target + "\")";
  if (manifest.gpuMaxContext > 0 && ctx > manifest.gpuMaxContext) {
    error = path + ": context " + std::to_string(ctx) + (options.ctx ? "" : " (the model's)") +
            " is more than the GPU kernels take: at most " +
            std::to_string(manifest.gpuMaxContext) +
            " (manifest field \"gpu_max_context\"); pass a smaller ctx";
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }
  auto launches = manifest.gpuLaunches.find(target);
  if (launches == manifest.gpuLaunches.end()) {
    error = where + ": the package has no launch descriptions for its kernel section (manifest "
                    "field \"gpu_launches." +
            target + "\" is missing); compile it again with this sinkc";
    return SINKRT_ERROR_INVALID_PACKAGE;
  }

  for (const PlanEntry *entry : {&plan.prefill, &plan.decode}) {
    auto &ready = entry == &plan.prefill ? prefillSteps : decodeSteps;
    for (size_t i = 0; i < entry->steps.size(); ++i) {
      ReadyStep r;
      r.step = &entry->steps[i];
      r.profileIndex = stepProfiles.size();
      stepProfiles.push_back({entry->name.c_str(), r.step, i, 0, 0, 0});
      ready.push_back(r);
    }
  }
  // A GPU kernel's grid is constant (for max_tokens); a row-wise step can
  // run for the last token alone only if each of its launches is told the
  // step's tokens (the kernels skip the rows past it). Otherwise every row
  // runs.
  for (size_t i = plan.prefill.rowWiseFrom; i < plan.prefill.steps.size(); ++i) {
    const PlanStep &step = plan.prefill.steps[i];
    for (const device::GpuKernelLaunch &launch : launches->second) {
      if (launch.kernel != step.kernel)
        continue;
      bool takesTokens = false;
      for (const device::GpuKernelLaunch::Arg &arg : launch.args)
        takesTokens |= arg.kind == device::GpuKernelLaunch::Arg::Kind::Scalar &&
                       arg.index < step.scalars.size() &&
                       step.scalars[arg.index].kind == PlanScalar::Kind::Tokens;
      deviceLastRow &= takesTokens;
    }
  }

  // The weights, the cache, the workspace, the GPU scratch buffer, the
  // kernels: errors name the part, then the device and the driver's words.
  auto failed = [&](sinkrt_status st, const std::string &part) {
    error = path + ": " + part + error;
    return st;
  };
  if (sinkrt_status st = backend->uploadWeights(*package, error); st != SINKRT_OK)
    return failed(st, "weights: ");
  if (sinkrt_status st = backend->allocateKvCache(kvGroups, ctx, error); st != SINKRT_OK)
    return failed(st, "");
  if (sinkrt_status st = backend->allocateWorkspace(workspaceSize, error); st != SINKRT_OK)
    return failed(st, "");
  if (sinkrt_status st = backend->allocateScratch(size_t(manifest.gpuScratchBytes), error);
      st != SINKRT_OK)
    return failed(st, "");
  if (sinkrt_status st = backend->loadKernels(package->kernel(target), launches->second, error);
      st != SINKRT_OK)
    return failed(st, "kernel section \"" + target + "\": ");
  gpu = std::move(backend);
  return SINKRT_OK;
}

Session::~Session() {
  // The pool's threads stop before the kernels they might call unload.
  pool.reset();
  if (workspace)
    ::operator delete(workspace, std::align_val_t(kAlign));
}

sinkrt_status Session::run(const PlanEntry &entry, const std::vector<ReadyStep> &steps,
                           const int32_t *ids, int64_t tokens, RowWiseSteps rowWise,
                           std::string &error) {
  if (sinkrt_status st = toWorkspace(size_t(entry.tokensOffset.at(tokens)), ids,
                                     size_t(tokens) * sizeof(int32_t), error);
      st != SINKRT_OK)
    return st;
  // Taps read every row, so with taps every step runs for every row.
  if (!entry.taps.empty() || (gpu && !deviceLastRow && rowWise == RowWiseSteps::LastRow))
    rowWise = RowWiseSteps::AllRows;
  for (size_t index = 0; index < steps.size(); ++index) {
    const ReadyStep &r = steps[index];
    bool lastRowOnly = false;
    if (index >= entry.rowWiseFrom && rowWise == RowWiseSteps::Skip)
      break;
    if (index >= entry.rowWiseFrom && rowWise == RowWiseSteps::LastRow)
      lastRowOnly = true;
    // In last-row mode a step sees one token whose rows start where the
    // full run's last rows are.
    device::StepContext call;
    call.tokens = lastRowOnly ? 1 : tokens;
    call.skippedRows = tokens - call.tokens;
    call.position = nextPosition + call.skippedRows;
    call.context = ctx;
    auto began = profiling ? std::chrono::steady_clock::now()
                           : std::chrono::steady_clock::time_point();
    if (gpu) {
      if (sinkrt_status st = gpu->runStep(*r.step, call, error); st != SINKRT_OK)
        return st;
      if (profiling)
        if (sinkrt_status st = gpu->synchronize(error); st != SINKRT_OK) {
          error = r.step->field + " (kernel \"" + r.step->kernel + "\"): " + error;
          return st;
        }
    } else {
      runOnHost(r, call);
    }
    if (profiling) {
      StepProfile &p = stepProfiles[r.profileIndex];
      p.nanoseconds += uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now() - began)
                                    .count());
      p.calls += 1;
      p.tokens += uint64_t(call.tokens);
    }
  }
  for (size_t i = 0; i < entry.taps.size(); ++i) {
    std::vector<float> &rows = tapData[i].rows;
    size_t had = rows.size(), count = size_t(tokens * tapData[i].columns);
    rows.resize(had + count);
    if (sinkrt_status st = fromWorkspace(size_t(entry.taps[i].offset.at(tokens)),
                                         rows.data() + had, count * sizeof(float), error);
        st != SINKRT_OK) {
      rows.resize(had);
      return st;
    }
  }
  nextPosition += tokens;
  return SINKRT_OK;
}

void Session::runOnHost(const ReadyStep &r, const device::StepContext &call) {
  const PlanStep &step = *r.step;
  const int64_t tokens = call.tokens + call.skippedRows; // the call's: the workspace layout
  void **bindings = bindingValues.data() + r.firstBinding;
  int64_t *scalars = scalarValues.data() + r.firstScalar;
  for (size_t i = 0; i < step.bindings.size(); ++i) {
    const PlanBinding &b = step.bindings[i];
    switch (b.kind) {
    case PlanBinding::Kind::Workspace:
      bindings[i] = workspace + b.offset.at(tokens) + call.skippedRows * b.rowBytes;
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
    case PlanScalar::Kind::Tokens: scalars[i] = call.tokens; break;
    case PlanScalar::Kind::Position: scalars[i] = call.position; break;
    case PlanScalar::Kind::Context: scalars[i] = call.context; break;
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
  pool->run(step.workgroups.at(call.tokens),
            [fn, perWorker](int64_t wg, int worker) { fn(&perWorker[worker], wg); });
}

sinkrt_status Session::toWorkspace(size_t offset, const void *src, size_t bytes,
                                   std::string &error) {
  if (gpu)
    return gpu->writeWorkspace(offset, src, bytes, error);
  std::memcpy(workspace + offset, src, bytes);
  return SINKRT_OK;
}

sinkrt_status Session::fromWorkspace(size_t offset, void *dst, size_t bytes,
                                     std::string &error) {
  if (gpu)
    return gpu->readWorkspace(offset, dst, bytes, error);
  std::memcpy(dst, workspace + offset, bytes);
  return SINKRT_OK;
}

sinkrt_status Session::check(const int32_t *ids, size_t n, std::string &error) const {
  for (size_t i = 0; i < n; ++i)
    if (ids[i] < 0 || ids[i] >= vocabSize) {
      error = "id " + std::to_string(ids[i]) + " at index " + std::to_string(i) +
              " is outside the vocabulary of " + std::to_string(vocabSize) + " tokens";
      return SINKRT_ERROR_INVALID_ARGUMENT;
    }
  if (!checkKvPositions(kvGroups, ctx, nextPosition, int64_t(n), error))
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
  const size_t v = size_t(vocabSize), rowBytes = v * sizeof(float);
  for (size_t done = 0; done < n;) {
    int64_t tokens = std::min<int64_t>(int64_t(n - done), entry.maxTokens);
    bool last = done + size_t(tokens) == n;
    RowWiseSteps rowWise = logits && allLogits ? RowWiseSteps::AllRows
                           : logits && last    ? RowWiseSteps::LastRow
                                               : RowWiseSteps::Skip;
    if (sinkrt_status st = run(entry, prefillSteps, ids + done, tokens, rowWise, error);
        st != SINKRT_OK)
      return st;
    size_t out = size_t(entry.logitsOffset.at(tokens));
    sinkrt_status st = SINKRT_OK;
    if (logits && allLogits)
      st = fromWorkspace(out, logits + done * v, size_t(tokens) * rowBytes, error);
    else if (logits && last)
      st = fromWorkspace(out + size_t(tokens - 1) * rowBytes, logits, rowBytes, error);
    if (st != SINKRT_OK)
      return st;
    done += size_t(tokens);
  }
  return SINKRT_OK;
}

sinkrt_status Session::decode(int32_t id, float *logits, std::string &error) {
  if (sinkrt_status st = check(&id, 1, error); st != SINKRT_OK)
    return st;
  if (sinkrt_status st = run(plan.decode, decodeSteps, &id, 1, RowWiseSteps::AllRows, error);
      st != SINKRT_OK)
    return st;
  if (logits)
    return fromWorkspace(size_t(plan.decode.logitsOffset.at(1)), logits,
                         size_t(vocabSize) * sizeof(float), error);
  return SINKRT_OK;
}

sinkrt_status Session::reset(std::string &error) {
  nextPosition = 0;
  for (Tap &tap : tapData)
    tap.rows.clear();
  if (gpu)
    return gpu->resetKvCache(error);
  cache->reset();
  return SINKRT_OK;
}

void Session::setProfiling(bool enabled) {
  profiling = enabled;
  for (StepProfile &p : stepProfiles)
    p.calls = p.tokens = p.nanoseconds = 0;
}
