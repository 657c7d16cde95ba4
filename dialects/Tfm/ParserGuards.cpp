//===- ParserGuards.cpp - input MLIR 22.1's parser would crash on ---------===//

#include "sinkc/Dialect/Tfm/ParserGuards.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

std::optional<size_t> sinkc::findIndexDenseArray(llvm::StringRef text) {
  static const llvm::Regex pattern(
      "array[[:space:]]*<[[:space:]]*index([^_a-zA-Z0-9]|$)");
  llvm::SmallVector<llvm::StringRef, 2> match;
  if (!pattern.match(text, &match))
    return std::nullopt;
  return static_cast<size_t>(match[0].data() - text.data());
}
