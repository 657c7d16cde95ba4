//===- GpuCompile.h - gpu.module -> cubin / HSACO, with resources -*- C++ -*-===//
//
// Issue #8, the last GPU-only steps: a module holding one `gpu.module` of
// kernels (`gpu.func ... kernel`, bodies in arith / memref / scf / gpu ops)
// becomes, for a GPU target, the device binary the runtime loads (a cubin
// through NVVM, LLVM's NVPTX backend and ptxas; an HSACO through ROCDL, the
// AMDGPU backend, the ROCm device libraries and ld.lld), its assembly (PTX
// or AMDGCN), and per kernel what it costs the device: registers, spills,
// shared (workgroup) and private memory. Memrefs are passed as bare
// pointers (static shapes), the launch ABI the runtime uses.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_GPUCOMPILE_H
#define SINKC_LOWERING_GPU_GPUCOMPILE_H

#include "GpuTarget.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
class DialectRegistry;
class ModuleOp;
} // namespace mlir

namespace sinkc::gpu {

/// Where the vendor tools are. cudaPath holds bin/ptxas; rocmPath holds
/// amdgcn/bitcode (the device libraries) and llvm/bin/ld.lld, the layout
/// MLIR's ROCDL serializer expects (the build makes one from Debian's
/// rocm-device-libs and lld-22).
struct Toolkits {
  std::string cudaPath;
  std::string rocmPath;
};

/// SINKC_CUDA_PATH, else /usr/local/cuda; SINKC_ROCM_TOOLKIT, else the
/// build's shim directory.
Toolkits defaultToolkits();

/// What one kernel uses, as the vendor tools report it (-1: not reported).
struct KernelResources {
  std::string kernel;
  int64_t registers = -1;  ///< per thread (CUDA) / VGPRs (ROCm)
  int64_t scalarRegisters = -1; ///< SGPRs (ROCm)
  int64_t spillBytes = 0;  ///< CUDA: spill stores; ROCm: VGPR + SGPR spill count
  int64_t sharedBytes = 0; ///< static shared / group segment
  int64_t privateBytes = 0; ///< stack frame / private segment (scratch)
};

struct GpuObject {
  GpuTarget target;
  std::string module;   ///< the gpu.module's name
  std::string binary;   ///< cubin or HSACO (ELF) bytes
  std::string assembly; ///< PTX or AMDGCN assembly
  std::vector<KernelResources> kernels;
};

/// The dialects, translations and target interfaces compileGpuModule uses;
/// add them to the context's registry before parsing or building the module.
void registerGpuCompilation(mlir::DialectRegistry &registry);

/// Compiles the module's one gpu.module for `target`. `module` is not
/// changed. Errors carry MLIR's diagnostics or the tool's output.
llvm::Expected<GpuObject> compileGpuModule(mlir::ModuleOp module, const GpuTarget &target,
                                           const Toolkits &toolkits = defaultToolkits());
/// The same for every gpu.module (outlining makes one per launch), in order.
llvm::Expected<std::vector<GpuObject>>
compileGpuModules(mlir::ModuleOp module, const GpuTarget &target,
                  const Toolkits &toolkits = defaultToolkits());

/// Parses `ptxas -v` output: one entry per "Compiling entry function".
std::vector<KernelResources> parsePtxasInfo(llvm::StringRef text);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_GPUCOMPILE_H
