//===- ThreadPoolTest.cpp - dispatch workgroups on the runtime's pool -----===//
//
// No timing assertions: the only clock is a generous deadlock guard that
// aborts the binary instead of hanging CI.
//
//===----------------------------------------------------------------------===//

#include "core/ThreadPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

using namespace sinkrt;

namespace {

/// Runs `body` on a thread and aborts the test binary if it does not finish
/// within `seconds` (a deadlock would otherwise hang the suite).
template <typename F> void withDeadlockGuard(int seconds, const char *what, F body) {
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  std::thread t([&] {
    body();
    std::lock_guard<std::mutex> lock(m);
    finished = true;
    cv.notify_all();
  });
  {
    std::unique_lock<std::mutex> lock(m);
    if (!cv.wait_for(lock, std::chrono::seconds(seconds), [&] { return finished; })) {
      std::fprintf(stderr, "deadlock guard: %s did not finish in %d s\n", what, seconds);
      std::abort();
    }
  }
  t.join();
}

struct CountCtx {
  std::vector<std::atomic<int>> *hits;
  std::atomic<int> badWorker{0};
  int threads;
};

void countWorkgroup(void *ctx, int64_t wg, int worker) {
  auto *c = static_cast<CountCtx *>(ctx);
  (*c->hits)[wg].fetch_add(1, std::memory_order_relaxed);
  if (worker < 0 || worker >= c->threads)
    c->badWorker.fetch_add(1);
}

// A deterministic, order-sensitive function of the workgroup id, computed
// through the worker's scratch workspace.
uint64_t workgroupResult(ThreadPool &pool, int64_t wg, int worker) {
  auto *scratch = static_cast<uint64_t *>(pool.workspace(worker));
  uint64_t h = 0xcbf29ce484222325ull ^ uint64_t(wg);
  for (int i = 0; i < 64; ++i) {
    h = (h ^ uint64_t(i)) * 0x100000001b3ull;
    scratch[i] = h;
  }
  uint64_t r = 0;
  for (int i = 0; i < 64; ++i)
    r = r * 31 + scratch[i];
  return r;
}

} // namespace

TEST(ThreadPoolTest, ClampsToOneThread) {
  ThreadPool pool(0);
  EXPECT_EQ(pool.threads(), 1);
  int calls = 0;
  pool.run(3, [&](int64_t, int worker) {
    EXPECT_EQ(worker, 0);
    ++calls;
  });
  EXPECT_EQ(calls, 3);
  EXPECT_GE(ThreadPool::hardwareThreads(), 1);
}

TEST(ThreadPoolTest, RunsEveryWorkgroupExactlyOnce) {
  for (int threads = 1; threads <= 4; ++threads) {
    ThreadPool pool(threads);
    ASSERT_EQ(pool.threads(), threads);
    for (int64_t count : {0, 1, 7, 1000}) {
      for (int repeat = 0; repeat < 5; ++repeat) {
        std::vector<std::atomic<int>> hits(count + 1);
        CountCtx ctx;
        ctx.hits = &hits;
        ctx.threads = threads;
        pool.run(count, countWorkgroup, &ctx);
        for (int64_t wg = 0; wg < count; ++wg)
          ASSERT_EQ(hits[wg].load(), 1)
              << "workgroup " << wg << " of " << count << ", " << threads << " threads";
        EXPECT_EQ(hits[count].load(), 0) << "ran past the last workgroup";
        EXPECT_EQ(ctx.badWorker.load(), 0);
      }
    }
  }
}

TEST(ThreadPoolTest, NegativeCountRunsNothing) {
  ThreadPool pool(3);
  std::atomic<int> calls{0};
  pool.run(-5, [&](int64_t, int) { calls.fetch_add(1); });
  EXPECT_EQ(calls.load(), 0);
}

TEST(ThreadPoolTest, ResultsIdenticalAcrossThreadCounts) {
  const int64_t count = 5000;
  std::vector<uint64_t> reference;
  for (int threads = 1; threads <= 4; ++threads) {
    ThreadPool pool(threads, 64 * sizeof(uint64_t));
    std::vector<uint64_t> out(count, 0);
    // Several runs on the same pool, each writing disjoint outputs.
    for (int repeat = 0; repeat < 3; ++repeat) {
      std::fill(out.begin(), out.end(), 0);
      pool.run(count, [&](int64_t wg, int worker) { out[wg] = workgroupResult(pool, wg, worker); });
      if (reference.empty()) {
        reference = out;
        // The function is not constant: a pool that ran the wrong ids
        // would produce different values.
        EXPECT_NE(reference[0], reference[1]);
      } else {
        ASSERT_EQ(out, reference) << threads << " threads, run " << repeat;
      }
    }
  }
}

TEST(ThreadPoolTest, RunsWorkgroupsConcurrently) {
  // Four workgroups that each wait for all four to have started: this only
  // finishes if four participants really run at the same time.
  withDeadlockGuard(120, "RunsWorkgroupsConcurrently", [] {
    ThreadPool pool(4);
    std::atomic<int> arrived{0};
    std::atomic<int> seenWorkers{0};
    pool.run(4, [&](int64_t, int worker) {
      seenWorkers.fetch_or(1 << worker);
      arrived.fetch_add(1);
      while (arrived.load() < 4)
        std::this_thread::yield();
    });
    EXPECT_EQ(seenWorkers.load(), 0xf);
  });
}

TEST(ThreadPoolTest, ManyTinyRunsDoNotDeadlock) {
  withDeadlockGuard(300, "10k tiny runs", [] {
    for (int threads : {2, 4}) {
      ThreadPool pool(threads);
      std::vector<int64_t> sums(8, 0);
      for (int run = 0; run < 10000; ++run) {
        int64_t count = 1 + run % 5;
        std::vector<int64_t> *s = &sums;
        pool.run(count, [s, run](int64_t wg, int) { (*s)[wg] += run; });
      }
      // Workgroup 0 runs in every run, so it saw every run's value once.
      int64_t all = 0;
      for (int run = 0; run < 10000; ++run)
        all += run;
      EXPECT_EQ(sums[0], all) << threads << " threads";
      EXPECT_EQ(sums[5], 0);
    }
  });
}

TEST(ThreadPoolTest, IdleWorkersWakeAfterSleeping) {
  // Long enough between runs that the workers stop spinning and sleep.
  withDeadlockGuard(120, "runs after idle", [] {
    ThreadPool pool(3);
    for (int i = 0; i < 5; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::vector<std::atomic<int>> hits(100);
      pool.run(100, [&](int64_t wg, int) { hits[wg].fetch_add(1); });
      for (auto &h : hits)
        ASSERT_EQ(h.load(), 1);
    }
  });
}

TEST(ThreadPoolTest, WorkspacesAreAlignedDisjointAndZeroed) {
  ThreadPool pool(4, 100);
  EXPECT_EQ(pool.workspaceBytes(), 100u);
  for (int w = 0; w < 4; ++w) {
    auto *p = static_cast<unsigned char *>(pool.workspace(w));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u) << "worker " << w;
    for (int i = 0; i < 100; ++i)
      ASSERT_EQ(p[i], 0);
    if (w > 0) {
      auto *prev = static_cast<unsigned char *>(pool.workspace(w - 1));
      EXPECT_GE(p, prev + 100) << "workspaces overlap";
    }
  }
  EXPECT_EQ(pool.workspace(4), nullptr);
  EXPECT_EQ(pool.workspace(-1), nullptr);

  // Each worker fills its own workspace with its id; none sees another's.
  std::atomic<int> corrupt{0};
  pool.run(2000, [&](int64_t, int worker) {
    auto *p = static_cast<unsigned char *>(pool.workspace(worker));
    std::memset(p, worker + 1, 100);
    for (int i = 0; i < 100; ++i)
      if (p[i] != worker + 1)
        corrupt.fetch_add(1);
  });
  EXPECT_EQ(corrupt.load(), 0);

  ThreadPool none(2);
  EXPECT_EQ(none.workspace(0), nullptr);
  EXPECT_EQ(none.workspaceBytes(), 0u);
}
