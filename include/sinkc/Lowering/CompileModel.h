//===- CompileModel.h - a model file to a .sinkpkg --------------*- C++ -*-===//
//
// What `sinkc compile` and `sinkc.compile` do: import (GGUF or a Hugging
// Face folder), form and outline dispatches, build the execution plan, lower
// the dispatch functions with the sinkc-cpu-pipeline, generate the kernel
// shared object in-process, and write the package. Stops early for
// --emit=mlir|llvm|obj.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_COMPILEMODEL_H
#define SINKC_LOWERING_COMPILEMODEL_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <functional>
#include <string>

namespace sinkc::compiler {

struct CompileOptions {
  /// Comma-separated: cpu, cuda:sm_80|86|90|100|120, rocm:gfx90a|942|1100.
  std::string target = "cpu";
  /// The CPU kernel section is the CPU build of the GPU schedules (every
  /// dispatch one workgroup): GPU numerics, checked on a host.
  bool emulateGpu = false;
  /// The most KV slots (session context) GPU attention kernels take; 0:
  /// the model's context length.
  int64_t gpuMaxContext = 0;
  /// "native" (this machine's x86-64 level), "host" (this exact CPU) or an
  /// LLVM x86-64 CPU name (x86-64-v3, x86-64-v4, znver4, ...).
  std::string cpu = "native";
  unsigned optLevel = 3;
  std::string kvType = "f16";
  /// "" (the model's own), "full" or "sinks=N,window=W".
  std::string kvPolicy;
  int64_t prefillChunk = 128;
  /// Most workgroups one dispatch is split into (tfm-tile-dispatches).
  int64_t workgroups = 4;
  /// GpuSchedules / GpuKernels / GpuAsm: the GPU build's stages (the
  /// dispatches' schedules; mapped and outlined into one gpu.module; PTX or
  /// AMDGCN of the first GPU target).
  enum class Emit { Mlir, Llvm, Obj, Pkg, GpuSchedules, GpuKernels, GpuAsm };
  Emit emit = Emit::Pkg;
  /// Taps: per-layer hidden states and per-head attention mass on the first
  /// `massPositions` positions, kept for `sinkc run --dump`.
  bool taps = false;
  int64_t massPositions = 4;
  /// Matmuls on q4_0 / q4_1 / q8_0 weights quantize their activations to
  /// int8 per block of 32 (the `_q8a` microkernels).
  bool int8Activations = false;
  /// Print the module after every pass to stderr.
  bool printIrAfterAll = false;
  /// Called as each stage starts ("import", "lower", "codegen", "package").
  std::function<void(llvm::StringRef stage)> progress;
};

/// Compiles `modelPath` (a GGUF file, a checkpoint folder or a .mlir module)
/// and writes `outputPath` (a package, or the stage
/// --emit asks for). Errors name the file or op at fault.
llvm::Error compileModel(llvm::StringRef modelPath, llvm::StringRef outputPath,
                         const CompileOptions &options);

/// Compiles a tfm module (as `sinkc import` makes it, possibly transformed;
/// outlined or not). Weights and tokenizer come from `modelPath`, or when
/// empty from the model file the module's tfm.tokenizer names.
llvm::Error compileModule(mlir::ModuleOp module, llvm::StringRef modelPath,
                          llvm::StringRef outputPath, const CompileOptions &options);

/// The ukernel bitcode for an x86-64 level: $SINKC_UKERNELS_DIR, then
/// <dir of the running program>/../lib/ukernels, then the build tree's.
std::string ukernelBitcodePath(llvm::StringRef level);

} // namespace sinkc::compiler

#endif // SINKC_LOWERING_COMPILEMODEL_H
