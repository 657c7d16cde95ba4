//===- Target.h - x86-64 TargetMachine for sinkc's codegen ------*- C++ -*-===//
//
// Internal to SinkcCodegen: resolves CodegenOptions (CPU name, "host",
// extra features) to what LLVM needs, and creates the TargetMachine.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_CODEGEN_TARGET_H
#define SINKC_LOWERING_CODEGEN_TARGET_H

#include "Codegen.h"

#include "llvm/Target/TargetMachine.h"

namespace sinkc::codegen {

/// CPU and feature string as passed to LLVM: "host" becomes the host's CPU
/// name and its full +/- feature list (as clang's -march=native does).
struct ResolvedTarget {
  std::string cpu;
  std::string features;
};

/// Validates the CPU name and each feature; the error names the bad one.
llvm::Expected<ResolvedTarget> resolveTarget(const CodegenOptions &options);

/// A PIC TargetMachine for x86_64 Linux at the options' optimization level.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const CodegenOptions &options);

} // namespace sinkc::codegen

#endif // SINKC_LOWERING_CODEGEN_TARGET_H
