//===- TfmInterfaces.td - attribute interfaces of tfm ------*- tablegen -*-===//

#ifndef SINKC_DIALECT_TFM_TFMINTERFACES_TD
#define SINKC_DIALECT_TFM_TFMINTERFACES_TD

include "mlir/IR/OpBase.td"

def Tfm_QuantEncodingAttrInterface : AttrInterface<"QuantEncodingAttrInterface"> {
  let cppNamespace = "::sinkc::tfm";
  let description = [{
    A storage format for quantized weights, used as the encoding of a
    `tensor`. The tensor's element type is the type values dequantize to; the
    innermost dimension is cut into blocks of `getBlockSize()` values, each
    stored in `getBlockBytes()` bytes.
  }];
  let methods = [
    InterfaceMethod<"Values per block (along the innermost dimension).",
      "int64_t", "getBlockSize">,
    InterfaceMethod<"Bytes one block occupies, scales included.",
      "int64_t", "getBlockBytes">,
    InterfaceMethod<"Short name of the format, e.g. `q4_1` or `i4g32`.",
      "std::string", "getFormatName">,
  ];
}

def Tfm_HeadPolicyAttrInterface : AttrInterface<"HeadPolicyAttrInterface"> {
  let cppNamespace = "::sinkc::tfm";
  let description = [{
    What a kv-head keeps in the KV cache: every position (`full`), the first
    sink tokens plus a sliding window (`streaming`), or nothing (`pruned`).
  }];
  let methods = [
    InterfaceMethod<[{Cache slots one kv-head holds once `context` tokens
      have been seen.}], "int64_t", "getCachedTokens", (ins "int64_t":$context)>,
    InterfaceMethod<[{Cache slots a buffer for this policy needs, or
      ShapedType::kDynamic when it grows with the context.}],
      "int64_t", "getSlotCapacity">,
  ];
}

def Tfm_WeightTransformAttrInterface : AttrInterface<"WeightTransformAttrInterface"> {
  let cppNamespace = "::sinkc::tfm";
  let description = [{
    One step of a weight's transform list: given the tensor type the previous
    step produced, returns the type this step produces, or emits an error that
    says why the step does not fit. `concat` additionally needs the types of
    the weights it appends; the weight op supplies them.
  }];
  let methods = [
    InterfaceMethod<"Result type of applying this step to `input`.",
      "::mlir::FailureOr<::mlir::RankedTensorType>", "inferResultType",
      (ins "::mlir::RankedTensorType":$input,
           "::llvm::ArrayRef<::mlir::RankedTensorType>":$appended,
           "::llvm::function_ref<::mlir::InFlightDiagnostic()>":$emitError)>,
  ];
}

#endif // SINKC_DIALECT_TFM_TFMINTERFACES_TD
