/*===- fake_driver.h - what the fake GPU drivers record and expose ---------===*
 *
 * fake_cuda.c and fake_hip.c are tiny stand-ins for libcuda.so.1 and
 * libamdhip64.so that DeviceTest loads through the runtime's dlopen path.
 * They export the driver entry points the runtime resolves, with fake
 * behaviour (one device, memory from malloc, copies with memcpy, launches
 * recorded), and a control API, prefixed fake_cuda_ / fake_hip_, that the
 * test reaches with dlsym on the same library.
 *
 * Module images are text: "FAKEMOD\n" then one line per kernel,
 * "kernel <name> <param bytes>...", e.g. "kernel fill 8 4 4\n". A launch
 * copies each parameter's bytes into the record. The kernel "fake_fill_u32"
 * (params: 8-byte pointer, 4-byte value, 4-byte count) also runs: it
 * writes the value count times at the pointer, so a copy back shows it.
 * The kernel "fake_next_token" (five 8-byte params: ids, logits, rows,
 * base, vocab) runs too: logits row r < rows becomes 0 but for entry
 * (ids[r] + 1) % vocab, which is base + r + 1 (as a float); a session whose
 * last step launches it generates id + 1 after id, and the value says at
 * which position (base = the `position` scalar) the row was computed. Its
 * ranges must lie inside live allocations, else the launch fails
 * (CUDA_ERROR_LAUNCH_FAILED / hipErrorLaunchFailure) without writing.
 *
 * The fakes also load cubins (ELF images, as `sinkc compile --target
 * cuda:sm_XY` writes them): their kernels are the ".nv.info.<name>"
 * sections, with the parameter sizes of their EIATTR_KPARAM_INFO records;
 * their launches are recorded and compute nothing. (An HSACO has no such
 * sections: the HIP fake loads it with no kernels.)
 *
 *===----------------------------------------------------------------------===*/

#ifndef SINKRT_TEST_FAKE_DRIVER_H
#define SINKRT_TEST_FAKE_DRIVER_H

#define FAKE_MAX_PARAMS 16
#define FAKE_MAX_KERNELS 128
#define FAKE_MAX_HISTORY 4096

typedef struct fake_launch {
  char kernel[64];
  unsigned grid[3], block[3], shared_bytes;
  void *stream;
  int param_count;
  unsigned param_sizes[FAKE_MAX_PARAMS];
  unsigned char params[FAKE_MAX_PARAMS][8];
} fake_launch;

/* The control API (the same for fake_hip_ with HIP names):
 *   void fake_cuda_set_error(const char *entry, int code)
 *       `entry` (e.g. "cuMemAlloc_v2") returns `code` from now on; 0 clears.
 *   void fake_cuda_set_device_count(int n)       default 1
 *   void fake_cuda_reset(void)                   errors, counters, count 1
 *   int fake_cuda_launch_count(void)
 *   const fake_launch *fake_cuda_last_launch(void)
 *   const fake_launch *fake_cuda_launch_at(int i)
 *       launch i since the last reset, in order; NULL past the last one or
 *       past the first FAKE_MAX_HISTORY
 *   long fake_cuda_live_allocations(void)
 *   int fake_cuda_live_modules(void)
 *   int fake_cuda_live_streams(void)
 */
typedef void (*fake_set_error_fn)(const char *entry, int code);
typedef void (*fake_set_device_count_fn)(int n);
typedef void (*fake_reset_fn)(void);
typedef int (*fake_launch_count_fn)(void);
typedef const fake_launch *(*fake_last_launch_fn)(void);
typedef const fake_launch *(*fake_launch_at_fn)(int i);
typedef long (*fake_live_allocations_fn)(void);
typedef int (*fake_live_count_fn)(void);

#endif /* SINKRT_TEST_FAKE_DRIVER_H */
