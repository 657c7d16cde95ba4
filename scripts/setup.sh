#!/usr/bin/env bash
# Installs every system and Python dependency sinkc needs, idempotently.
# Safe to run again: apt-get and pip skip what is already present.
set -euo pipefail

APT_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools lld-22
  libgtest-dev libgmock-dev
  zlib1g-dev libzstd-dev
  clang-22 libclang-rt-22-dev   # libFuzzer + AddressSanitizer; bitcode microkernels
  liblld-22-dev                 # in-process linking of generated shared objects
  libpcre2-dev libxxhash-dev nlohmann-json3-dev  # runtime: tokenizer regexes, checksums, manifest
  rocm-device-libs              # GPU targets: AMDGPU device libraries for HSACO (issue #8)
)
# numpy/pytest: test suites; gguf/safetensors/tokenizers: the independent
# oracles the importers are checked against.
PIP_PACKAGES=(numpy pytest pybind11 jinja2 gguf safetensors tokenizers)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages present"
fi

if ! python3 -c "import numpy, pytest, pybind11, jinja2, gguf, safetensors, tokenizers" 2>/dev/null; then
  echo "setup: installing Python packages: ${PIP_PACKAGES[*]}"
  python3 -m pip install -q "${PIP_PACKAGES[@]}"
else
  echo "setup: Python packages present"
fi
