#!/bin/sh
# bench-large.sh — 5,000,000 rows × 30 columns through inspect and train: time and memory.
#
# Usage: tests/bench/bench-large.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 5000000), PYTHON (default /usr/bin/python3),
#              TMPDIR (where the ~1 GB CSV goes; default /tmp).
#
# The data: `fairway-cli sample` (21 columns) plus 9 numeric columns from a seeded awk
# generator.  Each command runs under GNU time (/usr/bin/time -v, Debian package `time`);
# its peak RSS is compared with a bound that says where the memory should go:
#   inspect  ≤ 1.5 × table + 64 MiB   (README: the column store, its build buffers, slack)
#   train    ≤ table + 1.5 × matrix + 64 MiB, where matrix = rows × n_features × 4 bytes,
#            the dense float32 features of all three parts.  massif on 200,000 rows puts
#            the peak at table + matrix + permutation importance's copy of the test part's
#            features (0.15 × matrix, fw-importance.c) + a few MiB; the rest is slack for
#            malloc and pages.
# "table" is fw_table_memory_size as bench-import reports it.  A benchmark, not a test: it
# exits 0 whether or not the bounds hold, and says which.  The data is deleted at the end.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-large.sh BUILD_DIR}
rows=${FAIRWAY_BENCH_ROWS:-5000000}
python=${PYTHON:-/usr/bin/python3}
cli=$build/app/fairway-cli
bench=$build/tests/bench/bench-import
gnu_time=/usr/bin/time

for program in "$cli" "$bench"; do
  if [ ! -x "$program" ]; then
    echo "bench-large.sh: $program is not built; run ninja -C $build first" >&2
    exit 2
  fi
done
if ! "$gnu_time" -v true 2>/dev/null; then
  echo "bench-large.sh: GNU time is missing (apt-get install time)" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fw-bench-large-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
data=$tmp/large.csv

echo "Generating $rows rows × 30 columns in $tmp"
"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
# Nine derived numbers: noisy functions of the row number, 2–6 significant digits.
awk 'BEGIN { srand(7); OFS = "," }
  NR == 1 { print $0, "d1,d2,d3,d4,d5,d6,d7,d8,d9"; next }
  { r = NR - 1
    printf "%s,%.3f,%.2f,%d,%.4f,%.1f,%d,%.3f,%.5f,%.2f\n", $0, rand() * 100, r % 997 / 7,
      int(rand() * 50), sin(r / 1000), rand() * 1e4, r % 12, rand() - 0.5, rand() * rand(),
      (r % 31) * 1.25 }' "$tmp/sample.csv" >"$data"
rm "$tmp/sample.csv"
bytes=$(wc -c <"$data")
columns=$(head -1 "$data" | tr ',' '\n' | wc -l)
echo "  $(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }'), $columns columns"

# measure NAME COMMAND…: runs it under GNU time; sets rss_kib, seconds (wall) and cpu
# (user + system: on a busy shared machine the wall time says more about the neighbours).
measure () {
  name=$1; shift
  if ! "$gnu_time" -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; then
    echo "bench-large.sh: $name failed:" >&2
    cat "$tmp/$name.err" >&2
    exit 1
  fi
  rss_kib=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/$name.time")
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/$name.time")
  seconds=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  cpu=$(sed -n 's/^[[:space:]]*\(User\|System\) time (seconds): //p' "$tmp/$name.time" |
        awk '{ s += $1 } END { print s }')
}

cat "$data" >/dev/null          # from the page cache, not the disk
table=$("$bench" "$data" | tr ' ' '\n' | sed -n 's/^table_bytes=//p')

measure inspect "$cli" inspect "$data"
inspect_rss=$rss_kib inspect_sec=$seconds inspect_cpu=$cpu
measure train "$cli" train --data "$data" --target approved --sensitive sex --epochs 2 \
  --out "$tmp/model.fwmodel"
train_rss=$rss_kib train_sec=$seconds train_cpu=$cpu

# The number of features the recipe made, from the model file's JSON header.
features=$("$python" - "$tmp/model.fwmodel" <<'PY'
import json, struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(16)
    length = struct.unpack("<I", head[12:16])[0]
    print(len(json.loads(f.read(length))["features"]))
PY
)

awk -v rows="$rows" -v bytes="$bytes" -v tb="$table" -v nf="$features" \
    -v ir="$inspect_rss" -v is="$inspect_sec" -v ic="$inspect_cpu" \
    -v tr="$train_rss" -v ts="$train_sec" -v tc="$train_cpu" 'BEGIN {
  mib = 1024 * 1024
  matrix = rows * nf * 4 / mib
  ilimit = 1.5 * tb / mib + 64
  tlimit = tb / mib + 1.5 * matrix + 64
  printf "\nLarge data: %d rows × 30 columns (%.0f MB); table %.1f MiB, %d features ", rows,
         bytes / 1e6, tb / mib, nf
  printf "(dense float32 matrix %.1f MiB)\n", matrix
  printf "  inspect  %6.1f s wall, %6.1f s CPU   peak RSS %7.1f MiB", is, ic, ir / 1024
  printf "   bound 1.5 × table + 64 MiB = %.1f MiB: %s\n", ilimit, (ir / 1024 <= ilimit ? "met" : "NOT met")
  printf "  train    %6.1f s wall, %6.1f s CPU   peak RSS %7.1f MiB", ts, tc, tr / 1024
  printf "   bound table + 1.5 × matrix + 64 MiB = %.1f MiB: %s\n", tlimit,
         (tr / 1024 <= tlimit ? "met" : "NOT met")
}'
