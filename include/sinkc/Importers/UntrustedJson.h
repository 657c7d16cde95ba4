//===- UntrustedJson.h - parsing JSON from files users give -----*- C++ -*-===//
//
// llvm::json recurses once per nesting level, so a file of a million `[`
// overflows the stack; these refuse nesting deeper than 64 levels first.
// Errors name the file and the byte offset.
//
//===----------------------------------------------------------------------===//

#ifndef SINKC_IMPORTERS_UNTRUSTEDJSON_H
#define SINKC_IMPORTERS_UNTRUSTEDJSON_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace sinkc::import {

/// Parses `text`, which starts at byte `base` of `path`.
llvm::Expected<llvm::json::Value> parseUntrustedJson(llvm::StringRef path,
                                                     llvm::StringRef text,
                                                     uint64_t base = 0);

/// Reads `path` and parses it as a JSON object.
llvm::Expected<llvm::json::Object> readJsonObjectFile(llvm::StringRef path);

} // namespace sinkc::import

#endif // SINKC_IMPORTERS_UNTRUSTEDJSON_H
