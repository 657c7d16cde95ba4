/*===- fake_cuda.c - a stand-in for libcuda.so.1 in DeviceTest -------------===*
 *
 * Exports the CUDA driver API entry points sinkrt's CudaDriver resolves,
 * with the driver's ABI and fake behaviour (fake_driver.h): devices named
 * "Fake GPU", compute capability 9.0, 4 SMs, 1 GiB; every call that needs
 * a context fails with CUDA_ERROR_INVALID_CONTEXT unless the primary
 * context is current on the calling thread. Built a second time with
 * FAKE_OMIT_LAUNCH, without cuLaunchKernel.
 *
 *===----------------------------------------------------------------------===*/

#include "fake_common.h"

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

enum {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_INVALID_CONTEXT = 201,
  CUDA_ERROR_INVALID_HANDLE = 400,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_LAUNCH_FAILED = 719,
};

static const struct {
  int code;
  const char *name, *text;
} kErrors[] = {
    {CUDA_SUCCESS, "CUDA_SUCCESS", "fake: no error"},
    {CUDA_ERROR_INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE", "fake: invalid argument"},
    {CUDA_ERROR_OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY", "fake: out of memory"},
    {CUDA_ERROR_NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED", "fake: initialization error"},
    {CUDA_ERROR_NO_DEVICE, "CUDA_ERROR_NO_DEVICE", "fake: no CUDA-capable device is detected"},
    {CUDA_ERROR_INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE", "fake: invalid device ordinal"},
    {CUDA_ERROR_INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE", "fake: device kernel image is invalid"},
    {CUDA_ERROR_INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT", "fake: invalid device context"},
    {CUDA_ERROR_INVALID_HANDLE, "CUDA_ERROR_INVALID_HANDLE", "fake: invalid resource handle"},
    {CUDA_ERROR_NOT_FOUND, "CUDA_ERROR_NOT_FOUND", "fake: named symbol not found"},
    {CUDA_ERROR_LAUNCH_FAILED, "CUDA_ERROR_LAUNCH_FAILED", "fake: unspecified launch failure"},
};

static int fake_initialized;
static char fake_primary_context;
static int fake_context_refs;
static __thread void *fake_current;

#define FAKE_ENTER(entry)                                                                      \
  do {                                                                                         \
    int fake_code = fake_error(entry);                                                         \
    if (fake_code)                                                                             \
      return fake_code;                                                                        \
  } while (0)
#define FAKE_NEED_INIT                                                                         \
  do {                                                                                         \
    if (!fake_initialized)                                                                     \
      return CUDA_ERROR_NOT_INITIALIZED;                                                       \
  } while (0)
#define FAKE_NEED_CONTEXT                                                                      \
  do {                                                                                         \
    if (fake_current != &fake_primary_context || fake_context_refs == 0)                       \
      return CUDA_ERROR_INVALID_CONTEXT;                                                       \
  } while (0)

/* The control API. */
void fake_cuda_set_error(const char *entry, int code) { fake_set_error_impl(entry, code); }
void fake_cuda_set_device_count(int n) { fake_device_count = n; }
void fake_cuda_reset(void) { fake_reset_impl(); }
int fake_cuda_launch_count(void) { return fake_launches; }
const fake_launch *fake_cuda_last_launch(void) { return &fake_last; }
const fake_launch *fake_cuda_launch_at(int i) { return fake_launch_at_impl(i); }
long fake_cuda_live_allocations(void) { return fake_allocations; }
int fake_cuda_live_modules(void) { return fake_modules; }
int fake_cuda_live_streams(void) { return fake_streams; }
int fake_cuda_context_refs(void) { return fake_context_refs; }

/* The driver API. */
CUresult cuGetErrorString(CUresult error, const char **text) {
  for (size_t i = 0; i < sizeof(kErrors) / sizeof(kErrors[0]); ++i)
    if (kErrors[i].code == error) {
      *text = kErrors[i].text;
      return CUDA_SUCCESS;
    }
  *text = NULL;
  return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuGetErrorName(CUresult error, const char **text) {
  for (size_t i = 0; i < sizeof(kErrors) / sizeof(kErrors[0]); ++i)
    if (kErrors[i].code == error) {
      *text = kErrors[i].name;
      return CUDA_SUCCESS;
    }
  *text = NULL;
  return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuInit(unsigned int flags) {
  FAKE_ENTER("cuInit");
  if (flags != 0)
    return CUDA_ERROR_INVALID_VALUE;
  if (fake_device_count == 0)
    return CUDA_ERROR_NO_DEVICE;
  fake_initialized = 1;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int *count) {
  FAKE_ENTER("cuDeviceGetCount");
  FAKE_NEED_INIT;
  *count = fake_device_count;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGet(int *device, int ordinal) {
  FAKE_ENTER("cuDeviceGet");
  FAKE_NEED_INIT;
  if (ordinal < 0 || ordinal >= fake_device_count)
    return CUDA_ERROR_INVALID_DEVICE;
  *device = ordinal;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char *name, int len, int device) {
  FAKE_ENTER("cuDeviceGetName");
  FAKE_NEED_INIT;
  if (device < 0 || device >= fake_device_count)
    return CUDA_ERROR_INVALID_DEVICE;
  snprintf(name, (size_t)len, "Fake GPU");
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int *value, int attribute, int device) {
  FAKE_ENTER("cuDeviceGetAttribute");
  FAKE_NEED_INIT;
  if (device < 0 || device >= fake_device_count)
    return CUDA_ERROR_INVALID_DEVICE;
  switch (attribute) {
  case 16: *value = 4; return CUDA_SUCCESS;  /* MULTIPROCESSOR_COUNT */
  case 75: *value = 9; return CUDA_SUCCESS;  /* COMPUTE_CAPABILITY_MAJOR */
  case 76: *value = 0; return CUDA_SUCCESS;  /* COMPUTE_CAPABILITY_MINOR */
  }
  return CUDA_ERROR_INVALID_VALUE;
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, int device) {
  FAKE_ENTER("cuDeviceTotalMem_v2");
  FAKE_NEED_INIT;
  if (device < 0 || device >= fake_device_count)
    return CUDA_ERROR_INVALID_DEVICE;
  *bytes = (size_t)1 << 30;
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(void **ctx, int device) {
  FAKE_ENTER("cuDevicePrimaryCtxRetain");
  FAKE_NEED_INIT;
  if (device < 0 || device >= fake_device_count)
    return CUDA_ERROR_INVALID_DEVICE;
  ++fake_context_refs;
  *ctx = &fake_primary_context;
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(int device) {
  FAKE_ENTER("cuDevicePrimaryCtxRelease_v2");
  if (device < 0 || device >= fake_device_count || fake_context_refs == 0)
    return CUDA_ERROR_INVALID_DEVICE;
  --fake_context_refs;
  return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(void *ctx) {
  FAKE_ENTER("cuCtxSetCurrent");
  if (ctx && ctx != &fake_primary_context)
    return CUDA_ERROR_INVALID_CONTEXT;
  fake_current = ctx;
  return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(void **module, const void *image) {
  FAKE_ENTER("cuModuleLoadData");
  FAKE_NEED_CONTEXT;
  fake_module *m = fake_parse_module(image);
  if (!m)
    return CUDA_ERROR_INVALID_IMAGE;
  *module = m;
  return CUDA_SUCCESS;
}

CUresult cuModuleUnload(void *module) {
  FAKE_ENTER("cuModuleUnload");
  FAKE_NEED_CONTEXT;
  if (!module)
    return CUDA_ERROR_INVALID_HANDLE;
  free(module);
  --fake_modules;
  return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  FAKE_ENTER("cuModuleGetFunction");
  FAKE_NEED_CONTEXT;
  if (!module)
    return CUDA_ERROR_INVALID_HANDLE;
  fake_kernel *k = fake_find_kernel((fake_module *)module, name);
  if (!k)
    return CUDA_ERROR_NOT_FOUND;
  *function = k;
  return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t bytes) {
  FAKE_ENTER("cuMemAlloc_v2");
  FAKE_NEED_CONTEXT;
  if (bytes == 0)
    return CUDA_ERROR_INVALID_VALUE;
  void *p = fake_alloc(bytes);
  if (!p)
    return CUDA_ERROR_OUT_OF_MEMORY;
  *ptr = (CUdeviceptr)(uintptr_t)p;
  return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr ptr) {
  FAKE_ENTER("cuMemFree_v2");
  FAKE_NEED_CONTEXT;
  fake_free((void *)(uintptr_t)ptr);
  return CUDA_SUCCESS;
}

CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char value, size_t count) {
  FAKE_ENTER("cuMemsetD8_v2");
  FAKE_NEED_CONTEXT;
  memset((void *)(uintptr_t)dst, value, count);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) {
  FAKE_ENTER("cuMemcpyHtoD_v2");
  FAKE_NEED_CONTEXT;
  memcpy((void *)(uintptr_t)dst, src, bytes);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) {
  FAKE_ENTER("cuMemcpyDtoH_v2");
  FAKE_NEED_CONTEXT;
  memcpy(dst, (const void *)(uintptr_t)src, bytes);
  return CUDA_SUCCESS;
}

CUresult cuStreamCreate(void **stream, unsigned int flags) {
  FAKE_ENTER("cuStreamCreate");
  FAKE_NEED_CONTEXT;
  (void)flags;
  *stream = malloc(1);
  ++fake_streams;
  return CUDA_SUCCESS;
}

CUresult cuStreamDestroy_v2(void *stream) {
  FAKE_ENTER("cuStreamDestroy_v2");
  FAKE_NEED_CONTEXT;
  if (!stream)
    return CUDA_ERROR_INVALID_HANDLE;
  free(stream);
  --fake_streams;
  return CUDA_SUCCESS;
}

CUresult cuStreamSynchronize(void *stream) {
  FAKE_ENTER("cuStreamSynchronize");
  FAKE_NEED_CONTEXT;
  (void)stream;
  return CUDA_SUCCESS;
}

#ifndef FAKE_OMIT_LAUNCH
CUresult cuLaunchKernel(void *function, unsigned gridX, unsigned gridY, unsigned gridZ,
                        unsigned blockX, unsigned blockY, unsigned blockZ, unsigned shared,
                        void *stream, void **params, void **extra) {
  FAKE_ENTER("cuLaunchKernel");
  FAKE_NEED_CONTEXT;
  if (!function || extra)
    return CUDA_ERROR_INVALID_VALUE;
  unsigned grid[3] = {gridX, gridY, gridZ}, block[3] = {blockX, blockY, blockZ};
  if (fake_record_launch((const fake_kernel *)function, grid, block, shared, stream, params))
    return CUDA_ERROR_LAUNCH_FAILED;
  return CUDA_SUCCESS;
}
#endif
