#!/bin/sh
# gpu-bundle.sh — pack a built tree's CLI, CUDA module and CUDA tests with the shared
# libraries they need, for a GPU machine that has the NVIDIA driver and the CUDA 13 runtime
# and cuBLAS but none of Fairway's build dependencies (GLib, OpenBLAS, libcsv, Cairo…).
#
# Usage: tools/gpu-bundle.sh BUILD_DIR OUT.tar.xz
#
# The archive unpacks to bundle/ laid out like a build directory (app/fairway-cli,
# tests/cuda/test-cuda-*, engine/backend/libfairway-cuda.so) plus lib/ with every library
# those link that is not the C runtime or CUDA's own.  On the GPU machine, from a checkout
# of the same commit: tools/gpu-check.sh OUT.tar.xz (the cuda suite, the GPU benchmark and
# the CLI tests).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: gpu-bundle.sh BUILD_DIR OUT.tar.xz}
out=${2:?usage: gpu-bundle.sh BUILD_DIR OUT.tar.xz}
module=$build/engine/backend/libfairway-cuda.so

if [ ! -f "$module" ]; then
  echo "gpu-bundle.sh: $module is not built (meson's cuda feature needs nvcc)" >&2
  exit 2
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/bundle
mkdir -p "$root/app" "$root/tests/cuda" "$root/engine/backend" "$root/lib"
cp "$build/app/fairway-cli" "$root/app/"
cp "$build"/tests/cuda/test-cuda-select "$build"/tests/cuda/test-cuda-ops \
   "$build"/tests/cuda/test-cuda-train "$root/tests/cuda/"
cp "$module" "$root/engine/backend/"

# The C runtime and CUDA come from the GPU machine: a newer glibc runs these binaries, and
# the driver must match its own libcuda.
for file in "$root"/app/* "$root"/tests/cuda/* "$module"; do
  ldd "$file" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
done | sort -u | while read -r lib; do
  case $(basename "$lib") in
    libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|ld-linux*|libstdc++.so*|libgcc_s.so*) ;;
    libcuda.so*|libcudart.so*|libcublas.so*|libcublasLt.so*|libnvidia-ml.so*) ;;
    *) cp -L "$lib" "$root/lib/" ;;
  esac
done

tar -C "$stage" -cJf "$out" bundle
echo "gpu-bundle.sh: $out ($(du -h "$out" | cut -f1))"
