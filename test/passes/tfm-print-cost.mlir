// Cost model on the SmolLM2-135M-shaped module and on variants whose
// kv-heads are streaming or pruned (made by the sample's generator).

// All 90 kv-heads full: 30 layers x 3 kv-heads x (K + V) x 64 x 4096 x 2 bytes.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py | sinkc-opt --tfm-print-cost -o /dev/null | FileCheck %s --check-prefix=FULL
// FULL: total parameters: 134515008
// FULL: total weight bytes: 96576768 (f32: 140544, q4_1: 66355200, q8_0: 30081024)
// FULL: KV-cache bytes (context 4096): 94371840
// FULL: kv-heads: 90 full, 0 streaming, 0 pruned

// One kv-head per layer streaming<4, 252>: it holds 256 positions, not 4096.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --streaming-kv-heads 1 | sinkc-opt --tfm-print-cost -o /dev/null | FileCheck %s --check-prefix=STREAM1
// STREAM1: total parameters: 134515008
// STREAM1: KV-cache bytes (context 4096): 64880640
// STREAM1: kv-heads: 60 full, 30 streaming, 0 pruned

// Every kv-head streaming: 90 x 2 x 64 x 256 x 2 bytes, whatever the context.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --streaming-kv-heads 3 | sinkc-opt --tfm-print-cost -o /dev/null | FileCheck %s --check-prefix=STREAM3
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --streaming-kv-heads 3 | sinkc-opt --tfm-print-cost=context=100000 -o /dev/null | FileCheck %s --check-prefix=STREAM3
// STREAM3: KV-cache bytes (context {{[0-9]+}}): 5898240
// STREAM3: kv-heads: 0 full, 90 streaming, 0 pruned

// A pruned kv-head holds nothing; the rest stay full.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --pruned-kv-heads 1 | sinkc-opt --tfm-print-cost -o /dev/null | FileCheck %s --check-prefix=PRUNE1
// PRUNE1: KV-cache bytes (context 4096): 62914560
// PRUNE1: kv-heads: 60 full, 0 streaming, 30 pruned

// Pruned + streaming: 60 streaming entries of 256 slots.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --pruned-kv-heads 1 --streaming-kv-heads 2 | sinkc-opt --tfm-print-cost -o /dev/null | FileCheck %s --check-prefix=MIXED
// MIXED: KV-cache bytes (context 4096): 3932160

// Full heads grow with the context: at 8192 the full cache doubles.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py | sinkc-opt --tfm-print-cost=context=8192 -o /dev/null | FileCheck %s --check-prefix=CTX8K
// CTX8K: KV-cache bytes (context 8192): 188743680

// A mixture-of-heads router per layer (9 x 576) adds its parameters and, per
// decoded token, 2 x 576 x 9 router FLOPs plus 576 gate products per layer:
// 552549888 + 30 x (10368 + 576) = 552878208.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --router-top-k 3 | sinkc-opt --tfm-print-cost -o /dev/null | FileCheck %s --check-prefix=ROUTED
// ROUTED: total parameters: 134670528
// ROUTED: decode FLOPs (context 4096): 552878208
// ROUTED: KV-cache bytes (context 4096): 94371840

// Machine-readable output: per layer and total.
// RUN: %python %sinkc_src_root/examples/make_smollm2_sample.py --streaming-kv-heads 1 | sinkc-opt --tfm-print-cost=format=json -o /dev/null | FileCheck %s --check-prefix=JSON
// JSON:      "layers": [
// JSON:          "kv_bytes": 2162688,
// JSON:          "full": 2,
// JSON:          "streaming": 1
// JSON:          "layer": 0,
// JSON:          "parameters": 3540096,
// JSON:      "total": {
// JSON:        "kv_bytes": 64880640,
// JSON:        "parameters": 134515008,

// Bad options are errors, not silent defaults.
// RUN: not sinkc-opt --tfm-print-cost=format=xml %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFMT
// BADFMT: format must be text or json, got 'xml'
// RUN: not sinkc-opt --tfm-print-cost=context=0 %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADCTX
// BADCTX: must be >= 1

// Exact FLOPs on a tiny block (no @prefill/@decode, so the function counts as
// both): prefill 4 tokens, decode at context 6.
// RUN: sinkc-opt --tfm-print-cost="prefill-tokens=4 context=6" %s -o /dev/null | FileCheck %s --check-prefix=TINY
//
// linear 16->8: 2 x 16 x 8 = 256 per token; attention (4 heads, head_dim 4,
// 2 kv-heads): kv-head 0 full, kv-head 1 streaming<1, 2> (at most 3 keys).
//   prefill keys seen by queries 1..4: full 1+2+3+4 = 10, streaming 1+2+3+3 = 9
//   attention = 2 heads/group x 4 x head_dim 4 x keys = 32 x keys
//   prefill = 4 x 256 (linear) + 32 x 19 (attention) + 4 x 16 (add) = 1696
//   decode at context 6: 256 + 32 x (6 + 3) + 16 = 560
//   KV bytes at 6 (f32 caches): K+V x 4 values x 4 bytes x (6 + 3) = 288
// TINY: {{^}}0 128 512 1,696 560 288 1/1/0
// TINY: total parameters: 128
// TINY: total weight bytes: 512 (f32: 512)
// TINY: kv-heads: 1 full, 1 streaming, 0 pruned
tfm.weight @wk : tensor<8x16xf32> = #tfm.source<file = "w.bin", tensor = "wk", offset = 0, type = tensor<8x16xf32>>
func.func @tiny(%x: tensor<1x?x16xf32>, %pos: index, %full: !tfm.kv_cache<1x?x4xf32>,
                %ring: !tfm.kv_cache<1x3x4xf32>) -> tensor<1x?x16xf32> {
  %y = tfm.layer 0 (%x : tensor<1x?x16xf32>) {
  ^bb0(%a: tensor<1x?x16xf32>):
    %wk = tfm.weight_ref @wk : tensor<8x16xf32>
    %k = tfm.linear %a, %wk : tensor<1x?x16xf32>, tensor<8x16xf32> -> tensor<1x?x8xf32>
    %o = tfm.attention %a, %k, %k at %pos
           caches(%full, %ring : !tfm.kv_cache<1x?x4xf32>, !tfm.kv_cache<1x3x4xf32>)
           {num_heads = 4, num_kv_heads = 2, head_dim = 4, scale = 0.5,
            policies = [#tfm.full, #tfm.streaming<sinks = 1, window = 2>],
            kv_buffer = array<i64: 0, 1>, kv_entry = array<i64: 0, 0>}
           : tensor<1x?x16xf32>, tensor<1x?x8xf32>, tensor<1x?x8xf32> -> tensor<1x?x16xf32>
    %r = tfm.add %a, %o : tensor<1x?x16xf32>
    tfm.yield %r : tensor<1x?x16xf32>
  }
  return %y : tensor<1x?x16xf32>
}
