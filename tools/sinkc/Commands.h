//===- Commands.h - the subcommands of the sinkc driver ---------*- C++ -*-===//

#ifndef SINKC_TOOLS_SINKC_COMMANDS_H
#define SINKC_TOOLS_SINKC_COMMANDS_H

#include "llvm/Support/CommandLine.h"

namespace sinkc::cli {

extern llvm::cl::SubCommand importCommand;
extern llvm::cl::SubCommand inspectCommand;

/// Each returns the process exit code (0 success, 1 error already reported).
int runImport();
int runInspect();

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_COMMANDS_H
