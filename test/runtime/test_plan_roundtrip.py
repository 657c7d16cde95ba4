"""The compiler's execution plan is one the runtime accepts: SmolLM2 imported,
dispatches formed and outlined, its plan printed by sinkc-opt, packed, and a
runtime session created from the package gets past plan validation to the
(expected, for now) absence of CPU kernels."""
import ctypes
import json
import subprocess

import pytest


def run(build_dir, tool, *args, **kwargs):
    return subprocess.run([str(build_dir / "bin" / tool), *map(str, args)],
                          capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def planned_package(build_dir, smollm2_gguf, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plan")
    ir = tmp / "smollm2.mlir"
    assert run(build_dir, "sinkc", "import", smollm2_gguf, "-o", ir).returncode == 0
    plan = run(build_dir, "sinkc-opt", "--tfm-form-dispatches", "--tfm-outline-dispatches",
               "--tfm-print-execution-plan", ir, "-o", "/dev/null")
    assert plan.returncode == 0, plan.stderr
    (tmp / "plan.json").write_text(plan.stdout)
    pkg = tmp / "smollm2.sinkpkg"
    packed = run(build_dir, "sinkc-pack", smollm2_gguf, "-o", pkg,
                 "--execution-plan", tmp / "plan.json")
    assert packed.returncode == 0, packed.stderr
    return pkg, json.loads(plan.stdout)


def test_plan_shape(planned_package):
    _, plan = planned_package
    assert [e["entry"] for e in plan] == ["prefill", "decode"]
    prefill = plan[0]
    # Per layer: qkv, attention, o, ffn-in, ffn-out; plus embedding and head.
    assert len(prefill["steps"]) == 30 * 5 + 2
    kernels = {s["kernel"] for s in prefill["steps"]}
    assert len(kernels) == 7
    attention = [s for s in prefill["steps"] if s["kernel"].endswith("_attention")]
    # tokens, position, the layer's KV entry offset, then the full cache's slots.
    assert [s["scalars"] for s in attention] == [["tokens", "position", 3 * i, "context"]
                                                 for i in range(30)]
    assert prefill["outputs"]["logits"]["per_token_bytes"] == 4 * 49152


def test_runtime_accepts_the_plan(planned_package, build_dir):
    pkg, _ = planned_package
    lib = ctypes.CDLL(str(build_dir / "lib" / "libsinkrt.so"))
    lib.sinkrt_last_error.restype = ctypes.c_char_p
    handle = ctypes.c_void_p()
    assert lib.sinkrt_package_open(str(pkg).encode(), 0, ctypes.byref(handle)) == 0
    session = ctypes.c_void_p()
    status = lib.sinkrt_session_create(handle, None, ctypes.byref(session))
    message = lib.sinkrt_last_error().decode()
    lib.sinkrt_package_close(handle)
    # Plan validation (tensor names, KV groups, workspace bounds) passed; the
    # package has no kernels yet because the lowering does not emit them.
    assert status != 0
    assert 'the package has no kernels for target "cpu"' in message, message
