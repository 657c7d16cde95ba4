//===- DecodeAttentionSchedule.h - flash-decoding as one schedule -*- C++ -*-===//
//
// Issue #8: attention of one new token over a layer's KV cache (decode),
// split over keys so that a long context fills a GPU (flash-decoding), as
// two schedules of barrier-free phases:
//
//   <name>_split:   block forall over (kv-head, split of kSplitKeys keys)
//     phase 1  thread forall (head of the group, key): score = scale q.k
//              (-inf past `len`) into a workgroup buffer
//     phase 2  thread forall (head): m = max, p = exp(score - m) in place,
//              l = sum p; m and l to the split's partials
//     phase 3  thread forall (head, d): o[d] = sum_key p v[d]
//   <name>_combine: block forall over heads, thread forall over d:
//     M = max(sink, max_s m_s), out[d] = sum_s o_s[d] exp(m_s - M) /
//     (exp(sink - M) + sum_s l_s exp(m_s - M))   (sink: learned, or none)
//
// GQA: the `group` query heads of a kv-head share its block. The cache is
// memref<kvHeads x 2 x slots x headDim x f16> (keys, then values; full
// attention: slot = position). With several tokens (prefill) each attends
// its own prefix: causal attention, one flash-decoding per token.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_DECODEATTENTIONSCHEDULE_H
#define SINKC_LOWERING_GPU_DECODEATTENTIONSCHEDULE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/Error.h"

#include <cstdint>

namespace sinkc::gpu {

constexpr int64_t kSplitKeys = 64;

struct DecodeAttentionShape {
  int64_t heads = 0, kvHeads = 0, headDim = 0;
  /// The most slots a cache entry may have (a multiple of kSplitKeys): the
  /// splits are compiled for it; the call passes the actual slot count.
  int64_t slots = 0;
  /// Entries of the policy group's buffer (>= kvHeads); sizes the memref
  /// only (the kernels index it by the call's entry offset and slots).
  int64_t entries = 0;
  float scale = 0;
  int64_t maxTokens = 1; ///< > 1: prefill, each token over its own prefix
  bool learnedSinks = true; ///< the combine takes %sinks; else no sink
};

/// func.func @<name>_split(%q: memref<T x H x D f32>, %cache: memref<E*2*S*D
/// x f16> (a policy group's buffer, docs/kv-abi.md), %entry: index (the
/// layer's first entry; kv-head h uses entry + h), %slots: index (the
/// entries' slot count, <= S), %pos: index, %tokens: index, %m: memref<T x
/// H x SPLITS f32>, %l: (same), %o: memref<T x H x SPLITS x D f32>) and
/// func.func @<name>_combine(%m, %l, %o, [%sinks: memref<H x f32>,]
/// %tokens, %out: memref<T x H x D f32>) (sinks: a learned sink logit per
/// head, -inf for none, added to the softmax's denominator), T = maxTokens,
/// SPLITS = S / kSplitKeys (splits past a token's prefix add nothing).
/// Token t (< tokens) attends positions [0, pos + t] (their keys already
/// appended); `gpu` puts the score buffer in workgroup memory.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildDecodeAttentionSchedule(mlir::MLIRContext *context, llvm::StringRef name,
                             const DecodeAttentionShape &shape, bool gpu);

/// The CPU build (loops, LLVM dialect, bare pointers; math.exp as the
/// llvm.exp intrinsic) and the GPU build (two launches, outlined into
/// gpu.modules <name>_split_kernel and <name>_combine_kernel).
llvm::Error lowerDecodeAttentionForCpu(mlir::ModuleOp module);
llvm::Error lowerDecodeAttentionForGpu(mlir::ModuleOp module, llvm::StringRef name,
                                       const DecodeAttentionShape &shape);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_DECODEATTENTIONSCHEDULE_H
