//===- PackageSession.cpp - a package opened to run, for run / eval -------===//

#include "PackageSession.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdio>

using namespace llvm;

namespace sinkc::cli {

int reportError(StringRef command, const Twine &message) {
  errs() << "sinkc " << command << ": " << message << "\n";
  return 1;
}

std::optional<PackageSession> openPackageSession(StringRef command, const std::string &path,
                                                 int64_t ctx, int64_t threads,
                                                 bool capAtModelContext, const std::string &device) {
  if (ctx < 0) {
    reportError(command, "--ctx must be >= 0 (0: the model's context), got " + Twine(ctx));
    return std::nullopt;
  }
  if (threads < 0 || threads > 1024) {
    reportError(command,
                "--threads must be in [0, 1024] (0: every hardware thread), got " + Twine(threads));
    return std::nullopt;
  }
  // The runtime's messages name the file and the byte offset or manifest
  // field; they only need the command in front.
  PackageSession result;
  sinkrt::cxx::Status status;
  result.package = sinkrt::cxx::Package::open(path, status);
  if (!result.package) {
    reportError(command, status.message);
    return std::nullopt;
  }
  result.tokenizer = sinkrt::cxx::Tokenizer::create(result.package, status);
  if (!result.tokenizer) {
    reportError(command, status.message);
    return std::nullopt;
  }
  if (int64_t model = modelContext(result.package); capAtModelContext && model > 0)
    ctx = std::min(ctx, model);
  result.session =
      sinkrt::cxx::Session::create(result.package, status, ctx, static_cast<int32_t>(threads),
                                   device.c_str());
  if (!result.session) {
    reportError(command, status.message);
    return std::nullopt;
  }
  return result;
}

int64_t modelContext(const sinkrt::cxx::Package &package) {
  std::string_view text = package.manifestJson();
  Expected<json::Value> manifest = json::parse(StringRef(text.data(), text.size()));
  if (!manifest) {
    consumeError(manifest.takeError());
    return 0;
  }
  if (const json::Object *root = manifest->getAsObject())
    if (const json::Object *model = root->getObject("model"))
      if (std::optional<int64_t> context = model->getInteger("context"))
        return *context;
  return 0;
}

std::optional<std::string> readFileBytes(StringRef command, StringRef path, StringRef option) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer) {
    reportError(command,
                "cannot read " + option + " file '" + path + "': " + buffer.getError().message());
    return std::nullopt;
  }
  return (*buffer)->getBuffer().str();
}

std::string fixed(double value, int decimals) {
  int length = std::snprintf(nullptr, 0, "%.*f", decimals, value);
  std::string text(size_t(std::max(length, 0)) + 1, '\0');
  std::snprintf(text.data(), text.size(), "%.*f", decimals, value);
  text.pop_back();
  return text;
}

std::string rateText(uint64_t tokens, double seconds) {
  std::string text = std::to_string(tokens) + " tokens in " + fixed(seconds, 3) + " s";
  if (tokens > 0 && seconds > 0)
    text += " (" + fixed(double(tokens) / seconds, 1) + " tok/s)";
  return text;
}

} // namespace sinkc::cli
