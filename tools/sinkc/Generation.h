//===- Generation.h - the token loop of `sinkc run` -------------*- C++ -*-===//
//
// Prefill the prompt, then sample and decode token by token, streaming the
// text: the detokenizer never splits a UTF-8 character and the stop-string
// matcher holds back text that may still become a stop string, so what is
// printed is exactly the final text, as it becomes certain. Stops at EOS
// (not printed), at a stop string (not printed), after the token limit, or
// when a full-attention cache is full.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_GENERATION_H
#define SINKC_TOOLS_SINKC_GENERATION_H

#include "PackageSession.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace sinkc::cli {

struct GenerationOptions {
  int64_t maxTokens = 64;
  sinkrt_sampler_options sampler = SINKRT_SAMPLER_OPTIONS_INIT;
  std::vector<std::string> stops;
  /// Print the generated ids (space-separated) instead of their text.
  bool printIds = false;
};

enum class StopReason { Limit, Eos, StopString, ContextFull };

struct GenerationStats {
  uint64_t promptTokens = 0;
  /// Tokens sampled, EOS not counted.
  uint64_t generatedTokens = 0;
  uint64_t decodedTokens = 0; ///< tokens run through decode
  double prefillSeconds = 0, decodeSeconds = 0;
  StopReason reason = StopReason::Limit;
  /// Every id the model ran (the prompt, then each decoded token): the rows
  /// of the session's taps.
  std::vector<int32_t> ran;
};

/// Runs the loop on `model`'s session (at position 0) and writes the text
/// (or ids) to `out`, flushing after each piece. Returns 0, or 1 after
/// reporting an error as "sinkc run: ...".
int generate(PackageSession &model, const std::vector<int32_t> &prompt,
             const GenerationOptions &options, llvm::raw_ostream &out, GenerationStats &stats);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_GENERATION_H
