#!/usr/bin/python3
# bench-cuda-torch.py — the PyTorch CUDA peer of bench-cuda.py: the same preprocessing as
# bench-train.sh's peers (bench_train_peers.prepare), then an MLP n_in→H…→1 trained on the
# GPU in FP32 with the training rows on the device, a fresh permutation per epoch and the
# batches gathered by index there (the idiomatic fast loop: no DataLoader), and the
# validation loss after each epoch.  Prints one JSON line with each epoch's rows/s.
# Exits 77 with the reason when torch is missing or has no CUDA.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description="PyTorch CUDA epoch throughput.")
    parser.add_argument("--data", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--positive", required=True)
    parser.add_argument("--sensitive", action="append", default=[])
    parser.add_argument("--drop", default="")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--hidden", default="64,64")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    args.drop = [c for c in args.drop.split(",") if c]

    try:
        import torch
    except ImportError as error:
        print(f"no torch for {sys.executable}: {error}")
        sys.exit(77)
    if not torch.cuda.is_available():
        print(f"torch {torch.__version__} at {sys.executable} has no CUDA")
        sys.exit(77)
    from bench_train_peers import prepare

    (x_train, y_train, x_val, y_val, _x_test, _y_test), _ = prepare(args)
    torch.backends.cuda.matmul.allow_tf32 = False   # FP32, as Fairway's cuBLAS sgemm
    torch.manual_seed(args.seed)
    device = torch.device("cuda")
    widths = [x_train.shape[1]] + [int(h) for h in args.hidden.split(",")]
    layers = []
    for n_in, n_out in zip(widths, widths[1:]):
        layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers, torch.nn.Linear(widths[-1], 1)).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    xt = torch.from_numpy(x_train).to(device)
    yt = torch.from_numpy(y_train.astype("float32")).unsqueeze(1).to(device)
    xv = torch.from_numpy(x_val).to(device)
    yv = torch.from_numpy(y_val.astype("float32")).unsqueeze(1).to(device)

    rates = []
    for _epoch in range(args.epochs):
        torch.cuda.synchronize()
        start = time.perf_counter()
        model.train()
        order = torch.randperm(len(xt), device=device)
        for first in range(0, len(xt), args.batch):
            index = order[first:first + args.batch]
            optimiser.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[index]), yt[index])
            loss.backward()
            optimiser.step()
        model.eval()
        with torch.no_grad():
            float(loss_fn(model(xv), yv))      # a host sync, as Fairway's per-epoch loss
        torch.cuda.synchronize()
        rates.append(len(xt) / (time.perf_counter() - start))
    print(json.dumps({"peer": "torch-cuda", "device": torch.cuda.get_device_name(0),
                      "features": int(x_train.shape[1]), "train_rows": int(len(xt)),
                      "rows_per_second": rates}))


if __name__ == "__main__":
    main()
