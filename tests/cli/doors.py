#!/usr/bin/env python3
"""The door matrix (issue 14, item 2): one document through every door must
give the same error findings.

For each source — the real fixtures and the documents `build` writes for the
example, in both profiles — the doors are derived once into a cache directory
(the conversions are slow) and audited with `--format jsonl`:

  pdf     the PDF itself (the reference when there is one)
  layout  the text `pdftotext -layout` prints
  raw     the text `pdftotext -raw` prints (rows as single-space lines)
  order   the text plain `pdftotext` prints (its reading order: a table's
          headings and cells a line each, column by column); it loses the
          tables' rows, so it must only give no error the PDF does not give
  nopg    the text `pdftotext -layout -nopgbrk` prints (no form feed between
          pages: each page laid out on its own, then joined)
  fixed3 / fixed4 / fixed5  the text `pdftotext -fixed N` prints (each character
          where it stands across the page, N points a position: justified
          prose with runs of spaces, names in a column left of their
          heading); tables it garbles are set aside, so no error the PDF does
          not give
  mutool  the text MuPDF's `mutool draw -F txt` prints (another library's
          reading: a cell a line, blank lines between, titles cut by the
          running head); it loses the rows too
  docx    / html: what `build` wrote (the example only); xlsx the tables' workbook (no notes)
  md      the tables as Markdown `build` writes (the example only); it
          has no notes, so it must give the errors of the PDF's tables:
          those of the notes (claims.*) are not missed there
  pd-gfm  the Markdown pandoc writes from the HTML (`-t gfm`: pipe tables,
          raw HTML tables where cells are merged, the contents as links)
  pd-docx the same from the DOCX; pd-md pandoc's own Markdown from the DOCX
          (`-t markdown`: grid tables, space-aligned multiline tables)
  lo-txt  the plain text LibreOffice saves from the DOCX (cells one per line)
  lo-html the HTML LibreOffice saves from the DOCX
  lo-pdf  the PDF LibreOffice exports from the DOCX (what an officer's word
          processor exports: its own fonts, cell margins, page breaks inside
          the tables and 自评表, headings repeated on each page)
  lo-layout / lo-raw  the text `pdftotext -layout` / `-raw` prints from that PDF
  liling-2022-docx, zhenan-2023-docx: the real documents as Word files
          (tests/fixtures/own), the reference; their columns are far too
          narrow for LibreOffice's fonts, so its text and PDF of them lose
          tables (set aside): no error the DOCX does not give
  xl-pdf  the PDF LibreOffice Calc exports from the tables' workbook `build`
          writes (the nine tables as a spreadsheet program prints them: no
          cell margins, headings centred over narrow columns); it has no
          notes, so it must give the errors of the PDF's tables
  wrap    the text (raw, or the fixture's own text) with lines wrapped at 36
          characters, as a reader copies from a PDF; it loses the tables'
          rows, so it must only give no error the reference does not give.
  prose17 / prose23 / prose36 / prose48  the -layout text with its lines of
          one text wrapped at 17, 23, 36 and 48 characters, every space kept
          (as make eval wraps them: titles and headings cut inside their
          indent, a heading piece alone on a line, the prose cut anywhere);
          the reader puts the cut lines back, so the reference's errors, no
          more and no fewer
  cut17 / cut20 / cut28 / cut36  a fixture's own text (tab-separated rows,
          single-spaced rows) with every line cut at 17, 20, 28 and 36
          characters, every character kept (a tab row cut inside a figure,
          "…合计\t5" / "8\t51,448.55", a contents entry cut from its 否, a
          自评表's 总分 cut inside 100); the tables so cut are set aside, so
          no error the reference does not give

A real PDF is not converted by LibreOffice (it imports a PDF as drawings:
there is no text to convert), so those doors exist only for the example.

Every door must give the reference's errors — the same rule, expected and
actual — no more and no fewer (a door that loses the tables: no more). Each
difference is listed. Exit 0 when there is none; `--measure` prints the
counts of every cell and always exits 0.
"""
import json, os, re, shutil, subprocess, sys
from collections import Counter

SRC = os.environ.get("JUE_SRCDIR", ".")
SHARED = os.environ.get("JUE_SHARED", os.path.join(SRC, "..", "shared"))
sys.path.insert(0, os.path.join(SRC, "eval"))
from wrap import wrap_ascii, wrap_prose  # noqa: E402  the cutters make eval uses too

BIN = os.environ.get("JUE_BIN", os.path.join(SRC, "build", "juesuan"))
CACHE = os.environ.get("JUE_DOORS_CACHE",
                       os.path.join(os.path.dirname(os.path.abspath(BIN)), "doors"))
WRAP = 36
LOSSY = {"wrap", "order", "mutool", "cut17", "cut20", "cut28", "cut36", "fixed3", "fixed4", "fixed5"}
TABLES_ONLY = {"md", "xlsx", "xl-pdf"}
# the real documents' Word files through LibreOffice: columns far too narrow, figures and codes wrapped in
# their cells, so tables are set aside — no error the DOCX does not give, but not all of its errors
NARROW = {"lo-txt", "lo-pdf", "lo-layout", "lo-raw"}


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def fresh(dst, src):
    return os.path.exists(dst) and os.path.getmtime(dst) >= os.path.getmtime(src)


def wrap_text(text, width=WRAP):
    """Break each long line at about `width` characters, never inside a run of
    ASCII letters/digits (a figure stays whole, as in a PDF): eval/wrap.py."""
    return wrap_ascii(text, width)


def derive_mutool(pdf, stem):
    dst = os.path.join(CACHE, f"{stem}.mutool.txt")
    if not fresh(dst, pdf):
        r = run(["mutool", "draw", "-q", "-F", "txt", "-o", dst, pdf], timeout=300)
        if r.returncode != 0:
            return None
    return dst


def derive_pdf_text(pdf, stem, mode):
    dst = os.path.join(CACHE, f"{stem}.{mode}.txt")
    if not fresh(dst, pdf):
        opts = {"order": [], "nopg": ["-layout", "-nopgbrk"], "fixed3": ["-fixed", "3"], "fixed4": ["-fixed", "4"],
                "fixed5": ["-fixed", "5"]}.get(mode, ["-" + mode])
        r = run(["pdftotext"] + opts + [pdf, dst])
        if r.returncode != 0:
            return None
    return dst


def derive_wrap(txt, stem):
    dst = os.path.join(CACHE, f"{stem}.wrap.txt")
    if not fresh(dst, txt):
        with open(txt, encoding="utf-8", errors="replace") as f:
            text = f.read()
        with open(dst, "w", encoding="utf-8") as f:
            f.write(wrap_text(text))
    return dst


def derive_prose(txt, stem, width, door="prose"):
    dst = os.path.join(CACHE, f"{stem}.{door}{width}.txt")
    if not fresh(dst, txt):
        with open(txt, encoding="utf-8", errors="replace") as f:
            text = f.read()
        with open(dst, "w", encoding="utf-8") as f:
            f.write(wrap_prose(text, width))
    return dst


def derive_lo(docx, stem, ext, filt):
    dst = os.path.join(CACHE, f"{stem}.lo.{ext}")
    if fresh(dst, docx):
        return dst
    tmp = os.path.join(CACHE, "lo-out")
    os.makedirs(tmp, exist_ok=True)
    prof = "file://" + os.path.join(CACHE, "lo-profile")
    r = run(["soffice", f"-env:UserInstallation={prof}", "--headless", "--convert-to",
             f"{ext}:{filt}", "--outdir", tmp, docx], timeout=300)
    got = os.path.join(tmp, os.path.splitext(os.path.basename(docx))[0] + "." + ext)
    if r.returncode != 0 or not os.path.exists(got):
        return None
    shutil.move(got, dst)
    return dst


def sources():
    """(name, reference door, {door: path}) for every document of the matrix."""
    real = os.path.join(SHARED, "fixtures", "real")
    out = []
    for sub in ("shanghai-putuo-2024",):
        d = os.path.join(real, sub)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".pdf"):
                out.append((f[:-4], {"pdf": os.path.join(d, f)}))
    for root, _, files in sorted(os.walk(real)):
        for f in sorted(files):
            if f.endswith(".txt"):
                out.append((f[:-4], {"text": os.path.join(root, f)}))
    ex = os.path.join(SRC, "out", "county-medical-security-2024")
    if os.path.exists(ex + "-document.pdf"):
        out.append(("example", {"pdf": ex + "-document.pdf", "docx": ex + "-document.docx",
                                "html": ex + "-document.html", "md": ex + ".md", "xlsx": ex + ".xlsx"}))
    sh = os.path.join(CACHE, "sh", "county-medical-security-2024")
    exdir = os.path.join(SRC, "examples", "county-medical-security-2024")
    # built again whenever the binary is newer: a renderer change must reach the matrix
    if not fresh(sh + "-document.pdf", BIN) and os.path.isdir(exdir):
        run([BIN, "build", exdir, "-o", os.path.join(CACHE, "sh"), "--profile", "shanghai-2024"])
    if os.path.exists(sh + "-document.pdf"):
        out.append(("example-shanghai", {"pdf": sh + "-document.pdf", "docx": sh + "-document.docx",
                                         "html": sh + "-document.html", "md": sh + ".md", "xlsx": sh + ".xlsx"}))
    # real documents as Word files (tests/fixtures/own): their columns far too narrow for LibreOffice's
    # fonts, so its PDF wraps figures, codes and names in their cells — what an officer's export may be
    own = os.path.join(SRC, "tests", "fixtures", "own")
    for stem in ("liling-2022", "zhenan-2023"):
        if os.path.exists(os.path.join(own, stem + ".docx")):
            out.append((stem + "-docx", {"docx": os.path.join(own, stem + ".docx"),
                                         "html": os.path.join(own, stem + ".html")}))
    return out


def derive_pandoc(src, stem, door, fmt):
    dst = os.path.join(CACHE, f"{stem}.{door}.md")
    if not fresh(dst, src):
        r = run(["pandoc", "-f", os.path.splitext(src)[1][1:], "-t", fmt, "-o", dst, src], timeout=300)
        if r.returncode != 0:
            return None
    return dst


def doors_of(name, base):
    doors = dict(base)
    stem = name
    have_pdftotext = shutil.which("pdftotext") is not None
    have_lo = shutil.which("soffice") is not None
    if "pdf" in doors and have_pdftotext:
        for mode in ("layout", "raw", "order", "nopg", "fixed3", "fixed4", "fixed5"):
            p = derive_pdf_text(doors["pdf"], stem, mode)
            if p:
                doors[mode] = p
    if "pdf" in doors and shutil.which("mutool"):
        p = derive_mutool(doors["pdf"], stem)
        if p:
            doors["mutool"] = p
    text = doors.get("raw") or doors.get("text")
    if text:
        doors["wrap"] = derive_wrap(text, stem)
    for w in (17, 23, 36, 48):
        if "layout" in doors:
            doors[f"prose{w}"] = derive_prose(doors["layout"], stem, w)
    for w in (17, 20, 28, 36):
        if "text" in doors:
            doors[f"cut{w}"] = derive_prose(doors["text"], stem, w, "cut")
    if "docx" in doors and shutil.which("pandoc"):
        for door, src, fmt in (("pd-gfm", "html", "gfm"), ("pd-docx", "docx", "gfm"), ("pd-md", "docx", "markdown")):
            p = derive_pandoc(doors[src], stem, door, fmt)
            if p:
                doors[door] = p
    if "docx" in doors and have_lo:
        for ext, filt, door in (("txt", "Text (encoded):UTF8", "lo-txt"), ("html", "HTML (StarWriter)", "lo-html"),
                                ("pdf", "writer_pdf_Export", "lo-pdf")):
            p = derive_lo(doors["docx"], stem, ext, filt)
            if p:
                doors[door] = p
        if "xlsx" in doors and os.path.exists(doors["xlsx"]):
            p = derive_lo(doors["xlsx"], stem + ".xl", "pdf", "calc_pdf_Export")
            if p:
                doors["xl-pdf"] = p
        if "lo-pdf" in doors and have_pdftotext:
            for mode in ("layout", "raw"):
                p = derive_pdf_text(doors["lo-pdf"], stem + ".lo-pdf", mode)
                if p:
                    doors[f"lo-{mode}"] = p
    return doors


def unspaced(v):
    """A figure as quoted, without the blank a text copy prints between it
    and its unit ("0 万元" is the PDF's "0万元"): the same finding."""
    return re.sub(r"(\d)\s+(万元|亿元|元|%)", r"\1\2", v) if isinstance(v, str) else v


def errors(path, profile=None):
    cmd = [BIN, "audit", "--format", "jsonl"] + (["--profile", profile] if profile else []) + [path]
    r = run(cmd)
    found = Counter()
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if o.get("severity") == "error":
            found[(o.get("rule"), unspaced(o.get("expected")), unspaced(o.get("actual")))] += 1
    unread = r.returncode not in (0, 1) and not found
    return found, unread, r.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if unread else []


GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+\.\d{2}(?![\d])")
RATE = re.compile(r"(?<![\d.])\d{1,3}\.\d{2}%")
TIGHT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}(?= ?[^\s\d万元亿%％，。、；：）),.])")


def figures_cut(pdf, lo_pdf):
    """The grouped amounts (the tables' figures of 1,000 and more) and the
    自评表's rates of our PDF that LibreOffice's PDF of our DOCX does not
    print whole on one line (a
    column of the DOCX too narrow for them wraps them in their cells), and
    those it prints against the next column's text with at most one space
    between (the DOCX's cell margins not written out)."""
    def text(path):
        return run(["pdftotext", "-layout", path, "-"]).stdout.decode("utf-8", "replace")
    ours, lo = text(pdf), text(lo_pdf)
    cut = Counter(GROUPED.findall(ours)) - Counter(GROUPED.findall(lo))
    # the 绩效自评表's rates ("98.83%" in a narrow 执行率 column), from the first 自评表 on
    forms = [t[t.find("绩效自评表"):] if "绩效自评表" in t else "" for t in (ours, lo)]
    cut += Counter(RATE.findall(forms[0])) - Counter(RATE.findall(forms[1]))
    return cut, Counter(TIGHT.findall(lo))


def main():
    measure = "--measure" in sys.argv
    os.makedirs(CACHE, exist_ok=True)
    diffs = 0
    for name, base in sources():
        doors = doors_of(name, base)
        if "lo-pdf" in doors and "pdf" in doors and shutil.which("pdftotext"):
            cut, tight = figures_cut(doors["pdf"], doors["lo-pdf"])
            for fig, n in sorted(cut.items()):
                diffs += 1
                print(f"DIFF {name} lo-pdf: {n}× {fig} not printed whole (wrapped in its cell in the DOCX)")
            for fig, n in sorted(tight.items()):
                diffs += 1
                print(f"DIFF {name} lo-pdf: {n}× {fig} printed against the next column (no cell margin in the DOCX)")
        ref_door = "pdf" if "pdf" in doors else "text" if "text" in doors else "docx"
        ref, _, _ = errors(doors[ref_door])
        row = [f"{name}: {ref_door} {sum(ref.values())}"]
        for door, path in doors.items():
            if door == ref_door:
                continue
            got, unread, why = errors(path)
            extra = got - ref
            lossy = door in LOSSY or (name.endswith("-docx") and door in NARROW)
            missing = Counter() if lossy else ref - got
            if door in TABLES_ONLY:
                missing = Counter({k: n for k, n in missing.items() if not str(k[0]).startswith("claims.")})
            row.append(f"{door} {'unread' if unread else sum(got.values())}"
                       f"{'' if not (extra or missing) else f' (+{sum(extra.values())} -{sum(missing.values())})'}")
            if unread:
                diffs += 1
                print(f"DIFF {name} {door}: not read: {' '.join(why)}")
                continue
            for k, n in sorted(extra.items(), key=str):
                diffs += 1
                print(f"DIFF {name} {door}: extra {n}× {k[0]} expected={k[1]} actual={k[2]}")
            for k, n in sorted(missing.items(), key=str):
                diffs += 1
                print(f"DIFF {name} {door}: missing {n}× {k[0]} expected={k[1]} actual={k[2]}")
        print("  " + " | ".join(row))
    print(f"{diffs} differences")
    return 0 if measure or diffs == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
