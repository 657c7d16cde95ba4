//===- TfmOps.cpp - tfm operations and their verifiers --------------------===//
//
// Verifiers speak in the user's terms: heads, features, tokens, policies.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <cmath>

using namespace mlir;
using namespace sinkc::tfm;

#define GET_OP_CLASSES
#include "sinkc/Dialect/Tfm/TfmOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shape helpers
//===----------------------------------------------------------------------===//

static std::string dimString(int64_t d) {
  return ShapedType::isDynamic(d) ? "?" : std::to_string(d);
}

/// Two sizes agree when equal or when either is dynamic.
static bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Activations are batch x tokens x features, batch 1, float elements.
static LogicalResult verifyActivation(Operation *op, Value value, StringRef name) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != 3)
    return op->emitOpError() << "expects " << name
                             << " as batch x tokens x features (rank 3), got "
                             << type;
  if (type.getDimSize(0) != 1)
    return op->emitOpError() << "expects batch size 1 for " << name << ", got "
                             << dimString(type.getDimSize(0));
  if (!isa<FloatType>(type.getElementType()))
    return op->emitOpError() << "expects " << name << " with float elements, got "
                             << type;
  if (type.getEncoding())
    return op->emitOpError() << "expects " << name
                             << " without an encoding (activations are not "
                                "stored quantized), got "
                             << type;
  return success();
}

/// A weight matrix: rank 2, static shape.
static LogicalResult verifyMatrix(Operation *op, Value value, StringRef name) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != 2 || !type.hasStaticShape())
    return op->emitOpError() << "expects " << name
                             << " as a static rows x columns matrix, got " << type;
  return success();
}

/// A per-feature vector of `size` values (norm weights, biases).
static LogicalResult verifyVector(Operation *op, Value value, StringRef name,
                                  int64_t size) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != 1 || type.getDimSize(0) != size)
    return op->emitOpError() << "expects " << name << " of " << dimString(size)
                             << " values (one per feature), got " << type;
  if (type.getEncoding())
    return op->emitOpError() << "expects " << name << " unquantized, got " << type;
  return success();
}

/// Operands of a matmul against a weight: |input| (1 x tokens x K) times
/// |weight| (N x K) transposed. `what` names the weight in messages ("weight",
/// "router"), `features` the input's K ("input features", "the hidden size").
static LogicalResult verifyMatmulOperands(Operation *op, Value input, Value weight,
                                          StringRef what, StringRef features) {
  if (failed(verifyActivation(op, input, "the input")) ||
      failed(verifyMatrix(op, weight, ("the " + what).str())))
    return failure();
  auto in = cast<RankedTensorType>(input.getType());
  auto w = cast<RankedTensorType>(weight.getType());
  if (w.getDimSize(1) != in.getDimSize(2))
    return op->emitOpError() << "expects " << what << " columns (" << w.getDimSize(1)
                             << ") to match " << features << " ("
                             << dimString(in.getDimSize(2)) << ")";
  return success();
}

/// `result` must be batch x tokens(input) x `features` with `element`.
static LogicalResult verifyResultShape(Operation *op, RankedTensorType input,
                                       RankedTensorType result, int64_t features,
                                       Type element) {
  if (result.getRank() != 3 || result.getDimSize(0) != input.getDimSize(0) ||
      !compatible(result.getDimSize(1), input.getDimSize(1)) ||
      result.getDimSize(2) != features || result.getElementType() != element ||
      result.getEncoding())
  {
    std::string expected;
    llvm::raw_string_ostream os(expected);
    os << "1x" << dimString(input.getDimSize(1)) << "x" << dimString(features) << "x"
       << element;
    return op->emitOpError() << "expects result " << expected << ", got " << result;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Weights
//===----------------------------------------------------------------------===//

/// Applies the transform list of `op` to its source type. `appendedTypes`
/// gives, for each `concat` in order, the types of the weights it appends.
static FailureOr<RankedTensorType>
inferWeightType(WeightOp op, ArrayRef<SmallVector<RankedTensorType>> appendedTypes) {
  RankedTensorType type = op.getSource().getType();
  if (!op.getTransforms())
    return type;
  size_t concatIndex = 0;
  ArrayAttr transforms = *op.getTransforms(); // keep alive across the loop
  for (auto [i, attr] : llvm::enumerate(transforms)) {
    auto transform = dyn_cast<WeightTransformAttrInterface>(attr);
    if (!transform)
      return op.emitOpError() << "transform " << i << " (" << attr
                              << ") is not a weight transform";
    ArrayRef<RankedTensorType> appended;
    if (isa<ConcatAttr>(attr))
      appended = appendedTypes[concatIndex++];
    auto emitError = [&]() {
      return op.emitOpError() << "transform " << i << ": ";
    };
    FailureOr<RankedTensorType> next = transform.inferResultType(type, appended, emitError);
    if (failed(next))
      return failure();
    type = *next;
  }
  return type;
}

static bool hasConcat(WeightOp op) {
  return op.getTransforms() &&
         llvm::any_of(*op.getTransforms(), llvm::IsaPred<ConcatAttr>);
}

static LogicalResult checkDeclaredType(WeightOp op, RankedTensorType inferred) {
  if (inferred != op.getTensorType())
    return op.emitOpError() << "declares type " << op.getType()
                            << " but its source and transforms give " << inferred;
  return success();
}

LogicalResult WeightOp::verify() {
  if (hasConcat(*this))
    return success(); // Needs the appended weights: see verifySymbolUses.
  FailureOr<RankedTensorType> inferred = inferWeightType(*this, {});
  if (failed(inferred))
    return failure();
  return checkDeclaredType(*this, *inferred);
}

LogicalResult WeightOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  if (!hasConcat(*this))
    return success();
  SmallVector<SmallVector<RankedTensorType>> appendedTypes;
  ArrayAttr transforms = *getTransforms(); // keep alive across the loop
  for (Attribute attr : transforms) {
    auto concat = dyn_cast<ConcatAttr>(attr);
    if (!concat)
      continue;
    SmallVector<RankedTensorType> &types = appendedTypes.emplace_back();
    for (Attribute ref : concat.getWeights()) {
      auto name = cast<FlatSymbolRefAttr>(ref);
      if (name.getValue() == getSymName())
        return emitOpError() << "concat appends the weight to itself";
      auto other = symbolTable.lookupNearestSymbolFrom<WeightOp>(*this, name);
      if (!other)
        return emitOpError() << "concat appends " << name
                             << ", which is not a tfm.weight";
      types.push_back(other.getTensorType());
    }
  }
  FailureOr<RankedTensorType> inferred = inferWeightType(*this, appendedTypes);
  if (failed(inferred))
    return failure();
  return checkDeclaredType(*this, *inferred);
}

LogicalResult WeightRefOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto weight = symbolTable.lookupNearestSymbolFrom<WeightOp>(*this, getWeightAttr());
  if (!weight)
    return emitOpError() << "refers to " << getWeightAttr()
                         << ", which is not a tfm.weight";
  if (weight.getType() != getType())
    return emitOpError() << "result type " << getType() << " differs from "
                         << getWeightAttr() << "'s type " << weight.getType();
  return success();
}

//===----------------------------------------------------------------------===//
// Embedding, linear, norms, rope, lm_head
//===----------------------------------------------------------------------===//

LogicalResult EmbeddingOp::verify() {
  if (failed(verifyMatrix(*this, getTable(), "the table")))
    return failure();
  auto tokens = cast<RankedTensorType>(getTokens().getType());
  if (tokens.getRank() != 2 || tokens.getDimSize(0) != 1 ||
      !tokens.getElementType().isInteger(32))
    return emitOpError() << "expects token ids as a 1 x tokens tensor of i32, got "
                         << tokens;
  auto table = cast<RankedTensorType>(getTable().getType());
  auto result = cast<RankedTensorType>(getResult().getType());
  // Rows are dequantized or widened: f16/bf16 tables may produce f32 rows.
  Type element = result.getElementType();
  if (element != table.getElementType() && !element.isF32())
    element = table.getElementType();
  RankedTensorType asActivation =
      RankedTensorType::get({1, tokens.getDimSize(1), 1}, element);
  return verifyResultShape(*this, asActivation, result, table.getDimSize(1), element);
}

LogicalResult LinearOp::verify() {
  if (failed(verifyMatmulOperands(*this, getInput(), getWeight(), "weight",
                                  "input features")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto weight = cast<RankedTensorType>(getWeight().getType());
  if (getBias() && failed(verifyVector(*this, getBias(), "the bias",
                                       weight.getDimSize(0))))
    return failure();
  return verifyResultShape(*this, input,
                           cast<RankedTensorType>(getResult().getType()),
                           weight.getDimSize(0), input.getElementType());
}

static LogicalResult verifyNorm(Operation *op, Value input, Value weight,
                                Value bias, double epsilon) {
  if (failed(verifyActivation(op, input, "the input")))
    return failure();
  int64_t features = cast<RankedTensorType>(input.getType()).getDimSize(2);
  if (ShapedType::isDynamic(features))
    return op->emitOpError() << "expects a static number of features to normalize";
  if (failed(verifyVector(op, weight, "the weight", features)) ||
      (bias && failed(verifyVector(op, bias, "the bias", features))))
    return failure();
  if (!(epsilon > 0.0))
    return op->emitOpError() << "expects epsilon > 0, got " << epsilon;
  return success();
}

LogicalResult RMSNormOp::verify() {
  return verifyNorm(*this, getInput(), getWeight(), Value(),
                    getEpsilon().convertToDouble());
}

LogicalResult LayerNormOp::verify() {
  return verifyNorm(*this, getInput(), getWeight(), getBias(),
                    getEpsilon().convertToDouble());
}

LogicalResult RopeOp::verify() {
  if (failed(verifyActivation(*this, getInput(), "the input")))
    return failure();
  int64_t headDim = getHeadDim();
  if (headDim < 2 || headDim % 2 != 0)
    return emitOpError() << "expects an even head_dim >= 2 (RoPE rotates pairs), got "
                         << headDim;
  int64_t features = cast<RankedTensorType>(getInput().getType()).getDimSize(2);
  if (ShapedType::isDynamic(features) || features % headDim != 0)
    return emitOpError() << "expects input features (" << dimString(features)
                         << ") to be a multiple of head_dim (" << headDim << ")";
  if (!(getTheta().convertToDouble() > 0.0))
    return emitOpError() << "expects theta > 0, got " << getTheta().convertToDouble();
  if (Value factors = getFreqFactors()) {
    auto type = cast<RankedTensorType>(factors.getType());
    if (type.getRank() != 1 || type.getDimSize(0) != headDim / 2 ||
        !isa<FloatType>(type.getElementType()) || type.getEncoding())
      return emitOpError() << "expects freq_factors as " << headDim / 2
                           << " floats (one per rotated pair), got " << type;
    if (getScaling())
      return emitOpError() << "takes freq_factors or a scaling, not both";
  }
  return success();
}

LogicalResult LMHeadOp::verify() {
  if (failed(verifyMatmulOperands(*this, getInput(), getWeight(), "weight",
                                  "the hidden size")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto weight = cast<RankedTensorType>(getWeight().getType());
  if (getSoftcap() && !(getSoftcap()->convertToDouble() > 0.0))
    return emitOpError() << "expects softcap > 0, got "
                         << getSoftcap()->convertToDouble();
  return verifyResultShape(*this, input,
                           cast<RankedTensorType>(getResult().getType()),
                           weight.getDimSize(0),
                           Float32Type::get(getContext()));
}

//===----------------------------------------------------------------------===//
// Layer
//===----------------------------------------------------------------------===//

void LayerOp::build(OpBuilder &builder, OperationState &state, int64_t index,
                    Value input) {
  build(builder, state, input.getType(), builder.getI64IntegerAttr(index), input,
        LayerStatsAttr());
  Region *body = state.regions.front().get();
  body->push_back(new Block);
  body->front().addArgument(input.getType(), input.getLoc());
}

LogicalResult LayerOp::verify() {
  if (getIndex() < 0)
    return emitOpError() << "expects a layer index >= 0, got " << getIndex();
  if (failed(verifyActivation(*this, getInput(), "the residual stream")))
    return failure();
  Block &body = getBody().front();
  if (!body.mightHaveTerminator())
    return emitOpError() << "expects its body to end in tfm.yield";
  if (body.getNumArguments() != 1 || body.getArgument(0).getType() != getInput().getType())
    return emitOpError() << "expects its body to take the residual stream ("
                         << getInput().getType() << ") as its only argument";
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError() << "expects its body to end in tfm.yield";
  if (yield.getValue().getType() != getInput().getType())
    return emitOpError() << "yields " << yield.getValue().getType()
                         << " but the residual stream is " << getInput().getType();
  return success();
}

OpFoldResult LayerOp::fold(FoldAdaptor) {
  // A block that yields its own input is the identity.
  Block &body = getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());
  if (&body.front() == yield.getOperation() && yield.getValue() == body.getArgument(0))
    return getInput();
  return {};
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

void AttentionOp::build(OpBuilder &builder, OperationState &state, Value q, Value k,
                        Value v, Value position, int64_t numHeads,
                        int64_t numKvHeads, int64_t headDim, ValueRange caches,
                        ArrayRef<Attribute> policies, ArrayRef<int64_t> kvBuffer,
                        ArrayRef<int64_t> kvEntry) {
  build(builder, state, q.getType(), q, k, v, position, caches,
        /*entryOffsets=*/ValueRange(), /*gates=*/Value(),
        /*sinkLogits=*/Value(), builder.getI64IntegerAttr(numHeads),
        builder.getI64IntegerAttr(numKvHeads), builder.getI64IntegerAttr(headDim),
        builder.getF64FloatAttr(1.0 / std::sqrt(static_cast<double>(headDim))),
        /*causal=*/BoolAttr(), /*softcap=*/FloatAttr(),
        policies.empty() ? ArrayAttr() : builder.getArrayAttr(policies),
        kvBuffer.empty() ? DenseI64ArrayAttr() : builder.getDenseI64ArrayAttr(kvBuffer),
        kvEntry.empty() ? DenseI64ArrayAttr() : builder.getDenseI64ArrayAttr(kvEntry),
        /*stats=*/HeadStatsAttr());
}

HeadPolicyAttrInterface AttentionOp::getPolicy(int64_t kvHead) {
  if (std::optional<ArrayAttr> policies = getPolicies())
    return cast<HeadPolicyAttrInterface>((*policies)[kvHead]);
  return FullPolicyAttr::get(getContext());
}

/// The model's maximum context, when the enclosing module declares one.
static std::optional<int64_t> modelContextLength(Operation *op) {
  for (auto module = op->getParentOfType<ModuleOp>(); module;
       module = module->getParentOfType<ModuleOp>())
    if (auto model = module->getAttrOfType<ModelAttr>(TfmDialect::kModelAttrName))
      return model.getContextLength();
  return std::nullopt;
}

static LogicalResult verifyHeadShapes(AttentionOp op) {
  int64_t heads = op.getNumHeads(), kvHeads = op.getNumKvHeads(),
          headDim = op.getHeadDim();
  if (heads < 1 || kvHeads < 1 || headDim < 1)
    return op.emitOpError() << "expects num_heads, num_kv_heads and head_dim >= 1";
  // Huge sizes must not wrap around into products that happen to match.
  std::optional<int64_t> qFeatures = llvm::checkedMul(heads, headDim);
  std::optional<int64_t> kvFeatures = llvm::checkedMul(kvHeads, headDim);
  if (!qFeatures || !kvFeatures)
    return op.emitOpError() << "head counts times head_dim overflow 64 bits";
  if (heads % kvHeads != 0)
    return op.emitOpError() << "expects num_heads (" << heads
                            << ") to be a multiple of num_kv_heads (" << kvHeads
                            << ")";
  for (Value v : {op.getQ(), op.getK(), op.getV()})
    if (failed(verifyActivation(op, v, "q, k and v")))
      return failure();
  auto q = cast<RankedTensorType>(op.getQ().getType());
  auto k = cast<RankedTensorType>(op.getK().getType());
  auto v = cast<RankedTensorType>(op.getV().getType());
  if (q.getElementType() != k.getElementType() ||
      q.getElementType() != v.getElementType())
    return op.emitOpError() << "expects q, k and v of one element type, got "
                            << q.getElementType() << ", " << k.getElementType()
                            << " and " << v.getElementType();
  if (q.getDimSize(2) != *qFeatures)
    return op.emitOpError() << "expects q features (" << dimString(q.getDimSize(2))
                            << ") = num_heads x head_dim (" << heads << " x "
                            << headDim << ")";
  for (auto [name, t] : {std::pair{"k", k}, std::pair{"v", v}})
    if (t.getDimSize(2) != *kvFeatures)
      return op.emitOpError() << "expects " << name << " features ("
                              << dimString(t.getDimSize(2))
                              << ") = num_kv_heads x head_dim (" << kvHeads
                              << " x " << headDim << ")";
  if (!compatible(q.getDimSize(1), k.getDimSize(1)) ||
      !compatible(k.getDimSize(1), v.getDimSize(1)))
    return op.emitOpError() << "expects q, k and v for the same tokens, got "
                            << dimString(q.getDimSize(1)) << ", "
                            << dimString(k.getDimSize(1)) << " and "
                            << dimString(v.getDimSize(1));
  if (op.getResult().getType() != q)
    return op.emitOpError() << "expects a result of q's type " << q << ", got "
                            << op.getResult().getType();
  if (!(op.getScale().convertToDouble() > 0.0))
    return op.emitOpError() << "expects scale > 0, got "
                            << op.getScale().convertToDouble();
  if (op.getSoftcap() && !(op.getSoftcap()->convertToDouble() > 0.0))
    return op.emitOpError() << "expects softcap > 0, got "
                            << op.getSoftcap()->convertToDouble();
  return success();
}

static LogicalResult verifyPoliciesAndExtras(AttentionOp op) {
  int64_t heads = op.getNumHeads(), kvHeads = op.getNumKvHeads();
  if (std::optional<ArrayAttr> policies = op.getPolicies()) {
    if (static_cast<int64_t>(policies->size()) != kvHeads)
      return op.emitOpError() << "expects one policy per kv-head (" << kvHeads
                              << "), got " << policies->size();
    for (auto [h, p] : llvm::enumerate(*policies))
      if (!isa<HeadPolicyAttrInterface>(p))
        return op.emitOpError() << "policy of kv-head " << h << " (" << p
                                << ") is not #tfm.full, #tfm.streaming or #tfm.pruned";
  }
  auto q = cast<RankedTensorType>(op.getQ().getType());
  if (Value gates = op.getGates()) {
    auto type = cast<RankedTensorType>(gates.getType());
    if (type.getRank() != 3 || type.getDimSize(0) != 1 ||
        !compatible(type.getDimSize(1), q.getDimSize(1)) ||
        type.getDimSize(2) != heads || !isa<FloatType>(type.getElementType()))
      return op.emitOpError() << "expects gates 1x" << dimString(q.getDimSize(1))
                              << "x" << heads << " (one per token and head), got "
                              << type;
  }
  if (Value sinks = op.getSinkLogits()) {
    auto type = cast<RankedTensorType>(sinks.getType());
    if (type.getRank() != 1 || type.getDimSize(0) != heads ||
        !isa<FloatType>(type.getElementType()) || type.getEncoding())
      return op.emitOpError() << "expects sink_logits as a tensor of " << heads
                              << " floats (one logit per head), got " << type;
  }
  if (std::optional<HeadStatsAttr> stats = op.getStats())
    if (stats->getNumHeads() != heads)
      return op.emitOpError() << "has statistics for " << stats->getNumHeads()
                              << " heads but num_heads is " << heads;
  return success();
}

/// Each kv-head of the layer reads and appends cache operand kv_buffer[h] at
/// entry kv_entry[h]; pruned heads have none.
static LogicalResult verifyCacheBinding(AttentionOp op) {
  OperandRange caches = op.getCaches();
  std::optional<ArrayRef<int64_t>> buffers = op.getKvBuffer();
  std::optional<ArrayRef<int64_t>> entries = op.getKvEntry();
  if (caches.empty()) {
    if (buffers || entries || !op.getEntryOffsets().empty())
      return op.emitOpError() << "has kv_buffer/kv_entry/entry_offsets but no caches";
    return success();
  }
  bool relative = !op.getEntryOffsets().empty();
  if (relative && op.getEntryOffsets().size() != caches.size())
    return op.emitOpError() << "expects one entry offset per cache (" << caches.size()
                            << "), got " << op.getEntryOffsets().size();
  int64_t kvHeads = op.getNumKvHeads();
  if (!buffers || !entries)
    return op.emitOpError() << "has caches but no kv_buffer/kv_entry saying "
                               "where each kv-head's keys go";
  if (static_cast<int64_t>(buffers->size()) != kvHeads ||
      static_cast<int64_t>(entries->size()) != kvHeads)
    return op.emitOpError() << "expects kv_buffer and kv_entry with one value per "
                               "kv-head ("
                            << kvHeads << ")";
  std::optional<int64_t> context = modelContextLength(op);
  SmallVector<HeadPolicyAttrInterface> bufferPolicy(caches.size());
  llvm::DenseSet<std::pair<int64_t, int64_t>> used;
  for (int64_t h = 0; h < kvHeads; ++h) {
    HeadPolicyAttrInterface policy = op.getPolicy(h);
    int64_t buffer = (*buffers)[h], entry = (*entries)[h];
    if (isa<PrunedPolicyAttr>(policy)) {
      if (buffer != -1)
        return op.emitOpError() << "kv-head " << h
                                << " is pruned and must have kv_buffer -1, got "
                                << buffer;
      continue;
    }
    if (buffer < 0 || buffer >= static_cast<int64_t>(caches.size()))
      return op.emitOpError() << "kv-head " << h << " reads cache " << buffer
                              << " but the op has " << caches.size();
    auto cache = cast<KVCacheType>(caches[buffer].getType());
    // With offsets, entries are relative and only their sign is known here.
    if (entry < 0 || (!relative && entry >= cache.getEntries()))
      return op.emitOpError() << "kv-head " << h << " uses entry " << entry
                              << " of a cache with " << cache.getEntries()
                              << " entries";
    if (!used.insert({buffer, entry}).second)
      return op.emitOpError() << "kv-heads share cache " << buffer << " entry "
                              << entry;
    if (cache.getHeadDim() != op.getHeadDim())
      return op.emitOpError() << "cache " << buffer << " holds head_dim "
                              << cache.getHeadDim() << " but the op's is "
                              << op.getHeadDim();
    if (bufferPolicy[buffer] && bufferPolicy[buffer] != policy)
      return op.emitOpError() << "kv-heads with policies " << bufferPolicy[buffer]
                              << " and " << policy << " share cache " << buffer
                              << " (one buffer per policy group)";
    bufferPolicy[buffer] = policy;
    int64_t capacity = policy.getSlotCapacity();
    if (ShapedType::isDynamic(capacity)) {
      if (!cache.hasDynamicSlots() && context && cache.getSlots() < *context)
        return op.emitOpError() << "kv-head " << h << " keeps every position but cache "
                                << buffer << " has " << cache.getSlots()
                                << " slots, fewer than the model context "
                                << *context;
    } else if (cache.getSlots() != capacity) {
      return op.emitOpError() << "kv-head " << h << " is " << policy
                              << " and needs a cache of " << capacity
                              << " slots, but cache " << buffer << " has "
                              << dimString(cache.getSlots());
    }
  }
  for (auto [i, policy] : llvm::enumerate(bufferPolicy))
    if (!policy)
      return op.emitOpError() << "cache " << i << " is not used by any kv-head";
  return success();
}

LogicalResult AttentionOp::verify() {
  if (failed(verifyHeadShapes(*this)) || failed(verifyPoliciesAndExtras(*this)))
    return failure();
  return verifyCacheBinding(*this);
}

//===----------------------------------------------------------------------===//
// Routing
//===----------------------------------------------------------------------===//

LogicalResult RouteHeadsOp::verify() {
  if (failed(verifyMatmulOperands(*this, getInput(), getWeight(), "router",
                                  "the hidden size")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  int64_t heads = cast<RankedTensorType>(getWeight().getType()).getDimSize(0);
  if (std::optional<int64_t> k = getTopK())
    if (*k < 1 || *k > heads)
      return emitOpError() << "expects top_k in [1, " << heads << "], got " << *k;
  return verifyResultShape(*this, input, cast<RankedTensorType>(getResult().getType()),
                           heads, input.getElementType());
}

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

LogicalResult DispatchOp::verify() {
  if (getGroup().empty())
    return emitOpError() << "expects a group name";
  Block &body = getBody().front();
  if (!body.mightHaveTerminator())
    return emitOpError() << "expects its body to end in tfm.dispatch_return";
  if (body.getArgumentTypes() != getInputs().getTypes())
    return emitOpError() << "expects its body to take one argument per input, of the "
                            "inputs' types";
  auto ret = dyn_cast<DispatchReturnOp>(body.getTerminator());
  if (!ret)
    return emitOpError() << "expects its body to end in tfm.dispatch_return";
  if (ret.getValues().getTypes() != getResultTypes())
    return emitOpError() << "returns " << ret.getValues().size()
                         << " values whose types differ from its " << getNumResults()
                         << " results";
  return success();
}

//===----------------------------------------------------------------------===//
// WorkgroupIdOp
//===----------------------------------------------------------------------===//

LogicalResult WorkgroupIdOp::verify() {
  auto func = (*this)->getParentOfType<func::FuncOp>();
  if (!func || !func->hasAttr(TfmDialect::kWorkgroupsAttrName))
    return emitOpError("belongs in a dispatch function split into workgroups (one with '")
           << TfmDialect::kWorkgroupsAttrName << "')";
  return success();
}
