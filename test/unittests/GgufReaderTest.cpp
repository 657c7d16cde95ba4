//===- GgufReaderTest.cpp - GGUF parsing, validation and descriptions -----===//
//
// GGUF images are built byte by byte in memory, so each bad-input class can
// be hit exactly and its message (with the byte offset) checked.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/ModelDescription.h"

#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace sinkc;
using namespace sinkc::gguf;

namespace {

/// Writes GGUF pieces in file order. Counts in the header are given
/// explicitly so tests can lie about them.
class Writer {
public:
  std::string bytes;

  template <typename T> Writer &raw(T v) {
    bytes.append(reinterpret_cast<const char *>(&v), sizeof(T));
    return *this;
  }
  Writer &str(const std::string &s) {
    raw<uint64_t>(s.size());
    bytes += s;
    return *this;
  }
  Writer &header(uint64_t tensors, uint64_t kvs, uint32_t version = 3) {
    bytes += "GGUF";
    return raw<uint32_t>(version).raw<uint64_t>(tensors).raw<uint64_t>(kvs);
  }
  Writer &kvType(const std::string &key, ValueType t) {
    return str(key).raw<uint32_t>(uint32_t(t));
  }
  Writer &kvU32(const std::string &key, uint32_t v) {
    return kvType(key, ValueType::UInt32).raw(v);
  }
  Writer &kvStr(const std::string &key, const std::string &v) {
    return kvType(key, ValueType::String).str(v);
  }
  Writer &kvF32(const std::string &key, float v) {
    return kvType(key, ValueType::Float32).raw(v);
  }
  Writer &tensor(const std::string &name, std::vector<uint64_t> ne, uint32_t type,
                 uint64_t offset) {
    str(name).raw<uint32_t>(ne.size());
    for (uint64_t d : ne)
      raw(d);
    return raw(type).raw(offset);
  }
  Writer &pad(uint64_t align = 32) {
    while (bytes.size() % align)
      bytes += '\0';
    return *this;
  }
  Writer &zeros(size_t n) {
    bytes.append(n, '\0');
    return *this;
  }
};

llvm::Expected<GgufFile> parse(const std::string &bytes) {
  return GgufFile::parse(std::shared_ptr<llvm::MemoryBuffer>(
      llvm::MemoryBuffer::getMemBufferCopy(bytes, "test.gguf")));
}

/// The error message of parsing `bytes` ("" when it parses).
std::string parseError(const std::string &bytes) {
  auto f = parse(bytes);
  if (f)
    return "";
  return llvm::toString(f.takeError());
}

TEST(GgufReader, EveryMetadataTypeParses) {
  Writer w;
  w.header(0, 15);
  w.kvType("u8", ValueType::UInt8).raw<uint8_t>(200);
  w.kvType("i8", ValueType::Int8).raw<int8_t>(-100);
  w.kvType("u16", ValueType::UInt16).raw<uint16_t>(60000);
  w.kvType("i16", ValueType::Int16).raw<int16_t>(-30000);
  w.kvU32("u32", 4000000000u);
  w.kvType("i32", ValueType::Int32).raw<int32_t>(-2000000000);
  w.kvF32("f32", 0.25f);
  w.kvType("bool", ValueType::Bool).raw<uint8_t>(1);
  w.kvStr("string", "h\xc3\xa9llo");
  w.kvType("u64", ValueType::UInt64).raw<uint64_t>(uint64_t(1) << 63);
  w.kvType("i64", ValueType::Int64).raw<int64_t>(-(int64_t(1) << 40));
  w.kvType("f64", ValueType::Float64).raw<double>(-1e300);
  w.kvType("strings", ValueType::Array).raw<uint32_t>(uint32_t(ValueType::String))
      .raw<uint64_t>(2).str("a").str("");
  // [[1, 2], [], [3]] as an array of i32 arrays
  w.kvType("nested", ValueType::Array).raw<uint32_t>(uint32_t(ValueType::Array))
      .raw<uint64_t>(3);
  w.raw<uint32_t>(uint32_t(ValueType::Int32)).raw<uint64_t>(2).raw<int32_t>(1).raw<int32_t>(2);
  w.raw<uint32_t>(uint32_t(ValueType::Int32)).raw<uint64_t>(0);
  w.raw<uint32_t>(uint32_t(ValueType::Int32)).raw<uint64_t>(1).raw<int32_t>(3);
  w.kvType("empty", ValueType::Array).raw<uint32_t>(uint32_t(ValueType::Float32)).raw<uint64_t>(0);

  auto f = parse(w.bytes);
  ASSERT_TRUE(bool(f)) << llvm::toString(f.takeError());
  EXPECT_EQ(f->getVersion(), 3u);
  EXPECT_EQ(f->getMetadata().size(), 15u);
  EXPECT_EQ(f->getMetadata()[3].first, "i16");
  EXPECT_EQ(*f->findMetadata("u8")->getInteger(), 200);
  EXPECT_EQ(*f->findMetadata("i8")->getInteger(), -100);
  EXPECT_EQ(*f->findMetadata("u16")->getInteger(), 60000);
  EXPECT_EQ(*f->findMetadata("i16")->getInteger(), -30000);
  EXPECT_EQ(*f->findMetadata("u32")->getInteger(), 4000000000);
  EXPECT_EQ(*f->findMetadata("i32")->getInteger(), -2000000000);
  EXPECT_EQ(*f->findMetadata("f32")->getFloat(), 0.25);
  EXPECT_FALSE(f->findMetadata("f32")->getInteger());
  EXPECT_EQ(f->findMetadata("bool")->type, ValueType::Bool);
  EXPECT_TRUE(f->findMetadata("bool")->b);
  EXPECT_EQ(*f->findMetadata("string")->getString(), "h\xc3\xa9llo");
  // 2^63 does not fit an int64: no integer, but the raw value is kept
  EXPECT_FALSE(f->findMetadata("u64")->getInteger());
  EXPECT_EQ(f->findMetadata("u64")->u, uint64_t(1) << 63);
  EXPECT_EQ(*f->findMetadata("i64")->getInteger(), -(int64_t(1) << 40));
  EXPECT_EQ(*f->findMetadata("f64")->getFloat(), -1e300);
  const MetadataValue *strings = f->findMetadata("strings");
  ASSERT_EQ(strings->array.size(), 2u);
  EXPECT_EQ(strings->elementType, ValueType::String);
  EXPECT_EQ(strings->array[0].s, "a");
  EXPECT_EQ(strings->array[1].s, "");
  const MetadataValue *nested = f->findMetadata("nested");
  ASSERT_EQ(nested->array.size(), 3u);
  EXPECT_EQ(nested->array[0].array.size(), 2u);
  EXPECT_EQ(*nested->array[0].array[1].getInteger(), 2);
  EXPECT_TRUE(nested->array[1].array.empty());
  EXPECT_EQ(*nested->array[2].array[0].getInteger(), 3);
  EXPECT_EQ(f->findMetadata("empty")->elementType, ValueType::Float32);
  EXPECT_EQ(f->findMetadata("missing"), nullptr);
  EXPECT_TRUE(f->getTensors().empty());
}

/// A file with two f32 tensors ([2, 3] and [4]); `alignment` 0 leaves
/// general.alignment out.
std::string twoTensors(uint32_t version, uint64_t alignment) {
  Writer w;
  w.header(2, alignment ? 1 : 0, version);
  if (alignment)
    w.kvU32("general.alignment", alignment);
  uint64_t align = alignment ? alignment : 32;
  uint64_t second = (24 + align - 1) / align * align;
  w.tensor("a", {3, 2}, 0, 0).tensor("b", {4}, 0, second);
  w.pad(align);
  std::string data(second + 16, '\0');
  float a[6] = {1, 2, 3, 4, 5, 6}, b[4] = {-1, -2, -3, -4};
  std::memcpy(&data[0], a, sizeof(a));
  std::memcpy(&data[second], b, sizeof(b));
  return w.bytes + data;
}

TEST(GgufReader, TensorsInVersions2And3) {
  for (uint32_t version : {2u, 3u}) {
    auto f = parse(twoTensors(version, 0));
    ASSERT_TRUE(bool(f)) << llvm::toString(f.takeError());
    EXPECT_EQ(f->getVersion(), version);
    EXPECT_EQ(f->getAlignment(), 32u);
    ASSERT_EQ(f->getTensors().size(), 2u);
    const TensorInfo &a = f->getTensors()[0];
    EXPECT_EQ(a.name, "a");
    EXPECT_EQ(a.getShape(), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(a.getNumElements(), 6u);
    EXPECT_EQ(a.byteSize, 24u);
    // header 24 + "a" info (8+1+4+16+4+8 = 41) + "b" info (33) = 98 -> 128
    EXPECT_EQ(f->getDataOffset(), 128u);
    EXPECT_EQ(a.fileOffset, 128u);
    const TensorInfo *b = f->findTensor("b");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->relativeOffset, 32u);
    EXPECT_EQ(b->fileOffset, 160u);
    float values[4];
    ASSERT_TRUE(dequantize(*getTypeTraits(0), f->getTensorData(*b).data(),
                           f->getTensorData(*b).size(), values, 4));
    EXPECT_EQ(values[3], -4.0f);
  }
}

TEST(GgufReader, Alignment) {
  auto f = parse(twoTensors(3, 256));
  ASSERT_TRUE(bool(f)) << llvm::toString(f.takeError());
  EXPECT_EQ(f->getAlignment(), 256u);
  EXPECT_EQ(f->getDataOffset(), 256u);
  EXPECT_EQ(f->findTensor("b")->fileOffset, 512u);
  EXPECT_EQ(parseError(twoTensors(3, 48)),
            "test.gguf: byte 53: general.alignment must be a power of two, got 48");
  Writer w;
  w.header(0, 1).kvStr("general.alignment", "32");
  EXPECT_EQ(parseError(w.bytes),
            "test.gguf: byte 53: general.alignment must be a power of two, got a string");
}

TEST(GgufReader, WrongMagicAndVersion) {
  Writer w;
  w.bytes = "GGML";
  w.raw<uint32_t>(3).raw<uint64_t>(0).raw<uint64_t>(0);
  EXPECT_EQ(parseError(w.bytes), "test.gguf: byte 0: not a GGUF file (it does not start with \"GGUF\")");
  EXPECT_EQ(parseError(""), "test.gguf: byte 0: not a GGUF file (it does not start with \"GGUF\")");
  for (uint32_t v : {1u, 4u}) {
    Writer x;
    x.header(0, 0, v);
    EXPECT_EQ(parseError(x.bytes), "test.gguf: byte 4: GGUF version " + std::to_string(v) +
                                       " is not supported (sinkc reads versions 2 and 3)");
  }
}

TEST(GgufReader, TruncatedAtEachField) {
  std::string full = twoTensors(3, 0);
  struct Case {
    size_t cut;
    const char *message;
  } cases[] = {
      {6, "byte 4: file ends inside the version (4 bytes needed, 2 left)"},
      {12, "byte 8: file ends inside the tensor count (8 bytes needed, 4 left)"},
      {20, "byte 16: file ends inside the metadata count (8 bytes needed, 4 left)"},
      // cuts before byte 72 fail the tensor count check (2 infos need 48 bytes)
      {30, "byte 8: tensor count 2 is more than the file can hold (6 bytes left)"},
      {80, "byte 78: file ends inside dimension 0 of tensor 'b' (8 bytes needed, 2 left)"},
      {88, "byte 86: file ends inside the type of tensor 'b' (4 bytes needed, 2 left)"},
      {95, "byte 90: file ends inside the data offset of tensor 'b' (8 bytes needed, 5 left)"},
      {100, "byte 98: file ends before the tensor data section (which starts at byte 128)"},
      {140, "byte 57: tensor 'a' data (24 bytes at byte 128 + 0) runs past the end of the file (140 bytes)"},
      {170, "byte 90: tensor 'b' data (16 bytes at byte 128 + 32) runs past the end of the file (170 bytes)"},
  };
  for (const Case &c : cases)
    EXPECT_EQ(parseError(full.substr(0, c.cut)), std::string("test.gguf: ") + c.message)
        << "cut at " << c.cut;
  Writer w;
  w.header(0, 1).kvType("k", ValueType::UInt64).raw<uint32_t>(7);
  EXPECT_EQ(parseError(w.bytes),
            "test.gguf: byte 37: file ends inside metadata 'k' (8 bytes needed, 4 left)");
  Writer name;
  name.header(1, 0).raw<uint64_t>(100).zeros(20);
  EXPECT_EQ(parseError(name.bytes), "test.gguf: byte 24: length 100 of the name of tensor 0 "
                                    "runs past the end of the file (20 bytes left)");
  Writer s;
  s.header(0, 1).kvType("k", ValueType::String).raw<uint64_t>(5).bytes += "abc";
  EXPECT_EQ(parseError(s.bytes),
            "test.gguf: byte 37: length 5 of metadata 'k' runs past the end of the file (3 bytes left)");
}

TEST(GgufReader, AbsurdCountsAndLengths) {
  Writer t;
  t.header(uint64_t(1) << 60, 0).zeros(64);
  EXPECT_EQ(parseError(t.bytes), "test.gguf: byte 8: tensor count 1152921504606846976 is "
                                 "more than the file can hold (64 bytes left)");
  Writer k;
  k.header(0, uint64_t(1) << 60).zeros(64);
  EXPECT_EQ(parseError(k.bytes), "test.gguf: byte 16: metadata count 1152921504606846976 is "
                                 "more than the file can hold (64 bytes left)");
  Writer s;
  s.header(0, 1).raw<uint64_t>(uint64_t(1) << 62).zeros(16);
  EXPECT_EQ(parseError(s.bytes), "test.gguf: byte 24: length 4611686018427387904 of metadata "
                                 "key 0 runs past the end of the file (16 bytes left)");
  Writer a;
  a.header(0, 1).kvType("tokens", ValueType::Array).raw<uint32_t>(uint32_t(ValueType::String))
      .raw<uint64_t>(uint64_t(1) << 60).zeros(40);
  EXPECT_EQ(parseError(a.bytes), "test.gguf: byte 46: metadata 'tokens' claims "
                                 "1152921504606846976 string values, more than the file "
                                 "holds (40 bytes left)");
  Writer n;
  n.header(1, 0).tensor("t", {1, 1, 1, 1, 1}, 0, 0).pad().zeros(32);
  EXPECT_EQ(parseError(n.bytes), "test.gguf: byte 33: tensor 't' has 5 dimensions (at most 4)");
  Writer big;
  big.header(1, 0).tensor("t", {uint64_t(1) << 40, uint64_t(1) << 40}, 0, 0).pad().zeros(32);
  EXPECT_EQ(parseError(big.bytes), "test.gguf: byte 45: tensor 't' has more than 2^63 values");
  Writer deep;
  deep.header(0, 1).kvType("d", ValueType::Array);
  for (int i = 0; i < 10; ++i)
    deep.raw<uint32_t>(uint32_t(ValueType::Array)).raw<uint64_t>(1);
  deep.zeros(16);
  EXPECT_EQ(parseError(deep.bytes),
            "test.gguf: byte 121: metadata 'd'[0][0][0][0][0][0][0] nests arrays deeper than 8");
}

TEST(GgufReader, BadValuesAndTypes) {
  Writer vt;
  vt.header(0, 1).kvType("k", ValueType(13)).zeros(8);
  EXPECT_EQ(parseError(vt.bytes), "test.gguf: byte 33: metadata 'k' has unknown value type 13");
  Writer b;
  b.header(0, 1).kvType("k", ValueType::Bool).raw<uint8_t>(2);
  EXPECT_EQ(parseError(b.bytes),
            "test.gguf: byte 37: metadata 'k' is a bool with byte value 2 (must be 0 or 1)");
  Writer tt;
  tt.header(1, 0).tensor("t", {32}, 77, 0).pad().zeros(64);
  EXPECT_EQ(parseError(tt.bytes), "test.gguf: byte 45: tensor 't' has unknown type id 77");
  Writer rows;
  rows.header(1, 0).tensor("t", {48, 2}, 2, 0).pad().zeros(64);
  EXPECT_EQ(parseError(rows.bytes), "test.gguf: byte 53: tensor 't' rows have 48 values, "
                                    "not a multiple of the q4_0 block size 32");
  // A ggml type sinkc does not read still parses, with its size checked.
  Writer q2k;
  q2k.header(1, 0).tensor("t", {256}, 10, 0).pad().zeros(84);
  auto f = parse(q2k.bytes);
  ASSERT_TRUE(bool(f)) << llvm::toString(f.takeError());
  EXPECT_EQ(f->getTensors()[0].typeId, 10u);
  EXPECT_EQ(f->getTensors()[0].byteSize, 84u);
  EXPECT_EQ(getTypeTraits(10), nullptr);
  EXPECT_STREQ(describeTypeId(10), "q2_k");
  EXPECT_STREQ(describeTypeId(23), "iq4_xs");
  EXPECT_STREQ(describeTypeId(39), "mxfp4");
  EXPECT_STREQ(describeTypeId(77), "type 77");
}

TEST(GgufReader, OffsetsAndDuplicates) {
  Writer past;
  past.header(1, 0).tensor("t", {4}, 0, 1 << 20).pad().zeros(16);
  EXPECT_EQ(parseError(past.bytes), "test.gguf: byte 49: tensor 't' data (16 bytes at byte 64 "
                                    "+ 1048576) runs past the end of the file (80 bytes)");
  Writer huge;
  huge.header(1, 0).tensor("t", {4}, 0, ~uint64_t(0) - 31).pad().zeros(16);
  EXPECT_EQ(parseError(huge.bytes),
            "test.gguf: byte 49: tensor 't' data (16 bytes at byte 64 + 18446744073709551584) "
            "runs past the end of the file (80 bytes)");
  Writer mis;
  mis.header(1, 0).tensor("t", {4}, 0, 8).pad().zeros(32);
  EXPECT_EQ(parseError(mis.bytes), "test.gguf: byte 49: tensor 't' data offset 8 is not a "
                                   "multiple of the alignment 32");
  Writer dupT;
  dupT.header(2, 0).tensor("t", {4}, 0, 0).tensor("t", {4}, 0, 32).pad().zeros(64);
  EXPECT_EQ(parseError(dupT.bytes),
            "test.gguf: byte 57: duplicate tensor name 't' (first at byte 24)");
  Writer dupK;
  dupK.header(0, 3).kvU32("a", 1).kvU32("b", 2).kvU32("a", 3);
  EXPECT_EQ(parseError(dupK.bytes),
            "test.gguf: byte 58: duplicate metadata key 'a' (first at byte 24)");
  Writer overlap;
  overlap.header(2, 0).tensor("big", {64}, 0, 0).tensor("small", {4}, 0, 32).pad().zeros(256);
  EXPECT_EQ(parseError(overlap.bytes),
            "test.gguf: byte 88: tensor 'small' data overlaps tensor 'big'");
}

TEST(GgufTypes, TraitsAndStorage) {
  const TypeTraits *q4k = getTypeTraits(12), *q6k = getTypeTraits(14);
  ASSERT_TRUE(q4k && q6k);
  EXPECT_STREQ(q4k->name, "q4_k");
  EXPECT_EQ(q4k->blockBytes, 144);
  EXPECT_EQ(q6k->blockBytes, 210);
  EXPECT_EQ(getTypeTraits(6)->blockBytes, 22);
  EXPECT_EQ(getTypeTraits(7)->blockBytes, 24);
  EXPECT_EQ(getTypeTraits(8)->blockBytes, 34);
  EXPECT_STREQ(getTypeTraits(30)->name, "bf16");
  EXPECT_EQ(storageBytes(*q4k, 512), 288u);
  EXPECT_EQ(storageBytes(*q4k, 100), 0u);
  EXPECT_EQ(storageBytes(*getTypeTraits(0), uint64_t(1) << 62), 0u); // overflows
  float out[32];
  uint8_t block[34] = {};
  EXPECT_FALSE(dequantize(*getTypeTraits(8), block, 33, out, 32));
}

TEST(GgufTypes, DequantizeByHand) {
  // f16: 1.0, smallest subnormal, -inf, -2.5
  uint16_t h[4] = {0x3c00, 0x0001, 0xfc00, 0xc100};
  float f[4];
  ASSERT_TRUE(dequantize(*getTypeTraits(1), h, 8, f, 4));
  EXPECT_EQ(f[0], 1.0f);
  EXPECT_EQ(f[1], std::ldexp(1.0f, -24));
  EXPECT_EQ(f[2], -INFINITY);
  EXPECT_EQ(f[3], -2.5f);
  // bf16 0x4049 = 3.140625
  uint16_t bf = 0x4049;
  ASSERT_TRUE(dequantize(*getTypeTraits(30), &bf, 2, f, 1));
  EXPECT_EQ(f[0], 3.140625f);
  // q4_0: d = 0.5; byte j holds value j (low nibble) and 15-j (high nibble)
  uint8_t q40[18] = {0x00, 0x38};
  for (int j = 0; j < 16; ++j)
    q40[2 + j] = uint8_t(j | ((15 - j) << 4));
  float y[32];
  ASSERT_TRUE(dequantize(*getTypeTraits(2), q40, 18, y, 32));
  EXPECT_EQ(y[0], -4.0f);  // (0 - 8) * 0.5
  EXPECT_EQ(y[15], 3.5f);  // (15 - 8) * 0.5
  EXPECT_EQ(y[16], 3.5f);  // high nibble of byte 0
  EXPECT_EQ(y[31], -4.0f);
  // q5_0: qh bit 0 set lifts value 0 by 16; bit 16 lifts value 16
  uint8_t q50[22] = {0x00, 0x3c, 0x01, 0x00, 0x01, 0x00};
  ASSERT_TRUE(dequantize(*getTypeTraits(6), q50, 22, y, 32));
  EXPECT_EQ(y[0], 0.0f);   // (0 | 16) - 16
  EXPECT_EQ(y[1], -16.0f);
  EXPECT_EQ(y[16], 0.0f);
  EXPECT_EQ(y[17], -16.0f);
}

TEST(PreTokenizers, Names) {
  auto smollm = import::getPreTokenizerRegexes("smollm");
  ASSERT_TRUE(bool(smollm));
  ASSERT_EQ(smollm->size(), 2u);
  EXPECT_EQ((*smollm)[0], "\\p{N}");
  auto llama3 = import::getPreTokenizerRegexes("llama-bpe");
  ASSERT_TRUE(bool(llama3));
  EXPECT_NE(llama3->front().find("\\p{N}{1,3}"), std::string::npos);
  for (const char *name : {"default", "gpt2", "llama3", "qwen2", "deepseek-llm", "falcon",
                           "starcoder", "refact", "gpt-4o", "tekken"}) {
    auto r = import::getPreTokenizerRegexes(name);
    ASSERT_TRUE(bool(r)) << name;
    EXPECT_FALSE(r->empty()) << name;
  }
  EXPECT_EQ(import::getPreTokenizerRegexes("default")->size(), 4u);
  EXPECT_EQ(import::getPreTokenizerRegexes("deepseek-llm")->size(), 6u);
  auto bad = import::getPreTokenizerRegexes("nope");
  ASSERT_FALSE(bool(bad));
  std::string msg = llvm::toString(bad.takeError());
  EXPECT_EQ(msg.rfind("pre-tokenizer 'nope' is not supported (supported: default, gpt2,", 0), 0u)
      << msg;
}

/// A one-layer llama: hidden 8, 2 heads of 4, 1 kv head, ffn 16, vocab 4, f32
/// tensors. `edit` may change the metadata; `kTypeId`/`kRows` the attn_k tensor.
struct TinyModel {
  std::string arch = "llama";
  bool withHeadCount = true;
  uint32_t kTypeId = 0;
  uint64_t kRows = 4;
  bool withOutput = true;

  std::string build() const {
    struct T {
      std::string name;
      std::vector<uint64_t> ne;
      uint32_t type = 0;
    };
    std::vector<T> ts = {{"token_embd.weight", {8, 4}}, {"output_norm.weight", {8}}};
    if (withOutput)
      ts.push_back({"output.weight", {8, 4}});
    std::string p = "blk.0.";
    ts.push_back({p + "attn_norm.weight", {8}});
    ts.push_back({p + "attn_q.weight", {8, 8}});
    ts.push_back({p + "attn_k.weight", {kTypeId == 0 ? 8u : 256u, kRows}, kTypeId});
    ts.push_back({p + "attn_v.weight", {8, 4}});
    ts.push_back({p + "attn_output.weight", {8, 8}});
    ts.push_back({p + "ffn_norm.weight", {8}});
    ts.push_back({p + "ffn_gate.weight", {8, 16}});
    ts.push_back({p + "ffn_up.weight", {8, 16}});
    ts.push_back({p + "ffn_down.weight", {16, 8}});
    Writer w;
    w.header(ts.size(), withHeadCount ? 9 : 8);
    w.kvStr("general.architecture", arch);
    w.kvU32(arch + ".block_count", 1).kvU32(arch + ".context_length", 64);
    w.kvU32(arch + ".embedding_length", 8).kvU32(arch + ".feed_forward_length", 16);
    if (withHeadCount)
      w.kvU32(arch + ".attention.head_count", 2);
    w.kvU32(arch + ".attention.head_count_kv", 1);
    w.kvF32(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
    w.kvStr("tokenizer.ggml.model", "gpt2");
    uint64_t offset = 0;
    for (const T &t : ts) {
      w.tensor(t.name, t.ne, t.type, offset);
      uint64_t n = 1;
      for (uint64_t d : t.ne)
        n *= d;
      const TypeTraits *tr = getTypeTraits(t.type);
      uint64_t bytes = tr ? storageBytes(*tr, n) : n / 256 * 84; // q2_k otherwise
      offset += (bytes + 31) / 32 * 32;
    }
    w.pad().zeros(offset);
    return w.bytes;
  }
};

std::string describeError(const TinyModel &m) {
  auto f = parse(m.build());
  if (!f)
    return "parse: " + llvm::toString(f.takeError());
  auto d = import::describeGguf(*f);
  if (d)
    return "";
  return llvm::toString(d.takeError());
}

TEST(GgufModel, DescribesTinyLlama) {
  TinyModel m;
  m.withOutput = false;
  auto f = parse(m.build());
  ASSERT_TRUE(bool(f)) << llvm::toString(f.takeError());
  auto d = import::describeGguf(*f);
  ASSERT_TRUE(bool(d)) << llvm::toString(d.takeError());
  EXPECT_EQ(d->numLayers, 1);
  EXPECT_EQ(d->numHeads, 2);
  EXPECT_EQ(d->numKvHeads, 1);
  EXPECT_EQ(d->headDim, 4);
  EXPECT_EQ(d->vocab, 4); // from token_embd: no vocab_size, no tokens
  EXPECT_EQ(d->rope.theta, 10000.0);
  EXPECT_EQ(d->rope.style, import::RopeStyle::Interleaved);
  EXPECT_TRUE(d->tiedEmbeddings);
  EXPECT_FALSE(d->output);
  ASSERT_EQ(d->blocks.size(), 1u);
  EXPECT_EQ(d->blocks[0].k.shape, (std::vector<int64_t>{4, 8}));
  EXPECT_EQ(d->blocks[0].k.offset, f->findTensor("blk.0.attn_k.weight")->fileOffset);
  EXPECT_EQ(d->blocks[0].gate.shape, (std::vector<int64_t>{16, 8}));
  EXPECT_EQ(d->blocks[0].k.dtype, "f32");
  EXPECT_EQ(d->tokenizer.model, "gpt2");
  EXPECT_EQ(d->tokenizer.preRegexes.size(), 4u); // no pre name: llama.cpp's default
}

TEST(GgufModel, Errors) {
  TinyModel noHeads;
  noHeads.withHeadCount = false;
  EXPECT_EQ(describeError(noHeads), "test.gguf: missing metadata key 'llama.attention.head_count'");
  TinyModel shape;
  shape.kRows = 8;
  EXPECT_EQ(describeError(shape),
            "test.gguf: tensor 'blk.0.attn_k.weight' has shape [8, 8], expected [4, 8]");
  TinyModel type;
  type.kTypeId = 10; // q2_k
  EXPECT_EQ(describeError(type),
            "test.gguf: tensor 'blk.0.attn_k.weight' has type q2_k, which sinkc does not read "
            "(supported: f32, f16, bf16, q4_0, q4_1, q5_0, q5_1, q8_0, q4_k, q6_k)");
  TinyModel arch;
  arch.arch = "phi3";
  EXPECT_EQ(describeError(arch),
            "test.gguf: architecture 'phi3' is not supported (supported: llama, qwen2)");
}

} // namespace
