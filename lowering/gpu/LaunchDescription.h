//===- LaunchDescription.h - what the runtime needs to launch a kernel -*- C++ -*-===//
//
// Issue #8: after outlining, each gpu.launch_func of a schedule function is
// one launch the runtime makes: the kernel's symbol, its parameters in the
// order gpu.launch_func passes them (the order of first use in the launch
// body, not the function's signature), each traced back to the function's
// argument (a binding or scalar of the plan step) or a constant, and a
// static grid and block. With the arguments mapped to the plan step's
// bindings and scalars and the kernel's resources, this is the manifest's
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

/// What a schedule function's argument is in the plan step that runs it:
/// one of the step's bindings (an 8-byte device address) or scalars (i64),
/// or an address `index` bytes into the device's scratch buffer.
struct StepOperand {
  enum class Kind { Binding, Scalar, Scratch };
  Kind kind = Kind::Binding;
  int64_t index = 0;
};

/// The manifest's "gpu_launches" entry (docs/gpu-runtime.md) for a launch
/// whose function arguments are `arguments` of the plan step `kernel`:
/// {"kernel", "symbol", "args": [{"binding": i} | {"scalar": i} |
/// {"scratch": bytes}], "grid", "block", "shared_bytes": 0, and from
/// `resources` (when given) "registers", "spills", "static_shared_bytes",
/// "private_bytes"}. Errors: a constant parameter (the
/// runtime passes step operands only) or an argument outside `arguments`.
llvm::Expected<llvm::json::Object> manifestLaunch(const LaunchDescription &launch,
                                                  llvm::StringRef kernel,
                                                  llvm::ArrayRef<StepOperand> arguments,
                                                  const KernelResources *resources = nullptr);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_LAUNCHDESCRIPTION_H
