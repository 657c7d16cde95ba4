//===- RowSchedules.h - per-token dispatch schedules (norm, SwiGLU, ...) -*- C++ -*-===//
//
// Issue #8: the dispatches around the matmuls, each one schedule whose
// block forall runs over tokens (up to `maxTokens`, guarded by a `tokens`
// argument) and whose thread foralls stride over a row:
//
//   <name>_rms_norm(x: T x N f32, w: N f32, tokens, y: T x N f32)
//     phase 1  thread forall (lane): sum of squares of x[lane::lanes]
//     phase 2  thread forall (1):    scale = 1 / sqrt(sum / N + eps)
//     phase 3  thread forall (lane): y = (x * scale) * w
//   <name>_swiglu(g, u: T x N f32, tokens, y): y = g / (1 + exp(-g)) * u
//   <name>_add(a, b: T x N f32, tokens, y): y = a + b
//   <name>_add_bias(x: T x N f32, b: N f32, tokens, y): y = x + b (in place)
//   <name>_rope(x: T x heads x D f32, [factors: D/2 f32,] pos, tokens, y):
//     each pair rotated by (pos + t) s theta^(-2i/D) [/ factors[i]]
//   <name>_embedding(table: V x N in `embeddingFormat` (any the GEMV
//                    reads, dequantized as it does), ids: T i32, tokens,
//                    y: T x N f32): y[t] = row ids[t]
//
// Each builds for the CPU (checked against scalar references) and for GPUs
// (one launch each, compiled for every chip).
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_ROWSCHEDULES_H
#define SINKC_LOWERING_GPU_ROWSCHEDULES_H

#include "GemvSchedule.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/Error.h"

#include <cstdint>

namespace sinkc::gpu {

constexpr int64_t kRowLanes = 256;

struct RowShape {
  int64_t maxTokens = 0, cols = 0; ///< cols % gemvBlockValues(embeddingFormat) == 0
  int64_t vocab = 0;               ///< embedding
  GemvFormat embeddingFormat = GemvFormat::F32; ///< embedding: the table's format
  float eps = 1e-5f;               ///< rms_norm
  int64_t ropeHeads = 0, headDim = 0; ///< rope: q or k heads
  float theta = 10000.0f;
  bool neox = false;               ///< pairs (i, i + D/2), else (2i, 2i + 1)
  /// RoPE scaling: the rope takes %factors (D/2 f32 frequency divisors,
  /// llama3), and multiplies positions by ropePositionScale (linear: 1 /
  /// factor).
  bool ropeFactors = false;
  float ropePositionScale = 1.0f;
};

/// A module with the six functions for `shape`; `gpu` puts the norm's
/// partial sums in workgroup memory.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildRowSchedules(mlir::MLIRContext *context, llvm::StringRef name, const RowShape &shape,
                  bool gpu);

llvm::Error lowerRowSchedulesForCpu(mlir::ModuleOp module);
/// One gpu.module per function: <name>_rms_norm_kernel, ...
llvm::Error lowerRowSchedulesForGpu(mlir::ModuleOp module, llvm::StringRef name);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_ROWSCHEDULES_H
