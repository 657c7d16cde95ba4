#!/usr/bin/env python3
"""A small SentencePiece-BPE tokenizer (Llama 1/2, Mistral style), written as
tokenizer.json and as GGUF ``tokenizer.ggml.*`` keys from the same tables.

The vocabulary is laid out as Llama 2's: ``<unk>`` (unknown), ``<s>``,
``</s>`` (control), the 256 byte tokens ``<0x00>``..``<0xFF>``, then the
pieces by score, highest first: runs of "▁" (Llama has "▁▁", "▁▁▁▁"), the
tokens a `tokenizers` BPE trainer merged on a slice of tinyshakespeare (in
merge order), then the single characters of its alphabet; last a
user-defined token.  A piece's score is minus its rank, so the merges that
transformers derives from the scores (tokenizer_oracle.spm_merges) put the
trained merges in their order.

The alphabet is cut to the commonest characters, so digits, "&", newlines
and all of non-ASCII text fall back to byte tokens.

``tokenizer.json`` comes in the styles of real files:

* ``legacy`` (Llama 2, Mistral v0.1, TinyLlama): a Prepend("▁") + Replace(" ",
  "▁") normalizer, no pre-tokenizer; llama.cpp's add_space_prefix;
* ``first`` (transformers' ``legacy=False``, Mistral v0.3): no normalizer, a
  Metaspace pre-tokenizer that prepends "▁" only at the start of the text;
* ``always-split`` (``tokenizers.SentencePieceBPETokenizer``): Metaspace
  prepending "▁" unless the text starts with one, splitting at each "▁";
* ``no-prefix``: Replace only (GGUF ``add_space_prefix = false``).

The GGUF form holds tokens, scores, token types and no merges, as
llama.cpp's convert_hf_to_gguf.py writes a SentencePiece model.

CLI (writes a folder with tokenizer.json, tokenizer_config.json and a GGUF
file holding only the tokenizer keys)::

    python3 spm_models.py OUTDIR [--style legacy] [--vocab 1200]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from dataclasses import dataclass

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import tokenizer_oracle  # noqa: E402
from tokenizer_oracle import SPIECE_UNDERLINE as U  # noqa: E402

SHAKESPEARE = (pathlib.Path(__file__).resolve().parents[3] / "shared" / "data"
               / "tinyshakespeare.txt")
STYLES = ("legacy", "first", "always-split", "no-prefix")
UNK, BOS, EOS = "<unk>", "<s>", "</s>"
USER_TOKEN = "<|user|>"
NORMAL, UNKNOWN, CONTROL, USER_DEFINED, BYTE = 1, 2, 3, 4, 6
WHITESPACE_RUNS = [U * 2, U * 4, U * 3, U * 8]


@dataclass
class SpmVocab:
    tokens: list[str]
    scores: list[float]
    types: list[int]

    @property
    def unk_id(self) -> int:
        return self.tokens.index(UNK)

    @property
    def bos_id(self) -> int:
        return self.tokens.index(BOS)

    @property
    def eos_id(self) -> int:
        return self.tokens.index(EOS)


def training_text(chars: int = 300_000) -> str:
    return SHAKESPEARE.read_text(encoding="utf-8")[:chars]


def train_spm_vocab(vocab_size: int = 1200, alphabet: int = 56,
                    text: str | None = None) -> SpmVocab:
    """Deterministic: a `tokenizers` BPE trained on words ("▁" + word, as
    SentencePiece splits by whitespace) of the first 300 K characters of
    tinyshakespeare."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    tk = Tokenizer(models.BPE(unk_token=UNK))
    tk.normalizer = normalizers.Sequence([normalizers.Prepend(U), normalizers.Replace(" ", U)])
    tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement=U, prepend_scheme="never", split=True)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=2, limit_alphabet=alphabet,
                                  special_tokens=[], show_progress=False)
    tk.train_from_iterator((text or training_text()).splitlines(), trainer)
    model = json.loads(tk.to_str())["model"]
    merged = ["".join(m) if isinstance(m, list) else m.replace(" ", "") for m in model["merges"]]
    chars = sorted((t for t in model["vocab"] if len(t) == 1), key=model["vocab"].get)
    pieces = WHITESPACE_RUNS + [t for t in merged if t not in WHITESPACE_RUNS]
    pieces += [c for c in chars if c not in pieces]
    tokens = [UNK, BOS, EOS] + [f"<0x{b:02X}>" for b in range(256)] + pieces + [USER_TOKEN]
    types = [UNKNOWN, CONTROL, CONTROL] + [BYTE] * 256 + [NORMAL] * len(pieces) + [USER_DEFINED]
    scores = [0.0] * 259 + [-float(i) for i in range(len(pieces))] + [0.0]
    assert len(set(tokens)) == len(tokens)
    return SpmVocab(tokens, scores, types)


def hf_tokenizer(v: SpmVocab, style: str = "legacy", add_bos: bool = True):
    """The `tokenizers.Tokenizer` of `v` in a tokenizer.json style (above)."""
    from tokenizers import AddedToken, Tokenizer, models, normalizers, pre_tokenizers, processors
    if style not in STYLES:
        raise ValueError(f"style {style!r} not in {STYLES}")
    vocab = {t: i for i, t in enumerate(v.tokens)}
    tk = Tokenizer(models.BPE(vocab=vocab, merges=tokenizer_oracle.spm_merges(v.tokens, v.scores),
                              unk_token=UNK, fuse_unk=True, byte_fallback=True))
    if style == "legacy":
        tk.normalizer = normalizers.Sequence([normalizers.Prepend(U), normalizers.Replace(" ", U)])
    elif style == "no-prefix":
        tk.normalizer = normalizers.Sequence([normalizers.Replace(" ", U)])
    elif style == "first":
        tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement=U, prepend_scheme="first",
                                                    split=False)
    else:
        tk.pre_tokenizer = pre_tokenizers.Metaspace(replacement=U, prepend_scheme="always",
                                                    split=True)
    tk.decoder = tokenizer_oracle.spm_decoder(style != "no-prefix")
    tk.add_special_tokens([AddedToken(t, special=True, normalized=False)
                           for t in (UNK, BOS, EOS)])
    tk.add_tokens([AddedToken(USER_TOKEN, special=False, normalized=False)])
    if add_bos:
        tk.post_processor = processors.TemplateProcessing(
            single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, v.bos_id)])
    return tk


def tokenizer_config(add_bos: bool = True) -> dict:
    """tokenizer_config.json beside tokenizer.json."""
    return {"bos_token": BOS, "eos_token": EOS, "unk_token": UNK, "add_bos_token": add_bos,
            "add_eos_token": False, "legacy": True, "tokenizer_class": "LlamaTokenizerFast"}


def add_gguf_tokenizer(writer, v: SpmVocab, add_bos: bool = True,
                       add_space_prefix: bool = True) -> None:
    """The tokenizer.ggml.* keys of `v` on a gguf.GGUFWriter (llama.cpp's
    SentencePiece layout: tokens, scores, token types, no merges)."""
    writer.add_tokenizer_model("llama")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(v.tokens)
    writer.add_token_scores(v.scores)
    writer.add_token_types(v.types)
    writer.add_bos_token_id(v.bos_id)
    writer.add_eos_token_id(v.eos_id)
    writer.add_unk_token_id(v.unk_id)
    writer.add_add_bos_token(add_bos)
    writer.add_add_eos_token(False)
    writer.add_add_space_prefix(add_space_prefix)


def write_tokenizer_files(outdir, v: SpmVocab | None = None, style: str = "legacy",
                          add_bos: bool = True) -> dict[str, pathlib.Path]:
    """tokenizer.json + tokenizer_config.json in OUTDIR/hf-STYLE and a
    tokenizer-only GGUF file (no tensors: the oracle reads it, sinkc does
    not import it)."""
    import gguf
    v = v or train_spm_vocab()
    outdir = pathlib.Path(outdir)
    folder = outdir / f"hf-{style}"
    folder.mkdir(parents=True, exist_ok=True)
    hf_tokenizer(v, style, add_bos).save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config(add_bos), indent=2))
    path = outdir / f"spm-{style}.gguf"
    w = gguf.GGUFWriter(str(path), "llama")
    add_gguf_tokenizer(w, v, add_bos, style != "no-prefix")
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return {"hf": folder, "gguf": path}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="write a small SentencePiece-BPE tokenizer")
    ap.add_argument("outdir")
    ap.add_argument("--style", default="legacy", choices=STYLES)
    ap.add_argument("--vocab", type=int, default=1200)
    a = ap.parse_args(argv)
    for k, p in write_tokenizer_files(a.outdir, train_spm_vocab(a.vocab), a.style).items():
        print(k, p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
