//===- Sampler.cpp - picks the next token from logits ---------------------===//

#include "core/Sampler.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace sinkrt;

namespace {

uint64_t splitmix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

} // namespace

void Rng::reseed(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t &word : s)
    word = splitmix64(state);
}

uint64_t Rng::next() {
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

std::string sinkrt::validateSamplerParams(const SamplerParams &p) {
  if (!std::isfinite(p.temperature) || p.temperature < 0)
    return "temperature must be a finite number >= 0 (0 is greedy)";
  if (p.topK < 0)
    return "top-k must be >= 0 (0 turns it off)";
  if (!(p.topP > 0 && p.topP <= 1))
    return "top-p must be in (0, 1] (1 turns it off)";
  if (!std::isfinite(p.repetitionPenalty) || p.repetitionPenalty <= 0)
    return "repetition penalty must be a finite number > 0 (1 turns it off)";
  if (p.repetitionLastN < 0)
    return "repetition history must be >= 0 tokens";
  return "";
}

Sampler::Sampler(int64_t vocabSize, const SamplerParams &params)
    : vocab(std::max<int64_t>(vocabSize, 1)), config(params) {
  if (!std::isfinite(config.temperature) || config.temperature < 0)
    config.temperature = 0;
  config.topK = std::max(config.topK, 0);
  if (!(config.topP <= 1)) // NaN included
    config.topP = 1;
  if (!std::isfinite(config.repetitionPenalty) || config.repetitionPenalty <= 0)
    config.repetitionPenalty = 1;
  config.repetitionLastN = std::max(config.repetitionLastN, 0);
  work.resize(vocab);
  order.resize(vocab);
  weights.resize(vocab);
  idWeights.resize(vocab);
  seen.assign(vocab, 0);
  history.resize(config.repetitionLastN);
  reset();
}

void Sampler::reset() {
  rng.reseed(config.seed);
  historyNext = historySize = 0;
}

void Sampler::accept(int32_t token) {
  if (history.empty() || token < 0 || token >= vocab)
    return;
  history[historyNext] = token;
  historyNext = (historyNext + 1) % history.size();
  historySize = std::min(historySize + 1, history.size());
}

int32_t Sampler::argmax(const float *values, int64_t n) {
  int32_t best = 0;
  float bestValue = kNegInf;
  bool found = false;
  for (int64_t i = 0; i < n; ++i) {
    // Strictly greater: the lowest id wins a tie.
    if (!std::isnan(values[i]) && (!found || values[i] > bestValue)) {
      best = static_cast<int32_t>(i);
      bestValue = values[i];
      found = true;
    }
  }
  return best;
}

void Sampler::applyPenalty() {
  // CTRL's penalty as llama.cpp applies it: shrink positive logits, push
  // negative ones further down; once per distinct token in the history.
  const float penalty = config.repetitionPenalty;
  for (size_t i = 0; i < historySize; ++i) {
    int32_t t = history[i];
    if (seen[t])
      continue;
    seen[t] = 1;
    work[t] = work[t] > 0 ? work[t] / penalty : work[t] * penalty;
  }
  for (size_t i = 0; i < historySize; ++i)
    seen[history[i]] = 0;
}

int32_t Sampler::sample(const float *logits) {
  for (int64_t i = 0; i < vocab; ++i)
    work[i] = std::isnan(logits[i]) ? kNegInf : logits[i];
  if (config.repetitionPenalty != 1.0f && historySize)
    applyPenalty();

  int32_t token =
      config.temperature <= 0 || config.topK == 1 ? argmax(work.data(), vocab) : sampleStochastic();
  accept(token);
  return token;
}

int64_t Sampler::nucleus(int64_t n, double target, double &kept) const {
  // The smallest prefix of the sorted candidates holding `target` of the
  // mass; the first candidate is always kept.
  kept = weights[0];
  int64_t m = 1;
  while (m < n && kept < target)
    kept += weights[m++];
  return m;
}

int32_t Sampler::sampleStochastic() {
  const float maxLogit = *std::max_element(work.begin(), work.end());
  if (maxLogit == kNegInf) {
    rng.next(); // keep one draw per sample
    return 0;
  }
  // Softmax in f64 with the maximum subtracted; normalization is left to the
  // draw (u is scaled by the kept mass).
  const double invT = 1.0 / double(config.temperature);
  auto weightOf = [&](int32_t id) {
    return std::exp((double(work[id]) - double(maxLogit)) * invT);
  };
  // Candidates in a total order, so the result never depends on how the sort
  // treats equal keys.
  auto better = [&](int32_t a, int32_t b) {
    return work[a] > work[b] || (work[a] == work[b] && a < b);
  };
  for (int64_t i = 0; i < vocab; ++i)
    order[i] = static_cast<int32_t>(i);

  int64_t n = vocab; // candidates: order[0, n) with weights[0, n)
  double mass = 0;   // their total weight
  if (config.topK > 0 && config.topK < vocab) {
    n = config.topK;
    std::partial_sort(order.begin(), order.begin() + n, order.end(), better);
    for (int64_t i = 0; i < n; ++i)
      mass += weights[i] = weightOf(order[i]);
    if (config.topP < 1)
      n = nucleus(n, double(config.topP) * mass, mass);
  } else if (config.topP < 1) {
    // Sorting the whole vocabulary costs milliseconds; only tokens whose
    // weight reaches a cutoff are sorted. Weights grow with the logit, so
    // those tokens are a prefix of the sorted order, and once the nucleus
    // ends inside them it is the one a full sort would give.
    double total = 0;
    for (int64_t i = 0; i < vocab; ++i)
      total += idWeights[i] = weightOf(static_cast<int32_t>(i));
    const double target = double(config.topP) * total;
    for (double cutoff = 1e-4;; cutoff = cutoff > 1e-280 ? cutoff * 1e-4 : 0) {
      auto end = std::partition(order.begin(), order.end(),
                                [&](int32_t id) { return idWeights[id] >= cutoff; });
      int64_t prefix = end - order.begin();
      std::sort(order.begin(), end, better);
      for (int64_t i = 0; i < prefix; ++i)
        weights[i] = idWeights[order[i]];
      n = nucleus(prefix, target, mass);
      if (mass >= target || prefix == vocab)
        break;
    }
  } else {
    for (int64_t i = 0; i < vocab; ++i)
      mass += weights[i] = weightOf(static_cast<int32_t>(i));
  }

  const double u = rng.nextDouble() * mass;
  double acc = 0;
  int32_t token = order[0];
  for (int64_t i = 0; i < n; ++i) {
    if (weights[i] <= 0)
      continue;
    acc += weights[i];
    token = order[i]; // the last candidate with weight absorbs rounding
    if (u < acc)
      break;
  }
  return token;
}
