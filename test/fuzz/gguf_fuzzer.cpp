// SOURCES: importers/GgufFile.cpp importers/GgufTypes.cpp importers/GgufModel.cpp importers/PreTokenizers.cpp
//===- gguf_fuzzer.cpp - libFuzzer target for the GGUF reader -------------===//
//
// Any input must parse or fail with an error; on success the model
// description runs and every tensor of a supported type is dequantized
// (bounded), so offsets and sizes the parser accepted are exercised.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/GgufFile.h"
#include "sinkc/Importers/ModelDescription.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <vector>

using namespace sinkc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.gguf");
  auto file = gguf::GgufFile::parse(std::shared_ptr<llvm::MemoryBuffer>(std::move(buffer)));
  if (!file) {
    llvm::consumeError(file.takeError());
    return 0;
  }
  auto desc = import::describeGguf(*file);
  if (!desc)
    llvm::consumeError(desc.takeError());
  std::vector<float> out;
  for (const gguf::TensorInfo &t : file->getTensors()) {
    const gguf::TypeTraits *traits = gguf::getTypeTraits(t.typeId);
    if (!traits || t.getNumElements() > (1u << 20))
      continue;
    out.resize(t.getNumElements());
    llvm::ArrayRef<uint8_t> bytes = file->getTensorData(t);
    if (!gguf::dequantize(*traits, bytes.data(), bytes.size(), out.data(), out.size()))
      __builtin_trap(); // the parser accepted a size dequantize rejects
  }
  return 0;
}
