#!/bin/sh
# bench-leaks.sh — what the leak check costs: `inspect --target` against `inspect`.
#
# Usage: tests/bench/bench-leaks.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 1000000), FAIRWAY_BENCH_RUNS (default 5).
#
# Both commands run in the same session on the same file, alternating; the medians of
# their own "seconds" (import, profile and, with a target, the check) give the ratio.
# bench-leaks then times the check alone against import + profile in one process, which
# holds on a busy machine when the whole commands' times do not.  Target: ≤ 1.15.  This
# is a benchmark, not a test: it exits 0 whether or not the target is met.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-leaks.sh BUILD_DIR}
rows=${FAIRWAY_BENCH_ROWS:-1000000}
runs=${FAIRWAY_BENCH_RUNS:-5}
cli=$build/app/fairway-cli
bench=$build/tests/bench/bench-leaks

for program in "$cli" "$bench"; do
  if [ ! -x "$program" ]; then
    echo "bench-leaks.sh: $program is not built; run ninja -C $build first" >&2
    exit 2
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
cat "$tmp/sample.csv" >/dev/null

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
  "$cli" inspect "$tmp/sample.csv" --json | seconds >>"$tmp/plain.txt"
  "$cli" inspect "$tmp/sample.csv" --json --target approved | seconds >>"$tmp/target.txt"
  echo "run $i: inspect $(tail -n 1 "$tmp/plain.txt") s, inspect --target $(tail -n 1 "$tmp/target.txt") s"
done
plain=$(median <"$tmp/plain.txt")
target=$(median <"$tmp/target.txt")
echo "rows=$rows inspect=${plain}s inspect_target=${target}s" \
     "ratio=$(awk -v a="$target" -v b="$plain" 'BEGIN { printf "%.3f", a / b }') (target <= 1.15)"
echo "in one process: $("$bench" "$tmp/sample.csv" approved "$runs")"
