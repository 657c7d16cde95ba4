// SOURCES: importers/Safetensors.cpp importers/UntrustedJson.cpp
// FLAGS: -Iruntime/include
//===- safetensors_fuzzer.cpp - libFuzzer target for the safetensors reader -===//
//
// Parses arbitrary bytes as a .safetensors file. A parse either fails with an
// error or yields tensors whose byte ranges lie inside the input; ASan catches
// any read outside it.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Importers/Safetensors.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::shared_ptr<llvm::MemoryBuffer> buffer(llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.safetensors"));
  llvm::Expected<sinkc::safetensors::SafetensorsFile> file =
      sinkc::safetensors::SafetensorsFile::parse(buffer);
  if (!file) {
    llvm::consumeError(file.takeError());
    return 0;
  }
  // Touch every tensor's data: each range must be inside the buffer.
  const char *bytes = buffer->getBufferStart();
  uint64_t sum = 0;
  for (const sinkc::safetensors::TensorInfo &t : file->getTensors()) {
    if (t.fileOffset > size || t.byteSize > size - t.fileOffset)
      abort();
    sum += t.name.size() + t.dtype.size() + t.shape.size();
    if (t.byteSize)
      sum += uint8_t(bytes[t.fileOffset]) + uint8_t(bytes[t.fileOffset + t.byteSize - 1]);
  }
  for (const auto &[key, value] : file->getMetadata())
    sum += key.size() + value.size();
  volatile uint64_t sink = sum; // keep the reads
  (void)sink;
  return 0;
}
