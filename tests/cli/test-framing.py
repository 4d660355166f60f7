#!/usr/bin/python3
# test-framing.py — who a prediction helps or harms, small groups, and baselines, from outside
#
# Usage: test-framing.py PATH/TO/fairway-cli
#
# The expectations are recomputed here from the per-group counts fairway-cli reports and
# from the CSV itself, never taken from another Fairway output.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
tmp = tempfile.TemporaryDirectory()
SAMPLE = os.path.join(tmp.name, "sample.csv")
MODEL = os.path.join(tmp.name, "m.fwmodel")
EPS = 1e-9


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, timeout=300)


def done_of(*args):
    result = run("train", "--data", SAMPLE, "--target", "approved", "--sensitive", "region",
                 "--epochs", "3", "--json", *args)
    check(result.returncode == 0, f"train {args}: {result.stderr!r}")
    return json.loads(result.stdout.decode().splitlines()[-1])


def ratio_of_used(entry, key):
    used = set(entry["groups_used"])
    rates = [g[key] for g in entry["groups"] if g["value"] in used and g[key] is not None]
    return min(rates) / max(rates)


@test
def favourable_by_default():
    # "approved" = "yes": good for the person, guessed from the words.
    entry = done_of()["fairness"][0]
    check(entry["favourable"] == "yes" and entry["positive_is_favourable"] is True, f"{entry}")
    check(entry["main_harm"] == "false_negative_rate", entry["main_harm"])
    for g in entry["groups"]:
        if g["n"] > 0:
            check(abs(g["favourable_rate"] - g["selection_rate"]) < EPS, f"group {g}")
    check(abs(entry["favourable_rate_ratio"] - ratio_of_used(entry, "selection_rate")) < EPS,
          "the four-fifths figure is the selection-rate ratio")


@test
def harmful_when_named():
    # The same model read the other way round: "no" is the good answer.
    entry = done_of("--favourable", "no")["fairness"][0]
    check(entry["favourable"] == "no" and entry["positive_is_favourable"] is False, f"{entry}")
    check(entry["main_harm"] == "false_positive_rate", entry["main_harm"])
    for g in entry["groups"]:
        if g["n"] > 0:
            check(abs(g["favourable_rate"] - (1 - g["selection_rate"])) < EPS, f"group {g}")
    check(abs(entry["favourable_rate_ratio"] - ratio_of_used(entry, "favourable_rate")) < EPS,
          "the four-fifths figure is taken on the rate of not being selected")
    check(run("train", "--data", SAMPLE, "--target", "approved", "--favourable", "maybe")
          .returncode == 1, "a favourable value that is no class is refused")


@test
def small_groups_out_of_summaries():
    # The sample's five regions have 60 to 115 test rows: 80 keeps some, 1000 none.
    some = done_of("--min-group-rows", "80")["fairness"][0]
    sizes = {g["value"]: g["n"] for g in some["groups"] if g["n"] > 0}
    check(set(some["groups_used"]) == {v for v, n in sizes.items() if n >= 80}, f"{some}")
    check(set(some["groups_too_small"]) == {v for v, n in sizes.items() if n < 80}, f"{some}")
    for g in some["groups"]:
        check(g["too_small"] == (0 < g["n"] < 80), f"group {g}")
    check(len(some["groups_used"]) >= 2 and some["groups_too_small"], f"{sizes}")
    used = [g["selection_rate"] for g in some["groups"] if g["value"] in some["groups_used"]]
    check(abs(some["demographic_parity_difference"] - (max(used) - min(used))) < EPS,
          "difference over the groups used only")
    none = done_of("--min-group-rows", "1000")["fairness"][0]
    check(none["groups_used"] == [] and none["demographic_parity_ratio"] is None, f"{none}")
    check(none["favourable_rate_ratio"] is None and none["equalized_odds_difference"] is None,
          "every summary null")
    check(any("not compared" in w for w in none["warnings"]), f"{none['warnings']}")
    check(run("train", "--data", SAMPLE, "--target", "approved", "--min-group-rows", "-3")
          .returncode == 2, "a negative minimum is a usage error")


@test
def recipe_keeps_framing():
    path = os.path.join(tmp.name, "r.json")
    done_of("--favourable", "no", "--min-group-rows", "12", "--save-recipe", path)
    with open(path) as f:
        recipe = json.load(f)
    check(recipe["favourable"] == "no" and recipe["min_group_rows"] == 12, f"{recipe}")
    result = run("train", "--recipe", path, "--json")
    check(result.returncode == 0, f"replay: {result.stderr!r}")
    entry = json.loads(result.stdout.decode().splitlines()[-1])["fairness"][0]
    check(entry["favourable"] == "no" and entry["min_group_rows"] == 12, f"{entry}")


@test
def baselines():
    done = done_of("--out", MODEL)
    base = done["baseline"]
    check(set(base) == set(done["test"]), f"baseline keys {sorted(base)}")
    # A constant answer ranks nothing and is right on one class only.
    check(base["roc_auc"] == 0.5 and base["balanced_accuracy"] == 0.5, f"{base}")
    # evaluate: the most common answer of the rows evaluated, computed here from the CSV.
    with open(SAMPLE, newline="") as f:
        answers = [row["approved"] for row in csv.DictReader(f)]
    n, yes = len(answers), answers.count("yes")
    p = yes / n
    result = run("evaluate", "--model", MODEL, "--data", SAMPLE, "--json")
    check(result.returncode == 0, f"evaluate: {result.stderr!r}")
    base = json.loads(result.stdout)["baseline"]
    check(abs(base["accuracy"] - max(p, 1 - p)) < 1e-6, f"accuracy {base['accuracy']} vs {p}")
    entropy = -(p * math.log(p) + (1 - p) * math.log(1 - p))
    check(abs(base["log_loss"] - entropy) < 1e-5, f"log_loss {base['log_loss']} vs {entropy}")
    if p < 0.5:
        # Never "yes": nothing predicted positive, no positive found.
        check(base["recall"] == 0 and base["precision"] == 0 and base["f1"] == 0, f"{base}")
    else:
        check(base["recall"] == 1 and abs(base["precision"] - p) < 1e-6, f"{base}")


@test
def regression_baseline():
    result = run("train", "--data", SAMPLE, "--target", "annual_income", "--model", "linear",
                 "--epochs", "2",
                 "--json", "--out", MODEL)
    check(result.returncode == 0, f"train: {result.stderr!r}")
    done = json.loads(result.stdout.decode().splitlines()[-1])
    check(set(done["baseline"]) == {"mae", "rmse", "r2"}, f"{done['baseline']}")
    # The training mean is not the test mean, so R² is at most 0 (and near it).
    check(-0.1 < done["baseline"]["r2"] <= 1e-9, f"r2 {done['baseline']['r2']}")
    with open(SAMPLE, newline="") as f:
        values = [float(row["annual_income"]) for row in csv.DictReader(f)
                  if row["annual_income"] != ""]
    mean = sum(values) / len(values)
    mae = sum(abs(v - mean) for v in values) / len(values)
    rmse = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    result = run("evaluate", "--model", MODEL, "--data", SAMPLE, "--json")
    base = json.loads(result.stdout)["baseline"]
    check(abs(base["mae"] - mae) <= 1e-4 * mae and abs(base["rmse"] - rmse) <= 1e-4 * rmse,
          f"{base} vs mae {mae}, rmse {rmse}")
    check(abs(base["r2"]) < 1e-6, f"r2 {base['r2']}")


@test
def group_table_lines_up():
    # Numeric groups are ranges named with an en dash ("36 – 55", 3 bytes for one cell):
    # every row's count must still end in the same column as the header's "rows".
    result = run("train", "--data", SAMPLE, "--target", "approved", "--sensitive", "age",
                 "--epochs", "2")
    check(result.returncode == 0, f"train: {result.stderr!r}")
    lines = result.stdout.decode().splitlines()
    head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("group"))
    end = lines[head].index("rows") + len("rows")
    rows = []
    for line in lines[head + 1:]:
        if not line.startswith("  ") or line.lstrip().startswith(("Demographic", "!")):
            break
        rows.append(line)
    check(any("–" in row for row in rows), f"no range group: {rows}")
    for row in rows:
        check(len(row) > end and row[end - 1].isdigit() and row[end] == " ",
              f"misaligned: {row!r} against {lines[head]!r}")


def main():
    result = run("sample", "--rows", "3000", "--seed", "11", "-o", SAMPLE)
    if result.returncode != 0:
        print(f"Bail out! sample failed: {result.stderr!r}")
        return 1
    return run_tests()


sys.exit(main())
