// SOURCES: runtime/src/package/PackageReader.cpp runtime/src/package/Manifest.cpp runtime/src/package/TokenizerView.cpp runtime/src/package/CpuFeatures.cpp
// FLAGS: -Iruntime/include -Iruntime/src
//===- package_fuzzer.cpp - libFuzzer target for the .sinkpkg reader -----===//
//
// Any input must open or fail with an error; on success every token, merge,
// kernel blob and tensor byte the reader hands out is read, so a validation
// gap shows as an out-of-bounds read under ASan.
//
//===----------------------------------------------------------------------===//

#include "package/PackageReader.h"

#include <sanitizer/asan_interface.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The reader wants page-aligned bytes (as mmap gives); the allocation's
  // tail past `size` is poisoned so that a read past the input still trips
  // ASan.
  size_t padded = (size + 4095) / 4096 * 4096 + 4096;
  uint8_t *buffer = static_cast<uint8_t *>(std::aligned_alloc(4096, padded));
  if (!buffer)
    return 0;
  std::memcpy(buffer, data, size);
  ASAN_POISON_MEMORY_REGION(buffer + size, padded - size);
  sinkrt::PackageOpenOptions options;
  options.verifyWeights = true;
  options.checkCpuFeatures = false;
  // Mutations almost never keep checksums right: fuzz the structural checks
  // behind them (checksums only hash ranges those checks have bounded).
  options.verifyChecksums = false;
  std::string error;
  auto reader =
      sinkrt::PackageReader::openMemory(buffer, size, "fuzz", options, error);
  if (reader) {
    uint64_t sum = 0;
    const sinkrt::TokenizerView &t = reader->tokenizer();
    for (uint32_t i = 0; i < t.tokenCount(); ++i)
      sum += t.token(i).size() + t.tokenType(i) + uint64_t(t.score(i));
    for (uint32_t i = 0; i < t.mergeCount(); ++i)
      sum += t.merge(i).first.size() + t.merge(i).second.size();
    for (const sinkrt::KernelInfo &k : reader->manifest().kernels) {
      sinkrt::PackageReader::Blob b = reader->kernel(k.target);
      for (uint64_t i = 0; i < b.size; ++i)
        sum += b.data[i];
    }
    for (const sinkrt::TensorInfo &ti : reader->manifest().tensors) {
      sinkrt::PackageReader::Blob b = reader->tensorData(ti);
      if (b.size)
        sum += b.data[0] + b.data[b.size - 1];
      if (reader->findTensor(ti.name) != &ti)
        std::abort();
    }
    if (sum == 0xdeadbeef)
      std::abort(); // keeps the reads from being optimized away
  } else if (error.empty()) {
    std::abort();
  }
  ASAN_UNPOISON_MEMORY_REGION(buffer + size, padded - size);
  std::free(buffer);
  return 0;
}
