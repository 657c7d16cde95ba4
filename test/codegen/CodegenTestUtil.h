//===- CodegenTestUtil.h - helpers for the codegen tests --------*- C++ -*-===//

#ifndef SINKC_TEST_CODEGEN_CODEGENTESTUTIL_H
#define SINKC_TEST_CODEGEN_CODEGENTESTUTIL_H

#include "Codegen.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace sinkc::codegen::testing {

/// A context with the LLVM dialect (and func/arith, to build bad input).
std::unique_ptr<mlir::MLIRContext> makeContext();

/// Parses MLIR text; an empty ref (and a test failure) when it does not.
mlir::OwningOpRef<mlir::ModuleOp> parse(mlir::MLIRContext &context,
                                        llvm::StringRef text);

/// The error's message, or "" for success.
std::string errorText(llvm::Error error);

/// MLIR text -> optimized module -> assembly; "ERROR: ..." on failure.
std::string compileToAssembly(llvm::StringRef text,
                              const CodegenOptions &options);

/// The dynamic (exported, defined) symbols of a shared object.
std::vector<std::string> exportedSymbols(llvm::StringRef path);

/// The bitcode of the ukernels for the host's x86-64 level.
std::string hostUkernelBitcode();

/// Whether the host runs code built for `cpu`.
bool hostRuns(llvm::StringRef cpu);

/// A fresh folder, removed with everything in it at destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  std::string file(llvm::StringRef name) const;

private:
  std::string path;
};

/// dlopen'ed shared object, closed at destruction.
class SharedObject {
public:
  explicit SharedObject(const std::string &path);
  ~SharedObject();
  SharedObject(const SharedObject &) = delete;
  SharedObject &operator=(const SharedObject &) = delete;
  bool loaded() const { return handle != nullptr; }
  const std::string &loadError() const { return error; }
  void *symbol(const char *name) const;
  template <typename Fn> Fn *function(const char *name) const {
    return reinterpret_cast<Fn *>(symbol(name));
  }

private:
  void *handle = nullptr;
  std::string error;
};

} // namespace sinkc::codegen::testing

#endif // SINKC_TEST_CODEGEN_CODEGENTESTUTIL_H
