"""The runtime tokenizer (sinkrt, via build/bin/sinkrt-tokenize) against the
HF `tokenizers` oracle (test/oracle/tokenizer_oracle.py): the whole of
tinyshakespeare, Unicode stress text, every code point, decoding, special
tokens, the tiny models in both formats and every pre-tokenizer name the
oracle knows."""
import pathlib
import random
import re
import subprocess
import sys
import unicodedata

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "test" / "oracle"))
import tokenizer_oracle  # noqa: E402

SHAKESPEARE = ROOT.parent / "shared" / "data" / "tinyshakespeare.txt"

# Scripts, emoji (with skin tones, ZWJ families, flags, keycaps), combining
# marks, digit runs in several scripts, every kind of whitespace run and
# contractions in all cases: the places where pre-tokenizers differ.
STRESS = (
    "Hello, World! It's, it'S, IT'S; we're WE'RE We'Re; I've I'VE; I'm I'M; "
    "we'll WE'LL; he'd HE'D; don't DON'T. 'tis 'Twas ''s '\n"
    "数字 12345678901234 and ٠١٢٣٤٥٦٧٨٩ and ①②③ and ½¾ and 3.14159e-10\n"
    "中文字符测试，日本語のテキスト、한국어 텍스트。Ελληνικά Русский текст עברית العربية हिन्दी\n"
    "emoji 😀😃🙂 👍🏽 👨‍👩‍👧‍👦 👩🏾‍💻 🏳️‍🌈 🇫🇷🇯🇵 1️⃣ ❤️ ✈︎\n"
    "combining: e\u0301 a\u0300\u0316 n\u0303\u0323 Z\u0351\u0352\u0353 \u0915\u094d\u0937 "
    "precomposed é vs decomposed e\u0301; ﬁ ligature; ß ẞ İ ı ǅ\n"
    "whitespace:  two   three    four\t\ttabs\t \t mixed\u00a0nbsp\u2003em\u3000ideo\u2028ls "
    "\u0085nel \u180evs\u200bzwsp\r\n\r\ncrlf\n\n\nthree newlines   \n   \t\n"
    "trailing spaces    \n" + " " * 300 + "long run\n" + "\t" * 64 + "tabs\n"
    "code: def f(x): return x**2 + 1  # comment\n    if a<=b and c!=d: pass\n"
    "punct !!! ??? ... --- ___ *** ((( ))) [[[ ]]] {{{ }}} <<< >>> ||| $$$ ^^^ ~~~ ```\n"
    "mixed: abc123def ABC١٢٣ x²y³ 10km/h 50% $9.99 €5 ¥100 #tag @user a.b.c\n"
)


def tool(build_dir):
    exe = build_dir / "bin" / "sinkrt-tokenize"
    assert exe.exists(), f"{exe} is not built"
    return exe


def run_tool(build_dir, model, data: bytes, *args) -> bytes:
    proc = subprocess.run([str(tool(build_dir)), str(model), *args], input=data,
                          capture_output=True)
    if proc.returncode != 0:
        raise AssertionError(f"sinkrt-tokenize {model} {' '.join(args)} failed "
                             f"({proc.returncode}):\n{proc.stderr.decode()}")
    return proc.stdout


def encode(build_dir, model, text: str, *args) -> list[int]:
    out = run_tool(build_dir, model, text.encode(), *args).decode()
    return [int(x) for x in out.split()]


def encode_many(build_dir, model, texts, *args) -> list[list[int]]:
    """One tool run for many texts (NUL-separated)."""
    assert not any("\0" in t for t in texts)
    out = run_tool(build_dir, model, "\0".join(texts).encode(), "--nul", *args).decode()
    lines = out.split("\n")[:len(texts)]
    return [[int(x) for x in line.split()] for line in lines]


def decode(build_dir, model, ids, *args) -> str:
    out = run_tool(build_dir, model, " ".join(map(str, ids)).encode(), "--decode", *args)
    return out.decode("utf-8")  # strict: the tool must print valid UTF-8


def byte_char(b: int) -> str:
    """GPT-2's spelling of byte `b` (bytes_to_unicode)."""
    printable = [*range(0x21, 0x7F), *range(0xA1, 0xAD), *range(0xAE, 0x100)]
    if b in printable:
        return chr(b)
    return chr(256 + [x for x in range(256) if x not in printable].index(b))


def first_difference(a, b):
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"first difference at {i}: oracle {a[i:i + 8]} vs sinkrt {b[i:i + 8]}"


def assert_same_ids(oracle_ids, ids, what):
    assert ids == oracle_ids, f"{what}: {first_difference(oracle_ids, ids)}"


def oracle_with_pre(vocab, pre):
    """The oracle of a GGUF file's vocabulary with another pre-tokenizer."""
    tk = tokenizer_oracle.build_bpe_tokenizer(*vocab[:2], pre, vocab[2])
    return tokenizer_oracle.TokenizerOracle(tk, None, False, None, False, "smollm2")


def random_texts(seed, count=1500):
    rnd = random.Random(seed)
    alphabet = (list("aAbZ zé'sSTtREreVvMmLlDd\t\n\r   0123456789٣①½.,!?-_\"()[]<>|/\\$+=^~`@#%&*")
                + ["中", "日本", "한국어", "😀", "👨\u200d👩\u200d👧", "e\u0301", "\u0085", "\u00a0",
                   "\u2003", "\u3000", "\u200b", "\u2028", "\u180e", "ǅ", "ß", "İ", "Ω", "𝔘",
                   "<|im_start|>", "<|im_end|>", "<|endoftext|>", "\ufeff"])
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
            for _ in range(count)]


@pytest.fixture(scope="module")
def smollm2_oracle(smollm2_gguf):
    return tokenizer_oracle.load_tokenizer(smollm2_gguf)


@pytest.fixture(scope="module")
def smollm2_vocab(smollm2_gguf):
    """(tokens, merges, token types) of the GGUF file."""
    import gguf
    r = gguf.GGUFReader(str(smollm2_gguf))
    return tuple(r.fields[k].contents() for k in (
        "tokenizer.ggml.tokens", "tokenizer.ggml.merges", "tokenizer.ggml.token_type"))


# --------------------------------------------------------------------------
# SmolLM2 (GGUF, pre-tokenizer "smollm")
# --------------------------------------------------------------------------


def test_tinyshakespeare_equals_oracle(build_dir, smollm2_gguf, smollm2_oracle):
    text = SHAKESPEARE.read_text(encoding="utf-8")
    proc = subprocess.run([str(tool(build_dir)), str(smollm2_gguf), "--time"],
                          input=text.encode(), capture_output=True, check=True)
    ids = [int(x) for x in proc.stdout.split()]
    assert_same_ids(smollm2_oracle.encode(text), ids, "tinyshakespeare")
    assert len(ids) > 300_000
    # The encode itself (not the GGUF load): a few seconds at most.
    seconds = float(re.search(rb"in ([0-9.]+) s", proc.stderr).group(1))
    assert seconds < 5.0, proc.stderr.decode()


def test_stress_text_equals_oracle(build_dir, smollm2_gguf, smollm2_oracle):
    assert_same_ids(smollm2_oracle.encode(STRESS), encode(build_dir, smollm2_gguf, STRESS),
                    "stress")
    assert_same_ids(smollm2_oracle.encode(STRESS, add_bos=False),
                    encode(build_dir, smollm2_gguf, STRESS, "--no-bos"), "stress, no BOS")


def test_random_texts_equal_oracle(build_dir, smollm2_gguf, smollm2_oracle):
    texts = random_texts(1)
    got = encode_many(build_dir, smollm2_gguf, texts, "--no-bos")
    for text, ids in zip(texts, got):
        assert_same_ids(smollm2_oracle.encode(text, add_bos=False), ids, repr(text))


def test_every_code_point_equals_oracle(build_dir, smollm2_gguf, smollm2_oracle):
    # Each assigned code point as a letter neighbour, alone after a space
    # and before a digit and an apostrophe: its \p{L}/\p{N}/\s class
    # decides the pieces. Code points unassigned in Python's Unicode
    # version are left out: PCRE2 10.42 and Python 3.11 know Unicode 14,
    # the oracle's Oniguruma a newer one, so they may differ there.
    cps = [c for c in range(1, 0x110000)
           if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) != "Cn"]
    texts = ["a" + "".join(f"a{chr(c)} {chr(c)}1'" for c in cps[i:i + 64])
             for i in range(0, len(cps), 64)]
    got = encode_many(build_dir, smollm2_gguf, texts, "--no-bos")
    want = [e.ids for e in smollm2_oracle.tk.encode_batch(texts, add_special_tokens=False)]
    bad = [hex(cps[i * 64]) for i, (w, g) in enumerate(zip(want, got)) if w != g]
    assert not bad, f"chunks starting at {bad[:10]} differ"


def test_decode_round_trip(build_dir, smollm2_gguf, smollm2_oracle):
    ids = encode(build_dir, smollm2_gguf, STRESS, "--no-bos")
    assert decode(build_dir, smollm2_gguf, ids) == STRESS
    assert decode(build_dir, smollm2_gguf, ids, "--stream") == STRESS
    assert smollm2_oracle.decode(ids) == STRESS


def test_decode_split_characters_like_oracle(build_dir, smollm2_gguf, smollm2_oracle):
    # "😀" is one token's bytes spread over byte tokens here; cut-off and
    # stray bytes become U+FFFD exactly as the oracle decides.
    byte_id = {b: smollm2_oracle.tk.token_to_id(byte_char(b)) for b in (0xF0, 0x9F, 0x98, 0x80)}
    assert None not in byte_id.values()
    a = smollm2_oracle.tk.token_to_id("A")
    cases = [[byte_id[0xF0], byte_id[0x9F]],                    # cut off: one U+FFFD
             [byte_id[0x80], byte_id[0x80]],                    # two stray continuations
             [byte_id[0xF0], byte_id[0x9F], byte_id[0x98], byte_id[0x80]],  # complete
             [byte_id[0xF0], a, byte_id[0x9F]]]                 # interrupted
    for ids in cases:
        want = smollm2_oracle.decode(ids)
        assert decode(build_dir, smollm2_gguf, ids) == want, ids
        assert decode(build_dir, smollm2_gguf, ids, "--stream") == want, ids
    assert decode(build_dir, smollm2_gguf, cases[2]) == "😀"
    assert decode(build_dir, smollm2_gguf, cases[0]) == "\ufffd"


def test_special_tokens(build_dir, smollm2_gguf, smollm2_oracle):
    chat = "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>x<|endoftext|>"
    ids = encode(build_dir, smollm2_gguf, chat, "--no-bos")
    assert_same_ids(smollm2_oracle.encode(chat, add_bos=False), ids, "chat")
    assert ids[0] == 1 and ids.count(1) == 2 and ids.count(2) == 2 and ids[-1] == 0
    # Without special parsing the markers are plain text.
    plain = encode(build_dir, smollm2_gguf, chat, "--no-bos", "--no-special")
    assert not {0, 1, 2} & set(plain)
    assert decode(build_dir, smollm2_gguf, plain) == chat
    assert decode(build_dir, smollm2_gguf, ids) == chat
    assert decode(build_dir, smollm2_gguf, ids, "--skip-special") == \
        smollm2_oracle.decode(ids, skip_special=True)


# --------------------------------------------------------------------------
# Every pre-tokenizer name with SmolLM2's vocabulary
# --------------------------------------------------------------------------


def pre_tokenizer_names():
    """The names importers/PreTokenizers.cpp maps to regexes."""
    source = (ROOT / "importers" / "PreTokenizers.cpp").read_text()
    names = []
    for group in re.findall(r"\{\{((?:\"[^\"]+\"(?:, )?)+)\}", source):
        names += re.findall(r"\"([^\"]+)\"", group)
    assert {"default", "smollm", "llama3", "gpt2", "qwen2"} <= set(names)
    return names


@pytest.mark.parametrize("pre", pre_tokenizer_names())
def test_pre_tokenizer_equals_oracle(build_dir, smollm2_gguf, smollm2_vocab, pre):
    assert pre in tokenizer_oracle.PRE_TOKENIZERS, \
        f"the oracle has no regexes for pre-tokenizer '{pre}': add them (from llama.cpp)"
    oracle = oracle_with_pre(smollm2_vocab, pre)
    texts = [STRESS, SHAKESPEARE.read_text(encoding="utf-8")[:20000]] + random_texts(7, 400)
    got = encode_many(build_dir, smollm2_gguf, texts, "--no-bos", "--pre", pre)
    for text, ids in zip(texts, got):
        assert_same_ids(oracle.encode(text, add_bos=False), ids, f"{pre}: {text[:40]!r}")


# --------------------------------------------------------------------------
# The tiny model, GGUF and HF forms
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_paths(tmp_path_factory):
    from tiny_models import write_tiny
    return write_tiny(tmp_path_factory.mktemp("tiny-tok"), qtype="f32", hf_dtype="f32")


@pytest.mark.parametrize("form", ["gguf", "hf"])
def test_tiny_model_equals_oracle(build_dir, tiny_paths, form):
    from tiny_models import CORPUS
    model = tiny_paths[form]
    oracle = tokenizer_oracle.load_tokenizer(model)
    texts = [CORPUS, STRESS, "<|im_start|>user\nThe 2024 fox<|im_end|>"] + random_texts(3, 300)
    for args, add_bos in (((), None), (("--no-bos",), False)):
        got = encode_many(build_dir, model, texts, *args)
        for text, ids in zip(texts, got):
            assert_same_ids(oracle.encode(text, add_bos=add_bos), ids, f"{form}: {text[:40]!r}")
    ids = encode(build_dir, model, CORPUS)
    assert ids[0] == 0  # BOS (<|endoftext|>) in both forms
    assert decode(build_dir, model, ids, "--skip-special") == CORPUS
    assert decode(build_dir, model, ids) == oracle.decode(ids)


def test_tiny_model_forms_agree(build_dir, tiny_paths):
    texts = [STRESS] + random_texts(5, 200)
    assert encode_many(build_dir, tiny_paths["gguf"], texts) == \
        encode_many(build_dir, tiny_paths["hf"], texts)


def test_bad_model_is_one_error(build_dir, tmp_path):
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"GGUF\x03\x00\x00\x00")
    proc = subprocess.run([str(tool(build_dir)), str(bad)], input=b"x", capture_output=True)
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("sinkrt-tokenize: ")
    assert str(bad) in proc.stderr.decode()
