//===- RooflineProbes.h - this machine's limits, for `sinkc bench` -*- C++ -*-===//
//
// `sinkc bench` measures the machine's roofline in the same run as the
// benchmark, so that tokens/s can be read as a fraction of what the machine
// can do right now (VMs and shared hosts vary from run to run):
//
//   read bandwidth  decode reads every weight once per token, so it is bound
//                   by how fast the cores can stream memory from DRAM;
//   fp32 FMA peak   the ceiling of the f32 elementwise/attention code;
//   int8 dot peak   prefill multiplies many tokens by the same quantized
//                   weights, so it is bound by u8 x s8 dot-product
//                   throughput (vpdpbusd).
//
// The kernels are compiled per ISA with target attributes and chosen at run
// time, so this file builds for plain x86-64. The environment variable
// SINKC_PROBE_ISA=avx512|avx2|scalar caps the ISA the probes may use (to
// check the fallbacks, or to see what an older machine would get):
//   avx512  fp32 avx512f,  int8 avx512_vnni (the default: best available)
//   avx2    fp32 avx2+fma, int8 avx_vnni (256-bit) when the CPU has it
//   scalar  fp32 scalar,   int8 none; bandwidth with plain C++ loads
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_ROOFLINEPROBES_H
#define SINKC_TOOLS_SINKC_ROOFLINEPROBES_H

#include <cstddef>
#include <string>

namespace sinkc::bench {

struct RooflineFigures {
  int threads = 1;
  double readBytesPerSecond = 0; // sustained read bandwidth from DRAM (buffer >> L3)
  double fp32FlopsPerSecond = 0; // FMA peak: 2 flops per lane per FMA
  double int8OpsPerSecond = 0;   // vpdpbusd peak: 2 ops per u8*s8 product (multiply + add)
  std::string fp32Isa;           // "avx512f", "avx2+fma" or "scalar": what the FMA probe used
  std::string int8Isa;           // "avx512_vnni", "avx_vnni", or "none" (then int8OpsPerSecond = 0)
};

// Runs the three probes on `threads` threads (std::thread; all threads start
// together behind a barrier, time is wall-clock from release to the last
// finisher; compute: best of a few repetitions, bandwidth: median of a few
// passes). `bufferBytes` is the bandwidth probe's
// total buffer (default 512 MiB; the caller may lower it, but keep it well
// above L3). Takes well under 2 s total on this machine (about 0.6-1 s).
// threads <= 0 means std::thread::hardware_concurrency(). Thread i is pinned
// to the i-th CPU the process may run on (modulo their number) while it runs;
// the calling thread is thread 0 and gets its affinity back afterwards.
RooflineFigures measureRoofline(int threads, size_t bufferBytes = size_t(512) << 20);

} // namespace sinkc::bench

#endif // SINKC_TOOLS_SINKC_ROOFLINEPROBES_H
