#!/usr/bin/env bash
# Inputs as officers and reviewers really have them: a ledger saved as
# GB18030 (GBK) by Excel, a source without budget.csv or income.csv, files
# that are no document at all given to audit. Each gets one clear Chinese
# message, the exit code the README gives, and never raw bytes on the terminal.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
# (counts only our lines: under the sanitizers LeakSanitizer adds its own to stderr)

# income.csv as Excel saves it on a Chinese Windows: read, said once
cp -r "$EX" "$tmp/gbk"
iconv -f UTF-8 -t GB18030 "$EX/income.csv" >"$tmp/gbk/income.csv"
"$JUE_BIN" build "$tmp/gbk" -o "$tmp/o-gbk" --format md,csv >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c "错误：\|警告：" "$tmp/err")" -eq 1 ] &&
  grep -q '^.*/gbk/income.csv: 警告：不是UTF-8编码，已按GB18030（GBK）读取$' "$tmp/err" && ok ||
  bad "GBK income.csv: exit $rc $(cat "$tmp/err")"
cp -r "$EX" "$tmp/utf8" && "$JUE_BIN" build "$tmp/utf8" -o "$tmp/o-utf8" --format csv >/dev/null 2>&1
cmp -s "$tmp/o-gbk/gbk-t01.csv" "$tmp/o-utf8/utf8-t01.csv" && ok || bad "GBK income.csv: tables differ from the UTF-8 source"

# perf.yaml too
cp -r "$EX" "$tmp/gbkperf"
iconv -f UTF-8 -t GB18030 "$EX/perf.yaml" >"$tmp/gbkperf/perf.yaml"
"$JUE_BIN" build "$tmp/gbkperf" -o "$tmp/o-gbkperf" --format md >/dev/null 2>"$tmp/err"; rc=$?
"$JUE_BIN" build "$tmp/utf8" -o "$tmp/o-utf8md" --format md >/dev/null 2>&1
[ $rc -eq 0 ] && [ "$(grep -c "错误：\|警告：" "$tmp/err")" -eq 1 ] && grep -q 'perf.yaml: 警告：不是UTF-8编码，已按GB18030' "$tmp/err" &&
  cmp -s "$tmp/o-gbkperf/gbkperf-perf.md" "$tmp/o-utf8md/utf8-perf.md" && ok || bad "GBK perf.yaml: exit $rc $(cat "$tmp/err")"

# bytes that are neither: one error at the first of them, shown as \xNN
mkdir -p "$tmp/$(printf 'bad\xff')"
cp -r "$EX"/. "$tmp/$(printf 'bad\xff')/"
printf 'unit,source,code,amount\nbj,\xff\xfe\xff,2101501,1.00\n' >"$tmp/$(printf 'bad\xff')/income.csv"
"$JUE_BIN" build "$tmp/$(printf 'bad\xff')" -o "$tmp/o-bad" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 3 ] && utf8 "$tmp/err" && grep -q 'bad\\xFF/income.csv:2:4: 错误：不是UTF-8编码' "$tmp/err" &&
  [ "$(grep -c 'income.csv' "$tmp/err")" -eq 1 ] && ok || bad "not text: exit $rc $(cat -v "$tmp/err")"

# no budget.csv: the notes leave the year-start budget out, never "0.00";
# one warning, on the source directory; nothing printed twice
cp -r "$EX" "$tmp/nobud" && rm "$tmp/nobud/budget.csv"
"$JUE_BIN" build "$tmp/nobud" -o "$tmp/o-nobud" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && ! grep -q '年初预算为0.00\|决算数大于年初预算数\|完成年初预算的' "$tmp/o-nobud/nobud-notes.md" &&
  grep -q '支出决算为' "$tmp/o-nobud/nobud-notes.md" && ok || bad "no budget.csv: exit $rc, notes say a budget"
[ "$(grep -c "错误：\|警告：" "$tmp/err")" -eq 1 ] && grep -q 'nobud: 警告：没有 budget.csv' "$tmp/err" && ok ||
  bad "no budget.csv: want one warning: $(cat "$tmp/err")"
# with budget.csv the sentences are there
"$JUE_BIN" build "$EX" -o "$tmp/o-ex" --format md >/dev/null 2>&1
grep -q '年初预算为.*万元，支出决算为' "$tmp/o-ex/county-medical-security-2024-notes.md" && ok ||
  bad "example notes lost the year-start budget"

# a required file missing is an unreadable input: exit 2, and the rest is
# still checked
cp -r "$EX" "$tmp/noinc" && rm "$tmp/noinc/income.csv"
"$JUE_BIN" build "$tmp/noinc" -o "$tmp/o-noinc" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q 'noinc/income.csv: 错误：无法读取该文件' "$tmp/err" &&
  grep -q '^juesuan：错误：.*noinc：源目录缺少文件或文件无法读取，未写出任何文件$' "$tmp/err" && [ ! -e "$tmp/o-noinc" ] && ok ||
  bad "no income.csv: exit $rc $(cat "$tmp/err")"

# audit: what is no document is refused with one message, exit 2, and is
# one finding of its own on stdout (a batch lists it with the others)
: >"$tmp/empty.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >"$tmp/scan.png"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10' >"$tmp/notes.txt"
printf '%%PDF-1.4\n1 0 obj garbage\n' >"$tmp/broken.pdf"
printf 'PK\x03\x04\x14\0\0\0\0\0readme.txt' >"$tmp/bundle.zip"
for f in empty.txt scan.png notes.txt broken.pdf bundle.zip; do
  "$JUE_BIN" audit "$tmp/$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/out")" -eq 1 ] && grep -q "$f: 错误：无法读取，未审核：.* \[input.unreadable\]$" "$tmp/out" && utf8 "$tmp/err" && grep -q "$f: 错误：" "$tmp/err" &&
    grep -q "^juesuan：错误：.*$f：无法读取，未审核$" "$tmp/err" && ! grep -q '\[' "$tmp/err" && ok ||
    bad "audit $f: exit $rc $(cat -v "$tmp/err" "$tmp/out")"
done
grep -q 'PNG图片' <("$JUE_BIN" audit "$tmp/notes.txt" 2>&1) && ok || bad "a PNG named .txt is not read as text"

echo "inputs: $pass passed, $fail failed"
[ $fail -eq 0 ]
