#!/usr/bin/python3
# test-suggest.py — train --data's default cleaning on a table with planted problems (TAP).
#
# Usage: test-suggest.py PATH/TO/fairway-cli
#
# The table is generated here, so the features the model must end up with are known: no
# column from 7,000 names or from free text, one copy of a duplicated and of a relabelled
# column, "was missing" features for sentinels −1 and 999 and a half-empty number, an
# "unknown" category for a half-empty category, and nothing done to the target.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import os
import random
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
tmp = tempfile.TemporaryDirectory()
PLANTED = os.path.join(tmp.name, "planted.csv")
N_ROWS, N_NAMES = 8000, 7000
WORDS = ("the applicant asked about a longer term and lower payment visited branch twice after "
         "letter with documents from bank employer moved city last year works nights").split()


def write_planted():
    rng = random.Random(7)
    with open(PLANTED, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "name", "age", "age_copy", "grade", "grade_num", "pdays", "code",
                      "half", "charge", "note", "outcome"])
        for i in range(N_ROWS):
            age, grade = rng.randint(18, 87), rng.randrange(4)
            out.writerow([
                i + 1, f"Person{i % N_NAMES:04d}", age, age, "ABCD"[grade], grade + 1,
                -1 if rng.random() < 0.6 else rng.randint(1, 400),
                999 if rng.random() < 0.2 else rng.randint(0, 30),
                "" if rng.random() < 0.5 else f"{rng.uniform(0, 100):.2f}",
                "" if rng.random() < 0.5 else rng.choice(["felony", "misdemeanour"]),
                " ".join(rng.choice(WORDS) for _ in range(8)),
                # Noisy enough that age alone stays an honest predictor, not a leak.
                "yes" if age + 10 * grade + rng.gauss(0, 25) > 60 else "no"])


def model_header(path):
    """The JSON header of a .fwmodel (docs/file-formats.md)."""
    with open(path, "rb") as f:
        data = f.read()
    check(data[:8] == b"FWMODEL\0", "not a model file")
    (length,) = struct.unpack_from("<I", data, 12)
    return json.loads(data[16:16 + length])


@test
def default_cleaning_features():
    model = os.path.join(tmp.name, "planted.fwmodel")
    result = subprocess.run([CLI, "train", "--data", PLANTED, "--target", "outcome",
                             "--epochs", "2", "--json", "--out", model],
                            capture_output=True, timeout=300)
    check(result.returncode == 0, f"train: exit {result.returncode}: {result.stderr!r}")
    done = json.loads(result.stdout.decode().splitlines()[-1])
    check(done["event"] == "done", f"last event {done['event']}")
    header = model_header(model)
    expected = ["age", "grade=A", "grade=B", "grade=C", "grade=D", "grade=other",
                "pdays", "pdays_was_missing", "code", "code_was_missing",
                "half", "half_was_missing",
                "charge=felony", "charge=misdemeanour", "charge=unknown", "charge=other"]
    check(header["features"] == expected, f"features {header['features']}")
    # 7,000 names would have been 51 one-hot features; none is left.
    check(not any(f.startswith("name") for f in header["features"]), "a feature from names")
    steps = header["recipe"]["steps"]
    check(not any(s["column"] == "outcome" for s in steps), f"a step on the target: {steps}")
    check({"kind": "treat_as_missing", "column": "pdays", "constant": "-1"} in steps,
          f"no -1 sentinel step: {steps}")
    check({"kind": "treat_as_missing", "column": "code", "constant": "999"} in steps,
          f"no 999 sentinel step: {steps}")
    dropped = sorted(s["column"] for s in steps if s["kind"] == "drop_column")
    check(dropped == ["age_copy", "grade_num", "id", "name", "note"], f"dropped {dropped}")


@test
def sentinel_target_untouched():
    # A target with a sentinel and gaps: the default cleaning leaves it as it is.
    model = os.path.join(tmp.name, "code.fwmodel")
    result = subprocess.run([CLI, "train", "--data", PLANTED, "--target", "code",
                             "--model", "linear", "--epochs", "1", "--out", model],
                            capture_output=True, timeout=300)
    check(result.returncode == 0, f"train: exit {result.returncode}: {result.stderr!r}")
    header = model_header(model)
    steps = header["recipe"]["steps"]
    check(not any(s["column"] == "code" for s in steps), f"a step on the target: {steps}")
    check("pdays_was_missing" in header["features"], f"features {header['features']}")


def main():
    write_planted()
    return run_tests()


sys.exit(main())
