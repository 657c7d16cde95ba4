#!/usr/bin/env bash
# The microkernel bitcode is linked into generated modules that have no libc
# or libm: no undefined symbol may remain, before or after code generation,
# and every flavour exports dot / GEMV / GEMM and the embedding gather for
# every weight format (the 24 group formats too), both attention kernels,
# and the int8-activation (q8a) kernels. The v4 flavours must carry AVX-512
# (and use zmm registers), v3 must not; x86-64-v4-vnni (v4 plus
# AVX512-VNNI) must use vpdpbusd, plain v4 must not.
# Usage: check_bitcode.sh LLVM_BIN_DIR BITCODE_DIR
set -euo pipefail
bin=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

for march in x86-64-v4 x86-64-v4-vnni x86-64-v3 x86-64; do
  cpu=${march%-vnni}
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
  grep -qE "^define .*@sinkc_uk_quantize_q8a\(" "$tmp/$march.ll" ||
    fail "$bc lacks sinkc_uk_quantize_q8a"
  for k in dot gemv gemm; do
    for f in q8_0 q4_0 q4_1 i8g32s_f16 i4g32s_f16 i4g32a_f16; do
      grep -qE "^define .*@sinkc_uk_${k}_${f}_q8a\(" "$tmp/$march.ll" ||
        fail "$bc lacks sinkc_uk_${k}_${f}_q8a"
    done
  done
  # Intrinsics like llvm.memcpy may still become calls in code generation.
  "$bin/llc" -O3 -filetype=obj -relocation-model=pic "$bc" -o "$tmp/$march.o"
  undef=$("$bin/llvm-nm" --undefined-only "$tmp/$march.o")
  [ -z "$undef" ] || fail "$march object needs: $undef"
  grep -q "\"target-cpu\"=\"$cpu\"" "$tmp/$march.ll" || fail "$bc: target-cpu"
done

for v4 in x86-64-v4 x86-64-v4-vnni; do
  grep -qE '"target-features"="[^"]*\+avx512f' "$tmp/$v4.ll" ||
    fail "$v4 bitcode lacks +avx512f"
  "$bin/llvm-objdump" -d "$tmp/$v4.o" > "$tmp/$v4.s"
  grep -q 'zmm' "$tmp/$v4.s" || fail "$v4 code uses no zmm register"
done
grep -qE '"target-features"="[^"]*\+avx512vnni' "$tmp/x86-64-v4-vnni.ll" ||
  fail "x86-64-v4-vnni bitcode lacks +avx512vnni"
grep -q 'vpdpbusd' "$tmp/x86-64-v4-vnni.s" ||
  fail "x86-64-v4-vnni code uses no vpdpbusd"
if grep -q 'vpdpbusd' "$tmp/x86-64-v4.s"; then
  fail "x86-64-v4 code uses vpdpbusd (AVX512-VNNI is not part of v4)"
fi
grep -q 'vpmaddubsw' "$tmp/x86-64-v4.s" ||
  fail "x86-64-v4 code uses no vpmaddubsw"
if grep -qE '"target-features"="[^"]*\+avx512f' "$tmp/x86-64-v3.ll"; then
  fail "v3 bitcode has +avx512f"
fi
echo "ukernel bitcode OK"
