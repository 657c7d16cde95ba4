//===- Safetensors.h - reading safetensors checkpoints ----------*- C++ -*-===//
//
// One `.safetensors` file (8-byte header length, JSON header, data) and a
// Hugging Face checkpoint folder: config.json plus model.safetensors or shards
// listed in model.safetensors.index.json. Every offset is checked against the
// file size; errors name the file and the byte offset or JSON field.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_IMPORTERS_SAFETENSORS_H
#define SINKC_IMPORTERS_SAFETENSORS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sinkc::safetensors {

struct TensorInfo {
  std::string name;
  std::string dtype;          ///< as the header spells it: "F32", "F16", "BF16", ...
  std::vector<int64_t> shape; ///< row-major
  uint64_t fileOffset = 0;    ///< absolute offset of the first byte
  uint64_t byteSize = 0;
  std::string file;           ///< path of the file that holds it
  /// sinkc's group format ("i4g64a_f16") when the file's metadata key
  /// "sinkc.encoding.<name>" declares one: the tensor is stored as U8 rows of
  /// whole groups and `shape` is its logical shape (values, not bytes).
  std::string encoding;
};

class SafetensorsFile {
public:
  static llvm::Expected<SafetensorsFile> open(llvm::StringRef path);
  /// Parses a buffer (its identifier names it in errors).
  static llvm::Expected<SafetensorsFile> parse(std::shared_ptr<llvm::MemoryBuffer> buffer);

  llvm::StringRef getPath() const { return buffer->getBufferIdentifier(); }
  const std::vector<TensorInfo> &getTensors() const { return tensors; }
  const std::map<std::string, std::string> &getMetadata() const { return metadata; }

private:
  std::shared_ptr<llvm::MemoryBuffer> buffer;
  std::vector<TensorInfo> tensors;
  std::map<std::string, std::string> metadata; ///< "__metadata__"
  friend class SafetensorsParser;
};

/// A Hugging Face checkpoint folder.
class Checkpoint {
public:
  static llvm::Expected<Checkpoint> open(llvm::StringRef folder);

  llvm::StringRef getFolder() const { return folder; }
  /// config.json, parsed.
  const llvm::json::Object &getConfig() const { return config; }
  /// Every tensor of every shard; names are unique.
  const std::vector<TensorInfo> &getTensors() const { return tensors; }
  const TensorInfo *findTensor(llvm::StringRef name) const;
  /// Path of tokenizer.json when the folder has one, else empty.
  llvm::StringRef getTokenizerPath() const { return tokenizerPath; }

private:
  std::string folder;
  std::string tokenizerPath;
  llvm::json::Object config;
  std::vector<TensorInfo> tensors;
  std::map<std::string, size_t> byName;
};

} // namespace sinkc::safetensors

#endif // SINKC_IMPORTERS_SAFETENSORS_H
