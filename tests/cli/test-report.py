#!/usr/bin/python3
# test-report.py — fairway-cli report: the model card as PDF and HTML, checked from outside (TAP).
#
# Usage: test-report.py PATH/TO/fairway-cli
#
# The PDF is read back with poppler (pdfinfo, pdftotext), the HTML with Python's own parser;
# the facts are compared with what train --json printed and with a SHA-256 computed here.
# Skips (77) with its reason when poppler-utils are missing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fwtap import check, run_tests, test  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
ERROR_LINE = re.compile(r"^fairway-cli: error: \S.*\n$")
HEADINGS = ["Model details", "Intended use", "Factors", "Metrics", "Evaluation and training data",
            "Quantitative analyses", "Training", "Ethical considerations and caveats"]
HOSTILE_COLUMN = "<script>alert(1)</script>"
HOSTILE_TARGET = "ok</title><script>alert(2)</script>"
HOSTILE_GROUPS = {"male": "</svg>", "female": "Tom & \"Jerry\" 'x'"}
tmp = tempfile.TemporaryDirectory()
SAMPLE = os.path.join(tmp.name, "sample.csv")
HOSTILE = os.path.join(tmp.name, "hostile.csv")
trained = {}


def run(*args, timeout=300):
    return subprocess.run([CLI, *args], capture_output=True, timeout=timeout)


def check_error(result, status, what):
    stderr = result.stderr.decode("utf-8", "replace")
    check(result.returncode == status, f"{what}: exit {result.returncode}, not {status}: {stderr!r}")
    check(ERROR_LINE.match(stderr), f"{what}: not one error line: {stderr!r}")


def train(data, target, sensitive, name, *extra):
    model = os.path.join(tmp.name, name)
    result = run("train", "--data", data, "--target", target, "--sensitive", sensitive,
                 "--epochs", "6", "--out", model, "--json", *extra)
    check(result.returncode == 0, f"train: exit {result.returncode}: {result.stderr!r}")
    done = json.loads(result.stdout.decode().splitlines()[-1])
    check(done["event"] == "done", f"no done event: {done}")
    return model, done


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def pdf_text(path, page=None):
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [path, "-"], capture_output=True, check=True).stdout.decode()


def pdf_info(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, check=True).stdout.decode()
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def write_report(model, out, *extra):
    result = run("report", "--model", model, "-o", out, *extra)
    check(result.returncode == 0, f"report {out}: exit {result.returncode}: {result.stderr!r}")
    check(os.path.getsize(out) > 0, f"{out} is empty")


class Page(html.parser.HTMLParser):
    """Every start tag, the text outside style and svg, and the ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.ids, self.stack = [], [], [], []
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)
        self.ids += [value for key, value in attrs if key == "id"]

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.ids += [value for key, value in attrs if key == "id"]

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if "title" in self.stack:
            self.title += data
        if not any(t in self.stack for t in ("style", "svg", "title")):
            self.text.append(data)


def parse_html(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    page = Page()
    page.feed(raw)
    page.close()
    return raw, page, re.sub(r"\s+", " ", " ".join(page.text))


def check_facts(text, done, data):
    for heading in HEADINGS:
        check(heading in text, f"no heading {heading!r}")
    check("Logistic regression" in text, "no model type")
    check(os.path.basename(data) in text, "no data file name")
    check(sha256(data) in text, "no SHA-256 of the data")
    accuracy = f"{done['test']['accuracy']:.4f}"
    check(re.search(r"Accuracy\s+" + re.escape(accuracy), text),
          f"no accuracy {accuracy} in the metrics")
    for group in done["fairness"][0]["groups"]:
        check(re.search(r"(?<![\w])" + re.escape(group["value"]) + r"\s+" + str(group["n"]), text),
              f"no row for group {group['value']!r} with {group['n']} rows")


@test
def pdf_card():
    model, done = trained["sample"]
    out = os.path.join(tmp.name, "card.pdf")
    write_report(model, out, "--intended-use", "Ranking loan applications for a second look.")
    info = pdf_info(out)
    pages = int(info["Pages"])
    check(pages >= 3, f"only {pages} pages")
    check(info["Page size"].split()[:3] == ["595", "x", "842"], f"not A4: {info['Page size']}")
    check("Model card" in info["Title"] and "approved" in info["Title"], f"title {info['Title']}")
    check("Fairway" in info["Creator"], f"creator {info['Creator']}")
    for page in range(1, pages + 1):
        check(f"Page {page} of {pages}" in pdf_text(out, page), f"no page number on page {page}")
    text = pdf_text(out)
    check_facts(text, done, SAMPLE)
    check("Ranking loan applications for a second look." in text, "no intended use")
    # A page break never leaves a heading alone at the bottom of a page.
    for page in range(1, pages + 1):
        lines = [line.strip() for line in pdf_text(out, page).splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("Model card")]
        last = body[-1] if body else ""
        check(last not in HEADINGS, f"page {page} ends with the heading {last!r}")


@test
def mitigation_line():
    # The card says what the model does: its per-group thresholds (each group's value) and
    # reweighing, and its table shows the thresholded selection rates train measured.
    cases = [("parity", "equal selection rates", False), ("tpr", "equal true-positive rates", True)]
    for policy, words, reweigh in cases:
        model, done = trained[policy]
        out = os.path.join(tmp.name, f"card-{policy}.pdf")
        write_report(model, out)
        text = re.sub(r"\s+", " ", pdf_text(out))
        line = re.search(r"Mitigation (.*?) Cleaning steps", text)
        check(line, f"{policy}: no Mitigation line")
        line = line.group(1)
        check(words in line and "sex" in line, f"{policy}: mitigation {line!r}")
        check(("reweighing" in line) == reweigh, f"{policy}: reweighing? {line!r}")
        for group in done["thresholds"]["groups"]:
            value = f"{group['name']} {group['threshold']:.3f}"
            check(value in line, f"{policy}: no {value!r} in {line!r}")
        for group in done["fairness"][0]["groups"]:
            # Each group's actual rate stands before the model's selection rate.
            row = (f"{group['value']} {group['n']} {group['base_rate']:.3f} "
                   f"{group['selection_rate']:.3f}")
            check(row in text, f"{policy}: no table row {row!r}")
    plain = re.sub(r"\s+", " ", pdf_text(os.path.join(tmp.name, "card.pdf")))
    check("Mitigation none" in plain, "the unmitigated card does not say none")


@test
def html_card():
    model, done = trained["sample"]
    out = os.path.join(tmp.name, "card.html")
    write_report(model, out)
    raw, page, text = parse_html(out)
    check_facts(text, done, SAMPLE)
    check("intended use was not given" in text, "no placeholder for the intended use")
    check("prefers-color-scheme" in raw, "no dark style")
    check(page.tags.count("svg") >= 8, f"only {page.tags.count('svg')} plots (light and dark)")
    check(len(page.ids) == len(set(page.ids)), "ids repeat across the inline SVGs")
    check(not re.search(r"<(script|img|link|iframe)\b", raw), "not self-contained or has a script")


@test
def hostile_names_are_escaped():
    model, done = trained["hostile"]
    out_html = os.path.join(tmp.name, "hostile.html")
    out_pdf = os.path.join(tmp.name, "hostile.pdf")
    write_report(model, out_html, "--intended-use", "<i>mine</i> & \"yours\"")
    write_report(model, out_pdf)
    raw, page, text = parse_html(out_html)
    check("script" not in page.tags, "a <script> element")
    check("i" not in page.tags, "the intended use's markup became an element")
    check("<i>mine</i> & \"yours\"" in text, "the intended use is not shown as typed")
    check(raw.count("<svg") == raw.count("</svg>"), "an SVG was closed early")
    check(HOSTILE_COLUMN in text, "the column name is not shown as text")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in raw, "the column name is not escaped")
    check(HOSTILE_TARGET in page.title, f"the title is not escaped: {page.title!r}")
    for value in HOSTILE_GROUPS.values():
        check(value in text, f"group {value!r} is not shown as text")
    pdf = pdf_text(out_pdf)
    check(HOSTILE_COLUMN in pdf, "the PDF does not show the column name as typed")
    check("</svg>" in pdf, "the PDF does not show the group name as typed")


@test
def errors_leave_no_file():
    model, _ = trained["sample"]
    before = set(os.listdir(tmp.name))
    check_error(run("report", "--model", model, "-o", os.path.join(tmp.name, "card.txt")), 1,
                "unknown extension")
    blocker = os.path.join(tmp.name, "not-a-folder")
    with open(blocker, "w") as f:
        f.write("x")
    check_error(run("report", "--model", model, "-o", os.path.join(blocker, "card.pdf")), 1,
                "unwritable folder")
    check_error(run("report", "--model", os.path.join(tmp.name, "missing.fwmodel"), "-o",
                    os.path.join(tmp.name, "x.pdf")), 1, "missing model")
    check(set(os.listdir(tmp.name)) == before | {"not-a-folder"},
          f"files left behind: {set(os.listdir(tmp.name)) - before}")
    result = run("report", "--model", model)
    check(result.returncode == 2, f"no -o: exit {result.returncode}")


def make_hostile():
    with open(SAMPLE, newline="") as src, open(HOSTILE, "w", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        header = next(reader)
        sex, target = header.index("sex"), header.index("approved")
        header[sex], header[target] = HOSTILE_COLUMN, HOSTILE_TARGET
        writer.writerow(header)
        for row in reader:
            row[sex] = HOSTILE_GROUPS.get(row[sex], row[sex])
            writer.writerow(row)


def main():
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            print(f"1..0 # SKIP {tool} (poppler-utils) is not installed")
            return 77
    result = run("sample", "--rows", "1500", "--seed", "5", "-o", SAMPLE)
    if result.returncode != 0:
        print(f"Bail out! sample failed: {result.stderr!r}")
        return 1
    make_hostile()
    try:
        trained["sample"] = train(SAMPLE, "approved", "sex", "sample.fwmodel")
        trained["hostile"] = train(HOSTILE, HOSTILE_TARGET, HOSTILE_COLUMN, "hostile.fwmodel")
        trained["parity"] = train(SAMPLE, "approved", "sex", "parity.fwmodel",
                                  "--threshold-policy", "parity")
        trained["tpr"] = train(SAMPLE, "approved", "sex", "tpr.fwmodel",
                               "--threshold-policy", "tpr", "--mitigate", "reweigh")
    except AssertionError as error:
        print(f"Bail out! {error}")
        return 1
    return run_tests()


sys.exit(main())
