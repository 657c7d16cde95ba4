"""The runtime's SentencePiece-BPE tokenizer (kind "llama": Llama 1/2,
Mistral) against the HF `tokenizers` oracle, on a small vocabulary trained on
tinyshakespeare (test/oracle/spm_models.py) inside a tiny model written both
as a GGUF file (tokens, scores, token types; no merges) and as a Hugging Face
folder (tokenizer.json): all of tinyshakespeare, the Unicode stress text
(test/runtime/data/unicode_stress.txt), random texts, every code point,
decoding, special tokens, the tokenizer.json styles of real files, the two
forms against each other, and the package path (sinkc-pack, then
sinkc.runtime.Tokenizer)."""
import pathlib
import random
import re
import struct
import subprocess
import sys
import time
import unicodedata

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "test" / "oracle"))
import tokenizer_oracle  # noqa: E402
from test_tokenizer import assert_same_ids, decode, encode, encode_many, tool  # noqa: E402

SHAKESPEARE = ROOT.parent / "shared" / "data" / "tinyshakespeare.txt"
STRESS = (pathlib.Path(__file__).parent / "data" / "unicode_stress.txt").read_text(encoding="utf-8")
FORMS = ["gguf", "hf"]


def write_spm_tiny(outdir, style="legacy", add_bos=True):
    from tiny_models import TinySpec, write_tiny
    return write_tiny(outdir, TinySpec(tokenizer="spm", spm_style=style, add_bos=add_bos))


@pytest.fixture(scope="module")
def spm(tmp_path_factory):
    """{'gguf': path, 'hf': folder} of the tiny model, Llama 2's tokenizer style."""
    return write_spm_tiny(tmp_path_factory.mktemp("spm"))


@pytest.fixture(scope="module")
def oracles(spm):
    return {form: tokenizer_oracle.load_tokenizer(spm[form]) for form in FORMS}


def random_texts(seed, count=400):
    rnd = random.Random(seed)
    alphabet = (list("aAbZ zeTthHrRoO'sS\t\n\r   0123456789.,!?-_\"()[]<>|/\\$+=^~`@#%&*:;")
                + ["the", " the", "Romeo", " thou", "  ", "\u2581", "\u2581\u2581", "中",
                   "日本", "한국어", "😀", "👨\u200d👩\u200d👧", "e\u0301", "\u0085", "\u00a0",
                   "\u2003", "\u3000", "\u200b", "ǅ", "ß", "İ", "Ω", "𝔘", "<s>", "</s>",
                   "<unk>", "<|user|>", "<0x41>", "<0x", "\ufeff"])
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
            for _ in range(count)]


def encode_timed(build_dir, model, text):
    """(ids, seconds) of one text through sinkrt-tokenize --time."""
    proc = subprocess.run([str(tool(build_dir)), str(model), "--time"], input=text.encode(),
                          capture_output=True, check=True)
    seconds = float(re.search(rb"in ([0-9.]+) s", proc.stderr).group(1))
    return [int(x) for x in proc.stdout.split()], seconds


# --------------------------------------------------------------------------
# Each form against its oracle
# --------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_tinyshakespeare_equals_oracle(build_dir, spm, oracles, form):
    text = SHAKESPEARE.read_text(encoding="utf-8")
    ids, seconds = encode_timed(build_dir, spm[form], text)
    start = time.perf_counter()
    want = oracles[form].encode(text)
    oracle_seconds = time.perf_counter() - start
    assert_same_ids(want, ids, f"{form}: tinyshakespeare")
    assert ids[0] == 1 and len(ids) > 400_000
    print(f"\nSentencePiece ({form}): {len(text)} bytes -> {len(ids)} tokens in {seconds:.3f} s "
          f"({len(text) / seconds / 1e6:.1f} MB/s); HF tokenizers {oracle_seconds:.3f} s")
    # The whole text is one word between special tokens: still fast.
    assert seconds < 5.0
    assert decode(build_dir, spm[form], ids, "--skip-special") == text
    assert oracles[form].decode(ids, skip_special=True) == text


@pytest.mark.parametrize("form", FORMS)
def test_stress_text_equals_oracle(build_dir, spm, oracles, form):
    oracle = oracles[form]
    for args, add_bos in (((), None), (("--no-bos",), False)):
        ids = encode(build_dir, spm[form], STRESS, *args)
        assert_same_ids(oracle.encode(STRESS, add_bos=add_bos), ids, f"{form}: stress {args}")
    # Byte fallback happened: scripts the vocabulary does not cover.
    assert any(3 <= i < 259 for i in ids)
    for args, skip in (((), False), (("--skip-special",), True)):
        want = oracle.decode(ids, skip_special=skip)
        assert decode(build_dir, spm[form], ids, *args) == want
        assert decode(build_dir, spm[form], ids, "--stream", *args) == want


@pytest.mark.parametrize("form", FORMS)
def test_random_texts_equal_oracle(build_dir, spm, oracles, form):
    oracle = oracles[form]
    texts = random_texts(1)
    got = encode_many(build_dir, spm[form], texts, "--no-bos")
    for text, ids in zip(texts, got):
        assert_same_ids(oracle.encode(text, add_bos=False), ids, f"{form}: {text!r}")
    # Decoding every list at once crosses all the texts' boundaries.
    ids = [i for g in got for i in g]
    for args, skip in (((), False), (("--skip-special",), True)):
        want = oracle.decode(ids, skip_special=skip)
        assert decode(build_dir, spm[form], ids, *args) == want
        assert decode(build_dir, spm[form], ids, "--stream", *args) == want


def test_every_code_point_equals_oracle(build_dir, spm, oracles):
    # Each assigned code point between letters and after a space: its own
    # token, or its byte tokens.
    cps = [c for c in range(1, 0x110000)
           if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) != "Cn"]
    texts = ["".join(f"a{chr(c)} {chr(c)}e" for c in cps[i:i + 64])
             for i in range(0, len(cps), 64)]
    got = encode_many(build_dir, spm["hf"], texts, "--no-bos")
    want = [e.ids for e in oracles["hf"].tk.encode_batch(texts, add_special_tokens=False)]
    bad = [hex(cps[i * 64]) for i, (w, g) in enumerate(zip(want, got)) if w != g]
    assert not bad, f"chunks starting at {bad[:10]} differ"


@pytest.mark.parametrize("form", FORMS)
def test_special_tokens(build_dir, spm, oracles, form):
    chat = "<s>[INST] Who art thou? [/INST] Romeo</s><s>[INST] And<|user|>thee?<unk> [/INST]"
    ids = encode(build_dir, spm[form], chat, "--no-bos")
    assert_same_ids(oracles[form].encode(chat, add_bos=False), ids, "chat")
    assert ids.count(1) == 2 and ids.count(2) == 1 and ids.count(0) == 1
    user = oracles[form].tk.token_to_id("<|user|>")
    assert user in ids
    # Without special parsing control tokens are text; user-defined ones
    # are always recognized.
    plain = encode(build_dir, spm[form], chat, "--no-bos", "--no-special")
    assert not {0, 1, 2} & set(plain) and user in plain
    # (The text after <|user|> got its own "▁", as a text after any special
    # token does.)
    assert decode(build_dir, spm[form], plain) == oracles[form].decode(plain) == \
        chat.replace("<|user|>", "<|user|> ")
    assert decode(build_dir, spm[form], ids) == oracles[form].decode(ids)


def test_gguf_and_hf_give_the_same_ids(build_dir, spm):
    texts = [STRESS, SHAKESPEARE.read_text(encoding="utf-8")[:200_000]] + random_texts(2, 300)
    assert encode_many(build_dir, spm["gguf"], texts) == encode_many(build_dir, spm["hf"], texts)
    assert encode_many(build_dir, spm["gguf"], texts, "--no-bos") == \
        encode_many(build_dir, spm["hf"], texts, "--no-bos")


# --------------------------------------------------------------------------
# tokenizer.json styles (spm_models.STYLES) and GGUF add_space_prefix = false
# --------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["first", "always-split", "no-prefix"])
def test_style_equals_oracle(build_dir, tmp_path, style):
    paths = write_spm_tiny(tmp_path, style)
    # GGUF has only add_space_prefix: no-prefix has a GGUF form.
    for form in ["hf", "gguf"] if style == "no-prefix" else ["hf"]:
        oracle = tokenizer_oracle.load_tokenizer(paths[form])
        texts = [STRESS, SHAKESPEARE.read_text(encoding="utf-8")[:50_000]] + random_texts(3, 300)
        got = encode_many(build_dir, paths[form], texts)
        for text, ids in zip(texts, got):
            assert_same_ids(oracle.encode(text), ids, f"{style} {form}: {text[:40]!r}")
        ids = [i for g in got for i in g]
        assert decode(build_dir, paths[form], ids) == oracle.decode(ids)
        assert decode(build_dir, paths[form], ids, "--stream", "--skip-special") == \
            oracle.decode(ids, skip_special=True)


def test_tokens_with_inner_spaces_equal_oracle(build_dir, tmp_path):
    # SentencePiece never makes a piece with "▁" after another character;
    # with one the runtime merges the whole text at once instead of word by
    # word. Three merged pieces are replaced by such pieces.
    import spm_models
    from tiny_models import TinySpec, make_weights, write_gguf
    paths = write_spm_tiny(tmp_path)
    v = spm_models.train_spm_vocab()
    inner = [",\u2581and", "e\u2581", "\u2581of\u2581the"]
    assert not set(inner) & set(v.tokens)
    at = v.tokens.index("\u2581the") + 1
    v.tokens[at:at + 3] = inner
    spm_models.hf_tokenizer(v).save(str(paths["hf"] / "tokenizer.json"))
    spec = TinySpec(tokenizer="spm")
    paths["gguf"] = write_gguf(tmp_path / "inner.gguf", spec, make_weights(spec, len(v.tokens)),
                               "f32", None, v)
    texts = [STRESS, SHAKESPEARE.read_text(encoding="utf-8")[:100_000]] + random_texts(6, 200)
    for form in FORMS:
        oracle = tokenizer_oracle.load_tokenizer(paths[form])
        got = encode_many(build_dir, paths[form], texts)
        for text, ids in zip(texts, got):
            assert_same_ids(oracle.encode(text), ids, f"{form}: {text[:40]!r}")
        assert any(oracle.tk.token_to_id(t) in got[1] for t in inner)


def test_unsupported_tokenizer_json_is_one_error(build_dir, tmp_path):
    # tokenizers.SentencePieceBPETokenizer's NFKC normalizer: the runtime
    # would tokenize differently, so it is refused.
    import json
    paths = write_spm_tiny(tmp_path)
    tj = paths["hf"] / "tokenizer.json"
    data = json.loads(tj.read_text())
    data["normalizer"] = {"type": "NFKC"}
    tj.write_text(json.dumps(data))
    proc = subprocess.run([str(tool(build_dir)), str(paths["hf"])], input=b"x",
                          capture_output=True)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert err.startswith("sinkrt-tokenize: ") and "field 'normalizer': 'NFKC'" in err, err


# --------------------------------------------------------------------------
# The package path: sinkc-pack, the tokenizer section, sinkc.runtime
# --------------------------------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_package_tokenizer_equals_oracle(build_dir, spm, oracles, tmp_path, form):
    from test_package import KIND_TOKENIZER, pack, read_package
    sys.path.insert(0, str(build_dir / "python_packages"))
    import sinkc.runtime as rt
    out = tmp_path / f"{form}.sinkpkg"
    pack(build_dir, spm[form], out)
    manifest, sections = read_package(out)
    assert manifest["tokenizer"]["kind"] == "llama"
    (offset, _, _), = sections[KIND_TOKENIZER]
    with open(out, "rb") as f:
        f.seek(offset)
        tokens, merges, flags, options = struct.unpack("<IIII", f.read(16))
    # Scores (bit 0) and SentencePiece options (bit 1): prefix every text,
    # byte fallback, strip one space; GGUF has scores, tokenizer.json merges.
    assert flags & 2 and options == 0x1 | 0x8 | 0x10
    assert (flags & 1, merges > 0) == ((1, False) if form == "gguf" else (0, True))

    tok = rt.Tokenizer(rt.Package(out))
    oracle = oracles[form]
    for text in [STRESS, "<s>[INST] hi [/INST]</s>", ""] + random_texts(4, 100):
        ids = [int(i) for i in tok.encode(text, parse_special=True)]
        assert_same_ids(oracle.encode(text), ids, f"package {form}: {text[:40]!r}")
        assert tok.decode(ids) == oracle.decode(ids)
        assert tok.decode(ids, skip_special=True) == oracle.decode(ids, skip_special=True)
    assert [int(i) for i in tok.encode("Romeo", add_bos=False)] == \
        oracle.encode("Romeo", add_bos=False)
