//===- HipRuntime.cpp - the HIP runtime, loaded at run time ---------------===//
//
// libamdhip64.so is opened with dlopen and the entry points below are
// resolved once; types, constants and signatures are declared here with
// HIP's ABI (ROCm 5 to 7), so neither ROCm nor a GPU is needed to build.
// HIP's runtime API keeps a current device per thread: every call selects
// the device first (hipSetDevice), then works on one stream created on it.
//
// The architecture name ("gfx942") is only in the device properties, a
// struct whose layout changes between ROCm versions; it is read from
// hipGetDevicePropertiesR0600 (ROCm 6 and later) through the prefix of
// that layout declared below, and left empty on an older runtime.
//
//===----------------------------------------------------------------------===//

#include "device/DriverLibrary.h"

#include <cstddef>
#include <cstdio>
#include <vector>

using namespace sinkrt::device;

namespace {

using hipError_t = int;
using hipDevice_t = int;
using hipDeviceptr_t = void *;
struct ihipModule_t;
using hipModule_t = ihipModule_t *;
struct ihipModuleSymbol_t;
using hipFunction_t = ihipModuleSymbol_t *;
struct ihipStream_t;
using hipStream_t = ihipStream_t *;

constexpr hipError_t hipSuccess = 0;
constexpr hipError_t hipErrorOutOfMemory = 2;
constexpr hipError_t hipErrorNoDevice = 100;
constexpr hipError_t hipErrorInvalidImage = 200;
constexpr hipError_t hipErrorNoBinaryForGpu = 209;
constexpr hipError_t hipErrorInvalidKernelFile = 218;
constexpr hipError_t hipErrorSharedObjectSymbolNotFound = 302;
constexpr hipError_t hipErrorNotFound = 500;

/// hipDeviceProp_tR0600 (hip_runtime_api.h, ROCm 6) up to gcnArchName: the
/// fields the runtime reads and everything before them, for their offsets.
struct HipDevicePropR0600Prefix {
  char name[256];
  unsigned char uuid[16];
  char luid[8];
  unsigned int luidDeviceNodeMask;
  size_t totalGlobalMem, sharedMemPerBlock;
  int regsPerBlock, warpSize;
  size_t memPitch;
  int maxThreadsPerBlock, maxThreadsDim[3], maxGridSize[3], clockRate;
  size_t totalConstMem;
  int major, minor;
  size_t textureAlignment, texturePitchAlignment;
  int deviceOverlap, multiProcessorCount, kernelExecTimeoutEnabled, integrated,
      canMapHostMemory, computeMode;
  int maxTexture1D, maxTexture1DMipmap, maxTexture1DLinear, maxTexture2D[2],
      maxTexture2DMipmap[2], maxTexture2DLinear[3], maxTexture2DGather[2], maxTexture3D[3],
      maxTexture3DAlt[3], maxTextureCubemap, maxTexture1DLayered[2], maxTexture2DLayered[3],
      maxTextureCubemapLayered[2];
  int maxSurface1D, maxSurface2D[2], maxSurface3D[3], maxSurface1DLayered[2],
      maxSurface2DLayered[3], maxSurfaceCubemap, maxSurfaceCubemapLayered[2];
  size_t surfaceAlignment;
  int concurrentKernels, ECCEnabled, pciBusID, pciDeviceID, pciDomainID, tccDriver,
      asyncEngineCount, unifiedAddressing, memoryClockRate, memoryBusWidth, l2CacheSize,
      persistingL2CacheMaxSize, maxThreadsPerMultiProcessor, streamPrioritiesSupported,
      globalL1CacheSupported, localL1CacheSupported;
  size_t sharedMemPerMultiprocessor;
  int regsPerMultiprocessor, managedMemory, isMultiGpuBoard, multiGpuBoardGroupID,
      hostNativeAtomicSupported, singleToDoublePrecisionPerfRatio, pageableMemoryAccess,
      concurrentManagedAccess, computePreemptionSupported, canUseHostPointerForRegisteredMem,
      cooperativeLaunch, cooperativeMultiDeviceLaunch;
  size_t sharedMemPerBlockOptin;
  int pageableMemoryAccessUsesHostPageTables, directManagedMemAccessFromHost,
      maxBlocksPerMultiProcessor, accessPolicyMaxWindowSize;
  size_t reservedSharedMemPerBlock;
  int hostRegisterSupported, sparseHipArraySupported, hostRegisterReadOnlySupported,
      timelineSemaphoreInteropSupported, memoryPoolsSupported, gpuDirectRDMASupported;
  unsigned int gpuDirectRDMAFlushWritesOptions;
  int gpuDirectRDMAWritesOrdering;
  unsigned int memoryPoolSupportedHandleTypes;
  int deferredMappingHipArraySupported, ipcEventSupported, clusterLaunch,
      unifiedFunctionPointers;
  int reserved[63];
  int hipReserved[32];
  char gcnArchName[256];
};
static_assert(offsetof(HipDevicePropR0600Prefix, gcnArchName) == 1160,
              "gcnArchName must be where ROCm 6's hipDeviceProp_tR0600 has it");
/// What the properties call may write: the whole struct is ~1.5 KB in ROCm
/// 6 and 7; the rest is room for growth.
constexpr size_t kPropBufferBytes = 8192;

// Every entry point the runtime calls: name, return type, parameters.
// Optional ones may be missing (older runtimes).
#define SINKRT_HIP_ENTRY_POINTS(X)                                                             \
  X(hipInit, hipError_t, (unsigned int flags))                                                 \
  X(hipGetDeviceCount, hipError_t, (int *count))                                               \
  X(hipDeviceGet, hipError_t, (hipDevice_t * device, int ordinal))                             \
  X(hipDeviceGetName, hipError_t, (char *name, int len, hipDevice_t dev))                      \
  X(hipDeviceTotalMem, hipError_t, (size_t * bytes, hipDevice_t dev))                          \
  X(hipSetDevice, hipError_t, (int device))                                                    \
  X(hipModuleLoadData, hipError_t, (hipModule_t * module, const void *image))                  \
  X(hipModuleUnload, hipError_t, (hipModule_t module))                                         \
  X(hipModuleGetFunction, hipError_t,                                                          \
    (hipFunction_t * function, hipModule_t module, const char *name))                          \
  X(hipMalloc, hipError_t, (void **ptr, size_t bytes))                                         \
  X(hipFree, hipError_t, (void *ptr))                                                          \
  X(hipMemsetD8, hipError_t, (hipDeviceptr_t dst, unsigned char value, size_t count))          \
  X(hipMemcpyHtoD, hipError_t, (hipDeviceptr_t dst, const void *src, size_t bytes))            \
  X(hipMemcpyDtoH, hipError_t, (void *dst, hipDeviceptr_t src, size_t bytes))                  \
  X(hipStreamCreate, hipError_t, (hipStream_t * stream))                                       \
  X(hipStreamDestroy, hipError_t, (hipStream_t stream))                                        \
  X(hipStreamSynchronize, hipError_t, (hipStream_t stream))                                    \
  X(hipModuleLaunchKernel, hipError_t,                                                         \
    (hipFunction_t f, unsigned int gridX, unsigned int gridY, unsigned int gridZ,              \
     unsigned int blockX, unsigned int blockY, unsigned int blockZ, unsigned int sharedBytes,  \
     hipStream_t stream, void **params, void **extra))                                         \
  X(hipGetErrorString, const char *, (hipError_t error))
#define SINKRT_HIP_OPTIONAL_ENTRY_POINTS(X)                                                    \
  X(hipGetErrorName, const char *, (hipError_t error))                                         \
  X(hipDeviceComputeCapability, hipError_t, (int *major, int *minor, hipDevice_t dev))         \
  X(hipGetDevicePropertiesR0600, hipError_t, (void *properties, int device))

struct HipApi {
#define SINKRT_DECLARE_ENTRY(name, result, params) result(*name) params = nullptr;
  SINKRT_HIP_ENTRY_POINTS(SINKRT_DECLARE_ENTRY)
  SINKRT_HIP_OPTIONAL_ENTRY_POINTS(SINKRT_DECLARE_ENTRY)
#undef SINKRT_DECLARE_ENTRY
};

sinkrt_status statusOf(hipError_t r) {
  switch (r) {
  case hipErrorOutOfMemory:
    return SINKRT_ERROR_OUT_OF_MEMORY;
  case hipErrorInvalidImage:
  case hipErrorNoBinaryForGpu:
  case hipErrorInvalidKernelFile:
  case hipErrorSharedObjectSymbolNotFound:
  case hipErrorNotFound:
    return SINKRT_ERROR_INVALID_PACKAGE;
  default:
    return SINKRT_ERROR_INTERNAL;
  }
}

hipDeviceptr_t toHip(DevicePtr p) { return reinterpret_cast<hipDeviceptr_t>(uintptr_t(p)); }

class HipRuntime final : public Driver, public std::enable_shared_from_this<HipRuntime> {
public:
  HipRuntime(std::string library, const HipApi &api) : lib(std::move(library)), api(api) {}

  DeviceKind kind() const override { return DeviceKind::Hip; }
  const std::string &library() const override { return lib; }
  sinkrt_status deviceCount(int &count, std::string &error) override;
  sinkrt_status describe(int index, DeviceInfo &out, std::string &error) override;
  sinkrt_status open(int index, std::unique_ptr<Device> &out, std::string &error) override;

  /// "<runtime's string> (<hipErrorName>)".
  std::string errorText(hipError_t r) const {
    const char *text = api.hipGetErrorString(r);
    const char *name = api.hipGetErrorName ? api.hipGetErrorName(r) : nullptr;
    std::string s = text && *text ? text : "unknown HIP error";
    s += " (";
    s += name && *name ? name : "hipError_t " + std::to_string(r);
    return s + ")";
  }

  const std::string lib;
  const HipApi api;

private:
  sinkrt_status initialize(int &count, std::string &error);
  sinkrt_status checkIndex(int index, std::string &error);
};

class HipDevice final : public Device {
public:
  HipDevice(DeviceInfo info, std::shared_ptr<HipRuntime> runtime)
      : Device(std::move(info)), runtime(std::move(runtime)) {}
  ~HipDevice() override;

  sinkrt_status start(std::string &error);

  sinkrt_status loadModule(const void *image, size_t size, DeviceModule &out,
                           std::string &error) override;
  void unloadModule(DeviceModule module) override;
  sinkrt_status getFunction(DeviceModule module, const std::string &name, DeviceFunction &out,
                            std::string &error) override;
  sinkrt_status allocate(size_t bytes, DevicePtr &out, std::string &error) override;
  void release(DevicePtr ptr) override;
  sinkrt_status fill(DevicePtr dst, uint8_t value, size_t bytes, std::string &error) override;
  sinkrt_status copyToDevice(DevicePtr dst, const void *src, size_t bytes,
                             std::string &error) override;
  sinkrt_status copyToHost(void *dst, DevicePtr src, size_t bytes, std::string &error) override;
  sinkrt_status launch(DeviceFunction function, const LaunchConfig &config, void **args,
                       std::string &error) override;
  sinkrt_status synchronize(std::string &error) override;

private:
  /// Makes the device current on this thread; false with `error` set.
  bool bind(std::string &error);
  sinkrt_status fail(hipError_t r, const std::string &what, std::string &error) const {
    error = "HIP device " + std::to_string(info().index) + ": " + what + " failed: " +
            runtime->errorText(r);
    return statusOf(r);
  }

  std::shared_ptr<HipRuntime> runtime;
  hipStream_t stream = nullptr;
};

sinkrt_status HipRuntime::initialize(int &count, std::string &error) {
  hipError_t r = api.hipInit(0);
  if (r == hipErrorNoDevice) {
    count = 0;
    return SINKRT_OK;
  }
  if (r != hipSuccess) {
    error = "no HIP runtime: hipInit failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  count = 0;
  r = api.hipGetDeviceCount(&count);
  if (r == hipErrorNoDevice) {
    count = 0;
    return SINKRT_OK;
  }
  if (r != hipSuccess) {
    error = "no HIP device: hipGetDeviceCount failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  return SINKRT_OK;
}

sinkrt_status HipRuntime::deviceCount(int &count, std::string &error) {
  return initialize(count, error);
}

sinkrt_status HipRuntime::checkIndex(int index, std::string &error) {
  int count = 0;
  if (sinkrt_status st = initialize(count, error); st != SINKRT_OK)
    return st;
  if (count == 0) {
    hipError_t r = api.hipInit(0);
    int ignored = 0;
    if (r == hipSuccess)
      r = api.hipGetDeviceCount(&ignored);
    error = "no HIP device: " + (r != hipSuccess ? "the runtime says: " + errorText(r)
                                                 : "the runtime (" + lib +
                                                       ") reports no devices");
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  if (index < 0 || index >= count) {
    error = "no HIP device " + std::to_string(index) + ": the runtime reports " +
            std::to_string(count) + (count == 1 ? " device" : " devices");
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }
  return SINKRT_OK;
}

sinkrt_status HipRuntime::describe(int index, DeviceInfo &out, std::string &error) {
  if (sinkrt_status st = checkIndex(index, error); st != SINKRT_OK)
    return st;
  auto failed = [&](const char *call, hipError_t r) {
    error = "HIP device " + std::to_string(index) + ": " + call + " failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  };
  hipDevice_t dev = 0;
  if (hipError_t r = api.hipDeviceGet(&dev, index); r != hipSuccess)
    return failed("hipDeviceGet", r);
  char name[256] = {};
  if (hipError_t r = api.hipDeviceGetName(name, int(sizeof(name) - 1), dev); r != hipSuccess)
    return failed("hipDeviceGetName", r);
  size_t memory = 0;
  if (hipError_t r = api.hipDeviceTotalMem(&memory, dev); r != hipSuccess)
    return failed("hipDeviceTotalMem", r);
  DeviceInfo info;
  info.kind = DeviceKind::Hip;
  info.index = index;
  info.name = name;
  info.memoryBytes = memory;
  if (api.hipDeviceComputeCapability)
    api.hipDeviceComputeCapability(&info.computeMajor, &info.computeMinor, dev);
  if (api.hipGetDevicePropertiesR0600) {
    std::vector<unsigned char> buffer(kPropBufferBytes, 0);
    if (hipError_t r = api.hipGetDevicePropertiesR0600(buffer.data(), index); r != hipSuccess)
      return failed("hipGetDevicePropertiesR0600", r);
    const auto *props = reinterpret_cast<const HipDevicePropR0600Prefix *>(buffer.data());
    std::string arch(props->gcnArchName,
                     strnlen(props->gcnArchName, sizeof(props->gcnArchName)));
    // "gfx90a:sramecc+:xnack-": the target without its feature settings.
    arch = arch.substr(0, arch.find(':'));
    if (arch.rfind("gfx", 0) == 0)
      info.arch = arch;
    info.multiprocessors = props->multiProcessorCount;
    if (!api.hipDeviceComputeCapability) {
      info.computeMajor = props->major;
      info.computeMinor = props->minor;
    }
  }
  out = std::move(info);
  return SINKRT_OK;
}

sinkrt_status HipRuntime::open(int index, std::unique_ptr<Device> &out, std::string &error) {
  DeviceInfo info;
  if (sinkrt_status st = describe(index, info, error); st != SINKRT_OK)
    return st;
  auto device = std::make_unique<HipDevice>(std::move(info), shared_from_this());
  if (sinkrt_status st = device->start(error); st != SINKRT_OK)
    return st;
  out = std::move(device);
  return SINKRT_OK;
}

sinkrt_status HipDevice::start(std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  if (hipError_t r = runtime->api.hipStreamCreate(&stream); r != hipSuccess) {
    stream = nullptr;
    return fail(r, "hipStreamCreate", error);
  }
  return SINKRT_OK;
}

HipDevice::~HipDevice() {
  std::string ignored;
  if (stream && bind(ignored)) {
    runtime->api.hipStreamSynchronize(stream);
    runtime->api.hipStreamDestroy(stream);
  }
}

bool HipDevice::bind(std::string &error) {
  if (hipError_t r = runtime->api.hipSetDevice(info().index); r != hipSuccess) {
    fail(r, "hipSetDevice", error);
    return false;
  }
  return true;
}

sinkrt_status HipDevice::loadModule(const void *image, size_t size, DeviceModule &out,
                                    std::string &error) {
  if (!image || size == 0) {
    error = "HIP device " + std::to_string(info().index) + ": the module image is empty";
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  hipModule_t module = nullptr;
  if (hipError_t r = runtime->api.hipModuleLoadData(&module, image); r != hipSuccess)
    return fail(r, "hipModuleLoadData (" + bytesText(size) + ")", error);
  out.handle = module;
  return SINKRT_OK;
}

void HipDevice::unloadModule(DeviceModule module) {
  std::string ignored;
  if (module.handle && bind(ignored))
    runtime->api.hipModuleUnload(static_cast<hipModule_t>(module.handle));
}

sinkrt_status HipDevice::getFunction(DeviceModule module, const std::string &name,
                                     DeviceFunction &out, std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  hipFunction_t fn = nullptr;
  if (hipError_t r = runtime->api.hipModuleGetFunction(
          &fn, static_cast<hipModule_t>(module.handle), name.c_str());
      r != hipSuccess)
    return fail(r, "hipModuleGetFunction(\"" + name + "\")", error);
  out.handle = fn;
  return SINKRT_OK;
}

sinkrt_status HipDevice::allocate(size_t bytes, DevicePtr &out, std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  void *ptr = nullptr;
  if (hipError_t r = runtime->api.hipMalloc(&ptr, bytes); r != hipSuccess)
    return fail(r, "hipMalloc of " + bytesText(bytes), error);
  out = DevicePtr(uintptr_t(ptr));
  return SINKRT_OK;
}

void HipDevice::release(DevicePtr ptr) {
  std::string ignored;
  if (ptr && bind(ignored))
    runtime->api.hipFree(toHip(ptr));
}

sinkrt_status HipDevice::fill(DevicePtr dst, uint8_t value, size_t bytes, std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (hipError_t r = runtime->api.hipMemsetD8(toHip(dst), value, bytes); r != hipSuccess)
    return fail(r, "hipMemsetD8 of " + bytesText(bytes), error);
  return SINKRT_OK;
}

sinkrt_status HipDevice::copyToDevice(DevicePtr dst, const void *src, size_t bytes,
                                      std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (hipError_t r = runtime->api.hipMemcpyHtoD(toHip(dst), src, bytes); r != hipSuccess)
    return fail(r, "hipMemcpyHtoD of " + bytesText(bytes), error);
  return SINKRT_OK;
}

sinkrt_status HipDevice::copyToHost(void *dst, DevicePtr src, size_t bytes,
                                    std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (hipError_t r = runtime->api.hipMemcpyDtoH(dst, toHip(src), bytes); r != hipSuccess)
    return fail(r, "hipMemcpyDtoH of " + bytesText(bytes), error);
  return SINKRT_OK;
}

sinkrt_status HipDevice::launch(DeviceFunction function, const LaunchConfig &c, void **args,
                                std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (hipError_t r = runtime->api.hipModuleLaunchKernel(
          static_cast<hipFunction_t>(function.handle), c.grid[0], c.grid[1], c.grid[2],
          c.block[0], c.block[1], c.block[2], c.sharedBytes, stream, args, nullptr);
      r != hipSuccess) {
    char dims[128];
    std::snprintf(dims, sizeof(dims),
                  "hipModuleLaunchKernel (grid %ux%ux%u, block %ux%ux%u, %u shared bytes)",
                  c.grid[0], c.grid[1], c.grid[2], c.block[0], c.block[1], c.block[2],
                  c.sharedBytes);
    return fail(r, dims, error);
  }
  return SINKRT_OK;
}

sinkrt_status HipDevice::synchronize(std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (hipError_t r = runtime->api.hipStreamSynchronize(stream); r != hipSuccess)
    return fail(r, "hipStreamSynchronize", error);
  return SINKRT_OK;
}

} // namespace

sinkrt_status sinkrt::device::loadHipRuntime(const std::vector<std::string> &candidates,
                                             std::shared_ptr<Driver> &out, std::string &error) {
  std::string loaded, why;
  void *handle = openLibrary(candidates, loaded, why);
  if (!handle) {
    error = "no HIP runtime: " + why;
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  HipApi api;
#define SINKRT_RESOLVE_ENTRY(name, result, params)                                             \
  if (!resolveSymbol(handle, #name, api.name)) {                                               \
    error = "no HIP runtime: " + loaded + " lacks the entry point " #name;                     \
    return SINKRT_ERROR_UNSUPPORTED_HOST;                                                      \
  }
  SINKRT_HIP_ENTRY_POINTS(SINKRT_RESOLVE_ENTRY)
#undef SINKRT_RESOLVE_ENTRY
#define SINKRT_RESOLVE_OPTIONAL(name, result, params) resolveSymbol(handle, #name, api.name);
  SINKRT_HIP_OPTIONAL_ENTRY_POINTS(SINKRT_RESOLVE_OPTIONAL)
#undef SINKRT_RESOLVE_OPTIONAL
  out = std::make_shared<HipRuntime>(loaded, api);
  return SINKRT_OK;
}
