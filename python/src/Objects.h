//===- Objects.h - the Python-side handles of sinkc's compiler --*- C++ -*-===//

#ifndef SINKC_PYTHON_OBJECTS_H
#define SINKC_PYTHON_OBJECTS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <pybind11/pybind11.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace sinkc::python {

/// An MLIRContext with tfm and the upstream dialects sinkc uses loaded.
struct Context {
  Context();
  std::unique_ptr<mlir::MLIRContext> context;
  /// The context used when Python code names none.
  static std::shared_ptr<Context> getDefault();
};

struct Module {
  std::shared_ptr<Context> context;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Bumped whenever a pass pipeline runs: operation handles taken before
  /// may point at erased operations.
  uint64_t generation = 0;
};

/// An operation of a module, valid until the module is transformed.
struct Operation {
  std::shared_ptr<Module> owner;
  mlir::Operation *op;
  uint64_t generation;

  mlir::Operation *get() const {
    if (owner->generation != generation)
      throw std::runtime_error("stale operation handle: the module was transformed "
                               "after this handle was taken; walk it again");
    return op;
  }
};

/// Raises Python's FileNotFoundError.
[[noreturn]] void throwFileNotFound(const std::string &message);

void bindIr(pybind11::module_ &m);
void bindCompile(pybind11::module_ &m);
void bindPasses(pybind11::module_ &m);
void bindImporters(pybind11::module_ &m);

} // namespace sinkc::python

#endif // SINKC_PYTHON_OBJECTS_H
