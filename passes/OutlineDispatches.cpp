//===- OutlineDispatches.cpp - the --tfm-outline-dispatches pass ----------===//
//
// Each tfm.dispatch body becomes a private func.func called in its place;
// bodies that print the same (generic form, no locations) share a function.
// Attention entries are made relative first, because they are the only
// thing that differs between the layers of a model.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Passes/Passes.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMOUTLINEDISPATCHESPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;
using namespace sinkc::tfm;

namespace {

/// Rewrites the absolute kv_entry of each attention in `dispatch` as entries
/// relative to a per-cache base that the dispatch receives as a new input.
void relativizeCacheEntries(DispatchOp dispatch) {
  Block &body = dispatch.getBody().front();
  body.walk([&](AttentionOp attention) {
    // Calibration statistics describe a layer, not the code: keep them from
    // making otherwise equal layers differ.
    attention.removeStatsAttr();
    std::optional<ArrayRef<int64_t>> buffers = attention.getKvBuffer();
    std::optional<ArrayRef<int64_t>> entries = attention.getKvEntry();
    if (!buffers || !entries || !attention.getEntryOffsets().empty())
      return;
    size_t caches = attention.getCaches().size();
    SmallVector<int64_t> base(caches, std::numeric_limits<int64_t>::max());
    for (auto [buffer, entry] : llvm::zip(*buffers, *entries))
      if (buffer >= 0)
        base[buffer] = std::min(base[buffer], entry);
    SmallVector<int64_t> relative;
    for (auto [buffer, entry] : llvm::zip(*buffers, *entries))
      relative.push_back(buffer >= 0 ? entry - base[buffer] : entry);

    OpBuilder outside(dispatch);
    SmallVector<Value> offsets;
    for (int64_t b : base) {
      Value constant = arith::ConstantIndexOp::create(outside, dispatch.getLoc(),
                                                      b == std::numeric_limits<int64_t>::max() ? 0 : b);
      dispatch.getInputsMutable().append(constant);
      offsets.push_back(body.addArgument(constant.getType(), dispatch.getLoc()));
    }
    attention.getEntryOffsetsMutable().assign(offsets);
    attention.setKvEntry(relative);
  });
}

/// The body as text without locations: equal texts mean equal functions.
std::string bodyKey(DispatchOp dispatch) {
  std::string key = dispatch.getGroup().str() + "\n";
  llvm::raw_string_ostream os(key);
  OpPrintingFlags flags;
  flags.printGenericOpForm().useLocalScope();
  for (Operation &op : dispatch.getBody().front())
    op.print(os, flags);
  for (Type t : dispatch.getBody().front().getArgumentTypes())
    os << t << ";";
  return key;
}

std::string functionName(StringRef group, unsigned index) {
  std::string name = "dispatch_" + std::to_string(index) + "_";
  for (char c : group)
    name += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

struct TfmOutlineDispatchesPass
    : sinkc::impl::TfmOutlineDispatchesPassBase<TfmOutlineDispatchesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<DispatchOp> dispatches;
    module.walk([&](DispatchOp d) { dispatches.push_back(d); });
    llvm::StringMap<func::FuncOp> byKey;
    unsigned counter = 0;
    OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
    for (DispatchOp dispatch : dispatches) {
      relativizeCacheEntries(dispatch);
      std::string key = bodyKey(dispatch);
      func::FuncOp &callee = byKey[key];
      if (!callee) {
        auto type = FunctionType::get(&getContext(),
                                      dispatch.getBody().front().getArgumentTypes(),
                                      dispatch.getResultTypes());
        callee = func::FuncOp::create(moduleBuilder, dispatch.getLoc(),
                                      functionName(dispatch.getGroup(), counter++), type);
        callee.setPrivate();
        callee->setAttr(TfmDialect::kDispatchAttrName, dispatch.getGroupAttr());
        callee.getBody().takeBody(dispatch.getBody());
        Block &body = callee.getBody().front();
        auto ret = cast<DispatchReturnOp>(body.getTerminator());
        OpBuilder b(ret);
        func::ReturnOp::create(b, ret.getLoc(), ret.getValues());
        ret.erase();
      }
      OpBuilder b(dispatch);
      auto call = func::CallOp::create(b, dispatch.getLoc(), callee, dispatch.getInputs());
      dispatch.replaceAllUsesWith(call.getResults());
      dispatch.erase();
    }
  }
};

} // namespace
