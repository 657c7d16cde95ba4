//===- RowSchedules.cpp - per-token dispatch schedules --------------------===//

#include "RowSchedules.h"
#include "DequantTemplates.h"
#include "ScheduleLowering.h"

#include "mlir/Parser/Parser.h"


using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

// Thread `lane` of a token's block takes values lane, lane + @LANES@, ...
const char *kSchedules = R"mlir(
module {
  func.func @@NAME@_rms_norm(%x: memref<@T@x@N@xf32>, %w: memref<@N@xf32>, %tokens: index,
                             %y: memref<@T@x@N@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %cN = arith.constant @N@ : index
    %cLanes = arith.constant @LANES@ : index
    %zero = arith.constant 0.0 : f32
    %one = arith.constant 1.0 : f32
    %n = arith.constant @NF@ : f32
    %eps = arith.constant @EPS@ : f32
    @CPU_BUFFER@
    scf.forall (%t) in (@T@) {
      @GPU_BUFFER@
      // Tokens past `tokens` read nothing (their rows may lie past the
      // buffers) and write nothing.
      %live = arith.cmpi ult, %t, %tokens : index
      %liveN = arith.select %live, %cN, %c0 : index
      scf.forall (%lane) in (@LANES@) {
        %s = scf.for %i = %lane to %liveN step %cLanes iter_args(%acc = %zero) -> f32 {
          %v = memref.load %x[%t, %i] : memref<@T@x@N@xf32>
          %sq = arith.mulf %v, %v : f32
          %a = arith.addf %acc, %sq : f32
          scf.yield %a : f32
        }
        memref.store %s, %sums[%lane] : memref<@LANES1@xf32@SPACE@>
      } {mapping = [#gpu.thread<x>]}
      scf.forall (%one_thread) in (1) {
        %total = scf.for %l = %c0 to %cLanes step %c1 iter_args(%acc = %zero) -> f32 {
          %v = memref.load %sums[%l] : memref<@LANES1@xf32@SPACE@>
          %a = arith.addf %acc, %v : f32
          scf.yield %a : f32
        }
        %mean = arith.divf %total, %n : f32
        %shifted = arith.addf %mean, %eps : f32
        %root = math.sqrt %shifted : f32
        %scale = arith.divf %one, %root : f32
        memref.store %scale, %sums[%cLanes] : memref<@LANES1@xf32@SPACE@>
      } {mapping = [#gpu.thread<x>]}
      scf.forall (%lane) in (@LANES@) {
        %scale = memref.load %sums[%cLanes] : memref<@LANES1@xf32@SPACE@>
        scf.if %live {
          scf.for %i = %lane to %cN step %cLanes {
            %v = memref.load %x[%t, %i] : memref<@T@x@N@xf32>
            %wv = memref.load %w[%i] : memref<@N@xf32>
            %scaled = arith.mulf %v, %scale : f32
            %out = arith.mulf %scaled, %wv : f32
            memref.store %out, %y[%t, %i] : memref<@T@x@N@xf32>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }

  func.func @@NAME@_swiglu(%g: memref<@T@x@N@xf32>, %u: memref<@T@x@N@xf32>, %tokens: index,
                           %y: memref<@T@x@N@xf32>) {
    %cN = arith.constant @N@ : index
    %cLanes = arith.constant @LANES@ : index
    %one = arith.constant 1.0 : f32
    scf.forall (%t) in (@T@) {
      %live = arith.cmpi ult, %t, %tokens : index
      scf.forall (%lane) in (@LANES@) {
        scf.if %live {
          scf.for %i = %lane to %cN step %cLanes {
            %gv = memref.load %g[%t, %i] : memref<@T@x@N@xf32>
            %uv = memref.load %u[%t, %i] : memref<@T@x@N@xf32>
            %neg = arith.negf %gv : f32
            %e = math.exp %neg : f32
            %den = arith.addf %one, %e : f32
            %silu = arith.divf %gv, %den : f32
            %out = arith.mulf %silu, %uv : f32
            memref.store %out, %y[%t, %i] : memref<@T@x@N@xf32>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }

  func.func @@NAME@_add(%a: memref<@T@x@N@xf32>, %b: memref<@T@x@N@xf32>, %tokens: index,
                        %y: memref<@T@x@N@xf32>) {
    %cN = arith.constant @N@ : index
    %cLanes = arith.constant @LANES@ : index
    scf.forall (%t) in (@T@) {
      %live = arith.cmpi ult, %t, %tokens : index
      scf.forall (%lane) in (@LANES@) {
        scf.if %live {
          scf.for %i = %lane to %cN step %cLanes {
            %av = memref.load %a[%t, %i] : memref<@T@x@N@xf32>
            %bv = memref.load %b[%t, %i] : memref<@T@x@N@xf32>
            %s = arith.addf %av, %bv : f32
            memref.store %s, %y[%t, %i] : memref<@T@x@N@xf32>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }

  // y = x + b (a linear's bias): in place is safe, each element is read and
  // written by one thread.
  func.func @@NAME@_add_bias(%x: memref<@T@x@N@xf32>, %bias: memref<@N@xf32>, %tokens: index,
                             %y: memref<@T@x@N@xf32>) {
    %cN = arith.constant @N@ : index
    %cLanes = arith.constant @LANES@ : index
    scf.forall (%t) in (@T@) {
      %live = arith.cmpi ult, %t, %tokens : index
      scf.forall (%lane) in (@LANES@) {
        scf.if %live {
          scf.for %i = %lane to %cN step %cLanes {
            %xv = memref.load %x[%t, %i] : memref<@T@x@N@xf32>
            %bv = memref.load %bias[%i] : memref<@N@xf32>
            %s = arith.addf %xv, %bv : f32
            memref.store %s, %y[%t, %i] : memref<@T@x@N@xf32>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }

  func.func @@NAME@_rope(%x: memref<@T@x@ROPE_HEADS@x@HD@xf32>,@FACTORS_ARG@ %pos: index,
                         %tokens: index, %y: memref<@T@x@ROPE_HEADS@x@HD@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %cPairs = arith.constant @PAIRS@ : index
    %cLanes = arith.constant @LANES@ : index
    %cHalf = arith.constant @HALF@ : index
    %theta = arith.constant @THETA@ : f32
    %minusTwoOverD = arith.constant @M2D@ : f32
    %positionScale = arith.constant @POS_SCALE@ : f32
    %zeroF = arith.constant 0.0 : f32
    scf.forall (%t) in (@T@) {
      %live = arith.cmpi ult, %t, %tokens : index
      scf.forall (%lane) in (@LANES@) {
        scf.if %live {
          %p = arith.addi %pos, %t : index
          %p64 = arith.index_castui %p : index to i64
          %pf0 = arith.uitofp %p64 : i64 to f32
          // Linear scaling divides the position (its factor's inverse).
          %pf = arith.mulf %pf0, %positionScale : f32
          scf.for %k = %lane to %cPairs step %cLanes {
            %h = arith.divui %k, %cHalf : index
            %i = arith.remui %k, %cHalf : index
            %i64 = arith.index_castui %i : index to i64
            %if = arith.uitofp %i64 : i64 to f32
            %exponent = arith.mulf %if, %minusTwoOverD : f32
            %freq0 = math.powf %theta, %exponent : f32
            @FREQ@
            %angle = arith.mulf %pf, %freq : f32
            %cos = math.cos %angle : f32
            %sin = math.sin %angle : f32
            @ROPE_PAIR@
            %x0 = memref.load %x[%t, %h, %a] : memref<@T@x@ROPE_HEADS@x@HD@xf32>
            %x1 = memref.load %x[%t, %h, %b] : memref<@T@x@ROPE_HEADS@x@HD@xf32>
            %c0x = arith.mulf %x0, %cos : f32
            %s1x = arith.mulf %x1, %sin : f32
            %r0 = arith.subf %c0x, %s1x : f32
            %s0x = arith.mulf %x0, %sin : f32
            %c1x = arith.mulf %x1, %cos : f32
            %r1 = arith.addf %s0x, %c1x : f32
            memref.store %r0, %y[%t, %h, %a] : memref<@T@x@ROPE_HEADS@x@HD@xf32>
            memref.store %r1, %y[%t, %h, %b] : memref<@T@x@ROPE_HEADS@x@HD@xf32>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }

  func.func @@NAME@_embedding(%w: memref<@TABLE_BYTES@xi8>, %ids: memref<@T@xi32>,
                              %tokens: index, %y: memref<@T@x@N@xf32>) {
    %cN = arith.constant @N@ : index
    %cLanes = arith.constant @LANES@ : index
    scf.forall (%t) in (@T@) {
      %live = arith.cmpi ult, %t, %tokens : index
      scf.forall (%lane) in (@LANES@) {
        scf.if %live {
          %id32 = memref.load %ids[%t] : memref<@T@xi32>
          %id = arith.index_castui %id32 : i32 to index
          scf.for %i = %lane to %cN step %cLanes {
            @EMBEDDING_VALUE@
            memref.store %wv, %y[%t, %i] : memref<@T@x@N@xf32>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }
  @HALF_AT@
}
)mlir";

} // namespace

llvm::Expected<OwningOpRef<ModuleOp>> buildRowSchedules(MLIRContext *context, StringRef name,
                                                        const RowShape &shape, bool gpu) {
  if (shape.ropeHeads <= 0 || shape.headDim <= 0 || shape.headDim % 2)
    return scheduleError("row schedules: rope heads " + llvm::Twine(shape.ropeHeads) + ", head_dim " +
                llvm::Twine(shape.headDim) + " (need positive sizes, an even head_dim)");
  const int64_t blockValues = gemvBlockValues(shape.embeddingFormat);
  if (shape.maxTokens <= 0 || shape.cols <= 0 || shape.cols % blockValues || shape.vocab <= 0)
    return scheduleError("row schedules: tokens " + llvm::Twine(shape.maxTokens) + ", cols " +
                llvm::Twine(shape.cols) + ", vocab " + llvm::Twine(shape.vocab) +
                " (need positive sizes, cols a multiple of " + llvm::Twine(blockValues) + " (" +
                gemvFormatName(shape.embeddingFormat) + " embedding))");
  std::string space = gpu ? ", #gpu.address_space<workgroup>" : "";
  // kRowLanes partial sums, then the scale.
  std::string buffer = "%sums = memref.alloca() : memref<@LANES1@xf32@SPACE@>";
  std::string text = fillTemplate(kSchedules, {{"CPU_BUFFER", gpu ? "" : buffer},
                                               {"GPU_BUFFER", gpu ? buffer : ""},
                                               {"HALF_AT", kHalfAtTemplate}});
  text = fillTemplate(text, {{"EMBEDDING_VALUE",
                              dequantRowValue(shape.embeddingFormat, shape.vocab, shape.cols,
                                              "%id", "%i")}});
  text = fillTemplate(text, {{"BYTES", "@TABLE_BYTES@"}});
  // Pair i of a head: (2i, 2i + 1) in the normal style, (i, i + D/2) in neox.
  // Frequency factors (llama3 scaling, computed by the importer) divide
  // pair i's frequency.
  text = fillTemplate(
      text, {{"FACTORS_ARG", shape.ropeFactors ? " %factors: memref<@HALF@xf32>," : ""},
             {"FREQ", shape.ropeFactors
                          ? "%factor = memref.load %factors[%i] : memref<@HALF@xf32>\n"
                            "            %freq = arith.divf %freq0, %factor : f32"
                          : "%freq = arith.addf %freq0, %zeroF : f32"}});
  text = fillTemplate(
      text, {{"ROPE_PAIR", shape.neox ? "%a = arith.addi %i, %c0 : index\n"
                                        "            %b = arith.addi %i, %cHalf : index"
                                      : "%a = arith.addi %i, %i : index\n"
                                        "            %b = arith.addi %a, %c1 : index"}});
  text = fillTemplate(text, {{"NAME", name.str()},
                             {"ROPE_HEADS", std::to_string(shape.ropeHeads)},
                             {"HD", std::to_string(shape.headDim)},
                             {"HALF", std::to_string(shape.headDim / 2)},
                             {"PAIRS", std::to_string(shape.ropeHeads * shape.headDim / 2)},
                             {"THETA", floatLiteral(shape.theta)},
                             {"POS_SCALE", floatLiteral(shape.ropePositionScale)},
                             {"M2D", floatLiteral(-2.0f / float(shape.headDim))},
                             {"T", std::to_string(shape.maxTokens)},
                             {"N", std::to_string(shape.cols)},
                             {"NF", floatLiteral(float(shape.cols))},
                             {"EPS", floatLiteral(shape.eps)},
                             {"TABLE_BYTES", std::to_string(weightBytes(
                                                 shape.embeddingFormat, shape.vocab, shape.cols))},
                             {"LANES1", std::to_string(kRowLanes + 1)},
                             {"LANES", std::to_string(kRowLanes)},
                             {"SPACE", space}});
  return parseSchedule(context, text, "row schedules");
}

llvm::Error lowerRowSchedulesForCpu(ModuleOp module) {
  return lowerScheduleToCpu(module, "row schedules");
}

llvm::Error lowerRowSchedulesForGpu(ModuleOp module, StringRef name) {
  std::vector<KernelMapping> kernels;
  for (StringRef kind : {"rms_norm", "swiglu", "add", "add_bias", "rope", "embedding"})
    kernels.push_back({(name + "_" + kind).str(), {kRowLanes, 1, 1}});
  return mapScheduleToGpu(module, kernels, "row schedules");
}

} // namespace sinkc::gpu
