//===- PackageInspect.h - sinkc inspect PKG.sinkpkg [--json] ----*- C++ -*-===//
//
// What a compiled package holds (docs/package-format.md): the model, the
// tokenizer, the KV-cache groups, the kernel sections, the execution plan's
// entries, the tensors, and for each GPU target of `gpu_launches`
// (docs/gpu-runtime.md) one row per launch with the kernel's resources and
// an estimated occupancy (GpuOccupancy.h), then a summary.
//
// Two halves: describePackage() turns manifest JSON into one JSON object of
// facts (what --json prints), printPackageDescription() renders that object
// as text; inspectPackage() opens and validates the file through the
// runtime (libsinkrt) and calls both. The first two need no file.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_PACKAGEINSPECT_H
#define SINKC_TOOLS_SINKC_PACKAGEINSPECT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace sinkc::cli {

/// Whether `path` should be read as a package rather than a model: its name
/// ends in ".sinkpkg" or the file starts with the package magic.
bool isPackagePath(llvm::StringRef path);

/// The facts about a package whose manifest is `manifestJson`; `path` is
/// recorded as "package". Errors name the manifest field at fault (the
/// runtime does not validate `gpu_launches` yet, so its shape is checked
/// here: an object of arrays of objects).
llvm::Expected<llvm::json::Object> describePackage(llvm::StringRef manifestJson,
                                                   llvm::StringRef path);

/// The text form of describePackage()'s object.
void printPackageDescription(const llvm::json::Object &description, llvm::raw_ostream &os);

/// `sinkc inspect PKG [--json]`: opens `path` through the runtime (which
/// validates it), prints the description, returns the exit code: 1 with
/// "sinkc inspect: <the runtime's message>" on stderr when the file cannot
/// be opened or is not a valid package.
int inspectPackage(const std::string &path, bool asJson);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_PACKAGEINSPECT_H
