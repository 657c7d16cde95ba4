/*===- sinkrt.h - the C API of the sinkc runtime -----------------*- C -*-===*
 *
 * Opens a compiled `.sinkpkg` package (docs/package-format.md), tokenizes
 * and detokenizes with the package's tokenizer, and allocates the KV cache
 * the compiled entry points use (docs/kv-abi.md), and runs sessions: prefill
 * and decode through the package's execution plan (docs/execution-plan.md)
 * on the runtime's thread pool. Sampling is not exposed yet.
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
#define SINKRT_API_VERSION 1

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
  /* The package is valid but this host cannot run it (CPU features). */
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

/* A session runs the package's compiled prefill and decode on the CPU
 * (docs/execution-plan.md): it owns the KV cache, the workspace and a thread
 * pool, all allocated at create, and the position of the next token. It
 * reads the package's mapped weights: the package must stay open while the
 * session exists. One thread at a time may call a session. */
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
   * the host's hardware threads. */
  int32_t threads;
} sinkrt_session_options;

#define SINKRT_SESSION_OPTIONS_INIT {sizeof(sinkrt_session_options), 0, 0}

/* Validates the package's execution plan, loads its CPU kernels (kernel
 * section "cpu") and allocates the session; `options` may be NULL for the
 * defaults. SINKRT_ERROR_INVALID_PACKAGE for a plan, kernel blob or kernel
 * name that cannot run; SINKRT_ERROR_INVALID_ARGUMENT for a ctx above the
 * model's context, a threads count out of range or bad options. */
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

/* Empties the KV cache and returns to position 0. */
sinkrt_status sinkrt_session_reset(sinkrt_session *session);

/* The model's vocabulary size (floats per logits row); 0 for NULL. */
size_t sinkrt_session_vocab(const sinkrt_session *session);

/* The session's context (ctx as chosen, or the model's); 0 for NULL. */
int64_t sinkrt_session_context(const sinkrt_session *session);

/* Bytes of the session's KV cache; constant over its life (streaming
 * groups reuse their slots); 0 for NULL. */
size_t sinkrt_session_kv_bytes(const sinkrt_session *session);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SINKRT_SINKRT_H */
