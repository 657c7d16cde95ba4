/*===- fake_common.h - the state both fake GPU drivers share ---------------===*
 *
 * Included once by fake_cuda.c and once by fake_hip.c (each library has its
 * own copy of this state): configured errors, modules parsed from the text
 * images of fake_driver.h, allocations, and the last launch.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SINKRT_TEST_FAKE_COMMON_H
#define SINKRT_TEST_FAKE_COMMON_H

#include "fake_driver.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fake_kernel {
  char name[64];
  int param_count;
  unsigned sizes[FAKE_MAX_PARAMS];
} fake_kernel;

typedef struct fake_module {
  int kernel_count;
  fake_kernel kernels[FAKE_MAX_KERNELS];
} fake_module;

static struct {
  char entry[64];
  int code;
} fake_errors[32];
static int fake_error_count;
static int fake_device_count = 1;
static int fake_launches;
static fake_launch fake_last;
static fake_launch fake_history[FAKE_MAX_HISTORY];
static long fake_allocations;
static int fake_modules, fake_streams;

/* The error configured for `entry`, 0 when none. */
static int fake_error(const char *entry) {
  for (int i = 0; i < fake_error_count; ++i)
    if (strcmp(fake_errors[i].entry, entry) == 0)
      return fake_errors[i].code;
  return 0;
}

static void fake_set_error_impl(const char *entry, int code) {
  for (int i = 0; i < fake_error_count; ++i)
    if (strcmp(fake_errors[i].entry, entry) == 0) {
      fake_errors[i].code = code;
      return;
    }
  if (fake_error_count < 32) {
    snprintf(fake_errors[fake_error_count].entry, sizeof(fake_errors[0].entry), "%s", entry);
    fake_errors[fake_error_count++].code = code;
  }
}

static void fake_reset_impl(void) {
  fake_error_count = 0;
  fake_device_count = 1;
  fake_launches = 0;
  memset(&fake_last, 0, sizeof(fake_last));
}

static const fake_launch *fake_launch_at_impl(int i) {
  return i >= 0 && i < fake_launches && i < FAKE_MAX_HISTORY ? &fake_history[i] : NULL;
}

/* Parses a text image; NULL when it is not one. */
static fake_module *fake_parse_module(const void *image) {
  const char *text = (const char *)image;
  if (!text || strncmp(text, "FAKEMOD\n", 8) != 0)
    return NULL;
  fake_module *m = (fake_module *)calloc(1, sizeof(fake_module));
  if (!m)
    return NULL;
  const char *line = text + 8;
  while (*line && m->kernel_count < FAKE_MAX_KERNELS) {
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    char buf[512];
    if (n >= sizeof(buf))
      n = sizeof(buf) - 1;
    memcpy(buf, line, n);
    buf[n] = 0;
    fake_kernel *k = &m->kernels[m->kernel_count];
    int used = 0;
    if (sscanf(buf, "kernel %63s%n", k->name, &used) == 1) {
      const char *p = buf + used;
      unsigned size;
      int more;
      while (k->param_count < FAKE_MAX_PARAMS && sscanf(p, "%u%n", &size, &more) == 1) {
        k->sizes[k->param_count++] = size;
        p += more;
      }
      ++m->kernel_count;
    }
    line += n + (end ? 1 : 0);
  }
  ++fake_modules;
  return m;
}

static fake_kernel *fake_find_kernel(fake_module *m, const char *name) {
  for (int i = 0; m && i < m->kernel_count; ++i)
    if (strcmp(m->kernels[i].name, name) == 0)
      return &m->kernels[i];
  return NULL;
}

static void *fake_alloc(size_t bytes) {
  void *p = aligned_alloc(256, (bytes + 255) / 256 * 256);
  if (p)
    ++fake_allocations;
  return p;
}

static void fake_free(void *p) {
  if (p) {
    free(p);
    --fake_allocations;
  }
}

/* Records a launch and runs the built-in kernel. */
static inline void fake_record_launch(const fake_kernel *k, const unsigned grid[3],
                               const unsigned block[3], unsigned shared, void *stream,
                               void **params) {
  ++fake_launches;
  memset(&fake_last, 0, sizeof(fake_last));
  snprintf(fake_last.kernel, sizeof(fake_last.kernel), "%s", k->name);
  memcpy(fake_last.grid, grid, sizeof(fake_last.grid));
  memcpy(fake_last.block, block, sizeof(fake_last.block));
  fake_last.shared_bytes = shared;
  fake_last.stream = stream;
  fake_last.param_count = params ? k->param_count : 0;
  for (int i = 0; i < fake_last.param_count; ++i) {
    unsigned size = k->sizes[i] > 8 ? 8 : k->sizes[i];
    fake_last.param_sizes[i] = k->sizes[i];
    memcpy(fake_last.params[i], params[i], size);
  }
  if (fake_launches <= FAKE_MAX_HISTORY)
    fake_history[fake_launches - 1] = fake_last;
  if (strcmp(k->name, "fake_fill_u32") == 0 && fake_last.param_count == 3) {
    uint32_t *dst, value, count;
    memcpy(&dst, fake_last.params[0], sizeof(dst));
    memcpy(&value, fake_last.params[1], 4);
    memcpy(&count, fake_last.params[2], 4);
    for (uint32_t i = 0; i < count; ++i)
      dst[i] = value;
  }
}

#endif /* SINKRT_TEST_FAKE_COMMON_H */
