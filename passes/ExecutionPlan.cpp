//===- ExecutionPlan.cpp - the package's execution plan of a module -------===//
//
// Activations are [1, tokens, features] tensors, so every workspace size and
// offset is a multiple of the call's token count: the layout is computed in
// bytes per token and written as linear forms {"per_token": a, "fixed": 0}.
// A first-fit allocator reuses a slot once its value's last reader has run.
//
// The steps after the last attention are row-wise (row i of each output
// depends only on row i of the inputs): "row_wise_from" marks where they
// start and each of their workspace bindings carries its "row_bytes", so the
// runtime can compute only the last token's logits of a prefill chunk.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Passes/ExecutionPlan.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"

#include <map>

using namespace mlir;
using namespace sinkc::tfm;

namespace {

llvm::json::Object perToken(int64_t bytes) {
  return llvm::json::Object{{"per_token", bytes}, {"fixed", 0}};
}

llvm::Error failAt(Operation *op, const llvm::Twine &what) {
  std::string loc;
  llvm::raw_string_ostream os(loc);
  op->getLoc().print(os);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 loc + ": execution plan: " + what);
}

/// Bytes per token of an activation [1, tokens, features] (f32 or i32 ids).
std::optional<int64_t> bytesPerToken(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getEncoding() || tensor.getRank() < 2 || tensor.getDimSize(0) != 1)
    return std::nullopt;
  int64_t count = 1;
  for (int64_t d : tensor.getShape().drop_front(2)) {
    if (ShapedType::isDynamic(d))
      return std::nullopt;
    count *= d;
  }
  unsigned bits = tensor.getElementType().getIntOrFloatBitWidth();
  return count * ((bits + 7) / 8);
}

/// First-fit allocation in bytes-per-token units, 64-byte aligned per token.
class WorkspaceAllocator {
public:
  int64_t allocate(int64_t size) {
    size = (size + 63) / 64 * 64;
    int64_t offset = 0;
    for (auto [start, length] : used) {
      if (start - offset >= size)
        break;
      offset = std::max(offset, start + length);
    }
    used[offset] = size;
    high = std::max(high, offset + size);
    return offset;
  }
  void release(int64_t offset) { used.erase(offset); }
  int64_t highWater() const { return high; }

private:
  std::map<int64_t, int64_t> used; ///< offset -> size
  int64_t high = 0;
};

class EntryPlanner {
public:
  EntryPlanner(func::FuncOp entry, SymbolTableCollection &symbols,
               const sinkc::PlanOptions &options)
      : entry(entry), symbols(symbols), options(options) {}

  llvm::Expected<llvm::json::Object> build(int64_t maxTokens) {
    this->maxTokens = maxTokens;
    collectCalls(entry.getBody());
    computeLastUses();
    // Inputs: the token ids, one i32 per token.
    Value ids = entry.getArgument(0);
    slotOf[ids] = workspace.allocate(4);
    llvm::json::Array steps;
    // Taps read every row of hidden states, so with taps every step runs.
    size_t rowWiseFrom = options.taps ? calls.size() : firstOfRowWiseSuffix();
    for (auto [index, call] : llvm::enumerate(calls)) {
      llvm::Expected<llvm::json::Object> step = planCall(call, index >= rowWiseFrom);
      if (!step)
        return step.takeError();
      steps.push_back(std::move(*step));
      releaseDead(index);
    }
    auto ret = cast<func::ReturnOp>(entry.getBody().front().getTerminator());
    Value logits = resolve(ret.getOperand(0));
    for (auto &[layer, value] : layerOutputs)
      taps.push_back(llvm::json::Object{
          {"name", "blk." + std::to_string(layer)},
          {"offset", perToken(slotOf[value])},
          {"per_token_bytes", *bytesPerToken(value.getType())}});
    if (!slotOf.count(logits))
      return failAt(ret, "the logits are not computed by a dispatch");
    int64_t vocab = cast<RankedTensorType>(logits.getType()).getDimSize(2);
    return llvm::json::Object{
        {"entry", entry.getSymName()},
        {"max_tokens", maxTokens},
        {"workspace_bytes", perToken(workspace.highWater())},
        {"scratch_bytes", scratchBytes},
        {"inputs", llvm::json::Object{{"tokens", llvm::json::Object{
                                                     {"offset", perToken(slotOf[ids])}}}}},
        {"outputs",
         llvm::json::Object{{"logits", llvm::json::Object{{"offset", perToken(slotOf[logits])},
                                                          {"per_token_bytes", 4 * vocab}}}}},
        {"steps", std::move(steps)},
        {"row_wise_from", int64_t(rowWiseFrom)},
        {"taps", std::move(taps)},
    };
  }

private:
  /// Dispatch calls in execution order, through tfm.layer bodies.
  void collectCalls(Region &region) {
    for (Operation &op : region.front()) {
      if (auto call = dyn_cast<func::CallOp>(&op))
        calls.push_back(call);
      else if (auto layer = dyn_cast<LayerOp>(&op)) {
        // The layer's argument and result are the values it wraps.
        alias[layer.getBody().getArgument(0)] = layer.getInput();
        Value output = cast<YieldOp>(layer.getBody().front().getTerminator()).getValue();
        alias[layer.getResult()] = output;
        collectCalls(layer.getBody());
        if (options.taps)
          layerOutputs.push_back({layer.getIndex(), resolve(output)});
      }
    }
  }

  /// Whether row i of every result of `call` depends only on row i of its
  /// activation operands: no attention (the only op mixing tokens), no KV
  /// cache, no position.
  bool isRowWise(func::CallOp call) {
    auto callee = symbols.lookupNearestSymbolFrom<func::FuncOp>(call, call.getCalleeAttr());
    if (!callee)
      return false;
    bool mixesTokens = false;
    callee.walk([&](AttentionOp) { mixesTokens = true; });
    for (Value raw : call.getOperands()) {
      Value v = resolve(raw);
      if (isa<IndexType>(v.getType()))
        mixesTokens |= !v.getDefiningOp<arith::ConstantIndexOp>();
      else if (!v.getDefiningOp<WeightRefOp>())
        mixesTokens |= isa<KVCacheType>(v.getType()) || !bytesPerToken(v.getType());
    }
    for (Value result : call.getResults())
      mixesTokens |= !bytesPerToken(result.getType());
    return !mixesTokens;
  }

  /// Index of the first call of the longest row-wise suffix (calls.size()
  /// when the last call is not row-wise).
  size_t firstOfRowWiseSuffix() {
    size_t first = calls.size();
    while (first > 0 && isRowWise(calls[first - 1]))
      --first;
    return first;
  }

  Value resolve(Value v) {
    while (alias.count(v))
      v = alias[v];
    return v;
  }

  void computeLastUses() {
    for (auto [index, call] : llvm::enumerate(calls))
      for (Value operand : call.getOperands())
        lastUse[resolve(operand)] = index;
    auto ret = cast<func::ReturnOp>(entry.getBody().front().getTerminator());
    lastUse[resolve(ret.getOperand(0))] = calls.size(); // logits live to the end
    for (auto &[layer, value] : layerOutputs) // taps too
      lastUse[value] = calls.size();
  }

  void releaseDead(size_t index) {
    for (auto it = lastUse.begin(); it != lastUse.end(); ++it)
      if (it->second == index && slotOf.count(it->first) && it->first != entry.getArgument(0))
        workspace.release(slotOf[it->first]);
  }

  /// A workspace binding at `slot`; with `rowBytes` (steps of the row-wise
  /// suffix) also the bytes of one token's row of `value`.
  llvm::json::Object workspaceBinding(int64_t slot, Value value, bool rowBytes) {
    llvm::json::Object binding{{"workspace", perToken(slot)}};
    if (rowBytes)
      binding["row_bytes"] = *bytesPerToken(value.getType());
    return binding;
  }

  llvm::Expected<llvm::json::Object> planCall(func::CallOp call, bool rowWise) {
    auto callee = symbols.lookupNearestSymbolFrom<func::FuncOp>(call, call.getCalleeAttr());
    if (!callee || !callee->hasAttr(TfmDialect::kDispatchAttrName))
      return failAt(call, "calls " + call.getCallee() + ", which is not a dispatch function");
    auto scratch = options.scratchBytes.find(call.getCallee());
    if (scratch != options.scratchBytes.end())
      scratchBytes = std::max(scratchBytes,
                              scratch->second.first * maxTokens + scratch->second.second);
    llvm::json::Array bindings, scalars;
    scalars.push_back("tokens");
    bool needsContext = false;
    for (Value raw : call.getOperands()) {
      Value v = resolve(raw);
      if (isa<IndexType>(v.getType())) {
        if (v == entry.getArgument(1))
          scalars.push_back("position");
        else if (auto constant = v.getDefiningOp<arith::ConstantIndexOp>())
          scalars.push_back(constant.value());
        else
          return failAt(call, "an index operand that is neither the position nor a constant");
        continue;
      }
      if (auto cache = dyn_cast<KVCacheType>(v.getType())) {
        needsContext |= cache.hasDynamicSlots();
        auto arg = dyn_cast<BlockArgument>(v);
        if (!arg || arg.getOwner()->getParentOp() != entry || arg.getArgNumber() < 2)
          return failAt(call, "a KV cache that is not an entry-point argument");
        bindings.push_back(llvm::json::Object{{"kv", int64_t(arg.getArgNumber() - 2)}});
        continue;
      }
      if (auto ref = v.getDefiningOp<WeightRefOp>()) {
        auto weight = symbols.lookupNearestSymbolFrom<WeightOp>(ref, ref.getWeightAttr());
        if (weight.getTransforms() && !weight.getTransforms()->empty())
          return failAt(ref, "weight @" + weight.getSymName() +
                                 " has transforms, which the packager does not apply yet");
        bindings.push_back(llvm::json::Object{{"tensor", weight.getSource().getTensor()}});
        continue;
      }
      if (!slotOf.count(v))
        return failAt(call, "an operand that no earlier dispatch computed");
      bindings.push_back(workspaceBinding(slotOf[v], v, rowWise));
    }
    // The slot count of full-attention caches follows the index arguments
    // (the dispatch ABI, lowering/CpuDispatch/DispatchAbi.cpp).
    if (needsContext)
      scalars.push_back("context");
    for (Value result : call.getResults()) {
      std::optional<int64_t> size = bytesPerToken(result.getType());
      if (!size)
        return failAt(call, "a result that is not a [1, tokens, features] activation");
      slotOf[result] = workspace.allocate(*size);
      bindings.push_back(workspaceBinding(slotOf[result], result, rowWise));
    }
    // Taps: an attention dispatch's extra last output, never reused.
    if (options.taps && callee.getBody().getOps<AttentionOp>().begin() !=
                            callee.getBody().getOps<AttentionOp>().end()) {
      AttentionOp attention = *callee.getBody().getOps<AttentionOp>().begin();
      int64_t bytes = 4 * attention.getNumHeads();
      int64_t slot = workspace.allocate(bytes);
      bindings.push_back(llvm::json::Object{{"workspace", perToken(slot)}});
      auto layer = call->getParentOfType<LayerOp>();
      std::string name = layer ? "blk." + std::to_string(layer.getIndex()) + ".sink_mass"
                               : call.getCallee().str() + ".sink_mass";
      taps.push_back(llvm::json::Object{{"name", name},
                                        {"offset", perToken(slot)},
                                        {"per_token_bytes", bytes},
                                        {"mass_positions", options.massPositions}});
    }
    int64_t workgroups = 1;
    if (auto count = callee->getAttrOfType<IntegerAttr>(TfmDialect::kWorkgroupsAttrName))
      workgroups = count.getInt();
    return llvm::json::Object{{"kernel", call.getCallee()},
                              {"workgroups", workgroups},
                              {"bindings", std::move(bindings)},
                              {"scalars", std::move(scalars)}};
  }

  func::FuncOp entry;
  SymbolTableCollection &symbols;
  const sinkc::PlanOptions &options;
  int64_t maxTokens = 1;
  int64_t scratchBytes = 0;
  SmallVector<std::pair<int64_t, Value>> layerOutputs; ///< taps: layer index, output
  llvm::json::Array taps;
  SmallVector<func::CallOp> calls;
  llvm::DenseMap<Value, Value> alias;
  llvm::DenseMap<Value, size_t> lastUse;
  llvm::DenseMap<Value, int64_t> slotOf;
  WorkspaceAllocator workspace;
};

} // namespace

llvm::Expected<llvm::json::Array> sinkc::buildExecutionPlan(ModuleOp module,
                                                            const PlanOptions &options) {
  SymbolTableCollection symbols;
  llvm::json::Array plan;
  for (auto [name, maxTokens] : {std::pair{"prefill", options.prefillChunk},
                                 std::pair{"decode", int64_t(1)}}) {
    auto entry = module.lookupSymbol<func::FuncOp>(name);
    if (!entry || entry.isExternal())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "execution plan: the module has no body for @%s", name);
    llvm::Expected<llvm::json::Object> planned = EntryPlanner(entry, symbols, options).build(maxTokens);
    if (!planned)
      return planned.takeError();
    plan.push_back(std::move(*planned));
  }
  return plan;
}
