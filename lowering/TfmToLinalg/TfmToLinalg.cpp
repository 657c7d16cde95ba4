//===- TfmToLinalg.cpp - the --convert-tfm-to-linalg pass -----------------===//
//
// tfm ops on unencoded tensors become linalg.generic ops on tensors. Every
// value is computed in f32; narrower weights are extended as they are read.
// Ops on quantized tensors are left for the microkernel lowering.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Passes/Passes.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace sinkc {
#define GEN_PASS_DEF_CONVERTTFMTOLINALGPASS
#include "sinkc/Passes/Passes.h.inc"
} // namespace sinkc

using namespace mlir;
using namespace sinkc::tfm;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

bool isPlain(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && !type.getEncoding();
}

/// tensor.empty of `type` whose dynamic sizes are those of `like` (same rank
/// and same dynamic positions for the leading dimensions used).
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type, Value like) {
  SmallVector<Value> dynamic;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d))
      dynamic.push_back(tensor::DimOp::create(b, loc, like, d));
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(), dynamic);
}

Value toF32(OpBuilder &b, Location loc, Value v) {
  Type f32 = b.getF32Type();
  if (v.getType() == f32)
    return v;
  return arith::ExtFOp::create(b, loc, f32, v);
}

Value f32Constant(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(static_cast<float>(value)));
}

SmallVector<utils::IteratorType> parallel(unsigned n) {
  return SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel);
}

/// An elementwise generic over the 3-D activation `like` producing `type`.
linalg::GenericOp elementwise(PatternRewriter &rewriter, Location loc, RankedTensorType type,
                              ValueRange inputs, Value like,
                              function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *ctx = rewriter.getContext();
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps(inputs.size() + 1, AffineMap::getMultiDimIdentityMap(rank, ctx));
  return linalg::GenericOp::create(
      rewriter, loc, type, inputs, emptyTensor(rewriter, loc, type, like), maps,
      parallel(rank), [&](OpBuilder &b, Location l, ValueRange args) {
        linalg::YieldOp::create(b, l, body(b, l, args.drop_back()));
      });
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

struct AddLowering : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op, PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    auto generic = elementwise(rewriter, op.getLoc(), type, {op.getLhs(), op.getRhs()},
                               op.getLhs(), [](OpBuilder &b, Location l, ValueRange a) {
                                 return arith::AddFOp::create(b, l, a[0], a[1]).getResult();
                               });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// silu(g) * u = g / (1 + exp(-g)) * u
struct SwiGLULowering : OpRewritePattern<SwiGLUOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SwiGLUOp op, PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    auto generic = elementwise(
        rewriter, op.getLoc(), type, {op.getGate(), op.getUp()}, op.getGate(),
        [](OpBuilder &b, Location l, ValueRange a) {
          Value neg = arith::NegFOp::create(b, l, a[0]);
          Value e = math::ExpOp::create(b, l, neg);
          Value denom = arith::AddFOp::create(b, l, f32Constant(b, l, 1.0), e);
          Value silu = arith::DivFOp::create(b, l, a[0], denom);
          return arith::MulFOp::create(b, l, silu, a[1]).getResult();
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

struct GeluLowering : OpRewritePattern<GeluOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GeluOp op, PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    bool tanhForm = op.getApproximation() == GeluApproximation::Tanh;
    auto generic = elementwise(
        rewriter, op.getLoc(), type, {op.getInput()}, op.getInput(),
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value x = a[0];
          Value half = arith::MulFOp::create(b, l, f32Constant(b, l, 0.5), x);
          Value inner;
          if (tanhForm) { // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
            Value x3 = arith::MulFOp::create(b, l, x, arith::MulFOp::create(b, l, x, x));
            Value poly = arith::AddFOp::create(
                b, l, x, arith::MulFOp::create(b, l, f32Constant(b, l, 0.044715), x3));
            inner = math::TanhOp::create(
                b, l, arith::MulFOp::create(b, l, f32Constant(b, l, std::sqrt(2.0 / M_PI)), poly));
          } else { // 0.5 x (1 + erf(x / sqrt 2))
            inner = math::ErfOp::create(
                b, l, arith::MulFOp::create(b, l, f32Constant(b, l, M_SQRT1_2), x));
          }
          Value onePlus = arith::AddFOp::create(b, l, f32Constant(b, l, 1.0), inner);
          return arith::MulFOp::create(b, l, half, onePlus).getResult();
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Normalization: a reduction over features, then the scaled output
//===----------------------------------------------------------------------===//

/// sum over the last dimension of f(x) as a [1, tokens] f32 tensor.
Value reduceFeatures(PatternRewriter &rewriter, Location loc, Value x,
                     function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *ctx = rewriter.getContext();
  auto xType = cast<RankedTensorType>(x.getType());
  auto accType = RankedTensorType::get(xType.getShape().drop_back(), rewriter.getF32Type());
  Value init = linalg::FillOp::create(rewriter, loc, f32Constant(rewriter, loc, 0.0),
                                      emptyTensor(rewriter, loc, accType, x))
                   .getResult(0);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(3, ctx);
  AffineMap dropLast = AffineMap::get(3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
  return linalg::GenericOp::create(
             rewriter, loc, accType, x, init, ArrayRef<AffineMap>{identity, dropLast},
             {utils::IteratorType::parallel, utils::IteratorType::parallel,
              utils::IteratorType::reduction},
             [&](OpBuilder &b, Location l, ValueRange a) {
               linalg::YieldOp::create(b, l, combine(b, l, toF32(b, l, a[0]), a[1]));
             })
      .getResult(0);
}

/// Per token: the scale rsqrt(var + eps) and, with `sum`, the mean, as
/// [1, tokens] tensors. Computed once per row here rather than per element
/// of the output (two divisions and a square root each, which LLVM cannot
/// hoist out of the loop over features).
std::pair<Value, Value> rowStatistics(PatternRewriter &rewriter, Location loc, Value sum,
                                      Value sumSquares, double eps, int64_t features) {
  MLIRContext *ctx = rewriter.getContext();
  auto rowType = cast<RankedTensorType>(sumSquares.getType());
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, ctx);
  // In place over the sums (outs, read through the block arguments): the
  // statistics take no more scratch than the sums did.
  SmallVector<Value> inits = {sumSquares};
  if (sum)
    inits.push_back(sum);
  SmallVector<Type> results(inits.size(), rowType);
  auto stats = linalg::GenericOp::create(
      rewriter, loc, results, ValueRange{}, inits,
      SmallVector<AffineMap>(inits.size(), identity), parallel(2),
      [&](OpBuilder &b, Location l, ValueRange a) {
        Value n = f32Constant(b, l, static_cast<double>(features));
        Value variance = arith::DivFOp::create(b, l, a[0], n); // E[x^2]
        Value mean;
        if (sum) { // var = E[x^2] - E[x]^2
          mean = arith::DivFOp::create(b, l, a[1], n);
          variance = arith::SubFOp::create(b, l, variance, arith::MulFOp::create(b, l, mean, mean));
        }
        Value scale = math::RsqrtOp::create(
            b, l, arith::AddFOp::create(b, l, variance, f32Constant(b, l, eps)));
        SmallVector<Value> yielded = {scale};
        if (sum)
          yielded.push_back(mean);
        linalg::YieldOp::create(b, l, yielded);
      });
  return {stats.getResult(0), sum ? stats.getResult(1) : Value()};
}

/// out = (x - mean?) * rsqrt(var + eps) * w (+ b).
Value normalize(PatternRewriter &rewriter, Location loc, RankedTensorType type, Value x,
                Value sum, Value sumSquares, Value weight, Value bias, double eps,
                int64_t features) {
  MLIRContext *ctx = rewriter.getContext();
  auto [scale, mean] = rowStatistics(rewriter, loc, sum, sumSquares, eps, features);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(3, ctx);
  AffineMap perToken = AffineMap::get(3, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)}, ctx);
  AffineMap perFeature = AffineMap::get(3, 0, {getAffineDimExpr(2, ctx)}, ctx);
  SmallVector<Value> inputs = {x, scale, weight};
  SmallVector<AffineMap> maps = {identity, perToken, perFeature};
  if (mean) {
    inputs.push_back(mean);
    maps.push_back(perToken);
  }
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(perFeature);
  }
  maps.push_back(identity);
  return linalg::GenericOp::create(
             rewriter, loc, type, inputs, emptyTensor(rewriter, loc, type, x), maps,
             parallel(3),
             [&](OpBuilder &b, Location l, ValueRange a) {
               Value v = toF32(b, l, a[0]);
               size_t next = 3;
               if (mean)
                 v = arith::SubFOp::create(b, l, v, a[next++]);
               Value out = arith::MulFOp::create(b, l, arith::MulFOp::create(b, l, v, a[1]),
                                                 toF32(b, l, a[2]));
               if (bias)
                 out = arith::AddFOp::create(b, l, out, toF32(b, l, a[next]));
               linalg::YieldOp::create(b, l, out);
             })
      .getResult(0);
}

struct RMSNormLowering : OpRewritePattern<RMSNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RMSNormOp op, PatternRewriter &rewriter) const override {
    if (!isPlain(op.getWeight()))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value sumSquares = reduceFeatures(rewriter, loc, op.getInput(),
                                      [](OpBuilder &b, Location l, Value x, Value acc) {
                                        return arith::AddFOp::create(
                                            b, l, acc, arith::MulFOp::create(b, l, x, x));
                                      });
    rewriter.replaceOp(op, normalize(rewriter, loc, type, op.getInput(), Value(), sumSquares,
                                     op.getWeight(), Value(),
                                     op.getEpsilon().convertToDouble(), type.getDimSize(2)));
    return success();
  }
};

struct LayerNormLowering : OpRewritePattern<LayerNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LayerNormOp op, PatternRewriter &rewriter) const override {
    if (!isPlain(op.getWeight()) || !isPlain(op.getBias()))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value sum = reduceFeatures(rewriter, loc, op.getInput(),
                               [](OpBuilder &b, Location l, Value x, Value acc) {
                                 return arith::AddFOp::create(b, l, acc, x).getResult();
                               });
    Value sumSquares = reduceFeatures(rewriter, loc, op.getInput(),
                                      [](OpBuilder &b, Location l, Value x, Value acc) {
                                        return arith::AddFOp::create(
                                            b, l, acc, arith::MulFOp::create(b, l, x, x));
                                      });
    rewriter.replaceOp(op, normalize(rewriter, loc, type, op.getInput(), sum, sumSquares,
                                     op.getWeight(), op.getBias(),
                                     op.getEpsilon().convertToDouble(), type.getDimSize(2)));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// RoPE: each output value reads its rotation partner with tensor.extract
//===----------------------------------------------------------------------===//

struct RopeLowering : OpRewritePattern<RopeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RopeOp op, PatternRewriter &rewriter) const override {
    std::optional<RopeScalingAttr> scaling = op.getScaling();
    if (scaling && scaling->getKind() != RopeScalingKind::Linear)
      return failure(); // llama3 / yarn: not yet
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t headDim = op.getHeadDim(), half = headDim / 2;
    bool neox = op.getStyle() == RopeStyle::Neox;
    double theta = op.getTheta().convertToDouble();
    double positionScale = scaling ? 1.0 / scaling->getFactor().convertToDouble() : 1.0;
    Value input = op.getInput(), position = op.getPosition(), factors = op.getFreqFactors();
    // theta^(-2j/D) per pair j: a constant table (computed in double, rounded
    // once) instead of a powf call per element and token.
    SmallVector<float> frequencies;
    for (int64_t j = 0; j < half; ++j)
      frequencies.push_back(float(std::pow(theta, -2.0 * double(j) / double(headDim))));
    Value freqTable = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(RankedTensorType::get({half}, rewriter.getF32Type()),
                               ArrayRef<float>(frequencies)));
    // cos and sin of each (token, pair) once, in a [1, T, D/2] table each:
    // every head of q and k shares them.
    Type f32 = rewriter.getF32Type();
    auto angleType = RankedTensorType::get({type.getDimSize(0), type.getDimSize(1), half}, f32);
    auto angles = linalg::GenericOp::create(
        rewriter, loc, TypeRange{angleType, angleType}, ValueRange{},
        ValueRange{emptyTensor(rewriter, loc, angleType, input),
                   emptyTensor(rewriter, loc, angleType, input)},
        SmallVector<AffineMap>(2, AffineMap::getMultiDimIdentityMap(3, rewriter.getContext())),
        parallel(3), [&](OpBuilder &b, Location l, ValueRange) {
          Value t = linalg::IndexOp::create(b, l, 1);
          Value j = linalg::IndexOp::create(b, l, 2);
          // freq = theta^(-2j/D) [/ factor_j]; angle = (position + t) * scale * freq.
          Value freq = tensor::ExtractOp::create(b, l, freqTable, ValueRange{j});
          if (factors)
            freq = arith::DivFOp::create(
                b, l, freq, toF32(b, l, tensor::ExtractOp::create(b, l, factors, ValueRange{j})));
          Value pos = arith::AddIOp::create(b, l, position, t);
          Value posF = arith::UIToFPOp::create(
              b, l, f32, arith::IndexCastUIOp::create(b, l, b.getI64Type(), pos));
          Value angle = arith::MulFOp::create(
              b, l, arith::MulFOp::create(b, l, posF, f32Constant(b, l, positionScale)), freq);
          linalg::YieldOp::create(b, l, ValueRange{math::CosOp::create(b, l, angle),
                                                   math::SinOp::create(b, l, angle)});
        });
    Value cosTable = angles.getResult(0), sinTable = angles.getResult(1);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, ValueRange{}, emptyTensor(rewriter, loc, type, input),
        ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(3, rewriter.getContext())},
        parallel(3), [&](OpBuilder &b, Location l, ValueRange) {
          Value bIdx = linalg::IndexOp::create(b, l, 0);
          Value t = linalg::IndexOp::create(b, l, 1);
          Value f = linalg::IndexOp::create(b, l, 2);
          auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, l, v).getResult(); };
          Value i = arith::RemUIOp::create(b, l, f, c(headDim)); // index within the head
          Value headBase = arith::SubIOp::create(b, l, f, i);
          // Pair index j and partner index within the head.
          Value j, partner, isFirst;
          if (neox) {
            isFirst = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, i, c(half));
            j = arith::SelectOp::create(b, l, isFirst, i, arith::SubIOp::create(b, l, i, c(half)));
            partner = arith::SelectOp::create(b, l, isFirst, arith::AddIOp::create(b, l, i, c(half)),
                                              arith::SubIOp::create(b, l, i, c(half)));
          } else {
            Value odd = arith::RemUIOp::create(b, l, i, c(2));
            isFirst = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, odd, c(0));
            j = arith::DivUIOp::create(b, l, i, c(2));
            partner = arith::SelectOp::create(b, l, isFirst, arith::AddIOp::create(b, l, i, c(1)),
                                              arith::SubIOp::create(b, l, i, c(1)));
          }
          Value cosA = tensor::ExtractOp::create(b, l, cosTable, ValueRange{bIdx, t, j});
          Value sinA = tensor::ExtractOp::create(b, l, sinTable, ValueRange{bIdx, t, j});
          Value x = toF32(b, l, tensor::ExtractOp::create(b, l, input, ValueRange{bIdx, t, f}));
          Value other = toF32(b, l, tensor::ExtractOp::create(
                                        b, l, input,
                                        ValueRange{bIdx, t, arith::AddIOp::create(b, l, headBase, partner)}));
          // First of a pair: x cos - other sin; second: x cos + other sin.
          Value sinTerm = arith::MulFOp::create(b, l, other, sinA);
          Value signed_ = arith::SelectOp::create(b, l, isFirst, arith::NegFOp::create(b, l, sinTerm), sinTerm);
          Value out = arith::AddFOp::create(b, l, arith::MulFOp::create(b, l, x, cosA), signed_);
          linalg::YieldOp::create(b, l, out);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Embedding and linear with unencoded weights
//===----------------------------------------------------------------------===//

struct EmbeddingLowering : OpRewritePattern<EmbeddingOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EmbeddingOp op, PatternRewriter &rewriter) const override {
    if (!isPlain(op.getTable()))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value table = op.getTable(), tokens = op.getTokens();
    Value like = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<int64_t>{1, ShapedType::kDynamic, 1}, rewriter.getF32Type(),
        ValueRange{tensor::DimOp::create(rewriter, loc, tokens, 1)});
    auto generic = linalg::GenericOp::create(
        rewriter, loc, type, ValueRange{}, emptyTensor(rewriter, loc, type, like),
        ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(3, rewriter.getContext())},
        parallel(3), [&](OpBuilder &b, Location l, ValueRange) {
          Value bIdx = linalg::IndexOp::create(b, l, 0);
          Value t = linalg::IndexOp::create(b, l, 1);
          Value f = linalg::IndexOp::create(b, l, 2);
          Value id = tensor::ExtractOp::create(b, l, tokens, ValueRange{bIdx, t});
          Value row = arith::IndexCastOp::create(b, l, b.getIndexType(), id);
          Value v = tensor::ExtractOp::create(b, l, table, ValueRange{row, f});
          linalg::YieldOp::create(b, l, type.getElementType().isF32() ? toF32(b, l, v) : v);
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// x [1, t, k] times w [n, k] transposed, in f32: a generic reducing over k.
Value matmulTransposed(PatternRewriter &rewriter, Location loc, RankedTensorType type,
                       Value input, Value weight) {
  MLIRContext *ctx = rewriter.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  // Dimensions: b, t, n, k.
  AffineMap xMap = AffineMap::get(4, 0, {d(0), d(1), d(3)}, ctx);
  AffineMap wMap = AffineMap::get(4, 0, {d(2), d(3)}, ctx);
  AffineMap outMap = AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx);
  Value init = linalg::FillOp::create(rewriter, loc, f32Constant(rewriter, loc, 0.0),
                                      emptyTensor(rewriter, loc, type, input))
                   .getResult(0);
  return linalg::GenericOp::create(
             rewriter, loc, type, ValueRange{input, weight}, init,
             ArrayRef<AffineMap>{xMap, wMap, outMap},
             {utils::IteratorType::parallel, utils::IteratorType::parallel,
              utils::IteratorType::parallel, utils::IteratorType::reduction},
             [](OpBuilder &b, Location l, ValueRange a) {
               Value mul = arith::MulFOp::create(b, l, toF32(b, l, a[0]), toF32(b, l, a[1]));
               linalg::YieldOp::create(b, l, arith::AddFOp::create(b, l, a[2], mul).getResult());
             })
      .getResult(0);
}

/// Logits x . table^T, capped to c * tanh(logits / c) with a softcap c.
struct LMHeadLowering : OpRewritePattern<LMHeadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LMHeadOp op, PatternRewriter &rewriter) const override {
    if (!isPlain(op.getWeight()))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value logits = matmulTransposed(rewriter, loc, type, op.getInput(), op.getWeight());
    if (std::optional<APFloat> softcap = op.getSoftcap()) {
      double c = softcap->convertToDouble();
      logits = elementwise(rewriter, loc, type, {logits}, logits,
                           [&](OpBuilder &b, Location l, ValueRange a) {
                             Value scaled = arith::DivFOp::create(b, l, a[0], f32Constant(b, l, c));
                             Value t = math::TanhOp::create(b, l, scaled);
                             return arith::MulFOp::create(b, l, t, f32Constant(b, l, c)).getResult();
                           })
                   .getResult(0);
    }
    rewriter.replaceOp(op, logits);
    return success();
  }
};

/// out[b, t, n] = sum_k x[b, t, k] * w[n, k] (+ bias[n]), in f32.
struct LinearLowering : OpRewritePattern<LinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LinearOp op, PatternRewriter &rewriter) const override {
    if (!isPlain(op.getWeight()) || (op.getBias() && !isPlain(op.getBias())))
      return failure();
    MLIRContext *ctx = rewriter.getContext();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    Value product = matmulTransposed(rewriter, loc, type, op.getInput(), op.getWeight());
    if (Value bias = op.getBias()) {
      AffineMap identity = AffineMap::getMultiDimIdentityMap(3, ctx);
      AffineMap perFeature = AffineMap::get(3, 0, {d(2)}, ctx);
      product = linalg::GenericOp::create(
                    rewriter, loc, type, ValueRange{product, bias},
                    emptyTensor(rewriter, loc, type, product),
                    ArrayRef<AffineMap>{identity, perFeature, identity}, parallel(3),
                    [](OpBuilder &b, Location l, ValueRange a) {
                      linalg::YieldOp::create(
                          b, l, arith::AddFOp::create(b, l, a[0], toF32(b, l, a[1])).getResult());
                    })
                    .getResult(0);
    }
    rewriter.replaceOp(op, product);
    return success();
  }
};

struct ConvertTfmToLinalgPass
    : sinkc::impl::ConvertTfmToLinalgPassBase<ConvertTfmToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AddLowering, SwiGLULowering, GeluLowering, RMSNormLowering,
                 LayerNormLowering, RopeLowering, EmbeddingLowering, LinearLowering,
                 LMHeadLowering>(
        &getContext());
    GreedyRewriteConfig config;
    config.enableFolding(false);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      return signalPassFailure();
  }
};

} // namespace
