#!/usr/bin/env python3
"""The benchmark matrix of issue #7: `sinkc bench` over threads x context.

For every thread count and context C it runs

    sinkc bench PKG --threads T --prompt-len C --gen G --ctx C+G --json

so that decode is measured from context C on (prefill of C tokens, then G
decoded ones). The prompt length P is always one of the full package's
contexts, so its row is the prefill figure at P. A windowed package
(`--kv-policy sinks=4,window=252`) runs over the same contexts to show decode
ms/token staying flat as the context grows. llama.cpp is measured on the same
GGUF with the same threads when `llama-cpp-python` is importable and --gguf
is given; it is never required.

Writes OUT/bench.md (tables, roofline, machine, date, commands),
OUT/bench.json (every raw result) and OUT/decode_vs_context.svg (drawn by
hand: no plotting library is needed). --quick is the CI variant: it prints
the report and fails only when a `sinkc bench` run fails, never on speed.

Exit codes: 0 all runs succeeded, 1 a `sinkc bench` run failed (non-zero exit
or JSON without the expected figures), 2 a bad path or option.
"""
import argparse
import datetime
import json
import math
import os
import pathlib
import platform
import shlex
import statistics
import subprocess
import sys
import time
from xml.sax.saxutils import escape

REPO = pathlib.Path(__file__).resolve().parents[1]

FULL_DEFAULTS = {"contexts": [128, 256, 512, 1024, 2048, 4096], "threads": [1, 2], "gen": 32}
QUICK_DEFAULTS = {"contexts": [128, 256], "threads": [2], "gen": 8}

# The figures this script reads from each `sinkc bench --json` object.
# `roofline` and `fraction` are absent when sinkc skipped its probes.
REQUIRED_NUMBERS = [
    ("prefill", "tokens"), ("prefill", "seconds"), ("prefill", "tok_per_s"),
    ("decode", "tokens"), ("decode", "seconds"), ("decode", "tok_per_s"),
    ("groups", "decode", "attention"), ("groups", "decode", "matmuls"),
    ("groups", "decode", "rest"),
]
ROOFLINE_NUMBERS = ["read_bytes_per_s", "fp32_flops_per_s", "int8_ops_per_s"]


class BenchFailure(Exception):
    """A `sinkc bench` run that exited non-zero or printed unusable JSON."""


class UsageError(Exception):
    """A bad path or option; main() turns it into exit code 2."""


# --- command line -----------------------------------------------------------

def int_list(text):
    """Parses "128,256" into [128, 256]; each value must be a positive int."""
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}")
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"expected positive integers, got {text!r}")
    return values


def positive_int(text):
    """An integer >= 1: a zero-token prompt or decode has no speed."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {text}")
    return value


def parse_args(argv):
    """The CLI; --quick only changes the defaults, explicit options still win."""
    parser = argparse.ArgumentParser(
        description="Run `sinkc bench` over threads x context and write "
                    "bench.md, bench.json and decode_vs_context.svg.")
    parser.add_argument("--package", required=True, type=pathlib.Path,
                        help="the .sinkpkg to measure (full KV cache)")
    parser.add_argument("--package-window", type=pathlib.Path,
                        help="the same model compiled with --kv-policy sinks=4,window=252")
    parser.add_argument("--sinkc", type=pathlib.Path, default=REPO / "build" / "bin" / "sinkc",
                        help="the sinkc binary (default: build/bin/sinkc)")
    parser.add_argument("--contexts", type=int_list,
                        help="contexts decode starts at (default 128,...,4096; quick: 128,256)")
    parser.add_argument("--threads", type=int_list,
                        help="thread counts (default 1,2; quick: 2)")
    parser.add_argument("--gen", type=positive_int,
                        help="tokens decoded per run (default 32; quick: 8)")
    parser.add_argument("--prompt-len", type=positive_int, default=128,
                        help="the prompt length of the prefill figure (default 128)")
    parser.add_argument("--out", type=pathlib.Path,
                        help="where to write the report (default docs/benchmarks; "
                             "with --quick nothing is written unless --out is given)")
    parser.add_argument("--quick", action="store_true",
                        help="short CI run: contexts 128,256, 2 threads, 8 tokens, "
                             "report to stdout")
    parser.add_argument("--gguf", type=pathlib.Path,
                        help="the GGUF the packages came from, for the llama.cpp comparison")
    args = parser.parse_args(argv)
    defaults = QUICK_DEFAULTS if args.quick else FULL_DEFAULTS
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if args.out is None and not args.quick:
        args.out = REPO / "docs" / "benchmarks"
    return args


def check_paths(args):
    """Names the missing file before any run, instead of N identical failures."""
    inputs = [("--package", args.package), ("--package-window", args.package_window),
              ("--gguf", args.gguf)]
    for flag, path in inputs:
        if path is not None and not path.is_file():
            raise UsageError(f"{flag}: no such file: {path}")
    if not args.sinkc.is_file():
        raise UsageError(f"--sinkc: no such file: {args.sinkc} (build it with scripts/build.sh)")
    if not os.access(args.sinkc, os.X_OK):
        raise UsageError(f"--sinkc: not executable: {args.sinkc}")


def runnable(path):
    """`path` as the commands should show and run it: relative under the
    current folder (with ./, else a bare name is looked up on PATH), else
    absolute, so a report made in the repository has no machine paths."""
    absolute = path.absolute()
    try:
        relative = absolute.relative_to(pathlib.Path.cwd())
    except ValueError:
        return str(absolute)
    return str(relative) if len(relative.parts) > 1 else f"./{relative}"


# --- running sinkc bench ------------------------------------------------------

def bench_command(sinkc, package, threads, context, gen):
    """One run: prefill `context` tokens, then decode `gen` from there."""
    return [runnable(sinkc), "bench", str(package), "--threads", str(threads),
            "--prompt-len", str(context), "--gen", str(gen), "--ctx", str(context + gen),
            "--json"]


def lookup(obj, path):
    """obj[path[0]][path[1]]...; None when a level is missing."""
    for key in path:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def is_number(value):
    """JSON numbers only (bool is an int to Python, not a figure)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def validate(result):
    """Rejects JSON that lacks a figure the report needs, naming the field."""
    if not isinstance(result, dict):
        raise BenchFailure("the JSON is not an object")
    for path in REQUIRED_NUMBERS:
        if not is_number(lookup(result, path)):
            raise BenchFailure(f"the JSON has no number at {'.'.join(path)}")
    if lookup(result, ("decode", "tokens")) <= 0:
        raise BenchFailure("the JSON has decode.tokens <= 0")
    if "roofline" in result:
        for key in ROOFLINE_NUMBERS:
            if not is_number(lookup(result, ("roofline", key))):
                raise BenchFailure(f"the JSON has no number at roofline.{key}")


def run_bench(command):
    """Runs one `sinkc bench --json` and returns its validated object."""
    try:
        proc = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:  # e.g. not an executable format
        raise BenchFailure(f"cannot start: {error}")
    if proc.returncode != 0:
        detail = proc.stderr.strip().splitlines()[-1:] or ["no message"]
        raise BenchFailure(f"exit code {proc.returncode}: {detail[0]}")
    try:
        result = json.loads(proc.stdout)
    except json.JSONDecodeError as error:
        raise BenchFailure(f"invalid JSON on stdout: {error}")
    validate(result)
    return result


def plan(args):
    """(role, package, threads, context) of every run, in report order.

    The full package always includes the prompt length, whose row gives
    the prefill figure at P and the llama.cpp comparison."""
    packages = [("full", args.package, sorted(set(args.contexts) | {args.prompt_len}))]
    if args.package_window is not None:
        packages.append(("window", args.package_window, sorted(set(args.contexts))))
    return [(role, package, threads, context)
            for role, package, contexts in packages
            for threads in args.threads
            for context in contexts]


def run_matrix(args):
    """Runs the plan; returns (runs, failures) and reports progress on stderr."""
    runs, failures = [], []
    steps = plan(args)
    for index, (role, package, threads, context) in enumerate(steps, 1):
        command = bench_command(args.sinkc, package, threads, context, args.gen)
        entry = {"package": role, "path": str(package), "threads": threads,
                 "context": context, "command": shlex.join(command)}
        try:
            entry["result"] = run_bench(command)
        except BenchFailure as failure:
            entry["error"] = str(failure)
            failures.append(entry)
            print(f"[{index}/{len(steps)}] FAILED {entry['command']}: {failure}", file=sys.stderr)
            continue
        runs.append(entry)
        print(f"[{index}/{len(steps)}] {role} T={threads} ctx={context}: decode "
              f"{decode_ms(entry['result']):.2f} ms/token", file=sys.stderr)
    return runs, failures


def decode_ms(result):
    """Mean decode ms/token over the run (from context C to C+G)."""
    decode = result["decode"]
    return 1000.0 * decode["seconds"] / decode["tokens"]


# --- llama.cpp ------------------------------------------------------------------

# Any text will do: speed does not depend on which ids are fed.
SAMPLE_TEXT = "The quick brown fox jumps over the lazy dog while the compiler fuses kernels. "


def llama_prompt(llm, length):
    """BOS followed by `length - 1` ids of a repeated sample text."""
    body = llm.tokenize(SAMPLE_TEXT.encode(), add_bos=False)
    repeats = (length - 1) // len(body) + 1
    return ([llm.token_bos()] + body * repeats)[:length]


def time_llama_cpp(llama_cpp, gguf, threads, prompt_len, gen):
    """Prefill of P tokens in one batch and G single-token evals, as sinkc bench does."""
    llm = llama_cpp.Llama(model_path=str(gguf), n_ctx=prompt_len + gen, n_batch=prompt_len,
                          n_threads=threads, n_threads_batch=threads, verbose=False)
    prompt = llama_prompt(llm, prompt_len)
    llm.eval(prompt)  # warm-up: maps the weights in, as sinkc bench's untimed pass
    llm.reset()
    start = time.perf_counter()
    llm.eval(prompt)
    prefill = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(gen):
        llm.eval(prompt[-1:])
    decode = time.perf_counter() - start
    return {"threads": threads, "prompt_len": prompt_len, "gen": gen,
            "prefill_tok_per_s": prompt_len / prefill, "decode_tok_per_s": gen / decode}


def measure_llama_cpp(args):
    """llama.cpp figures per thread count, or why there are none; never raises."""
    try:
        import llama_cpp
    except ImportError:
        return {"measured": False, "reason": "llama-cpp-python not installed"}
    except Exception as error:  # e.g. OSError: its shared library does not load
        return {"measured": False, "reason": f"llama-cpp-python does not load: {error}"}
    if args.gguf is None:
        return {"measured": False, "reason": "no --gguf given"}
    try:
        rows = [time_llama_cpp(llama_cpp, args.gguf, threads, args.prompt_len, args.gen)
                for threads in args.threads]
    except Exception as error:
        return {"measured": False, "reason": f"llama.cpp failed: {error}"}
    return {"measured": True, "gguf": str(args.gguf), "rows": rows}


# --- machine ----------------------------------------------------------------------

def machine_info(cpuinfo_path="/proc/cpuinfo"):
    """CPU model and core counts, so figures can be compared across machines."""
    model, logical, cores = platform.processor() or "unknown", 0, set()
    physical_id = "0"
    try:
        lines = pathlib.Path(cpuinfo_path).read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        key, _, value = (part.strip() for part in line.partition(":"))
        if key == "processor":
            logical += 1
        elif key == "model name":
            model = value
        elif key == "physical id":
            physical_id = value
        elif key == "core id":
            cores.add((physical_id, value))
    return {"cpu": model, "logical_cpus": logical or os.cpu_count(),
            "physical_cores": len(cores) or None, "kernel": platform.release()}


# --- report -------------------------------------------------------------------------

def percent(value):
    """A fraction as a percentage; "—" where sinkc skipped its roofline probes."""
    return "—" if value is None else f"{100 * value:.1f}%"


def matrix_table(runs):
    """One row per successful run: speed, where decode time goes, roofline fraction."""
    lines = ["| KV policy | threads | context | prefill tok/s | decode tok/s | decode ms/token "
             "| attention ms | matmuls ms | rest ms | of bandwidth roofline |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        result = run["result"]
        groups = result["groups"]["decode"]
        lines.append(
            f"| {result.get('kv_policy', run['package'])} | {run['threads']} | {run['context']} "
            f"| {result['prefill']['tok_per_s']:.1f} | {result['decode']['tok_per_s']:.1f} "
            f"| {decode_ms(result):.2f} | {groups['attention']:.2f} | {groups['matmuls']:.2f} "
            f"| {groups['rest']:.2f} "
            f"| {percent(lookup(result, ('fraction', 'decode_of_bandwidth')))} |")
    return lines


def roofline_table(runs):
    """The machine's limits per thread count: the median of every run's probe."""
    lines = ["| threads | read GB/s | FP32 GFLOP/s | FP32 ISA | int8 GOP/s | int8 ISA |",
             "|---:|---:|---:|---|---:|---|"]
    for threads in sorted({run["threads"] for run in runs}):
        probes = [run["result"]["roofline"] for run in runs
                  if run["threads"] == threads and "roofline" in run["result"]]
        if not probes:
            continue
        median = {key: statistics.median(p[key] for p in probes) for key in ROOFLINE_NUMBERS}
        lines.append(f"| {threads} | {median['read_bytes_per_s'] / 1e9:.1f} "
                     f"| {median['fp32_flops_per_s'] / 1e9:.1f} | {probes[0].get('fp32_isa', '?')} "
                     f"| {median['int8_ops_per_s'] / 1e9:.1f} | {probes[0].get('int8_isa', '?')} |")
    return lines if len(lines) > 2 else ["Not measured (sinkc bench printed no roofline)."]


def comparison_section(runs, llama, prompt_len, gen):
    """Prefill of P tokens and decode from P: sinkc next to llama.cpp when measured."""
    sinkc_rows = {run["threads"]: run["result"] for run in runs
                  if run["package"] == "full" and run["context"] == prompt_len}
    lines = [f"## Prefill of {prompt_len} tokens, then {gen} decoded", ""]
    if llama["measured"]:
        llama_rows = {row["threads"]: row for row in llama["rows"]}
        lines += ["| threads | sinkc prefill tok/s | of int8 peak | llama.cpp prefill tok/s "
                  "| sinkc decode tok/s | llama.cpp decode tok/s |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for threads in sorted(set(sinkc_rows) | set(llama_rows)):
            ours, theirs = sinkc_rows.get(threads), llama_rows.get(threads)
            lines.append(
                f"| {threads} | {sinkc_rate(ours, 'prefill')} | {prefill_fraction(ours)} "
                f"| {llama_rate(theirs, 'prefill')} "
                f"| {sinkc_rate(ours, 'decode')} | {llama_rate(theirs, 'decode')} |")
        lines += ["", f"llama.cpp: llama-cpp-python on `{llama['gguf']}`, same threads."]
    else:
        lines += ["| threads | sinkc prefill tok/s | of int8 peak | sinkc decode tok/s |",
                  "|---:|---:|---:|---:|"]
        for threads in sorted(sinkc_rows):
            lines.append(f"| {threads} | {sinkc_rate(sinkc_rows[threads], 'prefill')} "
                         f"| {prefill_fraction(sinkc_rows[threads])} "
                         f"| {sinkc_rate(sinkc_rows[threads], 'decode')} |")
        lines += ["", f"llama.cpp: not measured ({llama['reason']})"]
    return lines


def prefill_fraction(result):
    """Prefill's ops per second over the same run's int8 peak; "—" where unknown."""
    return "—" if result is None else percent(lookup(result, ("fraction", "prefill_of_int8_peak")))


def sinkc_rate(result, phase):
    """tok/s of a `sinkc bench` phase; "—" where that run failed."""
    return "—" if result is None else f"{result[phase]['tok_per_s']:.1f}"


def llama_rate(row, phase):
    """tok/s of a llama.cpp phase; "—" where it has no row for these threads."""
    return "—" if row is None else f"{row[phase + '_tok_per_s']:.1f}"


def model_name(report):
    """The model as sinkc bench names it, else the package it was compiled to."""
    names = [run["result"].get("model") for run in report["runs"]]
    return next((name for name in names if name), str(report["settings"]["package"]))


def markdown_report(report):
    """bench.md: the tables, then what was measured where and how to rerun it."""
    runs, machine = report["runs"], report["machine"]
    model = model_name(report)
    cores = f", {machine['physical_cores']} physical cores" if machine["physical_cores"] else ""
    lines = ["# sinkc CPU benchmark", "",
             f"- model: {model}",
             f"- machine: {machine['cpu']} ({machine['logical_cpus']} logical CPUs{cores}), "
             f"Linux {machine['kernel']}",
             f"- date: {report['date']}",
             f"- decode: {report['settings']['gen']} tokens from each context; prefill: the "
             "context's tokens in one prompt", "",
             "## Decode vs context", "",
             "Times are ms per decoded token; attention / matmuls / rest split it by "
             "dispatch group. The fraction is decode's bytes read (weights + attended KV) "
             "per second over the measured read bandwidth.", ""]
    lines += matrix_table(runs)
    lines += ["", "![decode ms/token vs context](decode_vs_context.svg)", ""]
    lines += comparison_section(runs, report["llama_cpp"], report["settings"]["prompt_len"],
                                report["settings"]["gen"])
    lines += ["", "## Roofline (measured by each run, median)", ""] + roofline_table(runs)
    if report["failures"]:
        lines += ["", "## Failed runs", ""]
        lines += [f"- `{entry['command']}`: {entry['error']}" for entry in report["failures"]]
    lines += ["", "## Reproduce", "", "```sh", report["command"], "```", "",
              "which runs:", "", "```sh"]
    lines += [entry["command"] for entry in runs + report["failures"]]
    lines += ["```", ""]
    return "\n".join(lines)


# --- the SVG plot --------------------------------------------------------------------

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f"]
WIDTH, HEIGHT = 780, 440
LEFT, RIGHT, TOP, BOTTOM = 70, 250, 50, 60


def plot_series(runs):
    """(label, dashed, [(context, ms/token)]) per (package, threads), in run order."""
    series = {}
    for run in runs:
        key = (run["package"], run["threads"])
        if key not in series:
            policy = run["result"].get("kv_policy", run["package"])
            plural = "s" if run["threads"] != 1 else ""
            series[key] = (f"{policy}, {run['threads']} thread{plural}",
                           run["package"] == "window", [])
        series[key][2].append((run["context"], decode_ms(run["result"])))
    return list(series.values())


def nice_step(span):
    """A 1/2/5 x 10^k tick step giving about five ticks over `span`."""
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def svg_text(x, y, text, anchor="middle", size=12, extra=""):
    """A <text> element; the label is escaped (KV policies may hold "<")."""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f"{escape(text)}</text>")


def render_svg(series, title):
    """A line plot of decode ms/token over a log2 context axis, with a legend."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           svg_text(WIDTH / 2, 24, title, size=15)]
    points = [point for _, _, data in series for point in data]
    if not points:
        out += [svg_text(WIDTH / 2, HEIGHT / 2, "no successful runs"), "</svg>"]
        return "\n".join(out) + "\n"
    contexts = sorted({context for context, _ in points})
    x_lo, x_hi = math.log2(contexts[0]), math.log2(contexts[-1])
    if x_hi == x_lo:
        x_lo, x_hi = x_lo - 1, x_hi + 1
    y_max = max(ms for _, ms in points) or 1.0
    y_step = nice_step(y_max * 1.05)
    y_top = y_step * math.ceil(y_max * 1.05 / y_step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(context):
        return LEFT + (math.log2(context) - x_lo) / (x_hi - x_lo) * plot_w

    def py(ms):
        return TOP + plot_h - ms / y_top * plot_h

    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" '
               'fill="none" stroke="black"/>')
    for context in contexts:
        x = px(context)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" '
                   'stroke="#ddd"/>')
        out.append(svg_text(x, TOP + plot_h + 18, str(context)))
    for i in range(round(y_top / y_step) + 1):
        y = py(i * y_step)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                   'stroke="#ddd"/>')
        out.append(svg_text(LEFT - 8, y + 4, f"{round(i * y_step, 9):g}", anchor="end"))
    out.append(svg_text(LEFT + plot_w / 2, HEIGHT - 18, "context (tokens, log2 scale)"))
    out.append(svg_text(18, TOP + plot_h / 2, "decode ms/token",
                        extra=f' transform="rotate(-90 18 {TOP + plot_h / 2:.1f})"'))
    for index, (label, dashed, data) in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        coords = " ".join(f"{px(c):.1f},{py(ms):.1f}" for c, ms in sorted(data))
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2"{dash} '
                   f'points="{coords}"/>')
        out += [f'<circle cx="{px(c):.1f}" cy="{py(ms):.1f}" r="3" fill="{color}"/>'
                for c, ms in data]
        legend_x, legend_y = LEFT + plot_w + 20, TOP + 10 + 20 * index
        out.append(f'<line x1="{legend_x}" y1="{legend_y}" x2="{legend_x + 24}" y2="{legend_y}" '
                   f'stroke="{color}" stroke-width="2"{dash}/>')
        out.append(svg_text(legend_x + 30, legend_y + 4, label, anchor="start"))
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- main -------------------------------------------------------------------------------

def invocation(argv):
    """This run's command line, to paste back; names the folder it ran in
    unless that is the repository root."""
    here = pathlib.Path.cwd()
    command = shlex.join(["python3", runnable(pathlib.Path(__file__)), *argv])
    return command if here == REPO else f"cd {shlex.quote(str(here))} && {command}"


def write_outputs(out, report):
    """bench.md, bench.json and decode_vs_context.svg under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.md").write_text(markdown_report(report))
    (out / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    title = f"{model_name(report)}: decode ms/token vs context"
    (out / "decode_vs_context.svg").write_text(render_svg(plot_series(report["runs"]), title))


def main(argv=None):
    """Runs everything and always reports, so a failed run still leaves the rest."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        check_paths(args)
    except UsageError as error:
        print(f"run_matrix: {error}", file=sys.stderr)
        return 2
    runs, failures = run_matrix(args)
    report = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "command": invocation(argv),
        "settings": {"contexts": args.contexts, "threads": args.threads, "gen": args.gen,
                     "prompt_len": args.prompt_len, "sinkc": str(args.sinkc),
                     "package": str(args.package),
                     "package_window": str(args.package_window) if args.package_window else None},
        "runs": runs,
        "failures": failures,
        "llama_cpp": measure_llama_cpp(args),
    }
    print(markdown_report(report))
    if args.out is not None:
        write_outputs(args.out, report)
        print(f"wrote {args.out}/bench.md, bench.json, decode_vs_context.svg", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
