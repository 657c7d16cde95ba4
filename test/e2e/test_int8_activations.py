"""`sinkc compile --activations int8` (issue #7): matmuls on q4_0 / q4_1 /
q8_0 weights quantize their input to int8 per block of 32 and take integer
dot products.

The numpy reference mirrors the quantization
(llama_reference.quantize_activations_q8) and the f16 rounding of the KV
cache. Quantization is discontinuous, though: where the compiled model's f32
ops (rope, norms, softmax) differ from numpy's in the last bit, an int8 code
can flip, and a flip moves a logit by a whole quantization step, which then
travels through the cache. So the checks are:

- the first two positions, where rope is (nearly) the identity and nothing
  upstream differs: within 1e-4 x max|logit| of the mirroring reference
  (measured about 1e-6), and at least 10x closer to it than to the plain
  reference (the kernels really quantize, as the reference says);
- prefill + 16 decode steps: within 5e-2 (flip-bounded; an unquantized or
  wrongly scaled path is off by far more);
- SmolLM2: perplexity within 1% of the f32 package's, and the same greedy
  answer to the capital question.
"""
import json
import pathlib

import numpy as np
import pytest

import llama_reference as ref

EXACT_RTOL = 1e-4
FLIP_RTOL = 5e-2
TOKENS = list(range(3, 23))
SHAKESPEARE = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "tinyshakespeare.txt"


def logit_errors(pkg, model, steps=16):
    """Relative logit errors per prefill row, then per decode step."""
    import sinkc.runtime as rt
    session = rt.Session(str(pkg), threads=2)
    state = model.new_cache()
    want = model.prefill(TOKENS, state)
    got = session.prefill(TOKENS, all_logits=True)
    errors = list(np.abs(got - want).max(1) / np.abs(want).max())
    token = int(np.argmax(want[-1]))
    for _ in range(steps):
        want, got = model.decode(token, state), session.decode(token)
        errors.append(np.abs(got - want).max() / np.abs(want).max())
        token = int(np.argmax(want))
    return errors


@pytest.mark.parametrize("qtype", ["q4_0", "q4_1", "q8_0"])
def test_int8_activations_follow_the_mirroring_reference(qtype, tiny_gguf, compiled):
    gguf = tiny_gguf(qtype)
    pkg = compiled(gguf, f"tiny-{qtype}-int8", "--activations", "int8")
    mirrored = logit_errors(pkg, ref.load(gguf, int8_activations=True, kv_f16=True))
    plain = logit_errors(pkg, ref.load(gguf, kv_f16=True), steps=0)
    assert max(mirrored[:2]) <= EXACT_RTOL, mirrored[:2]
    assert min(plain[:2]) > 10 * max(mirrored[:2]), (plain[:2], mirrored[:2])
    assert max(mirrored) <= FLIP_RTOL, mirrored


@pytest.mark.parametrize("fmt", ["i4g32s_f16", "i4g32a_f16", "i8g32s_f16"])
def test_group_formats_with_int8_kernels(fmt, tmp_path, compiled):
    """sinkc's group formats laid out as q4_0 / q4_1 / q8_0 blocks take the
    same int8-activation kernels (safetensors models)."""
    import tiny_models
    folder = tiny_models.write_hf_group(tmp_path / fmt, fmt)
    pkg = compiled(folder, f"tiny-{fmt}-int8", "--activations", "int8")
    mirrored = logit_errors(pkg, ref.load(folder, int8_activations=True, kv_f16=True))
    plain = logit_errors(pkg, ref.load(folder, kv_f16=True), steps=0)
    assert max(mirrored[:2]) <= EXACT_RTOL, mirrored[:2]
    assert min(plain[:2]) > 10 * max(mirrored[:2]), (plain[:2], mirrored[:2])
    assert max(mirrored) <= FLIP_RTOL, mirrored


def test_other_formats_keep_f32_activations(tiny_gguf, compiled):
    """f16 has no int8 kernels: --activations int8 changes nothing there."""
    gguf = tiny_gguf("f16")
    pkg = compiled(gguf, "tiny-f16-int8", "--activations", "int8")
    assert max(logit_errors(pkg, ref.load(gguf), steps=2)) <= 2e-3


def perplexity(sinkc, pkg):
    out = sinkc("eval", pkg, "--text", SHAKESPEARE, "--ctx", 512, "--max-tokens", 2048, "--json").stdout
    return json.loads(out)["perplexity"]


def test_smollm2_int8_keeps_perplexity_and_answer(sinkc, compiled, smollm2_gguf):
    f32 = compiled(smollm2_gguf, "smollm2")
    int8 = compiled(smollm2_gguf, "smollm2-int8", "--activations", "int8")
    base, quant = perplexity(sinkc, f32), perplexity(sinkc, int8)
    assert abs(quant / base - 1) < 0.01, (base, quant)
    answer = sinkc("run", int8, "--prompt", "The capital of France is", "-n", 4, "--temp", 0).stdout
    assert answer.startswith(" Paris"), answer
