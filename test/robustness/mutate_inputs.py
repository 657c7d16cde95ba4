#!/usr/bin/env python3
"""Invalid input never crashes sinkc-opt.

Takes the valid IR the test suite already has, damages it in seeded random
ways (truncation, deleted or duplicated tokens, numbers swapped for 0, -1 or
huge values, attribute names swapped), runs sinkc-opt on each result, and
fails if any run dies from a signal or exits non-zero without an `error:`.

usage: mutate_inputs.py SINKC_OPT SOURCE_ROOT [--count N] [--seed S]
"""
import argparse
import pathlib
import random
import re
import subprocess
import sys

NUMBERS = ["0", "-1", "1", "3", "-9223372036854775808", "9223372036854775807",
           "4294967296", "1.0e+308", "nan", "-0.5", "65"]
WORDS = ["num_heads", "num_kv_heads", "head_dim", "kv_buffer", "kv_entry", "policies",
         "sinks", "window", "tokens", "offset", "dim", "size", "group", "scale",
         "#tfm.pruned", "#tfm.full", "f16", "i32", "?", "index", "tfm.yield",
         "tfm.layer", "@prefill", "@decode", "q4_k", "int4", "->", "(", ")", "[", "]",
         "<", ">", "{", "}", ",", ":", "="]


def cases(root):
    """Valid inputs: the sample model and every split case of dialect tests."""
    yield (root / "examples" / "smollm2-135m.mlir").read_text()
    for path in sorted((root / "test" / "dialects").rglob("*.mlir")):
        if "invalid" in path.name:
            continue
        for chunk in path.read_text().split("// -----"):
            if "tfm." in chunk:
                yield chunk


def mutate(text, rng):
    kind = rng.randrange(6)
    if kind == 0:  # truncate
        return text[: rng.randrange(len(text))]
    tokens = re.split(r"(\s+|[<>\[\](){},:=])", text)
    spots = [i for i, t in enumerate(tokens) if t.strip()]
    i = rng.choice(spots)
    if kind == 1:  # delete a token
        tokens[i] = ""
    elif kind == 2:  # duplicate a token
        tokens[i] = tokens[i] * 2
    elif kind == 3:  # change a number
        numbers = [j for j in spots if re.fullmatch(r"-?\d+(\.\d+)?(e[+-]\d+)?", tokens[j])]
        tokens[rng.choice(numbers) if numbers else i] = rng.choice(NUMBERS)
    elif kind == 4:  # replace a token by a dialect word
        tokens[i] = rng.choice(WORDS)
    else:  # swap two tokens
        j = rng.choice(spots)
        tokens[i], tokens[j] = tokens[j], tokens[i]
    return "".join(tokens)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sinkc_opt")
    parser.add_argument("source_root", type=pathlib.Path)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    inputs = list(cases(args.source_root))
    # Small cases mutate fast; the sample model is weighted like one case.
    failures, rejected = [], 0
    for n in range(args.count):
        text = mutate(rng.choice(inputs), rng)
        passes = rng.choice([[], ["--canonicalize"], ["--tfm-print-cost"], ["--tfm-form-dispatches"], ["--tfm-form-dispatches", "--tfm-outline-dispatches"], ["--convert-tfm-to-linalg"], ["--tfm-form-dispatches", "--tfm-outline-dispatches", "--tfm-print-execution-plan"]])
        try:
            run = subprocess.run([args.sinkc_opt, *passes, "-o", "/dev/null"],
                                 input=text, capture_output=True, text=True, timeout=30)
        except subprocess.TimeoutExpired:
            failures.append((n, "timed out after 30 s", text))
            continue
        if run.returncode < 0 or run.returncode > 1:
            failures.append((n, f"exit code {run.returncode}\n{run.stderr[-2000:]}", text))
        elif run.returncode == 1:
            rejected += 1
            if "error:" not in run.stderr:
                failures.append((n, "rejected without an error message", text))

    print(f"{args.count} mutated inputs: {rejected} rejected with an error, "
          f"{args.count - rejected - len(failures)} still valid, {len(failures)} bad")
    for n, why, text in failures[:5]:
        out = pathlib.Path(f"mutation-{n}.mlir")
        out.write_text(text)
        print(f"mutation {n}: {why}\n  input saved to {out.resolve()}")
    # A mutator that only ever produced valid IR would test nothing.
    if rejected < args.count // 4:
        print(f"only {rejected} of {args.count} mutations were rejected")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
