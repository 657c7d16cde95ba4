//===- GpuPackaging.h - GPU kernel sections of a package -*- C++ -*-===//
//
// Issue #8: from a module's untiled dispatch functions, the package's GPU
// parts: one kernel section per GPU target (a cubin `cuda-sm_XY`, an HSACO
// `hip-gfxNNN`) and the manifest's gpu_launches / gpu_scratch_bytes /
// gpu_max_context (docs/gpu-runtime.md); and the CPU build of the same
// schedules as a CPU kernel section (`--emulate-gpu`).
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_COMPILER_GPUPACKAGING_H
#define SINKC_LOWERING_COMPILER_GPUPACKAGING_H

#include "DispatchKernels.h"
#include "GpuTarget.h"
#include "ModelPackager.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace sinkc::compiler {


struct GpuSections {
  std::vector<package::KernelBlob> kernels;
  llvm::json::Object manifestMembers;
};

/// Kernel sections for `targets` and the manifest members that describe
/// their launches. A kernel that spills or uses private (scratch) memory on
/// any target is an error naming it, the target and the figures.
llvm::Expected<GpuSections> compileGpuSections(mlir::ModuleOp untiledDispatches,
                                               llvm::ArrayRef<gpu::GpuTarget> targets,
                                               const gpu::DispatchKernelOptions &options);

/// A stage of the GPU build as text: the schedules (`stage` 0), the module
/// mapped and outlined into one gpu.module (1), or the assembly (PTX /
/// AMDGCN) of `target` (2).
llvm::Expected<std::string> gpuStageText(mlir::ModuleOp untiledDispatches, int stage,
                                         const gpu::GpuTarget &target,
                                         const gpu::DispatchKernelOptions &options);

/// The CPU build of the GPU schedules with one CPU-ABI function per plan
/// kernel, in a new module of `context` (which must have the schedules'
/// dialects and the LLVM translations); `scratchBytes` gets what each
/// kernel needs of the worker's scratch.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildEmulatedCpuKernels(mlir::ModuleOp untiledDispatches, mlir::MLIRContext *context,
                        const gpu::DispatchKernelOptions &options,
                        llvm::StringMap<std::pair<int64_t, int64_t>> &scratchBytes);

/// The context the schedules are built in.
std::unique_ptr<mlir::MLIRContext> makeScheduleContext();

} // namespace sinkc::compiler

#endif // SINKC_LOWERING_COMPILER_GPUPACKAGING_H
