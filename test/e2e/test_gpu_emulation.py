"""The GPU schedules' CPU build (`sinkc compile --emulate-gpu`) against the numpy reference.

`--emulate-gpu` builds the package's CPU kernels from the same schedules the
CUDA and ROCm kernels come from (the same launches, operands, scratch
offsets and guards; only the last, GPU-only mapping steps differ), so these
tests check the GPU numerics end to end without a GPU:

- a tiny random q8_0 llama: the logits of a 20-token prefill and 16 greedy
  decode steps within 2e-3 * max|want| of test/oracle/llama_reference.py
  (the CPU kernels' tolerance, test_tiny_numerics.py; the f16 KV cache and
  a different summation order give about 3e-4);
- the same in every other weight format the GPU schedules read (f32, f16,
  bf16, q4_0, q4_1, q5_0, q5_1, q4_k, q6_k; every 2-D weight, embedding and
  lm_head included): a 20-token prefill and 4 decode steps;
- SmolLM2-135M-Instruct Q4_1 (q4_1 matmuls, q8_0 embedding and lm_head):
  a 24-token prefill of tinyshakespeare, then 4 decode steps, each step's
wantx|want| of the reference with the same argmax.

Schedules for a prefill chunk of 16 and 256 KV slots keep the emulation
(one CPU thread runs every GPU block) to seconds.
"""
import pathlib

import numpy as np
import pytest

import llama_reference as ref
from emulation import EMULATION_FLAGS, RTOL, logit_errors

SHAKESPEARE = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "tinyshakespeare.txt"


def relative_error(got, want):
    return float(np.abs(got - want).max() / np.abs(want).max())


def test_tiny_q8_0_matches_the_reference(tiny_gguf, compiled):
    import sinkc.runtime as rt
    gguf = tiny_gguf("q8_0")
    pkg = compiled(gguf, "tiny-q8_0-emulated", "--kv-policy", "full", *EMULATION_FLAGS)
    plan = rt.Package(str(pkg)).manifest["execution_plan"]
    assert all(step["workgroups"] == 1 for entry in plan for step in entry["steps"])
    model = ref.load(gguf)
    session = rt.Session(str(pkg), ctx=128, threads=1)
    tokens = [int(t) for t in np.random.default_rng(0).integers(3, model.cfg.vocab, 20)]
    pairs, errors = logit_errors(session, model, tokens, model.new_cache(ref.Full()), 16)
    assert pairs[0][0].shape == pairs[0][1].shape
    assert max(errors) <= RTOL, f"relative errors per step: {errors}"


def test_smollm2_layers_match_the_reference(smollm2_gguf, compiled):
    import sinkc.runtime as rt
    pkg = compiled(smollm2_gguf, "smollm2-emulated", *EMULATION_FLAGS)
    model = ref.load(smollm2_gguf)
    tokenizer = rt.Tokenizer(rt.Package(str(pkg)))
    ids = [int(t) for t in tokenizer.encode(SHAKESPEARE.read_text()[:400])][:24]
    assert len(ids) == 24
    session = rt.Session(str(pkg), ctx=256, threads=2)
    state = model.new_cache()
    got = session.prefill(ids)
    want = model.prefill(ids, state)[-1]
    steps = [(got.reshape(-1), want)]
    token = int(np.argmax(want))
    for _ in range(4):
        steps.append((session.decode(token).reshape(-1), model.decode(token, state)))
        token = int(np.argmax(steps[-1][1]))
    for i, (g, w) in enumerate(steps):
        assert relative_error(g, w) <= RTOL, f"step {i}: relative error {relative_error(g, w)}"
        assert int(np.argmax(g)) == int(np.argmax(w)), f"step {i}: argmax differs"


# Every weight format the GPU GEMV and embedding read (the K-quants on
# rows of 256: TinySpec.kquant's shape). All 2-D weights, the embedding and
# lm_head included, are in the format.
GPU_FORMATS = ("f32", "f16", "bf16", "q4_0", "q4_1", "q5_0", "q5_1", "q4_k", "q6_k")


@pytest.mark.parametrize("qtype", GPU_FORMATS)
def test_tiny_formats_match_the_reference(tiny_gguf, compiled, qtype):
    import sinkc.runtime as rt
    gguf = tiny_gguf(qtype)
    pkg = compiled(gguf, f"tiny-{qtype}-emulated", "--kv-policy", "full", *EMULATION_FLAGS)
    model = ref.load(gguf)
    session = rt.Session(str(pkg), ctx=128, threads=1)
    tokens = [int(t) for t in np.random.default_rng(1).integers(3, model.cfg.vocab, 20)]
    pairs, errors = logit_errors(session, model, tokens, model.new_cache(ref.Full()), 4)
    assert pairs[0][0].shape == pairs[0][1].shape
    assert max(errors) <= RTOL, f"{qtype}: relative errors per step: {errors}"


# Architectures beyond SmolLM2's: q/k/v biases with neox RoPE (qwen2), and
# scaled RoPE (linear: positions divided by 2; llama3: per-pair frequency
# factors, a weight of the model).
ARCHITECTURES = {
    "qwen2-biases": dict(arch="qwen2"),
    "rope-linear": dict(rope_scaling=("linear", 2.0)),
    "rope-llama3": dict(rope_scaling=("llama3", 8.0)),
}


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_architectures_match_the_reference(tmp_path, compiled, name):
    import sinkc.runtime as rt
    import tiny_models
    spec = tiny_models.TinySpec(**ARCHITECTURES[name])
    gguf = tiny_models.write_tiny(tmp_path / name, spec, qtype="q8_0")["gguf"]
    pkg = compiled(gguf, f"tiny-{name}-emulated", "--kv-policy", "full", *EMULATION_FLAGS)
    model = ref.load(gguf)
    session = rt.Session(str(pkg), ctx=128, threads=1)
    tokens = [int(t) for t in np.random.default_rng(2).integers(3, model.cfg.vocab, 20)]
    pairs, errors = logit_errors(session, model, tokens, model.new_cache(ref.Full()), 4)
    assert max(errors) <= RTOL, f"{name}: relative errors per step: {errors}"


def test_gpu_targets_refuse_what_they_cannot_run(tiny_gguf, sinkc, tmp_path):
    """An op, format or option without a GPU schedule is a clear error, not a package."""
    import tiny_models
    out = tmp_path / "x.sinkpkg"
    group = tiny_models.write_hf_group(tmp_path / "group", "i4g32s_f16")
    proc = sinkc("compile", group, "-o", out, "--target", "cuda:sm_90", check=False)
    assert proc.returncode == 1
    assert "GPU kernels of @dispatch_0_embedding: tfm.embedding at" in proc.stderr
    assert "tables (this one is #tfm.group_quant<int4, group = 32, symmetric" in proc.stderr
    assert not out.exists()
    proc = sinkc("compile", tiny_gguf("q8_0"), "-o", out, "--target", "rocm:gfx942",
                 "--kv-type", "f32", check=False)
    assert proc.returncode == 1
    assert "the GPU attention reads f16 caches (compile with --kv-type f16)" in proc.stderr
    assert not out.exists()
    proc = sinkc("compile", tiny_gguf("q8_0"), "-o", out, "--target", "cuda:sm_80", "--taps",
                 check=False)
    assert proc.returncode == 1
    assert "--taps: GPU kernels (--target cuda:/rocm:, --emulate-gpu) do not write taps yet" \
        in proc.stderr
    assert not out.exists()
