//===- GemvSchedule.cpp - the matrix-vector dispatch as one schedule ------===//
//
// The schedule is an MLIR template with the shape filled in (@NAME@,
// @ROWS@, ...): the phases read as they run. The lowering steps are pass
// pipelines and, for the GPU mapping, a transform script.
//
//===----------------------------------------------------------------------===//

#include "GemvSchedule.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/TransformOps/GPUTransformOps.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/TransformOps/DialectExtension.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/TransformOps/MemRefTransformOps.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/Transforms/Passes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include <mutex>

using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

// One lane's partial sum of one row: in the f32 layout a row of the view,
// in q8_0 blocks of 34 bytes (f16 d, 32 int8) with each value (q * d) * x.
const char *kF32Lane = R"mlir(
        %wf = memref.view %w[%c0][] : memref<@BYTES@xi8> to memref<@ROWS@x@COLS@xf32>
        %s = scf.for %k = %lane to %cCols step %cLanes iter_args(%acc = %zero) -> f32 {
          %wv = memref.load %wf[%row, %k] : memref<@ROWS@x@COLS@xf32>
          %xv = memref.load %x[%k] : memref<@COLS@xf32>
          %p = arith.mulf %wv, %xv : f32
          %n = arith.addf %acc, %p : f32
          scf.yield %n : f32
        })mlir";

const char *kQ8Lane = R"mlir(
        %s = scf.for %b = %lane to %cBlocks step %cLanes iter_args(%acc = %zero) -> f32 {
          %rowBlocks = arith.muli %row, %cBlocks : index
          %blk = arith.addi %rowBlocks, %b : index
          %base = arith.muli %blk, %c34 : index
          %base1 = arith.addi %base, %c1 : index
          %lo = memref.load %w[%base] : memref<@BYTES@xi8>
          %hi = memref.load %w[%base1] : memref<@BYTES@xi8>
          %lo16 = arith.extui %lo : i8 to i16
          %hi16 = arith.extui %hi : i8 to i16
          %shifted = arith.shli %hi16, %c8i16 : i16
          %bits = arith.ori %shifted, %lo16 : i16
          %dh = arith.bitcast %bits : i16 to f16
          %d = arith.extf %dh : f16 to f32
          %codes = arith.addi %base, %c2 : index
          %k0 = arith.muli %b, %c32 : index
          %bs = scf.for %j = %c0 to %c32 step %c1 iter_args(%a = %acc) -> f32 {
            %at = arith.addi %codes, %j : index
            %q = memref.load %w[%at] : memref<@BYTES@xi8>
            %qf = arith.sitofp %q : i8 to f32
            %wv = arith.mulf %qf, %d : f32
            %k = arith.addi %k0, %j : index
            %xv = memref.load %x[%k] : memref<@COLS@xf32>
            %p = arith.mulf %wv, %xv : f32
            %n = arith.addf %a, %p : f32
            scf.yield %n : f32
          }
          scf.yield %bs : f32
        })mlir";

const char *kSchedule = R"mlir(
module {
  func.func @@NAME@(%w: memref<@BYTES@xi8>, %x: memref<@COLS@xf32>, %y: memref<@ROWS@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %c34 = arith.constant 34 : index
    %c8i16 = arith.constant 8 : i16
    %cLanes = arith.constant @LANES@ : index
    %cCols = arith.constant @COLS@ : index
    %cBlocks = arith.constant @BLOCKS@ : index
    %cTile = arith.constant @TILE@ : index
    %zero = arith.constant 0.0 : f32
    @CPU_BUFFER@
    scf.forall (%tile) in (@TILES@) {
      @GPU_BUFFER@
      scf.forall (%r, %lane) in (@TILE@, @LANES@) {
        %first = arith.muli %tile, %cTile : index
        %row = arith.addi %first, %r : index
        @LANE@
        memref.store %s, %partial[%r, %lane] : memref<@TILE@x@LANES@xf32@SPACE@>
      } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
      scf.forall (%r) in (@TILE@) {
        %sum = scf.for %l = %c0 to %cLanes step %c1 iter_args(%acc = %zero) -> f32 {
          %v = memref.load %partial[%r, %l] : memref<@TILE@x@LANES@xf32@SPACE@>
          %n = arith.addf %acc, %v : f32
          scf.yield %n : f32
        }
        %first = arith.muli %tile, %cTile : index
        %row = arith.addi %first, %r : index
        memref.store %sum, %y[%row] : memref<@ROWS@xf32>
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }
}
)mlir";

const char *kGpuMapping = R"mlir(
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %launch = transform.gpu.map_forall_to_blocks %f generate_gpu_launch : (!transform.any_op) -> !transform.any_op
    transform.gpu.map_nested_forall_to_threads %launch block_dims = [@LANES@, @TILE@, 1] sync_after_distribute = true : (!transform.any_op) -> !transform.any_op
    %buffers = transform.structured.match ops{["memref.alloca"]} in %root : (!transform.any_op) -> !transform.op<"memref.alloca">
    %get, %global = transform.memref.alloca_to_global %buffers : (!transform.op<"memref.alloca">) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
)mlir";

std::string fill(std::string text, llvm::ArrayRef<std::pair<StringRef, std::string>> values) {
  for (const auto &[key, value] : values) {
    std::string marker = ("@" + key + "@").str();
    for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at))
      text.replace(at, marker.size(), value), at += value.size();
  }
  return text;
}

/// Runs `pipeline` on `module`, diagnostics into the error.
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
    return fail(what + ": bad pipeline: " + parseErrors);
  if (failed(pm.run(module)))
    return fail(what + " failed:\n" + diagnostics);
  return llvm::Error::success();
}

} // namespace

int64_t gemvWeightBytes(const GemvShape &shape) {
  if (shape.format == GemvFormat::F32)
    return shape.rows * shape.cols * 4;
  return shape.rows * (shape.cols / 32) * 34;
}

llvm::Expected<OwningOpRef<ModuleOp>> buildGemvSchedule(MLIRContext *context, StringRef name,
                                                        const GemvShape &shape, bool gpu) {
  if (shape.rows <= 0 || shape.rows % kGemvRowsPerBlock)
    return fail("GEMV schedule: rows " + llvm::Twine(shape.rows) + " is not a positive multiple of " +
                llvm::Twine(kGemvRowsPerBlock));
  if (shape.cols <= 0 || (shape.format == GemvFormat::Q8_0 && shape.cols % 32))
    return fail("GEMV schedule: cols " + llvm::Twine(shape.cols) +
                (shape.format == GemvFormat::Q8_0 ? " is not a positive multiple of 32 (q8_0)"
                                                  : " is not positive"));
  std::string space = gpu ? ", #gpu.address_space<workgroup>" : "";
  std::string bufferType = "memref<@TILE@x@LANES@xf32@SPACE@>";
  std::string buffer = "%partial = memref.alloca() : " + bufferType;
  std::string text = fill(kSchedule, {{"LANE", shape.format == GemvFormat::F32 ? kF32Lane : kQ8Lane},
                                      {"CPU_BUFFER", gpu ? "" : buffer},
                                      {"GPU_BUFFER", gpu ? buffer : ""}});
  text = fill(text, {{"NAME", name.str()},
                     {"BYTES", std::to_string(gemvWeightBytes(shape))},
                     {"ROWS", std::to_string(shape.rows)},
                     {"COLS", std::to_string(shape.cols)},
                     {"BLOCKS", std::to_string(shape.cols / 32)},
                     {"TILES", std::to_string(shape.rows / kGemvRowsPerBlock)},
                     {"TILE", std::to_string(kGemvRowsPerBlock)},
                     {"LANES", std::to_string(kGemvLanes)},
                     {"SPACE", space}});
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, context);
  if (!module)
    return fail("GEMV schedule: the template does not parse (a bug in sinkc)");
  return module;
}

llvm::Error lowerScheduleForCpu(ModuleOp module) {
  return runPipeline(module,
                     "scf-forall-to-for,expand-strided-metadata,lower-affine,canonicalize,cse,"
                     "convert-scf-to-cf,finalize-memref-to-llvm,"
                     "convert-func-to-llvm{use-bare-ptr-memref-call-conv=1},convert-arith-to-llvm,"
                     "convert-cf-to-llvm,convert-index-to-llvm,reconcile-unrealized-casts",
                     "GEMV schedule, CPU lowering");
}

llvm::Error lowerScheduleForGpu(ModuleOp module) {
  OwningOpRef<ModuleOp> script = parseSourceString<ModuleOp>(
      fill(kGpuMapping, {{"LANES", std::to_string(kGemvLanes)},
                         {"TILE", std::to_string(kGemvRowsPerBlock)}}),
      module.getContext());
  if (!script)
    return fail("GEMV schedule: the GPU mapping script does not parse (a bug in sinkc)");
  // The interpreter finds @__transform_main in the payload module; the
  // script is removed once it ran.
  ModuleOp scriptOp = script.release();
  module.getBody()->push_back(scriptOp);
  llvm::Error mapped = runPipeline(module, "transform-interpreter", "GEMV schedule, GPU mapping");
  scriptOp.erase();
  if (mapped)
    return mapped;
  module->setAttr(mlir::gpu::GPUDialect::getContainerModuleAttrName(),
                  UnitAttr::get(module.getContext()));
  return runPipeline(module,
                     "canonicalize,gpu-launch-sink-index-computations,gpu-kernel-outlining,"
                     "canonicalize,cse",
                     "GEMV schedule, kernel outlining");
}

void registerGemvSchedule(DialectRegistry &registry) {
  registry.insert<transform::TransformDialect, scf::SCFDialect, memref::MemRefDialect,
                  func::FuncDialect, arith::ArithDialect, mlir::gpu::GPUDialect>();
  mlir::gpu::registerTransformDialectExtension(registry);
  memref::registerTransformDialectExtension(registry);
  linalg::registerTransformDialectExtension(registry);
}

} // namespace sinkc::gpu
