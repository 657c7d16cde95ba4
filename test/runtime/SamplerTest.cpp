//===- SamplerTest.cpp - greedy, temperature, top-k, top-p, seeds ---------===//
//
// Expected PRNG outputs and seeded token sequences come from an independent
// Python port of splitmix64 / xoshiro256** and of the sampling steps; they
// pin the streams so that a seed means the same tokens on every machine.
//
//===----------------------------------------------------------------------===//

#include "core/Sampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace sinkrt;

namespace {

SamplerParams params(float temperature, int32_t topK = 0, float topP = 1.0f, uint64_t seed = 0) {
  SamplerParams p;
  p.temperature = temperature;
  p.topK = topK;
  p.topP = topP;
  p.seed = seed;
  return p;
}

std::vector<int32_t> draw(Sampler &sampler, const std::vector<float> &logits, int n) {
  std::vector<int32_t> tokens;
  for (int i = 0; i < n; ++i)
    tokens.push_back(sampler.sample(logits.data()));
  return tokens;
}

std::vector<double> softmax(const std::vector<float> &logits, double temperature) {
  double maxLogit = -1e300;
  for (float l : logits)
    maxLogit = std::max(maxLogit, double(l));
  std::vector<double> p;
  double sum = 0;
  for (float l : logits) {
    p.push_back(std::exp((double(l) - maxLogit) / temperature));
    sum += p.back();
  }
  for (double &v : p)
    v /= sum;
  return p;
}

std::vector<double> frequencies(Sampler &sampler, const std::vector<float> &logits, int draws) {
  std::vector<double> freq(logits.size(), 0);
  for (int i = 0; i < draws; ++i)
    freq[sampler.sample(logits.data())] += 1.0 / draws;
  return freq;
}

// Six logits with a clear order: 3 > 5 > 1 > 0 > 2 > 4.
const std::vector<float> kLogits = {1.0f, 2.0f, 0.5f, 3.0f, -1.0f, 2.5f};

// Binomial standard deviation at p = 0.5 over 20k draws is 0.0035; 0.015 is
// over 4 sigma, and the seed is fixed, so this is not flaky.
constexpr int kDraws = 20000;
constexpr double kTolerance = 0.015;

} // namespace

TEST(SamplerTest, RngStreamsArePinned) {
  // splitmix64(0) -> 0xe220a8397b1dcdaf is its published first output; the
  // xoshiro256** words below follow from it.
  Rng zero(0);
  EXPECT_EQ(zero.next(), 0x99ec5f36cb75f2b4ull);
  EXPECT_EQ(zero.next(), 0xbf6e1f784956452aull);
  EXPECT_EQ(zero.next(), 0x1a5f849d4933e6e0ull);
  EXPECT_EQ(zero.next(), 0x6aa594f1262d2d2cull);
  Rng fortyTwo(42);
  EXPECT_EQ(fortyTwo.next(), 0x15780b2e0c2ec716ull);
  EXPECT_EQ(fortyTwo.next(), 0x6104d9866d113a7eull);
  fortyTwo.reseed(0);
  EXPECT_EQ(fortyTwo.next(), 0x99ec5f36cb75f2b4ull);
  Rng r(7);
  for (int i = 0; i < 10000; ++i) {
    double u = r.nextDouble();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

TEST(SamplerTest, GreedyIsArgmaxWithLowestIdOnTies) {
  Sampler greedy(6, params(0));
  EXPECT_EQ(greedy.sample(kLogits.data()), 3);
  std::vector<float> ties = {1.0f, 5.0f, 3.0f, 5.0f, 5.0f, -2.0f};
  EXPECT_EQ(greedy.sample(ties.data()), 1);
  EXPECT_EQ(Sampler::argmax(ties.data(), 6), 1);
  std::vector<float> withNan = {std::nanf(""), 0.5f, 2.0f, std::nanf("")};
  EXPECT_EQ(Sampler::argmax(withNan.data(), 4), 2);
  std::vector<float> allNegInf(4, -std::numeric_limits<float>::infinity());
  EXPECT_EQ(Sampler::argmax(allNegInf.data(), 4), 0);
  Sampler hot(4, params(1.0f, 0, 1.0f, 3));
  EXPECT_EQ(hot.sample(allNegInf.data()), 0);
}

TEST(SamplerTest, TopKOneAndTinyTopPAreGreedy) {
  std::vector<float> ties = {1.0f, 4.0f, -3.0f, 4.0f, 3.999f, 0.0f, 4.0f};
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Sampler topK1(7, params(1.5f, 1, 1.0f, seed));
    Sampler tinyTopP(7, params(1.5f, 0, 1e-6f, seed));
    Sampler bothWithK(7, params(5.0f, 3, 1e-6f, seed));
    Sampler tinyTopP6(6, params(1.5f, 0, 1e-6f, seed));
    for (int i = 0; i < 50; ++i) {
      ASSERT_EQ(topK1.sample(ties.data()), 1);
      ASSERT_EQ(tinyTopP.sample(ties.data()), 1);
      ASSERT_EQ(bothWithK.sample(ties.data()), 1);
      ASSERT_EQ(tinyTopP6.sample(kLogits.data()), 3);
    }
  }
}

TEST(SamplerTest, TemperatureFollowsTheSoftmax) {
  for (float temperature : {0.8f, 1.0f, 2.0f}) {
    Sampler sampler(6, params(temperature, 0, 1.0f, 1234));
    std::vector<double> freq = frequencies(sampler, kLogits, kDraws);
    std::vector<double> expected = softmax(kLogits, temperature);
    for (size_t i = 0; i < kLogits.size(); ++i)
      EXPECT_NEAR(freq[i], expected[i], kTolerance)
          << "token " << i << " at temperature " << temperature;
  }
}

TEST(SamplerTest, TopKRenormalizesOverTheKBest) {
  Sampler sampler(6, params(1.0f, 2, 1.0f, 99));
  std::vector<double> freq = frequencies(sampler, kLogits, kDraws);
  // Only 3 (logit 3.0) and 5 (logit 2.5): p = 1 / (1 + e^-0.5) = 0.6225.
  double p3 = 1.0 / (1.0 + std::exp(-0.5));
  EXPECT_NEAR(freq[3], p3, kTolerance);
  EXPECT_NEAR(freq[5], 1 - p3, kTolerance);
  for (int i : {0, 1, 2, 4})
    EXPECT_EQ(freq[i], 0.0) << "token " << i << " is outside the top 2";
}

TEST(SamplerTest, TopPKeepsTheSmallestPrefixReachingP) {
  // Probabilities 0.5, 0.3, 0.15, 0.05 (logits are their logs).
  std::vector<float> logits = {std::log(0.15f), std::log(0.5f), std::log(0.05f), std::log(0.3f)};
  // 0.5 < 0.7 <= 0.8: ids 1 and 3 stay, renormalized to 0.625 / 0.375.
  Sampler sampler(4, params(1.0f, 0, 0.7f, 5));
  std::vector<double> freq = frequencies(sampler, logits, kDraws);
  EXPECT_NEAR(freq[1], 0.625, kTolerance);
  EXPECT_NEAR(freq[3], 0.375, kTolerance);
  EXPECT_EQ(freq[0], 0.0);
  EXPECT_EQ(freq[2], 0.0);
  // 0.9 needs the third one as well (0.8 < 0.9 <= 0.95).
  Sampler wider(4, params(1.0f, 0, 0.9f, 5));
  freq = frequencies(wider, logits, kDraws);
  EXPECT_NEAR(freq[0], 0.15 / 0.95, kTolerance);
  EXPECT_EQ(freq[2], 0.0);
}

TEST(SamplerTest, SeededSequencesArePinned) {
  // From the Python port (see the file comment).
  Sampler temperature(6, params(0.8f, 0, 1.0f, 1234));
  EXPECT_EQ(draw(temperature, kLogits, 16),
            (std::vector<int32_t>{1, 5, 3, 5, 1, 5, 3, 2, 3, 3, 3, 3, 1, 3, 3, 5}));
  Sampler topK(6, params(1.5f, 3, 1.0f, 1234));
  EXPECT_EQ(draw(topK, kLogits, 16),
            (std::vector<int32_t>{3, 1, 5, 1, 3, 1, 5, 3, 5, 5, 5, 3, 3, 5, 3, 1}));
  Sampler topP(6, params(1.0f, 0, 0.9f, 1234));
  EXPECT_EQ(draw(topP, kLogits, 16),
            (std::vector<int32_t>{3, 1, 5, 1, 3, 1, 3, 3, 5, 5, 5, 3, 3, 5, 3, 1}));
  Sampler both(6, params(1.0f, 4, 0.8f, 77));
  EXPECT_EQ(draw(both, kLogits, 16),
            (std::vector<int32_t>{3, 3, 5, 1, 3, 3, 3, 5, 5, 3, 1, 3, 3, 3, 5, 3}));
}

TEST(SamplerTest, TopPReachesIntoTheLongTail) {
  // One token at logit 0 and 1000 at -10 (weight 4.5e-5 each, below the
  // first cutoff of the partial sort): a nucleus of 0.99 needs ~770 of the
  // tail, lowest ids first among the ties.
  const int64_t vocab = 1001;
  std::vector<float> logits(vocab, -10.0f);
  logits[0] = 0.0f;
  const double tail = std::exp(-10.0);
  const double total = 1.0 + 1000 * tail;
  double kept = 1.0;
  int64_t last = 0;
  while (kept < 0.99f * total)
    kept += tail, ++last;
  ASSERT_GT(last, 500);
  ASSERT_LT(last, 1000);
  Sampler sampler(vocab, params(1.0f, 0, 0.99f, 11));
  int32_t maxSeen = 0;
  int zeros = 0;
  for (int i = 0; i < kDraws; ++i) {
    int32_t t = sampler.sample(logits.data());
    maxSeen = std::max(maxSeen, t);
    zeros += t == 0;
  }
  EXPECT_LE(maxSeen, last) << "sampled outside the nucleus";
  EXPECT_GT(maxSeen, last - 100) << "the nucleus was cut short";
  EXPECT_NEAR(double(zeros) / kDraws, 1.0 / kept, kTolerance);
}

TEST(SamplerTest, SameSeedSameTokensDifferentSeedDifferent) {
  std::vector<float> flat(50);
  for (size_t i = 0; i < flat.size(); ++i)
    flat[i] = float(i % 7) * 0.1f;
  Sampler a(50, params(1.0f, 0, 1.0f, 2024));
  Sampler b(50, params(1.0f, 0, 1.0f, 2024));
  Sampler c(50, params(1.0f, 0, 1.0f, 2025));
  std::vector<int32_t> first = draw(a, flat, 64);
  EXPECT_EQ(draw(b, flat, 64), first);
  EXPECT_NE(draw(c, flat, 64), first);
  a.reset();
  EXPECT_EQ(draw(a, flat, 64), first) << "reset restarts from the seed";
}

TEST(SamplerTest, RepetitionPenalty) {
  SamplerParams p = params(0);
  p.repetitionPenalty = 1.5f;
  // Positive logits are divided: 2.0 / 1.5 = 1.33 < 1.9.
  Sampler positive(3, p);
  std::vector<float> logits = {2.0f, 1.9f, -1.0f};
  positive.accept(0);
  EXPECT_EQ(positive.sample(logits.data()), 1);
  // Negative logits are multiplied: -1.0 * 1.5 = -1.5 < -1.2.
  Sampler negative(2, p);
  std::vector<float> negatives = {-1.0f, -1.2f};
  negative.accept(0);
  EXPECT_EQ(negative.sample(negatives.data()), 1);
  // Once per distinct token, however often it repeats: 2.0 / 1.5 > 1.0,
  // where three applications would give 0.59.
  Sampler once(2, p);
  std::vector<float> twoOne = {2.0f, 1.0f};
  once.accept(0);
  once.accept(0);
  once.accept(0);
  EXPECT_EQ(once.sample(twoOne.data()), 0);
  // Only the last repetitionLastN tokens count; sampled tokens count too.
  p.repetitionLastN = 2;
  Sampler window(8, p);
  std::vector<float> eight = {2.0f, 1.9f, 0, 0, 0, 0, 0, 0};
  window.accept(0);
  window.accept(5);
  window.accept(6);
  EXPECT_EQ(window.sample(eight.data()), 0) << "token 0 left the history";
  EXPECT_EQ(window.sample(eight.data()), 1) << "token 0 was just sampled";
  window.reset();
  EXPECT_EQ(window.sample(eight.data()), 0) << "reset clears the history";
}

TEST(SamplerTest, ValidatesParams) {
  EXPECT_EQ(validateSamplerParams(SamplerParams()), "");
  EXPECT_EQ(validateSamplerParams(params(0.7f, 40, 0.95f, 1)), "");
  EXPECT_NE(validateSamplerParams(params(-1.0f)), "");
  EXPECT_NE(validateSamplerParams(params(std::nanf(""))), "");
  EXPECT_NE(validateSamplerParams(params(1.0f, -1)), "");
  EXPECT_NE(validateSamplerParams(params(1.0f, 0, 0.0f)), "");
  EXPECT_NE(validateSamplerParams(params(1.0f, 0, 1.5f)), "");
  SamplerParams p;
  p.repetitionPenalty = 0;
  EXPECT_NE(validateSamplerParams(p), "");
}
