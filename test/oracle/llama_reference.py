#!/usr/bin/env python3
"""Independent numpy reference forward pass for the llama family.

This is the oracle every sinkc correctness test compares against, so it uses
no sinkc code at all: only numpy, the `gguf` package (GGUFReader and
gguf.quants.dequantize), `safetensors` and, for text, the HF `tokenizers`
package through tokenizer_oracle.py.

Covered: llama, SmolLM2, mistral-style sliding window, qwen2 (q/k/v biases),
tied embeddings, RoPE (theta, linear and llama3 scaling, GGUF rope_freqs),
RMSNorm, SwiGLU, causal grouped-query attention, and per-kv-head attention
policies:

* ``Full()``                  every earlier position;
* ``Streaming(sinks, window)`` StreamingLLM: the first ``sinks`` positions plus
  the last ``window`` positions (the query's own position counts as one of
  the ``window``): key j is visible to query i iff ``j <= i and (j < sinks or
  i - j < window)``.  A mistral/HF ``sliding_window = W`` is
  ``Streaming(0, W)``;
* ``Pruned()``                the kv-head is gone: its query heads output zero.

Learned per-head sink logits (gpt-oss ``sinks``): with scaled scores
``z_ij = q_i.k_j / sqrt(head_dim)`` and the head's sink logit ``s_h``,
``w_ij = exp(z_ij) / (exp(s_h) + sum_j' exp(z_ij'))``; the sink has no value
row, so the weights sum to less than one.

KV cache semantics (matches sinkc's KV ABI, docs/kv-abi.md, version 1): keys
are stored AFTER RoPE, rotated at their ABSOLUTE position, and never
re-rotated.  The oracle's cache simply keeps every position's key and value
and applies the policy as a mask at attention time; because keys carry their
absolute rotation this is exactly what a ring buffer of ``sinks + window``
slots holds (``abi_slots`` shows that layout).

RoPE style: Hugging Face checkpoints use ``neox`` (rotate-half: pairs
(i, i + d/2)).  llama.cpp's converter permutes the Q/K rows of GGUF ``llama``
weights so that ``interleaved`` RoPE (pairs (2i, 2i+1)) on them equals neox on
the HF weights; GGUF ``qwen2`` is not permuted and uses neox.  The oracle never
un-permutes bytes: it applies the style the file implies.

API::

    model = load(path)                    # .gguf file or HF folder
    logits = model.forward(tokens)        # (T, vocab), every position
    state = model.new_cache()
    model.prefill(tokens, state)          # (T, vocab)
    model.decode(token, state)            # (vocab,)

CLI::

    python3 llama_reference.py MODEL --prompt-ids 1,2,3 --greedy 8
    python3 llama_reference.py MODEL --text "The capital of France is" --greedy 12
    python3 llama_reference.py MODEL --perplexity FILE --tokens 2048
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys
from dataclasses import dataclass, field
from typing import Sequence, Union

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import group_formats  # noqa: E402

# --------------------------------------------------------------------------
# Attention policies
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Full:
    """Attend to every earlier position (and the current one)."""


@dataclass(frozen=True)
class Streaming:
    """Keep the first `sinks` positions plus the last `window` (incl. self)."""
    sinks: int
    window: int

    def __post_init__(self):
        if self.sinks < 0 or self.window < 1:
            raise ValueError(f"streaming needs sinks >= 0 and window >= 1, got {self}")


@dataclass(frozen=True)
class Pruned:
    """The kv-head is removed: its query heads contribute zeros."""


Policy = Union[Full, Streaming, Pruned]


def parse_policy(text: str) -> Policy:
    """'full', 'pruned', 'streaming:S:W' (or 'window:W' == streaming:0:W)."""
    parts = text.strip().lower().split(":")
    if parts == ["full"]:
        return Full()
    if parts == ["pruned"]:
        return Pruned()
    if parts[0] == "streaming" and len(parts) == 3:
        return Streaming(int(parts[1]), int(parts[2]))
    if parts[0] == "window" and len(parts) == 2:
        return Streaming(0, int(parts[1]))
    raise ValueError(f"bad policy {text!r}: want full | pruned | streaming:S:W | window:W")


def visible(policy: Policy, qpos: np.ndarray, kpos: np.ndarray) -> np.ndarray:
    """Boolean (len(qpos), len(kpos)) mask: may query at qpos[i] read key at kpos[j]?"""
    q = np.asarray(qpos)[:, None]
    k = np.asarray(kpos)[None, :]
    causal = k <= q
    if isinstance(policy, Full):
        return causal
    if isinstance(policy, Streaming):
        return causal & ((k < policy.sinks) | (q - k < policy.window))
    if isinstance(policy, Pruned):
        return np.zeros(causal.shape, dtype=bool)
    raise TypeError(f"unknown policy {policy!r}")


def abi_slot(policy: Policy, pos: int) -> int:
    """The KV-ABI cache slot that holds absolute position `pos` (docs/kv-abi.md)."""
    if isinstance(policy, Full):
        return pos
    if isinstance(policy, Streaming):
        if pos < policy.sinks:
            return pos
        return policy.sinks + (pos - policy.sinks) % policy.window
    raise ValueError("a pruned kv-head has no cache entry")


# --------------------------------------------------------------------------
# Model description
# --------------------------------------------------------------------------


@dataclass
class Config:
    """Hyper-parameters the forward pass needs, whatever the source format."""
    arch: str
    n_layers: int
    hidden: int
    n_heads: int
    n_kv_heads: int
    head_dim: int
    ffn: int
    vocab: int
    rms_eps: float
    rope_theta: float
    rope_dim: int
    rope_style: str                  # 'neox' | 'interleaved'
    rope_scaling: dict | None = None  # {'type': 'linear'|'llama3', 'factor': ..., ...}
    sliding_window: int | None = None
    context_length: int = 0
    tied: bool = False
    bos_id: int | None = None
    eos_id: int | None = None
    add_bos: bool = False
    source: str = ""                 # 'gguf' | 'hf'


LAYER_KEYS = ("attn_norm", "wq", "wk", "wv", "wo", "bq", "bk", "bv", "sinks",
              "ffn_norm", "w_gate", "w_up", "w_down")


@dataclass
class Weights:
    """Dense float weights in HF orientation: matrices are (out, in)."""
    embed: np.ndarray
    norm: np.ndarray
    lm_head: np.ndarray
    layers: list[dict]
    rope_freq_factors: np.ndarray | None = None  # GGUF rope_freqs (llama3 scaling)
    # Matrices stored in a format whose sinkc kernels can take int8
    # activations (GGUF q4_0 / q4_1 / q8_0): "lm_head" and (layer, key).
    int8_ready: set = field(default_factory=set)


# The formats of sinkc's `_q8a` microkernels (--activations int8): GGUF
# types, and the group formats with the same layouts.
INT8_ACTIVATION_FORMATS = {"Q4_0", "Q4_1", "Q8_0"}
INT8_ACTIVATION_GROUP_FORMATS = {"i4g32s_f16", "i4g32a_f16", "i8g32s_f16"}


def quantize_activations_q8(x: np.ndarray) -> np.ndarray:
    """What sinkc's int8-activation kernels compute with (sinkc_ukernels.h):
    each row in blocks of 32, d = max|x| / 127 and q = round-half-even of
    x * (1 / d) clamped to [-127, 127] (0 where that is NaN: a block with an
    inf or NaN), all in f32; returns q * d."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    if x.shape[-1] % 32:
        raise ValueError(f"{x.shape[-1]} activations per row are not whole blocks of 32")
    blocks = x.reshape(*x.shape[:-1], -1, 32)
    d = (np.abs(blocks).max(-1, keepdims=True) / np.float32(127)).astype(np.float32)
    with np.errstate(divide="ignore"):
        inv = np.where(d != 0, np.float32(1) / d, np.float32(0)).astype(np.float32)
    with np.errstate(invalid="ignore"):
        v = blocks * inv
        q = np.where(np.isnan(v), 0, np.rint(np.clip(v, -127, 127))).astype(np.float32)
    return (q * d).reshape(x.shape)


# --------------------------------------------------------------------------
# Loading: GGUF
# --------------------------------------------------------------------------

GGUF_ARCH_ROPE = {"llama": "interleaved", "qwen2": "neox"}


def _field(reader, key, default=None):
    """A GGUF metadata value as a Python object, or `default` when absent."""
    f = reader.fields.get(key)
    return default if f is None else f.contents()


def dequantize_gguf_tensor(t) -> np.ndarray:
    """Dequantize one ReaderTensor to f32 with numpy shape = reversed GGUF ne."""
    from gguf import quants
    shape = tuple(int(x) for x in reversed(list(t.shape)))
    values = quants.dequantize(np.asarray(t.data), t.tensor_type)
    return np.ascontiguousarray(values, dtype=np.float32).reshape(shape)


def _gguf_config(reader, tensor_names: set[str]) -> Config:
    """Read `{arch}.*` hyper-parameters; unsupported architectures are an error."""
    arch = _field(reader, "general.architecture")
    if arch not in GGUF_ARCH_ROPE:
        raise ValueError(f"unsupported GGUF architecture {arch!r} (want one of {sorted(GGUF_ARCH_ROPE)})")
    a = lambda k, d=None: _field(reader, f"{arch}.{k}", d)  # noqa: E731
    hidden = int(a("embedding_length"))
    n_heads = int(a("attention.head_count"))
    head_dim = int(a("attention.key_length", hidden // n_heads))
    scaling = None
    stype = a("rope.scaling.type")
    if stype == "linear":
        scaling = {"type": "linear", "factor": float(a("rope.scaling.factor"))}
    elif stype not in (None, "none"):
        raise ValueError(f"unsupported GGUF rope scaling {stype!r}")
    tokens = _field(reader, "tokenizer.ggml.tokens")
    vocab = int(a("vocab_size", len(tokens) if tokens is not None else 0))
    return Config(
        arch=arch, n_layers=int(a("block_count")), hidden=hidden, n_heads=n_heads,
        n_kv_heads=int(a("attention.head_count_kv", n_heads)), head_dim=head_dim,
        ffn=int(a("feed_forward_length")), vocab=vocab,
        rms_eps=float(a("attention.layer_norm_rms_epsilon")),
        rope_theta=float(a("rope.freq_base", 10000.0)),
        rope_dim=int(a("rope.dimension_count", head_dim)),
        rope_style=GGUF_ARCH_ROPE[arch], rope_scaling=scaling,
        sliding_window=a("attention.sliding_window"),
        context_length=int(a("context_length", 0)),
        tied="output.weight" not in tensor_names,
        bos_id=_field(reader, "tokenizer.ggml.bos_token_id"),
        eos_id=_field(reader, "tokenizer.ggml.eos_token_id"),
        add_bos=bool(_field(reader, "tokenizer.ggml.add_bos_token", False)),
        source="gguf")


GGUF_LAYER_NAMES = {
    "attn_norm": "attn_norm.weight", "wq": "attn_q.weight", "wk": "attn_k.weight",
    "wv": "attn_v.weight", "wo": "attn_output.weight", "bq": "attn_q.bias",
    "bk": "attn_k.bias", "bv": "attn_v.bias", "sinks": "attn_sinks.weight",
    "ffn_norm": "ffn_norm.weight", "w_gate": "ffn_gate.weight", "w_up": "ffn_up.weight",
    "w_down": "ffn_down.weight",
}


def load_gguf(path) -> tuple[Config, Weights]:
    """Read a GGUF file; every tensor is dequantized with gguf.quants."""
    import gguf
    reader = gguf.GGUFReader(str(path))
    by_name = {t.name: t for t in reader.tensors}
    cfg = _gguf_config(reader, set(by_name))
    get = lambda n: dequantize_gguf_tensor(by_name[n]) if n in by_name else None  # noqa: E731
    layers = [{k: get(f"blk.{i}.{n}") for k, n in GGUF_LAYER_NAMES.items()}
              for i in range(cfg.n_layers)]
    embed = get("token_embd.weight")
    w = Weights(embed=embed, norm=get("output_norm.weight"),
                lm_head=embed if cfg.tied else get("output.weight"), layers=layers,
                rope_freq_factors=get("rope_freqs.weight"))
    ready = lambda n: n in by_name and by_name[n].tensor_type.name in INT8_ACTIVATION_FORMATS  # noqa: E731
    w.int8_ready = {(i, k) for i in range(cfg.n_layers) for k, n in GGUF_LAYER_NAMES.items()
                    if ready(f"blk.{i}.{n}")}
    if ready("token_embd.weight" if cfg.tied else "output.weight"):
        w.int8_ready.add("lm_head")
    return cfg, w


# --------------------------------------------------------------------------
# Loading: Hugging Face folder
# --------------------------------------------------------------------------

HF_ARCHS = {"llama", "mistral", "qwen2"}


def _bf16_to_f32(raw: np.ndarray) -> np.ndarray:
    """bfloat16 bit patterns (uint16) -> float32 (exact: bf16 is the top half)."""
    return (raw.astype(np.uint32) << 16).view(np.float32)


def read_safetensors(path) -> dict[str, np.ndarray]:
    """All tensors of one .safetensors file as float32.

    F32/F16 go through safetensors' numpy loader; BF16 (which numpy lacks) is
    read raw from the byte range the header gives and widened to f32.
    """
    from safetensors import safe_open
    path = pathlib.Path(path)
    with open(path, "rb") as f:
        n = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(n))
    metadata = header.pop("__metadata__", None) or {}
    out = {}
    bf16 = {k for k, v in header.items() if v["dtype"] == "BF16"}
    # sinkc group formats: U8 rows of groups named by the metadata.
    groups = {k[len(group_formats.METADATA_PREFIX):]: v for k, v in metadata.items()
              if k.startswith(group_formats.METADATA_PREFIX)}
    if groups:
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
        for k, fmt in groups.items():
            b, e = header[k]["data_offsets"]
            out[k] = group_formats.dequantize(data[b:e].reshape(header[k]["shape"]), fmt)
    if len(bf16) + len(groups) < len(header):
        with safe_open(str(path), framework="numpy") as f:
            for k in header:
                if k not in bf16 and k not in groups:
                    out[k] = np.asarray(f.get_tensor(k), dtype=np.float32)
    if bf16:
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
        for k in bf16:
            b, e = header[k]["data_offsets"]
            out[k] = _bf16_to_f32(data[b:e].view(np.uint16)).reshape(header[k]["shape"])
    return out


def _hf_tensors(folder: pathlib.Path) -> dict[str, np.ndarray]:
    """Every tensor of the checkpoint: one file or shards listed by the index."""
    index = folder / "model.safetensors.index.json"
    if index.exists():
        files = sorted(set(json.loads(index.read_text())["weight_map"].values()))
    else:
        files = sorted(p.name for p in folder.glob("*.safetensors"))
    if not files:
        raise FileNotFoundError(f"{folder}: no *.safetensors")
    tensors = {}
    for name in files:
        tensors.update(read_safetensors(folder / name))
    return tensors


def _hf_encodings(folder: pathlib.Path) -> dict[str, str]:
    """tensor name -> sinkc group format, from every file's metadata."""
    encodings = {}
    for path in folder.glob("*.safetensors"):
        with open(path, "rb") as f:
            n = int.from_bytes(f.read(8), "little")
            metadata = json.loads(f.read(n)).get("__metadata__") or {}
        encodings.update({k[len(group_formats.METADATA_PREFIX):]: v for k, v in metadata.items()
                          if k.startswith(group_formats.METADATA_PREFIX)})
    return encodings


def _hf_rope_scaling(conf: dict) -> dict | None:
    """Normalize HF rope_scaling / rope_parameters to {'type': ..., ...} or None."""
    rs = conf.get("rope_scaling") or conf.get("rope_parameters")
    if not rs:
        return None
    kind = rs.get("rope_type", rs.get("type"))
    if kind in (None, "default"):
        return None
    if kind == "linear":
        return {"type": "linear", "factor": float(rs["factor"])}
    if kind == "llama3":
        return {"type": "llama3", "factor": float(rs["factor"]),
                "low_freq_factor": float(rs["low_freq_factor"]),
                "high_freq_factor": float(rs["high_freq_factor"]),
                "original_max_position_embeddings": int(rs["original_max_position_embeddings"])}
    raise ValueError(f"unsupported rope scaling {kind!r}")


def _hf_config(conf: dict, tensors: dict) -> Config:
    """Hyper-parameters from config.json (llama / mistral / qwen2)."""
    mt = conf.get("model_type")
    if mt not in HF_ARCHS:
        raise ValueError(f"unsupported model_type {mt!r} (want one of {sorted(HF_ARCHS)})")
    hidden = int(conf["hidden_size"])
    n_heads = int(conf["num_attention_heads"])
    head_dim = int(conf.get("head_dim") or hidden // n_heads)
    window = conf.get("sliding_window")
    if mt == "qwen2" and not conf.get("use_sliding_window", False):
        window = None
    theta = conf.get("rope_theta") or (conf.get("rope_parameters") or {}).get("rope_theta", 10000.0)
    return Config(
        arch=mt, n_layers=int(conf["num_hidden_layers"]), hidden=hidden, n_heads=n_heads,
        n_kv_heads=int(conf.get("num_key_value_heads") or n_heads), head_dim=head_dim,
        ffn=int(conf["intermediate_size"]), vocab=int(conf["vocab_size"]),
        rms_eps=float(conf.get("rms_norm_eps", 1e-6)), rope_theta=float(theta),
        rope_dim=head_dim, rope_style="neox", rope_scaling=_hf_rope_scaling(conf),
        sliding_window=int(window) if window else None,
        context_length=int(conf.get("max_position_embeddings", 0)),
        tied="lm_head.weight" not in tensors,
        bos_id=conf.get("bos_token_id"), eos_id=conf.get("eos_token_id"), source="hf")


HF_LAYER_NAMES = {
    "attn_norm": "input_layernorm.weight", "wq": "self_attn.q_proj.weight",
    "wk": "self_attn.k_proj.weight", "wv": "self_attn.v_proj.weight",
    "wo": "self_attn.o_proj.weight", "bq": "self_attn.q_proj.bias",
    "bk": "self_attn.k_proj.bias", "bv": "self_attn.v_proj.bias",
    "sinks": "self_attn.sinks", "ffn_norm": "post_attention_layernorm.weight",
    "w_gate": "mlp.gate_proj.weight", "w_up": "mlp.up_proj.weight",
    "w_down": "mlp.down_proj.weight",
}


def load_hf(folder) -> tuple[Config, Weights]:
    """Read config.json + safetensors (f32/f16/bf16, sharded or not)."""
    folder = pathlib.Path(folder)
    conf = json.loads((folder / "config.json").read_text())
    t = _hf_tensors(folder)
    cfg = _hf_config(conf, t)
    layers = [{k: t.get(f"model.layers.{i}.{n}") for k, n in HF_LAYER_NAMES.items()}
              for i in range(cfg.n_layers)]
    embed = t["model.embed_tokens.weight"]
    w = Weights(embed=embed, norm=t["model.norm.weight"],
                lm_head=embed if cfg.tied else t["lm_head.weight"], layers=layers)
    encodings = _hf_encodings(folder)
    ready = lambda n: encodings.get(n) in INT8_ACTIVATION_GROUP_FORMATS  # noqa: E731
    w.int8_ready = {(i, k) for i in range(cfg.n_layers) for k, n in HF_LAYER_NAMES.items()
                    if ready(f"model.layers.{i}.{n}")}
    if ready("model.embed_tokens.weight" if cfg.tied else "lm_head.weight"):
        w.int8_ready.add("lm_head")
    return cfg, w


# --------------------------------------------------------------------------
# Math
# --------------------------------------------------------------------------


def rms_norm(x: np.ndarray, w: np.ndarray, eps: float) -> np.ndarray:
    """x / sqrt(mean(x^2) + eps) * w over the last axis."""
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def silu(x: np.ndarray) -> np.ndarray:
    """x * sigmoid(x), without overflow warnings for very negative x."""
    with np.errstate(over="ignore"):
        return x / (1.0 + np.exp(-x))


def rope_inv_freq(cfg: Config, freq_factors: np.ndarray | None) -> np.ndarray:
    """Per-pair angular frequencies (f64), with linear / llama3 scaling applied.

    llama3 (HF `_compute_llama3_parameters`): wavelengths shorter than
    original_ctx/high_freq_factor keep their frequency, longer than
    original_ctx/low_freq_factor are divided by `factor`, and the band between
    is interpolated.  GGUF stores the same thing as `rope_freqs` divisors.
    """
    d = cfg.rope_dim
    inv = cfg.rope_theta ** (-np.arange(0, d, 2, dtype=np.float64) / d)
    sc = cfg.rope_scaling
    if sc and sc["type"] == "linear":
        inv = inv / sc["factor"]
    elif sc and sc["type"] == "llama3":
        f, lo, hi = sc["factor"], sc["low_freq_factor"], sc["high_freq_factor"]
        old = sc["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        smooth = (old / wavelen - lo) / (hi - lo)
        mid = (1 - smooth) * inv / f + smooth * inv
        inv = np.where(wavelen < old / hi, inv, np.where(wavelen > old / lo, inv / f, mid))
    if freq_factors is not None:
        inv = inv / np.asarray(freq_factors, dtype=np.float64)
    return inv


def apply_rope(x: np.ndarray, pos: np.ndarray, inv_freq: np.ndarray, style: str) -> np.ndarray:
    """Rotate x (T, heads, head_dim) at absolute positions pos (T,).

    neox: pairs (i, i + rope_dim/2);  interleaved: pairs (2i, 2i + 1).
    Dimensions past rope_dim pass through unchanged.
    """
    ang = np.asarray(pos, dtype=np.float64)[:, None] * inv_freq[None, :]
    cos = np.cos(ang).astype(x.dtype)[:, None, :]
    sin = np.sin(ang).astype(x.dtype)[:, None, :]
    rd = 2 * inv_freq.shape[0]
    out = x.copy()
    if style == "neox":
        x1, x2 = x[..., : rd // 2], x[..., rd // 2: rd]
        out[..., : rd // 2] = x1 * cos - x2 * sin
        out[..., rd // 2: rd] = x2 * cos + x1 * sin
    elif style == "interleaved":
        x1, x2 = x[..., 0:rd:2], x[..., 1:rd:2]
        out[..., 0:rd:2] = x1 * cos - x2 * sin
        out[..., 1:rd:2] = x1 * sin + x2 * cos
    else:
        raise ValueError(f"unknown rope style {style!r}")
    return out


def softmax_with_sink(z: np.ndarray, mask: np.ndarray, sink: np.ndarray | None) -> np.ndarray:
    """Masked softmax over the last axis; with `sink` (one logit per row-group,
    broadcast over rows) the denominator gains exp(sink) and no value row."""
    z = np.where(mask, z, -np.inf)
    m = np.max(z, axis=-1, keepdims=True)
    if sink is not None:
        m = np.maximum(m, sink)
    e = np.exp(z - m)
    denom = e.sum(axis=-1, keepdims=True)
    if sink is not None:
        denom = denom + np.exp(sink - m)
    return e / denom


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, qpos: np.ndarray,
              kpos: np.ndarray, policies: Sequence[Policy],
              sinks: np.ndarray | None = None) -> np.ndarray:
    """Grouped-query attention with one policy per kv-head.

    q (T, H, D) and k, v (S, KV, D) are already rotated; query head h reads
    kv-head h // (H // KV).  Returns (T, H, D); pruned groups are zero.
    """
    T, H, D = q.shape
    KV = k.shape[1]
    G = H // KV
    scale = 1.0 / math.sqrt(D)
    out = np.zeros_like(q)
    masks: dict = {}
    for h in range(KV):
        pol = policies[h]
        if isinstance(pol, Pruned):
            continue
        if pol not in masks:
            masks[pol] = visible(pol, qpos, kpos)
        qg = q[:, h * G:(h + 1) * G, :].transpose(1, 0, 2)          # (G, T, D)
        z = (qg @ k[:, h, :].T) * q.dtype.type(scale)                # (G, T, S)
        s = None if sinks is None else sinks[h * G:(h + 1) * G].astype(q.dtype)[:, None, None]
        w = softmax_with_sink(z, masks[pol][None], s)
        out[:, h * G:(h + 1) * G, :] = (w @ v[:, h, :]).transpose(1, 0, 2)
    return out


# --------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------


@dataclass
class KVCache:
    """Incremental state: per layer, the post-RoPE keys (rotated at their
    absolute positions) and the values of every position seen so far, shape
    (n, n_kv_heads, head_dim).  Policies are applied at attention time."""
    policies: list[list[Policy]]
    keys: list[np.ndarray] = field(default_factory=list)
    values: list[np.ndarray] = field(default_factory=list)
    n: int = 0


def abi_slots(state: KVCache, layer: int, kv_head: int, n_slots: int | None = None):
    """The (keys, values, valid) a KV-ABI buffer entry holds after state.n tokens.

    keys/values are (S, D) with S = n_slots (default: state.n for full, sinks +
    window for streaming); `valid` marks the written slots.  Positions are
    written in order, so later ring positions overwrite earlier ones.
    """
    pol = state.policies[layer][kv_head]
    if isinstance(pol, Pruned):
        raise ValueError("a pruned kv-head has no cache entry")
    S = n_slots or (state.n if isinstance(pol, Full) else pol.sinks + pol.window)
    D = state.keys[layer].shape[-1]
    K = np.zeros((S, D), state.keys[layer].dtype)
    V = np.zeros((S, D), state.values[layer].dtype)
    valid = np.zeros(S, dtype=bool)
    for p in range(state.n):
        s = abi_slot(pol, p)
        K[s], V[s], valid[s] = state.keys[layer][p, kv_head], state.values[layer][p, kv_head], True
    return K, V, valid


class Model:
    """A loaded llama-family model; weights are dense arrays of `dtype`."""

    def __init__(self, cfg: Config, w: Weights, dtype=np.float32, int8_activations=False,
                 kv_f16=False):
        """With `int8_activations`, matmuls on q4_0 / q4_1 / q8_0 matrices see
        their input as sinkc's `--activations int8` kernels quantize it; with
        `kv_f16` keys and values are rounded to f16 as sinkc's cache stores
        them. Together they make the reference follow the int8 path closely:
        quantization is discontinuous, so an unmirrored f16 rounding upstream
        would flip codes and show as errors of whole quantization steps."""
        self.cfg = cfg
        self.dtype = np.dtype(dtype)
        self.int8_ready = w.int8_ready if int8_activations else set()
        self.kv_f16 = kv_f16
        cast = lambda a: None if a is None else np.ascontiguousarray(a, dtype=self.dtype)  # noqa: E731
        self.embed = cast(w.embed)
        self.norm = cast(w.norm)
        self.lm_head = self.embed if cfg.tied else cast(w.lm_head)
        self.layers = [{k: cast(L.get(k)) for k in LAYER_KEYS} for L in w.layers]
        self.inv_freq = rope_inv_freq(cfg, w.rope_freq_factors)
        self._check_shapes()

    def _check_shapes(self):
        """Fail early and clearly when the weights do not match the config."""
        c = self.cfg
        qd, kd = c.n_heads * c.head_dim, c.n_kv_heads * c.head_dim
        want = {"wq": (qd, c.hidden), "wk": (kd, c.hidden), "wv": (kd, c.hidden),
                "wo": (c.hidden, qd), "w_gate": (c.ffn, c.hidden), "w_up": (c.ffn, c.hidden),
                "w_down": (c.hidden, c.ffn), "attn_norm": (c.hidden,), "ffn_norm": (c.hidden,)}
        for i, L in enumerate(self.layers):
            for k, shape in want.items():
                if L[k] is None or L[k].shape != shape:
                    got = None if L[k] is None else L[k].shape
                    raise ValueError(f"layer {i} {k}: shape {got}, expected {shape}")
        if self.embed.shape != (c.vocab, c.hidden):
            raise ValueError(f"embedding shape {self.embed.shape}, expected {(c.vocab, c.hidden)}")

    # -- policies and cache ------------------------------------------------

    def default_policy(self) -> Policy:
        """Streaming(0, W) for a sliding-window model, else Full()."""
        w = self.cfg.sliding_window
        return Streaming(0, int(w)) if w else Full()

    def expand_policies(self, policies=None) -> list[list[Policy]]:
        """None | one Policy | per-layer Policy | [layer][kv_head] -> full table."""
        c = self.cfg
        if policies is None:
            policies = self.default_policy()
        if not isinstance(policies, (list, tuple)):
            return [[policies] * c.n_kv_heads for _ in range(c.n_layers)]
        if len(policies) != c.n_layers:
            raise ValueError(f"{len(policies)} layer policies for {c.n_layers} layers")
        table = []
        for p in policies:
            row = list(p) if isinstance(p, (list, tuple)) else [p] * c.n_kv_heads
            if len(row) != c.n_kv_heads:
                raise ValueError(f"{len(row)} kv-head policies for {c.n_kv_heads} kv-heads")
            table.append(row)
        return table

    def new_cache(self, policies=None) -> KVCache:
        """An empty incremental state with a [layer][kv_head] policy table."""
        c = self.cfg
        shape = (0, c.n_kv_heads, c.head_dim)
        return KVCache(policies=self.expand_policies(policies),
                       keys=[np.zeros(shape, self.dtype) for _ in range(c.n_layers)],
                       values=[np.zeros(shape, self.dtype) for _ in range(c.n_layers)])

    # -- forward -----------------------------------------------------------

    def _layer(self, i: int, x: np.ndarray, pos: np.ndarray, state: KVCache) -> np.ndarray:
        """One pre-norm decoder block; appends this chunk's K/V to the cache."""
        c, L = self.cfg, self.layers[i]
        T = x.shape[0]
        mm = lambda a, key: self._input_of((i, key), a) @ L[key].T  # noqa: E731
        h = rms_norm(x, L["attn_norm"], c.rms_eps)
        q, k, v = mm(h, "wq"), mm(h, "wk"), mm(h, "wv")
        if L["bq"] is not None:
            q, k, v = q + L["bq"], k + L["bk"], v + L["bv"]
        q = apply_rope(q.reshape(T, c.n_heads, c.head_dim), pos, self.inv_freq, c.rope_style)
        k = apply_rope(k.reshape(T, c.n_kv_heads, c.head_dim), pos, self.inv_freq, c.rope_style)
        v = v.reshape(T, c.n_kv_heads, c.head_dim)
        if self.kv_f16:
            k, v = (a.astype(np.float16).astype(self.dtype) for a in (k, v))
        state.keys[i] = np.concatenate([state.keys[i], k])
        state.values[i] = np.concatenate([state.values[i], v])
        kpos = np.arange(state.keys[i].shape[0])
        a = attention(q, state.keys[i], state.values[i], pos, kpos, state.policies[i], L["sinks"])
        x = x + mm(a.reshape(T, -1), "wo")
        h = rms_norm(x, L["ffn_norm"], c.rms_eps)
        return x + mm(silu(mm(h, "w_gate")) * mm(h, "w_up"), "w_down")

    def _input_of(self, matrix, x: np.ndarray) -> np.ndarray:
        """A matmul's input as the kernel sees it (int8-quantized or not)."""
        if matrix in self.int8_ready:
            return quantize_activations_q8(x).astype(self.dtype)
        return x

    def hidden_states(self, tokens: Sequence[int], state: KVCache) -> np.ndarray:
        """Final-normed hidden states (T, hidden) of `tokens` appended to `state`."""
        tokens = np.asarray(tokens, dtype=np.int64).reshape(-1)
        if tokens.size and (tokens.min() < 0 or tokens.max() >= self.cfg.vocab):
            raise ValueError(f"token id out of range [0, {self.cfg.vocab})")
        pos = np.arange(state.n, state.n + tokens.size)
        x = self.embed[tokens]
        for i in range(self.cfg.n_layers):
            x = self._layer(i, x, pos, state)
        state.n += tokens.size
        return rms_norm(x, self.norm, self.cfg.rms_eps)

    def logits(self, hidden: np.ndarray) -> np.ndarray:
        """Project hidden states onto the vocabulary (tied or separate head)."""
        return self._input_of("lm_head", hidden) @ self.lm_head.T

    def prefill(self, tokens: Sequence[int], state: KVCache) -> np.ndarray:
        """Append `tokens` to `state`; logits (T, vocab) for each of them."""
        return self.logits(self.hidden_states(tokens, state))

    def decode(self, token: int, state: KVCache) -> np.ndarray:
        """Append one token; its logits (vocab,)."""
        return self.prefill([int(token)], state)[0]

    def forward(self, tokens: Sequence[int], policies=None) -> np.ndarray:
        """Logits (T, vocab) at every position of a fresh sequence."""
        return self.prefill(tokens, self.new_cache(policies))

    # -- uses --------------------------------------------------------------

    def greedy(self, tokens: Sequence[int], n: int, policies=None, stop_at_eos=False) -> list[int]:
        """`n` greedily chosen continuation ids (prefill, then decode steps)."""
        state = self.new_cache(policies)
        logits = self.prefill(tokens, state)[-1]
        out = []
        for _ in range(n):
            t = int(np.argmax(logits))
            out.append(t)
            if stop_at_eos and t == self.cfg.eos_id:
                break
            logits = self.decode(t, state)
        return out

    def nll(self, tokens: Sequence[int], policies=None, chunk: int = 256) -> np.ndarray:
        """Negative log-likelihood of tokens[1:] given their prefixes (f64)."""
        h = self.hidden_states(tokens, self.new_cache(policies))
        tokens = np.asarray(tokens)
        out = []
        for b in range(0, len(tokens) - 1, chunk):
            lg = self.logits(h[b:min(b + chunk, len(tokens) - 1)]).astype(np.float64)
            m = lg.max(-1, keepdims=True)
            lse = (m + np.log(np.exp(lg - m).sum(-1, keepdims=True)))[:, 0]
            tgt = tokens[b + 1:b + 1 + lg.shape[0]]
            out.append(lse - lg[np.arange(lg.shape[0]), tgt])
        return np.concatenate(out)

    def perplexity(self, tokens: Sequence[int], policies=None) -> float:
        """exp(mean NLL) over every prediction of the sequence (no striding)."""
        return float(np.exp(self.nll(tokens, policies).mean()))


def load_weights(path) -> tuple[Config, Weights]:
    """(Config, Weights) from a .gguf file or a Hugging Face folder."""
    p = pathlib.Path(path)
    if p.is_dir():
        return load_hf(p)
    if p.suffix == ".gguf" or p.read_bytes()[:4] == b"GGUF":
        return load_gguf(p)
    raise ValueError(f"{p}: neither a .gguf file nor a folder with config.json")


def load(path, dtype=np.float32, rope_style: str | None = None,
         int8_activations: bool = False, kv_f16: bool = False) -> Model:
    """Load a model; `rope_style` overrides the style the format implies (for
    negative-control tests only); `int8_activations` and `kv_f16` mirror
    packages compiled with `--activations int8` and an f16 KV cache."""
    cfg, w = load_weights(path)
    if rope_style is not None:
        cfg.rope_style = rope_style
    return Model(cfg, w, dtype, int8_activations, kv_f16)


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def _tokenizer(path):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import tokenizer_oracle
    return tokenizer_oracle.load_tokenizer(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help=".gguf file or HF folder (config.json + safetensors)")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--prompt-ids", help="comma-separated token ids")
    src.add_argument("--text", help="prompt text (tokenized by tokenizer_oracle)")
    ap.add_argument("--no-bos", action="store_true", help="with --text: never prepend BOS")
    ap.add_argument("--greedy", type=int, default=0, help="generate N tokens greedily")
    ap.add_argument("--perplexity", metavar="FILE", help="text file to score")
    ap.add_argument("--tokens", type=int, default=2048, help="tokens of FILE to score")
    ap.add_argument("--policy", help="one policy for every kv-head: full | pruned | streaming:S:W")
    ap.add_argument("--f64", action="store_true", help="compute in float64")
    ap.add_argument("--int8-activations", action="store_true",
                    help="mirror `sinkc compile --activations int8` (q4_0/q4_1/q8_0 matmuls)")
    ap.add_argument("--top", type=int, default=5, help="print the top-k of the last logits")
    args = ap.parse_args(argv)

    model = load(args.model, np.float64 if args.f64 else np.float32,
                 int8_activations=args.int8_activations)
    pol = parse_policy(args.policy) if args.policy else None
    tok = None
    if args.text is not None or args.perplexity:
        tok = _tokenizer(args.model)
    if args.perplexity:
        text = pathlib.Path(args.perplexity).read_text(encoding="utf-8")
        ids = tok.encode(text)[: args.tokens]
        print(json.dumps({"tokens": len(ids), "perplexity": model.perplexity(ids, pol)}))
    if args.prompt_ids is None and args.text is None:
        return 0
    if args.text is not None:
        ids = tok.encode(args.text, add_bos=False if args.no_bos else None)
    else:
        ids = [int(x) for x in args.prompt_ids.split(",") if x.strip()]
    logits = model.forward(ids, pol)[-1]
    top = np.argsort(-logits)[: args.top]
    print(json.dumps({"prompt_ids": ids, "top": [[int(t), float(logits[t])] for t in top]}))
    if args.greedy:
        out = model.greedy(ids, args.greedy, pol)
        res = {"ids": out}
        if tok is not None:
            res["text"] = tok.decode(out)
        print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
