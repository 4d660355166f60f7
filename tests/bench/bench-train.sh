#!/bin/sh
# bench-train.sh — training benchmark: the whole `fairway-cli train`
# pipeline (read CSV → clean → split → fit → test accuracy) on a 500,000-row sample, side by
# side in one run with pandas + scikit-learn (LogisticRegression) and PyTorch CPU (MLP 64-64,
# 10 epochs, batch 256, Adam, 1 thread — and 2 threads once, for the record); OpenBLAS sgemm
# GFLOP/s and the fraction of it the MLP reaches; accuracy on ../shared/datasets/adult.csv.
#
# Usage: tests/bench/bench-train.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 500000), FAIRWAY_BENCH_RUNS (default 3),
#              PYTHON (default /usr/bin/python3, where Debian's python3-sklearn and
#              python3-torch live).
#
# What is measured and why is in bench_train.py's header.  Takes several minutes (PyTorch on
# two threads alone takes about two).  A benchmark, not a test: it prints the figures and
# exits 0 whether or not the targets are met; 2 when a peer (pandas, scikit-learn, PyTorch)
# or a built program is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-train.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
rows=${FAIRWAY_BENCH_ROWS:-500000}
runs=${FAIRWAY_BENCH_RUNS:-3}
python=${PYTHON:-/usr/bin/python3}
cli=$build/app/fairway-cli
sgemm=$build/tests/bench/bench-sgemm
adult=$here/../../../shared/datasets/adult.csv

for program in "$cli" "$sgemm"; do
  if [ ! -x "$program" ]; then
    echo "bench-train.sh: $program is not built; run ninja -C $build first" >&2
    exit 2
  fi
done
for module in pandas sklearn torch; do
  if ! "$python" -c "import $module" 2>/dev/null; then
    echo "bench-train.sh: $module is not available to $python" \
         "(apt-get install python3-pandas python3-sklearn python3-torch)" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
# Every side reads from the page cache, not the disk.
cat "$tmp/sample.csv" >/dev/null

if [ -r "$adult" ]; then
  set -- --adult "$adult"
else
  echo "bench-train.sh: $adult is absent; skipping the adult.csv accuracy comparison" >&2
  set --
fi
"$python" "$here/bench_train.py" --cli "$cli" --sgemm "$sgemm" --data "$tmp/sample.csv" \
  --runs "$runs" "$@"
