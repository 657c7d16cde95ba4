//===- Utf8.cpp - UTF-8 decoding steps for the tokenizer ------------------===//

#include "tokenizer/Utf8.h"

namespace sinkrt::utf8 {

Step step(std::string_view bytes, size_t pos) {
  auto at = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  unsigned char lead = at(pos);
  if (lead < 0x80)
    return {StepKind::Valid, 1};
  // Length and the allowed range of the second byte (Unicode Table 3-7);
  // C0, C1, F5..FF and stray continuation bytes are never well-formed.
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 3;
    if (lead == 0xE0)
      lo = 0xA0; // no overlong forms
    else if (lead == 0xED)
      hi = 0x9F; // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 4;
    if (lead == 0xF0)
      lo = 0x90;
    else if (lead == 0xF4)
      hi = 0x8F; // nothing past U+10FFFF
  } else {
    return {StepKind::Invalid, 1};
  }
  size_t i = 1;
  for (; i < need; ++i) {
    if (pos + i >= bytes.size())
      return {StepKind::Incomplete, i};
    unsigned char c = at(pos + i);
    bool ok = i == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok)
      return {StepKind::Invalid, i};
  }
  return {StepKind::Valid, need};
}

std::string sanitize(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t pos = 0;
  while (pos < bytes.size()) {
    Step s = step(bytes, pos);
    if (s.kind == StepKind::Valid)
      out.append(bytes.substr(pos, s.length));
    else
      out.append(kReplacement);
    pos += s.length;
  }
  return out;
}

bool isValid(std::string_view bytes) {
  for (size_t pos = 0; pos < bytes.size();) {
    Step s = step(bytes, pos);
    if (s.kind != StepKind::Valid)
      return false;
    pos += s.length;
  }
  return true;
}

void append(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

} // namespace sinkrt::utf8
