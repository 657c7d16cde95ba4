//===- RooflineProbes.cpp - this machine's limits, for `sinkc bench` ------===//
//
// Three probes, each run on N threads that start together:
//
//   bandwidth  each thread sums its own slice of a buffer much larger than
//              L3 with plain vector loads into several accumulators (so the
//              loop is bound by loads, not by add latency);
//   fp32       each thread runs independent chains of FMAs (more chains than
//              FMA latency x FMA pipes, so the pipes never wait);
//   int8       the same with vpdpbusd (u8 x s8 -> s32, 4 products a lane).
//
// The kernels are compiled with target attributes and picked with
// __builtin_cpu_supports, so the file builds for plain x86-64. Their results
// go to an atomic sink and their inputs come from volatiles; an empty asm
// with the accumulator as an in-out register operand after every
// instruction keeps the compiler from folding, reassociating or dropping
// the chains.
//
//===----------------------------------------------------------------------===//

#include "RooflineProbes.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#define SINKC_PROBE_X86 1
#include <immintrin.h>
#endif

#ifdef __linux__
#include <sched.h>
#endif

namespace sinkc::bench {

namespace {

using Clock = std::chrono::steady_clock;

//===----------------------------------------------------------------------===//
// Keeping the work
//===----------------------------------------------------------------------===//

// Every kernel's result ends up here, so no loop is dead code.
std::atomic<uint64_t> resultSink{0};

void consume(uint64_t value) { resultSink.fetch_xor(value, std::memory_order_relaxed); }

void consume(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  consume(uint64_t(bits));
}

// FMA inputs the compiler cannot see: x <- x * 0.999 + 0.001 converges to 1,
// so the chains never overflow nor reach denormals.
volatile float fmaMultiplier = 0.999f;
volatile float fmaAddend = 0.001f;
// dpbusd inputs: wrapping s32 accumulation, any bytes will do.
volatile int32_t dotBytesU8 = 0x01020304;
volatile int32_t dotBytesS8 = 0x05fa07f8;

// Pins a value to a register here, as if the asm used and changed it.
#define SINKC_KEEP_VEC(x) asm volatile("" : "+v"(x))
#define SINKC_KEEP_XMM(x) asm volatile("" : "+x"(x))
#if defined(SINKC_PROBE_X86)
#define SINKC_KEEP_SCALAR(x) SINKC_KEEP_XMM(x)
#elif defined(__aarch64__)
#define SINKC_KEEP_SCALAR(x) asm volatile("" : "+w"(x))
#else
#define SINKC_KEEP_SCALAR(x) asm volatile("" : "+r"(x))
#endif

// 32 zmm registers: 16 chains plus the two inputs fit. AVX2 (VEX) has 16
// ymm registers, so 12 chains. Zen 5: FMA latency 4 cycles on 2 pipes needs
// at least 8 chains; scalar mul+add has latency 6 on 2 pipes: 12 chains.
// Every loop over the chains is fully unrolled (#pragma GCC unroll, which
// clang honours too) so that acc[] lives in registers: GCC otherwise keeps
// it on the stack and each chain waits on store forwarding. That needs an
// optimized build (-O1 and up); at -O0 the compute figures are meaningless.
constexpr int kZmmChains = 16;
constexpr int kYmmChains = 12;
constexpr int kScalarChains = 12;

//===----------------------------------------------------------------------===//
// FP32 FMA kernels: return a value depending on every FMA
//===----------------------------------------------------------------------===//

#ifdef SINKC_PROBE_X86
__attribute__((target("avx512f"))) float fmaChainsAvx512(uint64_t iterations, float mul,
                                                            float add) {
  const __m512 a = _mm512_set1_ps(mul), b = _mm512_set1_ps(add);
  __m512 acc[kZmmChains];
#pragma GCC unroll 16
  for (int c = 0; c < kZmmChains; ++c)
    acc[c] = _mm512_set1_ps(float(c));
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kZmmChains; ++c) {
      acc[c] = _mm512_fmadd_ps(acc[c], a, b);
      SINKC_KEEP_VEC(acc[c]);
    }
  }
  __m512 sum = acc[0];
#pragma GCC unroll 16
  for (int c = 1; c < kZmmChains; ++c)
    sum = _mm512_add_ps(sum, acc[c]);
  float lanes[16]; // not _mm512_reduce_add_ps: GCC 12 warns inside it
  _mm512_storeu_ps(lanes, sum);
  float total = 0;
  for (float lane : lanes)
    total += lane;
  return total;
}

__attribute__((target("avx2,fma"))) float fmaChainsAvx2(uint64_t iterations, float mul,
                                                          float add) {
  const __m256 a = _mm256_set1_ps(mul), b = _mm256_set1_ps(add);
  __m256 acc[kYmmChains];
#pragma GCC unroll 16
  for (int c = 0; c < kYmmChains; ++c)
    acc[c] = _mm256_set1_ps(float(c));
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kYmmChains; ++c) {
      acc[c] = _mm256_fmadd_ps(acc[c], a, b);
      SINKC_KEEP_XMM(acc[c]);
    }
  }
  __m256 sum = acc[0];
#pragma GCC unroll 16
  for (int c = 1; c < kYmmChains; ++c)
    sum = _mm256_add_ps(sum, acc[c]);
  float lanes[8];
  _mm256_storeu_ps(lanes, sum);
  float total = 0;
  for (float lane : lanes)
    total += lane;
  return total;
}
#endif

// Separate multiply and add (baseline x86-64 has no FMA), still 2 flops.
// The asm keeps the chains scalar: the vectorizer cannot pack them.
float fmaChainsScalar(uint64_t iterations, float mul, float add) {
  float acc[kScalarChains];
#pragma GCC unroll 16
  for (int c = 0; c < kScalarChains; ++c) {
    acc[c] = float(c);
    SINKC_KEEP_SCALAR(acc[c]); // else the stores are vectorized, acc spills
  }
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kScalarChains; ++c) {
      acc[c] = acc[c] * mul + add;
      SINKC_KEEP_SCALAR(acc[c]);
    }
  }
  float total = 0;
#pragma GCC unroll 16
  for (int c = 0; c < kScalarChains; ++c)
    total += acc[c];
  return total;
}

//===----------------------------------------------------------------------===//
// INT8 dot-product kernels (vpdpbusd): return a value depending on each one
//===----------------------------------------------------------------------===//

#ifdef SINKC_PROBE_X86
__attribute__((target("avx512f,avx512bw,avx512vnni"))) uint64_t
dotChainsAvx512Vnni(uint64_t iterations, int32_t u8x4, int32_t s8x4) {
  const __m512i a = _mm512_set1_epi32(u8x4), b = _mm512_set1_epi32(s8x4);
  __m512i acc[kZmmChains];
#pragma GCC unroll 16
  for (int c = 0; c < kZmmChains; ++c)
    acc[c] = _mm512_set1_epi32(c);
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kZmmChains; ++c) {
      acc[c] = _mm512_dpbusd_epi32(acc[c], a, b);
      SINKC_KEEP_VEC(acc[c]);
    }
  }
  __m512i sum = acc[0];
#pragma GCC unroll 16
  for (int c = 1; c < kZmmChains; ++c)
    sum = _mm512_add_epi32(sum, acc[c]);
  uint32_t lanes[16];
  _mm512_storeu_si512(lanes, sum);
  uint64_t total = 0;
  for (uint32_t lane : lanes)
    total += lane;
  return total;
}

// AVX-VNNI is the VEX (256-bit) encoding: `_mm256_dpbusd_avx_epi32` in both
// GCC and clang (`_mm256_dpbusd_epi32` is the EVEX one, AVX512VNNI+VL).
__attribute__((target("avx2,avxvnni"))) uint64_t dotChainsAvxVnni(uint64_t iterations,
                                                                  int32_t u8x4, int32_t s8x4) {
  const __m256i a = _mm256_set1_epi32(u8x4), b = _mm256_set1_epi32(s8x4);
  __m256i acc[kYmmChains];
#pragma GCC unroll 16
  for (int c = 0; c < kYmmChains; ++c)
    acc[c] = _mm256_set1_epi32(c);
  for (uint64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
    for (int c = 0; c < kYmmChains; ++c) {
      acc[c] = _mm256_dpbusd_avx_epi32(acc[c], a, b);
      SINKC_KEEP_XMM(acc[c]);
    }
  }
  __m256i sum = acc[0];
#pragma GCC unroll 16
  for (int c = 1; c < kYmmChains; ++c)
    sum = _mm256_add_epi32(sum, acc[c]);
  uint32_t lanes[8];
  _mm256_storeu_si256(reinterpret_cast<__m256i *>(lanes), sum);
  uint64_t total = 0;
  for (uint32_t lane : lanes)
    total += lane;
  return total;
}
#endif

//===----------------------------------------------------------------------===//
// Read kernels: sum 64-bit words of [begin, begin + bytes), 64-byte aligned,
// bytes a multiple of 512. Eight loads an iteration into four accumulators.
//===----------------------------------------------------------------------===//

#ifdef SINKC_PROBE_X86
__attribute__((target("avx512f"))) uint64_t readAvx512(const void *begin, size_t bytes) {
  const __m512i *p = static_cast<const __m512i *>(begin);
  const __m512i *end = p + bytes / sizeof(__m512i);
  __m512i s0 = _mm512_setzero_si512(), s1 = s0, s2 = s0, s3 = s0;
  for (; p < end; p += 8) {
    s0 = _mm512_add_epi64(s0, _mm512_load_si512(p + 0));
    s1 = _mm512_add_epi64(s1, _mm512_load_si512(p + 1));
    s2 = _mm512_add_epi64(s2, _mm512_load_si512(p + 2));
    s3 = _mm512_add_epi64(s3, _mm512_load_si512(p + 3));
    s0 = _mm512_add_epi64(s0, _mm512_load_si512(p + 4));
    s1 = _mm512_add_epi64(s1, _mm512_load_si512(p + 5));
    s2 = _mm512_add_epi64(s2, _mm512_load_si512(p + 6));
    s3 = _mm512_add_epi64(s3, _mm512_load_si512(p + 7));
  }
  __m512i sum = _mm512_add_epi64(_mm512_add_epi64(s0, s1), _mm512_add_epi64(s2, s3));
  uint64_t lanes[8];
  _mm512_storeu_si512(lanes, sum);
  uint64_t total = 0;
  for (uint64_t lane : lanes)
    total += lane;
  return total;
}

__attribute__((target("avx2"))) uint64_t readAvx2(const void *begin, size_t bytes) {
  const __m256i *p = static_cast<const __m256i *>(begin);
  const __m256i *end = p + bytes / sizeof(__m256i);
  __m256i s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
  for (; p < end; p += 8) {
    s0 = _mm256_add_epi64(s0, _mm256_load_si256(p + 0));
    s1 = _mm256_add_epi64(s1, _mm256_load_si256(p + 1));
    s2 = _mm256_add_epi64(s2, _mm256_load_si256(p + 2));
    s3 = _mm256_add_epi64(s3, _mm256_load_si256(p + 3));
    s0 = _mm256_add_epi64(s0, _mm256_load_si256(p + 4));
    s1 = _mm256_add_epi64(s1, _mm256_load_si256(p + 5));
    s2 = _mm256_add_epi64(s2, _mm256_load_si256(p + 6));
    s3 = _mm256_add_epi64(s3, _mm256_load_si256(p + 7));
  }
  __m256i sum = _mm256_add_epi64(_mm256_add_epi64(s0, s1), _mm256_add_epi64(s2, s3));
  uint64_t lanes[4];
  _mm256_storeu_si256(reinterpret_cast<__m256i *>(lanes), sum);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}
#endif

// Plain C++; at -O2 the compiler may use baseline SSE2 for it.
uint64_t readPortable(const void *begin, size_t bytes) {
  const uint64_t *p = static_cast<const uint64_t *>(begin);
  const uint64_t *end = p + bytes / sizeof(uint64_t);
  uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (; p < end; p += 4) {
    s0 += p[0];
    s1 += p[1];
    s2 += p[2];
    s3 += p[3];
  }
  return s0 + s1 + s2 + s3;
}

//===----------------------------------------------------------------------===//
// Choosing the kernels
//===----------------------------------------------------------------------===//

using FmaKernel = float (*)(uint64_t, float, float);
using DotKernel = uint64_t (*)(uint64_t, int32_t, int32_t);
using ReadKernel = uint64_t (*)(const void *, size_t);

struct Kernels {
  FmaKernel fma = fmaChainsScalar;
  double flopsPerFmaIteration = 2.0 * kScalarChains;
  const char *fp32Isa = "scalar";
  DotKernel dot = nullptr;
  double opsPerDotIteration = 0;
  const char *int8Isa = "none";
  ReadKernel read = readPortable;
};

enum class IsaCap { Avx512, Avx2, Scalar };

// SINKC_PROBE_ISA=avx512|avx2|scalar; anything else (or unset) is avx512,
// i.e. the best the CPU has.
IsaCap isaCapFromEnvironment() {
  const char *value = std::getenv("SINKC_PROBE_ISA");
  if (value && std::strcmp(value, "avx2") == 0)
    return IsaCap::Avx2;
  if (value && std::strcmp(value, "scalar") == 0)
    return IsaCap::Scalar;
  return IsaCap::Avx512;
}

Kernels chooseKernels(IsaCap cap) {
  Kernels k;
#ifdef SINKC_PROBE_X86
  __builtin_cpu_init();
  bool avx512 = cap == IsaCap::Avx512 && __builtin_cpu_supports("avx512f");
  bool avx2 = cap != IsaCap::Scalar && __builtin_cpu_supports("avx2");
  if (avx512) {
    k.fma = fmaChainsAvx512;
    k.flopsPerFmaIteration = 2.0 * 16 * kZmmChains;
    k.fp32Isa = "avx512f";
    k.read = readAvx512;
  } else if (avx2 && __builtin_cpu_supports("fma")) {
    k.fma = fmaChainsAvx2;
    k.flopsPerFmaIteration = 2.0 * 8 * kYmmChains;
    k.fp32Isa = "avx2+fma";
  }
  if (!avx512 && avx2)
    k.read = readAvx2;
  if (avx512 && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vnni")) {
    k.dot = dotChainsAvx512Vnni;
    k.opsPerDotIteration = 2.0 * 64 * kZmmChains; // 16 lanes x 4 products
    k.int8Isa = "avx512_vnni";
  } else if (avx2 && __builtin_cpu_supports("avxvnni")) {
    k.dot = dotChainsAvxVnni;
    k.opsPerDotIteration = 2.0 * 32 * kYmmChains; // 8 lanes x 4 products
    k.int8Isa = "avx_vnni";
  }
#else
  (void)cap;
#endif
  return k;
}

//===----------------------------------------------------------------------===//
// Threads
//===----------------------------------------------------------------------===//

// The CPUs this process may run on, in order (empty when unknown).
std::vector<int> allowedCpus() {
  std::vector<int> cpus;
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
      if (CPU_ISSET(cpu, &set))
        cpus.push_back(cpu);
#endif
  return cpus;
}

// Pins the calling thread to `cpu` (< 0: leaves it) and, when destroyed,
// gives it back the affinity it had.
class ScopedPin {
public:
  explicit ScopedPin(int cpu) {
#ifdef __linux__
    if (cpu < 0 || sched_getaffinity(0, sizeof saved, &saved) != 0)
      return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    pinned = sched_setaffinity(0, sizeof one, &one) == 0;
#else
    (void)cpu;
#endif
  }
  ~ScopedPin() {
#ifdef __linux__
    if (pinned)
      sched_setaffinity(0, sizeof saved, &saved);
#endif
  }
  ScopedPin(const ScopedPin &) = delete;
  ScopedPin &operator=(const ScopedPin &) = delete;

private:
#ifdef __linux__
  cpu_set_t saved;
#endif
  bool pinned = false;
};

void spinPause() {
#ifdef SINKC_PROBE_X86
  _mm_pause();
#endif
}

// Spins briefly, then yields, so that waiting threads do not starve the ones
// they wait for when there are more threads than CPUs.
template <typename Ready> void waitUntil(Ready ready) {
  for (int spins = 0; !ready(); ++spins) {
    if (spins < 4096)
      spinPause();
    else
      std::this_thread::yield();
  }
}

// Runs work(t) for t in [0, threads) on `threads` threads, the caller being
// thread 0; thread t is pinned to cpus[t % cpus.size()]. The threads start
// together once all are ready. Returns the seconds from that release until
// the last one finished.
double runTogether(int threads, const std::vector<int> &cpus,
                   const std::function<void(int)> &work) {
  auto cpuOf = [&](int t) { return cpus.empty() ? -1 : cpus[size_t(t) % cpus.size()]; };
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<Clock::time_point> finish(static_cast<size_t>(threads));

  // (sinkc builds without exceptions: a thread that cannot start aborts,
  // as any allocation failure does.)
  std::vector<std::thread> team;
  for (int t = 1; t < threads; ++t)
    team.emplace_back([&, t] {
      ScopedPin pin(cpuOf(t));
      ready.fetch_add(1, std::memory_order_release);
      waitUntil([&] { return go.load(std::memory_order_acquire); });
      work(t);
      finish[size_t(t)] = Clock::now();
    });

  Clock::time_point start;
  {
    ScopedPin pin(cpuOf(0));
    waitUntil([&] { return ready.load(std::memory_order_acquire) == threads - 1; });
    start = Clock::now();
    go.store(true, std::memory_order_release);
    work(0);
    finish[0] = Clock::now();
  }
  for (std::thread &thread : team)
    thread.join();
  Clock::time_point last = *std::max_element(finish.begin(), finish.end());
  return std::chrono::duration<double>(last - start).count();
}

//===----------------------------------------------------------------------===//
// The probes
//===----------------------------------------------------------------------===//

constexpr int kComputeRepetitions = 3;
constexpr double kComputeSeconds = 0.05; // per repetition
constexpr int kReadPasses = 5;

// Iterations of `kernel` that run about `seconds` on one thread: times a
// growing run until it takes a few milliseconds (that also wakes the core).
uint64_t calibrateIterations(const std::function<void(uint64_t)> &kernel, double seconds) {
  for (uint64_t iterations = 1024;; iterations *= 4) {
    Clock::time_point start = Clock::now();
    kernel(iterations);
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (elapsed >= 0.004 || iterations >= (uint64_t(1) << 40))
      return std::max<uint64_t>(1, uint64_t(double(iterations) * seconds / elapsed));
  }
}

// Operations a second of `kernel` (ops = iterations x opsPerIteration) on
// every thread together, best of a few repetitions of ~50 ms each.
double computePeak(int threads, const std::vector<int> &cpus, double opsPerIteration,
                   const std::function<void(uint64_t)> &kernel) {
  // Oversubscribed threads share CPUs: shorten each one's run to match.
  double cpuCount = double(std::max<size_t>(1, cpus.size()));
  double share = std::min(1.0, cpuCount / threads);
  uint64_t iterations = calibrateIterations(kernel, kComputeSeconds * share);
  double best = 0;
  for (int rep = 0; rep < kComputeRepetitions; ++rep) {
    double seconds = runTogether(threads, cpus, [&](int) { kernel(iterations); });
    best = std::max(best, double(iterations) * opsPerIteration * threads / seconds);
  }
  return best;
}

struct AlignedFree {
  void operator()(void *p) const { std::free(p); }
};

// Bytes a second read from DRAM by all threads, each summing its own slice
// of one buffer (first touched by the thread that reads it, so its pages sit
// on that thread's NUMA node); the median of a few passes. (Not the best:
// on a shared machine single passes read well above what a run sustains.)
double readBandwidth(int threads, const std::vector<int> &cpus, size_t bufferBytes,
                     ReadKernel read) {
  constexpr size_t kGrain = 512; // what the kernels consume per iteration
  size_t slice = std::max(kGrain, bufferBytes / size_t(threads) / kGrain * kGrain);
  std::unique_ptr<void, AlignedFree> buffer(std::aligned_alloc(64, slice * size_t(threads)));
  if (!buffer)
    return 0;
  auto sliceOf = [&](int t) { return static_cast<char *>(buffer.get()) + slice * size_t(t); };

  runTogether(threads, cpus, [&](int t) { std::memset(sliceOf(t), t + 1, slice); });
  std::vector<double> rates;
  for (int pass = 0; pass < kReadPasses; ++pass) {
    double seconds = runTogether(threads, cpus, [&](int t) { consume(read(sliceOf(t), slice)); });
    rates.push_back(double(slice) * threads / seconds);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

} // namespace

RooflineFigures measureRoofline(int threads, size_t bufferBytes) {
  if (threads <= 0)
    threads = int(std::max(1u, std::thread::hardware_concurrency()));
  Kernels kernels = chooseKernels(isaCapFromEnvironment());
  std::vector<int> cpus = allowedCpus();

  RooflineFigures figures;
  figures.threads = threads;
  figures.fp32Isa = kernels.fp32Isa;
  figures.int8Isa = kernels.int8Isa;
  figures.readBytesPerSecond = readBandwidth(threads, cpus, bufferBytes, kernels.read);

  const float mul = fmaMultiplier, add = fmaAddend;
  figures.fp32FlopsPerSecond =
      computePeak(threads, cpus, kernels.flopsPerFmaIteration,
                  [&](uint64_t iterations) { consume(kernels.fma(iterations, mul, add)); });

  if (kernels.dot) {
    const int32_t u8x4 = dotBytesU8, s8x4 = dotBytesS8;
    figures.int8OpsPerSecond =
        computePeak(threads, cpus, kernels.opsPerDotIteration,
                    [&](uint64_t iterations) { consume(kernels.dot(iterations, u8x4, s8x4)); });
  }
  return figures;
}

} // namespace sinkc::bench
