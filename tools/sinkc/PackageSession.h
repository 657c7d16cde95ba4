//===- PackageSession.h - a package opened to run, for run / eval -*- C++ -*-===//
//
// What `sinkc run` and `sinkc eval` share: opening a .sinkpkg with its
// tokenizer and a session through the runtime's C API, checking the common
// options, reading a text file, and timing. Every failure is printed as one
// line "sinkc <command>: <what and where>"; the callers then exit with 1.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_PACKAGESESSION_H
#define SINKC_TOOLS_SINKC_PACKAGESESSION_H

#include "sinkrt/sinkrt.hpp"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace sinkc::cli {

/// Prints "sinkc <command>: <message>" to stderr; returns 1 (the exit code).
int reportError(llvm::StringRef command, const llvm::Twine &message);

/// A package with its tokenizer and one session.
struct PackageSession {
  sinkrt::cxx::Package package;
  sinkrt::cxx::Tokenizer tokenizer;
  sinkrt::cxx::Session session;
};

/// Checks --ctx (>= 0) and --threads ([0, 1024]) and opens `path`: the
/// package, its tokenizer and a session of `ctx` slots (0: the model's) on
/// `threads` threads (0: the host's). Reports the error and returns
/// std::nullopt on failure (a missing, corrupt or truncated file, CPU
/// features this host lacks, a package without runnable kernels, a ctx
/// above the model's). With `capAtModelContext` a ctx above the model's
/// context is lowered to it instead.
std::optional<PackageSession> openPackageSession(llvm::StringRef command, const std::string &path,
                                                 int64_t ctx, int64_t threads,
                                                 bool capAtModelContext = false,
                                                 const std::string &device = "cpu");

/// The model's context (manifest "model.context"), or 0 when the manifest
/// does not say.
int64_t modelContext(const sinkrt::cxx::Package &package);

/// The bytes of `path`; reports the error and returns std::nullopt when it
/// cannot be read.
std::optional<std::string> readFileBytes(llvm::StringRef command, llvm::StringRef path,
                                         llvm::StringRef option);

/// Wall-clock seconds, accumulated over start/stop pairs.
class Stopwatch {
public:
  void start() { begin = std::chrono::steady_clock::now(); }
  void stop() {
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  }
  double seconds() const { return total; }

private:
  std::chrono::steady_clock::time_point begin;
  double total = 0;
};

/// `value` with `decimals` digits after the point ("%.*f"; llvm::formatv
/// cuts numbers of more than about 30 digits short).
std::string fixed(double value, int decimals);

/// "N tokens in S s (R tok/s)"; the rate is left out when nothing ran.
std::string rateText(uint64_t tokens, double seconds);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_PACKAGESESSION_H
