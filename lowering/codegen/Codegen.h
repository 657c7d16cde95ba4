//===- Codegen.h - In-process CPU code generation ---------------*- C++ -*-===//
//
// The last step of the CPU path: an MLIR module in the LLVM dialect becomes a
// shared object with no external process: translation to LLVM IR, the
// microkernel bitcode linked in and internalized, LLVM's O-level pipeline for
// the chosen x86-64 CPU, an ELF object from the TargetMachine, and lld (as a
// library) for the .so. Errors are llvm::Error, never exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_CODEGEN_CODEGEN_H
#define SINKC_LOWERING_CODEGEN_CODEGEN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
} // namespace llvm

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace sinkc::codegen {

struct CodegenOptions {
  /// "host" or an LLVM x86-64 CPU name: "x86-64-v3", "x86-64-v4", "znver4".
  std::string cpu = "host";
  /// Extra LLVM features, "+avx512f,-avx512vnni"; empty = the CPU's own.
  std::string features;
  /// 0..3: LLVM's O0..O3 pipelines and the matching codegen level.
  unsigned optLevel = 3;
  /// Bitcode files (e.g. lib/ukernels/ukernels-x86-64-v4.bc): only the
  /// symbols the module needs are linked, then internalized so they inline.
  std::vector<std::string> bitcodeLibraries;
};

/// Translates a module in the LLVM dialect (+ builtin) to LLVM IR. Fails with
/// the MLIR diagnostics (op name and location) for anything else.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context);

/// Links the bitcode libraries, sets triple, data layout, target-cpu and
/// target-features (on every function, so kernels may inline), then runs the
/// O-level pipeline as `opt -O<n>` does.
llvm::Error optimize(llvm::Module &module, const CodegenOptions &options);

/// ELF object bytes / assembly text for `module`. Codegen passes may rewrite
/// the IR in place: clone the module to emit both from the same IR.
llvm::Expected<std::string> emitObject(llvm::Module &module,
                                       const CodegenOptions &options);
llvm::Expected<std::string> emitAssembly(llvm::Module &module,
                                         const CodegenOptions &options);

/// Links ELF object files (paths) into a shared object with lld in-process,
/// without libc. The output appears atomically (temp file + rename). Errors
/// carry lld's messages. Serialized: lld is one linker per process.
llvm::Error linkSharedObject(llvm::ArrayRef<std::string> objectPaths,
                             llvm::StringRef outputPath);

/// All of it: MLIR (LLVM dialect) -> optimized object -> .so at outputPath.
llvm::Error compileToSharedObject(mlir::ModuleOp module,
                                  const CodegenOptions &options,
                                  llvm::StringRef outputPath);

/// The ISA features the chosen CPU (+ extra features) implies, as sorted LLVM
/// names ("avx2", "avx512f", ...): what a package's cpu_features must list.
/// Empty for an unknown CPU.
std::vector<std::string> requiredFeatures(const CodegenOptions &options);

/// The highest x86-64 psABI level ("x86-64-v4", "x86-64-v3", "x86-64-v2",
/// "x86-64") those features reach: picks the matching ukernels-<level>.bc.
std::string microarchitectureLevel(const CodegenOptions &options);

} // namespace sinkc::codegen

#endif // SINKC_LOWERING_CODEGEN_CODEGEN_H
