#!/usr/bin/env python3
"""make bench, batch review: documents per second of `juesuan audit DIR --store
DB --jobs 2`, the store's size per document, and the time of `juesuan report`.

The documents are built by juesuan: BASES departments generated from the
example county bureau (another county's name, every ledger amount times a
whole factor, so every balance still holds), each compiled (`build --format
xlsx,pdf`) and taken in two layouts, the tables as XLSX and the document as
text (`pdftotext -raw`). N documents are copies of those under N
different department names; one in five carries a slip (a figure of a table
changed by a few 万元).

usage: bench/batch.py JUESUAN N [--bases K] [--jobs J] [--keep DIR]
Prints one line of figures; exits 1 when a step fails.
"""
import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "examples", "county-medical-security-2024")
COUNTIES = "青溪 白水 石门 云岭 南川 北河 东坪 西林 安平 长宁 永和 清源 丰泽 宁远 新安 兴隆".split()
CHARS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川林泉石"
AMOUNT = re.compile(r"-?[\d,]+\.\d\d")


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode not in (0, 1):
        sys.exit("bench batch: %s: exit %d\n%s" % (" ".join(cmd), r.returncode, r.stderr[-2000:]))
    return r


def scale_csv(path, factor):
    """Every amount (a field with two decimals) times factor."""
    out = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("#") or not line:
            out.append(line)
            continue
        fields = next(csv.reader([line]))
        for i, f in enumerate(fields):
            if AMOUNT.fullmatch(f):
                fen = round(float(f.replace(",", "")) * 100) * factor
                fields[i] = "%s%d.%02d" % ("-" if fen < 0 else "", abs(fen) // 100, abs(fen) % 100)
        out.append(",".join(fields))
    open(path, "w", encoding="utf-8").write("\n".join(out))


def make_base(juesuan, work, k):
    """Department k: another county, amounts times a factor; built, and
    taken as XLSX and as pdftotext -raw text."""
    src = os.path.join(work, "src%d" % k)
    shutil.copytree(EXAMPLE, src)
    os.remove(os.path.join(src, "perf.yaml"))   # its figures are the example's own
    county = COUNTIES[k % len(COUNTIES)] + "县"
    yaml = os.path.join(src, "department.yaml")
    text = open(yaml, encoding="utf-8").read()
    open(yaml, "w", encoding="utf-8").write(text.replace("青溪县", county))
    for name in ("income.csv", "expenditure.csv", "carryover.csv", "budget.csv"):
        scale_csv(os.path.join(src, name), 1 + k % 5)
    out = os.path.join(work, "built%d" % k)
    run([juesuan, "build", src, "-o", out, "--format", "xlsx,pdf", "--force"])
    base = os.path.join(out, "src%d" % k)
    txt = base + ".txt"
    subprocess.run(["pdftotext", "-raw", base + "-document.pdf", txt], check=True)
    return county, [txt, base + ".xlsx"]


def slip_text(text, rnd):
    """One figure of a table line changed by a few 万元."""
    lines = text.split("\n")
    cand = [i for i, l in enumerate(lines) if re.search(r"\d{3,}\.\d\d\s*$", l)]
    i = rnd.choice(cand)
    lines[i] = re.sub(r"(\d+)(\.\d\d)\s*$", lambda m: str(int(m.group(1)) + rnd.randint(1, 9)) + m.group(2), lines[i])
    return "\n".join(lines)


def copy_xlsx(src, dst, old, new, rnd, slip):
    """The workbook with the department renamed, and maybe one number changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        sheets = [n for n in zin.namelist() if n.startswith("xl/worksheets/sheet")]
        target = rnd.choice(sheets) if slip else None
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".xml"):
                s = data.decode("utf-8").replace(old, new)
                if item.filename == target:
                    nums = list(re.finditer(r"<v>(\d{3,}(?:\.\d+)?)</v>", s))
                    if nums:
                        m = rnd.choice(nums)
                        s = s[:m.start(1)] + str(float(m.group(1)) + rnd.randint(1, 9)) + s[m.end(1):]
                data = s.encode("utf-8")
            zout.writestr(item, data)


def make_docs(bases, n, docs, rnd):
    for i in range(n):
        county, files = bases[i % len(bases)]
        name = CHARS[i % len(CHARS)] + CHARS[(i // len(CHARS)) % len(CHARS)] + CHARS[(i // len(CHARS) ** 2) % len(CHARS)] + "县"
        src = files[(i // len(bases)) % 2]
        slip = i % 5 == 4
        dst = os.path.join(docs, "%05d%s" % (i, os.path.splitext(src)[1]))
        if src.endswith(".txt"):
            text = open(src, encoding="utf-8").read().replace(county, name)
            open(dst, "w", encoding="utf-8").write(slip_text(text, rnd) if slip else text)
        else:
            copy_xlsx(src, dst, county, name, rnd, slip)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("juesuan")
    ap.add_argument("n", type=int)
    ap.add_argument("--bases", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep")
    a = ap.parse_args()
    work = a.keep or tempfile.mkdtemp(prefix="jue-bench-batch-")
    os.makedirs(work, exist_ok=True)
    try:
        rnd = random.Random(11)
        t = time.monotonic()
        bases = [make_base(a.juesuan, work, k) for k in range(max(1, a.bases))]
        docs = os.path.join(work, "docs")
        os.makedirs(docs)
        make_docs(bases, a.n, docs, rnd)
        gen = time.monotonic() - t
        db = os.path.join(work, "bench.db")
        t = time.monotonic()
        r = run([a.juesuan, "audit", docs, "--store", db, "--jobs", str(a.jobs), "-v"])
        audit = time.monotonic() - t
        m = re.search(r"(\d+)份文件（其中(\d+)份已在存储中，跳过），错误(\d+)个", r.stderr)
        t = time.monotonic()
        run([a.juesuan, "report", "--store", db, "-o", os.path.join(work, "report")])
        report = time.monotonic() - t
        size = os.path.getsize(db) + sum(os.path.getsize(db + x) for x in ("-wal", "-shm") if os.path.exists(db + x))
        stored = run([a.juesuan, "store", "list", "--store", db]).stdout.count("\n") - 1
        print("batch: %d documents (%d departments built, text and XLSX, 1 in 5 with a slip; generated in %.1f s): "
              "audit --store --jobs %d %.1f s, %.1f documents/s, %s error findings; %d stored, %.1f KiB per document; "
              "report %.1f s" % (a.n, len(bases), gen, a.jobs, audit, a.n / audit, m.group(3) if m else "?", stored,
                                size / 1024 / max(1, stored), report))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
