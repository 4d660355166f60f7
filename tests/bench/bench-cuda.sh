#!/bin/sh
# bench-cuda.sh — GPU training throughput: epochs of an MLP on a 1,000,000-row
# sample, in rows per second, for Fairway on the GPU, Fairway on the CPU (OpenBLAS, one
# thread) and PyTorch on the GPU, at hidden layers 64-64 and 256-256 and batches of 256 and
# 4096; a table with the ratios.  What is timed and why is in bench-cuda.py's header.
#
# Usage: tests/bench/bench-cuda.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 1000000), FAIRWAY_BENCH_EPOCHS (GPU epochs,
#              default 4; the CPU runs 2), FAIRWAY_BENCH_SHAPES (default "64,64 256,256"),
#              FAIRWAY_BENCH_BATCHES (default "256 4096"): one call on a lent GPU machine can
#              then finish part of the table, PYTHON (default python3: the interpreter whose
#              torch has CUDA — Debian's python3-torch has none; the peer also needs pandas
#              and scikit-learn for the same preprocessing as bench-train.sh).
#
# Exits 77 with the reason when this machine has no usable CUDA device, 2 when a program is
# not built; otherwise prints the table and exits 0 (a benchmark, not a test).  A PyTorch
# without CUDA leaves its column as "n/a" with the reason, not the whole run.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-cuda.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
cli=$build/app/fairway-cli

if [ ! -x "$cli" ]; then
  echo "bench-cuda.sh: $cli is not built; run ninja -C $build first" >&2
  exit 2
fi
exec "$python" "$here/bench-cuda.py" --cli "$cli" \
  --rows "${FAIRWAY_BENCH_ROWS:-1000000}" --epochs "${FAIRWAY_BENCH_EPOCHS:-4}" \
  --shapes "${FAIRWAY_BENCH_SHAPES:-64,64 256,256}" --batches "${FAIRWAY_BENCH_BATCHES:-256 4096}"
