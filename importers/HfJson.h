//===- HfJson.h - typed fields of Hugging Face JSON files -------*- C++ -*-===//
//
// Private to importers/: config.json, tokenizer.json and
// tokenizer_config.json are read through `Fields`, whose errors name the
// file and the field.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_IMPORTERS_HFJSON_H
#define SINKC_IMPORTERS_HFJSON_H

#include "sinkc/Importers/ModelDescription.h"
#include "sinkc/Importers/Safetensors.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <optional>
#include <string>

namespace sinkc::import::hf {

using namespace llvm;

inline Error fail(const Twine &msg) {
  return createStringError(inconvertibleErrorCode(), msg);
}

inline std::string join(StringRef folder, StringRef name) {
  SmallString<256> p(folder);
  sys::path::append(p, name);
  return std::string(p);
}

inline std::string show(const json::Value &v) {
  std::string s;
  raw_string_ostream(s) << v;
  if (s.size() > 60)
    s = s.substr(0, 57) + "...";
  return s;
}

//===----------------------------------------------------------------------===//
// Typed fields of a JSON object, with errors naming file and field
//===----------------------------------------------------------------------===//

class Fields {
public:
  Fields(StringRef file, const json::Object &object, StringRef prefix = "")
      : file(file), object(object), prefix(prefix) {}

  /// The value of `key`, or null when absent or JSON null.
  const json::Value *get(StringRef key) const {
    const json::Value *v = object.get(key);
    return v && v->kind() != json::Value::Null ? v : nullptr;
  }
  Error missing(StringRef key) const {
    return fail(file + ": missing field '" + prefix + key + "'");
  }
  Error wrongType(StringRef key, StringRef expected,
                  const json::Value &got) const {
    return fail(file + ": field '" + prefix + key + "' must be " + expected +
                ", got " + show(got));
  }

  /// An integer in [min, max]; `fallback` when absent, or an error when there
  /// is none.
  Expected<int64_t> integer(StringRef key, std::optional<int64_t> fallback,
                             int64_t max = int64_t(1) << 31,
                             int64_t min = 1) const {
    const json::Value *v = get(key);
    if (!v) {
      if (fallback)
        return *fallback;
      return missing(key);
    }
    std::optional<int64_t> i = v->getAsInteger();
    if (!i)
      return wrongType(key, "an integer", *v);
    if (*i < min || *i > max)
      return fail(file + ": field '" + prefix + key + "' is " + Twine(*i) +
                  ", expected " + Twine(min) + " to " + Twine(max));
    return *i;
  }
  /// A number > 0.
  Expected<double> positiveNumber(StringRef key,
                                  std::optional<double> fallback) const {
    const json::Value *v = get(key);
    if (!v) {
      if (fallback)
        return *fallback;
      return missing(key);
    }
    std::optional<double> d = v->getAsNumber();
    if (!d)
      return wrongType(key, "a number", *v);
    if (!(*d > 0) || !std::isfinite(*d))
      return fail(file + ": field '" + prefix + key + "' is " + show(*v) +
                  ", expected a positive number");
    return *d;
  }
  Expected<std::optional<bool>> boolean(StringRef key) const {
    const json::Value *v = get(key);
    if (!v)
      return std::optional<bool>();
    if (std::optional<bool> b = v->getAsBoolean())
      return b;
    return wrongType(key, "true or false", *v);
  }
  Expected<std::optional<std::string>> string(StringRef key) const {
    const json::Value *v = get(key);
    if (!v)
      return std::optional<std::string>();
    if (std::optional<StringRef> s = v->getAsString())
      return std::optional<std::string>(s->str());
    return wrongType(key, "a string", *v);
  }
  /// An object field, or null when absent.
  Expected<const json::Object *> object_(StringRef key) const {
    const json::Value *v = get(key);
    if (!v)
      return nullptr;
    if (const json::Object *o = v->getAsObject())
      return o;
    return wrongType(key, "an object", *v);
  }

  std::string file;
  const json::Object &object;
  std::string prefix;
};

/// The tokenizer of a checkpoint folder (tokenizer.json and
/// tokenizer_config.json; special ids fall back to config.json's).
Expected<TokenizerInfo> readTokenizer(const safetensors::Checkpoint &ckpt,
                                      const Fields &config);

} // namespace sinkc::import::hf

#endif // SINKC_IMPORTERS_HFJSON_H
