//===- CostModel.h - parameters, bytes, FLOPs and KV bytes of a model ----===//
//
// The analysis behind `--tfm-print-cost`, usable from C++ and tests.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_PASSES_COSTMODEL_H
#define SINKC_PASSES_COSTMODEL_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <map>
#include <string>

namespace sinkc {

struct CostOptions {
  /// Tokens of the prefill (from an empty cache) whose FLOPs are counted.
  int64_t prefillTokens = 128;
  /// Context for the decode step's FLOPs and for KV-cache bytes.
  int64_t context = 4096;
  /// Bytes per cached value when an attention op has no cache operands.
  int64_t kvElementBytes = 2;
};

/// Costs of one part of the model (a layer, what is outside layers, or all).
struct Cost {
  int64_t parameters = 0;
  /// Bytes of weights as stored, by encoding name ("f32", "f16", "q4_1", ...).
  std::map<std::string, int64_t> weightBytesByEncoding;
  int64_t prefillFlops = 0;
  int64_t decodeFlops = 0;
  int64_t kvBytes = 0;
  int64_t fullKvHeads = 0, streamingKvHeads = 0, prunedKvHeads = 0;

  int64_t weightBytes() const;
  void add(const Cost &other);
};

struct ModelCost {
  CostOptions options;
  /// Layer index -> cost of that `tfm.layer` (all functions together).
  std::map<int64_t, Cost> layers;
  /// Everything outside `tfm.layer` ops: embedding, final norm, lm_head.
  Cost outsideLayers;
  Cost total;
};

/// Computes the cost of `module`. Parameters count each used `tfm.weight`
/// once. When the module has `@prefill` and `@decode`, prefill FLOPs come
/// from the first, decode FLOPs and KV bytes from the second; otherwise every
/// function counts as both.
ModelCost computeModelCost(mlir::ModuleOp module, const CostOptions &options);

void printCostText(const ModelCost &cost, llvm::raw_ostream &os);
void printCostJson(const ModelCost &cost, llvm::raw_ostream &os);

} // namespace sinkc

#endif // SINKC_PASSES_COSTMODEL_H
