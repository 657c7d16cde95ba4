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
    "qwen2": [QWEN2], "stablelm2": [QWEN2], "deepseek-r1-qwen": [QWEN2],
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
