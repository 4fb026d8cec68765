#!/usr/bin/env bash
# juesuan audit --trace: every figure of the notes with what it was checked
# against. On our own document nothing disagrees and most figures are tied to
# a table figure or a computation (the notes are written from the tables); on
# a real county document the figures that disagree are exactly the ones the
# claim findings name.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
L="$JUE_SHARED/fixtures/real/liling-medical-security-2022.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }

"$JUE_BIN" build "$EX" -o "$tmp/o" --format html >/dev/null 2>&1 || bad "build"
D="$tmp/o/county-medical-security-2024-document.html"
"$JUE_BIN" audit --trace "$D" >"$tmp/t" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "trace of our document: exit $rc"
lines=$(grep -c $'\t' "$tmp/t")
agree=$(grep -c $'\t一致 ' "$tmp/t")
[ "$(grep $'\t' "$tmp/t" | grep -c '不符')" -eq 0 ] && ok || bad "our notes disagree: $(grep '不符' "$tmp/t" | head -3)"
[ "$lines" -ge 150 ] && [ "$agree" -ge 120 ] && ok || bad "figures $lines, agreeing $agree"
# the totals of 第三部分 are tied to their cells
grep -q $'\t24024.22万元\t金额\t收入总计\t一致 公开01表 ' "$tmp/t" && ok || bad "收入总计 not traced to 公开01表"
grep -q $'\t占比\t.*\t一致 .* ÷ .*= ' "$tmp/t" && ok || bad "no share traced to its computation"
grep -q '^# .*说明中读到 [0-9]* 个数字' "$tmp/t" && ok || bad "no summary line"

# a real document: the disagreeing figures are those of the claim findings
"$JUE_BIN" audit --trace "$L" >"$tmp/l" 2>/dev/null
got=$(grep $'\t' "$tmp/l" | grep '不符' | sed -E 's/^[^:]*:([0-9]+):.*/\1/' | sort -nu | tr '\n' ' ')
[ "$got" = "371 383 399 407 485 " ] && ok || bad "liling disagreeing lines: $got"

# --trace is a text listing
"$JUE_BIN" audit --trace --format jsonl "$L" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--trace with jsonl should be a usage error"

# a PDF's figures are placed by page, not by a line counter of our own
F="$JUE_SHARED/fixtures/real/shanghai-putuo-2024/finance-bureau.pdf"
"$JUE_BIN" audit --trace "$F" 2>/dev/null | grep '	' >"$tmp/pdf.trace"   # trace lines, not findings
[ -s "$tmp/pdf.trace" ] && ! grep -qv "^$F:第[0-9]*页	" "$tmp/pdf.trace" &&
  grep -q "^$F:第21页	71.73%	占比" "$tmp/pdf.trace" && ok || bad "PDF trace places: $(head -2 "$tmp/pdf.trace")"

echo "trace: $pass passed, $fail failed"
[ $fail -eq 0 ]
