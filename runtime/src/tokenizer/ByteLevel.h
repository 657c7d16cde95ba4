//===- ByteLevel.h - GPT-2's byte <-> unicode mapping -----------*- C++ -*-===//
//
// Byte-level BPE vocabularies (GPT-2, and GGUF's tokenizer.ggml.model =
// "gpt2") spell every byte as one printable code point: the printable
// Latin-1 bytes stand for themselves, the other 68 bytes for U+0100.. in
// order (openai/gpt-2 encoder.py bytes_to_unicode). Token texts are stored
// in this spelling.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_TOKENIZER_BYTELEVEL_H
#define SINKRT_TOKENIZER_BYTELEVEL_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sinkrt::bytelevel {

/// The code point that spells byte `b`.
uint32_t byteToCodePoint(uint8_t b);

/// The byte a code point spells, if it is one of the 256.
std::optional<uint8_t> codePointToByte(uint32_t cp);

/// Raw bytes -> their byte-level spelling (UTF-8).
std::string encode(std::string_view bytes);

/// A byte-level spelling -> raw bytes; nullopt when `text` is not valid
/// UTF-8 or holds a code point outside the 256.
std::optional<std::string> decode(std::string_view text);

} // namespace sinkrt::bytelevel

#endif // SINKRT_TOKENIZER_BYTELEVEL_H
