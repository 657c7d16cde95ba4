//===- UkernelFormatsTest.cpp - The issue #5 weight formats ---------------===//
//
// bf16, q4_0, q5_0, q5_1, q4_K and q6_K in every flavour: dot bit for bit
// equal to the scalar reference of sinkc_ukernels.h's summation order over
// the ggml dequantization (fused where the flavour has FMA), and within the
// f64 bound; every dequantized value (the embedding gather, and one-hot dot)
// bit for bit equal to the importer's GGUF dequantizer; GEMV / GEMM bitwise
// equal to dot over padded strides; the embedding against its reference
// and tied to dot by unit vectors. Rows hold zero blocks and extreme scales
// (UkernelTestUtil's randomRow). K-quant blocks built by hand pin the
// layouts independently of ggml's code.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"
#include "sinkc/Importers/GgufTypes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace sinkc::uktest;
namespace gguf = sinkc::gguf;

namespace {

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

void putU16(uint8_t *p, uint16_t v) { std::memcpy(p, &v, 2); }

gguf::TensorType ggufType(Fmt fmt) {
  switch (fmt) {
  case Fmt::F32: return gguf::TensorType::F32;
  case Fmt::F16: return gguf::TensorType::F16;
  case Fmt::Q8_0: return gguf::TensorType::Q8_0;
  case Fmt::Q4_1: return gguf::TensorType::Q4_1;
  case Fmt::BF16: return gguf::TensorType::BF16;
  case Fmt::Q4_0: return gguf::TensorType::Q4_0;
  case Fmt::Q5_0: return gguf::TensorType::Q5_0;
  case Fmt::Q5_1: return gguf::TensorType::Q5_1;
  case Fmt::Q4_K: return gguf::TensorType::Q4_K;
  case Fmt::Q6_K: return gguf::TensorType::Q6_K;
  }
  std::abort();
}

std::vector<float> importerDequant(Fmt fmt, const uint8_t *row, int64_t n) {
  std::vector<float> out(n);
  EXPECT_TRUE(gguf::dequantize(*gguf::getTypeTraits(uint32_t(ggufType(fmt))),
                               row, uint64_t(rowBytes(fmt, n)), out.data(),
                               uint64_t(n)))
      << fmtName(fmt) << " n=" << n;
  return out;
}

EmbeddingFn referenceEmbedding(Fmt fmt) {
  switch (fmt) {
  case Fmt::BF16: return sinkc_ukref_embedding_bf16;
  case Fmt::Q4_0: return sinkc_ukref_embedding_q4_0;
  case Fmt::Q5_0: return sinkc_ukref_embedding_q5_0;
  case Fmt::Q5_1: return sinkc_ukref_embedding_q5_1;
  case Fmt::Q4_K: return sinkc_ukref_embedding_q4_k;
  case Fmt::Q6_K: return sinkc_ukref_embedding_q6_k;
  default: std::abort();
  }
}

/// Row lengths: several blocks, and for bf16 tails of every kind.
std::vector<int64_t> colsFor(Fmt fmt) {
  switch (blockValues(fmt)) {
  case 1: return {1, 7, 16, 17, 31, 32, 33, 100, 576, 577, 4095};
  case SINKC_UK_QK: return {32, 64, 96, 160, 576, 1536, 4096};
  default: return {256, 512, 768, 1536, 4096};
  }
}

/// Shorter lists for the GEMV / GEMM / embedding sweeps.
std::vector<int64_t> fewColsFor(Fmt fmt) {
  switch (blockValues(fmt)) {
  case 1: return {17, 64, 100};
  case SINKC_UK_QK: return {32, 96, 576};
  default: return {256, 768};
  }
}

/// A table of `rows` random rows `stride` bytes apart (gaps of 0xee).
std::vector<uint8_t> randomTable(Fmt fmt, int64_t rows, int64_t cols,
                                 int64_t stride, std::mt19937 &rng,
                                 std::vector<std::vector<uint8_t>> *each) {
  std::vector<uint8_t> table(rows * stride, 0xee);
  for (int64_t r = 0; r < rows; ++r) {
    const std::vector<uint8_t> row = randomRow(fmt, cols, rng);
    std::memcpy(&table[r * stride], row.data(), row.size());
    if (each)
      each->push_back(row);
  }
  return table;
}

using Param = std::tuple<const Flavor *, Fmt>;

class UkernelFormats : public ::testing::TestWithParam<Param> {
protected:
  const Flavor &flavor() const { return *std::get<0>(GetParam()); }
  Fmt fmt() const { return std::get<1>(GetParam()); }
  float dot(const uint8_t *row, const float *x, int64_t n) const {
    return flavor().dot[int(fmt())](row, x, n);
  }
  std::vector<float> gather(const uint8_t *row, int64_t n) const {
    std::vector<float> out(n);
    const int32_t id = 0;
    flavor().embedding[int(fmt())](row, rowBytes(fmt(), n), 1, &id, 1,
                                   out.data(), n);
    return out;
  }
  std::mt19937 rng{5005};
};

// The whole contract at once: ggml's dequantization, then the documented
// lanes, FMA (or not) and tree, to the bit.
TEST_P(UkernelFormats, DotEqualsOrderedReferenceBitwise) {
  for (int64_t n : colsFor(fmt())) {
    for (int trial = 0; trial < 6; ++trial) {
      const std::vector<uint8_t> row = randomRow(fmt(), n, rng);
      const std::vector<float> x = randomActivations(n, rng);
      const std::vector<float> w = referenceDequant(fmt(), row.data(), n);
      const float want =
          sinkc_ukref_dot_ordered(w.data(), x.data(), n, flavor().hasFma);
      const float got = dot(row.data(), x.data(), n);
      ASSERT_EQ(bitsOf(got), bitsOf(want))
          << "n=" << n << " trial=" << trial << ": " << got << " vs " << want;
      const double ref = referenceDot(fmt(), row.data(), x.data(), n);
      ASSERT_LE(std::fabs(double(got) - ref),
                errorBound(fmt(), row.data(), x.data(), n))
          << "n=" << n << " trial=" << trial << " got=" << got
          << " ref=" << ref;
    }
  }
}

// The kernels' dequantization (the embedding gather shares its loaders) is
// the importer's, bit for bit, in every flavour.
TEST_P(UkernelFormats, DequantMatchesImporterBitwise) {
  for (int64_t n : colsFor(fmt())) {
    for (int trial = 0; trial < 4; ++trial) {
      const std::vector<uint8_t> row = randomRow(fmt(), n, rng);
      const std::vector<float> got = gather(row.data(), n);
      const std::vector<float> want = importerDequant(fmt(), row.data(), n);
      for (int64_t i = 0; i < n; ++i)
        ASSERT_EQ(bitsOf(got[i]), bitsOf(want[i]))
            << "n=" << n << " i=" << i << ": " << got[i] << " vs " << want[i];
    }
  }
}

// x = e_j reads back weight j alone: the dot kernels dequantize exactly as
// the importer too (as values: the zero accumulators turn -0 into +0).
TEST_P(UkernelFormats, OneHotRecoversEachWeight) {
  const int64_t n = blockValues(fmt()) == 1 ? 40 : 2 * blockValues(fmt());
  for (int trial = 0; trial < 2; ++trial) {
    const std::vector<uint8_t> row = randomRow(fmt(), n, rng);
    const std::vector<float> w = importerDequant(fmt(), row.data(), n);
    std::vector<float> x(n, 0.0f);
    for (int64_t j = 0; j < n; ++j) {
      x[j] = 1.0f;
      const float got = dot(row.data(), x.data(), n);
      x[j] = 0.0f;
      ASSERT_EQ(bitsOf(got), bitsOf(w[j] == 0.0f ? 0.0f : w[j])) << "j=" << j;
    }
  }
}

TEST_P(UkernelFormats, ZeroBlocksAndEmptyCalls) {
  const int64_t n = fewColsFor(fmt()).back();
  const std::vector<uint8_t> zeros(rowBytes(fmt(), n), 0);
  const std::vector<float> x = randomActivations(n, rng);
  EXPECT_EQ(bitsOf(dot(zeros.data(), x.data(), n)), 0u);
  for (float v : gather(zeros.data(), n))
    ASSERT_EQ(v, 0.0f); // -0 where q < 0 (q4_0: -8 * +0), as the importer
  if (blockValues(fmt()) == 1) {
    EXPECT_EQ(bitsOf(dot(zeros.data(), x.data(), 0)), 0u);
  }
  float y = 42.0f;
  flavor().gemv[int(fmt())](zeros.data(), 0, x.data(), &y, 0, n);
  flavor().gemm[int(fmt())](zeros.data(), 0, x.data(), n, &y, 1, 0, n, 3);
  flavor().gemm[int(fmt())](zeros.data(), 0, x.data(), n, &y, 1, 1, n, 0);
  EXPECT_EQ(y, 42.0f);
}

TEST_P(UkernelFormats, GemvEqualsRepeatedDot) {
  for (int64_t cols : fewColsFor(fmt())) {
    for (int64_t rows : {1, 2, 3, 4, 5, 7, 9, 13}) {
      // Rows padded by 8 bytes: row_bytes is a stride, not the row size.
      const int64_t stride = rowBytes(fmt(), cols) + 8;
      std::vector<std::vector<uint8_t>> each;
      const std::vector<uint8_t> w =
          randomTable(fmt(), rows, cols, stride, rng, &each);
      const std::vector<float> x = randomActivations(cols, rng);
      std::vector<float> y(rows + 1, -7.0f);
      flavor().gemv[int(fmt())](w.data(), stride, x.data(), y.data(), rows,
                                cols);
      for (int64_t r = 0; r < rows; ++r)
        ASSERT_EQ(bitsOf(y[r]), bitsOf(dot(each[r].data(), x.data(), cols)))
            << "rows=" << rows << " cols=" << cols << " r=" << r;
      EXPECT_EQ(y[rows], -7.0f) << "wrote past the last row";
    }
  }
}

TEST_P(UkernelFormats, GemmEqualsRepeatedDot) {
  for (int64_t cols : fewColsFor(fmt())) {
    for (int64_t rows : {1, 2, 3, 5, 8}) {
      for (int64_t tokens : {1, 2, 3, 4, 5, 8, 9}) {
        const int64_t stride = rowBytes(fmt(), cols) + 8;
        std::vector<std::vector<uint8_t>> each;
        const std::vector<uint8_t> w =
            randomTable(fmt(), rows, cols, stride, rng, &each);
        const int64_t xStride = cols + 5, yStride = rows + 3;
        const std::vector<float> x = stridedActivations(cols, tokens, xStride, rng);
        std::vector<float> y(yStride * tokens, -7.0f);
        flavor().gemm[int(fmt())](w.data(), stride, x.data(), xStride,
                                  y.data(), yStride, rows, cols, tokens);
        ASSERT_TRUE(gemmMatches(y, yStride, rows, tokens, [&](int64_t r, int64_t t) {
          return dot(each[r].data(), &x[t * xStride], cols);
        })) << "rows=" << rows << " cols=" << cols << " tokens=" << tokens;
      }
    }
  }
}

TEST_P(UkernelFormats, EmbeddingMatchesReferenceBitwise) {
  const int64_t rows = 23;
  const int32_t big = std::numeric_limits<int32_t>::max(),
                small = std::numeric_limits<int32_t>::min();
  for (int64_t cols : fewColsFor(fmt())) {
    const int64_t stride = rowBytes(fmt(), cols) + 8;
    const std::vector<uint8_t> tab =
        randomTable(fmt(), rows, cols, stride, rng, nullptr);
    std::vector<int32_t> ids = {0, int32_t(rows - 1), 5, 5, -1,
                                int32_t(rows), small, big, 0};
    for (int i = 0; i < 6; ++i)
      ids.push_back(int32_t(rng() % rows));
    const int64_t tokens = int64_t(ids.size());
    std::vector<float> got(tokens * cols + 16, -7.0f);
    std::vector<float> want(tokens * cols, -7.0f);
    flavor().embedding[int(fmt())](tab.data(), stride, rows, ids.data(),
                                   tokens, got.data(), cols);
    referenceEmbedding(fmt())(tab.data(), stride, rows, ids.data(), tokens,
                              want.data(), cols);
    for (int64_t t = 0; t < tokens; ++t) {
      const bool bad = ids[t] < 0 || ids[t] >= rows;
      for (int64_t c = 0; c < cols; ++c) {
        const float g = got[t * cols + c], w = want[t * cols + c];
        ASSERT_EQ(bitsOf(g), bitsOf(w)) << "cols=" << cols << " t=" << t
                                        << " id=" << ids[t] << " c=" << c;
        if (bad) {
          ASSERT_EQ(bitsOf(g), 0u) << "id=" << ids[t] << " c=" << c;
        }
      }
    }
    for (int64_t i = tokens * cols; i < int64_t(got.size()); ++i)
      ASSERT_EQ(got[i], -7.0f) << "wrote past the last token, cols=" << cols;
  }
}

// sinkc_uk_dot_*(row, e_c) == sinkc_uk_embedding_*(row)[c]: both kernels
// take each weight from the same loaders.
TEST_P(UkernelFormats, UnitVectorsTieEmbeddingToDot) {
  const int64_t rows = 3, cols = fewColsFor(fmt()).front();
  const int64_t stride = rowBytes(fmt(), cols);
  const std::vector<uint8_t> tab =
      randomTable(fmt(), rows, cols, stride, rng, nullptr);
  const std::vector<int32_t> ids = {2, 0, 1};
  std::vector<float> out(rows * cols);
  flavor().embedding[int(fmt())](tab.data(), stride, rows, ids.data(), rows,
                                 out.data(), cols);
  std::vector<float> x(cols, 0.0f);
  for (int64_t t = 0; t < rows; ++t) {
    for (int64_t c = 0; c < cols; ++c) {
      x[c] = 1.0f;
      const float d = dot(&tab[ids[t] * stride], x.data(), cols);
      x[c] = 0.0f;
      const float e = out[t * cols + c];
      ASSERT_EQ(bitsOf(d), bitsOf(e == 0.0f ? 0.0f : e))
          << "t=" << t << " c=" << c << ": dot " << d << " vs embedding " << e;
    }
  }
}

std::vector<Param> allParams() {
  std::vector<Param> params;
  for (const Flavor *f : flavors())
    for (Fmt fmt : kNewFmts)
      params.emplace_back(f, fmt);
  return params;
}

INSTANTIATE_TEST_SUITE_P(
    All, UkernelFormats, ::testing::ValuesIn(allParams()),
    [](const ::testing::TestParamInfo<Param> &info) {
      return std::string(std::get<0>(info.param)->name) + "_" +
             fmtName(std::get<1>(info.param));
    });

// The scalar references are ggml's dequantization: equal to the importer's
// (checked against the gguf Python package) on the same random rows.
TEST(UkernelFormatsReference, DequantMatchesImporterBitwise) {
  std::mt19937 rng(77);
  for (Fmt fmt : kNewFmts) {
    const int64_t n = 4096;
    for (int trial = 0; trial < 4; ++trial) {
      const std::vector<uint8_t> row = randomRow(fmt, n, rng);
      const std::vector<float> ours = referenceDequant(fmt, row.data(), n);
      const std::vector<float> theirs = importerDequant(fmt, row.data(), n);
      for (int64_t i = 0; i < n; ++i)
        ASSERT_EQ(bitsOf(ours[i]), bitsOf(theirs[i]))
            << fmtName(fmt) << " i=" << i;
    }
  }
}

// The ordered reference reproduces the issue #4 formats' kernels too (q4_1
// included: q * d is exact, so fma(q, d, m) rounds as q * d + m).
TEST(UkernelFormatsReference, OrderedReferenceMatchesFirstFormats) {
  std::mt19937 rng(78);
  for (const Flavor *f : flavors()) {
    for (Fmt fmt : kFirstFmts) {
      for (int64_t n : {32, 96, 576, 4096, 1, 17, 100}) {
        if (blockValues(fmt) > 1 && n % blockValues(fmt))
          continue;
        const std::vector<uint8_t> row = randomRow(fmt, n, rng);
        const std::vector<float> x = randomActivations(n, rng);
        const std::vector<float> w = referenceDequant(fmt, row.data(), n);
        const float want = sinkc_ukref_dot_ordered(w.data(), x.data(), n,
                                                   f->hasFma);
        const float got = f->dot[int(fmt)](row.data(), x.data(), n);
        ASSERT_EQ(bitsOf(got), bitsOf(want))
            << f->name << " " << fmtName(fmt) << " n=" << n;
      }
    }
  }
}

/// The 12 bytes of 8 6-bit scales and mins, packed as ggml's
/// quantize_row_q4_K_ref does.
void packScalesK4(const int sc[8], const int m[8], uint8_t out[12]) {
  std::memset(out, 0, 12);
  for (int j = 0; j < 8; ++j) {
    if (j < 4) {
      out[j] = uint8_t(sc[j]);
      out[j + 4] = uint8_t(m[j]);
    } else {
      out[j + 4] = uint8_t((sc[j] & 0xf) | ((m[j] & 0xf) << 4));
      out[j - 4] |= uint8_t((sc[j] >> 4) << 6);
      out[j] |= uint8_t((m[j] >> 4) << 6);
    }
  }
}

/// Every flavour's gathered values and one-hot dots equal `want` exactly.
void expectEveryFlavourGives(Fmt fmt, const std::vector<uint8_t> &block,
                             const std::vector<double> &want) {
  const int64_t n = int64_t(want.size());
  for (const Flavor *f : flavors()) {
    std::vector<float> out(n);
    const int32_t id = 0;
    f->embedding[int(fmt)](block.data(), int64_t(block.size()), 1, &id, 1,
                           out.data(), n);
    std::vector<float> x(n, 0.0f);
    for (int64_t v = 0; v < n; ++v) {
      ASSERT_EQ(double(out[v]), want[v]) << f->name << " v=" << v;
      x[v] = 1.0f;
      ASSERT_EQ(double(f->dot[int(fmt)](block.data(), x.data(), n)), want[v])
          << f->name << " v=" << v;
      x[v] = 0.0f;
    }
  }
}

// q4_K from its definition: value v of block s = v / 32 is
// d * sc_s * q_v - dmin * m_s, with 6-bit scales and mins of both halves of
// the packing (s >= 4 uses the top bits of the first 8 bytes).
TEST(UkernelFormatsByHand, Q4_KBlock) {
  const int sc[8] = {1, 2, 17, 63, 5, 48, 33, 0};
  const int m[8] = {0, 3, 40, 1, 63, 16, 7, 31};
  const float d = 0.25f, dmin = 0.125f; // halves 0x3400, 0x3000
  std::vector<uint8_t> block(SINKC_UK_Q4_K_BLOCK_BYTES);
  putU16(&block[0], 0x3400);
  putU16(&block[2], 0x3000);
  packScalesK4(sc, m, &block[4]);
  std::vector<double> want(256);
  for (int v = 0; v < 256; ++v) {
    const int s = v / 32, l = v % 32, q = (v * 7 + 3) % 16;
    uint8_t &byte = block[16 + 32 * (s / 2) + l];
    byte |= uint8_t(s % 2 ? q << 4 : q);
    want[v] = double(d) * sc[s] * q - double(dmin) * m[s];
  }
  expectEveryFlavourGives(Fmt::Q4_K, block, want);
}

// q6_K from its definition: value v is d * scales[v / 16] * q_v with q_v in
// -32..31, its low 4 bits in ql and high 2 in qh.
TEST(UkernelFormatsByHand, Q6_KBlock) {
  std::vector<uint8_t> block(SINKC_UK_Q6_K_BLOCK_BYTES);
  const float d = 0.5f; // half 0x3800
  putU16(&block[208], 0x3800);
  int8_t scales[16];
  for (int i = 0; i < 16; ++i) {
    scales[i] = int8_t(i % 2 ? -(3 * i + 1) : 5 * i - 128 / (i + 1));
    block[192 + i] = uint8_t(scales[i]);
  }
  std::vector<double> want(256);
  for (int v = 0; v < 256; ++v) {
    const int h = v / 128, i = v % 128 / 32, l = v % 32;
    const int q = (v * 13 + 5) % 64 - 32, u = q + 32;
    block[64 * h + 32 * (i % 2) + l] |= uint8_t((u & 0xf) << (4 * (i / 2)));
    block[128 + 32 * h + l] |= uint8_t((u >> 4) << (2 * i));
    want[v] = double(d) * scales[v / 16] * q;
  }
  expectEveryFlavourGives(Fmt::Q6_K, block, want);
}

} // namespace
