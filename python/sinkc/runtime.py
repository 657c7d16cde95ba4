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

    def render_chat(self, messages, add_generation_prompt=True):
        """The prompt text of `messages` ([{"role": ..., "content": ...}]) by
        the model's own chat template, rendered exactly with jinja2 (as
        Hugging Face does). ValueError when the package has no template."""
        template = self.manifest.get("tokenizer", {}).get("chat_template", "")
        if not template:
            raise ValueError("this package has no chat template; build the prompt yourself")
        import jinja2
        import jinja2.sandbox

        def raise_exception(message):
            raise jinja2.TemplateError(message)

        env = jinja2.sandbox.ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
        env.globals["raise_exception"] = raise_exception
        tokenizer = self.manifest.get("tokenizer", {})
        return env.from_string(template).render(
            messages=messages, add_generation_prompt=add_generation_prompt,
            bos_token=tokenizer.get("bos_text", ""), eos_token=tokenizer.get("eos_text", ""))


__all__ = ["Package", "Tokenizer", "KvCache", "API_VERSION"]
