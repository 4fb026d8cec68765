#!/usr/bin/env bash
# juesuan demo: builds the bundled example and audits what it wrote — the
# workbook and the complete document as HTML, PDF and Word — with no error
# findings, and says where everything is.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
N=county-medical-security-2024
"$JUE_BIN" demo --example "$JUE_SRCDIR/examples/$N" -o "$tmp/out" >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "demo exit $rc: $(tail -5 "$tmp/log")"
for f in "$N.xlsx" "$N.html" "$N-document.html" "$N-document.pdf" "$N-document.docx" "$N-notes.md" "$N-perf.html"; do
  [ -s "$tmp/out/$f" ] && ok || bad "demo did not write $f"
done
grep -q "审核写出的文件.*$N-document.pdf 和 .*$N-document.docx" "$tmp/log" && ok || bad "demo does not audit the PDF and Word document"
grep -q '^没有发现错误$' "$tmp/log" && ok || bad "demo audit: $(grep -v '^已写出' "$tmp/log" | head -5)"
echo "demo: $pass passed, $fail failed"
[ $fail -eq 0 ]
