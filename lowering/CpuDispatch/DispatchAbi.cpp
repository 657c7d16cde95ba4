//===- DispatchAbi.cpp - the --tfm-dispatch-abi pass ----------------------===//
//
// A bufferized dispatch function f(memref args..., index args...) -> memrefs
// becomes the kernel the runtime calls, void f(ptr state, i64 workgroup)
// (docs/execution-plan.md). Its buffers are rebuilt from the state:
//
//   bindings: memref arguments in order, then one per result
//   scalars:  tokens, the index arguments in order, then `context` when a
//             KV-cache argument has a dynamic slot count
//
// as memref descriptors (an LLVM struct cast to the memref type, which the
// memref-to-LLVM conversion folds away). A result that was a fresh buffer is
// computed in its binding directly; every other allocation becomes a view of
// the worker's scratch, laid out as tokens * a + b bytes (64-byte aligned).
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace sinkc {
#define GEN_PASS_DEF_TFMDISPATCHABIPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;

namespace {

constexpr int64_t kScratchAlign = 64;

int64_t alignUp(int64_t v) { return (v + kScratchAlign - 1) / kScratchAlign * kScratchAlign; }

class AbiRewriter {
public:
  explicit AbiRewriter(func::FuncOp func)
      : func(func), b(func.getContext()), loc(func.getLoc()),
        ptrType(LLVM::LLVMPointerType::get(func.getContext())) {}

  LogicalResult run() {
    if (!func.getBody().hasOneBlock())
      return func.emitOpError("dispatch function with more than one block");
    Block &body = func.getBody().front();
    auto ret = cast<func::ReturnOp>(body.getTerminator());
    for (Type t : func.getFunctionType().getResults())
      if (!isa<MemRefType>(t))
        return func.emitOpError("result of type ") << t << " is not a buffer (bufferize first)";

    Block *entry = new Block;
    func.getBody().push_front(entry);
    Value state = entry->addArgument(ptrType, loc);
    Value workgroupArg = entry->addArgument(b.getI64Type(), loc);
    b.setInsertionPointToEnd(entry);
    Value workgroup = arith::IndexCastOp::create(b, loc, b.getIndexType(), workgroupArg);
    bindings = loadField(state, 0);
    scalars = loadField(state, 1);
    Value scratchPointer = loadField(state, 2);
    tokens = loadScalar(0);

    int64_t indexArgs = llvm::count_if(body.getArgumentTypes(), [](Type t) { return isa<IndexType>(t); });
    contextScalar = 1 + indexArgs;
    int64_t nextBinding = 0, nextScalar = 1;
    for (BlockArgument arg : body.getArguments()) {
      Value replacement;
      if (isa<IndexType>(arg.getType())) {
        replacement = loadScalar(nextScalar++);
      } else if (auto type = dyn_cast<MemRefType>(arg.getType())) {
        bool cache = func.getArgAttr(arg.getArgNumber(), "sinkc.kv_cache") != nullptr;
        FailureOr<Value> buffer = bindingBuffer(nextBinding++, type, cache);
        if (failed(buffer))
          return failure();
        replacement = *buffer;
        if (!cache)
          activations.insert(replacement);
      } else {
        return func.emitOpError("argument of type ") << arg.getType() << " has no place in the kernel ABI";
      }
      arg.replaceAllUsesWith(replacement);
    }
    SmallVector<Value> outputs;
    for (Value result : ret.getOperands()) {
      FailureOr<Value> buffer = bindingBuffer(nextBinding++, cast<MemRefType>(result.getType()), false);
      if (failed(buffer))
        return failure();
      outputs.push_back(*buffer);
      activations.insert(*buffer);
    }
    entry->getOperations().splice(entry->end(), body.getOperations());
    body.erase();

    // The workgroup id of a tiled function is the ABI's workgroup argument.
    func.walk([&](sinkc::tfm::WorkgroupIdOp op) {
      op.getResult().replaceAllUsesWith(workgroup);
      op.erase();
    });
    // Copies (results inserted into their slice) as linalg, which lowers to
    // loops: memref.copy of a strided view would call a runtime library.
    func.walk([&](memref::CopyOp copy) {
      OpBuilder cb(copy);
      linalg::CopyOp::create(cb, copy.getLoc(), copy.getSource(), copy.getTarget());
      copy.erase();
    });
    writeResultsInPlace(ret, outputs);
    if (failed(placeAllocationsInScratch(scratchPointer)))
      return failure();

    func.setFunctionType(b.getFunctionType({ptrType, b.getI64Type()}, {}));
    func->removeAttr(func.getArgAttrsAttrName());
    func->removeAttr(func.getResAttrsAttrName());
    func.setPublic();
    // Now a kernel, no longer a tfm function (the tfm dialect verifies that
    // its attribute marks a func.func, which the LLVM lowering replaces).
    func->setAttr("sinkc.dispatch", func->getAttr(sinkc::tfm::TfmDialect::kDispatchAttrName));
    func->removeAttr(sinkc::tfm::TfmDialect::kDispatchAttrName);
    if (Attribute count = func->getAttr(sinkc::tfm::TfmDialect::kWorkgroupsAttrName)) {
      func->setAttr("sinkc.workgroups", count);
      func->removeAttr(sinkc::tfm::TfmDialect::kWorkgroupsAttrName);
    }
    return success();
  }

private:
  /// state->bindings / scalars / scratch: three pointer-sized fields.
  Value loadField(Value state, int32_t index) {
    Value field = LLVM::GEPOp::create(b, loc, ptrType, ptrType, state,
                                      ArrayRef<LLVM::GEPArg>{index});
    return LLVM::LoadOp::create(b, loc, ptrType, field);
  }

  Value loadScalar(int64_t index) {
    Value slot = LLVM::GEPOp::create(b, loc, ptrType, b.getI64Type(), scalars,
                                     ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(index)});
    Value value = LLVM::LoadOp::create(b, loc, b.getI64Type(), slot);
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), value);
  }

  /// The memref of binding `index`: activations take `tokens` for their
  /// dynamic dimension, a KV cache the session's `context`.
  FailureOr<Value> bindingBuffer(int64_t index, MemRefType type, bool cache) {
    if (!type.getLayout().isIdentity())
      return func.emitOpError("buffer of type ") << type << " is not in row-major layout";
    Value slot = LLVM::GEPOp::create(b, loc, ptrType, ptrType, bindings,
                                     ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(index)});
    Value pointer = LLVM::LoadOp::create(b, loc, ptrType, slot);
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (!type.isDynamicDim(d)) {
        sizes.push_back(arith::ConstantIndexOp::create(b, loc, type.getDimSize(d)));
      } else if (cache) {
        if (!context)
          context = loadScalar(contextScalar);
        sizes.push_back(context);
      } else {
        sizes.push_back(tokens);
      }
    }
    return descriptor(pointer, type, sizes);
  }

  /// The memref descriptor {allocated, aligned, offset, sizes, strides} of a
  /// row-major buffer at `pointer`, cast to `type`.
  Value descriptor(Value pointer, MemRefType type, ArrayRef<Value> sizes) {
    MLIRContext *ctx = b.getContext();
    Type i64 = b.getI64Type();
    int64_t rank = type.getRank();
    SmallVector<Type> fields = {ptrType, ptrType, i64};
    if (rank > 0) {
      fields.push_back(LLVM::LLVMArrayType::get(i64, rank));
      fields.push_back(LLVM::LLVMArrayType::get(i64, rank));
    }
    auto structType = LLVM::LLVMStructType::getLiteral(ctx, fields);
    Value d = LLVM::PoisonOp::create(b, loc, structType);
    d = LLVM::InsertValueOp::create(b, loc, d, pointer, ArrayRef<int64_t>{0});
    d = LLVM::InsertValueOp::create(b, loc, d, pointer, ArrayRef<int64_t>{1});
    Value zero = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
    d = LLVM::InsertValueOp::create(b, loc, d, zero, ArrayRef<int64_t>{2});
    Value stride = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(1));
    for (int64_t dim = rank - 1; dim >= 0; --dim) {
      Value size = arith::IndexCastOp::create(b, loc, i64, sizes[dim]);
      d = LLVM::InsertValueOp::create(b, loc, d, size, ArrayRef<int64_t>{3, dim});
      d = LLVM::InsertValueOp::create(b, loc, d, stride, ArrayRef<int64_t>{4, dim});
      stride = arith::MulIOp::create(b, loc, stride, size);
    }
    return UnrealizedConversionCastOp::create(b, loc, type, d).getResult(0);
  }

  /// A returned fresh buffer becomes the result binding itself; anything
  /// else is copied into it.
  void writeResultsInPlace(func::ReturnOp ret, ArrayRef<Value> outputs) {
    llvm::SmallPtrSet<Operation *, 4> claimed;
    b.setInsertionPoint(ret);
    for (auto [value, output] : llvm::zip(ret.getOperands(), outputs)) {
      Value root = value;
      while (auto cast = root.getDefiningOp<memref::CastOp>())
        root = cast.getSource();
      auto alloc = root.getDefiningOp<memref::AllocOp>();
      if (alloc && alloc.getType() == output.getType() && claimed.insert(alloc).second) {
        alloc.getResult().replaceAllUsesWith(output);
        alloc.erase();
        continue;
      }
      linalg::CopyOp::create(b, ret.getLoc(), value, output);
    }
    func::ReturnOp::create(b, ret.getLoc());
    ret.erase();
  }

  /// Whether `v` is the token count: the scalar itself or the dynamic
  /// dimension of an activation (or of a buffer sized by it).
  bool isTokens(Value v) {
    if (v == tokens)
      return true;
    auto dim = v.getDefiningOp<memref::DimOp>();
    if (!dim)
      return false;
    Value source = dim.getSource();
    while (auto cast = source.getDefiningOp<memref::CastOp>())
      source = cast.getSource();
    if (activations.contains(source))
      return true;
    if (auto alloc = source.getDefiningOp<memref::AllocOp>()) {
      std::optional<int64_t> index = dim.getConstantIndex();
      if (!index)
        return false;
      auto type = alloc.getType();
      if (!type.isDynamicDim(*index))
        return false;
      return isTokens(alloc.getDynamicSizes()[type.getDynamicDimIndex(*index)]);
    }
    return false;
  }

  LogicalResult placeAllocationsInScratch(Value scratchPointer) {
    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });
    SmallVector<memref::DeallocOp> deallocs;
    func.walk([&](memref::DeallocOp dealloc) { deallocs.push_back(dealloc); });
    for (memref::DeallocOp dealloc : deallocs)
      dealloc.erase();
    if (allocs.empty()) {
      func->setAttr("sinkc.scratch_bytes", b.getDenseI64ArrayAttr({0, 0}));
      return success();
    }
    // Layout: offset_i = tokens * perToken_i + fixed_i, all multiples of 64.
    int64_t perToken = 0, fixed = 0;
    SmallVector<std::pair<int64_t, int64_t>> offsets;
    for (memref::AllocOp alloc : allocs) {
      MemRefType type = alloc.getType();
      if (!type.getLayout().isIdentity())
        return alloc.emitOpError("temporary buffer ") << type << " is not row-major";
      for (Value size : alloc.getDynamicSizes())
        if (!isTokens(size))
          return alloc.emitOpError("temporary buffer whose size is not a multiple of the "
                                   "token count cannot be placed in the scratch");
      int64_t bytes = type.getElementTypeBitWidth() / 8;
      for (int64_t d : type.getShape())
        if (!ShapedType::isDynamic(d))
          bytes *= d;
      offsets.push_back({perToken, fixed});
      if (type.getNumDynamicDims() > 1)
        return alloc.emitOpError("temporary buffer with more than one token dimension");
      if (type.getNumDynamicDims() == 1)
        perToken += alignUp(bytes);
      else
        fixed += alignUp(bytes);
    }
    func->setAttr("sinkc.scratch_bytes", b.getDenseI64ArrayAttr({perToken, fixed}));
    Block &entry = func.getBody().front();
    b.setInsertionPoint(&entry, std::next(Block::iterator(tokens.getDefiningOp())));
    Value total = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, tokens, arith::ConstantIndexOp::create(b, loc, perToken)),
        arith::ConstantIndexOp::create(b, loc, fixed));
    auto scratchType = MemRefType::get({ShapedType::kDynamic}, b.getI8Type());
    Value scratch = descriptor(scratchPointer, scratchType, {total});
    for (auto [alloc, offset] : llvm::zip(allocs, offsets)) {
      b.setInsertionPoint(alloc);
      Value shift = arith::AddIOp::create(
          b, alloc.getLoc(),
          arith::MulIOp::create(b, alloc.getLoc(), tokens,
                                arith::ConstantIndexOp::create(b, alloc.getLoc(), offset.first)),
          arith::ConstantIndexOp::create(b, alloc.getLoc(), offset.second));
      Value view = memref::ViewOp::create(b, alloc.getLoc(), alloc.getType(), scratch, shift,
                                          alloc.getDynamicSizes());
      alloc.getResult().replaceAllUsesWith(view);
      alloc.erase();
    }
    return success();
  }

  func::FuncOp func;
  OpBuilder b;
  Location loc;
  Type ptrType;
  Value bindings, scalars, tokens, context;
  int64_t contextScalar = 0;
  llvm::SmallPtrSet<Value, 8> activations;
};

struct TfmDispatchAbiPass : sinkc::impl::TfmDispatchAbiPassBase<TfmDispatchAbiPass> {
  void runOnOperation() override {
    SmallVector<func::FuncOp> dispatches;
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func->hasAttr(sinkc::tfm::TfmDialect::kDispatchAttrName) && !func.isExternal())
        dispatches.push_back(func);
    for (func::FuncOp func : dispatches)
      if (failed(AbiRewriter(func).run()))
        return signalPassFailure();
  }
};

} // namespace
