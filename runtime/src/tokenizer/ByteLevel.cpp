//===- ByteLevel.cpp - GPT-2's byte <-> unicode mapping -------------------===//

#include "tokenizer/ByteLevel.h"

#include "tokenizer/Utf8.h"

#include <array>

namespace sinkrt::bytelevel {
namespace {

// Printable bytes map to themselves: '!'..'~', U+00A1..U+00AC, U+00AE..U+00FF.
bool isSelfMapped(unsigned b) {
  return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
}

// The highest code point in use: 256 + the 68 bytes that are not printable.
constexpr unsigned kMaxCodePoint = 256 + 68 - 1;

struct Tables {
  std::array<uint32_t, 256> toCp{};
  std::array<int16_t, kMaxCodePoint + 1> toByte{};
  Tables() {
    toByte.fill(-1);
    unsigned next = 256;
    for (unsigned b = 0; b < 256; ++b) {
      toCp[b] = isSelfMapped(b) ? b : next++;
      toByte[toCp[b]] = int16_t(b);
    }
  }
};

const Tables &tables() {
  static const Tables t;
  return t;
}

} // namespace

uint32_t byteToCodePoint(uint8_t b) { return tables().toCp[b]; }

std::optional<uint8_t> codePointToByte(uint32_t cp) {
  if (cp > kMaxCodePoint || tables().toByte[cp] < 0)
    return std::nullopt;
  return uint8_t(tables().toByte[cp]);
}

std::string encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes)
    utf8::append(out, byteToCodePoint(uint8_t(c)));
  return out;
}

std::optional<std::string> decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    utf8::Step s = utf8::step(text, pos);
    if (s.kind != utf8::StepKind::Valid)
      return std::nullopt;
    // Only 1- and 2-byte sequences can encode code points <= U+0143.
    uint32_t cp;
    auto u = [&](size_t i) { return uint32_t(uint8_t(text[pos + i])); };
    if (s.length == 1)
      cp = u(0);
    else if (s.length == 2)
      cp = ((u(0) & 0x1F) << 6) | (u(1) & 0x3F);
    else
      return std::nullopt;
    std::optional<uint8_t> b = codePointToByte(cp);
    if (!b)
      return std::nullopt;
    out += char(*b);
    pos += s.length;
  }
  return out;
}

} // namespace sinkrt::bytelevel
