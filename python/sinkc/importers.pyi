"""GGUF and safetensors importers (stubs for sinkc._compiler.importers)."""
from typing import Optional

from .ir import Context, Module

def import_model(path: str, kv_type: str = "f16", kv_policy: str = "",
                 context: Optional[Context] = None) -> Module:
    """Imports a .gguf file or a Hugging Face checkpoint folder as a tfm Module."""
