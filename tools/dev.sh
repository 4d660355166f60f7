#!/usr/bin/env bash
# Fairway's two set-up commands for a newcomer on Debian 12 / Ubuntu 22.04+:
#   tools/dev.sh run    install dependencies, build, open the app on the bundled sample
#   tools/dev.sh test   install dependencies, build, run the whole test suite
#                       (plus the engine, plots and core suites again under AddressSanitizer
#                       + UBSan, engine and plots under valgrind, and each fuzz target for
#                       60 s)
# Dependencies come from apt-get, as root or through sudo; for the tests, ONNX Runtime
# (onnxruntime-node, pinned in tools/ort/package-lock.json) comes from the npm registry
# into tools/ort/node_modules.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=${FAIRWAY_BUILD_DIR:-build}
asan_build=${FAIRWAY_ASAN_BUILD_DIR:-build-asan}

build_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libcsv-dev libopenblas-dev libjson-glib-dev
)
test_packages=(
  xvfb xauth desktop-file-utils appstream-util appstream
  python3 python3-pandas python3-onnx poppler-utils librsvg2-bin
  python3-statsmodels python3-sklearn
  clang libclang-rt-14-dev valgrind time
)

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ONNX Runtime for tests/cli/test-onnx-runtime.py, at the version the lock file pins; quick
# when it is there already.  ONNXRUNTIME_NODE_INSTALL=skip: the package's install script
# would fetch CUDA libraries from outside npm, which the CPU runtime does not use.
install_ort () {
  command -v node >/dev/null || install_packages nodejs
  command -v npm >/dev/null || install_packages npm
  local want have
  want=$(node -p "require('./tools/ort/package-lock.json')
                    .packages['node_modules/onnxruntime-node'].version")
  have=$(node -p "try { require('./tools/ort/node_modules/onnxruntime-node/package.json')
                          .version } catch (e) { '' }")
  [ "$want" = "$have" ] && return 0
  say "Installing onnxruntime-node $want into tools/ort"
  (cd tools/ort && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund)
}

configure () {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

# A plain closing line any CI can read: "tests: N passed, N failed, N skipped".
summarise () {
  python3 - "$@" <<'PY'
import json, os, sys
passed = failed = skipped = 0
for log in sys.argv[1:]:
    if not os.path.exists(log):  # a step that failed before running its tests
        continue
    with open(log) as f:
        for line in f:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"): passed += 1
            elif result == "SKIP": skipped += 1
            else: failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
}

cmd_run () {
  install_packages "${build_packages[@]}"
  configure "$build"
  ninja -C "$build"
  local sample="$here/$build/sample.csv"
  [ -f "$sample" ] || "$build/app/fairway-cli" sample -o "$sample"
  say "Opening Fairway on $sample"
  exec meson devenv -C "$build" --workdir "$here" "$here/$build/app/fairway" "$sample"
}

cmd_test () {
  install_packages "${build_packages[@]}" "${test_packages[@]}"
  install_ort
  # Warnings are errors here: the build is warning-free and stays so.
  configure "$build" --werror
  ninja -C "$build"
  say "Running every suite (the UI under Xvfb)"
  local status=0
  xvfb-run -a -s "-screen 0 1280x800x24" \
    meson test -C "$build" --print-errorlogs --no-suite benchmark || status=1

  say "Running the engine, plots and core suites under AddressSanitizer + UBSan"
  configure "$asan_build" --werror -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug
  ninja -C "$asan_build"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS="suppressions=$here/tests/lsan.supp:print_suppressions=0" \
    meson test -C "$asan_build" --print-errorlogs --suite engine --suite plots --suite core \
    || status=1

  say "Running the engine and plots suites under valgrind (tools/valgrind.sh)"
  tools/valgrind.sh "$build" || status=1

  say "Fuzzing CSV import, recipes and model files, 60 s each (tools/fuzz.sh)"
  tools/fuzz.sh 60 || status=1

  summarise "$build/meson-logs/testlog.json" "$asan_build/meson-logs/testlog.json" \
    "$build/meson-logs/testlog-valgrind.json"
  return $status
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  *) echo "usage: tools/dev.sh run|test" >&2; exit 2 ;;
esac
