//===- ScheduleLowering.h - the two builds of a kernel schedule -*- C++ -*-===//
//
// Internal to SinkcGpu. A schedule is func.func(s) whose top-level
// scf.forall is mapped to #gpu.block<...> and holds thread-mapped foralls
// (barrier-free phases), with workgroup buffers as memref.alloca. The CPU
// build runs the foralls as loops; the GPU build maps each function to one
// gpu.launch (a barrier after each phase), turns the buffers into
// workgroup-space globals and outlines one gpu.module per launch.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_SCHEDULELOWERING_H
#define SINKC_LOWERING_GPU_SCHEDULELOWERING_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <string>
#include <utility>

namespace sinkc::gpu {

/// An error of a schedule builder or lowering.
llvm::Error scheduleError(const llvm::Twine &message);

/// `value` as an MLIR f32 literal that parses back to the same float.
std::string floatLiteral(float value);

/// Parses a filled template (a failure is a bug in sinkc, named by `what`).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
parseSchedule(mlir::MLIRContext *context, llvm::StringRef text, llvm::StringRef what);

/// func.func private @half_at(%bytes: memref<@BYTES@xi8>, %at: index) ->
/// f32: the little-endian f16 at byte `at` (a block's scale), for schedules
/// to include and call; the lowerings inline it.
extern const char *const kHalfAtTemplate;

/// `text` with each @KEY@ replaced by its value.
std::string fillTemplate(std::string text,
                         llvm::ArrayRef<std::pair<llvm::StringRef, std::string>> values);

/// Runs a builtin.module pipeline body; diagnostics go into the error,
/// prefixed with `what`.
llvm::Error runPipeline(mlir::ModuleOp module, llvm::StringRef pipeline, llvm::StringRef what);

/// CPU build: calls inlined, foralls to loops, everything to the LLVM
/// dialect with bare-pointer memref arguments.
llvm::Error lowerScheduleToCpu(mlir::ModuleOp module, llvm::StringRef what);

/// One function of the schedule and the thread block it launches with.
struct KernelMapping {
  std::string function;
  std::array<int64_t, 3> blockDims;
};

/// GPU build: each function's forall nest becomes a gpu.launch, outlined
/// into gpu.module `<function>_kernel`.
llvm::Error mapScheduleToGpu(mlir::ModuleOp module, llvm::ArrayRef<KernelMapping> kernels,
                             llvm::StringRef what);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_SCHEDULELOWERING_H
