//===- DecodeAttentionSchedule.h - flash-decoding as one schedule -*- C++ -*-===//
//
// Issue #8: attention over a layer's KV cache, split over keys so that a
// long context fills a GPU (flash-decoding), as three schedules of
// barrier-free phases:
//
//   <name>_split:   block forall over (token, kv-head, split of kSplitKeys
//                   visible keys)
//     phase 1  thread forall (head of the group, key): score = scale q.k
//              (-inf where the policy hides the key) into a workgroup buffer
//     phase 2  thread forall (head): m = max, p = exp(score - m) in place,
//              l = sum p; m and l to the split's partials
//     phase 3  thread forall (head, d): o[d] = sum_key p v[d]
//   <name>_combine: block forall over (token, head), thread forall over d:
//     M = max(sink, max_s m_s), out[d] = sum_s o_s[d] exp(m_s - M) /
//     (exp(sink - M) + sum_s l_s exp(m_s - M))   (sink: learned, or none)
//   <name>_append: block per token: its key and value into the cache.
//
// GQA: the `group` query heads of a kv-head share its block. Policies: full
// attention (slot = position) or sinks + window (a ring, docs/kv-abi.md).
// One token is decode; several are a causal prefill, one flash-decoding
// per token.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_DECODEATTENTIONSCHEDULE_H
#define SINKC_LOWERING_GPU_DECODEATTENTIONSCHEDULE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace sinkc::gpu {

constexpr int64_t kSplitKeys = 64;
constexpr int64_t kAppendLanes = 256;

struct DecodeAttentionShape {
  int64_t heads = 0, kvHeads = 0, headDim = 0;
  /// Full attention: the most slots a cache entry may have (a multiple of
  /// kSplitKeys): the splits are compiled for it; the call passes the
  /// actual slot count. Sinks + window: the ring's sinks + window slots.
  int64_t slots = 0;
  /// window > 0: StreamingLLM's policy, the first `sinks` positions and the
  /// last `window` (docs/kv-abi.md), in a ring of sinks + window slots.
  int64_t sinks = 0, window = 0;
  /// Entries of the policy group's buffer (>= kvHeads); sizes the memref
  /// only (the kernels index it by the call's entry offset and slots).
  int64_t entries = 0;
  float scale = 0;
  int64_t maxTokens = 1; ///< > 1: prefill, each token over its own prefix
  bool learnedSinks = true; ///< the combine takes %sinks; else no sink
  /// The kv-heads this launch serves (a policy group's part of a layer)
  /// and each one's entry after the layer's offset; empty: all kv-heads,
  /// kv-head h at entry h. The partials hold only these heads' rows.
  std::vector<int64_t> kvHeadIds, kvEntryOf;
};

/// kv-heads a launch serves: kvHeadIds.size(), or all.
int64_t launchKvHeads(const DecodeAttentionShape &shape);

/// func.func @<name>_zero(%tokens: index, %out: memref<T x H x D f32>):
/// zeros in the rows of the query heads of `shape.kvHeadIds` (pruned
/// kv-heads attend to nothing).
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildZeroHeadsSchedule(mlir::MLIRContext *context, llvm::StringRef name,
                       const DecodeAttentionShape &shape);

/// func.func @<name>_split(%q: memref<T x H x D f32>, %k, %v: memref<T x
/// KVH x D f32> (this call's keys and values), %cache: memref<E*2*S*D x
/// f16> (a policy group's buffer, docs/kv-abi.md), %entry: index (the
/// layer's first entry; kv-head h uses entry + its kvEntryOf, h by
/// default), [%slots: index (full attention: the entries' slot count, <=
/// S)], %pos: index, %tokens: index, %m: memref<T x NH x SPLITS f32>, %l:
/// (same), %o: memref<T x NH x SPLITS x D f32>) (NH: the launch's query
/// heads, launchKvHeads x group); func.func @<name>_combine(%m, %l, %o, [%sinks: memref<H x
/// f32>,] %tokens, %out: memref<T x H x D f32>) (sinks: a learned sink logit
/// per head, added to the softmax's denominator); func.func
/// @<name>_append(%k, %v, %pos, %tokens, %cache, %entry, [%slots]), to run
/// after the split: each token's key and value, rounded to f16, into the
/// slot of its position. T = maxTokens, SPLITS = decodeAttentionSplits.
/// Token t (< tokens) at position pos + t attends the keys its policy makes
/// visible: [0, pos + t] (full), or the sinks and the last `window`
/// positions; keys before `pos` come from the cache, the call's own from
/// %k / %v (rounded as the cache will hold them), so a ring slot a later
/// token of the call overwrites is still read before it is. Splits past a
/// token's keys add nothing. `gpu` puts the score buffer in workgroup
/// memory.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildDecodeAttentionSchedule(mlir::MLIRContext *context, llvm::StringRef name,
                             const DecodeAttentionShape &shape, bool gpu);

/// Splits of kSplitKeys visible keys: slots / kSplitKeys, rounded up.
int64_t decodeAttentionSplits(const DecodeAttentionShape &shape);

/// The CPU build (loops, LLVM dialect, bare pointers; math.exp as the
/// llvm.exp intrinsic) and the GPU build (three launches, outlined into
/// gpu.modules <name>_split_kernel, <name>_combine_kernel and
/// <name>_append_kernel).
llvm::Error lowerDecodeAttentionForCpu(mlir::ModuleOp module);
llvm::Error lowerDecodeAttentionForGpu(mlir::ModuleOp module, llvm::StringRef name,
                                       const DecodeAttentionShape &shape);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_DECODEATTENTIONSCHEDULE_H
