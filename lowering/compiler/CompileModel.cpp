//===- CompileModel.cpp - a model file to a .sinkpkg ----------------------===//

#include "sinkc/Lowering/CompileModel.h"

#include "Codegen.h"
#include "GpuPackaging.h"
#include "GpuTarget.h"
#include "ModelPackager.h"

#include "sinkc/Importers/ModelDescription.h"
#include "sinkc/Importers/TfmImport.h"
#include "sinkc/Lowering/CpuPipeline.h"
#include "sinkc/Lowering/Dialects.h"
#include "sinkc/Passes/ExecutionPlan.h"
#include "sinkc/Passes/Passes.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace sinkc::compiler {

namespace {

Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// Diagnostics of a pass pipeline, collected for the error message.
class DiagnosticCollector {
public:
  explicit DiagnosticCollector(mlir::MLIRContext &context)
      : handler(&context, [this](mlir::Diagnostic &diag) {
          std::string loc;
          raw_string_ostream os(loc);
          diag.getLocation().print(os);
          text += (text.empty() ? "" : "\n") + loc + ": " + diag.str();
          for (mlir::Diagnostic &note : diag.getNotes())
            text += "\n  note: " + note.str();
          return mlir::success();
        }) {}
  std::string take() { return std::move(text); }

private:
  std::string text;
  mlir::ScopedDiagnosticHandler handler;
};

Error runPasses(mlir::ModuleOp module, const CompileOptions &options, StringRef what,
                function_ref<mlir::LogicalResult(mlir::OpPassManager &)> build) {
  mlir::MLIRContext *context = module.getContext();
  mlir::PassManager pm(context);
  if (options.printIrAfterAll) {
    context->disableMultithreading();
    pm.enableIRPrinting([](mlir::Pass *, mlir::Operation *) { return false; },
                        [](mlir::Pass *, mlir::Operation *) { return true; },
                        /*printModuleScope=*/true, /*printAfterOnlyOnChange=*/false);
  }
  if (failed(build(pm)))
    return fail(what + ": cannot build the pass pipeline");
  DiagnosticCollector diagnostics(*context);
  if (failed(pm.run(module)))
    return fail(what + " failed:\n" + diagnostics.take());
  return Error::success();
}

Expected<import::ImportOptions> importOptions(const CompileOptions &options) {
  import::ImportOptions result;
  result.kvElementType = options.kvType;
  if (options.kvPolicy.empty())
    return result;
  Expected<package::KvPolicyOption> policy = package::parseKvPolicy(options.kvPolicy);
  if (!policy)
    return policy.takeError();
  if (policy->kind == package::KvPolicyOption::Kind::Full) {
    result.kvPolicy = import::ImportOptions::KvPolicy::Full;
  } else if (policy->kind == package::KvPolicyOption::Kind::Streaming) {
    result.kvPolicy = import::ImportOptions::KvPolicy::Streaming;
    result.sinks = policy->sinks;
    result.window = policy->window;
  }
  return result;
}

Error writeFile(StringRef path, StringRef bytes) {
  std::error_code ec;
  raw_fd_ostream os(path, ec, sys::fs::OF_None);
  if (ec)
    return fail(path + ": " + ec.message());
  os << bytes;
  os.close();
  if (os.has_error())
    return fail(path + ": " + os.error().message());
  return Error::success();
}

} // namespace

std::string ukernelBitcodePath(StringRef level) {
  std::string name = ("ukernels-" + level + ".bc").str();
  if (const char *dir = std::getenv("SINKC_UKERNELS_DIR")) {
    SmallString<256> path(dir);
    sys::path::append(path, name);
    return std::string(path);
  }
  std::string program = sys::fs::getMainExecutable(nullptr, nullptr);
  if (!program.empty()) {
    SmallString<256> path(sys::path::parent_path(sys::path::parent_path(program)));
    sys::path::append(path, "lib", "ukernels", name);
    if (sys::fs::exists(path))
      return std::string(path);
  }
  return (Twine(SINKC_UKERNELS_BITCODE_DIR) + "/" + name).str();
}

/// Dispatches, lowering, codegen and packaging of an imported module.
static Error compileImported(mlir::ModuleOp module, const import::ModelDescription &model,
                             StringRef outputPath, const CompileOptions &options);

Error compileModel(StringRef modelPath, StringRef outputPath, const CompileOptions &options) {
  auto stage = [&](StringRef name) {
    if (options.progress)
      options.progress(name);
  };
  Expected<gpu::TargetList> targets = gpu::parseTargets(options.target);
  if (!targets)
    return targets.takeError();
  if (options.kvType != "f16" && options.kvType != "f32")
    return fail("--kv-type " + options.kvType + ": the CPU kernels take f16 or f32 caches");
  Expected<import::ImportOptions> imports = importOptions(options);
  if (!imports)
    return imports.takeError();

  stage("import");
  mlir::DialectRegistry registry;
  lowering::registerCompilerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  if (modelPath.ends_with(".mlir")) {
    // tfm IR (e.g. `sinkc import` output, edited or transformed): the
    // weights and tokenizer come from the model file it references.
    std::string error;
    mlir::OwningOpRef<mlir::ModuleOp> module =
        mlir::parseSourceFile<mlir::ModuleOp>(modelPath, &context);
    if (!module)
      return fail(modelPath + ": not valid tfm IR (diagnostics above)");
    return compileModule(*module, "", outputPath, options);
  }
  Expected<import::ModelDescription> model = import::describeModel(modelPath);
  if (!model)
    return model.takeError();
  mlir::OwningOpRef<mlir::ModuleOp> module = import::buildTfmModule(context, *model, *imports);
  if (failed(mlir::verify(*module)))
    return fail(modelPath + ": internal error: the imported module does not verify");
  return compileImported(*module, *model, outputPath, options);
}

/// The model file a module's weights and tokenizer come from.
static std::string modelFileOf(mlir::ModuleOp module) {
  auto tokenizer = module->getAttrOfType<tfm::TokenizerAttr>(tfm::TfmDialect::kTokenizerAttrName);
  if (!tokenizer)
    return "";
  StringRef source = tokenizer.getSource();
  // A Hugging Face checkpoint is its folder (tokenizer.json lives in it).
  if (source.ends_with(".json") || source.ends_with(".safetensors"))
    return sys::path::parent_path(source).str();
  return source.str();
}

/// The @prefill argument a cache operand stands for: itself, or (inside an
/// outlined dispatch function) what @prefill passes for it.
static mlir::Value cacheArgumentOf(mlir::func::FuncOp prefill, mlir::Value cache) {
  auto arg = dyn_cast<mlir::BlockArgument>(cache);
  if (!arg)
    return {};
  auto owner = dyn_cast<mlir::func::FuncOp>(arg.getOwner()->getParentOp());
  if (!owner || owner == prefill)
    return arg;
  mlir::Value passed;
  prefill.walk([&](mlir::func::CallOp call) {
    if (call.getCallee() == owner.getSymName() && !passed)
      passed = call.getOperand(arg.getArgNumber());
  });
  return passed;
}

/// The KV-cache groups of a module's @prefill (its cache arguments, in
/// order) with the policy its attention ops give them.
static Expected<std::vector<package::KvGroupSpec>> kvGroupsOf(mlir::ModuleOp module,
                                                              std::string &elementType) {
  auto prefill = module.lookupSymbol<mlir::func::FuncOp>("prefill");
  if (!prefill || prefill.isExternal())
    return fail("the module has no @prefill entry point");
  std::vector<package::KvGroupSpec> groups;
  for (mlir::BlockArgument arg : prefill.getArguments()) {
    auto cache = dyn_cast<tfm::KVCacheType>(arg.getType());
    if (!cache)
      continue;
    mlir::Type element = cache.getElementType();
    elementType = element.isF32() ? "f32" : element.isBF16() ? "bf16" : "f16";
    package::KvGroupSpec group;
    group.entries = cache.getEntries();
    group.policy.kind = package::KvPolicyOption::Kind::Full;
    module.walk([&](tfm::AttentionOp op) {
      for (auto [index, operand] : llvm::enumerate(op.getCaches())) {
        if (cacheArgumentOf(prefill, operand) != arg)
          continue;
        for (int64_t h = 0; h < op.getNumKvHeads(); ++h) {
          int64_t buffer = op.getKvBuffer() ? (*op.getKvBuffer())[h] : 0;
          if (buffer != int64_t(index))
            continue;
          if (auto streaming = dyn_cast<tfm::StreamingPolicyAttr>(op.getPolicy(h))) {
            group.policy.kind = package::KvPolicyOption::Kind::Streaming;
            group.policy.sinks = streaming.getSinks();
            group.policy.window = streaming.getWindow();
          }
        }
      }
    });
    groups.push_back(group);
  }
  return groups;
}

Error compileModule(mlir::ModuleOp module, StringRef modelPath, StringRef outputPath,
                    const CompileOptions &options) {
  if (!options.kvPolicy.empty())
    return fail("--kv-policy applies when compiling a model file: a module's KV-cache "
                "policies are in its IR (tfm.attention policies and the cache types)");
  std::string path = modelPath.empty() ? modelFileOf(module) : modelPath.str();
  if (path.empty())
    return fail("the module names no model file (no tfm.tokenizer source); give the model "
                "file the weights come from");
  if (failed(mlir::verify(module)))
    return fail("the module does not verify (diagnostics above)");
  Expected<import::ModelDescription> model = import::describeModel(path);
  if (!model)
    return model.takeError();
  return compileImported(module, *model, outputPath, options);
}

/// The codegen options `--cpu` asks for, and the microkernel level they
/// link.
static Expected<codegen::CodegenOptions> codegenOptionsFor(const CompileOptions &options) {
  codegen::CodegenOptions codegenOptions;
  codegenOptions.cpu = options.cpu;
  codegenOptions.optLevel = options.optLevel;
  // "native": this machine's x86-64 level, whose features every runtime can
  // check (a host CPU model may list features the runtime's CPUID table
  // does not know, and the package would then refuse to load anywhere).
  if (options.cpu == "native") {
    codegen::CodegenOptions host;
    codegenOptions.cpu = codegen::microarchitectureLevel(host);
    // VNNI is beyond x86-64-v4 but is what int8 dot products need.
    if (codegenOptions.cpu == "x86-64-v4" &&
        llvm::is_contained(codegen::requiredFeatures(host), "avx512vnni"))
      codegenOptions.features = "+avx512vnni";
  }
  std::string level = codegen::microarchitectureLevel(codegenOptions);
  if (level == "x86-64-v2") // no v2 flavour of the ukernels is built
    level = "x86-64";
  if (level == "x86-64-v4" &&
      llvm::is_contained(codegen::requiredFeatures(codegenOptions), "avx512vnni"))
    level = "x86-64-v4-vnni";
  std::string bitcode = ukernelBitcodePath(level);
  if (!sys::fs::exists(bitcode))
    return fail("the microkernel bitcode " + bitcode +
                " is missing (set SINKC_UKERNELS_DIR to the folder of ukernels-*.bc)");
  codegenOptions.bitcodeLibraries = {bitcode};
  return codegenOptions;
}

/// --emit llvm / obj: the CPU kernels' LLVM IR or object file.
static Error emitCpuKernels(mlir::ModuleOp kernels, const codegen::CodegenOptions &codegenOptions,
                            StringRef outputPath, CompileOptions::Emit emit) {
  LLVMContext llvmContext;
  Expected<std::unique_ptr<Module>> ir = codegen::translateToLLVMIR(kernels, llvmContext);
  if (!ir)
    return ir.takeError();
  if (Error error = codegen::optimize(**ir, codegenOptions))
    return error;
  if (emit == CompileOptions::Emit::Llvm) {
    std::string text;
    raw_string_ostream os(text);
    (*ir)->print(os, nullptr);
    return writeFile(outputPath, text);
  }
  Expected<std::string> object = codegen::emitObject(**ir, codegenOptions);
  if (!object)
    return object.takeError();
  return writeFile(outputPath, *object);
}

static Expected<std::vector<uint8_t>> sharedObjectOf(mlir::ModuleOp kernels,
                                                     const codegen::CodegenOptions &options) {
  SmallString<128> soPath;
  if (std::error_code ec = sys::fs::createTemporaryFile("sinkc-kernels", "so", soPath))
    return fail("cannot create a temporary file: " + ec.message());
  FileRemover removeSo(soPath);
  if (Error error = codegen::compileToSharedObject(kernels, options, soPath))
    return std::move(error);
  ErrorOr<std::unique_ptr<MemoryBuffer>> so = MemoryBuffer::getFile(soPath);
  if (!so)
    return fail(soPath + ": " + so.getError().message());
  StringRef bytes = (*so)->getBuffer();
  return std::vector<uint8_t>(bytes.begin(), bytes.end());
}

static Error compileImported(mlir::ModuleOp module, const import::ModelDescription &model,
                             StringRef outputPath, const CompileOptions &options) {
  auto stage = [&](StringRef name) {
    if (options.progress)
      options.progress(name);
  };
  Expected<gpu::TargetList> targets = gpu::parseTargets(options.target);
  if (!targets)
    return targets.takeError();
  // The GPU schedules are generated from the untiled dispatch functions.
  const bool gpuSchedules = !targets->gpus.empty() || options.emulateGpu;
  if (gpuSchedules && options.taps)
    return fail("--taps: GPU kernels (--target cuda:/rocm:, --emulate-gpu) do not write taps yet");
  if (options.emulateGpu && options.int8Activations)
    return fail("--emulate-gpu runs the GPU schedules, which take f32 activations; drop "
                "--activations int8");
  const bool cpuSection = targets->cpu || options.emulateGpu;
  const int gpuStage = options.emit == CompileOptions::Emit::GpuSchedules ? 0
                       : options.emit == CompileOptions::Emit::GpuKernels ? 1
                       : options.emit == CompileOptions::Emit::GpuAsm     ? 2
                                                                          : -1;
  if (gpuStage >= 0 && targets->gpus.empty())
    return fail("--emit gpu-schedules / gpu-kernels / gpu-asm needs a GPU in --target (" +
                options.target + " has none)");
  if (!cpuSection && (options.emit == CompileOptions::Emit::Llvm ||
                      options.emit == CompileOptions::Emit::Obj))
    return fail("--emit llvm / obj writes the CPU kernels; --target " + options.target +
                " has no cpu");

  stage("dispatch");
  bool outlined = llvm::any_of(module.getOps<mlir::func::FuncOp>(), [](mlir::func::FuncOp f) {
    return f->hasAttr(tfm::TfmDialect::kDispatchAttrName);
  });
  mlir::OwningOpRef<mlir::ModuleOp> untiled;
  if (!outlined) {
    if (Error error = runPasses(module, options, "forming dispatches", [&](mlir::OpPassManager &pm) {
          pm.addPass(createTfmFormDispatchesPass());
          pm.addPass(createTfmOutlineDispatchesPass());
          return mlir::success();
        }))
      return error;
    if (gpuSchedules)
      untiled = module.clone();
    if (Error error = runPasses(module, options, "tiling dispatches", [&](mlir::OpPassManager &pm) {
          TfmTileDispatchesPassOptions tiling;
          // The CPU build of the GPU schedules runs each dispatch whole.
          tiling.workgroups = options.emulateGpu ? 1 : options.workgroups;
          pm.addPass(createTfmTileDispatchesPass(tiling));
          return mlir::success();
        }))
      return error;
  } else if (gpuSchedules) {
    untiled = module.clone(); // tiled dispatches are refused op by op
  }
  if (options.emit == CompileOptions::Emit::Mlir) {
    std::string text;
    raw_string_ostream os(text);
    module.print(os);
    return writeFile(outputPath, text + "\n");
  }

  gpu::DispatchKernelOptions gpuOptions;
  gpuOptions.prefillTokens = options.prefillChunk;
  gpuOptions.maxContext = options.gpuMaxContext > 0 ? options.gpuMaxContext
                          : model.contextLength > 0 ? model.contextLength
                                                    : 4096;
  if (gpuStage >= 0) {
    Expected<std::string> text =
        gpuStageText(*untiled, gpuStage, targets->gpus.front(), gpuOptions);
    if (!text)
      return text.takeError();
    return writeFile(outputPath, *text);
  }
  package::PackageOptions packageOptions;
  PlanOptions planOptions;
  if (cpuSection) {
    stage("lower");
    std::unique_ptr<mlir::MLIRContext> scheduleContext;
    mlir::OwningOpRef<mlir::ModuleOp> kernels;
    if (options.emulateGpu) {
      scheduleContext = makeScheduleContext();
      Expected<mlir::OwningOpRef<mlir::ModuleOp>> emulated = buildEmulatedCpuKernels(
          *untiled, scheduleContext.get(), gpuOptions, planOptions.scratchBytes);
      if (!emulated)
        return emulated.takeError();
      kernels = std::move(*emulated);
    } else {
      kernels = module.clone();
      lowering::CpuPipelineOptions pipeline;
      pipeline.taps = options.taps;
      pipeline.massPositions = options.massPositions;
      pipeline.int8Activations = options.int8Activations;
      if (Error error = runPasses(*kernels, options, "lowering (sinkc-cpu-pipeline)",
                                  [&](mlir::OpPassManager &pm) {
                                    return lowering::buildCpuPipeline(pm, pipeline);
                                  }))
        return error;
      planOptions.scratchBytes = lowering::scratchBytesOf(*kernels);
    }

    stage("codegen");
    Expected<codegen::CodegenOptions> codegenOptions = codegenOptionsFor(options);
    if (!codegenOptions)
      return codegenOptions.takeError();
    if (options.emit == CompileOptions::Emit::Llvm || options.emit == CompileOptions::Emit::Obj)
      return emitCpuKernels(*kernels, *codegenOptions, outputPath, options.emit);
    Expected<std::vector<uint8_t>> so = sharedObjectOf(*kernels, *codegenOptions);
    if (!so)
      return so.takeError();
    package::KernelBlob blob;
    blob.target = "cpu";
    blob.bytes = std::move(*so);
    packageOptions.kernels.push_back(std::move(blob));
    packageOptions.cpuFeatures = codegen::requiredFeatures(*codegenOptions);
  }
  if (!targets->gpus.empty()) {
    stage("gpu");
    Expected<GpuSections> sections = compileGpuSections(*untiled, targets->gpus, gpuOptions);
    if (!sections)
      return sections.takeError();
    for (package::KernelBlob &blob : sections->kernels)
      packageOptions.kernels.push_back(std::move(blob));
    packageOptions.extraMembers = std::move(sections->manifestMembers);
  }

  stage("package");
  planOptions.prefillChunk = options.prefillChunk;
  planOptions.taps = options.taps;
  planOptions.massPositions = options.massPositions;
  Expected<json::Array> plan = buildExecutionPlan(module, planOptions);
  if (!plan)
    return plan.takeError();
  // The package's KV groups and element type are the ones the kernels were
  // compiled for (--kv-policy / --kv-type already shaped the module).
  std::string cacheElement = options.kvType;
  Expected<std::vector<package::KvGroupSpec>> groups = kvGroupsOf(module, cacheElement);
  if (!groups)
    return groups.takeError();
  packageOptions.kvGroups = std::move(*groups);
  packageOptions.kvElementType = cacheElement;
  std::string planText;
  raw_string_ostream planStream(planText);
  planStream << json::Value(std::move(*plan));
  packageOptions.executionPlanJson = planText;
  if (options.emulateGpu) {
    // The emulated attention covers gpuMaxContext slots: sessions may not
    // ask for more (the runtime checks ctx against model.context).
    import::ModelDescription packaged = model;
    packaged.contextLength = std::min<int64_t>(
        model.contextLength > 0 ? model.contextLength : gpuOptions.maxContext,
        gpuOptions.maxContext);
    return package::writeModelPackage(packaged, packageOptions, outputPath);
  }
  return package::writeModelPackage(model, packageOptions, outputPath);
}

} // namespace sinkc::compiler
