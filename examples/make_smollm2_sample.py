#!/usr/bin/env python3
"""Writes a SmolLM2-135M-shaped tfm module (weights by reference, no bytes).

SmolLM2-135M: 30 layers, 9 query heads, 3 kv-heads, head_dim 64, hidden 576,
FFN 1536, vocab 49152, tied embeddings, RoPE theta 100000 (interleaved, as
GGUF `llama` weights are permuted), RMSNorm epsilon 1e-5, context 8192.
Weights are referenced as a Q4_1 GGUF stores them (embedding Q8_0, norms F32).

examples/smollm2-135m.mlir is this script's output printed once by sinkc-opt:
    python3 examples/make_smollm2_sample.py | build/bin/sinkc-opt > examples/smollm2-135m.mlir
Options make variants with some kv-heads streaming or pruned (used by tests).
"""
import argparse
import sys

HIDDEN, FFN, VOCAB = 576, 1536, 49152
HEADS, KV_HEADS, HEAD_DIM = 9, 3, 64
FILE = "SmolLM2-135M-Instruct-Q4_1.gguf"
GGUF_ALIGNMENT = 32
STREAMING = "#tfm.streaming<sinks = 4, window = 252>"


def tensor(shape, enc=None):
    dims = "x".join(str(d) for d in shape)
    return f"tensor<{dims}xf32, {enc}>" if enc else f"tensor<{dims}xf32>"


def stored_bytes(shape, enc):
    count = 1
    for d in shape:
        count *= d
    per_block = {"#tfm.gguf<q4_1>": 20, "#tfm.gguf<q8_0>": 34}
    return count // 32 * per_block[enc] if enc else count * 4


def gguf_name(symbol):
    """GGUF tensor names end in .weight; the per-layer symbols drop it."""
    return symbol if symbol.endswith(".weight") else symbol + ".weight"


class Weights:
    """Declares tfm.weight ops at consecutive, aligned offsets of one file."""

    def __init__(self):
        self.lines, self.types, self.offset = [], {}, 0

    def add(self, name, shape, enc=None):
        ty = tensor(shape, enc)
        self.types[name] = ty
        self.lines.append(
            f'  tfm.weight @{name} : {ty} = #tfm.source<file = "{FILE}", '
            f'tensor = "{gguf_name(name)}", offset = {self.offset}, type = {ty}>')
        self.offset += stored_bytes(shape, enc)
        self.offset += -self.offset % GGUF_ALIGNMENT


def policies(args):
    out = []
    for h in range(KV_HEADS):
        if h < args.pruned_kv_heads:
            out.append("#tfm.pruned")
        elif h >= KV_HEADS - args.streaming_kv_heads:
            out.append(STREAMING)
        else:
            out.append("#tfm.full")
    return out


def cache_layout(args):
    """Cache buffer types and, per (layer, kv-head), (buffer, entry)."""
    pols = policies(args)
    groups = [p for p in ("#tfm.full", STREAMING) if p in pols]
    counts = {g: 0 for g in groups}
    binding = {}
    for layer in range(args.layers):
        for h, p in enumerate(pols):
            if p == "#tfm.pruned":
                binding[layer, h] = (-1, 0)
            else:
                binding[layer, h] = (groups.index(p), counts[p])
                counts[p] += 1
    slots = {"#tfm.full": "?", STREAMING: "256"}
    types = [f"!tfm.kv_cache<{counts[g]}x{slots[g]}x{HEAD_DIM}xf16>" for g in groups]
    return types, binding


def head_stats(layer):
    # Sample calibration figures: early layers put more mass on the sink.
    mass = [round(0.95 - 0.02 * layer - 0.05 * (h % 3), 4) for h in range(HEADS)]
    entropy = [round(0.5 + 0.1 * layer + 0.2 * (h % 3), 4) for h in range(HEADS)]
    return (f"#tfm.head_stats<tokens = 4096, sink_mass = {mass}, "
            f"entropy = {entropy}>").replace("'", "")


def layer_body(layer, w, seq, cache_args, cache_types, binding, args, out):
    act = lambda n: f"tensor<1x{seq}x{n}xf32>"
    p = f"%l{layer}_"
    b = f"blk.{layer}."

    def ref(name):
        out.append(f"      {p}w_{name} = tfm.weight_ref @{b}{name} : {w.types[b + name]}")
        return f"{p}w_{name}"

    def linear(dst, src, name, n_in, n_out):
        wv = ref(name)
        out.append(f"      {p}{dst} = tfm.linear {src}, {wv} : {act(n_in)}, "
                   f"{w.types[b + name]} -> {act(n_out)}")

    out.append(f"    %h{layer + 1} = tfm.layer {layer} (%h{layer} : {act(HIDDEN)}) "
               f"attributes {{stats = #tfm.layer_stats<tokens = 4096, "
               f"block_influence = {round(0.02 + 0.004 * layer, 4)}>}} {{")
    out.append(f"    ^bb0({p}x: {act(HIDDEN)}):")
    norm = ref("attn_norm")
    out.append(f"      {p}xn = tfm.rms_norm {p}x, {norm} {{epsilon = 1.0e-05}} : "
               f"{act(HIDDEN)}, tensor<{HIDDEN}xf32>")
    linear("q", f"{p}xn", "attn_q", HIDDEN, HEADS * HEAD_DIM)
    linear("k", f"{p}xn", "attn_k", HIDDEN, KV_HEADS * HEAD_DIM)
    linear("v", f"{p}xn", "attn_v", HIDDEN, KV_HEADS * HEAD_DIM)
    for t, n in (("q", HEADS), ("k", KV_HEADS)):
        out.append(f"      {p}{t}r = tfm.rope {p}{t} at %pos style = interleaved "
                   f"{{head_dim = {HEAD_DIM}, theta = 100000.0}} : {act(n * HEAD_DIM)}")
    gates = ""
    if args.router_top_k:
        router = ref("attn_router")
        out.append(f"      {p}gates = tfm.route_heads {p}xn, {router} "
                   f"{{top_k = {args.router_top_k}}} : {act(HIDDEN)}, "
                   f"{w.types[b + 'attn_router']} -> {act(HEADS)}")
        gates = f"gates({p}gates : {act(HEADS)}) "
    buffers = [binding[layer, h][0] for h in range(KV_HEADS)]
    entries = [binding[layer, h][1] for h in range(KV_HEADS)]
    out.append(
        f"      {p}attn = tfm.attention {p}qr, {p}kr, {p}v at %pos "
        f"caches({', '.join(cache_args)} : {', '.join(cache_types)}) {gates}"
        f"{{num_heads = {HEADS}, num_kv_heads = {KV_HEADS}, head_dim = {HEAD_DIM}, "
        f"scale = 0.125, policies = [{', '.join(policies(args))}], "
        f"kv_buffer = array<i64: {', '.join(map(str, buffers))}>, "
        f"kv_entry = array<i64: {', '.join(map(str, entries))}>, "
        f"stats = {head_stats(layer)}}} : {act(HIDDEN)}, {act(KV_HEADS * HEAD_DIM)}, "
        f"{act(KV_HEADS * HEAD_DIM)} -> {act(HIDDEN)}")
    linear("o", f"{p}attn", "attn_output", HIDDEN, HIDDEN)
    out.append(f"      {p}h = tfm.add {p}x, {p}o : {act(HIDDEN)}")
    norm = ref("ffn_norm")
    out.append(f"      {p}hn = tfm.rms_norm {p}h, {norm} {{epsilon = 1.0e-05}} : "
               f"{act(HIDDEN)}, tensor<{HIDDEN}xf32>")
    linear("gate", f"{p}hn", "ffn_gate", HIDDEN, FFN)
    linear("up", f"{p}hn", "ffn_up", HIDDEN, FFN)
    out.append(f"      {p}act = tfm.swiglu {p}gate, {p}up : {act(FFN)}")
    linear("down", f"{p}act", "ffn_down", FFN, HIDDEN)
    out.append(f"      {p}out = tfm.add {p}h, {p}down : {act(HIDDEN)}")
    out.append(f"      tfm.yield {p}out : {act(HIDDEN)}")
    out.append("    }")


def entry_point(name, seq, w, args, out):
    cache_types, binding = cache_layout(args)
    cache_args = [f"%kv{i}" for i in range(len(cache_types))]
    params = ", ".join(f"{a}: {t}" for a, t in zip(cache_args, cache_types))
    logits = f"tensor<1x{seq}x{VOCAB}xf32>"
    out.append(f"  func.func @{name}(%tokens: tensor<1x{seq}xi32>, %pos: index, "
               f"{params}) -> {logits} {{")
    emb = w.types["token_embd.weight"]
    out.append(f"    %embd = tfm.weight_ref @token_embd.weight : {emb}")
    out.append(f"    %h0 = tfm.embedding %embd[%tokens] : {emb}, tensor<1x{seq}xi32> "
               f"-> tensor<1x{seq}x{HIDDEN}xf32>")
    for layer in range(args.layers):
        layer_body(layer, w, seq, cache_args, cache_types, binding, args, out)
    act = f"tensor<1x{seq}x{HIDDEN}xf32>"
    last = f"%h{args.layers}"
    out.append(f"    %w_out_norm = tfm.weight_ref @output_norm.weight : tensor<{HIDDEN}xf32>")
    out.append(f"    %final = tfm.rms_norm {last}, %w_out_norm {{epsilon = 1.0e-05}} : "
               f"{act}, tensor<{HIDDEN}xf32>")
    # Tied embeddings: the output projection is the embedding table.
    out.append(f"    %logits = tfm.lm_head %final, %embd : {act}, {emb} -> {logits}")
    out.append(f"    return %logits : {logits}")
    out.append("  }")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=30)
    parser.add_argument("--streaming-kv-heads", type=int, default=0,
                        help="make the last N kv-heads of every layer streaming<4, 252>")
    parser.add_argument("--pruned-kv-heads", type=int, default=0,
                        help="make the first N kv-heads of every layer pruned")
    parser.add_argument("--router-top-k", type=int, default=0,
                        help="add a mixture-of-heads router (9 x 576, f32) per layer "
                             "that gates attention to its top-k heads")
    args = parser.parse_args()
    if args.streaming_kv_heads + args.pruned_kv_heads > KV_HEADS:
        parser.error(f"at most {KV_HEADS} kv-heads can be streaming or pruned")

    w = Weights()
    w.add("token_embd.weight", (VOCAB, HIDDEN), "#tfm.gguf<q8_0>")
    for layer in range(args.layers):
        b = f"blk.{layer}."
        w.add(b + "attn_norm", (HIDDEN,))
        w.add(b + "attn_q", (HEADS * HEAD_DIM, HIDDEN), "#tfm.gguf<q4_1>")
        w.add(b + "attn_k", (KV_HEADS * HEAD_DIM, HIDDEN), "#tfm.gguf<q4_1>")
        w.add(b + "attn_v", (KV_HEADS * HEAD_DIM, HIDDEN), "#tfm.gguf<q4_1>")
        w.add(b + "attn_output", (HIDDEN, HEADS * HEAD_DIM), "#tfm.gguf<q4_1>")
        w.add(b + "ffn_norm", (HIDDEN,))
        if args.router_top_k:
            w.add(b + "attn_router", (HEADS, HIDDEN))
        w.add(b + "ffn_gate", (FFN, HIDDEN), "#tfm.gguf<q4_1>")
        w.add(b + "ffn_up", (FFN, HIDDEN), "#tfm.gguf<q4_1>")
        w.add(b + "ffn_down", (HIDDEN, FFN), "#tfm.gguf<q4_1>")
    w.add("output_norm.weight", (HIDDEN,))

    out = ['module attributes {tfm.model = #tfm.model<arch = "llama", '
           'context_length = 8192>} {']
    out += w.lines
    entry_point("prefill", "?", w, args, out)
    entry_point("decode", "1", w, args, out)
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
