#!/usr/bin/env python3
"""Compare a `sinkc run --dump DIR` tap dump with the numpy reference, layer by layer.

    compare_taps.py DIR MODEL [--rtol 2e-3] [--mass-rtol 2e-3]

DIR holds taps.json ({"tokens": [...], "mass_positions": N, "taps": [{"name",
"file", "shape"}]}) and one .npy per tap: "blk.L" the hidden state after
layer L ([tokens, hidden]), "blk.L.sink_mass" the attention weight each query
head puts on the first N positions ([tokens, heads]). The reference runs the
same tokens through test/oracle/llama_reference.py in one chunk (taps do not
depend on how the runtime chunked them). Prints one line per tap and, on a
mismatch, names the first divergent layer and exits 1.

Tolerance: max |got - want| <= rtol * max |want| per hidden state (the
compiled model keeps K/V in f16); attention mass is a probability, compared
absolutely with mass-rtol.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "oracle"))
import llama_reference as ref  # noqa: E402


def reference_taps(model: ref.Model, tokens: list[int], mass_positions: int) -> dict:
    """{"blk.L": hidden after layer L, "blk.L.sink_mass": [T, heads]} of the reference."""
    captured: list[np.ndarray] = []
    plain = ref.softmax_with_sink

    def capture(z, mask, sink):
        w = plain(z, mask, sink)            # (G, T, S) for one kv-head
        captured.append(w[..., :mass_positions].sum(-1).T)  # (T, G)
        return w
    ref.softmax_with_sink = capture
    try:
        state = model.new_cache()
        pos = np.arange(len(tokens))
        x = model.embed[np.asarray(tokens)]
        out = {}
        for layer in range(model.cfg.n_layers):
            captured.clear()
            x = model._layer(layer, x, pos, state)
            out[f"blk.{layer}"] = x
            out[f"blk.{layer}.sink_mass"] = np.concatenate(captured, axis=1)
        return out
    finally:
        ref.softmax_with_sink = plain


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=pathlib.Path)
    ap.add_argument("model", type=pathlib.Path)
    ap.add_argument("--rtol", type=float, default=2e-3)
    ap.add_argument("--mass-atol", type=float, default=2e-3)
    args = ap.parse_args(argv)
    index = json.loads((args.dump / "taps.json").read_text())
    tokens = [int(t) for t in index["tokens"]]
    model = ref.load(args.model)
    want = reference_taps(model, tokens, int(index["mass_positions"]))
    first_bad = None
    for tap in index["taps"]:
        name = tap["name"]
        got = np.load(args.dump / tap["file"])
        expected = want[name]
        if got.shape != expected.shape:
            print(f"{name}: shape {got.shape}, reference {expected.shape}")
            first_bad = first_bad or name
            continue
        if name.endswith(".sink_mass"):
            error = float(np.abs(got - expected).max())
            ok = error <= args.mass_atol
            print(f"{name:22s} max abs error {error:.2e}  mean mass {got.mean():.3f} "
                  f"(reference {expected.mean():.3f}) {'ok' if ok else 'MISMATCH'}")
        else:
            error = float(np.abs(got - expected).max() / np.abs(expected).max())
            ok = error <= args.rtol
            print(f"{name:22s} max rel error {error:.2e} {'ok' if ok else 'MISMATCH'}")
        if not ok and first_bad is None:
            first_bad = name
    if first_bad:
        print(f"first divergent tap: {first_bad} (layer {first_bad.split('.')[1]})")
        return 1
    print(f"all {len(index['taps'])} taps match the reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
