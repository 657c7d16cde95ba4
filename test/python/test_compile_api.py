"""sinkc.compile: model files and Modules to packages, checked by running them.

Logits of compiled tiny models are compared with the numpy reference
(test/oracle/llama_reference.py) at 2e-3 x max|logit| (f16 KV cache).
"""
import pathlib
import sys

import numpy as np
import pytest

import sinkc
import sinkc.runtime as rt

ORACLE = pathlib.Path(__file__).resolve().parents[1] / "oracle"
sys.path.insert(0, str(ORACLE))
import llama_reference as ref  # noqa: E402
import tiny_models  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return tiny_models.write_tiny(tmp_path_factory.mktemp("tiny"), qtype="q8_0")["gguf"]


def close_to_reference(package, model_path, policy=None):
    model = ref.load(model_path)
    tokens = list(range(3, 15))
    want = model.prefill(tokens, model.new_cache(policy))
    got = rt.Session(str(package)).prefill(tokens, all_logits=True)
    return np.abs(got - want).max() <= 2e-3 * np.abs(want).max()


def test_compile_a_model_file(tiny, tmp_path):
    out = sinkc.compile(tiny, tmp_path / "a.sinkpkg")
    assert out == str(tmp_path / "a.sinkpkg")
    assert close_to_reference(out, tiny)


def test_compile_a_transformed_module(tiny, tmp_path):
    module = sinkc.importers.import_model(str(tiny), kv_policy="sinks=2,window=4")
    sinkc.passes.PassManager("tfm-form-dispatches,tfm-outline-dispatches").run(module)
    before = str(module)
    out = sinkc.compile(module, tmp_path / "b.sinkpkg", workgroups=2)
    assert str(module) == before  # compiled a copy
    session = rt.Session(out)
    assert session.kv_cache[0]["policy"] == "streaming" and session.kv_cache[0]["slots"] == 6
    assert close_to_reference(out, tiny, ref.Streaming(2, 4))
    assert not close_to_reference(out, tiny, ref.Full())  # the policy is really in use


def test_emit_stages(tiny, tmp_path):
    mlir = pathlib.Path(sinkc.compile(tiny, tmp_path / "m.mlir", emit="mlir")).read_text()
    assert "func.func private @dispatch_1_rms_norm_linear_rope" in mlir
    llvm_ir = pathlib.Path(sinkc.compile(tiny, tmp_path / "m.ll", emit="llvm")).read_text()
    assert "define void @dispatch_0_embedding(ptr" in llvm_ir
    obj = pathlib.Path(sinkc.compile(tiny, tmp_path / "m.o", emit="obj")).read_bytes()
    assert obj[:4] == b"\x7fELF"


def test_taps(tiny, tmp_path):
    out = sinkc.compile(tiny, tmp_path / "t.sinkpkg", taps=True)
    session = rt.Session(out)
    session.prefill([5, 6, 7])
    taps = session.taps()
    assert sorted(taps) == ["blk.0", "blk.0.sink_mass", "blk.1", "blk.1.sink_mass"]
    assert taps["blk.1"].shape == (3, 64) and taps["blk.0.sink_mass"].shape == (3, 4)
    # Three tokens all sit within the first four positions: all mass there.
    assert np.allclose(taps["blk.0.sink_mass"], 1.0, atol=1e-6)
    assert rt.Session(sinkc.compile(tiny, tmp_path / "n.sinkpkg")).taps() == {}


def test_compile_errors(tiny, tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.gguf"):
        sinkc.compile(tmp_path / "missing.gguf", tmp_path / "x.sinkpkg")
    with pytest.raises(ValueError, match="emit must be"):
        sinkc.compile(tiny, tmp_path / "x", emit="exe")
    with pytest.raises(ValueError, match="opt_level must be 0..3"):
        sinkc.compile(tiny, tmp_path / "x", opt_level=7)
    with pytest.raises(RuntimeError, match="KV policy 'bogus'"):
        sinkc.compile(tiny, tmp_path / "x", kv_policy="bogus")
    with pytest.raises(RuntimeError, match="--taps: GPU kernels .* do not write taps yet"):
        sinkc.compile(tiny, tmp_path / "x", target="cuda:sm_90", taps=True)
    with pytest.raises(RuntimeError, match="--emit llvm / obj writes the CPU kernels; --target "
                                           "rocm:gfx942 has no cpu"):
        sinkc.compile(tiny, tmp_path / "x", target="rocm:gfx942", emit="llvm")
    with pytest.raises(ValueError, match="gpu_max_context must be >= 0"):
        sinkc.compile(tiny, tmp_path / "x", gpu_max_context=-1)
    with pytest.raises(RuntimeError, match="unknown rocm chip 'gfx908'"):
        sinkc.compile(tiny, tmp_path / "x", target="cpu,rocm:gfx908")
    module = sinkc.importers.import_model(str(tiny))
    with pytest.raises(RuntimeError, match="applies when compiling a model file"):
        sinkc.compile(module, tmp_path / "x", kv_policy="full")
    assert not (tmp_path / "x").exists()
