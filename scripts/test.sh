#!/usr/bin/env bash
# Fresh machine to green tests: installs dependencies, builds, runs every
# suite (lit + FileCheck, GoogleTest, robustness) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/fetch-models.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
