//===- SafetensorsReaderTest.cpp - safetensors files and HF checkpoints ---===//
//
// Builds safetensors byte images and checkpoint folders in a temporary
// directory and checks what the reader and describeCheckpoint make of them:
// exact offsets, shard resolution, the llama / mistral / qwen2 variants, and
// one message per class of bad input.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/ModelDescription.h"
#include "sinkc/Importers/Safetensors.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace sinkc;
using safetensors::Checkpoint;
using safetensors::SafetensorsFile;
using safetensors::TensorInfo;

namespace {

struct Spec {
  std::string name, dtype;
  std::vector<int64_t> shape;
};

int64_t dtypeBytes(StringRef dtype) {
  return StringSwitch<int64_t>(dtype)
      .Cases({"F32", "I32"}, 4)
      .Cases({"F16", "BF16"}, 2)
      .Default(1);
}

/// u64 little-endian length, the header, then `dataBytes` bytes of data.
std::string rawFile(StringRef header, size_t dataBytes) {
  std::string out(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    out[i] = char(n >> (8 * i));
  out += header;
  for (size_t i = 0; i < dataBytes; ++i)
    out += char(i * 7 + 1);
  return out;
}

/// A valid file holding `specs` back to back, in order; `headerSize` gets N.
std::string makeFile(ArrayRef<Spec> specs, uint64_t *headerSize = nullptr,
                     StringRef metadata = "") {
  std::string header = "{";
  if (!metadata.empty())
    header += "\"__metadata__\":" + metadata.str() + ",";
  uint64_t offset = 0;
  for (const Spec &s : specs) {
    int64_t bytes = dtypeBytes(s.dtype);
    std::string dims;
    for (int64_t d : s.shape) {
      bytes *= d;
      dims += (dims.empty() ? "" : ",") + std::to_string(d);
    }
    header += formatv("\"{0}\":{{\"dtype\":\"{1}\",\"shape\":[{2}],"
                      "\"data_offsets\":[{3},{4}]},",
                      s.name, s.dtype, dims, offset, offset + bytes)
                  .str();
    offset += bytes;
  }
  if (header.back() == ',')
    header.pop_back();
  header += "}";
  header.append((8 - header.size() % 8) % 8, ' '); // as the writer pads
  if (headerSize)
    *headerSize = header.size();
  return rawFile(header, offset);
}

Expected<SafetensorsFile> parseBytes(StringRef bytes,
                                     StringRef name = "x.safetensors") {
  return SafetensorsFile::parse(
      std::shared_ptr<MemoryBuffer>(MemoryBuffer::getMemBufferCopy(bytes, name)));
}

/// The error text, or "" when `value` holds a value.
template <typename T> std::string errorOf(Expected<T> value) {
  return value ? std::string() : toString(value.takeError());
}

std::string parseError(StringRef header, size_t dataBytes) {
  return errorOf(parseBytes(rawFile(header, dataBytes)));
}

//===----------------------------------------------------------------------===//
// One file
//===----------------------------------------------------------------------===//

TEST(SafetensorsFileTest, ParsesDtypesShapesAndOffsets) {
  uint64_t n = 0;
  std::string bytes = makeFile({{"a", "F32", {2, 3}},
                                {"b", "F16", {4}},
                                {"empty", "F32", {0, 5}},
                                {"c", "BF16", {1, 2, 2}},
                                {"scalar", "I8", {}}},
                               &n, R"({"format":"pt"})");
  Expected<SafetensorsFile> file = parseBytes(bytes);
  ASSERT_TRUE(bool(file)) << toString(file.takeError());
  const std::vector<TensorInfo> &t = file->getTensors();
  ASSERT_EQ(t.size(), 5u);
  uint64_t data = 8 + n;
  // File order: by data offset (the empty tensor sits at 32, before c).
  EXPECT_EQ(t[0].name, "a");
  EXPECT_EQ(t[0].dtype, "F32");
  EXPECT_EQ(t[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(t[0].fileOffset, data);
  EXPECT_EQ(t[0].byteSize, 24u);
  EXPECT_EQ(t[1].name, "b");
  EXPECT_EQ(t[1].dtype, "F16");
  EXPECT_EQ(t[1].fileOffset, data + 24);
  EXPECT_EQ(t[1].byteSize, 8u);
  EXPECT_EQ(t[2].name, "empty");
  EXPECT_EQ(t[2].byteSize, 0u);
  EXPECT_EQ(t[2].fileOffset, data + 32);
  EXPECT_EQ(t[3].name, "c");
  EXPECT_EQ(t[3].dtype, "BF16");
  EXPECT_EQ(t[3].shape, (std::vector<int64_t>{1, 2, 2}));
  EXPECT_EQ(t[3].fileOffset, data + 32);
  EXPECT_EQ(t[3].byteSize, 8u);
  EXPECT_EQ(t[4].name, "scalar");
  EXPECT_TRUE(t[4].shape.empty());
  EXPECT_EQ(t[4].byteSize, 1u);
  EXPECT_EQ(t[4].fileOffset, data + 40);
  EXPECT_EQ(t[4].file, "x.safetensors");
  EXPECT_EQ(file->getMetadata().at("format"), "pt");
  EXPECT_EQ(file->getPath(), "x.safetensors");
}

TEST(SafetensorsFileTest, TruncatedHeaderLength) {
  EXPECT_EQ(errorOf(parseBytes(StringRef("\x10\0\0\0\0", 5))),
            "x.safetensors: byte 0: file has 5 bytes, too short for the "
            "8-byte header length");
}

TEST(SafetensorsFileTest, HeaderLengthPastEndOfFile) {
  std::string bytes = rawFile("{}", 0);
  bytes[0] = char(200);
  EXPECT_EQ(errorOf(parseBytes(bytes)),
            "x.safetensors: byte 0: header length 200 runs past the end of "
            "the file (10 bytes)");
  bytes[5] = 1; // 2^40 + 200: the size limit comes first
  EXPECT_EQ(errorOf(parseBytes(bytes)),
            "x.safetensors: byte 0: header length 1099511627976 is over the "
            "100 MB limit");
}

TEST(SafetensorsFileTest, InvalidJson) {
  // llvm::json stops just past the '}' that should have been a value (at
  // byte 8 + 5).
  EXPECT_EQ(parseError(R"({"a":})", 0),
            "x.safetensors: byte 14: invalid JSON: Invalid JSON value");
  EXPECT_EQ(parseError("[1, 2]", 0),
            "x.safetensors: byte 8: header is not a JSON object");
  std::string deep(100, '[');
  EXPECT_EQ(parseError(deep + std::string(100, ']'), 0),
            "x.safetensors: byte 72: JSON nests deeper than 64 levels");
}

TEST(SafetensorsFileTest, DataOffsetsPastEndOfFile) {
  EXPECT_EQ(
      parseError(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})",
                 20),
      "x.safetensors: header field 'w.data_offsets': [8, 24) runs past the "
      "end of the file (the data section has 20 bytes from byte 63)");
}

TEST(SafetensorsFileTest, SizeDoesNotMatchShapeAndDtype) {
  EXPECT_EQ(
      parseError(R"({"w":{"dtype":"BF16","shape":[2,3],"data_offsets":[0,24]}})",
                 24),
      "x.safetensors: header field 'w.data_offsets': [0, 24) holds 24 bytes, "
      "but shape and dtype BF16 need 12");
  EXPECT_EQ(
      parseError(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[9,2]}})",
                 24),
      "x.safetensors: header field 'w.data_offsets': end 2 is before begin 9");
  // 2^40 * 2^40 elements: the product overflows before any size compare.
  EXPECT_EQ(parseError(R"({"w":{"dtype":"F32","shape":[1099511627776,)"
                       R"(1099511627776],"data_offsets":[0,4]}})",
                       4),
            "x.safetensors: header field 'w.shape': element count overflows "
            "64 bits");
  EXPECT_EQ(
      parseError(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})",
                 4),
      "x.safetensors: header field 'w.shape': expected non-negative "
      "integers, got -1");
}

TEST(SafetensorsFileTest, OverlappingTensors) {
  EXPECT_EQ(parseError(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},)"
                       R"("b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
                       16),
            "x.safetensors: header field 'b.data_offsets': [8, 16) overlaps "
            "tensor 'a' [0, 16)");
}

TEST(SafetensorsFileTest, DuplicateNames) {
  // llvm::json keeps the last of two equal keys; the reader must not.
  std::string entry = R"({"dtype":"F32","shape":[1],"data_offsets":[0,4]})";
  EXPECT_EQ(parseError("{\"w\":" + entry + ",\"\\u0077\":" + entry + "}", 4),
            "x.safetensors: byte 62: tensor 'w' is defined twice");
  EXPECT_EQ(
      parseError(R"({"w":{"dtype":"F32","dtype":"F16","shape":[1],)"
                 R"("data_offsets":[0,4]}})",
                 4),
      "x.safetensors: byte 28: key 'dtype' appears twice in 'w'");
}

TEST(SafetensorsFileTest, FieldErrorsNameTensorAndField) {
  EXPECT_EQ(parseError(R"({"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}})", 4),
            "x.safetensors: header field 'w.dtype': unknown dtype 'Q4' (the "
            "format defines F64, F32, F16, BF16, F8_E4M3, F8_E5M2, F8_E8M0, "
            "F6_E2M3, F6_E3M2, F4, I64..I8, U64..U8, BOOL)");
  EXPECT_EQ(parseError(R"({"w":{"shape":[1],"data_offsets":[0,4]}})", 4),
            "x.safetensors: header field 'w.dtype': missing");
  EXPECT_EQ(parseError(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", 4),
            "x.safetensors: header field 'w.data_offsets': expected [begin, "
            "end], two integers");
  EXPECT_EQ(parseError(R"({"__metadata__":{"k":1}})", 0),
            "x.safetensors: header field '__metadata__.k': expected a string");
}

// sinkc group formats: U8 rows of groups become the logical shape.
TEST(SafetensorsFileTest, GroupEncodedTensorsGetTheirLogicalShape) {
  // i4g64a_f16: 64 values in 2 + 2 + 32 = 36 bytes; 3 rows of 2 groups.
  std::string bytes = makeFile({{"w", "U8", {3, 72}}, {"n", "F32", {4}}}, nullptr,
                               R"({"sinkc.encoding.w":"i4g64a_f16"})");
  Expected<SafetensorsFile> file = parseBytes(bytes);
  ASSERT_TRUE(bool(file)) << toString(file.takeError());
  const TensorInfo &w = file->getTensors()[0];
  EXPECT_EQ(w.encoding, "i4g64a_f16");
  EXPECT_EQ(w.shape, (std::vector<int64_t>{3, 128}));
  EXPECT_EQ(w.byteSize, 216u);
  EXPECT_EQ(file->getTensors()[1].encoding, "");
}

TEST(SafetensorsFileTest, BadGroupEncodingsNameTheKey) {
  auto error = [](ArrayRef<Spec> specs, StringRef metadata) {
    return errorOf(parseBytes(makeFile(specs, nullptr, metadata)));
  };
  EXPECT_EQ(error({{"w", "U8", {2, 36}}}, R"({"sinkc.encoding.v":"i4g64a_f16"})"),
            "x.safetensors: header field '__metadata__.sinkc.encoding.v': names no tensor "
            "of this file");
  EXPECT_EQ(error({{"w", "U8", {2, 36}}}, R"({"sinkc.encoding.w":"i3g64a_f16"})"),
            "x.safetensors: header field '__metadata__.sinkc.encoding.w': 'i3g64a_f16' is "
            "not a sinkc group format (i<4|8>g<32|64|128><s|a>_<f16|f32>)");
  EXPECT_EQ(error({{"w", "F32", {2, 9}}}, R"({"sinkc.encoding.w":"i4g64a_f16"})"),
            "x.safetensors: header field '__metadata__.sinkc.encoding.w': tensor 'w' must "
            "be stored as U8 rows of groups, not F32 of rank 2");
  EXPECT_EQ(error({{"w", "U8", {2, 40}}}, R"({"sinkc.encoding.w":"i4g64a_f16"})"),
            "x.safetensors: header field '__metadata__.sinkc.encoding.w': tensor 'w': a "
            "row of 40 bytes is not a whole number of i4g64a_f16 groups of 36 bytes");
}

TEST(SafetensorsFileTest, EveryTruncationIsAnErrorNotACrash) {
  std::string bytes = makeFile({{"a", "F32", {3}}, {"b", "F16", {2, 2}}});
  for (size_t len = 0; len < bytes.size(); ++len)
    EXPECT_NE(errorOf(parseBytes(StringRef(bytes).take_front(len))), "")
        << "prefix of " << len << " bytes";
  EXPECT_EQ(errorOf(parseBytes(bytes)), "");
}

//===----------------------------------------------------------------------===//
// Checkpoint folders
//===----------------------------------------------------------------------===//

/// A tiny llama: 2 layers, hidden 8, 2 heads of 4, 1 kv-head, ffn 12, vocab 16.
json::Object llamaConfig() {
  return json::Object{{"model_type", "llama"},
                      {"architectures", json::Array{"LlamaForCausalLM"}},
                      {"num_hidden_layers", 2},
                      {"hidden_size", 8},
                      {"intermediate_size", 12},
                      {"num_attention_heads", 2},
                      {"num_key_value_heads", 1},
                      {"vocab_size", 16},
                      {"max_position_embeddings", 64},
                      {"rms_norm_eps", 1e-5},
                      {"rope_theta", 100000.0}};
}

std::vector<Spec> llamaTensors(bool lmHead, bool biases = false,
                               StringRef dtype = "F32") {
  std::string d = dtype.str();
  std::vector<Spec> t = {{"model.embed_tokens.weight", d, {16, 8}},
                         {"model.norm.weight", d, {8}}};
  if (lmHead)
    t.push_back({"lm_head.weight", d, {16, 8}});
  for (int l = 0; l < 2; ++l) {
    std::string p = "model.layers." + std::to_string(l) + ".";
    t.push_back({p + "input_layernorm.weight", d, {8}});
    t.push_back({p + "self_attn.q_proj.weight", d, {8, 8}});
    t.push_back({p + "self_attn.k_proj.weight", d, {4, 8}});
    t.push_back({p + "self_attn.v_proj.weight", d, {4, 8}});
    t.push_back({p + "self_attn.o_proj.weight", d, {8, 8}});
    if (biases) {
      t.push_back({p + "self_attn.q_proj.bias", d, {8}});
      t.push_back({p + "self_attn.k_proj.bias", d, {4}});
      t.push_back({p + "self_attn.v_proj.bias", d, {4}});
    }
    t.push_back({p + "post_attention_layernorm.weight", d, {8}});
    t.push_back({p + "mlp.gate_proj.weight", d, {12, 8}});
    t.push_back({p + "mlp.up_proj.weight", d, {12, 8}});
    t.push_back({p + "mlp.down_proj.weight", d, {8, 12}});
  }
  return t;
}

class CheckpointTest : public ::testing::Test {
protected:
  void SetUp() override {
    SmallString<128> path;
    ASSERT_FALSE(sys::fs::createUniqueDirectory("sinkc-st-test", path));
    dir = std::string(path);
  }
  void TearDown() override { sys::fs::remove_directories(dir); }

  std::string path(StringRef name) const {
    SmallString<256> p(dir);
    sys::path::append(p, name);
    return std::string(p);
  }
  void write(StringRef name, StringRef bytes) {
    std::error_code ec;
    raw_fd_ostream os(path(name), ec);
    ASSERT_FALSE(ec) << ec.message();
    os << bytes;
  }
  void writeJson(StringRef name, json::Value value) {
    write(name, formatv("{0:2}", value).str());
  }
  /// config.json and a single model.safetensors.
  void writeModel(json::Object config, ArrayRef<Spec> tensors) {
    writeJson("config.json", json::Value(std::move(config)));
    write("model.safetensors", makeFile(tensors));
  }
  Expected<import::ModelDescription> describe() {
    Expected<Checkpoint> ckpt = Checkpoint::open(dir);
    if (!ckpt)
      return ckpt.takeError();
    return import::describeCheckpoint(*ckpt);
  }
  std::string describeError() { return errorOf(describe()); }

  std::string dir;
};

TEST_F(CheckpointTest, SingleFileResolvesTensors) {
  writeModel(llamaConfig(), llamaTensors(false));
  Expected<Checkpoint> ckpt = Checkpoint::open(dir);
  ASSERT_TRUE(bool(ckpt)) << toString(ckpt.takeError());
  EXPECT_EQ(ckpt->getTensors().size(), 20u);
  const TensorInfo *norm = ckpt->findTensor("model.norm.weight");
  ASSERT_TRUE(norm);
  EXPECT_EQ(norm->file, path("model.safetensors"));
  EXPECT_EQ(norm->byteSize, 32u);
  EXPECT_EQ(ckpt->findTensor("lm_head.weight"), nullptr);
  EXPECT_EQ(ckpt->getConfig().getString("model_type"), "llama");
  EXPECT_TRUE(ckpt->getTokenizerPath().empty());
}

TEST_F(CheckpointTest, ShardedResolvesTensorsToTheirShard) {
  std::vector<Spec> all = llamaTensors(true);
  std::vector<Spec> first(all.begin(), all.begin() + 9),
      second(all.begin() + 9, all.end());
  uint64_t n1 = 0, n2 = 0;
  writeJson("config.json", json::Value(llamaConfig()));
  write("model-00001-of-00002.safetensors", makeFile(first, &n1));
  write("model-00002-of-00002.safetensors", makeFile(second, &n2));
  json::Object map;
  for (const Spec &s : first)
    map[s.name] = "model-00001-of-00002.safetensors";
  for (const Spec &s : second)
    map[s.name] = "model-00002-of-00002.safetensors";
  writeJson("model.safetensors.index.json",
            json::Object{{"metadata", json::Object{{"total_size", 1}}},
                         {"weight_map", std::move(map)}});
  Expected<Checkpoint> ckpt = Checkpoint::open(dir);
  ASSERT_TRUE(bool(ckpt)) << toString(ckpt.takeError());
  EXPECT_EQ(ckpt->getTensors().size(), all.size());
  // embed [16,8] f32 is first in shard 1; second[0] is first in shard 2,
  // second[1] right after it.
  const TensorInfo *embed = ckpt->findTensor("model.embed_tokens.weight");
  ASSERT_TRUE(embed);
  EXPECT_EQ(embed->file, path("model-00001-of-00002.safetensors"));
  EXPECT_EQ(embed->fileOffset, 8 + n1);
  const TensorInfo *a = ckpt->findTensor(second[0].name);
  const TensorInfo *b = ckpt->findTensor(second[1].name);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->file, path("model-00002-of-00002.safetensors"));
  EXPECT_EQ(a->fileOffset, 8 + n2);
  EXPECT_EQ(b->fileOffset, 8 + n2 + a->byteSize);

  Expected<import::ModelDescription> m = import::describeCheckpoint(*ckpt);
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->blocks[1].down.file, path("model-00002-of-00002.safetensors"));
  EXPECT_EQ(m->tokenEmbedding.file, path("model-00001-of-00002.safetensors"));
}

TEST_F(CheckpointTest, IndexNamingAMissingShard) {
  writeJson("config.json", json::Value(llamaConfig()));
  writeJson("model.safetensors.index.json",
            json::Object{{"weight_map",
                          json::Object{{"model.norm.weight", "gone.safetensors"}}}});
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            path("model.safetensors.index.json") +
                ": weight_map names shard 'gone.safetensors' (for tensor "
                "'model.norm.weight'), which does not exist");
}

TEST_F(CheckpointTest, TensorMissingFromItsShard) {
  writeJson("config.json", json::Value(llamaConfig()));
  write("s1.safetensors", makeFile({{"a", "F32", {2}}}));
  writeJson("model.safetensors.index.json",
            json::Object{{"weight_map", json::Object{{"a", "s1.safetensors"},
                                                     {"b", "s1.safetensors"}}}});
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            path("model.safetensors.index.json") +
                ": tensor 'b' is listed in shard 's1.safetensors', which does "
                "not contain it");
}

TEST_F(CheckpointTest, ShardTensorNotInIndex) {
  writeJson("config.json", json::Value(llamaConfig()));
  write("s1.safetensors", makeFile({{"a", "F32", {2}}, {"extra", "F32", {1}}}));
  writeJson("model.safetensors.index.json",
            json::Object{{"weight_map", json::Object{{"a", "s1.safetensors"}}}});
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            path("s1.safetensors") +
                ": tensor 'extra' is not listed in model.safetensors.index.json");
}

TEST_F(CheckpointTest, MissingFiles) {
  EXPECT_EQ(errorOf(Checkpoint::open(path("nope"))),
            path("nope") + ": not a checkpoint folder (no such directory)");
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            dir + ": missing config.json (a Hugging Face checkpoint folder "
                  "holds config.json and model.safetensors or sharded "
                  "safetensors with model.safetensors.index.json)");
  writeJson("config.json", json::Value(llamaConfig()));
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            dir + ": no weights: neither model.safetensors nor "
                  "model.safetensors.index.json is there");
  write("config.json", "{\"a\": 1,,}");
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            path("config.json") + ": byte 9: invalid JSON: Expected object "
                                  "key");
}

TEST_F(CheckpointTest, BadShardNamesTheShard) {
  writeJson("config.json", json::Value(llamaConfig()));
  write("model.safetensors", StringRef("\x02\0\0", 3));
  EXPECT_EQ(errorOf(Checkpoint::open(dir)),
            path("model.safetensors") +
                ": byte 0: file has 3 bytes, too short for the 8-byte header "
                "length");
}

//===----------------------------------------------------------------------===//
// describeCheckpoint
//===----------------------------------------------------------------------===//

using HfModelTest = CheckpointTest;

TEST_F(HfModelTest, TinyLlamaWithTiedEmbeddings) {
  writeModel(llamaConfig(), llamaTensors(false, false, "BF16"));
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->format, "safetensors");
  EXPECT_EQ(m->source, dir);
  EXPECT_EQ(m->arch, "llama");
  EXPECT_EQ(m->numLayers, 2);
  EXPECT_EQ(m->hidden, 8);
  EXPECT_EQ(m->ffn, 12);
  EXPECT_EQ(m->numHeads, 2);
  EXPECT_EQ(m->numKvHeads, 1);
  EXPECT_EQ(m->headDim, 4); // hidden / heads
  EXPECT_EQ(m->vocab, 16);
  EXPECT_EQ(m->contextLength, 64);
  EXPECT_DOUBLE_EQ(m->normEpsilon, 1e-5);
  EXPECT_DOUBLE_EQ(m->rope.theta, 100000.0);
  EXPECT_EQ(m->rope.style, import::RopeStyle::Neox);
  EXPECT_EQ(m->rope.scaling, "");
  EXPECT_EQ(m->slidingWindow, 0);
  EXPECT_TRUE(m->tiedEmbeddings);
  EXPECT_FALSE(m->output.has_value());
  ASSERT_EQ(m->blocks.size(), 2u);
  const import::BlockTensors &b = m->blocks[1];
  EXPECT_EQ(b.k.name, "model.layers.1.self_attn.k_proj.weight");
  EXPECT_EQ(b.k.shape, (std::vector<int64_t>{4, 8}));
  EXPECT_EQ(b.k.dtype, "bf16");
  EXPECT_EQ(b.down.shape, (std::vector<int64_t>{8, 12}));
  EXPECT_FALSE(b.qBias || b.kBias || b.vBias || b.sinkLogits);
  Expected<Checkpoint> ckpt = Checkpoint::open(dir);
  ASSERT_TRUE(bool(ckpt));
  EXPECT_EQ(b.k.offset, ckpt->findTensor(b.k.name)->fileOffset);
  EXPECT_EQ(b.k.file, path("model.safetensors"));
  EXPECT_TRUE(m->tokenizer.source.empty());
}

TEST_F(HfModelTest, UntiedHead) {
  json::Object config = llamaConfig();
  config["tie_word_embeddings"] = false;
  writeModel(config, llamaTensors(true));
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_FALSE(m->tiedEmbeddings);
  ASSERT_TRUE(m->output.has_value());
  EXPECT_EQ(m->output->name, "lm_head.weight");

  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(), dir + ": missing tensor 'lm_head.weight' "
                                   "(config.json sets tie_word_embeddings to "
                                   "false)");
}

TEST_F(HfModelTest, Qwen2Biases) {
  json::Object config = llamaConfig();
  config["model_type"] = "qwen2";
  config["sliding_window"] = 32; // ignored: use_sliding_window is false
  config["use_sliding_window"] = false;
  writeModel(config, llamaTensors(false, true));
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->arch, "qwen2");
  EXPECT_EQ(m->slidingWindow, 0);
  const import::BlockTensors &b = m->blocks[0];
  ASSERT_TRUE(b.qBias && b.kBias && b.vBias);
  EXPECT_EQ(b.qBias->shape, (std::vector<int64_t>{8}));
  EXPECT_EQ(b.kBias->shape, (std::vector<int64_t>{4}));
  EXPECT_EQ(b.vBias->name, "model.layers.0.self_attn.v_proj.bias");

  config["use_sliding_window"] = true;
  config["max_window_layers"] = 0;
  writeModel(config, llamaTensors(false, true));
  m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->slidingWindow, 32);

  // transformers windows layers from max_window_layers (default 28) on.
  config.erase("max_window_layers");
  writeModel(config, llamaTensors(false, true));
  m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->slidingWindow, 0);
  config["layer_types"] = json::Array{"full_attention", "sliding_attention"};
  writeModel(config, llamaTensors(false, true));
  EXPECT_EQ(describeError(),
            path("config.json") + ": a sliding window on 1 of 2 layers is not "
                                  "supported; sinkc windows all layers or none");
}

TEST_F(HfModelTest, MistralSlidingWindow) {
  json::Object config = llamaConfig();
  config["model_type"] = "mistral";
  config["sliding_window"] = 48;
  writeModel(config, llamaTensors(false));
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->arch, "mistral");
  EXPECT_EQ(m->slidingWindow, 48);

  config["sliding_window"] = nullptr;
  writeModel(config, llamaTensors(false));
  m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->slidingWindow, 0);
}

TEST_F(HfModelTest, Llama3RopeScaling) {
  json::Object config = llamaConfig();
  config.erase("rope_theta");
  config["rope_scaling"] = json::Object{{"rope_type", "llama3"},
                                        {"factor", 8.0},
                                        {"low_freq_factor", 1.0},
                                        {"high_freq_factor", 4.0},
                                        {"original_max_position_embeddings", 8192}};
  writeModel(config, llamaTensors(false));
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_DOUBLE_EQ(m->rope.theta, 10000.0); // the default
  EXPECT_EQ(m->rope.scaling, "llama3");
  EXPECT_DOUBLE_EQ(m->rope.factor, 8.0);
  EXPECT_DOUBLE_EQ(m->rope.lowFreqFactor, 1.0);
  EXPECT_DOUBLE_EQ(m->rope.highFreqFactor, 4.0);
  EXPECT_EQ(m->rope.originalContext, 8192);

  config["rope_scaling"] = json::Object{{"type", "linear"}, {"factor", 2}};
  writeModel(config, llamaTensors(false));
  m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->rope.scaling, "linear");
  EXPECT_DOUBLE_EQ(m->rope.factor, 2.0);

  config["rope_scaling"] = json::Object{{"rope_type", "dynamic"}, {"factor", 2}};
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(),
            path("config.json") + ": rope_scaling type 'dynamic' is not "
                                  "supported (supported: default, linear, "
                                  "llama3, yarn)");
  config["rope_scaling"] = json::Object{{"rope_type", "llama3"}, {"factor", 8}};
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(),
            path("config.json") + ": missing field "
                                  "'rope_scaling.original_max_position_embeddings'");
}

TEST_F(HfModelTest, LearnedSinks) {
  std::vector<Spec> t = llamaTensors(false);
  t.push_back({"model.layers.0.self_attn.sinks", "F32", {2}});
  writeModel(llamaConfig(), t);
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  ASSERT_TRUE(m->blocks[0].sinkLogits.has_value());
  EXPECT_EQ(m->blocks[0].sinkLogits->shape, (std::vector<int64_t>{2}));
  EXPECT_FALSE(m->blocks[1].sinkLogits.has_value());
}

TEST_F(HfModelTest, Architectures) {
  json::Object config = llamaConfig();
  config.erase("model_type");
  config["architectures"] = json::Array{"MistralForCausalLM"};
  writeModel(config, llamaTensors(false));
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->arch, "mistral");

  config["model_type"] = "gpt2";
  config["architectures"] = json::Array{"GPT2LMHeadModel"};
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(),
            path("config.json") + ": model_type 'gpt2' is not supported "
                                  "(supported: llama, mistral, qwen2)");
}

TEST_F(HfModelTest, UnsupportedDtype) {
  std::vector<Spec> t = llamaTensors(false);
  t[3].dtype = "I8"; // model.layers.0.self_attn.q_proj.weight
  writeModel(llamaConfig(), t);
  EXPECT_EQ(describeError(),
            path("model.safetensors") +
                ": tensor 'model.layers.0.self_attn.q_proj.weight' has dtype "
                "I8; sinkc imports F32, F16 and BF16 tensors (and U8 tensors its "
                "metadata marks as sinkc group formats)");
}

TEST_F(HfModelTest, ConfigMissingField) {
  json::Object config = llamaConfig();
  config.erase("hidden_size");
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(),
            path("config.json") + ": missing field 'hidden_size'");
}

TEST_F(HfModelTest, ConfigWrongFieldType) {
  json::Object config = llamaConfig();
  config["hidden_size"] = "8";
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(), path("config.json") +
                                 ": field 'hidden_size' must be an integer, "
                                 "got \"8\"");
  config = llamaConfig();
  config["rms_norm_eps"] = json::Array{1};
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(), path("config.json") +
                                 ": field 'rms_norm_eps' must be a number, "
                                 "got [1]");
  config = llamaConfig();
  config["num_key_value_heads"] = 3;
  writeModel(config, llamaTensors(false));
  EXPECT_EQ(describeError(), path("config.json") +
                                 ": num_attention_heads (2) must be a "
                                 "multiple of num_key_value_heads (3)");
}

TEST_F(HfModelTest, MissingRequiredTensor) {
  std::vector<Spec> t = llamaTensors(false);
  llvm::erase_if(t, [](const Spec &s) {
    return s.name == "model.layers.1.mlp.up_proj.weight";
  });
  writeModel(llamaConfig(), t);
  EXPECT_EQ(describeError(),
            dir + ": missing tensor 'model.layers.1.mlp.up_proj.weight'");
}

TEST_F(HfModelTest, WrongShape) {
  std::vector<Spec> t = llamaTensors(false);
  for (Spec &s : t)
    if (s.name == "model.layers.0.self_attn.k_proj.weight")
      s.shape = {8, 8}; // as if num_key_value_heads were 2
  writeModel(llamaConfig(), t);
  EXPECT_EQ(describeError(),
            path("model.safetensors") +
                ": tensor 'model.layers.0.self_attn.k_proj.weight' has shape "
                "[8, 8], expected [4, 8] from config.json");
}

TEST_F(HfModelTest, LayersPastTheConfigAreAnError) {
  json::Object config = llamaConfig();
  config["num_hidden_layers"] = 1;
  writeModel(config, llamaTensors(false));
  std::string err = describeError();
  EXPECT_NE(err.find("is for a layer past num_hidden_layers (1)"),
            std::string::npos)
      << err;
}

/// A byte-level BPE tokenizer in the shape of SmolLM2's / Llama 3's.
json::Object byteLevelTokenizer() {
  json::Object vocab;
  const char *tokens[] = {"a", "b", "c", "ab", "Ġ", "Ġa"};
  for (int i = 0; i < 6; ++i)
    vocab[tokens[i]] = i;
  auto added = [](int id, StringRef content, bool special) {
    return json::Object{{"id", id}, {"content", content}, {"special", special}};
  };
  return json::Object{
      {"version", "1.0"},
      {"added_tokens",
       json::Array{added(6, "<|begin|>", true), added(7, "<|end|>", true),
                   added(3, "ab", false)}},
      {"pre_tokenizer",
       json::Object{
           {"type", "Sequence"},
           {"pretokenizers",
            json::Array{
                json::Object{{"type", "Split"},
                             {"pattern", json::Object{{"Regex", "\\p{N}{1,3}"}}},
                             {"behavior", "Isolated"}},
                json::Object{{"type", "Digits"}, {"individual_digits", true}},
                json::Object{{"type", "ByteLevel"}, {"use_regex", false}}}}}},
      {"post_processor",
       json::Object{{"type", "TemplateProcessing"},
                    {"single", json::Array{json::Object{
                                   {"SpecialToken",
                                    json::Object{{"id", "<|begin|>"},
                                                 {"type_id", 0}}}}}}}},
      {"model", json::Object{{"type", "BPE"},
                             {"vocab", std::move(vocab)},
                             {"merges", json::Array{"a b", "Ġ a"}}}}};
}

TEST_F(HfModelTest, ByteLevelTokenizer) {
  writeModel(llamaConfig(), llamaTensors(false));
  writeJson("tokenizer.json", byteLevelTokenizer());
  writeJson("tokenizer_config.json",
            json::Object{{"bos_token", json::Object{{"content", "<|begin|>"}}},
                         {"eos_token", "<|end|>"},
                         {"pad_token", nullptr},
                         {"chat_template", "{{ messages }}"}});
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  const import::TokenizerInfo &t = m->tokenizer;
  EXPECT_EQ(t.source, path("tokenizer.json"));
  EXPECT_EQ(t.model, "gpt2");
  EXPECT_EQ(t.pre, "");
  // Split's regex, then Digits; ByteLevel adds none with use_regex false.
  EXPECT_EQ(t.preRegexes,
            (std::vector<std::string>{"\\p{N}{1,3}", "\\p{N}"}));
  EXPECT_EQ(t.vocabSize, 8); // 6 + two added ids ("ab" is already 3)
  EXPECT_EQ(t.mergeCount, 2);
  EXPECT_FALSE(t.hasScores);
  EXPECT_EQ(t.bos, 6);
  EXPECT_EQ(t.eos, 7);
  EXPECT_EQ(t.pad, -1);
  EXPECT_EQ(t.unk, -1);
  EXPECT_TRUE(t.addBos); // from the post-processor's template
  EXPECT_EQ(t.chatTemplate, "{{ messages }}");
}

TEST_F(HfModelTest, SentencePieceLikeTokenizer) {
  writeModel(llamaConfig(), llamaTensors(false));
  json::Object tok = byteLevelTokenizer();
  tok["pre_tokenizer"] = nullptr;
  tok["post_processor"] = nullptr;
  tok.getObject("model")->insert({"byte_fallback", true});
  writeJson("tokenizer.json", std::move(tok));
  writeJson("tokenizer_config.json",
            json::Object{{"bos_token", "<|begin|>"},
                         {"unk_token", "a"},
                         {"add_bos_token", false}});
  Expected<import::ModelDescription> m = describe();
  ASSERT_TRUE(bool(m)) << toString(m.takeError());
  EXPECT_EQ(m->tokenizer.model, "llama");
  EXPECT_TRUE(m->tokenizer.preRegexes.empty());
  EXPECT_EQ(m->tokenizer.unk, 0);
  EXPECT_FALSE(m->tokenizer.addBos);

  write("tokenizer.json", "{\"model\": 3}");
  EXPECT_EQ(describeError(), path("tokenizer.json") +
                                 ": field 'model' must be an object, got 3");
}

} // namespace
