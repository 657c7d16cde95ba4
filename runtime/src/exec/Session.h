//===- Session.h - runs a package's prefill and decode on the CPU ---------===//
//
// A session interprets the package's execution plan (docs/execution-plan.md)
// with its CPU kernels: it owns the KV cache (docs/kv-abi.md), the
// workspace, the thread pool and each worker's scratch, all allocated at
// create for the plan's max_tokens, so prefill and decode allocate nothing.
// It keeps the position of the next token: a call's tokens go to positions
// [position, position + n), which full-attention groups must have slots for
// (the session's context); streaming-only caches take any position.
//
// A session reads the package's weights where they are mapped: the package
// must outlive it. One thread at a time may call a session.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_EXEC_SESSION_H
#define SINKRT_EXEC_SESSION_H

#include "sinkrt/dispatch_abi.h"
#include "sinkrt/sinkrt.h"

#include "core/KvCache.h"
#include "core/ThreadPool.h"
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
  /// for the host's hardware threads.
  int threads = 0;
};

class Session {
public:
  static constexpr int kMaxThreads = 1024;

  /// Validates the plan, loads the kernels and allocates everything. On
  /// failure returns the status (invalid argument, invalid package, I/O,
  /// out of memory) with `error` naming the file and field.
  static sinkrt_status create(const PackageReader &package, const SessionOptions &options,
                              std::unique_ptr<Session> &out, std::string &error);
  ~Session();
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  /// Runs `n` >= 1 tokens at the current position in chunks of at most the
  /// prefill entry's max_tokens and advances the position. `logits` (may
  /// be null) receives n x vocab floats with `allLogits`, else the last
  /// token's vocab floats. Nothing runs when an id is outside the
  /// vocabulary or a position has no slot.
  sinkrt_status prefill(const int32_t *ids, size_t n, float *logits, bool allLogits,
                        std::string &error);
  /// Runs the decode entry for one token; `logits` (may be null) receives
  /// vocab floats.
  sinkrt_status decode(int32_t id, float *logits, std::string &error);
  /// Back to position 0 with an empty cache.
  void reset();

  int64_t position() const { return nextPosition; }
  int64_t context() const { return ctx; }
  int64_t vocab() const { return vocabSize; }
  int threads() const { return pool->threads(); }
  const KvCache &kvCache() const { return *cache; }

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
  /// A step ready to run: its function and where its binding pointers and
  /// scalars live in `bindingValues` / `scalarValues`.
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
  sinkrt_status check(const int32_t *ids, size_t n, std::string &error) const;
  /// Runs `entry` on `tokens` ids at the current position.
  void run(const PlanEntry &entry, const std::vector<ReadyStep> &steps, const int32_t *ids,
           int64_t tokens, RowWiseSteps rowWise = RowWiseSteps::AllRows);
  const float *logitsOf(const PlanEntry &entry, int64_t tokens) const;

  const PackageReader *package = nullptr;
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
