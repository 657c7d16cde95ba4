/*===- sinkrt.h - the C API of the sinkc runtime -----------------*- C -*-===*
 *
 * Opens a compiled `.sinkpkg` package (docs/package-format.md), tokenizes
 * and detokenizes with the package's tokenizer, and allocates the KV cache
 * the compiled entry points use (docs/kv-abi.md), and runs sessions: prefill
 * and decode through the package's execution plan (docs/execution-plan.md)
 * on the runtime's thread pool; and turns the logits into text: a sampler,
 * a streaming detokenizer that never splits a UTF-8 character, and a
 * stop-string matcher.
 *
 * Conventions:
 *  - Every object is an opaque handle created by a `_create` / `_open`
 *    function and released by its `_destroy` / `_close` function, which
 *    accept NULL. A tokenizer or KV cache does not keep its package alive
 *    and may outlive it.
 *  - Functions that can fail return a sinkrt_status. On failure,
 *    sinkrt_last_error() returns one line saying what went wrong (naming the
 *    file, byte offset or manifest field where there is one); on success it
 *    returns "". The message is per thread.
 *  - Output parameters are written only on success, except the `count` /
 *    `length` of SINKRT_ERROR_BUFFER_TOO_SMALL, which say the size needed.
 *  - No C++ exception crosses this API; out of memory is a status.
 *  - Handles may be used from several threads at once for reading
 *    (tokenize, detokenize, manifest); destroying one must not race with
 *    its use.
 *
 *===----------------------------------------------------------------------===*/

#ifndef SINKRT_SINKRT_H
#define SINKRT_SINKRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this API: bumped when a declaration here changes. */
#define SINKRT_API_VERSION 3

typedef enum sinkrt_status {
  SINKRT_OK = 0,
  /* A NULL handle or pointer, an unknown flag, an id outside the vocabulary,
   * a context below 1. */
  SINKRT_ERROR_INVALID_ARGUMENT = 1,
  /* The file cannot be opened, read or mapped. */
  SINKRT_ERROR_IO = 2,
  /* The file is not a valid package for this runtime: corrupt, truncated,
   * another major format version, an invalid manifest or tokenizer. */
  SINKRT_ERROR_INVALID_PACKAGE = 3,
  /* The package is valid but this host cannot run it (CPU features), or
   * the device asked for is not there (no GPU driver or device). */
  SINKRT_ERROR_UNSUPPORTED_HOST = 4,
  /* An output buffer is too small; the count or length out-parameter says
   * how much is needed. */
  SINKRT_ERROR_BUFFER_TOO_SMALL = 5,
  SINKRT_ERROR_OUT_OF_MEMORY = 6,
  /* A bug in the runtime. */
  SINKRT_ERROR_INTERNAL = 7
} sinkrt_status;

/* The last failure's message on this thread, "" after a success. Valid
 * until the next sinkrt call on this thread. Never NULL. */
const char *sinkrt_last_error(void);

/* A constant name for a status ("SINKRT_ERROR_IO"); "unknown status" for a
 * value not listed above. */
const char *sinkrt_status_name(sinkrt_status status);

/*===------------------------------------------------------------------===*
 * Packages
 *===------------------------------------------------------------------===*/

typedef struct sinkrt_package sinkrt_package;

/* Hash the weights section at open (reads every page of it); without this
 * flag only the header, section table, manifest, tokenizer and kernels are
 * checksummed, and the weights are mapped lazily. */
#define SINKRT_OPEN_VERIFY_WEIGHTS 0x1u

/* Maps and validates the package at `path` (a NUL-terminated file name).
 * `flags` is 0 or SINKRT_OPEN_VERIFY_WEIGHTS. Fails with SINKRT_ERROR_IO
 * when the file cannot be opened, SINKRT_ERROR_INVALID_PACKAGE when it is
 * not a valid package, SINKRT_ERROR_UNSUPPORTED_HOST when the host lacks a
 * CPU feature the package needs. */
sinkrt_status sinkrt_package_open(const char *path, uint32_t flags,
                                  sinkrt_package **out);

/* Unmaps the package. NULL is allowed. */
void sinkrt_package_close(sinkrt_package *package);

/* The manifest as the package stores it (UTF-8 JSON, NUL-terminated),
 * valid while the package is open; NULL (with sinkrt_last_error set) for a
 * NULL package. */
const char *sinkrt_package_manifest_json(const sinkrt_package *package);

/*===------------------------------------------------------------------===*
 * Tokenizer
 *===------------------------------------------------------------------===*/

typedef struct sinkrt_tokenizer sinkrt_tokenizer;

/* Builds the package's tokenizer: vocabulary and merges from its tokenizer
 * section, pre-tokenizer regexes and special tokens from its manifest.
 * SINKRT_ERROR_INVALID_PACKAGE when they do not form a tokenizer this
 * runtime supports (e.g. a SentencePiece vocabulary). */
sinkrt_status sinkrt_tokenizer_create(const sinkrt_package *package,
                                      sinkrt_tokenizer **out);

void sinkrt_tokenizer_destroy(sinkrt_tokenizer *tokenizer);

/* `add_bos` values: prepend BOS or not, or do what the package says
 * (manifest "tokenizer.add_bos"). */
#define SINKRT_BOS_NO 0
#define SINKRT_BOS_YES 1
#define SINKRT_BOS_DEFAULT (-1)

/* The token ids of `length` bytes at `text` (any bytes; ill-formed UTF-8 is
 * encoded byte by byte; `text` may be NULL when `length` is 0). With
 * `parse_special` non-zero, control tokens' texts (e.g. "<|im_start|>") map
 * to their ids; otherwise they are ordinary text. User-defined tokens always
 * map to their ids. On success `*count` is the number of ids written to
 * `ids_out`. When `capacity` is smaller, nothing is written, `*count` is
 * the number needed and the status is SINKRT_ERROR_BUFFER_TOO_SMALL
 * (`ids_out` may be NULL with `capacity` 0 to ask for the count). */
sinkrt_status sinkrt_tokenize(const sinkrt_tokenizer *tokenizer,
                              const char *text, size_t length, int add_bos,
                              int parse_special, int32_t *ids_out,
                              size_t capacity, size_t *count);

/* The text of `count` ids (ids may be NULL when `count` is 0): the tokens'
 * bytes, ill-formed UTF-8 replaced by U+FFFD; with `skip_special` non-zero
 * control tokens are left out. On success `*length` is the number of bytes
 * written to `text_out`, followed by a NUL. When `capacity` is below
 * `*length + 1`, nothing is written, `*length` is the length needed
 * (without the NUL) and the status is SINKRT_ERROR_BUFFER_TOO_SMALL. An id
 * outside the vocabulary is SINKRT_ERROR_INVALID_ARGUMENT. */
sinkrt_status sinkrt_detokenize(const sinkrt_tokenizer *tokenizer,
                                const int32_t *ids, size_t count,
                                int skip_special, char *text_out,
                                size_t capacity, size_t *length);

/*===------------------------------------------------------------------===*
 * KV cache
 *===------------------------------------------------------------------===*/

typedef struct sinkrt_kv_cache sinkrt_kv_cache;

/* Allocates the zeroed KV cache of the package's manifest
 * ("kv_cache.groups", docs/kv-abi.md): full-attention groups get `context`
 * slots, streaming groups sinks + window. `context` must be at least 1. */
sinkrt_status sinkrt_kv_cache_create(const sinkrt_package *package,
                                     int64_t context, sinkrt_kv_cache **out);

/* Bytes of all the cache's buffers together; 0 for NULL. */
size_t sinkrt_kv_cache_bytes(const sinkrt_kv_cache *cache);

void sinkrt_kv_cache_destroy(sinkrt_kv_cache *cache);

/*===------------------------------------------------------------------===*
 * Sessions
 *===------------------------------------------------------------------===*/

/* A session runs the package's compiled prefill and decode on the CPU or a
 * GPU (docs/execution-plan.md, docs/gpu-runtime.md): it owns the KV cache,
 * the workspace and, on the CPU, a thread pool, all allocated at create,
 * and the position of the next token. It reads the package's mapped
 * weights (a GPU session copies them to the device at create): the
 * package must stay open while the session exists. One thread at a time
 * may call a session. */
typedef struct sinkrt_session sinkrt_session;

typedef struct sinkrt_session_options {
  /* sizeof(sinkrt_session_options) as the caller knows it: a newer
   * runtime reads what an older caller set; bytes past what this runtime
   * knows must be zero. */
  size_t size;
  /* Slots of the full-attention KV groups: 1 to the model's context
   * (manifest "model.context"); 0 for the model's context. */
  int64_t ctx;
  /* Threads running workgroups, the caller's included: 1 to 1024; 0 for
   * the host's hardware threads. Checked but unused on a GPU. */
  int32_t threads;
  /* The device that runs the session (see "Devices" below): "cpu", NULL or
   * "" for the host; "cuda" or "hip" for the first GPU of that kind,
   * "cuda:1" for another. Read during create only. A GPU on a host without
   * its driver or device fails with SINKRT_ERROR_UNSUPPORTED_HOST and the
   * driver's reason ("no CUDA driver: ...", "no CUDA device: ..."); a
   * package without kernels for the device (kernel section and manifest
   * "gpu_launches") with SINKRT_ERROR_INVALID_PACKAGE; a ctx above the
   * package's "gpu_max_context" with SINKRT_ERROR_INVALID_ARGUMENT. Device
   * errors while running (a failed launch, a kernel's fault) are
   * SINKRT_ERROR_INTERNAL naming the plan step and kernel. Added in API
   * version 2. */
  const char *device;
} sinkrt_session_options;

#define SINKRT_SESSION_OPTIONS_INIT {sizeof(sinkrt_session_options), 0, 0, NULL}

/* Validates the package's execution plan, loads its kernels for the device
 * (kernel section "cpu", or the GPU's) and allocates the session; `options`
 * may be NULL for the defaults. SINKRT_ERROR_INVALID_PACKAGE for a plan,
 * kernel blob or kernel name that cannot run; SINKRT_ERROR_INVALID_ARGUMENT
 * for a ctx above the model's context, a threads count out of range or bad
 * options; SINKRT_ERROR_OUT_OF_MEMORY when the host or device memory does
 * not suffice. */
sinkrt_status sinkrt_session_create(const sinkrt_package *package,
                                    const sinkrt_session_options *options,
                                    sinkrt_session **out);

void sinkrt_session_destroy(sinkrt_session *session);

/* Runs `count` >= 1 token ids from the current position (in chunks of the
 * plan's max_tokens) and advances the position by `count`. With
 * `all_logits` non-zero `logits` receives count x vocab floats (row i: the
 * scores of the token after ids[0..i]), else the last token's vocab
 * floats; `logits` may be NULL when they are not wanted. An id outside the
 * vocabulary or a position past ctx (full-attention caches; streaming-only
 * caches take any position) is SINKRT_ERROR_INVALID_ARGUMENT, and nothing
 * runs. */
sinkrt_status sinkrt_session_prefill(sinkrt_session *session, const int32_t *ids,
                                     size_t count, float *logits, int all_logits);

/* Runs one token at the current position and advances it; `logits` (may
 * be NULL) receives vocab floats. Errors as sinkrt_session_prefill. */
sinkrt_status sinkrt_session_decode(sinkrt_session *session, int32_t id, float *logits);

/* The position the next token goes to (tokens run so far since create or
 * reset); -1 for NULL. */
int64_t sinkrt_session_position(const sinkrt_session *session);

/* Empties the KV cache and returns to position 0 (on a GPU, an error of
 * the device's is SINKRT_ERROR_INTERNAL). */
sinkrt_status sinkrt_session_reset(sinkrt_session *session);

/* The model's vocabulary size (floats per logits row); 0 for NULL. */
size_t sinkrt_session_vocab(const sinkrt_session *session);

/* The session's context (ctx as chosen, or the model's); 0 for NULL. */
int64_t sinkrt_session_context(const sinkrt_session *session);

/* Threads the session runs workgroups on, the caller's included (1 on a
 * GPU); 0 for NULL. Added in API version 3. */
int32_t sinkrt_session_threads(const sinkrt_session *session);

/* Bytes of the session's KV cache; constant over its life (streaming
 * groups reuse their slots); 0 for NULL. */
size_t sinkrt_session_kv_bytes(const sinkrt_session *session);

/* Taps of a package compiled with `sinkc compile --taps` (none otherwise):
 * named f32 arrays with one row per token run since create or reset, e.g.
 * "blk.3" (the hidden state after layer 3, hidden columns) and
 * "blk.3.sink_mass" (per query head, the attention weight on the first
 * positions). Names are valid while the session lives; data until the next
 * prefill, decode or reset. */
size_t sinkrt_session_tap_count(const sinkrt_session *session);
const char *sinkrt_session_tap_name(const sinkrt_session *session, size_t index);
sinkrt_status sinkrt_session_tap(const sinkrt_session *session, size_t index,
                                 const float **data, size_t *rows, size_t *columns);

/* Per-step timing, for benchmarks (`sinkc bench`). Off by default; while
 * on, each step of the execution plan is timed as it runs (wall clock from
 * its first workgroup's start to its last one's end, two clock reads per
 * step; on a GPU the session waits for each step's kernels) and
 * accumulated per (entry, step). Turning it on or off restarts
 * the counters at zero. Added in API version 3. */
sinkrt_status sinkrt_session_set_profiling(sinkrt_session *session, int enabled);

typedef struct sinkrt_step_profile {
  const char *entry;     /* "prefill" or "decode" */
  const char *kernel;    /* the step's kernel, e.g. "dispatch_2_attention" */
  size_t step;           /* its place in the entry's steps */
  uint64_t calls;        /* times it ran */
  uint64_t tokens;       /* tokens those runs processed */
  uint64_t nanoseconds;  /* wall time of those runs */
} sinkrt_step_profile;

/* Steps of both entries (prefill's first); 0 for NULL. Strings are valid
 * while the session lives. */
size_t sinkrt_session_profile_count(const sinkrt_session *session);
sinkrt_status sinkrt_session_profile(const sinkrt_session *session, size_t index,
                                     sinkrt_step_profile *out);

/*===------------------------------------------------------------------===*
 * Tokenizer facts
 *===------------------------------------------------------------------===*/

/* Tokens in the vocabulary; 0 for NULL. */
size_t sinkrt_tokenizer_vocab_size(const sinkrt_tokenizer *tokenizer);

/* The BOS / EOS token ids (manifest "tokenizer.bos" / "tokenizer.eos");
 * -1 when the tokenizer has none, and for NULL. */
int32_t sinkrt_tokenizer_bos(const sinkrt_tokenizer *tokenizer);
int32_t sinkrt_tokenizer_eos(const sinkrt_tokenizer *tokenizer);

/* 1 when sinkrt_tokenize with SINKRT_BOS_DEFAULT prepends BOS (the package
 * asks for it and the vocabulary has one), else 0; 0 for NULL. */
int sinkrt_tokenizer_adds_bos(const sinkrt_tokenizer *tokenizer);

/* 1 when `id` is a control token (the ones sinkrt_detokenize's
 * skip_special leaves out), else 0; 0 for NULL or an id outside the
 * vocabulary. */
int sinkrt_tokenizer_is_control(const sinkrt_tokenizer *tokenizer, int32_t id);

/*===------------------------------------------------------------------===*
 * Sampling
 *===------------------------------------------------------------------===*/

/* Picks the next token from a row of logits. In order: repetition penalty
 * -> greedy (temperature 0 or top_k 1: the largest logit, the lowest id on
 * ties) or top-k -> softmax(logits / temperature) in double -> top-p over
 * the sorted probabilities -> one uniform draw from a PRNG seeded with
 * `seed` (xoshiro256**, fully specified). The token depends only on the
 * logits, the options and the tokens sampled or accepted since create or
 * reset: the same seed gives the same tokens on any machine and at any
 * session thread count. NaN logits count as -inf. Sampling allocates
 * nothing. One thread at a time may call a sampler. */
typedef struct sinkrt_sampler sinkrt_sampler;

typedef struct sinkrt_sampler_options {
  /* sizeof(sinkrt_sampler_options) as the caller knows it (as in
   * sinkrt_session_options). */
  size_t size;
  /* 0: greedy; otherwise finite and > 0. */
  float temperature;
  /* Keep the k most likely tokens; 0: all. >= 0. */
  int32_t top_k;
  /* Keep the smallest set of most likely tokens holding this much of the
   * probability (at least one token); in (0, 1]; 1: all. */
  float top_p;
  /* CTRL's penalty on tokens among the last repetition_last_n (logits > 0
   * divided by it, others multiplied); finite and > 0; 1: off. */
  float repetition_penalty;
  /* Tokens of history the penalty looks at; >= 0. */
  int32_t repetition_last_n;
  uint64_t seed;
} sinkrt_sampler_options;

#define SINKRT_SAMPLER_OPTIONS_INIT \
  {sizeof(sinkrt_sampler_options), 0.0f, 0, 1.0f, 1.0f, 64, 0}

/* A sampler over `vocab` logits (1 to 2^31-1); `options` may be NULL for
 * the defaults (greedy). SINKRT_ERROR_INVALID_ARGUMENT for an option out
 * of range, naming it. */
sinkrt_status sinkrt_sampler_create(const sinkrt_sampler_options *options, size_t vocab,
                                    sinkrt_sampler **out);

void sinkrt_sampler_destroy(sinkrt_sampler *sampler);

/* Picks a token from `vocab` floats at `logits` into `*token`, and adds
 * it to the penalty history. */
sinkrt_status sinkrt_sample(sinkrt_sampler *sampler, const float *logits, int32_t *token);

/* Adds a token that was not sampled (the prompt's) to the penalty history;
 * SINKRT_ERROR_INVALID_ARGUMENT for an id outside the vocabulary. */
sinkrt_status sinkrt_sampler_accept(sinkrt_sampler *sampler, int32_t token);

/* Forgets the history and restarts the PRNG from the seed. */
sinkrt_status sinkrt_sampler_reset(sinkrt_sampler *sampler);

/*===------------------------------------------------------------------===*
 * Streaming text
 *===------------------------------------------------------------------===*/

/* Turns ids into text one at a time without ever splitting a UTF-8
 * character: each push gives the characters the id completes and holds
 * back the start of one the next id may finish. Ill-formed bytes come out
 * as U+FFFD as soon as they are known to be ill-formed, so all pushes and
 * the final flush together equal sinkrt_detokenize of all the ids. It
 * reads its tokenizer, which must outlive it. One thread at a time. */
typedef struct sinkrt_detokenizer sinkrt_detokenizer;

/* With `skip_special` non-zero control tokens give no text. */
sinkrt_status sinkrt_detokenizer_create(const sinkrt_tokenizer *tokenizer, int skip_special,
                                        sinkrt_detokenizer **out);

void sinkrt_detokenizer_destroy(sinkrt_detokenizer *detokenizer);

/* Appends `id`. `*text` receives the text it completes, `*length` bytes
 * (often 0) followed by a NUL, valid until the next call on this
 * detokenizer. SINKRT_ERROR_INVALID_ARGUMENT for an id outside the
 * vocabulary (nothing changes). */
sinkrt_status sinkrt_detokenizer_push(sinkrt_detokenizer *detokenizer, int32_t id,
                                      const char **text, size_t *length);

/* The end of the ids: `*text` receives whatever was held back (a cut-off
 * character as U+FFFD), as in push; the detokenizer starts over. */
sinkrt_status sinkrt_detokenizer_flush(sinkrt_detokenizer *detokenizer, const char **text,
                                       size_t *length);

/* Bytes held back, waiting for the rest of a character; 0 for NULL. */
size_t sinkrt_detokenizer_pending(const sinkrt_detokenizer *detokenizer);

/* Stops generated text at the first stop string to complete (the earliest
 * end; among stop strings ending at the same byte, the longest) and holds
 * back a tail that could still grow into one, so that a stop string is
 * never shown. Text arrives in pieces; the result does not depend on how
 * it is split. Matching is on bytes; when pieces and stop strings are
 * valid UTF-8 every emitted piece ends on a character boundary. One thread
 * at a time. */
typedef struct sinkrt_stop_matcher sinkrt_stop_matcher;

/* `count` NUL-terminated stop strings (`stops` may be NULL when `count` is
 * 0; empty strings are ignored); the matcher copies them. */
sinkrt_status sinkrt_stop_matcher_create(const char *const *stops, size_t count,
                                         sinkrt_stop_matcher **out);

void sinkrt_stop_matcher_destroy(sinkrt_stop_matcher *matcher);

/* Feeds `length` bytes at `piece` (NULL when `length` is 0). `*text`
 * receives the text now safe to show, `*text_length` bytes followed by a
 * NUL, valid until the next call on this matcher; `*stopped` is 1 once a
 * stop string has completed (then `*text` ends just before it, and later
 * feeds give "" and 1), else 0. */
sinkrt_status sinkrt_stop_matcher_feed(sinkrt_stop_matcher *matcher, const char *piece,
                                       size_t length, const char **text,
                                       size_t *text_length, int *stopped);

/* The end of generation: `*text` receives the held-back text ("" after a
 * stop), as in feed. The matcher keeps its stopped state. */
sinkrt_status sinkrt_stop_matcher_flush(sinkrt_stop_matcher *matcher, const char **text,
                                        size_t *text_length);

/* Forgets held text and the stopped state, for a new generation. */
sinkrt_status sinkrt_stop_matcher_reset(sinkrt_stop_matcher *matcher);

/*===------------------------------------------------------------------===*
 * Devices
 *===------------------------------------------------------------------===*/

/* Devices are named by kind: "cpu" (the host, always one device), "cuda"
 * (NVIDIA GPUs through the CUDA driver API, libcuda.so.1) and "hip" (AMD
 * GPUs through the HIP runtime, libamdhip64.so). GPU libraries are loaded
 * with dlopen at first use and never linked; SINKRT_CUDA_LIBRARY or
 * SINKRT_HIP_LIBRARY in the environment names another file to load. Where
 * a library cannot be used the calls below fail with
 * SINKRT_ERROR_UNSUPPORTED_HOST and a message starting "no CUDA driver: ",
 * "no CUDA device: ", "no HIP runtime: " or "no HIP device: ", followed by
 * the reason: dlopen's error, the entry point the library lacks, or the
 * driver's own error string. These calls are thread-safe.
 * docs/gpu-runtime.md describes the device layer. */

/* The number of devices of `kind` ("cpu", "cuda" or "hip") in `*count`:
 * 1 for "cpu"; for a GPU kind what the initialized driver reports, 0 when
 * it says there is none (sinkrt_device_describe then says why).
 * SINKRT_ERROR_INVALID_ARGUMENT for another kind; SINKRT_ERROR_UNSUPPORTED_HOST
 * when the library cannot be loaded, lacks an entry point or fails to
 * initialize. */
sinkrt_status sinkrt_device_count(const char *kind, int32_t *count);

/* Describes device `index` of `kind` as one line of JSON, e.g.
 *   {"kind":"cuda","index":0,"name":"NVIDIA H100 80GB HBM3","arch":"sm_90",
 *    "memory_bytes":84974239744,"multiprocessors":132,"compute_capability":"9.0"}
 * "arch" is the kernel target the device runs ("sm_90", "gfx942",
 * "x86_64"; "" when the driver does not say), "multiprocessors" counts SMs,
 * CUs or the host's hardware threads; "compute_capability" is CUDA's only.
 * Written to `json_out` as sinkrt_detokenize writes text: `*length` bytes
 * and a NUL; when `capacity` is below `*length + 1` nothing is written,
 * `*length` is the length needed and the status is
 * SINKRT_ERROR_BUFFER_TOO_SMALL. No device at all is
 * SINKRT_ERROR_UNSUPPORTED_HOST ("no CUDA device: ..."); an index past the
 * last device SINKRT_ERROR_INVALID_ARGUMENT. */
sinkrt_status sinkrt_device_describe(const char *kind, int32_t index, char *json_out,
                                     size_t capacity, size_t *length);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SINKRT_SINKRT_H */
