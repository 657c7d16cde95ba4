//===- PackageReader.cpp - opening .sinkpkg files -----------------------===//

#include "package/PackageReader.h"

#include "package/CpuFeatures.h"

#include "sinkrt/package_format.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sinkrt::pkg;

namespace sinkrt {

namespace {

std::string hex(uint64_t value) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%016llx",
                static_cast<unsigned long long>(value));
  return buf;
}

const char *kindName(uint32_t kind) {
  switch (static_cast<SectionKind>(kind)) {
  case SectionKind::Manifest: return "manifest";
  case SectionKind::Tokenizer: return "tokenizer";
  case SectionKind::Kernel: return "kernel";
  case SectionKind::Weights: return "weights";
  }
  return "unknown";
}

struct Section {
  SectionEntry entry;
  uint32_t index;
  std::string name; ///< entry.name up to its NUL
  std::string label; ///< "kernel section 2 \"cpu\"" for messages
};

} // namespace

PackageReader::~PackageReader() {
  if (mapped && size)
    munmap(const_cast<uint8_t *>(base), size);
}

std::unique_ptr<PackageReader>
PackageReader::open(const std::string &path, const PackageOpenOptions &options,
                    std::string &error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": cannot open: " + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = path + ": not a regular file";
    close(fd);
    return nullptr;
  }
  std::unique_ptr<PackageReader> reader(new PackageReader());
  reader->name = path;
  reader->size = uint64_t(st.st_size);
  if (reader->size >= sizeof(FileHeader)) {
    void *map = mmap(nullptr, reader->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      error = path + ": cannot map: " + std::strerror(errno);
      close(fd);
      return nullptr;
    }
    reader->base = static_cast<const uint8_t *>(map);
    reader->mapped = true;
  }
  close(fd);
  error = reader->validate(options);
  if (!error.empty())
    return nullptr;
  return reader;
}

std::unique_ptr<PackageReader>
PackageReader::openMemory(const uint8_t *data, uint64_t size,
                          const std::string &name,
                          const PackageOpenOptions &options,
                          std::string &error) {
  if (reinterpret_cast<uintptr_t>(data) % kPageAlignment != 0) {
    error = name + ": buffer is not 4096-byte aligned";
    return nullptr;
  }
  std::unique_ptr<PackageReader> reader(new PackageReader());
  reader->name = name;
  reader->base = data;
  reader->size = size;
  error = reader->validate(options);
  if (!error.empty())
    return nullptr;
  return reader;
}

std::string PackageReader::validate(const PackageOpenOptions &options) {
  auto fail = [this](uint64_t at, const std::string &what) {
    return name + ": byte " + std::to_string(at) + ": " + what;
  };

  // Header. Magic and version first: a newer major version may lay out the
  // rest differently, and deserves "newer", not "corrupt".
  if (size < sizeof(FileHeader))
    return fail(0, "file is " + std::to_string(size) +
                       " bytes, shorter than the 64-byte header");
  FileHeader h;
  std::memcpy(&h, base, sizeof(h));
  if (std::memcmp(h.magic, kMagic, sizeof(kMagic)) != 0)
    return fail(0, "not a sinkc package (bad magic)");
  if (h.versionMajor != kFormatMajor)
    return fail(8, "format version " + std::to_string(h.versionMajor) + "." +
                       std::to_string(h.versionMinor) +
                       (h.versionMajor > kFormatMajor ? " is newer than"
                                                      : " is not") +
                       " this runtime's " + std::to_string(kFormatMajor) +
                       ".x; compile the package with a matching sinkc");
  major = h.versionMajor;
  minor = h.versionMinor;
  uint64_t headerSum = XXH3_64bits(base, kHeaderChecksummedBytes);
  if (options.verifyChecksums && headerSum != h.headerChecksum)
    return fail(offsetof(FileHeader, headerChecksum),
                "header checksum mismatch (stored " + hex(h.headerChecksum) +
                    ", computed " + hex(headerSum) + ")");
  if (h.headerSize != sizeof(FileHeader))
    return fail(12, "header size " + std::to_string(h.headerSize) +
                        ", expected 64");
  if (h.fileSize > size)
    return fail(size, "file is truncated: the header says " +
                          std::to_string(h.fileSize) + " bytes, the file has " +
                          std::to_string(size));
  if (h.fileSize < size)
    return fail(h.fileSize, "file has " + std::to_string(size) +
                                " bytes, the header says " +
                                std::to_string(h.fileSize));

  // Section table.
  if (h.sectionCount == 0 || h.sectionCount > kMaxSections)
    return fail(32, "section count " + std::to_string(h.sectionCount) +
                        " is not 1 to " + std::to_string(kMaxSections));
  uint64_t tableBytes = uint64_t(h.sectionCount) * sizeof(SectionEntry);
  if (h.sectionTableOffset < sizeof(FileHeader) ||
      h.sectionTableOffset % 8 != 0 || h.sectionTableOffset > size ||
      tableBytes > size - h.sectionTableOffset)
    return fail(24, "section table (" + std::to_string(h.sectionCount) +
                        " entries at byte " +
                        std::to_string(h.sectionTableOffset) +
                        ") is misplaced or past the end of the file");
  uint64_t tableSum = XXH3_64bits(base + h.sectionTableOffset, tableBytes);
  if (options.verifyChecksums && tableSum != h.sectionTableChecksum)
    return fail(h.sectionTableOffset,
                "section table checksum mismatch (stored " +
                    hex(h.sectionTableChecksum) + ", computed " +
                    hex(tableSum) + ")");
  uint64_t tableEnd = h.sectionTableOffset + tableBytes;

  std::vector<Section> sections;
  const Section *manifestSection = nullptr, *tokenizerSection = nullptr,
                *weightsSection = nullptr;
  for (uint32_t i = 0; i < h.sectionCount; ++i) {
    uint64_t at = h.sectionTableOffset + uint64_t(i) * sizeof(SectionEntry);
    Section s;
    std::memcpy(&s.entry, base + at, sizeof(SectionEntry));
    s.index = i;
    const char *nameEnd = static_cast<const char *>(
        std::memchr(s.entry.name, 0, kSectionNameSize));
    if (!nameEnd)
      return fail(at + offsetof(SectionEntry, name),
                  "section " + std::to_string(i) + ": name is not terminated");
    s.name.assign(s.entry.name, size_t(nameEnd - s.entry.name));
    s.label = std::string(kindName(s.entry.kind)) + " section " +
              std::to_string(i);
    if (s.entry.kind == uint32_t(SectionKind::Kernel))
      s.label += " \"" + s.name + "\"";
    const SectionEntry &e = s.entry;
    uint64_t align = e.alignment;
    if (align < kMinSectionAlignment || align > kMaxSectionAlignment ||
        (align & (align - 1)))
      return fail(at + offsetof(SectionEntry, alignment),
                  s.label + ": alignment " + std::to_string(align) +
                      " is not a power of two in [8, 65536]");
    bool pageAligned = e.kind == uint32_t(SectionKind::Weights) ||
                       e.kind == uint32_t(SectionKind::Kernel);
    if (pageAligned && align < kPageAlignment)
      return fail(at + offsetof(SectionEntry, alignment),
                  s.label + ": alignment " + std::to_string(align) +
                      " is less than 4096");
    if (e.offset % align != 0)
      return fail(at + offsetof(SectionEntry, offset),
                  s.label + ": offset " + std::to_string(e.offset) +
                      " is not a multiple of its alignment " +
                      std::to_string(align));
    if (e.offset < tableEnd)
      return fail(at + offsetof(SectionEntry, offset),
                  s.label + ": offset " + std::to_string(e.offset) +
                      " is inside the header or section table");
    if (e.offset > size || e.size > size - e.offset)
      return fail(at + offsetof(SectionEntry, size),
                  s.label + ": bytes " + std::to_string(e.offset) + " to " +
                      std::to_string(e.offset + e.size) +
                      " run past the end of the file (" +
                      std::to_string(size) + " bytes)");
    if (e.flags != 0)
      return fail(at + offsetof(SectionEntry, flags),
                  s.label + ": unknown flags " + std::to_string(e.flags));
    sections.push_back(std::move(s));
  }

  // No two sections share a byte.
  std::vector<const Section *> byOffset;
  for (const Section &s : sections)
    byOffset.push_back(&s);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const Section *a, const Section *b) {
              return a->entry.offset < b->entry.offset;
            });
  for (size_t i = 1; i < byOffset.size(); ++i) {
    const Section &prev = *byOffset[i - 1], &cur = *byOffset[i];
    if (cur.entry.offset < prev.entry.offset + prev.entry.size)
      return fail(cur.entry.offset, cur.label + " overlaps " + prev.label);
  }

  // Exactly one manifest, tokenizer and weights; kernel targets unique.
  for (const Section &s : sections) {
    const Section **slot = nullptr;
    switch (static_cast<SectionKind>(s.entry.kind)) {
    case SectionKind::Manifest: slot = &manifestSection; break;
    case SectionKind::Tokenizer: slot = &tokenizerSection; break;
    case SectionKind::Weights: slot = &weightsSection; break;
    case SectionKind::Kernel:
      if (s.name.empty())
        return fail(s.entry.offset, s.label + " has no target name");
      for (const auto &k : kernels)
        if (k.first == s.name)
          return fail(s.entry.offset, "two kernel sections for target \"" +
                                          s.name + "\"");
      kernels.push_back({s.name, {base + s.entry.offset, s.entry.size}});
      break;
    }
    if (slot) {
      if (*slot)
        return fail(s.entry.offset, "second " + std::string(kindName(s.entry.kind)) +
                                        " section (section " +
                                        std::to_string(s.index) + ")");
      *slot = &s;
    }
  }
  for (auto [section, kind] : {std::pair{manifestSection, "manifest"},
                               std::pair{tokenizerSection, "tokenizer"},
                               std::pair{weightsSection, "weights"}})
    if (!section)
      return fail(h.sectionTableOffset,
                  std::string("the package has no ") + kind + " section");

  // Checksums of everything but the weights.
  for (const Section &s : sections) {
    if (&s == weightsSection || !options.verifyChecksums)
      continue;
    uint64_t sum = XXH3_64bits(base + s.entry.offset, s.entry.size);
    if (sum != s.entry.checksum)
      return fail(s.entry.offset, s.label + ": checksum mismatch (stored " +
                                      hex(s.entry.checksum) + ", computed " +
                                      hex(sum) + ")");
  }
  weights = {base + weightsSection->entry.offset, weightsSection->entry.size};
  weightsOffset = weightsSection->entry.offset;
  weightsChecksum = weightsSection->entry.checksum;
  if (options.verifyWeights && options.verifyChecksums)
    if (std::string error = verifyWeights(); !error.empty())
      return error;

  // Manifest.
  uint64_t manifestAt = manifestSection->entry.offset;
  manifestBytes = {reinterpret_cast<const char *>(base + manifestAt),
                   manifestSection->entry.size};
  std::string manifestLabel = "manifest section " +
                              std::to_string(manifestSection->index);
  if (std::string error = parseManifest(manifestBytes, parsedManifest);
      !error.empty())
    return fail(manifestAt, manifestLabel + ": " + error);
  const Manifest &m = parsedManifest;
  if (m.versionMajor != major || m.versionMinor != minor)
    return fail(manifestAt,
                manifestLabel + ": field \"format_version\" is [" +
                    std::to_string(m.versionMajor) + ", " +
                    std::to_string(m.versionMinor) + "], the header says " +
                    std::to_string(major) + "." + std::to_string(minor));

  // Tokenizer.
  uint64_t tokenizerAt = tokenizerSection->entry.offset;
  if (std::string error = tokenizerView.init(base + tokenizerAt,
                                             tokenizerSection->entry.size);
      !error.empty())
    return fail(tokenizerAt, tokenizerSection->label + ": " + error);
  const TokenizerConfig &tc = m.tokenizer;
  for (auto [id, field] : {std::pair{tc.bos, "bos"}, std::pair{tc.eos, "eos"},
                           std::pair{tc.unk, "unk"}, std::pair{tc.pad, "pad"}})
    if (id >= int64_t(tokenizerView.tokenCount()))
      return fail(manifestAt, manifestLabel + ": field \"tokenizer." +
                                  field + "\" is " + std::to_string(id) +
                                  ", past the tokenizer's " +
                                  std::to_string(tokenizerView.tokenCount()) +
                                  " tokens");

  // Kernels: the manifest lists exactly the kernel sections.
  for (size_t i = 0; i < m.kernels.size(); ++i) {
    const KernelInfo &k = m.kernels[i];
    std::string field = "field \"kernels[" + std::to_string(i) + "]";
    Blob blob = kernel(k.target);
    if (!blob.data)
      return fail(manifestAt, manifestLabel + ": " + field +
                                  ".target\" is \"" + k.target +
                                  "\", which has no kernel section");
    if (blob.size != k.size)
      return fail(manifestAt, manifestLabel + ": " + field + ".size\" is " +
                                  std::to_string(k.size) +
                                  ", the kernel section has " +
                                  std::to_string(blob.size) + " bytes");
  }
  for (const auto &k : kernels)
    if (std::none_of(m.kernels.begin(), m.kernels.end(),
                     [&](const KernelInfo &info) { return info.target == k.first; }))
      return fail(manifestAt, manifestLabel + ": field \"kernels\" does not "
                                              "list kernel target \"" +
                                  k.first + "\"");

  // Tensors: inside the weights section, disjoint.
  std::vector<size_t> order(m.tensors.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const TensorInfo &t = m.tensors[i];
    if (t.offset > weights.size || t.size > weights.size - t.offset)
      return fail(manifestAt,
                  manifestLabel + ": field \"tensors[" + std::to_string(i) +
                      "]\": tensor \"" + t.name + "\" (bytes " +
                      std::to_string(t.offset) + " to " +
                      std::to_string(t.offset + t.size) +
                      ") runs past the weights section's " +
                      std::to_string(weights.size) + " bytes");
    order[i] = i;
    tensorIndex.emplace(t.name, i);
  }
  std::sort(order.begin(), order.end(), [&m](size_t a, size_t b) {
    return m.tensors[a].offset < m.tensors[b].offset;
  });
  for (size_t i = 1; i < order.size(); ++i) {
    const TensorInfo &prev = m.tensors[order[i - 1]], &cur = m.tensors[order[i]];
    if (cur.offset < prev.offset + prev.size)
      return fail(weightsOffset + cur.offset,
                  manifestLabel + ": tensor \"" + cur.name +
                      "\" overlaps tensor \"" + prev.name + "\"");
  }

  // Last: a sound package the host cannot run.
  if (options.checkCpuFeatures) {
    std::vector<std::string> missing = missingCpuFeatures(m.cpuFeatures);
    if (!missing.empty()) {
      std::string list;
      for (const std::string &f : missing)
        list += (list.empty() ? "" : ", ") + f;
      return name + ": the package needs CPU features this host lacks: " +
             list + " (manifest field \"cpu_features\")";
    }
  }
  return "";
}

PackageReader::Blob PackageReader::kernel(std::string_view target) const {
  for (const auto &k : kernels)
    if (k.first == target)
      return k.second;
  return {};
}

const TensorInfo *PackageReader::findTensor(std::string_view tensor) const {
  auto it = tensorIndex.find(tensor);
  return it == tensorIndex.end() ? nullptr
                                 : &parsedManifest.tensors[it->second];
}

std::string PackageReader::verifyWeights() const {
  uint64_t sum = XXH3_64bits(weights.data, weights.size);
  if (sum == weightsChecksum)
    return "";
  return name + ": byte " + std::to_string(weightsOffset) +
         ": weights section: checksum mismatch (stored " +
         hex(weightsChecksum) + ", computed " + hex(sum) + ")";
}

} // namespace sinkrt
