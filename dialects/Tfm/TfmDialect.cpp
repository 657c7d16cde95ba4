//===- TfmDialect.cpp - tfm dialect registration and model checks ---------===//
//
// Registers the dialect and verifies the `tfm.model` module attribute: a
// module that declares itself a model must expose the entry points
// `@prefill(tokens, start_pos, caches...)` and `@decode(token, pos,
// caches...)` with one KV-cache ABI shared by both.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace sinkc::tfm;

#include "sinkc/Dialect/Tfm/TfmOpsDialect.cpp.inc"

void TfmDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "sinkc/Dialect/Tfm/TfmOps.cpp.inc"
      >();
}

/// Checks one entry point: (tokens: tensor<1x{tokensDim}xi32>, index,
/// !tfm.kv_cache...) -> tensor<1x{tokensDim}xVxf32>.
static LogicalResult verifyEntryPoint(ModuleOp module, StringRef name,
                                      int64_t tokensDim, func::FuncOp &fn) {
  fn = module.lookupSymbol<func::FuncOp>(name);
  if (!fn)
    return module.emitOpError("is a tfm.model but has no entry point @")
           << name;
  auto describe = [&]() {
    return fn.emitOpError("entry point @") << name << " ";
  };
  // Checked before the function verifies itself: generic IR may omit it.
  if (!fn.getFunctionTypeAttr())
    return describe() << "has no function_type";
  FunctionType type = fn.getFunctionType();
  if (type.getNumInputs() < 2)
    return describe() << "must take (tokens, position, caches...), got "
                      << type.getNumInputs() << " arguments";
  auto tokens = dyn_cast<RankedTensorType>(type.getInput(0));
  if (!tokens || tokens.getRank() != 2 || tokens.getDimSize(0) != 1 ||
      tokens.getDimSize(1) != tokensDim ||
      !tokens.getElementType().isInteger(32)) {
    std::string expected = tokensDim == 1 ? "tensor<1x1xi32>" : "tensor<1x?xi32>";
    return describe() << "expects its tokens as " << expected << ", got "
                      << type.getInput(0);
  }
  if (!type.getInput(1).isIndex())
    return describe() << "expects its position as index, got "
                      << type.getInput(1);
  for (auto [i, input] : llvm::enumerate(type.getInputs().drop_front(2)))
    if (!isa<KVCacheType>(input))
      return describe() << "argument " << i + 2
                        << " must be a !tfm.kv_cache, got " << input;
  auto logits = type.getNumResults() == 1
                    ? dyn_cast<RankedTensorType>(type.getResult(0))
                    : RankedTensorType();
  if (!logits || logits.getRank() != 3 || logits.getDimSize(0) != 1 ||
      logits.getDimSize(1) != tokensDim || ShapedType::isDynamic(logits.getDimSize(2)) ||
      !logits.getElementType().isF32())
    return describe() << "must return logits as tensor<1x"
                      << (tokensDim == 1 ? "1" : "?") << "xVOCABxf32>";
  return success();
}

LogicalResult TfmDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attr) {
  if (attr.getName() == kTokenizerAttrName) {
    if (!isa<TokenizerAttr>(attr.getValue()))
      return op->emitError("'") << kTokenizerAttrName
                                << "' must be a #tfm.tokenizer attribute";
    if (!isa<ModuleOp>(op))
      return op->emitError("'") << kTokenizerAttrName << "' belongs on a module";
    return success();
  }
  if (attr.getName() == kDispatchAttrName) {
    if (!isa<func::FuncOp>(op) || !isa<StringAttr>(attr.getValue()))
      return op->emitError("'") << kDispatchAttrName
                                << "' marks a func.func with its group name (a string)";
    return success();
  }
  if (attr.getName() == kWorkgroupsAttrName) {
    auto count = dyn_cast<IntegerAttr>(attr.getValue());
    if (!isa<func::FuncOp>(op) || !op->hasAttr(kDispatchAttrName) || !count ||
        count.getValue().getSExtValue() < 1)
      return op->emitError("'") << kWorkgroupsAttrName
                                << "' gives a dispatch function's workgroup count (a positive "
                                   "integer)";
    return success();
  }
  if (attr.getName() != kModelAttrName)
    return op->emitError("unknown tfm attribute '") << attr.getName().getValue() << "'";
  if (!isa<ModelAttr>(attr.getValue()))
    return op->emitError("'") << kModelAttrName
                              << "' must be a #tfm.model attribute";
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    return op->emitError("'") << kModelAttrName << "' belongs on a module";

  func::FuncOp prefill, decode;
  if (failed(verifyEntryPoint(module, "prefill", ShapedType::kDynamic, prefill)) ||
      failed(verifyEntryPoint(module, "decode", 1, decode)))
    return failure();
  TypeRange prefillCaches = prefill.getFunctionType().getInputs().drop_front(2);
  TypeRange decodeCaches = decode.getFunctionType().getInputs().drop_front(2);
  if (prefillCaches != decodeCaches)
    return decode.emitOpError("entry points @prefill and @decode must take the "
                              "same KV-cache buffers (one ABI)");
  auto vocab = [](func::FuncOp fn) {
    return cast<RankedTensorType>(fn.getFunctionType().getResult(0)).getDimSize(2);
  };
  if (vocab(prefill) != vocab(decode))
    return decode.emitOpError("returns logits over ")
           << vocab(decode) << " tokens but @prefill over " << vocab(prefill);
  return success();
}
