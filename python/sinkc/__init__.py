"""sinkc: a transformer compiler on MLIR, driven from Python.

    import sinkc
    module = sinkc.importers.import_model("SmolLM2-135M-Instruct.Q4_1.gguf")
    result = sinkc.passes.PassManager("canonicalize,tfm-print-cost").run(module, snapshots=True)

Submodules: `sinkc.ir` (Context, Module, Operation), `sinkc.passes`
(list_passes, PassManager), `sinkc.importers` (import_model) — the compiler,
loaded on first use — and `sinkc.runtime` (Package, Tokenizer, KvCache),
which loads only the runtime library, never the compiler.
"""
import importlib as _importlib
import sys as _sys

_COMPILER_SUBMODULES = ("ir", "passes", "importers")

__all__ = ["ir", "passes", "importers", "runtime"]


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
