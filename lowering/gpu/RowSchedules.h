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
//   <name>_embedding_q8_0(table: V x N/32 q8_0 blocks, ids: T i32, tokens,
//                         y: T x N f32): y[t] = row ids[t], q * d
//
// Each builds for the CPU (checked against scalar references) and for GPUs
// (one launch each, compiled for every chip).
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_ROWSCHEDULES_H
#define SINKC_LOWERING_GPU_ROWSCHEDULES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/Error.h"

#include <cstdint>

namespace sinkc::gpu {

constexpr int64_t kRowLanes = 256;

struct RowShape {
  int64_t maxTokens = 0, cols = 0;
  int64_t vocab = 0; ///< embedding only; cols % 32 == 0 there
  float eps = 1e-5f; ///< rms_norm only
};

/// A module with the four functions for `shape`; `gpu` puts the norm's
/// partial sums in workgroup memory.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildRowSchedules(mlir::MLIRContext *context, llvm::StringRef name, const RowShape &shape,
                  bool gpu);

llvm::Error lowerRowSchedulesForCpu(mlir::ModuleOp module);
/// One gpu.module per function: <name>_rms_norm_kernel, ...
llvm::Error lowerRowSchedulesForGpu(mlir::ModuleOp module, llvm::StringRef name);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_ROWSCHEDULES_H
