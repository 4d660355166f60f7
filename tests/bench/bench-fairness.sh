#!/bin/sh
# bench-fairness.sh — fairness benchmark, against its targets: in one run,
#   1. mitigation: test accuracy and demographic parity difference (sex) with no mitigation,
#      `--mitigate reweigh` and `--threshold-policy parity`, on the bundled loan sample
#      (20,000 rows) and on ../shared/datasets/adult.csv, mean of 3 seeds, against the
#      targets "reweighing reduces the difference" and "parity thresholds cut it by at least
#      half at a cost of at most 3 points of accuracy";
#   2. the cost of measuring fairness in every epoch event: training throughput with and
#      without `--sensitive` on a 500,000-row sample, logistic and MLP 64-64, against the
#      target "≤ 3 % of training throughput".
#
# Usage: tests/bench/bench-fairness.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (rows of the throughput sample, default 500000),
#              FAIRWAY_BENCH_RUNS (throughput runs per configuration, default 3),
#              FAIRWAY_BENCH_SEEDS (seeds per mitigation figure, default 3),
#              FAIRWAY_SHARED_DATASETS (folder holding adult.csv, default ../shared/datasets
#              beside the repository), PYTHON (default python3; the standard library only).
#
# What is measured and why is in bench_fairness.py's header.  Takes about a minute.  A
# benchmark, not a test: it prints the figures and exits 0 whether or not the targets are
# met; 2 when fairway-cli is not built, Python is missing or adult.csv is absent.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-fairness.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
rows=${FAIRWAY_BENCH_ROWS:-500000}
runs=${FAIRWAY_BENCH_RUNS:-3}
seeds=${FAIRWAY_BENCH_SEEDS:-3}
python=${PYTHON:-python3}
cli=$build/app/fairway-cli
datasets=${FAIRWAY_SHARED_DATASETS:-$here/../../../shared/datasets}
adult=$datasets/adult.csv

if [ ! -x "$cli" ]; then
  echo "bench-fairness.sh: $cli is not built; run ninja -C $build app/fairway-cli first" >&2
  exit 2
fi
if ! command -v "$python" >/dev/null 2>&1; then
  echo "bench-fairness.sh: $python is not available (set PYTHON)" >&2
  exit 2
fi
if [ ! -r "$adult" ]; then
  echo "bench-fairness.sh: $adult is absent; the issue's targets name it" \
       "(set FAIRWAY_SHARED_DATASETS to the folder holding adult.csv)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The bundled sample the mitigation targets name, and the big one for throughput.
"$cli" sample --rows 20000 --seed 42 -o "$tmp/sample.csv" >/dev/null
"$cli" sample --rows "$rows" --seed 42 -o "$tmp/big.csv" >/dev/null

"$python" "$here/bench_fairness.py" --cli "$cli" --sample "$tmp/sample.csv" \
  --adult "$adult" --big "$tmp/big.csv" --runs "$runs" --seeds "$seeds" --tmp "$tmp"
