"""tfm IR: contexts, modules, operations (stubs for sinkc._compiler.ir)."""
from typing import Optional

class Context:
    """An MLIR context with the tfm dialect and the upstream ones sinkc uses."""
    def __init__(self) -> None: ...

class Module:
    """A tfm module."""
    @staticmethod
    def parse(text: str, context: Optional[Context] = None) -> "Module":
        """Parses MLIR text; raises ValueError with MLIR's diagnostics."""
    @staticmethod
    def load(path: str, context: Optional[Context] = None) -> "Module":
        """Reads and parses an .mlir file; FileNotFoundError if it is missing."""
    def verify(self) -> None:
        """Raises ValueError with the diagnostics when the module is invalid."""
    def operations(self) -> list["Operation"]:
        """Every operation in pre-order; handles go stale when a pipeline runs."""

class Operation:
    """An operation of a Module."""
    @property
    def name(self) -> str: ...
    @property
    def attributes(self) -> dict[str, str]: ...
    @property
    def result_types(self) -> list[str]: ...
    @property
    def location(self) -> str: ...
    def get_attribute(self, name: str) -> Optional[str]: ...
    def set_attribute(self, name: str, text: str) -> None:
        """Sets a parsed attribute; ValueError (and no change) if the op rejects it."""
