//===- TfmBuilderTest.cpp - building tfm IR from C++ ----------------------===//
//
// Builds a small decoder block with the C++ builders an importer uses, checks
// that it verifies, that the verifier rejects what it must with a message in
// the user's terms, and that the cost model counts it exactly.
//
//===----------------------------------------------------------------------===//

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/CostModel.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace sinkc::tfm;

namespace {

class TfmBuilderTest : public ::testing::Test {
protected:
  TfmBuilderTest() : builder(&context), loc(builder.getUnknownLoc()) {
    context.loadDialect<TfmDialect, func::FuncDialect>();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
  }

  RankedTensorType activation(int64_t features) {
    return RankedTensorType::get({1, ShapedType::kDynamic, features},
                                 builder.getF32Type());
  }

  /// Declares `name` as a whole tensor of `file` and returns a use of it.
  Value weight(StringRef name, RankedTensorType type) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(module->getBody());
    auto source = WeightSourceAttr::get(&context, "model.gguf", name, nextOffset, type);
    nextOffset += 4096;
    WeightOp::create(builder, loc, name, type, source, ArrayAttr());
    return Value();
  }

  Value use(OpBuilder &b, StringRef name, RankedTensorType type) {
    weight(name, type);
    return WeightRefOp::create(b, loc, type, FlatSymbolRefAttr::get(&context, name));
  }

  /// Collects diagnostics of a failed verification into one string.
  std::string verifyErrors() {
    std::string messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      messages += diag.str() + "\n";
      return success();
    });
    (void)mlir::verify(*module);
    return messages;
  }

  /// Builds func @block(x, pos, full cache, streaming cache) with one layer:
  /// rms_norm -> q/k/v linear -> rope -> attention (kv-head 0 full, kv-head 1
  /// streaming<4, 28>) -> residual add.
  AttentionOp buildBlock(int64_t numHeads = 4) {
    const int64_t hidden = 64, headDim = 16, kvHeads = 2;
    auto fullCache = KVCacheType::get(&context, 1, ShapedType::kDynamic, headDim,
                                      builder.getF16Type());
    auto ringCache = KVCacheType::get(&context, 1, 32, headDim, builder.getF16Type());
    auto fnType = builder.getFunctionType(
        {activation(hidden), builder.getIndexType(), fullCache, ringCache},
        {activation(hidden)});
    auto fn = func::FuncOp::create(builder, loc, "block", fnType);
    Block *entry = fn.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockEnd(entry);
    Value x = entry->getArgument(0), pos = entry->getArgument(1);

    auto layer = LayerOp::create(b, loc, /*index=*/0, x);
    OpBuilder body = OpBuilder::atBlockEnd(&layer.getBody().front());
    Value h = layer.getBody().getArgument(0);
    auto f32 = builder.getF32Type();
    auto q41 = GgufQuantAttr::get(&context, GgufFormat::Q4_1);
    Value norm = RMSNormOp::create(body, loc, h, use(body, "attn_norm",
                                   RankedTensorType::get({hidden}, f32)),
                                   builder.getF64FloatAttr(1e-5));
    auto project = [&](StringRef name, int64_t rows) -> Value {
      auto type = RankedTensorType::get({rows, hidden}, f32, q41);
      return LinearOp::create(body, loc, activation(rows), norm,
                              use(body, name, type), Value());
    };
    Value q = project("attn_q", numHeads * headDim);
    Value k = project("attn_k", kvHeads * headDim);
    Value v = project("attn_v", kvHeads * headDim);
    auto rope = [&](Value t) -> Value {
      return RopeOp::create(body, loc, t, pos, /*freqFactors=*/Value(), RopeStyle::Neox, headDim, llvm::APFloat(10000.0),
                            RopeScalingAttr());
    };
    SmallVector<Attribute> policies = {
        FullPolicyAttr::get(&context), StreamingPolicyAttr::get(&context, 4, 28)};
    auto attention = AttentionOp::create(
        body, loc, rope(q), rope(k), v, pos, numHeads, kvHeads, headDim,
        ValueRange{entry->getArgument(2), entry->getArgument(3)}, policies,
        /*kvBuffer=*/{0, 1}, /*kvEntry=*/{0, 0});
    Value out = AddOp::create(body, loc, h, attention.getResult());
    YieldOp::create(body, loc, out);
    func::ReturnOp::create(b, loc, layer.getResult());
    return attention;
  }

  MLIRContext context;
  OpBuilder builder;
  Location loc;
  OwningOpRef<ModuleOp> module;
  int64_t nextOffset = 0;
};

TEST_F(TfmBuilderTest, BuiltBlockVerifiesAndRoundTrips) {
  AttentionOp attention = buildBlock();
  ASSERT_TRUE(succeeded(mlir::verify(*module))) << verifyErrors();
  EXPECT_DOUBLE_EQ(attention.getScale().convertToDouble(), 0.25); // 1/sqrt(16)
  EXPECT_TRUE(attention.getCausal());
  EXPECT_TRUE(isa<FullPolicyAttr>(attention.getPolicy(0)));
  auto streaming = dyn_cast<StreamingPolicyAttr>(attention.getPolicy(1));
  ASSERT_TRUE(streaming);
  EXPECT_EQ(streaming.getSinks(), 4);
  EXPECT_EQ(streaming.getWindow(), 28);

  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  EXPECT_NE(text.find("policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 28>]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("tensor<64x64xf32, #tfm.gguf<q4_1>>"), std::string::npos);
}

TEST_F(TfmBuilderTest, VerifierNamesHeadMismatch) {
  buildBlock(/*numHeads=*/3); // 3 query heads over 2 kv-heads
  std::string errors = verifyErrors();
  EXPECT_NE(errors.find("expects num_heads (3) to be a multiple of num_kv_heads (2)"),
            std::string::npos)
      << errors;
}

TEST_F(TfmBuilderTest, CostModelCountsTheBlock) {
  buildBlock();
  ASSERT_TRUE(succeeded(mlir::verify(*module)));
  sinkc::CostOptions options;
  options.prefillTokens = 8;
  options.context = 100;
  sinkc::ModelCost cost = sinkc::computeModelCost(*module, options);
  ASSERT_EQ(cost.layers.size(), 1u);
  const sinkc::Cost &layer = cost.layers.at(0);
  // Norm 64 + q 64x64 + k 32x64 + v 32x64.
  EXPECT_EQ(layer.parameters, 64 + 4096 + 2048 + 2048);
  // Q4_1: 20 bytes per 32 values; the norm is f32.
  EXPECT_EQ(layer.weightBytesByEncoding.at("q4_1"), 8192 / 32 * 20);
  EXPECT_EQ(layer.weightBytesByEncoding.at("f32"), 64 * 4);
  // KV at context 100 (f16): full head 100 positions, streaming head 32.
  EXPECT_EQ(layer.kvBytes, 2 * 16 * 2 * (100 + 32));
  EXPECT_EQ(layer.fullKvHeads, 1);
  EXPECT_EQ(layer.streamingKvHeads, 1);
  // Decode at context 100: matmuls 2 x 8192; attention: 2 q-heads per
  // kv-head x 4 x 16 x (100 + 32) keys; rope 3 x (64 + 32); norm 4 x 64;
  // add 64.
  EXPECT_EQ(layer.decodeFlops,
            2 * 8192 + 2 * 4 * 16 * (100 + 32) + 3 * 96 + 4 * 64 + 64);
  EXPECT_EQ(cost.total.parameters, layer.parameters);
}

TEST_F(TfmBuilderTest, CanonicalizationTurnsAllFullPoliciesIntoNone) {
  AttentionOp attention = buildBlock();
  SmallVector<Attribute> allFull(2, FullPolicyAttr::get(&context));
  attention.setPoliciesAttr(builder.getArrayAttr(allFull));
  // Two kv-heads may not share one cache entry.
  attention.setKvBufferAttr(builder.getDenseI64ArrayAttr({0, 0}));
  EXPECT_NE(verifyErrors().find("kv-heads share cache 0 entry 0"), std::string::npos);
  // Head 1 stays in cache 1: 32 static slots are valid for a full head since
  // the module declares no model context that they would fall short of.
  attention.setKvBufferAttr(builder.getDenseI64ArrayAttr({0, 1}));
  ASSERT_TRUE(succeeded(mlir::verify(*module))) << verifyErrors();
  RewritePatternSet patterns(&context);
  AttentionOp::getCanonicalizationPatterns(patterns, &context);
  ASSERT_TRUE(succeeded(applyPatternsGreedily(*module, std::move(patterns))));
  EXPECT_FALSE(attention.getPolicies().has_value());
  EXPECT_TRUE(isa<FullPolicyAttr>(attention.getPolicy(1)));
}

TEST(TfmAttrTest, GgufBlockSizesMatchLlamaCpp) {
  MLIRContext context;
  context.loadDialect<TfmDialect>();
  struct Expected {
    GgufFormat format;
    int64_t blockSize, blockBytes;
  };
  // ggml-common.h: sizeof(block_q4_0) = 18, q4_1 20, q5_0 22, q5_1 24,
  // q8_0 34, q4_K 144, q6_K 210.
  for (Expected e : {Expected{GgufFormat::Q4_0, 32, 18}, {GgufFormat::Q4_1, 32, 20},
                     {GgufFormat::Q5_0, 32, 22}, {GgufFormat::Q5_1, 32, 24},
                     {GgufFormat::Q8_0, 32, 34}, {GgufFormat::Q4_K, 256, 144},
                     {GgufFormat::Q6_K, 256, 210}}) {
    auto attr = GgufQuantAttr::get(&context, e.format);
    EXPECT_EQ(attr.getBlockSize(), e.blockSize) << attr.getFormatName();
    EXPECT_EQ(attr.getBlockBytes(), e.blockBytes) << attr.getFormatName();
  }
}

TEST(TfmAttrTest, GroupFormatsCountScalesAndMinimums) {
  MLIRContext context;
  context.loadDialect<TfmDialect>();
  Builder b(&context);
  auto i4asym = GroupQuantAttr::get(&context, GroupBits::Int4, int64_t(64), GroupMode::Asymmetric,
                                    Type(b.getF16Type()));
  EXPECT_EQ(i4asym.getBlockBytes(), 32 + 2 + 2); // 64 nibbles, f16 scale + min
  EXPECT_EQ(i4asym.getFormatName(), "i4g64a_f16");
  auto i8sym = GroupQuantAttr::get(&context, GroupBits::Int8, int64_t(128), GroupMode::Symmetric,
                                   Type(b.getF32Type()));
  EXPECT_EQ(i8sym.getBlockBytes(), 128 + 4);
  // Group 48 is not a supported size.
  std::string message;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  auto bad = GroupQuantAttr::getChecked(
      [&] { return emitError(UnknownLoc::get(&context)); }, &context, GroupBits::Int4,
      int64_t(48), GroupMode::Symmetric, Type(b.getF16Type()));
  EXPECT_FALSE(bad);
  EXPECT_NE(message.find("group size must be 32, 64 or 128, got 48"), std::string::npos);
}

TEST(TfmAttrTest, PoliciesBoundTheCache) {
  MLIRContext context;
  context.loadDialect<TfmDialect>();
  HeadPolicyAttrInterface full = FullPolicyAttr::get(&context);
  HeadPolicyAttrInterface streaming = StreamingPolicyAttr::get(&context, 4, 252);
  HeadPolicyAttrInterface pruned = PrunedPolicyAttr::get(&context);
  EXPECT_EQ(full.getCachedTokens(4096), 4096);
  EXPECT_EQ(streaming.getCachedTokens(100), 100);
  EXPECT_EQ(streaming.getCachedTokens(4096), 256);
  EXPECT_EQ(pruned.getCachedTokens(4096), 0);
  EXPECT_TRUE(ShapedType::isDynamic(full.getSlotCapacity()));
  EXPECT_EQ(streaming.getSlotCapacity(), 256);
}

// Checks the parser cannot reach: C++ can build attributes whose text would
// not parse back, so their verifiers reject them.
TEST(TfmAttrTest, UnprintableAttributesAreRejected) {
  MLIRContext context;
  context.loadDialect<TfmDialect>();
  std::vector<std::string> messages;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    messages.push_back(d.str());
    return success();
  });
  auto emit = [&] { return emitError(UnknownLoc::get(&context)); };
  EXPECT_FALSE(TransposeAttr::getChecked(emit, &context, ArrayRef<int64_t>{}));
  EXPECT_FALSE(ReshapeAttr::getChecked(emit, &context, ArrayRef<int64_t>{}));
  EXPECT_FALSE(RepackAttr::getChecked(emit, &context, ArrayRef<int64_t>{}));
  EXPECT_FALSE(HeadStatsAttr::getChecked(emit, &context, int64_t(16), DenseF64ArrayAttr(),
                                         DenseF64ArrayAttr(), DenseF64ArrayAttr()));
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0], "transpose needs a permutation");
  EXPECT_EQ(messages[1], "reshape needs at least one dimension");
  EXPECT_EQ(messages[2], "repack needs tile sizes");
  EXPECT_EQ(messages[3], "head statistics need all three lists (possibly empty)");
  // The convenience builder fills empty lists, which is valid.
  auto stats = HeadStatsAttr::get(&context, int64_t(16), ArrayRef<double>{0.5, 0.25},
                                  ArrayRef<double>{}, ArrayRef<double>{});
  EXPECT_EQ(stats.getNumHeads(), 2);
}

TEST(TfmTypeTest, KVCacheBytes) {
  MLIRContext context;
  context.loadDialect<TfmDialect>();
  Builder b(&context);
  auto cache = KVCacheType::get(&context, 90, ShapedType::kDynamic, 64, b.getF16Type());
  EXPECT_TRUE(cache.hasDynamicSlots());
  EXPECT_EQ(cache.getBytesFor(4096), 94371840); // SmolLM2-135M at 4K, f16
}

} // namespace
