"""GPU sessions without a GPU: `sinkc run --device cuda|hip`, Python's
`Session(device="cuda")` and a package compiled with `sinkc compile --target
cpu,cuda:sm_90`, run on the fake drivers of test/runtime/fake_driver
(build/lib/libsinkrt-fake-{cuda,hip}.so) named by SINKRT_CUDA_LIBRARY /
SINKRT_HIP_LIBRARY, the way a user points the runtime at another driver.

- The toy package with --fake-gpu (test/runtime/toy/ToyPackageTool.cpp): its
  last step launches the fake's "fake_next_token", which writes logits whose
  argmax after id i is (i + 1) % 8; greedy generation on the fake device is
  then the ids counting up from the prompt's last id to the EOS (7), which
  only comes out if the ids reach the device, the kernel gets the workspace
  addresses of the call and the logits are read back from the right place.
- A tiny model compiled for cpu and cuda:sm_90: the fake CUDA driver loads
  the real cubin (its kernels and parameter sizes from the ELF's .nv.info
  sections), so the session runs the compiler's own gpu_launches. The fake
  computes nothing: the logits are the zeroed workspace, and what is checked
  is every launch a prefill and a decode make: symbols in plan order (the
  row-wise steps of a last-token prefill once, for one row), grids and
  blocks, and each parameter, derived here from the manifest.

Every session runs in a fresh interpreter: the driver a process loads first
stays loaded (GPU drivers are not unloaded), and the other tests of this
process expect no CUDA driver.
"""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "test" / "oracle"))

EOS = 7


@pytest.fixture(scope="module")
def fake_libs(build_dir):
    cuda = build_dir / "lib" / "libsinkrt-fake-cuda.so"
    hip = build_dir / "lib" / "libsinkrt-fake-hip.so"
    assert cuda.exists() and hip.exists(), "the fake drivers are not built"
    return {"cuda": str(cuda), "hip": str(hip)}


@pytest.fixture(scope="module")
def toy_gpu(build_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("toy-gpu") / "toy-gpu.sinkpkg"
    subprocess.run([str(build_dir / "bin" / "sinkrt-toy-package"), str(out), "--fake-gpu"],
                   check=True)
    return out


def fake_env(fake_libs):
    env = dict(os.environ)
    env["SINKRT_CUDA_LIBRARY"] = fake_libs["cuda"]
    env["SINKRT_HIP_LIBRARY"] = fake_libs["hip"]
    return env


def run_python(build_dir, fake_libs, script, *args):
    """Runs `script` in a fresh interpreter with the fakes as drivers; its
    stdout parsed as JSON."""
    proc = subprocess.run([sys.executable, "-c", script, str(build_dir / "python_packages"),
                           *map(str, args)], env=fake_env(fake_libs), capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# --------------------------------------------------------------------------
# sinkc run --device cuda|hip
# --------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["cuda", "hip", "cuda:0"])
def test_sinkc_run_on_the_fake_device(build_dir, sinkc, toy_gpu, fake_libs, device):
    proc = subprocess.run([str(build_dir / "bin" / "sinkc"), "run", str(toy_gpu), "--device", device, "--prompt", "e!",
                           "-n", "8", "--temp", "0", "--ids"], env=fake_env(fake_libs),
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # "e!" is ids 5 2: then 3, 4, 5, 6 and the EOS.
    assert proc.stdout.split() == ["3", "4", "5", "6"]
    assert "generated tokens: 4\nstopped by: end of sequence" in proc.stderr
    # The same package on the CPU runs the toy kernels (which ignore the
    # GPU's extra bindings): test/tools/sinkc-run.mlir's greedy ids.
    cpu = sinkc("run", toy_gpu, "--prompt", "e!", "-n", "8", "--temp", "0", "--ids")
    assert cpu.stdout.split() == ["3", "1", "4", "4", "2", "2", "2", "2"]


def test_sinkc_run_without_gpu_kernels_is_a_clear_error(build_dir, fake_libs, tmp_path):
    plain = tmp_path / "toy.sinkpkg"
    subprocess.run([str(build_dir / "bin" / "sinkrt-toy-package"), str(plain)], check=True)
    proc = subprocess.run([str(build_dir / "bin" / "sinkc"), "run", str(plain), "--device", "cuda",
                           "--prompt", "e!"], env=fake_env(fake_libs), capture_output=True,
                          text=True)
    assert proc.returncode == 1
    assert proc.stderr == (f"sinkc run: {plain}: the package has no kernels for CUDA device 0 "
                           "(Fake GPU, sm_90); its kernel sections: cpu (compile with --target "
                           "cuda:sm_90)\n")


# --------------------------------------------------------------------------
# sinkc.runtime.Session(device=...)
# --------------------------------------------------------------------------

SESSION_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import sinkc.runtime as rt
path, device = sys.argv[2], sys.argv[3]
out = {"devices": rt.devices()}
with rt.Session(path, device=device, ctx=12) as s:
    out["repr"] = repr(s)
    out["kv"] = [(g["slots"], g["bytes"]) for g in s.kv_cache]
    out["prefill"] = s.prefill([5, 2, 0, 6], all_logits=True).tolist()
    out["decode"] = s.decode(3).tolist()
    out["position"] = s.position
    s.reset()
    out["generate"] = s.generate("he", max_tokens=8)
    out["after"] = s.position
print(json.dumps(out))
"""


def one_hot(id_, position):
    row = [0.0] * 8
    row[(id_ + 1) % 8] = float(position + 1)
    return row


@pytest.mark.parametrize("device", ["cuda", "hip"])
def test_python_session_on_the_fake_device(build_dir, toy_gpu, fake_libs, device):
    got = run_python(build_dir, fake_libs, SESSION_SCRIPT, toy_gpu, device)
    assert got["devices"] == ["cpu", "cuda", "hip"]
    assert got["repr"] == (f"<sinkc.runtime.Session device={device!r} context=12 position=0 "
                           "vocab=8>")
    # One full group of 2 entries x (key, value) x 12 slots x 4 f32.
    assert got["kv"] == [[12, 2 * 2 * 12 * 4 * 4]]
    # fake_next_token: row i is 0 but for (id + 1) % 8, which holds i + 1.
    assert got["prefill"] == [one_hot(5, 0), one_hot(2, 1), one_hot(0, 2), one_hot(6, 3)]
    assert got["decode"] == one_hot(3, 4)
    assert got["position"] == 5
    # "he" is ids 0 5: then 6 ("\n") and the EOS (sampled, not run).
    assert got["generate"] == "\n"
    assert got["after"] == 3


# --------------------------------------------------------------------------
# A compiled package's own launches
# --------------------------------------------------------------------------

LAUNCH_SCRIPT = r"""
import ctypes, json, os, sys
sys.path.insert(0, sys.argv[1])
import sinkc.runtime as rt

class Launch(ctypes.Structure):  # fake_driver.h's fake_launch
    _fields_ = [("kernel", ctypes.c_char * 64), ("grid", ctypes.c_uint * 3),
                ("block", ctypes.c_uint * 3), ("shared_bytes", ctypes.c_uint),
                ("stream", ctypes.c_void_p), ("param_count", ctypes.c_int),
                ("param_sizes", ctypes.c_uint * 16), ("params", (ctypes.c_ubyte * 8) * 16)]

fake = ctypes.CDLL(os.environ["SINKRT_CUDA_LIBRARY"])
fake.fake_cuda_launch_at.restype = ctypes.POINTER(Launch)
def launches(since):
    out = []
    for i in range(since, fake.fake_cuda_launch_count()):
        l = fake.fake_cuda_launch_at(i).contents
        out.append({"symbol": l.kernel.decode(), "grid": list(l.grid), "block": list(l.block),
                    "shared": l.shared_bytes,
                    "sizes": list(l.param_sizes[:l.param_count]),
                    "params": [int.from_bytes(bytes(p), "little")
                               for p in l.params[:l.param_count]]})
    return out

path, ids = sys.argv[2], [int(t) for t in sys.argv[3].split(",")]
s = rt.Session(path, device="cuda", ctx=int(sys.argv[4]))
fake.fake_cuda_reset()
prefill = s.prefill(ids)
first = launches(0)
decode = s.decode(ids[-1])
out = {"prefill": first, "decode": launches(len(first)),
       "logits": [float(abs(prefill).max()), float(abs(decode).max())],
       "shape": [len(prefill), len(decode)]}
s.close()
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def tiny_cuda_package(build_dir, tmp_path_factory):
    from tiny_models import write_tiny
    folder = tmp_path_factory.mktemp("tiny-cuda")
    gguf = write_tiny(folder, qtype="q8_0")["gguf"]
    out = folder / "tiny-cuda.sinkpkg"
    proc = subprocess.run([str(build_dir / "bin" / "sinkc"), "compile", str(gguf), "--target",
                           "cpu,cuda:sm_90", "-o", str(out)], capture_output=True, text=True)
    if proc.returncode != 0 and "no ptxas" in proc.stderr:
        pytest.skip("no CUDA toolkit (ptxas) to compile cubins")
    assert proc.returncode == 0, proc.stderr
    return out


def expected_launches(manifest, entry, tokens, position, ctx, bases, last_row):
    """The launches `entry` makes for a call of `tokens` at `position`, with
    the parameters the runtime must pass, given the device's buffers."""
    tensors = {t["name"]: t["offset"] for t in manifest["tensors"]}
    by_kernel = {}
    for launch in manifest["gpu_launches"]["cuda-sm_90"]:
        by_kernel.setdefault(launch["kernel"], []).append(launch)
    row_wise_from = entry.get("row_wise_from", len(entry["steps"]))

    def at(form, n):
        return form if isinstance(form, int) else form["per_token"] * n + form["fixed"]

    out = []
    for index, step in enumerate(entry["steps"]):
        one_row = last_row and index >= row_wise_from
        step_tokens = 1 if one_row else tokens
        skipped = tokens - step_tokens
        if at(step["workgroups"], step_tokens) <= 0:
            continue
        for launch in by_kernel[step["kernel"]]:
            params = []
            for arg in launch["args"]:
                if "binding" in arg:
                    b = step["bindings"][arg["binding"]]
                    if "workspace" in b:
                        params.append(bases["workspace"] + at(b["workspace"], tokens) +
                                      skipped * b.get("row_bytes", 0))
                    elif "tensor" in b:
                        params.append(bases["weights"] + tensors[b["tensor"]])
                    else:
                        params.append(bases["kv"][b["kv"]])
                elif "scalar" in arg:
                    sc = step["scalars"][arg["scalar"]]
                    params.append({"tokens": step_tokens, "position": position + skipped,
                                   "context": ctx}.get(sc, sc))
                else:
                    params.append(bases["scratch"] + arg["scratch"])
            out.append({"symbol": launch["symbol"], "grid": launch["grid"],
                        "block": launch["block"], "shared": launch["shared_bytes"],
                        "sizes": [8] * len(params), "params": params})
    return out


def launch_arg(manifest, steps, want):
    """(launch, argument index) of the first launch of `steps` with an
    argument for which want(argument, step) holds."""
    for step in steps:
        for launch in manifest["gpu_launches"]["cuda-sm_90"]:
            if launch["kernel"] == step["kernel"]:
                for i, arg in enumerate(launch["args"]):
                    if want(arg, step):
                        return launch, i
    raise AssertionError("no such launch")


def test_compiled_package_runs_its_launches(build_dir, fake_libs, tiny_cuda_package):
    sys.path.insert(0, str(build_dir / "python_packages"))
    import sinkc.runtime as rt
    manifest = rt.Package(tiny_cuda_package).manifest
    prefill, decode = manifest["execution_plan"]
    assert prefill["entry"] == "prefill" and prefill["row_wise_from"] < len(prefill["steps"])
    ids, ctx = [3, 17, 42, 9, 101, 7], 64
    got = run_python(build_dir, fake_libs, LAUNCH_SCRIPT, tiny_cuda_package,
                     ",".join(map(str, ids)), ctx)

    # The device's buffers, read off the first launch that passes each.
    def base(want, minus=lambda arg, step: 0):
        launch, i = launch_arg(manifest, prefill["steps"], want)
        record = next(r for r in got["prefill"] if r["symbol"] == launch["symbol"])
        step = next(s for s in prefill["steps"] if s["kernel"] == launch["kernel"])
        return record["params"][i] - minus(launch["args"][i], step)

    def binding(kind):
        return lambda arg, step: "binding" in arg and kind in step["bindings"][arg["binding"]]

    tensors = {t["name"]: t["offset"] for t in manifest["tensors"]}
    bases = {
        "weights": base(binding("tensor"),
                        lambda arg, step: tensors[step["bindings"][arg["binding"]]["tensor"]]),
        # The ids input is at workspace offset 0 in both entries.
        "workspace": base(lambda arg, step: "binding" in arg and
                          step["bindings"][arg["binding"]].get("workspace") ==
                          {"per_token": 0, "fixed": 0}),
        "kv": [base(binding("kv"))],
        "scratch": base(lambda arg, step: arg == {"scratch": 0}),
    }
    assert len({bases["weights"], bases["workspace"], bases["kv"][0], bases["scratch"]}) == 4

    want_prefill = expected_launches(manifest, prefill, len(ids), 0, ctx, bases, last_row=True)
    want_decode = expected_launches(manifest, decode, 1, len(ids), ctx, bases, last_row=False)
    # Every launch the manifest lists for every step, in order, with the
    # prefill's row-wise steps for the last row only (tokens 1, bindings
    # moved to the last row): this differs from running every row.
    assert [r["symbol"] for r in got["prefill"]] == [w["symbol"] for w in want_prefill]
    assert len(got["prefill"]) == sum(
        sum(launch["kernel"] == step["kernel"] for launch in manifest["gpu_launches"]["cuda-sm_90"])
        for step in prefill["steps"])
    assert want_prefill != expected_launches(manifest, prefill, len(ids), 0, ctx, bases,
                                             last_row=False)
    assert got["prefill"] == want_prefill
    assert got["decode"] == want_decode
    # The fake computes nothing: the logits are the zeroed workspace.
    assert got["shape"] == [manifest["model"]["vocab"]] * 2
    assert got["logits"] == [0.0, 0.0]
