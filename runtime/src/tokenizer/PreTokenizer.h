//===- PreTokenizer.h - regex splitting before BPE --------------*- C++ -*-===//
//
// Byte-level BPE first cuts text into pieces with a list of regexes, in the
// semantics HF `tokenizers` gives Split(behavior = "isolated") and llama.cpp
// gives its regex lists: the first regex splits the text into its matches
// and the gaps between them; each following regex splits every piece again.
// Each piece is matched alone, so a lookahead never sees past its piece.
// Empty pieces are dropped.
//
// Regexes run on PCRE2 in UTF + UCP mode (\p{L}, \p{N}, \s as Unicode
// classes), JIT-compiled when PCRE2 can. Input that is not valid UTF-8 never
// matches a regex: its bytes end up in the gaps.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_TOKENIZER_PRETOKENIZER_H
#define SINKRT_TOKENIZER_PRETOKENIZER_H

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sinkrt {

/// A piece of the text: [offset, offset + length).
struct Span {
  size_t offset;
  size_t length;
};

class PreTokenizer {
public:
  /// Compiles `regexes`; on failure returns null and sets `*error` to which
  /// regex failed, where and why.
  static std::unique_ptr<PreTokenizer> create(const std::vector<std::string> &regexes,
                                              std::string *error);
  ~PreTokenizer();
  PreTokenizer(const PreTokenizer &) = delete;
  PreTokenizer &operator=(const PreTokenizer &) = delete;

  /// Appends the pieces of `text` to `out`, offsets relative to `text`.
  /// Thread-safe: each call uses its own match state.
  void split(std::string_view text, std::vector<Span> &out) const;

private:
  struct Impl;
  explicit PreTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

/// `pattern` with \s meaning what it means in Oniguruma, the engine of the
/// regexes' source (tokenizer.json, HF `tokenizers`): the White_Space
/// property. PCRE2's \s also takes U+180E MONGOLIAN VOWEL SEPARATOR (from
/// its fixed list of horizontal spaces), which has not been White_Space
/// since Unicode 6.3. \s and \S become \p{White_Space} and \P{White_Space},
/// which also work inside classes; nothing else changes.
std::string adaptSpaceClass(std::string_view pattern);

} // namespace sinkrt

#endif // SINKRT_TOKENIZER_PRETOKENIZER_H
