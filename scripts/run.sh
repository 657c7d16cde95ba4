#!/usr/bin/env bash
# The main job, from a fresh machine: installs dependencies, fetches
# SmolLM2-135M-Instruct (Q4_1 GGUF) into the model cache, builds sinkc,
# compiles the model to a CPU package (build/smollm2.sinkpkg) and generates
# text with it, then scores it on tinyshakespeare. Arguments replace the
# prompt: `bash scripts/run.sh "Once upon a time"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
model="$(bash scripts/fetch-models.sh)"
bash scripts/build.sh >&2
prompt="${*:-The capital of France is}"
build/bin/sinkc inspect "$model"
build/bin/sinkc compile "$model" -o build/smollm2.sinkpkg
echo "compiled: build/smollm2.sinkpkg ($(wc -c < build/smollm2.sinkpkg) bytes)"
echo "--- sinkc run --prompt \"$prompt\" -n 64 --temp 0"
build/bin/sinkc run build/smollm2.sinkpkg --prompt "$prompt" -n 64 --temp 0
echo
text="$(cd .. && pwd)/shared/data/tinyshakespeare.txt"
if [ -f "$text" ]; then
  echo "--- sinkc eval --text tinyshakespeare.txt --ctx 512 --max-tokens 2048"
  build/bin/sinkc eval build/smollm2.sinkpkg --text "$text" --ctx 512 --max-tokens 2048
fi
