#!/usr/bin/env bash
# The main job, from a fresh machine: installs dependencies, builds sinkc,
# and reports the cost model of the SmolLM2-135M-shaped sample (parameters,
# weight bytes, FLOPs, KV-cache bytes per layer). Extra arguments go to the
# pass, e.g. `bash scripts/run.sh context=8192 format=json`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
bash scripts/build.sh >&2
options="${*:-}"
build/bin/sinkc-opt "--tfm-print-cost=${options}" examples/smollm2-135m.mlir -o /dev/null
