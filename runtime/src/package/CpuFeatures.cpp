//===- CpuFeatures.cpp - what the host CPU supports ---------------------===//
//
// cpuid leaves 1 and 7 (subleaves 0 and 1) plus xgetbv: a CPU may report
// AVX-512 while the kernel does not enable its state, and then using it
// faults.
//
//===----------------------------------------------------------------------===//

#include "package/CpuFeatures.h"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace sinkrt {

namespace {

struct Feature {
  const char *name;
  unsigned leaf, subleaf;
  char reg; ///< 'b', 'c' or 'd'
  unsigned bit;
  unsigned state; ///< required XCR0 state: 0 none, 1 AVX, 2 AVX-512, 3 AMX
};

// LLVM names (llvm/TargetParser/X86TargetParser.def) and cpuid bits.
constexpr Feature kFeatures[] = {
    {"sse3", 1, 0, 'c', 0, 0},        {"pclmul", 1, 0, 'c', 1, 0},
    {"ssse3", 1, 0, 'c', 9, 0},       {"fma", 1, 0, 'c', 12, 1},
    {"cx16", 1, 0, 'c', 13, 0},       {"sse4.1", 1, 0, 'c', 19, 0},
    {"sse4.2", 1, 0, 'c', 20, 0},     {"movbe", 1, 0, 'c', 22, 0},
    {"popcnt", 1, 0, 'c', 23, 0},     {"aes", 1, 0, 'c', 25, 0},
    {"xsave", 1, 0, 'c', 26, 0},      {"avx", 1, 0, 'c', 28, 1},
    {"f16c", 1, 0, 'c', 29, 1},       {"rdrnd", 1, 0, 'c', 30, 0},
    {"sse", 1, 0, 'd', 25, 0},        {"sse2", 1, 0, 'd', 26, 0},
    {"x87", 1, 0, 'd', 0, 0},         {"cx8", 1, 0, 'd', 8, 0},
    {"cmov", 1, 0, 'd', 15, 0},       {"mmx", 1, 0, 'd', 23, 0},
    {"fxsr", 1, 0, 'd', 24, 0},       {"crc32", 1, 0, 'c', 20, 0}, // LLVM splits it from sse4.2
    {"sahf", 0x80000001, 0, 'c', 0, 0}, {"lzcnt", 0x80000001, 0, 'c', 5, 0},
    {"bmi", 7, 0, 'b', 3, 0},         {"avx2", 7, 0, 'b', 5, 1},
    {"bmi2", 7, 0, 'b', 8, 0},        {"avx512f", 7, 0, 'b', 16, 2},
    {"avx512dq", 7, 0, 'b', 17, 2},   {"adx", 7, 0, 'b', 19, 0},
    {"avx512ifma", 7, 0, 'b', 21, 2}, {"avx512cd", 7, 0, 'b', 28, 2},
    {"sha", 7, 0, 'b', 29, 0},        {"avx512bw", 7, 0, 'b', 30, 2},
    {"avx512vl", 7, 0, 'b', 31, 2},   {"avx512vbmi", 7, 0, 'c', 1, 2},
    {"avx512vbmi2", 7, 0, 'c', 6, 2}, {"gfni", 7, 0, 'c', 8, 0},
    {"vaes", 7, 0, 'c', 9, 1},        {"vpclmulqdq", 7, 0, 'c', 10, 1},
    {"avx512vnni", 7, 0, 'c', 11, 2}, {"avx512bitalg", 7, 0, 'c', 12, 2},
    {"avx512vpopcntdq", 7, 0, 'c', 14, 2},
    {"avx512fp16", 7, 0, 'd', 23, 2}, {"amx-bf16", 7, 0, 'd', 22, 3},
    {"amx-tile", 7, 0, 'd', 24, 3},   {"amx-int8", 7, 0, 'd', 25, 3},
    {"avxvnni", 7, 1, 'a', 4, 1},     {"avx512bf16", 7, 1, 'a', 5, 2},
};

std::vector<std::string> detect() {
  std::vector<std::string> found;
#if defined(__x86_64__) || defined(__i386__)
  unsigned maxLeaf = __get_cpuid_max(0, nullptr);
  unsigned a, b, c, d;
  bool osxsave = false;
  unsigned long long xcr0 = 0;
  if (maxLeaf >= 1) {
    __cpuid_count(1, 0, a, b, c, d);
    osxsave = (c >> 27) & 1;
  }
  if (osxsave) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
  }
  bool stateOk[4] = {
      true,
      (xcr0 & 0x6) == 0x6,                 // SSE + AVX (YMM)
      (xcr0 & 0xE6) == 0xE6,               // + opmask, ZMM_Hi256, Hi16_ZMM
      (xcr0 & 0x60006) == 0x60006,         // + XTILECFG, XTILEDATA
  };
  unsigned maxExtendedLeaf = __get_cpuid_max(0x80000000, nullptr);
  for (const Feature &f : kFeatures) {
    if (f.leaf >= 0x80000000 ? f.leaf > maxExtendedLeaf : f.leaf > maxLeaf)
      continue;
    if (f.leaf == 7 && f.subleaf == 1) {
      __cpuid_count(7, 0, a, b, c, d);
      if (a < 1) // leaf 7's highest subleaf
        continue;
    }
    __cpuid_count(f.leaf, f.subleaf, a, b, c, d);
    unsigned reg = f.reg == 'a' ? a : f.reg == 'b' ? b : f.reg == 'c' ? c : d;
    if (((reg >> f.bit) & 1) && stateOk[f.state])
      found.push_back(f.name);
  }
  std::sort(found.begin(), found.end());
#endif
  return found;
}

} // namespace

const std::vector<std::string> &knownCpuFeatures() {
  static const std::vector<std::string> known = [] {
    std::vector<std::string> names;
    for (const Feature &f : kFeatures)
      names.push_back(f.name);
    std::sort(names.begin(), names.end());
    return names;
  }();
  return known;
}

const std::vector<std::string> &hostCpuFeatures() {
  static const std::vector<std::string> host = detect();
  return host;
}

std::vector<std::string>
missingCpuFeatures(const std::vector<std::string> &required) {
  const std::vector<std::string> &host = hostCpuFeatures();
  std::vector<std::string> missing;
  for (const std::string &name : required)
    if (!std::binary_search(host.begin(), host.end(), name))
      missing.push_back(name);
  return missing;
}

} // namespace sinkrt
