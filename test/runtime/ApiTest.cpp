//===- ApiTest.cpp - the C API (sinkrt.h) and its C++ wrapper -------------===//
//
// Packages are written in the test with PackageWriter (compiled in by
// PackageWriterSources.cpp): a byte-level vocabulary with two merges and a
// control token, a full and a streaming KV group, one tensor. Every C API
// function is called, on success and on each error it documents.
//
//===----------------------------------------------------------------------===//

#include "sinkrt/sinkrt.h"
#include "sinkrt/sinkrt.hpp"

#include "tokenizer/ByteLevel.h"

#include "../../lowering/package/PackageWriter.h"
#include "sinkrt/package_format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <thread>
#include <iterator>
#include <unistd.h>

using sinkc::package::PackageWriter;
using Json = nlohmann::json;

namespace {

const char *kManifest = R"({
  "model": {"arch": "llama", "layers": 2, "hidden": 16, "heads": 2,
            "kv_heads": 1, "head_dim": 8, "vocab": 259, "context": 64},
  "tokenizer": {"kind": "gpt2", "pre": "gpt2",
                "regexes": ["'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"],
                "bos": 256, "eos": 256, "unk": -1, "pad": -1, "add_bos": true,
                "chat_template": "", "token_types": true, "ignore_merges": false,
                "bpe_unk": -1},
  "kv_cache": {"abi_version": 1, "groups": [
    {"policy": "full", "entries": 3, "slots": null, "head_dim": 16, "element_type": "f16"},
    {"policy": "streaming", "sinks": 4, "window": 12, "slots": 16, "entries": 2,
     "head_dim": 16, "element_type": "f32"}]},
  "execution_plan": [],
  "cpu_features": []
})";

constexpr int32_t kBos = 256, kHe = 258, kSpaceT = 257;

/// A fresh temporary directory, removed with its files.
class TempDir {
public:
  TempDir() {
    char pattern[] = "/tmp/sinkrt-api-XXXXXX";
    dir = mkdtemp(pattern);
  }
  ~TempDir() {
    for (const std::string &f : files)
      std::remove(f.c_str());
    rmdir(dir.c_str());
  }
  std::string file(const std::string &name) {
    files.push_back(dir + "/" + name);
    return files.back();
  }

private:
  std::string dir;
  std::vector<std::string> files;
};

/// Writes the sample package with `edit` applied to its manifest.
/// `controlBos`: the section types BOS as a control token (else normal).
std::string writePackage(const std::string &path,
                         const std::function<void(Json &)> &edit = {},
                         bool controlBos = true) {
  Json manifest = Json::parse(kManifest);
  if (edit)
    edit(manifest);
  PackageWriter w;
  if (std::string e = w.setManifest(manifest.dump()); !e.empty())
    return e;
  sinkc::package::TokenizerData t;
  for (int b = 0; b < 256; ++b)
    t.tokens.push_back(sinkrt::bytelevel::encode(std::string(1, char(b))));
  t.tokens.push_back("<|endoftext|>");
  t.tokens.push_back("Ġt");
  t.tokens.push_back("he");
  t.types.assign(t.tokens.size(), 1);
  t.types[kBos] = controlBos ? 3 : 1;
  t.merges = {{"h", "e"}, {"Ġ", "t"}};
  w.setTokenizer(t);
  static const std::vector<float> weights(2 * 16, 0.25f);
  if (std::string e = w.addTensor("token_embd.weight", uint32_t(sinkrt::pkg::DType::F32),
                                  {2, 16}, weights.data(), weights.size() * 4);
      !e.empty())
    return e;
  return w.write(path);
}

std::vector<uint8_t> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

/// Where the weights section starts (from the section table).
uint64_t weightsOffset(const std::vector<uint8_t> &file) {
  sinkrt::pkg::FileHeader h;
  std::memcpy(&h, file.data(), sizeof(h));
  for (uint32_t i = 0; i < h.sectionCount; ++i) {
    sinkrt::pkg::SectionEntry e;
    std::memcpy(&e, file.data() + h.sectionTableOffset + i * sizeof(e), sizeof(e));
    if (e.kind == uint32_t(sinkrt::pkg::SectionKind::Weights))
      return e.offset;
  }
  return 0;
}

void writeFile(const std::string &path, const std::vector<uint8_t> &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
}

class ApiTest : public ::testing::Test {
protected:
  void SetUp() override {
    path = dir.file("sample.sinkpkg");
    ASSERT_EQ(writePackage(path), "");
    ASSERT_EQ(sinkrt_package_open(path.c_str(), 0, &pkg), SINKRT_OK) << sinkrt_last_error();
    ASSERT_EQ(sinkrt_tokenizer_create(pkg, &tok), SINKRT_OK) << sinkrt_last_error();
  }
  void TearDown() override {
    sinkrt_tokenizer_destroy(tok);
    sinkrt_package_close(pkg);
  }

  std::vector<int32_t> tokenize(const std::string &text, int addBos, int parseSpecial) {
    std::vector<int32_t> ids(text.size() + 1, -7);
    size_t count = 0;
    EXPECT_EQ(sinkrt_tokenize(tok, text.data(), text.size(), addBos, parseSpecial, ids.data(),
                              ids.size(), &count),
              SINKRT_OK)
        << sinkrt_last_error();
    ids.resize(count);
    return ids;
  }

  TempDir dir;
  std::string path;
  sinkrt_package *pkg = nullptr;
  sinkrt_tokenizer *tok = nullptr;
};

/// Opens `path`, expecting failure with `status`; returns the message.
std::string openError(const std::string &path, sinkrt_status status, uint32_t flags = 0) {
  sinkrt_package *p = reinterpret_cast<sinkrt_package *>(0x1);
  EXPECT_EQ(sinkrt_package_open(path.c_str(), flags, &p), status);
  EXPECT_EQ(p, reinterpret_cast<sinkrt_package *>(0x1)) << "out written on failure";
  return sinkrt_last_error();
}

} // namespace

//===----------------------------------------------------------------------===//
// Packages
//===----------------------------------------------------------------------===//

TEST_F(ApiTest, OpenGivesTheManifest) {
  EXPECT_STREQ(sinkrt_last_error(), "");
  const char *text = sinkrt_package_manifest_json(pkg);
  ASSERT_NE(text, nullptr);
  Json m = Json::parse(text);
  EXPECT_EQ(m["format_version"], Json::array({1, 0}));
  EXPECT_EQ(m["model"]["vocab"], 259);
  EXPECT_EQ(m["kv_cache"]["groups"].size(), 2u);
  EXPECT_EQ(m["tensors"][0]["name"], "token_embd.weight");
  EXPECT_EQ(m["tensors"][0]["size"], 128);
}

TEST_F(ApiTest, VerifyWeightsFlagHashesTheWeights) {
  std::string damaged = dir.file("damaged.sinkpkg");
  std::vector<uint8_t> bytes = readFile(path);
  bytes.back() ^= 0x40; // the weights section is last, the tensor at its end
  writeFile(damaged, bytes);
  sinkrt_package *p = nullptr;
  ASSERT_EQ(sinkrt_package_open(damaged.c_str(), 0, &p), SINKRT_OK) << sinkrt_last_error();
  sinkrt_package_close(p);
  std::string error = openError(damaged, SINKRT_ERROR_INVALID_PACKAGE, SINKRT_OPEN_VERIFY_WEIGHTS);
  std::string prefix = damaged + ": byte " + std::to_string(weightsOffset(bytes)) +
                       ": weights section: checksum mismatch (stored 0x";
  EXPECT_EQ(error.rfind(prefix, 0), 0u)
      << error;
  ASSERT_EQ(sinkrt_package_open(path.c_str(), SINKRT_OPEN_VERIFY_WEIGHTS, &p), SINKRT_OK)
      << sinkrt_last_error();
  sinkrt_package_close(p);
}

TEST_F(ApiTest, MissingFileIsAnIoError) {
  std::string missing = dir.file("missing.sinkpkg");
  EXPECT_EQ(openError(missing, SINKRT_ERROR_IO),
            missing + ": cannot open: No such file or directory");
}

TEST_F(ApiTest, CorruptFileNamesTheFile) {
  std::string corrupt = dir.file("corrupt.sinkpkg");
  writeFile(corrupt, {'h', 'e', 'l', 'l', 'o'});
  EXPECT_EQ(openError(corrupt, SINKRT_ERROR_INVALID_PACKAGE),
            corrupt + ": byte 0: file is 5 bytes, shorter than the 64-byte header");

  std::vector<uint8_t> bytes = readFile(path);
  size_t full = bytes.size();
  bytes.resize(4096);
  writeFile(corrupt, bytes);
  EXPECT_EQ(openError(corrupt, SINKRT_ERROR_INVALID_PACKAGE),
            corrupt + ": byte 4096: file is truncated: the header says " + std::to_string(full) +
                " bytes, the file has 4096");
}

TEST_F(ApiTest, MissingCpuFeatureIsUnsupportedHost) {
  std::string needy = dir.file("needy.sinkpkg");
  ASSERT_EQ(writePackage(needy, [](Json &m) { m["cpu_features"] = {"no-such-feature"}; }), "");
  EXPECT_EQ(openError(needy, SINKRT_ERROR_UNSUPPORTED_HOST),
            needy + ": the package needs CPU features this host lacks: no-such-feature "
                    "(manifest field \"cpu_features\")");
}

TEST_F(ApiTest, BadArguments) {
  sinkrt_package *p = nullptr;
  EXPECT_EQ(sinkrt_package_open(path.c_str(), 6, &p), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_package_open: unknown flags 6");
  EXPECT_EQ(sinkrt_package_open(nullptr, 0, &p), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_package_open: path is NULL");
  EXPECT_EQ(sinkrt_package_open(path.c_str(), 0, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_package_open: out is NULL");
  EXPECT_EQ(p, nullptr);

  EXPECT_EQ(sinkrt_package_manifest_json(nullptr), nullptr);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_package_manifest_json: package is NULL");

  sinkrt_tokenizer *t = nullptr;
  EXPECT_EQ(sinkrt_tokenizer_create(nullptr, &t), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenizer_create: package is NULL");
  EXPECT_EQ(sinkrt_tokenizer_create(pkg, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenizer_create: out is NULL");

  int32_t ids[4];
  size_t count = 99;
  EXPECT_EQ(sinkrt_tokenize(nullptr, "a", 1, 0, 0, ids, 4, &count),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenize: tokenizer is NULL");
  EXPECT_EQ(sinkrt_tokenize(tok, "a", 1, 0, 0, ids, 4, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenize: count is NULL");
  EXPECT_EQ(sinkrt_tokenize(tok, nullptr, 1, 0, 0, ids, 4, &count),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenize: text is NULL");
  EXPECT_EQ(sinkrt_tokenize(tok, "a", 1, 0, 0, nullptr, 4, &count),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenize: ids_out is NULL with capacity 4");
  EXPECT_EQ(count, 99u);

  char text[8];
  size_t length = 99;
  EXPECT_EQ(sinkrt_detokenize(nullptr, ids, 0, 0, text, 8, &length),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_detokenize: tokenizer is NULL");
  EXPECT_EQ(sinkrt_detokenize(tok, nullptr, 1, 0, text, 8, &length),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_detokenize: ids is NULL");
  EXPECT_EQ(sinkrt_detokenize(tok, ids, 0, 0, text, 8, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_detokenize: length is NULL");
  EXPECT_EQ(length, 99u);

  sinkrt_kv_cache *kv = nullptr;
  EXPECT_EQ(sinkrt_kv_cache_create(nullptr, 16, &kv), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_kv_cache_create: package is NULL");
  EXPECT_EQ(sinkrt_kv_cache_create(pkg, 16, nullptr), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_kv_cache_create: out is NULL");
  EXPECT_EQ(sinkrt_kv_cache_create(pkg, 0, &kv), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_kv_cache_create: context 0 is below 1");
  EXPECT_EQ(kv, nullptr);
  EXPECT_EQ(sinkrt_kv_cache_bytes(nullptr), 0u);

  // Releasing NULL is allowed.
  sinkrt_package_close(nullptr);
  sinkrt_tokenizer_destroy(nullptr);
  sinkrt_kv_cache_destroy(nullptr);
}

TEST(ApiStatusTest, NamesAndLastErrorPerThread) {
  EXPECT_STREQ(sinkrt_status_name(SINKRT_OK), "SINKRT_OK");
  EXPECT_STREQ(sinkrt_status_name(SINKRT_ERROR_BUFFER_TOO_SMALL), "SINKRT_ERROR_BUFFER_TOO_SMALL");
  EXPECT_STREQ(sinkrt_status_name(sinkrt_status(42)), "unknown status");
  sinkrt_package *p = nullptr;
  EXPECT_EQ(sinkrt_package_open(nullptr, 0, &p), SINKRT_ERROR_INVALID_ARGUMENT);
  std::string other;
  std::thread([&] { other = sinkrt_last_error(); }).join();
  EXPECT_EQ(other, "");
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_package_open: path is NULL");
}

//===----------------------------------------------------------------------===//
// Tokenizer
//===----------------------------------------------------------------------===//

TEST_F(ApiTest, TokenizeMergesAndBos) {
  // "the" -> t + (h e); " the" -> (Ġ t) + he; " he" -> Ġ + he.
  EXPECT_EQ(tokenize("the the he", SINKRT_BOS_NO, 0),
            (std::vector<int32_t>{'t', kHe, kSpaceT, kHe, ' ', kHe}));
  // The manifest says add_bos.
  EXPECT_EQ(tokenize("he", SINKRT_BOS_DEFAULT, 0), (std::vector<int32_t>{kBos, kHe}));
  EXPECT_EQ(tokenize("he", SINKRT_BOS_YES, 0), (std::vector<int32_t>{kBos, kHe}));
  EXPECT_EQ(tokenize("", SINKRT_BOS_NO, 0), std::vector<int32_t>{});
  size_t count = 5;
  EXPECT_EQ(sinkrt_tokenize(tok, nullptr, 0, SINKRT_BOS_NO, 0, nullptr, 0, &count), SINKRT_OK);
  EXPECT_EQ(count, 0u);
}

TEST_F(ApiTest, ParseSpecial) {
  EXPECT_EQ(tokenize("<|endoftext|>x", SINKRT_BOS_NO, 1), (std::vector<int32_t>{kBos, 'x'}));
  std::vector<int32_t> plain = tokenize("<|endoftext|>x", SINKRT_BOS_NO, 0);
  EXPECT_EQ(plain.size(), 14u);
  EXPECT_EQ(plain.front(), '<');
}

TEST_F(ApiTest, TokenizeBufferTooSmall) {
  int32_t ids[3] = {-1, -1, -1};
  size_t count = 0;
  EXPECT_EQ(sinkrt_tokenize(tok, "the the he", 10, SINKRT_BOS_YES, 0, ids, 3, &count),
            SINKRT_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 7u);
  EXPECT_STREQ(sinkrt_last_error(), "sinkrt_tokenize: the text has 7 tokens, the buffer holds 3");
  EXPECT_EQ(ids[0], -1) << "nothing is written when the buffer is too small";
  // Asking for the count alone.
  EXPECT_EQ(sinkrt_tokenize(tok, "the the he", 10, SINKRT_BOS_YES, 0, nullptr, 0, &count),
            SINKRT_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 7u);
}

TEST_F(ApiTest, DetokenizeRoundTrip) {
  std::string text = "the the he <|endoftext|> é\xff";
  std::vector<int32_t> ids = tokenize(text, SINKRT_BOS_NO, 1);
  char out[64];
  size_t length = 0;
  ASSERT_EQ(sinkrt_detokenize(tok, ids.data(), ids.size(), 0, out, sizeof(out), &length),
            SINKRT_OK)
      << sinkrt_last_error();
  // The lone 0xff byte comes back as U+FFFD.
  EXPECT_EQ(std::string(out, length), "the the he <|endoftext|> é\xef\xbf\xbd");
  EXPECT_EQ(out[length], '\0');
  ASSERT_EQ(sinkrt_detokenize(tok, ids.data(), ids.size(), 1, out, sizeof(out), &length),
            SINKRT_OK);
  EXPECT_EQ(std::string(out, length), "the the he  é\xef\xbf\xbd");
}

TEST_F(ApiTest, DetokenizeBufferTooSmallAndBadIds) {
  std::vector<int32_t> ids = {'t', kHe};
  char out[4] = {'x', 'x', 'x', 'x'};
  size_t length = 0;
  // "the" needs 3 bytes and the NUL.
  EXPECT_EQ(sinkrt_detokenize(tok, ids.data(), 2, 0, out, 3, &length),
            SINKRT_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, 3u);
  EXPECT_STREQ(sinkrt_last_error(),
               "sinkrt_detokenize: the text has 3 bytes and a NUL, the buffer holds 3");
  EXPECT_EQ(out[0], 'x');
  ASSERT_EQ(sinkrt_detokenize(tok, ids.data(), 2, 0, out, 4, &length), SINKRT_OK);
  EXPECT_STREQ(out, "the");

  ids = {'t', 259};
  EXPECT_EQ(sinkrt_detokenize(tok, ids.data(), 2, 0, out, 4, &length),
            SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(sinkrt_last_error(),
               "sinkrt_detokenize: id 259 at index 1 is outside the vocabulary of 259 tokens");
  ids = {-1};
  EXPECT_EQ(sinkrt_detokenize(tok, ids.data(), 1, 0, out, 4, &length),
            SINKRT_ERROR_INVALID_ARGUMENT);
}

TEST_F(ApiTest, TokenizerOutlivesItsPackage) {
  sinkrt_package *p = nullptr;
  sinkrt_tokenizer *t = nullptr;
  ASSERT_EQ(sinkrt_package_open(path.c_str(), 0, &p), SINKRT_OK);
  ASSERT_EQ(sinkrt_tokenizer_create(p, &t), SINKRT_OK);
  sinkrt_package_close(p);
  int32_t ids[4];
  size_t count = 0;
  ASSERT_EQ(sinkrt_tokenize(t, "he", 2, SINKRT_BOS_NO, 0, ids, 4, &count), SINKRT_OK);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(ids[0], kHe);
  sinkrt_tokenizer_destroy(t);
}

TEST_F(ApiTest, TokenizerErrorsNameTheFileAndField) {
  struct Case {
    std::function<void(Json &)> edit;
    std::string message;
  } cases[] = {
      {[](Json &m) { m["tokenizer"]["kind"] = "wordpiece"; },
       ": tokenizer: kind 'wordpiece' is not supported (only 'gpt2', byte-level BPE, and "
       "'llama', SentencePiece BPE)"},
      {[](Json &m) { m["tokenizer"]["ignore_merges"] = "yes"; },
       ": manifest field \"tokenizer.ignore_merges\" is not a boolean"},
      {[](Json &m) { m["tokenizer"]["token_types"] = 1; },
       ": manifest field \"tokenizer.token_types\" is not a boolean"},
      {[](Json &m) { m["tokenizer"]["bpe_unk"] = 259; },
       ": manifest field \"tokenizer.bpe_unk\" is not -1 or a token id of the tokenizer "
       "section"},
      {[](Json &m) { m["tokenizer"]["regexes"] = {"("}; }, ": tokenizer: "},
  };
  for (const Case &c : cases) {
    std::string bad = dir.file("bad-tokenizer.sinkpkg");
    ASSERT_EQ(writePackage(bad, c.edit), "");
    sinkrt_package *p = nullptr;
    ASSERT_EQ(sinkrt_package_open(bad.c_str(), 0, &p), SINKRT_OK) << sinkrt_last_error();
    sinkrt_tokenizer *t = nullptr;
    EXPECT_EQ(sinkrt_tokenizer_create(p, &t), SINKRT_ERROR_INVALID_PACKAGE);
    EXPECT_EQ(t, nullptr);
    std::string error = sinkrt_last_error();
    EXPECT_EQ(error.rfind(bad + c.message, 0), 0u) << error;
    sinkrt_package_close(p);
  }
}

TEST_F(ApiTest, WithoutTokenTypesBosIsControl) {
  std::string untyped = dir.file("untyped.sinkpkg");
  // The section always stores types; "token_types": false says they are
  // not the source's, so BOS/EOS/PAD count as control tokens.
  for (bool typed : {false, true}) {
    ASSERT_EQ(writePackage(
                  untyped, [&](Json &m) { m["tokenizer"]["token_types"] = typed; },
                  /*controlBos=*/false),
              "");
    sinkrt_package *p = nullptr;
    sinkrt_tokenizer *t = nullptr;
    ASSERT_EQ(sinkrt_package_open(untyped.c_str(), 0, &p), SINKRT_OK);
    ASSERT_EQ(sinkrt_tokenizer_create(p, &t), SINKRT_OK) << sinkrt_last_error();
    int32_t ids[2] = {kBos, 'x'};
    char out[32];
    size_t length = 0;
    ASSERT_EQ(sinkrt_detokenize(t, ids, 2, /*skip_special=*/1, out, sizeof(out), &length),
              SINKRT_OK);
    // Typed as normal, BOS is text like any other.
    EXPECT_STREQ(out, typed ? "<|endoftext|>x" : "x");
    sinkrt_tokenizer_destroy(t);
    sinkrt_package_close(p);
  }
}

//===----------------------------------------------------------------------===//
// KV cache
//===----------------------------------------------------------------------===//

TEST_F(ApiTest, KvCacheHasTheExactSize) {
  sinkrt_kv_cache *kv = nullptr;
  ASSERT_EQ(sinkrt_kv_cache_create(pkg, 100, &kv), SINKRT_OK) << sinkrt_last_error();
  // full: 3 entries x 2 x 100 slots x 16 x 2 bytes; streaming: 2 x 2 x 16 x
  // 16 x 4 bytes, whatever the context.
  EXPECT_EQ(sinkrt_kv_cache_bytes(kv), size_t(3 * 2 * 100 * 16 * 2 + 2 * 2 * 16 * 16 * 4));
  sinkrt_kv_cache_destroy(kv);
  ASSERT_EQ(sinkrt_kv_cache_create(pkg, 1, &kv), SINKRT_OK);
  EXPECT_EQ(sinkrt_kv_cache_bytes(kv), size_t(3 * 2 * 1 * 16 * 2 + 2 * 2 * 16 * 16 * 4));
  sinkrt_kv_cache_destroy(kv);
}

TEST_F(ApiTest, KvCacheTooLargeIsAnError) {
  sinkrt_kv_cache *kv = nullptr;
  EXPECT_EQ(sinkrt_kv_cache_create(pkg, INT64_MAX, &kv), SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(std::string(sinkrt_last_error()), path + ": KV-cache group 0: size overflows");
  EXPECT_EQ(kv, nullptr);
}

//===----------------------------------------------------------------------===//
// The C++ wrapper
//===----------------------------------------------------------------------===//

TEST_F(ApiTest, CxxWrapper) {
  namespace rt = sinkrt::cxx;
  rt::Status st;
  rt::Package package = rt::Package::open(path, st);
  ASSERT_TRUE(package) << st.message;
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(Json::parse(package.manifestJson())["model"]["arch"], "llama");

  rt::Tokenizer tokenizer = rt::Tokenizer::create(package, st);
  ASSERT_TRUE(tokenizer) << st.message;
  std::vector<int32_t> ids;
  ASSERT_TRUE(tokenizer.encode("the he<|endoftext|>", ids));
  EXPECT_EQ(ids, (std::vector<int32_t>{kBos, 't', kHe, ' ', kHe, kBos}));
  std::string text;
  ASSERT_TRUE(tokenizer.decode(ids, text, /*skipSpecial=*/true));
  EXPECT_EQ(text, "the he");
  ASSERT_TRUE(tokenizer.decode({}, text));
  EXPECT_EQ(text, "");
  st = tokenizer.decode({999}, text);
  EXPECT_EQ(st.code, SINKRT_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(st.message,
            "sinkrt_detokenize: id 999 at index 0 is outside the vocabulary of 259 tokens");

  rt::KvCache cache = rt::KvCache::create(package, 10, st);
  ASSERT_TRUE(cache) << st.message;
  EXPECT_EQ(cache.bytes(), size_t(3 * 2 * 10 * 16 * 2 + 2 * 2 * 16 * 16 * 4));

  rt::Package missing = rt::Package::open(path + ".missing", st);
  EXPECT_FALSE(missing);
  EXPECT_EQ(st.code, SINKRT_ERROR_IO);
  EXPECT_EQ(st.message, path + ".missing: cannot open: No such file or directory");
}
