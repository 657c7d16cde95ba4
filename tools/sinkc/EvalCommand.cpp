//===- EvalCommand.cpp - sinkc eval PKG --text FILE -----------------------===//
//
// Perplexity of a package on a text, as llama.cpp's perplexity tool and the
// numpy reference (test/oracle/llama_reference.py --perplexity) compute it:
// the file is tokenized once (no BOS), cut into non-overlapping windows of
// --ctx tokens (a last partial window of at least 2 tokens included), each
// window runs from an empty cache, and every token but the first of each
// window is scored by the log-softmax (in double) of the logits before it.
// perplexity = exp(mean negative log-likelihood).
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "PackageSession.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace llvm;
namespace rt = sinkrt::cxx;

namespace sinkc::cli {

cl::SubCommand evalCommand("eval", "Perplexity of a compiled .sinkpkg package on a text file");

namespace {
cl::opt<std::string> packagePath(cl::Positional, cl::Required, cl::sub(evalCommand),
                                 cl::desc("PKG (a .sinkpkg from sinkc compile)"),
                                 cl::value_desc("PKG"));
cl::opt<std::string> textPath("text", cl::Required, cl::sub(evalCommand),
                              cl::desc("The text to score (UTF-8 file)"), cl::value_desc("file"));
cl::opt<int64_t> contextSize("ctx", cl::sub(evalCommand), cl::init(512),
                             cl::desc("Tokens per window (default 512, at most the model's "
                                      "context)"),
                             cl::value_desc("C"));
cl::opt<int64_t> tokenLimit("max-tokens", cl::sub(evalCommand), cl::init(0),
                            cl::desc("Score only the first N tokens of the text (default 0: all)"),
                            cl::value_desc("N"));
cl::opt<int64_t> threadCount("threads", cl::sub(evalCommand), cl::init(0),
                             cl::desc("Threads (default 0: every hardware thread)"),
                             cl::value_desc("T"));
cl::opt<bool> asJson("json", cl::sub(evalCommand),
                     cl::desc("Print one JSON object: tokens_scored, perplexity, windows, "
                              "tokens_per_second"));

constexpr StringRef kCommand = "eval";
/// Tokens per prefill call: bounds the all-logits buffer (tokens x vocab
/// floats) whatever --ctx is.
constexpr size_t kChunk = 128;

/// -log softmax(logits)[target] in double, the maximum subtracted first.
double negativeLogLikelihood(const float *logits, size_t vocab, int32_t target) {
  double maximum = -INFINITY;
  for (size_t i = 0; i < vocab; ++i)
    maximum = std::max(maximum, double(logits[i]));
  double sum = 0;
  for (size_t i = 0; i < vocab; ++i)
    sum += std::exp(double(logits[i]) - maximum);
  return maximum + std::log(sum) - double(logits[target]);
}

struct EvalResult {
  uint64_t scored = 0, windows = 0; ///< scored = tokens run (see score())
  double nll = 0, seconds = 0;
};

/// Reports `message`; returns false.
bool failed(const Twine &message) {
  reportError(kCommand, message);
  return false;
}

/// Scores `ids` window by window on `session`; reports errors.
bool score(rt::Session &session, const std::vector<int32_t> &ids, size_t window,
           EvalResult &result) {
  const size_t vocab = session.vocab();
  std::vector<float> logits;
  Stopwatch clock;
  for (size_t begin = 0; begin + 2 <= ids.size(); begin += window) {
    const size_t length = std::min(window, ids.size() - begin);
    if (rt::Status s = session.reset(); !s)
      return failed(s.message);
    // Row i of the logits after tokens [0, i] predicts token i + 1, so the
    // window's last token need not run.
    for (size_t chunk = 0; chunk + 1 < length; chunk += kChunk) {
      const size_t count = std::min(kChunk, length - 1 - chunk);
      std::vector<int32_t> part(ids.begin() + begin + chunk, ids.begin() + begin + chunk + count);
      clock.start();
      rt::Status s = session.prefill(part, logits, /*allLogits=*/true);
      clock.stop();
      if (!s)
        return failed(s.message);
      for (size_t i = 0; i < count; ++i) {
        const size_t target = begin + chunk + i + 1;
        double nll = negativeLogLikelihood(&logits[i * vocab], vocab, ids[target]);
        if (std::isnan(nll))
          return failed("the model's logits for token " + Twine(target) +
                        " of the text are not numbers (NaN)");
        result.nll += nll;
      }
      result.scored += count;
    }
    ++result.windows;
  }
  result.seconds = clock.seconds();
  return true;
}

} // namespace

int runEval() {
  if (tokenLimit < 0)
    return reportError(kCommand,
                       "--max-tokens must be >= 0 (0: all), got " + Twine(int64_t(tokenLimit)));
  if (contextSize < 2)
    return reportError(kCommand, "--ctx must be >= 2 (a window scores all its tokens but "
                                 "the first), got " +
                                     Twine(int64_t(contextSize)));
  std::optional<std::string> text = readFileBytes(kCommand, textPath, "--text");
  if (!text)
    return 1;
  // Without --ctx, windows of 512 tokens or the model's context if shorter.
  std::optional<PackageSession> model =
      openPackageSession(kCommand, packagePath, contextSize, threadCount,
                         /*capAtModelContext=*/contextSize.getNumOccurrences() == 0);
  if (!model)
    return 1;

  std::vector<int32_t> ids;
  if (rt::Status s = model->tokenizer.encode(*text, ids, SINKRT_BOS_NO, /*parseSpecial=*/false); !s)
    return reportError(kCommand, s.message);
  if (tokenLimit > 0 && ids.size() > size_t(tokenLimit))
    ids.resize(size_t(tokenLimit));
  if (ids.size() < 2)
    return reportError(kCommand, "'" + textPath + "' has " + Twine(ids.size()) +
                                     " token(s) to score; at least 2 are needed");

  EvalResult result;
  const int64_t window = model->session.context();
  if (!score(model->session, ids, size_t(window), result))
    return 1;
  const double perplexity = std::exp(result.nll / double(result.scored));
  const double rate = result.seconds > 0 ? double(result.scored) / result.seconds : 0;
  if (asJson) {
    json::OStream j(outs());
    j.object([&] {
      j.attribute("tokens_scored", int64_t(result.scored));
      // JSON has no infinity: a perplexity that overflows is null.
      j.attribute("perplexity", std::isfinite(perplexity) ? json::Value(perplexity) : nullptr);
      j.attribute("windows", int64_t(result.windows));
      j.attribute("tokens_per_second", rate);
    });
    outs() << "\n";
    return 0;
  }
  outs() << "tokens scored: " << result.scored << "\n"
         << "windows: " << result.windows << " of up to " << window << " tokens\n"
         << "perplexity: " << fixed(perplexity, 4) << "\n"
         << "speed: " << rateText(result.scored, result.seconds) << "\n";
  return 0;
}

} // namespace sinkc::cli
