#!/usr/bin/python3
# test-encoding.py — files that are not UTF-8, and --encoding (TAP).
#
# A Windows-1252 file (curly quotes make it so) and an ISO-8859-1 one are refused with one
# error line that names the encoding and the flag; with --encoding every command reads the
# accented names right, compared byte for byte with Python's own decoding, and a saved
# recipe replays in the same encoding.  Rows ending in empty fields get a note in inspect.
#
# Usage: test-encoding.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = sys.argv[1]
ERROR_LINE = re.compile(rb"^fairway-cli: error: \S.*\n$")
CITIES = ["Zürich", "Genève", "“Köln”", "Paris"]
CLASSES = ["approuvé", "refusé"]


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def write_table(path, encoding, cities):
    """A small loan table; returns the 1-based line of the first non-ASCII byte."""
    rng = random.Random(11)
    lines = ["ville,revenu,décision"]
    for _ in range(120):
        income = rng.randint(10, 90)
        decision = CLASSES[0] if income + rng.randint(-15, 15) > 50 else CLASSES[1]
        lines.append(f"{rng.choice(cities)},{income},{decision}")
    data = ("\n".join(lines) + "\n").encode(encoding)
    with open(path, "wb") as f:
        f.write(data)
    for number, line in enumerate(lines, 1):
        if not line.isascii():
            return number
    raise AssertionError("no line with an accent")


def check_refused(result, encoding, line):
    check(result.returncode == 1, f"exit {result.returncode}: {result.stderr!r}")
    check(ERROR_LINE.match(result.stderr), f"not one error line: {result.stderr!r}")
    check(f"it looks like {encoding}".encode() in result.stderr, f"no guess: {result.stderr!r}")
    check(f"Line {line} has".encode() in result.stderr, f"no line {line}: {result.stderr!r}")
    check(f"--encoding {encoding.split(' ')[0].upper()}".encode() in result.stderr,
          f"no flag: {result.stderr!r}")


@test
def windows_1252_refused_then_read():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "prêts.csv")
        line = write_table(path, "cp1252", CITIES)
        check_refused(run("inspect", path), "Windows-1252", line)

        result = run("inspect", path, "--encoding", "WINDOWS-1252", "--json")
        check(result.returncode == 0, f"inspect --encoding: {result.stderr!r}")
        doc = json.loads(result.stdout)
        check(doc["encoding"] == "WINDOWS-1252", f"encoding: {doc['encoding']!r}")
        names = [c["name"] for c in doc["columns"]]
        check(names == ["ville", "revenu", "décision"], f"names: {names}")
        ville = doc["columns"][0]
        got = sorted(v["value"] for v in ville["top"])
        check(got == sorted(CITIES), f"cities: {got}")
        # The bytes themselves: UTF-8 out, as Python encodes the same text.
        for city in CITIES:
            check(json.dumps(city, ensure_ascii=False).encode() in result.stdout,
                  f"{city!r} not in the output as UTF-8")

        # The table for people says how it was read.
        result = run("inspect", path, "--encoding", "WINDOWS-1252")
        check(result.returncode == 0, f"inspect: {result.stderr!r}")
        check("read as Windows-1252 (Western European)".encode() in result.stdout,
              f"no encoding said: {result.stdout[:200]!r}")


@test
def latin1_refused_with_its_name():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "l.csv")
        # No curly quotes: nothing in 0x80–0x9F, so ISO-8859-1.
        line = write_table(path, "latin-1", ["Zürich", "Genève", "Paris"])
        check_refused(run("inspect", path), "ISO-8859-1 (Latin-1, Western European)", line)
        check(run("inspect", path, "--encoding", "ISO-8859-1").returncode == 0, "latin-1 read")


@test
def train_predict_evaluate_and_replay():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "d.csv")
        line = write_table(path, "cp1252", CITIES)
        model = os.path.join(tmp, "m.fwmodel")
        recipe = os.path.join(tmp, "r.json")
        preds = os.path.join(tmp, "p.csv")

        check_refused(run("train", "--data", path, "--target", "décision"), "Windows-1252", line)
        result = run("train", "--data", path, "--encoding", "WINDOWS-1252",
                     "--target", "décision", "--positive", "approuvé", "--epochs", "3",
                     "--out", model, "--save-recipe", recipe)
        check(result.returncode == 0, f"train: {result.stderr!r}")
        with open(recipe, encoding="utf-8") as f:
            saved = json.load(f)
        check(saved.get("data_encoding") == "WINDOWS-1252", f"recipe: {saved.get('data_encoding')}")
        check(saved["target"] == "décision", f"target: {saved['target']!r}")

        # The recipe reads its data the same way with no flag.
        result = run("train", "--recipe", recipe, "--epochs", "3")
        check(result.returncode == 0, f"replay: {result.stderr!r}")

        check_refused(run("predict", "--model", model, "--data", path, "-o", preds),
                      "Windows-1252", line)
        result = run("predict", "--model", model, "--data", path, "--encoding", "WINDOWS-1252",
                     "-o", preds)
        check(result.returncode == 0, f"predict: {result.stderr!r}")
        with open(preds, "rb") as f:
            header, *rows = f.read().splitlines()
        want = {("p_" + c).encode() for c in CLASSES}
        check(set(header.split(b",")[2:]) == want, f"header: {header!r}")
        check(len(rows) == 120, f"{len(rows)} rows")
        check({r.split(b",")[1] for r in rows} <= {c.encode() for c in CLASSES},
              f"predictions: {sorted({r.split(b',')[1] for r in rows})}")

        result = run("evaluate", "--model", model, "--data", path, "--encoding", "WINDOWS-1252",
                     "--json")
        check(result.returncode == 0, f"evaluate: {result.stderr!r}")
        check_refused(run("evaluate", "--model", model, "--data", path), "Windows-1252", line)


@test
def unknown_encoding_names_the_flag():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "d.csv")
        write_table(path, "utf-8", CITIES)
        result = run("inspect", path, "--encoding", "NO-SUCH-42")
        check(result.returncode == 1, f"exit {result.returncode}")
        check(ERROR_LINE.match(result.stderr), f"not one error line: {result.stderr!r}")
        check(b"--encoding NO-SUCH-42" in result.stderr, f"flag: {result.stderr!r}")
        # UTF-8 named is UTF-8.
        check(run("inspect", path, "--encoding", "UTF-8").returncode == 0, "UTF-8 named")


@test
def trailing_empty_fields_noted():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.csv")
        with open(path, "w") as f:
            f.write("a,b,c\n1,2,3\n4,5,6,,\n7,8,9,\n")
        result = run("inspect", path, "--json")
        check(result.returncode == 0, f"inspect: {result.stderr!r}")
        doc = json.loads(result.stdout)
        check(doc["rows"] == 3, f"rows: {doc['rows']}")
        check(doc["notes"] == ["Line 3 has 5 fields for 3 columns; the extra fields are empty "
                               "and were left out. 1 more row ends in empty fields too."],
              f"notes: {doc['notes']}")
        result = run("inspect", path)
        check(b"Line 3 has 5 fields for 3 columns" in result.stdout, "note in the table")

        with open(path, "w") as f:
            f.write("a,b,c\n1,2,3\n4,5,6,,x\n")
        result = run("inspect", path)
        check(result.returncode == 1, f"exit {result.returncode}")
        check(b"Line 3 has 5 fields but the first line has 3." in result.stderr,
              f"error: {result.stderr!r}")


sys.exit(run_tests())
