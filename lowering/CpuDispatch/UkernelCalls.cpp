//===- UkernelCalls.cpp - the --tfm-lower-to-ukernels pass ----------------===//
//
// The ops whose inner loops are the microkernels (matmuls on weights in their
// stored format, embedding rows, attention over the KV cache) become calls on
// buffers, inside otherwise tensor-valued dispatch functions:
//
//   %x' = bufferization.to_buffer %x read_only      (activation in)
//   %y' = memref.alloc(%tokens)                       (result buffer)
//   func.call @sinkc_uk_gemm_q4_1(ptr(%w), ..., ptr(%x'), ..., ptr(%y'), ...)
//   %y  = bufferization.to_tensor %y' restrict writable
//
// so that one-shot bufferization places everything else around them. Weights
// and caches become memref function arguments here, since they never exist
// as tensors at run time: the runtime binds the package's bytes and its KV
// buffers directly.
//
//===----------------------------------------------------------------------===//

#include "UkernelBuilder.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMLOWERTOUKERNELSPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;
using namespace sinkc::tfm;
using sinkc::lowering::UkernelBuilder;

namespace {

/// The microkernel format name of a weight tensor type and its bytes per row,
/// or an error message.
struct WeightFormat {
  std::string name; ///< "f32", "f16", "q8_0", "q4_1"
  int64_t rowBytes = 0;
  int64_t rows = 0, cols = 0;
};

/// Formats whose GEMM also comes as sinkc_uk_gemm_<fmt>_q8a (int8
/// activations, integer block dots): the GGUF ones and the group formats
/// with their layouts.
bool hasInt8ActivationKernels(StringRef format) {
  return llvm::is_contained({"q4_0", "q4_1", "q8_0", "i4g32s_f16", "i4g32a_f16", "i8g32s_f16"},
                            format);
}

FailureOr<WeightFormat> weightFormat(Operation *op, RankedTensorType type) {
  if (type.getRank() != 2)
    return op->emitOpError("weight of rank ") << type.getRank() << " has no microkernel";
  WeightFormat format;
  format.rows = type.getDimSize(0);
  format.cols = type.getDimSize(1);
  if (auto quant = dyn_cast_or_null<QuantEncodingAttrInterface>(type.getEncoding())) {
    format.name = quant.getFormatName();
    format.rowBytes = format.cols / quant.getBlockSize() * quant.getBlockBytes();
    static const char *const kQuantized[] = {"q4_0", "q4_1", "q5_0", "q5_1",
                                             "q8_0", "q4_k", "q6_k"};
    if (!isa<GroupQuantAttr>(quant) && !llvm::is_contained(kQuantized, format.name))
      return op->emitOpError("no CPU microkernel for ")
             << format.name << " weights yet (supported: f32, f16, bf16, q4_0, q4_1, q5_0, "
             << "q5_1, q8_0, q4_k, q6_k and the #tfm.group_quant formats)";
    return format;
  }
  if (type.getEncoding())
    return op->emitOpError("weight encoding ") << type.getEncoding() << " has no microkernel";
  Type element = type.getElementType();
  if (element.isF32())
    format.name = "f32";
  else if (element.isF16())
    format.name = "f16";
  else if (element.isBF16())
    format.name = "bf16";
  else
    return op->emitOpError("no CPU microkernel for ") << element << " weights yet";
  format.rowBytes = format.cols * element.getIntOrFloatBitWidth() / 8;
  return format;
}

int64_t tensorBytes(RankedTensorType type) {
  if (auto quant = dyn_cast_or_null<QuantEncodingAttrInterface>(type.getEncoding()))
    return type.getNumElements() / quant.getBlockSize() * quant.getBlockBytes();
  return type.getNumElements() * type.getElementType().getIntOrFloatBitWidth() / 8;
}

/// The memref a KV-cache argument becomes: [entries][2][slots][head_dim].
MemRefType cacheBufferType(KVCacheType cache) {
  return MemRefType::get({cache.getEntries(), 2, cache.getSlots(), cache.getHeadDim()},
                         cache.getElementType());
}

class DispatchLowering {
public:
  DispatchLowering(func::FuncOp func, UkernelBuilder &uk, bool taps, int64_t massPositions,
                   bool int8Activations)
      : func(func), uk(uk), taps(taps), massPositions(massPositions),
        int8Activations(int8Activations) {}

  LogicalResult run() {
    // What the kernels cannot do is refused before anything changes, so the
    // error shows the op as written.
    WalkResult supported = func.walk([](AttentionOp op) {
      if (op.getGates())
        return op.emitOpError("head gates are not supported by the CPU lowering yet"),
               WalkResult::interrupt();
      if (op.getCaches().empty())
        return op.emitOpError("attention without a KV cache is not supported by the CPU "
                              "lowering"),
               WalkResult::interrupt();
      if (!op.getCausal())
        return op.emitOpError("non-causal attention is not supported by the CPU lowering"),
               WalkResult::interrupt();
      return WalkResult::advance();
    });
    if (supported.wasInterrupted())
      return failure();
    if (failed(convertArguments()))
      return failure();
    SmallVector<Operation *> ops;
    func.walk([&](Operation *op) {
      if (isa<LinearOp, LMHeadOp, EmbeddingOp, AttentionOp>(op) ||
          (isa<RMSNormOp>(op) && isF32RMSNorm(cast<RMSNormOp>(op))))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      OpBuilder b(op);
      LogicalResult result = TypeSwitch<Operation *, LogicalResult>(op)
                                 .Case([&](LinearOp o) { return lowerLinear(b, o); })
                                 .Case([&](LMHeadOp o) { return lowerLMHead(b, o); })
                                 .Case([&](EmbeddingOp o) { return lowerEmbedding(b, o); })
                                 .Case([&](AttentionOp o) { return lowerAttention(b, o); })
                                 .Case([&](RMSNormOp o) { return lowerRMSNorm(b, o); });
      if (failed(result))
        return failure();
    }
    for (Operation *slice : deadSlices)
      slice->erase();
    SmallVector<Type> inputs(func.getBody().getArgumentTypes());
    auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
    if (!tapResults.empty())
      ret.getOperandsMutable().append(tapResults);
    func.setFunctionType(FunctionType::get(func.getContext(), inputs, ret.getOperandTypes()));
    return success();
  }

private:
  /// Weight arguments read by the microkernels become byte buffers (their
  /// tensor type is remembered for the ops) and KV caches memrefs.
  LogicalResult convertArguments() {
    for (BlockArgument arg : func.getArguments()) {
      if (auto cache = dyn_cast<KVCacheType>(arg.getType())) {
        arg.setType(cacheBufferType(cache));
        func.setArgAttr(arg.getArgNumber(), "sinkc.kv_cache", UnitAttr::get(func.getContext()));
        continue;
      }
      auto tensor = dyn_cast<RankedTensorType>(arg.getType());
      if (!tensor || !isMicrokernelWeight(arg))
        continue;
      for (OpOperand &use : arg.getUses())
        if (!isWeightOperand(use))
          return use.getOwner()->emitOpError("reads the weight argument #")
                 << arg.getArgNumber() << " of @" << func.getSymName()
                 << ", which the microkernel lowering passes as raw bytes";
      weightTypes[arg] = tensor;
      arg.setType(MemRefType::get({tensorBytes(tensor)}, IntegerType::get(func.getContext(), 8)));
    }
    return success();
  }

  /// Whether `use` is the weight of a matmul or the table of an embedding,
  /// directly or through a row slice (tfm-tile-dispatches).
  static bool isWeightOperand(OpOperand &use) {
    Operation *user = use.getOwner();
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(user))
      return !slice.getResult().use_empty() &&
             llvm::all_of(slice.getResult().getUses(),
                          [](OpOperand &sliceUse) { return isWeightOperand(sliceUse); });
    if (auto linear = dyn_cast<LinearOp>(user))
      return &use == &linear.getWeightMutable();
    if (auto head = dyn_cast<LMHeadOp>(user))
      return &use == &head.getWeightMutable();
    if (auto embedding = dyn_cast<EmbeddingOp>(user))
      return &use == &embedding.getTableMutable();
    return false;
  }

  /// An argument is a microkernel weight when it is the weight or table of a
  /// matmul or an embedding (any encoding).
  static bool isMicrokernelWeight(BlockArgument arg) {
    return llvm::any_of(arg.getUses(), [](OpOperand &use) { return isWeightOperand(use); });
  }

  /// A weight operand: its bytes, the tensor type the op sees, and the
  /// first row (of a tfm-tile-dispatches slice; null for the whole tensor).
  struct Weight {
    Value bytes;
    RankedTensorType type;
    Value firstRow;
  };

  FailureOr<Weight> weightOf(Operation *op, Value weight) {
    Weight result;
    if (auto slice = weight.getDefiningOp<tensor::ExtractSliceOp>()) {
      result.type = slice.getType();
      if (!slice.hasUnitStride() || slice.getStaticOffsets()[1] != 0 ||
          slice.getStaticSizes()[1] != result.type.getDimSize(1))
        return op->emitOpError("weight slice is not a block of whole rows");
      OpBuilder b(op);
      result.firstRow = getValueOrCreateConstantIndexOp(b, slice.getLoc(),
                                                        slice.getMixedOffsets()[0]);
      deadSlices.insert(slice);
      weight = slice.getSource();
    }
    auto arg = dyn_cast<BlockArgument>(weight);
    if (!arg || !weightTypes.count(arg))
      return op->emitOpError("weight is not an argument of the dispatch function");
    if (!result.type)
      result.type = weightTypes[arg];
    result.bytes = weight;
    return result;
  }

  /// Pointer to the first row of `w`'s bytes.
  Value weightPointer(OpBuilder &b, Location loc, const Weight &w, int64_t rowBytes) {
    if (!w.firstRow)
      return uk.pointer(b, loc, w.bytes);
    Value offset = arith::MulIOp::create(b, loc, w.firstRow,
                                         arith::ConstantIndexOp::create(b, loc, rowBytes));
    return uk.pointer(b, loc, w.bytes, offset);
  }

  /// x [1, T, K] -> y [1, T, N] = x . w^T through sinkc_uk_gemm_<fmt>.
  FailureOr<Value> matmul(OpBuilder &b, Operation *op, Value input, Value weight,
                          RankedTensorType resultType) {
    FailureOr<Weight> w = weightOf(op, weight);
    if (failed(w))
      return failure();
    FailureOr<WeightFormat> format = weightFormat(op, w->type);
    if (failed(format))
      return failure();
    Location loc = op->getLoc();
    Value tokens = tensor::DimOp::create(b, loc, input, 1);
    UkernelBuilder::Strided x = uk.readBuffer(b, loc, input);
    Value outBuffer = uk.resultBuffer(b, loc, resultType, tokens);
    std::string kernel = "sinkc_uk_gemm_" + format->name;
    if (int8Activations && hasInt8ActivationKernels(format->name))
      kernel += "_q8a";
    uk.call(b, loc, kernel,
            {weightPointer(b, loc, *w, format->rowBytes), uk.i64(b, loc, format->rowBytes), x.pointer,
             x.tokenStride, uk.pointer(b, loc, outBuffer),
             uk.i64(b, loc, resultType.getDimSize(2)), uk.i64(b, loc, format->rows),
             uk.i64(b, loc, format->cols), uk.toI64(b, loc, tokens)});
    return uk.contents(b, loc, resultType, outBuffer);
  }

  LogicalResult lowerLinear(OpBuilder &b, LinearOp op) {
    auto type = cast<RankedTensorType>(op.getType());
    FailureOr<Value> product = matmul(b, op, op.getInput(), op.getWeight(), type);
    if (failed(product))
      return failure();
    Value result = *product;
    if (Value bias = op.getBias())
      result = uk.addBias(b, op.getLoc(), result, bias);
    op.getResult().replaceAllUsesWith(result);
    op.erase();
    return success();
  }

  LogicalResult lowerLMHead(OpBuilder &b, LMHeadOp op) {
    auto type = cast<RankedTensorType>(op.getType());
    FailureOr<Value> logits = matmul(b, op, op.getInput(), op.getWeight(), type);
    if (failed(logits))
      return failure();
    Value result = *logits;
    if (std::optional<APFloat> softcap = op.getSoftcap())
      result = uk.softcap(b, op.getLoc(), result, softcap->convertToDouble());
    op.getResult().replaceAllUsesWith(result);
    op.erase();
    return success();
  }

  LogicalResult lowerEmbedding(OpBuilder &b, EmbeddingOp op) {
    FailureOr<Weight> table = weightOf(op, op.getTable());
    if (failed(table))
      return failure();
    if (table->firstRow)
      return op.emitOpError("embedding of a sliced table is not supported");
    FailureOr<WeightFormat> format = weightFormat(op, table->type);
    if (failed(format))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value tokens = tensor::DimOp::create(b, loc, op.getTokens(), 1);
    UkernelBuilder::Strided ids = uk.readBuffer(b, loc, op.getTokens());
    Value outBuffer = uk.resultBuffer(b, loc, type, tokens);
    uk.call(b, loc, "sinkc_uk_embedding_" + format->name,
            {uk.pointer(b, loc, table->bytes), uk.i64(b, loc, format->rowBytes),
             uk.i64(b, loc, format->rows), ids.pointer, uk.toI64(b, loc, tokens),
             uk.pointer(b, loc, outBuffer), uk.i64(b, loc, format->cols)});
    op.getResult().replaceAllUsesWith(uk.contents(b, loc, type, outBuffer));
    op.erase();
    return success();
  }

  /// An RMSNorm the microkernel computes: f32 [1, T, F] rows, a plain f32
  /// weight [F]. Others stay for the linalg lowering.
  static bool isF32RMSNorm(RMSNormOp op) {
    auto input = cast<RankedTensorType>(op.getInput().getType());
    auto weight = cast<RankedTensorType>(op.getWeight().getType());
    return input.getRank() == 3 && input.getElementType().isF32() && !input.getEncoding() &&
           weight.getRank() == 1 && weight.getElementType().isF32() && !weight.getEncoding();
  }

  /// sinkc_uk_rms_norm over the tokens: the sum of squares in 16 vector
  /// lanes instead of linalg's scalar loop through memory.
  LogicalResult lowerRMSNorm(OpBuilder &b, RMSNormOp op) {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value tokens = tensor::DimOp::create(b, loc, op.getInput(), 1);
    UkernelBuilder::Strided x = uk.readBuffer(b, loc, op.getInput());
    UkernelBuilder::Strided w = uk.readBuffer(b, loc, op.getWeight());
    Value outBuffer = uk.resultBuffer(b, loc, type, tokens);
    int64_t cols = type.getDimSize(2);
    uk.call(b, loc, "sinkc_uk_rms_norm",
            {x.pointer, x.tokenStride, w.pointer, uk.pointer(b, loc, outBuffer),
             uk.i64(b, loc, cols), uk.i64(b, loc, cols), uk.toI64(b, loc, tokens),
             uk.f32(b, loc, op.getEpsilon().convertToDouble())});
    op.getResult().replaceAllUsesWith(uk.contents(b, loc, type, outBuffer));
    op.erase();
    return success();
  }

  /// One sinkc_uk_attention_<kv type> call per kv-head: it appends the
  /// head's new keys and values to its cache entry and attends for the
  /// query heads sharing it.
  LogicalResult lowerAttention(OpBuilder &b, AttentionOp op) {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t heads = op.getNumHeads(), kvHeads = op.getNumKvHeads(), headDim = op.getHeadDim();
    int64_t group = heads / kvHeads;
    if (headDim > 256) // the kernel's per-block f32 buffers (sinkc_ukernels.h)
      return op.emitOpError("head_dim ") << headDim << " is above the CPU attention kernel's 256";
    Value tokens = tensor::DimOp::create(b, loc, op.getQ(), 1);
    UkernelBuilder::Strided q = uk.readBuffer(b, loc, op.getQ());
    UkernelBuilder::Strided k = uk.readBuffer(b, loc, op.getK());
    UkernelBuilder::Strided v = uk.readBuffer(b, loc, op.getV());
    Value sinkLogits;
    if (op.getSinkLogits())
      sinkLogits = uk.readBuffer(b, loc, op.getSinkLogits()).pointer;
    Value outBuffer = uk.resultBuffer(b, loc, type, tokens);
    // Taps: the attention mass on the first positions, [1, tokens, heads].
    auto massType = RankedTensorType::get({1, type.getDimSize(1), heads}, b.getF32Type());
    Value massBuffer, massPointer;
    if (taps) {
      massBuffer = uk.resultBuffer(b, loc, massType, tokens);
      massPointer = uk.pointer(b, loc, massBuffer);
    }
    Value position = uk.toI64(b, loc, op.getPosition());
    Value outPointer = uk.pointer(b, loc, outBuffer);
    int64_t outStride = type.getDimSize(2);
    // Split into workgroups (tfm-tile-dispatches): workgroup w runs the
    // kv-heads [w * per, (w + 1) * per).
    int64_t workgroups = 1;
    if (auto count = func->getAttrOfType<IntegerAttr>(TfmDialect::kWorkgroupsAttrName))
      workgroups = count.getInt();
    int64_t perWorkgroup = kvHeads / workgroups;
    Value workgroup;
    if (workgroups > 1)
      workgroup = WorkgroupIdOp::create(b, loc, b.getIndexType());
    for (int64_t h = 0; h < kvHeads; ++h) {
      OpBuilder::InsertionGuard guard(b);
      if (workgroup) {
        Value mine = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::eq, workgroup,
            arith::ConstantIndexOp::create(b, loc, h / perWorkgroup));
        auto ifOp = scf::IfOp::create(b, loc, mine, /*withElseRegion=*/false);
        b.setInsertionPointToStart(ifOp.thenBlock());
      }
      HeadPolicyAttrInterface policy = op.getPolicy(h);
      if (isa<PrunedPolicyAttr>(policy)) {
        // A pruned kv-head's query heads output zeros (and no mass).
        zeroFeatures(b, loc, outBuffer, tokens, h * group * headDim, group * headDim);
        if (taps)
          zeroFeatures(b, loc, massBuffer, tokens, h * group, group);
        continue;
      }
      int64_t sinks = 0, window = 0;
      if (auto streaming = dyn_cast<StreamingPolicyAttr>(policy)) {
        sinks = streaming.getSinks();
        window = streaming.getWindow();
      }
      int64_t bufferIndex = op.getKvBuffer() ? (*op.getKvBuffer())[h] : 0;
      int64_t entry = op.getKvEntry() ? (*op.getKvEntry())[h] : h;
      Value cache = op.getCaches()[bufferIndex];
      auto cacheType = cast<MemRefType>(cache.getType());
      StringRef kvType = cacheType.getElementType().isF16()   ? "f16"
                         : cacheType.getElementType().isF32() ? "f32"
                                                              : "";
      if (kvType.empty())
        return op.emitOpError("no CPU attention microkernel for a ")
               << cacheType.getElementType() << " KV cache yet (supported: f16, f32)";
      // Entry address: base + (entry_offset + entry) * 2 * slots * head_dim values.
      Value slots = memref::DimOp::create(b, loc, cache, 2);
      Value entryIndex = arith::ConstantIndexOp::create(b, loc, entry);
      if (!op.getEntryOffsets().empty())
        entryIndex = arith::AddIOp::create(b, loc, op.getEntryOffsets()[bufferIndex], entryIndex);
      Value entryElements = arith::MulIOp::create(
          b, loc, arith::MulIOp::create(b, loc, entryIndex, slots),
          arith::ConstantIndexOp::create(b, loc, 2 * headDim));
      Value entryPointer = uk.pointer(b, loc, cache, entryElements);
      int64_t qOffset = h * group * headDim, kvOffset = h * headDim;
      Value sinkPointer = sinkLogits ? uk.offset(b, loc, sinkLogits, h * group * 4)
                                     : uk.nullPointer(b, loc);
      double softcap = op.getSoftcap() ? op.getSoftcap()->convertToDouble() : 0.0;
      SmallVector<Value> operands = {
          uk.offset(b, loc, q.pointer, qOffset * 4), q.tokenStride,
          uk.offset(b, loc, k.pointer, kvOffset * 4), uk.offset(b, loc, v.pointer, kvOffset * 4),
          k.tokenStride, entryPointer, uk.toI64(b, loc, slots), uk.i64(b, loc, headDim),
          uk.i64(b, loc, group), uk.toI64(b, loc, tokens), position, uk.i64(b, loc, sinks),
          uk.i64(b, loc, window), uk.f32(b, loc, op.getScale().convertToDouble()),
          uk.f32(b, loc, softcap), sinkPointer,
          uk.offset(b, loc, outPointer, qOffset * 4), uk.i64(b, loc, outStride)};
      std::string kernel = ("sinkc_uk_attention_" + kvType).str();
      if (taps) {
        kernel = ("sinkc_uk_attention_mass_" + kvType).str();
        operands.append({uk.offset(b, loc, massPointer, h * group * 4), uk.i64(b, loc, heads),
                         uk.i64(b, loc, massPositions)});
      }
      uk.call(b, loc, kernel, operands);
    }
    op.getResult().replaceAllUsesWith(uk.contents(b, loc, type, outBuffer));
    if (taps)
      tapResults.push_back(uk.contents(b, loc, massType, massBuffer));
    op.erase();
    return success();
  }

  /// buffer[0, :, first : first + count] = 0.
  void zeroFeatures(OpBuilder &b, Location loc, Value buffer, Value tokens, int64_t first,
                    int64_t count) {
    SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0), b.getIndexAttr(0),
                                         b.getIndexAttr(first)};
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), tokens, b.getIndexAttr(count)};
    SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
    Value part = memref::SubViewOp::create(b, loc, buffer, offsets, sizes, strides);
    linalg::FillOp::create(b, loc, uk.f32(b, loc, 0.0), part);
  }

  func::FuncOp func;
  UkernelBuilder &uk;
  llvm::DenseMap<Value, RankedTensorType> weightTypes;
  bool taps;
  int64_t massPositions;
  bool int8Activations;
  SmallVector<Value> tapResults; ///< extra results the taps return
  llvm::SetVector<Operation *> deadSlices; ///< weight slices, rewritten to pointers
};

struct TfmLowerToUkernelsPass
    : sinkc::impl::TfmLowerToUkernelsPassBase<TfmLowerToUkernelsPass> {
  using TfmLowerToUkernelsPassBase::TfmLowerToUkernelsPassBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    UkernelBuilder uk(module);
    SmallVector<func::FuncOp> dispatches;
    for (auto func : module.getOps<func::FuncOp>())
      if (func->hasAttr(TfmDialect::kDispatchAttrName) && !func.isExternal())
        dispatches.push_back(func);
    for (func::FuncOp func : dispatches)
      if (failed(DispatchLowering(func, uk, taps, massPositions, int8Activations).run()))
        return signalPassFailure();
  }
};

} // namespace
