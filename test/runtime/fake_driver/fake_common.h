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
/* Live allocations, so that the built-in kernels can refuse a range outside
 * them (a launch failure, not a crash of the test). */
#define FAKE_MAX_LIVE 1024
static struct {
  unsigned char *ptr;
  size_t bytes;
} fake_live[FAKE_MAX_LIVE];

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

static uint64_t fake_u64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static uint32_t fake_u32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static uint16_t fake_u16(const unsigned char *p) {
  uint16_t v;
  memcpy(&v, p, 2);
  return v;
}

/* The kernels of a cubin (an ELF64 image as `sinkc compile --target
 * cuda:sm_XY` writes it): one per section ".nv.info.<kernel>", whose
 * EIATTR_KPARAM_INFO records (format EIFMT_SVAL 0x04, attribute 0x17:
 * u32 index, u16 ordinal, u16 offset, u32 flags with the size in bits
 * 18..31) give the parameters. NULL when the image is not such an ELF. */
static fake_module *fake_parse_cubin(const unsigned char *elf) {
  if (memcmp(elf, "\x7f" "ELF", 4) != 0 || elf[4] != 2 /* ELFCLASS64 */ || elf[5] != 1)
    return NULL;
  uint64_t shoff = fake_u64(elf + 0x28);
  unsigned shentsize = fake_u16(elf + 0x3a), shnum = fake_u16(elf + 0x3c),
           shstrndx = fake_u16(elf + 0x3e);
  if (shentsize != 64 || shstrndx >= shnum)
    return NULL;
  const unsigned char *names = elf + fake_u64(elf + shoff + shstrndx * 64 + 24);
  fake_module *m = (fake_module *)calloc(1, sizeof(fake_module));
  if (!m)
    return NULL;
  for (unsigned i = 0; i < shnum && m->kernel_count < FAKE_MAX_KERNELS; ++i) {
    const unsigned char *sh = elf + shoff + i * 64;
    const char *name = (const char *)names + fake_u32(sh);
    if (strncmp(name, ".nv.info.", 9) != 0)
      continue;
    fake_kernel *k = &m->kernels[m->kernel_count++];
    snprintf(k->name, sizeof(k->name), "%s", name + 9);
    const unsigned char *p = elf + fake_u64(sh + 24), *end = p + fake_u64(sh + 32);
    while (p + 4 <= end) {
      unsigned format = p[0], attribute = p[1];
      if (format != 4) { /* EIFMT_NVAL, BVAL, HVAL: 4 bytes in all */
        p += 4;
        continue;
      }
      unsigned length = fake_u16(p + 2);
      if (attribute == 0x17 && length == 12) {
        unsigned ordinal = fake_u16(p + 8), size = fake_u32(p + 12) >> 18;
        if (ordinal < FAKE_MAX_PARAMS) {
          k->sizes[ordinal] = size;
          if ((int)ordinal >= k->param_count)
            k->param_count = (int)ordinal + 1;
        }
      }
      p += 4 + length;
    }
  }
  ++fake_modules;
  return m;
}

/* Parses a text image or a cubin; NULL when it is neither. */
static fake_module *fake_parse_module(const void *image) {
  const char *text = (const char *)image;
  if (text && memcmp(text, "\x7f" "ELF", 4) == 0)
    return fake_parse_cubin((const unsigned char *)image);
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
  if (p) {
    ++fake_allocations;
    for (int i = 0; i < FAKE_MAX_LIVE; ++i)
      if (!fake_live[i].ptr) {
        fake_live[i].ptr = (unsigned char *)p;
        fake_live[i].bytes = bytes;
        break;
      }
  }
  return p;
}

static void fake_free(void *p) {
  if (p) {
    for (int i = 0; i < FAKE_MAX_LIVE; ++i)
      if (fake_live[i].ptr == p)
        fake_live[i].ptr = NULL;
    free(p);
    --fake_allocations;
  }
}

/* Whether [p, p + bytes) lies inside one live allocation. */
static int fake_inside(uint64_t p, uint64_t bytes) {
  for (int i = 0; i < FAKE_MAX_LIVE; ++i) {
    uint64_t base = (uint64_t)(uintptr_t)fake_live[i].ptr;
    if (fake_live[i].ptr && p >= base && bytes <= fake_live[i].bytes &&
        p - base <= fake_live[i].bytes - bytes)
      return 1;
  }
  return 0;
}

/* fake_next_token(ids, logits, rows, base, vocab), five 8-byte parameters:
 * for r < rows, logits row r (vocab f32) is 0 except entry
 * (ids[r] + 1) % vocab, which is base + r + 1. Returns 0, or -1 without
 * writing when a range lies outside the allocations. */
static int fake_next_token(const fake_launch *l) {
  uint64_t ids, logits;
  int64_t rows, base, vocab;
  memcpy(&ids, l->params[0], 8);
  memcpy(&logits, l->params[1], 8);
  memcpy(&rows, l->params[2], 8);
  memcpy(&base, l->params[3], 8);
  memcpy(&vocab, l->params[4], 8);
  if (rows < 0 || vocab < 1 || !fake_inside(ids, (uint64_t)rows * 4) ||
      !fake_inside(logits, (uint64_t)(rows * vocab) * 4))
    return -1;
  const int32_t *in = (const int32_t *)(uintptr_t)ids;
  float *out = (float *)(uintptr_t)logits;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t hot = ((int64_t)in[r] % vocab + vocab + 1) % vocab;
    for (int64_t c = 0; c < vocab; ++c)
      out[r * vocab + c] = c == hot ? (float)(base + r + 1) : 0.0f;
  }
  return 0;
}

/* Records a launch and runs the built-in kernels; -1 when one of them
 * finds an argument outside the allocations (the launch fails). */
static inline int fake_record_launch(const fake_kernel *k, const unsigned grid[3],
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
  if (strcmp(k->name, "fake_next_token") == 0 && fake_last.param_count == 5)
    return fake_next_token(&fake_last);
  return 0;
}

#endif /* SINKRT_TEST_FAKE_COMMON_H */
