#!/usr/bin/env python3
"""po/POTFILES.in names every source file with a translatable string, and only files that
exist: a file moved or added without it drops its strings from the catalogue silently."""
import os
import re
import sys

root = sys.argv[1]
marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(')
listed = set()
with open(os.path.join(root, "po", "POTFILES.in")) as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

have = set()
for top in ("app", "engine", "plots", "ui", "resources", "data"):
    for folder, _dirs, names in os.walk(os.path.join(root, top)):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), root)
            if name.endswith((".c", ".h")):
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    if marker.search(f.read()):
                        have.add(path)

missing = sorted(p for p in listed if not os.path.exists(os.path.join(root, p)))
unlisted = sorted(have - listed)
print("1..2")
print(("ok" if not missing else "not ok") + " 1 every file POTFILES.in names exists")
for p in missing:
    print(f"# gone: {p}")
print(("ok" if not unlisted else "not ok") + " 2 every source file with _( ) is listed")
for p in unlisted:
    print(f"# not listed: {p}")
sys.exit(0 if not missing and not unlisted else 1)
