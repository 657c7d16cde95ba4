//===- Manifest.h - the .sinkpkg manifest, parsed and validated ---------===//
//
// The manifest section is JSON (docs/package-format.md, "Manifest"). This
// parses it without exceptions and checks every field the runtime uses: a
// missing or ill-typed field is an error naming its path
// ("kv_cache.groups[1].slots"). Fields it does not know are kept in `json`
// (a newer minor version may add them).
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_PACKAGE_MANIFEST_H
#define SINKRT_PACKAGE_MANIFEST_H

#include "core/KvCache.h"
#include "device/GpuKernelLaunch.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sinkrt {

struct ModelConfig {
  std::string arch;
  int64_t layers = 0, hidden = 0, heads = 0, kvHeads = 0, headDim = 0,
          vocab = 0, context = 0;
};

struct TokenizerConfig {
  std::string kind; ///< "gpt2" (byte-level BPE), "llama" (SentencePiece)
  std::string pre;  ///< pre-tokenizer name
  std::vector<std::string> regexes;
  int64_t bos = -1, eos = -1, unk = -1, pad = -1; ///< -1: none
  bool addBos = false;
  std::string chatTemplate;
};

/// One KV-cache buffer (docs/kv-abi.md).
struct KvGroup {
  enum class Policy { Full, Streaming } policy = Policy::Full;
  int64_t entries = 0;
  int64_t slots = -1; ///< -1 for full groups: the session's context
  int64_t sinks = 0, window = 0; ///< streaming only
  int64_t headDim = 0;
  std::string elementType; ///< "f32", "f16" or "bf16"
};

struct KernelInfo {
  std::string target, format;
  uint64_t size = 0;
};

struct TensorInfo {
  std::string name;
  uint32_t dtype = 0; ///< sinkrt::pkg dtype code
  std::vector<int64_t> shape;
  uint64_t offset = 0; ///< inside the weights section
  uint64_t size = 0;
};

struct Manifest {
  uint32_t versionMajor = 0, versionMinor = 0;
  ModelConfig model;
  TokenizerConfig tokenizer;
  uint32_t kvAbiVersion = 0;
  std::vector<KvGroup> kvGroups;
  std::vector<std::string> cpuFeatures;
  std::vector<KernelInfo> kernels;
  std::vector<TensorInfo> tensors;
  /// "gpu_launches" (docs/gpu-runtime.md, format 1): per GPU kernel section
  /// ("cuda-sm_90", "hip-gfx942") its launches in manifest order; a plan
  /// step runs every launch whose kernel is its kernel. Validated against
  /// "kernels" and the plan's steps; empty in a package without GPU kernels.
  std::map<std::string, std::vector<device::GpuKernelLaunch>> gpuLaunches;
  /// "gpu_scratch_bytes": the GPU scratch buffer; 0 when absent.
  uint64_t gpuScratchBytes = 0;
  /// "gpu_max_context": the largest session context the GPU kernels take;
  /// 0 when absent (no limit).
  int64_t gpuMaxContext = 0;
  nlohmann::json json; ///< everything, "execution_plan" included
};

/// Parses and validates `text` into `out`. Returns an error ("field
/// \"model.layers\" is missing"), empty on success.
std::string parseManifest(std::string_view text, Manifest &out);

/// The KV-cache groups of `manifest` as the runtime's cache describes them.
std::vector<KvGroupDesc> kvGroupDescs(const Manifest &manifest);

} // namespace sinkrt

#endif // SINKRT_PACKAGE_MANIFEST_H
