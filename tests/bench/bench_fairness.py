#!/usr/bin/python3
# bench_fairness.py — the fairness benchmark's driver.  Run through
# bench-fairness.sh, which checks the programs and makes the samples.  Standard library only.
#
# (1) Mitigation.  `fairway-cli train --json --sensitive sex` (sex measured, never a feature),
#     default model (logistic), on the loan sample (20,000 rows, approved = yes) and on
#     adult.csv (income-per-year = >50K), once per seed for each of
#       no mitigation | --mitigate reweigh | --threshold-policy parity (when the build has it).
#     Read from the done event: the test part's accuracy and demographic parity difference
#     for sex (max − min selection rate; with parity thresholds both are the thresholded
#     decisions' figures), its bootstrap 95 % interval and the per-group selection rates.
#     Seeds change the split and the model's initialisation; the figures are means over
#     seeds, and every seed's difference is printed too, because on a few thousand test rows
#     one split alone moves it by a point or more.
#     Targets: reweighing's mean difference is below no mitigation's; parity thresholds' is at
#     most half of it, with a mean accuracy at most 3 points lower.
#
# (2) The cost of per-epoch fairness.  The trainer measures fairness on the validation part
#     after every epoch, so the cost to compare is that of the whole epoch loop.  The epoch
#     events' `rows_per_second` is NOT that measure: the trainer stops its clock after the fit
#     and the validation loss but before the validation metric and fairness (fw-trainer.c),
#     so it cannot see fairness at all — it is printed as "fit rows/s" to show that.  Instead:
#         loop rows/s = training rows × (n − 1) / (elapsed at epoch n − elapsed at epoch 1),
#     where `elapsed` is stamped as each epoch event is made: the span covers n − 1 whole
#     cycles of fit + validation loss + validation metric + fairness + energy sample, and
#     leaves out the one-off start and the test figures at the end (shown apart as "end s":
#     test predictions, metrics and, with --sensitive, the 200-resample bootstrap).
#     "Without" must train the same model, so it reads a copy of the sample without the sex
#     column rather than one where sex would become a feature; the two runs then see the same
#     features, split and seed, and the driver checks that their validation losses agree
#     epoch for epoch.  Logistic (defaults) and MLP 64-64 (10 epochs, batch 256, lr 1e-3, as
#     bench-train.sh), FAIRWAY_BENCH_RUNS runs each, with and without alternating (which goes
#     first alternates too, so drift hits both sides); medians.
#     These VMs are noisy in a particular way: the same command runs at speeds tens of per
#     cent apart from one process to the next, while steady within a process.  So besides the
#     raw medians (whose spread is printed, and which cannot resolve 3 % when it is larger),
#     each run's "fit share" — the fit clock's seconds within the span over the span — is
#     compared: throughput with / without = share with / share without, as long as a
#     process's speed scales its fit and its validation work alike.  That is the verdict's
#     figure.  Target: overhead ≤ 3 %.
#
# A benchmark, not a test: exits 0 whether or not the targets are met.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys

LOAN = {"name": "loan sample", "target": "approved", "positive": "yes", "sensitive": "sex"}
ADULT = {"name": "adult.csv", "target": "income-per-year", "positive": ">50K", "sensitive": "sex"}
MLP = ["--model", "mlp", "--hidden", "64,64", "--epochs", "10", "--batch", "256",
       "--lr", "0.001"]


def fail(message):
    print(f"bench_fairness.py: {message}", file=sys.stderr)
    sys.exit(1)


def train(cli, data, target, positive, seed, sensitive=None, extra=()):
    """One `fairway-cli train --json`; returns (epoch events, done event)."""
    command = [cli, "train", "--data", data, "--target", target, "--positive", positive,
               "--seed", str(seed), "--json", *extra]
    if sensitive:
        command += ["--sensitive", sensitive]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    if not events or events[-1].get("event") != "done":
        fail(f"{' '.join(command)}: no done event last")
    return [e for e in events if e.get("event") == "epoch"], events[-1]


def has_threshold_policy(cli):
    result = subprocess.run([cli, "train", "--help"], capture_output=True, text=True)
    return "--threshold-policy" in result.stdout


def data_rows(path):
    with open(path, newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def mean(values):
    return statistics.fmean(values)


def verdict(ok):
    return "met" if ok else "NOT met"


def signed(x, digits=4):
    return f"{x:+.{digits}f}".replace("-", "−")


# --- (1) mitigation ----------------------------------------------------------------------------

def sex_fairness(done, attribute):
    for f in done.get("fairness", []):
        if f["attribute"] == attribute:
            return f
    fail(f"the done event has no fairness for {attribute}")


def mitigation_runs(cli, data, dataset, extra, seeds):
    """Per seed: accuracy, difference, its interval, selection rates and any thresholds."""
    runs = []
    for seed in range(1, seeds + 1):
        _, done = train(cli, data, dataset["target"], dataset["positive"], seed,
                        sensitive=dataset["sensitive"], extra=extra)
        f = sex_fairness(done, dataset["sensitive"])
        runs.append({
            "accuracy": done["test"]["accuracy"],
            "dpd": f["demographic_parity_difference"],
            "ci": f.get("confidence_intervals", {}).get("demographic_parity_difference"),
            "rates": {g["value"]: g["selection_rate"] for g in f["groups"]},
            "n": sum(g["n"] for g in f["groups"]),
            "thresholds": {g["name"]: g["threshold"]
                           for g in done.get("thresholds", {}).get("groups", [])},
            "warnings": f.get("warnings", []),
        })
    return runs


def base_rates(path, target, positive, sensitive):
    """The share of rows with the positive label, per group, over the whole file."""
    rows, hits = {}, {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            g = row[sensitive].strip()
            rows[g] = rows.get(g, 0) + 1
            hits[g] = hits.get(g, 0) + (row[target].strip() == positive)
    return {g: hits[g] / rows[g] for g in rows}


def mitigation(args, dataset, data, policies):
    results = {label: mitigation_runs(args.cli, data, dataset, extra, args.seeds)
               for label, extra in policies}
    base = results["no mitigation"]
    base_acc, base_dpd = mean(r["accuracy"] for r in base), mean(r["dpd"] for r in base)

    print(f"\n{dataset['name']}: {data_rows(data):,} rows; target {dataset['target']} = "
          f"{dataset['positive']}; sensitive {dataset['sensitive']} (not a feature); default "
          f"model; test part {base[0]['n']:,} rows; mean of seeds 1–{args.seeds}")
    print(f"  {'':27} {'test acc':>8} {'Δ acc pts':>9}  {'DPD sex':>7} {'Δ DPD':>18}  "
          f"{'95% CI (mean)':>15}  {'DPD per seed':<20} selection rate by group")
    # The labels' own gap, for scale: how far apart the groups' base rates are in the file.
    labels = base_rates(data, dataset["target"], dataset["positive"], dataset["sensitive"])
    gap = max(labels.values()) - min(labels.values())
    print(f"  {'labels, whole file':27} {'':8} {'':9}  {gap:7.4f} {'':18}  {'':15}  {'':20} "
          + "  ".join(f"{g} {r:.3f}" for g, r in labels.items()))
    for label, _ in policies:
        runs = results[label]
        acc, dpd = mean(r["accuracy"] for r in runs), mean(r["dpd"] for r in runs)
        cis = [r["ci"] for r in runs if r["ci"]]
        ci = f"[{mean(c[0] for c in cis):.3f}, {mean(c[1] for c in cis):.3f}]" if cis else "—"
        groups = list(runs[0]["rates"])
        rates = "  ".join(f"{g} {mean(r['rates'][g] for r in runs):.3f}" for g in groups)
        if label == "no mitigation":
            d_acc, d_dpd = "—", "—"
        else:
            d_acc = signed(100 * (acc - base_acc), 2)
            rel = f" ({signed(100 * (dpd - base_dpd) / base_dpd, 0)}%)" if base_dpd > 0 else ""
            d_dpd = signed(dpd - base_dpd) + rel
        per_seed = " ".join(f"{r['dpd']:.4f}" for r in runs)
        print(f"  {label:27} {acc:8.4f} {d_acc:>9}  {dpd:7.4f} {d_dpd:>18}  {ci:>15}  "
              f"{per_seed:<20} {rates}")
        if runs[0]["thresholds"]:
            names = list(runs[0]["thresholds"])
            print(f"  {'':27} thresholds on P({dataset['positive']}), mean of seeds: " +
                  "  ".join(f"{g} {mean(r['thresholds'][g] for r in runs):.3f}" for g in names))
        warnings = sorted({w for r in runs for w in r["warnings"]})
        for w in warnings:
            print(f"  {'':27} warning: {w}")
    if not any(label.startswith("--threshold-policy") for label, _ in policies):
        print(f"  {'--threshold-policy parity':27} not available in this build")

    # The targets, on the means over seeds.
    rw = results["--mitigate reweigh"]
    rw_dpd = mean(r["dpd"] for r in rw)
    fewer = sum(r["dpd"] < b["dpd"] for r, b in zip(rw, base))
    print(f"  target: reweighing reduces the difference: {verdict(rw_dpd < base_dpd)} "
          f"({base_dpd:.4f} → {rw_dpd:.4f}; lower in {fewer} of {args.seeds} seeds)")
    if "--threshold-policy parity" in results:
        pt = results["--threshold-policy parity"]
        pt_acc, pt_dpd = mean(r["accuracy"] for r in pt), mean(r["dpd"] for r in pt)
        cost = 100 * (base_acc - pt_acc)
        print(f"  target: parity thresholds cut it by at least half: "
              f"{verdict(pt_dpd <= base_dpd / 2)} ({base_dpd:.4f} → {pt_dpd:.4f}, "
              f"need ≤ {base_dpd / 2:.4f}); at most 3 points of accuracy: "
              f"{verdict(cost <= 3)} (cost {cost:.2f} points)")
    else:
        print("  target: parity thresholds cut it by at least half at ≤ 3 points: not measured "
              "(--threshold-policy not available in this build)")
    # On a table with little disparity the verdicts are about noise; say so.
    cis = [r["ci"] for r in base if r["ci"]]
    if cis and base_dpd < mean((c[1] - c[0]) / 2 for c in cis):
        print(f"  note: without mitigation the difference ({base_dpd:.4f}) is smaller than its "
              f"own 95% interval's half-width: the labels' groups differ by {gap:.4f}, but the "
              f"model's decisions\n        barely do, so there is little disparity to remove and "
              f"these verdicts are mostly sampling noise (parity thresholds\n        fitted on the "
              f"validation part's noise can widen the test part's difference).")


# --- (2) throughput with and without per-epoch fairness -----------------------------------------

def without_column(source, column, destination):
    """A copy of @source without @column, so that "without --sensitive" trains the same model."""
    with open(source, newline="") as f, open(destination, "w", newline="") as out:
        reader, writer = csv.reader(f), csv.writer(out, lineterminator="\n")
        header = next(reader)
        drop = header.index(column)
        writer.writerow(header[:drop] + header[drop + 1:])
        for row in reader:
            writer.writerow(row[:drop] + row[drop + 1:])


def loop_figures(epochs, done, train_rows):
    """What one run tells: see the header, (2)."""
    n = len(epochs)
    if n < 2:
        fail("a throughput run stopped after one epoch; no whole epoch cycle to time")
    span = epochs[-1]["elapsed"] - epochs[0]["elapsed"]
    # The fit clock's seconds within the span: epochs 2..n (their fit + validation loss).
    fit_seconds = sum(train_rows / e["rows_per_second"] for e in epochs[1:])
    return {"epochs": n, "loop": train_rows * (n - 1) / span,
            "fit": statistics.median(e["rows_per_second"] for e in epochs),
            "share": fit_seconds / span,
            "outside_ms": 1000 * (span - fit_seconds) / (n - 1),
            "end": done["seconds"] - epochs[-1]["elapsed"], "seconds": done["seconds"],
            "losses": [round(e["validation_loss"], 9) for e in epochs]}


def spread(values):
    """(max − min) / median, in per cent: how far apart the runs of one configuration are."""
    return 100 * (max(values) - min(values)) / statistics.median(values)


def throughput(args):
    nosex = os.path.join(args.tmp, "big-nosex.csv")
    without_column(args.big, "sex", nosex)
    rows = data_rows(args.big)
    d = LOAN
    models = (("logistic (defaults)", []), ("mlp 64-64, 10 epochs", MLP))

    # The split's sizes, from one run's validation and test fairness (Σ of the groups' n).
    epochs, done = train(args.cli, args.big, d["target"], d["positive"], 42,
                         sensitive="sex", extra=("--epochs", "1"))
    validation_rows = sum(g["n"] for g in epochs[0]["fairness"][0]["groups"])
    train_rows = rows - validation_rows - sum(g["n"] for g in sex_fairness(done, "sex")["groups"])

    print(f"\n(2) The cost of per-epoch fairness: loan sample of {rows:,} rows "
          f"({train_rows:,} training, {validation_rows:,} validation rows measured per epoch); "
          f"median of {args.runs} runs, with and without alternating")
    results = {}
    for label, extra in models:
        runs = {"with": [], "without": []}
        for i in range(args.runs):
            order = ("with", "without") if i % 2 == 0 else ("without", "with")
            for side in order:
                data, sensitive = (args.big, "sex") if side == "with" else (nosex, None)
                epochs, done = train(args.cli, data, d["target"], d["positive"], 42,
                                     sensitive=sensitive, extra=extra)
                runs[side].append(loop_figures(epochs, done, train_rows))
            print(f"  {label} run {i + 1}/{args.runs}: loop rows/s with "
                  f"{runs['with'][-1]['loop']:,.0f}, without {runs['without'][-1]['loop']:,.0f}"
                  f"; fit share with {runs['with'][-1]['share']:.4f}, without "
                  f"{runs['without'][-1]['share']:.4f}", flush=True)
        results[label] = runs

    print(f"\n  {'':22} {'--sensitive':11} {'epochs':>6} {'loop rows/s':>12} {'spread':>7} "
          f"{'fit rows/s':>11} {'fit share':>9} {'spread':>7} {'after-fit ms':>12} "
          f"{'end s':>6} {'train s':>8}")
    for label, _ in models:
        for side in ("without", "with"):
            r = results[label][side]
            loops, shares = [x["loop"] for x in r], [x["share"] for x in r]
            print(f"  {label if side == 'without' else '':22} "
                  f"{'sex' if side == 'with' else '—':11} {r[0]['epochs']:6d} "
                  f"{statistics.median(loops):12,.0f} {spread(loops):6.1f}% "
                  f"{statistics.median(x['fit'] for x in r):11,.0f} "
                  f"{statistics.median(shares):9.4f} {spread(shares):6.1f}% "
                  f"{statistics.median(x['outside_ms'] for x in r):12.2f} "
                  f"{statistics.median(x['end'] for x in r):6.3f} "
                  f"{statistics.median(x['seconds'] for x in r):8.3f}")
    print("""  loop rows/s  training rows per second over whole epoch cycles (fit + validation loss,
               metric and fairness + energy sample), from the epoch events' `elapsed`
  fit rows/s   the epoch events' own `rows_per_second`: clocked after the fit and the
               validation loss but BEFORE the validation metric and fairness — blind to them
  fit share    the fit clock's share of the cycle, within one process: cancels the speed
               differences between processes, which on these VMs reach tens of per cent
  after-fit ms per epoch, the time the fit clock does not see (metric, fairness, energy, event)
  spread       (max − min) / median of the runs; end s: after the last epoch, the test figures
               (with --sensitive: per-group test fairness + 200-resample bootstrap);
               train s: the done event's seconds""")

    print()
    for label, _ in models:
        runs = results[label]
        same = all(a["losses"] == b["losses"] for a in runs["with"] for b in runs["without"])
        w = statistics.median(x["loop"] for x in runs["with"])
        wo = statistics.median(x["loop"] for x in runs["without"])
        raw = 100 * (wo - w) / wo
        noise = max(spread([x["loop"] for x in runs[s]]) for s in runs)
        # Throughput with / without = cycle without / cycle with = share with / share without,
        # when a process's speed scales its fit and its validation work alike.
        share = 100 * (1 - statistics.median(x["share"] for x in runs["with"]) /
                       statistics.median(x["share"] for x in runs["without"]))
        end = 1000 * (statistics.median(x["end"] for x in runs["with"]) -
                      statistics.median(x["end"] for x in runs["without"]))
        seconds = statistics.median(x["seconds"] for x in runs["with"])
        print(f"  {label}: same model with and without: "
              f"{'yes' if same else 'NO (validation losses differ)'}")
        print(f"    per-epoch fairness overhead, from the fit share: {share:+.2f}% of throughput "
              f"(target ≤ 3%: {verdict(share <= 3)})")
        print(f"    from the raw loop rows/s medians: {raw:+.1f}% "
              + (f"(runs spread up to {noise:.0f}%: too noisy to resolve 3%)" if noise > 3
                 else f"(target ≤ 3%: {verdict(raw <= 3)})"))
        print(f"    once, after the last epoch: test fairness + bootstrap ≈ {end:+.0f} ms "
              f"({100 * end / 1000 / seconds:.1f}% of the done event's {seconds:.2f} s)")


def main():
    parser = argparse.ArgumentParser(description="Fairway's fairness benchmark driver.")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--sample", required=True, help="fairway-cli sample, 20,000 rows")
    parser.add_argument("--adult", required=True, help="../shared/datasets/adult.csv")
    parser.add_argument("--big", required=True, help="fairway-cli sample for throughput")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--tmp", required=True, help="a folder for the copy without sex")
    args = parser.parse_args()

    policies = [("no mitigation", []), ("--mitigate reweigh", ["--mitigate", "reweigh"])]
    if has_threshold_policy(args.cli):
        policies.append(("--threshold-policy parity", ["--threshold-policy", "parity"]))
    print("(1) Mitigation: test accuracy and demographic parity difference (DPD) for sex; "
          "Δ against no mitigation")
    mitigation(args, LOAN, args.sample, policies)
    mitigation(args, ADULT, args.adult, policies)
    throughput(args)


if __name__ == "__main__":
    main()
