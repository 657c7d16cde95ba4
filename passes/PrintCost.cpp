//===- PrintCost.cpp - the --tfm-print-cost pass --------------------------===//

#include "sinkc/Passes/CostModel.h"
#include "sinkc/Passes/Passes.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMPRINTCOSTPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;

namespace {
struct TfmPrintCostPass : sinkc::impl::TfmPrintCostPassBase<TfmPrintCostPass> {
  using Base::Base;

  void runOnOperation() override {
    if (format != "text" && format != "json") {
      getOperation().emitError() << "tfm-print-cost: format must be text or json, got '"
                                 << format << "'";
      return signalPassFailure();
    }
    if (prefillTokens < 1 || context < 1 || kvElementBytes < 1) {
      getOperation().emitError()
          << "tfm-print-cost: prefill-tokens, context and kv-element-bytes must be >= 1";
      return signalPassFailure();
    }
    sinkc::CostOptions options;
    options.prefillTokens = prefillTokens;
    options.context = context;
    options.kvElementBytes = kvElementBytes;
    sinkc::ModelCost cost = sinkc::computeModelCost(getOperation(), options);
    if (format == "json")
      sinkc::printCostJson(cost, llvm::outs());
    else
      sinkc::printCostText(cost, llvm::outs());
    llvm::outs().flush();
    markAllAnalysesPreserved();
  }
};
} // namespace
