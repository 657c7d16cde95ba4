"""sinkc: a transformer compiler on MLIR, driven from Python.

    import sinkc
    module = sinkc.importers.import_model("SmolLM2-135M-Instruct.Q4_1.gguf")
    result = sinkc.passes.PassManager("canonicalize,tfm-print-cost").run(module, snapshots=True)

Submodules: `sinkc.ir` (Context, Module, Operation), `sinkc.passes`
(list_passes, PassManager), `sinkc.importers` (import_model).
"""
import sys as _sys

from ._compiler import importers, ir, passes

# `import sinkc.ir` works as well as `sinkc.ir`.
for _name, _module in (("ir", ir), ("passes", passes), ("importers", importers)):
    _sys.modules[f"{__name__}.{_name}"] = _module

__all__ = ["ir", "passes", "importers"]
