//===- GpuKernelLaunch.h - one GPU kernel launch of a plan step ----------===//
//
// An entry of the manifest's "gpu_launches" (docs/gpu-runtime.md, format 1):
// which kernel of a GPU kernel section a plan step launches, with which
// parameters, grid and block. A plan step runs every entry of its kernel,
// in manifest order. The manifest reader (package/Manifest.cpp) fills and
// validates these; GpuBackend (DeviceBackend.h) runs them. A header of its
// own so that the manifest can hold them without the device layer.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_DEVICE_GPUKERNELLAUNCH_H
#define SINKRT_DEVICE_GPUKERNELLAUNCH_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sinkrt::device {

/// How one GPU kernel of a plan step is called.
struct GpuKernelLaunch {
  /// The plan's kernel name (PlanStep::kernel) this entry serves.
  std::string kernel;
  /// The kernel's symbol in the module (the gpu.func name).
  std::string symbol;
  /// One 8-byte kernel parameter: a step binding (its device address) or a
  /// step scalar (an int64), by index into the step's lists, or an address
  /// `offset` bytes into the session's GPU scratch buffer.
  struct Arg {
    enum class Kind { Binding, Scalar, Scratch };
    Kind kind = Kind::Binding;
    size_t index = 0;    ///< Binding, Scalar
    uint64_t offset = 0; ///< Scratch: bytes into the scratch buffer
  };
  /// The parameters in the order gpu.launch_func passes them (the order of
  /// first use in the launch body, not the function's signature).
  std::vector<Arg> args;
  /// Constant: the kernels are compiled for the entry's max_tokens and skip
  /// the tokens past the call's.
  uint32_t grid[3] = {1, 1, 1};
  uint32_t block[3] = {1, 1, 1};
  /// Dynamic shared memory; sinkc's kernels use static shared memory (0).
  uint32_t sharedBytes = 0;
  /// For `sinkc inspect` and checks; the runtime ignores them (0 when the
  /// manifest does not give them). CUDA registers per thread / ROCm VGPRs;
  /// spill bytes (ROCm: VGPR + SGPR spill count); static shared (LDS)
  /// bytes; CUDA stack frame / ROCm private segment bytes.
  int64_t registers = 0, spills = 0, staticSharedBytes = 0, privateBytes = 0;
};

} // namespace sinkrt::device

#endif // SINKRT_DEVICE_GPUKERNELLAUNCH_H
