#!/usr/bin/env bash
# tools/fuzz.sh [SECONDS] — builds the libFuzzer targets of tests/fuzz with clang (ASan +
# UBSan, in their own build folder) and runs each for SECONDS (default 60).  Fails on any
# crash, leak, sanitizer report or input slower than 10 s; the input that did it is kept in
# the build folder, and belongs in tests/fuzz/regressions/<target>/ once the bug is fixed.
#   FAIRWAY_FUZZ_BUILD_DIR   build folder (default build-fuzz)
#   FAIRWAY_FUZZ_TARGETS     which targets (default "csv recipe model")
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
seconds=${1:-60}
build=${FAIRWAY_FUZZ_BUILD_DIR:-build-fuzz}
targets=(${FAIRWAY_FUZZ_TARGETS:-csv recipe model})

# The longest input worth trying per target: a few times the largest seed.
declare -A max_len=([csv]=16384 [recipe]=8192 [model]=32768)

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

case $seconds in
  ''|*[!0-9]*) echo "usage: tools/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac
command -v clang >/dev/null || { echo "fuzz: clang is not installed" >&2; exit 1; }

# -fsanitize=fuzzer-no-link instruments the engine for coverage; only the targets link
# libFuzzer itself (tests/fuzz/meson.build).  No recovery: UBSan findings must crash.
if [ ! -f "$build/build.ninja" ]; then
  say "Configuring $build with clang"
  CC=clang meson setup "$build" -Dgui=false -Dfuzzing=true -Dcuda=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" >/dev/null
fi
ninja -C "$build" "${targets[@]/#/tests/fuzz/fuzz-}"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export LSAN_OPTIONS="suppressions=$here/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export OPENBLAS_NUM_THREADS=1 LC_ALL=C.UTF-8

status=0
summary=()
for target in "${targets[@]}"; do
  # New inputs go to a scratch corpus; the checked-in seeds and regressions are read only.
  work="$build/fuzz-work/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  log="$work/fuzz.log"
  say "Fuzzing $target for ${seconds}s"
  if "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -max_len="${max_len[$target]}" -print_final_stats=1 \
       -artifact_prefix="$work/artifacts/" \
       "$work/corpus" "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target" \
       >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
    grep -E "ERROR:|runtime error|SUMMARY|Test unit written|ERROR" "$log" | head -20 >&2 || true
    echo "fuzz: full log in $log" >&2
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  summary+=("$target ${runs:-?} runs $result")
done

# One line for CI logs, like the tests' summary line.
(IFS=','; echo "fuzz: ${seconds}s per target:${summary[*]/#/ }")
exit $status
