#!/bin/sh
# bench-exact.sh — exact logistic regression (Newton/IRLS), the whole `fairway-cli train`
# pipeline on a 500,000-row sample, against pandas + scikit-learn LogisticRegression (lbfgs,
# converged) in the same run.  What is measured is in bench_exact.py's header.
#
# Usage: tests/bench/bench-exact.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 500000), FAIRWAY_BENCH_RUNS (default 3),
#              PYTHON (default /usr/bin/python3, where python3-sklearn lives).
# A benchmark, not a test: it prints the figures and exits 0 whether or not the targets are
# met; 2 when a peer or the built program is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-exact.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
rows=${FAIRWAY_BENCH_ROWS:-500000}
runs=${FAIRWAY_BENCH_RUNS:-3}
python=${PYTHON:-/usr/bin/python3}
cli=$build/app/fairway-cli

if [ ! -x "$cli" ]; then
  echo "bench-exact.sh: $cli is not built; run ninja -C $build first" >&2
  exit 2
fi
for module in pandas sklearn; do
  if ! "$python" -c "import $module" 2>/dev/null; then
    echo "bench-exact.sh: $module is not available to $python" \
         "(apt-get install python3-pandas python3-sklearn)" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
cat "$tmp/sample.csv" >/dev/null
"$python" "$here/bench_exact.py" --cli "$cli" --data "$tmp/sample.csv" --runs "$runs"
