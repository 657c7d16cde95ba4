"""End-to-end fixtures: models compiled by `sinkc compile`, run by the runtime.

Packages are compiled once per session into a temporary folder; the numpy
reference (test/oracle/llama_reference.py) is the oracle.
"""
import pathlib
import sys

import pytest

_HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE.parent / "oracle"))


@pytest.fixture(scope="session", autouse=True)
def _python_packages(build_dir):
    sys.path.insert(0, str(build_dir / "python_packages"))


@pytest.fixture(scope="session")
def compiled(sinkc, tmp_path_factory):
    """compiled(model_path, name, *flags) -> path of the .sinkpkg (cached)."""
    out = tmp_path_factory.mktemp("packages")
    cache = {}

    def compile_model(model, name, *flags):
        key = (str(model), flags)
        if key not in cache:
            pkg = out / f"{name}.sinkpkg"
            sinkc("compile", model, "-o", pkg, *flags)
            cache[key] = pkg
        return cache[key]
    return compile_model


@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory):
    """tiny_gguf(qtype) -> a tiny random llama GGUF in that type (cached)."""
    import tiny_models
    out = tmp_path_factory.mktemp("tiny")
    cache = {}

    def make(qtype):
        if qtype not in cache:
            cache[qtype] = tiny_models.write_tiny(out / qtype, qtype=qtype)["gguf"]
        return cache[qtype]
    return make
