//===- RunCommand.cpp - sinkc run PKG --prompt TEXT -----------------------===//
//
// Generates text with a compiled package: tokenizes the prompt (BOS as the
// package says, unless --no-bos), prefills it, then samples up to -n tokens
// (Generation.h), streaming the text to stdout; statistics go to stderr.
// Sampling depends only on the logits and the seed, so a seed gives the
// same text at any thread count.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "Generation.h"

#include "llvm/Support/JSON.h"
#include "TapDump.h"
#include "ChatTemplate.h"
#include "PackageSession.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <random>

using namespace llvm;

namespace sinkc::cli {

cl::SubCommand runCommand("run", "Generate text with a compiled .sinkpkg package");

namespace {
cl::opt<std::string> packagePath(cl::Positional, cl::Required, cl::sub(runCommand),
                                 cl::desc("PKG (a .sinkpkg from sinkc compile)"),
                                 cl::value_desc("PKG"));
cl::opt<std::string> promptText("prompt", cl::sub(runCommand), cl::desc("The prompt"),
                                cl::value_desc("text"));
cl::opt<std::string> promptFile("prompt-file", cl::sub(runCommand),
                                cl::desc("Read the prompt from a file (instead of --prompt)"),
                                cl::value_desc("file"));
cl::opt<int64_t> maxTokens("n", cl::sub(runCommand), cl::init(64),
                           cl::desc("Tokens to generate at most (default 64)"),
                           cl::value_desc("N"));
cl::opt<int64_t> contextSize("ctx", cl::sub(runCommand), cl::init(0),
                             cl::desc("KV-cache context in tokens (default 0: the model's)"),
                             cl::value_desc("C"));
cl::opt<int64_t> threadCount("threads", cl::sub(runCommand), cl::init(0),
                             cl::desc("Threads (default 0: every hardware thread)"),
                             cl::value_desc("T"));
cl::opt<double> temperature("temp", cl::sub(runCommand), cl::init(0.8),
                            cl::desc("Sampling temperature (default 0.8; 0 = greedy)"),
                            cl::value_desc("T"));
cl::opt<int64_t> topK("top-k", cl::sub(runCommand), cl::init(40),
                      cl::desc("Sample among the K most likely tokens (default 40; 0 = all)"),
                      cl::value_desc("K"));
cl::opt<double> topP("top-p", cl::sub(runCommand), cl::init(0.95),
                     cl::desc("Sample among the most likely tokens holding P of the "
                              "probability (default 0.95; 1 = all)"),
                     cl::value_desc("P"));
cl::opt<double> repeatPenalty("repeat-penalty", cl::sub(runCommand), cl::init(1.0),
                              cl::desc("Penalty on recently seen tokens (default 1 = off)"),
                              cl::value_desc("R"));
cl::opt<int64_t> repeatLastN("repeat-last-n", cl::sub(runCommand), cl::init(64),
                             cl::desc("Tokens the repetition penalty looks back on (default 64)"),
                             cl::value_desc("N"));
cl::opt<uint64_t> seed("seed", cl::sub(runCommand),
                       cl::desc("Sampling seed (default: a random one, printed)"),
                       cl::value_desc("S"));
cl::list<std::string> stopStrings("stop", cl::sub(runCommand),
                                  cl::desc("Stop when this text is generated (not printed); "
                                           "repeatable; \\n, \\t and \\\\ are unescaped"),
                                  cl::value_desc("text"));
cl::opt<bool> noBos("no-bos", cl::sub(runCommand),
                    cl::desc("Do not prepend BOS, whatever the package says"));
cl::opt<std::string> device("device", cl::sub(runCommand), cl::init("cpu"),
                            cl::desc("Where the model runs: cpu (default), cuda, hip, cuda:N"),
                            cl::value_desc("device"));
cl::opt<bool> chat("chat", cl::sub(runCommand),
                   cl::desc("Wrap the prompt as a user turn in the model's chat format "
                            "(recognized from its template: chatml, llama3, llama2, mistral, "
                            "gemma)"));
cl::opt<std::string> systemText("system", cl::sub(runCommand),
                                cl::desc("With --chat: a system message"), cl::value_desc("TEXT"));
cl::opt<bool> verbosePrompt("verbose-prompt", cl::sub(runCommand),
                            cl::desc("Print the prompt as the model gets it (after --chat) "
                                     "to stderr"));
cl::opt<std::string> dumpDir("dump", cl::sub(runCommand),
                             cl::desc("Write the taps (packages compiled with --taps) to DIR "
                                      "as .npy files and taps.json"),
                             cl::value_desc("DIR"));
cl::opt<bool> printIds("ids", cl::sub(runCommand),
                       cl::desc("Print the generated token ids instead of their text"));

/// `text` with \n, \t and \\ replaced by the characters (a shell cannot
/// easily pass a newline as an argument); other backslashes stay.
std::string unescape(StringRef text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char next = i + 1 < text.size() ? text[i + 1] : 0;
    if (text[i] == '\\' && (next == 'n' || next == 't' || next == '\\')) {
      out += next == 'n' ? '\n' : next == 't' ? '\t' : '\\';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// A flag's number as the user would write it (%g).
std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

/// The sampling and generation options from the flags; reports the first
/// bad value.
std::optional<GenerationOptions> readOptions() {
  auto bad = [](const Twine &message) {
    reportError("run", message);
    return std::nullopt;
  };
  if (maxTokens < 0)
    return bad("-n must be >= 0, got " + Twine(int64_t(maxTokens)));
  if (!std::isfinite(temperature) || temperature < 0)
    return bad("--temp must be a finite number >= 0 (0 = greedy), got " + number(temperature));
  if (topK < 0 || topK > INT32_MAX)
    return bad("--top-k must be in [0, 2^31-1] (0 = all tokens), got " + Twine(int64_t(topK)));
  if (!(topP > 0 && topP <= 1))
    return bad("--top-p must be in (0, 1] (1 = all tokens), got " + number(topP));
  if (!std::isfinite(repeatPenalty) || repeatPenalty <= 0)
    return bad("--repeat-penalty must be a finite number > 0 (1 = off), got " +
               number(repeatPenalty));
  if (repeatLastN < 0 || repeatLastN > INT32_MAX)
    return bad("--repeat-last-n must be in [0, 2^31-1], got " + Twine(int64_t(repeatLastN)));

  GenerationOptions options;
  options.maxTokens = maxTokens;
  options.sampler.temperature = float(temperature);
  options.sampler.top_k = int32_t(topK);
  options.sampler.top_p = float(topP);
  options.sampler.repetition_penalty = float(repeatPenalty);
  options.sampler.repetition_last_n = int32_t(repeatLastN);
  options.sampler.seed = seed.getNumOccurrences()
                             ? uint64_t(seed)
                             : (uint64_t(std::random_device()()) << 32) | std::random_device()();
  for (const std::string &stop : stopStrings) {
    std::string text = unescape(stop);
    if (text.empty())
      return bad("--stop needs a non-empty text");
    if (text.find('\0') != std::string::npos)
      return bad("--stop text may not contain NUL");
    options.stops.push_back(std::move(text));
  }
  options.printIds = printIds;
  return options;
}

/// The prompt text from --prompt or --prompt-file.
std::optional<std::string> readPrompt() {
  bool inline_ = promptText.getNumOccurrences() > 0, file = promptFile.getNumOccurrences() > 0;
  if (inline_ == file) {
    reportError("run", inline_ ? "give --prompt or --prompt-file, not both"
                               : "no prompt: give --prompt TEXT or --prompt-file FILE");
    return std::nullopt;
  }
  if (inline_)
    return std::string(promptText);
  return readFileBytes("run", promptFile, "--prompt-file");
}

/// The prompt as one user turn in the package's chat format.
std::optional<std::string> chatPrompt(PackageSession &model, const std::string &prompt) {
  std::string chatTemplate;
  std::string_view text = model.package.manifestJson();
  if (Expected<json::Value> manifest = json::parse(StringRef(text.data(), text.size()))) {
    if (const json::Object *tokenizer = manifest->getAsObject()->getObject("tokenizer"))
      if (std::optional<StringRef> found = tokenizer->getString("chat_template"))
        chatTemplate = found->str();
  } else {
    consumeError(manifest.takeError());
  }
  if (chatTemplate.empty()) {
    reportError("run", "--chat: the model has no chat template; use --prompt with the text "
                       "as the model expects it");
    return std::nullopt;
  }
  std::optional<ChatFamily> family = detectChatFamily(chatTemplate);
  if (!family) {
    reportError("run", "--chat: the model's chat template is not one sinkc recognizes "
                       "(chatml, llama3, llama2, mistral, gemma); use --prompt with the "
                       "formatted text, or sinkc.runtime.Package.render_chat in Python");
    return std::nullopt;
  }
  return renderChat(*family, systemText, prompt);
}

const char *reasonText(StopReason reason) {
  switch (reason) {
  case StopReason::Limit:
    return "token limit (-n)";
  case StopReason::Eos:
    return "end of sequence";
  case StopReason::StopString:
    return "stop string";
  case StopReason::ContextFull:
    return "context full (--ctx)";
  }
  return "";
}

} // namespace

int runRun() {
  std::optional<GenerationOptions> options = readOptions();
  if (!options)
    return 1;
  std::optional<std::string> prompt = readPrompt();
  if (!prompt)
    return 1;
  std::optional<PackageSession> model =
      openPackageSession("run", packagePath, contextSize, threadCount, false, device);
  if (!model)
    return 1;

  if (chat) {
    std::optional<std::string> wrapped = chatPrompt(*model, *prompt);
    if (!wrapped)
      return 1;
    prompt = std::move(wrapped);
  } else if (!systemText.empty()) {
    return reportError("run", "--system needs --chat");
  }
  if (verbosePrompt)
    errs() << "prompt: " << *prompt << "\n";

  std::vector<int32_t> ids;
  if (sinkrt::cxx::Status s = model->tokenizer.encode(
          *prompt, ids, noBos ? SINKRT_BOS_NO : SINKRT_BOS_DEFAULT, /*parseSpecial=*/true);
      !s)
    return reportError("run", s.message);
  if (ids.empty())
    return reportError("run", "the prompt has no tokens (an empty prompt and no BOS)");

  GenerationStats stats;
  if (generate(*model, ids, *options, outs(), stats))
    return 1;
  if (!dumpDir.empty())
    if (std::string error = writeTapDump(model->session.get(), model->package.get(), stats.ran,
                                         dumpDir);
        !error.empty())
      return reportError("run", "--dump: " + error);

  // Statistics on stderr; on a terminal showing both streams, on a line of
  // their own below the text.
  if (sys::Process::StandardOutIsDisplayed() && sys::Process::StandardErrIsDisplayed())
    errs() << "\n";
  errs() << "prompt tokens: " << stats.promptTokens << "\n"
         << "generated tokens: " << stats.generatedTokens << "\n"
         << "stopped by: " << reasonText(stats.reason) << "\n"
         << "prefill: " << rateText(stats.promptTokens, stats.prefillSeconds) << "\n"
         << "decode: " << rateText(stats.decodedTokens, stats.decodeSeconds) << "\n";
  if (options->sampler.temperature > 0)
    errs() << "seed: " << options->sampler.seed << "\n";
  return 0;
}

} // namespace sinkc::cli
