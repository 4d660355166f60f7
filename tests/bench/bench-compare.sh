#!/bin/sh
# bench-compare.sh — what k-fold Compare costs: `compare --folds 5` over three models
# against one `train` of each of the same three.
#
# Usage: tests/bench/bench-compare.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 100000), FAIRWAY_BENCH_RUNS (default 3).
#
# On one sample, in the same session, alternating: `train` with logistic regression, an MLP
# of one layer of 64 and one of two layers of 64 (wall time of the three commands added
# up), then `compare --folds 5 --models logistic,mlp:64,mlp:64x64` (wall time of the one
# command).  Both include reading the CSV; the medians give the ratio.  A stricter second
# ratio sets compare's whole wall time against the three trainings' own "seconds" (the
# trainer alone, without reading, profiling or preparing).  Compare trains each
# model 5 times on 68 % of the rows (train: once on 70 %), two folds at a time on two
# cores.  Target: ≤ 6.  This is a benchmark, not a test: it exits 0 whether or not the
# target is met.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-compare.sh BUILD_DIR}
rows=${FAIRWAY_BENCH_ROWS:-100000}
runs=${FAIRWAY_BENCH_RUNS:-3}
cli=$build/app/fairway-cli

if [ ! -x "$cli" ]; then
  echo "bench-compare.sh: $cli is not built; run ninja -C $build first" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
cat "$tmp/sample.csv" >/dev/null
data="--data $tmp/sample.csv --target approved --sensitive sex --seed 7"

now () {
  date +%s.%N
}
seconds () {
  sed -n 's/.*"seconds" *: *\([0-9.e+-]*\).*/\1/p'
}
median () {
  sort -g | awk '{ v[NR] = $1 }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  start=$(now)
  : >"$tmp/seconds.txt"
  # shellcheck disable=SC2086
  "$cli" train $data --model logistic --json | tail -n 1 | seconds >>"$tmp/seconds.txt"
  # shellcheck disable=SC2086
  "$cli" train $data --model mlp --hidden 64 --json | tail -n 1 | seconds >>"$tmp/seconds.txt"
  # shellcheck disable=SC2086
  "$cli" train $data --model mlp --hidden 64,64 --json | tail -n 1 | seconds >>"$tmp/seconds.txt"
  middle=$(now)
  awk '{ s += $1 } END { print s }' "$tmp/seconds.txt" >>"$tmp/trainer.txt"
  # shellcheck disable=SC2086
  "$cli" compare $data --folds 5 --models logistic,mlp:64,mlp:64x64 --json >/dev/null
  end=$(now)
  awk -v a="$start" -v b="$middle" 'BEGIN { print b - a }' >>"$tmp/train.txt"
  awk -v a="$middle" -v b="$end" 'BEGIN { print b - a }' >>"$tmp/compare.txt"
  echo "run $i: three trainings $(tail -n 1 "$tmp/train.txt") s" \
       "(trainer alone $(tail -n 1 "$tmp/trainer.txt") s)," \
       "compare --folds 5 $(tail -n 1 "$tmp/compare.txt") s"
done
train=$(median <"$tmp/train.txt")
trainer=$(median <"$tmp/trainer.txt")
compare=$(median <"$tmp/compare.txt")
echo "rows=$rows cores=$(nproc) three_trainings=${train}s trainer_alone=${trainer}s" \
     "compare_folds_5=${compare}s" \
     "ratio=$(awk -v a="$compare" -v b="$train" 'BEGIN { printf "%.2f", a / b }') (target <= 6)" \
     "ratio_to_trainer_alone=$(awk -v a="$compare" -v b="$trainer" 'BEGIN { printf "%.2f", a / b }')"
