# fwtap.py — what the CLI test scripts share: their tests, checks and TAP report.
#
# A script marks each test with @test, raises AssertionError (through check) for a failure
# or Skip for a test that cannot run here, and ends with sys.exit(run_tests()).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

tests = []


class Skip(Exception):
    """Raised by a test that cannot run here; its message is the reason TAP shows."""


def test(func):
    tests.append(func)
    return func


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run_tests():
    """Runs every test in order, printing TAP; returns the exit status (1 if any failed)."""
    print(f"1..{len(tests)}")
    failed = 0
    for number, func in enumerate(tests, 1):
        name = func.__name__.replace("_", "-")
        try:
            func()
            print(f"ok {number} {name}")
        except Skip as skip:
            print(f"ok {number} {name} # SKIP {skip}")
        except Exception as error:  # noqa: BLE001 — report every failure as TAP
            failed += 1
            print(f"not ok {number} {name}")
            for line in str(error).splitlines() or [type(error).__name__]:
                print(f"# {line}")
        sys.stdout.flush()
    return 1 if failed else 0
