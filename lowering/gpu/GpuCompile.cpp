//===- GpuCompile.cpp - gpu.module -> cubin / HSACO, with resources -------===//

#include "GpuCompile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/LLVMIR/ROCDLDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/NVVMToLLVM/NVVMToLLVM.h"
#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVM.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVM/ROCDL/Target.h"
#include "mlir/Target/LLVM/ROCDL/Utils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/NVVM/NVVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/ROCDL/ROCDLToLLVMIRTranslation.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <mutex>

using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The passes the pipelines name, registered once per process.
void registerPipelinePasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerConversionPasses();
    registerGPUPasses();
  });
}

/// NVVM or ROCDL from the kernels to a gpu.binary of `format` ("isa", "bin"),
/// as the body of a builtin.module pipeline.
std::string pipelineFor(const GpuTarget &target, StringRef format, const Toolkits &toolkits) {
  if (target.vendor == Vendor::Cuda)
    return ("nvvm-attach-target{chip=" + target.chip +
            " O=3},gpu.module(convert-scf-to-cf,convert-gpu-to-nvvm{use-bare-ptr-memref-call-conv=1}),"
            "reconcile-unrealized-casts,gpu-module-to-binary{format=" +
            format + " toolkit=" + toolkits.cudaPath + "}")
        .str();
  return ("rocdl-attach-target{chip=" + target.chip +
          " O=3},gpu.module(convert-scf-to-cf,convert-gpu-to-rocdl{use-bare-ptr-memref-call-conv=1 chipset=" + target.chip +
          " runtime=HIP}),reconcile-unrealized-casts,gpu-module-to-binary{format=" + format +
          " toolkit=" + toolkits.rocmPath + "}")
      .str();
}

/// Runs the pipeline on a clone and returns the object of each gpu.binary
/// (one per gpu.module), with the module's name, in order.
llvm::Expected<std::vector<std::pair<std::string, mlir::gpu::ObjectAttr>>>
serialize(ModuleOp module, const GpuTarget &target, StringRef format, const Toolkits &toolkits,
          OwningOpRef<ModuleOp> &keep) {
  keep = module.clone();
  MLIRContext *context = module.getContext();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(context, [&](Diagnostic &diag) {
    llvm::raw_string_ostream os(diagnostics);
    diag.getLocation().print(os);
    os << ": " << diag << "\n";
    return success();
  });
  PassManager pm(context, ModuleOp::getOperationName(), OpPassManager::Nesting::Implicit);
  std::string pipeline = pipelineFor(target, format, toolkits);
  std::string parseErrors;
  llvm::raw_string_ostream parseStream(parseErrors);
  if (failed(parsePassPipeline(pipeline, pm, parseStream)))
    return fail(target.name() + ": bad GPU pipeline '" + pipeline + "': " + parseErrors);
  if (failed(pm.run(*keep)))
    return fail(target.name() + ": GPU compilation failed:\n" + diagnostics);
  std::vector<std::pair<std::string, mlir::gpu::ObjectAttr>> objects;
  keep->walk([&](mlir::gpu::BinaryOp binary) {
    if (!binary.getObjects().empty())
      if (auto object = dyn_cast<mlir::gpu::ObjectAttr>(binary.getObjects()[0]))
        objects.push_back({binary.getSymName().str(), object});
  });
  if (objects.empty())
    return fail(target.name() + ": the module has no gpu.module to compile");
  return objects;
}

int64_t metadataInt(DictionaryAttr dict, StringRef key, int64_t otherwise) {
  if (!dict)
    return otherwise;
  if (auto value = dict.getAs<IntegerAttr>(key))
    return value.getInt();
  return otherwise;
}

/// HSACO kernels from the code object's .amdhsa.kernels metadata.
std::vector<KernelResources> rocmResources(MLIRContext *context, StringRef hsaco) {
  std::vector<KernelResources> kernels;
  Builder builder(context);
  auto table = ROCDL::getAMDHSAKernelsELFMetadata(
      builder, llvm::ArrayRef<char>(hsaco.data(), hsaco.size()));
  if (!table)
    return kernels;
  for (auto &[name, attrs] : *table) {
    DictionaryAttr md = attrs.getDictionary(context);
    KernelResources r;
    r.kernel = name.getValue().str();
    r.registers = metadataInt(md, "vgpr_count", -1);
    r.scalarRegisters = metadataInt(md, "sgpr_count", -1);
    r.spillBytes = metadataInt(md, "vgpr_spill_count", 0) + metadataInt(md, "sgpr_spill_count", 0);
    r.sharedBytes = metadataInt(md, "group_segment_fixed_size", 0);
    r.privateBytes = metadataInt(md, "private_segment_fixed_size", 0);
    kernels.push_back(std::move(r));
  }
  llvm::sort(kernels, [](const KernelResources &a, const KernelResources &b) {
    return a.kernel < b.kernel;
  });
  return kernels;
}

/// The cubin and per-kernel report of one `ptxas -v` run on the PTX.
llvm::Error assembleCubin(GpuObject &object, const Toolkits &toolkits) {
  const GpuTarget &target = object.target;
  StringRef ptx = object.assembly;
  std::string ptxas = (toolkits.cudaPath + "/bin/ptxas");
  if (!llvm::sys::fs::can_execute(ptxas))
    return fail(target.name() + ": no ptxas at " + ptxas +
                " (set SINKC_CUDA_PATH to the CUDA toolkit)");
  llvm::SmallString<128> input, output, log;
  if (auto ec = llvm::sys::fs::createTemporaryFile("sinkc-kernels", "ptx", input))
    return fail("cannot create a temporary file: " + ec.message());
  llvm::sys::fs::createTemporaryFile("sinkc-kernels", "cubin", output);
  llvm::sys::fs::createTemporaryFile("sinkc-ptxas", "log", log);
  llvm::scope_exit cleanup([&] {
    llvm::sys::fs::remove(input);
    llvm::sys::fs::remove(output);
    llvm::sys::fs::remove(log);
  });
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(input, ec);
    if (ec)
      return fail("cannot write " + input + ": " + ec.message());
    os << ptx;
  }
  std::string gpuName = "--gpu-name=" + target.chip;
  llvm::SmallVector<StringRef> args = {ptxas, "-v", gpuName, input, "-o", output};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log), StringRef(log)};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(ptxas, args, std::nullopt, redirects, 0, 0, &message);
  auto text = llvm::MemoryBuffer::getFile(log);
  std::string logText = text ? (*text)->getBuffer().str() : "";
  if (status != 0)
    return fail(target.name() + ": ptxas failed (" +
                (message.empty() ? "exit " + std::to_string(status) : message) + "):\n" + logText);
  auto cubin = llvm::MemoryBuffer::getFile(output, /*IsText=*/false);
  if (!cubin)
    return fail(target.name() + ": cannot read ptxas' output " + output + ": " +
                cubin.getError().message());
  object.binary = (*cubin)->getBuffer().str();
  object.kernels = parsePtxasInfo(logText);
  return llvm::Error::success();
}

} // namespace

Toolkits defaultToolkits() {
  Toolkits t;
  const char *cuda = std::getenv("SINKC_CUDA_PATH");
  t.cudaPath = cuda && *cuda ? cuda : "/usr/local/cuda";
  const char *rocm = std::getenv("SINKC_ROCM_TOOLKIT");
  t.rocmPath = rocm && *rocm ? rocm : SINKC_ROCM_TOOLKIT_DIR;
  return t;
}

void registerGpuCompilation(DialectRegistry &registry) {
  registry.insert<arith::ArithDialect, cf::ControlFlowDialect, func::FuncDialect,
                  mlir::gpu::GPUDialect, LLVM::LLVMDialect, NVVM::NVVMDialect, ROCDL::ROCDLDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect,
                  vector::VectorDialect>();
  // convert-gpu-to-nvvm / -rocdl take the patterns of each dialect in the
  // kernels from these interfaces; without them memref arguments stay
  // unrealized casts.
  arith::registerConvertArithToLLVMInterface(registry);
  cf::registerConvertControlFlowToLLVMInterface(registry);
  registerConvertFuncToLLVMInterface(registry);
  index::registerConvertIndexToLLVMInterface(registry);
  registerConvertMathToLLVMInterface(registry);
  registerConvertMemRefToLLVMInterface(registry);
  registerConvertNVVMToLLVMInterface(registry);
  ub::registerConvertUBToLLVMInterface(registry);
  vector::registerConvertVectorToLLVMInterface(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  ROCDL::registerROCDLTargetInterfaceExternalModels(registry);
  registerBuiltinDialectTranslation(registry);
  registerGPUDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerNVVMDialectTranslation(registry);
  registerROCDLDialectTranslation(registry);
}

llvm::Expected<std::vector<GpuObject>> compileGpuModules(ModuleOp module, const GpuTarget &target,
                                                        const Toolkits &toolkits) {
  registerPipelinePasses();
  OwningOpRef<ModuleOp> isaModule, binModule;
  auto isa = serialize(module, target, "isa", toolkits, isaModule);
  if (!isa)
    return isa.takeError();
  std::vector<GpuObject> results;
  for (auto &[name, object] : *isa) {
    GpuObject result;
    result.target = target;
    result.module = name;
    result.assembly = object.getObject().getValue().str();
    // CUDA: one ptxas run gives both the cubin and its report.
    if (target.vendor == Vendor::Cuda)
      if (llvm::Error error = assembleCubin(result, toolkits))
        return std::move(error);
    results.push_back(std::move(result));
  }
  if (target.vendor == Vendor::Cuda)
    return results;
  // ROCm: the HSACO from MLIR's serializer (it links the device libraries),
  // the report from its kernel metadata.
  auto bin = serialize(module, target, "bin", toolkits, binModule);
  if (!bin)
    return bin.takeError();
  for (size_t i = 0; i < results.size(); ++i) {
    results[i].binary = (*bin)[i].second.getObject().getValue().str();
    results[i].kernels = rocmResources(module.getContext(), results[i].binary);
  }
  return results;
}

llvm::Expected<GpuObject> compileGpuModule(ModuleOp module, const GpuTarget &target,
                                           const Toolkits &toolkits) {
  llvm::Expected<std::vector<GpuObject>> objects = compileGpuModules(module, target, toolkits);
  if (!objects)
    return objects.takeError();
  if (objects->size() != 1)
    return fail(target.name() + ": the module has " + llvm::Twine(objects->size()) +
                " gpu.modules, not one (use compileGpuModules)");
  return std::move(objects->front());
}

std::vector<KernelResources> parsePtxasInfo(StringRef text) {
  std::vector<KernelResources> kernels;
  llvm::SmallVector<StringRef> lines;
  text.split(lines, '\n');
  auto numberBefore = [](StringRef line, StringRef unit) -> int64_t {
    size_t at = line.find(unit);
    if (at == StringRef::npos)
      return -1;
    StringRef before = line.take_front(at).rtrim();
    size_t start = before.find_last_not_of("0123456789");
    int64_t value = -1;
    if (before.drop_front(start == StringRef::npos ? 0 : start + 1).getAsInteger(10, value))
      return -1;
    return value;
  };
  for (StringRef line : lines) {
    if (line.contains("Compiling entry function '")) {
      StringRef name = line.split("Compiling entry function '").second.split('\'').first;
      kernels.push_back({name.str()});
      continue;
    }
    if (kernels.empty())
      continue;
    KernelResources &k = kernels.back();
    if (line.contains("bytes stack frame")) {
      k.privateBytes = std::max<int64_t>(0, numberBefore(line, " bytes stack frame"));
      k.spillBytes = std::max<int64_t>(0, numberBefore(line, " bytes spill stores"));
    } else if (line.contains("Used ") && line.contains(" registers")) {
      k.registers = numberBefore(line, " registers");
      int64_t smem = numberBefore(line, " bytes smem");
      k.sharedBytes = smem < 0 ? 0 : smem;
    }
  }
  return kernels;
}

} // namespace sinkc::gpu
