//===- Safetensors.cpp - reading safetensors files and HF checkpoints -----===//
//
// A safetensors file is: u64 little-endian header length N, N bytes of JSON
// ({"name": {"dtype", "shape", "data_offsets": [begin, end)}, "__metadata__":
// {str: str}}), then the data section that the offsets are relative to.
// Nothing here trusts a number from the file before checking it against the
// file size, so a hostile file gives one error message, never a crash or a
// large allocation.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/Safetensors.h"

#include "sinkc/Importers/UntrustedJson.h"
#include "sinkrt/package_format.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

using namespace llvm;

namespace sinkc::safetensors {

namespace {

/// Larger headers are rejected before anything is parsed (the reference
/// implementation's limit).
constexpr uint64_t kMaxHeaderBytes = 100'000'000;

template <typename... Ts>
Error fail(const char *fmt, Ts &&...vals) {
  return createStringError(inconvertibleErrorCode(), fmt,
                           std::forward<Ts>(vals)...);
}

Error atByte(StringRef path, uint64_t offset, const Twine &what) {
  return createStringError(inconvertibleErrorCode(),
                           path + ": byte " + Twine(offset) + ": " + what);
}

Error atField(StringRef path, StringRef tensor, StringRef field,
              const Twine &what) {
  return createStringError(inconvertibleErrorCode(),
                           path + ": header field '" + tensor + "." + field +
                               "': " + what);
}

/// Parses JSON text that starts at byte `base` of `path`.
Expected<json::Value> parseJsonAt(StringRef path, uint64_t base, StringRef text) {
  return import::parseUntrustedJson(path, text, base);
}

/// llvm::json keeps the last of two equal keys; a safetensors header with a
/// name twice is ambiguous, so this walks the (already valid, shallow) JSON
/// text and reports the second occurrence.
class DuplicateKeyFinder {
public:
  DuplicateKeyFinder(StringRef text) : text(text) {}

  /// Byte offset (within text) and name of the first repeated key, and the
  /// key of the object it is in ("" at the top level).
  struct Dup {
    size_t offset;
    std::string key, parent;
  };
  std::optional<Dup> find() {
    value("");
    return dup;
  }

private:
  StringRef text;
  size_t pos = 0;
  std::optional<Dup> dup;

  void skipSpace() {
    while (pos < text.size() && StringRef(" \t\r\n").contains(text[pos]))
      ++pos;
  }
  /// The decoded string at pos (a '"'); leaves pos after it.
  std::string string() {
    size_t start = pos++;
    bool escaped = false;
    while (pos < text.size() && text[pos] != '"') {
      if (text[pos] == '\\') {
        escaped = true;
        ++pos;
      }
      ++pos;
    }
    ++pos;
    StringRef raw = text.slice(start, std::min(pos, text.size()));
    if (!escaped)
      return raw.drop_front().drop_back().str();
    Expected<json::Value> decoded = json::parse(raw);
    if (!decoded) {
      consumeError(decoded.takeError());
      return raw.str();
    }
    return decoded->getAsString().value_or(raw).str();
  }
  void value(StringRef parentKey) {
    skipSpace();
    if (pos >= text.size() || dup)
      return;
    char c = text[pos];
    if (c == '"') {
      string();
    } else if (c == '{') {
      ++pos;
      StringSet<> seen;
      while (!dup) {
        skipSpace();
        if (pos >= text.size() || text[pos] == '}')
          break;
        if (text[pos] == ',') {
          ++pos;
          continue;
        }
        size_t keyAt = pos;
        std::string key = string();
        if (!seen.insert(key).second) {
          dup = Dup{keyAt, key, parentKey.str()};
          return;
        }
        skipSpace();
        ++pos; // ':'
        value(key);
      }
      ++pos;
    } else if (c == '[') {
      ++pos;
      while (!dup) {
        skipSpace();
        if (pos >= text.size() || text[pos] == ']')
          break;
        if (text[pos] == ',') {
          ++pos;
          continue;
        }
        value(parentKey);
      }
      ++pos;
    } else {
      while (pos < text.size() && !StringRef(",]} \t\r\n").contains(text[pos]))
        ++pos;
    }
  }
};

/// Bits per element of every dtype the safetensors format defines, or 0.
unsigned dtypeBits(StringRef dtype) {
  return StringSwitch<unsigned>(dtype)
      .Cases({"F64", "I64", "U64"}, 64)
      .Cases({"F32", "I32", "U32"}, 32)
      .Cases({"F16", "BF16", "I16", "U16"}, 16)
      .Cases({"I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2", "F8_E8M0"}, 8)
      .Cases({"F6_E2M3", "F6_E3M2"}, 6)
      .Case("F4", 4)
      .Default(0);
}

/// Metadata keys "sinkc.encoding.<tensor>" = "<group format>" mark tensors
/// stored in sinkc's group formats (#tfm.group_quant): U8 [..., rowBytes],
/// whole groups per row. Each becomes its logical shape and encoding.
Error applyEncodings(StringRef path, const std::map<std::string, std::string> &metadata,
                     std::vector<TensorInfo> &tensors) {
  constexpr StringLiteral kPrefix = "sinkc.encoding.";
  for (const auto &[key, format] : metadata) {
    StringRef name = key;
    if (!name.consume_front(kPrefix))
      continue;
    auto where = [&](const Twine &message) {
      return atField(path, "__metadata__", key, message);
    };
    auto it = llvm::find_if(tensors, [&](const TensorInfo &t) { return t.name == name; });
    if (it == tensors.end())
      return where("names no tensor of this file");
    uint32_t code = 0;
    if (!sinkrt::pkg::parseDType(format.data(), format.size(), code) ||
        !(code & sinkrt::pkg::kGroupDTypeBit))
      return where("'" + format + "' is not a sinkc group format (i<4|8>g<32|64|128><s|a>_<f16|f32>)");
    if (it->dtype != "U8" || it->shape.empty())
      return where("tensor '" + it->name + "' must be stored as U8 rows of groups, not " +
                   it->dtype + " of rank " + Twine(it->shape.size()));
    sinkrt::pkg::DTypeBlock block = sinkrt::pkg::dtypeBlock(code);
    int64_t rowBytes = it->shape.back();
    if (rowBytes == 0 || rowBytes % block.bytes != 0)
      return where("tensor '" + it->name + "': a row of " + Twine(rowBytes) +
                   " bytes is not a whole number of " + format + " groups of " +
                   Twine(block.bytes) + " bytes");
    it->shape.back() = rowBytes / block.bytes * block.values;
    it->encoding = format;
  }
  return Error::success();
}

} // namespace

class SafetensorsParser {
public:
  static Expected<SafetensorsFile> parse(std::shared_ptr<MemoryBuffer> buffer);

private:
  SafetensorsParser(StringRef path, uint64_t dataStart, uint64_t dataSize)
      : path(path), dataStart(dataStart), dataSize(dataSize) {}
  Expected<TensorInfo> tensor(StringRef name, const json::Value &entry,
                              uint64_t &begin);
  Error metadata(const json::Value &entry,
                 std::map<std::string, std::string> &out);
  Expected<uint64_t> unsignedAt(StringRef name, StringRef field,
                                const json::Value &v);

  std::string path;
  uint64_t dataStart, dataSize;
};

Expected<uint64_t> SafetensorsParser::unsignedAt(StringRef name,
                                                 StringRef field,
                                                 const json::Value &v) {
  if (std::optional<uint64_t> u = v.getAsUINT64())
    return *u;
  std::string got;
  raw_string_ostream(got) << v;
  return atField(path, name, field,
                 "expected non-negative integers, got " + got);
}

Error SafetensorsParser::metadata(const json::Value &entry,
                                  std::map<std::string, std::string> &out) {
  const json::Object *obj = entry.getAsObject();
  if (!obj) {
    if (entry.kind() == json::Value::Null)
      return Error::success();
    return createStringError(inconvertibleErrorCode(),
                             path + ": header field '__metadata__': expected "
                                    "an object of strings");
  }
  for (const auto &[key, value] : *obj) {
    std::optional<StringRef> s = value.getAsString();
    if (!s)
      return atField(path, "__metadata__", key, "expected a string");
    out[key.str()] = s->str();
  }
  return Error::success();
}

Expected<TensorInfo> SafetensorsParser::tensor(StringRef name,
                                               const json::Value &entry,
                                               uint64_t &begin) {
  const json::Object *obj = entry.getAsObject();
  if (!obj)
    return createStringError(inconvertibleErrorCode(),
                             path + ": header field '" + name +
                                 "': expected an object with dtype, shape "
                                 "and data_offsets");
  TensorInfo info;
  info.name = name.str();
  info.file = path;

  const json::Value *dtype = obj->get("dtype");
  if (!dtype)
    return atField(path, name, "dtype", "missing");
  std::optional<StringRef> dtypeName = dtype->getAsString();
  if (!dtypeName)
    return atField(path, name, "dtype", "expected a string");
  unsigned bits = dtypeBits(*dtypeName);
  if (!bits)
    return atField(path, name, "dtype",
                   "unknown dtype '" + *dtypeName +
                       "' (the format defines F64, F32, F16, BF16, F8_E4M3, "
                       "F8_E5M2, F8_E8M0, F6_E2M3, F6_E3M2, F4, I64..I8, "
                       "U64..U8, BOOL)");
  info.dtype = dtypeName->str();

  const json::Value *shapeValue = obj->get("shape");
  if (!shapeValue)
    return atField(path, name, "shape", "missing");
  const json::Array *shape = shapeValue->getAsArray();
  if (!shape)
    return atField(path, name, "shape", "expected an array of integers");
  uint64_t elements = 1;
  bool overflow = false;
  for (const json::Value &d : *shape) {
    Expected<uint64_t> dim = unsignedAt(name, "shape", d);
    if (!dim)
      return dim.takeError();
    if (*dim > uint64_t(std::numeric_limits<int64_t>::max()))
      return atField(path, name, "shape",
                     "dimension " + Twine(*dim) + " is too large");
    info.shape.push_back(int64_t(*dim));
    // Keep going after an overflow: a zero dimension makes the product 0.
    overflow |= __builtin_mul_overflow(elements, *dim, &elements);
  }
  bool empty = llvm::is_contained(info.shape, 0);
  uint64_t bitCount = 0;
  if (!empty &&
      (overflow || __builtin_mul_overflow(elements, uint64_t(bits), &bitCount)))
    return atField(path, name, "shape",
                   "element count overflows 64 bits");
  if (empty)
    bitCount = 0;
  if (bitCount % 8)
    return atField(path, name, "shape",
                   Twine(elements) + " elements of " + info.dtype +
                       " do not fill whole bytes");
  uint64_t expected = bitCount / 8;

  const json::Value *offsetsValue = obj->get("data_offsets");
  if (!offsetsValue)
    return atField(path, name, "data_offsets", "missing");
  const json::Array *offsets = offsetsValue->getAsArray();
  if (!offsets || offsets->size() != 2)
    return atField(path, name, "data_offsets",
                   "expected [begin, end], two integers");
  Expected<uint64_t> b = unsignedAt(name, "data_offsets", (*offsets)[0]);
  if (!b)
    return b.takeError();
  Expected<uint64_t> e = unsignedAt(name, "data_offsets", (*offsets)[1]);
  if (!e)
    return e.takeError();
  if (*e < *b)
    return atField(path, name, "data_offsets",
                   "end " + Twine(*e) + " is before begin " + Twine(*b));
  if (*e > dataSize)
    return atField(path, name, "data_offsets",
                   "[" + Twine(*b) + ", " + Twine(*e) +
                       ") runs past the end of the file (the data section "
                       "has " +
                       Twine(dataSize) + " bytes from byte " +
                       Twine(dataStart) + ")");
  if (*e - *b != expected)
    return atField(path, name, "data_offsets",
                   "[" + Twine(*b) + ", " + Twine(*e) + ") holds " +
                       Twine(*e - *b) + " bytes, but shape and dtype " +
                       info.dtype + " need " + Twine(expected));
  begin = *b;
  info.fileOffset = dataStart + *b;
  info.byteSize = expected;
  return info;
}

Expected<SafetensorsFile>
SafetensorsParser::parse(std::shared_ptr<MemoryBuffer> buffer) {
  StringRef path = buffer->getBufferIdentifier();
  StringRef bytes = buffer->getBuffer();
  uint64_t size = bytes.size();
  if (size < 8)
    return atByte(path, 0,
                  "file has " + Twine(size) +
                      " bytes, too short for the 8-byte header length");
  uint64_t headerSize = support::endian::read64le(bytes.data());
  if (headerSize > kMaxHeaderBytes)
    return atByte(path, 0,
                  "header length " + Twine(headerSize) +
                      " is over the 100 MB limit");
  if (headerSize > size - 8)
    return atByte(path, 0,
                  "header length " + Twine(headerSize) +
                      " runs past the end of the file (" + Twine(size) +
                      " bytes)");
  if (headerSize < 2)
    return atByte(path, 0,
                  "header length " + Twine(headerSize) +
                      " cannot hold a JSON object");
  StringRef header = bytes.substr(8, headerSize);
  Expected<json::Value> root = parseJsonAt(path, 8, header);
  if (!root)
    return root.takeError();
  const json::Object *tensors = root->getAsObject();
  if (!tensors)
    return atByte(path, 8, "header is not a JSON object");
  if (std::optional<DuplicateKeyFinder::Dup> dup =
          DuplicateKeyFinder(header).find()) {
    if (dup->parent.empty())
      return atByte(path, 8 + dup->offset,
                    "tensor '" + dup->key + "' is defined twice");
    return atByte(path, 8 + dup->offset,
                  "key '" + dup->key + "' appears twice in '" + dup->parent +
                      "'");
  }

  SafetensorsParser parser(path, 8 + headerSize, size - 8 - headerSize);
  SafetensorsFile file;
  file.buffer = std::move(buffer);
  // (relative begin, index into file.tensors), for the overlap check.
  std::vector<std::pair<uint64_t, size_t>> byBegin;
  for (const auto &[key, entry] : *tensors) {
    if (key == "__metadata__") {
      if (Error err = parser.metadata(entry, file.metadata))
        return std::move(err);
      continue;
    }
    uint64_t begin = 0;
    Expected<TensorInfo> info = parser.tensor(key, entry, begin);
    if (!info)
      return info.takeError();
    byBegin.emplace_back(begin, file.tensors.size());
    file.tensors.push_back(std::move(*info));
  }

  // File order (json::Object iterates in hash order), then no overlaps.
  llvm::sort(byBegin, [&](const auto &a, const auto &b) {
    const TensorInfo &x = file.tensors[a.second], &y = file.tensors[b.second];
    return std::tie(a.first, x.byteSize, x.name) <
           std::tie(b.first, y.byteSize, y.name);
  });
  std::vector<TensorInfo> ordered;
  ordered.reserve(byBegin.size());
  const TensorInfo *last = nullptr; // the non-empty tensor ending furthest
  for (const auto &[begin, index] : byBegin) {
    TensorInfo &t = file.tensors[index];
    if (t.byteSize == 0) {
      ordered.push_back(std::move(t));
      continue;
    }
    if (last && t.fileOffset < last->fileOffset + last->byteSize) {
      uint64_t lastBegin = last->fileOffset - parser.dataStart;
      return atField(path, t.name, "data_offsets",
                     "[" + Twine(begin) + ", " + Twine(begin + t.byteSize) +
                         ") overlaps tensor '" + last->name + "' [" +
                         Twine(lastBegin) + ", " +
                         Twine(lastBegin + last->byteSize) + ")");
    }
    ordered.push_back(std::move(t));
    last = &ordered.back();
  }
  file.tensors = std::move(ordered);
  if (Error err = applyEncodings(path, file.metadata, file.tensors))
    return std::move(err);
  return file;
}

Expected<SafetensorsFile>
SafetensorsFile::parse(std::shared_ptr<MemoryBuffer> buffer) {
  return SafetensorsParser::parse(std::move(buffer));
}

Expected<SafetensorsFile> SafetensorsFile::open(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("%s: cannot open: %s", path.str().c_str(),
                buffer.getError().message().c_str());
  return parse(std::shared_ptr<MemoryBuffer>(std::move(*buffer)));
}

//===----------------------------------------------------------------------===//
// Checkpoint folders
//===----------------------------------------------------------------------===//

namespace {

std::string join(StringRef folder, StringRef name) {
  SmallString<256> p(folder);
  sys::path::append(p, name);
  return std::string(p);
}

/// A JSON file of the checkpoint, parsed; errors name the file.
Expected<json::Value> readJson(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail("%s: cannot open: %s", path.str().c_str(),
                buffer.getError().message().c_str());
  return parseJsonAt(path, 0, (*buffer)->getBuffer());
}

/// model.safetensors.index.json's weight_map: tensor name -> shard file name.
Expected<std::map<std::string, std::string>> readIndex(StringRef indexPath) {
  Expected<json::Value> index = readJson(indexPath);
  if (!index)
    return index.takeError();
  const json::Object *root = index->getAsObject();
  const json::Object *weightMap = root ? root->getObject("weight_map") : nullptr;
  if (!weightMap)
    return fail("%s: missing field 'weight_map' (an object mapping tensor "
                "names to shard files)",
                indexPath.str().c_str());
  std::map<std::string, std::string> shardOf;
  for (const auto &[tensor, shard] : *weightMap) {
    std::optional<StringRef> file = shard.getAsString();
    if (!file || file->empty())
      return fail("%s: field 'weight_map.%s' must be a shard file name",
                  indexPath.str().c_str(), tensor.str().c_str());
    shardOf[tensor.str()] = file->str();
  }
  return shardOf;
}

} // namespace

Expected<Checkpoint> Checkpoint::open(StringRef folder) {
  if (!sys::fs::is_directory(folder))
    return fail("%s: not a checkpoint folder (no such directory)",
                folder.str().c_str());
  Checkpoint ckpt;
  ckpt.folder = folder.str();

  std::string configPath = join(folder, "config.json");
  if (!sys::fs::exists(configPath))
    return fail("%s: missing config.json (a Hugging Face checkpoint folder "
                "holds config.json and model.safetensors or sharded "
                "safetensors with model.safetensors.index.json)",
                folder.str().c_str());
  Expected<json::Value> config = readJson(configPath);
  if (!config)
    return config.takeError();
  json::Object *configObject = config->getAsObject();
  if (!configObject)
    return fail("%s: expected a JSON object", configPath.c_str());
  ckpt.config = std::move(*configObject);

  std::string indexPath = join(folder, "model.safetensors.index.json");
  std::string singlePath = join(folder, "model.safetensors");
  if (sys::fs::exists(indexPath)) {
    Expected<std::map<std::string, std::string>> shardOf = readIndex(indexPath);
    if (!shardOf)
      return shardOf.takeError();
    // Each shard once, in name order, with the tensors the index gives it.
    std::map<std::string, std::vector<std::string>> listed;
    for (const auto &[tensor, shard] : *shardOf)
      listed[shard].push_back(tensor);
    for (const auto &[shard, names] : listed) {
      std::string shardPath = join(folder, shard);
      if (!sys::fs::exists(shardPath))
        return fail("%s: weight_map names shard '%s' (for tensor '%s'), "
                    "which does not exist",
                    indexPath.c_str(), shard.c_str(), names.front().c_str());
      Expected<SafetensorsFile> file = SafetensorsFile::open(shardPath);
      if (!file)
        return file.takeError();
      StringSet<> inFile;
      for (const TensorInfo &t : file->getTensors()) {
        auto it = shardOf->find(t.name);
        if (it == shardOf->end())
          return fail("%s: tensor '%s' is not listed in "
                      "model.safetensors.index.json",
                      shardPath.c_str(), t.name.c_str());
        if (it->second != shard)
          return fail("%s: tensor '%s' is listed in "
                      "model.safetensors.index.json under shard '%s'",
                      shardPath.c_str(), t.name.c_str(), it->second.c_str());
        inFile.insert(t.name);
        ckpt.tensors.push_back(t);
      }
      for (const std::string &name : names)
        if (!inFile.contains(name))
          return fail("%s: tensor '%s' is listed in shard '%s', which does "
                      "not contain it",
                      indexPath.c_str(), name.c_str(), shard.c_str());
    }
  } else if (sys::fs::exists(singlePath)) {
    Expected<SafetensorsFile> file = SafetensorsFile::open(singlePath);
    if (!file)
      return file.takeError();
    ckpt.tensors = file->getTensors();
  } else {
    return fail("%s: no weights: neither model.safetensors nor "
                "model.safetensors.index.json is there",
                folder.str().c_str());
  }
  for (size_t i = 0; i < ckpt.tensors.size(); ++i)
    ckpt.byName[ckpt.tensors[i].name] = i;

  std::string tokenizerPath = join(folder, "tokenizer.json");
  if (sys::fs::exists(tokenizerPath))
    ckpt.tokenizerPath = tokenizerPath;
  return ckpt;
}

const TensorInfo *Checkpoint::findTensor(StringRef name) const {
  auto it = byName.find(name.str());
  return it == byName.end() ? nullptr : &tensors[it->second];
}

} // namespace sinkc::safetensors
