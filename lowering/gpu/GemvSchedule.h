//===- GemvSchedule.h - the matrix-vector dispatch as one schedule -*- C++ -*-===//
//
// Issue #8, the first dispatch schedule: y = W x for a weight in its stored
// format (f32, f16, bf16, or GGUF blocks dequantized in the kernel: q8_0,
// q4_0, q4_1, q5_0, q5_1, q4_k, q6_k), written once as barrier-free phases
// and lowered two ways:
//
//   block forall over (token, tile of kRowsPerBlock rows)  (#gpu.block<y, x>)
//     phase 1: thread forall (row of the tile, lane)       (#gpu.thread<y, x>)
//              lane sums values (plain formats) or groups of 32 values
//              (blocked formats) lane, lane + kLanes, ... of its row
//              into partial[row][lane] (a workgroup buffer)
//     phase 2: thread forall (row of the tile)             (#gpu.thread<x>)
//              y[row] = partial[row][0] + ... + partial[row][kLanes - 1]
//
// The CPU build turns the foralls into loops (checked against a scalar
// evaluation in the same order); the GPU build maps them to a gpu.launch
// (blocks, threads, a barrier between the phases), moves the workgroup
// buffer to a workgroup-space global and outlines the kernel for
// compileGpuModule. Each value is dequantized (DequantTemplates), times x,
// summed in order of the group's values.
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

namespace sinkc::gpu {

constexpr int64_t kGemvRowsPerBlock = 4;
constexpr int64_t kGemvLanes = 32;

/// Weight formats: f32, f16 or bf16 rows (tensor<RxCxf16> ... without an
/// encoding), or GGUF blocks (#tfm.gguf<...>) of 32 values (q8_0: f16 d and
/// int8 codes, q * d; q4_0: f16 d and nibbles, (q - 8) * d; q4_1: f16 d,
/// f16 m and nibbles, q * d + m; q5_0 / q5_1: as q4 with a fifth bit per
/// value in a u32, (q - 16) * d and q * d + m) or 256 values (q4_k: 8
/// sub-blocks with 6-bit scales and mins; q6_k: 16 with int8 scales).
/// DequantTemplates.cpp spells out the layouts.
enum class GemvFormat { F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q6_K };
constexpr GemvFormat kGemvFormats[] = {
    GemvFormat::F32,  GemvFormat::F16,  GemvFormat::BF16, GemvFormat::Q8_0, GemvFormat::Q4_0,
    GemvFormat::Q4_1, GemvFormat::Q5_0, GemvFormat::Q5_1, GemvFormat::Q4_K, GemvFormat::Q6_K};
llvm::StringRef gemvFormatName(GemvFormat format);
/// "f32, f16, ..., q4_k and q6_k": what errors say the GPU schedules read.
std::string gemvFormatList();
/// Values per block: 1 for f32 / f16 / bf16, 32, or 256 for the K-quants.
int64_t gemvBlockValues(GemvFormat format);
/// Bytes per block (per value for f32 / f16 / bf16).
int64_t gemvBlockBytes(GemvFormat format);
/// Bytes of a rows x cols weight (cols a multiple of the block values).
int64_t weightBytes(GemvFormat format, int64_t rows, int64_t cols);

struct GemvShape {
  GemvFormat format = GemvFormat::F32;
  int64_t rows = 0, cols = 0; ///< rows % kGemvRowsPerBlock == 0; cols % gemvBlockValues == 0
  int64_t maxTokens = 1;      ///< > 1: prefill's GEMM, one GEMV per token
};

/// The format of a weight tensor type: f32, f16 or bf16 without an
/// encoding, or the #tfm.gguf block format; nullopt otherwise.
std::optional<GemvFormat> gemvFormatOf(mlir::RankedTensorType weight);
/// How errors name a weight's format: "f32", "q4_k", "f16", ...
std::string weightFormatName(mlir::RankedTensorType weight);

/// Bytes of the weight: weightBytes(format, rows, cols).
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
