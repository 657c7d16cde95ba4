"""Tiny random models compiled for the CPU match the numpy reference.

For each weight type the importer reads (F32, F16, BF16, Q8_0, Q4_0, Q4_1,
Q5_0, Q5_1, Q4_K, Q6_K) with full attention, and for F32 and Q4_1 with 2
sinks + a window of 8 (shorter than the prompt), the
logits of a 20-token prefill and of 16 greedy decode steps after it are
compared with test/oracle/llama_reference.py run on the same GGUF.

Tolerance: |got - want| <= 2e-3 * max|want| per step. The compiled model
keeps K/V in an f16 cache and accumulates in a different order than numpy
(measured: at most 3e-4); a wrong kernel, a misplaced head, a wrong rope or
an off-by-one in the window moves logits by far more, and the streaming case
also asserts that the full-attention reference is outside the tolerance.
"""
import numpy as np
import pytest

import llama_reference as ref

RTOL = 2e-3
PROMPT = 20
DECODE_STEPS = 16


def run_both(pkg, gguf, policy):
    import sinkc.runtime as rt
    model = ref.load(gguf)
    session = rt.Session(str(pkg), threads=2)
    tokens = [int(t) for t in np.random.default_rng(0).integers(3, model.cfg.vocab, PROMPT)]
    state = model.new_cache(policy)
    pairs = [(session.prefill(tokens, all_logits=True), model.prefill(tokens, state))]
    token = int(np.argmax(pairs[0][1][-1]))
    for _ in range(DECODE_STEPS):
        pairs.append((session.decode(token), model.decode(token, state)))
        token = int(np.argmax(pairs[-1][1]))
    return pairs, tokens, model


def relative_errors(pairs):
    return [float(np.abs(got - want).max() / np.abs(want).max()) for got, want in pairs]


@pytest.mark.parametrize("qtype", ["f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1",
                                   "q4_k", "q6_k"])
def test_full_attention_matches_reference(qtype, tiny_gguf, compiled):
    gguf = tiny_gguf(qtype)
    pkg = compiled(gguf, f"tiny-{qtype}", "--kv-policy", "full")
    pairs, _, _ = run_both(pkg, gguf, ref.Full())
    errors = relative_errors(pairs)
    assert pairs[0][0].shape == (PROMPT, pairs[0][1].shape[1])
    assert max(errors) <= RTOL, f"relative errors per step: {errors}"


@pytest.mark.parametrize("qtype", ["f32", "q4_1"])
def test_sinks_and_window_match_reference(qtype, tiny_gguf, compiled):
    gguf = tiny_gguf(qtype)
    pkg = compiled(gguf, f"tiny-{qtype}-stream", "--kv-policy", "sinks=2,window=8")
    policy = ref.Streaming(2, 8)
    pairs, tokens, model = run_both(pkg, gguf, policy)
    errors = relative_errors(pairs)
    assert max(errors) <= RTOL, f"relative errors per step: {errors}"
    # The test can tell the policies apart: full attention is far off.
    full = model.prefill(tokens, model.new_cache(ref.Full()))
    assert np.abs(pairs[0][0] - full).max() / np.abs(full).max() > 10 * RTOL


def test_logits_do_not_depend_on_the_thread_count(tiny_gguf, compiled):
    """Workgroups split rows, never a sum: 1 and 2 threads agree bit for bit."""
    import sinkc.runtime as rt
    gguf = tiny_gguf("q4_1")
    pkg = compiled(gguf, "tiny-q4_1-full-wg", "--kv-policy", "full", "--workgroups", "4")
    plan = rt.Package(str(pkg)).manifest["execution_plan"]
    assert max(step["workgroups"] for entry in plan for step in entry["steps"]) > 1
    tokens = list(range(3, 3 + PROMPT))
    runs = []
    for threads in (1, 2):
        session = rt.Session(str(pkg), threads=threads)
        logits = [session.prefill(tokens, all_logits=True)]
        for t in range(5):
            logits.append(session.decode(10 + t))
        runs.append(logits)
    for a, b in zip(*runs):
        assert np.array_equal(a, b)
