#!/usr/bin/env python3
"""Writes a table with planted leaks whose answers are known, and its clean twin.

make_leaky.py OUT_LEAKY.csv OUT_CLEAN.csv [ROWS] [SEED]

Both tables share the honest columns (age, priors_count, sex, charge_degree, person_id,
screening_date) and the target "reoffended" (yes/no), drawn from a logistic model of age and
priors, so an honest model reaches a ROC AUC near 0.7.  The leaky one adds:
  was_rearrested   a copy of the target with 3 % of the rows flipped
  rearrest_date    a date after screening, empty exactly when the target is "no"
  rearrest_charge  the charge of that re-arrest, empty on the same rows
  days_to_event    days from screening to re-arrest, 730 (the end of the window) for "no"
"""
import csv
import datetime
import math
import random
import sys

LEAKS = ("was_rearrested", "rearrest_date", "rearrest_charge", "days_to_event")


def rows(n, seed):
    rng = random.Random(seed)
    start = datetime.date(2013, 1, 1)
    for i in range(n):
        age = rng.randint(18, 70)
        priors = min(int(rng.expovariate(1 / 3.0)), 30)
        sex = rng.choice(("Male", "Male", "Female"))
        degree = rng.choice(("F", "M"))
        logit = -0.2 - 0.04 * (age - 35) + 0.18 * (priors - 3) + (0.2 if degree == "F" else 0)
        yes = rng.random() < 1 / (1 + math.exp(-logit))
        screening = start + datetime.timedelta(days=rng.randint(0, 700))
        days = rng.randint(1, 729) if yes else 730
        row = {
            "person_id": "P%06d" % i,
            "age": age,
            "priors_count": priors,
            "sex": sex,
            "charge_degree": degree,
            "screening_date": screening.isoformat(),
            "was_rearrested": ("no" if yes else "yes") if rng.random() < 0.03
            else ("yes" if yes else "no"),
            "rearrest_date": (screening + datetime.timedelta(days=days)).isoformat()
            if yes else "",
            "rearrest_charge": rng.choice(("Battery", "Theft", "Possession", "DUI"))
            if yes else "",
            "days_to_event": days,
            "reoffended": "yes" if yes else "no",
        }
        yield row


def dated_rows(n, seed):
    """A table of dates whose answers are known: dob and screening_date give an age;
    rearrest_date is the re-arrest, or the end of the two-year window for "no", so the days
    from jail_in to it end at the event (a leak) though the date alone does not."""
    rng = random.Random(seed)
    start = datetime.date(2013, 1, 1)
    for i in range(n):
        screening = start + datetime.timedelta(days=rng.randint(0, 700))
        jail_in = screening - datetime.timedelta(days=rng.randint(0, 4))
        dob = screening - datetime.timedelta(days=rng.randint(18 * 365, 70 * 365))
        priors = min(int(rng.expovariate(1 / 3.0)), 30)
        age = (screening - dob).days / 365.25
        logit = -0.2 - 0.04 * (age - 35) + 0.18 * (priors - 3)
        yes = rng.random() < 1 / (1 + math.exp(-logit))
        days = rng.randint(1, 729) if yes else 730
        yield {
            "person_id": "P%06d" % i,
            "dob": dob.isoformat(),
            "jail_in": jail_in.isoformat(),
            "screening_date": screening.isoformat(),
            "rearrest_date": (jail_in + datetime.timedelta(days=days)).isoformat(),
            "priors_count": priors,
            "reoffended": "yes" if yes else "no",
        }


def write_dated(path, n, seed):
    data = list(dated_rows(n, seed))
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(data[0].keys()))
        writer.writeheader()
        writer.writerows(data)


def main():
    leaky, clean = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    data = list(rows(n, seed))
    names = list(data[0].keys())
    for path, keep in ((leaky, names), (clean, [c for c in names if c not in LEAKS])):
        with open(path, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=keep, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(data)


if __name__ == "__main__":
    main()
