//===- ApproximateMath.cpp - the --tfm-approximate-math pass --------------===//
//
// The elementwise parts of dispatches (SwiGLU's exp, GELU's tanh / erf)
// would otherwise become one libm call per element (expf, tanhf), which a
// decode step makes tens of thousands of times and which keeps the loops
// scalar. MLIR's polynomial approximations are inline arithmetic, within a
// few ulp. sin / cos (rope) stay calls: rope angles reach thousands of
// radians, beyond the approximations' argument reduction.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMAPPROXIMATEMATHPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;

namespace {

struct TfmApproximateMathPass
    : sinkc::impl::TfmApproximateMathPassBase<TfmApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return llvm::is_contained({math::ExpOp::getOperationName(), math::ExpM1Op::getOperationName(),
                                 math::TanhOp::getOperationName(), math::ErfOp::getOperationName()},
                                name);
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
