//===- SessionApi.cpp - sinkrt_session_* ----------------------------------===//

#include "api/Handles.h"

#include "device/DeviceBackend.h"
#include "exec/Session.h"

#include <cstddef>

using namespace sinkrt;
using sinkrt::api::fail;

struct sinkrt_session {
  std::unique_ptr<sinkrt::Session> session;
};

namespace {

/// The options of version 1 of the struct (ctx, threads): what every
/// caller sets. Version 2 adds `device`.
constexpr size_t kOptionsV1Size = offsetof(sinkrt_session_options, device);
constexpr size_t kOptionsSize = sizeof(sinkrt_session_options);

/// Reads `in` (NULL: the defaults) into `out`; an error message when its
/// size is too small, it sets fields this runtime does not know or names
/// no device.
std::string readOptions(const sinkrt_session_options *in, SessionOptions &out) {
  out.device = device::DeviceSpec();
  if (!in)
    return "";
  if (in->size < kOptionsV1Size)
    return "options->size is " + std::to_string(in->size) + ", below " +
           std::to_string(kOptionsV1Size) + " (set it to sizeof(sinkrt_session_options))";
  // A newer caller's struct: its extra fields are ours to refuse unless zero.
  const unsigned char *bytes = reinterpret_cast<const unsigned char *>(in);
  for (size_t i = kOptionsSize; i < in->size; ++i)
    if (bytes[i])
      return "options sets fields this runtime does not know (byte " + std::to_string(i) +
             " of " + std::to_string(in->size) + " is not zero)";
  out.ctx = in->ctx;
  out.threads = in->threads;
  if (in->size >= offsetof(sinkrt_session_options, device) + sizeof(in->device) && in->device)
    if (std::string e = device::parseDeviceSpec(in->device, out.device); !e.empty())
      return "options->device: " + e;
  return "";
}

} // namespace

extern "C" sinkrt_status sinkrt_session_create(const sinkrt_package *package,
                                               const sinkrt_session_options *options,
                                               sinkrt_session **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_create: out is NULL");
    if (!package)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_create: package is NULL");
    SessionOptions opts;
    if (std::string e = readOptions(options, opts); !e.empty())
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_create: " + e);
    std::unique_ptr<Session> session;
    std::string error;
    if (sinkrt_status st = Session::create(*package->reader, opts, session, error);
        st != SINKRT_OK)
      return fail(st, error);
    auto handle = std::make_unique<sinkrt_session>();
    handle->session = std::move(session);
    *out = handle.release();
    return api::succeed();
  });
}

extern "C" void sinkrt_session_destroy(sinkrt_session *session) { delete session; }

extern "C" sinkrt_status sinkrt_session_prefill(sinkrt_session *session, const int32_t *ids,
                                                size_t count, float *logits, int all_logits) {
  return api::guard([&] {
    if (!session)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_prefill: session is NULL");
    if (!ids)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_prefill: ids is NULL");
    std::string error;
    if (sinkrt_status st =
            session->session->prefill(ids, count, logits, all_logits != 0, error);
        st != SINKRT_OK)
      return fail(st, "sinkrt_session_prefill: " + error);
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_session_decode(sinkrt_session *session, int32_t id,
                                               float *logits) {
  return api::guard([&] {
    if (!session)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_decode: session is NULL");
    std::string error;
    if (sinkrt_status st = session->session->decode(id, logits, error); st != SINKRT_OK)
      return fail(st, "sinkrt_session_decode: " + error);
    return api::succeed();
  });
}

extern "C" int64_t sinkrt_session_position(const sinkrt_session *session) {
  return session ? session->session->position() : -1;
}

extern "C" sinkrt_status sinkrt_session_reset(sinkrt_session *session) {
  if (!session)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_reset: session is NULL");
  std::string error;
  if (sinkrt_status st = session->session->reset(error); st != SINKRT_OK)
    return fail(st, "sinkrt_session_reset: " + error);
  return api::succeed();
}

extern "C" size_t sinkrt_session_vocab(const sinkrt_session *session) {
  return session ? size_t(session->session->vocab()) : 0;
}

extern "C" int64_t sinkrt_session_context(const sinkrt_session *session) {
  return session ? session->session->context() : 0;
}

extern "C" size_t sinkrt_session_kv_bytes(const sinkrt_session *session) {
  return session ? session->session->kvBytes() : 0;
}

extern "C" size_t sinkrt_session_tap_count(const sinkrt_session *session) {
  return session ? session->session->taps().size() : 0;
}

extern "C" const char *sinkrt_session_tap_name(const sinkrt_session *session, size_t index) {
  if (!session || index >= session->session->taps().size())
    return nullptr;
  return session->session->taps()[index].name.c_str();
}

extern "C" sinkrt_status sinkrt_session_tap(const sinkrt_session *session, size_t index,
                                            const float **data, size_t *rows,
                                            size_t *columns) {
  if (!session || !data || !rows || !columns)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_tap: a NULL argument");
  const auto &taps = session->session->taps();
  if (index >= taps.size())
    return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                "sinkrt_session_tap: index " + std::to_string(index) + " is not below the " +
                    std::to_string(taps.size()) + " taps of the package");
  const Session::Tap &tap = taps[index];
  *data = tap.rows.data();
  *columns = size_t(tap.columns);
  *rows = tap.columns ? tap.rows.size() / size_t(tap.columns) : 0;
  return SINKRT_OK;
}

extern "C" int32_t sinkrt_session_threads(const sinkrt_session *session) {
  return session ? int32_t(session->session->threads()) : 0;
}

extern "C" sinkrt_status sinkrt_session_set_profiling(sinkrt_session *session, int enabled) {
  if (!session)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_set_profiling: session is NULL");
  session->session->setProfiling(enabled != 0);
  return SINKRT_OK;
}

extern "C" size_t sinkrt_session_profile_count(const sinkrt_session *session) {
  return session ? session->session->profile().size() : 0;
}

extern "C" sinkrt_status sinkrt_session_profile(const sinkrt_session *session, size_t index,
                                                sinkrt_step_profile *out) {
  if (!session || !out)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_session_profile: a NULL argument");
  const auto &steps = session->session->profile();
  if (index >= steps.size())
    return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                "sinkrt_session_profile: index " + std::to_string(index) +
                    " is not below the " + std::to_string(steps.size()) + " steps of the plan");
  const Session::StepProfile &p = steps[index];
  *out = {p.entry, p.step->kernel.c_str(), p.index, p.calls, p.tokens, p.nanoseconds};
  return SINKRT_OK;
}
