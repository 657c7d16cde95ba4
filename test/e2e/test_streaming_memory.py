"""With a sinks + window cache, generation runs past 2K tokens in constant memory.

A tiny model compiled with --kv-policy sinks=4,window=12 decodes 2,100
tokens: the session's KV bytes never change, the process's resident memory
does not grow between token 300 and token 2,100 (allowance: 1 MiB for
allocator noise; a cache that grew with the position would add 2,100 x 2
layers x 2 kv-heads x 2 x 16 x 2 bytes = 537 KiB here, so the check on
kv_bytes is the exact one), and the logits at the end still equal the numpy
reference run under the same policy (2e-3 x max|logit|).
"""
import numpy as np

import llama_reference as ref

STEPS = 2100


def resident_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def test_generation_past_2k_tokens_in_constant_memory(tiny_gguf, compiled):
    import sinkc.runtime as rt
    gguf = tiny_gguf("q8_0")
    pkg = compiled(gguf, "tiny-q8_0-stream-long", "--kv-policy", "sinks=4,window=12")
    model = ref.load(gguf)
    session = rt.Session(str(pkg), ctx=64, threads=1)
    kv_bytes = session.kv_bytes
    tokens = [int(t) for t in np.random.default_rng(1).integers(3, model.cfg.vocab, STEPS + 1)]
    logits = session.prefill(tokens[:1])
    rss_early = None
    for i, token in enumerate(tokens[1:], start=1):
        logits = session.decode(token)
        assert session.kv_bytes == kv_bytes
        if i == 300:
            rss_early = resident_bytes()
    assert session.position == STEPS + 1 > 2048
    assert resident_bytes() - rss_early < 1 << 20
    # Still the right numbers: the reference under the same policy, one chunk.
    want = model.prefill(tokens, model.new_cache(ref.Streaming(4, 12)))[-1]
    assert np.abs(logits - want).max() <= 2e-3 * np.abs(want).max()
