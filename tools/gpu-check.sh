#!/bin/bash
# gpu-check.sh — on a GPU machine, from a checkout's root: unpack a tools/gpu-bundle.sh
# archive and run the cuda suite, the GPU benchmark and the CLI tests (where --device auto
# now means CUDA), each part headed and followed by its exit status.
#
# Usage: tools/gpu-check.sh BUNDLE.tar.xz
# Environment: TESTS (default "select ops train"), CLI (default "cli train onnx"), BENCH
#              (empty: no benchmark), BENCH_TIMEOUT (seconds, default 300).
#
# Needs the NVIDIA driver and CUDA 13's libcudart, libcublas and libcublasLt (found through
# ldconfig or under /usr/local, /usr/lib, /opt), and python3 with torch, pandas and
# scikit-learn for the benchmark's peer.  OpenBLAS's kernels are chosen from the CPU's
# flags: in a VM its own detection can fall back to the oldest ones ("Prescott").
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

bundle=${1:?usage: gpu-check.sh BUNDLE.tar.xz}
repo=$(pwd)
stage() { echo; echo "=== $* ($(date +%T))"; }

stage machine
nvidia-smi -L
nvidia-smi --query-gpu=driver_version,clocks.sm,clocks.max.sm --format=csv
grep -m1 'model name' /proc/cpuinfo
case $(grep -m1 '^flags' /proc/cpuinfo) in
  *avx512f*) export OPENBLAS_CORETYPE=SkylakeX ;;
  *avx2*)    export OPENBLAS_CORETYPE=Haswell ;;
esac
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-}"

work=$(mktemp -d)
tar xJf "$bundle" -C "$work"
b=$work/bundle
find_lib() {
  ldconfig -p | awk -v n="$1" '$1 == n { print $NF; exit }' | grep . ||
    find /usr/local /usr/lib /opt -name "$1" 2>/dev/null | head -1
}
libs=$b/lib
for name in libcudart.so.13 libcublas.so.13 libcublasLt.so.13; do
  found=$(find_lib $name)
  [ -n "$found" ] || { echo "gpu-check.sh: $name not found" >&2; exit 2; }
  libs=$libs:$(dirname "$found")
done
export FAIRWAY_CUDA_MODULE=$b/engine/backend/libfairway-cuda.so

# Only Fairway's programs see the bundled libraries: python3 and torch keep their own.
mv "$b/app/fairway-cli" "$b/app/fairway-cli.bin"
printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$libs" "$b/app/fairway-cli.bin" \
  > "$b/app/fairway-cli"
chmod +x "$b/app/fairway-cli"
"$b/app/fairway-cli" devices

for t in ${TESTS-select ops train}; do
  stage "cuda test $t"
  args=()
  [ "$t" = select ] && args=(--tap -k)
  (cd "$work" && env LD_LIBRARY_PATH="$libs" G_DEBUG=gc-friendly,fatal-warnings LC_ALL=C.UTF-8 \
     MALLOC_PERTURB_=165 timeout 300 "$b/tests/cuda/test-cuda-$t" "${args[@]}")
  echo "exit $?"
done
if [ -n "${BENCH-1}" ]; then
  stage bench-cuda
  PYTHON=python3 timeout "${BENCH_TIMEOUT:-300}" sh "$repo/tests/bench/bench-cuda.sh" "$b"
  echo "exit $?"
fi
for t in ${CLI-cli train onnx}; do
  stage "cli test-$t"
  (cd "$work" && LC_ALL=C.UTF-8 timeout 300 python3 "$repo/tests/cli/test-$t.py" \
     "$b/app/fairway-cli" > "$work/cli-$t.log" 2>&1)
  status=$?
  grep -v "^ok " "$work/cli-$t.log"
  echo "$(grep -c "^ok " "$work/cli-$t.log") ok; exit $status"
done
rm -rf "$work"
stage done
