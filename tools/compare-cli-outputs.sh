#!/usr/bin/env bash
# Runs the same fairway-cli commands with two builds and compares what they write: the
# sample, inspect, train (every mitigation × threshold policy, linear, MLP), predict,
# evaluate and ONNX export.  For refactors that must change nothing:
#   tools/compare-cli-outputs.sh OLD/app/fairway-cli NEW/app/fairway-cli [WORKDIR]
# Files must be byte-identical; JSON numbers are compared exactly, leaving out times,
# energy and paths; each difference is printed with its relative size.  Exit 1 on any.
set -euo pipefail
old=$1 new=$2 work=${3:-$(mktemp -d)}

run () {
  local cli=$1 out=$2
  mkdir -p "$out"
  "$cli" sample --rows 4000 --seed 3 -o "$out/s.csv" >/dev/null
  "$cli" inspect "$out/s.csv" --json >"$out/inspect.json"
  for pol in none parity tpr; do
    for mit in none reweigh; do
      local m="$out/m-$pol-$mit"
      "$cli" train --data "$out/s.csv" --target approved --sensitive sex --sensitive age_band \
        --epochs 5 --seed 1 --threshold-policy "$pol" --mitigate "$mit" --out "$m.fwmodel" \
        --json | tail -n 1 >"$out/train-$pol-$mit.json"
      "$cli" predict --model "$m.fwmodel" --data "$out/s.csv" -o "$out/p-$pol-$mit.csv" >/dev/null
      "$cli" evaluate --model "$m.fwmodel" --data "$out/s.csv" --json >"$out/e-$pol-$mit.json"
      "$cli" export --model "$m.fwmodel" --onnx "$m.onnx" >/dev/null
    done
  done
  "$cli" train --data "$out/s.csv" --target loan_amount --model linear --epochs 3 --json \
    | tail -n 1 >"$out/train-linear.json"
  "$cli" train --data "$out/s.csv" --target approved --model mlp --hidden 16,8 --epochs 3 \
    --json | tail -n 1 >"$out/train-mlp.json"
}

run "$old" "$work/old"
run "$new" "$work/new"

python3 - "$work/old" "$work/new" <<'PY'
import filecmp, json, os, sys
old, new = sys.argv[1:]
skip = {"seconds", "energy", "model", "backend", "rows_per_second"}

def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in skip}
    if isinstance(o, list):
        return [strip(x) for x in o]
    return o

differences = 0
def walk(name, x, y, path=""):
    global differences
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y)):
            walk(name, x.get(k), y.get(k), f"{path}/{k}")
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (u, v) in enumerate(zip(x, y)):
            walk(name, u, v, f"{path}[{i}]")
    elif x != y:
        differences += 1
        rel = ""
        if isinstance(x, float) and isinstance(y, float):
            rel = f" (relative {abs(x - y) / max(abs(x), 1e-300):.1e})"
        print(f"{name} {path}: {x!r} → {y!r}{rel}")

names = sorted(os.listdir(old))
for name in names:
    a, b = os.path.join(old, name), os.path.join(new, name)
    if name.endswith(".json"):
        walk(name, strip(json.load(open(a))), strip(json.load(open(b))))
    elif not name.endswith(".fwmodel") and not filecmp.cmp(a, b, shallow=False):
        differences += 1
        print(f"{name}: the files differ")
print(f"{len(names)} outputs compared ({sum(not n.endswith('.fwmodel') for n in names)} "
      f"without the model files, which hold times), {differences} differences")
sys.exit(1 if differences else 0)
PY
