#!/usr/bin/env bash
# juesuan build writes the complete document in each chosen format, and what
# it writes is read back by the importers and audits clean — the loop a
# reviewer closes when handed our own HTML, Word or PDF file.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
N=county-medical-security-2024

# --format pdf,docx: the document in those two formats and nothing else
"$JUE_BIN" build "$EX" -o "$tmp/a" --format pdf,docx >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "build pdf,docx: exit $rc $(cat "$tmp/out")"
[ "$(ls "$tmp/a" | grep -v -- '-perf\.' | sort | tr '\n' ' ')" = "$N-document.docx $N-document.pdf " ] && ok ||
  bad "pdf,docx wrote: $(ls "$tmp/a")"
head -c 5 "$tmp/a/$N-document.pdf" | grep -q '%PDF-' && ok || bad "not a PDF"
grep -q "已写出 $tmp/a/$N-document.pdf" "$tmp/out" && ok || bad "build does not say it wrote the PDF"

# the Word document is read back and audits clean: no findings at all
"$JUE_BIN" audit "$tmp/a/$N-document.docx" >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && ok || bad "docx round trip: exit $rc $(head -5 "$tmp/out")"

# the PDF likewise: the nine tables read back from the page layout and the
# notes from its lines, no findings at all
"$JUE_BIN" audit "$tmp/a/$N-document.pdf" >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && ok || bad "pdf round trip: exit $rc $(head -5 "$tmp/out")"

# the Word contents is filled in (not a placeholder): every entry links to a
# bookmark that exists, the tables are listed, Word is asked to add pages
if command -v python3 >/dev/null && command -v unzip >/dev/null; then
  unzip -p "$tmp/a/$N-document.docx" word/document.xml >"$tmp/doc.xml"
  unzip -p "$tmp/a/$N-document.docx" word/settings.xml | grep -q '<w:updateFields w:val="true"/>' && ok || bad "settings: no updateFields"
  python3 - "$tmp/doc.xml" <<'PY' && ok || bad "docx contents"
import re, sys
x = open(sys.argv[1], encoding="utf-8").read()
assert " TOC " in x, "no TOC field"
links = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', x)
marks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', x))
assert len(links) >= 20, links
missing = [l for l in links if l not in marks]
assert not missing, missing
assert "五、一般公共预算财政拨款支出决算表" in x and "右键更新域" not in x
PY
fi

# --format html: the tables page and the HTML document, no PDF/Word
"$JUE_BIN" build "$EX" -o "$tmp/b" --format html >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ -s "$tmp/b/$N-document.html" ] && [ -s "$tmp/b/$N.html" ] &&
  [ ! -e "$tmp/b/$N-document.pdf" ] && [ ! -e "$tmp/b/$N-document.docx" ] && ok || bad "html only: $(ls "$tmp/b")"
"$JUE_BIN" audit "$tmp/b/$N-document.html" >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && ok || bad "html round trip: exit $rc $(head -5 "$tmp/out")"

# an unwritable output directory is an error naming the file, exit 2
mkdir -p "$tmp/ro/$N-document.pdf"   # a directory where the file should go
"$JUE_BIN" build "$EX" -o "$tmp/ro" --format pdf >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "$N-document.pdf" "$tmp/out" && ok || bad "unwritable pdf: exit $rc $(cat "$tmp/out")"

echo "document: $pass passed, $fail failed"
[ $fail -eq 0 ]
