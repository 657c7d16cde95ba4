"""sinkc.runtime: run packages without the compiler (loads libsinkrt only).

    pkg = sinkc.runtime.Package("smollm2.sinkpkg")
    pkg.manifest["model"]["layers"]          # 30
    tok = sinkc.runtime.Tokenizer(pkg)
    ids = tok.encode("The capital of France is")
"""
import json

from . import _runtime

API_VERSION = _runtime.API_VERSION
Tokenizer = _runtime.Tokenizer
KvCache = _runtime.KvCache


class Package(_runtime.Package):
    """An open, validated .sinkpkg; `manifest` is its parsed JSON."""

    def __init__(self, path, verify_weights=False):
        super().__init__(str(path), verify_weights)
        self._manifest = None

    @property
    def manifest(self):
        if self._manifest is None:
            self._manifest = json.loads(self.manifest_json())
        return self._manifest


__all__ = ["Package", "Tokenizer", "KvCache", "API_VERSION"]
