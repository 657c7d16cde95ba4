//===- IsolateDispatches.cpp - the --tfm-isolate-dispatches pass ----------===//
//
// A target compiles only the dispatch functions: the entry points are
// described by the execution plan (built before this runs) and the weights
// live in the package. The module's tfm.model / tfm.tokenizer attributes go
// too: what is left is a kernel library, not a model.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMISOLATEDISPATCHESPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;

namespace {

struct TfmIsolateDispatchesPass
    : sinkc::impl::TfmIsolateDispatchesPassBase<TfmIsolateDispatchesPass> {
  void runOnOperation() override {
    // No longer a model (no entry points): drop the module's tfm attributes.
    for (NamedAttribute attr : llvm::to_vector(getOperation()->getAttrs()))
      if (attr.getName().getValue().starts_with("tfm."))
        getOperation()->removeAttr(attr.getName());
    for (Operation &op : llvm::make_early_inc_range(getOperation().getBody()->getOperations())) {
      auto func = dyn_cast<func::FuncOp>(&op);
      if (!func || !func->hasAttr(sinkc::tfm::TfmDialect::kDispatchAttrName))
        op.erase();
    }
  }
};

} // namespace
