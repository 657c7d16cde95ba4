//===- Optimize.cpp - bitcode libraries, target attributes, O-level -------===//

#include "Codegen.h"
#include "Target.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Transforms/IPO/Internalize.h"

using namespace llvm;

namespace sinkc::codegen {
namespace {

/// Links the symbols `module` needs from each bitcode file, as clang's
/// -mlink-builtin-bitcode does: then internalized, so O3 inlines them and
/// drops their bodies, and the .so exports only the generated entry points.
Error linkBitcodeLibraries(Module &module, ArrayRef<std::string> paths) {
  for (const std::string &path : paths) {
    SMDiagnostic diagnostic;
    std::unique_ptr<Module> library =
        parseIRFile(path, diagnostic, module.getContext());
    if (!library) {
      std::string message;
      raw_string_ostream os(message);
      diagnostic.print(nullptr, os, /*ShowColors=*/false);
      return createStringError("cannot read bitcode library '" + path +
                               "': " + StringRef(message).trim());
    }
    // Same target as the module: the kernels were built for x86-64 Linux
    // and differ at most in the vendor field, which Linker would warn about.
    library->setTargetTriple(module.getTargetTriple());
    library->setDataLayout(module.getDataLayout());
    bool failed = Linker::linkModules(
        module, std::move(library), Linker::Flags::LinkOnlyNeeded,
        [](Module &linked, const StringSet<> &fromLibrary) {
          internalizeModule(linked, [&](const GlobalValue &value) {
            return !value.hasName() || !fromLibrary.count(value.getName());
          });
        });
    if (failed)
      return createStringError("cannot link bitcode library '" + path + "'");
  }
  return Error::success();
}

/// One target-cpu / target-features on every function: the inliner refuses
/// to inline a kernel whose features are not a subset of its caller's.
/// "no-builtins" everywhere because the kernels carry it (callers must too,
/// to inline them) and because the .so is linked without libc: no loop may
/// become a memset/memcpy call.
void setFunctionAttributes(Module &module, const ResolvedTarget &target) {
  for (Function &function : module) {
    function.addFnAttr("target-cpu", target.cpu);
    if (target.features.empty())
      function.removeFnAttr("target-features");
    else
      function.addFnAttr("target-features", target.features);
    function.removeFnAttr("tune-cpu");
    if (!function.isDeclaration())
      function.addFnAttr("no-builtins");
  }
}

OptimizationLevel optimizationLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0:
    return OptimizationLevel::O0;
  case 1:
    return OptimizationLevel::O1;
  case 2:
    return OptimizationLevel::O2;
  default:
    return OptimizationLevel::O3;
  }
}

} // namespace

Error optimize(Module &module, const CodegenOptions &options) {
  Expected<std::unique_ptr<TargetMachine>> machine =
      createTargetMachine(options);
  if (!machine)
    return machine.takeError();
  Expected<ResolvedTarget> target = resolveTarget(options);
  if (!target)
    return target.takeError();

  module.setTargetTriple((*machine)->getTargetTriple());
  module.setDataLayout((*machine)->createDataLayout());
  if (Error error = linkBitcodeLibraries(module, options.bitcodeLibraries))
    return error;
  setFunctionAttributes(module, *target);

  std::string problems;
  raw_string_ostream problemStream(problems);
  if (verifyModule(module, &problemStream))
    return createStringError("invalid LLVM IR before optimization: " +
                             StringRef(problems).trim());

  // As `opt -O<n>` does: the standard analyses, the TargetMachine's TTI.
  LoopAnalysisManager loopAnalyses;
  FunctionAnalysisManager functionAnalyses;
  CGSCCAnalysisManager cgsccAnalyses;
  ModuleAnalysisManager moduleAnalyses;
  PassBuilder builder(machine->get());
  builder.registerModuleAnalyses(moduleAnalyses);
  builder.registerCGSCCAnalyses(cgsccAnalyses);
  builder.registerFunctionAnalyses(functionAnalyses);
  builder.registerLoopAnalyses(loopAnalyses);
  builder.crossRegisterProxies(loopAnalyses, functionAnalyses, cgsccAnalyses,
                               moduleAnalyses);
  OptimizationLevel level = optimizationLevel(options.optLevel);
  ModulePassManager passes = level == OptimizationLevel::O0
                                 ? builder.buildO0DefaultPipeline(level)
                                 : builder.buildPerModuleDefaultPipeline(level);
  passes.run(module, moduleAnalyses);
  return Error::success();
}

} // namespace sinkc::codegen
