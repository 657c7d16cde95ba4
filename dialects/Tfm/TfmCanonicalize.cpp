//===- TfmCanonicalize.cpp - canonical forms of tfm.attention -------------===//
//
// Canonical form of head policies: absent when every kv-head is `full`, and
// no `streaming` policy whose sinks + window already cover the model's whole
// context (such a head never evicts anything: it is `full`).
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace sinkc::tfm;

namespace {

/// `policies = [#tfm.full, ...]` says nothing the absent attribute does not.
struct DropAllFullPolicies : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<ArrayAttr> policies = op.getPolicies();
    if (!policies || !llvm::all_of(*policies, llvm::IsaPred<FullPolicyAttr>))
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.removePoliciesAttr(); });
    return success();
  }
};

/// A streaming window at least as long as the model context never evicts.
struct StreamingCoveringContextIsFull : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<ArrayAttr> policies = op.getPolicies();
    auto module = op->getParentOfType<ModuleOp>();
    auto model = module ? module->getAttrOfType<ModelAttr>(TfmDialect::kModelAttrName)
                        : ModelAttr();
    if (!policies || !model)
      return failure();
    bool changed = false;
    SmallVector<Attribute> updated;
    for (Attribute p : *policies) {
      auto streaming = dyn_cast<StreamingPolicyAttr>(p);
      if (streaming && streaming.getSinks() + streaming.getWindow() >=
                           model.getContextLength()) {
        updated.push_back(FullPolicyAttr::get(op.getContext()));
        changed = true;
      } else {
        updated.push_back(p);
      }
    }
    if (!changed)
      return failure();
    rewriter.modifyOpInPlace(
        op, [&] { op.setPoliciesAttr(rewriter.getArrayAttr(updated)); });
    return success();
  }
};

} // namespace

void AttentionOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<DropAllFullPolicies, StreamingCoveringContextIsFull>(context);
}
