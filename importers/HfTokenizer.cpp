//===- HfTokenizer.cpp - the tokenizer of a Hugging Face checkpoint -------===//
//
// tokenizer.json gives the kind, vocabulary size, merges and pre-tokenizer
// split regexes; tokenizer_config.json the special tokens, whether BOS is
// added and the chat template. The vocabulary itself stays in the file.
//
//===----------------------------------------------------------------------===//

#include "HfJson.h"

#include "sinkc/Importers/UntrustedJson.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using sinkc::safetensors::Checkpoint;

namespace sinkc::import::hf {
namespace {

//===----------------------------------------------------------------------===//
// Tokenizer (tokenizer.json, tokenizer_config.json)
//===----------------------------------------------------------------------===//

Expected<json::Object> readJsonObject(StringRef path) {
  return import::readJsonObjectFile(path);
}

/// The GPT-2 split that a ByteLevel pre-tokenizer with use_regex applies
/// (tokenizers' byte_level.rs).
constexpr StringLiteral kByteLevelRegex =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|"
    "\\s+(?!\\S)|\\s+";

std::string escapeRegex(StringRef literal) {
  std::string out;
  for (char c : literal) {
    if (StringRef("\\^$.|?*+()[]{}").contains(c))
      out += '\\';
    out += c;
  }
  return out;
}

struct PreTokenizerScan {
  std::vector<std::string> regexes;
  bool byteLevel = false, metaspace = false;
};

/// Walks a pre_tokenizer (Sequence nests others) in order.
void scanPreTokenizer(const json::Object &p, PreTokenizerScan &scan) {
  StringRef type = p.getString("type").value_or("");
  if (type == "Sequence") {
    if (const json::Array *list = p.getArray("pretokenizers"))
      for (const json::Value &item : *list)
        if (const json::Object *o = item.getAsObject())
          scanPreTokenizer(*o, scan);
  } else if (type == "Split") {
    if (const json::Object *pattern = p.getObject("pattern")) {
      if (std::optional<StringRef> re = pattern->getString("Regex"))
        scan.regexes.push_back(re->str());
      else if (std::optional<StringRef> s = pattern->getString("String"))
        scan.regexes.push_back(escapeRegex(*s));
    }
  } else if (type == "Digits") {
    scan.regexes.push_back(p.getBoolean("individual_digits").value_or(false)
                               ? "\\p{N}"
                               : "\\p{N}+");
  } else if (type == "ByteLevel") {
    scan.byteLevel = true;
    if (p.getBoolean("use_regex").value_or(true))
      scan.regexes.push_back(kByteLevelRegex.str());
  } else if (type == "Metaspace") {
    scan.metaspace = true;
  }
}

/// A special-token field of tokenizer_config.json: "text" or {"content": ..}.
std::optional<std::string> tokenText(const json::Object &config,
                                     StringRef key) {
  const json::Value *v = config.get(key);
  if (!v)
    return std::nullopt;
  if (std::optional<StringRef> s = v->getAsString())
    return s->str();
  if (const json::Object *o = v->getAsObject())
    if (std::optional<StringRef> s = o->getString("content"))
      return s->str();
  return std::nullopt;
}

/// Whether the post-processor's single-sequence template starts with `bos`
/// (how Llama 3's tokenizer.json adds it without add_bos_token).
bool templateAddsBos(const json::Object *post, StringRef bos) {
  if (!post)
    return false;
  if (const json::Array *list = post->getArray("processors"))
    for (const json::Value &item : *list)
      if (templateAddsBos(item.getAsObject(), bos))
        return true;
  const json::Array *single = post->getArray("single");
  if (!single || single->empty())
    return false;
  const json::Object *first = (*single)[0].getAsObject();
  const json::Object *special = first ? first->getObject("SpecialToken") : nullptr;
  return special && special->getString("id") == bos;
}

} // namespace

Expected<TokenizerInfo> readTokenizer(const Checkpoint &ckpt,
                                      const Fields &config) {
  TokenizerInfo info;
  std::string path = ckpt.getTokenizerPath().str();
  info.source = path;
  Expected<json::Object> tok = readJsonObject(path);
  if (!tok)
    return tok.takeError();
  Fields top(path, *tok);
  Expected<const json::Object *> modelOrErr = top.object_("model");
  if (!modelOrErr)
    return modelOrErr.takeError();
  if (!*modelOrErr)
    return top.missing("model");
  Fields model(path, **modelOrErr, "model.");

  // Vocabulary: {token: id} (BPE, WordPiece, WordLevel) or [[piece, score]]
  // (Unigram); added tokens with new ids extend it.
  DenseSet<int64_t> ids;
  StringMap<int64_t> idOf;
  const json::Value *vocab = model.get("vocab");
  if (!vocab)
    return model.missing("vocab");
  if (const json::Object *o = vocab->getAsObject()) {
    for (const auto &[token, id] : *o) {
      std::optional<int64_t> i = id.getAsInteger();
      if (!i)
        return fail(path + ": field 'model.vocab' maps '" + StringRef(token) +
                    "' to " + show(id) + ", expected an integer id");
      ids.insert(*i);
      idOf[token] = *i;
    }
  } else if (const json::Array *a = vocab->getAsArray()) {
    for (size_t i = 0; i < a->size(); ++i) {
      ids.insert(int64_t(i));
      if (const json::Array *entry = (*a)[i].getAsArray())
        if (!entry->empty())
          if (std::optional<StringRef> piece = (*entry)[0].getAsString())
            idOf[*piece] = int64_t(i);
    }
    info.hasScores = true;
  } else {
    return model.wrongType("vocab", "an object or a list", *vocab);
  }
  info.vocabSize = int64_t(ids.size());

  StringMap<int64_t> specialIds;
  if (const json::Value *added = top.get("added_tokens")) {
    const json::Array *list = added->getAsArray();
    if (!list)
      return top.wrongType("added_tokens", "a list", *added);
    for (const json::Value &entry : *list) {
      const json::Object *o = entry.getAsObject();
      std::optional<int64_t> id = o ? o->getInteger("id") : std::nullopt;
      std::optional<StringRef> content =
          o ? o->getString("content") : std::nullopt;
      if (!id || !content)
        return fail(path + ": every entry of 'added_tokens' needs an integer "
                           "'id' and a string 'content', got " +
                    show(entry));
      if (ids.insert(*id).second)
        ++info.vocabSize;
      if (o->getBoolean("special").value_or(false))
        specialIds[*content] = *id;
    }
  }

  if (const json::Value *merges = model.get("merges")) {
    const json::Array *list = merges->getAsArray();
    if (!list)
      return model.wrongType("merges", "a list", *merges);
    info.mergeCount = int64_t(list->size());
  }

  PreTokenizerScan scan;
  if (const json::Object *pre = top.object.getObject("pre_tokenizer"))
    scanPreTokenizer(*pre, scan);
  info.preRegexes = std::move(scan.regexes);
  std::string type = StringRef(model.object.getString("type").value_or(
                                   model.get("merges") ? "BPE" : ""))
                         .lower();
  if (type.empty())
    return model.missing("type");
  bool byteFallback = model.object.getBoolean("byte_fallback").value_or(false);
  if (type == "bpe" && scan.byteLevel)
    type = "gpt2";
  else if (type == "bpe" && (scan.metaspace || byteFallback))
    type = "llama";
  info.model = type;

  // tokenizer_config.json: special tokens, add_bos_token, chat_template.
  std::string configPath = join(ckpt.getFolder(), "tokenizer_config.json");
  json::Object tokConfig;
  if (sys::fs::exists(configPath)) {
    Expected<json::Object> c = readJsonObject(configPath);
    if (!c)
      return c.takeError();
    tokConfig = std::move(*c);
  }
  auto specialId = [&](StringRef key) -> int64_t {
    std::optional<std::string> text = tokenText(tokConfig, key);
    if (!text)
      return -1;
    auto it = specialIds.find(*text);
    if (it != specialIds.end())
      return it->second;
    auto v = idOf.find(*text);
    return v != idOf.end() ? v->second : -1;
  };
  info.bos = specialId("bos_token");
  info.eos = specialId("eos_token");
  info.unk = specialId("unk_token");
  info.pad = specialId("pad_token");
  // config.json's ids when tokenizer_config.json names none (eos may be a
  // list: the first is the one that ends a plain completion).
  auto configId = [&](StringRef key) -> int64_t {
    const json::Value *v = config.get(key);
    if (v && v->getAsArray() && !v->getAsArray()->empty())
      v = &(*v->getAsArray())[0];
    std::optional<int64_t> i = v ? v->getAsInteger() : std::nullopt;
    return i && *i >= 0 ? *i : -1;
  };
  if (info.bos < 0)
    info.bos = configId("bos_token_id");
  if (info.eos < 0)
    info.eos = configId("eos_token_id");
  if (info.pad < 0)
    info.pad = configId("pad_token_id");

  Fields tc(configPath, tokConfig);
  Expected<std::optional<bool>> addBos = tc.boolean("add_bos_token");
  if (!addBos)
    return addBos.takeError();
  if (*addBos) {
    info.addBos = **addBos;
  } else if (std::optional<std::string> bos = tokenText(tokConfig, "bos_token")) {
    info.addBos = templateAddsBos(top.object.getObject("post_processor"), *bos);
  }

  // chat_template: a string, or a list of {name, template} (the "default"
  // one), or chat_template.jinja next to it (newer transformers).
  if (const json::Value *t = tc.get("chat_template")) {
    if (std::optional<StringRef> s = t->getAsString()) {
      info.chatTemplate = s->str();
    } else if (const json::Array *list = t->getAsArray()) {
      for (const json::Value &entry : *list)
        if (const json::Object *o = entry.getAsObject())
          if (o->getString("name") == "default" || info.chatTemplate.empty())
            info.chatTemplate = o->getString("template").value_or("").str();
    } else {
      return tc.wrongType("chat_template", "a string", *t);
    }
  } else {
    std::string jinja = join(ckpt.getFolder(), "chat_template.jinja");
    if (ErrorOr<std::unique_ptr<MemoryBuffer>> b = MemoryBuffer::getFile(jinja))
      info.chatTemplate = (*b)->getBuffer().str();
  }
  return info;
}


} // namespace sinkc::import::hf
