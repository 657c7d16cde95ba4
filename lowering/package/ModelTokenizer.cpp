//===- ModelTokenizer.cpp - a model's tokenizer tables, read in full ----===//

#include "ModelTokenizer.h"

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/UntrustedJson.h"

#include "llvm/ADT/Twine.h"
#include "sinkrt/package_format.h"

using namespace llvm;

namespace sinkc::package {
namespace {

Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// GGUF types of tokenizer.json tokens.
constexpr uint8_t kNormal = 1, kControl = 3, kUserDefined = 4, kUnused = 5;

/// "left right" -> (left, right), split at the first space as llama.cpp and
/// HF do.
Error splitMerge(const Twine &where, size_t rank, StringRef merge,
                 std::pair<std::string, std::string> &out) {
  size_t space = merge.find(' ');
  if (space == StringRef::npos || space == 0 || space + 1 == merge.size())
    return fail(where + ": merge " + Twine(rank) + " '" + merge +
                "' is not two tokens separated by a space");
  out = {merge.take_front(space).str(), merge.drop_front(space + 1).str()};
  return Error::success();
}


Expected<ModelTokenizer> readGguf(const import::TokenizerInfo &info) {
  Expected<gguf::GgufFile> file = gguf::GgufFile::open(info.source);
  if (!file)
    return file.takeError();
  StringRef path = info.source;
  auto array = [&](StringRef key, gguf::ValueType element,
                   bool required) -> Expected<const gguf::MetadataValue *> {
    const gguf::MetadataValue *v = file->findMetadata(key);
    if (!v)
      return required ? Expected<const gguf::MetadataValue *>(
                            fail(path + ": metadata '" + key + "' is missing"))
                      : nullptr;
    if (v->type != gguf::ValueType::Array || v->elementType != element)
      return fail(path + ": metadata '" + key + "' is not an array of the expected type");
    return v;
  };

  ModelTokenizer out;
  TokenizerData &d = out.section;
  Expected<const gguf::MetadataValue *> tokens =
      array("tokenizer.ggml.tokens", gguf::ValueType::String, true);
  if (!tokens)
    return tokens.takeError();
  for (const gguf::MetadataValue &t : (*tokens)->array)
    d.tokens.push_back(t.s);

  // Token types are int32 in llama.cpp's files; any integer type is read.
  const gguf::MetadataValue *types = file->findMetadata("tokenizer.ggml.token_type");
  if (types) {
    if (types->type != gguf::ValueType::Array || types->array.size() != d.tokens.size())
      return fail(path + ": metadata 'tokenizer.ggml.token_type' is not an array of " +
                  Twine(d.tokens.size()) + " integers");
    for (size_t i = 0; i < types->array.size(); ++i) {
      std::optional<int64_t> t = types->array[i].getInteger();
      if (!t || *t < 0 || *t > 255)
        return fail(path + ": metadata 'tokenizer.ggml.token_type' [" + Twine(i) +
                    "] is not a token type (0 to 255)");
      d.types.push_back(uint8_t(*t));
    }
    out.hasTokenTypes = true;
  }

  Expected<const gguf::MetadataValue *> scores =
      array("tokenizer.ggml.scores", gguf::ValueType::Float32, false);
  if (!scores)
    return scores.takeError();
  if (*scores) {
    if ((*scores)->array.size() != d.tokens.size())
      return fail(path + ": metadata 'tokenizer.ggml.scores' has " +
                  Twine((*scores)->array.size()) + " entries for " + Twine(d.tokens.size()) +
                  " tokens");
    for (const gguf::MetadataValue &s : (*scores)->array)
      d.scores.push_back(float(s.f));
  }

  Expected<const gguf::MetadataValue *> merges =
      array("tokenizer.ggml.merges", gguf::ValueType::String, false);
  if (!merges)
    return merges.takeError();
  if (*merges)
    for (size_t r = 0; r < (*merges)->array.size(); ++r) {
      d.merges.emplace_back();
      if (Error e = splitMerge(path + ": metadata 'tokenizer.ggml.merges'", r,
                               (*merges)->array[r].s, d.merges.back()))
        return std::move(e);
    }
  out.ignoreMerges = import::preTokenizerIgnoresMerges(info.pre);
  return out;
}

Expected<ModelTokenizer> readTokenizerJson(const import::TokenizerInfo &info) {
  StringRef path = info.source;
  Expected<json::Object> root = import::readJsonObjectFile(path);
  if (!root)
    return root.takeError();
  const json::Object *model = root->getObject("model");
  if (!model)
    return fail(path + ": field 'model' is missing or not an object");

  ModelTokenizer out;
  out.hasTokenTypes = true;
  TokenizerData &d = out.section;
  // Ids may leave gaps (filled with empty, unused tokens); they are bounded
  // by the section's limit first so that a huge id cannot allocate.
  auto place = [&](StringRef field, StringRef text, std::optional<int64_t> id,
                   uint8_t type) -> Error {
    if (!id || *id < 0 || *id >= int64_t(sinkrt::pkg::kMaxTokens))
      return fail(path + ": field '" + field + "': token '" + text +
                  "' has no id in [0, " + Twine(sinkrt::pkg::kMaxTokens) + ")");
    if (size_t(*id) >= d.tokens.size()) {
      d.tokens.resize(size_t(*id) + 1);
      d.types.resize(size_t(*id) + 1, kUnused);
    }
    d.tokens[size_t(*id)] = text.str();
    d.types[size_t(*id)] = type;
    return Error::success();
  };

  const json::Value *vocab = model->get("vocab");
  if (const json::Object *o = vocab ? vocab->getAsObject() : nullptr) {
    // Object order is not the file's; ids decide the placement, so the
    // result does not depend on it.
    for (const auto &[token, id] : *o)
      if (Error e = place("model.vocab", token, id.getAsInteger(), kNormal))
        return std::move(e);
  } else if (const json::Array *a = vocab ? vocab->getAsArray() : nullptr) {
    // Unigram: [[piece, score], ...], ids in order.
    for (size_t i = 0; i < a->size(); ++i) {
      const json::Array *entry = (*a)[i].getAsArray();
      std::optional<StringRef> piece =
          entry && entry->size() == 2 ? (*entry)[0].getAsString() : std::nullopt;
      std::optional<double> score = piece ? (*entry)[1].getAsNumber() : std::nullopt;
      if (!score)
        return fail(path + ": field 'model.vocab[" + Twine(i) + "]' is not [piece, score]");
      if (Error e = place("model.vocab", *piece, int64_t(i), kNormal))
        return std::move(e);
      d.scores.push_back(float(*score));
    }
  } else {
    return fail(path + ": field 'model.vocab' is missing or not an object or array");
  }

  if (const json::Array *added = root->getArray("added_tokens")) {
    for (size_t i = 0; i < added->size(); ++i) {
      const json::Object *o = (*added)[i].getAsObject();
      std::optional<StringRef> content = o ? o->getString("content") : std::nullopt;
      std::string field = ("added_tokens[" + Twine(i) + "]").str();
      if (!content)
        return fail(path + ": field '" + field + ".content' is missing or not a string");
      bool special = o->getBoolean("special").value_or(false);
      if (Error e = place(field, *content, o->getInteger("id"),
                          special ? kControl : kUserDefined))
        return std::move(e);
    }
  }
  // Added tokens past a Unigram vocabulary get score 0.
  if (!d.scores.empty())
    d.scores.resize(d.tokens.size(), 0.0f);

  // Merges are "a b" strings (older files) or ["a", "b"] pairs (newer).
  if (const json::Array *merges = model->getArray("merges")) {
    for (size_t r = 0; r < merges->size(); ++r) {
      const json::Value &m = (*merges)[r];
      d.merges.emplace_back();
      if (std::optional<StringRef> s = m.getAsString()) {
        if (Error e = splitMerge(path + ": field 'model.merges'", r, *s, d.merges.back()))
          return std::move(e);
      } else if (const json::Array *pair = m.getAsArray();
                 pair && pair->size() == 2 && (*pair)[0].getAsString() &&
                 (*pair)[1].getAsString()) {
        d.merges.back() = {(*pair)[0].getAsString()->str(), (*pair)[1].getAsString()->str()};
      } else {
        return fail(path + ": field 'model.merges[" + Twine(r) +
                    "]' is neither \"a b\" nor [\"a\", \"b\"]");
      }
    }
  }

  out.ignoreMerges = model->getBoolean("ignore_merges").value_or(false);
  if (std::optional<StringRef> unk = model->getString("unk_token")) {
    // The first id with that text, as the runtime's lookup finds it.
    for (size_t i = 0; i < d.tokens.size(); ++i)
      if (d.tokens[i] == *unk) {
        out.bpeUnk = int64_t(i);
        break;
      }
  }
  return out;
}

} // namespace

Expected<ModelTokenizer> readModelTokenizer(const import::ModelDescription &model) {
  const import::TokenizerInfo &info = model.tokenizer;
  if (info.source.empty())
    return fail(model.source + ": the model has no tokenizer (a package needs one)");
  if (model.format == "gguf")
    return readGguf(info);
  return readTokenizerJson(info);
}

} // namespace sinkc::package
