//===- Passes.h - passes on tfm IR ------------------------------*- C++ -*-===//

#ifndef SINKC_PASSES_PASSES_H
#define SINKC_PASSES_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace sinkc {

#define GEN_PASS_DECL
#include "sinkc/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "sinkc/Passes/Passes.h.inc"

} // namespace sinkc

#endif // SINKC_PASSES_PASSES_H
