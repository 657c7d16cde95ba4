//===- TfmToLinalgNumericsTest.cpp - lowered tfm ops compute the right values ===//
//
// A small tfm block (rms_norm -> linear with f16 weights -> neox rope ->
// swiglu) goes through convert-tfm-to-linalg, bufferization and the LLVM
// lowering, is compiled to a shared object by the codegen library, and is
// called on random inputs; the result must match a scalar C++ reference.
//
//===----------------------------------------------------------------------===//

#include "CodegenTestUtil.h"

#include "sinkc/Dialect/Tfm/TfmDialect.h"
#include "sinkc/Passes/Registry.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

using namespace mlir;

namespace {

constexpr int64_t kTokens = 3, kHidden = 8, kOut = 8, kHeadDim = 4;

constexpr const char *kBlock = R"mlir(
func.func @block(%x: tensor<1x?x8xf32>, %w: tensor<8xf32>, %m: tensor<8x8xf16>, %pos: index)
    -> tensor<1x?x8xf32> attributes {llvm.emit_c_interface} {
  %n = tfm.rms_norm %x, %w {epsilon = 1.0e-5} : tensor<1x?x8xf32>, tensor<8xf32>
  %l = tfm.linear %n, %m : tensor<1x?x8xf32>, tensor<8x8xf16> -> tensor<1x?x8xf32>
  %r = tfm.rope %l at %pos style = neox {head_dim = 4, theta = 10000.0} : tensor<1x?x8xf32>
  %s = tfm.swiglu %r, %l : tensor<1x?x8xf32>
  return %s : tensor<1x?x8xf32>
}
)mlir";

template <int Rank> struct MemRef {
  float *allocated, *aligned;
  int64_t offset, sizes[Rank], strides[Rank];
};
struct MemRefF16 {
  uint16_t *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
};

uint16_t toHalf(float f) { // exact for the values used (multiples of 1/64 in [-2, 2])
  _Float16 h = static_cast<_Float16>(f);
  uint16_t bits;
  std::memcpy(&bits, &h, 2);
  return bits;
}

/// The block computed the obvious way, in double.
std::vector<double> reference(const std::vector<float> &x, const std::vector<float> &w,
                              const std::vector<float> &m, int64_t pos) {
  std::vector<double> out(kTokens * kOut);
  for (int64_t t = 0; t < kTokens; ++t) {
    double ss = 0;
    for (int64_t k = 0; k < kHidden; ++k)
      ss += double(x[t * kHidden + k]) * x[t * kHidden + k];
    double scale = 1.0 / std::sqrt(ss / kHidden + 1e-5);
    std::vector<double> n(kHidden), l(kOut), r(kOut);
    for (int64_t k = 0; k < kHidden; ++k)
      n[k] = x[t * kHidden + k] * scale * w[k];
    for (int64_t o = 0; o < kOut; ++o)
      for (int64_t k = 0; k < kHidden; ++k)
        l[o] += n[k] * m[o * kHidden + k];
    for (int64_t head = 0; head < kOut / kHeadDim; ++head)
      for (int64_t i = 0; i < kHeadDim / 2; ++i) {
        double freq = std::pow(10000.0, -2.0 * i / kHeadDim);
        double a = double(pos + t) * freq;
        int64_t p = head * kHeadDim + i, q = p + kHeadDim / 2;
        r[p] = l[p] * std::cos(a) - l[q] * std::sin(a);
        r[q] = l[q] * std::cos(a) + l[p] * std::sin(a);
      }
    for (int64_t o = 0; o < kOut; ++o)
      out[t * kOut + o] = r[o] / (1 + std::exp(-r[o])) * l[o];
  }
  return out;
}

TEST(TfmToLinalgNumerics, NormLinearRopeSwigluMatchReference) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<sinkc::tfm::TfmDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  registerAllPasses();
  sinkc::registerAllPasses();

  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kBlock, &context);
  ASSERT_TRUE(module);
  PassManager pm(&context);
  std::string errors;
  llvm::raw_string_ostream os(errors);
  ASSERT_TRUE(succeeded(parsePassPipeline(
      "convert-tfm-to-linalg,one-shot-bufferize{bufferize-function-boundaries},"
      "convert-linalg-to-loops,convert-scf-to-cf,expand-strided-metadata,lower-affine,"
      "finalize-memref-to-llvm,convert-math-to-llvm,convert-arith-to-llvm,"
      "convert-func-to-llvm,convert-cf-to-llvm,convert-index-to-llvm,"
      "reconcile-unrealized-casts",
      pm, os)))
      << errors;
  ASSERT_TRUE(succeeded(pm.run(*module)));

  sinkc::codegen::testing::TempDir dir;
  std::string so = dir.file("block.so");
  sinkc::codegen::CodegenOptions options;
  options.cpu = "x86-64-v3";
  ASSERT_EQ(sinkc::codegen::testing::errorText(
                sinkc::codegen::compileToSharedObject(*module, options, so)),
            "");
  sinkc::codegen::testing::SharedObject lib(so);
  ASSERT_TRUE(lib.loaded()) << lib.loadError();
  using Fn = void (*)(MemRef<3> *, MemRef<3> *, MemRef<1> *, MemRefF16 *, int64_t);
  auto fn = reinterpret_cast<Fn>(lib.symbol("_mlir_ciface_block"));
  ASSERT_NE(fn, nullptr);

  std::mt19937 rng(7);
  std::uniform_int_distribution<int> q(-128, 128);
  std::vector<float> x(kTokens * kHidden), w(kHidden), m(kOut * kHidden);
  for (float &v : x) v = q(rng) / 64.0f;
  for (float &v : w) v = q(rng) / 64.0f;
  for (float &v : m) v = q(rng) / 64.0f;
  std::vector<uint16_t> mHalf;
  for (float v : m) mHalf.push_back(toHalf(v));

  for (int64_t pos : {0, 5, 1000}) {
    MemRef<3> xIn{x.data(), x.data(), 0, {1, kTokens, kHidden}, {kTokens * kHidden, kHidden, 1}};
    MemRef<1> wIn{w.data(), w.data(), 0, {kHidden}, {1}};
    MemRefF16 mIn{mHalf.data(), mHalf.data(), 0, {kOut, kHidden}, {kHidden, 1}};
    MemRef<3> result{};
    fn(&result, &xIn, &wIn, &mIn, pos);
    ASSERT_EQ(result.sizes[1], kTokens);
    std::vector<double> expected = reference(x, w, m, pos);
    for (int64_t i = 0; i < kTokens * kOut; ++i) {
      // f32 arithmetic against f64: relative 1e-4 plus a small absolute
      // floor for values near zero (rope angles at position 1000 lose
      // ~1e-4 rad in f32).
      double got = result.aligned[result.offset + i];
      EXPECT_NEAR(got, expected[i], 1e-4 * std::fabs(expected[i]) + 2e-4)
          << "position " << pos << ", element " << i;
    }
    std::free(result.allocated);
  }
}

} // namespace
