//===- DecodeAttentionSchedule.cpp - flash-decoding as one schedule -------===//

#include "DecodeAttentionSchedule.h"
#include "ScheduleLowering.h"

#include "mlir/Parser/Parser.h"

#include <algorithm>

using namespace mlir;
using llvm::StringRef;

namespace sinkc::gpu {

namespace {

const char *kSchedule = R"mlir(
module {
  // Visible key i of query position qp: its position and whether it is
  // visible (@KEY_RULE@).
  func.func private @@NAME@_key(%i: index, %qp: index) -> (index, i1) {
    @KEY_BODY@
  }

  // Local kv-head i of this launch: the model's kv-head and its entry
  // within the layer's part of the buffer.
  func.func private @@NAME@_kv_head(%i: index) -> (index, index) {
    @KV_HEAD_BODY@
  }

  // The cache slot that holds position kp (docs/kv-abi.md).
  func.func private @@NAME@_slot(%kp: index) -> index {
    @SLOT_BODY@
  }

  func.func @@NAME@_split(%q: memref<@T@x@H@x@D@xf32>, %k: memref<@T@x@KVH@x@D@xf32>,
                          %v: memref<@T@x@KVH@x@D@xf32>, %cache: memref<@CACHE@xf16>,
                          %entry: index,@SLOTS_ARG@
                          %pos: index, %tokens: index, %pm: memref<@T@x@NH@x@SPLITS@xf32>,
                          %pl: memref<@T@x@NH@x@SPLITS@xf32>,
                          %po: memref<@T@x@NH@x@SPLITS@x@D@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %cD = arith.constant @D@ : index
    %cG = arith.constant @G@ : index
    %cKeys = arith.constant @KEYS@ : index
    %zero = arith.constant 0.0 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %scale = arith.constant @SCALE@ : f32
    @SLOTS_CONST@
    @CPU_BUFFER@
    scf.forall (%tok, %lkv, %split) in (@T@, @NKV@, @SPLITS@) {
      @GPU_BUFFER@
      // Token tok (if live) is at position qp; keys at positions >= pos are
      // this call's, read from its inputs (rounded as the cache will hold
      // them: the cache is appended after attention).
      %live = arith.cmpi ult, %tok, %tokens : index
      %qp = arith.addi %pos, %tok : index
      %k0 = arith.muli %split, %cKeys : index
      %kvh, %kvEntry = func.call @@NAME@_kv_head(%lkv) : (index) -> (index, index)
      %h0 = arith.muli %kvh, %cG : index
      %lh0 = arith.muli %lkv, %cG : index
      // Entry e of the group's buffer: keys at (2e) * slots * D, values at
      // (2e + 1) * slots * D (docs/kv-abi.md).
      %ent = arith.addi %entry, %kvEntry : index
      %ent2 = arith.addi %ent, %ent : index
      %keyRows = arith.muli %ent2, %slots : index
      %valueRows0 = arith.addi %ent2, %c1 : index
      %valueRows = arith.muli %valueRows0, %slots : index
      scf.forall (%g, %t) in (@G@, @KEYS@) {
        %h = arith.addi %h0, %g : index
        %i = arith.addi %k0, %t : index
        %kp, %ok = func.call @@NAME@_key(%i, %qp) : (index, index) -> (index, i1)
        %seen = arith.andi %live, %ok : i1
        %s = scf.if %seen -> f32 {
          %fromChunk = arith.cmpi uge, %kp, %pos : index
          %dot = scf.if %fromChunk -> f32 {
            %row = arith.subi %kp, %pos : index
            %sum = scf.for %d = %c0 to %cD step %c1 iter_args(%acc = %zero) -> f32 {
              %qv = memref.load %q[%tok, %h, %d] : memref<@T@x@H@x@D@xf32>
              %kf = memref.load %k[%row, %kvh, %d] : memref<@T@x@KVH@x@D@xf32>
              %kh = arith.truncf %kf : f32 to f16
              %kv = arith.extf %kh : f16 to f32
              %p = arith.mulf %qv, %kv : f32
              %n = arith.addf %acc, %p : f32
              scf.yield %n : f32
            }
            scf.yield %sum : f32
          } else {
            %slot = func.call @@NAME@_slot(%kp) : (index) -> index
            %krow = arith.addi %keyRows, %slot : index
            %kbase = arith.muli %krow, %cD : index
            %sum = scf.for %d = %c0 to %cD step %c1 iter_args(%acc = %zero) -> f32 {
              %qv = memref.load %q[%tok, %h, %d] : memref<@T@x@H@x@D@xf32>
              %kat = arith.addi %kbase, %d : index
              %kh = memref.load %cache[%kat] : memref<@CACHE@xf16>
              %kv = arith.extf %kh : f16 to f32
              %p = arith.mulf %qv, %kv : f32
              %n = arith.addf %acc, %p : f32
              scf.yield %n : f32
            }
            scf.yield %sum : f32
          }
          %scaled = arith.mulf %dot, %scale : f32
          scf.yield %scaled : f32
        } else {
          scf.yield %ninf : f32
        }
        memref.store %s, %scores[%g, %t] : memref<@G@x@KEYS@xf32@SPACE@>
      } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
      scf.forall (%g) in (@G@) {
        %m = scf.for %t = %c0 to %cKeys step %c1 iter_args(%mx = %ninf) -> f32 {
          %sv = memref.load %scores[%g, %t] : memref<@G@x@KEYS@xf32@SPACE@>
          %n = arith.maximumf %mx, %sv : f32
          scf.yield %n : f32
        }
        %l = scf.for %t = %c0 to %cKeys step %c1 iter_args(%acc = %zero) -> f32 {
          %sv = memref.load %scores[%g, %t] : memref<@G@x@KEYS@xf32@SPACE@>
          %masked = arith.cmpf oeq, %sv, %ninf : f32
          %shifted = arith.subf %sv, %m : f32
          %e0 = math.exp %shifted : f32
          %e = arith.select %masked, %zero, %e0 : f32
          memref.store %e, %scores[%g, %t] : memref<@G@x@KEYS@xf32@SPACE@>
          %n = arith.addf %acc, %e : f32
          scf.yield %n : f32
        }
        %lh = arith.addi %lh0, %g : index
        memref.store %m, %pm[%tok, %lh, %split] : memref<@T@x@NH@x@SPLITS@xf32>
        memref.store %l, %pl[%tok, %lh, %split] : memref<@T@x@NH@x@SPLITS@xf32>
      } {mapping = [#gpu.thread<x>]}
      scf.forall (%g, %d) in (@G@, @D@) {
        %o = scf.for %t = %c0 to %cKeys step %c1 iter_args(%acc = %zero) -> f32 {
          %i = arith.addi %k0, %t : index
          %kp, %ok = func.call @@NAME@_key(%i, %qp) : (index, index) -> (index, i1)
          %seen = arith.andi %live, %ok : i1
          %n = scf.if %seen -> f32 {
            %e = memref.load %scores[%g, %t] : memref<@G@x@KEYS@xf32@SPACE@>
            %fromChunk = arith.cmpi uge, %kp, %pos : index
            %vv = scf.if %fromChunk -> f32 {
              %row = arith.subi %kp, %pos : index
              %vf = memref.load %v[%row, %kvh, %d] : memref<@T@x@KVH@x@D@xf32>
              %vh = arith.truncf %vf : f32 to f16
              %vr = arith.extf %vh : f16 to f32
              scf.yield %vr : f32
            } else {
              %slot = func.call @@NAME@_slot(%kp) : (index) -> index
              %vrow = arith.addi %valueRows, %slot : index
              %vbase = arith.muli %vrow, %cD : index
              %vat = arith.addi %vbase, %d : index
              %vh = memref.load %cache[%vat] : memref<@CACHE@xf16>
              %vr = arith.extf %vh : f16 to f32
              scf.yield %vr : f32
            }
            %p = arith.mulf %e, %vv : f32
            %sum = arith.addf %acc, %p : f32
            scf.yield %sum : f32
          } else {
            scf.yield %acc : f32
          }
          scf.yield %n : f32
        }
        %lh = arith.addi %lh0, %g : index
        memref.store %o, %po[%tok, %lh, %split, %d] : memref<@T@x@NH@x@SPLITS@x@D@xf32>
      } {mapping = [#gpu.thread<y>, #gpu.thread<x>]}
    } {mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
    return
  }

  // After attention: each live token's key and value into the slot of its
  // position. Of tokens sharing a ring slot only the last writes (positions
  // are written in order).
  func.func @@NAME@_append(%k: memref<@T@x@KVH@x@D@xf32>, %v: memref<@T@x@KVH@x@D@xf32>,
                           %pos: index, %tokens: index, %cache: memref<@CACHE@xf16>,
                           %entry: index@SLOTS_ARG_LAST@) {
    %c1 = arith.constant 1 : index
    %cD = arith.constant @D@ : index
    %cValues = arith.constant @KV_VALUES@ : index
    %cLanes = arith.constant @LANES@ : index
    @SLOTS_CONST@
    scf.forall (%t) in (@T@) {
      %live = arith.cmpi ult, %t, %tokens : index
      %kp = arith.addi %pos, %t : index
      @LAST_WRITER@
      %go = arith.andi %live, %last : i1
      scf.forall (%lane) in (@LANES@) {
        scf.if %go {
          %slot = func.call @@NAME@_slot(%kp) : (index) -> index
          scf.for %e = %lane to %cValues step %cLanes {
            %lkv = arith.divui %e, %cD : index
            %d = arith.remui %e, %cD : index
            %h, %kvEntry = func.call @@NAME@_kv_head(%lkv) : (index) -> (index, index)
            %kf = memref.load %k[%t, %h, %d] : memref<@T@x@KVH@x@D@xf32>
            %vf = memref.load %v[%t, %h, %d] : memref<@T@x@KVH@x@D@xf32>
            %kh = arith.truncf %kf : f32 to f16
            %vh = arith.truncf %vf : f32 to f16
            %ent = arith.addi %entry, %kvEntry : index
            %ent2 = arith.addi %ent, %ent : index
            %krows = arith.muli %ent2, %slots : index
            %krow = arith.addi %krows, %slot : index
            %kbase = arith.muli %krow, %cD : index
            %kat = arith.addi %kbase, %d : index
            %vrows = arith.addi %krows, %slots : index
            %vrow = arith.addi %vrows, %slot : index
            %vbase = arith.muli %vrow, %cD : index
            %vat = arith.addi %vbase, %d : index
            memref.store %kh, %cache[%kat] : memref<@CACHE@xf16>
            memref.store %vh, %cache[%vat] : memref<@CACHE@xf16>
          }
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<x>]}
    return
  }

  func.func @@NAME@_combine(%pm: memref<@T@x@NH@x@SPLITS@xf32>, %pl: memref<@T@x@NH@x@SPLITS@xf32>,
                            %po: memref<@T@x@NH@x@SPLITS@x@D@xf32>,@SINKS_ARG@
                            %tokens: index, %out: memref<@T@x@H@x@D@xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %cSplits = arith.constant @SPLITS@ : index
    %zero = arith.constant 0.0 : f32
    %ninf = arith.constant 0xFF800000 : f32
    %cG = arith.constant @G@ : index
    scf.forall (%tok, %lh) in (@T@, @NH@) {
      // Local head lh: query head g of local kv-head lh / G.
      %lkv = arith.divui %lh, %cG : index
      %g = arith.remui %lh, %cG : index
      %kvh, %kvEntry = func.call @@NAME@_kv_head(%lkv) : (index) -> (index, index)
      %h0 = arith.muli %kvh, %cG : index
      %h = arith.addi %h0, %g : index
      %live = arith.cmpi ult, %tok, %tokens : index
      scf.forall (%d) in (@D@) {
       scf.if %live {
        // A learned sink logit (gpt-oss) joins the max and the denominator;
        // -inf is no sink.
        @SINK@
        %mx = scf.for %s = %c0 to %cSplits step %c1 iter_args(%acc = %sink) -> f32 {
          %m = memref.load %pm[%tok, %lh, %s] : memref<@T@x@NH@x@SPLITS@xf32>
          %n = arith.maximumf %acc, %m : f32
          scf.yield %n : f32
        }
        %noSink = arith.cmpf oeq, %sink, %ninf : f32
        %sinkShifted = arith.subf %sink, %mx : f32
        %sinkW0 = math.exp %sinkShifted : f32
        %sinkW = arith.select %noSink, %zero, %sinkW0 : f32
        %sums:2 = scf.for %s = %c0 to %cSplits step %c1 iter_args(%l = %sinkW, %o = %zero) -> (f32, f32) {
          %m = memref.load %pm[%tok, %lh, %s] : memref<@T@x@NH@x@SPLITS@xf32>
          %empty = arith.cmpf oeq, %m, %ninf : f32
          %shifted = arith.subf %m, %mx : f32
          %w0 = math.exp %shifted : f32
          %w = arith.select %empty, %zero, %w0 : f32
          %ls = memref.load %pl[%tok, %lh, %s] : memref<@T@x@NH@x@SPLITS@xf32>
          %os = memref.load %po[%tok, %lh, %s, %d] : memref<@T@x@NH@x@SPLITS@x@D@xf32>
          %lw = arith.mulf %ls, %w : f32
          %ow = arith.mulf %os, %w : f32
          %ln = arith.addf %l, %lw : f32
          %on = arith.addf %o, %ow : f32
          scf.yield %ln, %on : f32, f32
        }
        %result = arith.divf %sums#1, %sums#0 : f32
        memref.store %result, %out[%tok, %h, %d] : memref<@T@x@H@x@D@xf32>
       }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<y>, #gpu.block<x>]}
    return
  }
}
)mlir";

// Query heads whose kv-head is pruned attend to nothing: zeros.
const char *kZeroHeads = R"mlir(
module {
  func.func @@NAME@_zero(%tokens: index, %out: memref<@T@x@H@x@D@xf32>) {
    %zero = arith.constant 0.0 : f32
    %cG = arith.constant @G@ : index
    scf.forall (%tok, %lh) in (@T@, @NH@) {
      %lkv = arith.divui %lh, %cG : index
      %g = arith.remui %lh, %cG : index
      %kvh, %kvEntry = func.call @@NAME@_kv_head(%lkv) : (index) -> (index, index)
      %h0 = arith.muli %kvh, %cG : index
      %h = arith.addi %h0, %g : index
      %live = arith.cmpi ult, %tok, %tokens : index
      scf.forall (%d) in (@D@) {
        scf.if %live {
          memref.store %zero, %out[%tok, %h, %d] : memref<@T@x@H@x@D@xf32>
        }
      } {mapping = [#gpu.thread<x>]}
    } {mapping = [#gpu.block<y>, #gpu.block<x>]}
    return
  }

  func.func private @@NAME@_kv_head(%i: index) -> (index, index) {
    @KV_HEAD_BODY@
  }
}
)mlir";

/// The body of @<name>_kv_head: local kv-head i -> (the model's kv-head,
/// its entry), a chain of selects over the launch's kv-heads (identity
/// when it has them all in order).
std::string kvHeadBody(const DecodeAttentionShape &s) {
  if (s.kvHeadIds.empty())
    return "return %i, %i : index, index";
  // The chain starts at local kv-head 0's values; local j replaces them
  // when i == j.
  std::string body, h = "%h0c", e = "%e0c";
  for (size_t j = 0; j < s.kvHeadIds.size(); ++j) {
    std::string n = std::to_string(j);
    body += "%h" + n + "c = arith.constant " + std::to_string(s.kvHeadIds[j]) + " : index\n    ";
    body += "%e" + n + "c = arith.constant " + std::to_string(s.kvEntryOf[j]) + " : index\n    ";
    if (j == 0)
      continue;
    body += "%i" + n + " = arith.constant " + n + " : index\n    ";
    body += "%is" + n + " = arith.cmpi eq, %i, %i" + n + " : index\n    ";
    body += "%h" + n + " = arith.select %is" + n + ", %h" + n + "c, " + h + " : index\n    ";
    body += "%e" + n + " = arith.select %is" + n + ", %e" + n + "c, " + e + " : index\n    ";
    h = "%h" + n;
    e = "%e" + n;
  }
  return body + "return " + h + ", " + e + " : index, index";
}

} // namespace

int64_t launchKvHeads(const DecodeAttentionShape &shape) {
  return shape.kvHeadIds.empty() ? shape.kvHeads : int64_t(shape.kvHeadIds.size());
}

llvm::Expected<OwningOpRef<ModuleOp>> buildZeroHeadsSchedule(MLIRContext *context,
                                                             StringRef name,
                                                             const DecodeAttentionShape &s) {
  if (s.kvHeadIds.empty() || s.heads % s.kvHeads)
    return scheduleError("zero heads schedule: no kv-heads listed, or heads not a multiple");
  std::string text = fillTemplate(kZeroHeads, {{"KV_HEAD_BODY", kvHeadBody(s)}});
  text = fillTemplate(text, {{"NAME", name.str()},
                             {"T", std::to_string(s.maxTokens)},
                             {"H", std::to_string(s.heads)},
                             {"D", std::to_string(s.headDim)},
                             {"G", std::to_string(s.heads / s.kvHeads)},
                             {"NH", std::to_string(launchKvHeads(s) * (s.heads / s.kvHeads))}});
  return parseSchedule(context, text, "zero heads schedule");
}

int64_t decodeAttentionSplits(const DecodeAttentionShape &shape) {
  return (shape.slots + kSplitKeys - 1) / kSplitKeys;
}

llvm::Expected<OwningOpRef<ModuleOp>>
buildDecodeAttentionSchedule(MLIRContext *context, StringRef name,
                             const DecodeAttentionShape &shape, bool gpu) {
  const DecodeAttentionShape &s = shape;
  if (s.kvHeads <= 0 || s.heads <= 0 || s.heads % s.kvHeads)
    return scheduleError("decode attention schedule: " + llvm::Twine(s.heads) +
                " heads are not a positive multiple of " + llvm::Twine(s.kvHeads) + " kv-heads");
  if (s.maxTokens <= 0)
    return scheduleError("decode attention schedule: max tokens " + llvm::Twine(s.maxTokens) +
                " is not positive");
  if (s.headDim <= 0 || s.headDim > 1024)
    return scheduleError("decode attention schedule: head_dim " + llvm::Twine(s.headDim) +
                " is outside [1, 1024]");
  const bool streaming = s.window > 0;
  if (streaming && (s.sinks < 0 || s.slots != s.sinks + s.window))
    return scheduleError("decode attention schedule: sinks " + llvm::Twine(s.sinks) +
                         " + window " + llvm::Twine(s.window) + " do not make the " +
                         llvm::Twine(s.slots) + " slots of the cache");
  if (!streaming && (s.slots <= 0 || s.slots % kSplitKeys))
    return scheduleError("decode attention schedule: " + llvm::Twine(s.slots) +
                " slots are not a positive multiple of " + llvm::Twine(kSplitKeys));
  if (s.kvHeadIds.size() != s.kvEntryOf.size())
    return scheduleError("decode attention schedule: " + llvm::Twine(s.kvHeadIds.size()) +
                         " kv-heads but " + llvm::Twine(s.kvEntryOf.size()) + " entries");
  for (size_t j = 0; j < s.kvHeadIds.size(); ++j)
    if (s.kvHeadIds[j] < 0 || s.kvHeadIds[j] >= s.kvHeads || s.kvEntryOf[j] < 0 ||
        s.kvEntryOf[j] >= s.entries)
      return scheduleError("decode attention schedule: kv-head " +
                           llvm::Twine(s.kvHeadIds[j]) + " at entry " +
                           llvm::Twine(s.kvEntryOf[j]) + " is outside " + llvm::Twine(s.kvHeads) +
                           " kv-heads and " + llvm::Twine(s.entries) + " entries");
  if (s.kvHeadIds.empty() && s.entries < s.kvHeads)
    return scheduleError("decode attention schedule: a cache of " + llvm::Twine(s.entries) +
                         " entries cannot hold " + llvm::Twine(s.kvHeads) + " kv-heads");
  std::string space = gpu ? ", #gpu.address_space<workgroup>" : "";
  std::string buffer = "%scores = memref.alloca() : memref<@G@x@KEYS@xf32@SPACE@>";
  // Full attention: visible key i is position i (<= qp), in slot i of the
  // session's `slots`. Sinks + window: keys 0..sinks-1, then the window's
  // positions from max(sinks, qp - window + 1), in the ring of
  // sinks + window slots (a constant, not an argument).
  const char *fullKey = "%ok = arith.cmpi ule, %i, %qp : index\n"
                        "    return %i, %ok : index, i1";
  const char *streamingKey = "%cS = arith.constant @SINKS@ : index\n"
                             "    %c1 = arith.constant 1 : index\n"
                             "    %cW = arith.constant @WINDOW@ : index\n"
                             "    %isSink = arith.cmpi ult, %i, %cS : index\n"
                             "    %qp1 = arith.addi %qp, %c1 : index\n"
                             "    %lo0 = arith.subi %qp1, %cW : index\n"
                             "    %lo = arith.maxsi %lo0, %cS : index\n"
                             "    %off = arith.subi %i, %cS : index\n"
                             "    %win = arith.addi %lo, %off : index\n"
                             "    %kp = arith.select %isSink, %i, %win : index\n"
                             "    %ok = arith.cmpi ule, %kp, %qp : index\n"
                             "    return %kp, %ok : index, i1";
  const char *streamingSlot = "%cS = arith.constant @SINKS@ : index\n"
                              "    %cW = arith.constant @WINDOW@ : index\n"
                              "    %isSink = arith.cmpi ult, %kp, %cS : index\n"
                              "    %off = arith.subi %kp, %cS : index\n"
                              "    %ring = arith.remui %off, %cW : index\n"
                              "    %ringSlot = arith.addi %ring, %cS : index\n"
                              "    %slot = arith.select %isSink, %kp, %ringSlot : index\n"
                              "    return %slot : index";
  // A ring slot is written again by the token `window` later in the call.
  const char *streamingLast = "%cS = arith.constant @SINKS@ : index\n"
                              "      %cW = arith.constant @WINDOW@ : index\n"
                              "      %isSink = arith.cmpi ult, %kp, %cS : index\n"
                              "      %later = arith.addi %t, %cW : index\n"
                              "      %noLater = arith.cmpi uge, %later, %tokens : index\n"
                              "      %last = arith.ori %isSink, %noLater : i1";
  std::string text = fillTemplate(
      kSchedule,
      {{"KEY_RULE", streaming ? "sinks + window" : "full attention"},
       {"KEY_BODY", streaming ? streamingKey : fullKey},
       {"SLOT_BODY", streaming ? streamingSlot : "return %kp : index"},
       {"LAST_WRITER", streaming ? streamingLast : "%last = arith.constant true"},
       {"SLOTS_ARG", streaming ? "" : " %slots: index,"},
       {"SLOTS_ARG_LAST", streaming ? "" : ", %slots: index"},
       {"SLOTS_CONST", streaming ? "%slots = arith.constant @S@ : index" : ""},
       {"KV_HEAD_BODY", kvHeadBody(s)},
       {"CPU_BUFFER", gpu ? "" : buffer},
       {"GPU_BUFFER", gpu ? buffer : ""},
       {"SINKS_ARG", s.learnedSinks ? " %sinks: memref<@H@xf32>," : ""},
       {"SINK", s.learnedSinks ? "%sink = memref.load %sinks[%h] : memref<@H@xf32>"
                               : "%sink = arith.constant 0xFF800000 : f32"}});
  text = fillTemplate(text, {{"NAME", name.str()},
                             {"H", std::to_string(s.heads)},
                             {"T", std::to_string(s.maxTokens)},
                             {"KVH", std::to_string(s.kvHeads)},
                             {"G", std::to_string(s.heads / s.kvHeads)},
                             {"D", std::to_string(s.headDim)},
                             {"CACHE", std::to_string(s.entries * 2 * s.slots * s.headDim)},
                             {"KEYS", std::to_string(kSplitKeys)},
                             {"SPLITS", std::to_string(decodeAttentionSplits(s))},
                             {"S", std::to_string(s.slots)},
                             {"SINKS", std::to_string(s.sinks)},
                             {"WINDOW", std::to_string(s.window)},
                             {"NKV", std::to_string(launchKvHeads(s))},
                             {"NH", std::to_string(launchKvHeads(s) * (s.heads / s.kvHeads))},
                             {"KV_VALUES", std::to_string(launchKvHeads(s) * s.headDim)},
                             {"LANES", std::to_string(kAppendLanes)},
                             {"SCALE", floatLiteral(s.scale)},
                             {"SPACE", space}});
  return parseSchedule(context, text, "decode attention schedule");
}

llvm::Error lowerDecodeAttentionForCpu(ModuleOp module) {
  return lowerScheduleToCpu(module, "decode attention schedule");
}

llvm::Error lowerDecodeAttentionForGpu(ModuleOp module, StringRef name,
                                       const DecodeAttentionShape &shape) {
  const int64_t group = shape.heads / shape.kvHeads;
  const int64_t x = std::max(kSplitKeys, shape.headDim);
  return mapScheduleToGpu(module,
                          {{(name + "_split").str(), {x, group, 1}},
                           {(name + "_combine").str(), {shape.headDim, 1, 1}},
                           {(name + "_append").str(), {kAppendLanes, 1, 1}}},
                          "decode attention schedule");
}

} // namespace sinkc::gpu
