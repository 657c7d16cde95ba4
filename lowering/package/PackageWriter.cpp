//===- PackageWriter.cpp - writing .sinkpkg files -------------------------===//
//
// The file is sized up front (every section's size is known before a byte
// is written), mapped, filled in place — tensors straight from the caller's
// buffers or fill callbacks — checksummed, and renamed into place.
//
//===----------------------------------------------------------------------===//

#include "PackageWriter.h"

#include "sinkrt/package_format.h"

#include <nlohmann/json.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sinkrt::pkg;
using Json = nlohmann::ordered_json;

namespace sinkc::package {

std::string PackageWriter::setManifest(const std::string &jsonObject) {
  Json parsed = Json::parse(jsonObject, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    return "manifest is not valid JSON";
  if (!parsed.is_object())
    return "manifest is not a JSON object";
  for (const char *owned : {"format_version", "kernels", "tensors"})
    if (parsed.contains(owned))
      return std::string("manifest sets \"") + owned +
             "\", which the package writer fills in";
  manifest = jsonObject;
  return "";
}

std::string PackageWriter::addKernel(const std::string &target,
                                     const std::string &format,
                                     std::vector<uint8_t> blob) {
  if (target.empty() || target.size() >= kSectionNameSize)
    return "kernel target \"" + target + "\" must have 1 to " +
           std::to_string(kSectionNameSize - 1) + " characters";
  if (target.find('\0') != std::string::npos)
    return "kernel target contains a NUL byte";
  for (const Kernel &k : kernels)
    if (k.target == target)
      return "two kernel blobs for target \"" + target + "\"";
  kernels.push_back({target, format, std::move(blob)});
  return "";
}

std::string PackageWriter::addTensor(const std::string &name, uint32_t dtype,
                                     const std::vector<int64_t> &shape,
                                     const void *data, uint64_t size) {
  std::string error = addTensorImpl({name, dtype, shape, size, 0, data, {}});
  return error;
}

std::string PackageWriter::addTensor(const std::string &name, uint32_t dtype,
                                     const std::vector<int64_t> &shape,
                                     TensorFill fill) {
  if (!fill)
    return "tensor \"" + name + "\" has no fill function";
  return addTensorImpl({name, dtype, shape, UINT64_MAX, 0, nullptr,
                        std::move(fill)});
}

std::string PackageWriter::addTensorImpl(Tensor tensor) {
  const std::string quoted = "tensor \"" + tensor.name + "\"";
  if (tensor.name.empty())
    return "a tensor has an empty name";
  for (const Tensor &t : tensors)
    if (t.name == tensor.name)
      return "two tensors named \"" + tensor.name + "\"";
  char dtypeText[16];
  if (!dtypeName(tensor.dtype, dtypeText))
    return quoted + ": unknown dtype code " + std::to_string(tensor.dtype);
  uint64_t rows = 1, row = 1;
  for (size_t i = 0; i < tensor.shape.size(); ++i) {
    int64_t dim = tensor.shape[i];
    if (dim <= 0)
      return quoted + ": dimension " + std::to_string(i) + " is " +
             std::to_string(dim);
    if (i + 1 == tensor.shape.size())
      row = dim;
    else if (rows > (uint64_t(1) << 62) / uint64_t(dim))
      return quoted + ": too many elements";
    else
      rows *= dim;
  }
  uint64_t bytes = dtypeStorageBytes(tensor.dtype, row, rows);
  if (bytes == 0)
    return quoted + ": innermost dimension " + std::to_string(row) +
           " is not a whole number of " + dtypeText + " blocks";
  if (tensor.size == UINT64_MAX)
    tensor.size = bytes;
  if (tensor.size != bytes)
    return quoted + ": " + std::to_string(tensor.size) + " bytes given, " +
           dtypeText + " of this shape is " + std::to_string(bytes);
  tensor.offset = alignTo(weightsSize, kTensorAlignment);
  weightsSize = tensor.offset + tensor.size;
  tensors.push_back(std::move(tensor));
  return "";
}

std::string PackageWriter::buildManifest(std::string &out) const {
  Json json = Json::parse(manifest, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return "manifest is not a JSON object";
  Json result = Json::object();
  result["format_version"] = {kFormatMajor, kFormatMinor};
  for (auto it = json.begin(); it != json.end(); ++it)
    result[it.key()] = it.value();
  Json kernelList = Json::array();
  for (const Kernel &k : kernels)
    kernelList.push_back({{"target", k.target}, {"format", k.format},
                          {"size", k.blob.size()}});
  result["kernels"] = std::move(kernelList);
  Json tensorList = Json::array();
  for (const Tensor &t : tensors) {
    char dtype[16];
    dtypeName(t.dtype, dtype);
    tensorList.push_back({{"name", t.name}, {"dtype", dtype},
                          {"shape", t.shape}, {"offset", t.offset},
                          {"size", t.size}});
  }
  result["tensors"] = std::move(tensorList);
  // Invalid UTF-8 in a name becomes U+FFFD rather than an exception.
  out = result.dump(1, ' ', false, Json::error_handler_t::replace);
  return "";
}

namespace {

struct PlannedSection {
  SectionKind kind;
  std::string name;
  uint64_t size, alignment, offset = 0;
};

/// Owns the temporary file until it is renamed into place.
class TempFile {
public:
  ~TempFile() {
    if (map != MAP_FAILED)
      munmap(map, size);
    if (fd >= 0)
      close(fd);
    if (!renamed && !path.empty())
      unlink(path.c_str());
  }

  std::string create(const std::string &target, uint64_t bytes) {
    path = target + ".tmp.XXXXXX";
    fd = mkstemp(path.data());
    if (fd < 0) {
      std::string error = fail("cannot create a temporary file", target);
      path.clear();
      return error;
    }
    fchmod(fd, 0644);
    if (int rc = posix_fallocate(fd, 0, static_cast<off_t>(bytes))) {
      errno = rc;
      return fail("cannot reserve " + std::to_string(bytes) + " bytes", path);
    }
    size = bytes;
    map = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED)
      return fail("cannot map", path);
    return "";
  }

  std::string commit(const std::string &target) {
    if (msync(map, size, MS_SYNC) != 0)
      return fail("cannot write", path);
    munmap(map, size);
    map = MAP_FAILED;
    if (fsync(fd) != 0 || close(fd) != 0) {
      fd = -1;
      return fail("cannot write", path);
    }
    fd = -1;
    if (rename(path.c_str(), target.c_str()) != 0)
      return fail("cannot rename " + path + " to", target);
    renamed = true;
    return "";
  }

  uint8_t *data() const { return static_cast<uint8_t *>(map); }

private:
  static std::string fail(const std::string &what, const std::string &file) {
    return file + ": " + what + ": " + std::strerror(errno);
  }

  std::string path;
  int fd = -1;
  void *map = MAP_FAILED;
  uint64_t size = 0;
  bool renamed = false;
};

} // namespace

std::string PackageWriter::write(const std::string &path) const {
  std::string manifestText;
  if (std::string error = buildManifest(manifestText); !error.empty())
    return path + ": " + error;
  std::vector<uint8_t> tokenizerBytes;
  if (std::string error = encodeTokenizerSection(tokenizer, tokenizerBytes);
      !error.empty())
    return path + ": " + error;

  // Layout: header, section table, manifest, tokenizer, kernels, weights.
  std::vector<PlannedSection> sections;
  sections.push_back({SectionKind::Manifest, "", manifestText.size(),
                      kMinSectionAlignment});
  sections.push_back({SectionKind::Tokenizer, "", tokenizerBytes.size(),
                      kMinSectionAlignment});
  for (const Kernel &k : kernels)
    sections.push_back({SectionKind::Kernel, k.target, k.blob.size(),
                        kPageAlignment});
  uint64_t weightsBytes = alignTo(weightsSize, kTensorAlignment);
  sections.push_back({SectionKind::Weights, "", weightsBytes, kPageAlignment});
  uint64_t tableOffset = sizeof(FileHeader);
  uint64_t pos = tableOffset + sections.size() * sizeof(SectionEntry);
  for (PlannedSection &s : sections) {
    s.offset = alignTo(pos, s.alignment);
    pos = s.offset + s.size;
  }
  uint64_t fileSize = pos;

  TempFile file;
  if (std::string error = file.create(path, fileSize); !error.empty())
    return error;
  uint8_t *base = file.data();
  std::memset(base, 0, sections.front().offset); // header, table, padding

  std::vector<SectionEntry> table(sections.size());
  size_t kernelIndex = 0;
  for (size_t i = 0; i < sections.size(); ++i) {
    const PlannedSection &s = sections[i];
    uint8_t *dst = base + s.offset;
    // Zero the padding after the section (up to the next one or EOF).
    uint64_t end = i + 1 < sections.size() ? sections[i + 1].offset : fileSize;
    std::memset(dst + s.size, 0, end - s.offset - s.size);
    switch (s.kind) {
    case SectionKind::Manifest:
      std::memcpy(dst, manifestText.data(), s.size);
      break;
    case SectionKind::Tokenizer:
      std::memcpy(dst, tokenizerBytes.data(), s.size);
      break;
    case SectionKind::Kernel:
      if (s.size)
        std::memcpy(dst, kernels[kernelIndex].blob.data(), s.size);
      ++kernelIndex;
      break;
    case SectionKind::Weights: {
      uint64_t at = 0;
      for (const Tensor &t : tensors) {
        std::memset(dst + at, 0, t.offset - at);
        if (t.fill) {
          if (std::string error = t.fill(dst + t.offset, t.size); !error.empty())
            return path + ": tensor \"" + t.name + "\": " + error;
        } else {
          std::memcpy(dst + t.offset, t.data, t.size);
        }
        at = t.offset + t.size;
      }
      std::memset(dst + at, 0, s.size - at);
      break;
    }
    }
    SectionEntry &e = table[i];
    e.kind = static_cast<uint32_t>(s.kind);
    e.offset = s.offset;
    e.size = s.size;
    e.alignment = s.alignment;
    e.checksum = XXH3_64bits(dst, s.size);
    std::memcpy(e.name, s.name.data(), s.name.size());
  }
  std::memcpy(base + tableOffset, table.data(),
              table.size() * sizeof(SectionEntry));

  FileHeader header{};
  std::memcpy(header.magic, kMagic, sizeof(kMagic));
  header.versionMajor = kFormatMajor;
  header.versionMinor = kFormatMinor;
  header.headerSize = sizeof(FileHeader);
  header.fileSize = fileSize;
  header.sectionTableOffset = tableOffset;
  header.sectionCount = static_cast<uint32_t>(table.size());
  header.sectionTableChecksum =
      XXH3_64bits(table.data(), table.size() * sizeof(SectionEntry));
  header.headerChecksum = XXH3_64bits(&header, kHeaderChecksummedBytes);
  std::memcpy(base, &header, sizeof(header));
  return file.commit(path);
}

} // namespace sinkc::package
