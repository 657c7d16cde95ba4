//===- GemvSchedule.h - the matrix-vector dispatch as one schedule -*- C++ -*-===//
//
// Issue #8, the first dispatch schedule: y = W x for a weight in its stored
// format (f32, or q8_0 / q4_0 / q4_1 dequantized in the kernel), written once as
// barrier-free phases and lowered two ways:
//
//   block forall over (token, tile of kRowsPerBlock rows)  (#gpu.block<y, x>)
//     phase 1: thread forall (row of the tile, lane)       (#gpu.thread<y, x>)
//              lane sums blocks lane, lane + kLanes, ... of its row
//              into partial[row][lane] (a workgroup buffer)
//     phase 2: thread forall (row of the tile)             (#gpu.thread<x>)
//              y[row] = partial[row][0] + ... + partial[row][kLanes - 1]
//
// The CPU build turns the foralls into loops (checked against a scalar
// evaluation in the same order); the GPU build maps them to a gpu.launch
// (blocks, threads, a barrier between the phases), moves the workgroup
// buffer to a workgroup-space global and outlines the kernel for
// compileGpuModule. Each value is dequantized (below), times x, summed in
// order of the block's values.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_GEMVSCHEDULE_H
#define SINKC_LOWERING_GPU_GEMVSCHEDULE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string>

namespace sinkc::gpu {

constexpr int64_t kGemvRowsPerBlock = 4;
constexpr int64_t kGemvLanes = 32;

/// Weight formats: f32 rows, or GGUF blocks of 32 values (q8_0: f16 d and
/// int8 codes, (q * d); q4_0: f16 d and nibbles, (q - 8) * d; q4_1: f16 d,
/// f16 m and nibbles, q * d + m).
enum class GemvFormat { F32, Q8_0, Q4_0, Q4_1 };
llvm::StringRef gemvFormatName(GemvFormat format);

struct GemvShape {
  GemvFormat format = GemvFormat::F32;
  int64_t rows = 0, cols = 0; ///< rows % kGemvRowsPerBlock == 0; blocked: cols % 32 == 0
  int64_t maxTokens = 1;      ///< > 1: prefill's GEMM, one GEMV per token
};

/// The format of a weight tensor type: f32 without an encoding, or the
/// #tfm.gguf block format when a schedule reads it; nullopt otherwise.
std::optional<GemvFormat> gemvFormatOf(mlir::RankedTensorType weight);
/// How errors name a weight's format: "f32", "q4_k", "f16", ...
std::string weightFormatName(mlir::RankedTensorType weight);

/// Bytes of the weight: rows x cols f32, or rows x cols / 32 blocks.
int64_t gemvWeightBytes(const GemvShape &shape);

/// A module with func.func @name(%w: memref<BYTES x i8>, %x: memref<T x
/// COLS x f32>, %tokens: index, %y: memref<T x ROWS x f32>) holding the
/// schedule (T = maxTokens; rows of y past `tokens` are not written); `gpu`
/// puts the workgroup buffer in #gpu.address_space<workgroup>.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildGemvSchedule(mlir::MLIRContext *context, llvm::StringRef name, const GemvShape &shape,
                  bool gpu);

/// CPU: foralls to loops, then everything to the LLVM dialect with bare
/// pointer arguments (void name(int8_t *w, float *x, float *y)).
llvm::Error lowerScheduleForCpu(mlir::ModuleOp module);

/// GPU: foralls mapped to a launch of (rows / kGemvRowsPerBlock, tokens) blocks of
/// (kGemvLanes, kGemvRowsPerBlock) threads with a barrier between the
/// phases, the buffer in workgroup memory, the kernel outlined into a
/// gpu.module named `<name>_kernel` (what compileGpuModule takes). `name`
/// is the schedule's function.
llvm::Error lowerScheduleForGpu(mlir::ModuleOp module, llvm::StringRef name);

/// The dialects and transform extensions every schedule of this library
/// (GEMV, decode attention) needs, with registerGpuCompilation's.
void registerKernelSchedules(mlir::DialectRegistry &registry);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_GEMVSCHEDULE_H
