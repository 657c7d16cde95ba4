//===- UkernelAttentionMassTest.cpp - the attention taps' sink mass -------===//
//
// sinkc_uk_attention_mass_* must leave the attention itself untouched (the
// same outputs and cache bits as sinkc_uk_attention_*) and report, per token
// and query head, the softmax weight on the first positions, computed here
// in double from the same f32 inputs.
//
//===----------------------------------------------------------------------===//

#include "sinkc_ukernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {

constexpr int64_t kHeadDim = 16, kGroup = 3, kTokens = 9, kSlots = 16;

struct Case {
  int64_t sinks, window, massPositions;
};

class AttentionMass : public ::testing::TestWithParam<Case> {};

TEST_P(AttentionMass, OutputsUnchangedAndMassIsTheWeightOnTheFirstPositions) {
  const Case c = GetParam();
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> q(kTokens * kGroup * kHeadDim), k(kTokens * kHeadDim),
      v(kTokens * kHeadDim);
  for (float &x : q) x = u(rng);
  for (float &x : k) x = u(rng);
  for (float &x : v) x = u(rng);
  const float scale = 0.25f;
  const int64_t slots = c.window > 0 ? c.sinks + c.window : kSlots;
  std::vector<float> cachePlain(2 * slots * kHeadDim), cacheMass(cachePlain.size());
  std::vector<float> outPlain(kTokens * kGroup * kHeadDim), outMass(outPlain.size());
  std::vector<float> mass(kTokens * kGroup, -1.0f);
  sinkc_uk_attention_f32(q.data(), kGroup * kHeadDim, k.data(), v.data(), kHeadDim,
                         cachePlain.data(), slots, kHeadDim, kGroup, kTokens, 0, c.sinks,
                         c.window, scale, 0.0f, nullptr, outPlain.data(), kGroup * kHeadDim);
  sinkc_uk_attention_mass_f32(q.data(), kGroup * kHeadDim, k.data(), v.data(), kHeadDim,
                              cacheMass.data(), slots, kHeadDim, kGroup, kTokens, 0, c.sinks,
                              c.window, scale, 0.0f, nullptr, outMass.data(), kGroup * kHeadDim,
                              mass.data(), kGroup, c.massPositions);
  EXPECT_EQ(std::memcmp(outPlain.data(), outMass.data(), outPlain.size() * 4), 0);
  EXPECT_EQ(std::memcmp(cachePlain.data(), cacheMass.data(), cachePlain.size() * 4), 0);

  for (int64_t t = 0; t < kTokens; ++t)
    for (int64_t h = 0; h < kGroup; ++h) {
      // Softmax over the positions token t sees, in double.
      std::vector<double> z;
      std::vector<int64_t> positions;
      for (int64_t j = 0; j <= t; ++j) {
        bool visible = c.window <= 0 || j < c.sinks || t - j < c.window;
        if (!visible)
          continue;
        double dot = 0;
        for (int64_t d = 0; d < kHeadDim; ++d)
          dot += double(q[(t * kGroup + h) * kHeadDim + d]) * k[j * kHeadDim + d];
        z.push_back(scale * dot);
        positions.push_back(j);
      }
      double top = *std::max_element(z.begin(), z.end()), sum = 0, first = 0;
      for (size_t i = 0; i < z.size(); ++i) {
        double e = std::exp(z[i] - top);
        sum += e;
        if (positions[i] < c.massPositions)
          first += e;
      }
      EXPECT_NEAR(mass[t * kGroup + h], first / sum, 1e-5) << "token " << t << " head " << h;
    }
}

INSTANTIATE_TEST_SUITE_P(Policies, AttentionMass,
                         ::testing::Values(Case{0, 0, 1}, Case{0, 0, 4}, Case{2, 4, 2},
                                           Case{2, 4, 5}, Case{0, 3, 1}));

} // namespace
