#!/usr/bin/python3
# test-cli.py — the command-line contract of docs/cli.md, checked from outside (TAP).
#
# Usage: test-cli.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import Skip, check, run_tests, test  # noqa: E402

CLI = sys.argv[1]
ERROR_LINE = re.compile(r"^fairway-cli: error: \S.*\n$")
KINDS = {"numeric", "categorical", "boolean", "text", "identifier", "datetime"}
HEADER = ("applicant_id,age,age_band,sex,marital_status,education,employment_type,"
          "years_employed,annual_income,co_applicant_income,loan_amount,loan_term_months,"
          "credit_score,debt_to_income,late_payments,home_ownership,purpose,region,"
          "application_date,currency,approved")
def run(*args, env=None, timeout=60):
    """Runs fairway-cli; a crash shows as a negative return code, a hang as a timeout."""
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout, env=env)


def check_input_error(result, what):
    stderr = result.stderr.decode("utf-8", "replace")
    check(result.returncode == 1, f"{what}: exit {result.returncode}, not 1; stderr={stderr!r}")
    check(ERROR_LINE.match(stderr), f"{what}: stderr is not one error line: {stderr!r}")
    check(result.stdout == b"", f"{what}: stdout not empty: {result.stdout[:200]!r}")


def check_usage_error(result, what):
    stderr = result.stderr.decode("utf-8", "replace")
    check(result.returncode == 2, f"{what}: exit {result.returncode}, not 2; stderr={stderr!r}")
    first = stderr.splitlines(keepends=True)[0] if stderr else ""
    check(ERROR_LINE.match(first), f"{what}: first stderr line is not an error line: {stderr!r}")
    check("--help" in stderr, f"{what}: no hint at --help: {stderr!r}")


@test
def version_and_help():
    result = run("--version")
    check(result.returncode == 0, "--version failed")
    check(re.match(rb"^fairway-cli \d+\.\d+", result.stdout), f"--version: {result.stdout!r}")
    result = run("--help")
    check(result.returncode == 0, "--help failed")
    for name in ["sample", "inspect", "train", "predict", "evaluate", "export", "report",
                 "devices"]:
        check(name.encode() in result.stdout, f"--help does not list {name}")
    for command in ["sample", "inspect", "train", "predict", "evaluate", "export", "report",
                    "devices"]:
        result = run(command, "--help")
        check(result.returncode == 0 and b"Usage" in result.stdout, f"{command} --help")


@test
def usage_errors_exit_2():
    result = run()
    check(result.returncode == 2, f"no command: exit {result.returncode}")
    check_usage_error(run("frobnicate"), "unknown command")
    check_usage_error(run("--frobnicate"), "unknown option")
    check_usage_error(run("sample", "--frobnicate", "-o", "x.csv"), "unknown sample option")
    check_usage_error(run("inspect", "--frobnicate", "x.csv"), "unknown inspect option")
    check_usage_error(run("sample"), "sample without -o")
    check_usage_error(run("sample", "--rows", "0", "-o", "x.csv"), "--rows 0")
    check_usage_error(run("sample", "--rows", "many", "-o", "x.csv"), "--rows many")
    check_usage_error(run("sample", "--seed", "-3", "-o", "x.csv"), "--seed -3")
    check_usage_error(run("inspect"), "inspect without a file")
    check_usage_error(run("inspect", "a.csv", "b.csv"), "inspect with two files")


@test
def sample_is_deterministic():
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, f"{n}.csv") for n in "abc"]
        for path, seed in zip(paths, ["7", "7", "8"]):
            result = run("sample", "--rows", "1000", "--seed", seed, "-o", path)
            check(result.returncode == 0, f"sample failed: {result.stderr!r}")
        data = [open(p, "rb").read() for p in paths]
        check(data[0] == data[1], "same seed, different bytes")
        check(data[0] != data[2], "different seed, same bytes")
        lines = data[0].decode().split("\n")
        check(lines[0] == HEADER, f"header: {lines[0]!r}")
        check(len(lines) == 1002 and lines[-1] == "", f"{len(lines) - 2} rows, expected 1000")
        check(sorted(os.listdir(tmp)) == ["a.csv", "b.csv", "c.csv"], "stray files left")


@test
def sample_defaults():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "d.csv")
        check(run("sample", "-o", path).returncode == 0, "sample with defaults failed")
        with open(path, "rb") as f:
            check(f.read().count(b"\n") == 5001, "default is 5000 rows")


@test
def sample_into_missing_folder():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "absent", "x.csv")
        result = run("sample", "--rows", "10", "-o", path)
        check_input_error(result, "sample into a missing folder")
        check("x.csv" in result.stderr.decode(), "the message does not name the file")
        check(os.listdir(tmp) == [], "something was created")
        check_input_error(run("sample", "--rows", "10", "-o", tmp), "sample onto a folder")
        check(os.listdir(tmp) == [], "something was created")


@test
def sample_interrupted_leaves_nothing():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.csv")
        proc = subprocess.Popen([CLI, "sample", "--rows", "3000000", "-o", path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Wait for the temporary file: the writer is running, and the signal is handled.
        deadline = time.monotonic() + 20
        while not os.listdir(tmp) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        if proc.returncode == 0:
            raise Skip("the sample was written before the signal arrived")
        check(proc.returncode == 130, f"exit {proc.returncode} after SIGINT; {err!r}")
        check(os.listdir(tmp) == [], f"left behind: {os.listdir(tmp)}")


def inspect_json(path):
    result = run("inspect", path, "--json")
    check(result.returncode == 0, f"inspect --json failed: {result.stderr!r}")
    check(result.stderr == b"", f"stderr not empty: {result.stderr!r}")
    return json.loads(result.stdout)


@test
def inspect_json_shape():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.csv")
        check(run("sample", "--rows", "1000", "--seed", "7", "-o", path).returncode == 0, "sample")
        doc = inspect_json(path)
        check(set(doc) == {"rows", "columns", "seconds", "encoding", "notes"}, f"top-level keys: {sorted(doc)}")
        check(doc["rows"] == 1000, f"rows: {doc['rows']}")
        check(isinstance(doc["seconds"], (int, float)) and doc["seconds"] >= 0, "seconds")
        names = [c["name"] for c in doc["columns"]]
        check(names == HEADER.split(","), f"names: {names}")
        by_name = {c["name"]: c for c in doc["columns"]}
        for col in doc["columns"]:
            for key in ["name", "kind", "missing", "distinct", "issues"]:
                check(key in col, f"{col['name']}: no {key}")
            check(col["kind"] in KINDS, f"{col['name']}: kind {col['kind']}")
            check(all(isinstance(i, str) and i for i in col["issues"]), "issues are strings")
            if col["kind"] == "numeric":
                for key in ["min", "max", "mean", "std"]:
                    check(key in col, f"{col['name']}: numeric without {key}")
                check(col["min"] <= col["mean"] <= col["max"], f"{col['name']}: min/mean/max")
        check(by_name["age"]["kind"] == "numeric", "age is a number")
        check(by_name["sex"]["distinct"] == 2, "sex has two values")
        check(by_name["application_date"]["kind"] == "datetime", "dates are dates")
        check(by_name["applicant_id"]["kind"] == "identifier", "the ID is an identifier")
        check(by_name["co_applicant_income"]["missing"] > 400, "co-applicant income mostly missing")
        check(by_name["co_applicant_income"]["issues"], "mostly-missing column not flagged")
        check(by_name["currency"]["issues"], "constant column not flagged")
        check(by_name["approved"]["kind"] == "boolean", "approved is yes/no")


@test
def inspect_table_for_people():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.csv")
        check(run("sample", "--rows", "500", "-o", path).returncode == 0, "sample")
        result = run("inspect", path)
        check(result.returncode == 0, f"inspect failed: {result.stderr!r}")
        check(result.stderr == b"", "progress or noise on a stderr that is not a terminal")
        text = result.stdout.decode()
        for name in HEADER.split(","):
            check(re.search(rf"^{re.escape(name)} ", text, re.M), f"no row for {name}")
        rows = [l for l in text.splitlines() if l.startswith(("age ", "sex ", "approved "))]
        starts = {l.index(l.split()[1]) for l in rows}
        check(len(starts) == 1, f"kind column not aligned: {rows}")


@test
def inspect_numbers_ignore_locale():
    env = dict(os.environ)
    for name in ["de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8"]:
        probe = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
        if name.lower().replace("-", "") in probe.lower().replace("-", ""):
            env["LC_ALL"] = name
            break
    else:
        raise Skip("no locale with a decimal comma is installed")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "s.csv")
        check(run("sample", "--rows", "300", "-o", path, env=env).returncode == 0, "sample")
        doc = json.loads(run("inspect", path, "--json", env=env).stdout)
        check(doc["rows"] == 300, "rows")
        text = run("inspect", path, env=env).stdout.decode()
        check(re.search(r"mean \d+\.\d", text), "no decimal point in the table")


MALFORMED = {
    "empty.csv": b"",
    "blank-lines.csv": b"\n\n\n",
    "binary.csv": bytes(range(256)) * 40,
    "nul-in-text.csv": b"a,b\n1,2\n3,\x004\n",
    "header-only.csv": b"a,b,c\n",
    "unterminated-quote.csv": b"a,b\n1,\"never closed\n2,3\n",
    "ragged.csv": b"a,b,c\n1,2,3\n4,5\n",
    "bad-utf8.csv": b"name,x\nok,1\n\xff\xfe,2\n",
}


@test
def inspect_malformed_input():
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in MALFORMED.items():
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            for extra in [[], ["--json"]]:
                check_input_error(run("inspect", path, *extra, timeout=30), name)
        check_input_error(run("inspect", os.path.join(tmp, "absent.csv")), "missing file")
        check_input_error(run("inspect", tmp), "a folder")


def devices_json(env=None):
    result = run("devices", "--json", env=env)
    check(result.returncode == 0, f"devices --json: exit {result.returncode}: {result.stderr!r}")
    return json.loads(result.stdout)


@test
def devices_lists_backends():
    listed = devices_json()
    by_name = {d["name"]: d for d in listed["devices"]}
    check(set(by_name) == {"cpu", "cuda"}, f"devices: {sorted(by_name)}")
    check(by_name["cpu"]["available"] is True, "the CPU is not available")
    cuda = by_name["cuda"]
    check(isinstance(cuda["available"], bool), f"cuda: {cuda}")
    check(cuda["available"] or (isinstance(cuda["reason"], str) and cuda["reason"]),
          f"an unavailable cuda gives no reason: {cuda}")
    check(listed["auto"] == ("cuda" if cuda["available"] else "cpu"), f"auto: {listed['auto']}")

    result = run("devices")
    check(result.returncode == 0 and result.stderr == b"", f"devices: {result.stderr!r}")
    lines = result.stdout.decode().splitlines()
    check(len(lines) == 2, f"devices prints {lines}")
    check(re.match(r"^cpu +available +\S", lines[0]), f"cpu line: {lines[0]!r}")
    if cuda["available"]:
        check(re.match(r"^cuda +available +\S", lines[1]), f"cuda line: {lines[1]!r}")
    else:
        check(re.match(r"^cuda +unavailable +" + re.escape(cuda["reason"]) + "$", lines[1]),
              f"cuda line: {lines[1]!r}")
    check_usage_error(run("devices", "extra"), "devices with an argument")


@test
def devices_without_the_module():
    env = dict(os.environ, FAIRWAY_CUDA_MODULE=os.path.join(tempfile.gettempdir(), "absent.so"))
    cuda = [d for d in devices_json(env)["devices"] if d["name"] == "cuda"][0]
    check(cuda["available"] is False and cuda["reason"] == "module not built", f"cuda: {cuda}")
    result = run("devices", env=env)
    check(result.stdout.decode().splitlines()[1].split() == ["cuda", "unavailable", "module",
                                                             "not", "built"],
          f"devices: {result.stdout!r}")


@test
def train_on_cuda_without_one():
    cuda = [d for d in devices_json()["devices"] if d["name"] == "cuda"][0]
    if cuda["available"]:
        raise Skip("a CUDA device is here")
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "s.csv")
        check(run("sample", "--rows", "300", "-o", data).returncode == 0, "sample failed")
        result = run("train", "--data", data, "--target", "approved", "--device", "cuda")
        check_input_error(result, "train --device cuda")
        stderr = result.stderr.decode()
        check(cuda["reason"] in stderr and "--device cpu" in stderr, f"stderr: {stderr!r}")


def main():
    return run_tests()


if __name__ == "__main__":
    sys.exit(main())
