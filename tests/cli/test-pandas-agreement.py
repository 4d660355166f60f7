#!/usr/bin/python3
# test-pandas-agreement.py — `fairway-cli inspect --json` against pandas on real files.
#
# Row count, per-column missing counts, and min/max/mean/std of numeric columns must agree
# (1e-6 relative).  Exits 77 (meson's skip) with the reason when the shared datasets or
# pandas are not there: a visible skip, never a silent pass.
#
# Usage: test-pandas-agreement.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import os
import subprocess
import sys
import tempfile

SKIP = 77
DATASETS = ["adult.csv", "german_credit.csv"]
# The markers Fairway reads as missing, on top of pandas' own defaults.
NA_VALUES = ["?", "NA", "N/A", "NaN", "null", ""]
TOLERANCE = 1e-6

CLI = sys.argv[1]


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-300)


def compare(path, pd):
    """Returns a list of disagreements, printing what was checked."""
    result = subprocess.run([CLI, "inspect", path, "--json"], capture_output=True, timeout=120)
    if result.returncode != 0:
        return [f"inspect failed ({result.returncode}): {result.stderr.decode()!r}"]
    doc = json.loads(result.stdout)
    frame = pd.read_csv(path, na_values=NA_VALUES, keep_default_na=True, low_memory=False)
    problems = []

    if doc["rows"] != len(frame):
        problems.append(f"rows: fairway {doc['rows']}, pandas {len(frame)}")
    names = [c["name"] for c in doc["columns"]]
    if names != list(frame.columns):
        problems.append(f"columns: fairway {names}, pandas {list(frame.columns)}")
        return problems

    numeric_checked = 0
    for col in doc["columns"]:
        series = frame[col["name"]]
        missing = int(series.isna().sum())
        if col["missing"] != missing:
            problems.append(f"{col['name']}: missing fairway {col['missing']}, pandas {missing}")
        if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        if "min" not in col:
            problems.append(f"{col['name']}: pandas reads numbers, fairway kind {col['kind']}")
            continue
        numeric_checked += 1
        values = series.astype("float64")
        expected = {"min": values.min(), "max": values.max(), "mean": values.mean(),
                    "std": values.std(ddof=1)}
        for key, want in expected.items():
            want = None if want is None or math.isnan(want) else float(want)
            if not close(col[key], want):
                problems.append(f"{col['name']}: {key} fairway {col[key]!r}, pandas {want!r}")
    print(f"# {os.path.basename(path)}: {len(frame)} rows, {len(names)} columns, "
          f"{numeric_checked} numeric columns compared")
    return problems


def main():
    datasets = os.environ.get("FAIRWAY_SHARED_DATASETS", "")
    if not datasets or not os.path.isdir(datasets):
        where = datasets or "FAIRWAY_SHARED_DATASETS is unset"
        print(f"SKIP: the shared datasets folder is absent ({where})")
        return SKIP
    missing = [n for n in DATASETS if not os.path.isfile(os.path.join(datasets, n))]
    if missing:
        print(f"SKIP: {', '.join(missing)} not in {datasets}")
        return SKIP
    try:
        import pandas as pd
    except ImportError as error:
        print(f"SKIP: pandas is not installed for {sys.executable}: {error}")
        return SKIP

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        sample = os.path.join(tmp, "sample.csv")
        result = subprocess.run([CLI, "sample", "--rows", "3000", "--seed", "11", "-o", sample],
                                capture_output=True)
        if result.returncode != 0:
            print(f"FAIL: sample: {result.stderr.decode()!r}")
            return 1
        for path in [os.path.join(datasets, n) for n in DATASETS] + [sample]:
            problems = compare(path, pd)
            status = "ok" if not problems else "FAIL"
            print(f"{status}: {os.path.basename(path)}")
            for problem in problems:
                print(f"    {problem}")
            failures += bool(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
