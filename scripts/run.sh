#!/usr/bin/env bash
# The main job, from a fresh machine: installs dependencies, fetches
# SmolLM2-135M-Instruct (Q4_1 GGUF) into the model cache, builds sinkc,
# imports the model as tfm IR (build/smollm2-135m.mlir), describes it, and
# reports the cost model of the imported module. Extra arguments go to the
# cost pass, e.g. `bash scripts/run.sh context=8192 format=json`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
model="$(bash scripts/fetch-models.sh)"
bash scripts/build.sh >&2
build/bin/sinkc inspect "$model"
build/bin/sinkc import "$model" -o build/smollm2-135m.mlir
echo "imported: build/smollm2-135m.mlir ($(wc -c < build/smollm2-135m.mlir) bytes)"
options="${*:-}"
build/bin/sinkc-opt "--tfm-print-cost=${options}" build/smollm2-135m.mlir -o /dev/null
