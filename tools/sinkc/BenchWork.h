//===- BenchWork.h - what one token costs, from a package's manifest -*- C++ -*-===//
//
// `sinkc bench` compares measured speed with the machine's limits, so it
// needs the work a token implies: the bytes decode must read (every weight a
// decode step binds, the KV cache slots attention reads) and the multiply-adds
// prefill does (two ops per matrix weight per token). Both come from the
// manifest's execution plan and tensor table, not from the model's name.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_BENCHWORK_H
#define SINKC_TOOLS_SINKC_BENCHWORK_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sinkc::cli {

/// Where a dispatch's time is reported: attention, the matmuls (any
/// dispatch with a linear or lm_head, norms and ropes fused into them
/// included) or the rest (embedding, standalone norms and elementwise).
enum class DispatchGroup { Attention, Matmuls, Rest };
DispatchGroup dispatchGroupOf(llvm::StringRef kernel);
llvm::StringRef dispatchGroupName(DispatchGroup group);

struct KvGroupTraffic {
  uint64_t entries = 0, headDim = 0, elementBytes = 0;
  int64_t slots = 0; ///< 0: a full group (as many slots as the context)
};

struct TokenWork {
  /// Weight bytes one decode token reads: tensors bound by decode steps,
  /// a table only gathered from (the embedding) counted as one row.
  uint64_t decodeWeightBytes = 0;
  /// Elements of the matrices prefill multiplies every token by (gathered
  /// tables not counted); prefill does 2 ops per element per token.
  uint64_t matmulParameters = 0;
  /// Elements of the matrices only the prefill's row-wise steps read (the
  /// plan's "row_wise_from" on: the last layer's tail, the lm_head), which a
  /// prefill for generation multiplies once per chunk, for the last token.
  uint64_t lastTokenParameters = 0;
  int64_t prefillChunk = 1; ///< the prefill entry's max_tokens

  /// Ops of a prefill of `tokens` tokens that wants the last logits only.
  double prefillOps(uint64_t tokens) const;
  std::vector<KvGroupTraffic> kvGroups;

  /// Key + value bytes attention reads for a token when `cached` tokens
  /// are in the cache (the token itself included).
  uint64_t kvBytesRead(int64_t cached) const;
};

/// Reads the manifest JSON of a package; errors name the manifest field.
llvm::Expected<TokenWork> tokenWorkOf(llvm::StringRef manifestJson);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_BENCHWORK_H
