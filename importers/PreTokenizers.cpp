//===- PreTokenizers.cpp - llama.cpp pre-tokenizer names to regexes -------===//
//
// A GGUF file names its byte-level BPE pre-tokenizer (tokenizer.ggml.pre);
// the split regexes themselves live in llama.cpp (src/llama-vocab.cpp,
// llm_tokenizer_bpe). This table holds the same regex lists for the names
// sinkc supports. The text is applied in order: each regex splits the pieces
// the previous ones produced. Where llama.cpp rewrote a tokenizer.json regex
// (case-insensitive groups, \p{Lu}... classes) for its own engine, the list
// holds llama.cpp's rewritten form, except for the \p{Lu}-class patterns
// (Tekken, GPT-4o), which PCRE2 matches as written.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/ModelDescription.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

using namespace llvm;

namespace sinkc::import {
namespace {

// GPT-2's pattern, which most lists build on.
const char *const kGpt2 =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))";

// Llama 3's tokenizer.json pattern with (?i:...) spelled out.
const char *const kLlama3 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// Qwen2: as Llama 3 but digits one at a time.
const char *const kQwen2 =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// Tekken (Mistral Nemo): cased-letter runs by Unicode category, as the
// model's tokenizer.json writes it. (llama.cpp's own regex engine lacks
// \p{Lu}-style classes and approximates them with ASCII-case exclusions,
// which splits non-ASCII capitals differently from Hugging Face; PCRE2 has
// the real categories, so sinkc keeps the original.)
#define SINKC_UPPER R"([\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}])"
#define SINKC_LOWER R"([\p{Ll}\p{Lm}\p{Lo}\p{M}])"
#define SINKC_CONTRACTION R"((?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
const char *const kTekken =
    R"([^\r\n\p{L}\p{N}]?)" SINKC_UPPER "*" SINKC_LOWER "+" //
    R"(|[^\r\n\p{L}\p{N}]?)" SINKC_UPPER "+" SINKC_LOWER "*" //
    R"(|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// GPT-4o (o200k, also Llama 4): as Tekken plus contractions and 1-3 digit
// groups.
const char *const kGpt4o =
    R"([^\r\n\p{L}\p{N}]?)" SINKC_UPPER "*" SINKC_LOWER "+" SINKC_CONTRACTION //
    R"(|[^\r\n\p{L}\p{N}]?)" SINKC_UPPER "+" SINKC_LOWER "*" SINKC_CONTRACTION //
    R"(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
#undef SINKC_UPPER
#undef SINKC_LOWER
#undef SINKC_CONTRACTION

// DeepSeek LLM: letters of the cased scripts (a long explicit class in
// llama.cpp), ASCII/full-width punctuation, trailing spaces, CJK, digits.
const char *const kDeepseekLetters =
    "\\s?[A-Za-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u01ba\u01bc-\u01bf"
    "\u01c4-\u0293\u0295-\u02af\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f"
    "\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03f5\u03f7-\u0481"
    "\u048a-\u052f\u0531-\u0556\u10a0-\u10c5\u13a0-\u13f5\u13f8-\u13fd"
    "\u1c90-\u1cba\u1cbd-\u1cbf\u1d00-\u1d2b\u1d6b-\u1d77\u1d79-\u1d9a"
    "\u1e00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59"
    "\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4"
    "\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4"
    "\u1ff6-\u1ffc\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126"
    "\u2128\u212a-\u212d\u212f-\u2134\u2139\u213c-\u213f\u2145-\u2149\u214e"
    "\u2183\u2184\u2c00-\u2c7b\u2c7e-\u2ce4\u2ceb-\u2cee\u2cf2\u2cf3"
    "\ua640-\ua66d\ua680-\ua69b\ua722-\ua76f\ua771-\ua787\ua78b-\ua78e"
    "\uab70-\uabbf\ufb00-\ufb06\ufb13-\ufb17\uff21-\uff3a\uff41-\uff5a"
    "\U00010400-\U0001044f\U000104b0-\U000104d3\U000104d8-\U000104fb"
    "\U00010c80-\U00010cb2\U00010cc0-\U00010cf2\U000118a0-\U000118df"
    "\U0001e900-\U0001e943]+";
const char *const kDeepseekPunct =
    "\\s?[!-/:-~\uff01-\uff0f\uff1a-\uff5e\u2018-\u201f\u3000-\u3002]+";
const char *const kCjk = "[\u4e00-\u9fa5\u0800-\u4e00\uac00-\ud7ff]+";

// The list llama.cpp uses when a file names no pre-tokenizer.
const char *const kDefault[] = {R"([\p{P}\$\+<=>\^~\|]+)", kGpt2, R"(\p{N}+)",
                                "[0-9][0-9][0-9]"};

struct PreTokenizer {
  const char *names[4]; // tokenizer.ggml.pre spellings (nullptr-terminated)
  std::vector<std::string> regexes;
};

const std::vector<PreTokenizer> &table() {
  static const std::vector<PreTokenizer> t = {
      {{"default"}, {std::begin(kDefault), std::end(kDefault)}},
      {{"gpt2", "gpt-2", "phi-2", "mpt"}, {kGpt2}},
      {{"olmo", "jais"}, {kGpt2}},
      {{"llama3", "llama-bpe", "llama-v3", "falcon3"}, {kLlama3}},
      {{"dbrx", "smaug-bpe", "chatglm-bpe"}, {kLlama3}},
      {{"smollm", "starcoder", "refact", "command-r"}, {R"(\p{N})", kGpt2}},
      {{"codeshell", "exaone", "minerva-7b"}, {R"(\p{N})", kGpt2}},
      {{"qwen2", "deepseek-r1-qwen", "stablelm2", "megrez"}, {kQwen2}},
      {{"deepseek-llm"},
       {"[\r\n]", kDeepseekLetters, kDeepseekPunct, R"(\s+$)", kCjk, R"(\p{N}+)"}},
      {{"deepseek-coder"},
       {"[\r\n]", R"(\s?\p{L}+)", R"(\s?\p{P}+)", kCjk, R"(\p{N})"}},
      {{"falcon"}, {R"([\p{P}\$\+<=>\^~\|`]+)", kGpt2, "[0-9][0-9][0-9]"}},
      {{"tekken"}, {kTekken}},
      {{"gpt-4o", "llama4"}, {kGpt4o}},
  };
  return t;
}

} // namespace

Expected<std::vector<std::string>> getPreTokenizerRegexes(StringRef name) {
  std::string supported;
  for (const PreTokenizer &p : table()) {
    for (const char *n : p.names) {
      if (!n)
        break;
      if (name == n)
        return p.regexes;
      supported += supported.empty() ? "" : ", ";
      supported += n;
    }
  }
  return createStringError(inconvertibleErrorCode(),
                           "pre-tokenizer '" + name +
                               "' is not supported (supported: " + supported + ")");
}

} // namespace sinkc::import

bool sinkc::import::preTokenizerIgnoresMerges(llvm::StringRef name) {
  return name == "llama3" || name == "llama-v3" || name == "llama-bpe" || name == "falcon3";
}
