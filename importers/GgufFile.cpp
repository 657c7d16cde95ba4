//===- GgufFile.cpp - reading GGUF v2/v3 files ----------------------------===//
//
// Every count, length and offset read from the file is checked against the
// bytes that remain before anything is allocated from it, so a hostile file
// costs at most a small multiple of its own size in memory.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/GgufFile.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cstring>
#include <limits>

using namespace llvm;

namespace sinkc::gguf {

namespace {

/// Block size and bytes of every ggml type id, so that tensors of types sinkc
/// does not read still get their extent checked ({0, 0}: not a ggml type).
struct BlockLayout {
  uint64_t blockSize, blockBytes;
};
BlockLayout getBlockLayout(uint32_t typeId) {
  if (const TypeTraits *t = getTypeTraits(typeId))
    return {uint64_t(t->blockSize), uint64_t(t->blockBytes)};
  switch (typeId) {
  case 9: return {32, 36};   // q8_1
  case 10: return {256, 84}; // q2_k
  case 11: return {256, 110}; // q3_k
  case 13: return {256, 176}; // q5_k
  case 15: return {256, 292}; // q8_k
  case 16: return {256, 66};  // iq2_xxs
  case 17: return {256, 74};  // iq2_xs
  case 18: return {256, 98};  // iq3_xxs
  case 19: return {256, 50};  // iq1_s
  case 20: return {32, 18};   // iq4_nl
  case 21: return {256, 110}; // iq3_s
  case 22: return {256, 82};  // iq2_s
  case 23: return {256, 136}; // iq4_xs
  case 24: return {1, 1};     // i8
  case 25: return {1, 2};     // i16
  case 26: return {1, 4};     // i32
  case 27: return {1, 8};     // i64
  case 28: return {1, 8};     // f64
  case 29: return {256, 56};  // iq1_m
  case 34: return {256, 54};  // tq1_0
  case 35: return {256, 66};  // tq2_0
  case 39: return {32, 17};   // mxfp4
  case 40: return {64, 36};   // nvfp4
  case 41: return {128, 18};  // q1_0
  default: return {0, 0};
  }
}

const char *valueTypeName(uint32_t t) {
  static const char *const names[] = {"u8",  "i8",  "u16",    "i16",   "u32",
                                      "i32", "f32", "bool",   "string", "array",
                                      "u64", "i64", "f64"};
  return t < 13 ? names[t] : "unknown";
}

/// Bytes a value of type `t` occupies at least (for count checks).
uint64_t minValueBytes(ValueType t) {
  switch (t) {
  case ValueType::UInt8: case ValueType::Int8: case ValueType::Bool: return 1;
  case ValueType::UInt16: case ValueType::Int16: return 2;
  case ValueType::UInt32: case ValueType::Int32: case ValueType::Float32: return 4;
  case ValueType::UInt64: case ValueType::Int64: case ValueType::Float64: return 8;
  case ValueType::String: return 8;      // the length
  case ValueType::Array: return 4 + 8;   // element type and count
  }
  return 1;
}

// Limits on what sinkc holds in memory for metadata (each value takes about
// 100 bytes however small it is in the file). Real tokenizers hold well under
// a million values.
constexpr uint64_t kMaxMetadataValues = uint64_t(1) << 22;
constexpr unsigned kMaxArrayDepth = 8;
constexpr uint64_t kMaxDims = 4;

} // namespace

class GgufParser {
public:
  explicit GgufParser(GgufFile &file)
      : file(file), path(file.buffer->getBufferIdentifier()),
        data(reinterpret_cast<const uint8_t *>(file.buffer->getBufferStart())),
        size(file.buffer->getBufferSize()) {}

  Error parse();

private:
  GgufFile &file;
  StringRef path;
  const uint8_t *data;
  uint64_t size;
  uint64_t pos = 0;
  uint64_t valuesRead = 0;

  Error fail(uint64_t at, const Twine &what) {
    return createStringError(inconvertibleErrorCode(),
                             path + ": byte " + Twine(at) + ": " + what);
  }
  uint64_t remaining() const { return size - pos; }

  /// Reads `n` little-endian bytes named `what` into an integer.
  template <typename T> Error read(T &out, const Twine &what) {
    if (remaining() < sizeof(T))
      return fail(pos, "file ends inside " + what + " (" + Twine(sizeof(T)) +
                           " bytes needed, " + Twine(remaining()) + " left)");
    std::memcpy(&out, data + pos, sizeof(T)); // little-endian host
    pos += sizeof(T);
    return Error::success();
  }
  Error readString(std::string &out, const Twine &what);
  Error readValue(MetadataValue &value, ValueType type, const Twine &what,
                  unsigned depth);
  Error readMetadata(uint64_t kvCount);
  Error readTensorInfos(uint64_t tensorCount, std::vector<uint64_t> &infoPos);
  Error checkTensorData(const std::vector<uint64_t> &infoPos);
};

Error GgufParser::readString(std::string &out, const Twine &what) {
  uint64_t at = pos, len = 0;
  if (Error e = read(len, "the length of " + what))
    return e;
  if (len > remaining())
    return fail(at, "length " + Twine(len) + " of " + what +
                        " runs past the end of the file (" + Twine(remaining()) +
                        " bytes left)");
  out.assign(reinterpret_cast<const char *>(data + pos), size_t(len));
  pos += len;
  return Error::success();
}

Error GgufParser::readValue(MetadataValue &v, ValueType type, const Twine &what,
                            unsigned depth) {
  v.type = type;
  if (++valuesRead > kMaxMetadataValues)
    return fail(pos, "metadata holds more than " + Twine(kMaxMetadataValues) +
                         " values, more than sinkc reads");
  switch (type) {
  case ValueType::UInt8: { uint8_t x = 0; if (Error e = read(x, what)) return e; v.u = x; break; }
  case ValueType::UInt16: { uint16_t x = 0; if (Error e = read(x, what)) return e; v.u = x; break; }
  case ValueType::UInt32: { uint32_t x = 0; if (Error e = read(x, what)) return e; v.u = x; break; }
  case ValueType::UInt64: { uint64_t x = 0; if (Error e = read(x, what)) return e; v.u = x; break; }
  case ValueType::Int8: { int8_t x = 0; if (Error e = read(x, what)) return e; v.i = x; break; }
  case ValueType::Int16: { int16_t x = 0; if (Error e = read(x, what)) return e; v.i = x; break; }
  case ValueType::Int32: { int32_t x = 0; if (Error e = read(x, what)) return e; v.i = x; break; }
  case ValueType::Int64: { int64_t x = 0; if (Error e = read(x, what)) return e; v.i = x; break; }
  case ValueType::Float32: { float x = 0; if (Error e = read(x, what)) return e; v.f = x; break; }
  case ValueType::Float64: { double x = 0; if (Error e = read(x, what)) return e; v.f = x; break; }
  case ValueType::Bool: {
    uint64_t at = pos;
    uint8_t x = 0;
    if (Error e = read(x, what))
      return e;
    if (x > 1)
      return fail(at, what + " is a bool with byte value " + Twine(unsigned(x)) +
                          " (must be 0 or 1)");
    v.b = x != 0;
    break;
  }
  case ValueType::String:
    return readString(v.s, what);
  case ValueType::Array: {
    uint64_t at = pos;
    uint32_t elem = 0;
    if (Error e = read(elem, "the element type of " + what))
      return e;
    if (elem > uint32_t(ValueType::Float64))
      return fail(at, what + " has unknown array element type " + Twine(elem));
    if (ValueType(elem) == ValueType::Array && depth + 1 >= kMaxArrayDepth)
      return fail(at, what + " nests arrays deeper than " + Twine(kMaxArrayDepth));
    v.elementType = ValueType(elem);
    uint64_t countAt = pos, count = 0;
    if (Error e = read(count, "the length of " + what))
      return e;
    uint64_t minBytes = minValueBytes(v.elementType);
    if (count > remaining() / minBytes)
      return fail(countAt, what + " claims " + Twine(count) + " " +
                               valueTypeName(elem) +
                               " values, more than the file holds (" +
                               Twine(remaining()) + " bytes left)");
    // The count is bounded by the file size now; reserve only a little so a
    // short array of huge nested arrays cannot make us allocate much.
    v.array.reserve(size_t(std::min<uint64_t>(count, 4096)));
    for (uint64_t i = 0; i < count; ++i) {
      v.array.emplace_back();
      if (Error e = readValue(v.array.back(), v.elementType,
                              what + "[" + Twine(i) + "]", depth + 1))
        return e;
    }
    break;
  }
  }
  return Error::success();
}

Error GgufParser::readMetadata(uint64_t kvCount) {
  StringMap<uint64_t> seen; // key -> byte offset of its first occurrence
  for (uint64_t k = 0; k < kvCount; ++k) {
    uint64_t keyAt = pos;
    std::string key;
    if (Error e = readString(key, "metadata key " + Twine(k)))
      return e;
    auto [it, inserted] = seen.try_emplace(key, keyAt);
    if (!inserted)
      return fail(keyAt, "duplicate metadata key '" + key + "' (first at byte " +
                             Twine(it->second) + ")");
    uint64_t typeAt = pos;
    uint32_t type = 0;
    if (Error e = read(type, "the value type of '" + key + "'"))
      return e;
    if (type > uint32_t(ValueType::Float64))
      return fail(typeAt, "metadata '" + key + "' has unknown value type " +
                              Twine(type));
    uint64_t valueAt = pos;
    MetadataValue value;
    if (Error e = readValue(value, ValueType(type), "metadata '" + key + "'", 0))
      return e;
    if (key == "general.alignment") {
      std::optional<int64_t> a = value.getInteger();
      if (!a || *a <= 0 || !isPowerOf2_64(uint64_t(*a)))
        return fail(valueAt, "general.alignment must be a power of two, got " +
                                 (a ? std::to_string(*a)
                                    : std::string("a ") + valueTypeName(type)));
      file.alignment = uint64_t(*a);
    }
    file.metadata.emplace_back(std::move(key), std::move(value));
  }
  return Error::success();
}

Error GgufParser::readTensorInfos(uint64_t tensorCount,
                                  std::vector<uint64_t> &infoPos) {
  StringMap<uint64_t> seen;
  for (uint64_t t = 0; t < tensorCount; ++t) {
    uint64_t nameAt = pos;
    TensorInfo info;
    if (Error e = readString(info.name, "the name of tensor " + Twine(t)))
      return e;
    auto [it, inserted] = seen.try_emplace(info.name, nameAt);
    if (!inserted)
      return fail(nameAt, "duplicate tensor name '" + info.name +
                              "' (first at byte " + Twine(it->second) + ")");
    const std::string tensor = "tensor '" + info.name + "'";
    uint64_t dimsAt = pos;
    uint32_t nDims = 0;
    if (Error e = read(nDims, "the dimension count of " + tensor))
      return e;
    if (nDims > kMaxDims)
      return fail(dimsAt, tensor + " has " + Twine(nDims) +
                              " dimensions (at most 4)");
    uint64_t elements = 1;
    for (uint32_t d = 0; d < nDims; ++d) {
      uint64_t dimAt = pos, ne = 0;
      if (Error e = read(ne, "dimension " + Twine(d) + " of " + tensor))
        return e;
      if (ne > uint64_t(std::numeric_limits<int64_t>::max()) ||
          (ne != 0 && elements > uint64_t(std::numeric_limits<int64_t>::max()) / ne))
        return fail(dimAt, tensor + " has more than 2^63 values");
      elements *= ne;
      info.ne.push_back(ne);
    }
    uint64_t typeAt = pos;
    if (Error e = read(info.typeId, "the type of " + tensor))
      return e;
    BlockLayout layout = getBlockLayout(info.typeId);
    if (layout.blockSize == 0)
      return fail(typeAt, tensor + " has unknown type id " + Twine(info.typeId));
    uint64_t rowLength = info.ne.empty() ? 1 : info.ne[0];
    if (rowLength % layout.blockSize != 0)
      return fail(typeAt, tensor + " rows have " + Twine(rowLength) +
                              " values, not a multiple of the " +
                              describeTypeId(info.typeId) + " block size " +
                              Twine(layout.blockSize));
    // elements < 2^63 and blockBytes / blockSize <= 8, so this cannot overflow.
    info.byteSize = elements / layout.blockSize * layout.blockBytes;
    uint64_t offsetAt = pos;
    if (Error e = read(info.relativeOffset, "the data offset of " + tensor))
      return e;
    if (info.relativeOffset % file.alignment != 0)
      return fail(offsetAt, tensor + " data offset " + Twine(info.relativeOffset) +
                                " is not a multiple of the alignment " +
                                Twine(file.alignment));
    infoPos.push_back(offsetAt);
    file.tensors.push_back(std::move(info));
  }
  return Error::success();
}

Error GgufParser::checkTensorData(const std::vector<uint64_t> &infoPos) {
  std::vector<size_t> order(file.tensors.size());
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    TensorInfo &t = file.tensors[i];
    uint64_t room = size - file.dataOffset;
    if (t.relativeOffset > room || t.byteSize > room - t.relativeOffset)
      return fail(infoPos[i], "tensor '" + t.name + "' data (" +
                                  Twine(t.byteSize) + " bytes at byte " +
                                  Twine(file.dataOffset) + " + " +
                                  Twine(t.relativeOffset) +
                                  ") runs past the end of the file (" +
                                  Twine(size) + " bytes)");
    t.fileOffset = file.dataOffset + t.relativeOffset;
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return file.tensors[a].relativeOffset < file.tensors[b].relativeOffset;
  });
  // Sorted by start, a tensor overlaps an earlier one iff it starts before
  // the furthest end seen so far.
  const TensorInfo *furthest = nullptr;
  for (size_t k : order) {
    const TensorInfo &cur = file.tensors[k];
    if (cur.byteSize == 0)
      continue;
    if (furthest &&
        cur.relativeOffset < furthest->relativeOffset + furthest->byteSize)
      return fail(infoPos[k], "tensor '" + cur.name + "' data overlaps tensor '" +
                                  furthest->name + "'");
    if (!furthest || cur.relativeOffset + cur.byteSize >
                         furthest->relativeOffset + furthest->byteSize)
      furthest = &cur;
  }
  return Error::success();
}

Error GgufParser::parse() {
  if (size < 4 || std::memcmp(data, "GGUF", 4) != 0)
    return fail(0, "not a GGUF file (it does not start with \"GGUF\")");
  pos = 4;
  if (Error e = read(file.version, "the version"))
    return e;
  if (file.version != 2 && file.version != 3)
    return fail(4, "GGUF version " + Twine(file.version) +
                       " is not supported (sinkc reads versions 2 and 3)");
  uint64_t tensorCount = 0, kvCount = 0;
  if (Error e = read(tensorCount, "the tensor count"))
    return e;
  if (Error e = read(kvCount, "the metadata count"))
    return e;
  // Each metadata pair takes at least 13 bytes, each tensor info 24.
  if (kvCount > remaining() / 13)
    return fail(16, "metadata count " + Twine(kvCount) +
                        " is more than the file can hold (" + Twine(remaining()) +
                        " bytes left)");
  if (tensorCount > remaining() / 24)
    return fail(8, "tensor count " + Twine(tensorCount) +
                       " is more than the file can hold (" + Twine(remaining()) +
                       " bytes left)");
  if (Error e = readMetadata(kvCount))
    return e;
  std::vector<uint64_t> infoPos;
  if (Error e = readTensorInfos(tensorCount, infoPos))
    return e;
  // The data section starts at the next multiple of the alignment. A file
  // without tensors may end before it.
  uint64_t start = alignTo(pos, file.alignment);
  if (start < pos || (start > size && !file.tensors.empty()))
    return fail(pos, "file ends before the tensor data section (which starts at byte " +
                         Twine(start) + ")");
  file.dataOffset = std::min(start, size);
  return checkTensorData(infoPos);
}

std::optional<int64_t> MetadataValue::getInteger() const {
  switch (type) {
  case ValueType::UInt8: case ValueType::UInt16: case ValueType::UInt32:
  case ValueType::UInt64:
    if (u > uint64_t(std::numeric_limits<int64_t>::max()))
      return std::nullopt;
    return int64_t(u);
  case ValueType::Int8: case ValueType::Int16: case ValueType::Int32:
  case ValueType::Int64:
    return i;
  default:
    return std::nullopt;
  }
}

std::optional<double> MetadataValue::getFloat() const {
  if (type == ValueType::Float32 || type == ValueType::Float64)
    return f;
  switch (type) {
  case ValueType::UInt8: case ValueType::UInt16: case ValueType::UInt32:
  case ValueType::UInt64:
    return double(u);
  case ValueType::Int8: case ValueType::Int16: case ValueType::Int32:
  case ValueType::Int64:
    return double(i);
  default:
    return std::nullopt;
  }
}

std::optional<StringRef> MetadataValue::getString() const {
  if (type != ValueType::String)
    return std::nullopt;
  return StringRef(s);
}

std::vector<int64_t> TensorInfo::getShape() const {
  return std::vector<int64_t>(ne.rbegin(), ne.rend());
}

uint64_t TensorInfo::getNumElements() const {
  uint64_t n = 1;
  for (uint64_t d : ne)
    n *= d; // the parser checked that the product fits
  return n;
}

Expected<GgufFile> GgufFile::open(StringRef path) {
  auto buf = MemoryBuffer::getFile(path, /*IsText=*/false,
                                   /*RequiresNullTerminator=*/false);
  if (!buf)
    return createStringError(buf.getError(),
                             path + ": cannot open: " + buf.getError().message());
  return parse(std::shared_ptr<MemoryBuffer>(std::move(*buf)));
}

Expected<GgufFile> GgufFile::parse(std::shared_ptr<MemoryBuffer> buffer) {
  GgufFile file;
  file.buffer = std::move(buffer);
  GgufParser parser(file);
  if (Error e = parser.parse())
    return std::move(e);
  return std::move(file);
}

const MetadataValue *GgufFile::findMetadata(StringRef key) const {
  for (const auto &kv : metadata)
    if (kv.first == key)
      return &kv.second;
  return nullptr;
}

const TensorInfo *GgufFile::findTensor(StringRef name) const {
  for (const TensorInfo &t : tensors)
    if (t.name == name)
      return &t;
  return nullptr;
}

ArrayRef<uint8_t> GgufFile::getTensorData(const TensorInfo &tensor) const {
  return ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(buffer->getBufferStart()) + tensor.fileOffset,
      size_t(tensor.byteSize));
}

} // namespace sinkc::gguf
