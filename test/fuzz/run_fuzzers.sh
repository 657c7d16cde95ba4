#!/usr/bin/env bash
# Builds every test/fuzz/*_fuzzer.cpp with clang-22 (-fsanitize=fuzzer,address)
# against the reader sources it names, and runs each for SECONDS on a copy of
# its seed corpus (test/fuzz/corpus/<name>/). Fails on any crash or leak.
# usage: run_fuzzers.sh OUT_DIR SECONDS
set -euo pipefail
out="$1"; seconds="${2:-20}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
llvm=/usr/lib/llvm-22
mkdir -p "$out"
status=0
for src in "$root"/test/fuzz/*_fuzzer.cpp; do
  name="$(basename "$src" _fuzzer.cpp)"
  # The fuzzer's first line lists the sources it needs: // SOURCES: a.cpp b.cpp
  sources=$(sed -n '1s|^// SOURCES: ||p' "$src")
  srcs=()
  for s in $sources; do srcs+=("$root/$s"); done
  # An optional second line adds compiler flags: // FLAGS: -Iruntime/include ...
  extra=()
  for f in $(sed -n '2s|^// FLAGS: ||p' "$src"); do
    case "$f" in -I*) extra+=("-I$root/${f#-I}") ;; *) extra+=("$f") ;; esac
  done
  "$llvm/bin/clang++" -std=c++17 -O1 -g -fsanitize=fuzzer,address \
    -I"$root/include" -I"$llvm/include" -D_GLIBCXX_USE_CXX11_ABI=1 \
    "${extra[@]}" "$src" "${srcs[@]}" -L"$llvm/lib" -Wl,-rpath,"$llvm/lib" -lLLVM \
    -o "$out/$name-fuzzer"
  corpus="$out/corpus-$name"
  rm -rf "$corpus"; mkdir -p "$corpus"
  cp "$root/test/fuzz/corpus/$name/"* "$corpus/" 2>/dev/null || true
  echo "fuzzing $name for ${seconds}s"
  if ! "$out/$name-fuzzer" -max_total_time="$seconds" -max_len=65536 \
        -rss_limit_mb=2048 -print_final_stats=1 "$corpus" > "$out/$name.log" 2>&1; then
    echo "fuzzer $name failed:"; tail -40 "$out/$name.log"; status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$out/$name.log" | tail -2
  fi
done
exit $status
