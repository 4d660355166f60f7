#!/usr/bin/python3
# test-onnx-runtime.py — exported ONNX models run in the real ONNX Runtime, against predict.
#
# Trains models with fairway-cli (logistic and MLP; binary, several classes and regression;
# text columns one-hot encoded, a "was missing" indicator, a threshold other than 0.5,
# per-group thresholds fitted for parity or chosen by hand, a reweighed model, the days between two dates and
# a date's year, month and weekday),
# exports each with `fairway-cli export --onnx`, runs the file in ONNX Runtime through
# ort-run.js (onnxruntime-node) on 1,000 rows fed as raw CSV columns — with missing and
# unseen values — and compares with `fairway-cli predict` on the same file: probabilities
# within 1e-5, labels identical, regression values within 1e-5 (relative past 1).  Date
# inputs are fed as days since 1970-01-01 counted here with Python's datetime.
#
# Skips (TAP 1..0 # SKIP, exit 0, which meson counts as a skip) with its reason when node
# or onnxruntime-node is not there; tools/dev.sh installs both.
#
# Usage: test-onnx-runtime.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
ORT_RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ort-run.js")
TOLERANCE = 1e-5
EPOCH = datetime.date(1970, 1, 1)

tmp = tempfile.TemporaryDirectory()


def path(name):
    return os.path.join(tmp.name, name)


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def check_ok(result, what):
    check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr!r}")


def read_csv(name):
    with open(name, newline="") as f:
        return list(csv.reader(f))


def write_csv(name, rows):
    with open(path(name), "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path(name)


def ort_unavailable():
    """Why ONNX Runtime cannot run here, or None."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed (tools/dev.sh installs it)"
    result = subprocess.run([node, ORT_RUN, "--check"], capture_output=True, timeout=120)
    if result.returncode != 0:
        why = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"]
        return f"{why[0]} (tools/dev.sh installs it into tools/ort)"
    return None


def run_ort(onnx_path, data):
    result = subprocess.run(["node", ORT_RUN, onnx_path, data], capture_output=True,
                            timeout=300)
    check(result.returncode == 0, f"ort-run.js {onnx_path}: {result.stderr!r}")
    return json.loads(result.stdout)


def onnx_metadata(onnx_path):
    """metadata_props, read from the ModelProto by hand (field 14: key 1, value 2)."""
    with open(onnx_path, "rb") as f:
        data = f.read()

    def varint(at):
        value = shift = 0
        while True:
            byte = data[at]
            value |= (byte & 0x7F) << shift
            at += 1
            shift += 7
            if byte < 0x80:
                return value, at

    def fields(start, end):
        at = start
        while at < end:
            key, at = varint(at)
            number, wire = key >> 3, key & 7
            if wire == 0:
                value, at = varint(at)
                yield number, value
            elif wire == 2:
                length, at = varint(at)
                yield number, (at, at + length)
                at += length
            elif wire == 1:
                at += 8
            elif wire == 5:
                at += 4
            else:
                raise AssertionError(f"wire type {wire} in the ONNX file")

    meta = {}
    for number, value in fields(0, len(data)):
        if number == 14:
            entry = {n: data[v[0]:v[1]].decode() for n, v in fields(*value)}
            meta[entry.get(1, "")] = entry.get(2, "")
    return meta


def export_and_compare(fwmodel, data, name, ort_data=None):
    """Exports @fwmodel and compares ONNX Runtime on @ort_data (default @data) with
    predict on @data; returns the ONNX outputs and metadata."""
    onnx_path = path(name + ".onnx")
    check_ok(run("export", "--model", fwmodel, "--onnx", onnx_path), f"{name}: export")
    pred_path = path(name + "-pred.csv")
    check_ok(run("predict", "--model", fwmodel, "--data", data, "-o", pred_path),
             f"{name}: predict")
    predicted = read_csv(pred_path)
    body = predicted[1:]
    n_rows = len(read_csv(data)) - 1
    check(len(body) == n_rows, f"{name}: {len(body)} predictions for {n_rows} rows")
    outputs = run_ort(onnx_path, ort_data or data)
    meta = onnx_metadata(onnx_path)

    if "prediction" in outputs:
        got = outputs["prediction"]
        check(got["dims"] == [n_rows, 1], f"{name}: prediction dims {got['dims']}")
        wrong = sum(abs(float(y) - float(row[1])) > TOLERANCE * max(1.0, abs(float(row[1])))
                    for y, row in zip(got["data"], body))
        check(wrong == 0, f"{name}: {wrong} of {n_rows} predictions differ")
        return outputs, meta

    classes = json.loads(meta["fairway.classes"])
    check(predicted[0][2:] == ["p_" + c for c in classes],
          f"{name}: class order {classes} vs predict's {predicted[0]}")
    probabilities, labels = outputs["probabilities"], outputs["label"]
    width = len(classes)
    check(probabilities["dims"] == [n_rows, width], f"{name}: dims {probabilities['dims']}")
    check(labels["dims"] == [n_rows], f"{name}: label dims {labels['dims']}")
    worst, wrong_probabilities, wrong_labels = 0.0, 0, 0
    for r, row in enumerate(body):
        got = probabilities["data"][r * width:(r + 1) * width]
        gap = max(abs(float(g) - float(p)) for g, p in zip(got, row[2:]))
        worst = max(worst, gap)
        wrong_probabilities += gap > TOLERANCE
        wrong_labels += labels["data"][r] != row[1]
    check(wrong_probabilities == 0,
          f"{name}: {wrong_probabilities} of {n_rows} rows' probabilities differ, by up to "
          f"{worst}")
    check(wrong_labels == 0, f"{name}: {wrong_labels} of {n_rows} labels differ")
    check(len(set(labels["data"])) >= 2, f"{name}: one label only")
    return outputs, meta


def damage(rows, column, every, value, start=0):
    """Overwrites every @every-th cell of @column (from row @start) with @value."""
    c = rows[0].index(column)
    for r in range(1 + start, len(rows), every):
        rows[r][c] = value


def sample(n, seed, name):
    check_ok(run("sample", "--rows", str(n), "--seed", str(seed), "-o", path(name)), "sample")
    return path(name)


def make_data():
    train = sample(3000, 21, "train.csv")
    rows = read_csv(sample(1000, 77, "fresh.csv"))
    # Missing and unseen categories, missing and infinite numbers, in varied spellings.
    damage(rows, "age_band", 7, "")
    damage(rows, "region", 11, "Atlantis")
    damage(rows, "education", 17, "NA")
    damage(rows, "purpose", 19, "n/a")
    damage(rows, "employment_type", 23, "")
    damage(rows, "credit_score", 13, "")
    damage(rows, "annual_income", 31, "NA")
    damage(rows, "loan_term_months", 37, "?")
    damage(rows, "late_payments", 43, "")
    damage(rows, "debt_to_income", 47, "inf")
    return train, write_csv("eval.csv", rows)


TRAIN, EVAL = None, None


def train(name, *args, data=None):
    model = path(name + ".fwmodel")
    check_ok(run("train", "--data", data or TRAIN, "--out", model, "--seed", "4", *args),
             f"train {name}")
    return model


def train_with_steps(name, extra_steps, *args, data=None, keep=()):
    """Trains on the default recipe with @extra_steps added and the columns in @keep not
    dropped."""
    recipe_path = path(name + "-recipe.json")
    train(name + "-base", "--save-recipe", recipe_path, *args, data=data)
    with open(recipe_path) as f:
        recipe = json.load(f)
    recipe["steps"] = [s for s in recipe["steps"]
                       if not (s["kind"] == "drop_column" and s["column"] in keep)]
    recipe["steps"] += extra_steps
    with open(recipe_path, "w") as f:
        json.dump(recipe, f)
    model = path(name + ".fwmodel")
    check_ok(run("train", "--recipe", recipe_path, "--out", model), f"train {name}")
    return model


@test
def logistic_binary():
    model = train("logistic", "--target", "approved", "--sensitive", "sex", "--epochs", "5")
    _, meta = export_and_compare(model, EVAL, "logistic")
    check(json.loads(meta["fairway.classes"]) == ["no", "yes"], f"classes {meta}")


@test
def mlp_binary():
    model = train("mlp", "--target", "approved", "--sensitive", "sex", "--hidden", "8,4",
                  "--epochs", "5")
    export_and_compare(model, EVAL, "mlp")


@test
def logistic_multiclass():
    model = train("multiclass", "--target", "home_ownership", "--epochs", "5")
    _, meta = export_and_compare(model, EVAL, "multiclass")
    check(len(json.loads(meta["fairway.classes"])) > 2, f"classes {meta}")


@test
def mlp_multiclass():
    model = train("mlp-multiclass", "--target", "purpose", "--hidden", "16", "--epochs", "5")
    export_and_compare(model, EVAL, "mlp-multiclass")


@test
def linear_regression():
    model = train("linear", "--target", "credit_score", "--model", "linear", "--epochs", "5")
    _, meta = export_and_compare(model, EVAL, "linear")
    check(meta["fairway.task"] == "regression", f"task {meta}")


@test
def mlp_regression():
    model = train("mlp-regression", "--target", "loan_amount", "--hidden", "8",
                  "--epochs", "5")
    export_and_compare(model, EVAL, "mlp-regression")


@test
def missing_indicator():
    model = train_with_steps("indicator",
                             [{"kind": "missing_indicator", "column": "credit_score"}],
                             "--target", "approved", "--epochs", "5")
    _, meta = export_and_compare(model, EVAL, "indicator")
    features = json.loads(meta["fairway.features"])
    check(any(f["encoding"] == "was_missing" and f["column"] == "credit_score"
              for f in features), f"no credit_score_was_missing in {features}")


@test
def single_threshold():
    model = train("threshold", "--target", "approved", "--sensitive", "sex", "--epochs", "5",
                  "--threshold", "0.7")
    outputs, meta = export_and_compare(model, EVAL, "threshold")
    check(float(meta["fairway.threshold"]) == 0.7, f"threshold metadata {meta}")
    # The labels ONNX Runtime gave follow 0.7, not 0.5, on its own probabilities.
    p = outputs["probabilities"]["data"][1::2]
    labels = outputs["label"]["data"]
    check(all((x >= 0.7) == (y == "yes") for x, y in zip(p, labels)), "labels not at 0.7")
    check(any(0.5 <= x < 0.7 for x in p), "no probability between 0.5 and 0.7")


@test
def parity_thresholds():
    model = train("parity", "--target", "approved", "--sensitive", "age_band",
                  "--threshold-policy", "parity")
    _, meta = export_and_compare(model, EVAL, "parity")
    thresholds = json.loads(meta["fairway.thresholds"])
    check(thresholds["policy"] == "parity" and len(thresholds["groups"]) >= 2,
          f"thresholds {thresholds}")


@test
def manual_thresholds():
    # Thresholds chosen by hand per age band (recipe group_thresholds, policy manual): ONNX
    # Runtime's labels agree with predict, and follow each band's threshold on its own
    # probabilities (a missing band is the "(missing)" group, not chosen: it keeps the
    # model's common threshold, 0.45).
    recipe_path = path("manual-recipe.json")
    train("manual-base", "--target", "approved", "--sensitive", "age_band", "--epochs", "5",
          "--save-recipe", recipe_path)
    bands = sorted({row[read_csv(TRAIN)[0].index("age_band")] for row in read_csv(TRAIN)[1:]})
    chosen = {band: 0.3 + 0.1 * i for i, band in enumerate(bands)}
    with open(recipe_path) as f:
        recipe = json.load(f)
    # Every band counts as large enough, so each takes its chosen threshold.
    recipe.update(threshold_policy="manual", threshold_attribute="age_band",
                  group_thresholds=chosen, min_group_rows=1, threshold=0.45)
    with open(recipe_path, "w") as f:
        json.dump(recipe, f)
    model = path("manual.fwmodel")
    check_ok(run("train", "--recipe", recipe_path, "--out", model), "train manual")
    outputs, meta = export_and_compare(model, EVAL, "manual")
    thresholds = json.loads(meta["fairway.thresholds"])
    check(thresholds["policy"] == "manual"
          and {g["name"]: g["threshold"] for g in thresholds["groups"]} == chosen,
          f"thresholds {thresholds}")
    rows = read_csv(EVAL)
    column = rows[0].index("age_band")
    p = outputs["probabilities"]["data"][1::2]
    labels = outputs["label"]["data"]
    wrong = [r for r, (x, y) in enumerate(zip(p, labels))
             if (x >= chosen.get(rows[r + 1][column], 0.45)) != (y == "yes")]
    check(not wrong, f"{len(wrong)} labels not at their band's threshold: {wrong[:5]}")
    check(thresholds["default"] == 0.45, f"unseen groups' threshold {thresholds}")
    missing = [x for r, x in enumerate(p) if rows[r + 1][column] == ""]
    check(any(0.45 <= x < 0.5 for x in missing), "no missing band scored in [0.45, 0.5)")


@test
def reweighed():
    model = train("reweigh", "--target", "approved", "--sensitive", "sex",
                  "--mitigate", "reweigh", "--epochs", "5")
    _, meta = export_and_compare(model, EVAL, "reweigh")
    check(meta["fairway.mitigation"] == "reweigh", f"mitigation {meta}")


def days(text):
    """Days since 1970-01-01 of a date cell, time of day ignored; "" when no date."""
    try:
        return str((datetime.date.fromisoformat(text[:10].replace("/", "-")) - EPOCH).days)
    except ValueError:
        return ""


def dated(rows, seed):
    """@rows with a decision_date some days after application_date (missing in 40 %)."""
    rng = random.Random(seed)
    c = rows[0].index("application_date")
    out = [rows[0] + ["decision_date"]]
    for row in rows[1:]:
        applied = datetime.date.fromisoformat(row[c])
        later = applied + datetime.timedelta(days=rng.randrange(0, 400))
        cell = "" if rng.random() < 0.4 else later.isoformat()
        if cell and rng.random() < 0.1:
            cell = later.strftime("%Y/%m/%d") + " 13:45"
        out.append(row + [cell])
    return out


@test
def days_between_dates():
    data = write_csv("dated-train.csv", dated(read_csv(TRAIN), 1))
    rows = dated(read_csv(EVAL), 2)
    damage(rows, "application_date", 29, "")
    damage(rows, "application_date", 31, "not a date")
    evaluation = write_csv("dated-eval.csv", rows)
    steps = [{"kind": "days_between", "column": "application_date", "to": "decision_date",
              "name": "wait_days"},
             {"kind": "date_parts", "column": "decision_date"}]
    model = train_with_steps("dated", steps, "--target", "approved", "--epochs", "5",
                             data=data, keep={"decision_date"})
    # ONNX Runtime gets the dates as days, counted here.
    as_days = [rows[0]] + [list(r) for r in rows[1:]]
    for column in ("application_date", "decision_date"):
        c = rows[0].index(column)
        for r in as_days[1:]:
            r[c] = days(r[c])
    ort_data = write_csv("dated-eval-days.csv", as_days)
    _, meta = export_and_compare(model, evaluation, "dated", ort_data)
    features = json.loads(meta["fairway.features"])
    check(any(f["name"] == "wait_days" for f in features), f"features {features}")
    check(any(f["name"] == "wait_days_was_missing" for f in features),
          f"no indicator for 40 % missing: {features}")
    parts = {f.get("date_part") for f in features if f["column"] == "decision_date"}
    check(parts == {"year", "month", "weekday"}, f"date parts {parts} in {features}")
    inputs = {i["name"]: i for i in json.loads(meta["fairway.inputs"])}
    check(all(inputs.get(c) == {"name": c, "type": "double", "date": "days_since_1970-01-01"}
              for c in ("application_date", "decision_date")), f"inputs {inputs}")


def main():
    global TRAIN, EVAL
    reason = ort_unavailable()
    if reason is not None:
        print(f"1..0 # SKIP {reason}")
        return 0
    try:
        TRAIN, EVAL = make_data()
    except AssertionError as error:
        print(f"Bail out! {error}")
        return 1
    return run_tests()


sys.exit(main())
