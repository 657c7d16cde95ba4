"""Models packed by build/bin/sinkc-pack and opened by the runtime's C API
(ctypes on build/lib/libsinkrt.so): tensors byte-identical to the source
file, the manifest's model, tokenizer and KV-cache groups, tokenization equal
to the HF `tokenizers` oracle, deterministic output, and errors.

The package is read here by a small parser of docs/package-format.md (header
and section table), independent of sinkc's reader."""
import ctypes
import json
import mmap
import pathlib
import struct
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "test" / "oracle"))
import tokenizer_oracle  # noqa: E402

HEADER = struct.Struct("<8sHHIQQIIQQQ")   # 64 bytes
SECTION = struct.Struct("<IIQQQQ24s")     # 64 bytes
KIND_MANIFEST, KIND_TOKENIZER, KIND_KERNEL, KIND_WEIGHTS = 1, 2, 3, 4
SMOLLM2_PROMPT = "The capital of France is"
SMOLLM2_PROMPT_IDS = [504, 3575, 282, 4649, 314]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def pack(build_dir, model, out, *args, check=True):
    exe = build_dir / "bin" / "sinkc-pack"
    assert exe.exists(), f"{exe} is not built"
    proc = subprocess.run([str(exe), str(model), "-o", str(out), *map(str, args)],
                          capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"sinkc-pack {model} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def read_package(path):
    """(manifest, {kind: [(offset, size, name)]}) of a package file."""
    data = pathlib.Path(path).read_bytes()
    (magic, major, minor, header_size, file_size, table, count, flags, _table_sum,
     _reserved, _header_sum) = HEADER.unpack_from(data, 0)
    assert magic == b"SINKPKG\0" and (major, minor) == (1, 0) and header_size == 64
    assert file_size == len(data) and flags == 0
    sections = {}
    for i in range(count):
        kind, _flags, offset, size, align, _sum, name = SECTION.unpack_from(data, table + 64 * i)
        assert offset % align == 0
        sections.setdefault(kind, []).append((offset, size, name.rstrip(b"\0").decode()))
    (m_off, m_size, _), = sections[KIND_MANIFEST]
    return json.loads(data[m_off:m_off + m_size]), sections


def tensor_bytes(path, sections, tensor) -> bytes:
    (w_off, _, _), = sections[KIND_WEIGHTS]
    with open(path, "rb") as f:
        f.seek(w_off + tensor["offset"])
        return f.read(tensor["size"])


class Runtime:
    """The C API of sinkrt.h through ctypes."""
    OK, INVALID_ARGUMENT, IO, INVALID_PACKAGE, UNSUPPORTED_HOST, BUFFER_TOO_SMALL = range(6)

    def __init__(self, build_dir):
        lib = ctypes.CDLL(str(build_dir / "lib" / "libsinkrt.so"))
        P = ctypes.c_void_p
        sig = {
            "sinkrt_last_error": (ctypes.c_char_p, []),
            "sinkrt_package_open": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_uint32,
                                                   ctypes.POINTER(P)]),
            "sinkrt_package_close": (None, [P]),
            "sinkrt_package_manifest_json": (ctypes.c_char_p, [P]),
            "sinkrt_tokenizer_create": (ctypes.c_int, [P, ctypes.POINTER(P)]),
            "sinkrt_tokenizer_destroy": (None, [P]),
            "sinkrt_tokenize": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int,
                                               ctypes.c_int, ctypes.POINTER(ctypes.c_int32),
                                               ctypes.c_size_t,
                                               ctypes.POINTER(ctypes.c_size_t)]),
            "sinkrt_detokenize": (ctypes.c_int, [P, ctypes.POINTER(ctypes.c_int32),
                                                 ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p,
                                                 ctypes.c_size_t,
                                                 ctypes.POINTER(ctypes.c_size_t)]),
            "sinkrt_kv_cache_create": (ctypes.c_int, [P, ctypes.c_int64, ctypes.POINTER(P)]),
            "sinkrt_kv_cache_bytes": (ctypes.c_size_t, [P]),
            "sinkrt_kv_cache_destroy": (None, [P]),
        }
        for name, (res, args) in sig.items():
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
        self.lib = lib

    def error(self) -> str:
        return self.lib.sinkrt_last_error().decode()

    def open(self, path, flags=0):
        """(status, handle)."""
        h = ctypes.c_void_p()
        return self.lib.sinkrt_package_open(str(path).encode(), flags, ctypes.byref(h)), h

    def open_ok(self, path, flags=0):
        status, h = self.open(path, flags)
        assert status == self.OK, self.error()
        return h

    def tokenizer(self, pkg):
        h = ctypes.c_void_p()
        assert self.lib.sinkrt_tokenizer_create(pkg, ctypes.byref(h)) == self.OK, self.error()
        return h

    def tokenize(self, tok, text: str, add_bos=-1, parse_special=1) -> list[int]:
        data = text.encode()
        count = ctypes.c_size_t()
        status = self.lib.sinkrt_tokenize(tok, data, len(data), add_bos, parse_special, None, 0,
                                          ctypes.byref(count))
        assert status in (self.OK, self.BUFFER_TOO_SMALL), self.error()
        ids = (ctypes.c_int32 * max(count.value, 1))()
        status = self.lib.sinkrt_tokenize(tok, data, len(data), add_bos, parse_special, ids,
                                          count.value, ctypes.byref(count))
        assert status == self.OK, self.error()
        return list(ids[:count.value])

    def detokenize(self, tok, ids, skip_special=0) -> str:
        arr = (ctypes.c_int32 * max(len(ids), 1))(*ids)
        length = ctypes.c_size_t()
        status = self.lib.sinkrt_detokenize(tok, arr, len(ids), skip_special, None, 0,
                                            ctypes.byref(length))
        assert status == self.BUFFER_TOO_SMALL, self.error()
        buf = ctypes.create_string_buffer(length.value + 1)
        status = self.lib.sinkrt_detokenize(tok, arr, len(ids), skip_special, buf,
                                            length.value + 1, ctypes.byref(length))
        assert status == self.OK, self.error()
        return buf.raw[:length.value].decode("utf-8")

    def kv_bytes(self, pkg, context) -> int:
        kv = ctypes.c_void_p()
        status = self.lib.sinkrt_kv_cache_create(pkg, context, ctypes.byref(kv))
        assert status == self.OK, self.error()
        try:
            return self.lib.sinkrt_kv_cache_bytes(kv)
        finally:
            self.lib.sinkrt_kv_cache_destroy(kv)


@pytest.fixture(scope="module")
def rt(build_dir):
    return Runtime(build_dir)


@pytest.fixture(scope="module")
def smollm2_pkg(build_dir, smollm2_gguf, tmp_path_factory):
    out = tmp_path_factory.mktemp("pkg") / "smollm2.sinkpkg"
    pack(build_dir, smollm2_gguf, out)
    return out


# --------------------------------------------------------------------------
# SmolLM2 (GGUF Q4_1)
# --------------------------------------------------------------------------


def test_smollm2_tensors_are_the_gguf_bytes(smollm2_gguf, smollm2_pkg):
    import gguf
    reader = gguf.GGUFReader(str(smollm2_gguf))
    manifest, sections = read_package(smollm2_pkg)
    tensors = {t["name"]: t for t in manifest["tensors"]}
    assert len(tensors) == len(manifest["tensors"]) == len(reader.tensors) == 272
    assert "output.weight" not in tensors  # tied: the embedding is stored once
    assert manifest["model"]["tied_embeddings"] is True
    (w_off, w_size, _), = sections[KIND_WEIGHTS]
    assert w_off % 4096 == 0 and KIND_KERNEL not in sections
    with open(smollm2_gguf, "rb") as f, open(smollm2_pkg, "rb") as p:
        src = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        dst = mmap.mmap(p.fileno(), 0, access=mmap.ACCESS_READ)
        for t in reader.tensors:
            m = tensors[t.name]
            assert m["dtype"] == t.tensor_type.name.lower(), t.name
            assert m["shape"] == [int(d) for d in reversed(t.shape)], t.name
            assert m["size"] == t.n_bytes, t.name
            assert m["offset"] % 64 == 0 and m["offset"] + m["size"] <= w_size
            a = src[t.data_offset:t.data_offset + t.n_bytes]
            b = dst[w_off + m["offset"]:w_off + m["offset"] + m["size"]]
            assert a == b, f"{t.name}: bytes differ"
    types = {t["dtype"] for t in manifest["tensors"]}
    assert "q4_1" in types and "f32" in types


def test_smollm2_manifest(smollm2_pkg, rt):
    manifest, _ = read_package(smollm2_pkg)
    model = manifest["model"]
    assert {k: model[k] for k in ("arch", "layers", "hidden", "heads", "kv_heads", "head_dim",
                                  "vocab", "context")} == {
        "arch": "llama", "layers": 30, "hidden": 576, "heads": 9, "kv_heads": 3,
        "head_dim": 64, "vocab": 49152, "context": 8192}
    assert manifest["kv_cache"] == {"abi_version": 1, "groups": [
        {"policy": "full", "slots": None, "entries": 90, "head_dim": 64,
         "element_type": "f16"}]}
    assert manifest["execution_plan"] == [] and manifest["cpu_features"] == []
    assert manifest["kernels"] == []
    tok = manifest["tokenizer"]
    assert (tok["kind"], tok["pre"], tok["add_bos"]) == ("gpt2", "smollm", False)
    assert tok["token_types"] is True and tok["ignore_merges"] is False
    # The runtime hands out the same manifest.
    pkg = rt.open_ok(smollm2_pkg)
    try:
        assert json.loads(rt.lib.sinkrt_package_manifest_json(pkg)) == manifest
    finally:
        rt.lib.sinkrt_package_close(pkg)


def test_smollm2_runtime(smollm2_gguf, smollm2_pkg, rt):
    oracle = tokenizer_oracle.load_tokenizer(smollm2_gguf)
    pkg = rt.open_ok(smollm2_pkg, flags=1)  # SINKRT_OPEN_VERIFY_WEIGHTS
    tok = rt.tokenizer(pkg)
    try:
        ids = rt.tokenize(tok, SMOLLM2_PROMPT)
        assert ids == SMOLLM2_PROMPT_IDS == oracle.encode(SMOLLM2_PROMPT)
        assert rt.detokenize(tok, ids) == SMOLLM2_PROMPT
        chat = "<|im_start|>user\nWhat is 2+2? Ünïcödé 😀<|im_end|>\n"
        ids = rt.tokenize(tok, chat)
        assert ids == oracle.encode(chat)
        assert rt.detokenize(tok, ids) == oracle.decode(ids) == chat
        assert rt.detokenize(tok, ids, skip_special=1) == oracle.decode(ids, skip_special=True)
        # 30 layers x 3 kv-heads x 2 x 4096 x 64 x 2 bytes (docs/kv-abi.md).
        assert rt.kv_bytes(pkg, 4096) == 94_371_840
    finally:
        rt.lib.sinkrt_tokenizer_destroy(tok)
        rt.lib.sinkrt_package_close(pkg)


def test_kv_policy_streaming(build_dir, smollm2_gguf, tmp_path, rt):
    out = tmp_path / "stream.sinkpkg"
    pack(build_dir, smollm2_gguf, out, "--kv-policy", "sinks=4,window=252")
    manifest, _ = read_package(out)
    assert manifest["kv_cache"]["groups"] == [
        {"policy": "streaming", "sinks": 4, "window": 252, "slots": 256, "entries": 90,
         "head_dim": 64, "element_type": "f16"}]
    pkg = rt.open_ok(out)
    try:
        # Constant in the context: 90 x 2 x 256 x 64 x 2 bytes.
        assert rt.kv_bytes(pkg, 4096) == rt.kv_bytes(pkg, 100_000) == 5_898_240
    finally:
        rt.lib.sinkrt_package_close(pkg)


def test_packing_is_deterministic(build_dir, smollm2_gguf, smollm2_pkg, tmp_path):
    again = tmp_path / "again.sinkpkg"
    pack(build_dir, smollm2_gguf, again)
    assert again.read_bytes() == smollm2_pkg.read_bytes()


# --------------------------------------------------------------------------
# Tiny models: HF checkpoint (safetensors + tokenizer.json) and GGUF Q4_1
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_paths(tmp_path_factory):
    from tiny_models import write_tiny
    return write_tiny(tmp_path_factory.mktemp("tiny-pkg"), qtype="q4_1")


def safetensors_tensors(folder):
    """{name: bytes} of a checkpoint folder's model.safetensors."""
    data = (pathlib.Path(folder) / "model.safetensors").read_bytes()
    (n,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    return {k: (v["dtype"], v["shape"], data[8 + n + v["data_offsets"][0]:
                                             8 + n + v["data_offsets"][1]])
            for k, v in header.items()}


def test_tiny_hf_model(build_dir, tiny_paths, tmp_path, rt):
    from tiny_models import CORPUS
    folder = tiny_paths["hf"]
    out = tmp_path / "tiny-hf.sinkpkg"
    pack(build_dir, folder, out)
    manifest, sections = read_package(out)
    source = safetensors_tensors(folder)
    tensors = {t["name"]: t for t in manifest["tensors"]}
    assert set(tensors) == set(source)
    for name, (dtype, shape, data) in source.items():
        assert (tensors[name]["dtype"], tensors[name]["shape"]) == (dtype.lower(), shape)
        assert tensor_bytes(out, sections, tensors[name]) == data, name

    oracle = tokenizer_oracle.load_tokenizer(folder)
    pkg = rt.open_ok(out)
    tok = rt.tokenizer(pkg)
    try:
        for text in (CORPUS, "<|im_start|>user\nThe 2024 fox<|im_end|>", "", "  x\n\n y"):
            ids = rt.tokenize(tok, text)
            assert ids == oracle.encode(text), text[:40]
            assert rt.tokenize(tok, text, add_bos=0) == oracle.encode(text, add_bos=False)
            assert rt.detokenize(tok, ids) == oracle.decode(ids)
        assert rt.detokenize(tok, rt.tokenize(tok, CORPUS), skip_special=1) == CORPUS
    finally:
        rt.lib.sinkrt_tokenizer_destroy(tok)
        rt.lib.sinkrt_package_close(pkg)

    again = tmp_path / "tiny-hf-again.sinkpkg"
    pack(build_dir, folder, again)
    assert again.read_bytes() == out.read_bytes()


def test_tiny_gguf_q4_1_keeps_its_encoding(build_dir, tiny_paths, tmp_path, rt):
    import gguf
    from tiny_models import CORPUS
    path = tiny_paths["gguf"]
    out = tmp_path / "tiny-q4_1.sinkpkg"
    pack(build_dir, path, out)
    manifest, sections = read_package(out)
    tensors = {t["name"]: t for t in manifest["tensors"]}
    reader = gguf.GGUFReader(str(path))
    raw = path.read_bytes()
    assert len(tensors) == len(reader.tensors)
    for t in reader.tensors:
        m = tensors[t.name]
        assert m["dtype"] == t.tensor_type.name.lower()
        assert tensor_bytes(out, sections, m) == raw[t.data_offset:t.data_offset + t.n_bytes]
    assert tensors["blk.0.attn_q.weight"]["dtype"] == "q4_1"
    oracle = tokenizer_oracle.load_tokenizer(path)
    pkg = rt.open_ok(out)
    tok = rt.tokenizer(pkg)
    try:
        assert rt.tokenize(tok, CORPUS) == oracle.encode(CORPUS)
    finally:
        rt.lib.sinkrt_tokenizer_destroy(tok)
        rt.lib.sinkrt_package_close(pkg)


def test_sliding_window_and_tied_hf_model(build_dir, tmp_path, rt):
    """Without --kv-policy a sliding window is a streaming<0, W> group; a tied
    checkpoint stores its embedding once; --kv-type sets the element type."""
    from tiny_models import TinySpec, write_tiny
    paths = write_tiny(tmp_path / "swa", TinySpec(sliding_window=32, tied=True))
    for form in ("gguf", "hf"):
        out = tmp_path / f"swa-{form}.sinkpkg"
        pack(build_dir, paths[form], out, "--kv-type", "bf16")
        manifest, _ = read_package(out)
        assert manifest["kv_cache"]["groups"] == [
            {"policy": "streaming", "sinks": 0, "window": 32, "slots": 32, "entries": 4,
             "head_dim": 16, "element_type": "bf16"}], form
        names = [t["name"] for t in manifest["tensors"]]
        assert not any(n in names for n in ("output.weight", "lm_head.weight")), form
        pkg = rt.open_ok(out)
        try:
            assert rt.kv_bytes(pkg, 4096) == 4 * 2 * 32 * 16 * 2
        finally:
            rt.lib.sinkrt_package_close(pkg)
        pack(build_dir, paths[form], out, "--kv-policy", "full")
        assert read_package(out)[0]["kv_cache"]["groups"][0]["policy"] == "full"


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


def test_missing_model_is_one_error(build_dir, tmp_path):
    missing, out = tmp_path / "missing.gguf", tmp_path / "out.sinkpkg"
    proc = pack(build_dir, missing, out, check=False)
    assert proc.returncode == 1
    assert proc.stderr == f"sinkc-pack: {missing}: No such file or directory\n"
    assert not out.exists()


def test_corrupt_model_is_the_importers_error(build_dir, smollm2_gguf, tmp_path):
    bad, out = tmp_path / "bad.gguf", tmp_path / "out.sinkpkg"
    bad.write_bytes(smollm2_gguf.read_bytes()[:1000])
    proc = pack(build_dir, bad, out, check=False)
    assert proc.returncode == 1
    assert proc.stderr == (f"sinkc-pack: {bad}: byte 8: tensor count 272 is more than the "
                           "file can hold (976 bytes left)\n")
    assert not out.exists()


@pytest.mark.parametrize("policy", ["sinks=4", "window=4,sinks=4", "sinks=-1,window=4",
                                    "sinks=4,window=0", "streaming"])
def test_bad_kv_policy(build_dir, smollm2_gguf, tmp_path, policy):
    proc = pack(build_dir, smollm2_gguf, tmp_path / "x.sinkpkg", "--kv-policy", policy,
                check=False)
    assert proc.returncode == 1
    assert proc.stderr == (f"sinkc-pack: KV policy '{policy}' is not 'full' or "
                           "'sinks=N,window=W' (N >= 0, W >= 1)\n")


def test_corrupt_package_names_the_file(smollm2_pkg, tmp_path, rt):
    bad = tmp_path / "truncated.sinkpkg"
    bad.write_bytes(smollm2_pkg.read_bytes()[:4096])
    size = smollm2_pkg.stat().st_size
    status, _ = rt.open(bad)
    assert status == Runtime.INVALID_PACKAGE
    assert rt.error() == (f"{bad}: byte 4096: file is truncated: the header says {size} "
                          "bytes, the file has 4096")
    status, _ = rt.open(tmp_path / "none.sinkpkg")
    assert status == Runtime.IO
    assert rt.error() == f"{tmp_path / 'none.sinkpkg'}: cannot open: No such file or directory"
