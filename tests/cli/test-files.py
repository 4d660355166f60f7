#!/usr/bin/python3
# test-files.py — fairway-cli and the files around it (TAP).
#
# Every command that writes (sample -o, train --out, train --save-recipe, predict -o) into a
# read-only folder and onto a full disk must exit 1 with one plain error line and leave
# nothing behind, not even a temporary file.  The source CSV is never touched, and a damaged
# model file is refused with one error line.
#
# Read-only folder: a read-only tmpfs mount as root (root writes through chmod), else
# chattr +i as root, else a chmod 0555 folder.  Full disk: a 64 KiB tmpfs filled to the
# brim as root, else a file size limit (RLIMIT_FSIZE) on the process.  Either case is
# skipped, with its reason, when neither way works here.
#
# Usage: test-files.py PATH/TO/fairway-cli
#
# SPDX-License-Identifier: GPL-3.0-or-later

import contextlib
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import Skip, check, run_tests, test  # noqa: E402

CLI = sys.argv[1]
ERROR_LINE = re.compile(r"^fairway-cli: error: \S.*\n$")

def run(*args, preexec_fn=None, timeout=120):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout,
                          preexec_fn=preexec_fn)


def check_ok(result, what):
    check(result.returncode == 0,
          f"{what}: exit {result.returncode}; stderr={result.stderr.decode(errors='replace')!r}")


def check_one_error_line(result, what, words):
    """Exit 1, stderr exactly one error line, and that line says what went wrong."""
    stderr = result.stderr.decode("utf-8", "replace")
    check(result.returncode == 1, f"{what}: exit {result.returncode}, not 1; stderr={stderr!r}")
    check(ERROR_LINE.match(stderr), f"{what}: stderr is not one error line: {stderr!r}")
    check(any(word in stderr.lower() for word in words),
          f"{what}: the error does not say {' or '.join(words)}: {stderr!r}")


def listing(folder):
    return sorted(os.listdir(folder))


def fingerprint(path):
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return digest, os.stat(path).st_mtime_ns


@contextlib.contextmanager
def tmpfs(folder, options):
    """Yields True with a tmpfs mounted on folder, unmounted afterwards; False when this
    is not root or mounting is not allowed here."""
    mounted = (os.geteuid() == 0 and shutil.which("mount") is not None and
               subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder],
                              capture_output=True).returncode == 0)
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", folder], check=True)


def fill(folder):
    """Fills every block; creating a file (an inode) still works, writing does not."""
    fd = os.open(os.path.join(folder, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def writable(folder):
    try:
        with open(os.path.join(folder, ".probe"), "wb"):
            pass
    except OSError:
        return False
    os.unlink(os.path.join(folder, ".probe"))
    return True


@contextlib.contextmanager
def read_only_folder(parent):
    """Yields (folder, preexec_fn) where nothing can be created, or raises Skip."""
    folder = os.path.join(parent, "read-only")
    os.mkdir(folder)
    with tmpfs(folder, "ro,size=64k") as mounted:
        if mounted:
            yield folder, None
            return
    # Root writes through chmod but not through the immutable attribute (ext4, xfs…).
    if (os.geteuid() == 0 and shutil.which("chattr") is not None and
            subprocess.run(["chattr", "+i", folder], capture_output=True).returncode == 0):
        try:
            yield folder, None
        finally:
            subprocess.run(["chattr", "-i", folder], check=True)
        return
    os.chmod(folder, 0o555)
    try:
        if writable(folder):
            raise Skip("cannot make a read-only folder here: root writes through chmod, "
                       "and mounting a read-only tmpfs and chattr +i were both refused")
        yield folder, None
    finally:
        os.chmod(folder, 0o755)


def limit_file_size(limit):
    def preexec():
        # A write past the limit then fails with EFBIG instead of killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


@contextlib.contextmanager
def full_disk(parent):
    """Yields (folder, preexec_fn) where writing data fails, or raises Skip."""
    folder = os.path.join(parent, "full")
    os.mkdir(folder)
    with tmpfs(folder, "size=64k") as mounted:
        if mounted:
            fill(folder)
            yield folder, None
            return
    # No mount: files in this folder may hold 1 KiB, less than any output checked here.
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    except (OSError, ValueError) as error:
        raise Skip(f"no tmpfs mount and no RLIMIT_FSIZE here: {error}")
    if hard != resource.RLIM_INFINITY and hard < 1024:
        raise Skip("no tmpfs mount, and the file size limit is already below 1 KiB")
    yield folder, limit_file_size(1024)


def sample_and_model(tmp):
    """A small CSV and a model trained on it, in tmp (a normal folder)."""
    data = os.path.join(tmp, "data.csv")
    model = os.path.join(tmp, "model.fwmodel")
    check_ok(run("sample", "--rows", "400", "--seed", "2", "-o", data), "sample")
    check_ok(run("train", "--data", data, "--target", "approved", "--epochs", "2",
                 "--out", model), "train")
    return data, model


def writers(data, model, folder):
    """Every command that writes a file, aimed into folder: (name, argv, path)."""
    return [
        ("sample -o", ["sample", "--rows", "2000", "-o", os.path.join(folder, "s.csv")]),
        ("train --out", ["train", "--data", data, "--target", "approved", "--epochs", "1",
                         "--out", os.path.join(folder, "m.fwmodel")]),
        ("train --save-recipe", ["train", "--data", data, "--target", "approved",
                                 "--epochs", "1", "--save-recipe",
                                 os.path.join(folder, "r.json")]),
        ("predict -o", ["predict", "--model", model, "--data", data,
                        "-o", os.path.join(folder, "p.csv")]),
    ]


def check_writers_fail(place, words):
    with tempfile.TemporaryDirectory() as tmp:
        data, model = sample_and_model(tmp)
        with place(tmp) as (folder, preexec_fn):
            before = listing(folder)
            for name, argv in writers(data, model, folder):
                result = run(*argv, preexec_fn=preexec_fn)
                check_one_error_line(result, name, words)
                after = listing(folder)
                check(after == before, f"{name}: left {sorted(set(after) - set(before))}")


@test
def read_only_folder_refused():
    check_writers_fail(read_only_folder, ["read-only", "permission"])


@test
def full_disk_refused():
    check_writers_fail(full_disk, ["no space", "too large"])


@test
def source_csv_untouched():
    with tempfile.TemporaryDirectory() as tmp:
        data, model = sample_and_model(tmp)
        # An mtime in the past, so a rewrite within the same clock tick would still show.
        os.utime(data, ns=(1_500_000_000_000_000_000, 1_500_000_000_000_000_000))
        before = fingerprint(data)
        check_ok(run("inspect", data), "inspect")
        check_ok(run("inspect", data, "--json"), "inspect --json")
        check_ok(run("train", "--data", data, "--target", "approved", "--epochs", "1",
                     "--out", os.path.join(tmp, "again.fwmodel"),
                     "--save-recipe", os.path.join(tmp, "r.json")), "train")
        check_ok(run("predict", "--model", model, "--data", data,
                     "-o", os.path.join(tmp, "p.csv")), "predict")
        check(fingerprint(data) == before, "the source CSV changed (bytes or mtime)")


def damaged_models(intact):
    middle = len(intact) // 2
    flipped = bytearray(intact)
    flipped[middle] ^= 0xFF
    return {
        "empty": b"",
        "truncated": intact[:middle],
        "one-byte-short": intact[:-1],
        "flipped": bytes(flipped),
        "checksum-zeroed": intact[:-32] + b"\0" * 32,
        "a-csv": b"a,b\n1,2\n",
    }


@test
def damaged_model_refused():
    with tempfile.TemporaryDirectory() as tmp:
        data, model = sample_and_model(tmp)
        with open(model, "rb") as f:
            intact = f.read()
        for name, contents in damaged_models(intact).items():
            path = os.path.join(tmp, name + ".fwmodel")
            with open(path, "wb") as f:
                f.write(contents)
            out = os.path.join(tmp, name + "-predictions.csv")
            result = run("predict", "--model", path, "--data", data, "-o", out)
            check_one_error_line(result, name, ["model", "damaged", "incomplete"])
            check(not os.path.exists(out), f"{name}: a predictions file was written")


def main():
    return run_tests()


if __name__ == "__main__":
    sys.exit(main())
