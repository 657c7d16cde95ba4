//===- ScheduleLowering.cpp - the two builds of a kernel schedule ---------===//

#include "ScheduleLowering.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Transform/Transforms/Passes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <mutex>
#include <sstream>

using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

// Per function: the forall nest to a launch with a barrier after each
// phase, then the workgroup buffers to globals.
const char *kMapOne = R"mlir(
    %f@I@ = transform.structured.match ops{["func.func"]} attributes{sym_name = "@NAME@"} in %root : (!transform.any_op) -> !transform.any_op
    %launch@I@ = transform.gpu.map_forall_to_blocks %f@I@ generate_gpu_launch : (!transform.any_op) -> !transform.any_op
    transform.gpu.map_nested_forall_to_threads %launch@I@ block_dims = [@X@, @Y@, @Z@] sync_after_distribute = true : (!transform.any_op) -> !transform.any_op)mlir";

const char *kScript = R"mlir(
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    @MAP@
    %buffers = transform.structured.match ops{["memref.alloca"]} in %root : (!transform.any_op) -> !transform.op<"memref.alloca">
    %get, %global = transform.memref.alloca_to_global %buffers : (!transform.op<"memref.alloca">) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
)mlir";

} // namespace

const char *const kHalfAtTemplate = R"mlir(
  func.func private @half_at(%w: memref<@BYTES@xi8>, %at: index) -> f32 attributes {llvm.always_inline} {
    %c1 = arith.constant 1 : index
    %c8i16 = arith.constant 8 : i16
    %at1 = arith.addi %at, %c1 : index
    %lo = memref.load %w[%at] : memref<@BYTES@xi8>
    %hi = memref.load %w[%at1] : memref<@BYTES@xi8>
    %lo16 = arith.extui %lo : i8 to i16
    %hi16 = arith.extui %hi : i8 to i16
    %shifted = arith.shli %hi16, %c8i16 : i16
    %bits = arith.ori %shifted, %lo16 : i16
    %dh = arith.bitcast %bits : i16 to f16
    %d = arith.extf %dh : f16 to f32
    return %d : f32
  })mlir";

llvm::Error scheduleError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string floatLiteral(float value) {
  std::ostringstream os;
  os.precision(9); // 9 significant digits round-trip any f32
  os << std::scientific << value;
  return os.str();
}

llvm::Expected<OwningOpRef<ModuleOp>> parseSchedule(MLIRContext *context, StringRef text,
                                                    StringRef what) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, context);
  if (!module)
    return scheduleError(what + ": the template does not parse (a bug in sinkc)");
  return module;
}

std::string fillTemplate(std::string text, llvm::ArrayRef<std::pair<StringRef, std::string>> values) {
  for (const auto &[key, value] : values) {
    std::string marker = ("@" + key + "@").str();
    for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at))
      text.replace(at, marker.size(), value), at += value.size();
  }
  return text;
}

llvm::Error runPipeline(ModuleOp module, StringRef pipeline, StringRef what) {
  static std::once_flag once;
  std::call_once(once, [] {
    registerConversionPasses();
    registerGPUPasses();
    registerSCFPasses();
    memref::registerMemRefPasses();
    registerTransformsPasses();
    transform::registerTransformPasses();
  });
  std::string diagnostics;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &diag) {
    llvm::raw_string_ostream os(diagnostics);
    diag.getLocation().print(os);
    os << ": " << diag << "\n";
    return success();
  });
  PassManager pm(module.getContext(), ModuleOp::getOperationName(),
                 OpPassManager::Nesting::Implicit);
  std::string parseErrors;
  llvm::raw_string_ostream parseStream(parseErrors);
  if (failed(parsePassPipeline(pipeline, pm, parseStream)))
    return scheduleError(what + ": bad pipeline: " + parseErrors);
  if (failed(pm.run(module)))
    return scheduleError(what + " failed:\n" + diagnostics);
  return llvm::Error::success();
}

llvm::Error lowerScheduleToCpu(ModuleOp module, StringRef what) {
  return runPipeline(module,
                     "inline,symbol-dce,scf-forall-to-for,expand-strided-metadata,lower-affine,"
                     "canonicalize,cse,convert-scf-to-cf,convert-math-to-llvm,"
                     "finalize-memref-to-llvm,"
                     "convert-func-to-llvm{use-bare-ptr-memref-call-conv=1},convert-arith-to-llvm,"
                     "convert-cf-to-llvm,convert-index-to-llvm,reconcile-unrealized-casts",
                     (what + ", CPU lowering").str());
}

llvm::Error mapScheduleToGpu(ModuleOp module, llvm::ArrayRef<KernelMapping> kernels,
                             StringRef what) {
  if (llvm::Error inlined = runPipeline(module, "inline,symbol-dce", (what + ", inlining").str()))
    return inlined;
  std::string map;
  for (auto [i, k] : llvm::enumerate(kernels))
    map += fillTemplate(kMapOne, {{"I", std::to_string(i)},
                                  {"NAME", k.function},
                                  {"X", std::to_string(k.blockDims[0])},
                                  {"Y", std::to_string(k.blockDims[1])},
                                  {"Z", std::to_string(k.blockDims[2])}});
  OwningOpRef<ModuleOp> script =
      parseSourceString<ModuleOp>(fillTemplate(kScript, {{"MAP", map}}), module.getContext());
  if (!script)
    return scheduleError(what + ": the GPU mapping script does not parse (a bug in sinkc)");
  // The interpreter finds @__transform_main in the payload module; the
  // script is removed once it ran.
  ModuleOp scriptOp = script.release();
  module.getBody()->push_back(scriptOp);
  llvm::Error mapped = runPipeline(module, "transform-interpreter", (what + ", GPU mapping").str());
  scriptOp.erase();
  if (mapped)
    return mapped;
  module->setAttr(mlir::gpu::GPUDialect::getContainerModuleAttrName(),
                  UnitAttr::get(module.getContext()));
  return runPipeline(module,
                     "canonicalize,gpu-launch-sink-index-computations,gpu-kernel-outlining,"
                     "canonicalize,cse",
                     (what + ", kernel outlining").str());
}

} // namespace sinkc::gpu
