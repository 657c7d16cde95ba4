"""Sinks + window caches on the GPU schedules' CPU build (`--emulate-gpu`).

StreamingLLM's policy (2 sinks + a window of 8) on a tiny random q8_0
llama: a 20-token prefill (chunks of 16, so the second chunk's own keys
wrap the ring while earlier tokens of the chunk still see the keys they
overwrite), then 16 decode steps, each step's logits within 2e-3 *
max|want| of the numpy reference with the same policy, which differs from
full attention by far more (so the test tells the policies apart). The same
tolerance as the CPU kernels' (test_tiny_numerics.py).
"""
import numpy as np

import llama_reference as ref

RTOL = 2e-3


def test_sinks_and_window_match_the_reference(tiny_gguf, compiled):
    import sinkc.runtime as rt
    gguf = tiny_gguf("q8_0")
    pkg = compiled(gguf, "tiny-q8_0-stream-emulated", "--kv-policy", "sinks=2,window=8",
                   "--emulate-gpu", "--prefill-chunk", "16", "--gpu-max-context", "256")
    groups = rt.Package(str(pkg)).manifest["kv_cache"]["groups"]
    assert [g["slots"] for g in groups] == [10]
    model = ref.load(gguf)
    session = rt.Session(str(pkg), ctx=128, threads=1)
    tokens = [int(t) for t in np.random.default_rng(1).integers(3, model.cfg.vocab, 20)]
    state = model.new_cache(ref.Streaming(2, 8))
    pairs = [(session.prefill(tokens, all_logits=True), model.prefill(tokens, state))]
    token = int(np.argmax(pairs[0][1][-1]))
    for _ in range(16):
        pairs.append((session.decode(token), model.decode(token, state)))
        token = int(np.argmax(pairs[-1][1]))
    errors = [float(np.abs(g - w).max() / np.abs(w).max()) for g, w in pairs]
    assert max(errors) <= RTOL, f"relative errors per step: {errors}"
    full = model.prefill(tokens, model.new_cache(ref.Full()))
    assert np.abs(pairs[0][0] - full).max() / np.abs(full).max() > 10 * RTOL
