//===- Commands.h - the subcommands of the sinkc driver ---------*- C++ -*-===//

#ifndef SINKC_TOOLS_SINKC_COMMANDS_H
#define SINKC_TOOLS_SINKC_COMMANDS_H

#include "llvm/Support/CommandLine.h"

namespace sinkc::cli {

extern llvm::cl::SubCommand compileCommand;
extern llvm::cl::SubCommand importCommand;
extern llvm::cl::SubCommand inspectCommand;
extern llvm::cl::SubCommand runCommand;
extern llvm::cl::SubCommand evalCommand;
extern llvm::cl::SubCommand benchCommand;

/// Each returns the process exit code (0 success, 1 error already reported).
int runCompile();
int runImport();
int runInspect();
int runRun();
int runEval();
int runBench();

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_COMMANDS_H
