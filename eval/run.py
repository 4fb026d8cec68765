#!/usr/bin/env python3
"""make eval: recall of the audit per kind of slip x layout, and the error
findings on the correct documents.

For each profile, eval_inject (eval/inject.c) writes a correct document and,
for every kind of slip, seeded copies with exactly one slip, as HTML, PDF,
Word and (for slips in the tables) the tables' XLSX. This script adds the
text layouts a reviewer gets from a PDF (pdftotext -layout, pdftotext -raw,
and the -layout text with its prose wrapped at 36 characters as copied from
a PDF viewer; the correct document's -layout and -raw texts also at several
widths, BASE_WRAPS), audits every file with `juesuan audit --format jsonl`, and
counts a slip as found when its document has an error finding that the
correct document in the same layout does not have.

usage: eval/run.py BUILD_DIR [--per-kind N] [--seed N] [--min-recall P]
Prints the table; writes BUILD_DIR/eval/report.txt with every miss. Exits 1
when --min-recall is given and some cell is below it, or the correct
documents give an error finding; 2 when a tool fails.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

from wrap import wrap_ascii, wrap_prose   # eval/wrap.py, the cutters the door matrix uses too

PROFILES = [None, "shanghai-2024"]
# Slips whose dedicated check is a warning, not an error: the figure as
# printed contradicts nothing (a % or a unit left out, a year that may be
# about that year), so the finding that names the slip is a warning. Such a
# slip counts as found by that warning (and only by it), and the table says
# how many were found so.
KIND_WARNINGS = {
    "no-percent": {"claims.no-percent"},
    "no-unit": {"claims.no-unit"},
    "stale-year": {"claims.stale-year"},
}
WARNING_RULES = set().union(*KIND_WARNINGS.values())
LAYOUTS = ["pdf", "layout", "raw", "wrapped", "docx", "html", "xlsx"]
WRAP = 36
# The correct document's text wrapped at these widths too: a copy wrapped at
# any width must give no error finding (each is a row of the "errors on
# correct" check, not a column of the recall table). -layout: its prose
# wrapped (rows aligned with runs of spaces kept whole, as wrap_prose);
# -raw: every line, cut anywhere (wrap_prose: a raw line has no such runs)
# or never inside a run of ASCII letters and digits (wrap_ascii, as
# tests/cli/doors.py wraps), which drops the space it cuts at.
BASE_WRAPS = [17, 23, 31, 44, 48]
WRAPPED_COPIES = [("layout", "prose"), ("raw", "prose"), ("raw", "ascii")]


def sh(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return r


WRAPPERS = {"prose": wrap_prose, "ascii": wrap_ascii}


def make_layouts(d, ident):
    pdf = os.path.join(d, ident + ".pdf")
    lay = os.path.join(d, ident + ".layout.txt")
    raw = os.path.join(d, ident + ".raw.txt")
    for flag, path in (("-layout", lay), ("-raw", raw)):
        r = sh(["pdftotext", flag, pdf, path])
        if r.returncode:
            sys.exit("eval: pdftotext %s %s: %s" % (flag, pdf, r.stderr))
    with open(lay, encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(d, ident + ".wrapped.txt"), "w", encoding="utf-8") as f:
        f.write(wrap_prose(text, WRAP))


def layout_file(d, ident, layout):
    ext = {"layout": ".layout.txt", "raw": ".raw.txt", "wrapped": ".wrapped.txt"}.get(layout, "." + layout)
    return os.path.join(d, ident + ext)


def audit(binary, profile, files):
    """Error findings per file: a set of (rule, table, row, column, expected, actual)."""
    cmd = [binary, "audit", "--format", "jsonl"] + (["--profile", profile] if profile else []) + files
    r = sh(cmd)
    if r.returncode not in (0, 1):
        sys.exit("eval: %s exited %d: %s" % (" ".join(cmd[:6]), r.returncode, r.stderr[-2000:]))
    errs = defaultdict(set)
    for f in files:
        errs[f] = set()
    for line in r.stdout.splitlines():
        if not line.startswith("{"):
            continue
        x = json.loads(line)
        if x.get("severity") == "error" or x.get("rule") in WARNING_RULES:
            key = (x["rule"], x.get("table"), x.get("row"), x.get("column"), x.get("expected"), x.get("actual"))
            errs[x["file"]].add((key, x.get("message", ""), x.get("severity")))
    return errs


def run_profile(args, profile):
    name = profile or "national"
    d = os.path.join(args.build, "eval", name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.unlink(os.path.join(d, f))
    cmd = [os.path.join(args.build, "eval_inject"), args.example, d, "--seed", str(args.seed),
           "--per-kind", str(args.per_kind)] + (["--profile", profile] if profile else [])
    r = sh(cmd)
    if r.returncode:
        sys.exit("eval: %s: %s" % (" ".join(cmd), r.stderr))
    sys.stderr.write(r.stderr)
    cases = []
    with open(os.path.join(d, "manifest.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            ident, kind, notes, what = line.rstrip("\n").split("\t")
            cases.append((ident, kind, notes == "1", what))
    for ident in ["base"] + [c[0] for c in cases]:
        make_layouts(d, ident)
    binary = os.path.join(args.build, "juesuan")
    results = {}   # (kind, layout) -> [found, total]
    misses = []
    base_errors = {}
    for layout in LAYOUTS:
        ids = ["base"] + [c[0] for c in cases if not (layout == "xlsx" and c[2])]
        files = [layout_file(d, i, layout) for i in ids]
        errs = audit(binary, profile, files)
        base = errs[files[0]]
        base_errors[layout] = {(k, m) for k, m, sev in base if sev == "error"}
        base_keys = {k for k, _, _ in base}
        for ident, kind, notes, what in cases:
            if layout == "xlsx" and notes:
                continue
            found = [(k, sev) for k, m, sev in errs[layout_file(d, ident, layout)] if k not in base_keys]
            new = [k for k, sev in found if sev == "error"]
            warned = [k for k, sev in found if k[0] in KIND_WARNINGS.get(kind, ())]
            cell = results.setdefault((kind, layout), [0, 0, 0])
            cell[1] += 1
            if new or warned:
                cell[0] += 1
                cell[2] += not new
            else:
                misses.append("%s %s %s: %s" % (name, layout, ident, what))
    wrapped = {}
    for src, how in WRAPPED_COPIES:
        with open(layout_file(d, "base", src), encoding="utf-8") as f:
            text = f.read()
        for w in BASE_WRAPS:
            path = os.path.join(d, "base.%s.%s-%d.txt" % (src, how, w))
            with open(path, "w", encoding="utf-8") as f:
                f.write(WRAPPERS[how](text, w))
            wrapped[(src, how, w)] = path
    errs = audit(binary, profile, list(wrapped.values()))
    for (src, how, w), path in wrapped.items():
        base_errors["%s.%s-%d" % (src, how, w)] = {(k, m) for k, m, sev in errs[path] if sev == "error"}
    return name, cases, results, misses, base_errors


def print_table(name, cases, results, base_errors, out):
    kinds = []
    for c in cases:
        if c[1] not in kinds:
            kinds.append(c[1])
    out.write("\n%s: recall (slips found / slips placed) per kind x layout\n" % name)
    out.write("%-18s" % "kind" + "".join("%9s" % l for l in LAYOUTS) + "\n")
    low = 1.0
    for k in kinds:
        row = "%-18s" % k
        for l in LAYOUTS:
            f, t = results.get((k, l), [0, 0, 0])[:2]
            row += "%9s" % ("%d/%d" % (f, t) if t else "—")
            if t:
                low = min(low, f / t)
        out.write(row + "\n")
    tot_f = sum(v[0] for v in results.values())
    tot_t = sum(v[1] for v in results.values())
    out.write("%-18s%d/%d = %.1f%% overall; lowest cell %.0f%%\n" % ("all", tot_f, tot_t,
                                                                     100.0 * tot_f / max(tot_t, 1), 100 * low))
    out.write("%-18s" % "errors on correct" + "".join("%9d" % len(base_errors[l]) for l in LAYOUTS) + "\n")
    for src, how in WRAPPED_COPIES:
        label = "correct, wrapped" if src == "layout" else "raw, %s" % ("cut anywhere" if how == "prose" else "ASCII kept")
        out.write("%-18s" % label + "".join("%9s" % ("%d@%d" % (len(base_errors["%s.%s-%d" % (src, how, w)]), w))
                                           for w in BASE_WRAPS) + "  (errors @ width)\n")
    by_warning = sum(v[2] for v in results.values())
    if by_warning:
        out.write("(%d of the slips found were found by the warning that names them: %s)\n" % (
            by_warning, ", ".join(sorted(r for rs in KIND_WARNINGS.values() for r in rs))))
    return low


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--example", default=os.path.join(os.path.dirname(__file__), "..", "examples",
                                                      "county-medical-security-2024"))
    ap.add_argument("--per-kind", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-recall", type=float, default=None)
    args = ap.parse_args()
    report = []
    worst = 1.0
    clean = True
    for profile in PROFILES:
        name, cases, results, misses, base_errors = run_profile(args, profile)
        worst = min(worst, print_table(name, cases, results, base_errors, sys.stdout))
        clean = clean and all(not v for v in base_errors.values())
        report += misses
        for l in base_errors:
            report += ["%s %s base: error on the correct document: %s" % (name, l, m) for _, m in base_errors[l]]
    path = os.path.join(args.build, "eval", "report.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")
    print("\nmisses and errors on the correct documents: %s (%d lines)" % (path, len(report)))
    if args.min_recall is not None and (worst * 100 < args.min_recall or not clean):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
