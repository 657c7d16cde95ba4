//===- StopStrings.cpp - stops generation at a stop string, incrementally -===//

#include "core/StopStrings.h"

#include <algorithm>

using namespace sinkrt;

StopStringMatcher::StopStringMatcher(std::vector<std::string> givenStops) {
  for (std::string &stop : givenStops) {
    if (stop.empty())
      continue;
    longest = std::max(longest, stop.size());
    stops.push_back(std::move(stop));
  }
}

void StopStringMatcher::reset() {
  pending.clear();
  done = false;
}

bool StopStringMatcher::feed(std::string_view piece, std::string &out) {
  if (done)
    return true;
  if (stops.empty()) {
    out.append(piece);
    return false;
  }
  pending.append(piece);

  // The stop string that completes first. `pending` held no complete stop
  // before this piece, and every occurrence that began in text already
  // emitted would have left a held tail, so all candidates lie in `pending`.
  size_t bestEnd = std::string::npos, bestStart = 0;
  for (const std::string &stop : stops) {
    size_t start = pending.find(stop);
    if (start == std::string::npos)
      continue;
    size_t end = start + stop.size();
    if (end < bestEnd || (end == bestEnd && start < bestStart)) {
      bestEnd = end;
      bestStart = start;
    }
  }
  if (bestEnd != std::string::npos) {
    out.append(pending, 0, bestStart);
    pending.clear();
    done = true;
    return true;
  }

  // Hold the longest tail that is a proper prefix of some stop string; the
  // shorter such tails are inside it.
  size_t hold = std::min(pending.size(), longest - 1);
  for (; hold > 0; --hold) {
    std::string_view tail(pending.data() + pending.size() - hold, hold);
    bool prefix = std::any_of(stops.begin(), stops.end(), [&](const std::string &s) {
      return s.size() > hold && std::string_view(s).substr(0, hold) == tail;
    });
    if (prefix)
      break;
  }
  size_t emit = pending.size() - hold;
  out.append(pending, 0, emit);
  pending.erase(0, emit);
  return false;
}

void StopStringMatcher::flush(std::string &out) {
  if (!done)
    out.append(pending);
  pending.clear();
}
