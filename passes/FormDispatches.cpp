//===- FormDispatches.cpp - the --tfm-form-dispatches pass ----------------===//
//
// Groups the tfm ops of each block with a union-find over a few fusion rules
// (see Passes.td), then wraps every group in a tfm.dispatch whose body is
// isolated from above, and re-sorts the block so that each dispatch follows
// what it reads.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Passes/Passes.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/SetVector.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMFORMDISPATCHESPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;
using namespace sinkc::tfm;

namespace {

bool isMatmul(Operation *op) { return isa<LinearOp, LMHeadOp, RouteHeadsOp>(op); }
bool isNorm(Operation *op) { return isa<RMSNormOp, LayerNormOp>(op); }
bool isElementwise(Operation *op) { return isa<RopeOp, AddOp, SwiGLUOp, GeluOp>(op); }

/// Ops that belong in some dispatch: tfm compute ops of this block.
bool isGroupable(Operation *op) {
  return isa<TfmDialect>(op->getDialect()) &&
         !isa<WeightRefOp, WeightOp, LayerOp, YieldOp, DispatchOp, DispatchReturnOp>(op);
}

class BlockGrouper {
public:
  explicit BlockGrouper(Block &block) : block(block) {
    for (Operation &op : block)
      if (isGroupable(&op)) {
        ops.push_back(&op);
        groups.insert(&op);
      }
  }

  LogicalResult run() {
    if (ops.empty())
      return success();
    fuseNormsIntoMatmuls();
    fuseElementwiseIntoProducers();
    for (ArrayRef<Operation *> members : collectGroups())
      outline(members);
    // Each dispatch sits where its last op was; move them after their inputs.
    if (!sortTopologically(&block))
      return block.getParentOp()->emitError("tfm-form-dispatches: fusing created a "
                                            "cycle between dispatches");
    return success();
  }

private:
  /// R1: a norm whose users are all matmuls joins them.
  void fuseNormsIntoMatmuls() {
    for (Operation *op : ops) {
      if (!isNorm(op) || op->getResult(0).use_empty())
        continue;
      if (!llvm::all_of(op->getResult(0).getUsers(), [&](Operation *user) {
            return isMatmul(user) && user->getBlock() == &block;
          }))
        continue;
      for (Operation *user : op->getResult(0).getUsers())
        groups.unionSets(op, user);
    }
  }

  /// R2: an elementwise op joins the group of its latest in-block producer,
  /// unless another producer depends on that group (the fused dispatch would
  /// then need its own output) or comes from an in-block op in no group (a
  /// tfm.layer, a foreign op).
  void fuseElementwiseIntoProducers() {
    llvm::DenseMap<Operation *, unsigned> position;
    for (auto [i, op] : llvm::enumerate(ops))
      position[op] = i;
    for (Operation *op : ops) {
      if (!isElementwise(op))
        continue;
      SmallVector<Operation *> producers;
      bool eligible = true;
      for (Value operand : op->getOperands()) {
        Operation *def = operand.getDefiningOp();
        if (!def || def->getBlock() != &block || isa<WeightRefOp>(def) ||
            def->hasTrait<OpTrait::ConstantLike>())
          continue;
        if (!groups.contains(def))
          eligible = false;
        producers.push_back(def);
      }
      if (!eligible || producers.empty())
        continue;
      Operation *target = *llvm::max_element(producers, [&](Operation *a, Operation *b) {
        return position[a] < position[b];
      });
      Operation *targetLeader = groups.getLeaderValue(target);
      if (llvm::any_of(producers, [&](Operation *p) {
            return groups.getLeaderValue(p) != targetLeader && dependsOn(p, targetLeader);
          }))
        continue;
      groups.unionSets(op, target);
    }
  }

  /// Whether `op` reads, through in-block ops, a value of group `leader`.
  bool dependsOn(Operation *op, Operation *leader) {
    SmallVector<Operation *> stack = {op};
    llvm::SmallPtrSet<Operation *, 32> seen;
    while (!stack.empty()) {
      Operation *current = stack.pop_back_val();
      if (!seen.insert(current).second)
        continue;
      if (groups.contains(current) && groups.getLeaderValue(current) == leader)
        return true;
      for (Value operand : current->getOperands())
        if (Operation *def = operand.getDefiningOp(); def && def->getBlock() == &block)
          stack.push_back(def);
    }
    return false;
  }

  /// The groups' members in block order, groups in order of their first op
  /// (computed before outlining erases anything).
  SmallVector<SmallVector<Operation *>> collectGroups() {
    SmallVector<SmallVector<Operation *>> all;
    llvm::DenseMap<Operation *, unsigned> indexOfLeader;
    for (Operation *op : ops) {
      auto [it, inserted] = indexOfLeader.try_emplace(groups.getLeaderValue(op), all.size());
      if (inserted)
        all.emplace_back();
      all[it->second].push_back(op);
    }
    return all;
  }

  /// "rms_norm+linear+rope": the distinct op names of the group, in order.
  static std::string groupName(ArrayRef<Operation *> members) {
    llvm::SetVector<StringRef> names;
    for (Operation *op : members)
      names.insert(op->getName().stripDialect());
    std::string name;
    for (StringRef n : names)
      name += (name.empty() ? "" : "+") + n.str();
    return name;
  }

  void outline(ArrayRef<Operation *> members) {
    llvm::SmallPtrSet<Operation *, 16> inGroup(members.begin(), members.end());
    llvm::SetVector<Value> inputs;
    SmallVector<Value> results;
    for (Operation *op : members) {
      for (Value operand : op->getOperands())
        if (!inGroup.contains(operand.getDefiningOp()))
          inputs.insert(operand);
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(),
                         [&](Operation *user) { return !inGroup.contains(user); }))
          results.push_back(result);
    }
    Operation *last = members.back();
    OpBuilder builder(last->getContext());
    builder.setInsertionPointAfter(last);
    auto dispatch = DispatchOp::create(builder, last->getLoc(), ValueRange(results).getTypes(),
                                       groupName(members), inputs.getArrayRef());
    Block *body = new Block;
    dispatch.getBody().push_back(body);
    IRMapping mapping;
    for (Value input : inputs)
      mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
    OpBuilder bodyBuilder = OpBuilder::atBlockEnd(body);
    for (Operation *op : members)
      bodyBuilder.clone(*op, mapping);
    SmallVector<Value> returned;
    for (Value result : results)
      returned.push_back(mapping.lookup(result));
    DispatchReturnOp::create(bodyBuilder, last->getLoc(), returned);
    for (auto [result, replacement] : llvm::zip(results, dispatch.getResults()))
      result.replaceUsesWithIf(replacement, [&](OpOperand &use) {
        return !inGroup.contains(use.getOwner());
      });
    for (Operation *op : llvm::reverse(members))
      op->erase();
  }

  Block &block;
  SmallVector<Operation *> ops;
  llvm::EquivalenceClasses<Operation *> groups;
};

struct TfmFormDispatchesPass
    : sinkc::impl::TfmFormDispatchesPassBase<TfmFormDispatchesPass> {
  void runOnOperation() override {
    // Collect first: outlining rewrites the blocks being walked.
    SmallVector<Block *> blocks;
    getOperation()->walk([&](Operation *op) {
      if (isa<func::FuncOp, LayerOp>(op))
        for (Region &region : op->getRegions())
          for (Block &block : region)
            blocks.push_back(&block);
    });
    for (Block *block : blocks)
      if (failed(BlockGrouper(*block).run()))
        return signalPassFailure();
  }
};

} // namespace
