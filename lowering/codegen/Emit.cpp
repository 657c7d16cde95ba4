//===- Emit.cpp - object and assembly from the TargetMachine --------------===//

#include "Codegen.h"
#include "Target.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace sinkc::codegen {
namespace {

Expected<std::string> emit(Module &module, const CodegenOptions &options,
                           CodeGenFileType kind) {
  Expected<std::unique_ptr<TargetMachine>> machine =
      createTargetMachine(options);
  if (!machine)
    return machine.takeError();
  // optimize() normally did this; emitting an unoptimized module works too.
  module.setTargetTriple((*machine)->getTargetTriple());
  module.setDataLayout((*machine)->createDataLayout());

  SmallString<0> buffer;
  raw_svector_ostream os(buffer);
  // The backend still runs on the legacy pass manager.
  legacy::PassManager passes;
  if ((*machine)->addPassesToEmitFile(passes, os, nullptr, kind))
    return createStringError("the x86-64 backend cannot emit this file type");
  passes.run(module);
  return std::string(buffer.str());
}

} // namespace

Expected<std::string> emitObject(Module &module,
                                 const CodegenOptions &options) {
  return emit(module, options, CodeGenFileType::ObjectFile);
}

Expected<std::string> emitAssembly(Module &module,
                                   const CodegenOptions &options) {
  return emit(module, options, CodeGenFileType::AssemblyFile);
}

} // namespace sinkc::codegen
