//===- sinkrt.hpp - a small C++ wrapper of sinkrt.h -------------*- C++ -*-===//
//
// Header-only RAII over the C API: each class owns one handle and releases
// it when destroyed; classes move but do not copy. Nothing throws (sinkc's
// tools build without exceptions, and std::bad_alloc aside, neither does
// the C API): failures come back as a Status holding the C API's status and
// sinkrt_last_error()'s message, and a failed factory returns an empty
// object (operator bool is false). The namespace is sinkrt::cxx, not
// sinkrt: the runtime's own classes (sinkrt::Tokenizer, sinkrt::KvCache) are
// exported from libsinkrt.so, and inline members of same-named classes here
// would interpose on them.
//
//   sinkrt::cxx::Status st;
//   auto pkg = sinkrt::cxx::Package::open("model.sinkpkg", st);
//   if (!pkg) { fprintf(stderr, "%s\n", st.message.c_str()); return 1; }
//   auto tok = sinkrt::cxx::Tokenizer::create(pkg, st);
//   std::vector<int32_t> ids;
//   st = tok.encode("The capital of France is", ids);
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_SINKRT_HPP
#define SINKRT_SINKRT_HPP

#include "sinkrt/sinkrt.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sinkrt::cxx {

struct Status {
  sinkrt_status code = SINKRT_OK;
  std::string message; ///< empty when ok

  bool ok() const { return code == SINKRT_OK; }
  explicit operator bool() const { return ok(); }
  /// The C API's status and this thread's last error.
  static Status last(sinkrt_status code) {
    return {code, code == SINKRT_OK ? std::string() : std::string(sinkrt_last_error())};
  }
};

namespace detail {
struct PackageCloser {
  void operator()(sinkrt_package *p) const { sinkrt_package_close(p); }
};
struct TokenizerDestroyer {
  void operator()(sinkrt_tokenizer *t) const { sinkrt_tokenizer_destroy(t); }
};
struct KvCacheDestroyer {
  void operator()(sinkrt_kv_cache *c) const { sinkrt_kv_cache_destroy(c); }
};
} // namespace detail

class Package {
public:
  Package() = default;
  /// Opens `path` (flags: SINKRT_OPEN_VERIFY_WEIGHTS); empty on failure.
  static Package open(const std::string &path, Status &status, uint32_t flags = 0) {
    sinkrt_package *p = nullptr;
    status = Status::last(sinkrt_package_open(path.c_str(), flags, &p));
    Package result;
    result.handle.reset(p);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_package *get() const { return handle.get(); }
  /// The manifest JSON; empty for an empty Package.
  std::string_view manifestJson() const {
    const char *json = handle ? sinkrt_package_manifest_json(handle.get()) : nullptr;
    return json ? std::string_view(json) : std::string_view();
  }

private:
  std::unique_ptr<sinkrt_package, detail::PackageCloser> handle;
};

class Tokenizer {
public:
  Tokenizer() = default;
  /// The package's tokenizer; empty on failure. It does not need `package`
  /// afterwards.
  static Tokenizer create(const Package &package, Status &status) {
    sinkrt_tokenizer *t = nullptr;
    status = Status::last(sinkrt_tokenizer_create(package.get(), &t));
    Tokenizer result;
    result.handle.reset(t);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_tokenizer *get() const { return handle.get(); }

  /// The ids of `text` into `ids` (replaced). `addBos`: SINKRT_BOS_NO,
  /// SINKRT_BOS_YES or SINKRT_BOS_DEFAULT (as the package says).
  Status encode(std::string_view text, std::vector<int32_t> &ids,
                int addBos = SINKRT_BOS_DEFAULT, bool parseSpecial = true) const {
    // Every token but BOS covers at least one byte, so this is nearly
    // always enough; the C API says what is when it is not.
    ids.resize(text.size() + 1);
    size_t count = 0;
    sinkrt_status s = sinkrt_tokenize(handle.get(), text.data(), text.size(), addBos,
                                      parseSpecial, ids.data(), ids.size(), &count);
    if (s == SINKRT_ERROR_BUFFER_TOO_SMALL) {
      ids.resize(count);
      s = sinkrt_tokenize(handle.get(), text.data(), text.size(), addBos, parseSpecial,
                          ids.data(), ids.size(), &count);
    }
    ids.resize(s == SINKRT_OK ? count : 0);
    return Status::last(s);
  }

  /// The text of `ids` into `text` (replaced).
  Status decode(const std::vector<int32_t> &ids, std::string &text,
                bool skipSpecial = false) const {
    size_t length = 0;
    sinkrt_status s = sinkrt_detokenize(handle.get(), ids.data(), ids.size(), skipSpecial,
                                        nullptr, 0, &length);
    text.clear();
    if (s != SINKRT_ERROR_BUFFER_TOO_SMALL)
      return Status::last(s);
    std::vector<char> buffer(length + 1);
    s = sinkrt_detokenize(handle.get(), ids.data(), ids.size(), skipSpecial, buffer.data(),
                          buffer.size(), &length);
    if (s == SINKRT_OK)
      text.assign(buffer.data(), length);
    return Status::last(s);
  }

  size_t vocabSize() const { return sinkrt_tokenizer_vocab_size(handle.get()); }
  /// -1 when the tokenizer has none.
  int32_t bos() const { return sinkrt_tokenizer_bos(handle.get()); }
  int32_t eos() const { return sinkrt_tokenizer_eos(handle.get()); }
  /// Whether encode with SINKRT_BOS_DEFAULT prepends BOS.
  bool addsBos() const { return sinkrt_tokenizer_adds_bos(handle.get()) != 0; }
  bool isControl(int32_t id) const { return sinkrt_tokenizer_is_control(handle.get(), id) != 0; }

private:
  std::unique_ptr<sinkrt_tokenizer, detail::TokenizerDestroyer> handle;
};

class KvCache {
public:
  KvCache() = default;
  /// The package's KV cache with `context` slots in full groups; empty on
  /// failure.
  static KvCache create(const Package &package, int64_t context, Status &status) {
    sinkrt_kv_cache *c = nullptr;
    status = Status::last(sinkrt_kv_cache_create(package.get(), context, &c));
    KvCache result;
    result.handle.reset(c);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_kv_cache *get() const { return handle.get(); }
  size_t bytes() const { return sinkrt_kv_cache_bytes(handle.get()); }

private:
  std::unique_ptr<sinkrt_kv_cache, detail::KvCacheDestroyer> handle;
};

namespace detail {
struct SessionDestroyer {
  void operator()(sinkrt_session *s) const { sinkrt_session_destroy(s); }
};
} // namespace detail

/// Runs the package's prefill and decode; `package` must outlive it.
class Session {
public:
  Session() = default;
  /// `ctx` 0: the model's context; `threads` 0: the host's threads;
  /// `device` NULL or "cpu", "cuda", "hip", "cuda:1". Empty on failure.
  static Session create(const Package &package, Status &status, int64_t ctx = 0,
                        int32_t threads = 0, const char *device = nullptr) {
    sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
    options.ctx = ctx;
    options.threads = threads;
    options.device = device;
    sinkrt_session *s = nullptr;
    status = Status::last(sinkrt_session_create(package.get(), &options, &s));
    Session result;
    result.handle.reset(s);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_session *get() const { return handle.get(); }
  size_t vocab() const { return sinkrt_session_vocab(handle.get()); }
  int64_t position() const { return sinkrt_session_position(handle.get()); }
  int64_t context() const { return sinkrt_session_context(handle.get()); }
  size_t kvBytes() const { return sinkrt_session_kv_bytes(handle.get()); }
  int32_t threads() const { return sinkrt_session_threads(handle.get()); }

  /// Runs `ids`; `logits` is resized to ids.size() x vocab with
  /// `allLogits`, else to the last token's vocab scores.
  Status prefill(const std::vector<int32_t> &ids, std::vector<float> &logits,
                 bool allLogits = false) {
    logits.resize((allLogits ? ids.size() : 1) * vocab());
    return Status::last(sinkrt_session_prefill(handle.get(), ids.data(), ids.size(),
                                               logits.data(), allLogits));
  }
  /// Runs one token; `logits` is resized to vocab scores.
  Status decode(int32_t id, std::vector<float> &logits) {
    logits.resize(vocab());
    return Status::last(sinkrt_session_decode(handle.get(), id, logits.data()));
  }
  Status reset() { return Status::last(sinkrt_session_reset(handle.get())); }

  /// Per-step timing (see sinkrt_session_set_profiling); counters restart.
  Status setProfiling(bool enabled) {
    return Status::last(sinkrt_session_set_profiling(handle.get(), enabled));
  }
  /// Every step's accumulated timing, prefill's steps first.
  std::vector<sinkrt_step_profile> profile() const {
    std::vector<sinkrt_step_profile> steps(sinkrt_session_profile_count(handle.get()));
    for (size_t i = 0; i < steps.size(); ++i)
      sinkrt_session_profile(handle.get(), i, &steps[i]);
    return steps;
  }

private:
  std::unique_ptr<sinkrt_session, detail::SessionDestroyer> handle;
};

namespace detail {
struct SamplerDestroyer {
  void operator()(sinkrt_sampler *s) const { sinkrt_sampler_destroy(s); }
};
struct DetokenizerDestroyer {
  void operator()(sinkrt_detokenizer *d) const { sinkrt_detokenizer_destroy(d); }
};
struct StopMatcherDestroyer {
  void operator()(sinkrt_stop_matcher *m) const { sinkrt_stop_matcher_destroy(m); }
};
} // namespace detail

/// Picks tokens from logits (sinkrt_sampler_options: greedy, temperature,
/// top-k, top-p, repetition penalty, seed).
class Sampler {
public:
  Sampler() = default;
  /// A sampler over `vocab` logits; empty on failure (an option out of
  /// range: the status says which).
  static Sampler create(size_t vocab, const sinkrt_sampler_options &options, Status &status) {
    sinkrt_sampler *s = nullptr;
    status = Status::last(sinkrt_sampler_create(&options, vocab, &s));
    Sampler result;
    result.handle.reset(s);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_sampler *get() const { return handle.get(); }

  /// The next token from `vocab` floats at `logits` into `token`.
  Status sample(const float *logits, int32_t &token) {
    return Status::last(sinkrt_sample(handle.get(), logits, &token));
  }
  /// Adds a prompt token to the penalty history.
  Status accept(int32_t token) { return Status::last(sinkrt_sampler_accept(handle.get(), token)); }
  Status reset() { return Status::last(sinkrt_sampler_reset(handle.get())); }

private:
  std::unique_ptr<sinkrt_sampler, detail::SamplerDestroyer> handle;
};

/// Ids to text one at a time, never splitting a UTF-8 character; the
/// tokenizer must outlive it.
class Detokenizer {
public:
  Detokenizer() = default;
  static Detokenizer create(const Tokenizer &tokenizer, Status &status,
                            bool skipSpecial = false) {
    sinkrt_detokenizer *d = nullptr;
    status = Status::last(sinkrt_detokenizer_create(tokenizer.get(), skipSpecial, &d));
    Detokenizer result;
    result.handle.reset(d);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_detokenizer *get() const { return handle.get(); }
  size_t pending() const { return sinkrt_detokenizer_pending(handle.get()); }

  /// Appends to `text` the characters `id` completes.
  Status push(int32_t id, std::string &text) {
    const char *piece = nullptr;
    size_t length = 0;
    sinkrt_status s = sinkrt_detokenizer_push(handle.get(), id, &piece, &length);
    if (s == SINKRT_OK)
      text.append(piece, length);
    return Status::last(s);
  }
  /// Appends to `text` what is held back, and starts over.
  Status flush(std::string &text) {
    const char *piece = nullptr;
    size_t length = 0;
    sinkrt_status s = sinkrt_detokenizer_flush(handle.get(), &piece, &length);
    if (s == SINKRT_OK)
      text.append(piece, length);
    return Status::last(s);
  }

private:
  std::unique_ptr<sinkrt_detokenizer, detail::DetokenizerDestroyer> handle;
};

/// Cuts generated text at the first stop string, holding back what may
/// still become one.
class StopMatcher {
public:
  StopMatcher() = default;
  /// Stop strings may not contain NUL; empty ones are ignored.
  static StopMatcher create(const std::vector<std::string> &stops, Status &status) {
    std::vector<const char *> pointers;
    for (const std::string &stop : stops)
      pointers.push_back(stop.c_str());
    sinkrt_stop_matcher *m = nullptr;
    status = Status::last(sinkrt_stop_matcher_create(pointers.data(), pointers.size(), &m));
    StopMatcher result;
    result.handle.reset(m);
    return result;
  }

  explicit operator bool() const { return handle != nullptr; }
  sinkrt_stop_matcher *get() const { return handle.get(); }

  /// Feeds `piece`; appends to `text` what is safe to show; `stopped`
  /// becomes true once a stop string completed.
  Status feed(std::string_view piece, std::string &text, bool &stopped) {
    const char *out = nullptr;
    size_t length = 0;
    int done = 0;
    sinkrt_status s = sinkrt_stop_matcher_feed(handle.get(), piece.data(), piece.size(), &out,
                                               &length, &done);
    if (s == SINKRT_OK) {
      text.append(out, length);
      stopped = done != 0;
    }
    return Status::last(s);
  }
  /// Appends the held-back text (the end of generation).
  Status flush(std::string &text) {
    const char *out = nullptr;
    size_t length = 0;
    sinkrt_status s = sinkrt_stop_matcher_flush(handle.get(), &out, &length);
    if (s == SINKRT_OK)
      text.append(out, length);
    return Status::last(s);
  }
  Status reset() { return Status::last(sinkrt_stop_matcher_reset(handle.get())); }

private:
  std::unique_ptr<sinkrt_stop_matcher, detail::StopMatcherDestroyer> handle;
};

} // namespace sinkrt::cxx

#endif // SINKRT_SINKRT_HPP
