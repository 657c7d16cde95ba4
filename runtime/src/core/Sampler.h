//===- Sampler.h - picks the next token from logits -----------------------===//
//
// Greedy, temperature, top-k, top-p and a repetition penalty, driven by a
// self-contained PRNG so that a seed gives the same tokens on any machine,
// standard library and thread count. The order of the steps (llama.cpp's):
//
//   penalty -> (greedy: argmax) -> top-k -> softmax(logits / T) in f64
//           -> top-p on the sorted probabilities -> one uniform draw
//
// Ties are broken by the lowest token id everywhere: candidates are ordered
// by (logit descending, id ascending), so top-k = 1 and a tiny top-p are
// exactly greedy. Every stochastic sample consumes exactly one draw.
// Work buffers are sized to the vocabulary once: sampling allocates nothing.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_CORE_SAMPLER_H
#define SINKRT_CORE_SAMPLER_H

#include <cstdint>
#include <string>
#include <vector>

namespace sinkrt {

/// xoshiro256** (Blackman & Vigna), seeded by running splitmix64 on the user
/// seed. Fully specified, so its streams are the same everywhere.
class Rng {
public:
  explicit Rng(uint64_t seed = 0) { reseed(seed); }
  void reseed(uint64_t seed);
  uint64_t next();
  /// Uniform in [0, 1) with 53 random bits.
  double nextDouble() { return double(next() >> 11) * 0x1.0p-53; }

private:
  uint64_t s[4];
};

struct SamplerParams {
  float temperature = 0.0f;       // 0: greedy
  int32_t topK = 0;               // 0: off
  float topP = 1.0f;              // 1: off; otherwise keeps at least one token
  float repetitionPenalty = 1.0f; // 1: off; > 1 discourages repeats
  int32_t repetitionLastN = 64;   // tokens of history the penalty looks at
  uint64_t seed = 0;
};

/// An empty string when `params` are usable, otherwise what is wrong
/// (temperature negative or not finite, top-k negative, top-p outside
/// (0, 1], penalty not positive, history negative).
std::string validateSamplerParams(const SamplerParams &params);

class Sampler {
public:
  /// `params` should pass validateSamplerParams; out-of-range values are
  /// clamped to the nearest meaningful one.
  Sampler(int64_t vocabSize, const SamplerParams &params);

  /// Picks a token from `vocabSize()` logits (NaN counts as -inf) and adds
  /// it to the penalty history. With every logit -inf it returns 0.
  int32_t sample(const float *logits);

  /// Adds a token the model did not sample (the prompt) to the history.
  void accept(int32_t token);

  /// Forgets the history and restarts the PRNG from the seed.
  void reset();

  int64_t vocabSize() const { return vocab; }
  const SamplerParams &params() const { return config; }

  /// The first index of the largest value (NaN ignored; 0 if none).
  static int32_t argmax(const float *values, int64_t n);

private:
  void applyPenalty();
  int32_t sampleStochastic();
  int64_t nucleus(int64_t n, double target, double &kept) const;

  int64_t vocab;
  SamplerParams config;
  Rng rng;

  std::vector<float> work;       // penalized logits
  std::vector<int32_t> order;    // candidate ids, best first once sorted
  std::vector<double> weights;   // unnormalized probabilities of order
  std::vector<double> idWeights; // the same by token id (top-p only)
  std::vector<uint8_t> seen;     // penalty: applied once per distinct id
  std::vector<int32_t> history;  // ring of the last repetitionLastN ids
  size_t historyNext = 0, historySize = 0;
};

} // namespace sinkrt

#endif // SINKRT_CORE_SAMPLER_H
