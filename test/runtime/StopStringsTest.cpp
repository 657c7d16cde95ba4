//===- StopStringsTest.cpp - incremental stop-string matching -------------===//

#include "core/StopStrings.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace sinkrt;

namespace {

struct Outcome {
  std::string text;
  bool stopped = false;
  bool operator==(const Outcome &o) const { return text == o.text && stopped == o.stopped; }
};

Outcome feedAll(const std::vector<std::string> &stops, const std::vector<std::string> &pieces) {
  StopStringMatcher matcher(stops);
  Outcome o;
  for (const std::string &piece : pieces)
    if (matcher.feed(piece, o.text)) {
      o.stopped = true;
      break;
    }
  if (!o.stopped)
    matcher.flush(o.text);
  return o;
}

// The definition, byte by byte: stop at the first byte where some stop
// string ends; cut before the longest one ending there.
Outcome reference(const std::vector<std::string> &stops, const std::string &text) {
  for (size_t end = 1; end <= text.size(); ++end) {
    size_t cut = std::string::npos;
    for (const std::string &s : stops)
      if (!s.empty() && s.size() <= end && text.compare(end - s.size(), s.size(), s) == 0)
        cut = std::min(cut, end - s.size());
    if (cut != std::string::npos)
      return {text.substr(0, cut), true};
  }
  return {text, false};
}

} // namespace

TEST(StopStringsTest, NoStopsPassesEverythingThrough) {
  StopStringMatcher matcher;
  std::string out;
  EXPECT_FALSE(matcher.feed("Hello", out));
  EXPECT_FALSE(matcher.feed(", world", out));
  EXPECT_EQ(out, "Hello, world");
  EXPECT_EQ(matcher.held(), 0u);
  // Empty stop strings are ignored rather than stopping at once.
  EXPECT_EQ(feedAll({""}, {"abc"}), (Outcome{"abc", false}));
}

TEST(StopStringsTest, StopSplitAcrossPieces) {
  StopStringMatcher matcher({"\nUser:"});
  std::string out;
  EXPECT_FALSE(matcher.feed("Hello\nUs", out));
  EXPECT_EQ(out, "Hello") << "the possible start of the stop is held";
  EXPECT_EQ(matcher.held(), 3u);
  EXPECT_FALSE(matcher.feed("e", out));
  EXPECT_EQ(out, "Hello");
  EXPECT_TRUE(matcher.feed("r: more text", out));
  EXPECT_EQ(out, "Hello");
  EXPECT_TRUE(matcher.stopped());
  // After the stop nothing more comes out.
  EXPECT_TRUE(matcher.feed("later", out));
  matcher.flush(out);
  EXPECT_EQ(out, "Hello");
}

TEST(StopStringsTest, HeldTextIsReleasedWhenItStopsMatching) {
  StopStringMatcher matcher({"world"});
  std::string out;
  EXPECT_FALSE(matcher.feed("Hello wor", out));
  EXPECT_EQ(out, "Hello ");
  EXPECT_FALSE(matcher.feed("m", out));
  EXPECT_EQ(out, "Hello worm");
  EXPECT_EQ(matcher.held(), 0u);
  // No hold when the tail cannot start a stop string.
  out.clear();
  EXPECT_FALSE(matcher.feed(" Hello", out));
  EXPECT_EQ(out, " Hello");
}

TEST(StopStringsTest, FlushReleasesAHeldPrefixAtTheEnd) {
  StopStringMatcher matcher({"world"});
  std::string out;
  EXPECT_FALSE(matcher.feed("Hello wor", out));
  matcher.flush(out);
  EXPECT_EQ(out, "Hello wor");
  EXPECT_EQ(matcher.held(), 0u);
  matcher.reset();
  out.clear();
  EXPECT_TRUE(matcher.feed("world", out));
  EXPECT_EQ(out, "");
}

TEST(StopStringsTest, OverlappingStops) {
  // "abcd" is still possible after "xabc", so "abc" is held.
  StopStringMatcher matcher({"abcd", "bce"});
  std::string out;
  EXPECT_FALSE(matcher.feed("xabc", out));
  EXPECT_EQ(out, "x");
  // Then "bce" completes first.
  EXPECT_TRUE(matcher.feed("e", out));
  EXPECT_EQ(out, "xa");
  // The stop string that ends first wins, even inside one piece.
  EXPECT_EQ(feedAll({"abc", "b"}, {"xabc"}), (Outcome{"xa", true}));
  // Ending at the same byte, the longest wins.
  EXPECT_EQ(feedAll({"bc", "abc"}, {"xabc"}), (Outcome{"x", true}));
  // A stop string overlapping itself.
  EXPECT_EQ(feedAll({"aab"}, {"a", "a", "a", "b", "c"}), (Outcome{"a", true}));
}

TEST(StopStringsTest, Utf8StopsEndOnCharacterBoundaries) {
  // "é" is two bytes; the held tail starts at the character.
  StopStringMatcher matcher({"é!"});
  std::string out;
  EXPECT_FALSE(matcher.feed("caf\xc3\xa9", out));
  EXPECT_EQ(out, "caf");
  EXPECT_TRUE(matcher.feed("! rest", out));
  EXPECT_EQ(out, "caf");
}

TEST(StopStringsTest, IndependentOfHowTheTextIsSplit) {
  std::mt19937 gen(7); // fully specified engine: the same cases everywhere
  const std::vector<std::vector<std::string>> stopSets = {
      {"abca", "cc", "bab"}, {"aaa"}, {"abcabd", "cab"}, {"ba", "abab", "c"}};
  int stoppedCases = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const auto &stops = stopSets[trial % stopSets.size()];
    std::string text;
    int length = 1 + gen() % 60;
    for (int i = 0; i < length; ++i)
      text += "abcd"[gen() % 4];
    Outcome expected = reference(stops, text);
    stoppedCases += expected.stopped;
    for (int split = 0; split < 5; ++split) {
      std::vector<std::string> pieces;
      for (size_t at = 0; at < text.size();) {
        size_t n = split == 0 ? 1 : 1 + gen() % 6; // split 0: byte by byte
        pieces.push_back(text.substr(at, n));
        at += n;
      }
      ASSERT_EQ(feedAll(stops, pieces), expected) << "text '" << text << "' split " << split;
    }
  }
  // Both outcomes are exercised.
  EXPECT_GT(stoppedCases, 50);
  EXPECT_LT(stoppedCases, 350);
}
