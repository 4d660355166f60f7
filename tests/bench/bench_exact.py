#!/usr/bin/python3
# bench_exact.py — exact logistic regression, the whole pipeline, against scikit-learn.
#
# On the loan sample (fairway-cli sample), alternating in one run:
#   - `fairway-cli train --json` with the exact solver (Newton/IRLS; the default), and with
#     the mini-batch solver for the record;
#   - bench_train_peers.py's "logistic" peer: pandas + scikit-learn preprocessing and
#     LogisticRegression(max_iter=1000) (lbfgs, converged), in a fresh process.
# Fairway's wall clock is the whole process; the peer's both its process wall clock and its
# in-process pipeline seconds (which leave out the interpreter's and imports' start-up:
# generous to the peer).  Targets: test accuracy equal within 0.1 point, ≥ 2× faster.
# Both sides split 70/15/15 stratified with the same seed but not into the same rows, so
# one standard error of the accuracy difference is printed beside it.
#
# Usage: bench_exact.py --cli fairway-cli --data sample.csv [--runs 3]
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import math
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_train  # noqa: E402  (its fairway_train, fairway_recipe and peer)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    loan = {"target": "approved", "positive": "yes", "sensitive": "sex", "seed": 42}

    with tempfile.TemporaryDirectory() as tmp:
        features, drops = bench_train.fairway_recipe(args.cli, args.data, tmp=tmp, **loan)
    runs = {"exact": [], "minibatch": [], "sklearn": []}
    for i in range(args.runs):
        runs["exact"].append(bench_train.fairway_train(args.cli, args.data, **loan,
                                                       extra=("--solver", "exact")))
        runs["sklearn"].append(bench_train.peer("logistic", args.data, drop=drops, **loan))
        runs["minibatch"].append(bench_train.fairway_train(args.cli, args.data, **loan,
                                                           extra=("--solver", "minibatch")))
        print(f"run {i + 1}/{args.runs}: " + "  ".join(
            f"{k} {v[-1]['wall']:.2f} s" for k, v in runs.items()), flush=True)

    def med(key, field):
        return statistics.median(r[field] for r in runs[key])

    n_test = None
    exact_acc = runs["exact"][0]["accuracy"]
    sk_acc = runs["sklearn"][0]["accuracy"]
    # Test rows: 15 % of the sample.
    with open(args.data) as f:
        n_test = round(0.15 * (sum(1 for _ in f) - 1))
    se = math.sqrt(2 * exact_acc * (1 - exact_acc) / n_test)
    print(f"\nLogistic regression on {args.data} ({len(features)} features), median of "
          f"{args.runs} runs:")
    print(f"  Fairway exact      wall {med('exact', 'wall'):6.2f} s  "
          f"fit {med('exact', 'train'):6.2f} s"
          f"  Newton steps {runs['exact'][0]['epochs']}  test accuracy {exact_acc:.4f}")
    print(f"  Fairway minibatch  wall {med('minibatch', 'wall'):6.2f} s  fit "
          f"{med('minibatch', 'train'):6.2f} s  epochs {runs['minibatch'][0]['epochs']}"
          f"  test accuracy {runs['minibatch'][0]['accuracy']:.4f}")
    print(f"  sklearn lbfgs      wall {med('sklearn', 'wall'):6.2f} s  pipeline "
          f"{med('sklearn', 'pipeline_seconds'):6.2f} s  "
          f"fit {med('sklearn', 'train_seconds'):6.2f} s"
          f"  iterations {runs['sklearn'][0].get('iterations')}  test accuracy {sk_acc:.4f}")
    diff = 100 * (exact_acc - sk_acc)
    ratio_wall = med("sklearn", "wall") / med("exact", "wall")
    ratio_pipeline = med("sklearn", "pipeline_seconds") / med("exact", "wall")
    print(f"  accuracy exact − sklearn {diff:+.2f} points (target within 0.1; one standard "
          f"error of the difference ≈ {100 * se:.2f} points)")
    print(f"  speed: {ratio_wall:.2f}x sklearn's process, {ratio_pipeline:.2f}x its in-process "
          f"pipeline (target ≥ 2x)")


if __name__ == "__main__":
    main()
