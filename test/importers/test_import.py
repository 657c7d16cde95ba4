"""`sinkc import` and `sinkc inspect` end to end, on the real SmolLM2 GGUF and
on tiny models written in both formats by the oracle's writer."""
import json
import pathlib
import re
import subprocess
import sys
import time

import pytest

ORACLE = pathlib.Path(__file__).resolve().parents[1] / "oracle"


def sinkc_opt(build_dir, *args, stdin=None):
    return subprocess.run([str(build_dir / "bin" / "sinkc-opt"), *map(str, args)],
                          input=stdin, capture_output=True, text=True)


@pytest.fixture(scope="module")
def smollm2_ir(sinkc, smollm2_gguf, tmp_path_factory):
    out = tmp_path_factory.mktemp("smollm2") / "smollm2.mlir"
    start = time.perf_counter()
    sinkc("import", smollm2_gguf, "-o", out)
    return out, time.perf_counter() - start


def test_smollm2_structure(smollm2_ir, build_dir):
    path, _ = smollm2_ir
    text = path.read_text()
    # Both entry points hold the 30 blocks.
    assert len(re.findall(r"= tfm\.layer \d+ ", text)) == 60
    assert re.search(r"func\.func @prefill\(%arg0: tensor<1x\?xi32>, %arg1: index, "
                     r"%arg2: !tfm\.kv_cache<90x\?x64xf16>\) -> tensor<1x\?x49152xf32>", text)
    assert re.search(r"func\.func @decode\(%arg0: tensor<1x1xi32>, %arg1: index, "
                     r"%arg2: !tfm\.kv_cache<90x\?x64xf16>\) -> tensor<1x1x49152xf32>", text)
    attentions = re.findall(r"tfm\.attention .*", text)
    assert len(attentions) == 60
    for a in attentions:
        assert "num_heads = 9 : i64" in a and "num_kv_heads = 3 : i64" in a
        assert "head_dim = 64 : i64" in a and "scale = 1.250000e-01" in a
    # GGUF llama weights are permuted for interleaved RoPE.
    assert text.count("style = interleaved") == 120 and "style = neox" not in text
    # Tied: the logits come from the embedding table; there is no output weight.
    assert "@output " not in text
    assert len(re.findall(r"tfm\.lm_head %\d+, %0 ", text)) == 2
    # Real encodings, by reference with absolute offsets.
    assert ('tfm.weight @token_embd : tensor<49152x576xf32, #tfm.gguf<q8_0>> = '
            '#tfm.source<file = ') in text
    assert 'tensor = "token_embd.weight", offset = 1785664' in text
    assert "tfm.weight @blk.0.attn_k : tensor<192x576xf32, #tfm.gguf<q4_1>>" in text
    assert "tfm.weight @blk.29.ffn_down : tensor<576x1536xf32, #tfm.gguf<q4_1>>" in text
    assert "tfm.weight @output_norm : tensor<576xf32>" in text
    assert 'pre = "smollm"' in text and "vocab_size = 49152, merges = 48900" in text
    assert 'tfm.model = #tfm.model<arch = "llama", context_length = 8192>' in text


def test_smollm2_verifies_and_costs(smollm2_ir, build_dir):
    path, _ = smollm2_ir
    cost = sinkc_opt(build_dir, "--tfm-print-cost", path, "-o", "/dev/null")
    assert cost.returncode == 0, cost.stderr
    assert "total parameters: 134515008" in cost.stdout
    assert "KV-cache bytes (context 4096): 94371840" in cost.stdout
    # Stored bytes: the real file's tensor data (q4_1 blocks, q8_0 embedding, f32 norms).
    assert "(f32: 140544, q4_1: 66355200, q8_0: 30081024)" in cost.stdout


def test_smollm2_is_small_and_fast(smollm2_ir, build_dir):
    path, import_seconds = smollm2_ir
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    printed = sinkc_opt(build_dir, path)
    seconds = time.perf_counter() - start
    assert printed.returncode == 0
    assert seconds < 1.0, f"printing took {seconds:.2f} s"
    assert import_seconds < 5.0


def test_smollm2_inspect_json(sinkc, smollm2_gguf):
    info = json.loads(sinkc("inspect", smollm2_gguf, "--json").stdout)
    assert info["architecture"] == "llama"
    assert (info["layers"], info["hidden"], info["ffn"]) == (30, 576, 1536)
    assert (info["heads"], info["kv_heads"], info["head_dim"]) == (9, 3, 64)
    assert (info["vocab"], info["context_length"]) == (49152, 8192)
    assert info["tied_embeddings"] is True
    assert info["parameters"] == 134515008
    assert info["tensors"] == 272
    assert info["tensor_types"] == {
        "f32": {"tensors": 61, "bytes": 140544},
        "q4_1": {"tensors": 210, "bytes": 66355200},
        "q8_0": {"tensors": 1, "bytes": 30081024},
    }
    tok = info["tokenizer"]
    assert (tok["model"], tok["pre"], tok["vocab"], tok["merges"]) == ("gpt2", "smollm", 49152, 48900)
    assert tok["special"]["bos"] == {"id": 1, "text": "<|im_start|>"}
    assert tok["chat_template"] is True


def test_smollm2_inspect_text(sinkc, smollm2_gguf):
    out = sinkc("inspect", smollm2_gguf).stdout
    assert "attention:      9 heads, 3 kv-heads, head_dim 64" in out
    assert "parameters:     134515008" in out
    assert re.search(r"q4_1 +210 tensors +66355200 bytes", out)


# Bad input: one clear error naming the file, exit 1.

def test_missing_path(sinkc, tmp_path):
    proc = sinkc("import", tmp_path / "nope.gguf", check=False)
    assert proc.returncode == 1
    assert "nope.gguf: No such file or directory" in proc.stderr


def test_not_a_model(sinkc, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello, this is not a model")
    proc = sinkc("import", bad, check=False)
    assert proc.returncode == 1
    assert f"{bad}: not a GGUF file" in proc.stderr


def test_folder_without_config(sinkc, tmp_path):
    proc = sinkc("inspect", tmp_path, check=False)
    assert proc.returncode == 1
    assert "config.json" in proc.stderr


def test_unknown_option(sinkc, smollm2_gguf):
    proc = sinkc("import", smollm2_gguf, "--frobnicate", check=False)
    assert proc.returncode == 1
    assert "--frobnicate" in proc.stderr


def test_bad_kv_type(sinkc, smollm2_gguf):
    proc = sinkc("import", smollm2_gguf, "--kv-type", "f8", check=False)
    assert proc.returncode == 1
    assert "--kv-type must be f16, bf16 or f32, got 'f8'" in proc.stderr


def test_help_documents_every_option(sinkc):
    out = sinkc("import", "--help").stdout
    for option in ("-o", "--kv-type", "MODEL"):
        assert option in out
    assert "--json" in sinkc("inspect", "--help").stdout


# Tiny models written by the oracle's writer, in both formats.

sys.path.insert(0, str(ORACLE))


def _normalize(text):
    """Drops what may differ between formats: source references (file, tensor
    name, offset) and the RoPE style."""
    text = re.sub(r'#tfm\.source<file = "[^"]*", tensor = "[^"]*", offset = \d+, ',
                  "#tfm.source<", text)
    text = re.sub(r"style = (neox|interleaved)", "style = ?", text)
    text = re.sub(r"tfm\.tokenizer = #tfm\.tokenizer<.*?>(?=[,}])", "tfm.tokenizer = ?", text)
    return re.sub(r'loc\("[^"]*"\)', "loc(?)", text)


def test_tiny_gguf_and_safetensors_import_alike(sinkc, tmp_path):
    from tiny_models import write_tiny
    paths = write_tiny(tmp_path, qtype="f32", hf_dtype="f32")
    gguf_ir = sinkc("import", paths["gguf"]).stdout
    hf_ir = sinkc("import", paths["hf"]).stdout
    assert "style = interleaved" in gguf_ir and "style = neox" in hf_ir
    assert 'tensor = "blk.0.attn_q.weight"' in gguf_ir
    assert 'tensor = "model.layers.0.self_attn.q_proj.weight"' in hf_ir
    assert gguf_ir != hf_ir
    assert _normalize(gguf_ir) == _normalize(hf_ir)


@pytest.mark.parametrize("qtype", ["f32", "f16", "bf16", "q8_0", "q4_0", "q4_1",
                                   "q5_0", "q5_1", "q4_k", "q6_k"])
def test_tiny_gguf_keeps_its_encoding(sinkc, build_dir, tmp_path, qtype):
    from tiny_models import write_tiny
    paths = write_tiny(tmp_path, qtype=qtype)
    ir = sinkc("import", paths["gguf"]).stdout
    attn_q = re.search(r"tfm\.weight @blk\.0\.attn_q : (tensor<[^>]*>+)", ir).group(1)
    if qtype in ("f32", "f16", "bf16"):
        assert attn_q.endswith(f"x{qtype}>"), attn_q
    else:
        assert attn_q.endswith(f"xf32, #tfm.gguf<{qtype}>>"), attn_q
    # Norms stay f32 as GGUF stores them.
    assert re.search(r"tfm\.weight @blk\.0\.attn_norm : tensor<\d+xf32>", ir)
    verified = sinkc_opt(build_dir, "-", stdin=ir)
    assert verified.returncode == 0, verified.stderr


def test_tiny_variants(sinkc, tmp_path):
    """Biases, learned sinks, tied embeddings and a sliding window reach the IR."""
    from tiny_models import TinySpec, write_tiny
    spec = TinySpec(arch="qwen2", sinks=True, tied=True, sliding_window=8)
    paths = write_tiny(tmp_path, spec=spec)
    for key in ("gguf", "hf"):
        ir = sinkc("import", paths[key]).stdout
        assert re.search(r"tfm\.linear %\w+, %\w+ bias %\w+", ir), key
        assert "sink_logits(" in ir, key
        assert "@output " not in ir, key
        assert "#tfm.streaming<sinks = 0, window = 8>" in ir, key
        assert "!tfm.kv_cache<4x8x16xf16>" in ir, key
        # qwen2 keeps rotate-half RoPE in GGUF too.
        assert "style = neox" in ir and "style = interleaved" not in ir, key


def test_smollm2_forms_five_dispatches_per_layer(smollm2_ir, build_dir):
    path, _ = smollm2_ir
    formed = sinkc_opt(build_dir, "--tfm-form-dispatches", path)
    assert formed.returncode == 0, formed.stderr
    groups = re.findall(r'tfm\.dispatch "([^"]+)"', formed.stdout)
    counts = {g: groups.count(g) for g in set(groups)}
    # Per entry point: 30 x (qkv, attention, o, ffn-in, ffn-out) + embedding + head.
    assert counts == {"rms_norm+linear+rope": 60, "attention": 60, "linear+add": 120,
                      "rms_norm+linear+swiglu": 60, "embedding": 2, "rms_norm+lm_head": 2}
