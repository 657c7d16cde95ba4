//===- SetKvPolicies.cpp - the --tfm-set-kv-policies pass -----------------===//
//
// Per-kv-head cache policies: the chosen (layer, kv-head) pairs get a new
// policy and the KV cache is regrouped, one buffer per distinct policy
// (docs/kv-abi.md), in both entry points.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <map>

namespace sinkc {
#define GEN_PASS_DEF_TFMSETKVPOLICIESPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;
using namespace sinkc::tfm;

namespace {

using HeadKey = std::pair<int64_t, int64_t>; ///< (layer, kv-head)

struct TfmSetKvPoliciesPass : sinkc::impl::TfmSetKvPoliciesPassBase<TfmSetKvPoliciesPass> {
  using TfmSetKvPoliciesPassBase::TfmSetKvPoliciesPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    if (defaultPolicy != "keep" && defaultPolicy != "full" && defaultPolicy != "streaming") {
      module.emitError("tfm-set-kv-policies: default must be keep, full or streaming, got '")
          << defaultPolicy << "'";
      return signalPassFailure();
    }
    if (sinks < 0 || window < 1) {
      module.emitError("tfm-set-kv-policies: needs sinks >= 0 and window >= 1");
      return signalPassFailure();
    }
    Attribute streaming = StreamingPolicyAttr::get(ctx, sinks, window);
    std::map<HeadKey, Attribute> chosen;
    auto parseHeads = [&](ArrayRef<std::string> heads, Attribute policy) {
      for (const std::string &text : heads) {
        int64_t layer, head;
        StringRef l, h;
        std::tie(l, h) = StringRef(text).split('.');
        if (l.getAsInteger(10, layer) || h.getAsInteger(10, head) || layer < 0 || head < 0) {
          module.emitError("tfm-set-kv-policies: '") << text << "' is not a kv-head L.H";
          return false;
        }
        chosen[{layer, head}] = policy;
      }
      return true;
    };
    if (!parseHeads(streamingHeads, streaming) || !parseHeads(prunedHeads, PrunedPolicyAttr::get(ctx)))
      return signalPassFailure();

    for (StringRef name : {"prefill", "decode"}) {
      auto entry = module.lookupSymbol<func::FuncOp>(name);
      if (!entry || entry.isExternal()) {
        module.emitError("tfm-set-kv-policies: the module has no @") << name;
        return signalPassFailure();
      }
      if (failed(rewriteEntry(entry, chosen)))
        return signalPassFailure();
    }
  }

  /// The policy of every (layer, kv-head) in `entry`, chosen or kept.
  FailureOr<std::map<HeadKey, Attribute>> policiesOf(func::FuncOp entry,
                                                     const std::map<HeadKey, Attribute> &chosen) {
    std::map<HeadKey, Attribute> table;
    Attribute full = FullPolicyAttr::get(&getContext());
    Attribute streaming = StreamingPolicyAttr::get(&getContext(), sinks, window);
    WalkResult result = entry.walk([&](AttentionOp op) {
      auto layer = op->getParentOfType<LayerOp>();
      if (!layer) {
        op.emitOpError("is outside a tfm.layer: tfm-set-kv-policies names heads by layer");
        return WalkResult::interrupt();
      }
      for (int64_t h = 0; h < op.getNumKvHeads(); ++h) {
        HeadKey key{layer.getIndex(), h};
        Attribute policy = op.getPolicy(h);
        if (defaultPolicy == "full")
          policy = full;
        else if (defaultPolicy == "streaming")
          policy = streaming;
        if (auto it = chosen.find(key); it != chosen.end())
          policy = it->second;
        table[key] = policy;
      }
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return failure();
    for (auto &[key, policy] : chosen)
      if (!table.count(key)) {
        entry.emitError("tfm-set-kv-policies: kv-head ")
            << key.first << "." << key.second << " does not exist in @" << entry.getSymName();
        return failure();
      }
    return table;
  }

  LogicalResult rewriteEntry(func::FuncOp entry, const std::map<HeadKey, Attribute> &chosen) {
    FailureOr<std::map<HeadKey, Attribute>> table = policiesOf(entry, chosen);
    if (failed(table))
      return failure();
    // The old caches: every KV-cache argument (they follow ids and position).
    SmallVector<BlockArgument> oldCaches;
    for (BlockArgument arg : entry.getArguments())
      if (isa<KVCacheType>(arg.getType()))
        oldCaches.push_back(arg);
    if (oldCaches.empty())
      return entry.emitError("tfm-set-kv-policies: @") << entry.getSymName() << " has no KV cache";
    auto like = cast<KVCacheType>(oldCaches.front().getType());

    // Groups: full first, then each streaming policy in order of first use.
    SmallVector<Attribute> groups;
    for (auto &[key, policy] : *table)
      if (isa<FullPolicyAttr>(policy) && !llvm::is_contained(groups, policy))
        groups.insert(groups.begin(), policy);
    for (auto &[key, policy] : *table)
      if (isa<StreamingPolicyAttr>(policy) && !llvm::is_contained(groups, policy))
        groups.push_back(policy);
    std::map<HeadKey, std::pair<int64_t, int64_t>> placement; ///< buffer, entry
    SmallVector<int64_t> entries(groups.size(), 0);
    for (auto &[key, policy] : *table) { // (layer, kv-head) order
      if (isa<PrunedPolicyAttr>(policy)) {
        placement[key] = {-1, -1};
        continue;
      }
      int64_t group = llvm::find(groups, policy) - groups.begin();
      placement[key] = {group, entries[group]++};
    }

    // New cache arguments replace the old ones, at the position of the first.
    unsigned first = oldCaches.front().getArgNumber();
    SmallVector<Value> newCaches;
    for (auto [group, policy] : llvm::enumerate(groups)) {
      auto head = cast<HeadPolicyAttrInterface>(policy);
      auto type = KVCacheType::get(&getContext(), entries[group], head.getSlotCapacity(),
                                   like.getHeadDim(), like.getElementType());
      if (failed(entry.insertArgument(first + group, type, {}, entry.getLoc())))
        return failure();
      newCaches.push_back(entry.getArgument(first + group));
    }
    entry.walk([&](AttentionOp op) {
      int64_t layer = op->getParentOfType<LayerOp>().getIndex();
      // The op takes the groups its heads use; kv_buffer indexes that list.
      SmallVector<int64_t> used;
      for (int64_t h = 0; h < op.getNumKvHeads(); ++h)
        if (int64_t group = placement[{layer, h}].first; group >= 0 && !llvm::is_contained(used, group))
          used.push_back(group);
      llvm::sort(used);
      SmallVector<Value> caches;
      for (int64_t group : used)
        caches.push_back(newCaches[group]);
      SmallVector<Attribute> policies;
      SmallVector<int64_t> buffers, slots;
      for (int64_t h = 0; h < op.getNumKvHeads(); ++h) {
        auto [group, slot] = placement[{layer, h}];
        policies.push_back(table->at({layer, h}));
        buffers.push_back(group < 0 ? -1 : llvm::find(used, group) - used.begin());
        slots.push_back(slot);
      }
      op.getCachesMutable().assign(caches);
      op.getEntryOffsetsMutable().clear();
      op.setPoliciesAttr(ArrayAttr::get(&getContext(), policies));
      op.setKvBufferAttr(DenseI64ArrayAttr::get(&getContext(), buffers));
      op.setKvEntryAttr(DenseI64ArrayAttr::get(&getContext(), slots));
    });
    BitVector erase(entry.getNumArguments());
    for (BlockArgument old : oldCaches) {
      if (!old.use_empty())
        return entry.emitError("tfm-set-kv-policies: a KV cache is used by something other "
                               "than tfm.attention");
      erase.set(old.getArgNumber());
    }
    return entry.eraseArguments(erase);
  }
};

} // namespace
