//===- Session.h - runs a package's prefill and decode --------------------===//
//
// A session interprets the package's execution plan (docs/execution-plan.md)
// on the host with its CPU kernels, or on a CUDA / HIP device with the GPU
// kernels and launches of the package (docs/gpu-runtime.md). It owns the KV
// cache (docs/kv-abi.md) and the workspace, and on the host the thread pool
// and each worker's scratch; on a GPU, a DeviceBackend holds the device's
// copies of the weights, the cache, the workspace and the GPU scratch
// buffer. Everything is allocated at create for the plan's max_tokens, so
// prefill and decode allocate nothing (but tap rows).
//
// What does not depend on the device is done once for both: plan
// validation, id and position checks, chunking prompts into max_tokens,
// the row-wise steps (run for the last token only, or skipped, when the
// other rows' logits are not wanted), taps and profiling. Per step the host
// fills its binding and scalar arrays and runs the workgroups on the pool;
// a GPU backend queues the step's launches.
//
// It keeps the position of the next token: a call's tokens go to positions
// [position, position + n), which full-attention groups must have slots for
// (the session's context); streaming-only caches take any position.
//
// A session reads the package's weights where they are mapped (a GPU
// session copies them at create): the package must outlive it. One thread
// at a time may call a session.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_EXEC_SESSION_H
#define SINKRT_EXEC_SESSION_H

#include "sinkrt/dispatch_abi.h"
#include "sinkrt/sinkrt.h"

#include "core/KvCache.h"
#include "core/ThreadPool.h"
#include "device/DeviceBackend.h"
#include "exec/ExecutionPlan.h"
#include "exec/KernelLibrary.h"
#include "package/PackageReader.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sinkrt {

struct SessionOptions {
  /// Slots of the full-attention groups, 1 to the model's context; 0 for
  /// the model's context.
  int64_t ctx = 0;
  /// Thread-pool participants, the caller included, 1 to kMaxThreads; 0
  /// for the host's hardware threads. Checked but unused on a GPU.
  int threads = 0;
  /// The host (the default) or a CUDA / HIP device.
  device::DeviceSpec device;
};

class Session {
public:
  static constexpr int kMaxThreads = 1024;

  /// Validates the plan, loads the kernels and allocates everything. On
  /// failure returns the status (invalid argument, invalid package, I/O,
  /// out of memory; for a GPU also the driver's errors, see
  /// device/Device.h) with `error` naming the file and field. A GPU
  /// session needs the device's kernel section (selectKernelTarget) and its
  /// "gpu_launches" list, and a context within "gpu_max_context".
  static sinkrt_status create(const PackageReader &package, const SessionOptions &options,
                              std::unique_ptr<Session> &out, std::string &error);
  ~Session();
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  /// Runs `n` >= 1 tokens at the current position in chunks of at most the
  /// prefill entry's max_tokens and advances the position. `logits` (may
  /// be null) receives n x vocab floats with `allLogits`, else the last
  /// token's vocab floats. Nothing runs when an id is outside the
  /// vocabulary or a position has no slot. A device error (GPU) stops the
  /// call where it happened: the position stays after the last chunk that
  /// ran, and the cache may hold part of the failed chunk (reset).
  sinkrt_status prefill(const int32_t *ids, size_t n, float *logits, bool allLogits,
                        std::string &error);
  /// Runs the decode entry for one token; `logits` (may be null) receives
  /// vocab floats.
  sinkrt_status decode(int32_t id, float *logits, std::string &error);
  /// Back to position 0 with an empty cache; a device error when the GPU
  /// cannot zero it.
  sinkrt_status reset(std::string &error);

  int64_t position() const { return nextPosition; }
  int64_t context() const { return ctx; }
  int64_t vocab() const { return vocabSize; }
  /// The pool's threads; 1 on a GPU (the calling thread queues the work).
  int threads() const { return pool ? pool->threads() : 1; }
  /// Bytes of the KV cache (on the host or the device).
  size_t kvBytes() const { return cache ? cache->totalBytes() : gpu->kvCacheBytes(); }
  /// The host's KV cache: CPU sessions only (null on a GPU).
  const KvCache *kvCache() const { return cache.get(); }
  /// The device that runs the session: null on the host.
  device::DeviceBackend *deviceBackend() const { return gpu.get(); }
  /// The kernel section it runs: "cpu", "cuda-sm_90", ...
  const std::string &kernelTarget() const { return target; }

  /// Taps of a package compiled with taps: one f32 row per token run since
  /// create or reset.
  struct Tap {
    std::string name;
    int64_t columns = 0;
    std::vector<float> rows;
  };
  const std::vector<Tap> &taps() const { return tapData; }
  const ExecutionPlan &executionPlan() const { return plan; }

  /// Per-step wall time, for `sinkc bench`: with profiling on, each step's
  /// workgroups are timed as one span and accumulated per (entry, step).
  /// On a GPU, profiling waits for each step's launches to finish.
  struct StepProfile {
    const char *entry = nullptr; ///< "prefill" or "decode"
    const PlanStep *step = nullptr;
    size_t index = 0;            ///< the step's place in its entry
    uint64_t calls = 0, tokens = 0, nanoseconds = 0;
  };
  /// Turns profiling on or off; either way the counters restart at zero.
  void setProfiling(bool enabled);
  const std::vector<StepProfile> &profile() const { return stepProfiles; }

private:
  /// A step ready to run: on the host its function and where its binding
  /// pointers and scalars live in `bindingValues` / `scalarValues`.
  struct ReadyStep {
    const PlanStep *step = nullptr;
    sinkrt_dispatch_fn fn = nullptr;
    size_t firstBinding = 0, firstScalar = 0;
    size_t profileIndex = 0; ///< its entry in `stepProfiles`
  };

  /// How a call runs the entry's row-wise steps (those from `rowWiseFrom`
  /// on, which only lead to the logits): for every token, for the last one
  /// only (its logits row lands where the full run puts it), or not at all.
  enum class RowWiseSteps { AllRows, LastRow, Skip };

  Session() = default;
  /// The host's part of create: CPU kernels, cache, workspace, pool.
  sinkrt_status createOnHost(const SessionOptions &options, std::string &error);
  /// A GPU's part of create: the device, its kernels and buffers.
  sinkrt_status createOnDevice(const SessionOptions &options, std::string &error);
  sinkrt_status check(const int32_t *ids, size_t n, std::string &error) const;
  /// Runs `entry` on `tokens` ids at the current position and advances it.
  sinkrt_status run(const PlanEntry &entry, const std::vector<ReadyStep> &steps,
                    const int32_t *ids, int64_t tokens, RowWiseSteps rowWise,
                    std::string &error);
  /// One step on the host's pool.
  void runOnHost(const ReadyStep &r, const device::StepContext &call);
  /// Host bytes into the workspace / workspace bytes out, wherever it is.
  sinkrt_status toWorkspace(size_t offset, const void *src, size_t bytes, std::string &error);
  sinkrt_status fromWorkspace(size_t offset, void *dst, size_t bytes, std::string &error);

  const PackageReader *package = nullptr;
  std::string target;
  std::vector<KvGroupDesc> kvGroups;
  /// GPU sessions: the device (null on the host), and whether the prefill's
  /// row-wise steps may run for the last token alone (every launch of them
  /// takes the `tokens` scalar, so its constant grid skips the other rows).
  std::unique_ptr<device::DeviceBackend> gpu;
  bool deviceLastRow = true;
  ExecutionPlan plan;
  std::unique_ptr<KernelLibrary> kernels;
  std::unique_ptr<KvCache> cache;
  std::unique_ptr<ThreadPool> pool;
  std::vector<ReadyStep> prefillSteps, decodeSteps;
  std::vector<void *> bindingValues;
  std::vector<int64_t> scalarValues;
  std::vector<sinkrt_dispatch_state> states; ///< one per worker
  std::vector<Tap> tapData;
  std::vector<StepProfile> stepProfiles; ///< prefill steps, then decode steps
  bool profiling = false;
  unsigned char *workspace = nullptr;
  size_t workspaceSize = 0;
  int64_t ctx = 0, vocabSize = 0, nextPosition = 0;
};

} // namespace sinkrt

#endif // SINKRT_EXEC_SESSION_H
