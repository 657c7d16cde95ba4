"""Tests of the oracles themselves: the numpy llama reference, the tokenizer
oracle and the tiny-model writer.  Nothing here uses sinkc code.

Tolerances: f32 compute, logits of magnitude ~1-5; two formats holding the
same numbers agree to 1e-4 absolute (measured ~2e-6); incremental vs one-shot
to 1e-5; attention against the brute force in f64 to 1e-10.
"""
from __future__ import annotations

import math
import pathlib
import re
import sys
import time

import numpy as np
import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import llama_reference as lr  # noqa: E402
import tiny_models as tm  # noqa: E402
import tokenizer_oracle as to  # noqa: E402

SAME_WEIGHTS_ATOL = 1e-4
INCREMENTAL_ATOL = 1e-5
SHAKESPEARE = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "tinyshakespeare.txt"


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny(tmp_path_factory):
    """write(spec=None, qtype='f32', hf_dtype='f32', shards=1) -> {'gguf', 'hf'}, cached."""
    root = tmp_path_factory.mktemp("tiny")
    cache = {}

    def write(spec=None, qtype="f32", hf_dtype="f32", shards=1):
        key = (repr(spec), qtype, hf_dtype, shards)
        if key not in cache:
            name = f"m{len(cache)}"
            cache[key] = tm.write_tiny(root, spec, qtype, hf_dtype, shards, name)
        return cache[key]
    return write


def tokens(n=40, vocab=320, seed=1):
    """A fixed pseudo-random id sequence."""
    return np.random.default_rng(seed).integers(0, vocab, n).tolist()


def max_diff(a, b):
    return float(np.abs(np.asarray(a) - np.asarray(b)).max())


# --------------------------------------------------------------------------
# GGUF (permuted Q/K, interleaved RoPE) == HF (rotate-half)
# --------------------------------------------------------------------------


def test_gguf_f32_equals_hf_f32(tiny):
    """The permutation / rope-style story: same logits within 1e-4, and a
    wrong style on the GGUF weights is far off (so the test can fail)."""
    p = tiny()
    g, h = lr.load(p["gguf"]), lr.load(p["hf"])
    assert (g.cfg.rope_style, h.cfg.rope_style) == ("interleaved", "neox")
    ids = tokens()
    lg, lh = g.forward(ids), h.forward(ids)
    assert max_diff(lg, lh) < SAME_WEIGHTS_ATOL
    wrong = lr.load(p["gguf"], rope_style="neox").forward(ids)
    assert max_diff(wrong, lh) > 0.1


@pytest.mark.parametrize("fmt", ["f16", "bf16"])
def test_half_formats_match(tiny, fmt):
    """HF f16/bf16 vs GGUF f16/bf16 (and vs f32: the values are on a grid all
    three formats hold exactly)."""
    p, p32 = tiny(qtype=fmt, hf_dtype=fmt), tiny()
    ids = tokens()
    lg, lh = lr.load(p["gguf"]).forward(ids), lr.load(p["hf"]).forward(ids)
    assert max_diff(lg, lh) < SAME_WEIGHTS_ATOL
    assert max_diff(lh, lr.load(p32["hf"]).forward(ids)) < SAME_WEIGHTS_ATOL


def test_bf16_reader_is_exact(tiny):
    """BF16 safetensors decode to exactly the bf16-rounded f32 weights."""
    p = tiny(qtype="bf16", hf_dtype="bf16")
    t = lr.read_safetensors(p["hf"] / "model.safetensors")
    ref = tm.make_weights(tm.TinySpec(), 320)
    for k in ("model.layers.0.self_attn.q_proj.weight", "model.norm.weight"):
        assert np.array_equal(t[k], ref[k])


VARIANTS = {
    "qwen2": tm.TinySpec(arch="qwen2"),
    "tied": tm.TinySpec(tied=True),
    "llama-bias": tm.TinySpec(qkv_bias=True),
    "sinks": tm.TinySpec(sinks=True),
    "sliding-window": tm.TinySpec(sliding_window=8),
    "rope-linear": tm.TinySpec(rope_scaling=("linear", 2.0)),
    "rope-llama3": tm.TinySpec(rope_scaling=("llama3", 8.0), rope_theta=500000.0),
    "gqa-1kv-3layers": tm.TinySpec(n_kv_heads=1, n_layers=3),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_gguf_equals_hf(tiny, variant):
    """Each architecture option gives the same logits from both formats."""
    p = tiny(VARIANTS[variant])
    g, h = lr.load(p["gguf"]), lr.load(p["hf"])
    ids = tokens()
    assert max_diff(g.forward(ids), h.forward(ids)) < SAME_WEIGHTS_ATOL
    spec = VARIANTS[variant]
    assert g.cfg.tied == h.cfg.tied == spec.tied
    assert g.cfg.rope_style == ("neox" if spec.arch == "qwen2" else "interleaved")
    if spec.sinks:
        assert g.layers[0]["sinks"].shape == (spec.n_heads,)
    if spec.biases:
        assert g.layers[0]["bq"] is not None and h.layers[0]["bq"] is not None


def test_sliding_window_matters(tiny):
    """The default policy of a window-8 model is Streaming(0, 8), and on 40
    tokens it changes the logits (so the variant test above checks it)."""
    m = lr.load(tiny(VARIANTS["sliding-window"])["hf"])
    assert m.default_policy() == lr.Streaming(0, 8)
    ids = tokens()
    assert max_diff(m.forward(ids), m.forward(ids, lr.Full())) > 1e-2


def test_rope_scaling_matters(tiny):
    """Linear and llama3 scaling change the logits vs unscaled RoPE."""
    ids = tokens()
    base = lr.load(tiny()["hf"]).forward(ids)
    lin = lr.load(tiny(VARIANTS["rope-linear"])["hf"]).forward(ids)
    assert max_diff(base, lin) > 1e-2
    m = lr.load(tiny(VARIANTS["rope-llama3"])["gguf"])
    inv = m.inv_freq
    plain = 500000.0 ** (-np.arange(0, 16, 2) / 16)
    ratio = plain / inv
    assert ratio[0] == pytest.approx(1.0) and ratio[-1] == pytest.approx(8.0)


def test_sharded_hf(tiny):
    """A 3-shard HF folder with an index loads the same weights."""
    ids = tokens()
    one, three = tiny(), tiny(shards=3)
    assert (three["hf"] / "model.safetensors.index.json").exists()
    assert max_diff(lr.load(one["hf"]).forward(ids), lr.load(three["hf"]).forward(ids)) == 0.0


# --------------------------------------------------------------------------
# Quantized GGUF types
# --------------------------------------------------------------------------

QUANT_REL_RMS = {"q8_0": 0.01, "q4_0": 0.15, "q4_1": 0.12, "q5_0": 0.08, "q5_1": 0.06,
                 "q4_k": 0.15, "q6_k": 0.04}


@pytest.mark.parametrize("qtype", sorted(QUANT_REL_RMS))
def test_quantized_gguf_equals_dequantized_hf(tiny, qtype):
    """GGUF in `qtype` vs the HF folder of its dequantized weights: same logits;
    the file really holds `qtype` for every 2-D tensor (f32 for 1-D); and the
    quantization error is real but bounded (relative RMS, per type)."""
    import gguf
    p = tiny(qtype=qtype)
    ids = tokens()
    assert max_diff(lr.load(p["gguf"]).forward(ids), lr.load(p["hf"]).forward(ids)) < SAME_WEIGHTS_ATOL
    r = gguf.GGUFReader(str(p["gguf"]))
    for t in r.tensors:
        want = qtype.upper() if len(t.shape) == 2 else "F32"
        assert t.tensor_type.name == want, t.name
    spec = tm.TinySpec.kquant() if qtype in ("q4_k", "q6_k") else tm.TinySpec()
    exact = tm.make_weights(spec, 320)["model.layers.0.mlp.up_proj.weight"]
    deq = lr.read_safetensors(p["hf"] / "model.safetensors")["model.layers.0.mlp.up_proj.weight"]
    rel = np.sqrt(np.mean((deq - exact) ** 2) / np.mean(exact ** 2))
    assert 0 < rel < QUANT_REL_RMS[qtype], rel


@pytest.mark.parametrize("qtype", ["q4_k", "q6_k"])
def test_kquant_packing_roundtrip(qtype):
    """The hand-packed K-quant blocks decode (via gguf.quants) to values within
    one quantization step of the input, block by block."""
    rng = np.random.default_rng(3)
    x = (rng.standard_normal((8, 512)) * rng.uniform(0.01, 3, (8, 1))).astype(np.float32)
    x[0, :256] = 0.0            # an all-zero block
    x[1, :256] = np.abs(x[1, :256]) + 1.0  # all-positive block (min clamps to 0)
    payload, kind = tm.quantize(x, qtype)
    assert payload.shape == (8, 2 * (144 if qtype == "q4_k" else 210))
    y = tm.dequantize(payload, kind)
    levels = 15 if qtype == "q4_k" else 63
    for r in range(8):
        for b in range(2):
            blk, got = x[r, b * 256:(b + 1) * 256], y[r, b * 256:(b + 1) * 256]
            span = max(blk.max() - min(blk.min(), 0), 2 * np.abs(blk).max())
            assert np.abs(got - blk).max() <= span / levels + 1e-6
    assert np.array_equal(y[0, :256], np.zeros(256))


# --------------------------------------------------------------------------
# Incremental use
# --------------------------------------------------------------------------

POLICY_SETS = {
    "full": None,
    "streaming": lr.Streaming(2, 5),
    "mixed": [[lr.Full(), lr.Streaming(3, 4)], [lr.Pruned(), lr.Streaming(0, 6)]],
}


@pytest.mark.parametrize("policies", sorted(POLICY_SETS))
def test_prefill_then_decode_equals_forward(tiny, policies):
    """prefill(8) + 16 decode steps == one forward of the 24 tokens (1e-5)."""
    m = lr.load(tiny(tm.TinySpec(sinks=True))["gguf"])
    pol = POLICY_SETS[policies]
    ids = tokens(24)
    full = m.forward(ids, pol)
    state = m.new_cache(pol)
    got = [m.prefill(ids[:8], state)]
    for t in ids[8:]:
        got.append(m.decode(t, state)[None])
    assert state.n == 24
    assert max_diff(np.concatenate(got), full) < INCREMENTAL_ATOL


def test_greedy_matches_forward_argmax(tiny):
    """Greedy decode ids are the argmax of the one-shot forward over the
    prompt plus the generated ids."""
    m = lr.load(tiny()["hf"])
    prompt = tokens(6)
    out = m.greedy(prompt, 10)
    logits = m.forward(prompt + out)
    assert out == [int(i) for i in np.argmax(logits[len(prompt) - 1:-1], axis=-1)]


# --------------------------------------------------------------------------
# Attention semantics against a brute force
# --------------------------------------------------------------------------


def brute_attention(q, k, v, policies, sinks):
    """Per query head and position: list the visible keys by the policy's
    definition, softmax over [their scores..., sink logit], drop the sink."""
    T, H, D = q.shape
    KV = k.shape[1]
    out = np.zeros_like(q)
    for hq in range(H):
        hk = hq // (H // KV)
        pol = policies[hk]
        for i in range(T):
            if isinstance(pol, lr.Pruned):
                continue
            if isinstance(pol, lr.Full):
                keys = list(range(i + 1))
            else:
                keys = [j for j in range(i + 1) if j < pol.sinks or i - j < pol.window]
            z = [float(q[i, hq] @ k[j, hk]) / math.sqrt(D) for j in keys]
            if sinks is not None:
                z.append(float(sinks[hq]))
            e = np.exp(np.array(z) - max(z))
            w = e / e.sum()
            out[i, hq] = sum(w[n] * v[j, hk] for n, j in enumerate(keys))
    return out


@pytest.mark.parametrize("with_sinks", [False, True])
def test_attention_against_brute_force(with_sinks):
    """Mixed per-kv-head policies (full / streaming / pruned) with and without
    learned sinks, f64, 1e-10."""
    rng = np.random.default_rng(7)
    T, H, KV, D = 13, 6, 3, 8
    q = rng.standard_normal((T, H, D)) * 2
    k, v = rng.standard_normal((T, KV, D)) * 2, rng.standard_normal((T, KV, D))
    sinks = rng.standard_normal(H) * 2 if with_sinks else None
    pols = [lr.Full(), lr.Streaming(2, 3), lr.Pruned()]
    got = lr.attention(q, k, v, np.arange(T), np.arange(T), pols, sinks)
    assert max_diff(got, brute_attention(q, k, v, pols, sinks)) < 1e-10
    assert np.all(got[:, 4:6] == 0.0) and np.abs(got[:, :4]).min() > 0


def test_streaming_mask_exact():
    """Streaming(2, 3) at query 7 sees {0, 1} (sinks) and {5, 6, 7} (window)."""
    m = lr.visible(lr.Streaming(2, 3), np.arange(8), np.arange(8))
    assert np.flatnonzero(m[7]).tolist() == [0, 1, 5, 6, 7]
    assert np.flatnonzero(m[4]).tolist() == [0, 1, 2, 3, 4]
    assert np.flatnonzero(m[5]).tolist() == [0, 1, 3, 4, 5]
    assert not lr.visible(lr.Full(), np.arange(4), np.arange(4))[1, 2]


def test_learned_sink_closed_form():
    """One key: output = v * e^z / (e^s + e^z), z = q.k / sqrt(D)."""
    q = np.array([[[1.0, 2.0, 0.0, -1.0]]])
    k = np.array([[[0.5, 0.5, 3.0, 1.0]]])
    v = np.array([[[2.0, -4.0, 1.0, 0.5]]])
    s = np.array([0.7])
    z = (0.5 + 1.0 + 0.0 - 1.0) / 2.0
    want = v[0, 0] * math.exp(z) / (math.exp(0.7) + math.exp(z))
    got = lr.attention(q, k, v, np.arange(1), np.arange(1), [lr.Full()], s)
    assert max_diff(got[0, 0], want) < 1e-14


def test_streaming_with_large_window_equals_full(tiny):
    """Streaming(0, W >= length) and Streaming(4, W >= length) equal Full exactly."""
    m = lr.load(tiny()["hf"])
    ids = tokens()
    full = m.forward(ids, lr.Full())
    assert np.array_equal(m.forward(ids, lr.Streaming(0, len(ids))), full)
    assert np.array_equal(m.forward(ids, lr.Streaming(4, 64)), full)
    assert max_diff(m.forward(ids, lr.Streaming(4, 8)), full) > 1e-2


def test_pruned_head_outputs_zero(tiny):
    """Pruning every kv-head makes attention a no-op: logits equal a model whose
    o_proj is zero."""
    m = lr.load(tiny()["hf"])
    ids = tokens(10)
    pruned = m.forward(ids, lr.Pruned())
    for L in m.layers:
        L["wo"] = np.zeros_like(L["wo"])
    assert max_diff(pruned, m.forward(ids)) == 0.0


def test_abi_slots_hold_the_visible_keys(tiny):
    """After 20 tokens under Streaming(3, 5) the ABI ring holds exactly the
    post-RoPE keys of positions {0,1,2} and {15..19}, each in slot
    abi_slot(p), and attention over those slots equals the masked attention."""
    m = lr.load(tiny()["gguf"])
    pol = lr.Streaming(3, 5)
    state = m.new_cache(pol)
    m.prefill(tokens(20), state)
    K, V, valid = lr.abi_slots(state, 1, 0)
    assert K.shape == (8, 16) and valid.all()
    held = [0, 1, 2, 15, 16, 17, 18, 19]
    assert sorted(held) == np.flatnonzero(lr.visible(pol, [19], np.arange(20))[0]).tolist()
    for p in held:
        assert np.array_equal(K[lr.abi_slot(pol, p)], state.keys[1][p, 0])
    q = np.random.default_rng(0).standard_normal((1, 2, 16)).astype(np.float32)
    a = lr.attention(q, state.keys[1][:, :1], state.values[1][:, :1], [19], np.arange(20), [pol])
    b = lr.attention(q, K[:, None], V[:, None], [19], np.zeros(8, int), [lr.Full()])
    assert max_diff(a, b) < 1e-6


# --------------------------------------------------------------------------
# Tokenizer oracle on the tiny vocabulary
# --------------------------------------------------------------------------

SAMPLES = ["Hello world, the 2024 model's weights.\n\n  Attention  sinks!",
           "café 東京 🙂 — I'LL say: it's 12345!", "   leading and trailing   ", "<|im_start|>user\nhi<|im_end|>"]


@pytest.mark.parametrize("text", SAMPLES)
def test_gguf_tokenizer_equals_tokenizer_json(tiny, text):
    """The tokenizer rebuilt from GGUF keys (smollm regexes) gives the ids the
    trained tokenizer.json gives, and decodes back to the text."""
    p = tiny()
    g, h = to.load_tokenizer(p["gguf"]), to.load_tokenizer(p["hf"])
    assert g.encode(text) == h.encode(text)
    assert g.encode(text)[0] == 0                    # add_bos_token = true, bos = 0
    assert g.decode(g.encode(text, add_bos=False)) == text


# --------------------------------------------------------------------------
# SmolLM2-135M-Instruct Q4_1
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def smollm2(smollm2_gguf):
    """(model, tokenizer), dequantized once per session."""
    t = time.time()
    m = lr.load(smollm2_gguf)
    tok = to.load_tokenizer(smollm2_gguf)
    print(f"\n[oracle] SmolLM2 loaded in {time.time() - t:.1f}s")
    return m, tok


@pytest.fixture(scope="session")
def shakespeare() -> str:
    assert SHAKESPEARE.exists(), f"{SHAKESPEARE} missing"
    return SHAKESPEARE.read_text(encoding="utf-8")


def test_smollm2_config(smollm2):
    """The GGUF says: 30 layers, 9/3 heads of 64, tied, theta 1e5, no BOS."""
    m, tok = smollm2
    c = m.cfg
    assert (c.n_layers, c.n_heads, c.n_kv_heads, c.head_dim, c.hidden, c.ffn, c.vocab) == \
        (30, 9, 3, 64, 576, 1536, 49152)
    assert c.tied and c.rope_theta == 100000.0 and c.rope_style == "interleaved"
    assert tok.add_bos is False and tok.bos_id == 1


def test_smollm2_tokenizer_roundtrip(smollm2, shakespeare):
    """decode(encode(x)) == x on the first 20 KB; smollm splits digits."""
    _, tok = smollm2
    text = shakespeare[:20480]
    ids = tok.encode(text)
    assert tok.decode(ids) == text
    assert 3000 < len(ids) < 8000
    assert len(tok.encode("2024")) == 4
    assert len(tok.encode(" the")) == 1
    assert tok.encode("<|im_start|>") == [1]


def test_smollm2_greedy_paris(smollm2):
    """Greedy continuation of 'The capital of France is' (no BOS, as the GGUF
    says) names Paris in English."""
    m, tok = smollm2
    prompt = tok.encode("The capital of France is")
    assert prompt[0] != tok.bos_id
    out = m.greedy(prompt, 12)
    text = tok.decode(out)
    print(f"\n[oracle] SmolLM2 greedy: 'The capital of France is' -> {text!r} ids={out}")
    assert "Paris" in text
    assert all(ch.isascii() and (ch.isprintable() or ch.isspace()) for ch in text)
    assert len(re.findall(r"[A-Za-z]{2,}", text)) >= 3


def test_smollm2_perplexity(smollm2, shakespeare):
    """Perplexity on the first 2048 tokens of tinyshakespeare lies in (5, 60)."""
    m, tok = smollm2
    ids = tok.encode(shakespeare[:40000])[:2048]
    assert len(ids) == 2048
    t = time.time()
    ppl = m.perplexity(ids)
    print(f"\n[oracle] SmolLM2 perplexity, first 2048 tokens of tinyshakespeare: {ppl:.3f} "
          f"({time.time() - t:.1f}s)")
    assert 5.0 < ppl < 60.0


# --------------------------------------------------------------------------
# int8 activations (sinkc compile --activations int8)
# --------------------------------------------------------------------------


def test_activation_quantization_rounds_half_to_even_per_block():
    x = np.zeros((1, 64), np.float32)
    x[0, 0] = 127.0            # block 0: d = 1 exactly
    x[0, 1:5] = [2.5, -3.5, 0.49, -126.6]
    x[0, 32:34] = [0.0, 0.0]   # block 1: all zero, d = 0
    got = lr.quantize_activations_q8(x)
    assert got[0, :5].tolist() == [127.0, 2.0, -4.0, 0.0, -127.0]
    assert not got[0, 32:].any()
    y = np.linspace(-1, 1, 32, dtype=np.float32)[None]
    d = np.float32(1) / np.float32(127)
    assert np.array_equal(lr.quantize_activations_q8(y),
                          np.clip(np.rint(y * (np.float32(1) / d)), -127, 127) * d)


def test_int8_activations_touch_only_int8_ready_matrices(tmp_path):
    """q4_1 matrices see quantized inputs (logits move a little, not a lot);
    an f32 model has no int8-ready matrix, so nothing changes."""
    q = tm.write_tiny(tmp_path / "q4_1", qtype="q4_1")["gguf"]
    ids = [1, 5, 9, 13, 200, 77]
    plain, quant = lr.load(q).forward(ids), lr.load(q, int8_activations=True).forward(ids)
    diff = np.abs(plain - quant).max() / np.abs(plain).max()
    assert 1e-5 < diff < 5e-2, diff
    f = tm.write_tiny(tmp_path / "f32", qtype="f32")["gguf"]
    assert np.array_equal(lr.load(f).forward(ids), lr.load(f, int8_activations=True).forward(ids))
