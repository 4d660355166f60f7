#!/usr/bin/python3
# bench-pandas.py — pandas' side of the import benchmark: the same work as bench-import.c.
#
# Times read_csv + describe(include="all") + isna().sum() + nunique() in-process, so the
# interpreter's and pandas' start-up are not counted, and prints one key=value line.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import resource
import sys
import time

import pandas as pd

# The markers Fairway reads as missing, so both sides do the same work.
NA_VALUES = ["?", "NA", "N/A", "NaN", "null", ""]

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1], na_values=NA_VALUES, keep_default_na=True)
frame.describe(include="all")
frame.isna().sum()
frame.nunique()
seconds = time.perf_counter() - start

# ru_maxrss is in KiB on Linux.
print(f"seconds={seconds:.4f} peak_rss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}"
      f" rows={len(frame)} columns={len(frame.columns)}")
