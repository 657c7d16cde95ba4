//===- TfmTypes.cpp - tfm types ---------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace sinkc::tfm;

#define GET_TYPEDEF_CLASSES
#include "sinkc/Dialect/Tfm/TfmOpsTypes.cpp.inc"

void TfmDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "sinkc/Dialect/Tfm/TfmOpsTypes.cpp.inc"
      >();
}

// Syntax: !tfm.kv_cache<ENTRIES x SLOTS x HEAD_DIM x ELEMENT>, SLOTS may be ?.
Type KVCacheType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<int64_t> dims;
  Type element;
  if (parser.parseLess() ||
      parser.parseDimensionList(dims, /*allowDynamic=*/true, /*withTrailingX=*/true) ||
      parser.parseType(element) || parser.parseGreater())
    return {};
  if (dims.size() != 3) {
    parser.emitError(loc) << "kv_cache needs entries x slots x head_dim x "
                             "element type, got "
                          << dims.size() << " dimensions";
    return {};
  }
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    dims[0], dims[1], dims[2], element);
}

void KVCacheType::print(AsmPrinter &printer) const {
  printer << "<" << getEntries() << "x";
  if (hasDynamicSlots())
    printer << "?";
  else
    printer << getSlots();
  printer << "x" << getHeadDim() << "x" << getElementType() << ">";
}

LogicalResult KVCacheType::verify(function_ref<InFlightDiagnostic()> emitError,
                                  int64_t entries, int64_t slots, int64_t headDim,
                                  Type elementType) {
  if (ShapedType::isDynamic(entries) || entries < 1)
    return emitError() << "kv_cache needs a static number of entries >= 1";
  if (!ShapedType::isDynamic(slots) && slots < 1)
    return emitError() << "kv_cache slots must be ? or >= 1, got " << slots;
  if (ShapedType::isDynamic(headDim) || headDim < 1)
    return emitError() << "kv_cache needs a static head_dim >= 1";
  if (!isa<Float32Type, Float16Type, BFloat16Type>(elementType))
    return emitError() << "kv_cache holds f32, f16 or bf16 values, got "
                       << elementType;
  return success();
}

int64_t KVCacheType::getBytesFor(int64_t tokens) const {
  int64_t elementBytes = getElementType().getIntOrFloatBitWidth() / 8;
  return 2 /*keys and values*/ * getEntries() * tokens * getHeadDim() * elementBytes;
}
