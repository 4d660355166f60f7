#!/usr/bin/python3
# test-checkpoint.py — train --checkpoint survives kill -9, and --resume carries on (TAP).
#
# Usage: test-checkpoint.py PATH/TO/fairway-cli
#
# A real training is killed with SIGKILL once its first checkpoint exists: the checkpoint
# must load with evaluate and predict, say which epoch it holds, and beat always answering
# the most common class; resuming from it starts at the next epoch and ends as good as a
# training that was never interrupted.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
tmp = tempfile.TemporaryDirectory()
SAMPLE = os.path.join(tmp.name, "sample.csv")
CHECKPOINT = os.path.join(tmp.name, "checkpoint.fwmodel")
EPOCHS = 30
TRAIN = ["train", "--data", SAMPLE, "--target", "approved", "--sensitive", "sex",
         "--model", "mlp", "--hidden", "64,64", "--epochs", str(EPOCHS), "--json"]
state = {}


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def events(result, what):
    check(result.returncode == 0, f"{what}: exit {result.returncode}: {result.stderr!r}")
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    check(lines and lines[-1]["event"] == "done", f"{what}: no done event")
    return lines


@test
def killed_training_leaves_a_checkpoint():
    result = run("sample", "-n", "200000", "-o", SAMPLE)
    check(result.returncode == 0, f"sample: {result.stderr!r}")
    # Every new best epoch: the first checkpoint comes long before the end.
    process = subprocess.Popen([CLI, *TRAIN, "--checkpoint", CHECKPOINT,
                                "--checkpoint-seconds", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not os.path.exists(CHECKPOINT) and process.poll() is None:
        check(time.monotonic() < deadline, "no checkpoint appeared")
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    code = process.wait()
    check(code == -signal.SIGKILL, f"the training ended by itself (exit {code}) before the kill")
    # Written atomically: no temporary file is left beside it, and it is whole.
    left = sorted(os.listdir(tmp.name))
    check(left == ["checkpoint.fwmodel", "sample.csv"], f"files left: {left}")


@test
def checkpoint_evaluates_and_names_its_epoch():
    result = run("evaluate", "--model", CHECKPOINT, "--data", SAMPLE, "--json")
    check(result.returncode == 0, f"evaluate: {result.stderr!r}")
    report = json.loads(result.stdout)
    checkpoint = report.get("checkpoint")
    check(checkpoint is not None, f"no checkpoint key: {sorted(report)}")
    check(1 <= checkpoint["epoch"] < EPOCHS and checkpoint["epochs"] == EPOCHS,
          f"checkpoint {checkpoint}")
    check(checkpoint["finished"] is False, "a killed training's checkpoint says finished")
    note = f"checkpoint from epoch {checkpoint['epoch']} of {EPOCHS}"
    check(note in result.stderr.decode(), f"stderr does not say {note!r}: {result.stderr!r}")
    # A trained model, not the initial weights: better than the majority class.
    accuracy, baseline = report["metrics"]["accuracy"], report["baseline"]["accuracy"]
    check(accuracy > baseline + 0.02, f"accuracy {accuracy} vs majority {baseline}")
    state["epoch"] = checkpoint["epoch"]
    out = os.path.join(tmp.name, "pred.csv")
    result = run("predict", "--model", CHECKPOINT, "--data", SAMPLE, "-o", out)
    check(result.returncode == 0, f"predict: {result.stderr!r}")
    with open(out) as f:
        check(sum(1 for _ in f) == 200001, "predict wrote another number of rows")


@test
def resume_carries_on_after_the_checkpoint_epoch():
    final = os.path.join(tmp.name, "resumed.fwmodel")
    resumed = events(run(*TRAIN, "--resume", CHECKPOINT, "--out", final), "resume")
    epochs = [e["epoch"] for e in resumed if e["event"] == "epoch"]
    check(epochs and epochs[0] == state["epoch"] + 1, f"resumed epochs {epochs[:3]}…")
    reference = events(run(*TRAIN), "uninterrupted")
    ours, theirs = resumed[-1]["test"]["accuracy"], reference[-1]["test"]["accuracy"]
    check(ours >= theirs - 0.01, f"resumed accuracy {ours} vs uninterrupted {theirs}")
    result = run("evaluate", "--model", final, "--data", SAMPLE, "--json")
    check(result.returncode == 0 and "checkpoint" not in json.loads(result.stdout),
          "the finished model still says it is a checkpoint")


def model_header(path):
    """The JSON header of a .fwmodel (docs/file-formats.md)."""
    with open(path, "rb") as f:
        data = f.read()
    check(data[:8] == b"FWMODEL\0", "not a model file")
    (length,) = struct.unpack_from("<I", data, 12)
    return json.loads(data[16:16 + length])


@test
def checkpoint_of_a_mitigated_run_decides_as_it_would():
    # The first checkpoint of a parity run already carries the per-group thresholds and the
    # baseline: restored, it decides and reports like the finished model would.
    path = os.path.join(tmp.name, "parity.fwmodel")
    process = subprocess.Popen([CLI, *TRAIN, "--threshold-policy", "parity",
                                "--checkpoint", path, "--checkpoint-seconds", "0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not os.path.exists(path) and process.poll() is None:
        check(time.monotonic() < deadline, "no checkpoint appeared")
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    header = model_header(path)
    check(header["checkpoint"]["finished"] is False, f"checkpoint {header['checkpoint']}")
    thresholds = header.get("thresholds")
    check(thresholds is not None and thresholds["policy"] == "parity",
          f"no parity thresholds in the checkpoint: {sorted(header)}")
    check(header.get("threshold_attribute") == "sex", "thresholds not for sex")
    check(sorted(g["name"] for g in thresholds["groups"]) == ["female", "male"],
          f"groups {thresholds['groups']}")
    check("accuracy" in header.get("baseline", {}), f"no baseline: {header.get('baseline')}")


@test
def resume_refuses_a_checkpoint_of_other_columns():
    other = [a for a in TRAIN if a not in ("--sensitive", "sex")]
    result = run(*other, "--resume", CHECKPOINT)
    check(result.returncode == 1, f"exit {result.returncode}")
    check(b"does not fit" in result.stderr, f"stderr {result.stderr!r}")


sys.exit(run_tests())
