#!/usr/bin/python3
# test-exact-fit.py — the exact logistic and linear fits against independent solves.
#
# A synthetic table (two numbers, two categories) is trained on all its rows (split 1/0/0)
# with the exact solver; the coefficient table of `train --json` must match, per 1 unit of
# each column and per category against its most common level:
#   - a Newton solve written here in numpy (estimates, standard errors, p-values);
#   - statsmodels' GLM (binomial) and OLS, when python3-statsmodels is installed;
#   - numpy's lstsq for linear regression.
# Separable classes must give the note and finite coefficients; a recipe without a solver
# must still train by mini-batches (replays stay as they were).
#
# Usage: test-exact-fit.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np

CLI = sys.argv[1]
TOLERANCE = 1e-6
N = 4000

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def close(a, b, tol=TOLERANCE):
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-12)


def write_table(path, binary, separable=False):
    rng = np.random.default_rng(7)
    age = rng.normal(40, 12, N).round(1)
    income = rng.gamma(3, 15000, N).round(0)
    sex = rng.choice(["male", "female"], N, p=[0.6, 0.4])
    city = rng.choice(["a", "b", "c"], N, p=[0.5, 0.3, 0.2])
    eta = -2 + 0.04 * age + 1.5e-5 * income + 0.5 * (sex == "female") - 0.7 * (city == "b") \
        + 0.3 * (city == "c")
    if separable:
        y = np.where(age > 40, "yes", "no")
    elif binary:
        y = np.where(rng.random(N) < 1 / (1 + np.exp(-eta)), "yes", "no")
    else:
        y = (3 * eta + rng.normal(0, 8, N)).round(4)
    with open(path, "w") as f:
        f.write("age,income,sex,city,y\n")
        for i in range(N):
            f.write(f"{age[i]},{income[i]},{sex[i]},{city[i]},{y[i]}\n")
    # The design as the coefficient table reads it: raw units, most common level left out.
    X = np.column_stack([np.ones(N), age, income, sex == "female", city == "b", city == "c"])
    terms = ["(intercept)", "age", "income", "sex: female vs male", "city: b vs a",
             "city: c vs a"]
    target = (y == "yes").astype(float) if binary or separable else y.astype(float)
    return X.astype(float), target, terms


def train(workdir, data, model, solver="exact"):
    recipe = {
        "schema_version": 1, "target": "y", "task": "auto",
        "steps": [{"kind": "standardize", "column": "age"},
                  {"kind": "standardize", "column": "income"},
                  {"kind": "one_hot", "column": "sex"}, {"kind": "one_hot", "column": "city"}],
        "split": {"train": 1.0, "validation": 0.0, "test": 0.0, "stratify": False},
        "model": {"kind": model},
    }
    if solver is not None:
        recipe["model"]["solver"] = solver
    path = os.path.join(workdir, f"{model}-{solver}.json")
    with open(path, "w") as f:
        json.dump(recipe, f)
    args = [CLI, "train", "--recipe", path, "--data", data, "--json"]
    if model == "logistic":
        args += ["--positive", "yes"]
    out = subprocess.run(args, capture_output=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"train failed: {out.stderr.decode()!r}")
    # Every line is strict JSON even with no validation rows (a metric that is not a number
    # is null): json.loads would take Python's NaN spellings, so refuse them here.
    def strict(name):
        raise ValueError(f"not JSON: {name} in train's output")
    text = out.stdout.decode()
    return [json.loads(line, parse_constant=strict) for line in text.splitlines() if line.strip()]


def newton_logistic(X, y):
    beta = np.zeros(X.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-X @ beta))
        H = X.T @ (X * (p * (1 - p))[:, None])
        step = np.linalg.solve(H, X.T @ (y - p))
        beta += step
        if np.max(np.abs(step)) < 1e-13:
            break
    p = 1 / (1 + np.exp(-X @ beta))
    cov = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    return beta, np.sqrt(np.diag(cov))


def normal_p(z):
    return np.array([math.erfc(abs(v) / math.sqrt(2)) for v in z])


def compare_table(name, rows, terms, est, se, p, tol=TOLERANCE):
    got = {r["term"]: r for r in rows}
    check(f"{name}: the table's terms are {terms}", sorted(got) == sorted(terms), str(sorted(got)))
    for k, term in enumerate(terms):
        r = got.get(term)
        if r is None:
            continue
        ok = close(r["estimate"], est[k], tol) and close(r["std_error"], se[k], tol)
        # A p-value is compared on its log when it is tiny (its own relative error scales with
        # z², and below 1e-15 it is all rounding).
        if p[k] > 1e-12:
            ok = ok and close(r["p_value"], p[k], tol * 10)
        elif p[k] > 1e-250:
            ok = ok and close(math.log(max(r["p_value"], 1e-300)), math.log(p[k]), tol * 10)
        else:
            ok = ok and r["p_value"] < 1e-200
        check(f"{name}: {term}", ok,
              f"fairway {r['estimate']!r} ± {r['std_error']!r} p {r['p_value']!r}; "
              f"oracle {est[k]!r} ± {se[k]!r} p {p[k]!r}")


def main():
    try:
        import statsmodels.api as sm
    except ImportError:
        sm = None

    with tempfile.TemporaryDirectory() as workdir:
        data = os.path.join(workdir, "binary.csv")
        X, y, terms = write_table(data, binary=True)
        done = train(workdir, data, "logistic")[-1]
        rows = done["coefficients"]
        beta, se = newton_logistic(X, y)
        compare_table("logistic vs numpy Newton", rows, terms, beta, se, normal_p(beta / se))
        check("logistic: no note when identifiable", done["fit_note"] is None,
              str(done["fit_note"]))
        for r in rows:
            ok = close(r["odds_ratio"], math.exp(r["estimate"]), 1e-12) and \
                close(r["or_ci_low"], math.exp(r["estimate"] - 1.959963984540054 * r["std_error"]),
                      1e-9)
            check(f"logistic: odds ratio of {r['term']} is exp(estimate), interval too", ok)
        if sm is not None:
            fit = sm.GLM(y, X, family=sm.families.Binomial()).fit(tol=1e-14)
            compare_table("logistic vs statsmodels GLM", rows, terms, fit.params, fit.bse,
                          fit.pvalues)
        else:
            print("# statsmodels is not installed: compared with the numpy Newton solve only")

        recipe = os.path.join(workdir, "logistic-exact.json")
        human = subprocess.run([CLI, "train", "--recipe", recipe, "--data", data,
                                "--positive", "yes"], capture_output=True,
                               timeout=300).stdout.decode()
        table = {r["term"]: r for r in rows}
        check("the human output has the table, odds ratios and all",
              "How each column moves the answer" in human and
              any(line.split()[:4] == ["sex:", "female", "vs", "male"] and
                  f"{table['sex: female vs male']['odds_ratio']:.4g}" in line
                  for line in human.splitlines()), human)

        # A model trained on every row (no validation or test rows) reads back: its
        # history's missing validation figures are null, not a NaN the header could not hold.
        whole = os.path.join(workdir, "whole.fwmodel")
        subprocess.run([CLI, "train", "--recipe", recipe, "--data", data, "--positive", "yes",
                        "--out", whole], capture_output=True, timeout=300, check=True)
        reread = subprocess.run([CLI, "evaluate", "--model", whole, "--data", data, "--json"],
                                capture_output=True, timeout=300)
        check("a model without validation rows reopens", reread.returncode == 0,
              reread.stderr.decode())

        # The model file keeps the table, and the model card shows it.
        model = os.path.join(workdir, "exact.fwmodel")
        out = subprocess.run([CLI, "train", "--data", data, "--target", "y", "--positive", "yes",
                              "--out", model, "--json"], capture_output=True, timeout=300,
                             check=True)
        last = json.loads(out.stdout.decode().splitlines()[-1])
        table = {r["term"]: r for r in last["coefficients"]}
        card = os.path.join(workdir, "card.html")
        subprocess.run([CLI, "report", "--model", model, "-o", card], capture_output=True,
                       timeout=300, check=True)
        with open(card, encoding="utf-8") as f:
            page = f.read()
        check("the model card has the coefficient table",
              "How each column moves the answer" in page and "sex: female vs male" in page and
              f"{table['age']['estimate']:.4g}" in page, "")

        legacy = train(workdir, data, "logistic", solver=None)
        epochs = [e for e in legacy if e.get("event") == "epoch"]
        check("a recipe without a solver trains by mini-batches, as before",
              "coefficients" not in legacy[-1] and len(epochs) > 1, f"{len(epochs)} epochs")

        data = os.path.join(workdir, "separable.csv")
        write_table(data, binary=True, separable=True)
        done = train(workdir, data, "logistic")[-1]
        note = done["fit_note"] or ""
        finite = all(math.isfinite(r["estimate"]) for r in done["coefficients"])
        check("separable classes: the note says so",
              "perfectly separated" in note and "“age”" in note, note)
        check("separable classes: finite coefficients", finite)
        inference = done["explanations"]["inference"]
        check("separable classes: a small penalty, and the fit converged",
              0 < inference["penalty"] <= 1e-3 and inference["converged"],
              str(inference["penalty"]))

        # Several classes: multinomial against the first class, as statsmodels' MNLogit.
        data = os.path.join(workdir, "classes.csv")
        rng = np.random.default_rng(3)
        age = rng.normal(40, 12, N).round(1)
        sex = rng.choice(["male", "female"], N, p=[0.6, 0.4])
        e1 = -1 + 0.03 * age + 0.4 * (sex == "female")
        e2 = 0.5 - 0.02 * age - 0.3 * (sex == "female")
        probabilities = np.exp(np.column_stack([np.zeros(N), e1, e2]))
        probabilities /= probabilities.sum(1, keepdims=True)
        y = np.array([rng.choice(3, p=p) for p in probabilities])
        names = np.array(["a", "b", "c"])[y]
        with open(data, "w") as f:
            f.write("age,sex,y\n")
            for i in range(N):
                f.write(f"{age[i]},{sex[i]},{names[i]}\n")
        recipe = {"schema_version": 1, "target": "y", "task": "auto",
                  "steps": [{"kind": "standardize", "column": "age"},
                            {"kind": "one_hot", "column": "sex"}],
                  "split": {"train": 1.0, "validation": 0.0, "test": 0.0, "stratify": False},
                  "model": {"kind": "logistic", "solver": "exact"}}
        path = os.path.join(workdir, "classes.json")
        with open(path, "w") as f:
            json.dump(recipe, f)
        out = subprocess.run([CLI, "train", "--recipe", path, "--data", data, "--json"],
                             capture_output=True, timeout=300, check=True)
        done = json.loads(out.stdout.decode().splitlines()[-1])
        check("multinomial: against the first class",
              done["explanations"]["inference"]["reference_class"] == "a")
        X = np.column_stack([np.ones(N), age, sex == "female"]).astype(float)
        terms = ["(intercept)", "age", "sex: female vs male"]
        if sm is not None:
            fit = sm.MNLogit(y, X).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
            for k, name in enumerate(["b", "c"]):
                rows = [r for r in done["coefficients"] if r["class"] == name]
                compare_table(f"multinomial class {name} vs statsmodels MNLogit", rows, terms,
                              fit.params[:, k], fit.bse[:, k], fit.pvalues[:, k])

        data = os.path.join(workdir, "numbers.csv")
        X, y, terms = write_table(data, binary=False)
        done = train(workdir, data, "linear")[-1]
        rows = done["coefficients"]
        beta = np.linalg.lstsq(X, y, rcond=None)[0]
        resid = y - X @ beta
        df = N - X.shape[1]
        sigma2 = resid @ resid / df
        se = np.sqrt(np.diag(np.linalg.inv(X.T @ X)) * sigma2)
        if sm is not None:
            ols = sm.OLS(y, X).fit()
            compare_table("linear vs statsmodels OLS", rows, terms, ols.params, ols.bse,
                          ols.pvalues)
            ci = ols.conf_int(0.05)
            got = {r["term"]: r for r in rows}
            for k, term in enumerate(terms):
                if term in got:
                    check(f"linear: t interval of {term}",
                          close(got[term]["ci_low"], ci[k][0]) and
                          close(got[term]["ci_high"], ci[k][1]),
                          f"{got[term]['ci_low']} … {got[term]['ci_high']} vs {ci[k]}")
        try:
            from scipy import stats
            p, tol = [2 * stats.t.sf(abs(b / s), df) for b, s in zip(beta, se)], TOLERANCE
        except ImportError:
            p = [math.erfc(abs(b / s) / math.sqrt(2)) for b, s in zip(beta, se)]
            tol = 1e-2
            print("# scipy is not installed: linear p-values against the normal, loosely")
        compare_table("linear vs numpy lstsq", rows, terms, beta, se, p, tol)
        check("linear: no odds ratios", all(r["odds_ratio"] is None for r in rows))

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            print(f"# {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
