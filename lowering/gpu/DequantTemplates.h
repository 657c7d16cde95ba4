//===- DequantTemplates.h - a weight's values as schedule template text -*- C++ -*-===//
//
// Internal to SinkcGpu. The per-format dequantization the GEMV and the
// embedding share: MLIR ops (template text) that read a weight stored as
// bytes, `%w: memref<@BYTES@xi8>` (@BYTES@ left for the schedule to fill),
// and define `%wv: f32`. Blocked formats call @half_at (kHalfAtTemplate),
// which the schedule includes. Names the text defines start with `%dq`.
//
// Plain formats (f32, f16, bf16) are read a value at a time. Blocked
// formats are read a group of 32 values at a time (a legacy block, or an
// eighth of a K-quant super-block): a header per group (its block's scales,
// where its codes are) and then each of its 32 values.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_LOWERING_GPU_DEQUANTTEMPLATES_H
#define SINKC_LOWERING_GPU_DEQUANTTEMPLATES_H

#include "GemvSchedule.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace sinkc::gpu {

/// Values of a blocked format's group (the GEMV lanes' unit of work).
constexpr int64_t kDequantGroupValues = 32;

/// Ops defining %wv, value `col` of row `row` (index SSA names) of a
/// rows x cols weight in `format`. Any format; blocked formats are the group
/// header and value below with the group and value index computed.
std::string dequantRowValue(GemvFormat format, int64_t rows, int64_t cols, llvm::StringRef row,
                            llvm::StringRef col);

/// Blocked formats: ops reading group `group` (values 32 group ..
/// 32 group + 31) of row `row` of a weight of `cols` columns: its block's
/// scales and where its codes are (names %dq_*, for dequantGroupValue).
std::string dequantGroupHeader(GemvFormat format, int64_t cols, llvm::StringRef row,
                               llvm::StringRef group);

/// Blocked formats: ops defining %wv, value `value` (an index, 0..31) of the
/// group whose header dominates them.
std::string dequantGroupValue(GemvFormat format, llvm::StringRef value);

} // namespace sinkc::gpu

#endif // SINKC_LOWERING_GPU_DEQUANTTEMPLATES_H
