// The SmolLM2-135M-shaped sample prints back byte for byte, and is exactly
// what its generator produces (so the two cannot drift apart).
// RUN: sinkc-opt %sinkc_src_root/examples/smollm2-135m.mlir | diff %sinkc_src_root/examples/smollm2-135m.mlir -
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py | sinkc-opt | diff %sinkc_src_root/examples/smollm2-135m.mlir -
// The generic form and bytecode round-trip too.
// RUN: sinkc-opt --verify-roundtrip %sinkc_src_root/examples/smollm2-135m.mlir -o /dev/null

// Its shape as the cost model sees it: 30 layers, 90 full kv-heads.
// RUN: sinkc-opt --tfm-print-cost %sinkc_src_root/examples/smollm2-135m.mlir -o /dev/null | FileCheck %s
// CHECK: {{^}}29{{ +}}3,540,096
// CHECK: total parameters: 134515008
// CHECK: kv-heads: 90 full, 0 streaming, 0 pruned
