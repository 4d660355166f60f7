#!/usr/bin/python3
# test-leaks.py — suspected leaks, from inspect to train, on tables with planted leaks (TAP).
#
# Usage: test-leaks.py PATH/TO/fairway-cli
#
# make_leaky.py writes a table whose leaks are known (a copy of the target with 3 % noise,
# two columns empty exactly when the answer is "no", a day count ending at the event) and
# its clean twin.  The single-column figures are recomputed here independently (plain
# Python: the rank AUC of each value's target rate, in sample) and compared with what
# fairway-cli reports.  The shared public tables must show no leak at all.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import Skip, check, run_tests, test  # noqa: E402
import make_leaky  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
tmp = tempfile.TemporaryDirectory()
LEAKY = os.path.join(tmp.name, "leaky.csv")
CLEAN = os.path.join(tmp.name, "clean.csv")
TARGET = "reoffended"
PLANTED = set(make_leaky.LEAKS)
HONEST = {"age", "priors_count", "sex", "charge_degree"}

sys.argv = ["make_leaky.py", LEAKY, CLEAN, "4000", "11"]
make_leaky.main()


def run(*args, timeout=300):
    result = subprocess.run([CLI, *args], capture_output=True, timeout=timeout)
    check(result.returncode == 0, f"{args}: exit {result.returncode}: {result.stderr!r}")
    return result.stdout.decode()


def inspect_json(path, *args):
    return json.loads(run("inspect", path, "--json", *args))


def train_done(path, *args):
    lines = run("train", "--data", path, "--target", TARGET, "--json", "--epochs", "30",
                *args).splitlines()
    done = json.loads(lines[-1])
    check(done["event"] == "done", f"no done event: {lines[-1:]}")
    return done


def rank_auc(scores, labels):
    """Mann–Whitney AUC with ties counted one half."""
    pairs = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2.0 * sum(label for _, label in pairs[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg)


def in_sample_auc(rows, column, missingness=False):
    """The AUC of each value's (or of emptiness') rate of "yes", on all rows."""
    labels = [1 if row[TARGET] == "yes" else 0 for row in rows]
    keys = [(row[column] == "") if missingness else row[column] for row in rows]
    counts = {}
    for key, label in zip(keys, labels):
        counts.setdefault(key, [0, 0])[label] += 1
    scores = [counts[key][1] / sum(counts[key]) for key in keys]
    return rank_auc(scores, labels)


@test
def inspect_without_target_has_flags_but_no_leak():
    columns = {c["name"]: c for c in inspect_json(LEAKY)["columns"]}
    check("target" not in inspect_json(LEAKY), "a target without --target")
    check(columns["person_id"]["flags"] == ["identifier"], columns["person_id"]["flags"])
    check("date" in columns["screening_date"]["flags"], columns["screening_date"]["flags"])
    check("mostly_missing" in columns["rearrest_date"]["flags"], columns["rearrest_date"])
    for name, column in columns.items():
        check("leak" not in column["flags"] and "leak" not in column, f"{name}: leak untargeted")
        check(isinstance(column["suggested"], list), f"{name}: no suggested list")
    check(columns["person_id"]["suggested"] == ["drop_column"], columns["person_id"])
    check(columns["sex"]["suggested"] == ["one_hot"], columns["sex"])
    check(columns["age"]["suggested"] == ["standardize"], columns["age"])


@test
def inspect_flags_every_planted_leak_and_nothing_else():
    report = inspect_json(LEAKY, "--target", TARGET)
    check(report["target"] == TARGET, report.get("target"))
    flagged = {c["name"] for c in report["columns"] if "leak" in c["flags"]}
    check(flagged == PLANTED, f"flagged {sorted(flagged)}, planted {sorted(PLANTED)}")
    with open(LEAKY, newline="") as f:
        rows = list(csv.DictReader(f))
    for column in report["columns"]:
        name = column["name"]
        if name not in PLANTED:
            check("leak" not in column, f"{name}: a leak object without the flag")
            continue
        leak = column["leak"]
        check(leak["score"] >= 0.90, f"{name}: score {leak['score']}")
        check(column["suggested"] == ["drop_column"], f"{name}: {column['suggested']}")
        check(any("must not be used" in issue for issue in column["issues"]), column["issues"])
    by = {c["name"]: c["leak"]["by"] for c in report["columns"] if "leak" in c}
    check(by["rearrest_date"] == by["rearrest_charge"] == "missingness", by)
    check(by["was_rearrested"] == by["days_to_event"] == "values", by)
    # Two values and no empty cells: out of fold, on the training part, the rank AUC of
    # "was_rearrested" is its in-sample AUC within sampling noise (3 % flips: about 0.97).
    ours = next(c["leak"]["score"] for c in report["columns"] if c["name"] == "was_rearrested")
    theirs = in_sample_auc(rows, "was_rearrested")
    check(abs(ours - theirs) < 0.02 and 0.94 < theirs < 0.995, f"{ours} vs {theirs}")
    theirs = in_sample_auc(rows, "rearrest_date", missingness=True)
    check(theirs == 1.0, f"emptiness of rearrest_date: {theirs}")
    for name in HONEST:
        check(in_sample_auc(rows, name) < 0.8, f"{name} is not honest here")


@test
def inspect_reports_one_missingness_pattern_together():
    text = run("inspect", LEAKY, "--target", TARGET)
    check("These 2 columns are empty exactly when “reoffended” is “no”" in text, text)
    check(text.count("These 2 columns") == 1, "the shared sentence is said more than once")
    check("Suspected leaks, left out of the suggested cleaning: was_rearrested, rearrest_date, "
          "rearrest_charge, days_to_event" in text, text)
    check("“was_rearrested” alone gets the answer right for 9" in text, text)


@test
def train_leaves_planted_leaks_out_and_scores_like_the_clean_table():
    recipe = os.path.join(tmp.name, "leaky.recipe.json")
    done = train_done(LEAKY, "--save-recipe", recipe)
    check(set(done["left_out_as_leaks"]) == PLANTED, done["left_out_as_leaks"])
    check(done["warnings"] == [] and "too_good" not in done, done["warnings"])
    with open(recipe) as f:
        saved = json.load(f)
    dropped = {s["column"] for s in saved["steps"] if s["kind"] == "drop_column"}
    check(PLANTED <= dropped, f"not dropped: {PLANTED - dropped}")
    for step in saved["steps"]:
        check(step["column"] not in PLANTED or step["kind"] == "drop_column", step)
    importance = {c["column"] for c in done["explanations"]["importance"]["columns"]}
    check(not importance & PLANTED, f"the model saw {importance & PLANTED}")
    clean = train_done(CLEAN)
    check(clean["left_out_as_leaks"] == [], clean["left_out_as_leaks"])
    leaky_auc, clean_auc = done["test"]["roc_auc"], clean["test"]["roc_auc"]
    check(abs(leaky_auc - clean_auc) < 0.02, f"leaky {leaky_auc} vs clean {clean_auc}")
    check(leaky_auc < 0.85, f"ROC AUC {leaky_auc}: a leak got through")
    human = run("train", "--data", LEAKY, "--target", TARGET, "--epochs", "2")
    check("Left out as suspected leaks: was_rearrested, rearrest_date, rearrest_charge, "
          "days_to_event" in human, human)


@test
def keep_column_is_recorded_and_too_good_is_warned():
    recipe = os.path.join(tmp.name, "kept.recipe.json")
    done = train_done(LEAKY, "--keep-column", "was_rearrested", "--keep-column",
                      "rearrest_charge", "--save-recipe", recipe)
    check(set(done["left_out_as_leaks"]) == PLANTED - {"was_rearrested", "rearrest_charge"},
          done["left_out_as_leaks"])
    with open(recipe) as f:
        saved = json.load(f)
    check(saved["known_in_advance"] == ["was_rearrested", "rearrest_charge"], saved)
    check(done["test"]["roc_auc"] > 0.98, done["test"])
    too_good = done.get("too_good")
    check(too_good is not None and too_good["metric"] == "roc_auc", done.get("warnings"))
    check(too_good["score"] >= 0.99, too_good)
    # Either kept leak may be the one the model leans on most (an exact fit takes the charge).
    check(set(too_good["columns"]) & {"was_rearrested", "rearrest_charge"}, too_good)
    check(done["warnings"] == [too_good["message"]], done["warnings"])
    human = run("train", "--recipe", recipe, "--data", LEAKY)
    check("Too good to be true?" in human, human)


@test
def too_good_far_above_the_best_single_column():
    # Four independent columns add up to the answer: each alone reaches a ROC AUC near
    # 0.5 + asin(1 / sqrt(4.25)) / pi = 0.66, together near 0.5 + asin(2 / sqrt(4.25)) / pi
    # = 0.92: not near perfect, but 0.2 above any single column.
    import random
    rng = random.Random(5)
    path = os.path.join(tmp.name, "additive.csv")
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["a", "b", "c", "d", TARGET])
        for _ in range(6000):
            xs = [rng.gauss(0, 1) for _ in range(4)]
            yes = sum(xs) + rng.gauss(0, 0.5) > 0
            writer.writerow([f"{x:.4f}" for x in xs] + ["yes" if yes else "no"])
    done = train_done(path)
    check(done["left_out_as_leaks"] == [], done["left_out_as_leaks"])
    too_good = done.get("too_good")
    check(too_good is not None, f"no warning at ROC AUC {done['test']['roc_auc']}")
    check(0.90 <= too_good["score"] < 0.99, too_good)
    check(too_good["best_column"] in {"a", "b", "c", "d"}, too_good)
    check(0.60 < too_good["best_column_score"] <= too_good["score"] - 0.20, too_good)
    check("far above the strongest single column" in too_good["message"], too_good["message"])


@test
def date_features_are_leak_checked():
    import datetime
    path = os.path.join(tmp.name, "dated.csv")
    make_leaky.write_dated(path, 4000, 3)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    day = datetime.date.fromisoformat
    # The planted answer, counted here: the days from jail_in to rearrest_date alone rank
    # "yes" above "no" almost perfectly; the age in days does not.
    labels = [1 if row[TARGET] == "yes" else 0 for row in rows]
    to_event = [(day(r["rearrest_date"]) - day(r["jail_in"])).days for r in rows]
    check(rank_auc([-d for d in to_event], labels) > 0.95, "the planted leak is not one")
    age = [(day(r["screening_date"]) - day(r["dob"])).days for r in rows]
    check(rank_auc([-a for a in age], labels) < 0.8, "the age is too strong")

    report = inspect_json(path, "--target", TARGET)
    columns = {c["name"]: c for c in report["columns"]}
    # Dates are scored by their days: none of these is a leak alone.
    for name in ("dob", "jail_in", "screening_date", "rearrest_date"):
        check("leak" not in columns[name]["flags"], f"{name}: {columns[name]['flags']}")
        check(columns[name]["suggested"][:1] == ["drop_column"], columns[name]["suggested"])
    event = [d for d in columns["jail_in"]["derived"]
             if d["step"] == "days_between" and d["to"] == "rearrest_date"]
    check(len(event) == 1, columns["jail_in"]["derived"])
    event = event[0]
    check(event["flags"] == ["leak"] and event["suggested"] is False, event)
    check(event["leak"]["score"] >= 0.90 and event["leak"]["by"] == "values", event)
    prefix = "Days from “jail_in” to “rearrest_date” alone gets the answer right for "
    check(event["issue"].startswith(prefix) and
          int(event["issue"][len(prefix):].split()[0]) >= 90, event["issue"])
    age_feature = [d for d in columns["dob"]["derived"]
                   if d["step"] == "days_between" and d["to"] == "screening_date"]
    check(len(age_feature) == 1 and age_feature[0]["suggested"] is True, columns["dob"])
    check(age_feature[0]["name"] == "dob_to_screening_date_days", age_feature)
    check("days_between" in columns["dob"]["suggested"], columns["dob"]["suggested"])
    parts = [d for d in columns["dob"]["derived"] if d["step"] == "date_parts"]
    check(len(parts) == 1 and parts[0]["suggested"] is False, parts)
    # Nothing counted to the leaky date is used: days to it from two dates would give the
    # days between them.
    for column in report["columns"]:
        for derived in column.get("derived", []):
            if derived["suggested"]:
                check("rearrest_date" not in (column["name"], derived["to"]), derived)

    human = run("inspect", path, "--target", TARGET)
    check("  Days from “jail_in” to “rearrest_date” alone gets the answer right for " in human,
          human)
    check("Days from “dob” to “screening_date” alone" not in human, human)

    recipe = os.path.join(tmp.name, "dated.recipe.json")
    done = train_done(path, "--save-recipe", recipe)
    with open(recipe) as f:
        steps = json.load(f)["steps"]
    between = [(s["column"], s["to"]) for s in steps if s["kind"] == "days_between"]
    check(("dob", "screening_date") in between, between)
    check(all("rearrest_date" not in pair for pair in between), between)
    check(done["test"]["roc_auc"] < 0.85 and "too_good" not in done, done["test"])


@test
def no_leak_on_the_shared_public_tables():
    folder = os.environ.get("FAIRWAY_SHARED_DATASETS", "")
    if not os.path.isdir(folder):
        raise Skip(f"the shared datasets folder is not here ({folder or 'unset'})")
    for name, target in (("adult.csv", "income-per-year"), ("german_credit.csv", "class-label")):
        report = inspect_json(os.path.join(folder, name), "--target", target)
        flagged = [c["name"] for c in report["columns"] if "leak" in c["flags"]]
        check(flagged == [], f"{name}: {flagged}")


sys.exit(run_tests())
