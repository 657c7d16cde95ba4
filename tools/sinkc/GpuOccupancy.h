//===- GpuOccupancy.h - estimated occupancy of a GPU launch -----*- C++ -*-===//
//
// `sinkc inspect` reports, for each GPU launch of a package, how many of its
// blocks (workgroups) fit on one SM (AMD: CU / WGP) at a time, limited by
// threads, registers and shared memory (LDS), and so how many warps (waves)
// are resident out of the hardware's maximum. It is an ESTIMATE from the
// documented per-chip limits and the resources the compiler reported for
// the kernel; it ignores what only the device knows (a shared-memory
// carveout other than the largest, barriers, scratch, other kernels running
// concurrently). GpuOccupancy.cpp cites the source of every limit.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_GPUOCCUPANCY_H
#define SINKC_TOOLS_SINKC_GPUOCCUPANCY_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sinkc::cli {

/// The per-chip limits the estimate uses. "Unit" is what one block runs on
/// (CUDA: the SM; AMD: the CU, or on RDNA in WGP mode the WGP); "partition"
/// is the part of it that owns a register file (CUDA: the SM's 4
/// sub-partitions; AMD: the SIMDs).
struct GpuLimits {
  const char *chip;               ///< "sm_90", "gfx942"
  bool amd;                       ///< waves and CUs instead of warps and SMs
  const char *unit;               ///< "SM", "CU" or "WGP"
  unsigned waveSize;              ///< threads per warp / wave
  unsigned partitions;            ///< sub-partitions per SM / SIMDs per CU
  unsigned maxWavesPerPartition;  ///< resident warps (waves) per partition
  unsigned maxBlocks;             ///< resident blocks per unit
  bool blockLimitSkipsSingleWave; ///< AMD: one-wave workgroups use no barrier
  unsigned maxThreadsPerBlock;
  unsigned registersPerLane; ///< 32-bit registers per lane of a partition
  unsigned registerGranule;  ///< per-thread registers are allocated in these
  unsigned maxRegisters;     ///< per thread
  uint64_t sharedBytes;      ///< shared memory (LDS) per unit
  uint64_t sharedPerBlock;   ///< the most one block may use
  unsigned sharedGranule;    ///< per-block allocation granularity
  unsigned sharedReserved;   ///< the driver's own bytes per block
};

/// The limits of `chip` ("sm_80", "sm_86", "sm_90", "sm_100", "sm_120",
/// "gfx90a", "gfx942", "gfx1100"); nullptr for another chip.
const GpuLimits *gpuLimits(llvm::StringRef chip);

/// The chip of a kernel section's name: "cuda-sm_90" -> "sm_90",
/// "hip-gfx942" -> "gfx942"; empty for another name.
std::string chipOfTarget(llvm::StringRef target);

/// What a launch uses, per block and per thread.
struct LaunchResources {
  uint64_t threads = 0;              ///< block x * y * z
  std::optional<uint64_t> registers; ///< per thread (AMD: VGPRs); unknown: no limit
  uint64_t sharedBytes = 0;          ///< static + dynamic shared memory (LDS)
};

struct Occupancy {
  unsigned blocks = 0; ///< resident blocks per unit (0: cannot launch)
  unsigned wavesPerBlock = 0;
  unsigned activeWaves = 0; ///< blocks * wavesPerBlock
  unsigned maxWaves = 0;    ///< partitions * maxWavesPerPartition
  double percent = 0;       ///< 100 * activeWaves / maxWaves
  /// What bounds `blocks`, each of "threads" (warp slots), "registers",
  /// "shared", "blocks" that reaches the minimum; with blocks = 0 the
  /// resource that does not fit even one block.
  std::vector<std::string> limitedBy;
};

/// The estimate for one launch on a chip with `limits`.
Occupancy estimateOccupancy(const GpuLimits &limits, const LaunchResources &launch);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_GPUOCCUPANCY_H
