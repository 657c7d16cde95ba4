//===- PackageReader.h - opening .sinkpkg files -------------------------===//
//
// Maps a package read-only and validates all of it before anything is used:
// header (magic, version, size, checksum), section table (bounds, overlap,
// alignment, checksum), the checksums of every section but the weights, the
// manifest, the tokenizer section, kernels against the manifest, the tensor
// table against the weights section, and the CPU features the package
// needs. Every error is one message naming the file and the byte offset,
// section or manifest field. The weights' checksum is verified only on
// request (verifyWeights): hashing them reads every page of what is
// otherwise mapped lazily. docs/package-format.md describes the format.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_PACKAGE_PACKAGEREADER_H
#define SINKRT_PACKAGE_PACKAGEREADER_H

#include "package/Manifest.h"
#include "package/TokenizerView.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sinkrt {

struct PackageOpenOptions {
  /// Hash the weights section at open (reads all of it).
  bool verifyWeights = false;
  /// Fail when the host lacks a CPU feature the manifest lists.
  bool checkCpuFeatures = true;
  /// Verify header, table and section checksums. Only the fuzzer turns this
  /// off, to reach the structural checks behind them.
  bool verifyChecksums = true;
};

class PackageReader {
public:
  struct Blob {
    const uint8_t *data = nullptr;
    uint64_t size = 0;
  };

  /// Maps and validates the package at `path`. On failure returns nullptr
  /// and sets `error`.
  static std::unique_ptr<PackageReader>
  open(const std::string &path, const PackageOpenOptions &options,
       std::string &error);
  /// Validates `size` bytes at `data` (4096-byte aligned, owned by the
  /// caller and alive as long as the reader); `name` stands for the file in
  /// messages.
  static std::unique_ptr<PackageReader>
  openMemory(const uint8_t *data, uint64_t size, const std::string &name,
             const PackageOpenOptions &options, std::string &error);

  ~PackageReader();
  PackageReader(const PackageReader &) = delete;
  PackageReader &operator=(const PackageReader &) = delete;

  const std::string &path() const { return name; }
  uint32_t versionMajor() const { return major; }
  uint32_t versionMinor() const { return minor; }
  const Manifest &manifest() const { return parsedManifest; }
  std::string_view manifestText() const { return manifestBytes; }
  const TokenizerView &tokenizer() const { return tokenizerView; }

  /// The kernel blob for `target`; data is nullptr when there is none.
  Blob kernel(std::string_view target) const;
  /// The tensor named `name`, or nullptr.
  const TensorInfo *findTensor(std::string_view name) const;
  /// The bytes of a tensor of manifest().tensors (64-byte aligned).
  Blob tensorData(const TensorInfo &tensor) const {
    return {weights.data + tensor.offset, tensor.size};
  }
  Blob weightsSection() const { return weights; }

  /// Hashes the weights section; returns an error naming the file, empty
  /// when it matches.
  std::string verifyWeights() const;

private:
  PackageReader() = default;
  std::string validate(const PackageOpenOptions &options);

  std::string name;
  const uint8_t *base = nullptr;
  uint64_t size = 0;
  bool mapped = false; ///< munmap base at destruction
  uint32_t major = 0, minor = 0;
  uint64_t weightsOffset = 0, weightsChecksum = 0;
  Blob weights;
  std::string_view manifestBytes;
  Manifest parsedManifest;
  TokenizerView tokenizerView;
  std::vector<std::pair<std::string, Blob>> kernels;
  std::unordered_map<std::string_view, size_t> tensorIndex;
};

} // namespace sinkrt

#endif // SINKRT_PACKAGE_PACKAGEREADER_H
