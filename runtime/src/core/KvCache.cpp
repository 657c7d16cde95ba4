//===- KvCache.cpp - the runtime-owned KV cache of docs/kv-abi.md ---------===//

#include "core/KvCache.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

using namespace sinkrt;

namespace {

constexpr size_t kAlign = 64;

// a * b into `out`, false on size_t overflow.
bool mulOk(size_t a, size_t b, size_t &out) {
  if (a && b > std::numeric_limits<size_t>::max() / a)
    return false;
  out = a * b;
  return true;
}

} // namespace

size_t sinkrt::kvElementBytes(KvElementType type) {
  switch (type) {
  case KvElementType::F32:
    return 4;
  case KvElementType::F16:
  case KvElementType::BF16:
    return 2;
  }
  return 0;
}

const char *sinkrt::kvElementName(KvElementType type) {
  switch (type) {
  case KvElementType::F32:
    return "f32";
  case KvElementType::F16:
    return "f16";
  case KvElementType::BF16:
    return "bf16";
  }
  return "?";
}

int64_t sinkrt::kvSlotOfPosition(const KvPolicy &policy, int64_t p) {
  if (policy.kind == KvPolicy::Kind::Full || p < policy.sinks)
    return p;
  return policy.sinks + (p - policy.sinks) % policy.window;
}

int64_t sinkrt::kvValidSlots(const KvPolicy &policy, int64_t n) {
  if (policy.kind == KvPolicy::Kind::Full)
    return n;
  return std::min(n, policy.sinks + policy.window);
}

std::unique_ptr<KvCache> KvCache::create(const std::vector<KvGroupDesc> &descs, int64_t ctx,
                                         std::string &error) {
  std::unique_ptr<KvCache> cache(new KvCache());
  cache->context = ctx;
  for (size_t g = 0; g < descs.size(); ++g) {
    const KvGroupDesc &d = descs[g];
    std::string where = "KV-cache group " + std::to_string(g) + ": ";
    if (d.entries < 1 || d.headDim < 1) {
      error = where + "entries (" + std::to_string(d.entries) + ") and head_dim (" +
              std::to_string(d.headDim) + ") must be at least 1";
      return nullptr;
    }
    Group group;
    group.desc = d;
    if (d.policy.kind == KvPolicy::Kind::Full) {
      group.slots = ctx;
    } else {
      if (d.policy.sinks < 0 || d.policy.window < 1 ||
          d.policy.sinks > std::numeric_limits<int64_t>::max() - d.policy.window) {
        error = where + "streaming policy needs sinks >= 0 and window >= 1 (got sinks " +
                std::to_string(d.policy.sinks) + ", window " + std::to_string(d.policy.window) +
                ")";
        return nullptr;
      }
      group.slots = d.policy.sinks + d.policy.window;
    }
    if (group.slots < 1) {
      error = where + "context must be at least 1 token for full attention (got " +
              std::to_string(ctx) + ")";
      return nullptr;
    }
    size_t bytes = 0;
    if (!mulOk(size_t(d.entries), 2, bytes) || !mulOk(bytes, size_t(group.slots), bytes) ||
        !mulOk(bytes, size_t(d.headDim), bytes) || !mulOk(bytes, kvElementBytes(d.type), bytes) ||
        bytes > std::numeric_limits<size_t>::max() - kAlign) {
      error = where + "size overflows";
      return nullptr;
    }
    group.bytes = bytes;
    cache->groups.push_back(group);
  }
  // Allocate only once the whole description is valid. calloc gives zeroed
  // memory that large allocations get lazily from the system.
  for (Group &group : cache->groups) {
    group.raw = std::calloc(group.bytes + kAlign, 1);
    if (!group.raw) {
      error = "KV cache: cannot allocate " + std::to_string(group.bytes) +
              " bytes for a group of " + std::to_string(group.desc.entries) + " entries x " +
              std::to_string(group.slots) + " slots";
      return nullptr; // the destructor frees the groups allocated so far
    }
    uintptr_t addr = reinterpret_cast<uintptr_t>(group.raw);
    group.data = reinterpret_cast<void *>((addr + kAlign - 1) / kAlign * kAlign);
  }
  return cache;
}

KvCache::~KvCache() {
  for (Group &group : groups)
    std::free(group.raw);
}

size_t KvCache::totalBytes() const {
  size_t total = 0;
  for (const Group &group : groups)
    total += group.bytes;
  return total;
}

void *KvCache::vector(size_t g, int64_t entry, int kv, int64_t slot) const {
  const Group &group = groups[g];
  size_t element = ((size_t(entry) * 2 + size_t(kv)) * size_t(group.slots) + size_t(slot)) *
                   size_t(group.desc.headDim);
  return static_cast<unsigned char *>(group.data) + element * kvElementBytes(group.desc.type);
}

bool sinkrt::checkKvPositions(const std::vector<KvGroupDesc> &groups, int64_t ctx,
                              int64_t first, int64_t count, std::string &error) {
  if (first < 0 || count < 0 || first > std::numeric_limits<int64_t>::max() - count) {
    error = "invalid KV-cache positions (first " + std::to_string(first) + ", count " +
            std::to_string(count) + ")";
    return false;
  }
  for (const KvGroupDesc &group : groups) {
    if (group.policy.kind != KvPolicy::Kind::Full)
      continue;
    if (first + count > ctx) {
      error = "position " + std::to_string(std::max(first, ctx)) + " is past the context of " +
              std::to_string(ctx) + " tokens (full-attention KV cache; " +
              std::to_string(first) + " + " + std::to_string(count) + " tokens requested)";
      return false;
    }
  }
  return true;
}

bool KvCache::checkPositions(int64_t first, int64_t count, std::string &error) const {
  std::vector<KvGroupDesc> descs;
  descs.reserve(groups.size());
  for (const Group &group : groups)
    descs.push_back(group.desc);
  return checkKvPositions(descs, context, first, count, error);
}

void KvCache::reset() {
  for (Group &group : groups)
    std::memset(group.data, 0, group.bytes);
}
