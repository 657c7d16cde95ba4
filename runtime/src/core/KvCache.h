//===- KvCache.h - the runtime-owned KV cache of docs/kv-abi.md -----------===//
//
// One buffer per policy group, row-major [entry][kv][slot][head_dim] with
// kv = 0 key, kv = 1 value, no padding, 64-byte aligned (KV-cache ABI
// version 1). Full groups have `ctx` slots, chosen per session; streaming
// groups `sinks + window`, so their memory does not grow with the tokens
// processed. The compiled entry points write keys and values in place; this
// class allocates, maps positions to slots and answers sizes.
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_CORE_KVCACHE_H
#define SINKRT_CORE_KVCACHE_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sinkrt {

/// The version of docs/kv-abi.md this file implements.
constexpr int kKvAbiVersion = 1;

enum class KvElementType { F32, F16, BF16 };

size_t kvElementBytes(KvElementType type);
/// "f32", "f16" or "bf16", as the IR spells them.
const char *kvElementName(KvElementType type);

/// A policy group's policy. Pruned kv-heads have no entry and no group.
struct KvPolicy {
  enum class Kind { Full, Streaming };
  Kind kind = Kind::Full;
  int64_t sinks = 0;  // streaming only
  int64_t window = 0; // streaming only

  static KvPolicy full() { return {}; }
  static KvPolicy streaming(int64_t sinks, int64_t window) {
    return {Kind::Streaming, sinks, window};
  }
};

/// The slot that holds absolute position `p` (p >= 0) in a group with
/// `policy`: full -> p; streaming -> p while p < sinks, else the ring
/// sinks + (p - sinks) mod window. Positions past a full group's slots are
/// the caller's to refuse (KvCache::checkPositions).
int64_t kvSlotOfPosition(const KvPolicy &policy, int64_t p);

/// Slots that hold valid data after `n` tokens: full -> n; streaming ->
/// min(n, sinks + window). Attention reads exactly these.
int64_t kvValidSlots(const KvPolicy &policy, int64_t n);

/// One policy group: `entries` (layer, kv-head) pairs sharing a buffer.
struct KvGroupDesc {
  KvPolicy policy;
  int64_t entries = 0;
  int64_t headDim = 0;
  KvElementType type = KvElementType::F16;
};

/// Whether positions [first, first + count) can be written in a cache of
/// `groups` whose full groups have `ctx` slots: false with `error` naming
/// the position and the context when a full group has no slot for one.
/// Streaming groups take any position. (KvCache::checkPositions; GPU
/// sessions, whose cache is on the device, use it directly.)
bool checkKvPositions(const std::vector<KvGroupDesc> &groups, int64_t ctx, int64_t first,
                      int64_t count, std::string &error);

class KvCache {
public:
  /// Allocates zeroed buffers for `groups`; full groups get `ctx` slots.
  /// Returns null with `error` set for an invalid description (entries or
  /// head_dim below 1, ctx below 1 with a full group, a streaming window
  /// below 1, negative sinks) or a size that overflows or cannot be
  /// allocated. Allocation is lazy where the system allows: untouched slots
  /// of a large context cost address space, not memory.
  static std::unique_ptr<KvCache> create(const std::vector<KvGroupDesc> &groups, int64_t ctx,
                                         std::string &error);
  ~KvCache();
  KvCache(const KvCache &) = delete;
  KvCache &operator=(const KvCache &) = delete;

  int64_t ctx() const { return context; }
  size_t numGroups() const { return groups.size(); }
  const KvGroupDesc &group(size_t g) const { return groups[g].desc; }
  /// S of the group's `!tfm.kv_cache<E x S x D x T>`.
  int64_t slots(size_t g) const { return groups[g].slots; }

  /// The buffer passed to the entry points for group `g`.
  void *data(size_t g) const { return groups[g].data; }
  size_t bytes(size_t g) const { return groups[g].bytes; }
  size_t totalBytes() const;

  /// Key (kv = 0) or value (kv = 1) vector of `slot` of `entry`: head_dim
  /// contiguous elements.
  void *vector(size_t g, int64_t entry, int kv, int64_t slot) const;
  void *key(size_t g, int64_t entry, int64_t slot) const { return vector(g, entry, 0, slot); }
  void *value(size_t g, int64_t entry, int64_t slot) const { return vector(g, entry, 1, slot); }

  int64_t slotOfPosition(size_t g, int64_t p) const {
    return kvSlotOfPosition(groups[g].desc.policy, p);
  }
  int64_t validSlots(size_t g, int64_t n) const { return kvValidSlots(groups[g].desc.policy, n); }

  /// Whether positions [first, first + count) can be written: every full
  /// group must have a slot for each (false with `error` naming the position
  /// and the context otherwise). Streaming groups take any position.
  bool checkPositions(int64_t first, int64_t count, std::string &error) const;

  /// Zeroes every buffer: the state of a fresh session.
  void reset();

private:
  struct Group {
    KvGroupDesc desc;
    int64_t slots = 0;
    size_t bytes = 0;
    void *data = nullptr; // raw rounded up to 64 bytes
    void *raw = nullptr;  // what calloc returned
  };

  KvCache() = default;

  std::vector<Group> groups;
  int64_t context = 0;
};

} // namespace sinkrt

#endif // SINKRT_CORE_KVCACHE_H
