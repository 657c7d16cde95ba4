/*===- fake_hip.c - a stand-in for libamdhip64.so in DeviceTest ------------===*
 *
 * Exports the HIP runtime entry points sinkrt's HipRuntime resolves, with
 * HIP's ABI and fake behaviour (fake_driver.h): devices named "Fake AMD
 * GPU", gcnArchName "gfx942:sramecc+:xnack-", 8 CUs, 2 GiB; every call
 * that works on a device fails with hipErrorInvalidDevice unless
 * hipSetDevice chose one on the calling thread. Built again with
 * FAKE_OMIT_LAUNCH (no hipModuleLaunchKernel) and with FAKE_OLD_RUNTIME
 * (none of the optional entry points: no properties, no error names).
 *
 *===----------------------------------------------------------------------===*/

#include "fake_common.h"

typedef int hipError_t;

enum {
  hipSuccess = 0,
  hipErrorInvalidValue = 1,
  hipErrorOutOfMemory = 2,
  hipErrorNotInitialized = 3,
  hipErrorNoDevice = 100,
  hipErrorInvalidDevice = 101,
  hipErrorInvalidImage = 200,
  hipErrorInvalidHandle = 400,
  hipErrorNotFound = 500,
  hipErrorLaunchFailure = 719,
};

static const struct {
  int code;
  const char *name, *text;
} kErrors[] = {
    {hipSuccess, "hipSuccess", "fake hip: no error"},
    {hipErrorInvalidValue, "hipErrorInvalidValue", "fake hip: invalid argument"},
    {hipErrorOutOfMemory, "hipErrorOutOfMemory", "fake hip: out of memory"},
    {hipErrorNotInitialized, "hipErrorNotInitialized", "fake hip: initialization error"},
    {hipErrorNoDevice, "hipErrorNoDevice", "fake hip: no ROCm-capable device is detected"},
    {hipErrorInvalidDevice, "hipErrorInvalidDevice", "fake hip: invalid device ordinal"},
    {hipErrorInvalidImage, "hipErrorInvalidImage", "fake hip: device kernel image is invalid"},
    {hipErrorInvalidHandle, "hipErrorInvalidHandle", "fake hip: invalid resource handle"},
    {hipErrorNotFound, "hipErrorNotFound", "fake hip: named symbol not found"},
    {hipErrorLaunchFailure, "hipErrorLaunchFailure", "fake hip: unspecified launch failure"},
};

/* Where ROCm 6's hipDeviceProp_tR0600 keeps multiProcessorCount and
 * gcnArchName (HipRuntime.cpp declares the layout). */
#define FAKE_PROP_CU_COUNT_OFFSET 388
#define FAKE_PROP_ARCH_OFFSET 1160

static int fake_initialized;
static __thread int fake_current = -1;

#define FAKE_ENTER(entry)                                                                      \
  do {                                                                                         \
    int fake_code = fake_error(entry);                                                         \
    if (fake_code)                                                                             \
      return fake_code;                                                                        \
  } while (0)
#define FAKE_NEED_INIT                                                                         \
  do {                                                                                         \
    if (!fake_initialized)                                                                     \
      return hipErrorNotInitialized;                                                           \
  } while (0)
#define FAKE_NEED_DEVICE                                                                       \
  do {                                                                                         \
    if (fake_current < 0 || fake_current >= fake_device_count)                                 \
      return hipErrorInvalidDevice;                                                            \
  } while (0)

/* The control API. */
void fake_hip_set_error(const char *entry, int code) { fake_set_error_impl(entry, code); }
void fake_hip_set_device_count(int n) { fake_device_count = n; }
void fake_hip_reset(void) { fake_reset_impl(); }
int fake_hip_launch_count(void) { return fake_launches; }
const fake_launch *fake_hip_last_launch(void) { return &fake_last; }
const fake_launch *fake_hip_launch_at(int i) { return fake_launch_at_impl(i); }
long fake_hip_live_allocations(void) { return fake_allocations; }
int fake_hip_live_modules(void) { return fake_modules; }
int fake_hip_live_streams(void) { return fake_streams; }

/* The runtime API. */
const char *hipGetErrorString(hipError_t error) {
  for (size_t i = 0; i < sizeof(kErrors) / sizeof(kErrors[0]); ++i)
    if (kErrors[i].code == error)
      return kErrors[i].text;
  return "fake hip: unknown error";
}

#ifndef FAKE_OLD_RUNTIME
const char *hipGetErrorName(hipError_t error) {
  for (size_t i = 0; i < sizeof(kErrors) / sizeof(kErrors[0]); ++i)
    if (kErrors[i].code == error)
      return kErrors[i].name;
  return "hipErrorUnknown";
}
#endif

hipError_t hipInit(unsigned int flags) {
  FAKE_ENTER("hipInit");
  if (flags != 0)
    return hipErrorInvalidValue;
  fake_initialized = 1;
  return hipSuccess;
}

hipError_t hipGetDeviceCount(int *count) {
  FAKE_ENTER("hipGetDeviceCount");
  FAKE_NEED_INIT;
  *count = fake_device_count;
  return fake_device_count ? hipSuccess : hipErrorNoDevice;
}

hipError_t hipDeviceGet(int *device, int ordinal) {
  FAKE_ENTER("hipDeviceGet");
  FAKE_NEED_INIT;
  if (ordinal < 0 || ordinal >= fake_device_count)
    return hipErrorInvalidDevice;
  *device = ordinal;
  return hipSuccess;
}

hipError_t hipDeviceGetName(char *name, int len, int device) {
  FAKE_ENTER("hipDeviceGetName");
  if (device < 0 || device >= fake_device_count)
    return hipErrorInvalidDevice;
  snprintf(name, (size_t)len, "Fake AMD GPU");
  return hipSuccess;
}

hipError_t hipDeviceTotalMem(size_t *bytes, int device) {
  FAKE_ENTER("hipDeviceTotalMem");
  if (device < 0 || device >= fake_device_count)
    return hipErrorInvalidDevice;
  *bytes = (size_t)2 << 30;
  return hipSuccess;
}

#ifndef FAKE_OLD_RUNTIME
hipError_t hipDeviceComputeCapability(int *major, int *minor, int device) {
  FAKE_ENTER("hipDeviceComputeCapability");
  if (device < 0 || device >= fake_device_count)
    return hipErrorInvalidDevice;
  *major = 9;
  *minor = 4;
  return hipSuccess;
}

hipError_t hipGetDevicePropertiesR0600(void *properties, int device) {
  FAKE_ENTER("hipGetDevicePropertiesR0600");
  if (device < 0 || device >= fake_device_count)
    return hipErrorInvalidDevice;
  char *p = (char *)properties;
  memset(p, 0, FAKE_PROP_ARCH_OFFSET + 256);
  snprintf(p, 256, "Fake AMD GPU");
  int cus = 8;
  memcpy(p + FAKE_PROP_CU_COUNT_OFFSET, &cus, sizeof(cus));
  snprintf(p + FAKE_PROP_ARCH_OFFSET, 256, "gfx942:sramecc+:xnack-");
  return hipSuccess;
}
#endif

hipError_t hipSetDevice(int device) {
  FAKE_ENTER("hipSetDevice");
  FAKE_NEED_INIT;
  if (device < 0 || device >= fake_device_count)
    return hipErrorInvalidDevice;
  fake_current = device;
  return hipSuccess;
}

hipError_t hipModuleLoadData(void **module, const void *image) {
  FAKE_ENTER("hipModuleLoadData");
  FAKE_NEED_DEVICE;
  fake_module *m = fake_parse_module(image);
  if (!m)
    return hipErrorInvalidImage;
  *module = m;
  return hipSuccess;
}

hipError_t hipModuleUnload(void *module) {
  FAKE_ENTER("hipModuleUnload");
  if (!module)
    return hipErrorInvalidHandle;
  free(module);
  --fake_modules;
  return hipSuccess;
}

hipError_t hipModuleGetFunction(void **function, void *module, const char *name) {
  FAKE_ENTER("hipModuleGetFunction");
  FAKE_NEED_DEVICE;
  if (!module)
    return hipErrorInvalidHandle;
  fake_kernel *k = fake_find_kernel((fake_module *)module, name);
  if (!k)
    return hipErrorNotFound;
  *function = k;
  return hipSuccess;
}

hipError_t hipMalloc(void **ptr, size_t bytes) {
  FAKE_ENTER("hipMalloc");
  FAKE_NEED_DEVICE;
  if (bytes == 0) {
    *ptr = NULL;
    return hipSuccess;
  }
  void *p = fake_alloc(bytes);
  if (!p)
    return hipErrorOutOfMemory;
  *ptr = p;
  return hipSuccess;
}

hipError_t hipFree(void *ptr) {
  FAKE_ENTER("hipFree");
  fake_free(ptr);
  return hipSuccess;
}

hipError_t hipMemsetD8(void *dst, unsigned char value, size_t count) {
  FAKE_ENTER("hipMemsetD8");
  FAKE_NEED_DEVICE;
  memset(dst, value, count);
  return hipSuccess;
}

hipError_t hipMemcpyHtoD(void *dst, const void *src, size_t bytes) {
  FAKE_ENTER("hipMemcpyHtoD");
  FAKE_NEED_DEVICE;
  memcpy(dst, src, bytes);
  return hipSuccess;
}

hipError_t hipMemcpyDtoH(void *dst, void *src, size_t bytes) {
  FAKE_ENTER("hipMemcpyDtoH");
  FAKE_NEED_DEVICE;
  memcpy(dst, src, bytes);
  return hipSuccess;
}

hipError_t hipStreamCreate(void **stream) {
  FAKE_ENTER("hipStreamCreate");
  FAKE_NEED_DEVICE;
  *stream = malloc(1);
  ++fake_streams;
  return hipSuccess;
}

hipError_t hipStreamDestroy(void *stream) {
  FAKE_ENTER("hipStreamDestroy");
  if (!stream)
    return hipErrorInvalidHandle;
  free(stream);
  --fake_streams;
  return hipSuccess;
}

hipError_t hipStreamSynchronize(void *stream) {
  FAKE_ENTER("hipStreamSynchronize");
  FAKE_NEED_DEVICE;
  (void)stream;
  return hipSuccess;
}

#ifndef FAKE_OMIT_LAUNCH
hipError_t hipModuleLaunchKernel(void *function, unsigned gridX, unsigned gridY, unsigned gridZ,
                                 unsigned blockX, unsigned blockY, unsigned blockZ,
                                 unsigned shared, void *stream, void **params, void **extra) {
  FAKE_ENTER("hipModuleLaunchKernel");
  FAKE_NEED_DEVICE;
  if (!function || extra)
    return hipErrorInvalidValue;
  unsigned grid[3] = {gridX, gridY, gridZ}, block[3] = {blockX, blockY, blockZ};
  if (fake_record_launch((const fake_kernel *)function, grid, block, shared, stream, params))
    return hipErrorLaunchFailure;
  return hipSuccess;
}
#endif
