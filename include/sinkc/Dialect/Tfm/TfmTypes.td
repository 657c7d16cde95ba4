//===- TfmTypes.td - types of tfm --------------------------*- tablegen -*-===//

#ifndef SINKC_DIALECT_TFM_TFMTYPES_TD
#define SINKC_DIALECT_TFM_TFMTYPES_TD

include "sinkc/Dialect/Tfm/TfmBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

def Tfm_KVCacheType : Tfm_Type<"KVCache", "kv_cache"> {
  let summary = "one KV-cache buffer: a policy group's keys and values";
  let description = [{
    A runtime-owned buffer, updated in place, holding keys and values for
    `entries` (layer, kv-head) pairs of one policy group, `slots` positions
    each, `head_dim` values per key and per value. `slots` is `?` for a `full`
    group (the runtime picks the context per session) and `sinks + window`
    for a `streaming` group. The byte layout is the ABI in docs/kv-abi.md.

    ```mlir
    !tfm.kv_cache<90x?x64xf16>
    ```
  }];
  let parameters = (ins "int64_t":$entries, "int64_t":$slots, "int64_t":$head_dim,
                        "::mlir::Type":$element_type);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    bool hasDynamicSlots() const { return ::mlir::ShapedType::isDynamic(getSlots()); }
    /// Bytes of keys plus values when every entry holds `tokens` positions.
    int64_t getBytesFor(int64_t tokens) const;
  }];
}

#endif // SINKC_DIALECT_TFM_TFMTYPES_TD
