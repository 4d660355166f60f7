#!/usr/bin/python3
# test-compare.py — fairway-cli compare, checked from outside (TAP).
#
# Every mean and standard deviation is recomputed here from the per-fold values the command
# prints, and the recommendation from the one-standard-error rule written out again below.
#
# Usage: test-compare.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
ERROR_LINE = re.compile(r"^fairway-cli: error: \S.*\n$")
tmp = tempfile.TemporaryDirectory()
SAMPLE = os.path.join(tmp.name, "sample.csv")


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def compare_json(*args):
    result = run("compare", "--data", SAMPLE, "--json", "--epochs", "4", *args)
    check(result.returncode == 0, f"compare {args}: exit {result.returncode}: {result.stderr!r}")
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def complexity(model):
    """Logistic and linear first, then fewer hidden layers, then fewer units."""
    if not model.startswith("mlp:"):
        return (0, 0)
    widths = [int(w) for w in model[4:].split("x")]
    return (len(widths), sum(widths))


def one_se(candidates, higher_is_better):
    sign = 1 if higher_is_better else -1
    measured = [c for c in candidates if c["mean"] is not None]
    best = max(measured, key=lambda c: sign * c["mean"])
    se = best["sd"] / math.sqrt(len(best["folds"]))
    within = [c for c in measured if sign * (best["mean"] - c["mean"]) <= se * (1 + 1e-12)]
    return min(within, key=lambda c: (complexity(c["model"]), -sign * c["mean"]))["model"]


def check_summary(values, mean, sd, what):
    check(math.isclose(statistics.mean(values), mean, rel_tol=1e-9, abs_tol=1e-12),
          f"{what}: mean {mean} is not {statistics.mean(values)}")
    # statistics.stdev is the sample standard deviation (n − 1), as promised.
    check(math.isclose(statistics.stdev(values), sd, rel_tol=1e-9, abs_tol=1e-12),
          f"{what}: sd {sd} is not {statistics.stdev(values)}")


@test
def classification_defaults():
    events = compare_json("--target", "approved", "--sensitive", "sex")
    check([e["model"] for e in events] == ["logistic", "mlp:64", "mlp:64x64"],
          f"models {[e['model'] for e in events]}")
    for e in events:
        check(e["event"] == "candidate" and e["metric"] == "balanced_accuracy", f"event {e}")
        check(e["k"] == 5 and len(e["folds"]) == 5, f"{e['model']}: {len(e['folds'])} folds")
        check(all(0.5 < v <= 1 for v in e["folds"]), f"{e['model']}: folds {e['folds']}")
        check_summary(e["folds"], e["mean"], e["sd"], e["model"])
        gap = e["fairness_gap"]
        check(gap["attribute"] == "sex" and gap["measure"] == "demographic_parity_difference",
              f"gap {gap}")
        check(all(0 <= v <= 1 for v in gap["folds"]), f"gap folds {gap['folds']}")
        check_summary(gap["folds"], gap["mean"], gap["sd"], f"{e['model']} gap")
        energy = e["watt_hours"]
        check(energy["estimated"] and all(v >= 0 for v in energy["folds"]), f"energy {energy}")
        check_summary(energy["folds"], energy["mean"], energy["sd"], f"{e['model']} energy")
        check("error" not in e, f"{e['model']} failed: {e.get('error')}")
    recommended = [e["model"] for e in events if e["recommended"]]
    check(recommended == [one_se(events, True)], f"recommended {recommended}, rule says "
          f"{one_se(events, True)}")


@test
def same_numbers_every_run():
    def numbers(events):
        return [(e["model"], e["folds"], e["fairness_gap"]["folds"]) for e in events]

    first = compare_json("--target", "approved", "--sensitive", "sex", "--folds", "3",
                         "--models", "logistic,mlp:8", "--seed", "3")
    second = compare_json("--target", "approved", "--sensitive", "sex", "--folds", "3",
                          "--models", "logistic,mlp:8", "--seed", "3")
    check(numbers(first) == numbers(second), "two runs with one seed differ")
    other = compare_json("--target", "approved", "--sensitive", "sex", "--folds", "3",
                         "--models", "logistic,mlp:8", "--seed", "4")
    check(numbers(other) != numbers(first), "another seed deals the same folds")
    check([len(e["folds"]) for e in first] == [3, 3], "--folds 3")


@test
def accuracy_when_asked_and_regression():
    events = compare_json("--target", "approved", "--models", "logistic", "--metric", "accuracy",
                          "--folds", "4")
    check(events[0]["metric"] == "accuracy" and events[0]["recommended"], f"{events}")
    check(events[0]["fairness_gap"] is None, "a gap without a sensitive column")
    check_summary(events[0]["folds"], events[0]["mean"], events[0]["sd"], "accuracy")
    # Numbers: RMSE, lower is better, and the gap is the MAE difference.
    events = compare_json("--target", "credit_score", "--sensitive", "sex",
                          "--models", "linear,mlp:16", "--folds", "3")
    check([e["metric"] for e in events] == ["rmse", "rmse"], f"{events}")
    check(events[0]["fairness_gap"]["measure"] == "mae_difference", f"{events[0]}")
    for e in events:
        check(all(v > 0 for v in e["folds"]), f"rmse folds {e['folds']}")
        check_summary(e["folds"], e["mean"], e["sd"], e["model"])
    recommended = [e["model"] for e in events if e["recommended"]]
    check(recommended == [one_se(events, False)], f"recommended {recommended}")


@test
def a_candidate_that_cannot_train():
    events = compare_json("--target", "approved", "--folds", "3", "--models", "linear,logistic")
    linear, logistic = events
    check("error" in linear and linear["mean"] is None and not linear["recommended"], f"{linear}")
    check(linear["folds"] == [None, None, None], f"{linear['folds']}")
    check(logistic["recommended"] and "error" not in logistic, f"{logistic}")


@test
def words():
    result = run("compare", "--data", SAMPLE, "--target", "approved", "--sensitive", "sex",
                 "--epochs", "2", "--folds", "3", "--models", "logistic,mlp")
    out = result.stdout.decode()
    check(result.returncode == 0, f"exit {result.returncode}: {result.stderr!r}")
    check("over 3 folds" in out and "450 test rows were not used" in out, out)
    # The metric and the gap of each model with ±; the energy too unless it is under
    # 0.01 Wh, which is said in words rather than in e-notation.
    check(out.count("±") >= 4 and "(folds: " in out, out)
    energy = re.findall(r"^  energy \(estimated\): (.*)$", out, re.M)
    check(len(energy) == 2 and all(re.fullmatch(r"under 0\.01 Wh per fold|[0-9.]+ ± [0-9.e-]+ Wh "
                                                r"per fold", e) for e in energy), f"{energy}")
    check("e-0" not in out, out)
    check(re.search(r"^Recommended: (logistic|mlp:64), ", out, re.M), out)


@test
def refusals():
    for args, status in ((["--folds", "1"], 2), (["--folds", "21"], 2),
                         (["--models", "forest"], 2), (["--models", "mlp:0"], 2),
                         (["--metric", "rmse"], 2), (["--metric", "speed"], 2),
                         (["--target", "no_such_column"], 1)):
        full = ["compare", "--data", SAMPLE, "--target", "approved", *args]
        result = run(*full)
        stderr = result.stderr.decode()
        check(result.returncode == status, f"{args}: exit {result.returncode}: {stderr!r}")
        check(ERROR_LINE.match(stderr.splitlines(keepends=True)[0]), f"{args}: {stderr!r}")
    result = run("compare", "--data", os.path.join(tmp.name, "missing.csv"), "--target", "x")
    check(result.returncode == 1, f"missing file: exit {result.returncode}")


@test
def from_a_recipe():
    recipe = os.path.join(tmp.name, "r.json")
    result = run("train", "--data", SAMPLE, "--target", "approved", "--sensitive", "sex",
                 "--epochs", "2", "--save-recipe", recipe)
    check(result.returncode == 0, f"train: {result.stderr!r}")
    result = run("compare", "--recipe", recipe, "--json", "--folds", "3", "--models", "logistic")
    check(result.returncode == 0, f"compare --recipe: {result.stderr!r}")
    event = json.loads(result.stdout.decode().splitlines()[0])
    check(event["fairness_gap"]["attribute"] == "sex" and len(event["folds"]) == 3, f"{event}")


def main():
    result = run("sample", "--rows", "3000", "--seed", "11", "-o", SAMPLE)
    if result.returncode != 0:
        print(f"Bail out! sample failed: {result.stderr!r}")
        return 1
    return run_tests()


sys.exit(main())
