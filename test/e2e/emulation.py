"""Shared by the `--emulate-gpu` tests: the flags, the tolerance and the
prefill-then-decode comparison with the numpy reference."""
import numpy as np

# The CPU kernels' tolerance (test_tiny_numerics.py): |got - want| <=
# RTOL * max|want| per step.
RTOL = 2e-3
# Schedules for a prefill chunk of 16 and 256 KV slots keep the emulation
# (one CPU thread runs every GPU block) to seconds.
EMULATION_FLAGS = ("--emulate-gpu", "--prefill-chunk", "16", "--gpu-max-context", "256")


def logit_errors(session, model, tokens, state, steps):
    """(pairs, errors): the prefill's logits (all rows) then `steps` greedy
    decode steps, compiled and reference side by side, and each step's
    max |got - want| / max |want|."""
    pairs = [(session.prefill(tokens, all_logits=True), model.prefill(tokens, state))]
    token = int(np.argmax(pairs[0][1][-1]))
    for _ in range(steps):
        pairs.append((session.decode(token), model.decode(token, state)))
        token = int(np.argmax(pairs[-1][1]))
    return pairs, [float(np.abs(g - w).max() / np.abs(w).max()) for g, w in pairs]
