"""sinkc.runtime: packages, tokenizer and KV cache from Python, without the
compiler loaded."""
import os
import pathlib
import subprocess
import sys

import pytest

ORACLE = pathlib.Path(__file__).resolve().parents[1] / "oracle"
BUILD = pathlib.Path(os.environ.get("SINKC_BUILD_DIR",
                                    pathlib.Path(__file__).resolve().parents[2] / "build"))


@pytest.fixture(scope="module")
def smollm2_package(smollm2_gguf, tmp_path_factory):
    out = tmp_path_factory.mktemp("pkg") / "smollm2.sinkpkg"
    subprocess.run([str(BUILD / "bin" / "sinkc-pack"), str(smollm2_gguf), "-o", str(out)],
                   check=True, capture_output=True)
    return out


def test_runtime_does_not_load_the_compiler(smollm2_package):
    code = ("import sys, sinkc.runtime as rt\n"
            f"p = rt.Package({str(smollm2_package)!r})\n"
            "rt.Tokenizer(p).encode('hi')\n"
            "assert 'sinkc._compiler' not in sys.modules\n"
            "assert not any('libMLIR' in l for l in open('/proc/self/maps'))\n"
            "print('ok')")
    env = dict(os.environ, PYTHONPATH=str(BUILD / "python_packages"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_package_manifest_tokenizer_and_cache(smollm2_package):
    import sinkc.runtime as rt
    pkg = rt.Package(smollm2_package)
    model = pkg.manifest["model"]
    assert (model["layers"], model["heads"], model["kv_heads"], model["head_dim"]) == (30, 9, 3, 64)
    tok = rt.Tokenizer(pkg)
    ids = tok.encode("The capital of France is")
    assert ids.dtype.name == "int32"
    assert ids.tolist() == [504, 3575, 282, 4649, 314]
    assert tok.encode("The capital", add_bos=True).tolist() == [1, 504, 3575]
    assert tok.encode("<|im_start|>", parse_special=True).tolist() == [1]
    assert tok.decode([504, 3575, 282, 4649, 314]) == "The capital of France is"
    assert tok.decode([1, 504], skip_special=True) == "The"
    assert rt.KvCache(pkg, 4096).bytes == 94_371_840
    assert tok.encode("").tolist() == []


def test_runtime_errors(smollm2_package, tmp_path):
    import sinkc.runtime as rt
    with pytest.raises(OSError, match="nope.sinkpkg"):
        rt.Package(tmp_path / "nope.sinkpkg")
    bad = tmp_path / "bad.sinkpkg"
    bad.write_bytes(smollm2_package.read_bytes()[:4096])
    with pytest.raises(ValueError, match="bad.sinkpkg"):
        rt.Package(bad)
    pkg = rt.Package(smollm2_package)
    with pytest.raises(ValueError, match="outside the vocabulary|49152"):
        rt.Tokenizer(pkg).decode([49152])
    with pytest.raises(ValueError):
        rt.KvCache(pkg, 0)


def test_render_chat_with_the_models_template(smollm2_package):
    import sinkc.runtime as rt
    pkg = rt.Package(smollm2_package)
    text = pkg.render_chat([{"role": "user", "content": "What is 2 + 2?"}])
    assert text == ("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, "
                    "trained by Hugging Face<|im_end|>\n<|im_start|>user\nWhat is 2 + 2?"
                    "<|im_end|>\n<|im_start|>assistant\n")
    tok = rt.Tokenizer(pkg)
    ids = tok.encode(text, parse_special=True).tolist()
    assert ids[0] == 1 and ids.count(1) == 3 and ids.count(2) == 2  # im_start x3, im_end x2
