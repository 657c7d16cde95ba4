"""Taps of SmolLM2 compiled with --taps, layer by layer against the reference.

The hidden state after every layer and each query head's attention mass on
the first 4 positions, for the first 64 tokens of tinyshakespeare, equal the
numpy reference's (compare_taps.py: 2e-3 x max|h| per layer, 2e-3 absolute
on the mass); a mismatch names the first divergent layer. The same dump
written by `sinkc run --dump` passes compare_taps.py's command line.
"""
import json
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import compare_taps
import llama_reference as ref

HERE = pathlib.Path(__file__).resolve().parent
SHAKESPEARE = HERE.parents[2] / "shared" / "data" / "tinyshakespeare.txt"


@pytest.fixture(scope="module")
def tapped(compiled, smollm2_gguf):
    return compiled(smollm2_gguf, "smollm2-taps", "--taps")


@pytest.fixture(scope="module")
def prompt(tapped):
    import sinkc.runtime as rt
    tokenizer = rt.Tokenizer(rt.Package(str(tapped)))
    return [int(t) for t in tokenizer.encode(SHAKESPEARE.read_text()[:2000])][:64]


def test_every_layer_matches_the_reference(tapped, prompt, smollm2_gguf):
    import sinkc.runtime as rt
    session = rt.Session(str(tapped), threads=2)
    session.prefill(prompt[:40])          # two calls: taps append per token
    session.decode(prompt[40])
    session.prefill(prompt[41:])
    taps = session.taps()
    model = ref.load(smollm2_gguf)
    want = compare_taps.reference_taps(model, prompt, 4)
    assert sorted(taps) == sorted(want)
    for layer in range(model.cfg.n_layers):
        got, expected = taps[f"blk.{layer}"], want[f"blk.{layer}"]
        assert got.shape == (64, 576)
        error = np.abs(got - expected).max() / np.abs(expected).max()
        assert error <= 2e-3, f"layer {layer} diverges: relative error {error:.2e}"
        mass = taps[f"blk.{layer}.sink_mass"]
        assert mass.shape == (64, 9)
        assert np.abs(mass - want[f"blk.{layer}.sink_mass"]).max() <= 2e-3, f"layer {layer} mass"
    # The first 4 tokens see only sink positions; StreamingLLM's effect:
    # past the first layers most attention goes to the first tokens.
    assert np.allclose(taps["blk.0.sink_mass"][:4], 1.0, atol=1e-6)
    late = np.mean([taps[f"blk.{layer}.sink_mass"][16:].mean() for layer in range(2, 30)])
    assert late > 0.5


def test_run_dump_and_the_comparison_script(tapped, smollm2_gguf, sinkc, tmp_path):
    dump = tmp_path / "dump"
    run = sinkc("run", tapped, "--prompt", "The capital of France is", "-n", 8, "--temp", 0,
                "--dump", dump)
    assert run.stdout.startswith(" Paris.")
    index = json.loads((dump / "taps.json").read_text())
    assert index["mass_positions"] == 4 and len(index["taps"]) == 60
    # 5 prompt tokens + 7 decoded (the 8th sampled token is never run).
    assert len(index["tokens"]) == 12 and index["tokens"][:5] == [504, 3575, 282, 4649, 314]
    assert np.load(dump / "blk.7.npy").shape == (12, 576)
    script = [sys.executable, str(HERE / "compare_taps.py"), str(dump), str(smollm2_gguf)]
    ok = subprocess.run(script, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "all 60 taps match the reference" in ok.stdout
    # A wrong layer is found and named.
    bad = np.load(dump / "blk.13.npy")
    bad[3, 100] += 0.05 * np.abs(bad).max()  # 25x the tolerance
    np.save(dump / "blk.13.npy", bad)
    caught = subprocess.run(script, capture_output=True, text=True)
    assert caught.returncode == 1
    assert "first divergent tap: blk.13 (layer 13)" in caught.stdout


def test_dump_without_taps_is_an_error(compiled, smollm2_gguf, sinkc, tmp_path):
    plain = compiled(smollm2_gguf, "smollm2")
    proc = sinkc("run", plain, "--prompt", "Hi", "-n", 1, "--temp", 0, "--dump", tmp_path / "d",
                 check=False)
    assert proc.returncode == 1
    assert "--dump: the package has no taps (compile it with `sinkc compile --taps`)" in proc.stderr
