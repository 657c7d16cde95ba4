#!/usr/bin/env python3
"""SmolLM2 from Python: import, a pass pipeline with IR snapshots, compile, generate.

    PYTHONPATH=build/python_packages python3 examples/smollm2_pipeline.py [MODEL.gguf]

1. imports the GGUF as tfm IR (weights by reference), every kv-head under
   StreamingLLM's policy: 4 sink tokens and a window of 252;
2. runs dispatch formation and outlining with an IR snapshot and the time
   of each pass, and prints what each pass left (functions, dispatches);
3. reads layer 0's head policies and shows that an edit the verifier
   rejects raises (and leaves the module as it was);
4. compiles the transformed module, with taps;
5. generates text, and reports the per-layer attention mass on the sinks.

Exits non-zero if the generation does not start with " Paris" (CI runs it).
"""
import os
import pathlib
import sys
import tempfile
import time

import numpy as np

import sinkc


def default_model():
    cache = pathlib.Path(os.environ.get("SINKC_MODEL_CACHE", pathlib.Path.home() / ".cache" / "sinkc"))
    return cache / "SmolLM2-135M-Instruct.Q4_1.gguf"


def main(argv):
    model_path = pathlib.Path(argv[1]) if len(argv) > 1 else default_model()
    module = sinkc.importers.import_model(str(model_path), kv_policy="sinks=4,window=252")
    print(f"imported {model_path.name}: {len(str(module)) // 1024} KiB of tfm IR")

    pm = sinkc.passes.PassManager("tfm-form-dispatches,tfm-outline-dispatches,tfm-tile-dispatches")
    result = pm.run(module, snapshots=True)
    for (name, seconds), (_, ir) in zip(result.timings, result.snapshots):
        dispatches = ir.count('tfm.dispatch "')
        functions = ir.count("func.func private @dispatch_")
        print(f"  {name:24s} {seconds * 1e3:7.1f} ms  dispatch regions {dispatches:4d}  "
              f"dispatch functions {functions}")

    # Reading and editing attributes: the verifier checks every change.
    attention = next(op for op in module.operations() if op.name == "tfm.attention")
    print("layer 0 policies:", attention.get_attribute("policies"))
    try:
        attention.set_attribute("policies", "[#tfm.full]")  # 3 kv-heads need 3 policies
    except ValueError as error:
        print("rejected edit:", str(error).splitlines()[0])
    module.verify()

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        package = sinkc.compile(module, os.path.join(tmp, "smollm2.sinkpkg"), taps=True)
        print(f"compiled in {time.perf_counter() - start:.1f} s")
        session = sinkc.runtime.Session(package, threads=2)
        text = session.generate("The capital of France is", max_tokens=16)
        print(f"generated: {text!r}")
        mass = session.taps()
        per_layer = [float(mass[f"blk.{i}.sink_mass"][4:].mean()) for i in range(30)]
        print("attention mass on the 4 sink tokens, per layer:",
              " ".join(f"{m:.2f}" for m in per_layer))
        print("kv cache:", session.kv_cache[0]["policy"], session.kv_cache[0]["slots"], "slots,",
              session.kv_bytes, "bytes")
    if not text.startswith(" Paris"):
        print("unexpected generation", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
