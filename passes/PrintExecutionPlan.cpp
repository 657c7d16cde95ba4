//===- PrintExecutionPlan.cpp - the --tfm-print-execution-plan pass --------===//

#include "sinkc/Passes/ExecutionPlan.h"
#include "sinkc/Passes/Passes.h"

#include "llvm/Support/FormatVariadic.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMPRINTEXECUTIONPLANPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

namespace {
struct TfmPrintExecutionPlanPass
    : sinkc::impl::TfmPrintExecutionPlanPassBase<TfmPrintExecutionPlanPass> {
  using Base::Base;
  void runOnOperation() override {
    if (prefillChunk < 1) {
      getOperation().emitError("tfm-print-execution-plan: prefill-chunk must be >= 1");
      return signalPassFailure();
    }
    sinkc::PlanOptions options;
    options.prefillChunk = prefillChunk;
    llvm::Expected<llvm::json::Array> plan = sinkc::buildExecutionPlan(getOperation(), options);
    if (!plan) {
      getOperation().emitError(llvm::toString(plan.takeError()));
      return signalPassFailure();
    }
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(*plan))) << "\n";
    markAllAnalysesPreserved();
  }
};
} // namespace
