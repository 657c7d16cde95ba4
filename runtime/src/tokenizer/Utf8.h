//===- Utf8.h - UTF-8 decoding steps for the tokenizer ----------*- C++ -*-===//
//
// The tokenizer hands out raw bytes; text shown to a user must be valid
// UTF-8. These helpers classify one sequence at a time the way Unicode's
// "maximal subpart" practice does (and Rust's String::from_utf8_lossy, which
// the HF `tokenizers` oracle uses): each maximal ill-formed subpart becomes
// one U+FFFD. A streaming decoder can also tell an incomplete sequence at
// the end of its buffer from an invalid one.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_TOKENIZER_UTF8_H
#define SINKRT_TOKENIZER_UTF8_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sinkrt::utf8 {

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

enum class StepKind {
  Valid,      ///< a complete, well-formed character of `length` bytes
  Invalid,    ///< a maximal ill-formed subpart of `length` bytes (>= 1)
  Incomplete, ///< the rest of the input is a well-formed but cut-off prefix
};

struct Step {
  StepKind kind;
  size_t length;
};

/// Classifies the sequence starting at `bytes[pos]` (pos < bytes.size()).
Step step(std::string_view bytes, size_t pos);

/// `bytes` with every ill-formed subpart (a cut-off tail included) replaced
/// by U+FFFD.
std::string sanitize(std::string_view bytes);

/// Whether `bytes` is entirely well-formed UTF-8.
bool isValid(std::string_view bytes);

/// Appends the UTF-8 encoding of `cp` (<= 0x10FFFF, not a surrogate).
void append(std::string &out, uint32_t cp);

} // namespace sinkrt::utf8

#endif // SINKRT_TOKENIZER_UTF8_H
