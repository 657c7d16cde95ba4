#!/usr/bin/env bash
# The microkernel bitcode is linked into generated modules that have no libc
# or libm: no undefined symbol may remain, before or after code generation,
# and every flavour exports dot / GEMV / GEMM and the embedding gather for
# every weight format (the 24 group formats too), and both attention
# kernels. The v4 flavour must carry AVX-512 (and use zmm registers); v3
# must not.
# Usage: check_bitcode.sh LLVM_BIN_DIR BITCODE_DIR
set -euo pipefail
bin=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for march in x86-64-v4 x86-64-v3 x86-64; do
  bc=$dir/ukernels-$march.bc
  [ -f "$bc" ] || fail "missing $bc"
  undef=$("$bin/llvm-nm" --undefined-only "$bc")
  [ -z "$undef" ] || fail "$bc has undefined symbols: $undef"
  "$bin/llvm-dis" "$bc" -o "$tmp/$march.ll"
  # Declarations other than LLVM intrinsics would be external calls.
  if grep -E '^declare ' "$tmp/$march.ll" | grep -vE '@llvm\.' ; then
    fail "$bc declares external functions"
  fi
  for k in dot gemv gemm embedding; do
    for f in f32 f16 bf16 q8_0 q4_0 q4_1 q5_0 q5_1 q4_k q6_k; do
      grep -qE "^define .*@sinkc_uk_${k}_${f}\(" "$tmp/$march.ll" ||
        fail "$bc lacks sinkc_uk_${k}_${f}"
    done
  done
  # sinkc's 24 group formats, i<bits>g<group><s|a>_<f16|f32>.
  for k in dot gemv gemm embedding; do
    for b in 4 8; do for g in 32 64 128; do for m in s a; do
      for t in f16 f32; do
        f=i${b}g${g}${m}_${t}
        grep -qE "^define .*@sinkc_uk_${k}_${f}\(" "$tmp/$march.ll" ||
          fail "$bc lacks sinkc_uk_${k}_${f}"
      done
    done; done; done
  done
  for f in f16 f32; do
    grep -qE "^define .*@sinkc_uk_attention_${f}\(" "$tmp/$march.ll" ||
      fail "$bc lacks sinkc_uk_attention_${f}"
  done
  # Intrinsics like llvm.memcpy may still become calls in code generation.
  "$bin/llc" -O3 -filetype=obj -relocation-model=pic "$bc" -o "$tmp/$march.o"
  undef=$("$bin/llvm-nm" --undefined-only "$tmp/$march.o")
  [ -z "$undef" ] || fail "$march object needs: $undef"
  grep -q "\"target-cpu\"=\"$march\"" "$tmp/$march.ll" || fail "$bc: target-cpu"
done

grep -qE '"target-features"="[^"]*\+avx512f' "$tmp/x86-64-v4.ll" ||
  fail "v4 bitcode lacks +avx512f"
"$bin/llvm-objdump" -d "$tmp/x86-64-v4.o" > "$tmp/x86-64-v4.s"
grep -q 'zmm' "$tmp/x86-64-v4.s" ||
  fail "v4 code uses no zmm register"
if grep -qE '"target-features"="[^"]*\+avx512f' "$tmp/x86-64-v3.ll"; then
  fail "v3 bitcode has +avx512f"
fi
echo "ukernel bitcode OK"
