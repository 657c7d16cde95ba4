//===- DequantTemplates.cpp - a weight's values as schedule template text -===//
//
// GGML's block layouts (ggml-common.h; gguf-py's quants.py dequantizes the
// same way):
//
//   q8_0  34 B: f16 d, int8 q[32]                      q * d
//   q4_0  18 B: f16 d, nibbles[16]                     (q - 8) * d
//   q4_1  20 B: f16 d, f16 m, nibbles[16]              q * d + m
//   q5_0  22 B: f16 d, u32 qh, nibbles[16]             (q - 16) * d
//   q5_1  24 B: f16 d, f16 m, u32 qh, nibbles[16]      q * d + m
//     value j < 16: low nibble of byte j, j >= 16: high nibble of byte
//     j - 16; q5: bit j of qh is the fifth bit.
//   q4_k 144 B per 256: f16 d, f16 dmin, 12 bytes of 6-bit scales and
//     mins (8 sub-blocks of 32), 128 bytes of nibbles: sub-block s reads
//     bytes 32 (s / 2) .. + 31, the low nibbles when s is even;
//     (d sc_s) q - (dmin m_s)
//   q6_k 210 B per 256: ql[128], qh[64], int8 scales[16], f16 d at 208:
//     value i: half h = i / 128, r = i % 128; low 4 bits from ql[64 h +
//     r % 64] (high nibble when r >= 64), high 2 bits from qh[32 h + r % 32]
//     bits 2 (r / 32); (d scales[i / 16]) (q - 32)
//
//===----------------------------------------------------------------------===//

#include "DequantTemplates.h"
#include "ScheduleLowering.h"

namespace sinkc::gpu {

namespace {

std::string str(int64_t v) { return std::to_string(v); }

/// The f16 at byte `at` (an SSA name) as `out`.
std::string halfAt(llvm::StringRef out, llvm::StringRef at) {
  return (out + " = func.call @half_at(%w, " + at +
          ") : (memref<@BYTES@xi8>, index) -> f32\n")
      .str();
}

/// The little-endian u32 at byte base + offset as %dq_qh (i32).
std::string u32At(int64_t offset) {
  std::string text;
  for (int i = 0; i < 4; ++i) {
    std::string b = "%dqh_qh" + str(i);
    text += fillTemplate(R"mlir(
          @B@o = arith.constant @O@ : index
          @B@at = arith.addi %dq_base, @B@o : index
          @B@ = memref.load %w[@B@at] : memref<@BYTES@xi8>
          @B@w = arith.extui @B@ : i8 to i32
          @B@s = arith.constant @S@ : i32
          @B@x = arith.shli @B@w, @B@s : i32)mlir",
                         {{"B", b}, {"O", str(offset + i)}, {"S", str(8 * i)}});
  }
  text += R"mlir(
          %dqh_qh01 = arith.ori %dqh_qh0x, %dqh_qh1x : i32
          %dqh_qh23 = arith.ori %dqh_qh2x, %dqh_qh3x : i32
          %dq_qh = arith.ori %dqh_qh01, %dqh_qh23 : i32
)mlir";
  return text;
}

/// Every blocked format: %dq_base, the byte offset of group `group`'s block
/// in row `row`, and %dq_sub, the group's index in its block.
const char *kGroupBase = R"mlir(
          %dqh_groups = arith.constant @GROUPS@ : index
          %dqh_blocks = arith.constant @BLOCKS@ : index
          %dqh_bytes = arith.constant @BLOCK_BYTES@ : index
          %dqh_b = arith.divui @G@, %dqh_groups : index
          %dq_sub = arith.remui @G@, %dqh_groups : index
          %dqh_rowBlocks = arith.muli @ROW@, %dqh_blocks : index
          %dqh_blk = arith.addi %dqh_rowBlocks, %dqh_b : index
          %dq_base = arith.muli %dqh_blk, %dqh_bytes : index
)mlir";

/// q4_k: the sub-block's scale and min (get_scale_min_k4 of ggml), its
/// nibbles' first byte (%dq_codes) and shift.
const char *kQ4KHeader = R"mlir(
          %dqh_c2 = arith.constant 2 : index
          %dqh_c4 = arith.constant 4 : index
          %dqh_c16 = arith.constant 16 : index
          %dqh_c32 = arith.constant 32 : index
          %dqh_i4 = arith.constant 4 : i32
          %dqh_i6 = arith.constant 6 : i32
          %dqh_i15 = arith.constant 15 : i32
          %dqh_i63 = arith.constant 63 : i32
          %dq_d = func.call @half_at(%w, %dq_base) : (memref<@BYTES@xi8>, index) -> f32
          %dqh_minAt = arith.addi %dq_base, %dqh_c2 : index
          %dq_dmin = func.call @half_at(%w, %dqh_minAt) : (memref<@BYTES@xi8>, index) -> f32
          %dqh_first = arith.cmpi ult, %dq_sub, %dqh_c4 : index
          %dqh_s4 = arith.remui %dq_sub, %dqh_c4 : index
          %dqh_scales = arith.addi %dq_base, %dqh_c4 : index
          %dqh_at0 = arith.addi %dqh_scales, %dqh_s4 : index
          %dqh_at1 = arith.addi %dqh_at0, %dqh_c4 : index
          %dqh_at2 = arith.addi %dqh_at1, %dqh_c4 : index
          %dqh_b0b = memref.load %w[%dqh_at0] : memref<@BYTES@xi8>
          %dqh_b1b = memref.load %w[%dqh_at1] : memref<@BYTES@xi8>
          %dqh_b2b = memref.load %w[%dqh_at2] : memref<@BYTES@xi8>
          %dqh_b0 = arith.extui %dqh_b0b : i8 to i32
          %dqh_b1 = arith.extui %dqh_b1b : i8 to i32
          %dqh_b2 = arith.extui %dqh_b2b : i8 to i32
          %dqh_scLo = arith.andi %dqh_b0, %dqh_i63 : i32
          %dqh_mLo = arith.andi %dqh_b1, %dqh_i63 : i32
          %dqh_b2lo = arith.andi %dqh_b2, %dqh_i15 : i32
          %dqh_b0hi = arith.shrui %dqh_b0, %dqh_i6 : i32
          %dqh_b0top = arith.shli %dqh_b0hi, %dqh_i4 : i32
          %dqh_scHi = arith.ori %dqh_b2lo, %dqh_b0top : i32
          %dqh_b2hi = arith.shrui %dqh_b2, %dqh_i4 : i32
          %dqh_b1hi = arith.shrui %dqh_b1, %dqh_i6 : i32
          %dqh_b1top = arith.shli %dqh_b1hi, %dqh_i4 : i32
          %dqh_mHi = arith.ori %dqh_b2hi, %dqh_b1top : i32
          %dqh_sc = arith.select %dqh_first, %dqh_scLo, %dqh_scHi : i32
          %dqh_mn = arith.select %dqh_first, %dqh_mLo, %dqh_mHi : i32
          %dqh_scf = arith.uitofp %dqh_sc : i32 to f32
          %dqh_mnf = arith.uitofp %dqh_mn : i32 to f32
          %dq_scale = arith.mulf %dq_d, %dqh_scf : f32
          %dq_min = arith.mulf %dq_dmin, %dqh_mnf : f32
          %dqh_chunk = arith.divui %dq_sub, %dqh_c2 : index
          %dqh_odd = arith.remui %dq_sub, %dqh_c2 : index
          %dqh_chunkBytes = arith.muli %dqh_chunk, %dqh_c32 : index
          %dqh_qs = arith.addi %dq_base, %dqh_c16 : index
          %dq_codes = arith.addi %dqh_qs, %dqh_chunkBytes : index
          %dqh_odd32 = arith.index_castui %dqh_odd : index to i32
          %dq_shift = arith.muli %dqh_odd32, %dqh_i4 : i32
)mlir";

const char *kQ4KValue = R"mlir(
            %dqv_i15 = arith.constant 15 : i32
            %dqv_at = arith.addi %dq_codes, @J@ : index
            %dqv_byte = memref.load %w[%dqv_at] : memref<@BYTES@xi8>
            %dqv_b32 = arith.extui %dqv_byte : i8 to i32
            %dqv_sh = arith.shrui %dqv_b32, %dq_shift : i32
            %dqv_q = arith.andi %dqv_sh, %dqv_i15 : i32
            %dqv_qf = arith.uitofp %dqv_q : i32 to f32
            %dqv_scaled = arith.mulf %dq_scale, %dqv_qf : f32
            %wv = arith.subf %dqv_scaled, %dq_min : f32)mlir";

/// q6_k: the group's low-bit bytes and shift, high-bit bytes and shift,
/// and its two scales' bytes.
const char *kQ6KHeader = R"mlir(
          %dqh_c2 = arith.constant 2 : index
          %dqh_c4 = arith.constant 4 : index
          %dqh_c32 = arith.constant 32 : index
          %dqh_c64 = arith.constant 64 : index
          %dqh_c128 = arith.constant 128 : index
          %dqh_c192 = arith.constant 192 : index
          %dqh_c208 = arith.constant 208 : index
          %dqh_i2 = arith.constant 2 : i32
          %dqh_i4 = arith.constant 4 : i32
          %dqh_dAt = arith.addi %dq_base, %dqh_c208 : index
          %dq_d = func.call @half_at(%w, %dqh_dAt) : (memref<@BYTES@xi8>, index) -> f32
          %dqh_half = arith.divui %dq_sub, %dqh_c4 : index
          %dqh_quarter = arith.remui %dq_sub, %dqh_c4 : index
          %dqh_odd = arith.remui %dq_sub, %dqh_c2 : index
          %dqh_pair = arith.divui %dqh_quarter, %dqh_c2 : index
          %dqh_lowHalf = arith.muli %dqh_half, %dqh_c64 : index
          %dqh_lowOdd = arith.muli %dqh_odd, %dqh_c32 : index
          %dqh_low0 = arith.addi %dq_base, %dqh_lowHalf : index
          %dq_low = arith.addi %dqh_low0, %dqh_lowOdd : index
          %dqh_pair32 = arith.index_castui %dqh_pair : index to i32
          %dq_lowShift = arith.muli %dqh_pair32, %dqh_i4 : i32
          %dqh_highHalf = arith.muli %dqh_half, %dqh_c32 : index
          %dqh_high0 = arith.addi %dq_base, %dqh_c128 : index
          %dq_high = arith.addi %dqh_high0, %dqh_highHalf : index
          %dqh_quarter32 = arith.index_castui %dqh_quarter : index to i32
          %dq_highShift = arith.muli %dqh_quarter32, %dqh_i2 : i32
          %dqh_scales0 = arith.addi %dq_base, %dqh_c192 : index
          %dqh_subScales = arith.muli %dq_sub, %dqh_c2 : index
          %dq_scales = arith.addi %dqh_scales0, %dqh_subScales : index
)mlir";

const char *kQ6KValue = R"mlir(
            %dqv_c16 = arith.constant 16 : index
            %dqv_i3 = arith.constant 3 : i32
            %dqv_i4 = arith.constant 4 : i32
            %dqv_i15 = arith.constant 15 : i32
            %dqv_i32 = arith.constant 32 : i32
            %dqv_lowAt = arith.addi %dq_low, @J@ : index
            %dqv_lowByte = memref.load %w[%dqv_lowAt] : memref<@BYTES@xi8>
            %dqv_low32 = arith.extui %dqv_lowByte : i8 to i32
            %dqv_lowSh = arith.shrui %dqv_low32, %dq_lowShift : i32
            %dqv_lo = arith.andi %dqv_lowSh, %dqv_i15 : i32
            %dqv_highAt = arith.addi %dq_high, @J@ : index
            %dqv_highByte = memref.load %w[%dqv_highAt] : memref<@BYTES@xi8>
            %dqv_high32 = arith.extui %dqv_highByte : i8 to i32
            %dqv_highSh = arith.shrui %dqv_high32, %dq_highShift : i32
            %dqv_hi = arith.andi %dqv_highSh, %dqv_i3 : i32
            %dqv_hiTop = arith.shli %dqv_hi, %dqv_i4 : i32
            %dqv_q = arith.ori %dqv_lo, %dqv_hiTop : i32
            %dqv_centered = arith.subi %dqv_q, %dqv_i32 : i32
            %dqv_qf = arith.sitofp %dqv_centered : i32 to f32
            %dqv_which = arith.divui @J@, %dqv_c16 : index
            %dqv_scaleAt = arith.addi %dq_scales, %dqv_which : index
            %dqv_scale8 = memref.load %w[%dqv_scaleAt] : memref<@BYTES@xi8>
            %dqv_scalef = arith.sitofp %dqv_scale8 : i8 to f32
            %dqv_scale = arith.mulf %dq_d, %dqv_scalef : f32
            %wv = arith.mulf %dqv_scale, %dqv_qf : f32)mlir";

/// Legacy formats' value `j` of their nibbles from %dq_codes: %dqv_nibble
/// (i32, 0..15).
const char *kNibble = R"mlir(
            %dqv_c16 = arith.constant 16 : index
            %dqv_i0 = arith.constant 0 : i32
            %dqv_i4 = arith.constant 4 : i32
            %dqv_i15 = arith.constant 15 : i32
            %dqv_high = arith.cmpi uge, @J@, %dqv_c16 : index
            %dqv_jm = arith.remui @J@, %dqv_c16 : index
            %dqv_at = arith.addi %dq_codes, %dqv_jm : index
            %dqv_byte = memref.load %w[%dqv_at] : memref<@BYTES@xi8>
            %dqv_b32 = arith.extui %dqv_byte : i8 to i32
            %dqv_shift = arith.select %dqv_high, %dqv_i4, %dqv_i0 : i32
            %dqv_shifted = arith.shrui %dqv_b32, %dqv_shift : i32
            %dqv_nibble = arith.andi %dqv_shifted, %dqv_i15 : i32)mlir";

/// q5: the fifth bit (bit j of %dq_qh) over the nibble: %dqv_q.
const char *kFifthBit = R"mlir(
            %dqv_i1 = arith.constant 1 : i32
            %dqv_j32 = arith.index_castui @J@ : index to i32
            %dqv_qhj = arith.shrui %dq_qh, %dqv_j32 : i32
            %dqv_bit = arith.andi %dqv_qhj, %dqv_i1 : i32
            %dqv_top = arith.shli %dqv_bit, %dqv_i4 : i32
            %dqv_q = arith.ori %dqv_nibble, %dqv_top : i32)mlir";

/// (q - center) * d
std::string centered(llvm::StringRef q, int center) {
  return fillTemplate(R"mlir(
            %dqv_center = arith.constant @C@ : i32
            %dqv_centered = arith.subi @Q@, %dqv_center : i32
            %dqv_qf = arith.sitofp %dqv_centered : i32 to f32
            %wv = arith.mulf %dqv_qf, %dq_d : f32)mlir",
                      {{"C", str(center)}, {"Q", q.str()}});
}

/// q * d + m
std::string offset(llvm::StringRef q) {
  return fillTemplate(R"mlir(
            %dqv_qf = arith.uitofp @Q@ : i32 to f32
            %dqv_scaled = arith.mulf %dqv_qf, %dq_d : f32
            %wv = arith.addf %dqv_scaled, %dq_m : f32)mlir",
                      {{"Q", q.str()}});
}

/// Byte `offset` of the block as %name (index).
std::string blockByte(llvm::StringRef name, int64_t offset) {
  return fillTemplate(R"mlir(
          %dqh_@N@ = arith.constant @O@ : index
          @NAME@ = arith.addi %dq_base, %dqh_@N@ : index
)mlir",
                      {{"N", name.drop_front(4).str() + "Off"},
                       {"O", str(offset)},
                       {"NAME", name.str()}});
}

} // namespace

std::string dequantGroupHeader(GemvFormat format, int64_t cols, llvm::StringRef row,
                               llvm::StringRef group) {
  const int64_t blockValues = gemvBlockValues(format);
  std::string text = fillTemplate(kGroupBase, {{"GROUPS", str(blockValues / kDequantGroupValues)},
                                               {"BLOCKS", str(cols / blockValues)},
                                               {"BLOCK_BYTES", str(gemvBlockBytes(format))},
                                               {"G", group.str()},
                                               {"ROW", row.str()}});
  // Legacy formats: d at byte 0, then (q4_1, q5_1) m, then (q5) qh, then
  // the codes.
  auto legacy = [&](bool withMin, bool withHigh) {
    text += halfAt("          %dq_d", "%dq_base");
    int64_t at = 2;
    if (withMin) {
      text += blockByte("%dq_mAt", at);
      text += halfAt("          %dq_m", "%dq_mAt");
      at += 2;
    }
    if (withHigh) {
      text += u32At(at);
      at += 4;
    }
    text += blockByte("%dq_codes", at);
  };
  switch (format) {
  case GemvFormat::Q8_0: legacy(false, false); break;
  case GemvFormat::Q4_0: legacy(false, false); break;
  case GemvFormat::Q4_1: legacy(true, false); break;
  case GemvFormat::Q5_0: legacy(false, true); break;
  case GemvFormat::Q5_1: legacy(true, true); break;
  case GemvFormat::Q4_K: text += kQ4KHeader; break;
  case GemvFormat::Q6_K: text += kQ6KHeader; break;
  case GemvFormat::F32:
  case GemvFormat::F16:
  case GemvFormat::BF16: return "";
  }
  return text;
}

std::string dequantGroupValue(GemvFormat format, llvm::StringRef value) {
  std::string text;
  switch (format) {
  case GemvFormat::Q8_0:
    text = R"mlir(
            %dqv_at = arith.addi %dq_codes, @J@ : index
            %dqv_q = memref.load %w[%dqv_at] : memref<@BYTES@xi8>
            %dqv_qf = arith.sitofp %dqv_q : i8 to f32
            %wv = arith.mulf %dqv_qf, %dq_d : f32)mlir";
    break;
  case GemvFormat::Q4_0: text = kNibble + centered("%dqv_nibble", 8); break;
  case GemvFormat::Q4_1: text = kNibble + offset("%dqv_nibble"); break;
  case GemvFormat::Q5_0: text = kNibble + (kFifthBit + centered("%dqv_q", 16)); break;
  case GemvFormat::Q5_1: text = kNibble + (kFifthBit + offset("%dqv_q")); break;
  case GemvFormat::Q4_K: text = kQ4KValue; break;
  case GemvFormat::Q6_K: text = kQ6KValue; break;
  case GemvFormat::F32:
  case GemvFormat::F16:
  case GemvFormat::BF16: return "";
  }
  return fillTemplate(text, {{"J", value.str()}});
}

std::string dequantRowValue(GemvFormat format, int64_t rows, int64_t cols, llvm::StringRef row,
                            llvm::StringRef col) {
  const char *plain = nullptr;
  switch (format) {
  case GemvFormat::F32:
    plain = R"mlir(
            %dqr_c0 = arith.constant 0 : index
            %dqr_view = memref.view %w[%dqr_c0][] : memref<@BYTES@xi8> to memref<@R@x@C@xf32>
            %wv = memref.load %dqr_view[@ROW@, @COL@] : memref<@R@x@C@xf32>)mlir";
    break;
  case GemvFormat::F16:
    plain = R"mlir(
            %dqr_c0 = arith.constant 0 : index
            %dqr_view = memref.view %w[%dqr_c0][] : memref<@BYTES@xi8> to memref<@R@x@C@xf16>
            %dqr_h = memref.load %dqr_view[@ROW@, @COL@] : memref<@R@x@C@xf16>
            %wv = arith.extf %dqr_h : f16 to f32)mlir";
    break;
  case GemvFormat::BF16:
    // The bf16 bits are the f32's top half.
    plain = R"mlir(
            %dqr_c0 = arith.constant 0 : index
            %dqr_i16 = arith.constant 16 : i32
            %dqr_view = memref.view %w[%dqr_c0][] : memref<@BYTES@xi8> to memref<@R@x@C@xi16>
            %dqr_h = memref.load %dqr_view[@ROW@, @COL@] : memref<@R@x@C@xi16>
            %dqr_h32 = arith.extui %dqr_h : i16 to i32
            %dqr_bits = arith.shli %dqr_h32, %dqr_i16 : i32
            %wv = arith.bitcast %dqr_bits : i32 to f32)mlir";
    break;
  default: {
    std::string text = fillTemplate(R"mlir(
            %dqr_c32 = arith.constant 32 : index
            %dqr_g = arith.divui @COL@, %dqr_c32 : index
            %dqr_j = arith.remui @COL@, %dqr_c32 : index)mlir",
                                    {{"COL", col.str()}});
    return text + "\n" + dequantGroupHeader(format, cols, row, "%dqr_g") +
           dequantGroupValue(format, "%dqr_j");
  }
  }
  return fillTemplate(plain, {{"R", str(rows)}, {"C", str(cols)}, {"ROW", row.str()},
                              {"COL", col.str()}});
}

} // namespace sinkc::gpu
