//===- DeviceTest.cpp - the GPU device layer without a GPU -----------------===//
//
// Discovery on this host (no driver: the clear errors), and the CUDA and
// HIP drivers loaded from fake libraries (fake_driver/) through the same
// dlopen path as the real ones: enumeration, module load and function
// lookup, allocation and copies, launch argument marshalling, the driver's
// error strings, missing entry points. DeviceBackendTest runs the session
// hook (GpuBackend) against the fake CUDA driver; RealDeviceTest needs a
// GPU and skips without one.
//
//===----------------------------------------------------------------------===//

#include "sinkrt/sinkrt.h"

#include "device/Device.h"
#include "device/DeviceBackend.h"
#include "package/PackageReader.h"

#include "../../lowering/package/PackageWriter.h"
#include "fake_driver/FakeControl.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fstream>
#include <iterator>
#include <thread>
#include <unistd.h>

using namespace sinkrt;
using namespace sinkrt::device;
using sinkc::package::PackageWriter;
using Json = nlohmann::json;
using namespace sinkrt::test;

namespace {

bool systemLibraryLoads(const char *name) {
  void *handle = ::dlopen(name, RTLD_NOW | RTLD_LOCAL);
  return handle != nullptr; // left loaded: GPU drivers are not unloaded
}

/// Whether any of the names the HIP loader tries loads here.
bool hipRuntimePresent() {
  for (const char *name : {"libamdhip64.so", "libamdhip64.so.7", "libamdhip64.so.6",
                           "libamdhip64.so.5", "/opt/rocm/lib/libamdhip64.so"})
    if (systemLibraryLoads(name))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// A small package: vocabulary 8, hidden 4, tensors "embd" and "lm_head", a
// plan of one toy_embed step per entry (the toy kernels of SessionTest), so
// that a CPU session runs; kernel sections as asked.
//===----------------------------------------------------------------------===//

constexpr int kVocab = 8, kHidden = 4;

std::vector<uint8_t> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

Json planEntry(bool prefill) {
  auto at = [&](int perToken) {
    return prefill ? Json{{"per_token", perToken}, {"fixed", 0}} : Json(perToken);
  };
  return {{"entry", prefill ? "prefill" : "decode"},
          {"max_tokens", prefill ? 4 : 1},
          {"workspace_bytes", at(52)},
          {"scratch_bytes", 0},
          {"inputs", {{"tokens", {{"offset", at(0)}}}}},
          {"outputs", {{"logits", {{"offset", at(20)}, {"per_token_bytes", 32}}}}},
          {"steps",
           {{{"kernel", "toy_embed"},
             {"workgroups", {{"per_token", 1}, {"fixed", 0}}},
             {"bindings",
              {{{"workspace", at(0)}}, {{"tensor", "embd"}}, {{"workspace", at(4)}}}},
             {"scalars", {"tokens"}}}}}};
}

std::string writePackage(const std::string &path,
                         const std::vector<std::pair<std::string, std::string>> &gpuKernels,
                         const Json &extra) {
  Json manifest = {
      {"model",
       {{"arch", "toy"}, {"layers", 1}, {"hidden", kHidden}, {"heads", 1}, {"kv_heads", 1},
        {"head_dim", kHidden}, {"vocab", kVocab}, {"context", 16}}},
      {"tokenizer",
       {{"kind", "gpt2"}, {"pre", "gpt2"}, {"regexes", Json::array()}, {"bos", -1},
        {"eos", -1}, {"unk", -1}, {"pad", -1}, {"add_bos", false}, {"chat_template", ""}}},
      {"kv_cache",
       {{"abi_version", 1},
        {"groups",
         {{{"policy", "full"}, {"entries", 1}, {"slots", nullptr}, {"head_dim", kHidden},
           {"element_type", "f32"}}}}}},
      {"execution_plan", {planEntry(true), planEntry(false)}},
      {"cpu_features", Json::array()}};
  if (extra.is_object())
    manifest.update(extra);
  PackageWriter w;
  if (std::string e = w.setManifest(manifest.dump()); !e.empty())
    return e;
  sinkc::package::TokenizerData t;
  for (char c = 'a'; c < 'a' + kVocab; ++c)
    t.tokens.push_back(std::string(1, c));
  w.setTokenizer(t);
  std::vector<uint8_t> cpu = readFile(SINKRT_TOY_KERNELS_PATH);
  if (cpu.empty())
    return "cannot read " SINKRT_TOY_KERNELS_PATH;
  if (std::string e = w.addKernel("cpu", "elf-shared-object", cpu); !e.empty())
    return e;
  for (const auto &[target, text] : gpuKernels)
    if (std::string e = w.addKernel(target, target.rfind("cuda", 0) == 0 ? "cubin" : "hsaco",
                                    std::vector<uint8_t>(text.begin(), text.end() + 1));
        !e.empty())
      return e;
  std::vector<float> embd, lmHead;
  for (int v = 0; v < kVocab; ++v)
    for (int j = 0; j < kHidden; ++j) {
      embd.push_back(float(v * 10 + j));
      lmHead.push_back(float(-v - j));
    }
  for (auto [name, data] : {std::pair{"embd", &embd}, std::pair{"lm_head", &lmHead}})
    if (std::string e = w.addTensor(name, uint32_t(pkg::DType::F32), {kVocab, kHidden},
                                    data->data(), data->size() * sizeof(float));
        !e.empty())
      return e;
  return w.write(path);
}

/// Writes packages into a temporary folder and removes them after.
class PackageFiles {
public:
  PackageFiles() {
    char pattern[] = "/tmp/sinkrt-device-XXXXXX";
    if (::mkdtemp(pattern))
      dir = pattern;
  }
  ~PackageFiles() {
    for (const std::string &f : files)
      std::remove(f.c_str());
    ::rmdir(dir.c_str());
  }
  /// The path of a new package with `gpuKernels` (target, fake module text)
  /// and the manifest members of `extra` ("gpu_launches", ...).
  std::string write(const std::vector<std::pair<std::string, std::string>> &gpuKernels = {},
                    const Json &extra = nullptr) {
    std::string path = dir + "/p" + std::to_string(files.size()) + ".sinkpkg";
    files.push_back(path);
    std::string e = writePackage(path, gpuKernels, extra);
    EXPECT_EQ(e, "");
    return path;
  }

private:
  std::string dir;
  std::vector<std::string> files;
};

/// Opens a package through the C API; null (test failed) on error.
sinkrt_package *openPackage(const std::string &path) {
  sinkrt_package *p = nullptr;
  EXPECT_EQ(sinkrt_package_open(path.c_str(), 0, &p), SINKRT_OK) << sinkrt_last_error();
  return p;
}

/// The status and message of a session_create with `device` that must fail;
/// checks that `out` is not written.
std::pair<sinkrt_status, std::string> createError(sinkrt_package *p, const char *device) {
  sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
  options.threads = 1;
  options.device = device;
  sinkrt_session *s = reinterpret_cast<sinkrt_session *>(&options);
  sinkrt_status st = sinkrt_session_create(p, &options, &s);
  EXPECT_EQ(s, reinterpret_cast<sinkrt_session *>(&options)) << "out written on failure";
  return {st, sinkrt_last_error()};
}

//===----------------------------------------------------------------------===//
// Names, the CPU, and this host's missing drivers
//===----------------------------------------------------------------------===//

TEST(DeviceTest, ParsesDeviceNames) {
  DeviceSpec spec;
  EXPECT_EQ(parseDeviceSpec("", spec), "");
  EXPECT_EQ(spec.kind, DeviceKind::Cpu);
  EXPECT_EQ(parseDeviceSpec("cuda", spec), "");
  EXPECT_EQ(spec.kind, DeviceKind::Cuda);
  EXPECT_EQ(spec.index, 0);
  EXPECT_EQ(parseDeviceSpec("cuda:12", spec), "");
  EXPECT_EQ(spec.kind, DeviceKind::Cuda);
  EXPECT_EQ(spec.index, 12);
  EXPECT_EQ(parseDeviceSpec("hip:1", spec), "");
  EXPECT_EQ(spec.kind, DeviceKind::Hip);
  EXPECT_EQ(spec.index, 1);
  EXPECT_EQ(parseDeviceSpec("rocm", spec), "");
  EXPECT_EQ(spec.kind, DeviceKind::Hip);
  EXPECT_EQ(parseDeviceSpec("gpu", spec), "unknown device \"gpu\" (expected cpu, cuda, hip, or "
                                          "one of them with an index, e.g. cuda:1)");
  EXPECT_EQ(parseDeviceSpec("cuda:", spec), "device \"cuda:\" has no index after ':'");
  EXPECT_EQ(parseDeviceSpec("cuda:x", spec), "device \"cuda:x\": \"x\" is not a device index");
  EXPECT_EQ(parseDeviceSpec("cuda:-1", spec), "device \"cuda:-1\": \"-1\" is not a device index");
  EXPECT_EQ(parseDeviceSpec("cpu:1", spec), "device \"cpu:1\": the CPU is device 0");
}

TEST(DeviceTest, TheCpuIsOneDevice) {
  int32_t count = 0;
  ASSERT_EQ(sinkrt_device_count("cpu", &count), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(count, 1);
  EXPECT_EQ(sinkrt_last_error(), std::string());
  char buf[1024];
  size_t length = 0;
  ASSERT_EQ(sinkrt_device_describe("cpu", 0, buf, sizeof(buf), &length), SINKRT_OK)
      << sinkrt_last_error();
  EXPECT_EQ(std::strlen(buf), length);
  Json j = Json::parse(buf);
  EXPECT_EQ(j["kind"], "cpu");
  EXPECT_EQ(j["index"], 0);
  EXPECT_FALSE(j["name"].get<std::string>().empty());
  EXPECT_GT(j["memory_bytes"].get<uint64_t>(), 0u);
  EXPECT_GE(j["multiprocessors"].get<int>(), 1);
  EXPECT_FALSE(j.contains("compute_capability"));
#if defined(__x86_64__)
  EXPECT_EQ(j["arch"], "x86_64");
#endif
  // Too small a buffer: the length needed, nothing written.
  char small[4] = {'x', 'x', 'x', 'x'};
  size_t needed = 0;
  EXPECT_EQ(sinkrt_device_describe("cpu", 0, small, sizeof(small), &needed),
            SINKRT_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(needed, length);
  EXPECT_EQ(small[0], 'x');
  EXPECT_EQ(sinkrt_device_describe("cpu", 0, nullptr, 0, &needed), SINKRT_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(needed, length);
  EXPECT_EQ(sinkrt_device_describe("cpu", 1, buf, sizeof(buf), &length),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("no CPU device 1: the CPU is device 0"));
}

TEST(DeviceTest, RejectsUnknownKinds) {
  int32_t count = 7;
  EXPECT_EQ(sinkrt_device_count("tpu", &count), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_device_count: unknown device kind \"tpu\" "
                                             "(expected cpu, cuda or hip)"));
  EXPECT_EQ(sinkrt_device_count("cuda:1", &count), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_device_count("", &count), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_device_count(nullptr, &count), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(), std::string("sinkrt_device_count: kind is NULL"));
  EXPECT_EQ(sinkrt_device_count("cpu", nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(count, 7);
  size_t length = 0;
  EXPECT_EQ(sinkrt_device_describe("cpu", 0, nullptr, 8, &length),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_device_describe("cpu", 0, nullptr, 0, nullptr),
            SINKRT_ERROR_INVALID_ARGUMENT);
}

TEST(DeviceTest, NoCudaDriverIsAClearError) {
  if (systemLibraryLoads("libcuda.so.1"))
    GTEST_SKIP() << "this host has a CUDA driver";
  ::unsetenv("SINKRT_CUDA_LIBRARY");
  const std::string prefix = "no CUDA driver: dlopen(libcuda.so.1) failed: libcuda.so.1: "
                             "cannot open shared object file";
  int32_t count = 5;
  EXPECT_EQ(sinkrt_device_count("cuda", &count), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(std::string(sinkrt_last_error()).rfind(prefix, 0), 0u) << sinkrt_last_error();
  EXPECT_EQ(count, 5);
  char buf[256];
  size_t length = 0;
  EXPECT_EQ(sinkrt_device_describe("cuda", 0, buf, sizeof(buf), &length),
            SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(std::string(sinkrt_last_error()).rfind(prefix, 0), 0u) << sinkrt_last_error();

  std::unique_ptr<Device> device;
  std::string error;
  EXPECT_EQ(openDevice({DeviceKind::Cuda, 0}, device, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error.rfind(prefix, 0), 0u) << error;
  EXPECT_EQ(device, nullptr);
}

TEST(DeviceTest, NoHipRuntimeIsAClearError) {
  if (hipRuntimePresent())
    GTEST_SKIP() << "this host has a HIP runtime";
  ::unsetenv("SINKRT_HIP_LIBRARY");
  const std::string prefix = "no HIP runtime: dlopen(libamdhip64.so) failed: libamdhip64.so: "
                             "cannot open shared object file";
  int32_t count = 0;
  EXPECT_EQ(sinkrt_device_count("hip", &count), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(std::string(sinkrt_last_error()).rfind(prefix, 0), 0u) << sinkrt_last_error();
}

TEST(DeviceTest, SessionOnAMissingGpuFailsCleanly) {
  if (systemLibraryLoads("libcuda.so.1"))
    GTEST_SKIP() << "this host has a CUDA driver";
  ::unsetenv("SINKRT_CUDA_LIBRARY");
  ::unsetenv("SINKRT_HIP_LIBRARY");
  PackageFiles files;
  sinkrt_package *p = openPackage(files.write());
  ASSERT_NE(p, nullptr);
  auto [st, message] = createError(p, "cuda");
  EXPECT_EQ(st, SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(message.rfind("no CUDA driver: dlopen(libcuda.so.1) failed: ", 0), 0u) << message;
  std::tie(st, message) = createError(p, "cuda:1");
  EXPECT_EQ(st, SINKRT_ERROR_UNSUPPORTED_HOST);
  if (!hipRuntimePresent()) {
    std::tie(st, message) = createError(p, "hip");
    EXPECT_EQ(st, SINKRT_ERROR_UNSUPPORTED_HOST);
    EXPECT_EQ(message.rfind("no HIP runtime: dlopen(libamdhip64.so) failed: ", 0), 0u)
        << message;
  }
  std::tie(st, message) = createError(p, "gpu");
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message, "sinkrt_session_create: options->device: unknown device \"gpu\" (expected "
                     "cpu, cuda, hip, or one of them with an index, e.g. cuda:1)");

  // "cpu", NULL and "" run on the host.
  for (const char *device : {"cpu", static_cast<const char *>(nullptr), ""}) {
    sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
    options.threads = 1;
    options.device = device;
    sinkrt_session *s = nullptr;
    ASSERT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_OK) << sinkrt_last_error();
    int32_t id = 3;
    EXPECT_EQ(sinkrt_session_decode(s, id, nullptr), SINKRT_OK) << sinkrt_last_error();
    sinkrt_session_destroy(s);
  }
  // A caller of the first version of the struct: `device` is not read.
  sinkrt_session_options v1 = SINKRT_SESSION_OPTIONS_INIT;
  v1.size = offsetof(sinkrt_session_options, device);
  v1.threads = 1;
  v1.device = "not read";
  sinkrt_session *s = nullptr;
  ASSERT_EQ(sinkrt_session_create(p, &v1, &s), SINKRT_OK) << sinkrt_last_error();
  sinkrt_session_destroy(s);
  v1.size = offsetof(sinkrt_session_options, device) - 1;
  EXPECT_EQ(sinkrt_session_create(p, &v1, &s), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(sinkrt_last_error(),
            "sinkrt_session_create: options->size is " +
                std::to_string(offsetof(sinkrt_session_options, device) - 1) + ", below " +
                std::to_string(offsetof(sinkrt_session_options, device)) +
                " (set it to sizeof(sinkrt_session_options))");
  sinkrt_package_close(p);
}

//===----------------------------------------------------------------------===//
// CUDA against fake_cuda.c
//===----------------------------------------------------------------------===//

class CudaDeviceTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(loadDriver(DeviceKind::Cuda, SINKRT_FAKE_CUDA_PATH, driver, error), SINKRT_OK)
        << error;
    fake = FakeControl::of(SINKRT_FAKE_CUDA_PATH, "fake_cuda_");
    ASSERT_NE(fake.reset, nullptr);
    fake.reset();
    allocationsBefore = fake.liveAllocations();
  }

  std::unique_ptr<Device> open() {
    std::unique_ptr<Device> device;
    EXPECT_EQ(driver->open(0, device, error), SINKRT_OK) << error;
    return device;
  }

  std::shared_ptr<Driver> driver;
  FakeControl fake;
  std::string error;
  long allocationsBefore = 0;
};

TEST_F(CudaDeviceTest, EnumeratesTheFakeDevice) {
  EXPECT_EQ(driver->kind(), DeviceKind::Cuda);
  EXPECT_EQ(driver->library(), SINKRT_FAKE_CUDA_PATH);
  int count = 0;
  ASSERT_EQ(driver->deviceCount(count, error), SINKRT_OK) << error;
  EXPECT_EQ(count, 1);
  DeviceInfo info;
  ASSERT_EQ(driver->describe(0, info, error), SINKRT_OK) << error;
  EXPECT_EQ(info.kind, DeviceKind::Cuda);
  EXPECT_EQ(info.name, "Fake GPU");
  EXPECT_EQ(info.arch, "sm_90");
  EXPECT_EQ(info.computeMajor, 9);
  EXPECT_EQ(info.computeMinor, 0);
  EXPECT_EQ(info.memoryBytes, uint64_t(1) << 30);
  EXPECT_EQ(info.multiprocessors, 4);
  EXPECT_EQ(info.json(), "{\"kind\":\"cuda\",\"index\":0,\"name\":\"Fake GPU\",\"arch\":"
                         "\"sm_90\",\"memory_bytes\":1073741824,\"multiprocessors\":4,"
                         "\"compute_capability\":\"9.0\"}");

  // The same library through the C API and the environment variable.
  ScopedEnv env("SINKRT_CUDA_LIBRARY", SINKRT_FAKE_CUDA_PATH);
  int32_t n = 0;
  ASSERT_EQ(sinkrt_device_count("cuda", &n), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(n, 1);
  char buf[512];
  size_t length = 0;
  ASSERT_EQ(sinkrt_device_describe("cuda", 0, buf, sizeof(buf), &length), SINKRT_OK)
      << sinkrt_last_error();
  EXPECT_EQ(std::string(buf, length), info.json());
}

TEST_F(CudaDeviceTest, NoDeviceAndBadIndex) {
  fake.setDeviceCount(0);
  int count = 9;
  ASSERT_EQ(driver->deviceCount(count, error), SINKRT_OK) << error;
  EXPECT_EQ(count, 0);
  DeviceInfo info;
  EXPECT_EQ(driver->describe(0, info, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, "no CUDA device: cuInit failed: fake: no CUDA-capable device is detected "
                   "(CUDA_ERROR_NO_DEVICE)");
  std::unique_ptr<Device> device;
  EXPECT_EQ(driver->open(0, device, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(device, nullptr);

  fake.setDeviceCount(1);
  EXPECT_EQ(driver->describe(3, info, error), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(error, "no CUDA device 3: the driver reports 1 device");
  EXPECT_EQ(driver->open(-1, device, error), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(error, "no CUDA device -1: the driver reports 1 device");
}

TEST_F(CudaDeviceTest, InitAndDiscoveryErrorsUseTheDriversString) {
  fake.setError("cuInit", 3);
  int count = 0;
  EXPECT_EQ(driver->deviceCount(count, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, "no CUDA driver: cuInit failed: fake: initialization error "
                   "(CUDA_ERROR_NOT_INITIALIZED)");
  fake.setError("cuInit", 0);
  fake.setError("cuDeviceGetName", 101);
  DeviceInfo info;
  EXPECT_EQ(driver->describe(0, info, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, "CUDA device 0: cuDeviceGetName failed: fake: invalid device ordinal "
                   "(CUDA_ERROR_INVALID_DEVICE)");
  fake.setError("cuDeviceGetName", 0);
  fake.setError("cuDevicePrimaryCtxRetain", 2);
  std::unique_ptr<Device> device;
  EXPECT_EQ(driver->open(0, device, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, "CUDA device 0: cuDevicePrimaryCtxRetain failed: fake: out of memory "
                   "(CUDA_ERROR_OUT_OF_MEMORY)");
}

TEST_F(CudaDeviceTest, LoadsModulesAndFindsFunctions) {
  std::unique_ptr<Device> device = open();
  ASSERT_NE(device, nullptr);
  EXPECT_EQ(device->info().name, "Fake GPU");
  int modulesBefore = fake.liveModules();
  std::string image = fakeModule("kernel first 8 4\nkernel second 8\n");
  DeviceModule module;
  ASSERT_EQ(device->loadModule(image.c_str(), image.size() + 1, module, error), SINKRT_OK)
      << error;
  EXPECT_EQ(fake.liveModules(), modulesBefore + 1);
  DeviceFunction first, second;
  ASSERT_EQ(device->getFunction(module, "first", first, error), SINKRT_OK) << error;
  ASSERT_EQ(device->getFunction(module, "second", second, error), SINKRT_OK) << error;
  EXPECT_NE(first.handle, second.handle);
  DeviceFunction missing;
  EXPECT_EQ(device->getFunction(module, "third", missing, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "CUDA device 0: cuModuleGetFunction(\"third\") failed: fake: named symbol "
                   "not found (CUDA_ERROR_NOT_FOUND)");
  device->unloadModule(module);
  EXPECT_EQ(fake.liveModules(), modulesBefore);

  const char garbage[] = "ELF?junk";
  EXPECT_EQ(device->loadModule(garbage, sizeof(garbage), module, error),
            SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "CUDA device 0: cuModuleLoadData (9 bytes) failed: fake: device kernel "
                   "image is invalid (CUDA_ERROR_INVALID_IMAGE)");
  EXPECT_EQ(device->loadModule(nullptr, 0, module, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "CUDA device 0: the module image is empty");
}

TEST_F(CudaDeviceTest, AllocateCopyFillRoundTrip) {
  std::unique_ptr<Device> device = open();
  ASSERT_NE(device, nullptr);
  std::vector<uint8_t> in(1000), out(1000, 0xEE);
  for (size_t i = 0; i < in.size(); ++i)
    in[i] = uint8_t(i * 7 + 1);
  DevicePtr ptr = 0;
  ASSERT_EQ(device->allocate(in.size(), ptr, error), SINKRT_OK) << error;
  EXPECT_NE(ptr, 0u);
  EXPECT_EQ(ptr % 256, 0u);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore + 1);
  ASSERT_EQ(device->copyToDevice(ptr, in.data(), in.size(), error), SINKRT_OK) << error;
  ASSERT_EQ(device->copyToHost(out.data(), ptr, out.size(), error), SINKRT_OK) << error;
  EXPECT_EQ(in, out);
  ASSERT_EQ(device->fill(ptr + 10, 0xAB, 20, error), SINKRT_OK) << error;
  ASSERT_EQ(device->copyToHost(out.data(), ptr, out.size(), error), SINKRT_OK) << error;
  for (size_t i = 0; i < out.size(); ++i)
    ASSERT_EQ(out[i], i >= 10 && i < 30 ? 0xAB : in[i]) << i;
  device->release(ptr);
  device->release(0);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

TEST_F(CudaDeviceTest, LaunchMarshalsArguments) {
  std::unique_ptr<Device> device = open();
  ASSERT_NE(device, nullptr);
  std::string image = fakeModule("kernel k 8 4 8\nkernel fake_fill_u32 8 4 4\n");
  DeviceModule module;
  ASSERT_EQ(device->loadModule(image.c_str(), image.size() + 1, module, error), SINKRT_OK);
  DeviceFunction k, fill;
  ASSERT_EQ(device->getFunction(module, "k", k, error), SINKRT_OK);
  ASSERT_EQ(device->getFunction(module, "fake_fill_u32", fill, error), SINKRT_OK);

  uint64_t pointer = 0x123456789abcull;
  int32_t value = -7;
  int64_t big = int64_t(1) << 40;
  void *args[] = {&pointer, &value, &big};
  LaunchConfig config;
  config.grid[0] = 3;
  config.grid[1] = 2;
  config.block[0] = 64;
  config.block[2] = 2;
  config.sharedBytes = 128;
  ASSERT_EQ(device->launch(k, config, args, error), SINKRT_OK) << error;
  // The values may change once launch returns: the driver copied them.
  pointer = 0, value = 0, big = 0;
  ASSERT_EQ(fake.launchCount(), 1);
  const fake_launch &l = *fake.lastLaunch();
  EXPECT_STREQ(l.kernel, "k");
  EXPECT_EQ(l.grid[0], 3u);
  EXPECT_EQ(l.grid[1], 2u);
  EXPECT_EQ(l.grid[2], 1u);
  EXPECT_EQ(l.block[0], 64u);
  EXPECT_EQ(l.block[1], 1u);
  EXPECT_EQ(l.block[2], 2u);
  EXPECT_EQ(l.shared_bytes, 128u);
  EXPECT_NE(l.stream, nullptr) << "launched on the default stream, not the device's";
  ASSERT_EQ(l.param_count, 3);
  EXPECT_EQ(param<uint64_t>(l, 0), 0x123456789abcull);
  EXPECT_EQ(param<int32_t>(l, 1), -7);
  EXPECT_EQ(param<int64_t>(l, 2), int64_t(1) << 40);

  // A kernel that runs: its writes come back through a copy.
  DevicePtr buffer = 0;
  ASSERT_EQ(device->allocate(64 * 4, buffer, error), SINKRT_OK);
  ASSERT_EQ(device->fill(buffer, 0, 64 * 4, error), SINKRT_OK);
  uint64_t dst = buffer;
  uint32_t fillValue = 0xC0FFEE, fillCount = 50;
  void *fillArgs[] = {&dst, &fillValue, &fillCount};
  ASSERT_EQ(device->launch(fill, LaunchConfig(), fillArgs, error), SINKRT_OK) << error;
  ASSERT_EQ(device->synchronize(error), SINKRT_OK) << error;
  std::vector<uint32_t> host(64);
  ASSERT_EQ(device->copyToHost(host.data(), buffer, 64 * 4, error), SINKRT_OK);
  for (size_t i = 0; i < host.size(); ++i)
    ASSERT_EQ(host[i], i < 50 ? 0xC0FFEEu : 0u) << i;
  device->release(buffer);
  device->unloadModule(module);
}

TEST_F(CudaDeviceTest, DriverErrorsCarryTheDriversString) {
  std::unique_ptr<Device> device = open();
  ASSERT_NE(device, nullptr);
  DevicePtr ptr = 0;
  fake.setError("cuMemAlloc_v2", 2);
  EXPECT_EQ(device->allocate(64, ptr, error), SINKRT_ERROR_OUT_OF_MEMORY);
  EXPECT_EQ(error, "CUDA device 0: cuMemAlloc_v2 of 64 bytes failed: fake: out of memory "
                   "(CUDA_ERROR_OUT_OF_MEMORY)");
  fake.setError("cuMemAlloc_v2", 0);
  ASSERT_EQ(device->allocate(64, ptr, error), SINKRT_OK);
  char host[64] = {};
  fake.setError("cuMemcpyHtoD_v2", 1);
  EXPECT_EQ(device->copyToDevice(ptr, host, 64, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "CUDA device 0: cuMemcpyHtoD_v2 of 64 bytes failed: fake: invalid argument "
                   "(CUDA_ERROR_INVALID_VALUE)");
  fake.setError("cuMemcpyDtoH_v2", 1);
  EXPECT_EQ(device->copyToHost(host, ptr, 1, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "CUDA device 0: cuMemcpyDtoH_v2 of 1 byte failed: fake: invalid argument "
                   "(CUDA_ERROR_INVALID_VALUE)");

  std::string image = fakeModule("kernel k 8\n");
  DeviceModule module;
  ASSERT_EQ(device->loadModule(image.c_str(), image.size() + 1, module, error), SINKRT_OK);
  DeviceFunction k;
  ASSERT_EQ(device->getFunction(module, "k", k, error), SINKRT_OK);
  fake.setError("cuLaunchKernel", 719);
  uint64_t arg = 0;
  void *args[] = {&arg};
  LaunchConfig config;
  config.grid[0] = 5;
  config.block[0] = 32;
  EXPECT_EQ(device->launch(k, config, args, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "CUDA device 0: cuLaunchKernel (grid 5x1x1, block 32x1x1, 0 shared bytes) "
                   "failed: fake: unspecified launch failure (CUDA_ERROR_LAUNCH_FAILED)");
  // A code the driver has no string for.
  fake.setError("cuStreamSynchronize", 12345);
  EXPECT_EQ(device->synchronize(error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "CUDA device 0: cuStreamSynchronize failed: unknown CUDA error "
                   "(CUresult 12345)");
  fake.reset();
  device->unloadModule(module);
  device->release(ptr);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

TEST_F(CudaDeviceTest, EveryCallMakesTheContextCurrent) {
  int streamsBefore = fake.liveStreams();
  std::unique_ptr<Device> device = open();
  ASSERT_NE(device, nullptr);
  EXPECT_EQ(fake.liveStreams(), streamsBefore + 1);
  // Another thread has no current context until the device binds it.
  std::thread other([&] {
    DevicePtr ptr = 0;
    std::string e;
    EXPECT_EQ(device->allocate(16, ptr, e), SINKRT_OK) << e;
    EXPECT_EQ(device->synchronize(e), SINKRT_OK) << e;
    device->release(ptr);
  });
  other.join();
  device.reset();
  EXPECT_EQ(fake.liveStreams(), streamsBefore);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
  void *handle = ::dlopen(SINKRT_FAKE_CUDA_PATH, RTLD_NOW | RTLD_LOCAL);
  void *refs = ::dlsym(handle, "fake_cuda_context_refs");
  ASSERT_NE(refs, nullptr);
  fake_live_count_fn contextRefs;
  std::memcpy(&contextRefs, &refs, sizeof(refs));
  EXPECT_EQ(contextRefs(), 0) << "the primary context was not released";
}

TEST_F(CudaDeviceTest, AMissingEntryPointIsNamed) {
  std::shared_ptr<Driver> broken;
  EXPECT_EQ(loadDriver(DeviceKind::Cuda, SINKRT_FAKE_CUDA_NOLAUNCH_PATH, broken, error),
            SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, std::string("no CUDA driver: ") + SINKRT_FAKE_CUDA_NOLAUNCH_PATH +
                       " lacks the entry point cuLaunchKernel");
  EXPECT_EQ(broken, nullptr);
  // Through the C API too.
  ScopedEnv env("SINKRT_CUDA_LIBRARY", SINKRT_FAKE_CUDA_NOLAUNCH_PATH);
  int32_t count = 0;
  EXPECT_EQ(sinkrt_device_count("cuda", &count), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(sinkrt_last_error(), error);
  // A library that is not there at all.
  EXPECT_EQ(loadDriver(DeviceKind::Cuda, "/nonexistent/libcuda.so.1", broken, error),
            SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error.rfind("no CUDA driver: dlopen(/nonexistent/libcuda.so.1) failed: "
                        "/nonexistent/libcuda.so.1: cannot open shared object file",
                        0),
            0u)
      << error;
}

TEST_F(CudaDeviceTest, SessionsCheckThePackagesKernels) {
  ScopedEnv env("SINKRT_CUDA_LIBRARY", SINKRT_FAKE_CUDA_PATH);
  PackageFiles files;
  std::string path = files.write();
  sinkrt_package *q = openPackage(path);
  ASSERT_NE(q, nullptr);
  auto [st, message] = createError(q, "cuda");
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(message, path + ": the package has no kernels for CUDA device 0 (Fake GPU, sm_90); "
                            "its kernel sections: cpu (compile with --target cuda:sm_90)");
  std::tie(st, message) = createError(q, "cuda:1");
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message, "no CUDA device 1: the driver reports 1 device");

  // With kernels for the device but no launch descriptions for them (a
  // package older than "gpu_launches"): refused, naming the field.
  std::string withKernels = files.write({{"cuda-sm_90", fakeModule("kernel k 8\n")}});
  sinkrt_package *r = openPackage(withKernels);
  ASSERT_NE(r, nullptr);
  std::tie(st, message) = createError(r, "cuda");
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(message, withKernels + ": CUDA device 0 (Fake GPU, kernels \"cuda-sm_90\"): the "
                                   "package has no launch descriptions for its kernel section "
                                   "(manifest field \"gpu_launches.cuda-sm_90\" is missing); "
                                   "compile it again with this sinkc");
  sinkrt_package_close(q);
  sinkrt_package_close(r);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

TEST(DeviceTest, SelectsTheKernelSection) {
  PackageFiles files;
  std::string path = files.write({{"cuda-sm_80", "a"},
                                  {"cuda-sm_86", "b"},
                                  {"cuda-sm_90a", "c"},
                                  {"hip-gfx942", "d"}});
  std::string error;
  auto reader = PackageReader::open(path, {}, error);
  ASSERT_NE(reader, nullptr) << error;
  auto cuda = [&](int major, int minor) {
    DeviceInfo info;
    info.kind = DeviceKind::Cuda;
    info.computeMajor = major;
    info.computeMinor = minor;
    info.arch = "sm_" + std::to_string(major * 10 + minor);
    return selectKernelTarget(*reader, info);
  };
  EXPECT_EQ(cuda(8, 0), "cuda-sm_80");
  EXPECT_EQ(cuda(8, 6), "cuda-sm_86");
  EXPECT_EQ(cuda(8, 9), "cuda-sm_86"); // same major, newer minor: binary compatible
  EXPECT_EQ(cuda(9, 0), "");           // sm_90a is for sm_90a only; sm_8x cubins do not run
  EXPECT_EQ(cuda(7, 5), "");
  DeviceInfo hip;
  hip.kind = DeviceKind::Hip;
  hip.arch = "gfx942";
  EXPECT_EQ(selectKernelTarget(*reader, hip), "hip-gfx942");
  hip.arch = "gfx90a";
  EXPECT_EQ(selectKernelTarget(*reader, hip), "");
  hip.arch = "";
  EXPECT_EQ(selectKernelTarget(*reader, hip), "");
}

//===----------------------------------------------------------------------===//
// HIP against fake_hip.c
//===----------------------------------------------------------------------===//

class HipDeviceTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(loadDriver(DeviceKind::Hip, SINKRT_FAKE_HIP_PATH, driver, error), SINKRT_OK)
        << error;
    fake = FakeControl::of(SINKRT_FAKE_HIP_PATH, "fake_hip_");
    ASSERT_NE(fake.reset, nullptr);
    fake.reset();
    allocationsBefore = fake.liveAllocations();
  }

  std::shared_ptr<Driver> driver;
  FakeControl fake;
  std::string error;
  long allocationsBefore = 0;
};

TEST_F(HipDeviceTest, EnumeratesTheFakeDevice) {
  EXPECT_EQ(driver->kind(), DeviceKind::Hip);
  int count = 0;
  ASSERT_EQ(driver->deviceCount(count, error), SINKRT_OK) << error;
  EXPECT_EQ(count, 1);
  DeviceInfo info;
  ASSERT_EQ(driver->describe(0, info, error), SINKRT_OK) << error;
  EXPECT_EQ(info.kind, DeviceKind::Hip);
  EXPECT_EQ(info.name, "Fake AMD GPU");
  EXPECT_EQ(info.arch, "gfx942") << "the feature suffix (:sramecc+:xnack-) is dropped";
  EXPECT_EQ(info.computeMajor, 9);
  EXPECT_EQ(info.computeMinor, 4);
  EXPECT_EQ(info.memoryBytes, uint64_t(2) << 30);
  EXPECT_EQ(info.multiprocessors, 8);
  EXPECT_EQ(info.json(), "{\"kind\":\"hip\",\"index\":0,\"name\":\"Fake AMD GPU\",\"arch\":"
                         "\"gfx942\",\"memory_bytes\":2147483648,\"multiprocessors\":8}");

  fake.setDeviceCount(0);
  ASSERT_EQ(driver->deviceCount(count, error), SINKRT_OK) << error;
  EXPECT_EQ(count, 0);
  EXPECT_EQ(driver->describe(0, info, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, "no HIP device: the runtime says: fake hip: no ROCm-capable device is "
                   "detected (hipErrorNoDevice)");
  fake.setDeviceCount(1);
  fake.setError("hipInit", 3);
  EXPECT_EQ(driver->deviceCount(count, error), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, "no HIP runtime: hipInit failed: fake hip: initialization error "
                   "(hipErrorNotInitialized)");
}

TEST_F(HipDeviceTest, AnOlderRuntimeHasNoArchitectureName) {
  std::shared_ptr<Driver> old;
  ASSERT_EQ(loadDriver(DeviceKind::Hip, SINKRT_FAKE_HIP_OLD_PATH, old, error), SINKRT_OK)
      << error;
  DeviceInfo info;
  ASSERT_EQ(old->describe(0, info, error), SINKRT_OK) << error;
  EXPECT_EQ(info.name, "Fake AMD GPU");
  EXPECT_EQ(info.arch, "");
  EXPECT_EQ(info.multiprocessors, 0);
  // Without hipGetErrorName the code stands in for the name.
  FakeControl oldFake = FakeControl::of(SINKRT_FAKE_HIP_OLD_PATH, "fake_hip_");
  oldFake.reset();
  std::unique_ptr<Device> device;
  ASSERT_EQ(old->open(0, device, error), SINKRT_OK) << error;
  oldFake.setError("hipMalloc", 2);
  DevicePtr ptr = 0;
  EXPECT_EQ(device->allocate(8, ptr, error), SINKRT_ERROR_OUT_OF_MEMORY);
  EXPECT_EQ(error, "HIP device 0: hipMalloc of 8 bytes failed: fake hip: out of memory "
                   "(hipError_t 2)");
  oldFake.reset();
}

TEST_F(HipDeviceTest, ModulesMemoryAndLaunches) {
  std::unique_ptr<Device> device;
  ASSERT_EQ(driver->open(0, device, error), SINKRT_OK) << error;
  std::string image = fakeModule("kernel k 8 8 4\nkernel fake_fill_u32 8 4 4\n");
  DeviceModule module;
  ASSERT_EQ(device->loadModule(image.c_str(), image.size() + 1, module, error), SINKRT_OK)
      << error;
  DeviceFunction k, fill, missing;
  ASSERT_EQ(device->getFunction(module, "k", k, error), SINKRT_OK) << error;
  ASSERT_EQ(device->getFunction(module, "fake_fill_u32", fill, error), SINKRT_OK) << error;
  EXPECT_EQ(device->getFunction(module, "nope", missing, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "HIP device 0: hipModuleGetFunction(\"nope\") failed: fake hip: named symbol "
                   "not found (hipErrorNotFound)");
  const char garbage[] = "\x7f" "ELF";
  DeviceModule bad;
  EXPECT_EQ(device->loadModule(garbage, sizeof(garbage), bad, error),
            SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "HIP device 0: hipModuleLoadData (5 bytes) failed: fake hip: device kernel "
                   "image is invalid (hipErrorInvalidImage)");

  // Alloc / copy round trip.
  std::vector<uint32_t> in(100), out(100);
  for (size_t i = 0; i < in.size(); ++i)
    in[i] = uint32_t(i * i);
  DevicePtr ptr = 0;
  ASSERT_EQ(device->allocate(in.size() * 4, ptr, error), SINKRT_OK) << error;
  ASSERT_EQ(device->copyToDevice(ptr, in.data(), in.size() * 4, error), SINKRT_OK) << error;
  ASSERT_EQ(device->copyToHost(out.data(), ptr, out.size() * 4, error), SINKRT_OK) << error;
  EXPECT_EQ(in, out);

  // Argument marshalling, and a kernel whose writes come back.
  uint64_t a = ptr, b = 77;
  int32_t c = -1;
  void *args[] = {&a, &b, &c};
  LaunchConfig config;
  config.grid[0] = 9;
  config.block[0] = 256;
  config.sharedBytes = 4096;
  ASSERT_EQ(device->launch(k, config, args, error), SINKRT_OK) << error;
  const fake_launch &l = *fake.lastLaunch();
  EXPECT_STREQ(l.kernel, "k");
  EXPECT_EQ(l.grid[0], 9u);
  EXPECT_EQ(l.block[0], 256u);
  EXPECT_EQ(l.shared_bytes, 4096u);
  EXPECT_NE(l.stream, nullptr);
  ASSERT_EQ(l.param_count, 3);
  EXPECT_EQ(param<uint64_t>(l, 0), ptr);
  EXPECT_EQ(param<uint64_t>(l, 1), 77u);
  EXPECT_EQ(param<int32_t>(l, 2), -1);
  uint32_t value = 5, count = 10;
  void *fillArgs[] = {&a, &value, &count};
  ASSERT_EQ(device->launch(fill, LaunchConfig(), fillArgs, error), SINKRT_OK) << error;
  ASSERT_EQ(device->synchronize(error), SINKRT_OK) << error;
  ASSERT_EQ(device->copyToHost(out.data(), ptr, out.size() * 4, error), SINKRT_OK) << error;
  for (size_t i = 0; i < out.size(); ++i)
    ASSERT_EQ(out[i], i < 10 ? 5u : in[i]) << i;

  fake.setError("hipModuleLaunchKernel", 719);
  EXPECT_EQ(device->launch(k, config, args, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "HIP device 0: hipModuleLaunchKernel (grid 9x1x1, block 256x1x1, 4096 shared "
                   "bytes) failed: fake hip: unspecified launch failure (hipErrorLaunchFailure)");
  fake.reset();
  device->release(ptr);
  device->unloadModule(module);
  device.reset();
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

TEST_F(HipDeviceTest, AMissingEntryPointIsNamed) {
  std::shared_ptr<Driver> broken;
  EXPECT_EQ(loadDriver(DeviceKind::Hip, SINKRT_FAKE_HIP_NOLAUNCH_PATH, broken, error),
            SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(error, std::string("no HIP runtime: ") + SINKRT_FAKE_HIP_NOLAUNCH_PATH +
                       " lacks the entry point hipModuleLaunchKernel");
  ScopedEnv env("SINKRT_HIP_LIBRARY", SINKRT_FAKE_HIP_NOLAUNCH_PATH);
  int32_t count = 0;
  EXPECT_EQ(sinkrt_device_count("hip", &count), SINKRT_ERROR_UNSUPPORTED_HOST);
  EXPECT_EQ(sinkrt_last_error(), error);
}

//===----------------------------------------------------------------------===//
// GpuBackend, the session hook, against fake_cuda.c
//===----------------------------------------------------------------------===//

class DeviceBackendTest : public CudaDeviceTest {
protected:
  void SetUp() override {
    CudaDeviceTest::SetUp();
    path = files.write();
    reader = PackageReader::open(path, {}, error);
    ASSERT_NE(reader, nullptr) << error;
    std::unique_ptr<Device> device = open();
    ASSERT_NE(device, nullptr);
    backend = std::make_unique<GpuBackend>(std::move(device));
  }

  PackageFiles files;
  std::string path;
  std::unique_ptr<PackageReader> reader;
  std::unique_ptr<GpuBackend> backend;
};

TEST_F(DeviceBackendTest, UploadsWeightsAndAllocatesTheCache) {
  ASSERT_EQ(backend->uploadWeights(*reader, error), SINKRT_OK) << error;
  EXPECT_NE(backend->weightsAddress(), 0u);
  for (const char *name : {"embd", "lm_head"}) {
    const TensorInfo *t = reader->findTensor(name);
    ASSERT_NE(t, nullptr);
    PackageReader::Blob bytes = reader->tensorData(*t);
    std::vector<uint8_t> back(bytes.size);
    ASSERT_EQ(backend->gpu().copyToHost(back.data(), backend->weightsAddress() + t->offset,
                                        back.size(), error),
              SINKRT_OK)
        << error;
    EXPECT_EQ(back, std::vector<uint8_t>(bytes.data, bytes.data + bytes.size)) << name;
  }

  // A full group of 2 entries (f32, head_dim 4) at ctx 16, and a streaming
  // group of 1 entry (f16) with 2 sinks + 3 window slots.
  std::vector<KvGroupDesc> groups = {
      {KvPolicy::full(), 2, 4, KvElementType::F32},
      {KvPolicy::streaming(2, 3), 1, 4, KvElementType::F16}};
  ASSERT_EQ(backend->allocateKvCache(groups, 16, error), SINKRT_OK) << error;
  EXPECT_EQ(backend->kvBytes(0), size_t(2 * 2 * 16 * 4 * 4));
  EXPECT_EQ(backend->kvBytes(1), size_t(1 * 2 * 5 * 4 * 2));
  std::vector<uint8_t> kv(backend->kvBytes(0), 0xFF);
  ASSERT_EQ(backend->gpu().copyToHost(kv.data(), backend->kvAddress(0), kv.size(), error),
            SINKRT_OK);
  EXPECT_EQ(kv, std::vector<uint8_t>(kv.size(), 0)) << "the cache starts zeroed";
  // Reset zeroes it again.
  std::vector<uint8_t> ones(backend->kvBytes(1), 1);
  ASSERT_EQ(backend->gpu().copyToDevice(backend->kvAddress(1), ones.data(), ones.size(), error),
            SINKRT_OK);
  ASSERT_EQ(backend->resetKvCache(error), SINKRT_OK) << error;
  ASSERT_EQ(backend->gpu().copyToHost(ones.data(), backend->kvAddress(1), ones.size(), error),
            SINKRT_OK);
  EXPECT_EQ(ones, std::vector<uint8_t>(ones.size(), 0));

  std::vector<KvGroupDesc> bad = {{KvPolicy::full(), 0, 4, KvElementType::F32}};
  std::unique_ptr<Device> other = open();
  GpuBackend second(std::move(other));
  EXPECT_EQ(second.allocateKvCache(bad, 16, error), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(error, "KV-cache group 0: entries, slots and head_dim must be at least 1");

  backend.reset();
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore) << "the backend freed everything";
}

TEST_F(DeviceBackendTest, LaunchesAStepPerThePlan) {
  ASSERT_EQ(backend->uploadWeights(*reader, error), SINKRT_OK) << error;
  std::vector<KvGroupDesc> groups = {{KvPolicy::full(), 1, 4, KvElementType::F32},
                                     {KvPolicy::streaming(1, 2), 1, 4, KvElementType::F32}};
  ASSERT_EQ(backend->allocateKvCache(groups, 8, error), SINKRT_OK) << error;
  ASSERT_EQ(backend->allocateWorkspace(256, error), SINKRT_OK) << error;
  std::string image = fakeModule("kernel step_kernel 8 8 8 8 8\n");
  GpuKernelLaunch launch;
  launch.kernel = "toy_step";
  launch.symbol = "step_kernel";
  using Arg = GpuKernelLaunch::Arg;
  // gpu.launch_func's order: not the step's.
  launch.args = {{Arg::Kind::Binding, 2}, {Arg::Kind::Scalar, 0}, {Arg::Kind::Binding, 0},
                 {Arg::Kind::Binding, 1}, {Arg::Kind::Scalar, 1}};
  launch.grid[0] = 5;
  launch.grid[1] = 2;
  launch.block[0] = 128;
  launch.sharedBytes = 0;
  ASSERT_EQ(backend->loadKernels({reinterpret_cast<const uint8_t *>(image.c_str()),
                                  image.size() + 1},
                                 {launch}, error),
            SINKRT_OK)
      << error;

  PlanStep step;
  step.kernel = "toy_step";
  step.field = "execution_plan[0].steps[0]";
  step.workgroups = {2, 1};
  PlanBinding ws;
  ws.kind = PlanBinding::Kind::Workspace;
  ws.offset = {4, 8};
  PlanBinding tensor;
  tensor.kind = PlanBinding::Kind::Tensor;
  tensor.tensor = reader->findTensor("lm_head");
  ASSERT_NE(tensor.tensor, nullptr);
  PlanBinding cache;
  cache.kind = PlanBinding::Kind::Kv;
  cache.kvGroup = 1;
  step.bindings = {ws, tensor, cache};
  PlanScalar position;
  position.kind = PlanScalar::Kind::Position;
  PlanScalar constant;
  constant.kind = PlanScalar::Kind::Constant;
  constant.value = -7;
  step.scalars = {position, constant};

  StepContext call;
  call.tokens = 3;
  call.position = 5;
  call.context = 8;
  ASSERT_EQ(backend->runStep(step, call, error), SINKRT_OK) << error;
  const fake_launch &l = *fake.lastLaunch();
  EXPECT_STREQ(l.kernel, "step_kernel");
  // The launch's constant grid, not the step's 2 * 3 + 1 workgroups.
  EXPECT_EQ(l.grid[0], 5u);
  EXPECT_EQ(l.grid[1], 2u);
  EXPECT_EQ(l.grid[2], 1u);
  EXPECT_EQ(l.block[0], 128u);
  ASSERT_EQ(l.param_count, 5);
  EXPECT_EQ(param<uint64_t>(l, 0), backend->kvAddress(1));
  EXPECT_EQ(param<int64_t>(l, 1), 5);
  EXPECT_EQ(param<uint64_t>(l, 2), backend->workspaceAddress() + 4 * 3 + 8);
  EXPECT_EQ(param<uint64_t>(l, 3), backend->weightsAddress() + tensor.tensor->offset);
  EXPECT_EQ(param<int64_t>(l, 4), -7);

  // Zero workgroups: nothing launches.
  int launches = fake.launchCount();
  step.workgroups = {0, 0};
  ASSERT_EQ(backend->runStep(step, call, error), SINKRT_OK) << error;
  EXPECT_EQ(fake.launchCount(), launches);
  step.workgroups = {0, 1};

  // The ids in, the logits out.
  int32_t ids[3] = {4, 5, 6};
  ASSERT_EQ(backend->writeWorkspace(0, ids, sizeof(ids), error), SINKRT_OK) << error;
  int32_t back[3] = {};
  ASSERT_EQ(backend->readWorkspace(0, back, sizeof(back), error), SINKRT_OK) << error;
  EXPECT_EQ(std::vector<int32_t>(back, back + 3), std::vector<int32_t>(ids, ids + 3));
  EXPECT_EQ(backend->writeWorkspace(250, ids, sizeof(ids), error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "a write of 12 bytes at offset 250 is outside the workspace of 256 bytes");

  // Errors name the step.
  fake.setError("cuLaunchKernel", 719);
  EXPECT_EQ(backend->runStep(step, call, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "execution_plan[0].steps[0] (kernel \"step_kernel\"): CUDA device 0: "
                   "cuLaunchKernel (grid 5x2x1, block 128x1x1, 0 shared bytes) failed: fake: "
                   "unspecified launch failure (CUDA_ERROR_LAUNCH_FAILED)");
  fake.setError("cuLaunchKernel", 0);
  step.kernel = "other";
  EXPECT_EQ(backend->runStep(step, call, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "no launch description for kernel \"other\" (execution_plan[0].steps[0])");
  step.kernel = "toy_step";
  step.bindings.pop_back();
  EXPECT_EQ(backend->runStep(step, call, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "execution_plan[0].steps[0]: kernel \"step_kernel\" argument 0 names binding "
                   "2 of a step with 2");

  int modules = fake.liveModules();
  backend.reset();
  EXPECT_EQ(fake.liveModules(), modules - 1);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

TEST_F(DeviceBackendTest, RunsEveryLaunchOfAStepInOrder) {
  ASSERT_EQ(backend->uploadWeights(*reader, error), SINKRT_OK) << error;
  std::vector<KvGroupDesc> groups = {{KvPolicy::full(), 1, 4, KvElementType::F32}};
  ASSERT_EQ(backend->allocateKvCache(groups, 8, error), SINKRT_OK) << error;
  ASSERT_EQ(backend->allocateWorkspace(512, error), SINKRT_OK) << error;
  ASSERT_EQ(backend->allocateScratch(1024, error), SINKRT_OK) << error;
  ASSERT_NE(backend->scratchAddress(), 0u);
  EXPECT_EQ(backend->scratchBytes(), 1024u);
  std::vector<uint8_t> scratch(1024, 0xFF);
  ASSERT_EQ(backend->gpu().copyToHost(scratch.data(), backend->scratchAddress(), scratch.size(),
                                      error),
            SINKRT_OK);
  EXPECT_EQ(scratch, std::vector<uint8_t>(1024, 0)) << "the scratch buffer starts zeroed";
  EXPECT_EQ(backend->allocateScratch(1024, error), SINKRT_ERROR_INTERNAL);
  EXPECT_EQ(error, "the GPU scratch buffer is already allocated");

  std::string image = fakeModule("kernel norm_kernel 8 8 8 8\nkernel mm_kernel 8 8 8\n"
                                 "kernel other_kernel 8\n");
  using Arg = GpuKernelLaunch::Arg;
  GpuKernelLaunch norm, other, mm;
  norm.kernel = "k_norm";
  norm.symbol = "norm_kernel";
  norm.args = {{Arg::Kind::Binding, 1}, {Arg::Kind::Scalar, 0}, {Arg::Kind::Scratch, 0, 512},
               {Arg::Kind::Binding, 0}};
  norm.grid[0] = 3;
  norm.block[0] = 256;
  other.kernel = "k_other";
  other.symbol = "other_kernel";
  other.args = {{Arg::Kind::Scalar, 0}};
  other.grid[0] = 9;
  mm.kernel = "k_norm"; // a second launch of the same plan kernel
  mm.symbol = "mm_kernel";
  mm.args = {{Arg::Kind::Scratch, 0, 0}, {Arg::Kind::Binding, 2}, {Arg::Kind::Scalar, 1}};
  mm.grid[0] = 4, mm.grid[1] = 2, mm.grid[2] = 3;
  mm.block[0] = 32, mm.block[1] = 4, mm.block[2] = 2;
  mm.sharedBytes = 64;
  ASSERT_EQ(backend->loadKernels({reinterpret_cast<const uint8_t *>(image.c_str()),
                                  image.size() + 1},
                                 {norm, other, mm}, error),
            SINKRT_OK)
      << error;

  PlanStep step;
  step.kernel = "k_norm";
  step.field = "execution_plan[0].steps[1]";
  step.workgroups = {1, 0};
  PlanBinding ws;
  ws.kind = PlanBinding::Kind::Workspace;
  ws.offset = {8, 16};
  PlanBinding tensor;
  tensor.kind = PlanBinding::Kind::Tensor;
  tensor.tensor = reader->findTensor("lm_head");
  ASSERT_NE(tensor.tensor, nullptr);
  ASSERT_NE(tensor.tensor->offset, 0u) << "lm_head is the second tensor";
  PlanBinding cache;
  cache.kind = PlanBinding::Kind::Kv;
  cache.kvGroup = 0;
  step.bindings = {ws, tensor, cache};
  PlanScalar tokens, context;
  tokens.kind = PlanScalar::Kind::Tokens;
  context.kind = PlanScalar::Kind::Context;
  step.scalars = {tokens, context};
  StepContext call;
  call.tokens = 2;
  call.position = 3;
  call.context = 8;

  int before = fake.launchCount();
  ASSERT_EQ(backend->runStep(step, call, error), SINKRT_OK) << error;
  ASSERT_EQ(fake.launchCount(), before + 2) << "both launches of k_norm, not other_kernel";
  const fake_launch *first = fake.launchAt(before), *second = fake.launchAt(before + 1);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_STREQ(first->kernel, "norm_kernel");
  EXPECT_EQ(dims(first->grid), (std::vector<unsigned>{3, 1, 1}));
  EXPECT_EQ(dims(first->block), (std::vector<unsigned>{256, 1, 1}));
  EXPECT_EQ(first->shared_bytes, 0u);
  EXPECT_EQ(params(*first),
            (std::vector<uint64_t>{backend->weightsAddress() + tensor.tensor->offset, 2,
                                   backend->scratchAddress() + 512,
                                   backend->workspaceAddress() + 8 * 2 + 16}));
  EXPECT_STREQ(second->kernel, "mm_kernel");
  EXPECT_EQ(dims(second->grid), (std::vector<unsigned>{4, 2, 3}));
  EXPECT_EQ(dims(second->block), (std::vector<unsigned>{32, 4, 2}));
  EXPECT_EQ(second->shared_bytes, 64u);
  EXPECT_EQ(params(*second), (std::vector<uint64_t>{backend->scratchAddress(),
                                                    backend->kvAddress(0), 8}));

  // Another call: the grids stay, the values follow the call.
  call.tokens = 1;
  call.context = 6;
  ASSERT_EQ(backend->runStep(step, call, error), SINKRT_OK) << error;
  ASSERT_EQ(fake.launchCount(), before + 4);
  EXPECT_EQ(dims(fake.launchAt(before + 2)->grid), (std::vector<unsigned>{3, 1, 1}));
  EXPECT_EQ(param<uint64_t>(*fake.launchAt(before + 2), 1), 1u);
  EXPECT_EQ(param<uint64_t>(*fake.launchAt(before + 2), 3),
            backend->workspaceAddress() + 8 + 16);
  EXPECT_STREQ(fake.launchAt(before + 3)->kernel, "mm_kernel");
  EXPECT_EQ(param<uint64_t>(*fake.launchAt(before + 3), 2), 6u);

  // The other kernel's step runs its one launch.
  PlanStep single = step;
  single.kernel = "k_other";
  ASSERT_EQ(backend->runStep(single, call, error), SINKRT_OK) << error;
  ASSERT_EQ(fake.launchCount(), before + 5);
  EXPECT_STREQ(fake.lastLaunch()->kernel, "other_kernel");
  EXPECT_EQ(fake.lastLaunch()->grid[0], 9u);
  EXPECT_EQ(param<uint64_t>(*fake.lastLaunch(), 0), 1u);

  // No workgroups for the call: no launch at all.
  step.workgroups = {0, 0};
  ASSERT_EQ(backend->runStep(step, call, error), SINKRT_OK) << error;
  EXPECT_EQ(fake.launchCount(), before + 5);
  step.workgroups = {0, 1};

  // A failing second launch names its kernel; the first one ran.
  step.scalars.pop_back();
  EXPECT_EQ(backend->runStep(step, call, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "execution_plan[0].steps[1]: kernel \"mm_kernel\" argument 2 names scalar 1 "
                   "of a step with 1");
  EXPECT_EQ(fake.launchCount(), before + 6);
  EXPECT_STREQ(fake.lastLaunch()->kernel, "norm_kernel");

  backend.reset();
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore) << "the scratch buffer is freed too";
}

TEST_F(DeviceBackendTest, ScratchArgumentsStayInTheBuffer) {
  ASSERT_EQ(backend->allocateWorkspace(64, error), SINKRT_OK) << error;
  ASSERT_EQ(backend->allocateScratch(512, error), SINKRT_OK) << error;
  std::string image = fakeModule("kernel s 8 8\n");
  using Arg = GpuKernelLaunch::Arg;
  GpuKernelLaunch launch;
  launch.kernel = "k";
  launch.symbol = "s";
  launch.args = {{Arg::Kind::Scratch, 0, 256}, {Arg::Kind::Scratch, 0, 512}};
  ASSERT_EQ(backend->loadKernels({reinterpret_cast<const uint8_t *>(image.c_str()),
                                  image.size() + 1},
                                 {launch}, error),
            SINKRT_OK)
      << error;
  PlanStep step;
  step.kernel = "k";
  step.field = "execution_plan[1].steps[0]";
  step.workgroups = {0, 1};
  int before = fake.launchCount();
  EXPECT_EQ(backend->runStep(step, {}, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "execution_plan[1].steps[0]: kernel \"s\" argument 1 is 512 bytes into a "
                   "GPU scratch buffer of 512 bytes");
  EXPECT_EQ(fake.launchCount(), before);

  // Without a scratch buffer (0 bytes: none is allocated) any scratch
  // argument is outside it.
  std::unique_ptr<Device> other = open();
  GpuBackend second(std::move(other));
  ASSERT_EQ(second.allocateScratch(0, error), SINKRT_OK) << error;
  EXPECT_EQ(second.scratchAddress(), 0u);
  ASSERT_EQ(second.loadKernels({reinterpret_cast<const uint8_t *>(image.c_str()),
                                image.size() + 1},
                               {launch}, error),
            SINKRT_OK);
  EXPECT_EQ(second.runStep(step, {}, error), SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "execution_plan[1].steps[0]: kernel \"s\" argument 0 is 256 bytes into a "
                   "GPU scratch buffer of 0 bytes");
}

/// The launches of a package's manifest, through the reader and the plan
/// parser into GpuBackend: what a GPU session will do at create and per
/// step.
TEST_F(CudaDeviceTest, RunsThePackagesLaunches) {
  PackageFiles files;
  Json extra = Json::parse(R"({
    "gpu_scratch_bytes": 512, "gpu_max_context": 8,
    "gpu_launches": {"cuda-sm_90": [
      {"kernel": "toy_embed", "symbol": "embed_gather",
       "args": [{"binding": 1}, {"scratch": 256}, {"scalar": 0}, {"binding": 2}],
       "grid": [4, 1, 1], "block": [64, 1, 1], "shared_bytes": 0, "registers": 16},
      {"kernel": "toy_embed", "symbol": "embed_scale", "args": [{"binding": 0}],
       "grid": [1, 2, 1], "block": [32, 1, 1], "shared_bytes": 0}]}})");
  std::string path = files.write(
      {{"cuda-sm_90", fakeModule("kernel embed_gather 8 8 8 8\nkernel embed_scale 8\n")}}, extra);
  auto reader = PackageReader::open(path, {}, error);
  ASSERT_NE(reader, nullptr) << error;
  const Manifest &manifest = reader->manifest();
  ExecutionPlan plan;
  ASSERT_EQ(parseExecutionPlan(manifest, plan), "");
  std::unique_ptr<Device> device = open();
  ASSERT_NE(device, nullptr);
  GpuBackend backend(std::move(device));
  ASSERT_EQ(selectKernelTarget(*reader, backend.info()), "cuda-sm_90");
  ASSERT_EQ(backend.uploadWeights(*reader, error), SINKRT_OK) << error;
  ASSERT_EQ(backend.allocateWorkspace(size_t(plan.prefill.workspaceBytes.at(4)), error),
            SINKRT_OK)
      << error;
  ASSERT_EQ(backend.allocateScratch(size_t(manifest.gpuScratchBytes), error), SINKRT_OK)
      << error;
  ASSERT_EQ(backend.loadKernels(reader->kernel("cuda-sm_90"),
                                manifest.gpuLaunches.at("cuda-sm_90"), error),
            SINKRT_OK)
      << error;
  StepContext call;
  call.tokens = 3;
  int before = fake.launchCount();
  ASSERT_EQ(backend.runStep(plan.prefill.steps[0], call, error), SINKRT_OK) << error;
  ASSERT_EQ(fake.launchCount(), before + 2);
  const fake_launch &gather = *fake.launchAt(before), &scale = *fake.launchAt(before + 1);
  EXPECT_STREQ(gather.kernel, "embed_gather");
  EXPECT_EQ(dims(gather.grid), (std::vector<unsigned>{4, 1, 1})) << "not the 3 workgroups";
  EXPECT_EQ(dims(gather.block), (std::vector<unsigned>{64, 1, 1}));
  // Bindings [workspace 0, tensor "embd", workspace 4 x tokens], scalar tokens.
  EXPECT_EQ(params(gather),
            (std::vector<uint64_t>{backend.weightsAddress() + reader->findTensor("embd")->offset,
                                   backend.scratchAddress() + 256, 3,
                                   backend.workspaceAddress() + 4 * 3}));
  EXPECT_STREQ(scale.kernel, "embed_scale");
  EXPECT_EQ(dims(scale.grid), (std::vector<unsigned>{1, 2, 1}));
  EXPECT_EQ(params(scale), (std::vector<uint64_t>{backend.workspaceAddress()}));
}

TEST_F(CudaDeviceTest, GpuSessionsCheckTheMaxContext) {
  ScopedEnv env("SINKRT_CUDA_LIBRARY", SINKRT_FAKE_CUDA_PATH);
  PackageFiles files;
  std::string path = files.write({{"cuda-sm_90", fakeModule("kernel k 8\n")}},
                                 Json{{"gpu_max_context", 8}});
  sinkrt_package *p = openPackage(path);
  ASSERT_NE(p, nullptr);
  auto create = [&](int64_t ctx) {
    sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
    options.ctx = ctx;
    options.threads = 1;
    options.device = "cuda";
    sinkrt_session *s = nullptr;
    sinkrt_status st = sinkrt_session_create(p, &options, &s);
    EXPECT_EQ(s, nullptr);
    return std::pair<sinkrt_status, std::string>(st, sinkrt_last_error());
  };
  // The model's context (16) by default.
  auto [st, message] = create(0);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message, path + ": context 16 (the model's) is more than the GPU kernels take: at "
                            "most 8 (manifest field \"gpu_max_context\"); pass a smaller ctx");
  std::tie(st, message) = create(9);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(message, path + ": context 9 is more than the GPU kernels take: at most 8 (manifest "
                            "field \"gpu_max_context\"); pass a smaller ctx");
  // At the limit the context passes; this package then lacks its launches.
  std::tie(st, message) = create(8);
  EXPECT_EQ(st, SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_NE(message.find("has no launch descriptions"), std::string::npos) << message;
  // The CPU has no such limit.
  sinkrt_session_options options = SINKRT_SESSION_OPTIONS_INIT;
  options.threads = 1;
  sinkrt_session *s = nullptr;
  ASSERT_EQ(sinkrt_session_create(p, &options, &s), SINKRT_OK) << sinkrt_last_error();
  EXPECT_EQ(sinkrt_session_context(s), 16);
  sinkrt_session_destroy(s);
  sinkrt_package_close(p);
  EXPECT_EQ(fake.liveAllocations(), allocationsBefore);
}

TEST_F(DeviceBackendTest, AMissingKernelSymbolFailsTheLoad) {
  std::string image = fakeModule("kernel present 8\n");
  GpuKernelLaunch launch;
  launch.kernel = "dispatch_1";
  launch.symbol = "absent";
  EXPECT_EQ(backend->loadKernels({reinterpret_cast<const uint8_t *>(image.c_str()),
                                  image.size() + 1},
                                 {launch}, error),
            SINKRT_ERROR_INVALID_PACKAGE);
  EXPECT_EQ(error, "CUDA device 0: cuModuleGetFunction(\"absent\") failed: fake: named symbol "
                   "not found (CUDA_ERROR_NOT_FOUND)");
}

//===----------------------------------------------------------------------===//
// A real GPU, where there is one
//===----------------------------------------------------------------------===//

/// sinkrt_test_fill_u32(dst, value, count): dst[i] = value + i, from
/// `nvcc -ptx -arch=compute_75` (PTX ISA 7.0, so drivers from CUDA 11 JIT it).
const char kFillPtx[] = R"(.version 7.0
.target sm_75
.address_size 64

.visible .entry sinkrt_test_fill_u32(
	.param .u64 sinkrt_test_fill_u32_param_0,
	.param .u32 sinkrt_test_fill_u32_param_1,
	.param .u32 sinkrt_test_fill_u32_param_2
)
{
	.reg .pred 	%p<2>;
	.reg .b32 	%r<8>;
	.reg .b64 	%rd<5>;

	ld.param.u64 	%rd1, [sinkrt_test_fill_u32_param_0];
	ld.param.u32 	%r2, [sinkrt_test_fill_u32_param_1];
	ld.param.u32 	%r3, [sinkrt_test_fill_u32_param_2];
	mov.u32 	%r4, %ctaid.x;
	mov.u32 	%r5, %ntid.x;
	mov.u32 	%r6, %tid.x;
	mad.lo.s32 	%r1, %r4, %r5, %r6;
	setp.ge.u32 	%p1, %r1, %r3;
	@%p1 bra 	done;

	cvta.to.global.u64 	%rd2, %rd1;
	mul.wide.u32 	%rd3, %r1, 4;
	add.s64 	%rd4, %rd2, %rd3;
	add.s32 	%r7, %r1, %r2;
	st.global.u32 	[%rd4], %r7;

done:
	ret;

}
)";

TEST(RealDeviceTest, CudaRunsAPtxKernel) {
  std::shared_ptr<Driver> driver;
  std::string error;
  if (loadDriver(DeviceKind::Cuda, "libcuda.so.1", driver, error) != SINKRT_OK)
    GTEST_SKIP() << error;
  int count = 0;
  if (driver->deviceCount(count, error) != SINKRT_OK || count == 0)
    GTEST_SKIP() << "no CUDA device: " << error;
  std::unique_ptr<Device> device;
  ASSERT_EQ(driver->open(0, device, error), SINKRT_OK) << error;
  EXPECT_EQ(device->info().arch.rfind("sm_", 0), 0u);
  DeviceModule module;
  ASSERT_EQ(device->loadModule(kFillPtx, sizeof(kFillPtx), module, error), SINKRT_OK) << error;
  DeviceFunction fn;
  ASSERT_EQ(device->getFunction(module, "sinkrt_test_fill_u32", fn, error), SINKRT_OK) << error;
  constexpr uint32_t kCount = 1000;
  DevicePtr buffer = 0;
  ASSERT_EQ(device->allocate(kCount * 4, buffer, error), SINKRT_OK) << error;
  ASSERT_EQ(device->fill(buffer, 0, kCount * 4, error), SINKRT_OK) << error;
  uint64_t dst = buffer;
  uint32_t value = 100, n = kCount - 10;
  void *args[] = {&dst, &value, &n};
  LaunchConfig config;
  config.grid[0] = (kCount + 127) / 128;
  config.block[0] = 128;
  ASSERT_EQ(device->launch(fn, config, args, error), SINKRT_OK) << error;
  ASSERT_EQ(device->synchronize(error), SINKRT_OK) << error;
  std::vector<uint32_t> host(kCount);
  ASSERT_EQ(device->copyToHost(host.data(), buffer, kCount * 4, error), SINKRT_OK) << error;
  for (uint32_t i = 0; i < kCount; ++i)
    ASSERT_EQ(host[i], i < n ? 100 + i : 0u) << i;
  device->release(buffer);
  device->unloadModule(module);
}

TEST(RealDeviceTest, HipDescribesItsDevices) {
  std::shared_ptr<Driver> driver;
  std::string error;
  if (loadDriver(DeviceKind::Hip, "", driver, error) != SINKRT_OK)
    GTEST_SKIP() << error;
  int count = 0;
  if (driver->deviceCount(count, error) != SINKRT_OK || count == 0)
    GTEST_SKIP() << "no HIP device: " << error;
  DeviceInfo info;
  ASSERT_EQ(driver->describe(0, info, error), SINKRT_OK) << error;
  EXPECT_FALSE(info.name.empty());
  EXPECT_GT(info.memoryBytes, 0u);
  std::unique_ptr<Device> device;
  ASSERT_EQ(driver->open(0, device, error), SINKRT_OK) << error;
  DevicePtr ptr = 0;
  ASSERT_EQ(device->allocate(4096, ptr, error), SINKRT_OK) << error;
  std::vector<uint8_t> in(4096, 0x5A), out(4096);
  ASSERT_EQ(device->copyToDevice(ptr, in.data(), in.size(), error), SINKRT_OK) << error;
  ASSERT_EQ(device->copyToHost(out.data(), ptr, out.size(), error), SINKRT_OK) << error;
  EXPECT_EQ(in, out);
  device->release(ptr);
}

} // namespace
