// RUN: sinkc-opt --split-input-file --tfm-form-dispatches %s | FileCheck %s

// A Llama block becomes five dispatches: norm + Q/K/V + rope, attention,
// O + residual, norm + gate/up + SwiGLU, down + residual; weights stay
// outside and enter as inputs.
// CHECK-LABEL: func.func @llama_block
// CHECK: tfm.layer 0
// CHECK: %[[QKV:.*]]:3 = tfm.dispatch "rms_norm+linear+rope"
// CHECK-NOT: tfm.weight_ref
// CHECK: tfm.rms_norm
// CHECK-COUNT-3: tfm.linear
// CHECK-COUNT-2: tfm.rope
// CHECK: tfm.dispatch_return
// CHECK: %[[ATT:.*]] = tfm.dispatch "attention" (%[[QKV]]#1, %[[QKV]]#2, %[[QKV]]#0, %{{.*}})
// CHECK: %[[O:.*]] = tfm.dispatch "linear+add" (%[[ATT]], %{{.*}}, %arg{{[0-9]+}})
// CHECK: %[[FFN:.*]] = tfm.dispatch "rms_norm+linear+swiglu" (%[[O]],
// CHECK: %[[OUT:.*]] = tfm.dispatch "linear+add" (%[[FFN]], %{{.*}}, %[[O]])
// CHECK: tfm.yield %[[OUT]]
tfm.weight @norm : tensor<64xf32> = #tfm.source<file = "m.gguf", tensor = "norm", offset = 0, type = tensor<64xf32>>
tfm.weight @wq : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "wq", offset = 0, type = tensor<64x64xf32>>
tfm.weight @wk : tensor<32x64xf32> = #tfm.source<file = "m.gguf", tensor = "wk", offset = 0, type = tensor<32x64xf32>>
tfm.weight @wo : tensor<64x64xf32> = #tfm.source<file = "m.gguf", tensor = "wo", offset = 0, type = tensor<64x64xf32>>
tfm.weight @wg : tensor<128x64xf32> = #tfm.source<file = "m.gguf", tensor = "wg", offset = 0, type = tensor<128x64xf32>>
tfm.weight @wd : tensor<64x128xf32> = #tfm.source<file = "m.gguf", tensor = "wd", offset = 0, type = tensor<64x128xf32>>
func.func @llama_block(%x: tensor<1x?x64xf32>, %pos: index) -> tensor<1x?x64xf32> {
  %y = tfm.layer 0 (%x : tensor<1x?x64xf32>) {
  ^bb0(%h: tensor<1x?x64xf32>):
    %wn = tfm.weight_ref @norm : tensor<64xf32>
    %wq = tfm.weight_ref @wq : tensor<64x64xf32>
    %wk = tfm.weight_ref @wk : tensor<32x64xf32>
    %wo = tfm.weight_ref @wo : tensor<64x64xf32>
    %wg = tfm.weight_ref @wg : tensor<128x64xf32>
    %wd = tfm.weight_ref @wd : tensor<64x128xf32>
    %n = tfm.rms_norm %h, %wn {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>
    %q = tfm.linear %n, %wq : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
    %k = tfm.linear %n, %wk : tensor<1x?x64xf32>, tensor<32x64xf32> -> tensor<1x?x32xf32>
    %v = tfm.linear %n, %wk : tensor<1x?x64xf32>, tensor<32x64xf32> -> tensor<1x?x32xf32>
    %qr = tfm.rope %q at %pos style = neox {head_dim = 16, theta = 10000.0} : tensor<1x?x64xf32>
    %kr = tfm.rope %k at %pos style = neox {head_dim = 16, theta = 10000.0} : tensor<1x?x32xf32>
    %a = tfm.attention %qr, %kr, %v at %pos {num_heads = 4, num_kv_heads = 2, head_dim = 16, scale = 0.25} : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
    %o = tfm.linear %a, %wo : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
    %r = tfm.add %h, %o : tensor<1x?x64xf32>
    %n2 = tfm.rms_norm %r, %wn {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>
    %g = tfm.linear %n2, %wg : tensor<1x?x64xf32>, tensor<128x64xf32> -> tensor<1x?x128xf32>
    %u = tfm.linear %n2, %wg : tensor<1x?x64xf32>, tensor<128x64xf32> -> tensor<1x?x128xf32>
    %s = tfm.swiglu %g, %u : tensor<1x?x128xf32>
    %d = tfm.linear %s, %wd : tensor<1x?x128xf32>, tensor<64x128xf32> -> tensor<1x?x64xf32>
    %out = tfm.add %r, %d : tensor<1x?x64xf32>
    tfm.yield %out : tensor<1x?x64xf32>
  }
  return %y : tensor<1x?x64xf32>
}

// -----

// Outside layers: the embedding alone, the final norm with the lm_head; the
// tfm.layer in between is no dispatch.
// CHECK-LABEL: func.func @entry
// CHECK: %[[E:.*]] = tfm.dispatch "embedding"
// CHECK: %[[L:.*]] = tfm.layer 0 (%[[E]]
// CHECK: tfm.dispatch "rms_norm+lm_head" (%[[L]], %{{.*}}, %{{.*}})
// CHECK: tfm.dispatch_return
// CHECK-NOT: tfm.dispatch "
tfm.weight @table : tensor<100x64xf32> = #tfm.source<file = "m.gguf", tensor = "table", offset = 0, type = tensor<100x64xf32>>
tfm.weight @norm : tensor<64xf32> = #tfm.source<file = "m.gguf", tensor = "norm", offset = 0, type = tensor<64xf32>>
func.func @entry(%ids: tensor<1x?xi32>) -> tensor<1x?x100xf32> {
  %t = tfm.weight_ref @table : tensor<100x64xf32>
  %wn = tfm.weight_ref @norm : tensor<64xf32>
  %h = tfm.embedding %t[%ids] : tensor<100x64xf32>, tensor<1x?xi32> -> tensor<1x?x64xf32>
  %l = tfm.layer 0 (%h : tensor<1x?x64xf32>) {
  ^bb0(%a: tensor<1x?x64xf32>):
    tfm.yield %a : tensor<1x?x64xf32>
  }
  %n = tfm.rms_norm %l, %wn {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>
  %logits = tfm.lm_head %n, %t : tensor<1x?x64xf32>, tensor<100x64xf32> -> tensor<1x?x100xf32>
  return %logits : tensor<1x?x100xf32>
}

// -----

// The add reads %p, which depends on the norm's group through %a, and %b
// from that same group: joining it there would make the group need its own
// output. It stays a dispatch of its own, after both.
// CHECK-LABEL: func.func @no_cycle
// CHECK: %[[G1:.*]]:2 = tfm.dispatch "rms_norm+linear"
// CHECK: %[[G2:.*]] = tfm.dispatch "linear" (%[[G1]]#0,
// CHECK: tfm.dispatch "add" (%[[G2]], %[[G1]]#1)
func.func @no_cycle(%x: tensor<1x?x64xf32>, %w: tensor<64x64xf32>, %wn: tensor<64xf32>) -> tensor<1x?x64xf32> {
  %n = tfm.rms_norm %x, %wn {epsilon = 1.0e-5} : tensor<1x?x64xf32>, tensor<64xf32>
  %a = tfm.linear %n, %w : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
  %p = tfm.linear %a, %w : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
  %b = tfm.linear %n, %w : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
  %e = tfm.add %p, %b : tensor<1x?x64xf32>
  return %e : tensor<1x?x64xf32>
}

// -----

// An elementwise op reading a tfm.layer result does not join the group
// before the layer (the layer may depend on it).
// CHECK-LABEL: func.func @layer_barrier
// CHECK: %[[D:.*]] = tfm.dispatch "linear"
// CHECK: %[[L:.*]] = tfm.layer 0 (%[[D]]
// CHECK: tfm.dispatch "add" (%[[D]], %[[L]])
func.func @layer_barrier(%x: tensor<1x?x64xf32>, %w: tensor<64x64xf32>) -> tensor<1x?x64xf32> {
  %d = tfm.linear %x, %w : tensor<1x?x64xf32>, tensor<64x64xf32> -> tensor<1x?x64xf32>
  %l = tfm.layer 0 (%d : tensor<1x?x64xf32>) {
  ^bb0(%a: tensor<1x?x64xf32>):
    %s = tfm.add %a, %a : tensor<1x?x64xf32>
    tfm.yield %s : tensor<1x?x64xf32>
  }
  %e = tfm.add %d, %l : tensor<1x?x64xf32>
  return %e : tensor<1x?x64xf32>
}
