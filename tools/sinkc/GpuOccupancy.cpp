//===- GpuOccupancy.cpp - estimated occupancy of a GPU launch -------------===//
//
// An ESTIMATE, as GpuOccupancy.h says: the calculation of NVIDIA's occupancy
// calculator (cuda_occupancy.h, cudaOccMaxActiveBlocksPerMultiprocessor) and
// of the AMDGPU backend (llvm/lib/Target/AMDGPU/Utils/AMDGPUBaseInfo.cpp,
// IsaInfo::getNumWavesPerEUWithNumVGPRs and getMaxWorkGroupsPerCU), with the
// limits below. Where a limit is configurable (the CUDA shared-memory
// carveout) the largest value is used.
//
// Sources of the limits:
//  - CUDA: the CUDA C++ Programming Guide, "Technical Specifications per
//    Compute Capability" (resident warps and blocks per SM, 64K 32-bit
//    registers per SM, 255 registers per thread, shared memory per SM and
//    per block), and cuda_occupancy.h (registers allocated per warp in units
//    of 256 from each of 4 sub-partitions of the register file, shared
//    memory allocated in units of 128 bytes on compute capability 8.x and
//    9.x, and from 8.0 on 1 KB of shared memory per block reserved by the
//    driver, cudaDevAttrReservedSharedMemoryPerBlock). Compute capability
//    10.0 and 12.0 are assumed to allocate as 9.0 does.
//  - AMD: the AMDGPU backend's AMDGPUBaseInfo.cpp (getMaxWavesPerEU: 8 waves
//    per SIMD on gfx90a/gfx942, 16 on gfx11; getTotalNumVGPRs: 512 VGPRs
//    per SIMD lane on gfx90a/gfx942 (unified VGPR+AGPR file), 1536 on gfx1100
//    in wave32; getVGPRAllocGranule: 8 on gfx90a/gfx942, 24 on gfx1100 in
//    wave32; getEUsPerCU: 4 SIMDs per CU, or per WGP on gfx10+ in WGP mode;
//    getMaxWorkGroupsPerCU: 16 workgroups of more than one wave per CU on
//    gfx9 (barriers), 32 on gfx10+ in WGP mode; getLocalMemorySize: 64 KB
//    of LDS per CU, doubled per WGP in WGP mode) and AMDGPUUsage (LDS is
//    allocated per workgroup in 128-dword (512-byte) units on GFX7-GFX11,
//    at most 64 KB per workgroup). HIP compiles gfx90a/gfx942 for wave64 and
//    gfx1100 for wave32, in WGP mode.
//
//===----------------------------------------------------------------------===//

#include "GpuOccupancy.h"

#include <algorithm>
#include <limits>

namespace sinkc::cli {

namespace {

constexpr uint64_t KB = 1024;

// registersPerLane for CUDA: 65536 registers / 4 sub-partitions / 32 lanes;
// registerGranule: 256 registers per warp / 32 lanes. So a warp of r
// registers per thread takes 32 * roundup(r, 8) of a sub-partition's 16384.
// clang-format off
constexpr GpuLimits kLimits[] = {
  // chip     amd    unit   wave part waves   blk 1wave  thr   regs  gran maxr smem/unit smem/blk  gran res
  {"sm_80",   false, "SM",  32, 4, 64 / 4, 32, false, 1024, 512,  8,  255, 164 * KB, 163 * KB, 128, 1024},
  {"sm_86",   false, "SM",  32, 4, 48 / 4, 16, false, 1024, 512,  8,  255, 100 * KB, 99 * KB,  128, 1024},
  {"sm_90",   false, "SM",  32, 4, 64 / 4, 32, false, 1024, 512,  8,  255, 228 * KB, 227 * KB, 128, 1024},
  {"sm_100",  false, "SM",  32, 4, 64 / 4, 32, false, 1024, 512,  8,  255, 228 * KB, 227 * KB, 128, 1024},
  {"sm_120",  false, "SM",  32, 4, 48 / 4, 32, false, 1024, 512,  8,  255, 100 * KB, 99 * KB,  128, 1024},
  {"gfx90a",  true,  "CU",  64, 4, 8,      16, true,  1024, 512,  8,  512, 64 * KB,  64 * KB,  512, 0},
  {"gfx942",  true,  "CU",  64, 4, 8,      16, true,  1024, 512,  8,  512, 64 * KB,  64 * KB,  512, 0},
  {"gfx1100", true,  "WGP", 32, 4, 16,     32, true,  1024, 1536, 24, 256, 128 * KB, 64 * KB,  512, 0},
};
// clang-format on

uint64_t roundUp(uint64_t x, uint64_t granule) { return (x + granule - 1) / granule * granule; }

} // namespace

const GpuLimits *gpuLimits(llvm::StringRef chip) {
  for (const GpuLimits &l : kLimits)
    if (chip == l.chip)
      return &l;
  return nullptr;
}

std::string chipOfTarget(llvm::StringRef target) {
  for (llvm::StringRef prefix : {"cuda-", "hip-"})
    if (target.starts_with(prefix))
      return target.drop_front(prefix.size()).str();
  return "";
}

Occupancy estimateOccupancy(const GpuLimits &l, const LaunchResources &launch) {
  Occupancy o;
  o.maxWaves = l.partitions * l.maxWavesPerPartition;
  if (launch.threads == 0 || launch.threads > l.maxThreadsPerBlock) {
    o.limitedBy = {"threads"};
    return o;
  }
  const uint64_t none = std::numeric_limits<uint32_t>::max();
  uint64_t waves = (launch.threads + l.waveSize - 1) / l.waveSize;
  o.wavesPerBlock = static_cast<unsigned>(waves);

  // Warp (wave) slots.
  uint64_t byThreads = o.maxWaves / waves;

  // The hardware's block cap (AMD: barriers, which one-wave workgroups do
  // not use).
  uint64_t byBlocks = l.blockLimitSkipsSingleWave && waves == 1 ? none : l.maxBlocks;

  // Registers: each partition holds floor(registersPerLane / roundup(r,
  // granule)) warps (waves), at most its maximum; a block's warps spread
  // over the partitions.
  uint64_t byRegisters = none;
  if (launch.registers && *launch.registers > 0) {
    uint64_t r = *launch.registers;
    if (r > l.maxRegisters) {
      byRegisters = 0;
    } else {
      uint64_t perPartition = std::min<uint64_t>(
          l.maxWavesPerPartition, l.registersPerLane / roundUp(r, l.registerGranule));
      byRegisters = perPartition * l.partitions / waves;
    }
  }

  // Shared memory (LDS), with the driver's reserve, in allocation units.
  uint64_t byShared = none;
  if (launch.sharedBytes > l.sharedPerBlock) {
    byShared = 0;
  } else if (uint64_t perBlock = launch.sharedBytes + l.sharedReserved; perBlock > 0) {
    byShared = l.sharedBytes / roundUp(perBlock, l.sharedGranule);
  }

  uint64_t blocks = std::min({byThreads, byBlocks, byRegisters, byShared});
  for (auto [name, value] : {std::pair{"threads", byThreads}, std::pair{"registers", byRegisters},
                             std::pair{"shared", byShared}, std::pair{"blocks", byBlocks}})
    if (value == blocks)
      o.limitedBy.push_back(name);
  o.blocks = static_cast<unsigned>(blocks);
  o.activeWaves = static_cast<unsigned>(blocks * waves);
  o.percent = o.maxWaves ? 100.0 * o.activeWaves / o.maxWaves : 0;
  return o;
}

} // namespace sinkc::cli
