"""KV-cache policies on the GPU schedules' CPU build (`--emulate-gpu`).

- StreamingLLM's policy (2 sinks + a window of 8) on a tiny random q8_0
  llama: a 20-token prefill (chunks of 16, so the second chunk's own keys
  wrap the ring while earlier tokens of the chunk still see the keys they
  overwrite), then 16 decode steps, each step's logits within 2e-3 *
  max|want| of the numpy reference with the same policy, which differs from
  full attention by far more (so the test tells the policies apart);
- per-kv-head policy groups (DuoAttention-style): layer 0 full + sinks 2 /
  window 4, layer 1 sinks + window + pruned, as test_breadth.py checks the
  CPU kernels: each group's kv-heads are one split / combine / append, the
  pruned kv-head's query heads are zeros.

The same tolerance as the CPU kernels' (test_tiny_numerics.py).
"""
import os
import pathlib
import subprocess

import numpy as np
import pytest

import llama_reference as ref
from emulation import EMULATION_FLAGS, RTOL, logit_errors

def test_sinks_and_window_match_the_reference(tiny_gguf, compiled):
    import sinkc.runtime as rt
    gguf = tiny_gguf("q8_0")
    pkg = compiled(gguf, "tiny-q8_0-stream-emulated", "--kv-policy", "sinks=2,window=8",
                   *EMULATION_FLAGS)
    groups = rt.Package(str(pkg)).manifest["kv_cache"]["groups"]
    assert [g["slots"] for g in groups] == [10]
    model = ref.load(gguf)
    session = rt.Session(str(pkg), ctx=128, threads=1)
    tokens = [int(t) for t in np.random.default_rng(1).integers(3, model.cfg.vocab, 20)]
    pairs, errors = logit_errors(session, model, tokens, model.new_cache(ref.Streaming(2, 8)), 16)
    assert max(errors) <= RTOL, f"relative errors per step: {errors}"
    full = model.prefill(tokens, model.new_cache(ref.Full()))
    assert np.abs(pairs[0][0] - full).max() / np.abs(full).max() > 10 * RTOL


def test_per_kv_head_policy_groups_match_the_reference(tmp_path, tiny_gguf, sinkc, build_dir):
    import sinkc.runtime as rt
    gguf = tiny_gguf("q8_0")
    sinkc("import", gguf, "-o", tmp_path / "tiny.mlir")
    subprocess.run([str(build_dir / "bin" / "sinkc-opt"), str(tmp_path / "tiny.mlir"),
                    "--tfm-set-kv-policies=streaming-heads=0.1,1.0 pruned-heads=1.1 sinks=2 window=4",
                    "-o", str(tmp_path / "mixed.mlir")], check=True)
    sinkc("compile", tmp_path / "mixed.mlir", "-o", tmp_path / "mixed.sinkpkg", *EMULATION_FLAGS)
    session = rt.Session(str(tmp_path / "mixed.sinkpkg"), ctx=128, threads=1)
    assert [(g["policy"], g["entries"]) for g in session.kv_cache] == [("full", 1), ("streaming", 2)]
    model = ref.load(gguf)
    full, stream, pruned = ref.Full(), ref.Streaming(2, 4), ref.Pruned()
    tokens = list(range(3, 23))
    _, errors = logit_errors(session, model, tokens,
                             model.new_cache([[full, stream], [stream, pruned]]), 16)
    assert max(errors) <= RTOL, f"relative errors per step: {errors}"
    # The groups matter: all-full attention is far off.
    want = model.prefill(tokens, model.new_cache(full))
    got = rt.Session(str(tmp_path / "mixed.sinkpkg"), ctx=128).prefill(tokens, all_logits=True)
    assert np.abs(got - want).max() / np.abs(want).max() > 10 * RTOL
    # The same module compiles for a GPU: every group's launches, no spills.
    cuda = pathlib.Path(os.environ.get("SINKC_CUDA_PATH", "/usr/local/cuda")) / "bin" / "ptxas"
    rocm = build_dir / "lib" / "rocm-toolkit" / "amdgcn" / "bitcode" / "ockl.bc"
    if not (cuda.exists() and rocm.exists()):
        pytest.skip("ptxas or the ROCm device libraries are not installed")
    sinkc("compile", tmp_path / "mixed.mlir", "-o", tmp_path / "mixed-gpu.sinkpkg",
          "--target", "cuda:sm_90,rocm:gfx942")
    launches = rt.Package(str(tmp_path / "mixed-gpu.sinkpkg")).manifest["gpu_launches"]
    symbols = [e["symbol"] for e in launches["cuda-sm_90"] if e["kernel"] == "dispatch_2_attention"]
    assert symbols == ["dispatch_2_attention__0_split_kernel", "dispatch_2_attention__0_combine_kernel",
                       "dispatch_2_attention__0_append_kernel", "dispatch_2_attention__1_split_kernel",
                       "dispatch_2_attention__1_combine_kernel", "dispatch_2_attention__1_append_kernel"]
    assert any(e["symbol"].endswith("_zero_kernel") for e in launches["hip-gfx942"])
