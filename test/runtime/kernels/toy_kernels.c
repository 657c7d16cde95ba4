/*===- toy_kernels.c - hand-written dispatches for the session tests ------===*
 *
 * A toy "model" in the dispatch ABI of docs/execution-plan.md, built as the
 * shared object SessionTest.cpp puts into its packages' "cpu" kernel
 * section. Vocabulary 8, hidden 4, f32 everywhere:
 *
 *   toy_embed     h[i] = embd[ids[i]]                     one workgroup per token
 *   toy_kv        per dimension d (one workgroup each), token by token:
 *                 key[slot(p)][d] = h[i][d], value = h[i][d] / 2 at entry E
 *                 of KV group 0 (docs/kv-abi.md layout and slot mapping),
 *                 then s[i][d] = sum over the valid slots v of
 *                 (v + 1) * key[v][d] + value[v][d]
 *   toy_lm_head   logits[i][r] = sum_j lm_head[r][j] * s[i][j], R rows per
 *                 workgroup, s[i] staged through the worker's scratch
 *
 * No libc: dispatches may not call it.
 *
 *===----------------------------------------------------------------------===*/

#include "sinkrt/dispatch_abi.h"

#include <stdint.h>

#define EXPORT __attribute__((visibility("default")))

enum { kVocab = 8, kHidden = 4 };

/* bindings: ids (i32), embd [8][4], h. scalars: tokens. */
EXPORT void toy_embed(const sinkrt_dispatch_state *st, int64_t wg) {
  const int32_t *ids = (const int32_t *)st->bindings[0];
  const float *embd = (const float *)st->bindings[1];
  float *h = (float *)st->bindings[2];
  if (wg >= st->scalars[0])
    return;
  for (int j = 0; j < kHidden; ++j)
    h[wg * kHidden + j] = embd[ids[wg] * kHidden + j];
}

/* bindings: h, KV group 0, s. scalars: tokens, position, S (slots per
 * entry), E (the entry), sinks, window, streaming (0 or 1). */
EXPORT void toy_kv(const sinkrt_dispatch_state *st, int64_t d) {
  const float *h = (const float *)st->bindings[0];
  float *kv = (float *)st->bindings[1];
  float *s = (float *)st->bindings[2];
  const int64_t tokens = st->scalars[0], position = st->scalars[1], slots = st->scalars[2],
                entry = st->scalars[3], sinks = st->scalars[4], window = st->scalars[5],
                streaming = st->scalars[6];
  /* offset(entry, kv, slot, d) = ((entry * 2 + kv) * S + slot) * D + d */
  float *keys = kv + (entry * 2 + 0) * slots * kHidden;
  float *values = kv + (entry * 2 + 1) * slots * kHidden;
  for (int64_t i = 0; i < tokens; ++i) {
    int64_t p = position + i;
    int64_t slot = !streaming || p < sinks ? p : sinks + (p - sinks) % window;
    keys[slot * kHidden + d] = h[i * kHidden + d];
    values[slot * kHidden + d] = h[i * kHidden + d] * 0.5f;
    int64_t valid = p + 1;
    if (streaming && valid > sinks + window)
      valid = sinks + window;
    float sum = 0.0f;
    for (int64_t v = 0; v < valid; ++v)
      sum += (float)(v + 1) * keys[v * kHidden + d] + values[v * kHidden + d];
    s[i * kHidden + d] = sum;
  }
}

/* bindings: s, lm_head [8][4], logits. scalars: tokens, rows per
 * workgroup. */
EXPORT void toy_lm_head(const sinkrt_dispatch_state *st, int64_t wg) {
  const float *s = (const float *)st->bindings[0];
  const float *w = (const float *)st->bindings[1];
  float *logits = (float *)st->bindings[2];
  const int64_t rows = st->scalars[1];
  const int64_t groupsPerToken = kVocab / rows;
  const int64_t i = wg / groupsPerToken, first = (wg % groupsPerToken) * rows;
  if (i >= st->scalars[0])
    return;
  /* Scratch must be this worker's own 64-byte-aligned area; a NaN makes a
   * misaligned or missing one visible in the logits. */
  float *x = (float *)st->scratch;
  if (!x || ((uintptr_t)x & 63)) {
    for (int64_t r = first; r < first + rows; ++r)
      logits[i * kVocab + r] = __builtin_nanf("");
    return;
  }
  for (int j = 0; j < kHidden; ++j)
    x[j] = s[i * kHidden + j];
  for (int64_t r = first; r < first + rows; ++r) {
    float sum = 0.0f;
    for (int j = 0; j < kHidden; ++j)
      sum += w[r * kHidden + j] * x[j];
    logits[i * kVocab + r] = sum;
  }
}
