//===- TfmImport.h - a model description as tfm IR --------------*- C++ -*-===//

#ifndef SINKC_IMPORTERS_TFMIMPORT_H
#define SINKC_IMPORTERS_TFMIMPORT_H

#include "sinkc/Importers/ModelDescription.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace sinkc::import {

struct ImportOptions {
  /// Element type of the KV cache buffers: "f16", "bf16" or "f32".
  std::string kvElementType = "f16";
  /// The policy of every kv-head's cache: what the model says (full, or a
  /// plain sliding window when it has one), every position, or
  /// streaming<sinks, window> (StreamingLLM).
  enum class KvPolicy { Model, Full, Streaming };
  KvPolicy kvPolicy = KvPolicy::Model;
  int64_t sinks = 0, window = 0; ///< for KvPolicy::Streaming
};

/// Builds the tfm module of `model`: weights by reference, `@prefill` and
/// `@decode` with one `tfm.layer` per block, the KV cache as one buffer per
/// policy group, and the `tfm.model` / `tfm.tokenizer` attributes. The
/// result verifies for every description the importers accept.
mlir::OwningOpRef<mlir::ModuleOp> buildTfmModule(mlir::MLIRContext &context,
                                                 const ModelDescription &model,
                                                 const ImportOptions &options = {});

} // namespace sinkc::import

#endif // SINKC_IMPORTERS_TFMIMPORT_H
