/*===- sinkc_ukernels.h - CPU dot-product microkernels ------------*- C -*-===//
 *
 * Row dot products, GEMV and a GEMM tile over weights kept in their stored
 * format (f32, f16, bf16, the GGUF q8_0, q4_0, q4_1, q5_0, q5_1, q4_K and
 * q6_K blocks, and sinkc's int4 / int8 group formats) with f32
 * activations; the same with int8-quantized activations for q8_0, q4_0,
 * q4_1 and their group-format twins (the *_q8a kernels, below); the
 * embedding gather over such tables, and attention. Compiled by clang-22 to
 * LLVM bitcode (lib/ukernels/ukernels-<flavour>.bc, one per x86-64 level
 * and x86-64-v4-vnni) that the compiler links into generated modules, and
 * to host objects for the tests.
 *
 * Weight layout per row: f32 / f16 / bf16: `n` values; q8_0 / q4_1: n / 32
 * GGUF blocks as in llama.cpp's ggml-common.h (q8_0: f16 d, 32 x int8;
 * q4_1: f16 d, f16 m, 16 bytes whose low nibbles are values 0..15 and high
 * nibbles values 16..31). Quantized kernels require n % 32 == 0.
 *
 * Summation order (identical in every kernel of one flavour, so GEMV and GEMM
 * results are bitwise equal to sinkc_uk_dot_*): each block of 32 weights is
 * dequantized to f32 with one rounding per value (q8_0: q*d; q4_1: fma(q,d,m);
 * f16/f32 exact), then lanes l = 0..15 accumulate with FMA
 *   lo[l] += w[32b+l] * x[32b+l],  hi[l] += w[32b+16+l] * x[32b+16+l]
 * over blocks b in order (an f32/f16 tail shorter than 32 is a zero-padded
 * block); finally s = lo + hi and the 16 lanes are reduced as a tree:
 * s[0..7] + s[8..15], then halves of 8, 4, 2. Flavours without FMA
 * (plain x86-64) round the product separately.
 *
 * The other formats (issue #5; layouts of ggml-common.h, all integers
 * little-endian) follow the same order over blocks of 32; "nibble j" of 16
 * bytes qs is the low nibble of qs[j] for j < 16, the high one of qs[j - 16]
 * for j >= 16. Value j = 0..31 of a block:
 *   bf16 (2 bytes a value, any n, tail as f32 / f16): bits << 16.
 *   q4_0 (18 bytes: f16 d, qs[16]): (nibble j - 8) * d.
 *   q5_0 (22 bytes: f16 d, u32 qh, qs[16]): q = nibble j | (bit j of qh) << 4;
 *     (q - 16) * d.
 *   q5_1 (24 bytes: f16 d, f16 m, u32 qh, qs[16]): q as q5_0; fma(q, d, m)
 *     (q * d, then + m, without FMA).
 *   q4_K: super-blocks of 256 values = 8 blocks s = 0..7, 144 bytes: f16 d,
 *     f16 dmin, scales[12], qs[128]. Block s has the 6-bit scale and min of
 *     ggml's get_scale_min_k4: s < 4: sc = scales[s] & 63, m = scales[s + 4]
 *     & 63; s >= 4: sc = (scales[s + 4] & 15) | (scales[s - 4] >> 6) << 4,
 *     m = (scales[s + 4] >> 4) | (scales[s] >> 6) << 4. With D = d * sc and
 *     M = dmin * m (f32, once per super-block) and q = the low (s even) or
 *     high (s odd) nibble of qs[32 * (s / 2) + j]: fma(q, D, -M) (q * D,
 *     then - M, without FMA).
 *   q6_K: super-blocks of 256 = 8 blocks s = 4h + i (h = 0, 1; i = 0..3),
 *     210 bytes: ql[128], qh[64], int8 scales[16], f16 d. q = ((ql[64h +
 *     32(i & 1) + j] >> 4(i / 2)) & 15 | ((qh[32h + j] >> 2i) & 3) << 4) - 32;
 *     value (d * scales[2s + (j >= 16)]) * q.
 * q4_0 / q5_0 / q5_1 need n % 32 == 0, q4_K / q6_K n % 256 == 0.
 *
 * Exactness: for finite d, m, dmin every such value equals the importer's
 * dequantizer (importers/GgufTypes.cpp: ggml's dequantize_row_*, the gguf
 * Python package) bit for bit, in every flavour, FMA or not. bf16 is a shift
 * (every bit pattern kept); the products of an integer and a half are exact
 * in f32: q4_0 / q5_0 (|q| <= 16) and q5_1 (q <= 31) round nothing, so q5_1
 * rounds once, at + m, fused or not; q4_K's D and M (6-bit integers times an
 * 11-bit half significand) and q * D (4 more bits) are exact, so it rounds
 * once, at - M, fused or not; q6_K's d * sc * q has at most 11 + 7 + 5 = 23
 * significant bits and rounds nothing in any order. Nonzero products lie in
 * [2^-24, 2^28]: nothing underflows or overflows. (x86-64-v4 looks q4_0's
 * and q4_K's values up in a 16-entry table per block, each entry computed by
 * the operation above: the same bits.)
 *
 * sinkc's own group formats (#tfm.group_quant; uk_group.c), 24 of them named
 * "i<bits>g<G><s|a>_<f16|f32>": bits 4 or 8, group size G = 32, 64 or 128
 * values, symmetric (s) or asymmetric (a), scales f16 or f32 (the list is
 * SINKC_UK_GROUP_FORMATS below). A row of n values (n % G == 0) is n / G
 * groups of SINKC_UK_GROUP_BLOCK_BYTES = G * bits / 8 + (a ? 2 : 1) * (2 or
 * 4) bytes, little-endian:
 *   d (the scale), then for "a" m (the minimum; both of the scale type),
 *   then the codes: int4: G / 32 chunks of 16 bytes, value 32c + j of
 *     chunk c being nibble j of its 16 bytes as above (low nibble of byte
 *     16c + j for j < 16, high nibble of byte 16c + j - 16 for j >= 16,
 *     each chunk laid out as q4_0's qs); int8: G bytes, value j = byte j.
 *   Value of code q: i4 s: (q - 8) * d, q the nibble 0..15; i4 a:
 *     fma(q, d, m), q = 0..15; i8 s: q * d, q = (int8_t)byte; i8 a:
 *     fma(q, d, m), q = (uint8_t)byte = 0..255. Without FMA (plain x86-64)
 *     "fma" is q * d, then + m, as q4_1.
 * d and m are decoded once per row and group, and a group is G / 32 blocks
 * of 32 (its chunks; int8: 32 bytes each) in the order of every other
 * format: GEMV / GEMM equal dot bitwise here too.
 * Exactness (finite d, m): f16 scales times these small integers (|q - 8|
 * <= 8, |q| <= 128 or q <= 255: at most 8 + 11 bits) are exact in f32 (and
 * nonzero in [2^-24, 2^24]), so "s" with f16
 * rounds nothing and "a" with f16 rounds once, at + m, fused or not: every
 * flavour gives the same bits. With f32 scales q * d rounds once (a 24-bit
 * significand times up to 8 bits), so "s" still rounds once alike in every
 * flavour, but "a" differs between flavours exactly as q4_1 would with f32
 * scales: fma(q, d, m) rounds once (x86-64-v4, v3), q * d then + m twice
 * (x86-64). f32 scales may also overflow or underflow (f16 ones cannot).
 * The scalar reference (reference/uk_reference.c, sinkc_ukref_dequant_group
 * with `fused`) is written from this description; UkernelGroupTest checks
 * every format and flavour against it.
 *===----------------------------------------------------------------------===*/

#ifndef SINKC_UKERNELS_H
#define SINKC_UKERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Weights per quantization block and bytes per block. */
#define SINKC_UK_QK 32
#define SINKC_UK_Q8_0_BLOCK_BYTES 34
#define SINKC_UK_Q4_1_BLOCK_BYTES 20
#define SINKC_UK_Q4_0_BLOCK_BYTES 18
#define SINKC_UK_Q5_0_BLOCK_BYTES 22
#define SINKC_UK_Q5_1_BLOCK_BYTES 24
/* K-quants: weights per super-block and bytes per super-block. */
#define SINKC_UK_QK_K 256
#define SINKC_UK_Q4_K_BLOCK_BYTES 144
#define SINKC_UK_Q6_K_BLOCK_BYTES 210

/* The group formats (see above): X(NAME, BITS, GROUP, ASYMMETRIC, SCALE_F32)
 * for each of the 24, NAME as in the kernels' symbols (sinkc_uk_dot_NAME,
 * ...) and in GroupQuantAttr::getFormatName. */
#define SINKC_UK_GROUP_FORMATS(X)                                              \
  X(i4g32s_f16, 4, 32, 0, 0)                                                   \
  X(i4g32s_f32, 4, 32, 0, 1)                                                   \
  X(i4g32a_f16, 4, 32, 1, 0)                                                   \
  X(i4g32a_f32, 4, 32, 1, 1)                                                   \
  X(i4g64s_f16, 4, 64, 0, 0)                                                   \
  X(i4g64s_f32, 4, 64, 0, 1)                                                   \
  X(i4g64a_f16, 4, 64, 1, 0)                                                   \
  X(i4g64a_f32, 4, 64, 1, 1)                                                   \
  X(i4g128s_f16, 4, 128, 0, 0)                                                 \
  X(i4g128s_f32, 4, 128, 0, 1)                                                 \
  X(i4g128a_f16, 4, 128, 1, 0)                                                 \
  X(i4g128a_f32, 4, 128, 1, 1)                                                 \
  X(i8g32s_f16, 8, 32, 0, 0)                                                   \
  X(i8g32s_f32, 8, 32, 0, 1)                                                   \
  X(i8g32a_f16, 8, 32, 1, 0)                                                   \
  X(i8g32a_f32, 8, 32, 1, 1)                                                   \
  X(i8g64s_f16, 8, 64, 0, 0)                                                   \
  X(i8g64s_f32, 8, 64, 0, 1)                                                   \
  X(i8g64a_f16, 8, 64, 1, 0)                                                   \
  X(i8g64a_f32, 8, 64, 1, 1)                                                   \
  X(i8g128s_f16, 8, 128, 0, 0)                                                 \
  X(i8g128s_f32, 8, 128, 0, 1)                                                 \
  X(i8g128a_f16, 8, 128, 1, 0)                                                 \
  X(i8g128a_f32, 8, 128, 1, 1)

/* Bytes of one group of a group format. */
#define SINKC_UK_GROUP_BLOCK_BYTES(BITS, GROUP, ASYMMETRIC, SCALE_F32)         \
  ((GROUP) * (BITS) / 8 + ((ASYMMETRIC) ? 2 : 1) * ((SCALE_F32) ? 4 : 2))

float sinkc_uk_dot_f32(const float *w, const float *x, int64_t n);
float sinkc_uk_dot_f16(const uint16_t *w, const float *x, int64_t n);
float sinkc_uk_dot_q8_0(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_q4_1(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_bf16(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_q4_0(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_q5_0(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_q5_1(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_q4_k(const void *w, const float *x, int64_t n);
float sinkc_uk_dot_q6_k(const void *w, const float *x, int64_t n);

/* y[r] = dot(w + r * row_bytes, x, cols) for r < rows. */
#define SINKC_UK_DECLARE_GEMV(FMT)                                             \
  void sinkc_uk_gemv_##FMT(const void *w, int64_t row_bytes, const float *x,   \
                           float *y, int64_t rows, int64_t cols);
/* y[t * y_stride + r] = dot(w + r * row_bytes, x + t * x_stride, cols). */
#define SINKC_UK_DECLARE_GEMM(FMT)                                             \
  void sinkc_uk_gemm_##FMT(const void *w, int64_t row_bytes, const float *x,   \
                           int64_t x_stride, float *y, int64_t y_stride,       \
                           int64_t rows, int64_t cols, int64_t tokens);

SINKC_UK_DECLARE_GEMV(f32)
SINKC_UK_DECLARE_GEMV(f16)
SINKC_UK_DECLARE_GEMV(q8_0)
SINKC_UK_DECLARE_GEMV(q4_1)
SINKC_UK_DECLARE_GEMV(bf16)
SINKC_UK_DECLARE_GEMV(q4_0)
SINKC_UK_DECLARE_GEMV(q5_0)
SINKC_UK_DECLARE_GEMV(q5_1)
SINKC_UK_DECLARE_GEMV(q4_k)
SINKC_UK_DECLARE_GEMV(q6_k)
SINKC_UK_DECLARE_GEMM(f32)
SINKC_UK_DECLARE_GEMM(f16)
SINKC_UK_DECLARE_GEMM(q8_0)
SINKC_UK_DECLARE_GEMM(q4_1)
SINKC_UK_DECLARE_GEMM(bf16)
SINKC_UK_DECLARE_GEMM(q4_0)
SINKC_UK_DECLARE_GEMM(q5_0)
SINKC_UK_DECLARE_GEMM(q5_1)
SINKC_UK_DECLARE_GEMM(q4_k)
SINKC_UK_DECLARE_GEMM(q6_k)

#define SINKC_UK_DECLARE_GROUP(NAME, BITS, GROUP, ASYMMETRIC, SCALE_F32)      \
  float sinkc_uk_dot_##NAME(const void *w, const float *x, int64_t n);         \
  SINKC_UK_DECLARE_GEMV(NAME)                                                  \
  SINKC_UK_DECLARE_GEMM(NAME)
SINKC_UK_GROUP_FORMATS(SINKC_UK_DECLARE_GROUP)
#undef SINKC_UK_DECLARE_GROUP

#undef SINKC_UK_DECLARE_GEMV
#undef SINKC_UK_DECLARE_GEMM

/* int8-activation kernels (issue #7; uk_q8a.c): the activations are
 * quantized to int8 per block of 32, the weights stay in their stored
 * format, each block is an exact integer dot product and one float step.
 * Weight formats: q8_0, q4_0, q4_1, and the group formats whose layout and
 * values are exactly those: i8g32s_f16 (= q8_0), i4g32s_f16 (= q4_0),
 * i4g32a_f16 (= q4_1). n, cols % 32 == 0.
 *
 * Activation quantization (sinkc_uk_quantize_q8a; the GEMV / GEMM below do
 * exactly this internally), per block of 32 consecutive values x_0..x_31,
 * in f32 with round-to-nearest-even and no flush-to-zero / denormals-are-
 * zero (the default MXCSR, which the kernels never change):
 *   amax = max_i |x_i|                (a NaN anywhere makes amax a NaN)
 *   d    = amax / 127.0f              (f32 division)
 *   id   = d != 0 ? 1.0f / d : 0.0f   (f32 division)
 *   v_i  = x_i * id                   (f32 multiply)
 *   q_i  = 0 if v_i is a NaN, else round-half-to-even(min(max(v_i, -127),
 *          127)): an int8 in [-127, 127] (-128 never occurs)
 *   S    = sum_i q_i                  (int32, |S| <= 4064)
 * Output: q[n] (block b at q + 32 b), d[n / 32], sums[n / 32] = S.
 * Non-finite and extreme inputs, all defined (no UB, no trap):
 *   - an infinity in a block (no NaN): d = +inf, id = 0, each v_i is 0 or
 *     NaN (inf * 0), so all q_i = 0, S = 0;
 *   - a NaN in a block: d = NaN (payload unspecified), id = NaN, all q_i =
 *     0, S = 0;
 *   so the block's float step below is (inf or NaN) * 0 = NaN and every dot
 *   against such activations is NaN;
 *   - all zeros (either sign): d = +0, id = 0, q = 0;
 *   - tiny blocks: d rounds to +0 when amax < 63.5 * 2^-149 (q = 0); d is
 *     subnormal below 127 * 2^-126, and where 1 / d overflows to +inf
 *     (d < about 2^-128) every nonzero x_i gives v_i = +-inf, q_i = +-127,
 *     and zeros give NaN, q_i = 0;
 *   - huge blocks are fine up to FLT_MAX (id >= 2^-121 stays normal).
 * A numpy mirror (float32 arrays, np.errstate(all='ignore')): amax =
 * np.max(np.abs(xb)) (NaN-propagating), d = amax / np.float32(127), id as
 * above, v = xb * id, q = np.where(np.isnan(v), 0, np.rint(np.clip(v, -127,
 * 127))). (Checked bit for bit against every flavour, these cases
 * included.)
 *
 * Block math, for a weight block (f16 dw, q4_1's f16 mw, codes qw) against
 * an activation block (d = dx, codes qx, S), exact in int32 (|I| <= 32 *
 * 128 * 127 < 2^20, so (float)I is exact):
 *   q8_0: I = sum_j qw_j * qx_j              (qw the int8)
 *   q4_0: I = sum_j qw_j * qx_j - 8 S        (qw the nibble 0..15)
 *   q4_1: I = sum_j qw_j * qx_j              (qw the nibble 0..15)
 * (nibble j as above: the low nibble of byte j for j < 16, the high one of
 * byte j - 16), and the float step, f32, each operation rounded on its own
 * (never fused, in any flavour):
 *   c = (dw * dx) * (float)I
 *   q4_1 only: c = c + mw * (dx * (float)S)
 * Summation order: one sequential sum per output, acc = +0.0f, then acc =
 * acc + c_b for blocks b = 0, 1, ... in row order. Blocks are never
 * combined otherwise (SIMD lanes are rows or tokens, never parts of one
 * sum), so sinkc_uk_dot_*_q8a on quantized x and GEMV / GEMM on x give the
 * same bits, and so does every flavour (x86-64-v4-vnni, x86-64-v4, v3,
 * x86-64): the integers are exact whatever the instructions (vpdpbusd,
 * vpmaddubsw + vpmaddwd, scalar C; uk_q8a_avx512.h shows why no int16
 * saturation can occur), the float steps are the same IEEE operations.
 * f16 scales convert exactly; with NaN scales the result is NaN (its
 * payload may differ between flavours, vcvtph2ps quieting signalling NaNs).
 *
 * Against the f32-activation kernels: with x^ = q * d (per block, in f32),
 * sinkc_uk_dot_<fmt>_q8a computes sum_i w_i x^_i as sinkc_uk_dot_<fmt>(w,
 * x^) does, up to the roundings of both; UkernelQ8aTest bounds the
 * difference by (3 * blocks + 16) * 2^-24 * sum_i mag_i |x^_i| (mag_i =
 * |w_i|, or |qw_i dw| + |mw| for q4_1). The quantization itself changes
 * each x_i by at most d / 2 = amax / 254.
 *
 * GEMV / GEMM have exactly the signatures of the f32-activation kernels
 * (so a caller can switch by name), y as dot_q8a(row r, quantize(x_t)):
 *   y[r] = ..., y[t * y_stride + r] = ... (cols == 0: +0).
 * Stack bound: x is quantized on the stack, at most SINKC_UK_Q8A_CHUNK
 * values (of at most 16 tokens) per pass; the buffer and its per-block
 * factors take 24 KB, the whole frame at most about 27 KB. Longer rows or
 * more tokens take several passes (the partial sums kept in y in between:
 * the same bits); nothing is allocated; any rows, cols, tokens.
 * Memory read: besides each block, the x86-64-v4 flavours read up to 12
 * bytes past a q4_0 / q4_1 block and 2 before it, but never outside the
 * span from the first row's first block to the last row's last block
 * (bytes of stride padding between rows may be read, never used); they
 * also prefetch ahead, which never faults. */
#define SINKC_UK_Q8A_CHUNK 16384
void sinkc_uk_quantize_q8a(const float *x, int64_t n, int8_t *q, float *d,
                           int32_t *sums);
#define SINKC_UK_DECLARE_Q8A(FMT)                                              \
  float sinkc_uk_dot_##FMT##_q8a(const void *w, const int8_t *q,               \
                                 const float *d, const int32_t *sums,          \
                                 int64_t n);                                   \
  void sinkc_uk_gemv_##FMT##_q8a(const void *w, int64_t row_bytes,             \
                                 const float *x, float *y, int64_t rows,       \
                                 int64_t cols);                                \
  void sinkc_uk_gemm_##FMT##_q8a(                                              \
      const void *w, int64_t row_bytes, const float *x, int64_t x_stride,      \
      float *y, int64_t y_stride, int64_t rows, int64_t cols, int64_t tokens);
SINKC_UK_DECLARE_Q8A(q8_0)
SINKC_UK_DECLARE_Q8A(q4_0)
SINKC_UK_DECLARE_Q8A(q4_1)
SINKC_UK_DECLARE_Q8A(i8g32s_f16)
SINKC_UK_DECLARE_Q8A(i4g32s_f16)
SINKC_UK_DECLARE_Q8A(i4g32a_f16)
#undef SINKC_UK_DECLARE_Q8A

/* RMSNorm (uk_norm.c) of `tokens` rows of `cols` f32 values (row t at
 * x + t * x_stride) with an f32 weight w[cols], into y (row t at y + t *
 * y_stride; y must not overlap x or w):
 *   ss    = sum_i x_i^2: x_i^2 added to lane i % 16 (16 sums from +0, each
 *           in order of i), then lane[j] = lane[j] + lane[j + h] for
 *           j < h, h = 8, 4, 2, 1; ss = lane[0]
 *   scale = 1 / sqrt(ss / cols + eps)
 *   y_i   = (x_i * scale) * w_i
 * f32, each operation rounded on its own (never fused), so every flavour
 * gives the same bits. */
void sinkc_uk_rms_norm(const float *x, int64_t x_stride, const float *w,
                       float *y, int64_t y_stride, int64_t cols,
                       int64_t tokens, float eps);

/* Embedding lookup (uk_embedding.c; the issue #5 formats in their own
 * files): row gather + dequantize.
 *
 *   out[t * cols + c] = value c of table row ids[t], for t < tokens, c < cols
 *
 * Row r starts at table + r * row_bytes (a stride: rows may be padded). An
 * id outside [0, rows) writes a row of +0.0f: the runtime validates ids, this
 * only keeps a bad one from reading out of bounds. Quantized tables require
 * cols % 32 == 0 (cols % 256 == 0 for q4_K / q6_K; layouts as above); f32 /
 * f16 / bf16 take any cols.
 *
 * Each value is the weight exactly as the dot kernels of the same flavour
 * dequantize it (the same block loaders; at most one rounding per value), so
 * sinkc_uk_dot_*(row, e_c, cols) equals out[c] for every quantized format
 * and for finite bf16 (as values: the dot's zero accumulators turn -0 into
 * +0):
 *   f32, bf16 (bits << 16): exact copies, every bit pattern kept;
 *   f16: exact; the x86-64-v4 flavour converts with vcvtph2ps, which quiets
 *     signalling NaNs, the others keep every payload (as the dot kernels);
 *   q8_0: q * d; q4_1: fma(q, d, m) in the FMA flavours (x86-64-v4, v3),
 *     q * d then + m in plain x86-64. For finite d and m both are
 *     bit-identical, in every flavour, to ggml's dequantize_row_* and to the
 *     gguf Python package (d * q, then + m, in f32): q * d is exact in f32
 *     (|q| <= 128 times an 11-bit half significand needs at most 18 bits,
 *     and a nonzero |q * d| lies in [2^-24, 2^23]), so q8_0 rounds nothing
 *     and q4_1 rounds once, at + m, whether fused or not.
 *   q4_0, q5_0, q5_1, q4_K, q6_K: as the dot kernels (above), bit for bit
 *     equal to the importer's dequantizer in every flavour.
 *   the group formats (cols % G == 0): as the dot kernels (above); the same
 *     bits in every flavour except "a" with f32 scales, fused or not.
 * UkernelEmbeddingTest checks all of this (the exactness of q * d for every
 * finite half d and every q) against the scalar references, and
 * UkernelFormatsTest for the issue #5 formats, UkernelGroupTest for the
 * group formats. */
#define SINKC_UK_DECLARE_EMBEDDING(FMT)                                        \
  void sinkc_uk_embedding_##FMT(const void *table, int64_t row_bytes,          \
                                int64_t rows, const int32_t *ids,              \
                                int64_t tokens, float *out, int64_t cols);
SINKC_UK_DECLARE_EMBEDDING(f32)
SINKC_UK_DECLARE_EMBEDDING(f16)
SINKC_UK_DECLARE_EMBEDDING(bf16)
SINKC_UK_DECLARE_EMBEDDING(q8_0)
SINKC_UK_DECLARE_EMBEDDING(q4_1)
SINKC_UK_DECLARE_EMBEDDING(q4_0)
SINKC_UK_DECLARE_EMBEDDING(q5_0)
SINKC_UK_DECLARE_EMBEDDING(q5_1)
SINKC_UK_DECLARE_EMBEDDING(q4_k)
SINKC_UK_DECLARE_EMBEDDING(q6_k)
#define SINKC_UK_DECLARE_GROUP(NAME, BITS, GROUP, ASYMMETRIC, SCALE_F32)      \
  SINKC_UK_DECLARE_EMBEDDING(NAME)
SINKC_UK_GROUP_FORMATS(SINKC_UK_DECLARE_GROUP)
#undef SINKC_UK_DECLARE_GROUP
#undef SINKC_UK_DECLARE_EMBEDDING

/* Attention over one kv-head's cache entry (uk_attention.c).
 *
 * For a chunk of `tokens` new tokens at absolute positions pos + t: appends
 * each token's key and value to cache_entry = &buffer[entry][0][0][0] of
 * docs/kv-abi.md ([2][slots][head_dim]; f16 rounds to nearest even), slot
 * p for full (window <= 0; requires pos + tokens <= slots) and
 * p < sinks ? p : sinks + (p - sinks) % window for streaming<sinks, window>
 * (slots == sinks + window), then writes for each of the `group` query heads
 * h sharing the kv-head
 *   out[t * out_token_stride + h * head_dim + d] =
 *     sum_j w_j v_j[d],  w_j = exp(z_j) / (exp(sink_logits[h]) + sum exp(z))
 *   z_j = scale * q_h . k_j, or softcap * tanh(that / softcap) if softcap > 0
 * over the positions j token t sees: j <= p, and for streaming j < sinks or
 * p - j < window. Each token is appended just before it attends, so a ring
 * shorter than the chunk still gives every token its own window.
 * sink_logits is NULL or [group] (-inf: no sink). q[t * q_token_stride +
 * h * head_dim + d], k / v[t * kv_token_stride + d]. One pass with a running
 * max and sum over blocks of up to 16 keys (each block's keys and values
 * converted to f32 once for all of the group's heads, one rescale per head
 * and block), f32 accumulation, no scratch beyond 40 KiB of stack;
 * head_dim <= 256. A chunk of several tokens under full attention (no
 * softcap, head_dim % 16 == 0) takes, with AVX-512, a tiled path: the
 * chunk's keys and values are appended first, then tiles of 16 tokens share
 * each block's conversion (keys transposed), a token's 16 scores are one
 * vector (sums over d in four interleaved chains) and their exponentials a
 * vector exp; the same blocks and the same online softmax, so results agree
 * with the token-by-token path to rounding (UkernelAttentionTest's bound).
 *
 * exp and tanh are the kernels' own (no libm), exposed for reuse and tests:
 * sinkc_uk_exp_f32 (Cody-Waite reduction, Cephes degree-5 polynomial,
 * subnormal results rounded once; 0 below -103.97, inf above 88.72) is
 * within 2 ulp of exp (measured max 0.96 ulp over every 61st float in
 * [-104, 88.72], all flavours); sinkc_uk_tanh_f32 (via expm1, so no
 * cancellation near 0) within 4 ulp (measured max 2.49 ulp over every 37th
 * float in [-20, 20]). UkernelAttentionTest asserts 2 and 4 ulp. */
float sinkc_uk_exp_f32(float x);
float sinkc_uk_tanh_f32(float x);

#define SINKC_UK_DECLARE_ATTENTION(FMT, T)                                     \
  void sinkc_uk_attention_##FMT(                                               \
      const float *q, int64_t q_token_stride, const float *k, const float *v,  \
      int64_t kv_token_stride, T *cache_entry, int64_t slots,                  \
      int64_t head_dim, int64_t group, int64_t tokens, int64_t pos,            \
      int64_t sinks, int64_t window, float scale, float softcap,               \
      const float *sink_logits, float *out, int64_t out_token_stride);
SINKC_UK_DECLARE_ATTENTION(f16, uint16_t)
SINKC_UK_DECLARE_ATTENTION(f32, float)
#undef SINKC_UK_DECLARE_ATTENTION

/* The same attention (bitwise the same outputs and cache), and for taps the
 * attention mass on the first `mass_positions` positions:
 *   mass[t * mass_token_stride + h] = sum_{j < mass_positions} w_j
 * for each query head h of the group (the sink mass of StreamingLLM). */
#define SINKC_UK_DECLARE_ATTENTION_MASS(FMT, T)                                \
  void sinkc_uk_attention_mass_##FMT(                                          \
      const float *q, int64_t q_token_stride, const float *k, const float *v,  \
      int64_t kv_token_stride, T *cache_entry, int64_t slots,                  \
      int64_t head_dim, int64_t group, int64_t tokens, int64_t pos,            \
      int64_t sinks, int64_t window, float scale, float softcap,               \
      const float *sink_logits, float *out, int64_t out_token_stride,          \
      float *mass, int64_t mass_token_stride, int64_t mass_positions);
SINKC_UK_DECLARE_ATTENTION_MASS(f16, uint16_t)
SINKC_UK_DECLARE_ATTENTION_MASS(f32, float)
#undef SINKC_UK_DECLARE_ATTENTION_MASS

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SINKC_UKERNELS_H */
