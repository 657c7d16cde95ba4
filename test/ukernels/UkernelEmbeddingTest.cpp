//===- UkernelEmbeddingTest.cpp - sinkc_uk_embedding_* vs the references --===//
//
// Every flavour x table format (f32, f16, bf16, q8_0, q4_1): the gathered
// rows bit for bit equal to the scalar reference over padded row strides,
// tail columns, ids 0 and rows - 1, repeated ids and out-of-range ids (rows
// of +0); nothing written past the last token. q8_0 / q4_1 rows equal
// sinkc_uk_dot_* with unit vectors e_c (the two kernels dequantize alike)
// and, like every format, the importer's GGUF dequantizer (ggml's order) in
// every flavour, FMA or not: q * d is exact in f32, checked for every finite
// half d. f16 signalling NaNs, the one difference between flavours.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"
#include "sinkc/Importers/GgufTypes.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#define UK_EMB_DECLARE_ONE(P, FMT)                                             \
  void P##sinkc_uk_embedding_##FMT(const void *, int64_t, int64_t,             \
                                   const int32_t *, int64_t, float *,          \
                                   int64_t);
#define UK_EMB_DECLARE(P)                                                      \
  extern "C" {                                                                 \
  UK_EMB_DECLARE_ONE(P, f32)                                                   \
  UK_EMB_DECLARE_ONE(P, f16)                                                   \
  UK_EMB_DECLARE_ONE(P, bf16)                                                  \
  UK_EMB_DECLARE_ONE(P, q8_0)                                                  \
  UK_EMB_DECLARE_ONE(P, q4_1)                                                  \
  }
UK_EMB_DECLARE(vnni_)
UK_EMB_DECLARE(v3_)
UK_EMB_DECLARE(x86_64_)

namespace {

using namespace sinkc::uktest;
namespace gguf = sinkc::gguf;

enum class Table { F32, F16, BF16, Q8_0, Q4_1 };
const char *tableName(Table t) {
  static const char *names[] = {"f32", "f16", "bf16", "q8_0", "q4_1"};
  return names[int(t)];
}
bool quantized(Table t) { return t == Table::Q8_0 || t == Table::Q4_1; }

using EmbeddingFn = decltype(&sinkc_uk_embedding_f32);

#define UK_EMB_FNS(P)                                                          \
  std::vector<EmbeddingFn> {                                                   \
    P##sinkc_uk_embedding_f32, P##sinkc_uk_embedding_f16,                      \
        P##sinkc_uk_embedding_bf16, P##sinkc_uk_embedding_q8_0,                \
        P##sinkc_uk_embedding_q4_1                                             \
  }

/// The embedding kernels of a flavour of UkernelTestUtil's table.
EmbeddingFn embeddingOf(const Flavor &f, Table t) {
  static const std::vector<EmbeddingFn> v4 = UK_EMB_FNS(),
                                        vnni = UK_EMB_FNS(vnni_),
                                        v3 = UK_EMB_FNS(v3_),
                                        base = UK_EMB_FNS(x86_64_);
  const std::string name = f.name;
  const std::vector<EmbeddingFn> &fns = name == "v4"        ? v4
                                        : name == "v4_vnni" ? vnni
                                        : name == "v3"      ? v3
                                                            : base;
  return fns[int(t)];
}

EmbeddingFn referenceOf(Table t) {
  static const EmbeddingFn refs[] = {
      sinkc_ukref_embedding_f32, sinkc_ukref_embedding_f16,
      sinkc_ukref_embedding_bf16, sinkc_ukref_embedding_q8_0,
      sinkc_ukref_embedding_q4_1};
  return refs[int(t)];
}

int64_t tableRowBytes(Table t, int64_t cols) {
  switch (t) {
  case Table::F32: return rowBytes(Fmt::F32, cols);
  case Table::F16:
  case Table::BF16: return 2 * cols;
  case Table::Q8_0: return rowBytes(Fmt::Q8_0, cols);
  case Table::Q4_1: return rowBytes(Fmt::Q4_1, cols);
  }
  std::abort();
}

void putU16(uint8_t *p, uint16_t v) { std::memcpy(p, &v, 2); }
void putU32(uint8_t *p, uint32_t v) { std::memcpy(p, &v, 4); }

/// One random row. f32 / f16 rows also hold -0, infinities and quiet NaNs
/// with payloads (f16 signalling NaNs differ by flavour, see the header, and
/// are tested apart); bf16 rows are any bit patterns.
std::vector<uint8_t> randomTableRow(Table t, int64_t cols, std::mt19937 &rng) {
  switch (t) {
  case Table::F32:
  case Table::F16: {
    const Fmt fmt = t == Table::F32 ? Fmt::F32 : Fmt::F16;
    std::vector<uint8_t> row = randomRow(fmt, cols, rng);
    static const uint32_t f32Special[] = {0x80000000u, 0x7f800000u,
                                          0xff800000u, 0x7fc00001u,
                                          0x7f800001u, 0xffc12345u};
    static const uint16_t f16Special[] = {0x8000, 0x7c00, 0xfc00,
                                          0x7e00, 0xfe05, 0x7fff};
    for (int64_t c = 0; c < cols; ++c) {
      if (rng() % 8)
        continue;
      if (t == Table::F32)
        putU32(&row[4 * c], f32Special[rng() % 6]);
      else
        putU16(&row[2 * c], f16Special[rng() % 6]);
    }
    return row;
  }
  case Table::BF16: {
    std::vector<uint8_t> row(2 * cols);
    for (int64_t c = 0; c < cols; ++c)
      putU16(&row[2 * c], uint16_t(rng()));
    return row;
  }
  case Table::Q8_0: return randomRow(Fmt::Q8_0, cols, rng);
  case Table::Q4_1: return randomRow(Fmt::Q4_1, cols, rng);
  }
  std::abort();
}

/// `rows` random rows, `stride` bytes apart (the gap filled with 0xee).
std::vector<uint8_t> randomTable(Table t, int64_t rows, int64_t cols,
                                 int64_t stride, std::mt19937 &rng) {
  std::vector<uint8_t> table(rows * stride, 0xee);
  for (int64_t r = 0; r < rows; ++r) {
    const std::vector<uint8_t> row = randomTableRow(t, cols, rng);
    std::memcpy(&table[r * stride], row.data(), row.size());
  }
  return table;
}

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

std::vector<int64_t> colsFor(Table t) {
  if (quantized(t))
    return {32, 96, 576};
  return {1, 7, 16, 31, 32, 33, 100, 576, 577};
}

using Param = std::tuple<const Flavor *, Table>;

class UkernelEmbedding : public ::testing::TestWithParam<Param> {
protected:
  const Flavor &flavor() const { return *std::get<0>(GetParam()); }
  Table table() const { return std::get<1>(GetParam()); }
  EmbeddingFn kernel() const { return embeddingOf(flavor(), table()); }
  EmbeddingFn reference() const { return referenceOf(table()); }
  std::mt19937 rng{4321};
};

TEST_P(UkernelEmbedding, MatchesReferenceBitwise) {
  const int64_t rows = 37;
  const int32_t big = std::numeric_limits<int32_t>::max(),
                small = std::numeric_limits<int32_t>::min();
  for (int64_t cols : colsFor(table())) {
    // A padded stride: row_bytes is not the row's size.
    const int64_t stride = tableRowBytes(table(), cols) + 8;
    const std::vector<uint8_t> tab =
        randomTable(table(), rows, cols, stride, rng);
    std::vector<int32_t> ids = {0, int32_t(rows - 1), 5, 5, -1,
                                int32_t(rows), small, big, 0};
    for (int i = 0; i < 8; ++i)
      ids.push_back(int32_t(rng() % rows));
    const int64_t tokens = int64_t(ids.size());
    std::vector<float> got(tokens * cols + 16, -7.0f);
    std::vector<float> want(tokens * cols, -7.0f);
    kernel()(tab.data(), stride, rows, ids.data(), tokens, got.data(), cols);
    reference()(tab.data(), stride, rows, ids.data(), tokens, want.data(),
                cols);
    for (int64_t t = 0; t < tokens; ++t) {
      const bool bad = ids[t] < 0 || ids[t] >= rows;
      for (int64_t c = 0; c < cols; ++c) {
        const float g = got[t * cols + c], w = want[t * cols + c];
        ASSERT_EQ(bitsOf(g), bitsOf(w))
            << "cols=" << cols << " t=" << t << " id=" << ids[t]
            << " c=" << c << ": " << g << " vs " << w;
        if (bad) {
          ASSERT_EQ(bitsOf(g), 0u) << "id=" << ids[t] << " c=" << c;
        }
      }
    }
    for (int64_t i = tokens * cols; i < int64_t(got.size()); ++i)
      ASSERT_EQ(got[i], -7.0f) << "wrote past the last token, cols=" << cols;
  }
}

TEST_P(UkernelEmbedding, ZeroTokensWriteNothing) {
  const int64_t cols = 64, stride = tableRowBytes(table(), cols);
  const std::vector<uint8_t> tab = randomTable(table(), 3, cols, stride, rng);
  const int32_t id = 1;
  std::vector<float> out(cols, -7.0f);
  kernel()(tab.data(), stride, 3, &id, 0, out.data(), cols);
  for (float v : out)
    ASSERT_EQ(v, -7.0f);
}

// A table of zero rows reads nothing: every id is out of range.
TEST_P(UkernelEmbedding, EmptyTableGivesZeros) {
  const int64_t cols = 32;
  const int32_t ids[] = {0, 1, -1};
  std::vector<float> out(3 * cols, std::numeric_limits<float>::quiet_NaN());
  kernel()(nullptr, tableRowBytes(table(), cols), 0, ids, 3, out.data(), cols);
  for (float v : out)
    ASSERT_EQ(bitsOf(v), 0u);
}

std::vector<Param> allParams() {
  std::vector<Param> params;
  for (const Flavor *f : flavors())
    for (Table t : {Table::F32, Table::F16, Table::BF16, Table::Q8_0,
                    Table::Q4_1})
      params.emplace_back(f, t);
  return params;
}

INSTANTIATE_TEST_SUITE_P(
    All, UkernelEmbedding, ::testing::ValuesIn(allParams()),
    [](const ::testing::TestParamInfo<Param> &info) {
      return std::string(std::get<0>(info.param)->name) + "_" +
             tableName(std::get<1>(info.param));
    });

// Embedding and dot dequantize each weight alike: x = e_c through
// sinkc_uk_dot_* of the same flavour reads back out[c] (as a value: the dot's
// zero accumulators turn -0 into +0).
TEST(UkernelEmbeddingDot, QuantizedRowsEqualDotWithUnitVectors) {
  std::mt19937 rng(77);
  const int64_t rows = 5, cols = 96;
  for (const Flavor *f : flavors()) {
    for (Table t : {Table::Q8_0, Table::Q4_1}) {
      const Fmt fmt = t == Table::Q8_0 ? Fmt::Q8_0 : Fmt::Q4_1;
      const int64_t stride = tableRowBytes(t, cols);
      const std::vector<uint8_t> tab = randomTable(t, rows, cols, stride, rng);
      const int32_t ids[rows] = {0, 1, 2, 3, 4};
      std::vector<float> out(rows * cols);
      embeddingOf(*f, t)(tab.data(), stride, rows, ids, rows, out.data(),
                         cols);
      std::vector<float> x(cols, 0.0f);
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t c = 0; c < cols; ++c) {
          x[c] = 1.0f;
          const float dot = f->dot[int(fmt)](&tab[r * stride], x.data(), cols);
          x[c] = 0.0f;
          const float e = out[r * cols + c];
          ASSERT_EQ(bitsOf(dot), bitsOf(e == 0.0f ? 0.0f : e))
              << f->name << " " << tableName(t) << " r=" << r << " c=" << c
              << ": dot " << dot << " vs embedding " << e;
        }
      }
    }
  }
}

std::vector<float> importerRow(gguf::TensorType type, const uint8_t *row,
                               int64_t bytes, int64_t cols) {
  std::vector<float> out(cols);
  EXPECT_TRUE(gguf::dequantize(*gguf::getTypeTraits(uint32_t(type)), row,
                               uint64_t(bytes), out.data(), uint64_t(cols)));
  return out;
}

// The importer's dequantizer follows ggml (and the gguf Python package,
// d * q then + m in f32): every flavour equals it bit for bit, q4_1's fused
// fma(q, d, m) included.
TEST(UkernelEmbeddingGguf, MatchesImporterBitwise) {
  std::mt19937 rng(2024);
  const int64_t rows = 9, cols = 576;
  const struct {
    Table table;
    gguf::TensorType type;
  } cases[] = {{Table::F32, gguf::TensorType::F32},
               {Table::F16, gguf::TensorType::F16},
               {Table::BF16, gguf::TensorType::BF16},
               {Table::Q8_0, gguf::TensorType::Q8_0},
               {Table::Q4_1, gguf::TensorType::Q4_1}};
  for (const auto &k : cases) {
    const int64_t stride = tableRowBytes(k.table, cols);
    const std::vector<uint8_t> tab =
        randomTable(k.table, rows, cols, stride, rng);
    std::vector<int32_t> ids(rows);
    for (int64_t r = 0; r < rows; ++r)
      ids[r] = int32_t(rows - 1 - r);
    for (const Flavor *f : flavors()) {
      std::vector<float> out(rows * cols);
      embeddingOf(*f, k.table)(tab.data(), stride, rows, ids.data(), rows,
                               out.data(), cols);
      for (int64_t t = 0; t < rows; ++t) {
        const std::vector<float> want =
            importerRow(k.type, &tab[ids[t] * stride], stride, cols);
        for (int64_t c = 0; c < cols; ++c)
          ASSERT_EQ(bitsOf(out[t * cols + c]), bitsOf(want[c]))
              << f->name << " " << tableName(k.table) << " t=" << t
              << " c=" << c << ": " << out[t * cols + c] << " vs " << want[c];
      }
    }
  }
}

// Why fused and unfused q4_1 agree: q * d is exact in f32 for every finite
// half d and every q8_0 (-128..127) or q4_1 (0..15) quant, so rounding it
// before + m changes nothing.
TEST(UkernelEmbeddingGguf, QuantTimesScaleIsExactInF32) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    if ((h & 0x7c00) == 0x7c00)
      continue; // inf / NaN
    const float d = sinkc_ukref_half_to_float(uint16_t(h));
    for (int q = -128; q < 128; ++q) {
      const volatile float product = float(q) * d;
      ASSERT_EQ(double(product), double(q) * double(d))
          << "q=" << q << " d=0x" << std::hex << h;
    }
  }
}

// f16 signalling NaNs: x86-64-v4 (and v4-vnni) converts with vcvtph2ps,
// which sets the quiet bit; the portable flavours keep the payload as it is
// (the dot kernels do the same). Both stay NaN with the payload's other bits.
TEST(UkernelEmbeddingF16, SignallingNaNsQuietOnlyOnV4) {
  const uint16_t halves[] = {0x7c01, 0xfd55, 0x7dff, 0x7c00, 0x3c00};
  const int64_t cols = 5;
  const int32_t id = 0;
  for (const Flavor *f : flavors()) {
    float out[cols];
    embeddingOf(*f, Table::F16)(halves, 2 * cols, 1, &id, 1, out, cols);
    for (int64_t c = 0; c < cols; ++c) {
      const uint32_t exact = bitsOf(sinkc_ukref_half_to_float(halves[c]));
      const bool snan = (halves[c] & 0x7e00) == 0x7c00 && (halves[c] & 0x1ff);
      const uint32_t want = snan && std::string(f->name).rfind("v4", 0) == 0
                                ? exact | 0x00400000u
                                : exact;
      EXPECT_EQ(bitsOf(out[c]), want) << f->name << " c=" << c;
    }
  }
}

} // namespace
