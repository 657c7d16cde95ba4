//===- main.cpp - sinkrt-tokenize: the runtime tokenizer on a model -------===//
//
// A test helper:
//   sinkrt-tokenize MODEL [--no-bos] [--no-special] [--pre NAME] < text
//       prints the ids of stdin, space-separated, on one line
//   sinkrt-tokenize MODEL --nul ... < texts
//       as above for each NUL-separated text of stdin, one line each
//   sinkrt-tokenize MODEL --decode [--stream] [--skip-special] < ids
//       prints the text of whitespace-separated ids (--stream: through
//       StreamDecoder, one push per id)
// MODEL is a .gguf file (tokenizer.ggml.*, model "gpt2" or "llama") or a
// Hugging Face folder (tokenizer.json). --pre replaces the pre-tokenizer by a llama.cpp name's
// regexes (importers/PreTokenizers.cpp). --time prints the encode time to
// stderr. Errors go to stderr with exit status 1.
//
// The tokenizer is sinkrt's; sinkc's importers (LLVM) only read the files.
//
//===----------------------------------------------------------------------===//

#include "tokenizer/Tokenizer.h"

#include "ModelTokenizer.h"
#include "sinkrt/package_format.h"

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/ModelDescription.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

using namespace llvm;
using namespace sinkc;

namespace {

int fail(const Twine &message) {
  errs() << "sinkrt-tokenize: " << message << "\n";
  return 1;
}


/// The fields sinkc's description gives for every format.
void fromDescription(const import::TokenizerInfo &info, sinkrt::TokenizerData &d) {
  d.kind = info.model;
  d.preRegexes = info.preRegexes;
  d.bos = int32_t(info.bos);
  d.eos = int32_t(info.eos);
  d.unk = int32_t(info.unk);
  d.pad = int32_t(info.pad);
  d.addBos = info.addBos;
  d.ignoreMerges = import::preTokenizerIgnoresMerges(info.pre);
}

/// A SentencePiece tokenizer's scores and options, read as sinkc-pack
/// reads them.
Error addSpm(const import::ModelDescription &desc, sinkrt::TokenizerData &d) {
  if (d.kind != "llama")
    return Error::success();
  Expected<package::ModelTokenizer> t = package::readModelTokenizer(desc);
  if (!t)
    return t.takeError();
  d.scores = t->section.scores;
  d.spm = sinkrt::SpmOptions::fromBits(
      t->section.spmOptions.value_or(sinkrt::pkg::kSpmDefaultOptions));
  if (d.bpeUnk < 0)
    d.bpeUnk = int32_t(t->bpeUnk);
  return Error::success();
}

Error loadGguf(StringRef path, sinkrt::TokenizerData &d) {
  Expected<gguf::GgufFile> file = gguf::GgufFile::open(path);
  if (!file)
    return file.takeError();
  Expected<import::ModelDescription> desc = import::describeGguf(*file);
  if (!desc)
    return desc.takeError();
  fromDescription(desc->tokenizer, d);
  auto array = [&](StringRef key, bool required) -> Expected<const gguf::MetadataValue *> {
    const gguf::MetadataValue *v = file->findMetadata(key);
    if (!v) {
      if (required)
        return createStringError(path + ": no '" + key + "'");
      return nullptr;
    }
    if (v->type != gguf::ValueType::Array)
      return createStringError(path + ": '" + key + "' is not an array");
    return v;
  };
  Expected<const gguf::MetadataValue *> tokens = array("tokenizer.ggml.tokens", true);
  if (!tokens)
    return tokens.takeError();
  for (const gguf::MetadataValue &t : (*tokens)->array) {
    std::optional<StringRef> s = t.getString();
    if (!s)
      return createStringError(path + ": tokenizer.ggml.tokens holds a non-string");
    d.tokens.push_back(s->str());
  }
  Expected<const gguf::MetadataValue *> types = array("tokenizer.ggml.token_type", false);
  if (!types)
    return types.takeError();
  if (*types)
    for (const gguf::MetadataValue &t : (*types)->array)
      d.tokenTypes.push_back(int32_t(t.getInteger().value_or(0)));
  Expected<const gguf::MetadataValue *> merges = array("tokenizer.ggml.merges", false);
  if (!merges)
    return merges.takeError();
  if (*merges)
    for (const gguf::MetadataValue &m : (*merges)->array)
      d.merges.push_back(m.getString().value_or("").str());
  return addSpm(*desc, d);
}

Error loadHfFolder(StringRef folder, sinkrt::TokenizerData &d) {
  Expected<import::ModelDescription> desc = import::describeModel(folder);
  if (!desc)
    return desc.takeError();
  fromDescription(desc->tokenizer, d);
  SmallString<256> path(folder);
  sys::path::append(path, "tokenizer.json");
  ErrorOr<std::unique_ptr<MemoryBuffer>> buf = MemoryBuffer::getFile(path);
  if (!buf)
    return createStringError(path + ": " + buf.getError().message());
  Expected<json::Value> root = json::parse((*buf)->getBuffer());
  if (!root)
    return root.takeError();
  const json::Object *top = root->getAsObject();
  const json::Object *model = top ? top->getObject("model") : nullptr;
  const json::Object *vocab = model ? model->getObject("vocab") : nullptr;
  if (!vocab)
    return createStringError(path + ": no model.vocab object");
  d.ignoreMerges = model->getBoolean("ignore_merges").value_or(false);
  auto place = [&](StringRef text, int64_t id) -> Error {
    if (id < 0 || id > (1 << 30))
      return createStringError(path + ": token id " + Twine(id) + " out of range");
    if (size_t(id) >= d.tokens.size())
      d.tokens.resize(size_t(id) + 1);
    d.tokens[size_t(id)] = text.str();
    return Error::success();
  };
  for (const auto &kv : *vocab)
    if (Error e = place(kv.first, kv.second.getAsInteger().value_or(-1)))
      return e;
  d.tokenTypes.assign(d.tokens.size(), sinkrt::TokenTypeNormal);
  if (const json::Array *added = top->getArray("added_tokens")) {
    for (const json::Value &v : *added) {
      const json::Object *o = v.getAsObject();
      if (!o)
        continue;
      int64_t id = o->getInteger("id").value_or(-1);
      if (Error e = place(o->getString("content").value_or(""), id))
        return e;
      d.tokenTypes.resize(d.tokens.size(), sinkrt::TokenTypeNormal);
      d.tokenTypes[size_t(id)] = o->getBoolean("special").value_or(false)
                                     ? sinkrt::TokenTypeControl
                                     : sinkrt::TokenTypeUserDefined;
    }
  }
  if (std::optional<StringRef> unk = model->getString("unk_token")) {
    auto it = std::find(d.tokens.begin(), d.tokens.end(), unk->str());
    d.bpeUnk = it == d.tokens.end() ? -1 : int32_t(it - d.tokens.begin());
  }
  // Merges are "a b" strings (older files) or ["a", "b"] pairs (newer).
  if (const json::Array *merges = model->getArray("merges")) {
    for (const json::Value &m : *merges) {
      if (std::optional<StringRef> s = m.getAsString()) {
        d.merges.push_back(s->str());
      } else if (const json::Array *pair = m.getAsArray(); pair && pair->size() == 2) {
        d.merges.push_back(
            ((*pair)[0].getAsString().value_or("") + " " + (*pair)[1].getAsString().value_or(""))
                .str());
      } else {
        return createStringError(path + ": a merge is neither a string nor a pair");
      }
    }
  }
  return addSpm(*desc, d);
}

std::string readStdin() {
  std::ios::sync_with_stdio(false);
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

} // namespace

int main(int argc, char **argv) {
  std::string model, pre;
  bool noBos = false, decode = false, nul = false, stream = false, noSpecial = false,
       skipSpecial = false, time = false;
  for (int i = 1; i < argc; ++i) {
    StringRef a = argv[i];
    if (a == "--no-bos")
      noBos = true;
    else if (a == "--decode")
      decode = true;
    else if (a == "--nul")
      nul = true;
    else if (a == "--stream")
      stream = true;
    else if (a == "--no-special")
      noSpecial = true;
    else if (a == "--skip-special")
      skipSpecial = true;
    else if (a == "--time")
      time = true;
    else if (a == "--pre" && i + 1 < argc)
      pre = argv[++i];
    else if (a.starts_with("-") || !model.empty())
      return fail("usage: sinkrt-tokenize MODEL [--no-bos] [--no-special] [--pre NAME] "
                  "[--time] < text | MODEL --decode [--stream] [--skip-special] < ids");
    else
      model = a.str();
  }
  if (model.empty())
    return fail("no MODEL given (a .gguf file or a Hugging Face folder)");

  sinkrt::TokenizerData data;
  if (Error e = sys::fs::is_directory(model) ? loadHfFolder(model, data) : loadGguf(model, data))
    return fail(toString(std::move(e)));
  if (!pre.empty()) {
    Expected<std::vector<std::string>> regexes = import::getPreTokenizerRegexes(pre);
    if (!regexes)
      return fail(toString(regexes.takeError()));
    data.preRegexes = std::move(*regexes);
    data.ignoreMerges = import::preTokenizerIgnoresMerges(pre);
  }
  std::string error;
  std::unique_ptr<sinkrt::Tokenizer> tok = sinkrt::Tokenizer::create(std::move(data), &error);
  if (!tok)
    return fail(model + ": " + error);

  std::string input = readStdin();
  if (decode) {
    std::vector<int32_t> ids;
    std::istringstream in(input);
    long long id;
    while (in >> id)
      ids.push_back(int32_t(id));
    if (!in.eof())
      return fail("--decode: stdin holds something that is not an id");
    std::string text;
    if (stream) {
      sinkrt::StreamDecoder sd(*tok, skipSpecial);
      for (int32_t i : ids)
        text += sd.push(i);
      text += sd.flush();
    } else {
      text = tok->decode(ids, skipSpecial);
    }
    outs() << text;
    return 0;
  }
  SmallVector<StringRef> texts;
  if (nul)
    StringRef(input).split(texts, '\0');
  else
    texts.push_back(input);
  for (StringRef text : texts) {
    auto start = std::chrono::steady_clock::now();
    std::vector<int32_t> ids = tok->encode(std::string_view(text.data(), text.size()),
                                           !noBos && tok->addsBos(), !noSpecial);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (time)
      errs() << "encoded " << text.size() << " bytes to " << ids.size() << " tokens in "
             << format("%.3f", seconds) << " s\n";
    std::string line;
    line.reserve(ids.size() * 6);
    for (size_t i = 0; i < ids.size(); ++i) {
      line += i ? " " : "";
      line += std::to_string(ids[i]);
    }
    outs() << line << "\n";
  }
  return 0;
}
