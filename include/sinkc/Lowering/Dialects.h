//===- Dialects.h - what a context running sinkc's pipelines needs -*- C++ -*-===//
//
// One list for sinkc-opt, `sinkc compile` and the Python bindings: the tfm
// dialect, the upstream dialects the lowering produces on its way to LLVM,
// and the external models bufferization and the LLVM translation use.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_DIALECTS_H
#define SINKC_LOWERING_DIALECTS_H

#include "mlir/IR/DialectRegistry.h"

namespace sinkc::lowering {

void registerCompilerDialects(mlir::DialectRegistry &registry);

} // namespace sinkc::lowering

#endif // SINKC_LOWERING_DIALECTS_H
