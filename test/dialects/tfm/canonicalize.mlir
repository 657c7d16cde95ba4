// RUN: sinkc-opt --split-input-file --canonicalize %s | FileCheck %s

// All kv-heads full and no gate: the policy list says nothing and folds away.
// CHECK-LABEL: func.func @all_full_policies_fold_away
// CHECK: tfm.attention
// CHECK-NOT: policies
// CHECK-SAME: -> tensor<1x?x64xf32>
func.func @all_full_policies_fold_away(%q: tensor<1x?x64xf32>, %kv: tensor<1x?x32xf32>, %pos: index) -> tensor<1x?x64xf32> {
  %o = tfm.attention %q, %kv, %kv at %pos {num_heads = 2, num_kv_heads = 1, head_dim = 32, scale = 0.17677669529663687, policies = [#tfm.full]} : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}

// -----

// A mixed policy list stays as it is.
// CHECK-LABEL: func.func @mixed_policies_stay
// CHECK: policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>]
func.func @mixed_policies_stay(%q: tensor<1x?x64xf32>, %kv: tensor<1x?x64xf32>, %pos: index) -> tensor<1x?x64xf32> {
  %o = tfm.attention %q, %kv, %kv at %pos {num_heads = 2, num_kv_heads = 2, head_dim = 32, scale = 0.17677669529663687, policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 252>]} : tensor<1x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}

// -----

// A streaming window that covers the model's whole context (4 + 1020 >= 1024)
// never evicts: it becomes full; a shorter one (4 + 1019) stays. Once every
// head is full the list folds away too.
module attributes {tfm.model = #tfm.model<arch = "llama", context_length = 1024>} {
  // CHECK-LABEL: func.func @window_covering_context_is_full
  // CHECK: policies = [#tfm.full, #tfm.streaming<sinks = 4, window = 1019>]
  // CHECK: tfm.attention
  // CHECK-NOT: policies
  // CHECK-SAME: -> tensor<1x?x64xf32>
  func.func @window_covering_context_is_full(%q: tensor<1x?x64xf32>, %kv: tensor<1x?x64xf32>, %pos: index) -> (tensor<1x?x64xf32>, tensor<1x?x64xf32>) {
    %a = tfm.attention %q, %kv, %kv at %pos {num_heads = 2, num_kv_heads = 2, head_dim = 32, scale = 0.17677669529663687, policies = [#tfm.streaming<sinks = 4, window = 1020>, #tfm.streaming<sinks = 4, window = 1019>]} : tensor<1x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x64xf32>
    %b = tfm.attention %q, %kv, %kv at %pos {num_heads = 2, num_kv_heads = 2, head_dim = 32, scale = 0.17677669529663687, policies = [#tfm.streaming<sinks = 0, window = 1024>, #tfm.streaming<sinks = 24, window = 1000>]} : tensor<1x?x64xf32>, tensor<1x?x64xf32>, tensor<1x?x64xf32> -> tensor<1x?x64xf32>
    return %a, %b : tensor<1x?x64xf32>, tensor<1x?x64xf32>
  }
  // A model module must have its entry points; these are minimal.
  func.func @prefill(%t: tensor<1x?xi32>, %p: index) -> tensor<1x?x8xf32> {
    %w = tfm.weight_ref @e : tensor<8x64xf32>
    %h = tfm.embedding %w[%t] : tensor<8x64xf32>, tensor<1x?xi32> -> tensor<1x?x64xf32>
    %l = tfm.lm_head %h, %w : tensor<1x?x64xf32>, tensor<8x64xf32> -> tensor<1x?x8xf32>
    return %l : tensor<1x?x8xf32>
  }
  func.func @decode(%t: tensor<1x1xi32>, %p: index) -> tensor<1x1x8xf32> {
    %w = tfm.weight_ref @e : tensor<8x64xf32>
    %h = tfm.embedding %w[%t] : tensor<8x64xf32>, tensor<1x1xi32> -> tensor<1x1x64xf32>
    %l = tfm.lm_head %h, %w : tensor<1x1x64xf32>, tensor<8x64xf32> -> tensor<1x1x8xf32>
    return %l : tensor<1x1x8xf32>
  }
  tfm.weight @e : tensor<8x64xf32> = #tfm.source<file = "e.bin", tensor = "e", offset = 0, type = tensor<8x64xf32>>
}

// -----

// Without a tfm.model the context is unknown: nothing is rewritten.
// CHECK-LABEL: func.func @no_model_no_rewrite
// CHECK: policies = [#tfm.streaming<sinks = 4, window = 100000>]
func.func @no_model_no_rewrite(%q: tensor<1x?x64xf32>, %kv: tensor<1x?x32xf32>, %pos: index) -> tensor<1x?x64xf32> {
  %o = tfm.attention %q, %kv, %kv at %pos {num_heads = 2, num_kv_heads = 1, head_dim = 32, scale = 0.17677669529663687, policies = [#tfm.streaming<sinks = 4, window = 100000>]} : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return %o : tensor<1x?x64xf32>
}

// -----

// A layer whose body only yields its input is the identity and folds away.
// CHECK-LABEL: func.func @empty_layer_folds
// CHECK-NOT: tfm.layer
// CHECK: return %arg0
func.func @empty_layer_folds(%x: tensor<1x?x64xf32>) -> tensor<1x?x64xf32> {
  %y = tfm.layer 3 (%x : tensor<1x?x64xf32>) {
  ^bb0(%a: tensor<1x?x64xf32>):
    tfm.yield %a : tensor<1x?x64xf32>
  }
  return %y : tensor<1x?x64xf32>
}

// -----

// A layer that computes something stays.
// CHECK-LABEL: func.func @real_layer_stays
// CHECK: tfm.layer 0
// CHECK: tfm.add
func.func @real_layer_stays(%x: tensor<1x?x64xf32>) -> tensor<1x?x64xf32> {
  %y = tfm.layer 0 (%x : tensor<1x?x64xf32>) {
  ^bb0(%a: tensor<1x?x64xf32>):
    %r = tfm.add %a, %a : tensor<1x?x64xf32>
    tfm.yield %r : tensor<1x?x64xf32>
  }
  return %y : tensor<1x?x64xf32>
}

// -----

// An unused router is pure and goes; attention without caches is pure too.
// CHECK-LABEL: func.func @unused_router_erased
// CHECK-NOT: tfm.route_heads
// CHECK: return
func.func @unused_router_erased(%x: tensor<1x?x64xf32>, %w: tensor<2x64xf32>) {
  %g = tfm.route_heads %x, %w {top_k = 1} : tensor<1x?x64xf32>, tensor<2x64xf32> -> tensor<1x?x2xf32>
  return
}

// -----

// Attention that appends to a cache writes memory: it stays even if unused.
// CHECK-LABEL: func.func @cache_writer_stays
// CHECK: tfm.attention
func.func @cache_writer_stays(%q: tensor<1x?x64xf32>, %kv: tensor<1x?x32xf32>, %pos: index, %c: !tfm.kv_cache<1x?x32xf16>) {
  %o = tfm.attention %q, %kv, %kv at %pos caches(%c : !tfm.kv_cache<1x?x32xf16>) {num_heads = 2, num_kv_heads = 1, head_dim = 32, scale = 0.17677669529663687, kv_buffer = array<i64: 0>, kv_entry = array<i64: 0>} : tensor<1x?x64xf32>, tensor<1x?x32xf32>, tensor<1x?x32xf32> -> tensor<1x?x64xf32>
  return
}
