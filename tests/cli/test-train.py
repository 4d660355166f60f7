#!/usr/bin/python3
# test-train.py — fairway-cli train / predict / evaluate, checked from outside (TAP).
#
# Usage: test-train.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
ERROR_LINE = re.compile(r"^fairway-cli: error: \S.*\n$")
CLASSIFICATION_KEYS = {"accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc",
                       "log_loss"}
tmp = tempfile.TemporaryDirectory()
SAMPLE = os.path.join(tmp.name, "sample.csv")


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def check_error(result, status, what):
    stderr = result.stderr.decode("utf-8", "replace")
    check(result.returncode == status, f"{what}: exit {result.returncode}, not {status}: {stderr!r}")
    first = stderr.splitlines(keepends=True)[0] if stderr else ""
    check(ERROR_LINE.match(first), f"{what}: no error line: {stderr!r}")
    if status == 1:
        check(len(stderr.splitlines()) == 1, f"{what}: more than one line: {stderr!r}")


def auto_device():
    """What --device auto picks here: "cuda" on a machine with a usable GPU, else "cpu"."""
    result = run("devices", "--json")
    check(result.returncode == 0, f"devices --json: exit {result.returncode}: {result.stderr!r}")
    return json.loads(result.stdout)["auto"]


def train_json(*args):
    result = run("train", "--data", SAMPLE, "--json", *args)
    check(result.returncode == 0, f"train {args}: exit {result.returncode}: {result.stderr!r}")
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    check(events and events[-1]["event"] == "done", f"no done event: {events[-1:]}")
    return events


@test
def train_predict_evaluate():
    model = os.path.join(tmp.name, "m.fwmodel")
    # --epochs counts the optimiser's passes; an exact fit runs to its optimum.
    events = train_json("--target", "approved", "--sensitive", "sex", "--epochs", "5",
                        "--solver", "minibatch", "--out", model)
    epochs = [e for e in events if e["event"] == "epoch"]
    done = events[-1]
    check(1 <= len(epochs) <= 5, f"{len(epochs)} epoch events")
    check([e["epoch"] for e in epochs] == list(range(1, len(epochs) + 1)), "epochs out of order")
    for e in epochs:
        check(math.isfinite(e["train_loss"]) and e["rows_per_second"] > 0, f"bad epoch {e}")
    check(done["task"] == "binary" and done["target"] == "approved", f"done: {done}")
    check(done["positive"] == "yes", f"positive {done['positive']!r}")
    check(set(done["test"]) == CLASSIFICATION_KEYS, f"test keys {sorted(done['test'])}")
    # The sample's approvals follow its features: far better than the 56% majority.
    check(done["test"]["accuracy"] > 0.65, f"accuracy {done['test']['accuracy']}")
    check(0.5 < done["test"]["roc_auc"] <= 1, f"roc_auc {done['test']['roc_auc']}")
    fairness = done["fairness"]
    check([f["attribute"] for f in fairness] == ["sex"], f"fairness attributes {fairness}")
    check({g["value"] for g in fairness[0]["groups"]} == {"female", "male"}, "sex groups")
    check(sum(g["n"] for g in fairness[0]["groups"]) == 450, "test rows by group")
    check(0 <= fairness[0]["demographic_parity_difference"] <= 1, "dp difference")
    for e in epochs:
        check(len(e["fairness"]) == 1 and e["joules"] >= 0, f"epoch fairness/energy {e}")
    audit = done["audit"]
    check([a["attribute"] for a in audit["attributes"]] == ["sex"], "audit attributes")
    check(any(f["kind"] == "base_rate_gap" for f in audit["findings"]), "audit base-rate gap")
    proxies = {a["column"]: a["association"] for a in audit["attributes"][0]["associations"]}
    check(max(proxies, key=proxies.get) == "employment_type", f"strongest proxy {proxies}")
    importance = done["explanations"]["importance"]["columns"]
    check(importance and all("column" in c and "mean" in c for c in importance), "importance")
    check("sex" not in [c["column"] for c in importance], "a sensitive column was a feature")
    check(done["explanations"]["coefficients"]["outputs"] == ["yes"], "logistic coefficients")
    energy = done["energy"]
    check(energy["method"] in ("rapl", "nvml", "estimate") and energy["joules"] >= 0, f"{energy}")
    check(abs(energy["co2e_g"] - energy["kwh"] * energy["intensity_g_per_kwh"]) < 1e-12, "co2e")
    check(os.path.getsize(model) > 0, "no model file")

    pred = os.path.join(tmp.name, "pred.csv")
    result = run("predict", "--model", model, "--data", SAMPLE, "-o", pred)
    check(result.returncode == 0, f"predict: {result.stderr!r}")
    with open(pred, newline="") as f:
        rows = list(csv.reader(f))
    check(rows[0] == ["row", "prediction", "p_no", "p_yes"], f"header {rows[0]}")
    check(len(rows) == 3001, f"{len(rows) - 1} prediction rows")
    for row in rows[1:]:
        check(row[1] in ("yes", "no"), f"prediction {row[1]!r}")
        check(abs(float(row[2]) + float(row[3]) - 1) < 1e-5, f"probabilities {row}")
        check((row[1] == "yes") == (float(row[3]) >= 0.5), f"label disagrees with p: {row}")
    check([r[0] for r in rows[1:4]] == ["1", "2", "3"], "row numbers")

    result = run("evaluate", "--model", model, "--data", SAMPLE, "--json")
    check(result.returncode == 0, f"evaluate: {result.stderr!r}")
    report = json.loads(result.stdout)
    check(report["task"] == "binary" and report["rows"] == 3000, f"evaluate: {report}")
    check(set(report["metrics"]) == CLASSIFICATION_KEYS, f"keys {sorted(report['metrics'])}")
    # An auditor's check: every per-group figure of evaluate, recomputed from predict's output
    # and the file by Fairlearn's definitions.
    with open(SAMPLE, newline="") as f:
        table = list(csv.DictReader(f))
    by_group = {}
    for row, prediction in zip(table, rows[1:]):
        cell = by_group.setdefault(row["sex"], {"n": 0, "sel": 0, "tp": 0, "p": 0, "fp": 0,
                                                "neg": 0, "right": 0})
        actual, predicted = row["approved"] == "yes", prediction[1] == "yes"
        cell["n"] += 1
        cell["sel"] += predicted
        cell["p"] += actual
        cell["tp"] += actual and predicted
        cell["neg"] += not actual
        cell["fp"] += predicted and not actual
        cell["right"] += actual == predicted
    groups = {g["value"]: g for g in report["fairness"][0]["groups"]}
    check(set(groups) == set(by_group), f"groups {set(groups)} vs {set(by_group)}")
    for name, cell in by_group.items():
        g = groups[name]
        expected = {"n": cell["n"], "selection_rate": cell["sel"] / cell["n"],
                    "tpr": cell["tp"] / cell["p"], "fpr": cell["fp"] / cell["neg"],
                    "accuracy": cell["right"] / cell["n"]}
        for key, value in expected.items():
            check(abs(g[key] - value) < 1e-6, f"{name} {key}: {g[key]} vs {value}")
    rates = [cell["sel"] / cell["n"] for cell in by_group.values()]
    check(abs(report["fairness"][0]["demographic_parity_difference"] - (max(rates) - min(rates)))
          < 1e-6, "demographic parity difference")
    # Every row of the file, training rows included: near the held-out figure (450 test rows
    # leave a few points of sampling noise).
    check(abs(report["metrics"]["accuracy"] - done["test"]["accuracy"]) < 0.1,
          f"evaluate accuracy {report['metrics']['accuracy']} vs test {done['test']['accuracy']}")


@test
def deterministic():
    first = train_json("--target", "approved", "--epochs", "3", "--seed", "3")[-1]["test"]
    second = train_json("--target", "approved", "--epochs", "3", "--seed", "3")[-1]["test"]
    other = train_json("--target", "approved", "--epochs", "3", "--seed", "4")[-1]["test"]
    check(first == second, f"same seed, different metrics: {first} {second}")
    check(first != other, "another seed gave identical metrics")


@test
def mlp_and_regression():
    done = train_json("--target", "approved", "--model", "mlp", "--hidden", "16,8",
                      "--epochs", "20")[-1]
    check(done["test"]["accuracy"] > 0.6, f"mlp accuracy {done['test']['accuracy']}")
    done = train_json("--target", "loan_amount", "--model", "linear")[-1]
    check(done["task"] == "regression" and done["positive"] is None, f"regression: {done}")
    check(set(done["test"]) == {"mae", "rmse", "r2"}, f"keys {sorted(done['test'])}")
    check(math.isfinite(done["test"]["r2"]), "r2")


@test
def reweighing():
    plain = train_json("--target", "approved", "--sensitive", "sex", "--seed", "2")[-1]
    reweighed = train_json("--target", "approved", "--sensitive", "sex", "--seed", "2",
                           "--mitigate", "reweigh")[-1]
    check(plain["test"] != reweighed["test"], "reweighing changed nothing")
    check(reweighed["test"]["accuracy"] > 0.6, f"reweighed accuracy {reweighed['test']}")
    done = train_json("--target", "approved", "--carbon-intensity", "100", "--epochs", "2")[-1]
    check(done["energy"]["intensity_g_per_kwh"] == 100, f"intensity {done['energy']}")


@test
def thresholds():
    model = os.path.join(tmp.name, "th.fwmodel")
    plain = train_json("--target", "approved", "--sensitive", "age_band", "--seed", "5")[-1]
    done = train_json("--target", "approved", "--sensitive", "age_band", "--seed", "5",
                      "--threshold-policy", "parity", "--out", model)[-1]
    limits = {g["name"]: g["threshold"] for g in done["thresholds"]["groups"]}
    check(done["thresholds"]["policy"] == "parity" and len(limits) >= 2, f"{done['thresholds']}")
    before = plain["fairness"][0]["demographic_parity_difference"]
    after = done["fairness"][0]["demographic_parity_difference"]
    check(after <= before + 1e-9, f"parity thresholds widened the gap: {before} -> {after}")
    # predict applies each row's group threshold.
    pred = os.path.join(tmp.name, "th.csv")
    result = run("predict", "--model", model, "--data", SAMPLE, "-o", pred)
    check(result.returncode == 0, f"predict: {result.stderr!r}")
    with open(SAMPLE, newline="") as f:
        groups = [row["age_band"] for row in csv.DictReader(f)]
    with open(pred, newline="") as f:
        rows = list(csv.reader(f))[1:]
    for group, row in zip(groups, rows):
        expected = "yes" if float(row[3]) >= limits.get(group, 0.5) else "no"
        check(row[1] == expected, f"{group} p={row[3]} limit={limits.get(group)}: {row[1]}")
    # evaluate judges the same decisions.
    result = run("evaluate", "--model", model, "--data", SAMPLE, "--json")
    report = json.loads(result.stdout)
    right = sum((r[1] == "yes") == (a == "yes") for r, a in
                zip(rows, [x["approved"] for x in csv.DictReader(open(SAMPLE, newline=""))]))
    check(abs(report["metrics"]["accuracy"] - right / len(rows)) < 1e-6, "evaluate accuracy")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--threshold-policy", "x"),
                2, "unknown policy")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--threshold-policy",
                    "parity"), 1, "thresholds without a sensitive column")


@test
def intersections():
    model = os.path.join(tmp.name, "inter.fwmodel")
    done = train_json("--target", "approved", "--sensitive", "sex", "--sensitive", "age_band",
                      "--intersect", "--out", model)[-1]
    attributes = [f["attribute"] for f in done["fairness"]]
    check(attributes == ["sex", "age_band", "sex × age_band"], f"attributes {attributes}")
    pairs = done["fairness"][2]["groups"]
    check(len(pairs) == 10 and sum(g["n"] for g in pairs) == 450, "intersection groups")
    check(sum(g["n"] for g in pairs if g["value"].startswith("female × ")) ==
          next(g["n"] for g in done["fairness"][0]["groups"] if g["value"] == "female"),
          "female rows across age bands")
    report = json.loads(run("evaluate", "--model", model, "--data", SAMPLE, "--json").stdout)
    check([f["attribute"] for f in report["fairness"]] == attributes, "evaluate intersections")


@test
def recipe_replay():
    recipe = {"schema_version": 1, "target": "approved", "sensitive": ["sex"],
              "data": "sample.csv", "seed": 9, "model": {"kind": "logistic", "epochs": 4}}
    path = os.path.join(tmp.name, "recipe.json")
    with open(path, "w") as f:
        json.dump(recipe, f)
    # Run from another folder: the data path is relative to the recipe's own folder.
    result = subprocess.run([CLI, "train", "--recipe", path, "--json"], capture_output=True,
                            cwd="/", timeout=300)
    check(result.returncode == 0, f"train --recipe: {result.stderr!r}")
    replayed = json.loads(result.stdout.decode().splitlines()[-1])
    direct = train_json("--recipe", path)[-1]
    check(replayed["test"] == direct["test"], "the same recipe gave different metrics")
    check(len([1 for line in result.stdout.decode().splitlines() if '"epoch"' in line]) <= 4,
          "more epochs than the recipe asked for")

    del recipe["data"]
    with open(path, "w") as f:
        json.dump(recipe, f)
    check_error(run("train", "--recipe", path), 1, "recipe without data")
    with open(path, "w") as f:
        f.write('{"schema_version": 1, "target": "approved", "colour": "blue"}')
    check_error(run("train", "--recipe", path, "--data", SAMPLE), 1, "unknown recipe field")


@test
def saved_recipe_reproduces():
    saved = os.path.join(tmp.name, "saved.json")
    first = train_json("--target", "approved", "--sensitive", "sex", "--model", "mlp",
                       "--hidden", "8", "--epochs", "4", "--save-recipe", saved)[-1]
    recipe = json.load(open(saved))
    check(recipe["data"] == SAMPLE and len(recipe["data_sha256"]) == 64, f"provenance {recipe}")
    # The replay runs where auto chooses, as the first run did: CUDA's sums have a fixed order
    # too, so both devices must reproduce their own metrics exactly.
    expected = "cuda (" if auto_device() == "cuda" else "cpu (OpenBLAS"
    check(recipe["backend"].startswith(expected), f"backend {recipe['backend']}")
    result = run("train", "--recipe", saved, "--json")
    check(result.returncode == 0, f"replay: {result.stderr!r}")
    again = json.loads(result.stdout.decode().splitlines()[-1])
    check(again["test"] == first["test"], "the saved recipe did not reproduce the metrics")
    check(b"SHA-256" not in result.stderr, "same data reported as different")
    changed = os.path.join(tmp.name, "changed.csv")
    with open(SAMPLE) as src, open(changed, "w") as dst:
        dst.write(src.read().replace(",yes\n", ",no\n", 1))
    result = run("train", "--recipe", saved, "--data", changed, "--json")
    check(result.returncode == 0 and b"SHA-256" in result.stderr, f"no note: {result.stderr!r}")


@test
def bad_input():
    check_error(run("train", "--data", SAMPLE), 2, "no target")
    check_error(run("train", "--target", "approved"), 2, "no data")
    check_error(run("train", "--recipe", os.path.join(tmp.name, "none.json")), 1, "no recipe")
    check_error(run("train", "--data", SAMPLE, "--target", "nope"), 1, "unknown target")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--model", "linear"), 1,
                "linear for classes")
    if auto_device() != "cuda":
        check_error(run("train", "--data", SAMPLE, "--target", "approved", "--device", "cuda"),
                    1, "cuda without a GPU")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--mitigate", "reweigh"),
                1, "reweigh without a sensitive column")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--mitigate", "fairly"),
                2, "unknown mitigation")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--hidden", "0"), 2,
                "hidden 0")
    check_error(run("train", "--data", SAMPLE, "--target", "approved", "--positive", "maybe"), 1,
                "positive not a class")

    junk = os.path.join(tmp.name, "junk.fwmodel")
    with open(junk, "wb") as f:
        f.write(os.urandom(4096))
    check_error(run("predict", "--model", junk, "--data", SAMPLE, "-o",
                    os.path.join(tmp.name, "x.csv")), 1, "junk model")
    check(not os.path.exists(os.path.join(tmp.name, "x.csv")), "predict left a file")

    model = os.path.join(tmp.name, "m2.fwmodel")
    train_json("--target", "approved", "--epochs", "1", "--out", model)
    data = open(model, "rb").read()
    for cut in (10, len(data) // 2, len(data) - 1):
        truncated = os.path.join(tmp.name, "cut.fwmodel")
        with open(truncated, "wb") as f:
            f.write(data[:cut])
        check_error(run("evaluate", "--model", truncated, "--data", SAMPLE), 1, f"cut at {cut}")
    no_target = os.path.join(tmp.name, "no-target.csv")
    with open(SAMPLE) as src, open(no_target, "w") as dst:
        for line in src:
            dst.write(line.rsplit(",", 1)[0] + "\n")
    check_error(run("evaluate", "--model", model, "--data", no_target), 1, "no target column")
    result = run("predict", "--model", model, "--data", no_target, "-o",
                 os.path.join(tmp.name, "ok.csv"))
    check(result.returncode == 0, f"predict needs no target: {result.stderr!r}")


def main():
    result = run("sample", "--rows", "3000", "--seed", "11", "-o", SAMPLE)
    if result.returncode != 0:
        print(f"Bail out! sample failed: {result.stderr!r}")
        return 1
    return run_tests()


sys.exit(main())
