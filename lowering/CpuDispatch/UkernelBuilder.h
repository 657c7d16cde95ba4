//===- UkernelBuilder.h - building microkernel calls on buffers -*- C++ -*-===//
//
// Helpers of the microkernel lowering: declarations of the C functions of
// lowering/ukernels/sinkc_ukernels.h (pointers as !llvm.ptr, sizes as i64,
// floats as f32), raw pointers to buffer elements, and the tensor <-> buffer
// hand-over around a call.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_CPUDISPATCH_UKERNELBUILDER_H
#define SINKC_LOWERING_CPUDISPATCH_UKERNELBUILDER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>
#include <utility>

namespace sinkc::lowering {

class UkernelBuilder {
public:
  explicit UkernelBuilder(mlir::ModuleOp module) : module(module) {}

  /// A tensor handed to a microkernel (through a read-only buffer): a
  /// pointer to its first element and the distance between tokens
  /// (dimension 1) in elements, as the kernels take it.
  struct Strided {
    mlir::Value pointer;     ///< !llvm.ptr
    mlir::Value tokenStride; ///< i64, elements between consecutive tokens
  };
  Strided readBuffer(mlir::OpBuilder &b, mlir::Location loc, mlir::Value tensor);

  /// A fresh buffer for a result of `type` ([1, tokens, ...] with `tokens`
  /// for the dynamic dimension).
  mlir::Value resultBuffer(mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType type,
                           mlir::Value tokens);
  /// The tensor that stands for `buffer`'s contents once the kernels wrote it.
  mlir::Value contents(mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType type,
                       mlir::Value buffer);

  /// !llvm.ptr to element `elementOffset` (index; null = 0) of `memref`.
  mlir::Value pointer(mlir::OpBuilder &b, mlir::Location loc, mlir::Value memref,
                      mlir::Value elementOffset = {});
  /// `pointer` + `bytes`.
  mlir::Value offset(mlir::OpBuilder &b, mlir::Location loc, mlir::Value pointer, int64_t bytes);
  mlir::Value nullPointer(mlir::OpBuilder &b, mlir::Location loc);

  mlir::Value i64(mlir::OpBuilder &b, mlir::Location loc, int64_t value);
  mlir::Value f32(mlir::OpBuilder &b, mlir::Location loc, double value);
  mlir::Value toI64(mlir::OpBuilder &b, mlir::Location loc, mlir::Value index);

  /// func.call of the microkernel `name`, declared on first use with the
  /// operand types (and no results).
  void call(mlir::OpBuilder &b, mlir::Location loc, const std::string &name,
            mlir::ValueRange operands);

  /// result [1, T, N] + bias [N], and c * tanh(x / c), as linalg on tensors.
  mlir::Value addBias(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value bias);
  mlir::Value softcap(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, double cap);

private:
  mlir::ModuleOp module;
};

} // namespace sinkc::lowering

#endif // SINKC_LOWERING_CPUDISPATCH_UKERNELBUILDER_H
