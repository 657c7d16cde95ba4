//===- PackageWriter.h - writing .sinkpkg files ---------------*- C++ -*-===//
//
// Plain C++ (no LLVM): collects the manifest, tokenizer, kernel blobs and
// tensors of a package and writes the file in one pass, atomically (a
// temporary file in the same folder, renamed over the target). The layout is
// sinkrt/package_format.h and docs/package-format.md. Errors are returned as
// messages; nothing throws.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_PACKAGE_PACKAGEWRITER_H
#define SINKC_LOWERING_PACKAGE_PACKAGEWRITER_H

#include "TokenizerSection.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sinkc::package {

class PackageWriter {
public:
  /// Fills a tensor's `size` bytes at `dst` (e.g. from a mapped GGUF file);
  /// returns an error message, empty on success.
  using TensorFill = std::function<std::string(uint8_t *dst, uint64_t size)>;

  /// The manifest as a JSON object without the members the writer owns
  /// ("format_version", "kernels", "tensors"); they are added at write().
  [[nodiscard]] std::string setManifest(const std::string &jsonObject);
  void setTokenizer(TokenizerData data) { tokenizer = std::move(data); }
  /// One blob per target (e.g. "cpu-x86_64"); `format` says what the bytes
  /// are ("elf-shared-object", "cubin", "hsaco").
  [[nodiscard]] std::string addKernel(const std::string &target,
                                      const std::string &format,
                                      std::vector<uint8_t> blob);
  /// A tensor of dtype `dtype` (sinkrt::pkg dtype code) and row-major
  /// `shape` whose bytes are `data` (kept alive by the caller until write()).
  /// `size` must be the dtype's storage size of the shape.
  [[nodiscard]] std::string addTensor(const std::string &name, uint32_t dtype,
                                      const std::vector<int64_t> &shape,
                                      const void *data, uint64_t size);
  /// The same with bytes produced by `fill` during write().
  [[nodiscard]] std::string addTensor(const std::string &name, uint32_t dtype,
                                      const std::vector<int64_t> &shape,
                                      TensorFill fill);

  /// Writes the package to `path`. Returns an error message naming the file,
  /// empty on success; on error `path` is left as it was.
  [[nodiscard]] std::string write(const std::string &path) const;

private:
  struct Kernel {
    std::string target, format;
    std::vector<uint8_t> blob;
  };
  struct Tensor {
    std::string name;
    uint32_t dtype;
    std::vector<int64_t> shape;
    uint64_t size, offset; ///< offset: inside the weights section
    const void *data;
    TensorFill fill;
  };

  std::string addTensorImpl(Tensor tensor);
  std::string buildManifest(std::string &out) const;

  std::string manifest = "{}";
  TokenizerData tokenizer;
  std::vector<Kernel> kernels;
  std::vector<Tensor> tensors;
  uint64_t weightsSize = 0;
};

} // namespace sinkc::package

#endif // SINKC_LOWERING_PACKAGE_PACKAGEWRITER_H
