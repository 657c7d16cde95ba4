//===- TapDump.h - `sinkc run --dump DIR` ------------------------*- C++ -*-===//
//
// Writes a session's taps (packages compiled with `sinkc compile --taps`) as
// one NumPy .npy file per tap (float32, [tokens, columns]) and taps.json:
//   {"tokens": [ids run], "mass_positions": N,
//    "taps": [{"name": "blk.0", "file": "blk.0.npy", "shape": [T, C]}, ...]}
// test/e2e/compare_taps.py compares such a folder with the numpy reference.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_TOOLS_SINKC_TAPDUMP_H
#define SINKC_TOOLS_SINKC_TAPDUMP_H

#include "sinkrt/sinkrt.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sinkc::cli {

/// Writes the dump; "" on success, else the error ("DIR/blk.0.npy: ...").
std::string writeTapDump(const sinkrt_session *session, const sinkrt_package *package,
                         const std::vector<int32_t> &tokens, llvm::StringRef dir);

} // namespace sinkc::cli

#endif // SINKC_TOOLS_SINKC_TAPDUMP_H
