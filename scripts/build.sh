#!/usr/bin/env bash
# Configures (once) and builds sinkc into build/ with Ninja against LLVM/MLIR 22.
set -euo pipefail
cd "$(dirname "$0")/.."
LLVM_ROOT=/usr/lib/llvm-22
BUILD_DIR="${BUILD_DIR:-build}"  # helpers building in parallel use their own
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR="$LLVM_ROOT/lib/cmake/mlir" \
    -DLLVM_EXTERNAL_LIT="$LLVM_ROOT/bin/lit" \
    -DLLVM_USE_LINKER=lld \
    -DCMAKE_EXE_LINKER_FLAGS="-B$LLVM_ROOT/bin" \
    -DCMAKE_SHARED_LINKER_FLAGS="-B$LLVM_ROOT/bin" \
    -DCMAKE_MODULE_LINKER_FLAGS="-B$LLVM_ROOT/bin" \
    -DPython3_EXECUTABLE="$(command -v python3)"
fi
cmake --build "$BUILD_DIR" -- -j"$(nproc)" "$@"
