//===- DeviceBackend.h - where a session's buffers live and steps run -----===//
//
// The hook a session uses to run its execution plan somewhere other than
// the host (docs/gpu-runtime.md). The session keeps what it does today —
// validating the plan, checking ids and positions, chunking prompts, taps —
// and hands the backend the parts that depend on the device:
//
//   at create   uploadWeights, allocateKvCache, allocateWorkspace,
//               allocateScratch, loadKernels
//   per call    writeWorkspace (the token ids), runStep per plan step,
//               readWorkspace (logits, taps; waits for the steps)
//   reset       resetKvCache
//
// GpuBackend implements it over a Device (CUDA or HIP): the weights section
// is uploaded as one buffer (tensor offsets are kept, so every tensor stays
// 64-byte aligned), each KV policy group, the workspace and the GPU scratch
// buffer get one zeroed buffer, and a step becomes the launches of its
// kernel's GpuKernelLaunch entries, in manifest order, each with its own
// constant grid and block and its arguments marshalled per the entry.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_DEVICE_DEVICEBACKEND_H
#define SINKRT_DEVICE_DEVICEBACKEND_H

#include "core/KvCache.h"
#include "device/Device.h"
#include "device/GpuKernelLaunch.h"
#include "exec/ExecutionPlan.h"
#include "package/PackageReader.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sinkrt::device {

/// The values of a step's run that scalars and linear forms depend on.
struct StepContext {
  int64_t tokens = 1;   ///< the step's tokens: its `tokens` scalar and workgroups
  int64_t position = 0; ///< absolute position of the step's first token
  int64_t context = 0;  ///< slots of the full-attention groups
  /// Rows of the call the step skips: a row-wise step run for the last
  /// token only (docs/execution-plan.md, "Row-wise steps") has tokens 1,
  /// skippedRows the call's tokens - 1, and its workspace bindings at
  /// offset(tokens + skippedRows) + skippedRows * row_bytes. 0 otherwise.
  int64_t skippedRows = 0;
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
  /// The GPU kernels' scratch buffer (manifest "gpu_scratch_bytes"),
  /// zeroed; scratch arguments are addresses into it. 0 bytes: none.
  virtual sinkrt_status allocateScratch(size_t bytes, std::string &error) = 0;
  /// Loads the kernel blob and resolves the symbol of every entry of
  /// `launches` (the manifest's list for the blob's section).
  virtual sinkrt_status loadKernels(const PackageReader::Blob &blob,
                                    const std::vector<GpuKernelLaunch> &launches,
                                    std::string &error) = 0;

  /// Host bytes into the workspace at `offset` (the token ids).
  virtual sinkrt_status writeWorkspace(size_t offset, const void *src, size_t bytes,
                                       std::string &error) = 0;
  /// Queues one plan step: every launch of its kernel, in the order loaded
  /// (none when its workgroups are 0 for the call); steps run in the order
  /// queued.
  virtual sinkrt_status runStep(const PlanStep &step, const StepContext &call,
                                std::string &error) = 0;
  /// Workspace bytes at `offset` into host memory, once the queued steps
  /// have finished (logits, taps).
  virtual sinkrt_status readWorkspace(size_t offset, void *dst, size_t bytes,
                                      std::string &error) = 0;
  /// Zeroes the KV cache (a session's reset).
  virtual sinkrt_status resetKvCache(std::string &error) = 0;
  /// Waits for the queued steps (per-step profiling); a kernel's fault
  /// shows here.
  virtual sinkrt_status synchronize(std::string &error) = 0;
  /// Bytes of the KV cache's buffers together.
  virtual size_t kvCacheBytes() const = 0;
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
  sinkrt_status allocateScratch(size_t bytes, std::string &error) override;
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
  sinkrt_status synchronize(std::string &error) override { return device->synchronize(error); }
  size_t kvCacheBytes() const override;

  /// Device addresses, for tests and for tools that inspect a session.
  DevicePtr weightsAddress() const { return weights; }
  DevicePtr kvAddress(size_t group) const { return kv[group].ptr; }
  size_t kvBytes(size_t group) const { return kv[group].bytes; }
  DevicePtr workspaceAddress() const { return workspace; }
  DevicePtr scratchAddress() const { return scratch; }
  size_t scratchBytes() const { return scratchSize; }
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
  sinkrt_status launchOne(const PlanStep &step, const StepContext &call, const Kernel &kernel,
                          std::string &error);
  sinkrt_status checkRange(const char *what, size_t offset, size_t bytes, size_t size,
                           std::string &error) const;

  std::unique_ptr<Device> device;
  DevicePtr weights = 0;
  uint64_t weightsBytes = 0;
  std::vector<Buffer> kv;
  DevicePtr workspace = 0;
  size_t workspaceBytes = 0;
  DevicePtr scratch = 0;
  size_t scratchSize = 0;
  DeviceModule module;
  /// Per plan kernel name, its launches in manifest order.
  std::unordered_map<std::string, std::vector<Kernel>> kernels;
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
