//===- StopMatcherApi.cpp - sinkrt_stop_matcher_* -------------------------===//
//
// core/StopStrings.h behind a handle that keeps the last piece of text,
// which the caller reads through a pointer until its next call.
//
//===----------------------------------------------------------------------===//

#include "api/Handles.h"

#include "core/StopStrings.h"

using namespace sinkrt;
using sinkrt::api::fail;

struct sinkrt_stop_matcher {
  explicit sinkrt_stop_matcher(std::vector<std::string> stops) : matcher(std::move(stops)) {}
  StopStringMatcher matcher;
  std::string text; ///< what the last feed or flush gave
};

namespace {

/// The error of NULL text / length out-parameters of `function`, or "".
std::string checkOutputs(const char *function, const char **text, size_t *length) {
  if (text && length)
    return "";
  return std::string(function) + ": " + (text ? "text_length" : "text") + " is NULL";
}

} // namespace

extern "C" sinkrt_status sinkrt_stop_matcher_create(const char *const *stops, size_t count,
                                                    sinkrt_stop_matcher **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_stop_matcher_create: out is NULL");
    if (!stops && count != 0)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_stop_matcher_create: stops is NULL with count " + std::to_string(count));
    std::vector<std::string> copies;
    for (size_t i = 0; i < count; ++i) {
      if (!stops[i])
        return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                    "sinkrt_stop_matcher_create: stop string " + std::to_string(i) + " is NULL");
      copies.emplace_back(stops[i]);
    }
    *out = new sinkrt_stop_matcher(std::move(copies));
    return api::succeed();
  });
}

extern "C" void sinkrt_stop_matcher_destroy(sinkrt_stop_matcher *matcher) { delete matcher; }

extern "C" sinkrt_status sinkrt_stop_matcher_feed(sinkrt_stop_matcher *matcher, const char *piece,
                                                  size_t length, const char **text,
                                                  size_t *text_length, int *stopped) {
  return api::guard([&] {
    if (!matcher)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_stop_matcher_feed: matcher is NULL");
    if (!piece && length != 0)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_stop_matcher_feed: piece is NULL with length " + std::to_string(length));
    if (std::string e = checkOutputs("sinkrt_stop_matcher_feed", text, text_length); !e.empty())
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, e);
    if (!stopped)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_stop_matcher_feed: stopped is NULL");
    matcher->text.clear();
    bool done = matcher->matcher.feed(std::string_view(piece ? piece : "", length), matcher->text);
    *text = matcher->text.c_str();
    *text_length = matcher->text.size();
    *stopped = done ? 1 : 0;
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_stop_matcher_flush(sinkrt_stop_matcher *matcher, const char **text,
                                                   size_t *text_length) {
  return api::guard([&] {
    if (!matcher)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_stop_matcher_flush: matcher is NULL");
    if (std::string e = checkOutputs("sinkrt_stop_matcher_flush", text, text_length); !e.empty())
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, e);
    matcher->text.clear();
    matcher->matcher.flush(matcher->text);
    *text = matcher->text.c_str();
    *text_length = matcher->text.size();
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_stop_matcher_reset(sinkrt_stop_matcher *matcher) {
  if (!matcher)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_stop_matcher_reset: matcher is NULL");
  matcher->matcher.reset();
  return api::succeed();
}
