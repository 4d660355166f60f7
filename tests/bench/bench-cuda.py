#!/usr/bin/python3
# bench-cuda.py — the GPU benchmark's driver, run through bench-cuda.sh.
#
# What is timed, and why:
# - Epoch throughput, rows per second: training rows ÷ the epoch's seconds (the mini-batch
#   loop, then the validation loss, as both sides do every epoch).  Fairway reports it in
#   each `train --json` epoch event; the PyTorch peer (bench-cuda-torch.py) times the same
#   span with torch.cuda.synchronize() at both ends.
# - The median over epochs 2…E: the first pays one-off costs (cuBLAS handles, kernel JIT on
#   a GPU newer than the build's SASS, the allocator's first blocks).  The CPU, which has no
#   warm-up, runs 2 epochs and both count.
# - Same work on every side: the 1,000,000-row sample with Fairway's default cleaning (the
#   peer drops the columns Fairway drops and one-hot encodes the same way, so the feature
#   count matches), a stratified 70/15/15 split, MLP n_in→H→H→1 (ReLU), BCE, Adam lr 1e-3,
#   FP32 throughout (PyTorch's TF32 matmuls stay off, as cuBLAS's sgemm here).  Training
#   rows live on the device and batches are gathered there on both GPU sides.
# Exit 77 (with the reason) when no CUDA device can be used; 0 after printing the table.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench_train  # noqa: E402 — its fairway_recipe reads the features Fairway makes

PEER = os.path.join(HERE, "bench-cuda-torch.py")
LOAN = {"target": "approved", "positive": "yes", "sensitive": "sex", "seed": 42}
SHAPES = ["64,64", "256,256"]
BATCHES = [256, 4096]
CPU_EPOCHS = 2


def cuda_device(cli):
    result = subprocess.run([cli, "devices", "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        print(f"bench-cuda.py: {cli} devices failed: {result.stderr.strip()}", file=sys.stderr)
        sys.exit(2)
    return [d for d in json.loads(result.stdout)["devices"] if d["name"] == "cuda"][0]


def fairway_rows_per_second(cli, data, device, hidden, batch, epochs):
    command = [cli, "train", "--data", data, "--target", LOAN["target"], "--sensitive",
               LOAN["sensitive"], "--positive", LOAN["positive"], "--seed", str(LOAN["seed"]),
               "--model", "mlp", "--hidden", hidden, "--batch", str(batch), "--lr", "0.001",
               "--epochs", str(epochs), "--device", device, "--json"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr.strip()
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    rates = [e["rows_per_second"] for e in events if e.get("event") == "epoch"]
    counted = rates[1:] if device == "cuda" and len(rates) > 1 else rates
    return statistics.median(counted), None


def torch_rows_per_second(data, drops, hidden, batch, epochs):
    command = [sys.executable, PEER, "--data", data, "--target", LOAN["target"],
               "--positive", LOAN["positive"], "--sensitive", LOAN["sensitive"],
               "--drop", ",".join(drops), "--seed", str(LOAN["seed"]), "--hidden", hidden,
               "--batch", str(batch), "--epochs", str(epochs)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode == 77:
        return None, result.stdout.strip() or result.stderr.strip()
    if result.returncode != 0:
        return None, f"failed: {result.stderr.strip().splitlines()[-1:]}"
    figures = json.loads(result.stdout.splitlines()[-1])
    return statistics.median(figures["rows_per_second"][1:] or figures["rows_per_second"]), None


def cell(value):
    return f"{value:>12,.0f}" if value is not None else f"{'n/a':>12}"


def ratio(a, b):
    return f"{a / b:>8.1f}x" if a is not None and b else f"{'n/a':>9}"


def main():
    parser = argparse.ArgumentParser(description="GPU training throughput against the CPU "
                                                 "and PyTorch CUDA.")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--shapes", default=" ".join(SHAPES),
                        help="hidden layers to measure, e.g. \"64,64 256,256\"")
    parser.add_argument("--batches", default=" ".join(map(str, BATCHES)),
                        help="batch sizes to measure, e.g. \"256 4096\"")
    args = parser.parse_args()
    shapes = args.shapes.split()
    batches = [int(b) for b in args.batches.split()]

    cuda = cuda_device(args.cli)
    if not cuda["available"]:
        print(f"SKIP: no CUDA device: {cuda['reason']}")
        sys.exit(77)
    memory = cuda["memory_bytes"] / 2**30
    print(f"GPU: {cuda['device']} ({memory:.0f} GiB, compute {cuda['compute_capability']}, "
          f"driver {cuda['driver']})", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "sample.csv")
        subprocess.run([args.cli, "sample", "--rows", str(args.rows), "--seed", "42", "-o", data],
                       check=True, capture_output=True)
        features, drops = bench_train.fairway_recipe(args.cli, data, tmp=tmp, **LOAN)
        print(f"{args.rows:,} rows, {len(features)} features; GPU epochs {args.epochs} "
              f"(median of 2…{args.epochs}), CPU epochs {CPU_EPOCHS} (1 OpenBLAS thread)",
              flush=True)

        notes = []
        # Each row is printed as soon as it is measured, so a run cut short keeps its rows.
        print("\nEpoch throughput, rows/s (higher is better)")
        print(f"{'MLP':<9}{'batch':>6}{'Fairway GPU':>13}{'Fairway CPU':>13}"
              f"{'PyTorch GPU':>13}{'GPU/CPU':>9}{'GPU/torch':>10}", flush=True)
        for hidden in shapes:
            for batch in batches:
                seconds = []
                started = time.monotonic()
                gpu, why_gpu = fairway_rows_per_second(args.cli, data, "cuda", hidden, batch,
                                                       args.epochs)
                seconds.append(time.monotonic() - started)
                cpu, why_cpu = fairway_rows_per_second(args.cli, data, "cpu", hidden, batch,
                                                       CPU_EPOCHS)
                seconds.append(time.monotonic() - sum(seconds) - started)
                peer, why_peer = torch_rows_per_second(data, drops, hidden, batch, args.epochs)
                seconds.append(time.monotonic() - sum(seconds) - started)
                for who, why in (("Fairway GPU", why_gpu), ("Fairway CPU", why_cpu),
                                 ("PyTorch GPU", why_peer)):
                    if why:
                        notes.append(f"{hidden} batch {batch}, {who}: {why}")
                print(f"{hidden.replace(',', '-'):<9}{batch:>6}{cell(gpu)} {cell(cpu)} "
                      f"{cell(peer)}{ratio(gpu, cpu)}{ratio(gpu, peer):>10}", flush=True)
                print(f"  runs took {seconds[0]:.0f} s (Fairway GPU), {seconds[1]:.0f} s "
                      f"(Fairway CPU), {seconds[2]:.0f} s (PyTorch GPU), data loading included",
                      file=sys.stderr, flush=True)

    for note in dict.fromkeys(notes):
        print(f"note: {note}")

if __name__ == "__main__":
    main()
