/*===- dispatch_abi.h - how the runtime calls a compiled dispatch -*- C -*-===*
 *
 * The CPU dispatch ABI of docs/execution-plan.md (version 1). Every
 * dispatch function of a package's `cpu` kernel blob (an ELF shared object)
 * is exported by name with this signature; the runtime calls it once per
 * workgroup of a step of the manifest's `execution_plan`, on its thread
 * pool. A dispatch writes only outputs no other workgroup of the same step
 * writes, does not allocate and does not call libc.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SINKRT_DISPATCH_ABI_H
#define SINKRT_DISPATCH_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of docs/execution-plan.md this header implements. */
#define SINKRT_DISPATCH_ABI_VERSION 1

typedef struct sinkrt_dispatch_state {
  void *const *bindings;  /* base pointers, in the step's binding order */
  const int64_t *scalars; /* the step's scalars, in order */
  void *scratch;          /* this worker's scratch: plan "scratch_bytes", 64-byte aligned */
} sinkrt_dispatch_state;

typedef void (*sinkrt_dispatch_fn)(const sinkrt_dispatch_state *state, int64_t workgroup);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SINKRT_DISPATCH_ABI_H */
