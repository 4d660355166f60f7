#!/usr/bin/python3
# test-translations.py — an uninstalled build speaks the user's language (TAP).
#
# Usage: test-translations.py PATH/TO/fairway-cli BUILD/po BUILD [MESON]
#
# The catalogues are compiled into BUILD/po, not under the install prefix, so an uninstalled
# Fairway finds them through FAIRWAY_LOCALEDIR, which `meson devenv` (and tools/dev.sh run)
# sets.  LANGUAGE picks Chinese under C.UTF-8, so no zh_CN locale needs to be installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import Skip, check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
PO_DIR = os.path.abspath(sys.argv[2])
BUILD = os.path.abspath(sys.argv[3])
MESON = sys.argv[4] if len(sys.argv) > 4 else None


def chinese_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.update(LC_ALL="C.UTF-8", LANGUAGE="zh_CN", **extra)
    return env


@test
def cli_reads_the_build_trees_catalogue():
    check(os.path.exists(os.path.join(PO_DIR, "zh_CN", "LC_MESSAGES", "fairway.mo")),
          f"no compiled catalogue under {PO_DIR}")
    result = subprocess.run([CLI, "train"], capture_output=True,
                            env=chinese_env(FAIRWAY_LOCALEDIR=PO_DIR), timeout=60)
    stderr = result.stderr.decode()
    check(result.returncode == 2, f"exit {result.returncode}")
    # msgid "--data FILE.csv is required without --recipe", as po/zh_CN.po has it.
    check("未使用 --recipe 时，必须提供 --data FILE.csv" in stderr, f"not in Chinese: {stderr!r}")


@test
def meson_devenv_points_there():
    if MESON is None:
        raise Skip("meson is not on PATH")
    result = subprocess.run([MESON, "devenv", "-C", BUILD, "--dump"], capture_output=True,
                            timeout=120)
    check(result.returncode == 0, f"meson devenv --dump: {result.stderr!r}")
    check(f'FAIRWAY_LOCALEDIR="{PO_DIR}"' in result.stdout.decode(),
          f"FAIRWAY_LOCALEDIR not set to {PO_DIR}: {result.stdout!r}")


sys.exit(run_tests())
