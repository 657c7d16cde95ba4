"""A toy package that runs: test/runtime/kernels/toy_kernels.c as its "cpu"
kernels, and a numpy reference of what they compute.

The toy "model" (vocabulary 8, hidden 4, f32) of the runtime's SessionTest,
written here as a 1-layer llama GGUF (gguf package) and packed by
`sinkc-pack --execution-plan PLAN --kernel cpu=libsinkrt-toy-kernels.so`.
Per token at position p (KV group 0, entry 0):

    h = EMBD[id];   key[slot(p)] = h, value[slot(p)] = h / 2
    s = sum over the valid slots v of (v + 1) * key[v] + value[v]
    logits = LM_HEAD @ s

The weights are small integers, so every logit is exact (a multiple of 1/2
far below 2^24) and compared with ==. They were chosen so that the greedy
chains below are unambiguous (the best logit leads the next by >= 1):

    prompt "ab" (ids [1, 2]) -> [5, 5, 2, 5, 6, 4] then EOS (id 0)
        text "\\ufffd\\ufffdb\\u00e9 ": "Ã" (byte 0xC3) alone is ill-formed, "Ã©" is "é"
    prompt "c" (id [3]) -> never EOS; stops at the context (16)

Usage: ``write_toy_package(build_dir, out_path, streaming=False)``;
``ToyReference(streaming, ctx).step(id)`` -> the logits of that token.
"""
import json
import pathlib
import subprocess

import numpy as np

VOCAB, HIDDEN, CONTEXT = 8, 4, 16
SINKS, WINDOW = 2, 3  # the streaming package's policy
EOS = 0
# Byte-level BPE token strings (GPT-2 byte-to-unicode): "Ġ" is " ", "Ã" the
# byte 0xC3 (a UTF-8 lead byte), "©" the byte 0xA9 (a continuation byte).
TOKENS = ["<|endoftext|>", "a", "b", "c", "Ġ", "Ã", "©", "d"]
TOKEN_TYPES = [3] + [1] * 7  # control, normal...
TOKEN_BYTES = [b"<|endoftext|>", b"a", b"b", b"c", b" ", b"\xc3", b"\xa9", b"d"]

EMBD = np.array([[-1, 1, 0, -3], [0, 3, -3, 2], [2, 3, 2, 2], [1, -2, 3, 1],
                 [-1, 3, -1, -3], [-2, -1, 0, 0], [3, -2, -3, 3], [2, 0, -3, -3]],
                np.float32)
LM_HEAD = np.array([[-1, 0, -2, 1], [2, 1, 0, 0], [-2, 0, 0, 2], [1, 1, 1, -1],
                    [2, -2, 0, 2], [2, 2, 2, 2], [-1, 1, 1, 2], [-2, 0, 0, 1]],
                   np.float32)


class ToyReference:
    """toy_kernels.c recomputed token by token (float64, exact here)."""

    def __init__(self, streaming=False, ctx=CONTEXT):
        self.streaming = streaming
        self.slots = SINKS + WINDOW if streaming else ctx
        self.keys = np.zeros((self.slots, HIDDEN))
        self.values = np.zeros((self.slots, HIDDEN))
        self.position = 0

    def step(self, token):
        p = self.position
        self.position += 1
        slot = p if not self.streaming or p < SINKS else SINKS + (p - SINKS) % WINDOW
        valid = min(p + 1, self.slots)
        self.keys[slot] = EMBD[token]
        self.values[slot] = EMBD[token] * 0.5
        weights = np.arange(1, valid + 1)[:, None]
        s = (weights * self.keys[:valid] + self.values[:valid]).sum(axis=0)
        return (LM_HEAD.astype(np.float64) @ s).astype(np.float32)

    def run(self, tokens):
        """Logits of every token, (len(tokens), VOCAB)."""
        return np.stack([self.step(t) for t in tokens])


def greedy(prompt, max_tokens=64, streaming=False, ctx=CONTEXT):
    """The ids greedy generation gives after `prompt`: argmax (lowest id on
    ties) until EOS (left out), max_tokens, or a full cache (the token
    sampled from the last position's logits included)."""
    model = ToyReference(streaming, ctx)
    logits = model.run(prompt)[-1]
    out = []
    while len(out) < max_tokens:
        token = int(np.argmax(logits))
        if token == EOS:
            break
        out.append(token)
        if not streaming and model.position >= ctx:
            break
        logits = model.step(token)
    return out


def text(ids):
    """The text of ids, ill-formed UTF-8 as U+FFFD (Python's decoder)."""
    return b"".join(TOKEN_BYTES[i] for i in ids).decode("utf-8", errors="replace")


def _entry(prefill, streaming):
    """One entry of the plan: SessionTest.cpp's toyEntry with KV entry 0
    (a 1-layer, 1-kv-head model's group has one entry)."""
    def at(per_token):
        return {"per_token": per_token, "fixed": 0} if prefill else per_token
    kv_scalars = (["tokens", "position", SINKS + WINDOW, 0, SINKS, WINDOW, 1] if streaming
                  else ["tokens", "position", "context", 0, 0, 0, 0])
    return {
        "entry": "prefill" if prefill else "decode",
        "max_tokens": 3 if prefill else 1,
        "workspace_bytes": at(68),
        "scratch_bytes": 64,
        "inputs": {"tokens": {"offset": at(0)}},
        "outputs": {"logits": {"offset": at(36), "per_token_bytes": 32}},
        "steps": [
            {"kernel": "toy_embed", "workgroups": {"per_token": 1, "fixed": 0},
             "bindings": [{"workspace": at(0)}, {"tensor": "token_embd.weight"},
                          {"workspace": at(4)}],
             "scalars": ["tokens"]},
            {"kernel": "toy_kv", "workgroups": HIDDEN,
             "bindings": [{"workspace": at(4)}, {"kv": 0}, {"workspace": at(20)}],
             "scalars": kv_scalars},
            {"kernel": "toy_lm_head", "workgroups": {"per_token": VOCAB // 2, "fixed": 0},
             "bindings": [{"workspace": at(20)}, {"tensor": "output.weight"},
                          {"workspace": at(36)}],
             "scalars": ["tokens", 2]},
        ],
    }


def execution_plan(streaming=False):
    return [_entry(True, streaming), _entry(False, streaming)]


def write_toy_gguf(path):
    """A 1-layer llama GGUF with the toy weights and vocabulary (the layer's
    own tensors are zeros: the toy kernels do not read them)."""
    import gguf
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("toy")
    w.add_block_count(1)
    w.add_context_length(CONTEXT)
    w.add_embedding_length(HIDDEN)
    w.add_feed_forward_length(HIDDEN)
    w.add_head_count(1)
    w.add_head_count_kv(1)
    w.add_key_length(HIDDEN)
    w.add_value_length(HIDDEN)
    w.add_rope_dimension_count(HIDDEN)
    w.add_rope_freq_base(10000.0)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(VOCAB)
    w.add_file_type(0)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("gpt2")
    w.add_token_list(TOKENS)
    w.add_token_types(TOKEN_TYPES)
    w.add_token_merges([])
    w.add_eos_token_id(EOS)
    w.add_add_bos_token(False)
    zeros = lambda *shape: np.zeros(shape, np.float32)  # noqa: E731
    w.add_tensor("token_embd.weight", EMBD)
    w.add_tensor("output_norm.weight", zeros(HIDDEN) + 1)
    w.add_tensor("output.weight", LM_HEAD)
    layer = {"attn_norm.weight": zeros(HIDDEN) + 1, "attn_q.weight": zeros(HIDDEN, HIDDEN),
             "attn_k.weight": zeros(HIDDEN, HIDDEN), "attn_v.weight": zeros(HIDDEN, HIDDEN),
             "attn_output.weight": zeros(HIDDEN, HIDDEN), "ffn_norm.weight": zeros(HIDDEN) + 1,
             "ffn_gate.weight": zeros(HIDDEN, HIDDEN), "ffn_up.weight": zeros(HIDDEN, HIDDEN),
             "ffn_down.weight": zeros(HIDDEN, HIDDEN)}
    for name, value in layer.items():
        w.add_tensor(f"blk.0.{name}", value)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def write_toy_package(build_dir, out, streaming=False, kernels=True):
    """Packs the toy model with its plan and (unless `kernels` is False) its
    kernels into `out`; returns it."""
    build_dir, out = pathlib.Path(build_dir), pathlib.Path(out)
    library = build_dir / "lib" / "libsinkrt-toy-kernels.so"
    assert library.exists(), f"{library} is not built (target sinkrt-toy-kernels)"
    stem = out.with_suffix("")
    model = write_toy_gguf(stem.with_name(stem.name + ".gguf"))
    plan = stem.with_name(stem.name + ".plan.json")
    plan.write_text(json.dumps(execution_plan(streaming)))
    args = [str(build_dir / "bin" / "sinkc-pack"), str(model), "-o", str(out),
            "--kv-type", "f32", "--execution-plan", str(plan)]
    if kernels:
        args += ["--kernel", f"cpu={library}"]
    if streaming:
        args += ["--kv-policy", f"sinks={SINKS},window={WINDOW}"]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"sinkc-pack failed ({proc.returncode}):\n{proc.stderr}")
    return out
