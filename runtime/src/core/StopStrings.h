//===- StopStrings.h - stops generation at a stop string, incrementally ---===//
//
// Generated text arrives in pieces (one per token). The matcher emits what
// is safe to show now and holds back a tail that could still grow into a
// stop string. Generation stops at the first stop string to complete (the
// earliest end in the text; among stop strings ending at the same byte, the
// longest); the output is the text before it. The result does not depend on
// how the text is split into pieces. Empty stop strings are ignored.
//
// Matching is on bytes. When the pieces and the stop strings are valid
// UTF-8, every emitted chunk ends on a character boundary: a held tail is a
// prefix of a stop string, so it starts where a character starts.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_CORE_STOPSTRINGS_H
#define SINKRT_CORE_STOPSTRINGS_H

#include <string>
#include <string_view>
#include <vector>

namespace sinkrt {

class StopStringMatcher {
public:
  explicit StopStringMatcher(std::vector<std::string> stops = {});

  /// Appends to `out` the text that is now safe to emit. Returns true once
  /// a stop string has completed (then `out` got the text before it, and
  /// every later call appends nothing and returns true).
  bool feed(std::string_view piece, std::string &out);

  /// End of generation without a stop: appends the held-back text.
  void flush(std::string &out);

  bool stopped() const { return done; }
  /// Bytes currently held back.
  size_t held() const { return pending.size(); }
  /// Forgets held text and the stopped state, for a new generation.
  void reset();

private:
  std::vector<std::string> stops;
  std::string pending;
  size_t longest = 0;
  bool done = false;
};

} // namespace sinkrt

#endif // SINKRT_CORE_STOPSTRINGS_H
