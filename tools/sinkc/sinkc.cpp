//===- sinkc.cpp - the sinkc driver ------------------------------------------===//
//
// `sinkc <command> ...`: the one place where importers, passes, lowering and
// the runtime meet. Each command lives in its own file.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "sinkc: compile decoder LLMs through the tfm dialect\n\n"
      "  sinkc compile MODEL -o model.sinkpkg  GGUF file or safetensors folder -> package\n"
      "  sinkc import MODEL -o model.mlir   GGUF file or safetensors folder -> tfm IR\n"
      "  sinkc inspect MODEL|PKG [--json]   what a model file or package holds\n"
      "  sinkc run PKG --prompt TEXT        generate text with a compiled package\n"
      "  sinkc eval PKG --text FILE         perplexity of a package on a text\n"
      "  sinkc bench PKG                    prefill / decode speed against the machine's limits\n\n"
      "`sinkc <command> --help` lists a command's options.\n");
  if (sinkc::cli::compileCommand)
    return sinkc::cli::runCompile();
  if (sinkc::cli::importCommand)
    return sinkc::cli::runImport();
  if (sinkc::cli::inspectCommand)
    return sinkc::cli::runInspect();
  if (sinkc::cli::runCommand)
    return sinkc::cli::runRun();
  if (sinkc::cli::evalCommand)
    return sinkc::cli::runEval();
  if (sinkc::cli::benchCommand)
    return sinkc::cli::runBench();
  llvm::errs() << "sinkc: no command given; commands: compile, import, inspect, run, eval, bench (see sinkc --help)\n";
  return 1;
}
