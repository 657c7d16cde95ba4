//===- Errors.cpp - sinkrt_last_error and status names ------------------===//

#include "api/Handles.h"

namespace {
// Per thread, so that concurrent callers each see their own failure.
thread_local std::string lastError;
} // namespace

sinkrt_status sinkrt::api::fail(sinkrt_status status, const std::string &message) noexcept {
  try {
    lastError = message;
  } catch (...) {
    lastError.clear(); // no memory for the message; the status still says it
  }
  return status;
}

sinkrt_status sinkrt::api::succeed() noexcept {
  lastError.clear();
  return SINKRT_OK;
}

extern "C" const char *sinkrt_last_error(void) { return lastError.c_str(); }

extern "C" const char *sinkrt_status_name(sinkrt_status status) {
  switch (status) {
  case SINKRT_OK: return "SINKRT_OK";
  case SINKRT_ERROR_INVALID_ARGUMENT: return "SINKRT_ERROR_INVALID_ARGUMENT";
  case SINKRT_ERROR_IO: return "SINKRT_ERROR_IO";
  case SINKRT_ERROR_INVALID_PACKAGE: return "SINKRT_ERROR_INVALID_PACKAGE";
  case SINKRT_ERROR_UNSUPPORTED_HOST: return "SINKRT_ERROR_UNSUPPORTED_HOST";
  case SINKRT_ERROR_BUFFER_TOO_SMALL: return "SINKRT_ERROR_BUFFER_TOO_SMALL";
  case SINKRT_ERROR_OUT_OF_MEMORY: return "SINKRT_ERROR_OUT_OF_MEMORY";
  case SINKRT_ERROR_INTERNAL: return "SINKRT_ERROR_INTERNAL";
  }
  return "unknown status";
}
