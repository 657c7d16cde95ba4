"""bench/run_matrix.py against a fake `sinkc` whose figures are known.

The stub derives every figure from its arguments (threads, prompt length),
so each assertion checks that a number landed in the right row, not only
that a file exists. No real sinkc or model is needed.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "bench" / "run_matrix.py"
SVG_NS = "{http://www.w3.org/2000/svg}"

# Decode ms/token = (4 + C/128) / T; windowed packages: 3 / T at any context.
# Prefill tok/s = 1000 T + C. Group times and the roofline fraction follow C.
FAKE_SINKC = r'''#!PYTHON
import json, os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_SINKC_LOG"], "a") as log:
    log.write(json.dumps(args) + "\n")
mode = os.environ.get("FAKE_SINKC_MODE", "ok")
if mode == "fail":
    sys.stderr.write("sinkc bench: simulated failure\n")
    sys.exit(1)
if mode == "garbage":
    print("this is not JSON")
    sys.exit(0)
opt = {args[i]: args[i + 1] for i in range(2, len(args) - 1) if args[i].startswith("--")}
package, threads = args[1], int(opt["--threads"])
prompt, gen, ctx = int(opt["--prompt-len"]), int(opt["--gen"]), int(opt["--ctx"])
window = "window" in os.path.basename(package)
ms = (3.0 if window else 4.0 + prompt / 128) / threads
prefill_rate = 1000.0 * threads + prompt
print(json.dumps({
    "package": package, "model": "Fake 135M", "threads": threads, "ctx": ctx,
    "prompt_len": prompt, "gen": gen,
    "kv_policy": "sinks=4,window=252" if window else "full",
    "prefill": {"tokens": prompt, "seconds": prompt / prefill_rate, "tok_per_s": prefill_rate},
    "decode": {"tokens": gen, "seconds": gen * ms / 1000, "tok_per_s": 1000 / ms,
               "context_start": prompt, "context_end": prompt + gen,
               "ms_per_token_first": ms, "ms_per_token_last": ms},
    "groups": {"prefill": {"attention": 0.1, "matmuls": 0.2, "rest": 0.3},
               "decode": {"attention": prompt / 1000, "matmuls": 1.5, "rest": 0.25}},
    "peak_rss_bytes": 123456789,
    "bytes_per_decode_token": {"weights": 96576768, "kv": 2949120},
    "roofline": {"threads": threads, "read_bytes_per_s": 3.0e10 * threads,
                 "fp32_flops_per_s": 3.0e11, "int8_ops_per_s": 1.0e12,
                 "fp32_isa": "avx512f", "int8_isa": "avx512_vnni"},
    "fraction": {"decode_of_bandwidth": 0.01 * threads + prompt / 10000,
                 "prefill_of_int8_peak": 0.05, "prefill_of_fp32_peak": 0.1},
}))
'''


@pytest.fixture
def fake(tmp_path):
    """A fake sinkc, two package files and the log of the stub's argument lists."""
    sinkc = tmp_path / "sinkc"
    sinkc.write_text(FAKE_SINKC.replace("PYTHON", sys.executable, 1))
    sinkc.chmod(0o755)
    full, window = tmp_path / "model.sinkpkg", tmp_path / "model-window.sinkpkg"
    full.write_bytes(b"pkg")
    window.write_bytes(b"pkg")
    # A llama_cpp that fails to import, whatever this machine has installed.
    blocker = tmp_path / "no_llama" / "llama_cpp"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('blocked by the test')\n")
    return {"sinkc": sinkc, "full": full, "window": window, "log": tmp_path / "calls.log",
            "out": tmp_path / "out", "pythonpath": blocker.parent}


def run_script(fake, *args, mode="ok", pythonpath=None):
    env = dict(os.environ, FAKE_SINKC_LOG=str(fake["log"]), FAKE_SINKC_MODE=mode,
               PYTHONPATH=str(pythonpath or fake["pythonpath"]))
    return subprocess.run([sys.executable, str(SCRIPT), "--sinkc", str(fake["sinkc"]),
                           "--package", str(fake["full"]), *map(str, args)],
                          capture_output=True, text=True, env=env)


def table_rows(markdown):
    """The matrix table's rows as {(policy, threads, context): cells}."""
    rows = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 10 and cells[1].isdigit():
            rows[(cells[0], int(cells[1]), int(cells[2]))] = cells[3:]
    return rows


def calls(fake):
    return [json.loads(line) for line in fake["log"].read_text().splitlines()]


def test_matrix_writes_the_stub_figures(fake):
    proc = run_script(fake, "--package-window", fake["window"], "--contexts", "128,256,512",
                      "--threads", "1,2", "--gen", "16", "--out", fake["out"])
    assert proc.returncode == 0, proc.stderr
    markdown = (fake["out"] / "bench.md").read_text()
    rows = table_rows(markdown)
    assert len(rows) == 12  # 2 packages x 2 threads x 3 contexts
    # full, T=2, C=256: ms (4 + 2) / 2, prefill 2000 + 256, attention 0.256, 2% + 2.56%
    assert rows[("full", 2, 256)] == ["2256.0", "333.3", "3.00", "0.26", "1.50", "0.25", "4.6%"]
    assert rows[("full", 1, 512)][:3] == ["1512.0", "125.0", "8.00"]
    # The windowed package stays at 3 / T ms at every context.
    assert {rows[("sinks=4,window=252", 1, c)][2] for c in (128, 256, 512)} == {"3.00"}
    # Roofline medians per thread count, and the llama.cpp line.
    assert re.search(r"\| 2 \| 60\.0 \| 300\.0 \| avx512f \| 1000\.0 \| avx512_vnni \|", markdown)
    assert "llama.cpp: not measured (llama-cpp-python not installed)" in markdown
    assert "Fake 135M" in markdown
    assert "--prompt-len 256 --gen 16 --ctx 272 --json" in markdown

    report = json.loads((fake["out"] / "bench.json").read_text())
    assert len(report["runs"]) == 12 and report["failures"] == []
    run = next(r for r in report["runs"]
               if (r["package"], r["threads"], r["context"]) == ("full", 1, 128))
    assert run["result"]["prefill"]["tok_per_s"] == 1128.0
    assert run["result"]["peak_rss_bytes"] == 123456789

    # Decode starts at context C: prompt C, ctx room for C + gen.
    for args in calls(fake):
        opt = dict(zip(args[2::2], args[3::2]))
        assert args[0] == "bench" and args[-1] == "--json"
        assert int(opt["--ctx"]) >= int(opt["--prompt-len"]) + int(opt["--gen"])


def test_prompt_length_always_has_a_row(fake):
    proc = run_script(fake, "--contexts", "512", "--threads", "2", "--prompt-len", "64",
                      "--gen", "4", "--out", fake["out"])
    assert proc.returncode == 0, proc.stderr
    rows = table_rows((fake["out"] / "bench.md").read_text())
    assert sorted(rows) == [("full", 2, 64), ("full", 2, 512)]
    assert "## Prefill of 64 tokens, then 4 decoded" in proc.stdout
    assert "| 2 | 2064.0 | 5.0% | 444.4 |" in proc.stdout  # ms (4 + 0.5) / 2 = 2.25


def test_svg_has_one_polyline_per_series(fake):
    proc = run_script(fake, "--package-window", fake["window"], "--contexts", "128,256,1024",
                      "--threads", "1,2", "--gen", "4", "--out", fake["out"])
    assert proc.returncode == 0, proc.stderr
    root = ET.parse(fake["out"] / "decode_vs_context.svg").getroot()
    assert root.tag == f"{SVG_NS}svg"
    polylines = root.findall(f"{SVG_NS}polyline")
    assert len(polylines) == 4  # (full, window) x (1, 2 threads)
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert {"128", "256", "1024", "context (tokens, log2 scale)", "decode ms/token"} <= set(texts)
    assert {"full, 1 thread", "full, 2 threads", "sinks=4,window=252, 1 thread",
            "sinks=4,window=252, 2 threads"} <= set(texts)

    def points(polyline):
        return [tuple(map(float, p.split(","))) for p in polyline.get("points").split()]

    full_1, full_2, window_1, _ = map(points, polylines)  # series in run order
    # log2 x axis: 128 -> 256 is one octave of the three to 1024.
    (x128, _), (x256, _), (x1024, _) = full_1
    assert x256 - x128 == pytest.approx((x1024 - x128) / 3, abs=0.2)
    # More ms/token is higher on the page (smaller y): 1 thread is slower than 2.
    assert full_1[-1][1] < full_2[-1][1]
    # The windowed series is flat; the full one rises with context.
    assert len({y for _, y in window_1}) == 1 and full_1[-1][1] < full_1[0][1]


def test_quick_prints_the_table_and_writes_nothing(fake):
    proc = run_script(fake, "--quick")
    assert proc.returncode == 0, proc.stderr
    rows = table_rows(proc.stdout)
    assert sorted(rows) == [("full", 2, 128), ("full", 2, 256)]
    assert rows[("full", 2, 128)][2] == "2.50"
    assert all(dict(zip(a[2::2], a[3::2]))["--gen"] == "8" for a in calls(fake))
    assert not fake["out"].exists()


@pytest.mark.parametrize("mode", ["fail", "garbage"])
def test_quick_fails_when_sinkc_bench_fails(fake, mode):
    proc = run_script(fake, "--quick", mode=mode)
    assert proc.returncode == 1
    assert "FAILED" in proc.stderr
    assert ("simulated failure" if mode == "fail" else "invalid JSON") in proc.stderr


def test_json_without_a_figure_is_a_failure(fake):
    # The stub's output with decode.tok_per_s removed.
    text = fake["sinkc"].read_text().replace('"tok_per_s": 1000 / ms,', "")
    fake["sinkc"].write_text(text)
    proc = run_script(fake, "--quick")
    assert proc.returncode == 1
    assert "decode.tok_per_s" in proc.stderr


def test_missing_package_exits_2_naming_it(fake, tmp_path):
    missing = tmp_path / "nowhere" / "absent.sinkpkg"
    env = dict(os.environ, FAKE_SINKC_LOG=str(fake["log"]))
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sinkc", str(fake["sinkc"]),
                           "--package", str(missing), "--quick"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert str(missing) in proc.stderr
    assert not fake["log"].exists()  # nothing ran


def test_missing_sinkc_exits_2_naming_it(fake, tmp_path):
    missing = tmp_path / "bin" / "sinkc"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sinkc", str(missing),
                           "--package", str(fake["full"]), "--quick"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert str(missing) in proc.stderr


FAKE_LLAMA_CPP = '''
import json, os, time

class Llama:
    def __init__(self, model_path, n_ctx, n_batch, n_threads, n_threads_batch, verbose):
        with open(os.environ["FAKE_SINKC_LOG"] + ".llama", "a") as log:
            made = {"threads": n_threads, "n_ctx": n_ctx, "n_batch": n_batch}
            log.write(json.dumps(made) + "\\n")
        self.n_tokens = 0

    def tokenize(self, text, add_bos):
        return list(range(2, 2 + len(text.split())))

    def token_bos(self):
        return 1

    def reset(self):
        self.n_tokens = 0

    def eval(self, tokens):
        time.sleep(0.0005 * len(tokens))
        self.n_tokens += len(tokens)
'''


def test_llama_cpp_columns_when_importable(fake, tmp_path):
    fake_llama = tmp_path / "fake_llama" / "llama_cpp"
    fake_llama.mkdir(parents=True)
    (fake_llama / "__init__.py").write_text(FAKE_LLAMA_CPP)
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    proc = run_script(fake, "--quick", "--gguf", gguf, "--threads", "1,2", "--out", fake["out"],
                      pythonpath=fake_llama.parent)
    assert proc.returncode == 0, proc.stderr
    assert "| sinkc prefill tok/s | of int8 peak | llama.cpp prefill tok/s |" in proc.stdout
    assert re.search(r"\| 2 \| 2128\.0 \| 5\.0% \| [0-9.]+ \| 400\.0 \| [0-9.]+ \|", proc.stdout)
    report = json.loads((fake["out"] / "bench.json").read_text())
    llama = report["llama_cpp"]
    assert llama["measured"] and [row["threads"] for row in llama["rows"]] == [1, 2]
    assert all(row["prefill_tok_per_s"] > 0 and row["decode_tok_per_s"] > 0
               for row in llama["rows"])
    made = [json.loads(line) for line in pathlib.Path(str(fake["log"]) + ".llama")
            .read_text().splitlines()]
    assert made == [{"threads": 1, "n_ctx": 136, "n_batch": 128},
                    {"threads": 2, "n_ctx": 136, "n_batch": 128}]
