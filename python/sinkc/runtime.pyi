"""Packages, tokenizer, KV cache and sessions (stubs for sinkc.runtime)."""
import os
from typing import Any, Iterator, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

API_VERSION: int

Ids = Union[Sequence[int], npt.NDArray[np.integer]]

def devices() -> list[str]:
    """The devices sessions can run on in this build and on this host."""

class Package:
    """An open, validated .sinkpkg; `manifest` is its parsed JSON."""
    def __init__(self, path: Union[str, os.PathLike[str]], verify_weights: bool = False) -> None:
        """OSError if unreadable, ValueError if corrupt, RuntimeError if this
        CPU lacks a feature it needs."""
    @property
    def manifest(self) -> dict[str, Any]: ...
    def manifest_json(self) -> str: ...
    def close(self) -> None:
        """Drops this object's hold; tokenizers and sessions keep the file mapped."""
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> "Package": ...
    def __exit__(self, *exc: object) -> None: ...
    def render_chat(self, messages: Sequence[dict[str, str]],
                    add_generation_prompt: bool = True) -> str:
        """The prompt text by the model's own chat template (ValueError if none)."""

class Tokenizer:
    """The package's byte-level or SentencePiece BPE tokenizer."""
    def __init__(self, package: Package) -> None: ...
    def encode(self, text: str, add_bos: Optional[bool] = None,
               parse_special: bool = False) -> npt.NDArray[np.int32]:
        """Token ids; add_bos None follows the package."""
    def decode(self, ids: Sequence[int], skip_special: bool = False) -> str:
        """Text of the ids; ill-formed UTF-8 becomes U+FFFD."""

class KvCache:
    """A zeroed KV cache in the layout of docs/kv-abi.md."""
    def __init__(self, package: Package, context: int) -> None: ...
    @property
    def bytes(self) -> int: ...

class Session:
    """A package's compiled model, ready to run (KV cache, workspace and
    threads allocated here; GIL released while it computes)."""
    package: Package
    device: str
    def __init__(self, package: Union[Package, str, os.PathLike[str]], device: str = "cpu",
                 ctx: int = 0, threads: int = 0) -> None:
        """ValueError for a device not in devices(), a package without
        runnable kernels, ctx or threads out of range; OSError for a missing file."""
    def prefill(self, tokens: Ids, all_logits: bool = False) -> npt.NDArray[np.float32]:
        """Runs the ids from the current position; the last token's logits
        (vocab,), or every token's (len(tokens), vocab). ValueError for an id
        outside the vocabulary or a position past the context."""
    def decode(self, token: int) -> npt.NDArray[np.float32]:
        """Runs one id; its logits (vocab,)."""
    def reset(self) -> None:
        """Empties the KV cache; position 0."""
    def close(self) -> None:
        """Frees the session's memory; later use is a ValueError."""
    @property
    def closed(self) -> bool: ...
    @property
    def position(self) -> int: ...
    @property
    def context(self) -> int: ...
    @property
    def vocab(self) -> int: ...
    @property
    def kv_bytes(self) -> int: ...
    def taps(self) -> dict[str, np.ndarray]:
        """Tap dumps of a package compiled with taps: {name: [tokens, columns]}."""
    @property
    def kv_cache(self) -> list[dict[str, Any]]:
        """Per KV group: policy, sinks, window, entries, head_dim,
        element_type, slots, bytes, filled, next_slot."""
    @property
    def tokenizer(self) -> Tokenizer: ...
    def generate(self, prompt: Union[str, Ids], max_tokens: int = 64, temperature: float = 0.0,
                 top_k: int = 0, top_p: float = 1.0, seed: Optional[int] = 0,
                 stop: Union[str, Sequence[str]] = (), add_bos: Optional[bool] = None) -> str:
        """The continuation of the prompt (from position 0), without EOS or the stop string."""
    def stream(self, prompt: Union[str, Ids], max_tokens: int = 64, temperature: float = 0.0,
               top_k: int = 0, top_p: float = 1.0, seed: Optional[int] = 0,
               stop: Union[str, Sequence[str]] = (),
               add_bos: Optional[bool] = None) -> Iterator[str]:
        """generate() in pieces, each ending on a character boundary."""
    def __enter__(self) -> "Session": ...
    def __exit__(self, *exc: object) -> None: ...
