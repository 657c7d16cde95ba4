//===- Registry.h - every pass sinkc tools offer ----------------*- C++ -*-===//
//
// One list of passes for sinkc-opt, the sinkc driver and Python: sinkc's own
// (Passes.td) and the upstream transforms its pipelines use. MLIR's global
// registry cannot be enumerated, so this list is also what `list_passes`
// reports.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_PASSES_REGISTRY_H
#define SINKC_PASSES_REGISTRY_H

#include <string>
#include <utility>
#include <vector>

namespace sinkc {

struct PassDescription {
  std::string argument; ///< the flag, e.g. "tfm-print-cost"
  std::string summary;
  /// Option name and default value, as the textual pipeline prints them.
  std::vector<std::pair<std::string, std::string>> options;
};

/// Registers every pass with MLIR's registry (idempotent, thread-safe).
void registerAllPasses();

/// The passes registerAllPasses() registers, sorted by argument.
std::vector<PassDescription> listPasses();

} // namespace sinkc

#endif // SINKC_PASSES_REGISTRY_H
