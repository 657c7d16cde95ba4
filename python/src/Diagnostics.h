//===- Diagnostics.h - MLIR diagnostics as Python exceptions -----*- C++ -*-===//
//
// libMLIR is built without exceptions: never throw through MLIR frames.
// Diagnostics are collected while MLIR runs; the binding code throws after.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_PYTHON_DIAGNOSTICS_H
#define SINKC_PYTHON_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <string>
#include <vector>

namespace sinkc::python {

/// Collects "location: severity: message" lines while alive.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(mlir::MLIRContext *context);
  ~DiagnosticCollector();
  /// All collected lines joined with newlines, or `fallback` if none.
  std::string message(const std::string &fallback) const;

private:
  mlir::MLIRContext *context;
  mlir::DiagnosticEngine::HandlerID handler;
  std::vector<std::string> lines;
};

} // namespace sinkc::python

#endif // SINKC_PYTHON_DIAGNOSTICS_H
