#!/usr/bin/env bash
# tools/valgrind.sh [BUILD_DIR] — the engine and plots suites under valgrind's memcheck.
# Fails on any memory error and any "definitely lost" block; "possibly lost" and
# "still reachable" are GLib's type system and caches, reported but not counted.
# A test that would take minutes under valgrind runs a smaller workload when
# FAIRWAY_UNDER_VALGRIND is set: test-cancel, 10 points instead of 100 (95 s → 6 s);
# test-fairness skips its speed assertion.  About 1.5–4 minutes in all on 2 cores.
# Suppressions, each with its reason: tests/valgrind.supp.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=${1:-${FAIRWAY_BUILD_DIR:-build}}

command -v valgrind >/dev/null || { echo "valgrind: not installed" >&2; exit 1; }
[ -f "$build/build.ninja" ] || { echo "valgrind: no build in $build" >&2; exit 1; }
ninja -C "$build" >/dev/null

wrapper="valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite
  --show-leak-kinds=definite --error-exitcode=1 --track-origins=no --num-callers=30
  --suppressions=$here/tests/valgrind.supp --gen-suppressions=all"

start=$SECONDS
status=0
# One OpenBLAS thread: valgrind runs threads one at a time anyway, and a pool only adds
# start-up cost.  G_SLICE: plain malloc, so GLib's allocator hides nothing.
FAIRWAY_UNDER_VALGRIND=1 OPENBLAS_NUM_THREADS=1 G_SLICE=always-malloc \
  meson test -C "$build" --no-rebuild --print-errorlogs --suite engine --suite plots \
  --wrapper "$(echo $wrapper)" --timeout-multiplier 10 || status=1
echo "valgrind: engine and plots suites in $((SECONDS - start)) s"
exit $status
