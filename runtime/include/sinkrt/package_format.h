//===- package_format.h - the .sinkpkg byte layout --------------*- C++ -*-===//
//
// The one header shared by the package writer (compiler side) and the
// package reader (runtime): constants, the fixed little-endian header, the
// section table entry, the tokenizer section's header, tensor dtypes and
// their sizes. Plain C++17, no dependencies. docs/package-format.md
// describes the layout in prose; changing anything here that an older reader
// would misread bumps kFormatMajor.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_PACKAGE_FORMAT_H
#define SINKRT_PACKAGE_FORMAT_H

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sinkrt::pkg {

//===----------------------------------------------------------------------===//
// Versions, magic, alignment
//===----------------------------------------------------------------------===//

/// A reader opens any package with its major version and any minor version:
/// minor versions only add (optional manifest fields, section kinds an older
/// reader skips).
constexpr uint16_t kFormatMajor = 1;
constexpr uint16_t kFormatMinor = 0;
/// KV-cache ABI (docs/kv-abi.md) this format's manifests describe.
constexpr uint32_t kKvAbiVersion = 1;

constexpr char kMagic[8] = {'S', 'I', 'N', 'K', 'P', 'K', 'G', '\0'};

constexpr uint64_t kPageAlignment = 4096;  ///< weights section (and kernels)
constexpr uint64_t kTensorAlignment = 64;  ///< every tensor in the weights
constexpr uint64_t kMinSectionAlignment = 8;
constexpr uint64_t kMaxSectionAlignment = 1 << 16;
constexpr uint32_t kMaxSections = 1024;
constexpr size_t kSectionNameSize = 24; ///< NUL-padded, at most 23 chars

//===----------------------------------------------------------------------===//
// Header (64 bytes at offset 0)
//===----------------------------------------------------------------------===//

/// All integers little-endian. `magic` and the two version fields keep their
/// place in every future major version so that any reader can say "newer
/// version" instead of "corrupt".
struct FileHeader {
  char magic[8];                 ///< "SINKPKG\0"
  uint16_t versionMajor;
  uint16_t versionMinor;
  uint32_t headerSize;           ///< sizeof(FileHeader) = 64
  uint64_t fileSize;             ///< whole file, bytes
  uint64_t sectionTableOffset;   ///< = headerSize in version 1
  uint32_t sectionCount;
  uint32_t flags;                ///< 0
  uint64_t sectionTableChecksum; ///< XXH3-64 of the section table
  uint64_t reserved;             ///< 0
  uint64_t headerChecksum;       ///< XXH3-64 of bytes [0, 56)
};
static_assert(sizeof(FileHeader) == 64, "header layout");
static_assert(offsetof(FileHeader, headerChecksum) == 56, "header layout");
constexpr size_t kHeaderChecksummedBytes = offsetof(FileHeader, headerChecksum);

//===----------------------------------------------------------------------===//
// Section table (sectionCount entries of 64 bytes)
//===----------------------------------------------------------------------===//

enum class SectionKind : uint32_t {
  Manifest = 1,  ///< JSON, UTF-8; exactly one
  Tokenizer = 2, ///< TokenizerHeader + arrays; exactly one
  Kernel = 3,    ///< one opaque blob per target; `name` is the target
  Weights = 4,   ///< tensors; exactly one, page-aligned
};

struct SectionEntry {
  uint32_t kind;      ///< SectionKind; unknown kinds are skipped
  uint32_t flags;     ///< 0
  uint64_t offset;    ///< from the start of the file; multiple of alignment
  uint64_t size;      ///< bytes
  uint64_t alignment; ///< power of two in [8, 65536]; 4096 for weights/kernels
  uint64_t checksum;  ///< XXH3-64 of the section's bytes
  char name[kSectionNameSize]; ///< NUL-padded; a kernel's target
};
static_assert(sizeof(SectionEntry) == 64, "section entry layout");

//===----------------------------------------------------------------------===//
// Tokenizer section
//===----------------------------------------------------------------------===//

/// The tokenizer section is this header followed by, each part starting at a
/// multiple of 4 bytes (zero padding):
///   uint32_t tokenOffsets[tokenCount + 1]    into the token string pool
///   uint8_t  tokenTypes[tokenCount]          GGUF token types (1 normal,
///                                            2 unknown, 3 control, 4 user,
///                                            5 unused, 6 byte)
///   float    scores[tokenCount]              only when kTokenizerHasScores
///   uint32_t mergeOffsets[2 * mergeCount + 1] into the merge string pool;
///                                            merge i is (left, right) =
///                                            strings 2i and 2i + 1
///   char     tokenPool[tokenPoolBytes]
///   char     mergePool[mergePoolBytes]
/// Offsets start at 0, never decrease and end at the pool's size. Merge rank
/// is its index. Token strings are the vocabulary's bytes as stored by the
/// source (byte-level BPE's "Ġ" etc. unchanged).
struct TokenizerHeader {
  uint32_t tokenCount;
  uint32_t mergeCount;
  uint32_t flags;   ///< kTokenizerHasScores, kTokenizerHasSpmOptions
  uint32_t options; ///< kSpm* bits with kTokenizerHasSpmOptions, else 0
  uint64_t tokenPoolBytes;
  uint64_t mergePoolBytes;
};
static_assert(sizeof(TokenizerHeader) == 32, "tokenizer header layout");
constexpr uint32_t kTokenizerHasScores = 1;
/// `options` holds how a SentencePiece tokenizer (manifest kind "llama")
/// normalizes and decodes. Added after 1.0 shipped: a section without it
/// reads as before (a "llama" kind then takes kSpmDefaultOptions); a reader
/// that predates it rejects the section ("unknown flags").
constexpr uint32_t kTokenizerHasSpmOptions = 2;
/// Where "▁" is put before a text between special tokens (bits 0-1).
constexpr uint32_t kSpmPrefixMask = 0x3;
constexpr uint32_t kSpmPrefixNone = 0;  ///< never
constexpr uint32_t kSpmPrefixEvery = 1; ///< every text (llama.cpp add_space_prefix, HF Prepend)
constexpr uint32_t kSpmPrefixFirst = 2; ///< the text at offset 0 unless it starts with a space
constexpr uint32_t kSpmPrefixAlways = 3; ///< every text unless it starts with a space
/// Split at every "▁", each piece starting with one (HF Metaspace split).
constexpr uint32_t kSpmSplit = 1u << 2;
/// Characters without a token become their <0xNN> byte tokens.
constexpr uint32_t kSpmByteFallback = 1u << 3;
/// Decoding strips up to this many leading spaces (bits 4-7; HF Strip).
constexpr uint32_t kSpmStripShift = 4;
constexpr uint32_t kSpmStripMask = 0xF0;
constexpr uint32_t kSpmKnownOptions = 0xFF;
/// Llama 2 / Mistral: prefix every text, byte fallback, strip one space.
constexpr uint32_t kSpmDefaultOptions = kSpmPrefixEvery | kSpmByteFallback | (1u << kSpmStripShift);
constexpr uint32_t kMaxTokens = 1u << 24;
constexpr uint32_t kMaxMerges = 1u << 24;

constexpr uint64_t alignTo(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// Byte offsets of the tokenizer section's parts (relative to the section).
struct TokenizerLayout {
  uint64_t tokenOffsets, tokenTypes, scores, mergeOffsets, tokenPool, mergePool,
      end;
};

/// Layout of a tokenizer section for the given header. Counts are bounded by
/// kMaxTokens / kMaxMerges and pools by the caller, so this cannot overflow
/// for pool sizes below 2^62.
constexpr TokenizerLayout tokenizerLayout(const TokenizerHeader &h) {
  TokenizerLayout l{};
  l.tokenOffsets = sizeof(TokenizerHeader);
  l.tokenTypes = l.tokenOffsets + 4 * (uint64_t(h.tokenCount) + 1);
  l.scores = alignTo(l.tokenTypes + h.tokenCount, 4);
  l.mergeOffsets = l.scores + ((h.flags & kTokenizerHasScores)
                                   ? 4 * uint64_t(h.tokenCount) : 0);
  l.tokenPool = l.mergeOffsets + 4 * (2 * uint64_t(h.mergeCount) + 1);
  l.mergePool = alignTo(l.tokenPool + h.tokenPoolBytes, 4);
  l.end = alignTo(l.mergePool + h.mergePoolBytes, 4);
  return l;
}

//===----------------------------------------------------------------------===//
// Tensor dtypes
//===----------------------------------------------------------------------===//

/// How a tensor's values are stored. The manifest spells dtypes by name
/// (dtypeName); these codes are for code. Block formats follow llama.cpp's
/// ggml-common.h and are blocked along the innermost dimension.
enum class DType : uint32_t {
  F32 = 0, F16 = 1, BF16 = 2,
  Q4_0 = 3, Q4_1 = 4, Q5_0 = 5, Q5_1 = 6, Q8_0 = 7, Q4_K = 8, Q6_K = 9,
};

/// sinkc's group formats (#tfm.group_quant) are codes with kGroupDTypeBit
/// set; the other bits say bits per value, group size, mode and scale type.
/// Name: "i<bits>g<group><s|a>_<f16|f32>", e.g. "i4g64a_f16".
constexpr uint32_t kGroupDTypeBit = 0x100;
constexpr uint32_t kGroupInt8Bit = 0x1;      ///< else int4
constexpr uint32_t kGroupSizeShift = 1;      ///< 2 bits: 32 << n, n in 0..2
constexpr uint32_t kGroupAsymmetricBit = 0x8; ///< a minimum per group too
constexpr uint32_t kGroupScaleF32Bit = 0x10; ///< else f16 scales

constexpr uint32_t groupDType(unsigned bits, unsigned groupSize,
                              bool asymmetric, bool scaleF32) {
  return kGroupDTypeBit | (bits == 8 ? kGroupInt8Bit : 0) |
         ((groupSize == 128 ? 2u : groupSize == 64 ? 1u : 0u)
          << kGroupSizeShift) |
         (asymmetric ? kGroupAsymmetricBit : 0) |
         (scaleF32 ? kGroupScaleF32Bit : 0);
}

struct DTypeBlock {
  uint32_t values; ///< values per block (1 for plain floats); 0: unknown
  uint32_t bytes;  ///< bytes per block
};

/// Block geometry of a dtype code; {0, 0} for an unknown code.
constexpr DTypeBlock dtypeBlock(uint32_t code) {
  if (code & kGroupDTypeBit) {
    if (code & ~uint32_t(0x11F) || ((code >> kGroupSizeShift) & 3) == 3)
      return {0, 0};
    uint32_t group = 32u << ((code >> kGroupSizeShift) & 3);
    uint32_t bits = (code & kGroupInt8Bit) ? 8 : 4;
    uint32_t scaleBytes = (code & kGroupScaleF32Bit) ? 4 : 2;
    uint32_t scales = (code & kGroupAsymmetricBit) ? 2 : 1;
    return {group, group * bits / 8 + scales * scaleBytes};
  }
  switch (static_cast<DType>(code)) {
  case DType::F32: return {1, 4};
  case DType::F16: return {1, 2};
  case DType::BF16: return {1, 2};
  case DType::Q4_0: return {32, 18};
  case DType::Q4_1: return {32, 20};
  case DType::Q5_0: return {32, 22};
  case DType::Q5_1: return {32, 24};
  case DType::Q8_0: return {32, 34};
  case DType::Q4_K: return {256, 144};
  case DType::Q6_K: return {256, 210};
  }
  return {0, 0};
}

/// Bytes of a tensor of `code` whose innermost dimension is `rowValues` and
/// which has `rows` rows; 0 when the code is unknown, the row is not a whole
/// number of blocks or the size does not fit in 63 bits.
constexpr uint64_t dtypeStorageBytes(uint32_t code, uint64_t rowValues,
                                     uint64_t rows) {
  DTypeBlock b = dtypeBlock(code);
  if (b.values == 0 || rowValues % b.values != 0)
    return 0;
  uint64_t rowBytes = rowValues / b.values * b.bytes;
  if (rowValues != 0 && rowBytes / b.bytes != rowValues / b.values)
    return 0;
  if (rows != 0 && rowBytes > (uint64_t(1) << 63) / rows)
    return 0;
  return rowBytes * rows;
}

/// Writes the dtype's name ("q4_1", "i4g64a_f16") into `out` (at least 16
/// bytes); returns false for an unknown code.
inline bool dtypeName(uint32_t code, char out[16]) {
  static const char *const kNames[] = {"f32",  "f16",  "bf16", "q4_0", "q4_1",
                                       "q5_0", "q5_1", "q8_0", "q4_k", "q6_k"};
  if (dtypeBlock(code).values == 0)
    return false;
  if (!(code & kGroupDTypeBit)) {
    std::strcpy(out, kNames[code]);
    return true;
  }
  const char *bits = (code & kGroupInt8Bit) ? "8" : "4";
  const char *group[] = {"32", "64", "128"};
  char *p = out;
  auto put = [&p](const char *s) { while (*s) *p++ = *s++; };
  put("i"); put(bits); put("g"); put(group[(code >> kGroupSizeShift) & 3]);
  put((code & kGroupAsymmetricBit) ? "a_" : "s_");
  put((code & kGroupScaleF32Bit) ? "f32" : "f16");
  *p = '\0';
  return true;
}

/// The code of a dtype name, or false when `name` names none.
inline bool parseDType(const char *name, size_t length, uint32_t &code) {
  char buf[16];
  for (uint32_t c = 0; c <= static_cast<uint32_t>(DType::Q6_K); ++c)
    if (dtypeName(c, buf) && std::strlen(buf) == length &&
        std::memcmp(buf, name, length) == 0)
      return code = c, true;
  for (uint32_t c = kGroupDTypeBit; c <= (kGroupDTypeBit | 0x1F); ++c)
    if (dtypeName(c, buf) && std::strlen(buf) == length &&
        std::memcmp(buf, name, length) == 0)
      return code = c, true;
  return false;
}

} // namespace sinkrt::pkg

#endif // SINKRT_PACKAGE_FORMAT_H
