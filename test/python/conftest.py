"""Makes the build tree's `sinkc` package importable (build/python_packages)."""
import os
import pathlib
import sys

_source = pathlib.Path(__file__).resolve().parents[2]
_build = pathlib.Path(os.environ.get("SINKC_BUILD_DIR", _source / "build"))
sys.path.insert(0, str(_build / "python_packages"))
