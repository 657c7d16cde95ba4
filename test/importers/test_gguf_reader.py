"""sinkc's GGUF reader against the `gguf` Python package.

sinkc-gguf-dequant lists a file's tensors and writes one tensor dequantized to
f32; every supported type is compared with gguf.quants.dequantize bit for bit
(sinkc evaluates ggml's formulas in ggml's order, so K-quants are exact too:
the stated tolerance is 0 ulp for every type).
"""
import pathlib
import shutil
import subprocess

import gguf
import numpy as np
import pytest
from gguf import GGMLQuantizationType as T

RNG_SEED = 1234


@pytest.fixture(scope="session")
def tool(build_dir):
    exe = build_dir / "bin" / "sinkc-gguf-dequant"
    assert exe.exists(), f"{exe} is not built"

    def run(*args):
        return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True)
    return run


def half_finite(rng, n):
    """Random finite f16 scales (bit patterns), both signs, incl. subnormals."""
    bits = rng.integers(0, 0x7c00, size=n, dtype=np.uint16)
    return bits | (rng.integers(0, 2, size=n, dtype=np.uint16) << 15)


def random_blocks(rng, qtype, rows, cols):
    """Random bytes in qtype's block layout with finite f16 scale fields: every
    quant bit pattern occurs, which quantizing smooth data would not give."""
    block, size = gguf.GGML_QUANT_SIZES[qtype]
    nblocks = rows * cols // block
    raw = rng.integers(0, 256, size=(nblocks, size), dtype=np.uint8)
    # byte positions of the f16 fields (d, and m/dmin where present)
    halves = {T.Q4_0: [0], T.Q4_1: [0, 2], T.Q5_0: [0], T.Q5_1: [0, 2], T.Q8_0: [0],
              T.Q4_K: [0, 2], T.Q6_K: [size - 2]}[qtype]
    for at in halves:
        raw[:, at:at + 2] = half_finite(rng, nblocks).view(np.uint8).reshape(nblocks, 2)
    return raw.reshape(rows, cols // block * size)


# (name, type, rows, cols): several rows and several blocks per row
CASES = [
    ("f32", T.F32, 3, 40), ("f16", T.F16, 4, 24), ("bf16", T.BF16, 5, 16),
    ("q8_0", T.Q8_0, 3, 96), ("q4_0", T.Q4_0, 4, 64), ("q4_1", T.Q4_1, 2, 128),
    ("q5_0", T.Q5_0, 3, 64), ("q5_1", T.Q5_1, 5, 32),
    ("q4_k", T.Q4_K, 3, 512), ("q6_k", T.Q6_K, 2, 768),
]


@pytest.fixture(scope="session")
def typed_file(tmp_path_factory):
    """One GGUF with, per type, a tensor quantized from random normal data
    (where gguf can quantize) and one of random block bytes."""
    rng = np.random.default_rng(RNG_SEED)
    path = tmp_path_factory.mktemp("gguf") / "types.gguf"
    w = gguf.GGUFWriter(str(path), "llama")
    sources = {}
    for name, qtype, rows, cols in CASES:
        data = rng.normal(0, 2.5, size=(rows, cols)).astype(np.float32)
        if qtype not in (T.Q4_K, T.Q6_K):
            sources[name] = data
        if qtype == T.F32:
            w.add_tensor(f"{name}.data", data)
        elif qtype == T.F16:
            w.add_tensor(f"{name}.data", data.astype(np.float16))
        elif qtype == T.BF16:
            w.add_tensor(f"{name}.data", gguf.quants.quantize(data, qtype), raw_dtype=qtype)
        elif qtype in (T.Q4_K, T.Q6_K):  # gguf cannot quantize K-quants
            pass
        else:
            w.add_tensor(f"{name}.data", gguf.quants.quantize(data, qtype), raw_dtype=qtype)
        if qtype in (T.F32, T.BF16):
            continue
        if qtype == T.F16:
            # every non-NaN half: zeros, subnormals, normals, infinities
            bits = np.arange(65536, dtype=np.uint32).astype(np.uint16)
            bits = bits[~(((bits & 0x7c00) == 0x7c00) & ((bits & 0x3ff) != 0))]
            w.add_tensor("f16.all", bits.view(np.float16))
            continue
        w.add_tensor(f"{name}.random", random_blocks(rng, qtype, rows, cols), raw_dtype=qtype)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path, sources


def dequant_with_sinkc(tool, path, name, tmp_path):
    out = tmp_path / f"{name}.f32"
    proc = tool(path, name, out)
    assert proc.returncode == 0, proc.stderr
    return np.fromfile(out, dtype="<f4")


def test_every_type_dequantizes_bit_exactly(tool, typed_file, tmp_path):
    typed_file, _ = typed_file
    reader = gguf.GGUFReader(str(typed_file))
    seen = set()
    for t in reader.tensors:
        expected = gguf.quants.dequantize(t.data, t.tensor_type).astype(np.float32).ravel()
        got = dequant_with_sinkc(tool, typed_file, t.name, tmp_path)
        assert got.shape == expected.shape, t.name
        mismatch = np.flatnonzero(got.view(np.uint32) != expected.view(np.uint32))
        assert mismatch.size == 0, (
            f"{t.name}: {mismatch.size} values differ, first at {mismatch[0]}: "
            f"{got[mismatch[0]]!r} vs {expected[mismatch[0]]!r}")
        assert (t.name == "f16.all" or np.isfinite(expected).all()) and np.abs(expected).max() > 0
        seen.add(t.tensor_type)
    assert seen == {qtype for _, qtype, _, _ in CASES}


def test_quantized_round_trip_is_close(tool, typed_file, tmp_path):
    """Quantized data decodes near the values it came from: catches a reader
    and a reference that agree on a wrong layout."""
    path, sources = typed_file
    tolerance = {"q8_0": 0.01, "q5_0": 0.07, "q5_1": 0.04, "q4_0": 0.15,
                 "q4_1": 0.08, "f16": 0.001, "bf16": 0.005, "f32": 0.0}
    for name, data in sources.items():
        got = dequant_with_sinkc(tool, path, f"{name}.data", tmp_path)
        err = np.abs(got - data.ravel()).max() / np.abs(data).max()
        assert err <= tolerance[name], (name, err)


def parse_listing(text):
    rows = {}
    for line in text.splitlines():
        name, dtype, shape, offset, nbytes = line.split("\t")
        rows[name] = (dtype, tuple(int(d) for d in shape.split("x")), int(offset), int(nbytes))
    return rows


def test_listing_matches_gguf_reader(tool, typed_file):
    typed_file, _ = typed_file
    proc = tool(typed_file)
    assert proc.returncode == 0, proc.stderr
    rows = parse_listing(proc.stdout)
    reader = gguf.GGUFReader(str(typed_file))
    assert len(rows) == len(reader.tensors)
    for t in reader.tensors:
        assert rows[t.name] == (t.tensor_type.name.lower(),
                                tuple(int(d) for d in reversed(t.shape)),
                                int(t.data_offset), int(t.n_bytes)), t.name


def test_smollm2_listing_matches_gguf_reader(tool, smollm2_gguf):
    proc = tool(smollm2_gguf)
    assert proc.returncode == 0, proc.stderr
    rows = parse_listing(proc.stdout)
    reader = gguf.GGUFReader(str(smollm2_gguf))
    assert len(reader.tensors) == 272 and len(rows) == 272
    for t in reader.tensors:
        assert rows[t.name] == (t.tensor_type.name.lower(),
                                tuple(int(d) for d in reversed(t.shape)),
                                int(t.data_offset), int(t.n_bytes)), t.name
    # the orientation the model description relies on: attn_k is [192, 576]
    assert rows["blk.0.attn_k.weight"][:2] == ("q4_1", (192, 576))
    assert rows["token_embd.weight"][:2] == ("q8_0", (49152, 576))


def test_smollm2_tensor_dequantizes_like_gguf(tool, smollm2_gguf, tmp_path):
    reader = gguf.GGUFReader(str(smollm2_gguf))
    for name in ("blk.0.attn_k.weight", "blk.29.attn_norm.weight"):
        t = next(t for t in reader.tensors if t.name == name)
        expected = gguf.quants.dequantize(t.data, t.tensor_type).astype(np.float32).ravel()
        got = dequant_with_sinkc(tool, smollm2_gguf, name, tmp_path)
        assert np.array_equal(got.view(np.uint32), expected.view(np.uint32)), name


def describe(tool, path):
    proc = tool("--describe", path)
    assert proc.returncode == 0, proc.stderr
    return dict(line.split(": ", 1) for line in proc.stdout.splitlines())


def test_smollm2_description(tool, smollm2_gguf):
    d = describe(tool, smollm2_gguf)
    expected = {
        "format": "gguf", "arch": "llama", "layers": "30", "heads": "9",
        "kv_heads": "3", "head_dim": "64", "hidden": "576", "ffn": "1536",
        "vocab": "49152", "context": "8192", "tied": "true",
        "rope_style": "interleaved", "rope_theta": "100000", "rope_scaling": "none",
        "norm_eps": "1e-05", "sliding_window": "0", "qkv_biases": "0",
        "tokenizer.model": "gpt2", "tokenizer.pre": "smollm", "tokenizer.regexes": "2",
        "tokenizer.regex0": r"\p{N}", "tokenizer.vocab": "49152",
        "tokenizer.merges": "48900", "tokenizer.scores": "false",
        "tokenizer.token_types": "true", "tokenizer.bos": "1", "tokenizer.eos": "2",
        "tokenizer.unk": "0", "tokenizer.pad": "2", "tokenizer.add_bos": "false",
        "token_embd": "token_embd.weight q8_0 49152x576 @1785664",
        "blk0.attn_k": "blk.0.attn_k.weight q4_1 192x576 @33530176",
    }
    assert {k: d.get(k) for k in expected} == expected
    assert "output" not in d
    assert d["source"] == d["tokenizer.source"] == str(smollm2_gguf)


def tiny_llama(path, arch="llama", qkv_bias=False, drop=(), extra_kv=None,
               k_rows=None):
    """A 2-layer llama-layout model with every tensor in f32."""
    hidden, heads, kv, ffn, vocab, layers = 64, 4, 2, 96, 100, 2
    hd = hidden // heads
    rng = np.random.default_rng(7)
    w = gguf.GGUFWriter(str(path), arch)
    w.add_block_count(layers)
    w.add_context_length(256)
    w.add_embedding_length(hidden)
    w.add_feed_forward_length(ffn)
    w.add_head_count(heads)
    w.add_head_count_kv(kv)
    w.add_layer_norm_rms_eps(1e-6)
    w.add_rope_freq_base(500000.0)
    for k, v in (extra_kv or {}).items():
        w.add_uint32(k, v)

    def t(name, *shape):
        if name not in drop:
            w.add_tensor(name, rng.normal(size=shape).astype(np.float32))
    t("token_embd.weight", vocab, hidden)
    t("output_norm.weight", hidden)
    t("output.weight", vocab, hidden)
    for i in range(layers):
        p = f"blk.{i}."
        t(p + "attn_norm.weight", hidden)
        t(p + "attn_q.weight", heads * hd, hidden)
        t(p + "attn_k.weight", k_rows or kv * hd, hidden)
        t(p + "attn_v.weight", kv * hd, hidden)
        t(p + "attn_output.weight", hidden, heads * hd)
        t(p + "ffn_norm.weight", hidden)
        t(p + "ffn_gate.weight", ffn, hidden)
        t(p + "ffn_up.weight", ffn, hidden)
        t(p + "ffn_down.weight", hidden, ffn)
        if qkv_bias:
            t(p + "attn_q.bias", heads * hd)
            t(p + "attn_k.bias", kv * hd)
            t(p + "attn_v.bias", kv * hd)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_tiny_llama_and_qwen2_descriptions(tool, tmp_path):
    d = describe(tool, tiny_llama(tmp_path / "l.gguf"))
    assert (d["layers"], d["heads"], d["kv_heads"], d["head_dim"], d["vocab"]) == \
        ("2", "4", "2", "16", "100")
    assert (d["tied"], d["rope_style"], d["rope_theta"], d["norm_eps"]) == \
        ("false", "interleaved", "500000", "1e-06")
    assert d["blk0.attn_k"].startswith("blk.0.attn_k.weight f32 32x64 @")
    assert d["tokenizer.model"] == "" and d["tokenizer.regexes"] == "0"
    q = describe(tool, tiny_llama(tmp_path / "q.gguf", arch="qwen2", qkv_bias=True))
    assert (q["arch"], q["rope_style"], q["qkv_biases"]) == ("qwen2", "neox", "6")


@pytest.mark.parametrize("kind,message", [
    ("missing_tensor", "missing tensor 'blk.1.ffn_up.weight'"),
    ("wrong_shape", "tensor 'blk.0.attn_k.weight' has shape [48, 64], expected [32, 64]"),
    ("arch", "architecture 'gpt2' is not supported (supported: llama, qwen2)"),
    ("partial_rope", "partial rotary embeddings are not supported"),
])
def test_description_errors(tool, tmp_path, kind, message):
    path = tmp_path / f"{kind}.gguf"
    if kind == "missing_tensor":
        tiny_llama(path, drop=("blk.1.ffn_up.weight",))
    elif kind == "wrong_shape":
        tiny_llama(path, k_rows=48)
    elif kind == "arch":
        tiny_llama(path, arch="gpt2")
    else:
        tiny_llama(path, extra_kv={"llama.rope.dimension_count": 8})
    proc = tool("--describe", path)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"sinkc-gguf-dequant: {path}: {message}" or \
        message in proc.stderr, proc.stderr
    assert str(path) in proc.stderr


@pytest.mark.parametrize("cut,message", [
    (3, "byte 0: not a GGUF file"),
    (10, "byte 8: file ends inside the tensor count (8 bytes needed, 2 left)"),
    (24, "byte 16: metadata count 33 is more than the file can hold (0 bytes left)"),
    (1_000_000, "byte 960187: metadata 'tokenizer.ggml.merges' claims 48900 string "
                "values, more than the file holds (39805 bytes left)"),
    (1_785_600, "byte 1785594: file ends inside dimension 1 of tensor "
                "'blk.9.attn_v.weight' (8 bytes needed, 6 left)"),
    (1_785_664 + 1000, "tensor 'token_embd.weight' data (30081024 bytes at byte 1785664 + 0) "
                       "runs past the end of the file (1786664 bytes)"),
])
def test_truncated_smollm2_is_an_error(tool, smollm2_gguf, tmp_path, cut, message):
    path = tmp_path / "cut.gguf"
    with open(smollm2_gguf, "rb") as f:
        path.write_bytes(f.read(cut))
    for args in ((path,), ("--describe", path)):
        proc = tool(*args)
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr.startswith(f"sinkc-gguf-dequant: {path}: byte "), proc.stderr
        assert message in proc.stderr, proc.stderr


def test_corrupted_header_fields(tool, smollm2_gguf, tmp_path):
    data = bytearray(pathlib.Path(smollm2_gguf).read_bytes()[:4096])
    cases = {
        "version": (4, (1).to_bytes(4, "little"),
                    "byte 4: GGUF version 1 is not supported (sinkc reads versions 2 and 3)"),
        "tensors": (8, (1 << 60).to_bytes(8, "little"),
                    "byte 8: tensor count 1152921504606846976 is more than the file can hold"),
        "magic": (0, b"GGML", "byte 0: not a GGUF file"),
    }
    for name, (at, patch, message) in cases.items():
        bad = bytearray(data)
        bad[at:at + len(patch)] = patch
        path = tmp_path / f"{name}.gguf"
        path.write_bytes(bytes(bad))
        proc = tool(path)
        assert proc.returncode == 1
        assert f"{path}: {message}" in proc.stderr, proc.stderr


def test_missing_file_and_unknown_tensor(tool, typed_file, tmp_path):
    typed_file, _ = typed_file
    proc = tool(tmp_path / "nope.gguf")
    assert proc.returncode == 1 and "nope.gguf: cannot open" in proc.stderr
    proc = tool(typed_file, "no.such", tmp_path / "x")
    assert proc.returncode == 1 and "no tensor 'no.such'" in proc.stderr
    proc = tool()
    assert proc.returncode == 1 and "usage" in proc.stderr
