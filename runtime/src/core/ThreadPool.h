//===- ThreadPool.h - runs dispatch workgroups on a fixed set of threads --===//
//
// A dispatch function is called once per workgroup id (DESIGN.md,
// "Lowering"). `run` hands the ids of one dispatch to `threads()`
// participants: the calling thread (worker 0) and `threads() - 1` pool
// threads (workers 1..). It returns when every workgroup has run.
//
// Scheduling is dynamic: participants take chunks of consecutive ids from a
// shared atomic counter (chunk = max(1, workgroups / (16 * threads))), so
// which worker runs a workgroup is not deterministic. Results are
// deterministic, the same at any thread count, as long as each workgroup
// writes outputs disjoint from every other workgroup's and uses its worker
// index only to pick its scratch workspace.
//
// Waiting: idle workers spin for a short while (a decode step issues
// dispatches back to back, so the next one usually comes before they sleep),
// then sleep on a condition variable. `run` allocates nothing.
//
// Not supported: calling `run` from two threads at once, or from inside a
// workgroup (nested runs). The work function must not throw.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_CORE_THREADPOOL_H
#define SINKRT_CORE_THREADPOOL_H

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace sinkrt {

class ThreadPool {
public:
  /// The form generated dispatch functions are called through.
  using WorkFn = void (*)(void *ctx, int64_t workgroup, int worker);

  /// `threads` participants in all (clamped to at least 1); each has a
  /// 64-byte-aligned, zero-initialized scratch area of `workspaceBytes`.
  /// If the system refuses to start a thread the pool keeps the ones it
  /// got: `threads()` says how many participants there really are.
  explicit ThreadPool(int threads, size_t workspaceBytes = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

  /// Number of participants, the caller included.
  int threads() const { return static_cast<int>(workers.size()) + 1; }

  /// Calls `fn(ctx, wg, worker)` once for every wg in [0, workgroups).
  void run(int64_t workgroups, WorkFn fn, void *ctx);

  /// Convenience for callables `f(int64_t wg, int worker)`; no allocation
  /// (the callable is passed by address).
  template <typename F> void run(int64_t workgroups, const F &f) {
    run(
        workgroups,
        [](void *c, int64_t wg, int worker) { (*static_cast<const F *>(c))(wg, worker); },
        const_cast<void *>(static_cast<const void *>(&f)));
  }

  /// Scratch memory of `worker` (0 <= worker < threads()); null when the
  /// pool was built with no workspace.
  void *workspace(int worker) const;
  size_t workspaceBytes() const { return workspaceSize; }

  /// The number of hardware threads, at least 1.
  static int hardwareThreads();

private:
  void workerLoop(int worker);
  void drain(int worker);
  uint64_t waitForGeneration(uint64_t seen);
  void waitForWorkers();

  std::vector<std::thread> workers;

  // The current job; written by `run` before it publishes a new generation.
  WorkFn jobFn = nullptr;
  void *jobCtx = nullptr;
  int64_t jobCount = 0;
  int64_t jobChunk = 1;

  // Each on its own cache line: they are hammered by different threads.
  alignas(64) std::atomic<int64_t> nextWorkgroup{0};
  alignas(64) std::atomic<uint64_t> generation{0};
  alignas(64) std::atomic<int> busyWorkers{0};
  alignas(64) std::atomic<bool> stopping{false};

  std::mutex mutex;
  std::condition_variable wakeWorkers; // a new generation was published
  std::condition_variable wakeCaller;  // the last worker finished
  int sleepingWorkers = 0;             // guarded by mutex
  bool callerSleeping = false;         // guarded by mutex

  unsigned char *workspaceBase = nullptr;
  size_t workspaceSize = 0;
  size_t workspaceStride = 0;
};

} // namespace sinkrt

#endif // SINKRT_CORE_THREADPOOL_H
