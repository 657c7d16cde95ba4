//===- Device.h - GPU devices behind a driver loaded at run time ----------===//
//
// The runtime's device interface (docs/gpu-runtime.md). A `Driver` is one
// GPU library found with dlopen at run time — the CUDA driver API
// (libcuda.so.1) or the HIP runtime (libamdhip64.so) — whose entry points
// are resolved once into a table; nothing links against a GPU library and no
// GPU header is needed to build. A driver enumerates its devices and opens
// one as a `Device`: a context and a stream on which modules (cubin / PTX,
// HSACO) are loaded from memory, device memory is allocated and copied, and
// kernels are launched.
//
// Every failure is a sinkrt_status with one line saying what went wrong, in
// the driver's own words where the driver gave an error:
//   no driver library    SINKRT_ERROR_UNSUPPORTED_HOST
//                        "no CUDA driver: dlopen(libcuda.so.1) failed: ..."
//   a missing entry      SINKRT_ERROR_UNSUPPORTED_HOST
//                        "no CUDA driver: libcuda.so.1 lacks the entry point cuLaunchKernel"
//   init / no device     SINKRT_ERROR_UNSUPPORTED_HOST
//                        "no CUDA device: cuInit failed: <driver's string> (CUDA_ERROR_NO_DEVICE)"
//   out of memory        SINKRT_ERROR_OUT_OF_MEMORY
//   a bad module/symbol  SINKRT_ERROR_INVALID_PACKAGE
//   anything else        SINKRT_ERROR_INTERNAL
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_DEVICE_DEVICE_H
#define SINKRT_DEVICE_DEVICE_H

#include "sinkrt/sinkrt.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sinkrt::device {

enum class DeviceKind { Cpu, Cuda, Hip };

/// "cpu", "cuda", "hip".
const char *kindName(DeviceKind kind);
/// "CPU", "CUDA", "HIP": the word messages use.
const char *kindTitle(DeviceKind kind);

/// A device as the user names it: "cpu", "cuda", "hip", optionally with an
/// index ("cuda:1"); empty means "cpu".
struct DeviceSpec {
  DeviceKind kind = DeviceKind::Cpu;
  int index = 0;
};

/// Parses `text` into `out`; an error naming the text when it is not a
/// device name, empty on success.
std::string parseDeviceSpec(std::string_view text, DeviceSpec &out);

/// What discovery says about one device.
struct DeviceInfo {
  DeviceKind kind = DeviceKind::Cpu;
  int index = 0;
  std::string name;       ///< "NVIDIA H100 80GB HBM3", "AMD Instinct MI300X"
  /// The kernel target the device runs: "sm_90" (from the compute
  /// capability), "gfx942" (HIP's gcnArchName without its feature suffix),
  /// "x86_64"; empty when the driver does not say.
  std::string arch;
  int computeMajor = 0, computeMinor = 0; ///< CUDA compute capability (HIP's approximation)
  uint64_t memoryBytes = 0;
  int multiprocessors = 0; ///< SMs / CUs / hardware threads; 0 when unknown

  /// One line of JSON: {"kind", "index", "name", "arch", "memory_bytes",
  /// "multiprocessors"} (and "compute_capability" for CUDA).
  std::string json() const;
};

/// An address in device memory (CUdeviceptr, hipDeviceptr_t).
using DevicePtr = uint64_t;

/// A module (CUmodule, hipModule_t) and a kernel in it (CUfunction,
/// hipFunction_t), as the driver hands them out.
struct DeviceModule {
  void *handle = nullptr;
};
struct DeviceFunction {
  void *handle = nullptr;
};

/// A kernel launch: grid and block sizes, dynamic shared memory.
struct LaunchConfig {
  uint32_t grid[3] = {1, 1, 1};
  uint32_t block[3] = {1, 1, 1};
  uint32_t sharedBytes = 0;
};

/// One opened device: a context made current on the calling thread by every
/// call, and one stream on which kernels run in order. One thread at a time
/// may use a device (as a session). Copies are synchronous: they wait for
/// the stream's earlier work and return when the bytes have arrived.
class Device {
public:
  virtual ~Device();

  const DeviceInfo &info() const { return deviceInfo; }
  DeviceKind kind() const { return deviceInfo.kind; }

  /// Loads a module from `size` bytes at `image` (cubin, fatbin or
  /// NUL-terminated PTX for CUDA; HSACO for HIP; the drivers read the size
  /// from the image itself).
  virtual sinkrt_status loadModule(const void *image, size_t size, DeviceModule &out,
                                   std::string &error) = 0;
  /// Unloads a module; its functions become invalid. Null is allowed.
  virtual void unloadModule(DeviceModule module) = 0;
  /// The kernel named `name` (its symbol) in `module`.
  virtual sinkrt_status getFunction(DeviceModule module, const std::string &name,
                                    DeviceFunction &out, std::string &error) = 0;

  /// `bytes` (> 0) of device memory, at least 256-byte aligned.
  virtual sinkrt_status allocate(size_t bytes, DevicePtr &out, std::string &error) = 0;
  /// Frees what allocate returned; 0 is allowed.
  virtual void release(DevicePtr ptr) = 0;
  virtual sinkrt_status fill(DevicePtr dst, uint8_t value, size_t bytes, std::string &error) = 0;
  virtual sinkrt_status copyToDevice(DevicePtr dst, const void *src, size_t bytes,
                                     std::string &error) = 0;
  virtual sinkrt_status copyToHost(void *dst, DevicePtr src, size_t bytes,
                                   std::string &error) = 0;

  /// Queues `function` on the stream. `args` holds one pointer per kernel
  /// parameter, pointing at its value (the driver copies the values before
  /// returning, so they may change afterwards).
  virtual sinkrt_status launch(DeviceFunction function, const LaunchConfig &config,
                               void **args, std::string &error) = 0;
  /// Waits for everything queued on the stream; a kernel's fault shows here.
  virtual sinkrt_status synchronize(std::string &error) = 0;

protected:
  explicit Device(DeviceInfo info) : deviceInfo(std::move(info)) {}
  DeviceInfo deviceInfo;
};

/// One GPU library, loaded once per process and path, never unloaded
/// (GPU drivers do not support being unloaded).
class Driver {
public:
  virtual ~Driver();

  virtual DeviceKind kind() const = 0;
  /// The path or name it was loaded from.
  virtual const std::string &library() const = 0;

  /// Initializes the driver and counts its devices. A driver that reports
  /// no device (or whose initialization says so) counts 0 with SINKRT_OK;
  /// any other initialization failure is an error.
  virtual sinkrt_status deviceCount(int &count, std::string &error) = 0;
  /// Name, arch and memory of device `index`; a "no <kind> device" error
  /// when there is none.
  virtual sinkrt_status describe(int index, DeviceInfo &out, std::string &error) = 0;
  /// Opens device `index` (context and stream). The device keeps the
  /// driver alive.
  virtual sinkrt_status open(int index, std::unique_ptr<Device> &out, std::string &error) = 0;
};

/// The library loaded for `kind` (Cuda or Hip) when no path is given: the
/// environment's SINKRT_CUDA_LIBRARY / SINKRT_HIP_LIBRARY when set and
/// non-empty, else the system's ("libcuda.so.1"; "libamdhip64.so", then its
/// versioned names).
std::string defaultLibrary(DeviceKind kind);

/// Loads (or finds already loaded) the driver of `kind` from `library`
/// (empty: defaultLibrary(kind)) and resolves its whole entry-point table.
/// On failure `out` is untouched and the status is
/// SINKRT_ERROR_UNSUPPORTED_HOST with "no CUDA driver: ..." /
/// "no HIP runtime: ...". Thread-safe.
sinkrt_status loadDriver(DeviceKind kind, const std::string &library,
                         std::shared_ptr<Driver> &out, std::string &error);

/// What the CPU reports as a device: the host's model name, "x86_64" /
/// "aarch64", memory and hardware threads.
DeviceInfo hostCpuInfo();

/// Counts the devices of `kind` (the CPU is one device); errors as
/// Driver::deviceCount and loadDriver.
sinkrt_status countDevices(DeviceKind kind, int &count, std::string &error);
/// Describes device `index` of `kind`.
sinkrt_status describeDevice(DeviceKind kind, int index, DeviceInfo &out, std::string &error);
/// Opens a GPU device (kind Cuda or Hip) through the default library.
sinkrt_status openDevice(const DeviceSpec &spec, std::unique_ptr<Device> &out,
                         std::string &error);

} // namespace sinkrt::device

#endif // SINKRT_DEVICE_DEVICE_H
