//===- GpuTarget.h - GPU targets of `sinkc compile --target` -----*- C++ -*-===//
//
// Issue #8: `--target cpu,cuda:sm_90,rocm:gfx942` names the kernel targets
// of one package. A GPU target is a vendor and a chip; this file knows the
// chips sinkc builds for and parses the list, with errors that name the bad
// item and what is supported.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_GPUTARGET_H
#define SINKC_LOWERING_GPU_GPUTARGET_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace sinkc::gpu {

enum class Vendor { Cuda, Rocm };

struct GpuTarget {
  Vendor vendor = Vendor::Cuda;
  std::string chip; ///< "sm_90", "gfx942"

  /// "cuda:sm_90" / "rocm:gfx942": the name in --target and of the
  /// package's kernel section.
  std::string name() const;
  bool operator==(const GpuTarget &other) const {
    return vendor == other.vendor && chip == other.chip;
  }
};

/// What `--target` asked for: the CPU and/or GPU targets, in order, each
/// once.
struct TargetList {
  bool cpu = false;
  std::vector<GpuTarget> gpus;
};

/// The chips of a vendor sinkc builds for, in the order the docs list them.
llvm::ArrayRef<llvm::StringRef> supportedChips(Vendor vendor);

/// Parses "cpu", "cuda:sm_90", "rocm:gfx942" or a comma-separated list of
/// them. Errors: an empty list or item, an unknown vendor or chip, a target
/// named twice.
llvm::Expected<TargetList> parseTargets(llvm::StringRef spec);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_GPUTARGET_H
