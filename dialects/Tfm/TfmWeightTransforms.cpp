//===- TfmWeightTransforms.cpp - type inference of weight transforms ------===//
//
// Each transform of a `tfm.weight` maps the tensor type before it to the
// type after it, or says why it does not fit. The weight op chains them from
// its source type and compares the end result with its declared type.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace sinkc::tfm;

using EmitErrorFn = function_ref<InFlightDiagnostic()>;

/// Builds `shape x element` with `input`'s encoding, running the encoding's
/// own verifier (block alignment of the innermost dimension).
static FailureOr<RankedTensorType> withShape(RankedTensorType input,
                                             ArrayRef<int64_t> shape,
                                             EmitErrorFn emitError) {
  RankedTensorType result = RankedTensorType::getChecked(
      emitError, shape, input.getElementType(), input.getEncoding());
  if (!result)
    return failure();
  return result;
}

static bool isQuantized(RankedTensorType type) {
  return isa_and_nonnull<QuantEncodingAttrInterface>(type.getEncoding());
}

static LogicalResult checkDim(int64_t dim, RankedTensorType input,
                              StringRef what, EmitErrorFn emitError) {
  if (dim < 0 || dim >= input.getRank())
    return emitError() << what << " dim " << dim << " is out of range for "
                       << input << " (rank " << input.getRank() << ")";
  return success();
}

FailureOr<RankedTensorType>
SliceAttr::inferResultType(RankedTensorType input, ArrayRef<RankedTensorType>,
                           EmitErrorFn emitError) const {
  if (failed(checkDim(getDim(), input, "slice", emitError)))
    return failure();
  int64_t extent = input.getDimSize(getDim());
  // Written so that huge offsets cannot wrap around.
  if (getOffset() < 0 || getSize() < 1 || getSize() > extent ||
      getOffset() > extent - getSize())
    return emitError() << "slice [" << getOffset() << ", "
                       << getOffset() + getSize() << ") of dim " << getDim()
                       << " does not fit its size " << extent;
  SmallVector<int64_t> shape(input.getShape());
  shape[getDim()] = getSize();
  if (isQuantized(input) && getDim() == input.getRank() - 1) {
    int64_t block = cast<QuantEncodingAttrInterface>(input.getEncoding()).getBlockSize();
    if (getOffset() % block != 0)
      return emitError() << "slice of quantized blocks must start at a multiple of "
                         << block << ", got " << getOffset();
  }
  return withShape(input, shape, emitError);
}

FailureOr<RankedTensorType>
ConcatAttr::inferResultType(RankedTensorType input, ArrayRef<RankedTensorType> appended,
                            EmitErrorFn emitError) const {
  if (failed(checkDim(getDim(), input, "concat", emitError)))
    return failure();
  SmallVector<int64_t> shape(input.getShape());
  for (RankedTensorType other : appended) {
    if (other.getRank() != input.getRank() ||
        other.getElementType() != input.getElementType() ||
        other.getEncoding() != input.getEncoding())
      return emitError() << "concat of " << other << " onto " << input
                         << ": rank, element type and encoding must match";
    for (int64_t d = 0; d < input.getRank(); ++d)
      if (d != getDim() && other.getDimSize(d) != input.getDimSize(d))
        return emitError() << "concat along dim " << getDim() << " of " << other
                           << " onto " << input << ": dim " << d
                           << " sizes differ";
    shape[getDim()] += other.getDimSize(getDim());
  }
  return withShape(input, shape, emitError);
}

FailureOr<RankedTensorType>
TransposeAttr::inferResultType(RankedTensorType input, ArrayRef<RankedTensorType>,
                               EmitErrorFn emitError) const {
  ArrayRef<int64_t> perm = getPermutation();
  if (static_cast<int64_t>(perm.size()) != input.getRank())
    return emitError() << "transpose permutation has " << perm.size()
                       << " entries for a tensor of rank " << input.getRank();
  SmallVector<bool> used(perm.size(), false);
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= input.getRank() || used[p])
      return emitError() << "transpose [" << perm
                         << "] is not a permutation of 0.." << input.getRank() - 1;
    used[p] = true;
    shape.push_back(input.getDimSize(p));
  }
  if (isQuantized(input) && perm.back() != input.getRank() - 1)
    return emitError() << "transpose would move the innermost dimension of a "
                          "quantized tensor across its blocks; quantize after "
                          "transposing instead";
  return withShape(input, shape, emitError);
}

FailureOr<RankedTensorType>
ReshapeAttr::inferResultType(RankedTensorType input, ArrayRef<RankedTensorType>,
                             EmitErrorFn emitError) const {
  ArrayRef<int64_t> shape = getShape();
  if (shape.empty())
    return emitError() << "reshape needs at least one dimension";
  int64_t count = 1;
  for (int64_t s : shape) {
    std::optional<int64_t> next = llvm::checkedMul(count, s);
    if (s < 1 || !next)
      return emitError() << "reshape sizes must be >= 1 and their product fit "
                            "64 bits, got ["
                         << shape << "]";
    count = *next;
  }
  if (count != input.getNumElements())
    return emitError() << "reshape to [" << shape << "] (" << count
                       << " values) from " << input << " ("
                       << input.getNumElements() << " values)";
  if (isQuantized(input) && (shape.empty() || shape.back() != input.getShape().back()))
    return emitError() << "reshape of a quantized tensor must keep its innermost "
                          "dimension ("
                       << input.getShape().back() << ")";
  return withShape(input, shape, emitError);
}

FailureOr<RankedTensorType>
QuantizeAttr::inferResultType(RankedTensorType input, ArrayRef<RankedTensorType>,
                              EmitErrorFn emitError) const {
  RankedTensorType result = RankedTensorType::getChecked(
      emitError, input.getShape(), input.getElementType(), getEncoding());
  if (!result)
    return failure();
  return result;
}

FailureOr<RankedTensorType>
RepackAttr::inferResultType(RankedTensorType input, ArrayRef<RankedTensorType>,
                            EmitErrorFn emitError) const {
  ArrayRef<int64_t> tile = getTile();
  if (input.getRank() != 2 || tile.size() != 2)
    return emitError() << "repack tiles a matrix: needs a rank-2 weight and two "
                          "tile sizes, got "
                       << input << " and [" << tile << "]";
  for (int d = 0; d < 2; ++d)
    if (tile[d] < 1 || input.getDimSize(d) % tile[d] != 0)
      return emitError() << "repack tile [" << tile << "] does not divide "
                         << input;
  if (auto enc = dyn_cast_or_null<QuantEncodingAttrInterface>(input.getEncoding()))
    if (tile[1] % enc.getBlockSize() != 0)
      return emitError() << "repack of " << enc.getFormatName()
                         << " needs tile columns that are a multiple of its "
                            "block size "
                         << enc.getBlockSize() << ", got " << tile[1];
  return input;
}
