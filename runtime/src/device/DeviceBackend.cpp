//===- DeviceBackend.cpp - a session's buffers and steps on a GPU ---------===//

#include "device/DeviceBackend.h"
#include "device/DriverLibrary.h"

#include <algorithm>
#include <limits>

using namespace sinkrt;
using namespace sinkrt::device;

DeviceBackend::~DeviceBackend() = default;

GpuBackend::~GpuBackend() {
  // Nothing may still run on the buffers being freed.
  std::string ignored;
  device->synchronize(ignored);
  device->unloadModule(module);
  device->release(scratch);
  device->release(workspace);
  for (const Buffer &b : kv)
    device->release(b.ptr);
  device->release(weights);
}

sinkrt_status GpuBackend::uploadWeights(const PackageReader &package, std::string &error) {
  PackageReader::Blob section = package.weightsSection();
  if (weights) {
    error = "the weights are already uploaded";
    return SINKRT_ERROR_INTERNAL;
  }
  if (section.size == 0)
    return SINKRT_OK;
  if (section.size > std::numeric_limits<size_t>::max()) {
    error = "the weights section does not fit in memory";
    return SINKRT_ERROR_OUT_OF_MEMORY;
  }
  // One buffer and one copy for the whole section: tensor offsets stay valid
  // and 64-byte aligned (the drivers align allocations to at least 256).
  DevicePtr ptr = 0;
  if (sinkrt_status st = device->allocate(size_t(section.size), ptr, error); st != SINKRT_OK)
    return st;
  if (sinkrt_status st = device->copyToDevice(ptr, section.data, size_t(section.size), error);
      st != SINKRT_OK) {
    device->release(ptr);
    return st;
  }
  weights = ptr;
  weightsBytes = section.size;
  return SINKRT_OK;
}

sinkrt_status GpuBackend::allocateKvCache(const std::vector<KvGroupDesc> &groups, int64_t ctx,
                                          std::string &error) {
  if (!kv.empty()) {
    error = "the KV cache is already allocated";
    return SINKRT_ERROR_INTERNAL;
  }
  // The sizes of docs/kv-abi.md, as KvCache computes them for the host.
  std::vector<size_t> sizes;
  for (size_t g = 0; g < groups.size(); ++g) {
    const KvGroupDesc &d = groups[g];
    int64_t slots =
        d.policy.kind == KvPolicy::Kind::Full ? ctx : d.policy.sinks + d.policy.window;
    std::string where = "KV-cache group " + std::to_string(g) + ": ";
    if (d.entries < 1 || d.headDim < 1 || slots < 1) {
      error = where + "entries, slots and head_dim must be at least 1";
      return SINKRT_ERROR_INVALID_ARGUMENT;
    }
    size_t bytes = 0;
    if (__builtin_mul_overflow(size_t(d.entries), size_t(2), &bytes) ||
        __builtin_mul_overflow(bytes, size_t(slots), &bytes) ||
        __builtin_mul_overflow(bytes, size_t(d.headDim), &bytes) ||
        __builtin_mul_overflow(bytes, kvElementBytes(d.type), &bytes)) {
      error = where + "size overflows";
      return SINKRT_ERROR_INVALID_ARGUMENT;
    }
    sizes.push_back(bytes);
  }
  for (size_t g = 0; g < sizes.size(); ++g) {
    Buffer b;
    b.bytes = sizes[g];
    if (sinkrt_status st = device->allocate(b.bytes, b.ptr, error); st != SINKRT_OK) {
      error = "KV-cache group " + std::to_string(g) + ": " + error;
      return st;
    }
    kv.push_back(b);
    if (sinkrt_status st = device->fill(b.ptr, 0, b.bytes, error); st != SINKRT_OK)
      return st;
  }
  return SINKRT_OK;
}

sinkrt_status GpuBackend::allocateWorkspace(size_t bytes, std::string &error) {
  if (workspace) {
    error = "the workspace is already allocated";
    return SINKRT_ERROR_INTERNAL;
  }
  // At least one byte, so that every workspace binding has an address.
  bytes = std::max<size_t>(bytes, 1);
  if (sinkrt_status st = device->allocate(bytes, workspace, error); st != SINKRT_OK) {
    workspace = 0;
    error = "workspace: " + error;
    return st;
  }
  workspaceBytes = bytes;
  return device->fill(workspace, 0, bytes, error);
}

sinkrt_status GpuBackend::allocateScratch(size_t bytes, std::string &error) {
  if (scratch) {
    error = "the GPU scratch buffer is already allocated";
    return SINKRT_ERROR_INTERNAL;
  }
  if (bytes == 0)
    return SINKRT_OK;
  if (sinkrt_status st = device->allocate(bytes, scratch, error); st != SINKRT_OK) {
    scratch = 0;
    error = "GPU scratch: " + error;
    return st;
  }
  scratchSize = bytes;
  return device->fill(scratch, 0, bytes, error);
}

sinkrt_status GpuBackend::loadKernels(const PackageReader::Blob &blob,
                                      const std::vector<GpuKernelLaunch> &launches,
                                      std::string &error) {
  if (module.handle) {
    error = "the kernels are already loaded";
    return SINKRT_ERROR_INTERNAL;
  }
  if (sinkrt_status st = device->loadModule(blob.data, size_t(blob.size), module, error);
      st != SINKRT_OK)
    return st;
  // Entries of one kernel run in the order listed; a symbol several
  // entries launch (with other arguments) is looked up once.
  std::unordered_map<std::string, DeviceFunction> functions;
  for (const GpuKernelLaunch &launch : launches) {
    Kernel k;
    k.launch = launch;
    auto found = functions.find(launch.symbol);
    if (found != functions.end()) {
      k.function = found->second;
    } else {
      if (sinkrt_status st = device->getFunction(module, launch.symbol, k.function, error);
          st != SINKRT_OK)
        return st;
      functions.emplace(launch.symbol, k.function);
    }
    kernels[launch.kernel].push_back(std::move(k));
  }
  return SINKRT_OK;
}

sinkrt_status GpuBackend::checkRange(const char *what, size_t offset, size_t bytes, size_t size,
                                     std::string &error) const {
  if (offset > size || bytes > size - offset) {
    error = std::string(what) + " of " + bytesText(bytes) + " at offset " +
            std::to_string(offset) + " is outside the workspace of " + bytesText(size);
    return SINKRT_ERROR_INTERNAL;
  }
  return SINKRT_OK;
}

sinkrt_status GpuBackend::writeWorkspace(size_t offset, const void *src, size_t bytes,
                                         std::string &error) {
  if (sinkrt_status st = checkRange("a write", offset, bytes, workspaceBytes, error);
      st != SINKRT_OK)
    return st;
  return bytes ? device->copyToDevice(workspace + offset, src, bytes, error) : SINKRT_OK;
}

sinkrt_status GpuBackend::readWorkspace(size_t offset, void *dst, size_t bytes,
                                        std::string &error) {
  if (sinkrt_status st = checkRange("a read", offset, bytes, workspaceBytes, error);
      st != SINKRT_OK)
    return st;
  // A synchronous copy waits for the stream; synchronize first anyway so
  // that a kernel's fault is reported as the stream's, not the copy's.
  if (sinkrt_status st = device->synchronize(error); st != SINKRT_OK)
    return st;
  return bytes ? device->copyToHost(dst, workspace + offset, bytes, error) : SINKRT_OK;
}

sinkrt_status GpuBackend::runStep(const PlanStep &step, const StepContext &call,
                                  std::string &error) {
  auto it = kernels.find(step.kernel);
  if (it == kernels.end()) {
    error = "no launch description for kernel \"" + step.kernel + "\" (" + step.field + ")";
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  // The grids are constant (the kernels skip the tokens past the call's);
  // a step with no workgroups for the call has nothing to do.
  if (step.workgroups.at(call.tokens) <= 0)
    return SINKRT_OK;
  for (const Kernel &kernel : it->second)
    if (sinkrt_status st = launchOne(step, call, kernel, error); st != SINKRT_OK)
      return st;
  return SINKRT_OK;
}

sinkrt_status GpuBackend::launchOne(const PlanStep &step, const StepContext &call,
                                    const Kernel &kernel, std::string &error) {
  const GpuKernelLaunch &launch = kernel.launch;
  argValues.assign(launch.args.size(), 0);
  argPointers.assign(launch.args.size(), nullptr);
  for (size_t i = 0; i < launch.args.size(); ++i) {
    const GpuKernelLaunch::Arg &arg = launch.args[i];
    auto argument = [&] {
      return step.field + ": kernel \"" + launch.symbol + "\" argument " + std::to_string(i);
    };
    uint64_t value = 0;
    switch (arg.kind) {
    case GpuKernelLaunch::Arg::Kind::Binding: {
      if (arg.index >= step.bindings.size()) {
        error = argument() + " names binding " + std::to_string(arg.index) + " of a step with " +
                std::to_string(step.bindings.size());
        return SINKRT_ERROR_INVALID_PACKAGE;
      }
      const PlanBinding &b = step.bindings[arg.index];
      switch (b.kind) {
      case PlanBinding::Kind::Workspace:
        value = workspace + uint64_t(b.offset.at(call.tokens + call.skippedRows) +
                                     call.skippedRows * b.rowBytes);
        break;
      case PlanBinding::Kind::Tensor:
        value = weights + b.tensor->offset;
        break;
      case PlanBinding::Kind::Kv:
        if (size_t(b.kvGroup) >= kv.size()) {
          error = step.field + ": KV group " + std::to_string(b.kvGroup) + " is not allocated";
          return SINKRT_ERROR_INTERNAL;
        }
        value = kv[size_t(b.kvGroup)].ptr;
        break;
      }
      break;
    }
    case GpuKernelLaunch::Arg::Kind::Scalar: {
      if (arg.index >= step.scalars.size()) {
        error = argument() + " names scalar " + std::to_string(arg.index) + " of a step with " +
                std::to_string(step.scalars.size());
        return SINKRT_ERROR_INVALID_PACKAGE;
      }
      const PlanScalar &sc = step.scalars[arg.index];
      int64_t v = 0;
      switch (sc.kind) {
      case PlanScalar::Kind::Tokens: v = call.tokens; break;
      case PlanScalar::Kind::Position: v = call.position; break;
      case PlanScalar::Kind::Context: v = call.context; break;
      case PlanScalar::Kind::Constant: v = sc.value; break;
      }
      value = uint64_t(v);
      break;
    }
    case GpuKernelLaunch::Arg::Kind::Scratch:
      if (arg.offset >= scratchSize) {
        error = argument() + " is " + std::to_string(arg.offset) +
                " bytes into a GPU scratch buffer of " + bytesText(scratchSize);
        return SINKRT_ERROR_INVALID_PACKAGE;
      }
      value = scratch + arg.offset;
      break;
    }
    argValues[i] = value;
    argPointers[i] = &argValues[i];
  }
  LaunchConfig config;
  std::copy(std::begin(launch.grid), std::end(launch.grid), config.grid);
  std::copy(std::begin(launch.block), std::end(launch.block), config.block);
  config.sharedBytes = launch.sharedBytes;
  if (sinkrt_status st = device->launch(kernel.function, config,
                                        argPointers.empty() ? nullptr : argPointers.data(),
                                        error);
      st != SINKRT_OK) {
    error = step.field + " (kernel \"" + launch.symbol + "\"): " + error;
    return st;
  }
  return SINKRT_OK;
}

sinkrt_status GpuBackend::resetKvCache(std::string &error) {
  for (const Buffer &b : kv)
    if (sinkrt_status st = device->fill(b.ptr, 0, b.bytes, error); st != SINKRT_OK)
      return st;
  return SINKRT_OK;
}

size_t GpuBackend::kvCacheBytes() const {
  size_t total = 0;
  for (const Buffer &b : kv)
    total += b.bytes;
  return total;
}

std::string sinkrt::device::selectKernelTarget(const PackageReader &package,
                                               const DeviceInfo &device) {
  if (device.arch.empty())
    return "";
  std::string prefix = std::string(kindName(device.kind)) + "-";
  if (package.kernel(prefix + device.arch).data)
    return prefix + device.arch;
  if (device.kind != DeviceKind::Cuda)
    return "";
  // A cubin for sm_XY runs on sm_XZ with Z >= Y (same major version);
  // architecture-specific ones (sm_90a) run only on their own.
  std::string best;
  int bestMinor = -1;
  for (const KernelInfo &k : package.manifest().kernels) {
    std::string want = prefix + "sm_" + std::to_string(device.computeMajor);
    if (k.target.size() != want.size() + 1 || k.target.compare(0, want.size(), want) != 0)
      continue;
    char c = k.target.back();
    if (c < '0' || c > '9')
      continue;
    int minor = c - '0';
    if (minor <= device.computeMinor && minor > bestMinor) {
      best = k.target;
      bestMinor = minor;
    }
  }
  return best;
}

sinkrt_status sinkrt::device::openGpuBackend(const DeviceSpec &spec,
                                             const PackageReader &package,
                                             std::unique_ptr<GpuBackend> &out,
                                             std::string &target, std::string &error) {
  std::unique_ptr<Device> dev;
  if (sinkrt_status st = openDevice(spec, dev, error); st != SINKRT_OK)
    return st;
  std::string chosen = selectKernelTarget(package, dev->info());
  if (chosen.empty()) {
    const DeviceInfo &info = dev->info();
    std::string sections;
    for (const KernelInfo &k : package.manifest().kernels)
      sections += (sections.empty() ? "" : ", ") + k.target;
    error = package.path() + ": the package has no kernels for " + kindTitle(info.kind) +
            " device " + std::to_string(info.index) + " (" + info.name + ", " +
            (info.arch.empty() ? "unknown architecture" : info.arch) +
            "); its kernel sections: " + (sections.empty() ? "none" : sections) +
            (info.arch.empty() ? ""
                               : " (compile with --target " +
                                     std::string(info.kind == DeviceKind::Cuda ? "cuda" : "rocm") +
                                     ":" + info.arch + ")");
    return SINKRT_ERROR_INVALID_PACKAGE;
  }
  target = chosen;
  out = std::make_unique<GpuBackend>(std::move(dev));
  return SINKRT_OK;
}
