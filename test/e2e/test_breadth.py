"""Breadth on the CPU (issue #5): learned sinks, mixed per-kv-head policies,
Hugging Face checkpoints and sinkc's int4/int8 group formats compile and
match the numpy reference over prefill and 16 decode steps (tolerance
2e-3 x max|logit|, as test_tiny_numerics)."""
import subprocess

import numpy as np
import pytest

import group_formats
import llama_reference as ref
import tiny_models

RTOL = 2e-3


def compare(pkg, model_path, policies=None):
    """Max relative logit error over a 20-token prefill and 16 decode steps."""
    import sinkc.runtime as rt
    model = ref.load(model_path)
    session = rt.Session(str(pkg))
    tokens = list(range(3, 23))
    state = model.new_cache(policies)
    want = model.prefill(tokens, state)
    got = session.prefill(tokens, all_logits=True)
    errors = [np.abs(got - want).max() / np.abs(want).max()]
    token = int(np.argmax(want[-1]))
    for _ in range(16):
        want, got = model.decode(token, state), session.decode(token)
        errors.append(np.abs(got - want).max() / np.abs(want).max())
        token = int(np.argmax(want))
    return max(errors)


def test_learned_sinks(tmp_path, compiled):
    gguf = tiny_models.write_tiny(tmp_path, tiny_models.TinySpec(sinks=True), qtype="q8_0")["gguf"]
    pkg = compiled(gguf, "tiny-sinks")
    assert compare(pkg, gguf) <= RTOL
    # The sink logits matter: the reference without them is far off.
    model = ref.load(gguf)
    for layer in model.layers:
        layer["sinks"] = None
    import sinkc.runtime as rt
    got = rt.Session(str(pkg)).prefill(list(range(3, 23)), all_logits=True)
    want = model.prefill(list(range(3, 23)), model.new_cache())
    assert np.abs(got - want).max() / np.abs(want).max() > 10 * RTOL


def test_mixed_per_kv_head_policies(tmp_path, tiny_gguf, sinkc, build_dir):
    """Layer 0: full + streaming<2, 4>; layer 1: streaming + pruned."""
    gguf = tiny_gguf("f32")
    sinkc("import", gguf, "-o", tmp_path / "tiny.mlir")
    subprocess.run([str(build_dir / "bin" / "sinkc-opt"), str(tmp_path / "tiny.mlir"),
                    "--tfm-set-kv-policies=streaming-heads=0.1,1.0 pruned-heads=1.1 sinks=2 window=4",
                    "-o", str(tmp_path / "mixed.mlir")], check=True)
    sinkc("compile", tmp_path / "mixed.mlir", "-o", tmp_path / "mixed.sinkpkg")
    import sinkc.runtime as rt
    groups = rt.Session(str(tmp_path / "mixed.sinkpkg")).kv_cache
    assert [(g["policy"], g["entries"], g["slots"]) for g in groups] == [
        ("full", 1, 128), ("streaming", 2, 6)]
    full, stream, pruned = ref.Full(), ref.Streaming(2, 4), ref.Pruned()
    assert compare(tmp_path / "mixed.sinkpkg", gguf, [[full, stream], [stream, pruned]]) <= RTOL


def test_hugging_face_checkpoint(tmp_path, compiled):
    paths = tiny_models.write_tiny(tmp_path, qtype="f16", hf_dtype="bf16")
    pkg = compiled(paths["hf"], "tiny-hf-bf16")
    assert compare(pkg, paths["hf"]) <= RTOL


@pytest.mark.parametrize("fmt", group_formats.FORMATS)
def test_group_quant_formats(tmp_path, compiled, fmt):
    """A tiny model whose matrices are stored directly in one of sinkc's 24
    int4/int8 group formats (safetensors U8 + "sinkc.encoding.*" metadata)."""
    folder = tiny_models.write_hf_group(tmp_path / fmt, fmt)
    pkg = compiled(folder, f"tiny-{fmt}")
    assert compare(pkg, folder) <= RTOL
