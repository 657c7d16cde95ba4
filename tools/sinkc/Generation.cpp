//===- Generation.cpp - the token loop of `sinkc run` ---------------------===//

#include "Generation.h"

#include <limits>

using namespace llvm;
namespace rt = sinkrt::cxx;

namespace sinkc::cli {

namespace {

constexpr StringRef kCommand = "run";

/// The text side of generation: ids -> characters -> text before any stop
/// string, written to `out` as it becomes certain.
class TextSink {
public:
  TextSink(raw_ostream &out, bool printIds) : out(out), printIds(printIds) {}

  bool init(const rt::Tokenizer &tokenizer, const std::vector<std::string> &stops) {
    rt::Status status;
    // Control tokens (chat markers) are not text to show.
    detokenizer = rt::Detokenizer::create(tokenizer, status, /*skipSpecial=*/true);
    if (detokenizer)
      matcher = rt::StopMatcher::create(stops, status);
    if (!detokenizer || !matcher)
      return fail(status);
    return true;
  }

  /// Takes one generated token; false on error. `stopped` turns true once
  /// a stop string completed.
  bool push(int32_t id, bool &stopped) {
    std::string piece, text;
    if (rt::Status s = detokenizer.push(id, piece); !s)
      return fail(s);
    if (rt::Status s = matcher.feed(piece, text, stopped); !s)
      return fail(s);
    if (printIds)
      out << (first ? "" : " ") << id;
    else
      out << text;
    first = false;
    out.flush();
    return true;
  }

  /// The end of generation: the held-back text (a cut-off character as
  /// U+FFFD, a partial stop string as itself).
  bool finish() {
    std::string piece, text;
    bool stopped = false;
    if (rt::Status s = detokenizer.flush(piece); !s)
      return fail(s);
    if (rt::Status s = matcher.feed(piece, text, stopped); !s)
      return fail(s);
    if (!stopped)
      if (rt::Status s = matcher.flush(text); !s)
        return fail(s);
    if (printIds)
      out << (first ? "" : "\n");
    else
      out << text;
    out.flush();
    return true;
  }

private:
  bool fail(const rt::Status &status) {
    reportError(kCommand, status.message);
    return false;
  }

  raw_ostream &out;
  bool printIds, first = true;
  rt::Detokenizer detokenizer;
  rt::StopMatcher matcher;
};

/// Rows of the model's vocabulary past the tokenizer's (embeddings padded
/// to a round size) are no text: they are never sampled.
void maskUntokenizable(std::vector<float> &logits, size_t tokenizerVocab) {
  for (size_t i = tokenizerVocab; i < logits.size(); ++i)
    logits[i] = -std::numeric_limits<float>::infinity();
}

/// Whether a failed decode failed because the session's full-attention
/// context is used up (the runtime refuses a position past ctx; streaming
/// caches never do).
bool contextIsFull(const rt::Status &status, const rt::Session &session) {
  return status.code == SINKRT_ERROR_INVALID_ARGUMENT && session.position() >= session.context();
}

} // namespace

int generate(PackageSession &model, const std::vector<int32_t> &prompt,
             const GenerationOptions &options, raw_ostream &out, GenerationStats &stats) {
  rt::Session &session = model.session;
  stats = GenerationStats();
  stats.promptTokens = prompt.size();

  rt::Status status;
  rt::Sampler sampler = rt::Sampler::create(session.vocab(), options.sampler, status);
  if (!sampler)
    return reportError(kCommand, status.message);
  TextSink sink(out, options.printIds);
  if (!sink.init(model.tokenizer, options.stops))
    return 1;

  std::vector<float> logits;
  Stopwatch prefill, decode;
  prefill.start();
  status = session.prefill(prompt, logits);
  prefill.stop();
  stats.prefillSeconds = prefill.seconds();
  if (!status) {
    // The runtime refuses a prompt past a full-attention context up front.
    if (status.code == SINKRT_ERROR_INVALID_ARGUMENT && int64_t(prompt.size()) > session.context())
      return reportError(kCommand, "prompt has " + Twine(prompt.size()) + " tokens, context is " +
                                       Twine(session.context()) +
                                       " (see --ctx; or shorten the prompt)");
    return reportError(kCommand, status.message);
  }
  stats.ran = prompt;
  // The prompt counts for the repetition penalty.
  for (int32_t id : prompt)
    if (rt::Status s = sampler.accept(id); !s)
      return reportError(kCommand, s.message);

  const int32_t eos = model.tokenizer.eos();
  const size_t tokenizerVocab = model.tokenizer.vocabSize();
  for (int64_t i = 0; i < options.maxTokens; ++i) {
    maskUntokenizable(logits, tokenizerVocab);
    int32_t id = 0;
    if (rt::Status s = sampler.sample(logits.data(), id); !s)
      return reportError(kCommand, s.message);
    if (id == eos) {
      stats.reason = StopReason::Eos;
      break;
    }
    ++stats.generatedTokens;
    bool stopped = false;
    if (!sink.push(id, stopped))
      return 1;
    if (stopped) {
      stats.reason = StopReason::StopString;
      break;
    }
    if (i + 1 == options.maxTokens)
      break; // the last token's logits are not needed
    decode.start();
    status = session.decode(id, logits);
    decode.stop();
    if (status)
      stats.ran.push_back(id);
    if (!status) {
      if (!contextIsFull(status, session))
        return reportError(kCommand, status.message);
      stats.reason = StopReason::ContextFull;
      break;
    }
    ++stats.decodedTokens;
  }
  stats.decodeSeconds = decode.seconds();
  return sink.finish() ? 0 : 1;
}

} // namespace sinkc::cli
