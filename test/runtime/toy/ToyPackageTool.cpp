//===- ToyPackageTool.cpp - sinkrt-toy-package: a runnable toy package ----===//
//
// A test helper: writes the toy model of kernels/toy_kernels.c (vocabulary
// 8, hidden 4, f32; SessionTest.cpp describes it) as a package that
// `sinkc run` and `sinkc eval` can execute, so that their lit tests need no
// compiler and no real model:
//
//   sinkrt-toy-package OUT.sinkpkg [--streaming] [--context N] [--eos ID]
//                      [--bos ID] [--cpu-features a,b,...] [--chat-template T]
//                      [--fake-gpu]
//
// The tokenizer is byte-level BPE without merges whose tokens cover the
// bytes of "he! \n", 0xC3 and 0xA9 (so "é" is two tokens) and one control
// token "<|end|>" (id 7, the default EOS); toy_reference.py recomputes
// everything. --bos sets BOS and asks for it (add_bos); --streaming makes
// the KV group sinks 2 + window 3 instead of full attention.
//
// --fake-gpu adds kernel sections "cuda-sm_90" and "hip-gfx942" holding a
// module of the fake GPU drivers (fake_driver/fake_driver.h) and their
// "gpu_launches", so that `sinkc run --device cuda` runs the package on the
// fake CUDA driver (SINKRT_CUDA_LIBRARY): toy_embed and toy_kv launch
// kernels that compute nothing; toy_lm_head launches the fake's
// "fake_next_token", whose logits make the token after id `i` be
// `(i + 1) % 8` (toy_lm_head gets the ids, the position and the
// vocabulary as extra bindings and scalars, which the CPU kernels ignore).
//
//===----------------------------------------------------------------------===//

#include "PackageWriter.h"
#include "sinkrt/package_format.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using Json = nlohmann::json;

namespace {

constexpr int kVocab = 8, kHidden = 4, kSinks = 2, kWindow = 3, kEntry = 1;

// The weights of SessionTest.cpp's toy model.
float embd(int v, int j) { return float((v * 3 + j * 5) % 7 - 3); }
float lmHead(int r, int j) { return float((r * 2 + j * 3) % 5 - 2); }

struct Options {
  std::string output;
  bool streaming = false;
  int64_t context = 16;
  int64_t eos = 7, bos = -1;
  std::vector<std::string> cpuFeatures;
  std::string chatTemplate; ///< manifest tokenizer.chat_template
  bool fakeGpu = false;
};

/// One entry of the plan; the same layout as SessionTest.cpp's toyEntry.
Json toyEntry(bool prefill, bool streaming, bool fakeGpu) {
  auto at = [&](int perToken) {
    return prefill ? Json{{"per_token", perToken}, {"fixed", 0}} : Json(perToken);
  };
  Json kvScalars =
      streaming ? Json::array({"tokens", "position", kSinks + kWindow, kEntry, kSinks, kWindow, 1})
                : Json::array({"tokens", "position", "context", kEntry, 0, 0, 0});
  return {
      {"entry", prefill ? "prefill" : "decode"},
      {"max_tokens", prefill ? 3 : 1},
      {"workspace_bytes", at(68)},
      {"scratch_bytes", 64},
      {"inputs", {{"tokens", {{"offset", at(0)}}}}},
      {"outputs", {{"logits", {{"offset", at(36)}, {"per_token_bytes", 32}}}}},
      {"steps",
       {{{"kernel", "toy_embed"},
         {"workgroups", {{"per_token", 1}, {"fixed", 0}}},
         {"bindings", {{{"workspace", at(0)}}, {{"tensor", "embd"}}, {{"workspace", at(4)}}}},
         {"scalars", {"tokens"}}},
        {{"kernel", "toy_kv"},
         {"workgroups", kHidden},
         {"bindings", {{{"workspace", at(4)}}, {{"kv", 0}}, {{"workspace", at(20)}}}},
         {"scalars", kvScalars}},
        {{"kernel", "toy_lm_head"},
         {"workgroups", {{"per_token", kVocab / 2}, {"fixed", 0}}},
         {"bindings",
          fakeGpu ? Json{{{"workspace", at(20)}},
                         {{"tensor", "lm_head"}},
                         {{"workspace", at(36)}},
                         {{"workspace", at(0)}}}
                  : Json{{{"workspace", at(20)}}, {{"tensor", "lm_head"}}, {{"workspace", at(36)}}}},
         {"scalars",
          fakeGpu ? Json{"tokens", 2, "position", kVocab} : Json{"tokens", 2}}}}}};
}

/// The fake drivers' module for --fake-gpu and its launches.
const char kFakeModule[] = "FAKEMOD\n"
                           "kernel toy_embed_gpu 8 8 8 8\n"
                           "kernel toy_kv_gpu 8 8 8 8 8\n"
                           "kernel fake_next_token 8 8 8 8 8\n";

Json fakeGpuLaunches() {
  auto launch = [](const char *kernel, const char *symbol, Json args) {
    return Json{{"kernel", kernel}, {"symbol", symbol},         {"args", std::move(args)},
                {"grid", {3, 1, 1}}, {"block", {64, 1, 1}},     {"shared_bytes", 0}};
  };
  return Json::array(
      {launch("toy_embed", "toy_embed_gpu",
              {{{"binding", 0}}, {{"binding", 1}}, {{"binding", 2}}, {{"scalar", 0}}}),
       launch("toy_kv", "toy_kv_gpu",
              {{{"binding", 0}}, {{"binding", 1}}, {{"binding", 2}}, {{"scalar", 0}},
               {{"scalar", 1}}}),
       launch("toy_lm_head", "fake_next_token",
              {{{"binding", 3}}, {{"binding", 2}}, {{"scalar", 0}}, {{"scalar", 2}},
               {{"scalar", 3}}})});
}

Json toyManifest(const Options &o) {
  Json group = o.streaming
                   ? Json{{"policy", "streaming"},     {"sinks", kSinks}, {"window", kWindow},
                          {"slots", kSinks + kWindow}, {"entries", 2},    {"head_dim", kHidden},
                          {"element_type", "f32"}}
                   : Json{{"policy", "full"},
                          {"entries", 2},
                          {"slots", nullptr},
                          {"head_dim", kHidden},
                          {"element_type", "f32"}};
  Json manifest = {{"model",
           {{"arch", "toy"},
            {"layers", 1},
            {"hidden", kHidden},
            {"heads", 1},
            {"kv_heads", 1},
            {"head_dim", kHidden},
            {"vocab", kVocab},
            {"context", o.context}}},
          {"tokenizer",
           {{"kind", "gpt2"},
            {"pre", "gpt2"},
            {"regexes", Json::array()},
            {"bos", o.bos},
            {"eos", o.eos},
            {"unk", -1},
            {"pad", -1},
            {"add_bos", o.bos >= 0},
            {"chat_template", o.chatTemplate},
            {"token_types", true}}},
          {"kv_cache", {{"abi_version", 1}, {"groups", {group}}}},
          {"execution_plan",
           {toyEntry(true, o.streaming, o.fakeGpu), toyEntry(false, o.streaming, o.fakeGpu)}},
          {"cpu_features", o.cpuFeatures}};
  if (o.fakeGpu)
    manifest.update({{"gpu_launches",
                      {{"cuda-sm_90", fakeGpuLaunches()}, {"hip-gfx942", fakeGpuLaunches()}}}});
  return manifest;
}

int fail(const std::string &message) {
  std::fprintf(stderr, "sinkrt-toy-package: %s\n", message.c_str());
  return 1;
}

bool parseInt(const char *text, int64_t &out) {
  char *end = nullptr;
  out = std::strtoll(text, &end, 10);
  return *text && !*end;
}

} // namespace

int main(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool hasValue = i + 1 < argc;
    if (a == "--streaming") {
      o.streaming = true;
    } else if (a == "--fake-gpu") {
      o.fakeGpu = true;
    } else if ((a == "--context" || a == "--eos" || a == "--bos") && hasValue) {
      int64_t &field = a == "--context" ? o.context : a == "--eos" ? o.eos : o.bos;
      if (!parseInt(argv[++i], field))
        return fail(a + " needs an integer, got '" + argv[i] + "'");
    } else if (a == "--chat-template" && hasValue) {
      o.chatTemplate = argv[++i];
    } else if (a == "--cpu-features" && hasValue) {
      std::string list = argv[++i];
      for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        if (comma > start)
          o.cpuFeatures.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    } else if (a[0] != '-' && o.output.empty()) {
      o.output = a;
    } else {
      return fail("unknown or incomplete argument '" + a +
                  "'; usage: sinkrt-toy-package OUT.sinkpkg [--streaming] [--context N] "
                  "[--eos ID] [--bos ID] [--cpu-features a,b,...] [--chat-template T] "
                  "[--fake-gpu]");
    }
  }
  if (o.output.empty())
    return fail("no output file given");

  sinkc::package::PackageWriter w;
  if (std::string e = w.setManifest(toyManifest(o).dump()); !e.empty())
    return fail(e);
  sinkc::package::TokenizerData t;
  // Byte-level spellings: "Ã" is byte 0xC3, "©" 0xA9, "Ġ" a space, "Ċ" a
  // newline.
  t.tokens = {"h", "\xC2\xA9", "!", "\xC3\x83", "\xC4\xA0", "e", "\xC4\x8A", "<|end|>"};
  t.types = {1, 1, 1, 1, 1, 1, 1, 3};
  w.setTokenizer(t);

  std::ifstream in(SINKRT_TOY_KERNELS_PATH, std::ios::binary);
  std::vector<uint8_t> blob((std::istreambuf_iterator<char>(in)), {});
  if (blob.empty())
    return fail("cannot read the toy kernels at " SINKRT_TOY_KERNELS_PATH);
  if (std::string e = w.addKernel("cpu", "elf-shared-object", std::move(blob)); !e.empty())
    return fail(e);
  if (o.fakeGpu)
    for (const char *target : {"cuda-sm_90", "hip-gfx942"})
      if (std::string e = w.addKernel(target, target[0] == 'c' ? "cubin" : "hsaco",
                                      std::vector<uint8_t>(kFakeModule,
                                                           kFakeModule + sizeof(kFakeModule)));
          !e.empty())
        return fail(e);

  std::vector<float> embdData, lmHeadData;
  for (int v = 0; v < kVocab; ++v)
    for (int j = 0; j < kHidden; ++j) {
      embdData.push_back(embd(v, j));
      lmHeadData.push_back(lmHead(v, j));
    }
  for (auto [name, data] : {std::pair{"embd", &embdData}, std::pair{"lm_head", &lmHeadData}})
    if (std::string e = w.addTensor(name, uint32_t(sinkrt::pkg::DType::F32), {kVocab, kHidden},
                                    data->data(), data->size() * sizeof(float));
        !e.empty())
      return fail(e);
  if (std::string e = w.write(o.output); !e.empty())
    return fail(e);
  return 0;
}
