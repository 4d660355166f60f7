#!/usr/bin/python3
# test-recipe-replay.py — a saved recipe rebuilds the same model, for every mitigation and
# threshold policy (TAP).
#
# Usage: test-recipe-replay.py PATH/TO/fairway-cli
#
# Each combination trains with flags and --save-recipe, then replays the recipe alone: the
# recipe must record the choices, and the replay must give the same test metrics, fairness,
# thresholds and predictions, bit for bit (CPU training is deterministic for a seed).  The
# ONNX file's metadata names the same mitigation and thresholds; for a model with
# thresholds, evaluate's selection rates are recomputed from predict's output.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
tmp = tempfile.TemporaryDirectory()
SAMPLE = os.path.join(tmp.name, "sample.csv")


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def done_event(result, what):
    check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr!r}")
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    check(events and events[-1]["event"] == "done", f"{what}: no done event")
    return events[-1]


def predictions(model, name):
    out = os.path.join(tmp.name, name)
    result = run("predict", "--model", model, "--data", SAMPLE, "-o", out)
    check(result.returncode == 0, f"predict {model}: {result.stderr!r}")
    with open(out, "rb") as f:
        return f.read()


def selection_rates(prediction_bytes):
    """Share of rows predicted "yes" per sex group, from predict's CSV and the sample."""
    with open(SAMPLE, newline="") as f:
        sexes = [row["sex"] for row in csv.DictReader(f)]
    rows = list(csv.DictReader(prediction_bytes.decode().splitlines()))
    check(len(rows) == len(sexes), f"{len(rows)} predictions for {len(sexes)} rows")
    chosen, total = {}, {}
    for sex, row in zip(sexes, rows):
        total[sex] = total.get(sex, 0) + 1
        chosen[sex] = chosen.get(sex, 0) + (row["prediction"] == "yes")
    return {sex: chosen[sex] / total[sex] for sex in total}


def varint(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def fields(data):
    """(number, value) of each field of one protobuf message; bytes for length-delimited."""
    at = 0
    while at < len(data):
        key, at = varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = varint(data, at)
        elif wire == 1:
            value, at = data[at:at + 8], at + 8
        elif wire == 5:
            value, at = data[at:at + 4], at + 4
        elif wire == 2:
            length, at = varint(data, at)
            value, at = data[at:at + length], at + length
        else:
            raise AssertionError(f"protobuf wire type {wire}")
        yield number, value


def onnx_metadata(model, name):
    """ModelProto.metadata_props (field 14: key 1, value 2) of the exported model."""
    out = os.path.join(tmp.name, name)
    result = run("export", "--model", model, "--onnx", out)
    check(result.returncode == 0, f"export {model}: {result.stderr!r}")
    with open(out, "rb") as f:
        data = f.read()
    meta = {}
    for number, value in fields(data):
        if number == 14:
            entry = dict(fields(value))
            meta[entry[1].decode()] = entry[2].decode()
    return meta


def replay(mitigation, policy):
    tag = f"{mitigation}-{policy}"
    recipe = os.path.join(tmp.name, f"{tag}.json")
    first = os.path.join(tmp.name, f"{tag}-1.fwmodel")
    second = os.path.join(tmp.name, f"{tag}-2.fwmodel")
    trained = done_event(run("train", "--data", SAMPLE, "--target", "approved",
                             "--sensitive", "sex", "--epochs", "6", "--device", "cpu",
                             "--mitigate", mitigation, "--threshold-policy", policy,
                             "--save-recipe", recipe, "--out", first, "--json"), tag)
    with open(recipe) as f:
        saved = json.load(f)
    check(saved.get("mitigation") == mitigation,
          f"{tag}: recipe mitigation {saved.get('mitigation')!r}")
    check(saved.get("threshold_policy") == policy,
          f"{tag}: recipe threshold_policy {saved.get('threshold_policy')!r}")
    check(("thresholds" in trained) == (policy != "none"), f"{tag}: thresholds in done")
    if policy != "none":
        check(trained["thresholds"]["policy"] == policy, f"{tag}: {trained['thresholds']}")

    replayed = done_event(run("train", "--recipe", recipe, "--out", second, "--json"),
                          f"{tag} replay")
    for key in ("test", "fairness", "thresholds", "outcome", "best_epoch"):
        check(trained.get(key) == replayed.get(key),
              f"{tag}: {key} differs on replay:\n  {trained.get(key)}\n  {replayed.get(key)}")
    before = predictions(first, f"{tag}-1.csv")
    check(before == predictions(second, f"{tag}-2.csv"), f"{tag}: predictions differ on replay")

    # The ONNX file carries the same choices and the very thresholds.
    meta = onnx_metadata(first, f"{tag}.onnx")
    check(meta.get("fairway.mitigation") == mitigation, f"{tag}: ONNX mitigation {meta}")
    if policy == "none":
        check("fairway.thresholds" not in meta, f"{tag}: ONNX thresholds without a policy")
    else:
        thresholds = json.loads(meta["fairway.thresholds"])
        check(thresholds["policy"] == policy and thresholds["attribute"] == "sex",
              f"{tag}: ONNX thresholds {thresholds}")
        check([(g["name"], g["threshold"]) for g in thresholds["groups"]]
              == [(g["name"], g["threshold"]) for g in trained["thresholds"]["groups"]],
              f"{tag}: ONNX thresholds {thresholds} vs {trained['thresholds']}")

    if policy != "none":
        # evaluate measures what predict decides: the model's own per-group thresholds.
        result = run("evaluate", "--model", first, "--data", SAMPLE, "--json")
        check(result.returncode == 0, f"{tag}: evaluate: {result.stderr!r}")
        groups = json.loads(result.stdout)["fairness"][0]["groups"]
        expected = selection_rates(before)
        for group in groups:
            check(abs(group["selection_rate"] - expected[group["value"]]) < 1e-12,
                  f"{tag}: evaluate says {group['value']} {group['selection_rate']}, "
                  f"predict {expected[group['value']]}")


def add_case(mitigation, policy):
    def case():
        replay(mitigation, policy)
    case.__name__ = f"replay_{mitigation}_{policy}"
    test(case)


for mitigation in ("none", "reweigh"):
    for policy in ("none", "parity", "tpr"):
        add_case(mitigation, policy)


def read_predictions(data):
    return list(csv.DictReader(data.decode().splitlines()))


def labels():
    with open(SAMPLE, newline="") as f:
        return [row["approved"] for row in csv.DictReader(f)]


def train_replay(tag, *flags):
    """Trains with @flags and --save-recipe, replays the recipe: the done events, the
    recipe and both models' predictions, which must match bit for bit."""
    recipe = os.path.join(tmp.name, f"{tag}.json")
    first = os.path.join(tmp.name, f"{tag}-1.fwmodel")
    second = os.path.join(tmp.name, f"{tag}-2.fwmodel")
    trained = done_event(run("train", "--data", SAMPLE, "--target", "approved",
                             "--epochs", "6", "--device", "cpu", *flags,
                             "--save-recipe", recipe, "--out", first, "--json"), tag)
    with open(recipe) as f:
        saved = json.load(f)
    replayed = done_event(run("train", "--recipe", recipe, "--out", second, "--json"),
                          f"{tag} replay")
    for key in ("test", "fairness", "thresholds", "threshold", "threshold_attribute",
                "outcome", "best_epoch"):
        check(trained.get(key) == replayed.get(key),
              f"{tag}: {key} differs on replay:\n  {trained.get(key)}\n  {replayed.get(key)}")
    before = predictions(first, f"{tag}-1.csv")
    check(before == predictions(second, f"{tag}-2.csv"), f"{tag}: predictions differ on replay")
    return trained, saved, first, before


@test
def single_threshold_replays_and_decides():
    # A threshold other than 0.5, chosen for the model: recorded, replayed, applied.
    trained, saved, model, before = train_replay("threshold", "--sensitive", "sex",
                                                 "--threshold", "0.65")
    check(saved.get("threshold") == 0.65, f"recipe threshold {saved.get('threshold')!r}")
    check(trained.get("threshold") == 0.65, f"done threshold {trained.get('threshold')!r}")
    rows = read_predictions(before)
    wrong = [r for r in rows if (r["prediction"] == "yes") != (float(r["p_yes"]) >= 0.65)]
    check(not wrong, f"{len(wrong)} predictions not decided at 0.65: {wrong[:3]}")
    # evaluate's accuracy is that of predict's decisions against the labels.
    result = run("evaluate", "--model", model, "--data", SAMPLE, "--json")
    check(result.returncode == 0, f"evaluate: {result.stderr!r}")
    truth = labels()
    accuracy = sum(r["prediction"] == y for r, y in zip(rows, truth)) / len(truth)
    measured = json.loads(result.stdout)["metrics"]["accuracy"]
    check(abs(measured - accuracy) < 1e-12, f"evaluate accuracy {measured}, predict {accuracy}")
    meta = onnx_metadata(model, "threshold.onnx")
    check(float(meta.get("fairway.threshold", "nan")) == 0.65, f"ONNX metadata {meta}")
    # The graph's threshold constant: the smallest float at least 0.65, so that a float
    # probability passes it exactly when it passes 0.65 (test-onnx.py runs the graph).
    cut = struct.unpack("<f", struct.pack("<f", 0.65))[0]
    if cut < 0.65:
        cut = struct.unpack("<f", struct.pack("<I", struct.unpack("<I", struct.pack("<f", cut))[0]
                                                + 1))[0]
    with open(os.path.join(tmp.name, "threshold.onnx"), "rb") as f:
        check(struct.pack("<f", cut) in f.read(), "no 0.65 threshold in the ONNX graph")


@test
def threshold_changes_decisions_by_the_rows_between():
    # The same model at 0.9 and at 0.5: exactly the rows scored in [0.5, 0.9) change.
    _, _, _, low = train_replay("half", "--threshold", "0.5")
    _, _, _, high = train_replay("high", "--threshold", "0.9")
    low_rows, high_rows = read_predictions(low), read_predictions(high)
    check([r["p_yes"] for r in low_rows] == [r["p_yes"] for r in high_rows],
          "the threshold changed the probabilities")
    between = sum(0.5 <= float(r["p_yes"]) < 0.9 for r in low_rows)
    changed = sum(a["prediction"] != b["prediction"] for a, b in zip(low_rows, high_rows))
    print(f"# {changed} of {len(low_rows)} decisions change between 0.5 and 0.9")
    check(between > 0 and changed == between, f"{changed} decisions changed, {between} between")


@test
def thresholds_for_a_later_sensitive_column():
    # Per-group thresholds for the second sensitive column, recorded and replayed.
    trained, saved, model, before = train_replay(
        "age-band", "--sensitive", "sex", "--sensitive", "age_band",
        "--threshold-policy", "parity", "--threshold-column", "age_band")
    check(saved.get("threshold_attribute") == "age_band",
          f"recipe threshold_attribute {saved.get('threshold_attribute')!r}")
    check(trained.get("threshold_attribute") == "age_band", f"done {trained.keys()}")
    with open(SAMPLE, newline="") as f:
        bands = [row["age_band"] for row in csv.DictReader(f)]
    names = sorted(g["name"] for g in trained["thresholds"]["groups"])
    check(names == sorted(set(bands)), f"threshold groups {names}")
    meta = onnx_metadata(model, "age-band.onnx")
    check(json.loads(meta["fairway.thresholds"])["attribute"] == "age_band", f"ONNX {meta}")
    # predict decides each row at its age band's threshold.
    by_band = {g["name"]: g["threshold"] for g in trained["thresholds"]["groups"]}
    rows = read_predictions(before)
    wrong = [i for i, (r, band) in enumerate(zip(rows, bands))
             if (r["prediction"] == "yes") != (float(r["p_yes"]) >= by_band[band])]
    # p_yes is printed with all its float digits, so only a tie at the threshold could differ.
    check(not wrong, f"{len(wrong)} rows not decided at their band's threshold")


@test
def old_recipe_without_policy_trains_none():
    # A recipe from before the field existed leaves it out: no thresholds.
    recipe = os.path.join(tmp.name, "old.json")
    with open(recipe, "w") as f:
        json.dump({"schema_version": 1, "target": "approved", "sensitive": ["sex"],
                   "data": SAMPLE, "model": {"epochs": 2, "device": "cpu"}}, f)
    done = done_event(run("train", "--recipe", recipe, "--json"), "old recipe")
    check("thresholds" not in done, f"thresholds without a policy: {done.get('thresholds')}")


@test
def bad_policy_in_recipe():
    recipe = os.path.join(tmp.name, "bad.json")
    with open(recipe, "w") as f:
        json.dump({"schema_version": 1, "target": "approved", "data": SAMPLE,
                   "threshold_policy": "equal"}, f)
    result = run("train", "--recipe", recipe, "--json")
    stderr = result.stderr.decode()
    check(result.returncode == 1 and "threshold_policy" in stderr,
          f"exit {result.returncode}: {stderr!r}")


@test
def manual_thresholds_replay_and_decide():
    # Thresholds chosen by hand per age band (as the Results step's sliders record them):
    # the recipe replays to the same model, and predict decides each row at its band's.
    base = os.path.join(tmp.name, "manual-base.json")
    done_event(run("train", "--data", SAMPLE, "--target", "approved", "--sensitive", "sex",
                   "--sensitive", "age_band", "--epochs", "6", "--device", "cpu",
                   "--save-recipe", base, "--json"), "manual base")
    with open(SAMPLE, newline="") as f:
        bands = [row["age_band"] for row in csv.DictReader(f)]
    names = sorted(set(bands))
    chosen = {name: round(0.3 + 0.4 * i / (len(names) - 1), 2) for i, name in enumerate(names)}
    with open(base) as f:
        recipe = json.load(f)
    recipe.update(threshold_policy="manual", threshold_attribute="age_band", threshold=0.45,
                  group_thresholds=chosen, data=SAMPLE)
    path = os.path.join(tmp.name, "manual.json")
    with open(path, "w") as f:
        json.dump(recipe, f)
    models = [os.path.join(tmp.name, f"manual-{i}.fwmodel") for i in (1, 2)]
    done = [done_event(run("train", "--recipe", path, "--out", m, "--json"), f"manual {m}")
            for m in models]
    for key in ("test", "fairness", "thresholds", "threshold", "threshold_attribute"):
        check(done[0].get(key) == done[1].get(key),
              f"manual: {key} differs on replay:\n  {done[0].get(key)}\n  {done[1].get(key)}")
    thresholds = done[0]["thresholds"]
    check(thresholds["policy"] == "manual", f"done thresholds {thresholds}")
    check({g["name"]: g["threshold"] for g in thresholds["groups"]} == chosen
          and all(g["fitted"] for g in thresholds["groups"]), f"done thresholds {thresholds}")
    before = predictions(models[0], "manual-1.csv")
    check(before == predictions(models[1], "manual-2.csv"), "manual: predictions differ")

    # Per band: the rows predict calls "yes" are exactly those at or above its threshold.
    rows = read_predictions(before)
    for name in names:
        mine = [r for r, band in zip(rows, bands) if band == name]
        above = sum(float(r["p_yes"]) >= chosen[name] for r in mine)
        said = sum(r["prediction"] == "yes" for r in mine)
        print(f"# {name}: {said} of {len(mine)} yes at {chosen[name]}")
        check(said == above, f"{name}: predict says yes for {said}, {above} at or above")
    # A band the model never saw takes the common threshold, 0.45.
    with open(SAMPLE, newline="") as f:
        table = list(csv.reader(f))
    column = table[0].index("age_band")
    for row in table[1::3]:
        row[column] = "unheard of"
    unseen_data = os.path.join(tmp.name, "manual-unseen.csv")
    with open(unseen_data, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)
    out = os.path.join(tmp.name, "manual-unseen-pred.csv")
    result = run("predict", "--model", models[0], "--data", unseen_data, "-o", out)
    check(result.returncode == 0, f"manual: predict unseen: {result.stderr!r}")
    with open(out, "rb") as f:
        unseen = read_predictions(f.read())
    at = [chosen.get(row[column], 0.45) for row in table[1:]]
    wrong = [i for i, (r, t) in enumerate(zip(unseen, at))
             if (r["prediction"] == "yes") != (float(r["p_yes"]) >= t)]
    check(not wrong, f"manual: {len(wrong)} rows not at their band's threshold or 0.45")
    check(any(0.45 <= float(r["p_yes"]) < 0.5 for r, row in zip(unseen, table[1:])
              if row[column] == "unheard of"), "manual: no unseen row scored in [0.45, 0.5)")

    # Not all at one threshold: at 0.5 for everyone the answers differ.
    check(any((r["prediction"] == "yes") != (float(r["p_yes"]) >= 0.5) for r in rows),
          "the hand-chosen thresholds changed nothing")

    # evaluate measures what predict decides, band by band.
    result = run("evaluate", "--model", models[0], "--data", SAMPLE, "--json")
    check(result.returncode == 0, f"manual: evaluate: {result.stderr!r}")
    fairness = json.loads(result.stdout)["fairness"]
    by_band = next(f for f in fairness if f["attribute"] == "age_band")["groups"]
    for group in by_band:
        mine = [r for r, band in zip(rows, bands) if band == group["value"]]
        rate = sum(r["prediction"] == "yes" for r in mine) / len(mine)
        check(abs(group["selection_rate"] - rate) < 1e-12,
              f"evaluate {group['value']} {group['selection_rate']}, predict {rate}")

    # The ONNX file carries the same thresholds.
    meta = onnx_metadata(models[0], "manual.onnx")
    exported = json.loads(meta["fairway.thresholds"])
    check(exported["policy"] == "manual" and exported["attribute"] == "age_band"
          and {g["name"]: g["threshold"] for g in exported["groups"]} == chosen,
          f"ONNX thresholds {exported}")

    # The report says what the model does: thresholds chosen by hand, each band's.
    card = os.path.join(tmp.name, "manual.html")
    result = run("report", "--model", models[0], "-o", card)
    check(result.returncode == 0, f"manual: report: {result.stderr!r}")
    with open(card, encoding="utf-8") as f:
        text = " ".join(re.sub(r"<[^>]+>", " ", f.read()).split())
    check("a decision threshold per group of “age_band”, chosen by hand" in text,
          "manual: the report does not say the thresholds were chosen by hand")
    for name, value in chosen.items():
        check(f"{name} {value:.3f}" in text, f"manual: no {name} {value:.3f} in the report")


@test
def manual_policy_needs_group_thresholds():
    recipe = os.path.join(tmp.name, "manual-bad.json")
    with open(recipe, "w") as f:
        json.dump({"schema_version": 1, "target": "approved", "data": SAMPLE,
                   "sensitive": ["sex"], "threshold_policy": "manual"}, f)
    result = run("train", "--recipe", recipe, "--json")
    stderr = result.stderr.decode()
    check(result.returncode == 1 and "group_thresholds" in stderr,
          f"exit {result.returncode}: {stderr!r}")


def main():
    result = run("sample", "--rows", "3000", "--seed", "5", "-o", SAMPLE)
    if result.returncode != 0:
        print(f"Bail out! sample failed: {result.stderr!r}")
        return 1
    return run_tests()


if __name__ == "__main__":
    sys.exit(main())
