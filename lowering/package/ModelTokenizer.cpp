//===- ModelTokenizer.cpp - a model's tokenizer tables, read in full ----===//

#include "ModelTokenizer.h"

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/UntrustedJson.h"

#include "llvm/ADT/Twine.h"
#include "sinkrt/package_format.h"

using namespace llvm;
using namespace sinkrt::pkg;

namespace sinkc::package {
namespace {

Error fail(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// SentencePiece's space, U+2581.
constexpr StringLiteral kSpace = "\xE2\x96\x81";

/// The SentencePiece options llama.cpp takes from a GGUF file:
/// tokenizer.ggml.add_space_prefix (default true) puts "▁" before every
/// text and makes decoding strip one space; bytes always fall back.
uint32_t spmOptionsOfGguf(const gguf::GgufFile &file) {
  const gguf::MetadataValue *v = file.findMetadata("tokenizer.ggml.add_space_prefix");
  bool prefix = !v || v->type != gguf::ValueType::Bool || v->b;
  return kSpmByteFallback | (prefix ? kSpmPrefixEvery | (1u << kSpmStripShift) : kSpmPrefixNone);
}

/// The SentencePiece options of a tokenizer.json: its normalizer
/// (Prepend("▁"), Replace(" ", "▁"), in a Sequence or alone), pre-tokenizer
/// (Metaspace), decoder (Replace("▁", " "), ByteFallback, Fuse, Strip(" ",
/// n, 0); Metaspace) and model.byte_fallback. Anything else there is an
/// error: the runtime would tokenize differently.
Expected<uint32_t> spmOptionsOfJson(const json::Object &root, const json::Object &model,
                                    StringRef path) {
  auto unsupported = [&](StringRef field, const json::Object &o) {
    return fail(path + ": field '" + field + "': " +
                (o.getString("type") ? "'" + o.getString("type")->str() + "'"
                                     : std::string("an object without a type")) +
                " is not supported for a SentencePiece tokenizer");
  };
  // Each step and the steps of a Sequence (key `list`).
  auto steps = [](const json::Object *o, StringRef list) {
    std::vector<const json::Object *> out;
    if (!o)
      return out;
    if (o->getString("type") == "Sequence") {
      if (const json::Array *a = o->getArray(list))
        for (const json::Value &v : *a)
          if (const json::Object *step = v.getAsObject())
            out.push_back(step);
    } else {
      out.push_back(o);
    }
    return out;
  };
  auto replaces = [](const json::Object &o, StringRef from, StringRef to) {
    const json::Object *pattern = o.getObject("pattern");
    return o.getString("type") == "Replace" && pattern && pattern->getString("String") == from &&
           o.getString("content") == to;
  };

  uint32_t prefix = kSpmPrefixNone, split = 0;
  bool replaced = false;
  for (const json::Object *n : steps(root.getObject("normalizer"), "normalizers")) {
    if (n->getString("type") == "Prepend" && n->getString("prepend") == kSpace)
      prefix = kSpmPrefixEvery;
    else if (replaces(*n, " ", kSpace))
      replaced = true;
    else
      return unsupported("normalizer", *n);
  }
  for (const json::Object *p : steps(root.getObject("pre_tokenizer"), "pretokenizers")) {
    if (p->getString("type") != "Metaspace" ||
        p->getString("replacement").value_or(kSpace) != kSpace)
      return unsupported("pre_tokenizer", *p);
    replaced = true;
    // Older files say add_prefix_space instead of prepend_scheme.
    StringRef scheme = p->getString("prepend_scheme").value_or(
        p->getBoolean("add_prefix_space").value_or(true) ? "always" : "never");
    if (scheme == "always")
      prefix = kSpmPrefixAlways;
    else if (scheme == "first")
      prefix = kSpmPrefixFirst;
    else if (scheme != "never")
      return fail(path + ": field 'pre_tokenizer.prepend_scheme' is '" + scheme +
                  "', not always, first or never");
    split = p->getBoolean("split").value_or(true) ? kSpmSplit : 0;
  }
  if (!replaced)
    return fail(path + ": a SentencePiece tokenizer needs a Replace(\" \", \"\u2581\") "
                       "normalizer or a Metaspace pre-tokenizer");

  uint32_t strip = 0;
  for (const json::Object *d : steps(root.getObject("decoder"), "decoders")) {
    StringRef type = d->getString("type").value_or("");
    if (type == "Strip" && d->getString("content") == " " &&
        d->getInteger("stop").value_or(0) == 0 && d->getInteger("start").value_or(0) >= 0 &&
        d->getInteger("start").value_or(0) <= 15)
      strip = uint32_t(*d->getInteger("start"));
    else if (type == "Metaspace")
      // Strips the first token's "▁"s rather than one space: the same for
      // all but a first token of several "▁".
      strip = d->getString("prepend_scheme") == "never" ? 0 : 1;
    else if (!(replaces(*d, kSpace, " ") || type == "ByteFallback" || type == "Fuse"))
      return unsupported("decoder", *d);
  }
  uint32_t fallback = model.getBoolean("byte_fallback").value_or(false) ? kSpmByteFallback : 0;
  return prefix | split | fallback | (strip << kSpmStripShift);
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
  if (info.model == "llama") {
    d.spmOptions = spmOptionsOfGguf(*file);
    // Characters without even byte tokens become the unknown token
    // (transformers' GGUF conversion: unk_token).
    out.bpeUnk = info.unk;
  }
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
  if (info.model == "llama") {
    if (model->getString("type").value_or("BPE") != "BPE")
      return fail(path + ": field 'model.type' is '" + *model->getString("type") +
                  "': only BPE SentencePiece tokenizers are supported");
    Expected<uint32_t> options = spmOptionsOfJson(*root, *model, path);
    if (!options)
      return options.takeError();
    d.spmOptions = *options;
  }
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
