"""sinkc: a transformer compiler on MLIR, driven from Python.

    import sinkc
    module = sinkc.importers.import_model("SmolLM2-135M-Instruct.Q4_1.gguf")
    result = sinkc.passes.PassManager("canonicalize,tfm-print-cost").run(module, snapshots=True)

    package = sinkc.compile(module, "smollm2.sinkpkg")
    print(sinkc.runtime.Session(package).generate("The capital of France is"))

Submodules: `sinkc.ir` (Context, Module, Operation), `sinkc.passes`
(list_passes, PassManager), `sinkc.importers` (import_model) and
`sinkc.compile` — the compiler, loaded on first use — and `sinkc.runtime`
(Package, Tokenizer, KvCache, Session), which loads only the runtime
library, never the compiler.
"""
import importlib as _importlib
import os as _os
import sys as _sys

# An installed package carries the microkernel bitcode sinkc.compile links.
_UKERNELS = _os.path.join(_os.path.dirname(__file__), "ukernels")
if _os.path.isdir(_UKERNELS):
    _os.environ.setdefault("SINKC_UKERNELS_DIR", _UKERNELS)

_COMPILER_SUBMODULES = ("ir", "passes", "importers")

__all__ = ["ir", "passes", "importers", "runtime", "compile"]


def compile(source, output=None, target="cpu", *, model="", cpu="native", opt_level=3,
            kv_type="f16", kv_policy="", prefill_chunk=128, workgroups=4, taps=False,
            mass_positions=4, emit="pkg", emulate_gpu=False, gpu_max_context=0):
    """Compile a model to a package; returns the output path.

    source: a GGUF file, a Hugging Face checkpoint folder, a .mlir file, or
    a `sinkc.ir.Module` (compiled as it is: transformed modules keep their
    changes; the module itself is not modified). `model` names the file the
    weights come from when a Module's tfm.tokenizer does not.
    output: default `<model name>.sinkpkg` in the current directory.
    Options as `sinkc compile` takes them: target "cpu", "cuda:sm_90",
    "rocm:gfx942" or a comma-separated list of them, kv_policy "full" or
    "sinks=N,window=W", emit "mlir" | "llvm" | "obj" | "pkg" | "gpu-schedules" |
    "gpu-kernels" | "gpu-asm", taps for
    per-layer dumps (Session.taps()), emulate_gpu (CPU kernels built from
    the GPU schedules), gpu_max_context (KV slots the GPU attention takes;
    0: the model's context). Errors raise RuntimeError (with the
    compiler's diagnostics), ValueError or FileNotFoundError.
    """
    import os
    compiler = _importlib.import_module("._compiler", __name__)
    if output is None:
        stem = "module" if not isinstance(source, (str, os.PathLike)) else \
            os.path.splitext(os.path.basename(os.path.normpath(os.fspath(source))))[0]
        output = stem + (".sinkpkg" if emit == "pkg" else "." + {
            "mlir": "mlir", "llvm": "ll", "obj": "o", "gpu-schedules": "gpu.mlir",
            "gpu-kernels": "gpu.mlir", "gpu-asm": "s"}.get(emit, emit))
    return compiler.compile.compile_model(
        source, os.fspath(output), model=os.fspath(model), target=target, cpu=cpu,
        opt_level=opt_level, kv_type=kv_type, kv_policy=kv_policy, prefill_chunk=prefill_chunk,
        workgroups=workgroups, taps=taps, mass_positions=mass_positions, emit=emit,
        emulate_gpu=emulate_gpu, gpu_max_context=gpu_max_context)


def __getattr__(name):
    """Loads the compiler extension only when one of its parts is used."""
    if name in _COMPILER_SUBMODULES:
        compiler = _importlib.import_module("._compiler", __name__)
        for sub in _COMPILER_SUBMODULES:
            module = getattr(compiler, sub)
            _sys.modules[f"{__name__}.{sub}"] = module
            globals()[sub] = module
        return globals()[name]
    if name == "runtime":
        return _importlib.import_module(".runtime", __name__)
    raise AttributeError(f"module 'sinkc' has no attribute {name!r}")


class _CompilerFinder:
    """Makes `import sinkc.ir` (etc.) work although they live in _compiler."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        prefix, _, sub = fullname.rpartition(".")
        if prefix != __name__ or sub not in _COMPILER_SUBMODULES:
            return None
        __getattr__(sub)
        import importlib.util
        return importlib.util.spec_from_loader(fullname, _ExistingModuleLoader())


class _ExistingModuleLoader:
    @staticmethod
    def create_module(spec):
        return _sys.modules[spec.name]

    @staticmethod
    def exec_module(module):
        pass


_sys.meta_path.insert(0, _CompilerFinder())
