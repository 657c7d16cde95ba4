"""Shared pytest fixtures: where the build and the cached real model are."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("SINKC_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[1]))
BUILD_DIR = pathlib.Path(os.environ.get("SINKC_BUILD_DIR", SOURCE_DIR / "build"))


def model_cache() -> pathlib.Path:
    """Where scripts/fetch-models.sh keeps models (outside the repository)."""
    default = pathlib.Path.home() / ".cache" / "sinkc"
    return pathlib.Path(os.environ.get("SINKC_MODEL_CACHE", default))


@pytest.fixture(scope="session")
def build_dir() -> pathlib.Path:
    return BUILD_DIR


@pytest.fixture(scope="session")
def sinkc(build_dir):
    """Runs build/bin/sinkc with arguments; returns the CompletedProcess."""
    exe = build_dir / "bin" / "sinkc"
    assert exe.exists(), f"{exe} is not built"

    def run(*args, check=True):
        proc = subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise AssertionError(f"sinkc {' '.join(map(str, args))} failed "
                                 f"({proc.returncode}):\n{proc.stderr}")
        return proc
    return run


@pytest.fixture(scope="session")
def smollm2_gguf() -> pathlib.Path:
    """SmolLM2-135M-Instruct Q4_1; scripts/fetch-models.sh puts it in the cache."""
    path = model_cache() / "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.exists(), f"{path} missing: run scripts/fetch-models.sh"
    return path
