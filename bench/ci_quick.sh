#!/usr/bin/env bash
# CI's short benchmark (issue #7): compiles SmolLM2 (full cache and sinks +
# window) and runs run_matrix.py --quick, which prints the figures. It fails
# only when compiling or a `sinkc bench` run fails, never on speed.
# Usage: bench/ci_quick.sh BUILD_DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: ci_quick.sh BUILD_DIR}"
model="${SINKC_MODEL_CACHE:-$HOME/.cache/sinkc}/SmolLM2-135M-Instruct.Q4_1.gguf"
[ -f "$model" ] || { echo "ci_quick: $model is missing (run scripts/fetch-models.sh)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$build/bin/sinkc" compile "$model" -o "$work/smollm2.sinkpkg"
"$build/bin/sinkc" compile "$model" --kv-policy sinks=4,window=252 -o "$work/smollm2-window.sinkpkg"
python3 "$root/bench/run_matrix.py" --quick --sinkc "$build/bin/sinkc" \
  --package "$work/smollm2.sinkpkg" --package-window "$work/smollm2-window.sinkpkg"
