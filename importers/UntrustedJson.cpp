//===- UntrustedJson.cpp - parsing JSON from files users give -------------===//

#include "sinkc/Importers/UntrustedJson.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"

using namespace llvm;

namespace {

constexpr unsigned kMaxJsonDepth = 64;

Error atByte(StringRef path, uint64_t offset, const Twine &what) {
  return createStringError(inconvertibleErrorCode(),
                           path + ": byte " + Twine(offset) + ": " + what);
}

/// Offset of the first byte where `text` nests deeper than kMaxJsonDepth, or -1.
int64_t findTooDeep(StringRef text) {
  unsigned depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth)
        return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return -1;
}

} // namespace

Expected<json::Value> sinkc::import::parseUntrustedJson(StringRef path, StringRef text,
                                                        uint64_t base) {
  if (int64_t deep = findTooDeep(text); deep >= 0)
    return atByte(path, base + deep,
                  "JSON nests deeper than " + Twine(kMaxJsonDepth) + " levels");
  Expected<json::Value> value = json::parse(text);
  if (value)
    return value;
  // llvm::json reports "[line:col, byte=N]: message".
  std::string msg = toString(value.takeError());
  SmallVector<StringRef, 3> m;
  if (Regex("^\\[[0-9]+:[0-9]+, byte=([0-9]+)\\]: (.*)$").match(msg, &m)) {
    uint64_t at = 0;
    m[1].getAsInteger(10, at);
    return atByte(path, base + at, "invalid JSON: " + m[2]);
  }
  return atByte(path, base, "invalid JSON: " + msg);
}

Expected<json::Object> sinkc::import::readJsonObjectFile(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return createStringError(buffer.getError(), "%s: cannot open: %s",
                             path.str().c_str(), buffer.getError().message().c_str());
  Expected<json::Value> value = parseUntrustedJson(path, (*buffer)->getBuffer());
  if (!value)
    return value.takeError();
  if (json::Object *o = value->getAsObject())
    return std::move(*o);
  return createStringError(inconvertibleErrorCode(), "%s: expected a JSON object",
                           path.str().c_str());
}
