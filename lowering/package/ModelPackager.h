//===- ModelPackager.h - a described model as a .sinkpkg ------*- C++ -*-===//
//
// Turns an imported model (sinkc::import::ModelDescription: config, tensors
// by reference, tokenizer by reference) into a package: the manifest (model
// config, tokenizer config, KV-cache groups under a policy, execution plan,
// CPU features), the tokenizer section read from the source (GGUF
// tokenizer.ggml.* or tokenizer.json), the kernel blobs given, and every
// weight tensor copied from the mapped source file in its stored encoding.
// The same inputs give the same bytes.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_PACKAGE_MODELPACKAGER_H
#define SINKC_LOWERING_PACKAGE_MODELPACKAGER_H

#include "sinkc/Importers/ModelDescription.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include "llvm/Support/JSON.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sinkc::package {

/// The KV-cache policy every kv-head gets.
struct KvPolicyOption {
  enum class Kind {
    Model,     ///< what the model says: full, or streaming<0, W> for a sliding window
    Full,      ///< every position
    Streaming, ///< `sinks` first positions and the last `window`
  };
  Kind kind = Kind::Model;
  int64_t sinks = 0, window = 0;
};

/// Parses "full" or "sinks=N,window=W" (N >= 0, W >= 1), as
/// `--kv-policy` takes it.
llvm::Expected<KvPolicyOption> parseKvPolicy(llvm::StringRef text);

struct KernelBlob {
  std::string target; ///< section name, e.g. "cpu-x86_64"
  /// "elf-shared-object", "cubin", "hsaco"; empty: derived from the target
  /// (cpu-* -> elf-shared-object, cuda-* -> cubin, hip-* -> hsaco).
  std::string format;
  std::vector<uint8_t> bytes;
};

/// One KV-cache policy group (docs/kv-abi.md), as the compiled module's
/// entry points take it.
struct KvGroupSpec {
  KvPolicyOption policy; ///< Full or Streaming
  int64_t entries = 0;   ///< (layer, kv-head) pairs in the group
};

struct PackageOptions {
  std::string kvElementType = "f16"; ///< "f32", "f16" or "bf16"
  KvPolicyOption kvPolicy;
  /// The groups of a compiled module, in entry-point argument order; empty
  /// means one group of every kv-head under `kvPolicy`.
  std::vector<KvGroupSpec> kvGroups;
  /// LLVM x86 feature names the kernels need, in the order given.
  std::vector<std::string> cpuFeatures;
  std::vector<KernelBlob> kernels;
  /// The manifest's "execution_plan", a JSON array (kept as written).
  std::string executionPlanJson = "[]";
  /// More top-level manifest members, written after the others (the GPU
  /// targets' "gpu_launches", "gpu_scratch_bytes", "gpu_max_context").
  llvm::json::Object extraMembers;
};

/// Writes `model` as a package at `outputPath` (atomically: on error the
/// path is left as it was). Errors name the file at fault.
llvm::Error writeModelPackage(const import::ModelDescription &model,
                              const PackageOptions &options,
                              llvm::StringRef outputPath);

} // namespace sinkc::package

#endif // SINKC_LOWERING_PACKAGE_MODELPACKAGER_H
