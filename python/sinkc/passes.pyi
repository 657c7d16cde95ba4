"""Passes and pass pipelines (stubs for sinkc._compiler.passes)."""
from typing import Optional

from .ir import Context, Module

class PassInfo:
    name: str
    summary: str
    @property
    def options(self) -> dict[str, str]:
        """Option name -> default value as text."""

def list_passes() -> list[PassInfo]:
    """Every pass sinkc registers."""

class RunResult:
    timings: list[tuple[str, float]]
    snapshots: list[tuple[str, str]]

class PassManager:
    """A pipeline in sinkc-opt's syntax, e.g. 'canonicalize,tfm-print-cost{context=8192}'."""
    def __init__(self, pipeline: str, context: Optional[Context] = None) -> None: ...
    @property
    def pipeline(self) -> str: ...
    def run(self, module: Module, snapshots: bool = False) -> RunResult:
        """Runs in place; RuntimeError with MLIR's diagnostics if a pass fails."""
