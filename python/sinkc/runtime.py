"""sinkc.runtime: run packages without the compiler (loads libsinkrt only).

    pkg = sinkc.runtime.Package("smollm2.sinkpkg")
    pkg.manifest["model"]["layers"]          # 30
    tok = sinkc.runtime.Tokenizer(pkg)
    ids = tok.encode("The capital of France is")
    session = sinkc.runtime.Session(pkg, ctx=2048)
    session.generate("The capital of France is", max_tokens=16)
    for piece in session.stream("Once upon a time", temperature=0.8, seed=1):
        print(piece, end="", flush=True)
"""
import json

import numpy as np

from . import _runtime

API_VERSION = _runtime.API_VERSION
Tokenizer = _runtime.Tokenizer
KvCache = _runtime.KvCache

_DEVICE_KINDS = ("cpu", "cuda", "hip")
_ELEMENT_BYTES = {"f32": 4, "f16": 2, "bf16": 2}


def devices():
    """The device kinds with at least one device on this host ("cpu" always;
    "cuda" / "hip" when their driver loads and finds a device)."""
    return [kind for kind in _DEVICE_KINDS if _runtime.device_count(kind) > 0]


class Package(_runtime.Package):
    """An open, validated .sinkpkg; `manifest` is its parsed JSON.

    close() (or a `with` block) drops this object's hold on the file;
    tokenizers and sessions made from it keep it mapped while they live."""

    def __init__(self, path, verify_weights=False):
        super().__init__(str(path), verify_weights)
        self._manifest = None

    @property
    def manifest(self):
        if self._manifest is None:
            self._manifest = json.loads(self.manifest_json())
        return self._manifest

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

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


class Session(_runtime.Session):
    """A package's compiled model, ready to run: prefill/decode give logits,
    generate/stream give text.

    package: a Package or a path. device: "cpu", "cuda", "hip" or "cuda:N"
    (a GPU runs the package's kernels for it, from `sinkc compile --target
    cuda:sm_XY` / `rocm:gfxNNN`; a GPU without its driver or device, or a
    package without kernels for it, is a RuntimeError naming what is
    missing). ctx: slots of the full-attention KV groups, 1 to the model's
    context (0: the model's; a GPU also caps it at the package's
    gpu_max_context). threads: 1 to 1024 (0: the host's; unused on a GPU).

    The KV cache, workspace and threads are allocated here; close() (or a
    `with` block) frees them. One session runs one sequence; calls from
    several threads are serialized, and the GIL is released while the
    runtime computes. The session keeps its package open."""

    def __init__(self, package, device="cpu", ctx=0, threads=0):
        if device.split(":")[0] not in _DEVICE_KINDS:
            raise ValueError(f"device {device!r} is not one of {', '.join(_DEVICE_KINDS)} "
                             "(or cuda:N / hip:N)")
        if not isinstance(package, _runtime.Package):
            package = Package(package)
        manifest = (package.manifest if isinstance(package, Package)
                    else json.loads(package.manifest_json()))
        super().__init__(package, ctx, threads, device)
        self.package = package
        self.device = device
        self._groups = manifest.get("kv_cache", {}).get("groups", [])
        self._eos = manifest.get("tokenizer", {}).get("eos", -1)
        self._tok = None
        self._streams = 0  # stream() calls so far: a paused stream checks it is the latest

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        if self.closed:
            return "<sinkc.runtime.Session (closed)>"
        return (f"<sinkc.runtime.Session device={self.device!r} context={self.context} "
                f"position={self.position} vocab={self.vocab}>")

    @property
    def tokenizer(self):
        """The package's Tokenizer (made on first use)."""
        if self._tok is None:
            self._tok = self._tokenizer()
        return self._tok

    @property
    def kv_cache(self):
        """One dict per KV-cache group (docs/kv-abi.md), in the manifest's
        order: policy ("full" or "streaming"), sinks and window (None for
        full), entries, head_dim, element_type, slots (the session's context
        for full groups), bytes, and from the position: filled (slots
        holding tokens) and next_slot (where the next token goes; None once
        a full group is full)."""
        position, context = self.position, self.context
        info = []
        for index, g in enumerate(self._groups):
            streaming = g["policy"] == "streaming"
            slots = g["slots"] if streaming else context
            if streaming:
                sinks, window = g["sinks"], g["window"]
                filled = min(position, slots)
                next_slot = (position if position < sinks
                             else sinks + (position - sinks) % window)
            else:
                sinks = window = None
                filled = position
                next_slot = position if position < slots else None
            info.append({
                "group": index, "policy": g["policy"], "sinks": sinks, "window": window,
                "entries": g["entries"], "head_dim": g["head_dim"],
                "element_type": g["element_type"], "slots": slots,
                "bytes": (g["entries"] * 2 * slots * g["head_dim"]
                          * _ELEMENT_BYTES[g["element_type"]]),
                "filled": filled, "next_slot": next_slot,
            })
        return info

    # -- text generation ---------------------------------------------------

    def generate(self, prompt, max_tokens=64, temperature=0.0, top_k=0, top_p=1.0, seed=0,
                 stop=(), add_bos=None):
        """The text the model continues `prompt` with (see stream(), which
        takes the same arguments); the stop string that ended it and the
        EOS token are not included."""
        return "".join(self.stream(prompt, max_tokens=max_tokens, temperature=temperature,
                                   top_k=top_k, top_p=top_p, seed=seed, stop=stop,
                                   add_bos=add_bos))

    def stream(self, prompt, max_tokens=64, temperature=0.0, top_k=0, top_p=1.0, seed=0,
               stop=(), add_bos=None):
        """Yields the continuation of `prompt` as text pieces, each ending on
        a character boundary (a token that ends inside a UTF-8 character
        gives its text with the next one).

        prompt: text (encoded with the package's tokenizer, control tokens
        such as "<|im_start|>" parsed; add_bos None follows the package) or
        a sequence of token ids (used as they are). The session starts over
        (reset()) and runs from position 0.

        Sampling: temperature 0 is greedy (the largest logit, the lowest id
        on ties); otherwise softmax(logits / temperature) over the top_k
        most likely tokens (0: all), then the smallest set of most likely
        tokens holding top_p of the probability, then one uniform draw from
        numpy.random.default_rng(seed) per token (seed None: fresh
        entropy). The same seed gives the same text.

        Stops after max_tokens tokens, at the tokenizer's EOS token (not
        shown), when a stop string (str or sequence of str) appears in the
        text (the text ends just before it; text that might begin one is
        held back until it is known not to), or when a full-attention KV
        cache is full (position == context; streaming-only caches never
        fill). Control tokens other than EOS appear as their text.

        Arguments are checked (ValueError) when stream() is called; the model
        runs as the pieces are taken. Afterwards the session holds the
        prompt and the generated tokens but the last (sampled, not run).
        Using the session otherwise while a stream is paused makes that
        stream raise RuntimeError when it resumes."""
        stops = _stop_strings(stop)
        sampler = _Sampler(temperature, top_k, top_p, seed)
        if max_tokens < 0:
            raise ValueError(f"max_tokens must be >= 0, got {max_tokens}")
        if isinstance(prompt, str):
            ids = self.tokenizer.encode(prompt, add_bos=add_bos, parse_special=True)
        else:
            ids = prompt
        self._streams += 1
        return self._stream(self._streams, ids, max_tokens, sampler, stops)

    def _stream(self, stream_id, ids, max_tokens, sampler, stops):
        tokenizer = self.tokenizer
        self.reset()
        if max_tokens == 0:
            return
        logits = self.prefill(ids)
        bounded = any(g["policy"] != "streaming" for g in self._groups)
        generated = []
        shown = 0  # characters of the text already yielded
        for count in range(1, max_tokens + 1):
            token = sampler(logits)
            if token == self._eos:
                break
            generated.append(token)
            text = tokenizer.decode(generated)
            complete = _complete_end(text, shown)
            cut = _find_stop(text[:complete], stops, shown)
            if cut is not None:
                if cut > shown:
                    yield text[shown:cut]
                return
            safe = complete - _held(text[:complete], stops, shown)
            if safe > shown:
                position = self.position
                yield text[shown:safe]
                shown = safe
                if self._streams != stream_id or self.position != position:
                    raise RuntimeError("the session was used elsewhere (another generate(), "
                                       "stream(), prefill(), decode() or reset()) while this "
                                       "stream() was paused; it cannot go on")
            if count == max_tokens or (bounded and self.position >= self.context):
                break
            logits = self.decode(token)
        text = tokenizer.decode(generated)
        cut = _find_stop(text, stops, shown)
        end = len(text) if cut is None else cut
        if end > shown:
            yield text[shown:end]


class _Sampler:
    """Picks a token id from logits: greedy, or temperature / top-k / top-p
    with a numpy Generator (stream() describes the rule)."""

    def __init__(self, temperature, top_k, top_p, seed):
        if not temperature >= 0 or not np.isfinite(temperature):
            raise ValueError(f"temperature must be finite and >= 0, got {temperature}")
        if top_k < 0:
            raise ValueError(f"top_k must be >= 0, got {top_k}")
        if not 0 < top_p <= 1:
            raise ValueError(f"top_p must be in (0, 1], got {top_p}")
        self.temperature, self.top_k, self.top_p = float(temperature), int(top_k), float(top_p)
        self.rng = np.random.default_rng(seed)

    def __call__(self, logits):
        logits = np.where(np.isnan(logits), -np.inf, logits)  # NaN counts as -inf
        if self.temperature == 0 or self.top_k == 1:
            return int(np.argmax(logits))  # the first maximum: the lowest id
        x = logits.astype(np.float64) / self.temperature
        if 0 < self.top_k < x.size:
            candidates = np.argpartition(-x, self.top_k - 1)[:self.top_k]
        else:
            candidates = np.arange(x.size)
        # Most likely first; the lower id first among equal logits.
        order = candidates[np.lexsort((candidates, -x[candidates]))]
        if not np.isfinite(x[order[0]]):
            return int(order[0])  # no finite logit to weigh
        p = np.exp(x[order] - x[order[0]])
        p /= p.sum()
        if self.top_p < 1:
            keep = int(np.searchsorted(np.cumsum(p), self.top_p)) + 1
            order, p = order[:keep], p[:keep]
        cdf = np.cumsum(p)
        index = int(np.searchsorted(cdf, self.rng.random() * cdf[-1], side="right"))
        return int(order[min(index, len(order) - 1)])


def _stop_strings(stop):
    stops = (stop,) if isinstance(stop, str) else tuple(stop)
    for s in stops:
        if not isinstance(s, str) or not s:
            raise ValueError(f"stop strings must be non-empty str, got {s!r}")
    return stops


def _find_stop(text, stops, start):
    """Where the first stop string to complete begins in `text` (searched
    from `start - len(stop) + 1`), or None."""
    best = None
    for s in stops:
        i = text.find(s, max(0, start - len(s) + 1))
        if i >= 0 and (best is None or (i + len(s), i) < best):
            best = (i + len(s), i)
    return None if best is None else best[1]


def _complete_end(text, shown):
    """The end of `text` without its trailing run of U+FFFD: bytes that the
    next token may complete into a character (or that stay ill-formed)."""
    end = len(text)
    while end > shown and text[end - 1] == "\ufffd":
        end -= 1
    return end


def _held(text, stops, shown):
    """Characters at the end of `text` (past `shown`) that could be the
    start of a stop string."""
    held = 0
    for s in stops:
        for n in range(min(len(s) - 1, len(text) - shown), held, -1):
            if text.endswith(s[:n]):
                held = n
                break
    return held


__all__ = ["Package", "Tokenizer", "KvCache", "Session", "devices", "API_VERSION"]
