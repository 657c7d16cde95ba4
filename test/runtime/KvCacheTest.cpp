//===- KvCacheTest.cpp - the KV-cache ABI of docs/kv-abi.md ---------------===//

#include "core/KvCache.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <set>

using namespace sinkrt;

namespace {

std::unique_ptr<KvCache> makeCache(std::vector<KvGroupDesc> groups, int64_t ctx) {
  std::string error;
  std::unique_ptr<KvCache> cache = KvCache::create(groups, ctx, error);
  EXPECT_TRUE(cache) << error;
  return cache;
}

KvGroupDesc group(KvPolicy policy, int64_t entries, int64_t headDim,
                  KvElementType type = KvElementType::F16) {
  KvGroupDesc d;
  d.policy = policy;
  d.entries = entries;
  d.headDim = headDim;
  d.type = type;
  return d;
}

size_t offsetOf(const KvCache &cache, size_t g, const void *p) {
  return static_cast<const unsigned char *>(p) - static_cast<const unsigned char *>(cache.data(g));
}

} // namespace

TEST(KvCacheTest, StreamingSlotsFollowTheAbiExamples) {
  KvPolicy policy = KvPolicy::streaming(4, 252);
  for (int64_t p = 0; p < 4; ++p)
    EXPECT_EQ(kvSlotOfPosition(policy, p), p) << "sinks never move";
  EXPECT_EQ(kvSlotOfPosition(policy, 4), 4);
  EXPECT_EQ(kvSlotOfPosition(policy, 255), 255);
  EXPECT_EQ(kvSlotOfPosition(policy, 256), 4);
  EXPECT_EQ(kvSlotOfPosition(policy, 257), 5);
  EXPECT_EQ(kvSlotOfPosition(policy, 1000), 244); // 4 + 996 % 252
  EXPECT_EQ(kvSlotOfPosition(policy, 1000), 4 + 996 % 252);
}

TEST(KvCacheTest, FullSlotIsThePosition) {
  KvPolicy policy = KvPolicy::full();
  for (int64_t p : {0, 1, 255, 256, 4095})
    EXPECT_EQ(kvSlotOfPosition(policy, p), p);
}

TEST(KvCacheTest, ValidSlots) {
  KvPolicy streaming = KvPolicy::streaming(4, 252);
  EXPECT_EQ(kvValidSlots(streaming, 0), 0);
  EXPECT_EQ(kvValidSlots(streaming, 100), 100);
  EXPECT_EQ(kvValidSlots(streaming, 256), 256);
  EXPECT_EQ(kvValidSlots(streaming, 257), 256);
  EXPECT_EQ(kvValidSlots(streaming, 5000), 256);
  EXPECT_EQ(kvValidSlots(KvPolicy::full(), 5000), 5000);
  // No sinks: a plain sliding window.
  EXPECT_EQ(kvSlotOfPosition(KvPolicy::streaming(0, 8), 19), 3);
  EXPECT_EQ(kvValidSlots(KvPolicy::streaming(0, 8), 19), 8);
}

TEST(KvCacheTest, RingKeepsSinksAndTheLastWindow) {
  // Writing positions 0..999 into their slots leaves the 4 sinks and the last
  // 252 positions, each exactly once.
  KvPolicy policy = KvPolicy::streaming(4, 252);
  std::vector<int64_t> slots(256, -1);
  for (int64_t p = 0; p < 1000; ++p) {
    int64_t s = kvSlotOfPosition(policy, p);
    ASSERT_GE(s, 0);
    ASSERT_LT(s, 256);
    slots[s] = p;
  }
  std::set<int64_t> kept(slots.begin(), slots.end());
  std::set<int64_t> expected = {0, 1, 2, 3};
  for (int64_t p = 748; p < 1000; ++p)
    expected.insert(p);
  EXPECT_EQ(kept, expected);
}

TEST(KvCacheTest, SmolLM2Bytes) {
  // 30 layers x 3 kv-heads, head_dim 64, f16, ctx 4096 (docs/kv-abi.md).
  auto cache = makeCache({group(KvPolicy::full(), 90, 64)}, 4096);
  ASSERT_TRUE(cache);
  EXPECT_EQ(cache->numGroups(), 1u);
  EXPECT_EQ(cache->slots(0), 4096);
  EXPECT_EQ(cache->bytes(0), 94371840u);
  EXPECT_EQ(cache->totalBytes(), 94371840u);
}

TEST(KvCacheTest, ElementTypes) {
  EXPECT_EQ(kvElementBytes(KvElementType::F32), 4u);
  EXPECT_EQ(kvElementBytes(KvElementType::F16), 2u);
  EXPECT_EQ(kvElementBytes(KvElementType::BF16), 2u);
  EXPECT_STREQ(kvElementName(KvElementType::BF16), "bf16");
  auto cache = makeCache({group(KvPolicy::full(), 2, 8, KvElementType::F32),
                          group(KvPolicy::full(), 2, 8, KvElementType::BF16)},
                         10);
  ASSERT_TRUE(cache);
  EXPECT_EQ(cache->bytes(0), 2u * 2 * 10 * 8 * 4);
  EXPECT_EQ(cache->bytes(1), 2u * 2 * 10 * 8 * 2);
  EXPECT_EQ(cache->totalBytes(), cache->bytes(0) + cache->bytes(1));
}

TEST(KvCacheTest, StreamingMemoryDoesNotDependOnContext) {
  KvGroupDesc streaming = group(KvPolicy::streaming(4, 252), 90, 64);
  auto small = makeCache({streaming}, 512);
  auto large = makeCache({streaming}, 1 << 20);
  ASSERT_TRUE(small && large);
  EXPECT_EQ(small->slots(0), 256);
  EXPECT_EQ(large->slots(0), 256);
  EXPECT_EQ(small->bytes(0), 90u * 2 * 256 * 64 * 2); // 5,898,240
  EXPECT_EQ(large->bytes(0), small->bytes(0));
  // And it takes any position.
  std::string error;
  EXPECT_TRUE(large->checkPositions(1000000, 64, error)) << error;
  EXPECT_EQ(large->slotOfPosition(0, 1000), 244);
  EXPECT_EQ(large->validSlots(0, 1000), 256);
}

TEST(KvCacheTest, LayoutOffsetsAndAlignment) {
  // Odd sizes so that a wrong stride shows.
  auto cache = makeCache({group(KvPolicy::full(), 3, 5, KvElementType::F32),
                          group(KvPolicy::streaming(1, 2), 7, 3, KvElementType::F16)},
                         7);
  ASSERT_TRUE(cache);
  for (size_t g = 0; g < cache->numGroups(); ++g)
    EXPECT_EQ(reinterpret_cast<uintptr_t>(cache->data(g)) % 64, 0u) << "group " << g;
  // offset = ((entry * 2 + kv) * S + slot) * D elements.
  EXPECT_EQ(offsetOf(*cache, 0, cache->key(0, 0, 0)), 0u);
  EXPECT_EQ(offsetOf(*cache, 0, cache->value(0, 0, 0)), 7u * 5 * 4);
  EXPECT_EQ(offsetOf(*cache, 0, cache->key(0, 1, 2)), ((1u * 2 + 0) * 7 + 2) * 5 * 4);
  EXPECT_EQ(offsetOf(*cache, 0, cache->value(0, 2, 6)), ((2u * 2 + 1) * 7 + 6) * 5 * 4);
  // The last value vector ends exactly at the end of the buffer.
  EXPECT_EQ(offsetOf(*cache, 0, cache->value(0, 2, 6)) + 5 * 4, cache->bytes(0));
  EXPECT_EQ(cache->slots(1), 3);
  EXPECT_EQ(offsetOf(*cache, 1, cache->value(1, 6, 2)) + 3 * 2, cache->bytes(1));
  EXPECT_EQ(offsetOf(*cache, 1, cache->vector(1, 4, 1, 1)), ((4u * 2 + 1) * 3 + 1) * 3 * 2);
}

TEST(KvCacheTest, ZeroedAtCreationAndByReset) {
  auto cache = makeCache({group(KvPolicy::full(), 2, 4, KvElementType::F32)}, 16);
  ASSERT_TRUE(cache);
  auto *bytes = static_cast<unsigned char *>(cache->data(0));
  for (size_t i = 0; i < cache->bytes(0); ++i)
    ASSERT_EQ(bytes[i], 0);
  std::memset(cache->data(0), 0x5a, cache->bytes(0));
  cache->reset();
  for (size_t i = 0; i < cache->bytes(0); ++i)
    ASSERT_EQ(bytes[i], 0);
}

TEST(KvCacheTest, RefusesPositionsPastTheContext) {
  auto cache =
      makeCache({group(KvPolicy::full(), 90, 64), group(KvPolicy::streaming(4, 252), 6, 64)}, 4096);
  ASSERT_TRUE(cache);
  std::string error;
  EXPECT_TRUE(cache->checkPositions(0, 4096, error)) << error;
  EXPECT_TRUE(cache->checkPositions(4095, 1, error)) << error;
  EXPECT_TRUE(cache->checkPositions(4096, 0, error)) << error;
  EXPECT_FALSE(cache->checkPositions(4000, 97, error));
  EXPECT_NE(error.find("4096"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(cache->checkPositions(4096, 1, error));
  EXPECT_NE(error.find("past the context"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(cache->checkPositions(-1, 1, error));
  EXPECT_FALSE(error.empty());
}

TEST(KvCacheTest, RefusesInvalidDescriptions) {
  std::string error;
  EXPECT_FALSE(KvCache::create({group(KvPolicy::streaming(4, 0), 1, 64)}, 16, error));
  EXPECT_NE(error.find("window"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(KvCache::create({group(KvPolicy::streaming(-1, 8), 1, 64)}, 16, error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_FALSE(KvCache::create({group(KvPolicy::full(), 0, 64)}, 16, error));
  EXPECT_NE(error.find("entries"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(KvCache::create({group(KvPolicy::full(), 1, 0)}, 16, error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_FALSE(KvCache::create({group(KvPolicy::full(), 1, 64)}, 0, error));
  EXPECT_NE(error.find("context"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(KvCache::create({group(KvPolicy::full(), int64_t(1) << 40, 1 << 20)},
                               int64_t(1) << 40, error));
  EXPECT_NE(error.find("overflow"), std::string::npos) << error;
  // A cache with streaming groups only does not need a context.
  error.clear();
  auto cache = KvCache::create({group(KvPolicy::streaming(4, 4), 1, 8)}, 0, error);
  EXPECT_TRUE(cache) << error;
}
