#!/bin/sh
# bench-checkpoint.sh — what `train --checkpoint` costs: training throughput with and
# without checkpoints, in the same run, on the same sample (target: < 2 % slower).
#
# Usage: tests/bench/bench-checkpoint.sh BUILD_DIR
# Environment: FAIRWAY_BENCH_ROWS (default 500000), FAIRWAY_BENCH_RUNS (default 5),
#              PYTHON (default /usr/bin/python3).
#
# Each run trains the MLP 64-64 for 10 epochs (early stopping can end it sooner, the same
# epoch for both: training is deterministic for a seed) and a logistic regression for 10,
# alternating without, with --checkpoint (every 5 s at most) and with a checkpoint on every
# new best epoch (--checkpoint-seconds 0, the worst case), so drift on a shared machine hits
# all alike; the spread of the runs without says how much of a difference is noise.
# Throughput is epochs ÷ the last epoch event's `elapsed` (which includes
# the parameter copies the trainer thread makes for checkpoints, and the checkpoint
# thread's competition for the cores); the figure is the median over runs, and the ratio is
# with ÷ without.  The CPU seconds of each whole command (user + system, all threads) are
# reported too: on a shared machine they move far less than wall-clock throughput.
# A benchmark, not a test: it prints the figures and exits 0 whether or
# not the target is met; 2 when a built program is missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=${1:?usage: bench-checkpoint.sh BUILD_DIR}
rows=${FAIRWAY_BENCH_ROWS:-500000}
runs=${FAIRWAY_BENCH_RUNS:-5}
python=${PYTHON:-/usr/bin/python3}
cli=$build/app/fairway-cli

if [ ! -x "$cli" ]; then
  echo "bench-checkpoint.sh: $cli is not built; run ninja -C $build first" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$cli" sample --rows "$rows" --seed 42 -o "$tmp/sample.csv" >/dev/null
cat "$tmp/sample.csv" >/dev/null

"$python" - "$cli" "$tmp" "$runs" <<'PY'
import json
import os
import resource
import statistics
import subprocess
import sys

cli, tmp, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = os.path.join(tmp, "sample.csv")
checkpoint = os.path.join(tmp, "checkpoint.fwmodel")
cpu = {}
models = {
    "mlp 64-64": ["--model", "mlp", "--hidden", "64,64"],
    "logistic": ["--model", "logistic"],
}


def throughput(model_args, with_checkpoint, seconds="5"):
    args = [cli, "train", "--data", data, "--target", "approved", "--sensitive", "sex",
            "--epochs", "10", "--json", *model_args]
    if with_checkpoint:
        if os.path.exists(checkpoint):
            os.unlink(checkpoint)
        args += ["--checkpoint", checkpoint, "--checkpoint-seconds", seconds]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(args, capture_output=True, check=True).stdout.decode()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.setdefault((tuple(model_args), with_checkpoint, seconds), []).append(
        after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    events = [json.loads(line) for line in out.splitlines()]
    epochs = [e for e in events if e["event"] == "epoch"]
    done = events[-1]
    if with_checkpoint and not os.path.exists(checkpoint):
        sys.exit("bench-checkpoint: no checkpoint was written")
    del done
    return len(epochs) / epochs[-1]["elapsed"], len(epochs)


print(f"checkpoint cost, {runs} alternating runs each, median epochs/s of training "
      f"(the training rows are the same on both sides)")
for name, model_args in models.items():
    without, with_, every = [], [], []
    for _ in range(runs):
        without.append(throughput(model_args, False)[0])
        with_.append(throughput(model_args, True)[0])
        every.append(throughput(model_args, True, "0")[0])
    a, b, c = statistics.median(without), statistics.median(with_), statistics.median(every)
    spread = 100 * (max(without) - min(without)) / a
    print(f"  {name:10s} without {a:8.3f}  with --checkpoint {b:8.3f}  "
          f"ratio {b / a:.4f}  cost {100 * (1 - b / a):+.2f} %  (target < 2 %)")
    print(f"  {'':10s} stress, a checkpoint on every new best epoch (--checkpoint-seconds 0): "
          f"{c:8.3f}  ratio {c / a:.4f}  cost {100 * (1 - c / a):+.2f} %")
    print(f"  {'':10s} spread of the runs without: {spread:.1f} % of the median")
    key = tuple(model_args)
    ca = statistics.median(cpu[(key, False, "5")])
    cb = statistics.median(cpu[(key, True, "5")])
    cc = statistics.median(cpu[(key, True, "0")])
    print(f"  {'':10s} CPU seconds of the whole command (less sensitive to other load): "
          f"without {ca:.2f}, with {cb:.2f} ({100 * (cb / ca - 1):+.2f} %), "
          f"every best epoch {cc:.2f} ({100 * (cc / ca - 1):+.2f} %)")
PY
