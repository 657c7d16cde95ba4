//===- GemvSchedule.cpp - the matrix-vector dispatch as one schedule ------===//
//
// The schedule is an MLIR template with the shape filled in (@NAME@,
// @ROWS@, ...): the phases read as they run. The dequantization is
// DequantTemplates' (the embedding reads the same); the lowerings are
// ScheduleLowering's.
//
//===----------------------------------------------------------------------===//

#include "GemvSchedule.h"
#include "DequantTemplates.h"
#include "ScheduleLowering.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/TransformOps/GPUTransformOps.h"
#include "mlir/Dialect/Linalg/TransformOps/DialectExtension.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/TransformOps/MemRefTransformOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"

#include <iterator>

using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

// One lane's partial sum of one row. Plain formats: values lane, lane +
// @LANES@, ... (adjacent lanes read adjacent values); @ROW_VALUE@ makes %wv
// of value %k of row %row.
const char *kPlainLane = R"mlir(
        %s = scf.for %k = %lane to %liveCols step %cLanes iter_args(%acc = %zero) -> f32 {
          @ROW_VALUE@
          %xv = memref.load %x[%tok, %k] : memref<@T@x@COLS@xf32>
          %p = arith.mulf %wv, %xv : f32
          %n = arith.addf %acc, %p : f32
          scf.yield %n : f32
        })mlir";

// Blocked formats: groups of 32 values lane, lane + @LANES@, ... (a legacy
// block, or an eighth of a K-quant super-block); @HEADER@ reads group %g's
// scales, @VALUE@ makes %wv of its value %j.
const char *kGroupLane = R"mlir(
        %s = scf.for %g = %lane to %liveGroups step %cLanes iter_args(%acc = %zero) -> f32 {
          @HEADER@
          %k0 = arith.muli %g, %c32 : index
          %gs = scf.for %j = %c0 to %c32 step %c1 iter_args(%a = %acc) -> f32 {
            @VALUE@
            %k = arith.addi %k0, %j : index
            %xv = memref.load %x[%tok, %k] : memref<@T@x@COLS@xf32>
            %p = arith.mulf %wv, %xv : f32
            %n = arith.addf %a, %p : f32
            scf.yield %n : f32
          }
          scf.yield %gs : f32
        })mlir";

const char *kSchedule = R"mlir(
module {
  func.func @@NAME@(%w: memref<@BYTES@xi8>, %x: memref<@T@x@COLS@xf32>, %tokens: index,
                    %y: memref<@T@x@ROWS@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c32 = arith.constant 32 : index
    %cLanes = arith.constant @LANES@ : index
    %cCols = arith.constant @COLS@ : index
    %cGroups = arith.constant @GROUPS@ : index
    %cTile = arith.constant @TILE@ : index
    %zero = arith.constant 0.0 : f32
    @CPU_BUFFER@
    scf.forall (%tok, %tile) in (@T@, @TILES@) {
      // Tokens past `tokens` read nothing (their rows may lie past the
      // buffers) and write nothing.
      %live = arith.cmpi ult, %tok, %tokens : index
      %liveCols = arith.select %live, %cCols, %c0 : index
      %liveGroups = arith.select %live, %cGroups, %c0 : index
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
        scf.if %live {
          memref.store %sum, %y[%tok, %row] : memref<@T@x@ROWS@xf32>
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<y>, #gpu.block<x>]}
    return
  }
  @HALF_AT@
}
)mlir";

} // namespace

int64_t gemvBlockValues(GemvFormat format) {
  switch (format) {
  case GemvFormat::F32:
  case GemvFormat::F16:
  case GemvFormat::BF16: return 1;
  case GemvFormat::Q4_K:
  case GemvFormat::Q6_K: return 256;
  default: return 32;
  }
}

int64_t gemvBlockBytes(GemvFormat format) {
  switch (format) {
  case GemvFormat::F32: return 4;
  case GemvFormat::F16: return 2;
  case GemvFormat::BF16: return 2;
  case GemvFormat::Q8_0: return 34;
  case GemvFormat::Q4_0: return 18;
  case GemvFormat::Q4_1: return 20;
  case GemvFormat::Q5_0: return 22;
  case GemvFormat::Q5_1: return 24;
  case GemvFormat::Q4_K: return 144;
  case GemvFormat::Q6_K: return 210;
  }
  return 0;
}

int64_t weightBytes(GemvFormat format, int64_t rows, int64_t cols) {
  return rows * (cols / gemvBlockValues(format)) * gemvBlockBytes(format);
}

std::optional<GemvFormat> gemvFormatOf(RankedTensorType weight) {
  if (!weight.getEncoding()) {
    Type element = weight.getElementType();
    if (element.isF32())
      return GemvFormat::F32;
    if (element.isF16())
      return GemvFormat::F16;
    if (element.isBF16())
      return GemvFormat::BF16;
    return std::nullopt;
  }
  auto quant = dyn_cast<sinkc::tfm::GgufQuantAttr>(weight.getEncoding());
  if (!quant)
    return std::nullopt;
  switch (quant.getFormat()) {
  case sinkc::tfm::GgufFormat::Q8_0: return GemvFormat::Q8_0;
  case sinkc::tfm::GgufFormat::Q4_0: return GemvFormat::Q4_0;
  case sinkc::tfm::GgufFormat::Q4_1: return GemvFormat::Q4_1;
  case sinkc::tfm::GgufFormat::Q5_0: return GemvFormat::Q5_0;
  case sinkc::tfm::GgufFormat::Q5_1: return GemvFormat::Q5_1;
  case sinkc::tfm::GgufFormat::Q4_K: return GemvFormat::Q4_K;
  case sinkc::tfm::GgufFormat::Q6_K: return GemvFormat::Q6_K;
  }
  return std::nullopt;
}

std::string weightFormatName(RankedTensorType weight) {
  if (auto quant = dyn_cast_or_null<sinkc::tfm::GgufQuantAttr>(weight.getEncoding()))
    return sinkc::tfm::stringifyGgufFormat(quant.getFormat()).str();
  std::string text;
  llvm::raw_string_ostream os(text);
  if (weight.getEncoding())
    os << weight.getEncoding();
  else
    os << weight.getElementType();
  return text;
}

llvm::StringRef gemvFormatName(GemvFormat format) {
  switch (format) {
  case GemvFormat::F32: return "f32";
  case GemvFormat::F16: return "f16";
  case GemvFormat::BF16: return "bf16";
  case GemvFormat::Q8_0: return "q8_0";
  case GemvFormat::Q4_0: return "q4_0";
  case GemvFormat::Q4_1: return "q4_1";
  case GemvFormat::Q5_0: return "q5_0";
  case GemvFormat::Q5_1: return "q5_1";
  case GemvFormat::Q4_K: return "q4_k";
  case GemvFormat::Q6_K: return "q6_k";
  }
  return "?";
}

std::string gemvFormatList() {
  std::string text;
  const size_t n = std::size(kGemvFormats);
  for (size_t i = 0; i < n; ++i)
    text += (i == 0 ? "" : i + 1 == n ? " and " : ", ") + gemvFormatName(kGemvFormats[i]).str();
  return text;
}

int64_t gemvWeightBytes(const GemvShape &shape) {
  return weightBytes(shape.format, shape.rows, shape.cols);
}

llvm::Expected<OwningOpRef<ModuleOp>> buildGemvSchedule(MLIRContext *context, StringRef name,
                                                        const GemvShape &shape, bool gpu) {
  const int64_t blockValues = gemvBlockValues(shape.format);
  const bool blocked = blockValues > 1;
  if (shape.maxTokens <= 0)
    return scheduleError("GEMV schedule: max tokens " + llvm::Twine(shape.maxTokens) + " is not positive");
  if (shape.rows <= 0 || shape.rows % kGemvRowsPerBlock)
    return scheduleError("GEMV schedule: rows " + llvm::Twine(shape.rows) + " is not a positive multiple of " +
                llvm::Twine(kGemvRowsPerBlock));
  if (shape.cols <= 0 || shape.cols % blockValues)
    return scheduleError("GEMV schedule: cols " + llvm::Twine(shape.cols) +
                (blocked ? " is not a positive multiple of " + llvm::Twine(blockValues) + " (" +
                               gemvFormatName(shape.format) + ")"
                         : llvm::Twine(" is not positive")));
  std::string space = gpu ? ", #gpu.address_space<workgroup>" : "";
  std::string bufferType = "memref<@TILE@x@LANES@xf32@SPACE@>";
  std::string buffer = "%partial = memref.alloca() : " + bufferType;
  std::string lane;
  if (blocked)
    lane = fillTemplate(
        kGroupLane, {{"HEADER", dequantGroupHeader(shape.format, shape.cols, "%row", "%g")},
                     {"VALUE", dequantGroupValue(shape.format, "%j")}});
  else
    lane = fillTemplate(
        kPlainLane,
        {{"ROW_VALUE", dequantRowValue(shape.format, shape.rows, shape.cols, "%row", "%k")}});
  std::string text = fillTemplate(kSchedule, {{"LANE", lane},
                                              {"CPU_BUFFER", gpu ? "" : buffer},
                                              {"GPU_BUFFER", gpu ? buffer : ""},
                                              {"HALF_AT", blocked ? kHalfAtTemplate : ""}});
  text = fillTemplate(text, {{"NAME", name.str()},
                             {"BYTES", std::to_string(gemvWeightBytes(shape))},
                             {"ROWS", std::to_string(shape.rows)},
                             {"T", std::to_string(shape.maxTokens)},
                             {"COLS", std::to_string(shape.cols)},
                             {"GROUPS", std::to_string(shape.cols / kDequantGroupValues)},
                             {"TILES", std::to_string(shape.rows / kGemvRowsPerBlock)},
                             {"TILE", std::to_string(kGemvRowsPerBlock)},
                             {"LANES", std::to_string(kGemvLanes)},
                             {"SPACE", space}});
  return parseSchedule(context, text, "GEMV schedule");
}

llvm::Error lowerScheduleForCpu(ModuleOp module) {
  return lowerScheduleToCpu(module, "GEMV schedule");
}

llvm::Error lowerScheduleForGpu(ModuleOp module, StringRef name) {
  return mapScheduleToGpu(module, {{name.str(), {kGemvLanes, kGemvRowsPerBlock, 1}}},
                          "GEMV schedule");
}

void registerKernelSchedules(DialectRegistry &registry) {
  registry.insert<transform::TransformDialect, scf::SCFDialect, memref::MemRefDialect,
                  func::FuncDialect, arith::ArithDialect, math::MathDialect,
                  mlir::gpu::GPUDialect>();
  mlir::gpu::registerTransformDialectExtension(registry);
  memref::registerTransformDialectExtension(registry);
  linalg::registerTransformDialectExtension(registry);
}

} // namespace sinkc::gpu
