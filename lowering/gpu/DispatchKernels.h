//===- DispatchKernels.h - the GPU schedules of a model's dispatches -*- C++ -*-===//
//
// Issue #8: each dispatch function (the `tfm.dispatch` functions that
// tfm-outline-dispatches makes; one plan kernel each) becomes a sequence of
// launches, generated from its tfm ops in order:
//
//   tfm.embedding      -> embedding in the table's format (RowSchedules)
//   tfm.rms_norm       -> rms_norm
//   tfm.linear/lm_head -> the GEMV schedule in the weight's format
//   tfm.rope           -> rope (normal or neox pairs)
//   tfm.swiglu, add    -> swiglu, add
//   tfm.attention      -> flash-decoding split and combine, then the append
//                         (DecodeAttentionSchedule)
//
// Each op's result lives in a result binding of the plan step when the
// function returns it, else in the device's scratch buffer (the step's
// GPU-only intermediates; offsets restart at each step). Every schedule
// function is instantiated for the dispatch's shapes (the plan entry's
// max_tokens; splits for `maxContext` slots) and named
// `<dispatch>__<n>_<kind>`. The same module gives the GPU build (mapped,
// outlined into one gpu.module, compiled per target) and the CPU build,
// whose dispatch wrappers make a CPU kernel section out of the GPU
// schedules (`sinkc compile --emulate-gpu`): the GPU numerics checked
// end to end on any host.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_DISPATCHKERNELS_H
#define SINKC_LOWERING_GPU_DISPATCHKERNELS_H

#include "LaunchDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <array>
#include <string>
#include <vector>

namespace sinkc::gpu {

/// Name of the one gpu.module the GPU build puts every kernel into.
constexpr const char *kKernelModuleName = "sinkc_kernels";

/// One launch of a dispatch: the schedule function it runs and what each of
/// the function's arguments is in the plan step (signature order).
struct DispatchLaunch {
  std::string kernel;   ///< the plan kernel (dispatch function) it serves
  std::string function; ///< the schedule function
  std::vector<StepOperand> operands;
  std::array<int64_t, 3> blockDims{1, 1, 1};
};

struct DispatchKernelOptions {
  /// Tokens a dispatch with a dynamic token count is compiled for (the
  /// prefill entry's max_tokens).
  int64_t prefillTokens = 128;
  /// The most KV slots (session context) the attention kernels take.
  int64_t maxContext = 4096;
};

struct DispatchKernels {
  /// Every schedule function, before either build (in the context given to
  /// buildDispatchKernels, which must have registerKernelSchedules' dialects).
  mlir::OwningOpRef<mlir::ModuleOp> schedules;
  /// Launches in run order (a kernel's launches are consecutive).
  std::vector<DispatchLaunch> launches;
  /// Bytes of device scratch the largest dispatch needs (256-aligned).
  int64_t scratchBytes = 0;
  /// maxContext rounded up to whole splits.
  int64_t maxContext = 0;
};

/// Generates the launches of every tfm.dispatch function of `dispatches`
/// (untiled: one workgroup per dispatch); `gpu` chooses the GPU form of
/// the schedules (workgroup buffers), else the CPU form. Errors name the
/// function and the op a GPU cannot run yet (a weight format without a
/// schedule, a sliding-window policy, taps, ...).
llvm::Expected<DispatchKernels> buildDispatchKernels(mlir::ModuleOp dispatches,
                                                     mlir::MLIRContext *scheduleContext,
                                                     const DispatchKernelOptions &options,
                                                     bool gpu);

/// GPU build of `kernels.schedules` (in place): every function mapped and
/// outlined, all kernels moved into the one gpu.module kKernelModuleName,
/// ready for compileGpuModule.
llvm::Error lowerDispatchKernelsForGpu(mlir::ModuleOp schedules,
                                       llvm::ArrayRef<DispatchLaunch> launches);

/// CPU build of `schedules` (in place), plus one function per plan kernel
/// with the CPU dispatch ABI (sinkrt/dispatch_abi.h) that runs the kernel's
/// launches in order, scratch operands in the worker's scratch. The plan
/// must give such steps one workgroup and `scratchBytes` of scratch.
llvm::Error lowerDispatchKernelsForCpu(mlir::ModuleOp schedules,
                                       llvm::ArrayRef<DispatchLaunch> launches);

/// The manifest's gpu_launches entries for one target: each launch of the
/// lowered module, in the order of `launches`, with its kernel's resources.
llvm::Expected<llvm::json::Array>
manifestLaunches(mlir::ModuleOp gpuSchedules, llvm::ArrayRef<DispatchLaunch> launches,
                 llvm::ArrayRef<KernelResources> resources);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_DISPATCHKERNELS_H
