//===- ThreadPool.cpp - runs dispatch workgroups on a fixed set of threads ===//

#include "core/ThreadPool.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <system_error>

using namespace sinkrt;

namespace {

// About 20-100 microseconds of spinning before sleeping: long enough to
// cover the gap between two dispatches of a decode step, short enough not
// to burn a core when the session is idle.
constexpr int kSpinIterations = 4000;

// One spin step. Every 256th step yields the core, so that a machine with
// more participants than free cores still makes progress.
inline void spinStep(int i) {
  if ((i & 255) == 255) {
    std::this_thread::yield();
    return;
  }
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield" ::: "memory");
#endif
}

constexpr size_t kAlign = 64;

} // namespace

ThreadPool::ThreadPool(int threads, size_t workspaceBytes) {
  threads = std::max(threads, 1);
  workers.reserve(threads - 1);
  for (int i = 1; i < threads; ++i) {
    // A refused thread is not fatal: the pool runs with fewer participants.
#if defined(__cpp_exceptions)
    try {
      workers.emplace_back(&ThreadPool::workerLoop, this, i);
    } catch (const std::system_error &) {
      break;
    }
#else
    workers.emplace_back(&ThreadPool::workerLoop, this, i);
#endif
  }
  workspaceSize = workspaceBytes;
  if (workspaceBytes) {
    workspaceStride = (workspaceBytes + kAlign - 1) / kAlign * kAlign;
    size_t total = workspaceStride * this->threads();
    workspaceBase =
        static_cast<unsigned char *>(::operator new(total, std::align_val_t(kAlign), std::nothrow));
    if (workspaceBase)
      std::memset(workspaceBase, 0, total);
    else
      workspaceSize = workspaceStride = 0;
  }
}

ThreadPool::~ThreadPool() {
  stopping.store(true, std::memory_order_relaxed);
  generation.fetch_add(1, std::memory_order_seq_cst);
  {
    std::lock_guard<std::mutex> lock(mutex);
    wakeWorkers.notify_all();
  }
  for (std::thread &t : workers)
    t.join();
  if (workspaceBase)
    ::operator delete(workspaceBase, std::align_val_t(kAlign));
}

int ThreadPool::hardwareThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

void *ThreadPool::workspace(int worker) const {
  if (!workspaceBase || worker < 0 || worker >= threads())
    return nullptr;
  return workspaceBase + workspaceStride * static_cast<size_t>(worker);
}

void ThreadPool::drain(int worker) {
  const int64_t count = jobCount, chunk = jobChunk;
  for (;;) {
    int64_t begin = nextWorkgroup.fetch_add(chunk, std::memory_order_relaxed);
    if (begin >= count)
      return;
    int64_t end = std::min(count, begin + chunk);
    for (int64_t wg = begin; wg < end; ++wg)
      jobFn(jobCtx, wg, worker);
  }
}

uint64_t ThreadPool::waitForGeneration(uint64_t seen) {
  for (int i = 0; i < kSpinIterations; ++i) {
    uint64_t g = generation.load(std::memory_order_acquire);
    if (g != seen)
      return g;
    spinStep(i);
  }
  // `run` publishes the generation before taking the mutex, and checks for
  // sleepers under it, so a worker either sees the new generation here or
  // is already waiting when the notification comes.
  std::unique_lock<std::mutex> lock(mutex);
  ++sleepingWorkers;
  wakeWorkers.wait(lock, [&] { return generation.load(std::memory_order_acquire) != seen; });
  --sleepingWorkers;
  return generation.load(std::memory_order_acquire);
}

void ThreadPool::workerLoop(int worker) {
  uint64_t seen = 0;
  for (;;) {
    seen = waitForGeneration(seen);
    if (stopping.load(std::memory_order_relaxed))
      return;
    drain(worker);
    // Every worker checks in once per run, so none can fall a generation
    // behind and the job fields are free to reuse when the count hits 0.
    if (busyWorkers.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      std::lock_guard<std::mutex> lock(mutex);
      if (callerSleeping)
        wakeCaller.notify_one();
    }
  }
}

void ThreadPool::waitForWorkers() {
  for (int i = 0; i < kSpinIterations; ++i) {
    if (busyWorkers.load(std::memory_order_acquire) == 0)
      return;
    spinStep(i);
  }
  std::unique_lock<std::mutex> lock(mutex);
  callerSleeping = true;
  wakeCaller.wait(lock, [&] { return busyWorkers.load(std::memory_order_acquire) == 0; });
  callerSleeping = false;
}

void ThreadPool::run(int64_t workgroups, WorkFn fn, void *ctx) {
  if (workgroups <= 0)
    return;
  // One workgroup, or no pool threads: waking anyone costs more than it buys.
  if (workers.empty() || workgroups == 1) {
    for (int64_t wg = 0; wg < workgroups; ++wg)
      fn(ctx, wg, 0);
    return;
  }
  jobFn = fn;
  jobCtx = ctx;
  jobCount = workgroups;
  jobChunk = std::max<int64_t>(1, workgroups / (16 * int64_t(threads())));
  nextWorkgroup.store(0, std::memory_order_relaxed);
  busyWorkers.store(static_cast<int>(workers.size()), std::memory_order_relaxed);
  generation.fetch_add(1, std::memory_order_seq_cst);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (sleepingWorkers)
      wakeWorkers.notify_all();
  }
  drain(0);
  waitForWorkers();
}
