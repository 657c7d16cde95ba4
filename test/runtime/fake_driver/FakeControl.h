//===- FakeControl.h - what tests use of the fake GPU drivers -------------===//
//
// The control API of fake_cuda.c / fake_hip.c (fake_driver.h) reached with
// dlsym on the library the runtime loaded, and small helpers for the tests
// that run the runtime against them (DeviceTest, GpuSessionTest).
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_TEST_FAKE_CONTROL_H
#define SINKRT_TEST_FAKE_CONTROL_H

#include "fake_driver.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <vector>

namespace sinkrt::test {

/// The control API of a fake driver (fake_driver.h), from the library the
/// runtime loaded (dlopen of the same path returns the same instance).
struct FakeControl {
  fake_set_error_fn setError = nullptr;
  fake_set_device_count_fn setDeviceCount = nullptr;
  fake_reset_fn reset = nullptr;
  fake_launch_count_fn launchCount = nullptr;
  fake_last_launch_fn lastLaunch = nullptr;
  fake_launch_at_fn launchAt = nullptr;
  fake_live_allocations_fn liveAllocations = nullptr;
  fake_live_count_fn liveModules = nullptr, liveStreams = nullptr;

  static FakeControl of(const char *library, const std::string &prefix) {
    void *handle = ::dlopen(library, RTLD_NOW | RTLD_LOCAL);
    EXPECT_NE(handle, nullptr) << ::dlerror();
    FakeControl c;
    auto get = [&](const char *name, auto &fn) {
      void *symbol = ::dlsym(handle, (prefix + name).c_str());
      EXPECT_NE(symbol, nullptr) << prefix + name;
      std::memcpy(&fn, &symbol, sizeof(fn));
    };
    get("set_error", c.setError);
    get("set_device_count", c.setDeviceCount);
    get("reset", c.reset);
    get("launch_count", c.launchCount);
    get("last_launch", c.lastLaunch);
    get("launch_at", c.launchAt);
    get("live_allocations", c.liveAllocations);
    get("live_modules", c.liveModules);
    get("live_streams", c.liveStreams);
    return c;
  }
};

/// Sets an environment variable for the life of the object.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const char *value) : name(name) {
    if (const char *old = std::getenv(name))
      saved = old, had = true;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (had)
      ::setenv(name, saved.c_str(), 1);
    else
      ::unsetenv(name);
  }

private:
  const char *name;
  std::string saved;
  bool had = false;
};

/// A fake module image (fake_driver.h) with `kernels` lines.
inline std::string fakeModule(const std::string &kernels) { return "FAKEMOD\n" + kernels; }

/// Element `i` of a launch record's parameters as a T.
template <typename T> T param(const fake_launch &l, int i) {
  T v;
  std::memcpy(&v, l.params[i], sizeof(T));
  return v;
}

/// The launch record's parameters 0..n-1 as 8-byte values.
inline std::vector<uint64_t> params(const fake_launch &l) {
  std::vector<uint64_t> out;
  for (int i = 0; i < l.param_count; ++i)
    out.push_back(param<uint64_t>(l, i));
  return out;
}

inline std::vector<unsigned> dims(const unsigned (&d)[3]) { return {d[0], d[1], d[2]}; }

} // namespace sinkrt::test

#endif // SINKRT_TEST_FAKE_CONTROL_H
