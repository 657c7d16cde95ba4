//===- UkernelBuilder.cpp - building microkernel calls on buffers ---------===//

#include "UkernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using sinkc::lowering::UkernelBuilder;

namespace {

Type pointerType(OpBuilder &b) { return LLVM::LLVMPointerType::get(b.getContext()); }

/// Any layout: the buffer a tensor bufferizes to may be a strided view.
MemRefType anyLayoutBuffer(RankedTensorType type) {
  int64_t dynamic = ShapedType::kDynamic;
  auto layout = StridedLayoutAttr::get(type.getContext(), dynamic,
                                       SmallVector<int64_t>(type.getRank(), dynamic));
  return MemRefType::get(type.getShape(), type.getElementType(), layout);
}

Value dynamicEmpty(OpBuilder &b, Location loc, RankedTensorType type, Value like) {
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      sizes.push_back(tensor::DimOp::create(b, loc, like, d));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(), sizes);
}

} // namespace

UkernelBuilder::Strided UkernelBuilder::readBuffer(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  Value buffer =
      bufferization::ToBufferOp::create(b, loc, anyLayoutBuffer(type), tensor, /*read_only=*/true);
  Value stride = i64(b, loc, 0);
  if (type.getRank() >= 2) {
    auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, buffer);
    stride = toI64(b, loc, metadata.getStrides()[1]);
  }
  return {pointer(b, loc, buffer), stride};
}

Value UkernelBuilder::resultBuffer(OpBuilder &b, Location loc, RankedTensorType type,
                                   Value tokens) {
  auto bufferType = MemRefType::get(type.getShape(), type.getElementType());
  SmallVector<Value> sizes(type.getNumDynamicDims(), tokens);
  return memref::AllocOp::create(b, loc, bufferType, sizes);
}

Value UkernelBuilder::contents(OpBuilder &b, Location loc, RankedTensorType type, Value buffer) {
  // restrict: nothing else writes the buffer, so bufferization may use it as is.
  return bufferization::ToTensorOp::create(b, loc, type, buffer, /*restrict=*/true,
                                           /*writable=*/true);
}

Value UkernelBuilder::pointer(OpBuilder &b, Location loc, Value memref, Value elementOffset) {
  auto type = cast<MemRefType>(memref.getType());
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
  Value elements = metadata.getOffset();
  if (elementOffset)
    elements = arith::AddIOp::create(b, loc, elements, elementOffset);
  int64_t elementBytes = type.getElementType().getIntOrFloatBitWidth() / 8;
  Value bytes = arith::MulIOp::create(b, loc, elements,
                                      arith::ConstantIndexOp::create(b, loc, elementBytes));
  Value address = arith::AddIOp::create(b, loc, base, bytes);
  return LLVM::IntToPtrOp::create(b, loc, pointerType(b), toI64(b, loc, address));
}

Value UkernelBuilder::offset(OpBuilder &b, Location loc, Value pointer, int64_t bytes) {
  if (bytes == 0)
    return pointer;
  return LLVM::GEPOp::create(b, loc, pointerType(b), b.getI8Type(), pointer,
                             ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(bytes)});
}

Value UkernelBuilder::nullPointer(OpBuilder &b, Location loc) {
  return LLVM::ZeroOp::create(b, loc, pointerType(b));
}

Value UkernelBuilder::i64(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(value));
}

Value UkernelBuilder::f32(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(static_cast<float>(value)));
}

Value UkernelBuilder::toI64(OpBuilder &b, Location loc, Value index) {
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), index);
}

void UkernelBuilder::call(OpBuilder &b, Location loc, const std::string &name,
                          ValueRange operands) {
  auto callee = module.lookupSymbol<func::FuncOp>(name);
  if (!callee) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    callee = func::FuncOp::create(b, loc, name,
                                  b.getFunctionType(TypeRange(operands), TypeRange{}));
    callee.setPrivate();
  }
  func::CallOp::create(b, loc, callee, operands);
}

Value UkernelBuilder::addBias(OpBuilder &b, Location loc, Value x, Value bias) {
  auto type = cast<RankedTensorType>(x.getType());
  MLIRContext *ctx = b.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(3, ctx);
  AffineMap perFeature = AffineMap::get(3, 0, {getAffineDimExpr(2, ctx)}, ctx);
  return linalg::GenericOp::create(
             b, loc, type, ValueRange{x, bias}, dynamicEmpty(b, loc, type, x),
             ArrayRef<AffineMap>{identity, perFeature, identity},
             SmallVector<utils::IteratorType>(3, utils::IteratorType::parallel),
             [](OpBuilder &nb, Location l, ValueRange a) {
               Value biasValue = a[1];
               if (!biasValue.getType().isF32())
                 biasValue = arith::ExtFOp::create(nb, l, nb.getF32Type(), biasValue);
               linalg::YieldOp::create(nb, l,
                                       arith::AddFOp::create(nb, l, a[0], biasValue).getResult());
             })
      .getResult(0);
}

Value UkernelBuilder::softcap(OpBuilder &b, Location loc, Value x, double cap) {
  auto type = cast<RankedTensorType>(x.getType());
  AffineMap identity = AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  return linalg::GenericOp::create(
             b, loc, type, ValueRange{x}, dynamicEmpty(b, loc, type, x),
             ArrayRef<AffineMap>{identity, identity},
             SmallVector<utils::IteratorType>(type.getRank(), utils::IteratorType::parallel),
             [&](OpBuilder &nb, Location l, ValueRange a) {
               Value c = arith::ConstantOp::create(nb, l, nb.getF32FloatAttr(float(cap)));
               Value t = math::TanhOp::create(nb, l, arith::DivFOp::create(nb, l, a[0], c));
               linalg::YieldOp::create(nb, l, arith::MulFOp::create(nb, l, t, c).getResult());
             })
      .getResult(0);
}
