#!/usr/bin/python3
# test-onnx.py — fairway-cli export --onnx, checked against fairway-cli predict.
#
# Trains models with fairway-cli (logistic binary, softmax multiclass through a recipe with
# clipping, min-max scaling, a constant fill and a one-hot over numbers, an MLP, linear
# regression, per-group thresholds over a text and over a number column, one threshold
# other than 0.5, the days between two dates and their parts over years 1 to 9999, fed as
# days since 1970-01-01 counted with Python's datetime), exports each,
# runs onnx.checker with full_check, then evaluates the graph with the small numpy
# evaluator below — written from the ONNX operator specifications, one function per
# operator, and refusing any operator it does not know — on 1,000 rows fed as raw CSV
# columns, with missing numbers and categories and unseen categories, and compares with
# `fairway-cli predict` on the same file: probabilities (and predictions) to 1e-5, labels
# exactly.  Also: metadata, a corrupt model file, atomic writes.
#
# Exits 77 (meson's skip) with the reason when the onnx module is not there.
#
# Usage: test-onnx.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

SKIP = 77
try:
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper
except ImportError as error:
    print(f"1..0 # SKIP the onnx and numpy Python modules are needed: {error}")
    sys.exit(SKIP)

CLI = os.path.abspath(sys.argv[1])
ERROR_LINE = re.compile(r"^fairway-cli: error: \S.*\n$")
TOLERANCE = 1e-5
# What Fairway's CSV import reads as missing (fw_is_missing_marker).
MISSING = {"", "?", "na", "n/a", "nan", "null", "#n/a"}

tmp = tempfile.TemporaryDirectory()


def path(name):
    return os.path.join(tmp.name, name)


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def check_ok(result, what):
    check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr!r}")


def check_input_error(result, what):
    stderr = result.stderr.decode("utf-8", "replace")
    check(result.returncode == 1, f"{what}: exit {result.returncode}, not 1: {stderr!r}")
    check(ERROR_LINE.match(stderr), f"{what}: stderr is not one error line: {stderr!r}")


# ---- A reference evaluator: ONNX semantics in numpy, one operator at a time ----

def same_type(*arrays):
    types = {a.dtype for a in arrays}
    check(len(types) == 1, f"operands of different types {types}")


def binary(func):
    def op(inputs, attrs):
        same_type(*inputs)
        return func(inputs[0], inputs[1])
    return op


CAST = {1: np.float32, 7: np.int64, 9: np.bool_, 11: np.float64}


def op_cast(inputs, attrs):
    return inputs[0].astype(CAST[attrs["to"]])


def op_where(inputs, attrs):
    condition, x, y = inputs
    check(condition.dtype == np.bool_, "Where condition is not bool")
    same_type(x, y)
    return np.where(condition, x, y)


def op_concat(inputs, attrs):
    same_type(*inputs)
    return np.concatenate(inputs, axis=attrs["axis"])


def op_gemm(inputs, attrs):
    a, b = inputs[0], inputs[1]
    same_type(*inputs)
    if attrs.get("transA", 0):
        a = a.T
    if attrs.get("transB", 0):
        b = b.T
    y = attrs.get("alpha", 1.0) * (a.astype(np.float64) @ b.astype(np.float64))
    if len(inputs) > 2:
        y = y + attrs.get("beta", 1.0) * inputs[2].astype(np.float64)
    return y.astype(inputs[0].dtype)


def op_sigmoid(inputs, attrs):
    x = inputs[0].astype(np.float64)
    return (1.0 / (1.0 + np.exp(-x))).astype(inputs[0].dtype)


def op_softmax(inputs, attrs):
    x = inputs[0].astype(np.float64)
    axis = attrs.get("axis", -1)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return (e / e.sum(axis=axis, keepdims=True)).astype(inputs[0].dtype)


def op_argmax(inputs, attrs):
    check(not attrs.get("select_last_index", 0), "ArgMax select_last_index")
    axis = attrs.get("axis", 0)
    y = np.argmax(inputs[0], axis=axis).astype(np.int64)   # the first of equal maxima
    return np.expand_dims(y, axis) if attrs.get("keepdims", 1) else y


def op_gather(inputs, attrs):
    return np.take(inputs[0], inputs[1], axis=attrs.get("axis", 0))


def op_reshape(inputs, attrs):
    data, shape = inputs
    shape = [data.shape[i] if s == 0 else int(s) for i, s in enumerate(shape)]
    return data.reshape(shape)


def text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def op_label_encoder(inputs, attrs):
    x = inputs[0]
    if "keys_strings" in attrs:
        check(x.dtype == object, "string keys on a non-string input")
        keys = [text(k) for k in attrs["keys_strings"]]
        lookup = text
    else:
        check(x.dtype == np.float32, "float keys on a non-float input")
        keys = [float(np.float32(k)) for k in attrs["keys_floats"]]
        lookup = float
    check(len(set(keys)) == len(keys), "LabelEncoder keys repeat")
    if "values_int64s" in attrs:
        values, default, dtype = attrs["values_int64s"], attrs.get("default_int64", -1), np.int64
    else:
        values, default = attrs["values_floats"], attrs.get("default_float", -0.0)
        dtype = np.float32
    check(len(values) == len(keys), "LabelEncoder keys and values differ in length")
    table = dict(zip(keys, values))
    flat = [table.get(lookup(v), default) for v in x.ravel()]
    return np.array(flat, dtype=dtype).reshape(x.shape)


OPS = {
    ("", "Cast"): op_cast,
    ("", "IsNaN"): lambda i, a: np.isnan(i[0]),
    ("", "IsInf"): lambda i, a: np.isinf(i[0]),
    ("", "Or"): binary(np.logical_or),
    ("", "Where"): op_where,
    ("", "Less"): binary(np.less),
    ("", "Greater"): binary(np.greater),
    ("", "GreaterOrEqual"): binary(np.greater_equal),
    ("", "Equal"): binary(np.equal),
    ("", "Sub"): binary(np.subtract),
    ("", "Add"): binary(np.add),
    ("", "Div"): binary(np.divide),
    ("", "Floor"): lambda i, a: np.floor(i[0]),
    ("", "Mul"): binary(np.multiply),
    ("", "Concat"): op_concat,
    ("", "Gemm"): op_gemm,
    ("", "Relu"): lambda i, a: np.maximum(i[0], np.zeros((), i[0].dtype)),
    ("", "Sigmoid"): op_sigmoid,
    ("", "Softmax"): op_softmax,
    ("", "ArgMax"): op_argmax,
    ("", "Gather"): op_gather,
    ("", "Reshape"): op_reshape,
    ("ai.onnx.ml", "LabelEncoder"): op_label_encoder,
}


def evaluate(model, feeds, values=None):
    """The graph's outputs on @feeds; @values, when given, gets every value made."""
    values = {} if values is None else values
    for tensor in model.graph.initializer:
        array = numpy_helper.to_array(tensor)
        if tensor.data_type == onnx.TensorProto.STRING:
            array = np.array([text(v) for v in array.ravel()], dtype=object).reshape(array.shape)
        values[tensor.name] = array
    values.update(feeds)
    for node in model.graph.node:
        op = OPS.get((node.domain, node.op_type))
        check(op is not None, f"operator {node.domain}:{node.op_type} is not in the evaluator")
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        values[node.output[0]] = op([values[name] for name in node.input], attrs)
    return {output.name: values[output.name] for output in model.graph.output}


# ---- Raw columns in, predictions compared ----

def read_csv(name):
    with open(name, newline="") as f:
        return list(csv.reader(f))


EPOCH = datetime.date(1970, 1, 1)


def days(cell):
    """Days since 1970-01-01 of a date cell (time of day ignored); None when no date."""
    try:
        return (datetime.date.fromisoformat(cell[:10].replace("/", "-")) - EPOCH).days
    except ValueError:
        return None


def feeds_for(model, rows):
    header, body = rows[0], rows[1:]
    feeds = {}
    for graph_input in model.graph.input:
        cells = [row[header.index(graph_input.name)] for row in body]
        elem_type = graph_input.type.tensor_type.elem_type
        if elem_type == onnx.TensorProto.STRING:
            feeds[graph_input.name] = np.array(cells, dtype=object).reshape(-1, 1)
        elif elem_type == onnx.TensorProto.DOUBLE:
            # A date column, as its days since 1970-01-01 (fairway.inputs says so).
            numbers = [np.nan if days(c) is None else float(days(c)) for c in cells]
            feeds[graph_input.name] = np.array(numbers, dtype=np.float64).reshape(-1, 1)
        else:
            numbers = [np.nan if c.strip().lower() in MISSING else float(c) for c in cells]
            feeds[graph_input.name] = np.array(numbers, dtype=np.float32).reshape(-1, 1)
    return feeds


def metadata(model):
    return {p.key: p.value for p in model.metadata_props}


def export_and_compare(fwmodel, data, name):
    """Exports @fwmodel, checks it, and compares the graph with predict on @data."""
    onnx_path = path(name + ".onnx")
    check_ok(run("export", "--model", fwmodel, "--onnx", onnx_path), f"{name}: export")
    model = onnx.load(onnx_path)
    onnx.checker.check_model(model, full_check=True)
    imports = {o.domain: o.version for o in model.opset_import}
    check(imports.get("", 0) >= 13 and set(imports) <= {"", "ai.onnx.ml"}, f"opsets {imports}")

    pred_path = path(name + "-pred.csv")
    check_ok(run("predict", "--model", fwmodel, "--data", data, "-o", pred_path),
             f"{name}: predict")
    predicted = read_csv(pred_path)
    rows = read_csv(data)
    outputs = evaluate(model, feeds_for(model, rows))
    meta = metadata(model)
    check(meta["fairway.data_sha256"] and meta["fairway.version"], f"{name}: provenance")
    features = json.loads(meta["fairway.features"])
    check(all(f["column"] in [i.name for i in model.graph.input] for f in features),
          f"{name}: a feature from a column that is no input")
    body = predicted[1:]
    check(len(body) == len(rows) - 1, f"{name}: {len(body)} predictions")
    mismatches = 0
    if "prediction" in outputs:
        got = outputs["prediction"]
        check(got.shape == (len(body), 1), f"{name}: prediction shape {got.shape}")
        for r, row in enumerate(body):
            expected = float(row[1])
            mismatches += abs(got[r, 0] - expected) > TOLERANCE * max(1.0, abs(expected))
        check(mismatches == 0, f"{name}: {mismatches} predictions differ")
        return model, outputs
    classes = json.loads(meta["fairway.classes"])
    check(predicted[0][2:] == ["p_" + c for c in classes],
          f"{name}: class order {classes} vs predict's {predicted[0]}")
    probabilities, labels = outputs["probabilities"], outputs["label"]
    check(probabilities.shape == (len(body), len(classes)), f"{name}: {probabilities.shape}")
    check(labels.shape == (len(body),), f"{name}: label shape {labels.shape}")
    worst = 0.0
    for r, row in enumerate(body):
        expected = np.array([float(p) for p in row[2:]])
        worst = max(worst, float(np.max(np.abs(probabilities[r] - expected))))
        if text(labels[r]) != row[1]:
            mismatches += 1
    check(worst <= TOLERANCE, f"{name}: probabilities differ by up to {worst}")
    check(mismatches == 0, f"{name}: {mismatches} labels differ")
    return model, outputs


def damage(rows, column, every, value, start=0):
    """Overwrites every @every-th cell of @column (from row @start) with @value."""
    c = rows[0].index(column)
    for r in range(1 + start, len(rows), every):
        rows[r][c] = value


def write_csv(name, rows):
    with open(path(name), "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path(name)


def sample(rows, seed, name):
    check_ok(run("sample", "--rows", str(rows), "--seed", str(seed), "-o", path(name)), "sample")
    return path(name)


def make_data():
    train = sample(3000, 11, "train.csv")
    rows = read_csv(sample(1000, 99, "fresh.csv"))
    # Missing and unseen categories, missing numbers, a number one-hot never saw.
    damage(rows, "age_band", 7, "")
    damage(rows, "region", 11, "Atlantis")
    damage(rows, "education", 17, "NA")
    damage(rows, "purpose", 19, "n/a")
    damage(rows, "employment_type", 23, "")
    damage(rows, "marital_status", 29, "astronaut")
    damage(rows, "credit_score", 13, "")
    damage(rows, "annual_income", 31, "NA")
    damage(rows, "loan_term_months", 37, "")
    damage(rows, "late_payments", 41, "37")
    damage(rows, "late_payments", 43, "")
    damage(rows, "debt_to_income", 47, "inf")
    return train, write_csv("eval.csv", rows)


TRAIN, EVAL = None, None


def train(name, *args, data=None):
    model = path(name + ".fwmodel")
    result = run("train", "--data", data or TRAIN, "--out", model, *args)
    check_ok(result, f"train {name}")
    return model


@test
def logistic_binary():
    model = train("logistic", "--target", "approved", "--sensitive", "sex", "--epochs", "5")
    onnx_model, outputs = export_and_compare(model, EVAL, "logistic")
    meta = metadata(onnx_model)
    check(json.loads(meta["fairway.classes"]) == ["no", "yes"], f"classes {meta}")
    check(meta["fairway.positive_class"] == "yes", "positive class")
    names = [i.name for i in onnx_model.graph.input]
    check("sex" not in names and "applicant_id" not in names and "approved" not in names,
          f"inputs {names}")
    check({"yes", "no"} == {text(v) for v in outputs["label"]}, "both classes predicted")


@test
def softmax_multiclass_recipe():
    # The saved default recipe, with clipping before imputation (NaN passes the clip), a
    # min-max scale, constant fills for text (a kept category, and one never seen), and a
    # one-hot over the standardised values of a number column.
    model = train("recipe-base", "--target", "home_ownership", "--epochs", "1",
                  "--save-recipe", path("recipe.json"))
    with open(path("recipe.json")) as f:
        recipe = json.load(f)
    steps = [s for s in recipe["steps"] if s["column"] != "loan_amount"]
    steps.insert(0, {"kind": "clip_outliers", "column": "annual_income"})
    steps += [{"kind": "min_max", "column": "loan_amount"},
              {"kind": "impute_constant", "column": "employment_type", "constant": "employed"},
              {"kind": "impute_constant", "column": "region", "constant": "Nowhere"},
              {"kind": "one_hot", "column": "late_payments"}]
    recipe["steps"] = steps
    recipe["model"]["epochs"] = 5
    recipe["data"] = TRAIN
    with open(path("recipe.json"), "w") as f:
        json.dump(recipe, f)
    model = path("multiclass.fwmodel")
    check_ok(run("train", "--recipe", path("recipe.json"), "--out", model), "train --recipe")
    onnx_model, outputs = export_and_compare(model, EVAL, "multiclass")
    features = json.loads(metadata(onnx_model)["fairway.features"])
    late = [f for f in features if f["column"] == "late_payments"]
    check(len(late) > 2 and late[-1]["encoding"] == "one_hot_other", f"late_payments {late}")
    check(len({text(v) for v in outputs["label"]}) >= 2, "one class only")


@test
def mlp():
    model = train("mlp", "--target", "approved", "--model", "mlp", "--hidden", "8,4",
                  "--epochs", "5")
    onnx_model, _ = export_and_compare(model, EVAL, "mlp")
    check(sum(n.op_type == "Relu" for n in onnx_model.graph.node) == 2, "two ReLU layers")


def regression_rows(n, seed, damaged):
    rng = np.random.default_rng(seed)
    colours = ["red", "green", "blue", "amber"]
    rows = [["x1", "x2", "colour", "size", "y"]]
    for i in range(n):
        x1, x2 = rng.normal(3, 2), rng.uniform(-1, 1)
        colour = colours[rng.integers(0, 4)]
        size = int(rng.integers(1, 6))
        y = 2.5 * x1 - 1.5 * x2 + colours.index(colour) * 0.75 + 0.3 * size + rng.normal(0, .2)
        cells = [f"{x1:.4f}", f"{x2:.3f}", colour, str(size), f"{y:.4f}"]
        if i % 9 == 0:
            cells[0] = ""
        if i % 15 == 0:
            cells[2] = ""
        if damaged and i % 10 == 3:
            cells[2] = "violet"
        rows.append(cells)
    return rows


@test
def linear_regression():
    data = write_csv("reg-train.csv", regression_rows(2000, 1, False))
    evaluation = write_csv("reg-eval.csv", regression_rows(1000, 2, True))
    model = train("linear", "--target", "y", "--model", "linear", data=data)
    onnx_model, _ = export_and_compare(model, evaluation, "linear")
    check([o.name for o in onnx_model.graph.output] == ["prediction"], "regression outputs")


def check_thresholds_matter(name, onnx_model, outputs):
    """Some label differs from what the 0.5 rule would give: the thresholds are applied."""
    meta = metadata(onnx_model)
    positive = meta["fairway.positive_class"]
    classes = json.loads(meta["fairway.classes"])
    p = outputs["probabilities"][:, classes.index(positive)]
    plain = [positive if x >= 0.5 else (set(classes) - {positive}).pop() for x in p]
    differ = sum(text(a) != b for a, b in zip(outputs["label"], plain))
    check(differ > 0, f"{name}: the thresholds change no label")


@test
def parity_thresholds_text_column():
    model = train("parity", "--target", "approved", "--sensitive", "age_band", "--seed", "5",
                  "--threshold-policy", "parity")
    onnx_model, outputs = export_and_compare(model, EVAL, "parity")
    thresholds = json.loads(metadata(onnx_model)["fairway.thresholds"])
    check(thresholds["attribute"] == "age_band" and len(thresholds["groups"]) >= 2,
          f"thresholds {thresholds}")
    check(metadata(onnx_model)["fairway.mitigation"] == "none", "mitigation metadata")
    age_band = [i for i in onnx_model.graph.input if i.name == "age_band"]
    check(age_band and age_band[0].type.tensor_type.elem_type == onnx.TensorProto.STRING,
          "age_band is a string input")
    check_thresholds_matter("parity", onnx_model, outputs)


@test
def tpr_thresholds_number_column():
    # late_payments has few distinct values, so its groups are its values.
    model = train("tpr", "--target", "approved", "--sensitive", "late_payments", "--seed", "3",
                  "--threshold-policy", "tpr")
    onnx_model, outputs = export_and_compare(model, EVAL, "tpr")
    late = [i for i in onnx_model.graph.input if i.name == "late_payments"]
    check(late and late[0].type.tensor_type.elem_type == onnx.TensorProto.FLOAT,
          "late_payments is a float input")
    check_thresholds_matter("tpr", onnx_model, outputs)


@test
def single_threshold():
    # A threshold chosen for the model rather than 0.5: the graph decides with it, as
    # predict does (export_and_compare), and with no other rule.
    model = train("threshold", "--target", "approved", "--sensitive", "sex", "--seed", "5",
                  "--epochs", "5", "--threshold", "0.7")
    onnx_model, outputs = export_and_compare(model, EVAL, "threshold")
    meta = metadata(onnx_model)
    check(float(meta["fairway.threshold"]) == 0.7, f"threshold metadata {meta}")
    check("fairway.thresholds" not in meta, "per-group thresholds without a policy")
    classes = json.loads(meta["fairway.classes"])
    positive = meta["fairway.positive_class"]
    other = (set(classes) - {positive}).pop()
    p = outputs["probabilities"][:, classes.index(positive)].astype(np.float64)
    expected = [positive if x >= 0.7 else other for x in p]
    wrong = sum(text(a) != b for a, b in zip(outputs["label"], expected))
    check(wrong == 0, f"{wrong} labels not decided at 0.7")
    check_thresholds_matter("threshold", onnx_model, outputs)


def dated_rows(n, seed):
    """Two date columns over the whole calendar Fairway reads (years 1 to 9999), the
    Gregorian leap rules' edges among them; missing, unreadable and timed cells."""
    rng = np.random.default_rng(seed)
    edges = ["0001-01-01", "1600-02-29", "1700-02-28", "1700-03-01", "1900-02-28",
             "1900-03-01", "1969-12-31", "1970-01-01", "2000-02-29", "2000-03-01",
             "2000-12-31", "2001-01-01", "2100-02-28", "2100-03-01", "9999-12-31"]
    first, last = days("0001-01-01"), days("9999-12-31")
    rows = [["opened", "closed", "x", "y"]]
    for i in range(n):
        opened = (EPOCH + datetime.timedelta(days=int(rng.integers(first, last - 3000))))
        if i < len(edges):
            opened = datetime.date.fromisoformat(edges[i])
        closed = opened + datetime.timedelta(days=int(rng.integers(0, 3000)) * (i > 14))
        x = rng.normal()
        score = x + (opened.month <= 6) - (closed.isoweekday() >= 6) + rng.normal(0, .5)
        cells = [opened.isoformat(), closed.isoformat(), f"{x:.4f}",
                 "yes" if score > 0.3 else "no"]
        if i % 7 == 3:
            cells[1] = ""
        if i % 11 == 5:
            cells[0] = "NA"
        if i % 13 == 6:
            cells[1] = f"{closed.year:04}/{closed.month:02}/{closed.day:02} 23:59"
        if i % 17 == 8:
            cells[0] = "someday"
        rows.append(cells)
    return rows


@test
def dates():
    # The days between two dates and both dates' parts, fed as days counted here; each
    # date feature in the graph's feature matrix is checked to be an affine function of
    # the value Python's calendar gives, and the outputs against predict.
    data = write_csv("dated-train.csv", dated_rows(3000, 5))
    evaluation = write_csv("dated-eval.csv", dated_rows(1000, 6))
    recipe_path = path("dated-recipe.json")
    train("dated-base", "--target", "y", "--save-recipe", recipe_path, data=data)
    with open(recipe_path) as f:
        recipe = json.load(f)
    recipe["steps"] = [s for s in recipe["steps"] if s["column"] not in ("opened", "closed")]
    recipe["steps"] += [{"kind": "days_between", "column": "opened", "to": "closed"},
                        {"kind": "date_parts", "column": "opened"},
                        {"kind": "date_parts", "column": "closed"}]
    recipe["model"]["epochs"] = 5
    with open(recipe_path, "w") as f:
        json.dump(recipe, f)
    model = path("dated.fwmodel")
    check_ok(run("train", "--recipe", recipe_path, "--out", model), "train dated")
    onnx_model, _ = export_and_compare(model, evaluation, "dated")
    meta = metadata(onnx_model)
    inputs = json.loads(meta["fairway.inputs"])
    check({i["name"]: (i["type"], i.get("date")) for i in inputs if i["name"] != "x"}
          == {c: ("double", "days_since_1970-01-01") for c in ("opened", "closed")},
          f"inputs {inputs}")

    rows = read_csv(evaluation)
    values = {}
    evaluate(onnx_model, feeds_for(onnx_model, rows), values)
    gemm = next(n for n in onnx_model.graph.node if n.op_type == "Gemm")
    matrix = values[gemm.input[0]]
    features = json.loads(meta["fairway.features"])
    check(matrix.shape == (len(rows) - 1, len(features)), f"feature matrix {matrix.shape}")

    def part(cell, name):
        d = days(cell)
        if d is None:
            return None
        date = EPOCH + datetime.timedelta(days=d)
        return {"year": date.year, "month": date.month, "weekday": date.isoweekday()}[name]

    expected = {}
    for f in features:
        if f.get("date_part"):
            c = rows[0].index(f["column"])
            expected[f["name"]] = [part(r[c], f["date_part"]) for r in rows[1:]]
        elif f.get("days_to") and f["encoding"] == "number":
            a, b = rows[0].index(f["column"]), rows[0].index(f["days_to"])
            expected[f["name"]] = [None if days(r[a]) is None or days(r[b]) is None
                                   else days(r[b]) - days(r[a]) for r in rows[1:]]
    check(len(expected) == 7, f"date features {sorted(expected)}")
    for k, f in enumerate(features):
        if f["name"] not in expected:
            continue
        known = [(e, float(matrix[r, k])) for r, e in enumerate(expected[f["name"]])
                 if e is not None]
        low, high = min(known), max(known)
        check(high[0] > low[0], f"{f['name']}: one value only")
        slope = (high[1] - low[1]) / (high[0] - low[0])
        wrong = sum(abs(low[1] + slope * (e - low[0]) - got) > 1e-4 * max(1.0, abs(got))
                    for e, got in known)
        check(wrong == 0, f"{f['name']}: {wrong} of {len(known)} rows off the calendar")


@test
def bad_model_files():
    garbage = path("garbage.fwmodel")
    with open(garbage, "wb") as f:
        f.write(b"FWMODEL\0" + bytes(range(256)) * 4)
    out = path("never.onnx")
    check_input_error(run("export", "--model", garbage, "--onnx", out), "corrupt model")
    check(not os.path.exists(out), "a corrupt model left an ONNX file")
    good = path("logistic.fwmodel")
    with open(good, "rb") as f:
        data = f.read()
    truncated = path("truncated.fwmodel")
    with open(truncated, "wb") as f:
        f.write(data[: len(data) // 2])
    check_input_error(run("export", "--model", truncated, "--onnx", out), "truncated model")
    check_input_error(run("export", "--model", path("missing.fwmodel"), "--onnx", out),
                      "no model file")
    check(not os.path.exists(out), "a failed export left an ONNX file")
    result = run("export", "--model", good)
    check(result.returncode == 2 and b"--help" in result.stderr, f"usage: {result.stderr!r}")


@test
def atomic_writes():
    folder = path("out")
    os.mkdir(folder)
    blocker = os.path.join(folder, "file")
    with open(blocker, "w") as f:
        f.write("x")
    check_input_error(run("export", "--model", path("logistic.fwmodel"), "--onnx",
                          os.path.join(blocker, "m.onnx")), "unwritable folder")
    # A model the graph cannot express (a column named like an output) is refused whole.
    rows = [["label", "x", "y"]] + [[str(i % 3), str(i), "a" if i % 2 else "b"]
                                     for i in range(200)]
    data = write_csv("clash.csv", rows)
    model = train("clash", "--target", "y", "--epochs", "2", data=data)
    target = os.path.join(folder, "clash.onnx")
    check_input_error(run("export", "--model", model, "--onnx", target), "a column named label")
    check(os.listdir(folder) == ["file"], f"files left behind: {os.listdir(folder)}")
    # Overwriting replaces the file whole.
    check_ok(run("export", "--model", path("logistic.fwmodel"), "--onnx", target), "export")
    first = open(target, "rb").read()
    check_ok(run("export", "--model", path("mlp.fwmodel"), "--onnx", target), "overwrite")
    check(open(target, "rb").read() != first and sorted(os.listdir(folder)) == ["clash.onnx",
                                                                                 "file"],
          f"overwrite: {os.listdir(folder)}")
    onnx.checker.check_model(onnx.load(target), full_check=True)


def main():
    global TRAIN, EVAL
    try:
        TRAIN, EVAL = make_data()
    except AssertionError as error:
        print(f"Bail out! {error}")
        return 1
    return run_tests()


sys.exit(main())
