//===- LaunchDescription.h - what the runtime needs to launch a kernel -*- C++ -*-===//
//
// Issue #8: after outlining, each gpu.launch_func of a schedule function is
// one launch the runtime makes: the kernel's symbol, its parameters in the
// order gpu.launch_func passes them (the order of first use in the launch
// body, not the function's signature), each traced back to the function's
// argument (a binding or scalar of the plan step) or a constant, and a
// static grid and block. With the kernel's resources this is the manifest's
// "gpu_launches" entry (docs/gpu-runtime.md).
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_LAUNCHDESCRIPTION_H
#define SINKC_LOWERING_GPU_LAUNCHDESCRIPTION_H

#include "GpuCompile.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace sinkc::gpu {

struct LaunchParameter {
  enum class Kind { Argument, Constant };
  Kind kind = Kind::Argument;
  int64_t value = 0; ///< the function's argument index, or the constant
};

struct LaunchDescription {
  std::string function; ///< the schedule function that launches it
  std::string module;   ///< its gpu.module
  std::string symbol;   ///< the kernel's name in the binary
  std::vector<LaunchParameter> parameters;
  std::array<int64_t, 3> grid{1, 1, 1}, block{1, 1, 1};
};

/// Every gpu.launch_func of the module's functions, in order. Errors name
/// the launch: a parameter computed in the host function, a grid or block
/// size that is not a constant, dynamic shared memory.
llvm::Expected<std::vector<LaunchDescription>> describeLaunches(mlir::ModuleOp module);

/// The manifest entry: {"kernel", "symbol", "args": [{"argument": i} |
/// {"constant": c}], "grid", "block", "shared_bytes": 0, and from
/// `resources` (when given) "registers", "spills", "static_shared_bytes"}.
llvm::json::Object launchJson(const LaunchDescription &launch,
                              const KernelResources *resources = nullptr);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_LAUNCHDESCRIPTION_H
