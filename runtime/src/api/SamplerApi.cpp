//===- SamplerApi.cpp - sinkrt_sampler_*, sinkrt_sample -------------------===//

#include "api/Handles.h"

#include "core/Sampler.h"

#include <cstdint>

using namespace sinkrt;
using sinkrt::api::fail;

struct sinkrt_sampler {
  std::unique_ptr<sinkrt::Sampler> sampler;
};

namespace {

constexpr size_t kOptionsV2Size = sizeof(sinkrt_sampler_options);

/// Reads `in` (NULL: the defaults) into `out`; an error message when its
/// size is too small, it sets fields this runtime does not know, or a value
/// is out of range.
std::string readOptions(const sinkrt_sampler_options *in, SamplerParams &out) {
  if (!in)
    return "";
  if (in->size < kOptionsV2Size)
    return "options->size is " + std::to_string(in->size) + ", below " +
           std::to_string(kOptionsV2Size) + " (set it to sizeof(sinkrt_sampler_options))";
  const unsigned char *bytes = reinterpret_cast<const unsigned char *>(in);
  for (size_t i = kOptionsV2Size; i < in->size; ++i)
    if (bytes[i])
      return "options sets fields this runtime does not know (byte " + std::to_string(i) + " of " +
             std::to_string(in->size) + " is not zero)";
  out.temperature = in->temperature;
  out.topK = in->top_k;
  out.topP = in->top_p;
  out.repetitionPenalty = in->repetition_penalty;
  out.repetitionLastN = in->repetition_last_n;
  out.seed = in->seed;
  return validateSamplerParams(out);
}

} // namespace

extern "C" sinkrt_status sinkrt_sampler_create(const sinkrt_sampler_options *options, size_t vocab,
                                               sinkrt_sampler **out) {
  return api::guard([&] {
    if (!out)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sampler_create: out is NULL");
    if (vocab < 1 || vocab > size_t(INT32_MAX))
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sampler_create: vocab " +
                                                     std::to_string(vocab) +
                                                     " is outside [1, 2^31-1]");
    SamplerParams params;
    if (std::string e = readOptions(options, params); !e.empty())
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sampler_create: " + e);
    auto handle = std::make_unique<sinkrt_sampler>();
    handle->sampler = std::make_unique<Sampler>(int64_t(vocab), params);
    *out = handle.release();
    return api::succeed();
  });
}

extern "C" void sinkrt_sampler_destroy(sinkrt_sampler *sampler) { delete sampler; }

extern "C" sinkrt_status sinkrt_sample(sinkrt_sampler *sampler, const float *logits,
                                       int32_t *token) {
  return api::guard([&] {
    if (!sampler)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sample: sampler is NULL");
    if (!logits)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sample: logits is NULL");
    if (!token)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sample: token is NULL");
    *token = sampler->sampler->sample(logits);
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_sampler_accept(sinkrt_sampler *sampler, int32_t token) {
  return api::guard([&] {
    if (!sampler)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sampler_accept: sampler is NULL");
    int64_t vocab = sampler->sampler->vocabSize();
    if (token < 0 || token >= vocab)
      return fail(SINKRT_ERROR_INVALID_ARGUMENT,
                  "sinkrt_sampler_accept: id " + std::to_string(token) +
                      " is outside the vocabulary of " + std::to_string(vocab) + " tokens");
    sampler->sampler->accept(token);
    return api::succeed();
  });
}

extern "C" sinkrt_status sinkrt_sampler_reset(sinkrt_sampler *sampler) {
  if (!sampler)
    return fail(SINKRT_ERROR_INVALID_ARGUMENT, "sinkrt_sampler_reset: sampler is NULL");
  sampler->sampler->reset();
  return api::succeed();
}
