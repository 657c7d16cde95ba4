//===- TileDispatches.cpp - the --tfm-tile-dispatches pass ----------------===//
//
// Splits a dispatch function's work over output features so the runtime's
// thread pool (or a GPU grid) can run its parts at once. For a result
// computed as a chain of feature-wise ops over matmuls,
//
//   r = add(res, linear(n, W))               (n: a prologue value, e.g. a norm)
//
// workgroup wg computes features [wg * S, (wg + 1) * S) of every result:
//
//   r_wg = add(slice(res), linear(n, W[wg * S : (wg + 1) * S, :]))
//   r    = insert_slice r_wg into tensor.empty
//
// Prologue values (whatever feeds a matmul's input) are recomputed by every
// workgroup; they are per-token and cheap next to the matmuls. Rope chains
// are sliced at head boundaries. Attention dispatches split over kv-heads
// instead (the microkernel lowering reads tfm.workgroup_id there).
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"

#include <numeric>

namespace sinkc {
#define GEN_PASS_DEF_TFMTILEDISPATCHESPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;
using namespace sinkc::tfm;

namespace {

bool isActivation(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getRank() == 3 && !tensor.getEncoding() &&
         !tensor.isDynamicDim(2);
}

/// Ops whose result features are computed feature by feature from their
/// (sliceable) operands.
bool isFeatureWise(Operation *op) {
  return isa_and_nonnull<LinearOp, LMHeadOp, RopeOp, AddOp, SwiGLUOp, GeluOp>(op);
}

class FunctionTiler {
public:
  FunctionTiler(func::FuncOp func, int64_t maxWorkgroups)
      : func(func), maxWorkgroups(maxWorkgroups) {}

  void run() {
    auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
    if (ret.getNumOperands() == 0)
      return;
    if (tileAttention(ret))
      return;
    // Every result must be a feature-wise chain with a matmul in it.
    SmallVector<int64_t> alignments;
    for (Value result : ret.getOperands()) {
      if (!isActivation(result.getType()) || !containsMatmul(result))
        return;
      alignments.push_back(alignment(result));
    }
    int64_t count = 1;
    for (int64_t w = maxWorkgroups; w > 1; --w) {
      bool even = true;
      for (auto [result, align] : llvm::zip(ret.getOperands(), alignments))
        even &= features(result) % (w * align) == 0;
      if (even) {
        count = w;
        break;
      }
    }
    if (count == 1)
      return;
    rewrite(ret, count);
  }

private:
  static int64_t features(Value v) { return cast<RankedTensorType>(v.getType()).getDimSize(2); }

  /// An attention-only dispatch: one workgroup per group of kv-heads.
  bool tileAttention(func::ReturnOp ret) {
    auto ops = func.getBody().getOps<AttentionOp>();
    if (std::distance(ops.begin(), ops.end()) != 1 || ret.getNumOperands() != 1)
      return false;
    AttentionOp attention = *ops.begin();
    if (ret.getOperand(0) != attention.getResult())
      return false;
    int64_t kvHeads = attention.getNumKvHeads();
    for (int64_t w = std::min(maxWorkgroups, kvHeads); w >= 1; --w)
      if (kvHeads % w == 0) {
        if (w > 1)
          setCount(w);
        return true;
      }
    return true;
  }

  bool containsMatmul(Value v) {
    Operation *op = v.getDefiningOp();
    if (isa_and_nonnull<LinearOp, LMHeadOp>(op))
      return true;
    if (!isFeatureWise(op))
      return false;
    return llvm::any_of(op->getOperands(), [&](Value operand) {
      return isActivation(operand.getType()) && containsMatmul(operand);
    });
  }

  /// Features a slice of `v` must be a multiple of: whole heads under rope.
  int64_t alignment(Value v) {
    Operation *op = v.getDefiningOp();
    if (!isFeatureWise(op) || isa<LinearOp, LMHeadOp>(op))
      return 1;
    int64_t align = 1;
    if (auto rope = dyn_cast<RopeOp>(op))
      align = rope.getHeadDim();
    for (Value operand : op->getOperands())
      if (isActivation(operand.getType()))
        align = std::lcm(align, alignment(operand));
    return align;
  }

  void setCount(int64_t count) {
    func->setAttr(TfmDialect::kWorkgroupsAttrName,
                  IntegerAttr::get(IntegerType::get(func.getContext(), 64), count));
  }

  void rewrite(func::ReturnOp ret, int64_t count) {
    setCount(count);
    OpBuilder b(ret);
    Location loc = func.getLoc();
    Value workgroup = WorkgroupIdOp::create(b, loc, b.getIndexType());
    SmallVector<Value> results;
    for (Value result : ret.getOperands()) {
      auto type = cast<RankedTensorType>(result.getType());
      int64_t size = type.getDimSize(2) / count;
      Value offset = arith::MulIOp::create(b, loc, workgroup,
                                           arith::ConstantIndexOp::create(b, loc, size));
      Value part = sliced(b, result, offset, size);
      SmallVector<Value> dynamic;
      if (type.isDynamicDim(1))
        dynamic.push_back(tensor::DimOp::create(b, loc, part, 1));
      Value full = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(), dynamic);
      results.push_back(tensor::InsertSliceOp::create(
          b, loc, part, full, activationOffsets(b, offset), activationSizes(b, part, size),
          unitStrides(b)));
    }
    ret.getOperandsMutable().assign(results);
    eraseDeadOps();
  }

  SmallVector<OpFoldResult> activationOffsets(OpBuilder &b, Value offset) {
    return {b.getIndexAttr(0), b.getIndexAttr(0), offset};
  }

  SmallVector<OpFoldResult> activationSizes(OpBuilder &b, Value like, int64_t size) {
    auto type = cast<RankedTensorType>(like.getType());
    OpFoldResult tokens = type.isDynamicDim(1)
                              ? OpFoldResult(tensor::DimOp::create(b, like.getLoc(), like, 1).getResult())
                              : OpFoldResult(b.getIndexAttr(type.getDimSize(1)));
    return {b.getIndexAttr(1), tokens, b.getIndexAttr(size)};
  }

  SmallVector<OpFoldResult> unitStrides(OpBuilder &b, int64_t rank = 3) {
    return SmallVector<OpFoldResult>(rank, b.getIndexAttr(1));
  }

  /// Features [offset, offset + size) of `v`, computed by the slice of its
  /// chain (memoized: results may share values).
  Value sliced(OpBuilder &b, Value v, Value offset, int64_t size) {
    auto key = std::make_pair(v, size);
    if (auto it = memo.find(key); it != memo.end())
      return it->second;
    Value result;
    Operation *op = v.getDefiningOp();
    if (!isFeatureWise(op) || !containsMatmul(v)) {
      result = tensor::ExtractSliceOp::create(b, v.getLoc(), v, activationOffsets(b, offset),
                                              activationSizes(b, v, size), unitStrides(b));
    } else {
      // Operands first: they must be created before the clone that uses them.
      SmallVector<Value> operands;
      for (unsigned i = 0; i < op->getNumOperands(); ++i)
        operands.push_back(slicedOperand(b, op, i, offset, size));
      Operation *clone = b.clone(*op);
      clone->setOperands(operands);
      auto type = cast<RankedTensorType>(v.getType());
      SmallVector<int64_t> shape(type.getShape());
      shape[2] = size;
      clone->getResult(0).setType(RankedTensorType::get(shape, type.getElementType()));
      result = clone->getResult(0);
    }
    memo[key] = result;
    return result;
  }

  /// Operand `index` of feature-wise `op` for features [offset, +size).
  Value slicedOperand(OpBuilder &b, Operation *op, unsigned index, Value offset, int64_t size) {
    Value operand = op->getOperand(index);
    // The matmul input (all of its features) and scalars stay as they are.
    if (isa<LinearOp, LMHeadOp>(op) && index == 0)
      return operand;
    if (auto rope = dyn_cast<RopeOp>(op); rope && index != 0)
      return operand; // position, frequency factors
    if (isActivation(operand.getType()))
      return sliced(b, operand, offset, size);
    auto type = cast<RankedTensorType>(operand.getType());
    Location loc = op->getLoc();
    if (type.getRank() == 2) { // weight rows
      SmallVector<OpFoldResult> offsets = {offset, b.getIndexAttr(0)};
      SmallVector<OpFoldResult> sizes = {b.getIndexAttr(size), b.getIndexAttr(type.getDimSize(1))};
      auto sliceType = RankedTensorType::get({size, type.getDimSize(1)}, type.getElementType(),
                                             type.getEncoding());
      return tensor::ExtractSliceOp::create(b, loc, sliceType, operand, offsets, sizes,
                                            unitStrides(b, 2));
    }
    // A per-feature vector (bias).
    return tensor::ExtractSliceOp::create(b, loc, operand, ArrayRef<OpFoldResult>{offset},
                                          ArrayRef<OpFoldResult>{b.getIndexAttr(size)},
                                          unitStrides(b, 1));
  }

  void eraseDeadOps() {
    Block &body = func.getBody().front();
    bool changed = true;
    while (changed) {
      changed = false;
      for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
        if (!op.hasTrait<OpTrait::IsTerminator>() && op.use_empty() && isMemoryEffectFree(&op)) {
          op.erase();
          changed = true;
        }
    }
  }

  func::FuncOp func;
  int64_t maxWorkgroups;
  llvm::DenseMap<std::pair<Value, int64_t>, Value> memo;
};

struct TfmTileDispatchesPass : sinkc::impl::TfmTileDispatchesPassBase<TfmTileDispatchesPass> {
  using TfmTileDispatchesPassBase::TfmTileDispatchesPassBase;

  void runOnOperation() override {
    if (workgroups < 1) {
      getOperation().emitError("tfm-tile-dispatches: workgroups must be at least 1, got ")
          << workgroups;
      return signalPassFailure();
    }
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func->hasAttr(TfmDialect::kDispatchAttrName) && !func.isExternal() &&
          !func->hasAttr(TfmDialect::kWorkgroupsAttrName))
        FunctionTiler(func, workgroups).run();
  }
};

} // namespace
