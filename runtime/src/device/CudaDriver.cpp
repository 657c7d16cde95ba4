//===- CudaDriver.cpp - the CUDA driver API, loaded at run time -----------===//
//
// libcuda.so.1 is opened with dlopen and the entry points below are resolved
// once; the types, constants and signatures are declared here with the
// driver API's ABI (cuda.h of CUDA 11 to 13), so neither the CUDA toolkit
// nor a GPU is needed to build. Where cuda.h maps a name to a versioned
// symbol (cuMemAlloc -> cuMemAlloc_v2) the table names the exported symbol.
//
// Each device uses its primary context (shared with any other CUDA user in
// the process, e.g. a framework), made current on the calling thread by
// every call, and one stream created with default flags: it is ordered with
// the legacy default stream on which the synchronous copies run.
//
//===----------------------------------------------------------------------===//

#include "device/DriverLibrary.h"

#include <cstdio>

using namespace sinkrt::device;

namespace {

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;
struct CUctx_st;
using CUcontext = CUctx_st *;
struct CUmod_st;
using CUmodule = CUmod_st *;
struct CUfunc_st;
using CUfunction = CUfunc_st *;
struct CUstream_st;
using CUstream = CUstream_st *;

constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_OUT_OF_MEMORY = 2;
constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;
constexpr CUresult CUDA_ERROR_INVALID_IMAGE = 200;
constexpr CUresult CUDA_ERROR_NO_BINARY_FOR_GPU = 209;
constexpr CUresult CUDA_ERROR_INVALID_PTX = 218;
constexpr CUresult CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;
constexpr CUresult CUDA_ERROR_SHARED_OBJECT_SYMBOL_NOT_FOUND = 302;
constexpr CUresult CUDA_ERROR_NOT_FOUND = 500;

constexpr int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

// Every entry point the runtime calls: name, parameters.
#define SINKRT_CUDA_ENTRY_POINTS(X)                                                            \
  X(cuInit, (unsigned int flags))                                                              \
  X(cuDeviceGetCount, (int *count))                                                            \
  X(cuDeviceGet, (CUdevice * device, int ordinal))                                             \
  X(cuDeviceGetName, (char *name, int len, CUdevice dev))                                      \
  X(cuDeviceGetAttribute, (int *value, int attribute, CUdevice dev))                           \
  X(cuDeviceTotalMem_v2, (size_t * bytes, CUdevice dev))                                       \
  X(cuDevicePrimaryCtxRetain, (CUcontext * ctx, CUdevice dev))                                 \
  X(cuDevicePrimaryCtxRelease_v2, (CUdevice dev))                                              \
  X(cuCtxSetCurrent, (CUcontext ctx))                                                          \
  X(cuModuleLoadData, (CUmodule * module, const void *image))                                  \
  X(cuModuleUnload, (CUmodule module))                                                         \
  X(cuModuleGetFunction, (CUfunction * function, CUmodule module, const char *name))           \
  X(cuMemAlloc_v2, (CUdeviceptr * ptr, size_t bytes))                                          \
  X(cuMemFree_v2, (CUdeviceptr ptr))                                                           \
  X(cuMemsetD8_v2, (CUdeviceptr dst, unsigned char value, size_t count))                       \
  X(cuMemcpyHtoD_v2, (CUdeviceptr dst, const void *src, size_t bytes))                         \
  X(cuMemcpyDtoH_v2, (void *dst, CUdeviceptr src, size_t bytes))                               \
  X(cuStreamCreate, (CUstream * stream, unsigned int flags))                                   \
  X(cuStreamDestroy_v2, (CUstream stream))                                                     \
  X(cuStreamSynchronize, (CUstream stream))                                                    \
  X(cuLaunchKernel,                                                                            \
    (CUfunction f, unsigned int gridX, unsigned int gridY, unsigned int gridZ,                 \
     unsigned int blockX, unsigned int blockY, unsigned int blockZ, unsigned int sharedBytes,  \
     CUstream stream, void **params, void **extra))                                            \
  X(cuGetErrorString, (CUresult error, const char **text))                                     \
  X(cuGetErrorName, (CUresult error, const char **text))

struct CudaApi {
#define SINKRT_DECLARE_ENTRY(name, params) CUresult(*name) params = nullptr;
  SINKRT_CUDA_ENTRY_POINTS(SINKRT_DECLARE_ENTRY)
#undef SINKRT_DECLARE_ENTRY
};

sinkrt_status statusOf(CUresult r) {
  switch (r) {
  case CUDA_ERROR_OUT_OF_MEMORY:
    return SINKRT_ERROR_OUT_OF_MEMORY;
  case CUDA_ERROR_INVALID_IMAGE:
  case CUDA_ERROR_NO_BINARY_FOR_GPU:
  case CUDA_ERROR_INVALID_PTX:
  case CUDA_ERROR_UNSUPPORTED_PTX_VERSION:
  case CUDA_ERROR_SHARED_OBJECT_SYMBOL_NOT_FOUND:
  case CUDA_ERROR_NOT_FOUND:
    return SINKRT_ERROR_INVALID_PACKAGE;
  default:
    return SINKRT_ERROR_INTERNAL;
  }
}

class CudaDriver final : public Driver, public std::enable_shared_from_this<CudaDriver> {
public:
  CudaDriver(std::string library, const CudaApi &api) : lib(std::move(library)), api(api) {}

  DeviceKind kind() const override { return DeviceKind::Cuda; }
  const std::string &library() const override { return lib; }
  sinkrt_status deviceCount(int &count, std::string &error) override;
  sinkrt_status describe(int index, DeviceInfo &out, std::string &error) override;
  sinkrt_status open(int index, std::unique_ptr<Device> &out, std::string &error) override;

  /// "<driver's string> (<CUDA_ERROR_NAME>)".
  std::string errorText(CUresult r) const {
    const char *text = nullptr, *name = nullptr;
    if (api.cuGetErrorString(r, &text) != CUDA_SUCCESS || !text)
      text = nullptr;
    if (api.cuGetErrorName(r, &name) != CUDA_SUCCESS || !name)
      name = nullptr;
    std::string s = text ? text : "unknown CUDA error";
    s += " (";
    s += name ? name : "CUresult " + std::to_string(r);
    return s + ")";
  }

  const std::string lib;
  const CudaApi api;

private:
  /// cuInit (idempotent) and the device count; the "no CUDA device" error
  /// for `index` past it.
  sinkrt_status initialize(int &count, std::string &error);
  sinkrt_status checkIndex(int index, std::string &error);
};

class CudaDevice final : public Device {
public:
  CudaDevice(DeviceInfo info, std::shared_ptr<CudaDriver> driver, CUdevice dev)
      : Device(std::move(info)), driver(std::move(driver)), dev(dev) {}
  ~CudaDevice() override;

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
  /// Makes the context current on this thread; false with `error` set.
  bool bind(std::string &error);
  sinkrt_status fail(CUresult r, const std::string &what, std::string &error) const {
    error = "CUDA device " + std::to_string(info().index) + ": " + what + " failed: " +
            driver->errorText(r);
    return statusOf(r);
  }

  std::shared_ptr<CudaDriver> driver;
  CUdevice dev = 0;
  CUcontext ctx = nullptr;
  CUstream stream = nullptr;
};

sinkrt_status CudaDriver::initialize(int &count, std::string &error) {
  CUresult r = api.cuInit(0);
  if (r == CUDA_ERROR_NO_DEVICE) {
    count = 0;
    return SINKRT_OK;
  }
  if (r != CUDA_SUCCESS) {
    error = "no CUDA driver: cuInit failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  count = 0;
  if ((r = api.cuDeviceGetCount(&count)) != CUDA_SUCCESS) {
    error = "no CUDA device: cuDeviceGetCount failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  return SINKRT_OK;
}

sinkrt_status CudaDriver::deviceCount(int &count, std::string &error) {
  return initialize(count, error);
}

sinkrt_status CudaDriver::checkIndex(int index, std::string &error) {
  int count = 0;
  if (sinkrt_status st = initialize(count, error); st != SINKRT_OK)
    return st;
  if (count == 0) {
    // Say why in the driver's words where cuInit gave them.
    CUresult r = api.cuInit(0);
    error = "no CUDA device: " + (r != CUDA_SUCCESS ? "cuInit failed: " + errorText(r)
                                                   : "the driver (" + lib +
                                                         ") reports no devices");
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  if (index < 0 || index >= count) {
    error = "no CUDA device " + std::to_string(index) + ": the driver reports " +
            std::to_string(count) + (count == 1 ? " device" : " devices");
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }
  return SINKRT_OK;
}

sinkrt_status CudaDriver::describe(int index, DeviceInfo &out, std::string &error) {
  if (sinkrt_status st = checkIndex(index, error); st != SINKRT_OK)
    return st;
  auto failed = [&](const char *call, CUresult r) {
    error = "CUDA device " + std::to_string(index) + ": " + call + " failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  };
  CUdevice dev = 0;
  if (CUresult r = api.cuDeviceGet(&dev, index); r != CUDA_SUCCESS)
    return failed("cuDeviceGet", r);
  char name[256] = {};
  if (CUresult r = api.cuDeviceGetName(name, int(sizeof(name) - 1), dev); r != CUDA_SUCCESS)
    return failed("cuDeviceGetName", r);
  int major = 0, minor = 0, sms = 0;
  if (CUresult r = api.cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                                            dev);
      r != CUDA_SUCCESS)
    return failed("cuDeviceGetAttribute(COMPUTE_CAPABILITY_MAJOR)", r);
  if (CUresult r = api.cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                                            dev);
      r != CUDA_SUCCESS)
    return failed("cuDeviceGetAttribute(COMPUTE_CAPABILITY_MINOR)", r);
  if (CUresult r = api.cuDeviceGetAttribute(&sms, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev);
      r != CUDA_SUCCESS)
    return failed("cuDeviceGetAttribute(MULTIPROCESSOR_COUNT)", r);
  size_t memory = 0;
  if (CUresult r = api.cuDeviceTotalMem_v2(&memory, dev); r != CUDA_SUCCESS)
    return failed("cuDeviceTotalMem_v2", r);
  DeviceInfo info;
  info.kind = DeviceKind::Cuda;
  info.index = index;
  info.name = name;
  info.computeMajor = major;
  info.computeMinor = minor;
  info.arch = "sm_" + std::to_string(major * 10 + minor);
  info.memoryBytes = memory;
  info.multiprocessors = sms;
  out = std::move(info);
  return SINKRT_OK;
}

sinkrt_status CudaDriver::open(int index, std::unique_ptr<Device> &out, std::string &error) {
  DeviceInfo info;
  if (sinkrt_status st = describe(index, info, error); st != SINKRT_OK)
    return st;
  CUdevice dev = 0;
  if (CUresult r = api.cuDeviceGet(&dev, index); r != CUDA_SUCCESS) {
    error = "CUDA device " + std::to_string(index) + ": cuDeviceGet failed: " + errorText(r);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  auto device = std::make_unique<CudaDevice>(std::move(info), shared_from_this(), dev);
  if (sinkrt_status st = device->start(error); st != SINKRT_OK)
    return st;
  out = std::move(device);
  return SINKRT_OK;
}

sinkrt_status CudaDevice::start(std::string &error) {
  const CudaApi &api = driver->api;
  if (CUresult r = api.cuDevicePrimaryCtxRetain(&ctx, dev); r != CUDA_SUCCESS) {
    ctx = nullptr;
    fail(r, "cuDevicePrimaryCtxRetain", error);
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  if (!bind(error))
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  if (CUresult r = api.cuStreamCreate(&stream, 0); r != CUDA_SUCCESS) {
    stream = nullptr;
    return fail(r, "cuStreamCreate", error);
  }
  return SINKRT_OK;
}

CudaDevice::~CudaDevice() {
  const CudaApi &api = driver->api;
  std::string ignored;
  if (ctx && bind(ignored)) {
    if (stream) {
      api.cuStreamSynchronize(stream);
      api.cuStreamDestroy_v2(stream);
    }
  }
  if (ctx)
    api.cuDevicePrimaryCtxRelease_v2(dev);
}

bool CudaDevice::bind(std::string &error) {
  if (CUresult r = driver->api.cuCtxSetCurrent(ctx); r != CUDA_SUCCESS) {
    fail(r, "cuCtxSetCurrent", error);
    return false;
  }
  return true;
}

sinkrt_status CudaDevice::loadModule(const void *image, size_t size, DeviceModule &out,
                                     std::string &error) {
  if (!image || size == 0) {
    error = "CUDA device " + std::to_string(info().index) + ": the module image is empty";
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  CUmodule module = nullptr;
  if (CUresult r = driver->api.cuModuleLoadData(&module, image); r != CUDA_SUCCESS)
    return fail(r, "cuModuleLoadData (" + bytesText(size) + ")", error);
  out.handle = module;
  return SINKRT_OK;
}

void CudaDevice::unloadModule(DeviceModule module) {
  std::string ignored;
  if (module.handle && bind(ignored))
    driver->api.cuModuleUnload(static_cast<CUmodule>(module.handle));
}

sinkrt_status CudaDevice::getFunction(DeviceModule module, const std::string &name,
                                      DeviceFunction &out, std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  CUfunction fn = nullptr;
  if (CUresult r = driver->api.cuModuleGetFunction(&fn, static_cast<CUmodule>(module.handle),
                                                   name.c_str());
      r != CUDA_SUCCESS)
    return fail(r, "cuModuleGetFunction(\"" + name + "\")", error);
  out.handle = fn;
  return SINKRT_OK;
}

sinkrt_status CudaDevice::allocate(size_t bytes, DevicePtr &out, std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  CUdeviceptr ptr = 0;
  if (CUresult r = driver->api.cuMemAlloc_v2(&ptr, bytes); r != CUDA_SUCCESS)
    return fail(r, "cuMemAlloc_v2 of " + bytesText(bytes), error);
  out = ptr;
  return SINKRT_OK;
}

void CudaDevice::release(DevicePtr ptr) {
  std::string ignored;
  if (ptr && bind(ignored))
    driver->api.cuMemFree_v2(ptr);
}

sinkrt_status CudaDevice::fill(DevicePtr dst, uint8_t value, size_t bytes, std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (CUresult r = driver->api.cuMemsetD8_v2(dst, value, bytes); r != CUDA_SUCCESS)
    return fail(r, "cuMemsetD8_v2 of " + bytesText(bytes), error);
  return SINKRT_OK;
}

sinkrt_status CudaDevice::copyToDevice(DevicePtr dst, const void *src, size_t bytes,
                                       std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (CUresult r = driver->api.cuMemcpyHtoD_v2(dst, src, bytes); r != CUDA_SUCCESS)
    return fail(r, "cuMemcpyHtoD_v2 of " + bytesText(bytes), error);
  return SINKRT_OK;
}

sinkrt_status CudaDevice::copyToHost(void *dst, DevicePtr src, size_t bytes,
                                     std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (CUresult r = driver->api.cuMemcpyDtoH_v2(dst, src, bytes); r != CUDA_SUCCESS)
    return fail(r, "cuMemcpyDtoH_v2 of " + bytesText(bytes), error);
  return SINKRT_OK;
}

sinkrt_status CudaDevice::launch(DeviceFunction function, const LaunchConfig &c, void **args,
                                 std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (CUresult r = driver->api.cuLaunchKernel(
          static_cast<CUfunction>(function.handle), c.grid[0], c.grid[1], c.grid[2], c.block[0],
          c.block[1], c.block[2], c.sharedBytes, stream, args, nullptr);
      r != CUDA_SUCCESS) {
    char dims[128];
    std::snprintf(dims, sizeof(dims),
                  "cuLaunchKernel (grid %ux%ux%u, block %ux%ux%u, %u shared bytes)", c.grid[0],
                  c.grid[1], c.grid[2], c.block[0], c.block[1], c.block[2], c.sharedBytes);
    return fail(r, dims, error);
  }
  return SINKRT_OK;
}

sinkrt_status CudaDevice::synchronize(std::string &error) {
  if (!bind(error))
    return SINKRT_ERROR_INTERNAL;
  if (CUresult r = driver->api.cuStreamSynchronize(stream); r != CUDA_SUCCESS)
    return fail(r, "cuStreamSynchronize", error);
  return SINKRT_OK;
}

} // namespace

sinkrt_status sinkrt::device::loadCudaDriver(const std::vector<std::string> &candidates,
                                             std::shared_ptr<Driver> &out, std::string &error) {
  std::string loaded, why;
  void *handle = openLibrary(candidates, loaded, why);
  if (!handle) {
    error = "no CUDA driver: " + why;
    return SINKRT_ERROR_UNSUPPORTED_HOST;
  }
  // The library stays loaded for the life of the process: CUDA does not
  // support being unloaded, and a failed load leaves nothing worth closing.
  CudaApi api;
#define SINKRT_RESOLVE_ENTRY(name, params)                                                     \
  if (!resolveSymbol(handle, #name, api.name)) {                                               \
    error = "no CUDA driver: " + loaded + " lacks the entry point " #name;                     \
    return SINKRT_ERROR_UNSUPPORTED_HOST;                                                      \
  }
  SINKRT_CUDA_ENTRY_POINTS(SINKRT_RESOLVE_ENTRY)
#undef SINKRT_RESOLVE_ENTRY
  out = std::make_shared<CudaDriver>(loaded, api);
  return SINKRT_OK;
}
