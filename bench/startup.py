#!/usr/bin/env python3
"""make bench, start-up and one PDF: whole processes timed from outside.

Figures (medians of RUNS runs, wall clock; peak RSS of the child from
getrusage), each beside its target (issue 13) and, for the PDF, as a ratio
to `pdftotext -layout` on the same file timed in the same run, the two
alternating so that a drift of the machine touches both:
  juesuan --help                         target <= 3 ms
  juesuan audit of a one-line text       target <= 5 ms
  juesuan audit of each Shanghai PDF     target <= 1.2 x pdftotext -layout
It also counts the shared objects each run loads (LD_DEBUG=files): the
modules (docs/dependencies.md) keep a run that reads no PDF from loading
poppler, cairo and pango, one that reads no DOCX, HTML or XLSX from
loading libxml2, libzip and libxlsxwriter, and one without a store from
loading sqlite (--help and a text audit: 4 objects).

usage: bench/startup.py JUESUAN SHARED [RUNS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def one(cmd, env=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before)


def med(cmd, runs):
    one(cmd)   # warm the page cache
    w = [one(cmd)[0] for _ in range(runs)]
    return statistics.median(w)


def pdf_pages(path):
    """The page count pdfinfo gives (0 when it cannot tell)."""
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    for ln in out.splitlines():
        if ln.startswith("Pages:"):
            return int(ln.split()[1])
    return 0


def peak_of(cmd):
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: a fresh
    # process measures one command alone
    code = ("import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,"
            "stderr=subprocess.DEVNULL);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True).stdout) / 1024


def objects(cmd):
    env = dict(os.environ, LD_DEBUG="files")
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    return len({l.split("file=")[1].split()[0] for l in r.stderr.splitlines() if "file=" in l and "init" not in l})


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    jue, shared = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    tmp = tempfile.mkdtemp()
    line = os.path.join(tmp, "one.txt")
    with open(line, "w", encoding="utf-8") as f:
        f.write("一、部门职责\n")
    print("start-up (median of %d runs, wall)" % runs)
    for name, cmd, target in (("juesuan --help", [jue, "--help"], 3.0),
                              ("juesuan audit one-line.txt", [jue, "audit", line], 5.0)):
        ms = med(cmd, runs) * 1000
        print("  %-28s %7.2f ms   target <= %.0f ms   %s   %d shared objects, peak %.1f MiB" %
              (name, ms, target, "met" if ms <= target else "NOT met", objects(cmd), peak_of(cmd)))
    pdfs = os.path.join(shared, "fixtures", "real", "shanghai-putuo-2024")
    print("PDF audit against pdftotext -layout (median of %d pairs)" % runs)
    for f in sorted(os.listdir(pdfs)) if os.path.isdir(pdfs) else []:
        if not f.endswith(".pdf"):
            continue
        p = os.path.join(pdfs, f)
        a_cmd, b_cmd = [jue, "audit", p], ["pdftotext", "-layout", p, os.path.join(tmp, "out.txt")]
        one(a_cmd), one(b_cmd)
        ratios, aw, bw = [], [], []
        for _ in range(runs):   # as many pairs as the heading says
            a, b = one(a_cmd)[0], one(b_cmd)[0]
            aw.append(a), bw.append(b), ratios.append(a / b)
        r = statistics.median(ratios)
        pages = pdf_pages(p)
        peak = peak_of(a_cmd)
        # the memory target is for a document of 25 pages or more: < 64 MiB
        mem = ("target < 64 MiB %s" % ("met" if peak < 64 else "NOT met")) if pages >= 25 else "(under 25 pages)"
        print("  %-36s audit %6.1f ms  pdftotext %6.1f ms  ratio %.2f  target <= 1.2  %s  %d pages, peak %.1f MiB %s" %
              (f, statistics.median(aw) * 1000, statistics.median(bw) * 1000, r, "met" if r <= 1.2 else "NOT met",
               pages, peak, mem))


if __name__ == "__main__":
    main()
