"""sinkc.runtime.Session on a toy package that runs (toy_package.py: the
runtime tests' toy kernels, packed by sinkc-pack from a tiny GGUF): logits
equal to a numpy reference of the kernels, generate/stream equal to the
reference's greedy chain, sampling, stop strings, KV-cache info, errors."""
import gc
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import sinkc.runtime as rt
import toy_package as toy
from toy_package import CONTEXT, VOCAB, ToyReference


@pytest.fixture(scope="module")
def toy_path(build_dir, tmp_path_factory):
    return toy.write_toy_package(build_dir, tmp_path_factory.mktemp("toy") / "toy.sinkpkg")


@pytest.fixture(scope="module")
def streaming_path(build_dir, tmp_path_factory):
    return toy.write_toy_package(build_dir, tmp_path_factory.mktemp("toy") / "sw.sinkpkg",
                                 streaming=True)


@pytest.fixture
def session(toy_path):
    with rt.Session(toy_path, threads=1) as s:
        yield s


def prompt(n):
    return [(i * 5 + 3) % VOCAB for i in range(n)]


# --------------------------------------------------------------------------
# prefill / decode
# --------------------------------------------------------------------------


@pytest.mark.parametrize("threads", [1, 3])
def test_prefill_and_decode_equal_the_reference(toy_path, threads):
    pkg = rt.Package(toy_path)
    with rt.Session(pkg, threads=threads) as s:
        for n in range(1, 9):  # the plan's prefill runs chunks of 3
            s.reset()
            ref = ToyReference()
            ids = prompt(n)
            logits = s.prefill(ids, all_logits=True)
            assert logits.dtype == np.float32 and logits.shape == (n, VOCAB)
            np.testing.assert_array_equal(logits, ref.run(ids))
            assert s.position == n
            for step in range(3):
                token = (step * 3 + n) % VOCAB
                out = s.decode(token)
                assert out.shape == (VOCAB,)
                np.testing.assert_array_equal(out, ref.step(token))
            assert s.position == n + 3
            # Last token only, from a numpy array of another integer type.
            s.reset()
            last = s.prefill(np.array(ids, np.int64))
            assert last.shape == (VOCAB,)
            np.testing.assert_array_equal(last, logits[-1])


def test_hand_computed_logits(session):
    # Token 1: h = EMBD[1] = [0, 3, -3, 2]; s = 1.5 h = [0, 4.5, -4.5, 3];
    # LM_HEAD row 0 [-1, 0, -2, 1] -> 12, row 1 [2, 1, 0, 0] -> 4.5.
    logits = session.decode(1)
    assert logits[0] == 12.0 and logits[1] == 4.5


def test_streaming_cache_runs_past_the_context(streaming_path):
    with rt.Session(streaming_path, threads=2) as s:
        ref = ToyReference(streaming=True)
        ids = prompt(25)
        np.testing.assert_array_equal(s.prefill(ids[:7], all_logits=True), ref.run(ids[:7]))
        for token in ids[7:]:
            np.testing.assert_array_equal(s.decode(token), ref.step(token))
        assert s.position == 25 > s.context == CONTEXT
        (group,) = s.kv_cache
        # 25 tokens: sinks 0, 1; the ring 2 + (p - 2) % 3 holds 22, 23, 24.
        assert (group["filled"], group["next_slot"]) == (5, 2 + (25 - 2) % 3)


def test_properties_and_kv_cache(toy_path, streaming_path):
    with rt.Session(toy_path, ctx=10, threads=1) as s:
        assert (s.vocab, s.context, s.position, s.device) == (VOCAB, 10, 0, "cpu")
        # 1 entry x (key, value) x 10 slots x head_dim 4 x f32.
        assert s.kv_bytes == 1 * 2 * 10 * 4 * 4
        assert s.kv_cache == [{"group": 0, "policy": "full", "sinks": None, "window": None,
                               "entries": 1, "head_dim": 4, "element_type": "f32",
                               "slots": 10, "bytes": 320, "filled": 0, "next_slot": 0}]
        s.prefill(prompt(3))
        assert (s.kv_cache[0]["filled"], s.kv_cache[0]["next_slot"]) == (3, 3)
        s.prefill(prompt(7))
        assert (s.kv_cache[0]["filled"], s.kv_cache[0]["next_slot"]) == (10, None)
        assert "position=10" in repr(s)
    with rt.Session(streaming_path, threads=1) as s:
        (group,) = s.kv_cache
        assert group == {"group": 0, "policy": "streaming", "sinks": toy.SINKS,
                         "window": toy.WINDOW, "entries": 1, "head_dim": 4,
                         "element_type": "f32", "slots": 5, "bytes": 160, "filled": 0,
                         "next_slot": 0}
        assert s.kv_bytes == sum(g["bytes"] for g in s.kv_cache)
    assert rt.devices() == ["cpu"]


def test_threads_share_one_session_safely(toy_path):
    """Calls from several threads are serialized (the C API allows one at a
    time): every decode runs, and each thread's own sessions stay exact."""
    shared = rt.Session(toy_path, threads=2)
    errors = []

    def work(seed):
        try:
            with rt.Session(toy_path, threads=1) as own:
                ref = ToyReference()
                for i in range(CONTEXT):
                    token = (seed + i) % VOCAB
                    np.testing.assert_array_equal(own.decode(token), ref.step(token))
            for _ in range(3):
                shared.decode(seed % VOCAB)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert shared.position == 12


# --------------------------------------------------------------------------
# generate / stream
# --------------------------------------------------------------------------


def test_generate_greedy_is_the_argmax_chain(session):
    chain = toy.greedy([1, 2])
    assert chain == [5, 5, 2, 5, 6, 4]  # then EOS
    assert toy.text(chain) == "\ufffd\ufffdb\u00e9 "
    assert session.generate("ab") == toy.text(chain)
    assert session.position == 2 + len(chain)  # the EOS was sampled, not run
    # Token ids work as the prompt too; generate starts over each time.
    assert session.generate([1, 2], max_tokens=3) == toy.text(chain[:3])
    assert session.generate(np.array([1, 2], np.int32)) == toy.text(chain)


def test_generate_stops_at_the_context_but_not_with_a_streaming_cache(session, streaming_path):
    chain = toy.greedy([3], max_tokens=100)
    assert len(chain) == CONTEXT and toy.EOS not in chain
    assert session.generate("c", max_tokens=100) == toy.text(chain)
    assert session.position == CONTEXT
    assert session.generate("c", max_tokens=5) == toy.text(chain[:5])
    assert session.generate("c", max_tokens=0) == "" and session.position == 0
    with rt.Session(streaming_path, threads=1) as s:
        long = toy.greedy([3], max_tokens=40, streaming=True)
        assert len(long) == 40
        assert s.generate("c", max_tokens=40) == toy.text(long)
        assert s.position == 1 + 39


def test_stream_never_splits_a_character(session):
    # "Ã" (0xC3) waits for the next token: ill-formed before "Ã" or "b",
    # "é" with "©".
    assert list(session.stream("ab")) == ["\ufffd\ufffdb", "\u00e9", " "]
    pieces = list(session.stream("c", max_tokens=100))
    assert "".join(pieces) == session.generate("c", max_tokens=100)
    assert all(pieces) and not any(p.endswith("\ufffd") for p in pieces[:-1])
    assert pieces[-1] == "\ufffd"  # a cut-off character at the end comes out as U+FFFD


def test_stop_strings(session):
    full = toy.text(toy.greedy([3], max_tokens=100))
    assert full.startswith(" c\ufffddc cc")
    assert session.generate("c", max_tokens=100, stop=" cc") == " c\ufffddc"
    # " " and " c" are held back until it is clear they do not start " cc".
    assert list(session.stream("c", max_tokens=100, stop=" cc")) == [" c\ufffdd", "c"]
    assert list(session.stream("c", max_tokens=100, stop=["zzz", "c c"])) == [" ", "c\ufffdd"]
    # The first stop string to complete wins ("dc " ends before "c cc").
    assert session.generate("c", max_tokens=100, stop=["c cc", "dc "]) == " c\ufffd"
    assert session.generate("ab", stop="b") == "\ufffd\ufffd"
    assert session.generate("ab", stop=("zz",)) == toy.text(toy.greedy([1, 2]))
    # A stop string ends generation: nothing after it runs.
    session.generate("c", max_tokens=100, stop="\ufffdd")
    assert session.position == 1 + 3


def test_sampling_is_seeded(session):
    runs = [session.generate("c", max_tokens=8, temperature=20.0, seed=s) for s in range(8)]
    assert runs == [session.generate("c", max_tokens=8, temperature=20.0, seed=s)
                    for s in range(8)]
    assert len(set(runs)) > 4
    greedy = session.generate("c", max_tokens=8)
    assert session.generate("c", max_tokens=8, temperature=20.0, top_k=1, seed=3) == greedy
    assert session.generate("c", max_tokens=8, temperature=20.0, top_p=1e-6, seed=3) == greedy


def first_token_frequencies(session, n, **options):
    counts = {}
    for seed in range(n):
        out = session.generate("d", max_tokens=1, seed=seed, **options)
        counts[out] = counts.get(out, 0) + 1
    return {k: v / n for k, v in counts.items()}


def expected_text_probabilities(p):
    """Token probabilities -> probabilities of the one-token texts (EOS is
    "", "Ã" and "©" are both U+FFFD)."""
    out = {}
    for token, q in enumerate(p):
        if q > 0:
            t = "" if token == toy.EOS else toy.text([token])
            out[t] = out.get(t, 0.0) + q
    return out


@pytest.mark.parametrize("top_k,top_p", [(0, 1.0), (2, 1.0), (0, 0.6), (0, 0.5)])
def test_sampling_follows_the_distribution(session, top_k, top_p):
    n, temperature = 800, 4.0
    logits = ToyReference().run([7])[-1].astype(np.float64)
    p = np.exp((logits - logits.max()) / temperature)
    p /= p.sum()
    order = np.argsort(-p, kind="stable")
    keep = np.zeros(VOCAB, bool)
    keep[order[:top_k or VOCAB]] = True
    if top_p < 1:  # the smallest most likely set holding top_p
        cum = np.cumsum(p[order] / p[order][keep[order]].sum())
        keep[order[int(np.searchsorted(cum, top_p)) + 1:]] = False
    p = np.where(keep, p, 0.0) / p[keep].sum()
    want = expected_text_probabilities(p)
    got = first_token_frequencies(session, n, temperature=temperature, top_k=top_k, top_p=top_p)
    assert set(got) <= set(want)
    for text_, q in want.items():
        bound = 5 * np.sqrt(q * (1 - q) / n) + 0.01
        assert abs(got.get(text_, 0.0) - q) < bound, (text_, got, want)
    if top_p == 0.5:
        assert got == {"a": 1.0}


def test_paused_stream_goes_stale(session):
    first = session.stream("c", max_tokens=100)
    assert next(first) == " "
    session.generate("ab")
    with pytest.raises(RuntimeError, match="used elsewhere"):
        next(first)


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


def test_bad_ids(session):
    with pytest.raises(ValueError, match="id 8 at index 1 is outside the vocabulary of 8 tokens"):
        session.prefill([1, 8])
    with pytest.raises(ValueError, match="id -1 at index 0 is outside the vocabulary"):
        session.decode(-1)
    with pytest.raises(ValueError, match="id 1099511627776 at index 0 is outside"):
        session.prefill(np.array([2**40]))
    with pytest.raises(ValueError, match="outside the vocabulary"):
        session.decode(2**70)
    with pytest.raises(ValueError, match="no tokens to prefill"):
        session.prefill([])
    with pytest.raises(TypeError, match="not text"):
        session.prefill("ab")
    with pytest.raises(TypeError, match="integer token ids"):
        session.prefill(np.array([1.0, 2.0]))
    with pytest.raises(TypeError):
        session.decode(1.0)
    assert session.position == 0  # nothing ran
    np.testing.assert_array_equal(session.decode(1), ToyReference().step(1))


def test_past_the_context(toy_path):
    with rt.Session(toy_path, ctx=6, threads=1) as s:
        with pytest.raises(ValueError, match="position 6 is past the context of 6 tokens"):
            s.prefill(prompt(7))
        assert s.position == 0
        s.prefill(prompt(6))
        with pytest.raises(ValueError, match="past the context of 6 tokens"):
            s.decode(1)
        assert s.position == 6
        with pytest.raises(ValueError, match="past the context"):
            s.generate("abcabca")


def test_bad_options(toy_path, tmp_path, build_dir):
    # No GPU driver on this host: the runtime says which is missing.
    if "cuda" not in rt.devices():
        with pytest.raises(RuntimeError, match="no CUDA driver|no CUDA device"):
            rt.Session(toy_path, device="cuda")
    with pytest.raises(ValueError, match="device 'tpu' is not one of cpu, cuda, hip"):
        rt.Session(toy_path, device="tpu")
    assert rt.devices()[0] == "cpu"
    with pytest.raises(ValueError, match="context 17 is more than the model's context of 16"):
        rt.Session(toy_path, ctx=17)
    with pytest.raises(ValueError, match="context -1 is negative"):
        rt.Session(toy_path, ctx=-1)
    with pytest.raises(ValueError, match="threads 1025 is outside"):
        rt.Session(toy_path, threads=1025)
    with pytest.raises(OSError, match="missing.sinkpkg"):
        rt.Session(tmp_path / "missing.sinkpkg")
    no_kernels = toy.write_toy_package(build_dir, tmp_path / "nok.sinkpkg", kernels=False)
    with pytest.raises(ValueError, match="no kernels for target \"cpu\""):
        rt.Session(no_kernels)
    with rt.Session(toy_path, threads=1) as s:
        for bad, message in [(dict(temperature=-1.0), "temperature"), (dict(top_k=-1), "top_k"),
                             (dict(top_p=0.0), "top_p"), (dict(top_p=1.5), "top_p"),
                             (dict(max_tokens=-1), "max_tokens"), (dict(stop=""), "stop"),
                             (dict(stop=["a", 3]), "stop")]:
            with pytest.raises(ValueError, match=message):
                s.stream("ab", **bad)  # checked at the call, before iterating


def test_closed_package_and_session(toy_path):
    pkg = rt.Package(toy_path)
    s = rt.Session(pkg, threads=1)
    pkg.close()
    assert pkg.closed
    with pytest.raises(ValueError, match="the package is closed"):
        rt.Session(pkg)
    with pytest.raises(ValueError, match="the package is closed"):
        rt.Tokenizer(pkg)
    # The session keeps the file mapped: it still runs, tokenizer included.
    np.testing.assert_array_equal(s.prefill([1, 2, 3]), ToyReference().run([1, 2, 3])[-1])
    assert s.generate("ab") == toy.text(toy.greedy([1, 2]))
    s.close()
    assert s.closed and "closed" in repr(s)
    for use in (lambda: s.decode(1), lambda: s.prefill([1]), s.reset, lambda: s.position,
                lambda: s.kv_bytes, lambda: s.generate("ab")):
        with pytest.raises(ValueError, match="the session is closed"):
            use()
    s.close()  # twice is fine


def test_session_keeps_its_package_alive(toy_path):
    s = rt.Session(rt.Package(toy_path), threads=1)
    gc.collect()
    assert isinstance(s.package, rt.Package)
    np.testing.assert_array_equal(s.decode(4), ToyReference().step(4))


def test_sessions_do_not_load_the_compiler(toy_path, build_dir):
    code = ("import sys, sinkc.runtime as rt\n"
            f"s = rt.Session({str(toy_path)!r}, threads=1)\n"
            "print(repr(s.generate('ab')))\n"
            "assert 'sinkc._compiler' not in sys.modules\n"
            "assert not any('libMLIR' in l for l in open('/proc/self/maps'))\n")
    env = dict(os.environ, PYTHONPATH=str(build_dir / "python_packages"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == repr(toy.text(toy.greedy([1, 2])))
