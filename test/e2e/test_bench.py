"""`sinkc bench` (issue #7): its figures follow from the package and the run.

Not a timed test: speed is never asserted. What is asserted is what a wrong
benchmark would get wrong: token counts, the bytes a decode token reads and
the ops a prefill token does (recomputed here from the manifest, independently
of the C++), the profile's dispatch groups covering at most the wall time, and
the fractions being the ratios of the printed figures.
"""
import json
import subprocess

import pytest

PROMPT, GEN = 20, 6


@pytest.fixture(scope="module")
def packages(compiled, tiny_gguf):
    model = tiny_gguf("q4_1")
    return {"full": compiled(model, "bench-full"),
            "window": compiled(model, "bench-window", "--kv-policy", "sinks=2,window=8")}


def bench(build_dir, pkg, *flags):
    proc = subprocess.run([str(build_dir / "bin" / "sinkc"), "bench", str(pkg), *map(str, flags)],
                          capture_output=True, text=True)
    return proc


def bench_json(build_dir, pkg, *flags):
    proc = bench(build_dir, pkg, "--json", "--prompt-len", PROMPT, "--gen", GEN,
                 "--threads", 1, *flags)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def manifest_of(pkg):
    import sinkc.runtime
    with sinkc.runtime.Package(str(pkg)) as package:
        m = package.manifest
        return json.loads(m() if callable(m) else m) if not isinstance(m, dict) else m


def expected_work(manifest, cached):
    """Decode bytes (weights + KV) and prefill matrix parameters, from the
    manifest: tensors a decode step binds count whole, except one only an
    embedding gathers from (one row); prefill matrices split into those a
    step before "row_wise_from" multiplies (every token) and those only the
    row-wise steps do (the last token); KV reads 2 x entries x min(slots,
    cached) x head_dim elements per group."""
    tensors = {t["name"]: t for t in manifest["tensors"]}

    def bound(entry):
        plan = next(e for e in manifest["execution_plan"] if e["entry"] == entry)
        row_wise_from = plan.get("row_wise_from", len(plan["steps"]))
        whole, per_token = {}, {}
        for index, step in enumerate(plan["steps"]):
            gather = "embedding" in step["kernel"]
            for b in step["bindings"]:
                if "tensor" in b:
                    name = b["tensor"]
                    whole[name] = whole.get(name, False) or not gather
                    per_token[name] = per_token.get(name, False) or (
                        not gather and index < row_wise_from)
        return whole, per_token

    whole, _ = bound("decode")
    weights = sum(tensors[n]["size"] if w else tensors[n]["size"] // tensors[n]["shape"][0]
                  for n, w in whole.items())
    params, last_token = 0, 0
    whole, per_token = bound("prefill")
    for name, w in whole.items():
        shape = tensors[name]["shape"]
        if w and len(shape) == 2:
            if per_token[name]:
                params += shape[0] * shape[1]
            else:
                last_token += shape[0] * shape[1]
    kv = 0
    for g in manifest["kv_cache"]["groups"]:
        slots = min(g["slots"], cached) if g["slots"] else cached
        kv += g["entries"] * 2 * slots * g["head_dim"] * (2 if g["element_type"] == "f16" else 4)
    return weights, kv, params, last_token


@pytest.mark.parametrize("kind", ["full", "window"])
def test_counts_and_bytes_follow_the_package(build_dir, packages, kind):
    r = bench_json(build_dir, packages[kind], "--no-roofline")
    assert (r["prefill"]["tokens"], r["decode"]["tokens"]) == (PROMPT, GEN)
    assert r["ctx"] == PROMPT + GEN and r["threads"] == 1
    weights, kv, params, last_token = expected_work(manifest_of(packages[kind]),
                                                    PROMPT + (GEN + 1) // 2)
    assert r["bytes_per_decode_token"] == {"weights": weights, "kv": kv}
    assert r["matmul_parameters"] == params
    # The lm_head at least is multiplied for the last token only.
    assert r["last_token_parameters"] == last_token > 0
    assert r["kv_policy"] == ("full" if kind == "full" else "sinks=2,window=8")
    assert "roofline" not in r and "fraction" not in r


def test_profile_groups_cover_at_most_the_wall_time(build_dir, packages):
    r = bench_json(build_dir, packages["full"], "--no-roofline")
    for phase in ("prefill", "decode"):
        groups = r["groups"][phase]
        assert set(groups) == {"attention", "matmuls", "rest"}
        profiled_ms = sum(groups.values()) * r[phase]["tokens"]
        wall_ms = r[phase]["seconds"] * 1e3
        # Every step is timed inside the phase; the groups are a part of it,
        # and the matmuls (every weight) are never free.
        assert 0 < profiled_ms <= wall_ms * 1.001, (phase, profiled_ms, wall_ms)
        assert groups["matmuls"] > 0 and groups["attention"] > 0
        assert r[phase]["tok_per_s"] == pytest.approx(r[phase]["tokens"] / r[phase]["seconds"])


def test_fractions_are_the_ratios_of_the_figures(build_dir, packages):
    r = bench_json(build_dir, packages["full"])
    roof, frac = r["roofline"], r["fraction"]
    assert roof["threads"] == 1
    assert roof["read_bytes_per_s"] > 0 and roof["fp32_flops_per_s"] > 0
    decode_bps = sum(r["bytes_per_decode_token"].values()) * r["decode"]["tok_per_s"]
    assert frac["decode_of_bandwidth"] == pytest.approx(decode_bps / roof["read_bytes_per_s"])
    # A prompt of PROMPT tokens in chunks of prefill_chunk: every token through
    # the per-token matrices, one per chunk through the last-token ones.
    chunks = -(-r["prefill"]["tokens"] // r["prefill_chunk"])
    prefill_ops = 2 * (r["matmul_parameters"] * r["prefill"]["tokens"]
                       + r["last_token_parameters"] * chunks) / r["prefill"]["seconds"]
    assert frac["prefill_of_fp32_peak"] == pytest.approx(prefill_ops / roof["fp32_flops_per_s"])
    if roof["int8_ops_per_s"] > 0:
        assert frac["prefill_of_int8_peak"] == pytest.approx(prefill_ops / roof["int8_ops_per_s"])


def test_table_names_the_phases(build_dir, packages):
    proc = bench(build_dir, packages["full"], "--prompt-len", PROMPT, "--gen", GEN, "--no-roofline")
    assert proc.returncode == 0, proc.stderr
    assert f"prefill {PROMPT}" in proc.stdout
    assert f"decode {PROMPT}->{PROMPT + GEN}" in proc.stdout
    assert "peak RSS:" in proc.stdout


@pytest.mark.parametrize("flags, message", [
    (["--prompt-len", 20, "--gen", 6, "--ctx", 10],
     "--ctx 10 is less than --prompt-len + --gen = 26"),
    (["--gen", -1], "--gen must be >= 0, got -1"),
    (["--prompt-len", 0], "--prompt-len must be >= 1, got 0"),
])
def test_bad_options_are_one_error(build_dir, packages, flags, message):
    proc = bench(build_dir, packages["full"], *flags)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"sinkc bench: {message}"


def test_missing_package_is_named(build_dir, tmp_path):
    missing = tmp_path / "nope.sinkpkg"
    proc = bench(build_dir, missing)
    assert proc.returncode == 1
    assert str(missing) in proc.stderr and proc.stderr.startswith("sinkc bench: ")
