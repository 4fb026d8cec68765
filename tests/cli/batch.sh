#!/usr/bin/env bash
# Batch review: `juesuan audit DIR...` walks folders, runs worker processes
# (--jobs), prints every document's findings in the files' order whatever
# the scheduling, makes an unreadable, hostile or crashing file a finding of
# its own without stopping, shows progress only on a terminal, and with
# --store keeps what it audits and skips what is kept, so a killed run
# continues where it stopped and prints what one uninterrupted run prints.
set -u
R="$JUE_SHARED/fixtures/real"
L="$R/liling-medical-security-2022.txt"
Z="$R/zhenan-medical-security-2023.txt"
P="$R/shanghai-putuo-2024/finance-bureau.pdf"
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
GEN="$JUE_SRCDIR/tests/hostile/gen.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
files() { sed -E 's/(: |:[0-9]+: |:第[0-9]+页: ).*//' "$1" | uniq; }

# a folder: nested folders in name order, a source folder as one document,
# the extensions audit reads in any case; hidden entries and other files left out
D="$tmp/docs"
mkdir -p "$D/b/c" "$D/a" "$D/.hidden"
cp "$L" "$D/b/c/liling.TXT"
cp "$Z" "$D/a/zhenan.txt"
cp "$P" "$D/b/putuo.pdf"
cp -r "$EX" "$D/b/source"
cp "$L" "$D/.hidden/liling.txt"
cp "$L" "$D/a/liling.md"
echo "a,b" >"$D/a/table.csv"
"$JUE_BIN" audit "$D" >"$tmp/walk.txt" 2>"$tmp/walk.err"; rc=$?
[ $rc -eq 1 ] && ok || bad "walk exit $rc: $(head -3 "$tmp/walk.err")"
printf '%s\n' "$D/a/zhenan.txt" "$D/b/c/liling.TXT" "$D/b/putuo.pdf" >"$tmp/want"
files "$tmp/walk.txt" | diff - "$tmp/want" >/dev/null && ok || bad "documents walked: $(files "$tmp/walk.txt" | tr '\n' ' ')"
"$JUE_BIN" audit "$D" --jobs 1 -v 2>&1 >/dev/null | grep -q '^juesuan：4份文件' && ok || bad "the source folder is not one of 4 documents"
# the same findings as each file audited alone
for f in "$D/a/zhenan.txt" "$D/b/c/liling.TXT" "$D/b/source" "$D/b/putuo.pdf"; do "$JUE_BIN" audit "$f" 2>/dev/null; done >"$tmp/each.txt"
cmp -s "$tmp/walk.txt" "$tmp/each.txt" && ok || bad "the batch differs from each file alone"

# --jobs 1 and --jobs 2 give the same output, in text and JSON Lines
for fmt in text jsonl; do
  "$JUE_BIN" audit "$D" --format $fmt --jobs 1 >"$tmp/j1" 2>/dev/null; r1=$?
  "$JUE_BIN" audit "$D" --format $fmt --jobs 2 >"$tmp/j2" 2>/dev/null; r2=$?
  [ $r1 -eq $r2 ] && cmp -s "$tmp/j1" "$tmp/j2" && [ -s "$tmp/j1" ] && ok || bad "--jobs 1 and 2 differ ($fmt)"
done
"$JUE_BIN" audit "$D" --jobs 0 >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--jobs 0 accepted"
mkdir -p "$tmp/nothing"; echo x >"$tmp/nothing/a.csv"
"$JUE_BIN" audit "$tmp/nothing" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && grep -q '没有可审核的文件' "$tmp/err" && ok || bad "an empty folder"

# with a store, the findings read back print as the audit printed them, in
# JSON Lines too (a PDF's boxes: tests/unit/test_store.c)
Q="$R/shanghai-putuo-2024/finance-bureau-planted-errors.pdf"
"$JUE_BIN" audit "$Q" --format jsonl >"$tmp/p1.jsonl" 2>/dev/null
"$JUE_BIN" audit "$Q" --store "$tmp/p.db" --format jsonl >"$tmp/p2.jsonl" 2>/dev/null
"$JUE_BIN" audit "$Q" --store "$tmp/p.db" --format jsonl >"$tmp/p3.jsonl" 2>/dev/null
[ -s "$tmp/p1.jsonl" ] && cmp -s "$tmp/p1.jsonl" "$tmp/p2.jsonl" && cmp -s "$tmp/p1.jsonl" "$tmp/p3.jsonl" &&
  ok || bad "findings from the store differ from the audit's: $(diff "$tmp/p1.jsonl" "$tmp/p3.jsonl" | head -3)"

# across years in one batch: a made-up "2023" (the 2024 document with its
# years moved back one: the same totals) before the 2024 one; the 2024
# one's stated changes are checked against it, with any number of workers
Y="$tmp/years"
mkdir -p "$Y"
"$JUE_BIN" build "$EX" -o "$tmp/built" --format html >/dev/null 2>&1
sed 's/2023/YEARPREV/g; s/2024/2023/g; s/YEARPREV/2022/g' "$tmp/built/county-medical-security-2024-document.html" >"$Y/a-2023.html"
cp "$tmp/built/county-medical-security-2024-document.html" "$Y/b-2024.html"
"$JUE_BIN" audit --store "$tmp/y1.db" "$Y" --jobs 1 >"$tmp/y1.txt" 2>/dev/null
"$JUE_BIN" audit --store "$tmp/y2.db" "$Y" --jobs 2 >"$tmp/y2.txt" 2>/dev/null
[ "$(grep -c "^$Y/b-2024.html:[0-9]*: 警告：.*上年度决算（$Y/a-2023.html，第[0-9]*行）.*\[claims.cross-year\]$" "$tmp/y2.txt")" -gt 0 ] &&
  ok || bad "no cross-year finding in the batch: $(head -3 "$tmp/y2.txt")"
grep -q "^$Y/a-2023.html" "$tmp/y2.txt" && bad "cross-year on the first year" || ok
cmp -s "$tmp/y1.txt" "$tmp/y2.txt" && ok || bad "cross-year findings differ with --jobs"

# unreadable and hostile files among good ones: each a finding of its own,
# the batch goes on; a worker that crashes is one too, and a new one goes on
H="$tmp/hostile"
mkdir -p "$H"
cp "$L" "$H/1-liling.txt"
: >"$H/2-empty.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$H/3-scan.pdf"
python3 "$GEN" xlsx-sheets "$H/4-sheets.xlsx"
printf 'PK\x03\x04\x14\0\0\0\0\0readme' >"$H/5-bundle.docx"
cp "$Z" "$H/6-crash.txt"
cp "$Z" "$H/7-zhenan.txt"
JUE_BATCH_CRASH=6-crash.txt "$JUE_BIN" audit "$H" --jobs 2 >"$tmp/h.txt" 2>"$tmp/h.err"; rc=$?
[ $rc -eq 2 ] && ok || bad "hostile batch exit $rc"
for f in 2-empty.txt 3-scan.pdf 4-sheets.xlsx 5-bundle.docx; do
  [ "$(grep -c "^$H/$f: 错误：.*\[input.unreadable\]$" "$tmp/h.txt")" -eq 1 ] && ok || bad "$f is not one finding: $(grep "$f" "$tmp/h.txt")"
done
# (SIGSEGV; under AddressSanitizer, which catches it, exit code 1)
grep -Eq "^$H/6-crash.txt: 错误：审核此文件时程序异常终止（(信号11|退出码1)），未审核 \[input.aborted\]$" "$tmp/h.txt" && ok || bad "crash finding: $(grep crash "$tmp/h.txt")"
# one document is audited without a worker process: its crash is the same finding, the same exit code
JUE_BATCH_CRASH=6-crash.txt "$JUE_BIN" audit "$H/6-crash.txt" >"$tmp/one.txt" 2>"$tmp/one.err"; rc=$?
[ $rc -eq 2 ] && ok || bad "one crashing document: exit $rc"
norm() { sed 's/（[^）]*）/（…）/'; }   # under AddressSanitizer the worker's crash is 退出码1, this one 信号11
[ "$(norm <"$tmp/one.txt")" = "$(grep "^$H/6-crash.txt:" "$tmp/h.txt" | norm)" ] && grep -q '\[input.aborted\]$' "$tmp/one.txt" && ok || bad "one crashing document: $(cat "$tmp/one.txt")"
grep -q "^juesuan：错误：$H/6-crash.txt：审核此文件时程序异常终止" "$tmp/one.err" && ok || bad "one crashing document: stderr $(cat "$tmp/one.err")"
[ "$(grep -c "^$H/1-liling.txt:" "$tmp/h.txt")" -eq "$(grep -c . <("$JUE_BIN" audit "$L" 2>/dev/null))" ] && ok || bad "liling findings lost in the batch"
[ "$(grep -c "^$H/7-zhenan.txt:" "$tmp/h.txt")" -eq "$(grep -c . <("$JUE_BIN" audit "$Z" 2>/dev/null))" ] && ok || bad "the document after the crash lost"
files "$tmp/h.txt" | sed 's|.*/||' | tr '\n' ' ' | grep -qx '1-liling.txt 2-empty.txt 3-scan.pdf 4-sheets.xlsx 5-bundle.docx 6-crash.txt 7-zhenan.txt ' && ok || bad "order: $(files "$tmp/h.txt")"

# progress: on a terminal only
if command -v script >/dev/null; then
  script -qec "'$JUE_BIN' audit '$D' --jobs 2 >/dev/null" /dev/null >"$tmp/tty" 2>&1
  grep -q '审核 [1-4]/4 份 · [0-9.]* 份/秒 · 错误 [0-9]* 条' "$tmp/tty" && ok || bad "no progress on a terminal: $(cat -v "$tmp/tty" | head -3)"
  grep -q '已审核 4 份，用时' "$tmp/tty" && ok || bad "no summary on a terminal"
fi
grep -q '份/秒\|已审核' "$tmp/walk.err" && bad "progress in a pipe" || ok

# --store: kept, skipped when run again (same output), resumable
K="$tmp/k"
mkdir -p "$K"
for i in 1 2 3 4 5 6; do
  cp "$L" "$K/l$i.txt"; printf '\n%.0s' $(seq $i) >>"$K/l$i.txt"
  cp "$Z" "$K/z$i.txt"; printf '\n%.0s' $(seq $i) >>"$K/z$i.txt"
done
: >"$K/zz-empty.txt"
"$JUE_BIN" audit "$K" --store "$tmp/full.db" --jobs 2 >"$tmp/full.txt" 2>/dev/null; rc=$?
[ $rc -eq 2 ] && ok || bad "store batch exit $rc"
[ "$("$JUE_BIN" store list --store "$tmp/full.db" | tail -n +2 | wc -l)" -eq 12 ] && ok || bad "not 12 documents stored"
"$JUE_BIN" audit "$K" --store "$tmp/full.db" -v >"$tmp/again.txt" 2>"$tmp/again.err"
grep -q '^juesuan：13份文件（其中12份已在存储中，跳过）' "$tmp/again.err" && ok || bad "second run: $(tail -1 "$tmp/again.err")"
cmp -s "$tmp/full.txt" "$tmp/again.txt" && ok || bad "a skipped document prints other findings"
"$JUE_BIN" audit "$K" --jobs 1 >"$tmp/nostore.txt" 2>/dev/null
cmp -s "$tmp/full.txt" "$tmp/nostore.txt" && ok || bad "with a store the findings differ from without"
# killed after 5 documents (the hook), then run again
rc=$(bash -c 'JUE_BATCH_STOP_AFTER=5 "$0" audit "$1" --store "$2" --jobs 2 >/dev/null 2>&1; echo $?' "$JUE_BIN" "$K" "$tmp/r.db" 2>/dev/null)
[ $rc -eq 137 ] && ok || bad "the stop hook did not kill (exit $rc)"
n=$("$JUE_BIN" store list --store "$tmp/r.db" | tail -n +2 | wc -l)
[ "$n" -ge 5 ] && [ "$n" -lt 12 ] && ok || bad "after the kill $n documents stored"
"$JUE_BIN" audit "$K" --store "$tmp/r.db" --jobs 2 -v >"$tmp/resumed.txt" 2>"$tmp/resumed.err"
grep -q "^juesuan：13份文件（其中${n}份已在存储中，跳过）" "$tmp/resumed.err" && ok || bad "resume: $(tail -1 "$tmp/resumed.err")"
cmp -s "$tmp/full.txt" "$tmp/resumed.txt" && ok || bad "the resumed run prints other findings"
"$JUE_BIN" store check --store "$tmp/r.db" >/dev/null && ok || bad "store check after the kill"
# killed from outside at a random moment, then run again
"$JUE_BIN" audit "$K" --store "$tmp/x.db" --jobs 2 >/dev/null 2>&1 &
pid=$!
sleep "0.$(( (RANDOM % 6) + 2 ))"
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$JUE_BIN" audit "$K" --store "$tmp/x.db" --jobs 2 >"$tmp/x.txt" 2>/dev/null
cmp -s "$tmp/full.txt" "$tmp/x.txt" && ok || bad "run again after kill -9 prints other findings"
"$JUE_BIN" store check --store "$tmp/x.db" >/dev/null && ok || bad "store check after kill -9"
[ "$("$JUE_BIN" store list --store "$tmp/x.db" | tail -n +2 | wc -l)" -eq 12 ] && ok || bad "after kill -9 and a rerun not 12 stored"
"$JUE_BIN" audit "$K" --store "$tmp/full.db" --format html -o "$tmp/x.html" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "--store with html"

echo "batch: $pass passed, $fail failed"
[ $fail -eq 0 ]
