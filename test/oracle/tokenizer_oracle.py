#!/usr/bin/env python3
"""Tokenizer oracle: the HF `tokenizers` package, fed from GGUF or tokenizer.json.

For a GGUF file with ``tokenizer.ggml.model = gpt2`` (byte-level BPE) this
builds a ``tokenizers.Tokenizer`` from the stored tokens and merges, with the
pre-tokenizer llama.cpp uses for ``tokenizer.ggml.pre`` (the split regexes of
llama.cpp's src/llama-vocab.cpp, applied in order, each isolating its matches,
then the GPT-2 byte-to-unicode mapping), a ByteLevel decoder, and the
control (type 3) / user-defined (type 4) tokens as added tokens that are never
split.  BOS is prepended when ``tokenizer.ggml.add_bos_token`` says so (absent
means no).  For a Hugging Face folder it loads ``tokenizer.json`` as is.

For ``tokenizer.ggml.model = llama`` (SentencePiece BPE: Llama 1/2, Mistral)
it builds what transformers' GGUF converter builds: a BPE model with byte
fallback and fused unknowns whose merges come from the scores
(``spm_merges``), spaces replaced by "▁" with one "▁" prepended to each text
between special tokens (``tokenizer.ggml.add_space_prefix``, default true, as
llama.cpp), and the Replace / ByteFallback / Fuse / Strip decoder.  Unknown
(type 2) and control (type 3) tokens are special, as in llama.cpp's
tokenizer_st_partition; user-defined (type 4) tokens are added tokens.

No sinkc code is used.

CLI::

    python3 tokenizer_oracle.py MODEL --encode "text"
    python3 tokenizer_oracle.py MODEL --decode 1,2,3
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Sequence

# llama.cpp's split regexes per tokenizer.ggml.pre name (src/llama-vocab.cpp,
# llm_tokenizer_bpe).  They are matched by Oniguruma here; llama.cpp adapted
# them from the models' tokenizer.json, where Oniguruma is the reference engine.
GPT2 = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)"
LLAMA3 = (r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+"
          r"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2 = (r"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+"
         r"|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
DEFAULT = [r"[\p{P}\$\+<=>\^~\|]+", GPT2, r"\p{N}+", r"[0-9][0-9][0-9]"]
# Tekken (Mistral Nemo) and o200k (GPT-4o, Llama 4), as their tokenizer.json
# files write them: cased-letter runs by Unicode category.
_UPPER = r"[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]"
_LOWER = r"[\p{Ll}\p{Lm}\p{Lo}\p{M}]"
_CONTRACTION = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
TEKKEN = (rf"[^\r\n\p{{L}}\p{{N}}]?{_UPPER}*{_LOWER}+|[^\r\n\p{{L}}\p{{N}}]?{_UPPER}+{_LOWER}*"
          r"|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+")
GPT4O = (rf"[^\r\n\p{{L}}\p{{N}}]?{_UPPER}*{_LOWER}+{_CONTRACTION}"
         rf"|[^\r\n\p{{L}}\p{{N}}]?{_UPPER}+{_LOWER}*{_CONTRACTION}"
         r"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+")
# DeepSeek LLM / Coder: newlines, then letters, punctuation, CJK and digits,
# each split off by its own regex.  DeepSeek LLM's letters are the explicit
# class of cased letters llama.cpp spells out (kept as escapes: a literal
# would be NFC-normalized by editors, e.g. U+1F7D to U+03CE).
_CJK = "[\u4e00-\u9fa5\u0800-\u4e00\uac00-\ud7ff]+"
_DEEPSEEK_LETTERS = (
    "\\s?[A-Za-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u01ba\u01bc-\u01bf"
    "\u01c4-\u0293\u0295-\u02af\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f"
    "\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03f5\u03f7-\u0481"
    "\u048a-\u052f\u0531-\u0556\u10a0-\u10c5\u13a0-\u13f5\u13f8-\u13fd"
    "\u1c90-\u1cba\u1cbd-\u1cbf\u1d00-\u1d2b\u1d6b-\u1d77\u1d79-\u1d9a"
    "\u1e00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59"
    "\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4"
    "\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4"
    "\u1ff6-\u1ffc\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126"
    "\u2128\u212a-\u212d\u212f-\u2134\u2139\u213c-\u213f\u2145-\u2149\u214e"
    "\u2183\u2184\u2c00-\u2c7b\u2c7e-\u2ce4\u2ceb-\u2cee\u2cf2\u2cf3"
    "\ua640-\ua66d\ua680-\ua69b\ua722-\ua76f\ua771-\ua787\ua78b-\ua78e"
    "\uab70-\uabbf\ufb00-\ufb06\ufb13-\ufb17\uff21-\uff3a\uff41-\uff5a"
    "\U00010400-\U0001044f\U000104b0-\U000104d3\U000104d8-\U000104fb"
    "\U00010c80-\U00010cb2\U00010cc0-\U00010cf2\U000118a0-\U000118df"
    "\U0001e900-\U0001e943]+")
DEEPSEEK_LLM = ["[\r\n]", _DEEPSEEK_LETTERS,
                "\\s?[!-/:-~\uff01-\uff0f\uff1a-\uff5e\u2018-\u201f\u3000-\u3002]+",
                r"\s+$", _CJK, r"\p{N}+"]
DEEPSEEK_CODER = ["[\r\n]", r"\s?\p{L}+", r"\s?\p{P}+", _CJK, r"\p{N}"]
FALCON = [r"[\p{P}\$\+<=>\^~\|`]+", GPT2, r"[0-9][0-9][0-9]"]

PRE_TOKENIZERS: dict[str, list[str]] = {
    "default": DEFAULT,
    # LLAMA_VOCAB_PRE_TYPE_LLAMA3
    "llama3": [LLAMA3], "llama-v3": [LLAMA3], "llama-bpe": [LLAMA3], "falcon3": [LLAMA3],
    # LLAMA_VOCAB_PRE_TYPE_GPT2 ("gpt2" is accepted as an alias of llama.cpp's "gpt-2")
    "gpt-2": [GPT2], "gpt2": [GPT2], "phi-2": [GPT2], "mpt": [GPT2], "olmo": [GPT2],
    # LLAMA_VOCAB_PRE_TYPE_SMOLLM and the types that share its regexes
    "smollm": [r"\p{N}", GPT2], "starcoder": [r"\p{N}", GPT2], "refact": [r"\p{N}", GPT2],
    "command-r": [r"\p{N}", GPT2], "codeshell": [r"\p{N}", GPT2], "exaone": [r"\p{N}", GPT2],
    # LLAMA_VOCAB_PRE_TYPE_QWEN2
    "qwen2": [QWEN2], "stablelm2": [QWEN2], "deepseek-r1-qwen": [QWEN2], "megrez": [QWEN2],
    # types llama.cpp gives the regexes of another
    "dbrx": [LLAMA3], "smaug-bpe": [LLAMA3], "chatglm-bpe": [LLAMA3],
    "jais": [GPT2], "minerva-7b": [r"\p{N}", GPT2],
    "deepseek-llm": DEEPSEEK_LLM, "deepseek-coder": DEEPSEEK_CODER, "falcon": FALCON,
    "tekken": [TEKKEN], "gpt-4o": [GPT4O], "llama4": [GPT4O],
}
IGNORE_MERGES = {"llama3", "llama-v3", "llama-bpe", "falcon3"}  # llama.cpp sets ignore_merges

TOKEN_TYPE_NORMAL, TOKEN_TYPE_CONTROL, TOKEN_TYPE_USER_DEFINED = 1, 3, 4
TOKEN_TYPE_UNKNOWN, TOKEN_TYPE_BYTE = 2, 6
SPIECE_UNDERLINE = "\u2581"


def _split_merge(m: str) -> tuple[str, str]:
    """'a b' -> ('a', 'b'); byte-level tokens never contain a literal space."""
    a, sep, b = m.partition(" ")
    if not sep or not a or not b:
        raise ValueError(f"malformed merge {m!r}")
    return a, b


def build_bpe_tokenizer(tokens: Sequence[str], merges: Sequence[str], pre: str,
                        token_types: Sequence[int] | None = None):
    """A byte-level BPE `tokenizers.Tokenizer` equivalent to llama.cpp's for `pre`."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers
    if pre not in PRE_TOKENIZERS:
        raise ValueError(f"unsupported tokenizer.ggml.pre {pre!r} (known: {sorted(PRE_TOKENIZERS)})")
    vocab: dict[str, int] = {}
    for i, t in enumerate(tokens):
        vocab.setdefault(t, i)
    bpe = models.BPE(vocab=vocab, merges=[_split_merge(m) for m in merges],
                     ignore_merges=pre in IGNORE_MERGES)
    tk = Tokenizer(bpe)
    splits = [pre_tokenizers.Split(Regex(r), behavior="isolated") for r in PRE_TOKENIZERS[pre]]
    tk.pre_tokenizer = pre_tokenizers.Sequence(
        splits + [pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tk.decoder = decoders.ByteLevel()
    if token_types is not None:
        special = [AddedToken(tokens[i], special=True, normalized=False)
                   for i, ty in enumerate(token_types) if ty == TOKEN_TYPE_CONTROL]
        user = [AddedToken(tokens[i], special=False, normalized=False)
                for i, ty in enumerate(token_types) if ty == TOKEN_TYPE_USER_DEFINED]
        tk.add_special_tokens(special)
        tk.add_tokens(user)
    return tk


def spm_merges(tokens: Sequence[str], scores: Sequence[float]) -> list[tuple[str, str]]:
    """The merges of a SentencePiece vocabulary, as transformers'
    SentencePieceExtractor derives them: every split of a token into two
    tokens, ordered by the token's score (highest first), then by the token's
    id, then by the ids of the two halves.  (llama.cpp merges the pair whose
    token scores highest, leftmost on ties; the two agree except where two
    splits of one token compete at once.)"""
    ids: dict[str, int] = {}
    for i, t in enumerate(tokens):
        ids.setdefault(t, i)
    found = []
    for token, i in ids.items():
        local = [(ids[token[:k]], ids[token[k:]], token[:k], token[k:])
                 for k in range(1, len(token)) if token[:k] in ids and token[k:] in ids]
        found += [(-float(scores[i]), i, li, ri, left, right)
                  for li, ri, left, right in sorted(local)]
    found.sort(key=lambda m: m[:4])
    return [(m[4], m[5]) for m in found]


def spm_decoder(strip_prefix: bool):
    """The decoder of Llama / Mistral tokenizer.json files."""
    from tokenizers import decoders
    steps = [decoders.Replace(SPIECE_UNDERLINE, " "), decoders.ByteFallback(), decoders.Fuse()]
    if strip_prefix:
        steps.append(decoders.Strip(content=" ", left=1, right=0))
    return decoders.Sequence(steps)


def build_spm_tokenizer(tokens: Sequence[str], scores: Sequence[float],
                        token_types: Sequence[int] | None, unk_id: int | None,
                        add_space_prefix: bool = True):
    """A SentencePiece-BPE `tokenizers.Tokenizer` equivalent to llama.cpp's
    (llm_tokenizer_spm) for a GGUF vocabulary."""
    from tokenizers import AddedToken, Tokenizer, models, normalizers
    vocab: dict[str, int] = {}
    for i, t in enumerate(tokens):
        vocab.setdefault(t, i)
    unk = tokens[unk_id] if unk_id is not None and unk_id >= 0 else None
    tk = Tokenizer(models.BPE(vocab=vocab, merges=spm_merges(tokens, scores), unk_token=unk,
                              fuse_unk=True, byte_fallback=True))
    steps = [normalizers.Prepend(SPIECE_UNDERLINE)] if add_space_prefix else []
    tk.normalizer = normalizers.Sequence(steps + [normalizers.Replace(" ", SPIECE_UNDERLINE)])
    tk.decoder = spm_decoder(add_space_prefix)
    if token_types is not None:
        special = [AddedToken(tokens[i], special=True, normalized=False)
                   for i, ty in enumerate(token_types)
                   if ty in (TOKEN_TYPE_CONTROL, TOKEN_TYPE_UNKNOWN)]
        user = [AddedToken(tokens[i], special=False, normalized=False)
                for i, ty in enumerate(token_types) if ty == TOKEN_TYPE_USER_DEFINED]
        tk.add_special_tokens(special)
        tk.add_tokens(user)
    return tk


class TokenizerOracle:
    """encode(text) -> ids and decode(ids) -> text around a HF Tokenizer."""

    def __init__(self, tk, bos_id: int | None, add_bos: bool, eos_id: int | None,
                 from_tokenizer_json: bool, source: str):
        self.tk = tk
        self.bos_id = bos_id
        self.add_bos = add_bos
        self.eos_id = eos_id
        self.from_tokenizer_json = from_tokenizer_json
        self.source = source

    def encode(self, text: str, add_bos: bool | None = None) -> list[int]:
        """Token ids; BOS as the model says unless `add_bos` overrides it.

        For tokenizer.json the post-processor decides the special tokens
        (add_bos=False turns them off)."""
        if self.from_tokenizer_json:
            return self.tk.encode(text, add_special_tokens=add_bos is not False).ids
        ids = self.tk.encode(text, add_special_tokens=False).ids
        want = self.add_bos if add_bos is None else add_bos
        if want:
            if self.bos_id is None:
                raise ValueError(f"{self.source}: BOS requested but no bos_token_id")
            ids = [int(self.bos_id)] + ids
        return ids

    def decode(self, ids: Sequence[int], skip_special: bool = False) -> str:
        """Text of `ids` (byte-level; invalid UTF-8 becomes U+FFFD)."""
        return self.tk.decode([int(i) for i in ids], skip_special_tokens=skip_special)

    def token_text(self, i: int) -> str | None:
        """The vocabulary string of one id."""
        return self.tk.id_to_token(int(i))

    @property
    def vocab_size(self) -> int:
        return self.tk.get_vocab_size(with_added_tokens=True)


def from_gguf(path) -> TokenizerOracle:
    """Build the oracle from a GGUF file's tokenizer.ggml.* metadata."""
    import gguf
    r = gguf.GGUFReader(str(path))
    get = lambda k, d=None: d if r.fields.get(k) is None else r.fields[k].contents()  # noqa: E731
    model = get("tokenizer.ggml.model")
    if model == "llama":
        tk = build_spm_tokenizer(get("tokenizer.ggml.tokens"), get("tokenizer.ggml.scores"),
                                 get("tokenizer.ggml.token_type"),
                                 get("tokenizer.ggml.unknown_token_id"),
                                 bool(get("tokenizer.ggml.add_space_prefix", True)))
        # llama.cpp adds BOS to SentencePiece vocabularies unless told not to.
        return TokenizerOracle(tk, get("tokenizer.ggml.bos_token_id"),
                               bool(get("tokenizer.ggml.add_bos_token", True)),
                               get("tokenizer.ggml.eos_token_id"), False, str(path))
    if model != "gpt2":
        raise ValueError(f"{path}: tokenizer.ggml.model {model!r} unsupported "
                         "(only 'gpt2' byte-level BPE and 'llama' SentencePiece BPE)")
    tk = build_bpe_tokenizer(get("tokenizer.ggml.tokens"), get("tokenizer.ggml.merges", []),
                             get("tokenizer.ggml.pre", "default"), get("tokenizer.ggml.token_type"))
    return TokenizerOracle(tk, get("tokenizer.ggml.bos_token_id"),
                           bool(get("tokenizer.ggml.add_bos_token", False)),
                           get("tokenizer.ggml.eos_token_id"), False, str(path))


def from_hf_folder(folder) -> TokenizerOracle:
    """Load tokenizer.json from a Hugging Face folder."""
    from tokenizers import Tokenizer
    folder = pathlib.Path(folder)
    tk = Tokenizer.from_file(str(folder / "tokenizer.json"))
    conf = {}
    if (folder / "config.json").exists():
        conf = json.loads((folder / "config.json").read_text())
    return TokenizerOracle(tk, conf.get("bos_token_id"), True, conf.get("eos_token_id"),
                           True, str(folder))


def load_tokenizer(path) -> TokenizerOracle:
    """The oracle for a .gguf file or a HF folder."""
    p = pathlib.Path(path)
    return from_hf_folder(p) if p.is_dir() else from_gguf(p)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="HF tokenizers oracle for GGUF / HF models")
    ap.add_argument("model")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--encode", metavar="TEXT")
    g.add_argument("--decode", metavar="IDS", help="comma-separated ids")
    ap.add_argument("--no-bos", action="store_true")
    args = ap.parse_args(argv)
    tok = load_tokenizer(args.model)
    if args.encode is not None:
        print(json.dumps(tok.encode(args.encode, add_bos=False if args.no_bos else None)))
    else:
        print(json.dumps(tok.decode([int(x) for x in args.decode.split(",") if x.strip()])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
