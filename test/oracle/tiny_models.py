#!/usr/bin/env python3
"""Tiny random llama-family models in GGUF and Hugging Face form, same weights.

Deterministic (numpy seeded).  One call writes

* an HF folder: config.json, model.safetensors (f32, f16 or bf16; optionally
  sharded with model.safetensors.index.json), tokenizer.json,
  tokenizer_config.json;
* a GGUF file: arch ``llama`` (Q/K rows permuted exactly as llama.cpp's
  convert_hf_to_gguf.py ``LlamaModel.permute`` does, for interleaved RoPE) or
  ``qwen2`` (not permuted, neox RoPE, q/k/v biases), every 2-D weight in the
  chosen type (f32, f16, bf16, q8_0, q4_0, q4_1, q5_0, q5_1, q4_k, q6_k),
  1-D tensors in f32, and ``tokenizer.ggml.*`` keys for a small byte-level BPE
  vocabulary (or, with ``tokenizer="spm"``, spm_models' SentencePiece-BPE
  vocabulary, Llama 2 style).

"Same weights": the generated values lie on a grid that f32, f16 and bf16 all
represent exactly (bf16-rounded, |x| >= 2^-14 or 0), so every float format
holds identical numbers.  For a quantized GGUF type the HF folder holds the
dequantized values (f32), i.e. exactly what the GGUF file encodes (blocks run
along rows, so quantizing before or after the Q/K row permutation is the
same; this is asserted when writing).

gguf.quants has no quantizer for Q4_K / Q6_K, so this file packs those blocks
itself in the layout gguf.quants' dequantizers (and ggml) read; tests check
the round trip through gguf.quants.dequantize.

CLI::

    python3 tiny_models.py OUTDIR --type q4_1 [--hf-dtype f32] [--arch llama|qwen2]
        [--tied] [--sinks] [--sliding-window W] [--rope-scaling linear:2|llama3:8]
        [--shards N] [--seed S] [--name NAME] [--tokenizer bpe|spm]

prints ``gguf PATH`` and ``hf PATH``.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
import sys
from dataclasses import dataclass

import numpy as np

GGUF_TYPES = ("f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q4_k", "q6_k")
HF_DTYPES = {"f32": ("F32", "float32"), "f16": ("F16", "float16"), "bf16": ("BF16", "bfloat16")}
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]  # ids 0, 1, 2
QK_K = 256


@dataclass
class TinySpec:
    """Shape and options of a tiny model (defaults: 2 layers, hidden 64, GQA 4/2)."""
    arch: str = "llama"             # 'llama' | 'qwen2' (qwen2 implies q/k/v biases)
    n_layers: int = 2
    hidden: int = 64
    n_heads: int = 4
    n_kv_heads: int = 2
    head_dim: int = 16
    ffn: int = 128
    context: int = 128
    rope_theta: float = 10000.0
    rms_eps: float = 1e-5
    tied: bool = False
    qkv_bias: bool = False
    sinks: bool = False
    sliding_window: int | None = None
    rope_scaling: tuple | None = None   # ('linear', f) | ('llama3', f)
    add_bos: bool = True
    vocab_target: int = 320
    seed: int = 0
    tokenizer: str = "bpe"          # 'bpe' (byte-level) | 'spm' (spm_models, SentencePiece BPE)
    spm_style: str = "legacy"       # spm_models.STYLES (GGUF: legacy or no-prefix)

    @staticmethod
    def kquant(**kw) -> "TinySpec":
        """Rows of 256 everywhere, so Q4_K / Q6_K blocks fit."""
        base = dict(hidden=256, n_heads=4, n_kv_heads=2, head_dim=64, ffn=512)
        base.update(kw)
        return TinySpec(**base)

    @property
    def biases(self) -> bool:
        return self.qkv_bias or self.arch == "qwen2"


# --------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------

CORPUS = """\
The quick brown fox jumps over the lazy dog. A tiny model reads a tiny text.
Attention sinks keep the first tokens of a sequence while a sliding window
keeps the last ones; the compiler decides which heads need which policy.
In 2024 the team measured 135 million parameters, 30 layers and 9 heads.
She said: "It's the weights that matter, and they'll be the same in both files."
Numbers like 12345 and 67890 split into single digits before merging.
The the the and and of of to to in in is is it it that that with with for for
""" * 4


def train_tokenizer(vocab_target: int = 320):
    """A deterministic byte-level BPE (SmolLM2-style pre-tokenizer) on CORPUS."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    tk = Tokenizer(models.BPE())
    tk.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    tk.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_target, special_tokens=SPECIAL_TOKENS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  min_frequency=2, show_progress=False)
    tk.train_from_iterator(CORPUS.splitlines(), trainer)
    tk.post_processor = processors.TemplateProcessing(
        single="<|endoftext|> $A", pair="<|endoftext|> $A <|endoftext|> $B",
        special_tokens=[("<|endoftext|>", 0)])
    return tk


def tokenizer_tables(tk):
    """(tokens by id, merges as 'a b' strings, GGUF token types) of a trained tokenizer."""
    vocab = tk.get_vocab()
    tokens = [None] * len(vocab)
    for t, i in vocab.items():
        tokens[i] = t
    assert all(t is not None for t in tokens), "vocabulary ids are not dense"
    merges = json.loads(tk.to_str())["model"]["merges"]
    merges = [m if isinstance(m, str) else " ".join(m) for m in merges]
    types = [3 if t in SPECIAL_TOKENS else 1 for t in tokens]
    return tokens, merges, types


# --------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------


def common_grid(x: np.ndarray) -> np.ndarray:
    """Round to bf16 (nearest-even) and flush |x| < 2^-14 to 0: then f32, f16
    and bf16 all represent every value exactly."""
    u = np.ascontiguousarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    u = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16) << 16
    y = u.astype(np.uint32).view(np.float32).reshape(x.shape)
    return np.where(np.abs(y) < 2.0 ** -14, np.float32(0), y).astype(np.float32)


def make_weights(spec: TinySpec, vocab: int) -> dict[str, np.ndarray]:
    """HF-named f32 weights on the common grid (HF orientation: (out, in))."""
    rng = np.random.default_rng(spec.seed)
    H, D, KV = spec.n_heads, spec.head_dim, spec.n_kv_heads
    mat = lambda o, i: rng.standard_normal((o, i)) / np.sqrt(i)  # noqa: E731
    w = {"model.embed_tokens.weight": rng.standard_normal((vocab, spec.hidden)),
         "model.norm.weight": 1.0 + 0.1 * rng.standard_normal(spec.hidden)}
    if not spec.tied:
        w["lm_head.weight"] = mat(vocab, spec.hidden)
    for i in range(spec.n_layers):
        p = f"model.layers.{i}."
        w[p + "input_layernorm.weight"] = 1.0 + 0.1 * rng.standard_normal(spec.hidden)
        w[p + "self_attn.q_proj.weight"] = mat(H * D, spec.hidden)
        w[p + "self_attn.k_proj.weight"] = mat(KV * D, spec.hidden)
        w[p + "self_attn.v_proj.weight"] = mat(KV * D, spec.hidden)
        w[p + "self_attn.o_proj.weight"] = mat(spec.hidden, H * D)
        if spec.biases:
            w[p + "self_attn.q_proj.bias"] = 0.2 * rng.standard_normal(H * D)
            w[p + "self_attn.k_proj.bias"] = 0.2 * rng.standard_normal(KV * D)
            w[p + "self_attn.v_proj.bias"] = 0.2 * rng.standard_normal(KV * D)
        if spec.sinks:
            w[p + "self_attn.sinks"] = rng.standard_normal(H)
        w[p + "post_attention_layernorm.weight"] = 1.0 + 0.1 * rng.standard_normal(spec.hidden)
        w[p + "mlp.gate_proj.weight"] = mat(spec.ffn, spec.hidden)
        w[p + "mlp.up_proj.weight"] = mat(spec.ffn, spec.hidden)
        w[p + "mlp.down_proj.weight"] = mat(spec.hidden, spec.ffn)
    return {k: common_grid(v) for k, v in w.items()}


def permute_qk(w: np.ndarray, n_head: int, n_head_kv: int | None = None) -> np.ndarray:
    """llama.cpp convert_hf_to_gguf.py LlamaModel.permute: within each head, row
    j*d/2 + i moves to row 2i + j, so interleaved RoPE equals HF's rotate-half."""
    if n_head_kv is not None and n_head != n_head_kv:
        n_head = n_head_kv
    return (w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:])
            .swapaxes(1, 2).reshape(w.shape))


# --------------------------------------------------------------------------
# Quantization (Q4_K / Q6_K packed here; the rest via gguf.quants)
# --------------------------------------------------------------------------


def _f16(x):
    return np.asarray(x, dtype=np.float16)


def quantize_q4_k(rows: np.ndarray) -> np.ndarray:
    """Simple (non-optimal) Q4_K: per 32-value sub-block an unsigned 6-bit scale
    and min, 4-bit quants; block = d, dmin (f16), 12 scale bytes, 128 quant bytes."""
    x = np.asarray(rows, np.float32).reshape(-1, 8, 32)
    n = x.shape[0]
    lo = np.minimum(x.min(-1), 0.0)
    scale, mins = (x.max(-1) - lo) / 15.0, -lo
    d, dmin = _f16(scale.max(-1) / 63.0), _f16(mins.max(-1) / 63.0)
    df, dmf = d.astype(np.float32)[:, None], dmin.astype(np.float32)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        sc = np.where(df > 0, np.rint(scale / df), 0).clip(0, 63).astype(np.uint8)
        mn = np.where(dmf > 0, np.rint(mins / dmf), 0).clip(0, 63).astype(np.uint8)
        es, em = (df * sc)[..., None], (dmf * mn)[..., None]
        q = np.where(es > 0, np.rint((x + em) / es), 0).clip(0, 15).astype(np.uint8)
    q = q.reshape(n, 4, 2, 32)
    qs = (q[:, :, 0, :] | (q[:, :, 1, :] << 4)).reshape(n, 128)
    scales = np.empty((n, 12), np.uint8)
    scales[:, 0:4] = sc[:, 0:4] | ((sc[:, 4:8] >> 4) << 6)
    scales[:, 4:8] = mn[:, 0:4] | ((mn[:, 4:8] >> 4) << 6)
    scales[:, 8:12] = (sc[:, 4:8] & 0xF) | ((mn[:, 4:8] & 0xF) << 4)
    return np.concatenate([d.reshape(n, 1).view(np.uint8), dmin.reshape(n, 1).view(np.uint8),
                           scales, qs], axis=1)


def quantize_q6_k(rows: np.ndarray) -> np.ndarray:
    """Simple Q6_K: per 16-value sub-block a signed 8-bit scale, 6-bit quants
    (offset 32); block = 128 low-nibble bytes, 64 high-bit bytes, 16 scales, d."""
    x = np.asarray(rows, np.float32).reshape(-1, 16, 16)
    n = x.shape[0]
    scale = np.abs(x).max(-1) / 31.0
    d = _f16(scale.max(-1) / 127.0)
    df = d.astype(np.float32)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        sc = np.where(df > 0, np.rint(scale / df), 0).clip(-128, 127).astype(np.int8)
        es = (df * sc)[..., None]
        q = (np.where(es > 0, np.rint(x / es), 0).clip(-32, 31) + 32).astype(np.uint8)
    q = q.reshape(n, 256)
    low, high = q & 0xF, q >> 4
    low = low.reshape(n, 2, 2, 64)
    ql = (low[:, :, 0, :] | (low[:, :, 1, :] << 4)).reshape(n, 128)
    high = high.reshape(n, 2, 4, 32)
    qh = (high[:, :, 0] | (high[:, :, 1] << 2) | (high[:, :, 2] << 4) | (high[:, :, 3] << 6))
    return np.concatenate([ql, qh.reshape(n, 64), sc.view(np.uint8),
                           d.reshape(n, 1).view(np.uint8)], axis=1)


def quantize(x: np.ndarray, qtype: str) -> tuple[np.ndarray, "object"]:
    """(payload for GGUFWriter.add_tensor, GGMLQuantizationType or None) of a 2-D f32 array."""
    from gguf import GGMLQuantizationType as Q, quants
    if qtype == "f32":
        return np.asarray(x, np.float32), None
    if qtype == "f16":
        return np.asarray(x, np.float16), None
    kind = {"bf16": Q.BF16, "q8_0": Q.Q8_0, "q4_0": Q.Q4_0, "q4_1": Q.Q4_1, "q5_0": Q.Q5_0,
            "q5_1": Q.Q5_1, "q4_k": Q.Q4_K, "q6_k": Q.Q6_K}[qtype]
    if qtype in ("q4_k", "q6_k"):
        if x.shape[-1] % QK_K:
            raise ValueError(f"{qtype} needs rows that are a multiple of {QK_K}, got {x.shape}")
        fn = quantize_q4_k if qtype == "q4_k" else quantize_q6_k
        return fn(x.reshape(-1, QK_K)).reshape(x.shape[0], -1), kind
    return quants.quantize(np.asarray(x, np.float32), kind), kind


def dequantize(payload: np.ndarray, kind) -> np.ndarray:
    """f32 values of a quantize() payload, through gguf.quants."""
    from gguf import quants
    if kind is None:
        return np.asarray(payload, np.float32)
    return quants.dequantize(payload, kind).astype(np.float32)


# --------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------


def hf_config(spec: TinySpec, vocab: int, dtype: str) -> dict:
    """config.json for Llama / Mistral (sliding window) / Qwen2."""
    if spec.arch == "qwen2":
        arch, mt = "Qwen2ForCausalLM", "qwen2"
    elif spec.sliding_window:
        arch, mt = "MistralForCausalLM", "mistral"
    else:
        arch, mt = "LlamaForCausalLM", "llama"
    c = {"architectures": [arch], "model_type": mt, "hidden_size": spec.hidden,
         "intermediate_size": spec.ffn, "num_attention_heads": spec.n_heads,
         "num_key_value_heads": spec.n_kv_heads, "head_dim": spec.head_dim,
         "num_hidden_layers": spec.n_layers, "rms_norm_eps": spec.rms_eps,
         "rope_theta": spec.rope_theta, "vocab_size": vocab,
         "max_position_embeddings": spec.context, "tie_word_embeddings": spec.tied,
         "torch_dtype": HF_DTYPES[dtype][1], "hidden_act": "silu",
         "attention_bias": spec.biases, "bos_token_id": 0, "eos_token_id": 0,
         "rope_scaling": None}
    if spec.sliding_window:
        c["sliding_window"] = spec.sliding_window
        if mt == "qwen2":
            c["use_sliding_window"] = True
            c["max_window_layers"] = 0
    if spec.rope_scaling:
        kind, factor = spec.rope_scaling
        c["rope_scaling"] = {"rope_type": kind, "factor": float(factor)}
        if kind == "llama3":
            c["rope_scaling"].update(low_freq_factor=1.0, high_freq_factor=4.0,
                                     original_max_position_embeddings=spec.context // 4)
    return c


def _safetensors_bytes(tensors: dict[str, np.ndarray], dtype: str) -> bytes:
    """Serialize one safetensors file by hand (numpy has no bfloat16)."""
    st_dtype = HF_DTYPES[dtype][0]
    header, blobs, off = {}, [], 0
    for name, a in tensors.items():
        if dtype == "bf16":
            raw = (np.ascontiguousarray(a, np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
        else:
            raw = np.ascontiguousarray(a, "<f4" if dtype == "f32" else "<f2").tobytes()
        header[name] = {"dtype": st_dtype, "shape": list(a.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return len(h).to_bytes(8, "little") + h + b"".join(blobs)


def write_hf(folder: pathlib.Path, spec: TinySpec, weights: dict, dtype: str, tk,
             shards: int = 1) -> pathlib.Path:
    """config.json + safetensors (+ index when sharded) + tokenizer files."""
    folder.mkdir(parents=True, exist_ok=True)
    vocab = weights["model.embed_tokens.weight"].shape[0]
    config = hf_config(spec, vocab, dtype)
    if spec.tokenizer == "spm":
        import spm_models
        config.update(bos_token_id=tk.token_to_id(spm_models.BOS),
                      eos_token_id=tk.token_to_id(spm_models.EOS))
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    names = list(weights)
    if shards <= 1:
        (folder / "model.safetensors").write_bytes(_safetensors_bytes(weights, dtype))
    else:
        weight_map = {}
        for s in range(shards):
            part = names[s::shards]
            fname = f"model-{s + 1:05d}-of-{shards:05d}.safetensors"
            (folder / fname).write_bytes(_safetensors_bytes({k: weights[k] for k in part}, dtype))
            weight_map.update({k: fname for k in part})
        index = {"metadata": {"total_size": 0}, "weight_map": dict(sorted(weight_map.items()))}
        (folder / "model.safetensors.index.json").write_text(json.dumps(index, indent=2))
    tk.save(str(folder / "tokenizer.json"))
    tok_config = {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>",
                  "add_bos_token": spec.add_bos, "tokenizer_class": "PreTrainedTokenizerFast"}
    if spec.tokenizer == "spm":
        import spm_models
        tok_config = spm_models.tokenizer_config(spec.add_bos)
    (folder / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=2))
    return folder


def write_hf_group(folder: pathlib.Path, fmt: str, spec: TinySpec | None = None) -> pathlib.Path:
    """An HF folder whose 2-D weights (embedding, projections, lm_head) are
    stored directly in sinkc's group format `fmt` (group_formats.py): U8 rows
    of groups, each marked by a "sinkc.encoding.<name>" metadata key; norms
    stay f32. Rows must be whole groups: the default spec has 128-wide rows."""
    import group_formats
    spec = spec or TinySpec(hidden=128, n_heads=4, n_kv_heads=2, head_dim=32, ffn=256)
    tk = train_tokenizer(spec.vocab_target)
    weights = make_weights(spec, tk.get_vocab_size())
    write_hf(folder, spec, weights, "f32", tk)
    header, blobs, off = {"__metadata__": {}}, [], 0
    for name, a in weights.items():
        if a.ndim == 2:
            raw, dtype = group_formats.quantize(a, fmt).tobytes(), "U8"
            shape = [a.shape[0], len(raw) // a.shape[0]]
            header["__metadata__"][group_formats.METADATA_PREFIX + name] = fmt
        else:
            raw, dtype, shape = np.ascontiguousarray(a, "<f4").tobytes(), "F32", list(a.shape)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    (folder / "model.safetensors").write_bytes(len(h).to_bytes(8, "little") + h + b"".join(blobs))
    return folder


GGUF_NAMES = {
    "input_layernorm.weight": "attn_norm.weight", "self_attn.q_proj.weight": "attn_q.weight",
    "self_attn.k_proj.weight": "attn_k.weight", "self_attn.v_proj.weight": "attn_v.weight",
    "self_attn.o_proj.weight": "attn_output.weight", "self_attn.q_proj.bias": "attn_q.bias",
    "self_attn.k_proj.bias": "attn_k.bias", "self_attn.v_proj.bias": "attn_v.bias",
    "self_attn.sinks": "attn_sinks.weight", "post_attention_layernorm.weight": "ffn_norm.weight",
    "mlp.gate_proj.weight": "ffn_gate.weight", "mlp.up_proj.weight": "ffn_up.weight",
    "mlp.down_proj.weight": "ffn_down.weight",
}
FILE_TYPES = {"f32": 0, "f16": 1, "q4_0": 2, "q4_1": 3, "q8_0": 7, "q5_0": 8, "q5_1": 9,
              "q4_k": 15, "q6_k": 18, "bf16": 32}


def gguf_name(hf_name: str) -> str:
    """HF tensor name -> llama.cpp GGUF tensor name."""
    fixed = {"model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight",
             "lm_head.weight": "output.weight"}
    if hf_name in fixed:
        return fixed[hf_name]
    _, _, layer, rest = hf_name.split(".", 3)
    return f"blk.{layer}.{GGUF_NAMES[rest]}"


def gguf_tensor(spec: TinySpec, hf_name: str, value: np.ndarray) -> np.ndarray:
    """The HF tensor in GGUF row order: Q/K (weights and biases) permuted for llama."""
    if spec.arch == "llama":
        if ".q_proj." in hf_name:
            return permute_qk(value, spec.n_heads, spec.n_heads)
        if ".k_proj." in hf_name:
            return permute_qk(value, spec.n_heads, spec.n_kv_heads)
    return value


def llama3_rope_factors(spec: TinySpec) -> np.ndarray:
    """llama.cpp's rope_freqs for llama3 scaling (divisors of each frequency)."""
    factor = spec.rope_scaling[1]
    lo, hi, old = 1.0, 4.0, spec.context // 4
    d = spec.head_dim
    freqs = spec.rope_theta ** (-np.arange(0, d, 2, dtype=np.float64) / d)
    out = []
    for f in freqs:
        wavelen = 2 * np.pi / f
        if wavelen < old / hi:
            out.append(1.0)
        elif wavelen > old / lo:
            out.append(factor)
        else:
            smooth = (old / wavelen - lo) / (hi - lo)
            out.append(1 / ((1 - smooth) / factor + smooth))
    return np.asarray(out, np.float32)


def write_gguf(path: pathlib.Path, spec: TinySpec, weights: dict, qtype: str, tk,
               spm_vocab=None) -> pathlib.Path:
    """GGUF v3 with llama.cpp names, metadata and tokenizer keys (those of
    `spm_vocab`, a spm_models.SpmVocab, when given)."""
    import gguf
    tokens = spm_vocab.tokens if spm_vocab else tokenizer_tables(tk)[0]
    w = gguf.GGUFWriter(str(path), spec.arch)
    w.add_name(path.stem)
    w.add_block_count(spec.n_layers)
    w.add_context_length(spec.context)
    w.add_embedding_length(spec.hidden)
    w.add_feed_forward_length(spec.ffn)
    w.add_head_count(spec.n_heads)
    w.add_head_count_kv(spec.n_kv_heads)
    w.add_key_length(spec.head_dim)
    w.add_value_length(spec.head_dim)
    w.add_rope_dimension_count(spec.head_dim)
    w.add_rope_freq_base(spec.rope_theta)
    w.add_layer_norm_rms_eps(spec.rms_eps)
    w.add_vocab_size(len(tokens))
    w.add_file_type(FILE_TYPES[qtype])
    if spec.sliding_window:
        w.add_sliding_window(spec.sliding_window)
    if spec.rope_scaling and spec.rope_scaling[0] == "linear":
        w.add_rope_scaling_type(gguf.RopeScalingType.LINEAR)
        w.add_rope_scaling_factor(float(spec.rope_scaling[1]))
    if spm_vocab:
        import spm_models
        spm_models.add_gguf_tokenizer(w, spm_vocab, spec.add_bos, spec.spm_style != "no-prefix")
    else:
        _, merges, types = tokenizer_tables(tk)
        w.add_tokenizer_model("gpt2")
        w.add_tokenizer_pre("smollm")
        w.add_token_list(tokens)
        w.add_token_types(types)
        w.add_token_merges(merges)
        w.add_bos_token_id(0)
        w.add_eos_token_id(0)
        w.add_add_bos_token(spec.add_bos)
    if spec.rope_scaling and spec.rope_scaling[0] == "llama3":
        w.add_tensor("rope_freqs.weight", llama3_rope_factors(spec))
    for name, value in weights.items():
        t = gguf_tensor(spec, name, value)
        if t.ndim == 1:
            w.add_tensor(gguf_name(name), np.asarray(t, np.float32))
        else:
            payload, kind = quantize(t, qtype)
            w.add_tensor(gguf_name(name), payload, raw_dtype=kind)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def roundtrip(weights: dict, qtype: str) -> dict:
    """HF weights replaced by what the GGUF type encodes (2-D tensors only)."""
    if qtype in ("f32", "f16", "bf16"):
        return weights   # already exact in every float format
    return {k: dequantize(*quantize(v, qtype)) if v.ndim == 2 else v for k, v in weights.items()}


def default_name(spec: TinySpec, qtype: str) -> str:
    """tiny-llama[-tied][-sinks][-swaW][-linear2]-TYPE."""
    parts = ["tiny", spec.arch]
    if spec.hidden != 64:
        parts.append(f"h{spec.hidden}")
    if spec.tied:
        parts.append("tied")
    if spec.qkv_bias and spec.arch != "qwen2":
        parts.append("bias")
    if spec.sinks:
        parts.append("sinks")
    if spec.sliding_window:
        parts.append(f"swa{spec.sliding_window}")
    if spec.rope_scaling:
        parts.append(f"{spec.rope_scaling[0]}{spec.rope_scaling[1]:g}")
    if spec.seed:
        parts.append(f"s{spec.seed}")
    if spec.tokenizer == "spm":
        parts.append("spm" if spec.spm_style == "legacy" else f"spm-{spec.spm_style}")
    parts.append(qtype)
    return "-".join(parts)


def write_tiny(outdir, spec: TinySpec | None = None, qtype: str = "f32", hf_dtype: str = "f32",
               shards: int = 1, name: str | None = None) -> dict[str, pathlib.Path]:
    """Write the GGUF file and the HF folder of one tiny model; returns their paths.

    For a quantized `qtype` the HF folder is f32 and holds the dequantized
    weights (so both files hold the same numbers)."""
    spec = spec or (TinySpec.kquant() if qtype in ("q4_k", "q6_k") else TinySpec())
    if qtype not in GGUF_TYPES:
        raise ValueError(f"type {qtype!r} not in {GGUF_TYPES}")
    if hf_dtype not in HF_DTYPES:
        raise ValueError(f"hf dtype {hf_dtype!r} not in {sorted(HF_DTYPES)}")
    if qtype not in ("f32", "f16", "bf16"):
        hf_dtype = "f32"
    outdir = pathlib.Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    name = name or default_name(spec, qtype)
    spm_vocab = None
    if spec.tokenizer == "spm":
        import spm_models
        spm_vocab = spm_models.train_spm_vocab()
        tk = spm_models.hf_tokenizer(spm_vocab, spec.spm_style, spec.add_bos)
    elif spec.tokenizer == "bpe":
        tk = train_tokenizer(spec.vocab_target)
        if not spec.add_bos:
            from tokenizers import processors
            tk.post_processor = processors.ByteLevel(trim_offsets=False)
    else:
        raise ValueError(f"tokenizer {spec.tokenizer!r} is not 'bpe' or 'spm'")
    weights = make_weights(spec, tk.get_vocab_size())
    gguf_path = write_gguf(outdir / f"{name}.gguf", spec, weights, qtype, tk, spm_vocab)
    hf_weights = roundtrip(weights, qtype)
    _check_same_numbers(spec, hf_weights, weights, qtype)
    hf_path = write_hf(outdir / f"{name}-hf-{hf_dtype}", spec, hf_weights, hf_dtype, tk, shards)
    return {"gguf": gguf_path, "hf": hf_path}


def _check_same_numbers(spec, hf_weights, weights, qtype):
    """Quantizing after the Q/K permutation equals permuting the quantized rows."""
    for k, v in weights.items():
        if v.ndim == 2 and (".q_proj." in k or ".k_proj." in k) and spec.arch == "llama":
            a = dequantize(*quantize(gguf_tensor(spec, k, v), qtype))
            b = gguf_tensor(spec, k, hf_weights[k])
            assert np.array_equal(a, b), f"{k}: quantize/permute do not commute"


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="write tiny random llama models (GGUF + HF)")
    ap.add_argument("outdir")
    ap.add_argument("--type", default="f32", choices=GGUF_TYPES, help="GGUF type of 2-D weights")
    ap.add_argument("--hf-dtype", default="f32", choices=sorted(HF_DTYPES))
    ap.add_argument("--arch", default="llama", choices=["llama", "qwen2"])
    ap.add_argument("--tied", action="store_true", help="tie lm_head to the embedding")
    ap.add_argument("--bias", action="store_true", help="q/k/v biases (implied by qwen2)")
    ap.add_argument("--sinks", action="store_true", help="learned per-head sink logits")
    ap.add_argument("--sliding-window", type=int, default=None)
    ap.add_argument("--rope-scaling", default=None, help="linear:F or llama3:F")
    ap.add_argument("--no-bos", action="store_true", help="add_bos_token = false")
    ap.add_argument("--layers", type=int, default=None)
    ap.add_argument("--kquant-shape", action="store_true",
                    help="hidden 256 / head_dim 64 / ffn 512 (default for q4_k, q6_k)")
    ap.add_argument("--shards", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--name", default=None)
    ap.add_argument("--tokenizer", default="bpe", choices=["bpe", "spm"],
                    help="byte-level BPE, or SentencePiece BPE (spm_models, Llama 2 style)")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    kw = dict(arch=a.arch, tied=a.tied, qkv_bias=a.bias, sinks=a.sinks,
              sliding_window=a.sliding_window, add_bos=not a.no_bos, seed=a.seed,
              tokenizer=a.tokenizer)
    if a.rope_scaling:
        kind, f = a.rope_scaling.split(":")
        kw["rope_scaling"] = (kind, float(f))
    if a.layers:
        kw["n_layers"] = a.layers
    spec = TinySpec.kquant(**kw) if a.kquant_shape or a.type in ("q4_k", "q6_k") else TinySpec(**kw)
    paths = write_tiny(a.outdir, spec, a.type, a.hf_dtype, a.shards, a.name)
    for k, p in paths.items():
        print(k, p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
