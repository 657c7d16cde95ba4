//===- GpuPackaging.cpp - GPU kernel sections of a package ----------------===//

#include "GpuPackaging.h"

#include "GemvSchedule.h"
#include "GpuCompile.h"

#include "mlir/IR/MLIRContext.h"

using namespace llvm;

namespace sinkc::compiler {

namespace {

Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// The kernel section of a target: what the runtime's selectKernelTarget
/// looks for (docs/gpu-runtime.md).
std::string sectionName(const gpu::GpuTarget &target) {
  return (target.vendor == gpu::Vendor::Cuda ? "cuda-" : "hip-") + target.chip;
}

} // namespace

std::unique_ptr<mlir::MLIRContext> makeScheduleContext() {
  mlir::DialectRegistry registry;
  gpu::registerGpuCompilation(registry);
  gpu::registerKernelSchedules(registry);
  auto context = std::make_unique<mlir::MLIRContext>(registry);
  context->loadAllAvailableDialects();
  return context;
}

Expected<GpuSections> compileGpuSections(mlir::ModuleOp untiledDispatches,
                                         ArrayRef<gpu::GpuTarget> targets,
                                         const gpu::DispatchKernelOptions &options) {
  std::unique_ptr<mlir::MLIRContext> context = makeScheduleContext();
  Expected<gpu::DispatchKernels> kernels =
      gpu::buildDispatchKernels(untiledDispatches, context.get(), options, /*gpu=*/true);
  if (!kernels)
    return kernels.takeError();
  if (Error error = gpu::lowerDispatchKernelsForGpu(*kernels->schedules, kernels->launches))
    return std::move(error);

  GpuSections sections;
  json::Object launches;
  for (const gpu::GpuTarget &target : targets) {
    Expected<gpu::GpuObject> object = gpu::compileGpuModule(*kernels->schedules, target);
    if (!object)
      return object.takeError();
    for (const gpu::KernelResources &k : object->kernels)
      if (k.spillBytes > 0 || k.privateBytes > 0)
        return fail(target.name() + ": kernel " + k.kernel + " spills (" + Twine(k.spillBytes) +
                    ") or uses " + Twine(k.privateBytes) +
                    " bytes of private memory; sinkc's GPU kernels must keep everything in "
                    "registers and shared memory");
    Expected<json::Array> entries =
        gpu::manifestLaunches(*kernels->schedules, kernels->launches, object->kernels);
    if (!entries)
      return entries.takeError();
    std::string name = sectionName(target);
    launches[name] = std::move(*entries);
    package::KernelBlob blob;
    blob.target = name;
    blob.format = target.vendor == gpu::Vendor::Cuda ? "cubin" : "hsaco";
    blob.bytes.assign(object->binary.begin(), object->binary.end());
    sections.kernels.push_back(std::move(blob));
  }
  sections.manifestMembers["gpu_scratch_bytes"] = kernels->scratchBytes;
  sections.manifestMembers["gpu_max_context"] = kernels->maxContext;
  sections.manifestMembers["gpu_launches"] = std::move(launches);
  return sections;
}

Expected<std::string> gpuStageText(mlir::ModuleOp untiledDispatches, int stage,
                                  const gpu::GpuTarget &target,
                                  const gpu::DispatchKernelOptions &options) {
  std::unique_ptr<mlir::MLIRContext> context = makeScheduleContext();
  Expected<gpu::DispatchKernels> kernels =
      gpu::buildDispatchKernels(untiledDispatches, context.get(), options, /*gpu=*/true);
  if (!kernels)
    return kernels.takeError();
  auto print = [](mlir::ModuleOp module) {
    std::string text;
    raw_string_ostream os(text);
    module.print(os);
    return text + "\n";
  };
  if (stage == 0)
    return print(*kernels->schedules);
  if (Error error = gpu::lowerDispatchKernelsForGpu(*kernels->schedules, kernels->launches))
    return std::move(error);
  if (stage == 1)
    return print(*kernels->schedules);
  Expected<gpu::GpuObject> object = gpu::compileGpuModule(*kernels->schedules, target);
  if (!object)
    return object.takeError();
  return object->assembly;
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildEmulatedCpuKernels(mlir::ModuleOp untiledDispatches, mlir::MLIRContext *context,
                        const gpu::DispatchKernelOptions &options,
                        StringMap<std::pair<int64_t, int64_t>> &scratchBytes) {
  Expected<gpu::DispatchKernels> kernels =
      gpu::buildDispatchKernels(untiledDispatches, context, options, /*gpu=*/false);
  if (!kernels)
    return kernels.takeError();
  if (Error error = gpu::lowerDispatchKernelsForCpu(*kernels->schedules, kernels->launches))
    return std::move(error);
  for (const gpu::DispatchLaunch &launch : kernels->launches)
    scratchBytes[launch.kernel] = {0, kernels->scratchBytes};
  return std::move(kernels->schedules);
}

} // namespace sinkc::compiler
