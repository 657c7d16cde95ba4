//===- PackageTest.cpp - .sinkpkg writer and reader ------------------------===//
//
// A package written by PackageWriter reads back byte for byte; every class
// of corruption is one exact error. Corrupt packages are made from a valid
// one by a small in-test builder that re-lays out sections and recomputes
// checksums, so each test breaks exactly one thing.
//
//===----------------------------------------------------------------------===//

#include "package/CpuFeatures.h"
#include "package/PackageReader.h"

#include "../../lowering/package/PackageWriter.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace sinkrt;
using namespace sinkrt::pkg;
using sinkc::package::PackageWriter;
using sinkc::package::TokenizerData;
using Bytes = std::vector<uint8_t>;

namespace {

const char *kManifest = R"({
  "model": {"arch": "llama", "layers": 2, "hidden": 64, "heads": 4,
            "kv_heads": 2, "head_dim": 16, "vocab": 5, "context": 256},
  "tokenizer": {"kind": "gpt2", "pre": "smollm", "regexes": ["\\p{N}", " ?\\p{L}+"],
                "bos": 1, "eos": 2, "unk": 0, "pad": -1, "add_bos": false,
                "chat_template": "{{ messages }}"},
  "kv_cache": {"abi_version": 1, "groups": [
    {"policy": "full", "entries": 3, "slots": null, "head_dim": 16, "element_type": "f16"},
    {"policy": "streaming", "sinks": 4, "window": 252, "slots": 256, "entries": 1,
     "head_dim": 16, "element_type": "f32"}]},
  "execution_plan": [{"dispatch": "matmul_0", "workgroups": 8}],
  "cpu_features": ["sse2"]
})";

/// A small package: two kernels, three tensors (one filled by callback).
struct Sample {
  std::vector<float> embedding = std::vector<float>(5 * 64);
  Bytes q8 = Bytes(2 * 34 * 2);   // q8_0 [2, 64]
  Bytes so = Bytes(300, 0x7f);
  Bytes cubin = Bytes(5000, 0xcb);

  Sample() {
    for (size_t i = 0; i < embedding.size(); ++i)
      embedding[i] = float(i) * 0.5f;
    for (size_t i = 0; i < q8.size(); ++i)
      q8[i] = uint8_t(i * 7);
  }

  TokenizerData tokenizer() const {
    TokenizerData t;
    t.tokens = {"<unk>", "<s>", "</s>", "Ġt", "he"};
    t.types = {2, 3, 3, 1, 1};
    t.scores = {0.f, -1.f, -2.f, -3.5f, -4.f};
    t.merges = {{"Ġ", "t"}, {"h", "e"}, {"a b", "c"}};
    return t;
  }

  std::string write(const std::string &path) const {
    PackageWriter w;
    if (std::string e = w.setManifest(kManifest); !e.empty())
      return e;
    w.setTokenizer(tokenizer());
    if (std::string e = w.addKernel("cpu-x86_64", "elf-shared-object", so);
        !e.empty())
      return e;
    if (std::string e = w.addKernel("cuda-sm_90", "cubin", cubin); !e.empty())
      return e;
    if (std::string e = w.addTensor("token_embd.weight", uint32_t(DType::F32),
                                    {5, 64}, embedding.data(),
                                    embedding.size() * 4);
        !e.empty())
      return e;
    if (std::string e = w.addTensor("norm.weight", uint32_t(DType::F32), {3},
                                    [](uint8_t *dst, uint64_t size) {
                                      for (uint64_t i = 0; i < size; ++i)
                                        dst[i] = uint8_t(0xA0 + i);
                                      return std::string();
                                    });
        !e.empty())
      return e;
    if (std::string e = w.addTensor("blk.0.ffn_up.weight",
                                    uint32_t(DType::Q8_0), {2, 64}, q8.data(),
                                    q8.size());
        !e.empty())
      return e;
    return w.write(path);
  }
};

Bytes readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const std::string &path, const Bytes &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

template <typename T> T load(const Bytes &b, uint64_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof(T));
  return v;
}
template <typename T> void store(Bytes &b, uint64_t at, const T &v) {
  std::memcpy(b.data() + at, &v, sizeof(T));
}

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "0x%016llx", (unsigned long long)v);
  return buf;
}

/// Recomputes the table and header checksums after an edit of the table.
void rehash(Bytes &file) {
  FileHeader h = load<FileHeader>(file, 0);
  h.sectionTableChecksum =
      XXH3_64bits(file.data() + h.sectionTableOffset,
                  h.sectionCount * sizeof(SectionEntry));
  store(file, 0, h);
  h.headerChecksum = XXH3_64bits(file.data(), kHeaderChecksummedBytes);
  store(file, 0, h);
}

/// A package's sections, editable, and their re-assembly.
struct RawSection {
  uint32_t kind;
  std::string name;
  Bytes bytes;
  uint64_t alignment;
};

std::vector<RawSection> split(const Bytes &file) {
  FileHeader h = load<FileHeader>(file, 0);
  std::vector<RawSection> out;
  for (uint32_t i = 0; i < h.sectionCount; ++i) {
    SectionEntry e =
        load<SectionEntry>(file, h.sectionTableOffset + i * sizeof(SectionEntry));
    out.push_back({e.kind, e.name,
                   Bytes(file.begin() + e.offset,
                         file.begin() + e.offset + e.size),
                   e.alignment});
  }
  return out;
}

Bytes join(const std::vector<RawSection> &sections) {
  uint64_t pos = 64 + 64 * sections.size();
  std::vector<SectionEntry> table(sections.size());
  for (size_t i = 0; i < sections.size(); ++i) {
    SectionEntry &e = table[i];
    e = SectionEntry{};
    e.kind = sections[i].kind;
    e.alignment = sections[i].alignment;
    e.offset = alignTo(pos, e.alignment);
    e.size = sections[i].bytes.size();
    e.checksum = XXH3_64bits(sections[i].bytes.data(), e.size);
    std::memcpy(e.name, sections[i].name.data(), sections[i].name.size());
    pos = e.offset + e.size;
  }
  Bytes file(pos, 0);
  FileHeader h{};
  std::memcpy(h.magic, kMagic, 8);
  h.versionMajor = kFormatMajor;
  h.versionMinor = kFormatMinor;
  h.headerSize = 64;
  h.fileSize = pos;
  h.sectionTableOffset = 64;
  h.sectionCount = uint32_t(sections.size());
  store(file, 0, h);
  for (size_t i = 0; i < sections.size(); ++i) {
    store(file, 64 + 64 * i, table[i]);
    std::copy(sections[i].bytes.begin(), sections[i].bytes.end(),
              file.begin() + table[i].offset);
  }
  rehash(file);
  return file;
}

RawSection &sectionOf(std::vector<RawSection> &sections, SectionKind kind) {
  for (RawSection &s : sections)
    if (s.kind == uint32_t(kind))
      return s;
  abort();
}

class PackageTest : public ::testing::Test {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sinkpkg-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    path = dir + "/model.sinkpkg";
    ASSERT_EQ(sample.write(path), "");
    good = readFile(path);
    ASSERT_GT(good.size(), 4096u);
    bad = dir + "/bad.sinkpkg";
  }
  void TearDown() override {
    unlink(path.c_str());
    unlink(bad.c_str());
    rmdir(dir.c_str());
  }

  /// The error opening `bytes` as bad.sinkpkg ("" if it opens).
  std::string openError(const Bytes &bytes, PackageOpenOptions options = {}) {
    writeFile(bad, bytes);
    std::string error;
    auto reader = PackageReader::open(bad, options, error);
    EXPECT_EQ(reader == nullptr, !error.empty());
    return error;
  }

  /// The error of the sample with its manifest edited by `edit`.
  template <typename F> std::string manifestError(F edit) {
    std::vector<RawSection> sections = split(good);
    RawSection &m = sectionOf(sections, SectionKind::Manifest);
    auto json = nlohmann::ordered_json::parse(m.bytes.begin(), m.bytes.end());
    edit(json);
    std::string text = json.dump();
    m.bytes.assign(text.begin(), text.end());
    return openError(join(sections));
  }

  uint64_t sectionOffset(uint32_t i) const {
    return load<SectionEntry>(good, 64 + 64 * i).offset;
  }

  Sample sample;
  std::string dir, path, bad;
  Bytes good;
};

// Section order in the sample: 0 manifest, 1 tokenizer, 2 kernel cpu,
// 3 kernel cuda, 4 weights.
constexpr uint64_t kEntry = 64;

TEST_F(PackageTest, RoundTrip) {
  std::string error;
  auto reader = PackageReader::open(path, {/*verifyWeights=*/true}, error);
  ASSERT_NE(reader, nullptr) << error;
  EXPECT_EQ(reader->versionMajor(), 1u);
  EXPECT_EQ(reader->versionMinor(), 0u);

  const Manifest &m = reader->manifest();
  EXPECT_EQ(m.model.arch, "llama");
  EXPECT_EQ(m.model.layers, 2);
  EXPECT_EQ(m.model.kvHeads, 2);
  EXPECT_EQ(m.model.context, 256);
  EXPECT_EQ(m.tokenizer.kind, "gpt2");
  EXPECT_EQ(m.tokenizer.regexes, (std::vector<std::string>{"\\p{N}", " ?\\p{L}+"}));
  EXPECT_EQ(m.tokenizer.bos, 1);
  EXPECT_EQ(m.tokenizer.pad, -1);
  EXPECT_EQ(m.tokenizer.chatTemplate, "{{ messages }}");
  EXPECT_EQ(m.kvAbiVersion, 1u);
  ASSERT_EQ(m.kvGroups.size(), 2u);
  EXPECT_EQ(m.kvGroups[0].policy, KvGroup::Policy::Full);
  EXPECT_EQ(m.kvGroups[0].slots, -1);
  EXPECT_EQ(m.kvGroups[0].entries, 3);
  EXPECT_EQ(m.kvGroups[1].policy, KvGroup::Policy::Streaming);
  EXPECT_EQ(m.kvGroups[1].sinks, 4);
  EXPECT_EQ(m.kvGroups[1].window, 252);
  EXPECT_EQ(m.kvGroups[1].slots, 256);
  EXPECT_EQ(m.kvGroups[1].elementType, "f32");
  EXPECT_EQ(m.json["execution_plan"][0]["workgroups"], 8);
  EXPECT_EQ(m.cpuFeatures, std::vector<std::string>{"sse2"});
  EXPECT_EQ(reader->manifestText().substr(0, 20),
            "{\n \"format_version\":");

  const TokenizerView &t = reader->tokenizer();
  ASSERT_EQ(t.tokenCount(), 5u);
  EXPECT_EQ(t.token(3), "Ġt");
  EXPECT_EQ(t.token(4), "he");
  EXPECT_EQ(t.tokenType(0), 2);
  EXPECT_EQ(t.score(3), -3.5f);
  ASSERT_EQ(t.mergeCount(), 3u);
  EXPECT_EQ(t.merge(0).first, "Ġ");
  EXPECT_EQ(t.merge(0).second, "t");
  EXPECT_EQ(t.merge(2).first, "a b");
  EXPECT_EQ(t.merge(2).second, "c");

  ASSERT_EQ(m.kernels.size(), 2u);
  EXPECT_EQ(m.kernels[1].target, "cuda-sm_90");
  EXPECT_EQ(m.kernels[1].format, "cubin");
  PackageReader::Blob so = reader->kernel("cpu-x86_64");
  ASSERT_NE(so.data, nullptr);
  EXPECT_EQ(Bytes(so.data, so.data + so.size), sample.so);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(so.data) % 4096, 0u);
  PackageReader::Blob cubin = reader->kernel("cuda-sm_90");
  EXPECT_EQ(Bytes(cubin.data, cubin.data + cubin.size), sample.cubin);
  EXPECT_EQ(reader->kernel("hip-gfx942").data, nullptr);

  PackageReader::Blob weights = reader->weightsSection();
  EXPECT_EQ(reinterpret_cast<uintptr_t>(weights.data) % 4096, 0u);
  EXPECT_EQ(sectionOffset(4) % 4096, 0u);
  ASSERT_EQ(m.tensors.size(), 3u);
  const TensorInfo *emb = reader->findTensor("token_embd.weight");
  ASSERT_NE(emb, nullptr);
  EXPECT_EQ(emb->offset, 0u);
  EXPECT_EQ(emb->shape, (std::vector<int64_t>{5, 64}));
  PackageReader::Blob e = reader->tensorData(*emb);
  EXPECT_EQ(e.size, 5u * 64 * 4);
  EXPECT_EQ(std::memcmp(e.data, sample.embedding.data(), e.size), 0);
  const TensorInfo *norm = reader->findTensor("norm.weight");
  ASSERT_NE(norm, nullptr);
  EXPECT_EQ(norm->offset, 1280u);
  EXPECT_EQ(norm->size, 12u);
  EXPECT_EQ(reader->tensorData(*norm).data[11], 0xAB);
  const TensorInfo *q8 = reader->findTensor("blk.0.ffn_up.weight");
  ASSERT_NE(q8, nullptr);
  EXPECT_EQ(q8->dtype, uint32_t(DType::Q8_0));
  EXPECT_EQ(q8->offset, 1344u); // 1292 rounded up to 64
  PackageReader::Blob q = reader->tensorData(*q8);
  EXPECT_EQ(Bytes(q.data, q.data + q.size), sample.q8);
  for (const TensorInfo &ti : m.tensors)
    EXPECT_EQ(reinterpret_cast<uintptr_t>(reader->tensorData(ti).data) % 64, 0u)
        << ti.name;
  EXPECT_EQ(reader->findTensor("missing"), nullptr);
  EXPECT_EQ(reader->verifyWeights(), "");
}

TEST_F(PackageTest, MinimalPackageReplacesOldFile) {
  // No kernels, no tensors: the weights section is empty, at the end.
  PackageWriter w;
  ASSERT_EQ(w.setManifest(kManifest), "");
  TokenizerData t;
  t.tokens = {"a", "b"};
  w.setTokenizer(t);
  ASSERT_EQ(w.write(path), ""); // over the sample
  std::string error;
  auto reader = PackageReader::open(path, {true}, error);
  // Three sections: the manifest follows the 256 bytes of header and table.
  ASSERT_EQ(error, path + ": byte 256: manifest section 0: field "
                          "\"tokenizer.eos\" is 2, past the tokenizer's 2 "
                          "tokens");
  t.tokens.push_back("c");
  t.tokens.push_back("d");
  w.setTokenizer(t);
  ASSERT_EQ(w.write(path), "");
  reader = PackageReader::open(path, {true}, error);
  ASSERT_NE(reader, nullptr) << error;
  EXPECT_TRUE(reader->manifest().tensors.empty());
  EXPECT_TRUE(reader->manifest().kernels.empty());
  EXPECT_EQ(reader->weightsSection().size, 0u);
  EXPECT_FALSE(reader->tokenizer().hasScores());
  EXPECT_EQ(reader->tokenizer().score(0), 0.0f);
  EXPECT_EQ(reader->tokenizer().tokenType(3), 1);
  EXPECT_EQ(reader->tokenizer().mergeCount(), 0u);
  EXPECT_EQ(readFile(path).size(), 4096u);
}

TEST_F(PackageTest, OpenMemoryNeedsPageAlignment) {
  std::string error;
  Bytes copy = good;
  EXPECT_EQ(PackageReader::openMemory(copy.data() + 1, copy.size() - 1, "mem",
                                      {}, error),
            nullptr);
  EXPECT_EQ(error, "mem: buffer is not 4096-byte aligned");
  void *buffer = aligned_alloc(4096, alignTo(good.size(), 4096));
  std::memcpy(buffer, good.data(), good.size());
  auto reader = PackageReader::openMemory(static_cast<uint8_t *>(buffer),
                                          good.size(), "mem", {}, error);
  EXPECT_NE(reader, nullptr) << error;
  reader.reset();
  free(buffer);
}

TEST_F(PackageTest, WriterRejectsBadInput) {
  PackageWriter w;
  EXPECT_EQ(w.setManifest("[1]"), "manifest is not a JSON object");
  EXPECT_EQ(w.setManifest("{"), "manifest is not valid JSON");
  EXPECT_EQ(w.setManifest(R"({"tensors": []})"),
            "manifest sets \"tensors\", which the package writer fills in");
  EXPECT_EQ(w.addKernel("", "x", {}), "kernel target \"\" must have 1 to 23 characters");
  EXPECT_EQ(w.addKernel("cpu", "elf", {1}), "");
  EXPECT_EQ(w.addKernel("cpu", "elf", {1}), "two kernel blobs for target \"cpu\"");
  float f[4] = {};
  EXPECT_EQ(w.addTensor("a", uint32_t(DType::F32), {4}, f, 12),
            "tensor \"a\": 12 bytes given, f32 of this shape is 16");
  EXPECT_EQ(w.addTensor("a", uint32_t(DType::Q4_0), {4}, f, 16),
            "tensor \"a\": innermost dimension 4 is not a whole number of q4_0 blocks");
  EXPECT_EQ(w.addTensor("a", 77, {4}, f, 16), "tensor \"a\": unknown dtype code 77");
  EXPECT_EQ(w.addTensor("a", uint32_t(DType::F32), {0, 4}, f, 0),
            "tensor \"a\": dimension 0 is 0");
  EXPECT_EQ(w.addTensor("a", uint32_t(DType::F32), {4}, f, 16), "");
  EXPECT_EQ(w.addTensor("a", uint32_t(DType::F32), {4}, f, 16),
            "two tensors named \"a\"");
  // A failing fill aborts the write and leaves no file behind.
  EXPECT_EQ(w.addTensor("b", uint32_t(DType::F32), {4},
                        [](uint8_t *, uint64_t) { return std::string("source gone"); }),
            "");
  w.setTokenizer(sample.tokenizer());
  EXPECT_EQ(w.write(bad), bad + ": tensor \"b\": source gone");
  EXPECT_NE(access(bad.c_str(), F_OK), 0);
  EXPECT_EQ(PackageWriter().write(bad), bad + ": tokenizer has no tokens");
  PackageWriter empty;
  empty.setTokenizer(sample.tokenizer());
  EXPECT_EQ(empty.write("/nonexistent/x.sinkpkg"),
            "/nonexistent/x.sinkpkg: cannot create a temporary file: No such "
            "file or directory");
}

TEST_F(PackageTest, Truncated) {
  for (uint64_t cut : {uint64_t(0), uint64_t(1), uint64_t(63)}) {
    EXPECT_EQ(openError(Bytes(good.begin(), good.begin() + cut)),
              bad + ": byte 0: file is " + std::to_string(cut) +
                  " bytes, shorter than the 64-byte header");
  }
  for (uint64_t cut : {uint64_t(64), uint64_t(100), sectionOffset(1) + 3,
                       sectionOffset(4), uint64_t(good.size() / 2),
                       uint64_t(good.size() - 1)}) {
    EXPECT_EQ(openError(Bytes(good.begin(), good.begin() + cut)),
              bad + ": byte " + std::to_string(cut) +
                  ": file is truncated: the header says " +
                  std::to_string(good.size()) + " bytes, the file has " +
                  std::to_string(cut));
  }
  Bytes longer = good;
  longer.push_back(0);
  EXPECT_EQ(openError(longer), bad + ": byte " + std::to_string(good.size()) +
                                   ": file has " +
                                   std::to_string(good.size() + 1) +
                                   " bytes, the header says " +
                                   std::to_string(good.size()));
}

TEST_F(PackageTest, WrongMagic) {
  Bytes b = good;
  b[0] = 'G';
  EXPECT_EQ(openError(b), bad + ": byte 0: not a sinkc package (bad magic)");
}

TEST_F(PackageTest, NewerMajorVersion) {
  Bytes b = good;
  store<uint16_t>(b, 8, 2);
  store<uint16_t>(b, 10, 3);
  EXPECT_EQ(openError(b), bad + ": byte 8: format version 2.3 is newer than "
                                "this runtime's 1.x; compile the package with "
                                "a matching sinkc");
}

TEST_F(PackageTest, NewerMinorVersionOpens) {
  // Minor versions only add: a 1.7 package opens (the manifest says 1.7 too).
  std::vector<RawSection> sections = split(good);
  RawSection &m = sectionOf(sections, SectionKind::Manifest);
  auto json = nlohmann::ordered_json::parse(m.bytes.begin(), m.bytes.end());
  json["format_version"] = {1, 7};
  json["added_in_1_7"] = true;
  std::string text = json.dump();
  m.bytes.assign(text.begin(), text.end());
  // An unknown section kind is skipped.
  sections.push_back({99, "future", Bytes(10, 1), 8});
  Bytes b = join(sections);
  store<uint16_t>(b, 10, 7);
  rehash(b);
  EXPECT_EQ(openError(b), "");
}

TEST_F(PackageTest, HeaderChecksumMismatch) {
  Bytes b = good;
  b[36] ^= 1; // flags
  uint64_t stored = load<uint64_t>(b, 56);
  uint64_t computed = XXH3_64bits(b.data(), 56);
  EXPECT_EQ(openError(b), bad + ": byte 56: header checksum mismatch (stored " +
                              hex(stored) + ", computed " + hex(computed) + ")");
}

TEST_F(PackageTest, SectionTableChecksumMismatch) {
  Bytes b = good;
  b[64 + 2 * kEntry + 40] ^= 1; // a byte of the cpu kernel's name
  EXPECT_NE(openError(b).find(bad + ": byte 64: section table checksum mismatch (stored 0x"),
            std::string::npos);
}

TEST_F(PackageTest, SectionChecksumMismatch) {
  struct Case {
    uint32_t index;
    std::string label;
  } cases[] = {{0, "manifest section 0"},
               {1, "tokenizer section 1"},
               {2, "kernel section 2 \"cpu-x86_64\""},
               {3, "kernel section 3 \"cuda-sm_90\""}};
  for (const Case &c : cases) {
    Bytes b = good;
    SectionEntry e = load<SectionEntry>(b, 64 + kEntry * c.index);
    b[e.offset + e.size / 2] ^= 0x20;
    uint64_t computed = XXH3_64bits(b.data() + e.offset, e.size);
    EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(e.offset) + ": " +
                                c.label + ": checksum mismatch (stored " +
                                hex(e.checksum) + ", computed " +
                                hex(computed) + ")");
  }
}

TEST_F(PackageTest, WeightsChecksumOnlyOnRequest) {
  Bytes b = good;
  SectionEntry e = load<SectionEntry>(b, 64 + kEntry * 4);
  b[e.offset + 5] ^= 1;
  EXPECT_EQ(openError(b), "");
  uint64_t computed = XXH3_64bits(b.data() + e.offset, e.size);
  std::string expected = bad + ": byte " + std::to_string(e.offset) +
                         ": weights section: checksum mismatch (stored " +
                         hex(e.checksum) + ", computed " + hex(computed) + ")";
  EXPECT_EQ(openError(b, {/*verifyWeights=*/true}), expected);
  std::string error;
  auto reader = PackageReader::open(bad, {}, error);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->verifyWeights(), expected);
}

TEST_F(PackageTest, SectionPastEof) {
  Bytes b = good;
  uint64_t at = 64 + kEntry * 3;
  SectionEntry e = load<SectionEntry>(b, at);
  e.size = good.size(); // from its offset, well past the end
  store(b, at, e);
  rehash(b);
  EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(at + 16) +
                              ": kernel section 3 \"cuda-sm_90\": bytes " +
                              std::to_string(e.offset) + " to " +
                              std::to_string(e.offset + e.size) +
                              " run past the end of the file (" +
                              std::to_string(good.size()) + " bytes)");
  // An offset + size that overflows 64 bits is past the end too.
  e.size = ~uint64_t(0) - 100;
  store(b, at, e);
  rehash(b);
  EXPECT_NE(openError(b).find("run past the end of the file"), std::string::npos);
}

TEST_F(PackageTest, OverlappingSections) {
  Bytes b = good;
  uint64_t at = 64 + kEntry * 1;
  SectionEntry manifest = load<SectionEntry>(b, 64);
  SectionEntry e = load<SectionEntry>(b, at);
  e.offset = manifest.offset + 8;
  store(b, at, e);
  rehash(b);
  EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(e.offset) +
                              ": tokenizer section 1 overlaps manifest section 0");
}

TEST_F(PackageTest, SectionInsideHeader) {
  Bytes b = good;
  SectionEntry e = load<SectionEntry>(b, 64);
  e.offset = 64;
  store(b, 64, e);
  rehash(b);
  EXPECT_EQ(openError(b), bad + ": byte 72: manifest section 0: offset 64 is "
                                "inside the header or section table");
}

TEST_F(PackageTest, MisalignedWeights) {
  uint64_t at = 64 + kEntry * 4;
  Bytes b = good;
  SectionEntry e = load<SectionEntry>(b, at);
  e.offset += 64;
  e.size -= 64;
  store(b, at, e);
  rehash(b);
  EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(at + 8) +
                              ": weights section 4: offset " +
                              std::to_string(e.offset) +
                              " is not a multiple of its alignment 4096");
  e = load<SectionEntry>(good, at);
  e.alignment = 64;
  b = good;
  store(b, at, e);
  rehash(b);
  EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(at + 24) +
                              ": weights section 4: alignment 64 is less than 4096");
  e.alignment = 48;
  store(b, at, e);
  rehash(b);
  EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(at + 24) +
                              ": weights section 4: alignment 48 is not a "
                              "power of two in [8, 65536]");
}

TEST_F(PackageTest, MissingOrDuplicateSection) {
  std::vector<RawSection> sections = split(good);
  sections.erase(sections.begin() + 1);
  EXPECT_EQ(openError(join(sections)),
            bad + ": byte 64: the package has no tokenizer section");
  sections = split(good);
  sections.push_back(sections[0]);
  Bytes b = join(sections);
  EXPECT_EQ(openError(b), bad + ": byte " +
                              std::to_string(load<SectionEntry>(b, 64 + 5 * kEntry).offset) +
                              ": second manifest section (section 5)");
}

TEST_F(PackageTest, ManifestNotJson) {
  std::vector<RawSection> sections = split(good);
  std::string text = "{\"model\": ";
  sectionOf(sections, SectionKind::Manifest).bytes.assign(text.begin(), text.end());
  Bytes b = join(sections);
  EXPECT_EQ(openError(b), bad + ": byte " + std::to_string(sectionOffset(0)) +
                              ": manifest section 0: is not valid JSON");
}

TEST_F(PackageTest, ManifestFieldErrors) {
  std::string prefix = bad + ": byte " + std::to_string(sectionOffset(0)) +
                       ": manifest section 0: ";
  EXPECT_EQ(manifestError([](auto &j) { j["model"].erase("layers"); }),
            prefix + "field \"model.layers\" is missing");
  EXPECT_EQ(manifestError([](auto &j) { j.erase("execution_plan"); }),
            prefix + "field \"execution_plan\" is missing");
  EXPECT_EQ(manifestError([](auto &j) { j["execution_plan"] = "x"; }),
            prefix + "field \"execution_plan\" is not an array");
  EXPECT_EQ(manifestError([](auto &j) { j["model"]["heads"] = 0; }),
            prefix + "field \"model.heads\" is 0, outside [1, 9223372036854775807]");
  EXPECT_EQ(manifestError([](auto &j) { j["tokenizer"]["add_bos"] = 1; }),
            prefix + "field \"tokenizer.add_bos\" is not a boolean");
  EXPECT_EQ(manifestError([](auto &j) { j["tokenizer"]["regexes"][1] = 5; }),
            prefix + "field \"tokenizer.regexes[1]\" is not a string");
  EXPECT_EQ(manifestError([](auto &j) { j["tokenizer"]["eos"] = 5; }),
            prefix + "field \"tokenizer.eos\" is 5, past the tokenizer's 5 tokens");
  EXPECT_EQ(manifestError([](auto &j) { j["kv_cache"]["abi_version"] = 2; }),
            prefix + "field \"kv_cache.abi_version\" is 2; this runtime "
                     "implements KV-cache ABI version 1");
  EXPECT_EQ(manifestError([](auto &j) { j["kv_cache"]["groups"][1]["slots"] = 255; }),
            prefix + "field \"kv_cache.groups[1].slots\" is 255, not sinks + window = 256");
  EXPECT_EQ(manifestError([](auto &j) { j["kv_cache"]["groups"][0]["slots"] = 8; }),
            prefix + "field \"kv_cache.groups[0].slots\" must be null for a full group");
  EXPECT_EQ(manifestError([](auto &j) { j["kv_cache"]["groups"][0]["policy"] = "pruned"; }),
            prefix + "field \"kv_cache.groups[0].policy\" is \"pruned\", not full or streaming");
  EXPECT_EQ(manifestError([](auto &j) { j["kv_cache"]["groups"][0]["element_type"] = "q8_0"; }),
            prefix + "field \"kv_cache.groups[0].element_type\" is \"q8_0\", not f32, f16 or bf16");
  EXPECT_EQ(manifestError([](auto &j) { j["format_version"] = {1, 1}; }),
            prefix + "field \"format_version\" is [1, 1], the header says 1.0");
  EXPECT_EQ(manifestError([](auto &j) { j["kernels"].erase(1); }),
            prefix + "field \"kernels\" does not list kernel target \"cuda-sm_90\"");
  EXPECT_EQ(manifestError([](auto &j) { j["kernels"][0]["target"] = "cpu"; }),
            prefix + "field \"kernels[0].target\" is \"cpu\", which has no kernel section");
  EXPECT_EQ(manifestError([](auto &j) { j["kernels"][0]["size"] = 301; }),
            prefix + "field \"kernels[0].size\" is 301, the kernel section has 300 bytes");
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][2]["dtype"] = "q3_k"; }),
            prefix + "field \"tensors[2].dtype\" \"q3_k\" is not a known dtype");
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][1]["name"] = "token_embd.weight"; }),
            prefix + "field \"tensors[1].name\" \"token_embd.weight\" is not unique");
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][0]["shape"] = {5, 63}; }),
            prefix + "field \"tensors[0].size\" is 1280; f32 of this shape takes 1260 bytes");
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][2]["shape"] = {4, 48}; }),
            prefix + "field \"tensors[2].shape\" has an innermost dimension of 48, "
                     "not a whole number of q8_0 blocks");
}

/// A valid GPU part of the sample's manifest (docs/gpu-runtime.md, format 1
/// of "gpu_launches"): a plan whose kernel "k_norm" has 3 bindings in the
/// prefill step and 2 in the decode step (1 scalar in both), "k_mm" 2
/// bindings and 2 scalars; three launches for the "cuda-sm_90" section,
/// two of them for k_norm.
template <typename J> void addGpuLaunches(J &j) {
  J ws = {{"workspace", 0}};
  j["execution_plan"] = J::parse(R"([
    {"entry": "prefill", "steps": [
      {"kernel": "k_norm", "bindings": [{}, {}, {}], "scalars": ["tokens"]},
      {"kernel": "k_mm", "bindings": [{}, {}], "scalars": ["tokens", "position"]}]},
    {"entry": "decode", "steps": [
      {"kernel": "k_norm", "bindings": [{}, {}], "scalars": ["tokens"]},
      {"kernel": "k_mm", "bindings": [{}, {}], "scalars": ["tokens", "position"]}]}])");
  j["gpu_scratch_bytes"] = 1024;
  j["gpu_max_context"] = 128;
  j["gpu_launches"] = J::parse(R"({"cuda-sm_90": [
    {"kernel": "k_norm", "symbol": "norm_a",
     "args": [{"binding": 1}, {"scalar": 0}, {"scratch": 512}],
     "grid": [4, 1, 1], "block": [256, 1, 1], "shared_bytes": 0,
     "registers": 32, "spills": 8, "static_shared_bytes": 1028, "private_bytes": 16},
    {"kernel": "k_norm", "symbol": "norm_b", "args": [{"scratch": 0}, {"binding": 0}],
     "grid": [2, 3, 1], "block": [32, 8, 4], "shared_bytes": 0},
    {"kernel": "k_mm", "symbol": "mm", "args": [{"scalar": 1}, {"binding": 1}],
     "grid": [2147483647, 65535, 65535], "block": [1024, 1, 1], "shared_bytes": 49152}
  ]})");
}

TEST_F(PackageTest, GpuLaunchesParse) {
  std::vector<RawSection> sections = split(good);
  RawSection &m = sectionOf(sections, SectionKind::Manifest);
  auto json = nlohmann::ordered_json::parse(m.bytes.begin(), m.bytes.end());
  addGpuLaunches(json);
  std::string text = json.dump();
  m.bytes.assign(text.begin(), text.end());
  writeFile(bad, join(sections));
  std::string error;
  auto reader = PackageReader::open(bad, {}, error);
  ASSERT_NE(reader, nullptr) << error;
  const Manifest &manifest = reader->manifest();
  EXPECT_EQ(manifest.gpuScratchBytes, 1024u);
  EXPECT_EQ(manifest.gpuMaxContext, 128);
  ASSERT_EQ(manifest.gpuLaunches.size(), 1u);
  ASSERT_EQ(manifest.gpuLaunches.count("cuda-sm_90"), 1u);
  const auto &launches = manifest.gpuLaunches.at("cuda-sm_90");
  ASSERT_EQ(launches.size(), 3u);
  using Arg = device::GpuKernelLaunch::Arg;
  // Manifest order is kept.
  EXPECT_EQ(launches[0].kernel, "k_norm");
  EXPECT_EQ(launches[0].symbol, "norm_a");
  EXPECT_EQ(launches[1].symbol, "norm_b");
  EXPECT_EQ(launches[2].kernel, "k_mm");
  EXPECT_EQ(launches[2].symbol, "mm");

  const auto &a = launches[0];
  ASSERT_EQ(a.args.size(), 3u);
  EXPECT_EQ(a.args[0].kind, Arg::Kind::Binding);
  EXPECT_EQ(a.args[0].index, 1u);
  EXPECT_EQ(a.args[1].kind, Arg::Kind::Scalar);
  EXPECT_EQ(a.args[1].index, 0u);
  EXPECT_EQ(a.args[2].kind, Arg::Kind::Scratch);
  EXPECT_EQ(a.args[2].offset, 512u);
  EXPECT_EQ(std::vector<uint32_t>(a.grid, a.grid + 3), (std::vector<uint32_t>{4, 1, 1}));
  EXPECT_EQ(std::vector<uint32_t>(a.block, a.block + 3), (std::vector<uint32_t>{256, 1, 1}));
  EXPECT_EQ(a.sharedBytes, 0u);
  EXPECT_EQ(a.registers, 32);
  EXPECT_EQ(a.spills, 8);
  EXPECT_EQ(a.staticSharedBytes, 1028);
  EXPECT_EQ(a.privateBytes, 16);

  const auto &b = launches[1];
  ASSERT_EQ(b.args.size(), 2u);
  EXPECT_EQ(b.args[0].kind, Arg::Kind::Scratch);
  EXPECT_EQ(b.args[0].offset, 0u);
  EXPECT_EQ(b.args[1].kind, Arg::Kind::Binding);
  EXPECT_EQ(b.args[1].index, 0u);
  EXPECT_EQ(std::vector<uint32_t>(b.grid, b.grid + 3), (std::vector<uint32_t>{2, 3, 1}));
  EXPECT_EQ(std::vector<uint32_t>(b.block, b.block + 3), (std::vector<uint32_t>{32, 8, 4}));
  EXPECT_EQ(b.registers, 0) << "informational fields are optional";

  const auto &c = launches[2];
  ASSERT_EQ(c.args.size(), 2u);
  EXPECT_EQ(c.args[0].kind, Arg::Kind::Scalar);
  EXPECT_EQ(c.args[0].index, 1u);
  EXPECT_EQ(std::vector<uint32_t>(c.grid, c.grid + 3),
            (std::vector<uint32_t>{2147483647u, 65535, 65535}));
  EXPECT_EQ(c.block[0], 1024u);
  EXPECT_EQ(c.sharedBytes, 49152u);

  // Without GPU members: none, and the sample's own manifest has none.
  EXPECT_TRUE(PackageReader::open(path, {}, error)->manifest().gpuLaunches.empty());
  // Launches without scratch arguments need no "gpu_scratch_bytes".
  EXPECT_EQ(manifestError([](auto &j) {
              addGpuLaunches(j);
              j.erase("gpu_scratch_bytes");
              j.erase("gpu_max_context");
              j["gpu_launches"]["cuda-sm_90"][0]["args"].erase(2);
              j["gpu_launches"]["cuda-sm_90"][1]["args"].erase(0);
            }),
            "");
}

TEST_F(PackageTest, GpuLaunchErrors) {
  std::string prefix = bad + ": byte " + std::to_string(sectionOffset(0)) +
                       ": manifest section 0: field \"";
  std::string at0 = prefix + "gpu_launches.cuda-sm_90[0].";
  auto error = [&](auto edit) {
    return manifestError([&](auto &j) {
      addGpuLaunches(j);
      edit(j, j["gpu_launches"]["cuda-sm_90"]);
    });
  };
  using J = nlohmann::ordered_json;
  EXPECT_EQ(error([](J &, J &) {}), "");
  EXPECT_EQ(error([](J &j, J &) { j["gpu_scratch_bytes"] = -1; }),
            prefix + "gpu_scratch_bytes\" is not a non-negative integer");
  EXPECT_EQ(error([](J &j, J &) { j["gpu_max_context"] = 0; }),
            prefix + "gpu_max_context\" is 0, outside [1, 9223372036854775807]");
  EXPECT_EQ(error([](J &j, J &) { j["gpu_launches"] = J::array(); }),
            prefix + "gpu_launches\" is not an object");
  EXPECT_EQ(error([](J &j, J &l) { j["gpu_launches"]["cuda-sm_80"] = l; }),
            prefix + "gpu_launches.cuda-sm_80\" is for the kernel section \"cuda-sm_80\", "
                     "which field \"kernels\" does not list");
  EXPECT_EQ(error([](J &j, J &l) { j["gpu_launches"]["cpu-x86_64"] = l; }),
            prefix + "gpu_launches.cpu-x86_64\" is for the kernel section \"cpu-x86_64\", "
                     "not a GPU one (\"cuda-...\" or \"hip-...\")");
  EXPECT_EQ(error([](J &, J &l) { l = J::object(); }),
            prefix + "gpu_launches.cuda-sm_90\" is not an array");
  EXPECT_EQ(error([](J &, J &l) { l[1] = 3; }),
            prefix + "gpu_launches.cuda-sm_90[1]\" is not an object");
  EXPECT_EQ(error([](J &, J &l) { l[1]["kernel"] = "k_other"; }),
            prefix + "gpu_launches.cuda-sm_90[1].kernel\" is \"k_other\", which no step of "
                     "field \"execution_plan\" runs");
  EXPECT_EQ(error([](J &, J &l) { l[0]["symbol"] = ""; }), at0 + "symbol\" is empty");
  EXPECT_EQ(error([](J &, J &l) { l[2].erase("symbol"); }),
            prefix + "gpu_launches.cuda-sm_90[2].symbol\" is missing");
  // k_norm's decode step has 2 bindings (its prefill step 3) and 1 scalar.
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][0]["binding"] = 2; }),
            at0 + "args[0].binding\" is 2, but execution_plan[1].steps[0] (kernel \"k_norm\") "
                  "has 2 bindings");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][1]["scalar"] = 1; }),
            at0 + "args[1].scalar\" is 1, but execution_plan[0].steps[0] (kernel \"k_norm\") "
                  "has 1 scalar");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][0]["binding"] = -1; }),
            at0 + "args[0].binding\" is -1, outside [0, 9223372036854775807]");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][0]["scalar"] = 0; }),
            at0 + "args[0]\" is not one of {\"binding\": i}, {\"scalar\": i}, {\"scratch\": b}");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][0] = J::object(); }),
            at0 + "args[0]\" is not one of {\"binding\": i}, {\"scalar\": i}, {\"scratch\": b}");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"] = 1; }), at0 + "args\" is not an array");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][2]["scratch"] = 100; }),
            at0 + "args[2].scratch\" is 100, not a multiple of 256");
  EXPECT_EQ(error([](J &, J &l) { l[0]["args"][2]["scratch"] = 1024; }),
            at0 + "args[2].scratch\" is 1024, not inside the scratch buffer (field "
                  "\"gpu_scratch_bytes\" is 1024)");
  EXPECT_EQ(error([](J &j, J &) { j.erase("gpu_scratch_bytes"); }),
            at0 + "args[2].scratch\" is a scratch address, but field \"gpu_scratch_bytes\" is "
                  "missing");
  EXPECT_EQ(error([](J &, J &l) { l[0]["grid"] = {0, 1, 1}; }),
            at0 + "grid[0]\" is 0, outside [1, 2147483647]");
  EXPECT_EQ(error([](J &, J &l) { l[0]["grid"] = {2147483648u, 1, 1}; }),
            at0 + "grid[0]\" is 2147483648, more than 2147483647");
  EXPECT_EQ(error([](J &, J &l) { l[0]["grid"] = {1, 65536, 1}; }),
            at0 + "grid[1]\" is 65536, more than 65535");
  EXPECT_EQ(error([](J &, J &l) { l[0]["grid"] = {1, 1, 65536}; }),
            at0 + "grid[2]\" is 65536, more than 65535");
  EXPECT_EQ(error([](J &, J &l) { l[0]["grid"] = {1, 1}; }), at0 + "grid\" is not [x, y, z]");
  EXPECT_EQ(error([](J &, J &l) { l[0].erase("grid"); }), at0 + "grid\" is missing");
  EXPECT_EQ(error([](J &, J &l) { l[0]["block"] = {1, 0, 1}; }),
            at0 + "block[1]\" is 0, outside [1, 1024]");
  EXPECT_EQ(error([](J &, J &l) { l[0]["block"] = {2048, 1, 1}; }),
            at0 + "block[0]\" is 2048, more than 1024");
  EXPECT_EQ(error([](J &, J &l) { l[0]["block"] = {64, 4, 8}; }),
            at0 + "block\" is [64, 4, 8], 2048 threads, more than the 1024 of a block");
  EXPECT_EQ(error([](J &, J &l) { l[0]["shared_bytes"] = 49153; }),
            at0 + "shared_bytes\" is 49153, more than 49152");
  EXPECT_EQ(error([](J &, J &l) { l[0].erase("shared_bytes"); }),
            at0 + "shared_bytes\" is missing");
  EXPECT_EQ(error([](J &, J &l) { l[0]["registers"] = -1; }),
            at0 + "registers\" is -1, outside [0, 9223372036854775807]");
  EXPECT_EQ(error([](J &, J &l) { l[0]["private_bytes"] = "x"; }),
            at0 + "private_bytes\" is not an integer");
  // Every plan kernel has a launch in every GPU section.
  EXPECT_EQ(error([](J &, J &l) { l.erase(2); }),
            prefix + "gpu_launches.cuda-sm_90\" has no launch for kernel \"k_mm\" (run by "
                     "execution_plan[0].steps[1])");
}

TEST_F(PackageTest, TensorPastSectionEnd) {
  SectionEntry w = load<SectionEntry>(good, 64 + kEntry * 4);
  std::string prefix = bad + ": byte " + std::to_string(sectionOffset(0)) +
                       ": manifest section 0: ";
  EXPECT_EQ(w.size, 1344u + 192u);
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][2]["offset"] = 1408; }),
            prefix + "field \"tensors[2]\": tensor \"blk.0.ffn_up.weight\" "
                     "(bytes 1408 to 1544) runs past the weights section's 1536 bytes");
}

TEST_F(PackageTest, MisalignedTensor) {
  std::string prefix = bad + ": byte " + std::to_string(sectionOffset(0)) +
                       ": manifest section 0: ";
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][2]["offset"] = 1300; }),
            prefix + "field \"tensors[2].offset\" is 1300, not a multiple of 64");
}

TEST_F(PackageTest, OverlappingTensors) {
  EXPECT_EQ(manifestError([](auto &j) { j["tensors"][2]["offset"] = 1280; }),
            bad + ": byte " + std::to_string(sectionOffset(4) + 1280) +
                ": manifest section 0: tensor \"blk.0.ffn_up.weight\" overlaps "
                "tensor \"norm.weight\"");
}

TEST_F(PackageTest, TokenizerSectionErrors) {
  std::vector<RawSection> sections = split(good);
  RawSection &t = sectionOf(sections, SectionKind::Tokenizer);
  TokenizerHeader h = load<TokenizerHeader>(t.bytes, 0);
  TokenizerLayout l = tokenizerLayout(h);
  std::string prefix = bad + ": byte " + std::to_string(sectionOffset(1)) +
                       ": tokenizer section 1: ";
  // Token 2's end before its start.
  store<uint32_t>(t.bytes, l.tokenOffsets + 4 * 3, 1);
  EXPECT_EQ(openError(join(sections)), prefix + "token offsets decrease at token 2");
  sections = split(good);
  RawSection &t2 = sectionOf(sections, SectionKind::Tokenizer);
  t2.bytes.resize(t2.bytes.size() + 4);
  EXPECT_EQ(openError(join(sections)),
            prefix + "is " + std::to_string(t2.bytes.size()) +
                " bytes; its header describes " + std::to_string(l.end));
  sections = split(good);
  RawSection &t3 = sectionOf(sections, SectionKind::Tokenizer);
  store<uint32_t>(t3.bytes, 0, kMaxTokens + 1);
  EXPECT_EQ(openError(join(sections)),
            prefix + "has 16777217 tokens, not 1 to 16777216");
}

TEST_F(PackageTest, MissingCpuFeature) {
  EXPECT_EQ(manifestError([](auto &j) {
              j["cpu_features"] = {"sse2", "avx1024", "amx-fp64"};
            }),
            bad + ": the package needs CPU features this host lacks: avx1024, "
                  "amx-fp64 (manifest field \"cpu_features\")");
  // The check can be skipped (e.g. to inspect a package for another host).
  std::vector<RawSection> sections = split(good);
  RawSection &m = sectionOf(sections, SectionKind::Manifest);
  auto json = nlohmann::json::parse(m.bytes.begin(), m.bytes.end());
  json["cpu_features"] = {"avx1024"};
  std::string text = json.dump();
  m.bytes.assign(text.begin(), text.end());
  PackageOpenOptions options;
  options.checkCpuFeatures = false;
  EXPECT_EQ(openError(join(sections), options), "");
}

TEST_F(PackageTest, NotAFile) {
  std::string error;
  EXPECT_EQ(PackageReader::open(dir + "/none.sinkpkg", {}, error), nullptr);
  EXPECT_EQ(error, dir + "/none.sinkpkg: cannot open: No such file or directory");
  EXPECT_EQ(PackageReader::open(dir, {}, error), nullptr);
  EXPECT_EQ(error, dir + ": not a regular file");
}

TEST(PackageFormat, DTypes) {
  char name[16];
  const char *expected[] = {"f32", "f16", "bf16", "q4_0", "q4_1",
                            "q5_0", "q5_1", "q8_0", "q4_k", "q6_k"};
  for (uint32_t c = 0; c < 10; ++c) {
    ASSERT_TRUE(dtypeName(c, name));
    EXPECT_STREQ(name, expected[c]);
    uint32_t parsed = 99;
    EXPECT_TRUE(parseDType(name, std::strlen(name), parsed));
    EXPECT_EQ(parsed, c);
  }
  EXPECT_FALSE(dtypeName(10, name));
  // SmolLM2's figures: q4_1 [1536, 576] and q8_0 [49152, 576].
  EXPECT_EQ(dtypeStorageBytes(uint32_t(DType::Q4_1), 576, 1536), 1536u * 18 * 20);
  EXPECT_EQ(dtypeStorageBytes(uint32_t(DType::Q8_0), 576, 49152), 30081024u);
  EXPECT_EQ(dtypeStorageBytes(uint32_t(DType::Q4_K), 512, 2), 2u * 2 * 144);
  EXPECT_EQ(dtypeStorageBytes(uint32_t(DType::Q6_K), 256, 1), 210u);
  EXPECT_EQ(dtypeStorageBytes(uint32_t(DType::Q4_K), 576, 1), 0u);
  EXPECT_EQ(dtypeStorageBytes(uint32_t(DType::F32), uint64_t(1) << 62, 4), 0u);

  uint32_t g = groupDType(4, 64, /*asymmetric=*/true, /*scaleF32=*/false);
  ASSERT_TRUE(dtypeName(g, name));
  EXPECT_STREQ(name, "i4g64a_f16");
  EXPECT_EQ(dtypeBlock(g).values, 64u);
  EXPECT_EQ(dtypeBlock(g).bytes, 32u + 4u);
  uint32_t g8 = groupDType(8, 128, false, true);
  ASSERT_TRUE(dtypeName(g8, name));
  EXPECT_STREQ(name, "i8g128s_f32");
  EXPECT_EQ(dtypeBlock(g8).bytes, 128u + 4u);
  uint32_t parsed = 0;
  EXPECT_TRUE(parseDType("i8g32s_f16", 10, parsed));
  EXPECT_EQ(parsed, groupDType(8, 32, false, false));
  EXPECT_FALSE(parseDType("i4g256s_f16", 11, parsed));
  EXPECT_EQ(dtypeBlock(kGroupDTypeBit | (3u << kGroupSizeShift)).values, 0u);
  EXPECT_EQ(dtypeBlock(kGroupDTypeBit | 0x200).values, 0u);
}

TEST(PackageFormat, LayoutConstants) {
  EXPECT_EQ(sizeof(FileHeader), 64u);
  EXPECT_EQ(sizeof(SectionEntry), 64u);
  EXPECT_EQ(sizeof(TokenizerHeader), 32u);
  TokenizerHeader h{};
  h.tokenCount = 5;
  h.mergeCount = 3;
  h.flags = kTokenizerHasScores;
  h.tokenPoolBytes = 14;
  h.mergePoolBytes = 9;
  TokenizerLayout l = tokenizerLayout(h);
  EXPECT_EQ(l.tokenOffsets, 32u);
  EXPECT_EQ(l.tokenTypes, 56u);
  EXPECT_EQ(l.scores, 64u);
  EXPECT_EQ(l.mergeOffsets, 84u);
  EXPECT_EQ(l.tokenPool, 112u);
  EXPECT_EQ(l.mergePool, 128u);
  EXPECT_EQ(l.end, 140u);
}

TEST(CpuFeatures, HostIsSortedSubsetOfKnown) {
  const std::vector<std::string> &host = hostCpuFeatures();
  const std::vector<std::string> &known = knownCpuFeatures();
  EXPECT_TRUE(std::is_sorted(host.begin(), host.end()));
  for (const std::string &f : host)
    EXPECT_TRUE(std::binary_search(known.begin(), known.end(), f)) << f;
#if defined(__x86_64__)
  EXPECT_TRUE(std::binary_search(host.begin(), host.end(), "sse2"));
#endif
}

TEST(CpuFeatures, AgreesWithCompilerBuiltin) {
#if defined(__x86_64__)
  const std::vector<std::string> &host = hostCpuFeatures();
  auto has = [&](const char *f) {
    return std::binary_search(host.begin(), host.end(), std::string(f));
  };
  __builtin_cpu_init();
  EXPECT_EQ(has("sse4.2"), bool(__builtin_cpu_supports("sse4.2")));
  EXPECT_EQ(has("popcnt"), bool(__builtin_cpu_supports("popcnt")));
  EXPECT_EQ(has("avx"), bool(__builtin_cpu_supports("avx")));
  EXPECT_EQ(has("avx2"), bool(__builtin_cpu_supports("avx2")));
  EXPECT_EQ(has("fma"), bool(__builtin_cpu_supports("fma")));
  EXPECT_EQ(has("bmi2"), bool(__builtin_cpu_supports("bmi2")));
  EXPECT_EQ(has("avx512f"), bool(__builtin_cpu_supports("avx512f")));
  EXPECT_EQ(has("avx512bw"), bool(__builtin_cpu_supports("avx512bw")));
  EXPECT_EQ(has("avx512vl"), bool(__builtin_cpu_supports("avx512vl")));
  EXPECT_EQ(has("avx512vnni"), bool(__builtin_cpu_supports("avx512vnni")));
#endif
}

TEST(CpuFeatures, MissingListsUnknownAndAbsent) {
  EXPECT_EQ(missingCpuFeatures({"avx1024", "sse2", "x"}),
            (std::vector<std::string>{"avx1024", "x"}));
  EXPECT_TRUE(missingCpuFeatures({}).empty());
}

} // namespace
