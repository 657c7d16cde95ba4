//===- TfmDialect.h - the tfm dialect ---------------------------*- C++ -*-===//
//
// Include this header to use the tfm dialect: dialect, types, attributes,
// interfaces and operations.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_DIALECT_TFM_TFMDIALECT_H
#define SINKC_DIALECT_TFM_TFMDIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/TensorEncoding.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "sinkc/Dialect/Tfm/TfmOpsDialect.h.inc"

#include "sinkc/Dialect/Tfm/TfmEnums.h.inc"

#include "sinkc/Dialect/Tfm/TfmAttrInterfaces.h.inc"

#define GET_ATTRDEF_CLASSES
#include "sinkc/Dialect/Tfm/TfmAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "sinkc/Dialect/Tfm/TfmOpsTypes.h.inc"

#define GET_OP_CLASSES
#include "sinkc/Dialect/Tfm/TfmOps.h.inc"

#endif // SINKC_DIALECT_TFM_TFMDIALECT_H
