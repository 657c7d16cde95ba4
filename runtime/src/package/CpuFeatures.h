//===- CpuFeatures.h - what the host CPU supports -----------------------===//
//
// Feature names are LLVM's x86 target-feature names ("avx2", "avx512f",
// "avx512vnni", "amx-int8", ...), the names `sinkc compile` records in a
// package's "cpu_features" from the target machine it compiled for. A
// feature counts only when the OS also saves its register state (XCR0).
//
//===----------------------------------------------------------------------===//

#ifndef SINKRT_PACKAGE_CPUFEATURES_H
#define SINKRT_PACKAGE_CPUFEATURES_H

#include <string>
#include <vector>

namespace sinkrt {

/// Every feature this runtime knows how to detect, sorted.
const std::vector<std::string> &knownCpuFeatures();

/// The features the host supports, sorted; detected once. Empty on
/// architectures other than x86-64.
const std::vector<std::string> &hostCpuFeatures();

/// The entries of `required` the host lacks, in their order. A name this
/// runtime does not know is lacking.
std::vector<std::string> missingCpuFeatures(const std::vector<std::string> &required);

} // namespace sinkrt

#endif // SINKRT_PACKAGE_CPUFEATURES_H
