//===- ParserGuards.h - input MLIR 22.1's parser would crash on -*- C++ -*-===//
//
// MLIR 22.1's parser dereferences a null bit width on `array<index: ...>`
// (llvm-project issue 179045, fixed after 22.1). Every sinkc entry point that
// parses user text checks for it first and reports an error instead.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_DIALECT_TFM_PARSERGUARDS_H
#define SINKC_DIALECT_TFM_PARSERGUARDS_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace sinkc {

/// Offset of the first `array<index` in `text`, if any.
std::optional<size_t> findIndexDenseArray(llvm::StringRef text);

/// The message to report at that offset.
inline constexpr const char *kIndexDenseArrayMessage =
    "dense arrays of index are not supported (MLIR 22.1 cannot parse them); "
    "use i64 elements";

} // namespace sinkc

#endif // SINKC_DIALECT_TFM_PARSERGUARDS_H
