"""A prefill that wants only the last token's logits runs the steps after
the last attention (the last layer's tail, the final norm and the lm_head)
for that token alone, and gets the same logits.

The compiler marks those steps in the plan ("row_wise_from", each workspace
binding's "row_bytes"); the runtime runs them with one token whose rows
start where the full run's last rows are. The check is bitwise: the same
kernels see the same row, so any shift by a wrong row size, or a step marked
row-wise that mixes tokens, changes the logits.
"""
import json

import numpy as np

PROMPT = 23  # chunks of 8, 8, 7


def manifest_of(pkg):
    import sinkc.runtime
    with sinkc.runtime.Package(str(pkg)) as package:
        m = package.manifest
        return json.loads(m() if callable(m) else m) if not isinstance(m, dict) else m


def test_plan_marks_the_steps_after_the_last_attention(tiny_gguf, compiled):
    pkg = compiled(tiny_gguf("q4_1"), "tiny-q4_1-chunk8", "--prefill-chunk", "8")
    for entry in manifest_of(pkg)["execution_plan"]:
        steps = entry["steps"]
        last_attention = max(i for i, s in enumerate(steps) if "attention" in s["kernel"])
        assert entry["row_wise_from"] == last_attention + 1
        assert "lm_head" in steps[-1]["kernel"]
        for step in steps[entry["row_wise_from"]:]:
            rows = [b["row_bytes"] for b in step["bindings"] if "workspace" in b]
            assert rows and all(r % 4 == 0 and r > 0 for r in rows)
        # The lm_head writes one vocab row per token.
        assert steps[-1]["bindings"][-1]["row_bytes"] == entry["outputs"]["logits"]["per_token_bytes"]


def test_last_token_logits_equal_the_last_row_of_all(tiny_gguf, compiled):
    import sinkc.runtime as rt
    pkg = compiled(tiny_gguf("q4_1"), "tiny-q4_1-chunk8", "--prefill-chunk", "8")
    tokens = [int(t) for t in np.random.default_rng(3).integers(3, 200, PROMPT)]
    # Separate sessions: a workspace left over from an all-logits run
    # would hold the right last row whatever the last-row run did.
    last_only = rt.Session(str(pkg), threads=2)
    last = last_only.prefill(tokens)
    full = rt.Session(str(pkg), threads=2)
    every = full.prefill(tokens, all_logits=True)
    np.testing.assert_array_equal(last, every[-1])
    assert not np.array_equal(every[-1], every[-2])
    # Skipping the tail for the first chunks leaves the KV cache as it was.
    np.testing.assert_array_equal(last_only.decode(7), full.decode(7))
