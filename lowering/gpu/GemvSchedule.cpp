//===- GemvSchedule.cpp - the matrix-vector dispatch as one schedule ------===//
//
// The schedule is an MLIR template with the shape filled in (@NAME@,
// @ROWS@, ...): the phases read as they run. The lowerings are
// ScheduleLowering's.
//
//===----------------------------------------------------------------------===//

#include "GemvSchedule.h"
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

using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

// One lane's partial sum of one row: in the f32 layout a row of the view,
// in q8_0 blocks of 34 bytes (f16 d, 32 int8) with each value (q * d) * x.
const char *kF32Lane = R"mlir(
        %wf = memref.view %w[%c0][] : memref<@BYTES@xi8> to memref<@ROWS@x@COLS@xf32>
        %s = scf.for %k = %lane to %cCols step %cLanes iter_args(%acc = %zero) -> f32 {
          %wv = memref.load %wf[%row, %k] : memref<@ROWS@x@COLS@xf32>
          %xv = memref.load %x[%tok, %k] : memref<@T@x@COLS@xf32>
          %p = arith.mulf %wv, %xv : f32
          %n = arith.addf %acc, %p : f32
          scf.yield %n : f32
        })mlir";

// Blocked formats: blocks of 32 values, @BLOCK_BYTES@ bytes each, an f16 d
// at byte 0 (q4_1: and an f16 m at byte 2); @VALUE@ makes %wv of value %j.
const char *kBlockLane = R"mlir(
        %s = scf.for %b = %lane to %cBlocks step %cLanes iter_args(%acc = %zero) -> f32 {
          %rowBlocks = arith.muli %row, %cBlocks : index
          %blk = arith.addi %rowBlocks, %b : index
          %base = arith.muli %blk, %cBlockBytes : index
          %d = func.call @half_at(%w, %base) : (memref<@BYTES@xi8>, index) -> f32
          @HEADER@
          %k0 = arith.muli %b, %c32 : index
          %bs = scf.for %j = %c0 to %c32 step %c1 iter_args(%a = %acc) -> f32 {
            @VALUE@
            %k = arith.addi %k0, %j : index
            %xv = memref.load %x[%tok, %k] : memref<@T@x@COLS@xf32>
            %p = arith.mulf %wv, %xv : f32
            %n = arith.addf %a, %p : f32
            scf.yield %n : f32
          }
          scf.yield %bs : f32
        })mlir";

// q8_0: 34-byte blocks, int8 codes from byte 2: (q * d).
const char *kQ8Value = R"mlir(
            %codes = arith.addi %base, %c2 : index
            %at = arith.addi %codes, %j : index
            %q8 = memref.load %w[%at] : memref<@BYTES@xi8>
            %qf = arith.sitofp %q8 : i8 to f32
            %wv = arith.mulf %qf, %d : f32)mlir";

// q4_0 / q4_1: nibbles from byte @CODES@; value j < 16 is the low nibble of
// byte j, value j >= 16 the high nibble of byte j - 16. q4_0: (q - 8) * d;
// q4_1: q * d + m.
const char *kQ4Value = R"mlir(
            %codes = arith.addi %base, %cCodes : index
            %high = arith.cmpi uge, %j, %c16 : index
            %jm = arith.remui %j, %c16 : index
            %at = arith.addi %codes, %jm : index
            %byte = memref.load %w[%at] : memref<@BYTES@xi8>
            %byte32 = arith.extui %byte : i8 to i32
            %shift = arith.select %high, %c4i32, %c0i32 : i32
            %shifted = arith.shrui %byte32, %shift : i32
            %nibble = arith.andi %shifted, %c15i32 : i32
            @NIBBLE@)mlir";

const char *kQ4_0Nibble = R"mlir(%centered = arith.subi %nibble, %c8i32 : i32
            %qf = arith.sitofp %centered : i32 to f32
            %wv = arith.mulf %qf, %d : f32)mlir";

const char *kQ4_1Nibble = R"mlir(%qf = arith.uitofp %nibble : i32 to f32
            %scaled = arith.mulf %qf, %d : f32
            %wv = arith.addf %scaled, %m : f32)mlir";

const char *kQ4_1Header = R"mlir(%mAt = arith.addi %base, %c2 : index
          %m = func.call @half_at(%w, %mAt) : (memref<@BYTES@xi8>, index) -> f32)mlir";

const char *kSchedule = R"mlir(
module {
  func.func @@NAME@(%w: memref<@BYTES@xi8>, %x: memref<@T@x@COLS@xf32>, %tokens: index,
                    %y: memref<@T@x@ROWS@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c32 = arith.constant 32 : index
    %c16 = arith.constant 16 : index
    %cBlockBytes = arith.constant @BLOCK_BYTES@ : index
    %cCodes = arith.constant @CODES@ : index
    %c0i32 = arith.constant 0 : i32
    %c4i32 = arith.constant 4 : i32
    %c8i32 = arith.constant 8 : i32
    %c15i32 = arith.constant 15 : i32
    %cLanes = arith.constant @LANES@ : index
    %cCols = arith.constant @COLS@ : index
    %cBlocks = arith.constant @BLOCKS@ : index
    %cTile = arith.constant @TILE@ : index
    %zero = arith.constant 0.0 : f32
    @CPU_BUFFER@
    scf.forall (%tok, %tile) in (@T@, @TILES@) {
      %live = arith.cmpi ult, %tok, %tokens : index
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

int64_t gemvBlockBytes(GemvFormat format) {
  switch (format) {
  case GemvFormat::F32: return 128;
  case GemvFormat::Q8_0: return 34;
  case GemvFormat::Q4_0: return 18;
  case GemvFormat::Q4_1: return 20;
  }
  return 0;
}

std::optional<GemvFormat> gemvFormatOf(RankedTensorType weight) {
  if (!weight.getEncoding())
    return weight.getElementType().isF32() ? std::optional(GemvFormat::F32) : std::nullopt;
  auto quant = dyn_cast<sinkc::tfm::GgufQuantAttr>(weight.getEncoding());
  if (!quant)
    return std::nullopt;
  switch (quant.getFormat()) {
  case sinkc::tfm::GgufFormat::Q8_0: return GemvFormat::Q8_0;
  case sinkc::tfm::GgufFormat::Q4_0: return GemvFormat::Q4_0;
  case sinkc::tfm::GgufFormat::Q4_1: return GemvFormat::Q4_1;
  default: return std::nullopt;
  }
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
  case GemvFormat::Q8_0: return "q8_0";
  case GemvFormat::Q4_0: return "q4_0";
  case GemvFormat::Q4_1: return "q4_1";
  }
  return "?";
}

int64_t gemvWeightBytes(const GemvShape &shape) {
  if (shape.format == GemvFormat::F32)
    return shape.rows * shape.cols * 4;
  return shape.rows * (shape.cols / 32) * gemvBlockBytes(shape.format);
}

llvm::Expected<OwningOpRef<ModuleOp>> buildGemvSchedule(MLIRContext *context, StringRef name,
                                                        const GemvShape &shape, bool gpu) {
  const bool blocked = shape.format != GemvFormat::F32;
  if (shape.maxTokens <= 0)
    return scheduleError("GEMV schedule: max tokens " + llvm::Twine(shape.maxTokens) + " is not positive");
  if (shape.rows <= 0 || shape.rows % kGemvRowsPerBlock)
    return scheduleError("GEMV schedule: rows " + llvm::Twine(shape.rows) + " is not a positive multiple of " +
                llvm::Twine(kGemvRowsPerBlock));
  if (shape.cols <= 0 || (blocked && shape.cols % 32))
    return scheduleError("GEMV schedule: cols " + llvm::Twine(shape.cols) +
                (blocked ? " is not a positive multiple of 32 (" + gemvFormatName(shape.format) + ")"
                         : llvm::Twine(" is not positive")));
  std::string space = gpu ? ", #gpu.address_space<workgroup>" : "";
  std::string bufferType = "memref<@TILE@x@LANES@xf32@SPACE@>";
  std::string buffer = "%partial = memref.alloca() : " + bufferType;
  std::string value = shape.format == GemvFormat::Q8_0 ? kQ8Value : kQ4Value;
  std::string text = fillTemplate(kSchedule, {{"LANE", blocked ? kBlockLane : kF32Lane},
                                      {"CPU_BUFFER", gpu ? "" : buffer},
                                      {"GPU_BUFFER", gpu ? buffer : ""},
                                      {"HALF_AT", blocked ? kHalfAtTemplate : ""}});
  text = fillTemplate(text, {{"VALUE", value}});
  text = fillTemplate(text, {{"NIBBLE", shape.format == GemvFormat::Q4_0 ? kQ4_0Nibble : kQ4_1Nibble},
                     {"HEADER", shape.format == GemvFormat::Q4_1 ? kQ4_1Header : ""}});
  text = fillTemplate(text, {{"NAME", name.str()},
                     {"BYTES", std::to_string(gemvWeightBytes(shape))},
                     {"ROWS", std::to_string(shape.rows)},
                     {"T", std::to_string(shape.maxTokens)},
                     {"COLS", std::to_string(shape.cols)},
                     {"BLOCKS", std::to_string(shape.cols / 32)},
                     {"BLOCK_BYTES", std::to_string(gemvBlockBytes(shape.format))},
                     {"CODES", shape.format == GemvFormat::Q4_1 ? "4" : "2"},
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
