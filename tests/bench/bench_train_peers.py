#!/usr/bin/python3
# bench_train_peers.py — the peers' side of the training benchmark: the pipeline that
# `fairway-cli train --data F.csv --target T --sensitive S` runs, done with pandas +
# scikit-learn preprocessing and then one of
#   logistic    sklearn LogisticRegression(max_iter=1000) (lbfgs, L2 with C=1)
#   torch-mlp   PyTorch CPU MLP n_in→64→64→1, ReLU, BCEWithLogits, Adam, mini-batches
#   sklearn-mlp sklearn MLPClassifier (64, 64), Adam, the same epochs and batch
#
# One pipeline per process, so each starts cold like `fairway-cli train` does, and thread
# settings (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS) can be set by the caller before numpy and
# torch load.  Prints one JSON line:
#   {"peer":…, "pipeline_seconds": read_csv → test accuracy, in-process (the interpreter's
#    and the imports' start-up are NOT counted: generous to the peer), "read_seconds",
#    "preprocess_seconds" (split + fit/transform), "train_seconds" (fit only, like the
#    `seconds` of Fairway's done event), "accuracy" (test), "features", "epochs", "best_epoch"}
#
# The pipeline mirrors Fairway's default cleaning (docs/cli.md): drop the identifier-like and
# constant columns (--drop, given by the caller), the sensitive column is measured but not a
# feature, numbers: median impute + standardise, categories: most-frequent impute + one-hot;
# a stratified 70/15/15 train/validation/test split with the seed; statistics fitted on the
# training split only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

torch = None  # imported in main() only for the torch peer, before the clock starts

# The markers Fairway reads as missing (as bench-pandas.py), so both sides see the same cells.
NA_VALUES = ["?", "NA", "N/A", "NaN", "null", ""]


def prepare(args):
    """read_csv → clean → split → features; returns (X_train, y_train, X_val, y_val,
    X_test, y_test) as float32 / int arrays and the seconds spent reading."""
    start = time.perf_counter()
    frame = pd.read_csv(args.data, na_values=NA_VALUES, keep_default_na=True)
    read_seconds = time.perf_counter() - start

    frame = frame.dropna(subset=[args.target])
    y = (frame[args.target].astype(str) == args.positive).to_numpy(dtype=np.int64)
    dropped = [args.target] + args.sensitive + args.drop
    features = frame.drop(columns=[c for c in dropped if c in frame.columns])
    numeric = features.select_dtypes(include="number").columns.tolist()
    categorical = [c for c in features.columns if c not in numeric]

    # Stratified 70 / 15 / 15: 30 % held out, then halved into validation and test.
    x_train, x_rest, y_train, y_rest = train_test_split(
        features, y, test_size=0.30, stratify=y, random_state=args.seed)
    x_val, x_test, y_val, y_test = train_test_split(
        x_rest, y_rest, test_size=0.50, stratify=y_rest, random_state=args.seed)

    transform = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("categories", make_pipeline(SimpleImputer(strategy="most_frequent"),
                                     OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
         categorical),
    ])
    # Fitted on the training rows only; validation and test are transformed with them.
    x_train = transform.fit_transform(x_train).astype(np.float32)
    x_val = transform.transform(x_val).astype(np.float32)
    x_test = transform.transform(x_test).astype(np.float32)
    if args.verbose:
        print("features:", list(transform.get_feature_names_out()), file=sys.stderr)
    return (x_train, y_train, x_val, y_val, x_test, y_test), read_seconds


def fit_logistic(args, x_train, y_train, x_val, y_val, x_test, y_test):
    model = LogisticRegression(max_iter=1000)
    start = time.perf_counter()
    model.fit(x_train, y_train)
    train_seconds = time.perf_counter() - start
    accuracy = float((model.predict(x_test) == y_test).mean())
    return train_seconds, accuracy, {"iterations": int(model.n_iter_[0])}


def fit_sklearn_mlp(args, x_train, y_train, x_val, y_val, x_test, y_test):
    # max_iter counts epochs for the adam solver; its own early stopping would carve a
    # second validation set out of the training rows, so it is off: exactly `epochs` epochs.
    model = MLPClassifier(hidden_layer_sizes=(64, 64), solver="adam", batch_size=args.batch,
                          learning_rate_init=args.lr, max_iter=args.epochs, alpha=1e-4,
                          shuffle=True, random_state=args.seed, n_iter_no_change=args.epochs)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x_train, y_train)
    train_seconds = time.perf_counter() - start
    accuracy = float((model.predict(x_test) == y_test).mean())
    return train_seconds, accuracy, {"epochs": int(model.n_iter_)}


def fit_torch_mlp(args, x_train, y_train, x_val, y_val, x_test, y_test):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    n_in = x_train.shape[1]
    model = torch.nn.Sequential(
        torch.nn.Linear(n_in, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 1))
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    xt = torch.from_numpy(x_train)
    yt = torch.from_numpy(y_train.astype(np.float32)).unsqueeze(1)
    xv = torch.from_numpy(x_val)
    yv = torch.from_numpy(y_val.astype(np.float32)).unsqueeze(1)

    # The idiomatic fast loop: tensors already in memory, a fresh permutation per epoch,
    # batches gathered by index (no DataLoader, whose per-sample collation would be slower).
    # Like Fairway it computes the validation loss after every epoch and keeps the best
    # epoch's weights, so both do the same work; it never stops early (10 epochs asked).
    start = time.perf_counter()
    best_loss, best_epoch, best_state = float("inf"), 0, None
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(xt))
        for first in range(0, len(xt), args.batch):
            index = order[first:first + args.batch]
            optimiser.zero_grad(set_to_none=True)
            loss = loss_fn(model(xt[index]), yt[index])
            loss.backward()
            optimiser.step()
        model.eval()
        with torch.no_grad():
            val_loss = float(loss_fn(model(xv), yv))
        if val_loss < best_loss:
            best_loss, best_epoch = val_loss, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    train_seconds = time.perf_counter() - start

    with torch.no_grad():
        logits = model(torch.from_numpy(x_test)).squeeze(1).numpy()
    accuracy = float(((logits > 0).astype(np.int64) == y_test).mean())
    return train_seconds, accuracy, {"epochs": args.epochs, "best_epoch": best_epoch,
                                     "threads": torch.get_num_threads()}


FITS = {"logistic": fit_logistic, "torch-mlp": fit_torch_mlp, "sklearn-mlp": fit_sklearn_mlp}


def main():
    parser = argparse.ArgumentParser(description="One peer of the training benchmark.")
    parser.add_argument("peer", choices=sorted(FITS))
    parser.add_argument("--data", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--positive", required=True, help="the positive class's label")
    parser.add_argument("--sensitive", action="append", default=[])
    parser.add_argument("--drop", default="", help="comma-separated columns to drop")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--verbose", action="store_true", help="list the features on stderr")
    args = parser.parse_args()
    args.drop = [c for c in args.drop.split(",") if c]
    if args.peer == "torch-mlp":
        global torch
        import torch as torch_module
        torch = torch_module

    start = time.perf_counter()
    arrays, read_seconds = prepare(args)
    preprocess_seconds = time.perf_counter() - start - read_seconds
    train_seconds, accuracy, extra = FITS[args.peer](args, *arrays)
    pipeline_seconds = time.perf_counter() - start

    print(json.dumps({"peer": args.peer, "pipeline_seconds": pipeline_seconds,
                      "read_seconds": read_seconds, "preprocess_seconds": preprocess_seconds,
                      "train_seconds": train_seconds, "accuracy": accuracy,
                      "features": int(arrays[0].shape[1]), "train_rows": int(len(arrays[1])),
                      "rows": int(sum(len(a) for a in arrays[1::2])),
                      **extra}))


if __name__ == "__main__":
    main()
