//===- UkernelReferenceTest.cpp - The scalar references themselves --------===//
//
// The references against hand-computed blocks and against the importer's
// independent GGUF dequantizer; and the flavours against each other.
//
//===----------------------------------------------------------------------===//

#include "UkernelTestUtil.h"
#include "sinkc/Importers/GgufTypes.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace sinkc::uktest;
namespace gguf = sinkc::gguf;

namespace {

std::vector<float> ggufDequant(gguf::TensorType type,
                               const std::vector<uint8_t> &data, int64_t n) {
  std::vector<float> out(n);
  const gguf::TypeTraits *traits = gguf::getTypeTraits(uint32_t(type));
  EXPECT_TRUE(
      gguf::dequantize(*traits, data.data(), data.size(), out.data(), n));
  return out;
}

void expectSameBits(const std::vector<float> &a, const std::vector<float> &b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_EQ(std::memcmp(&a[i], &b[i], 4), 0)
        << "i=" << i << ": " << a[i] << " vs " << b[i];
}

TEST(UkernelReference, HalfMatchesImporterForAllBitPatterns) {
  std::vector<uint8_t> all(2 * 65536);
  for (uint32_t h = 0; h < 65536; ++h) {
    all[2 * h] = h & 0xff;
    all[2 * h + 1] = h >> 8;
  }
  std::vector<float> ours(65536);
  sinkc_ukref_dequant_f16(reinterpret_cast<const uint16_t *>(all.data()),
                          ours.data(), 65536);
  expectSameBits(ours, ggufDequant(gguf::TensorType::F16, all, 65536));
  EXPECT_EQ(sinkc_ukref_half_to_float(0x0001), 0x1p-24f);
  EXPECT_EQ(sinkc_ukref_half_to_float(0x7bff), 65504.0f);
  EXPECT_EQ(sinkc_ukref_half_to_float(0xbc00), -1.0f);
}

TEST(UkernelReference, Q8_0BlockByHand) {
  // d = 0.5 (0x3800); q_j = j - 16.
  std::vector<uint8_t> block = {0x00, 0x38};
  for (int j = 0; j < 32; ++j)
    block.push_back(uint8_t(int8_t(j - 16)));
  std::vector<float> w(32), x(32);
  sinkc_ukref_dequant_q8_0(block.data(), w.data(), 32);
  double want = 0;
  for (int j = 0; j < 32; ++j) {
    EXPECT_EQ(w[j], 0.5f * (j - 16)) << j;
    x[j] = float(j % 5) - 2.0f;
    want += 0.5 * (j - 16) * x[j];
  }
  EXPECT_EQ(sinkc_ukref_dot_q8_0(block.data(), x.data(), 32), want);
}

TEST(UkernelReference, Q4_1BlockByHand) {
  // d = 0.5, m = -1; byte j holds value j (low nibble) and value 16 + j
  // (high nibble) = 15 - j.
  std::vector<uint8_t> block = {0x00, 0x38, 0x00, 0xbc};
  for (int j = 0; j < 16; ++j)
    block.push_back(uint8_t(j | (15 - j) << 4));
  std::vector<float> w(32);
  sinkc_ukref_dequant_q4_1(block.data(), w.data(), 32);
  for (int j = 0; j < 16; ++j) {
    EXPECT_EQ(w[j], 0.5f * j - 1.0f) << j;
    EXPECT_EQ(w[16 + j], 0.5f * (15 - j) - 1.0f) << j;
  }
  // And the kernels agree on this exactly representable block.
  std::vector<float> x(32, 0.0f);
  x[3] = 1.0f;   // value 3: 0.5
  x[20] = 2.0f;  // value 20: nibble 15 - 4 = 11, 2 * 4.5
  for (const Flavor *f : flavors())
    EXPECT_EQ(f->dot[int(Fmt::Q4_1)](block.data(), x.data(), 32), 9.5f)
        << f->name;
}

TEST(UkernelReference, BlocksMatchImporter) {
  std::mt19937 rng(99);
  const int64_t n = 32 * 64;
  for (int trial = 0; trial < 4; ++trial) {
    std::vector<uint8_t> q8 = randomRow(Fmt::Q8_0, n, rng);
    expectSameBits(referenceDequant(Fmt::Q8_0, q8.data(), n),
                   ggufDequant(gguf::TensorType::Q8_0, q8, n));
    std::vector<uint8_t> q4 = randomRow(Fmt::Q4_1, n, rng);
    expectSameBits(referenceDequant(Fmt::Q4_1, q4.data(), n),
                   ggufDequant(gguf::TensorType::Q4_1, q4, n));
  }
}

// With FMA, the AVX-512 and portable paths follow one order to the bit.
TEST(UkernelFlavors, V3EqualsV4Bitwise) {
  const std::vector<const Flavor *> &all = flavors();
  if (all.size() < 3)
    GTEST_SKIP() << "needs AVX-512 and AVX2 hosts";
  std::mt19937 rng(7);
  for (Fmt fmt : {Fmt::F32, Fmt::F16, Fmt::Q8_0, Fmt::Q4_1}) {
    for (int64_t n : {32, 576, 4096, 100}) {
      if (fmt != Fmt::F32 && fmt != Fmt::F16 && n % 32)
        continue;
      const std::vector<uint8_t> row = randomRow(fmt, n, rng);
      const std::vector<float> x = randomActivations(n, rng);
      const float v4 = flavorNamed("v4").dot[int(fmt)](row.data(), x.data(), n);
      const float v3 = flavorNamed("v3").dot[int(fmt)](row.data(), x.data(), n);
      EXPECT_EQ(std::memcmp(&v4, &v3, 4), 0)
          << fmtName(fmt) << " n=" << n << ": " << v4 << " vs " << v3;
    }
  }
}

} // namespace
