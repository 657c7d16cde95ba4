//===- GgufFile.h - reading GGUF v2/v3 files --------------------*- C++ -*-===//
//
// Parses the header, every metadata value type, tensor infos, alignment and
// offsets of a GGUF file, validating every count and offset against the file
// size before using it. Errors name the file and the byte offset.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_IMPORTERS_GGUFFILE_H
#define SINKC_IMPORTERS_GGUFFILE_H

#include "sinkc/Importers/GgufTypes.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sinkc::gguf {

/// gguf_type of metadata values.
enum class ValueType : uint32_t {
  UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5,
  Float32 = 6, Bool = 7, String = 8, Array = 9, UInt64 = 10, Int64 = 11,
  Float64 = 12,
};

struct MetadataValue {
  ValueType type = ValueType::UInt8;
  uint64_t u = 0;      ///< unsigned integer types
  int64_t i = 0;       ///< signed integer types
  double f = 0.0;      ///< Float32, Float64
  bool b = false;      ///< Bool
  std::string s;       ///< String
  ValueType elementType = ValueType::UInt8; ///< Array
  std::vector<MetadataValue> array;         ///< Array

  /// The value as an integer when it is one (of any width and sign) and fits.
  std::optional<int64_t> getInteger() const;
  /// The value as a double when it is a float or an integer.
  std::optional<double> getFloat() const;
  /// The string when the value is a string.
  std::optional<llvm::StringRef> getString() const;
};

struct TensorInfo {
  std::string name;
  std::vector<uint64_t> ne; ///< GGUF order: ne[0] is the innermost dimension
  uint32_t typeId = 0;      ///< raw ggml_type
  uint64_t relativeOffset = 0; ///< from the start of the data section
  uint64_t fileOffset = 0;     ///< absolute
  uint64_t byteSize = 0;

  /// Row-major shape, outermost first (ne reversed).
  std::vector<int64_t> getShape() const;
  uint64_t getNumElements() const;
};

class GgufFile {
public:
  /// Maps and parses `path`.
  static llvm::Expected<GgufFile> open(llvm::StringRef path);
  /// Parses a buffer (its identifier names it in errors). Tensor data must
  /// lie inside the buffer.
  static llvm::Expected<GgufFile> parse(std::shared_ptr<llvm::MemoryBuffer> buffer);

  llvm::StringRef getPath() const { return buffer->getBufferIdentifier(); }
  uint32_t getVersion() const { return version; }
  uint64_t getAlignment() const { return alignment; }
  uint64_t getDataOffset() const { return dataOffset; }

  /// Metadata in file order.
  const std::vector<std::pair<std::string, MetadataValue>> &getMetadata() const {
    return metadata;
  }
  const MetadataValue *findMetadata(llvm::StringRef key) const;

  const std::vector<TensorInfo> &getTensors() const { return tensors; }
  const TensorInfo *findTensor(llvm::StringRef name) const;

  /// The stored bytes of `tensor` (inside the mapped file).
  llvm::ArrayRef<uint8_t> getTensorData(const TensorInfo &tensor) const;

private:
  std::shared_ptr<llvm::MemoryBuffer> buffer;
  uint32_t version = 0;
  uint64_t alignment = 32;
  uint64_t dataOffset = 0;
  std::vector<std::pair<std::string, MetadataValue>> metadata;
  std::vector<TensorInfo> tensors;
  friend class GgufParser;
};

} // namespace sinkc::gguf

#endif // SINKC_IMPORTERS_GGUFFILE_H
