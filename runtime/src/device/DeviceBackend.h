//===- DeviceBackend.h - where a session's buffers live and steps run -----===//
//
// The hook a session uses to run its execution plan somewhere other than
// the host (docs/gpu-runtime.md). The session keeps what it does today —
// validating the plan, checking ids and positions, chunking prompts, taps —
// and hands the backend the parts that depend on the device:
//
//   at create   uploadWeights, allocateKvCache, allocateWorkspace, loadKernels
//   per call    writeWorkspace (the token ids), runStep per plan step,
//               readWorkspace (logits, taps; waits for the steps)
//   reset       resetKvCache
//
// GpuBackend implements it over a Device (CUDA or HIP): the weights section
// is uploaded as one buffer (tensor offsets are kept, so every tensor stays
// 64-byte aligned), each KV policy group and the workspace get one zeroed
// buffer, and a step becomes one launch whose grid is the step's workgroup
// count, with its arguments marshalled per the kernel's GpuKernelLaunch.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_DEVICE_DEVICEBACKEND_H
#define SINKRT_DEVICE_DEVICEBACKEND_H

#include "core/KvCache.h"
#include "device/Device.h"
#include "exec/ExecutionPlan.h"
#include "package/PackageReader.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sinkrt::device {

/// How the GPU kernel of a plan step is called: the launch manifest the
/// compiler writes per kernel (docs/gpu-runtime.md).
struct GpuKernelLaunch {
  /// The plan's kernel name (PlanStep::kernel) this entry serves.
  std::string kernel;
  /// The kernel's symbol in the module (the gpu.func name).
  std::string symbol;
  /// One kernel parameter: a step binding (its 8-byte device address) or a
  /// step scalar (an int64), by index into the step's lists.
  struct Arg {
    enum class Kind { Binding, Scalar };
    Kind kind = Kind::Binding;
    size_t index = 0;
  };
  /// The parameters in the order gpu.launch_func passes them (the order of
  /// first use in the launch body, not the function's signature).
  std::vector<Arg> args;
  uint32_t block[3] = {1, 1, 1};
  /// Dynamic shared memory; sinkc's kernels use static shared memory (0).
  uint32_t sharedBytes = 0;
};

/// The values of a call that scalars and linear forms depend on.
struct StepContext {
  int64_t tokens = 1;   ///< this call's tokens
  int64_t position = 0; ///< absolute position of its first token
  int64_t context = 0;  ///< slots of the full-attention groups
};

class DeviceBackend {
public:
  virtual ~DeviceBackend();

  virtual const DeviceInfo &info() const = 0;

  /// Makes every tensor of the package's weights section readable by the
  /// kernels.
  virtual sinkrt_status uploadWeights(const PackageReader &package, std::string &error) = 0;
  /// One zeroed buffer per policy group (docs/kv-abi.md); full groups get
  /// `ctx` slots.
  virtual sinkrt_status allocateKvCache(const std::vector<KvGroupDesc> &groups, int64_t ctx,
                                        std::string &error) = 0;
  /// The plan's workspace (the larger entry's, at its max_tokens), zeroed.
  virtual sinkrt_status allocateWorkspace(size_t bytes, std::string &error) = 0;
  /// Loads the kernel blob and resolves every kernel of `launches`.
  virtual sinkrt_status loadKernels(const PackageReader::Blob &blob,
                                    const std::vector<GpuKernelLaunch> &launches,
                                    std::string &error) = 0;

  /// Host bytes into the workspace at `offset` (the token ids).
  virtual sinkrt_status writeWorkspace(size_t offset, const void *src, size_t bytes,
                                       std::string &error) = 0;
  /// Queues one plan step; steps run in the order queued.
  virtual sinkrt_status runStep(const PlanStep &step, const StepContext &call,
                                std::string &error) = 0;
  /// Workspace bytes at `offset` into host memory, once the queued steps
  /// have finished (logits, taps).
  virtual sinkrt_status readWorkspace(size_t offset, void *dst, size_t bytes,
                                      std::string &error) = 0;
  /// Zeroes the KV cache (a session's reset).
  virtual sinkrt_status resetKvCache(std::string &error) = 0;
};

/// DeviceBackend over a CUDA or HIP device.
class GpuBackend final : public DeviceBackend {
public:
  explicit GpuBackend(std::unique_ptr<Device> device) : device(std::move(device)) {}
  ~GpuBackend() override;
  GpuBackend(const GpuBackend &) = delete;
  GpuBackend &operator=(const GpuBackend &) = delete;

  const DeviceInfo &info() const override { return device->info(); }
  sinkrt_status uploadWeights(const PackageReader &package, std::string &error) override;
  sinkrt_status allocateKvCache(const std::vector<KvGroupDesc> &groups, int64_t ctx,
                                std::string &error) override;
  sinkrt_status allocateWorkspace(size_t bytes, std::string &error) override;
  sinkrt_status loadKernels(const PackageReader::Blob &blob,
                            const std::vector<GpuKernelLaunch> &launches,
                            std::string &error) override;
  sinkrt_status writeWorkspace(size_t offset, const void *src, size_t bytes,
                               std::string &error) override;
  sinkrt_status runStep(const PlanStep &step, const StepContext &call,
                        std::string &error) override;
  sinkrt_status readWorkspace(size_t offset, void *dst, size_t bytes,
                              std::string &error) override;
  sinkrt_status resetKvCache(std::string &error) override;

  /// Device addresses, for tests and for tools that inspect a session.
  DevicePtr weightsAddress() const { return weights; }
  DevicePtr kvAddress(size_t group) const { return kv[group].ptr; }
  size_t kvBytes(size_t group) const { return kv[group].bytes; }
  DevicePtr workspaceAddress() const { return workspace; }
  Device &gpu() { return *device; }

private:
  struct Buffer {
    DevicePtr ptr = 0;
    size_t bytes = 0;
  };
  struct Kernel {
    GpuKernelLaunch launch;
    DeviceFunction function;
  };
  sinkrt_status checkRange(const char *what, size_t offset, size_t bytes, size_t size,
                           std::string &error) const;

  std::unique_ptr<Device> device;
  DevicePtr weights = 0;
  uint64_t weightsBytes = 0;
  std::vector<Buffer> kv;
  DevicePtr workspace = 0;
  size_t workspaceBytes = 0;
  DeviceModule module;
  std::unordered_map<std::string, Kernel> kernels;
  /// Argument storage reused by every launch (the driver copies it).
  std::vector<uint64_t> argValues;
  std::vector<void *> argPointers;
};

/// The kernel section of `package` that `device` runs: "cuda-<arch>" /
/// "hip-<arch>" exactly (e.g. "cuda-sm_90", "hip-gfx942"); for CUDA also a
/// cubin of the same major version and a lower minor ("cuda-sm_80" on an
/// sm_86 device), the highest such. Empty when there is none.
std::string selectKernelTarget(const PackageReader &package, const DeviceInfo &device);

/// Opens the device `spec` names (CUDA or HIP) for `package` and checks
/// that the package has kernels for it. Errors: the driver's (no driver,
/// no device: SINKRT_ERROR_UNSUPPORTED_HOST), or SINKRT_ERROR_INVALID_PACKAGE
/// naming the device's target and the package's kernel sections.
sinkrt_status openGpuBackend(const DeviceSpec &spec, const PackageReader &package,
                             std::unique_ptr<GpuBackend> &out, std::string &target,
                             std::string &error);

} // namespace sinkrt::device

#endif // SINKRT_DEVICE_DEVICEBACKEND_H
