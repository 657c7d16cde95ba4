//===- Device.cpp - device names, discovery and the driver registry -------===//

#include "device/Device.h"
#include "device/DriverLibrary.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace sinkrt::device;

Device::~Device() = default;
Driver::~Driver() = default;

const char *sinkrt::device::kindName(DeviceKind kind) {
  switch (kind) {
  case DeviceKind::Cpu: return "cpu";
  case DeviceKind::Cuda: return "cuda";
  case DeviceKind::Hip: return "hip";
  }
  return "unknown";
}

const char *sinkrt::device::kindTitle(DeviceKind kind) {
  switch (kind) {
  case DeviceKind::Cpu: return "CPU";
  case DeviceKind::Cuda: return "CUDA";
  case DeviceKind::Hip: return "HIP";
  }
  return "unknown";
}

std::string sinkrt::device::parseDeviceSpec(std::string_view text, DeviceSpec &out) {
  std::string_view name = text, number;
  if (size_t colon = text.find(':'); colon != std::string_view::npos) {
    name = text.substr(0, colon);
    number = text.substr(colon + 1);
    if (number.empty())
      return "device \"" + std::string(text) + "\" has no index after ':'";
  }
  DeviceSpec spec;
  if (name.empty() || name == "cpu")
    spec.kind = DeviceKind::Cpu;
  else if (name == "cuda")
    spec.kind = DeviceKind::Cuda;
  else if (name == "hip" || name == "rocm")
    spec.kind = DeviceKind::Hip;
  else
    return "unknown device \"" + std::string(text) + "\" (expected cpu, cuda, hip, or one of "
           "them with an index, e.g. cuda:1)";
  int64_t index = 0;
  for (char c : number) {
    if (c < '0' || c > '9' || index > 1000000)
      return "device \"" + std::string(text) + "\": \"" + std::string(number) +
             "\" is not a device index";
    index = index * 10 + (c - '0');
  }
  if (spec.kind == DeviceKind::Cpu && index != 0)
    return "device \"" + std::string(text) + "\": the CPU is device 0";
  spec.index = int(index);
  out = spec;
  return "";
}

std::string DeviceInfo::json() const {
  nlohmann::ordered_json j;
  j["kind"] = kindName(kind);
  j["index"] = index;
  j["name"] = name;
  j["arch"] = arch;
  j["memory_bytes"] = memoryBytes;
  j["multiprocessors"] = multiprocessors;
  if (kind == DeviceKind::Cuda)
    j["compute_capability"] = std::to_string(computeMajor) + "." + std::to_string(computeMinor);
  // Device names come from drivers: replace rather than throw on bad UTF-8.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string sinkrt::device::defaultLibrary(DeviceKind kind) {
  const char *variable = kind == DeviceKind::Cuda ? "SINKRT_CUDA_LIBRARY" : "SINKRT_HIP_LIBRARY";
  if (const char *path = std::getenv(variable); path && *path)
    return path;
  return kind == DeviceKind::Cuda ? "libcuda.so.1" : "libamdhip64.so";
}

sinkrt_status sinkrt::device::loadDriver(DeviceKind kind, const std::string &library,
                                         std::shared_ptr<Driver> &out, std::string &error) {
  if (kind == DeviceKind::Cpu) {
    error = "the CPU has no driver library";
    return SINKRT_ERROR_INVALID_ARGUMENT;
  }
  std::string path = library.empty() ? defaultLibrary(kind) : library;
  std::vector<std::string> candidates = {path};
  // libamdhip64.so without a version is the development symlink; a
  // runtime-only ROCm install has the versioned names.
  if (kind == DeviceKind::Hip && library.empty() && path == "libamdhip64.so")
    candidates.insert(candidates.end(), {"libamdhip64.so.7", "libamdhip64.so.6",
                                         "libamdhip64.so.5", "/opt/rocm/lib/libamdhip64.so"});

  // Loaded drivers live for the process, one per kind and requested path; a
  // failed load is retried next time (the library may have been installed).
  static std::mutex mutex;
  static std::map<std::pair<DeviceKind, std::string>, std::shared_ptr<Driver>> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_pair(kind, path);
  if (auto it = loaded.find(key); it != loaded.end()) {
    out = it->second;
    return SINKRT_OK;
  }
  std::shared_ptr<Driver> driver;
  sinkrt_status st = kind == DeviceKind::Cuda ? loadCudaDriver(candidates, driver, error)
                                              : loadHipRuntime(candidates, driver, error);
  if (st != SINKRT_OK)
    return st;
  loaded.emplace(key, driver);
  out = std::move(driver);
  return SINKRT_OK;
}

DeviceInfo sinkrt::device::hostCpuInfo() {
  DeviceInfo info;
  info.kind = DeviceKind::Cpu;
#if defined(__x86_64__)
  info.arch = "x86_64";
#elif defined(__aarch64__)
  info.arch = "aarch64";
#endif
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      size_t start = colon == std::string::npos ? colon : line.find_first_not_of(" \t", colon + 1);
      if (start != std::string::npos)
        info.name = line.substr(start);
      break;
    }
  if (info.name.empty())
    info.name = "host CPU";
  long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && pageSize > 0)
    info.memoryBytes = uint64_t(pages) * uint64_t(pageSize);
  info.multiprocessors = int(std::thread::hardware_concurrency());
  return info;
}

sinkrt_status sinkrt::device::countDevices(DeviceKind kind, int &count, std::string &error) {
  if (kind == DeviceKind::Cpu) {
    count = 1;
    return SINKRT_OK;
  }
  std::shared_ptr<Driver> driver;
  if (sinkrt_status st = loadDriver(kind, "", driver, error); st != SINKRT_OK)
    return st;
  return driver->deviceCount(count, error);
}

sinkrt_status sinkrt::device::describeDevice(DeviceKind kind, int index, DeviceInfo &out,
                                             std::string &error) {
  if (kind == DeviceKind::Cpu) {
    if (index != 0) {
      error = "no CPU device " + std::to_string(index) + ": the CPU is device 0";
      return SINKRT_ERROR_INVALID_ARGUMENT;
    }
    out = hostCpuInfo();
    return SINKRT_OK;
  }
  std::shared_ptr<Driver> driver;
  if (sinkrt_status st = loadDriver(kind, "", driver, error); st != SINKRT_OK)
    return st;
  return driver->describe(index, out, error);
}

sinkrt_status sinkrt::device::openDevice(const DeviceSpec &spec, std::unique_ptr<Device> &out,
                                         std::string &error) {
  std::shared_ptr<Driver> driver;
  if (sinkrt_status st = loadDriver(spec.kind, "", driver, error); st != SINKRT_OK)
    return st;
  return driver->open(spec.index, out, error);
}
