#!/bin/sh
# bench-import.sh — import + profile of a 1,000,000-row sample: Fairway against pandas.
#
# Usage: tests/bench/bench-import.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 1000000), FAIRWAY_BENCH_RUNS (default 3),
#              PYTHON (default /usr/bin/python3, where Debian's python3-pandas lives).
#
# Both sides run in the same session on the same file, alternating, so the ratio holds
# on a noisy machine even when absolute times do not.  Medians of the runs are reported.
# Targets: Fairway ≥ 1.5 × pandas' speed; Fairway's peak RSS ≤ 1.5 × the table's
# bytes + 64 MiB.  This is a benchmark, not a test: it exits 0 whether or not they are met.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-import.sh BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
rows=${FAIRWAY_BENCH_ROWS:-1000000}
runs=${FAIRWAY_BENCH_RUNS:-3}
python=${PYTHON:-/usr/bin/python3}
cli=$build/app/fairway-cli
bench=$build/tests/bench/bench-import

for program in "$cli" "$bench"; do
  if [ ! -x "$program" ]; then
    echo "bench-import.sh: $program is not built; run ninja -C $build first" >&2
    exit 2
  fi
done
if ! "$python" -c 'import pandas' 2>/dev/null; then
  echo "bench-import.sh: pandas is not available to $python" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
# Both sides read from the page cache, not the disk.
cat "$tmp/sample.csv" >/dev/null
bytes=$(wc -c <"$tmp/sample.csv")

i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  "$bench" "$tmp/sample.csv" | tee -a "$tmp/fairway.txt" | sed "s/^/fairway run $i: /"
  "$python" "$here/bench-pandas.py" "$tmp/sample.csv" | tee -a "$tmp/pandas.txt" |
    sed "s/^/pandas  run $i: /"
done

# field FILE KEY: the values of KEY=… in FILE, one per line.
field () {
  tr ' ' '\n' <"$1" | sed -n "s/^$2=//p"
}
median () {
  sort -g | awk '{ v[NR] = $1 }
    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

f_sec=$(field "$tmp/fairway.txt" seconds | median)
f_rss=$(field "$tmp/fairway.txt" peak_rss_kib | median)
table=$(field "$tmp/fairway.txt" table_bytes | median)
p_sec=$(field "$tmp/pandas.txt" seconds | median)
p_rss=$(field "$tmp/pandas.txt" peak_rss_kib | median)

awk -v rows="$rows" -v bytes="$bytes" -v runs="$runs" -v fs="$f_sec" -v fr="$f_rss" \
    -v tb="$table" -v ps="$p_sec" -v pr="$p_rss" 'BEGIN {
  mib = 1024 * 1024
  ratio = ps / fs
  limit = 1.5 * tb / mib + 64
  printf "\nImport + profile, %d rows (%.1f MB), median of %d runs\n", rows, bytes / 1e6, runs
  printf "  fairway  %7.3f s   peak RSS %7.1f MiB   (table %.1f MiB)\n", fs, fr / 1024, tb / mib
  printf "  pandas   %7.3f s   peak RSS %7.1f MiB\n", ps, pr / 1024
  printf "  speed    pandas/fairway = %.2fx (target >= 1.5x): %s\n", ratio,
         (ratio >= 1.5 ? "met" : "NOT met")
  printf "  memory   fairway %.1f MiB <= 1.5 x table + 64 MiB = %.1f MiB: %s\n", fr / 1024, limit,
         (fr / 1024 <= limit ? "met" : "NOT met")
}'
