//===- DeviceApi.cpp - sinkrt_device_* ------------------------------------===//

#include "api/Handles.h"

#include "device/Device.h"

#include <cstring>

using namespace sinkrt;
using sinkrt::api::fail;

namespace {

/// The kind `name` names ("cpu", "cuda", "hip"); an error for anything
/// else, an index included.
sinkrt_status parseKind(const char *function, const char *name, device::DeviceKind &out) {
  if (!name)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, std::string(function) + ": kind is NULL");
  device::DeviceSpec spec;
  if (std::strchr(name, ':') || !*name ||
      !device::parseDeviceSpec(name, spec).empty())
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, std::string(function) + ": unknown device kind \"" +
                                                   name + "\" (expected cpu, cuda or hip)");
  out = spec.kind;
  return SINKRT_OK;
}

} // namespace

extern "C" sinkrt_status sinkrt_device_count(const char *kind, int32_t *count) {
  return api::guard([&] {
    if (!count)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_device_count: count is NULL");
    device::DeviceKind k;
    if (sinkrt_status st = parseKind("sinkrt_device_count", kind, k); st != SINKRT_OK)
      return st;
    int n = 0;
    std::string error;
    if (sinkrt_status st = device::countDevices(k, n, error); st != SINKRT_OK)
      return fail(st, error);
    *count = n;
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_device_describe(const char *kind, int32_t index, char *json_out,
                                                size_t capacity, size_t *length) {
  return api::guard([&] {
    if (!length)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_device_describe: length is NULL");
    if (!json_out && capacity)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_device_describe: json_out is NULL with a capacity");
    device::DeviceKind k;
    if (sinkrt_status st = parseKind("sinkrt_device_describe", kind, k); st != SINKRT_OK)
      return st;
    device::DeviceInfo info;
    std::string error;
    if (sinkrt_status st = device::describeDevice(k, int(index), info, error); st != SINKRT_OK)
      return fail(st, error);
    std::string json = info.json();
    if (capacity < json.size() + 1) {
      *length = json.size();
      return fail(SINKRT_ERROR_BUFFER_TOO_SMALL,
                  "sinkrt_device_describe: the description needs " +
                      std::to_string(json.size() + 1) + " bytes, the buffer holds " +
                      std::to_string(capacity));
    }
    std::memcpy(json_out, json.c_str(), json.size() + 1);
    *length = json.size();
    return api::succeed();
  });
}
