//===- GgufTypes.h - GGUF tensor types and dequantization -------*- C++ -*-===//
//
// Plain C++ (no LLVM): the runtime and tests use these too. Block layouts
// follow llama.cpp's ggml-common.h.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_IMPORTERS_GGUFTYPES_H
#define SINKC_IMPORTERS_GGUFTYPES_H

#include <cstddef>
#include <cstdint>

namespace sinkc::gguf {

/// GGUF tensor type ids (ggml_type). Only those sinkc reads are named.
enum class TensorType : uint32_t {
  F32 = 0,
  F16 = 1,
  Q4_0 = 2,
  Q4_1 = 3,
  Q5_0 = 6,
  Q5_1 = 7,
  Q8_0 = 8,
  Q4_K = 12,
  Q6_K = 14,
  BF16 = 30,
};

struct TypeTraits {
  TensorType type;
  const char *name;   ///< lower-case, as tfm spells it: "f32", "q4_1", "q4_k"
  int64_t blockSize;  ///< values per block (1 for plain floats)
  int64_t blockBytes; ///< bytes per block
  bool quantized;
};

/// Traits of a supported type id, or nullptr for any other id (including
/// valid ggml types sinkc does not read, e.g. Q2_K).
const TypeTraits *getTypeTraits(uint32_t typeId);

/// Name of any ggml type id for messages ("q2_k", "iq4_xs", "type 77").
const char *describeTypeId(uint32_t typeId);

/// Bytes `count` values of `type` occupy; 0 when count is not a whole number
/// of blocks or the size overflows.
uint64_t storageBytes(const TypeTraits &type, uint64_t count);

/// Dequantizes `count` values stored as `type` in `data` (`bytes` long) into
/// `out`. Returns false (writing nothing) when `bytes` != storageBytes(count).
bool dequantize(const TypeTraits &type, const void *data, uint64_t bytes,
                float *out, uint64_t count);

} // namespace sinkc::gguf

#endif // SINKC_IMPORTERS_GGUFTYPES_H
