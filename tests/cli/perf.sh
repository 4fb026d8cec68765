#!/usr/bin/env bash
# The 绩效自评 in `juesuan build`: perf.yaml is checked with the rest of the
# source before anything is written (mistakes as file:line:col, exit 3), the
# outputs follow --format, the notes' 预算绩效 paragraph is computed from
# perf.yaml, and what is written audits clean.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
N=county-medical-security-2024

# a copy of the example with one mistake in perf.yaml and one in income.csv:
# both reported in one run, nothing written
cp -r "$EX" "$tmp/$N"
sed -i 's/weight: 15 }$/weight: 15x }/' "$tmp/$N/perf.yaml"
line=$(grep -n 'weight: 15x' "$tmp/$N/perf.yaml" | head -1 | cut -d: -f1)
"$JUE_BIN" build "$tmp/$N" -o "$tmp/out1" >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 3 ] && ok || bad "perf.yaml mistake: exit $rc, want 3"
grep -qE "perf\.yaml:$line:[0-9]+: 错误：权重“15x”" "$tmp/log" && ok || bad "no perf.yaml:$line:col diagnostic: $(cat "$tmp/log")"
grep -q "未写出任何文件" "$tmp/log" && ok || bad "no '未写出任何文件'"
[ ! -e "$tmp/out1" ] || [ -z "$(ls -A "$tmp/out1")" ] && ok || bad "files written: $(ls "$tmp/out1")"

# a project whose 全年执行数 is not what expenditure.csv spends on it
cp "$EX/perf.yaml" "$tmp/$N/perf.yaml"
sed -i 's/executed: 1520000.00/executed: 1530000.00/' "$tmp/$N/perf.yaml"
line=$(grep -n 'executed: 1530000.00' "$tmp/$N/perf.yaml" | cut -d: -f1)
"$JUE_BIN" build "$tmp/$N" -o "$tmp/out2" >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 3 ] && grep -qE "perf\.yaml:$line:[0-9]+: 错误：项目“离休干部医疗补助”：全年执行数1,530,000.00元，而 expenditure.csv 中该项目的支出为1,520,000.00元" "$tmp/log" &&
  [ ! -e "$tmp/out2" ] && ok || bad "ledger mismatch: exit $rc $(cat "$tmp/log")"

# an indicator that lost points without its 偏差原因: one warning at its line, the
# build goes on; the example itself gives none
"$JUE_BIN" build "$EX" -o "$tmp/out0" --format md >"$tmp/log" 2>&1
! grep -q "偏差原因" "$tmp/log" && ok || bad "the example warns: $(grep 偏差原因 "$tmp/log")"
cp "$EX/perf.yaml" "$tmp/$N/perf.yaml"
sed -i 's/, reason: 部分事项待省级平台开通 }/ }/' "$tmp/$N/perf.yaml"
line=$(grep -n '经办服务事项网上可办率' "$tmp/$N/perf.yaml" | cut -d: -f1)
"$JUE_BIN" build "$tmp/$N" -o "$tmp/out4" --format md >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '偏差原因' "$tmp/log")" = 1 ] &&
  grep -q "perf\.yaml:$line:1: 警告：项目自评表的指标“经办服务事项网上可办率”扣了分（得.*分，满分15.00分），但没有写偏差原因" "$tmp/log" &&
  ok || bad "no warning for a lost point without reason: exit $rc $(cat "$tmp/log")"

# self-evaluations of another year
cp "$EX/perf.yaml" "$tmp/$N/perf.yaml"
sed -i 's/^year: 2024$/year: 2023/' "$tmp/$N/perf.yaml"
line=$(grep -n '^year: 2023' "$tmp/$N/perf.yaml" | cut -d: -f1)
"$JUE_BIN" build "$tmp/$N" -o "$tmp/out3" >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 3 ] && grep -qE "perf\.yaml:$line:7: 错误：绩效自评的年度为2023年，决算的年度为2024年" "$tmp/log" &&
  [ ! -e "$tmp/out3" ] && ok || bad "year mismatch: exit $rc $(cat "$tmp/log")"

# --format picks the 绩效自评 outputs too
for f in md html xlsx pdf; do
  "$JUE_BIN" build "$EX" -o "$tmp/f-$f" --format $f >"$tmp/log" 2>&1 || bad "build --format $f: $(cat "$tmp/log")"
  got=$(ls "$tmp/f-$f" | grep -- '-perf\.' | tr '\n' ' ')
  case $f in
    md) want="$N-perf.md " ;; html) want="$N-perf.html " ;; xlsx) want="$N-perf.xlsx " ;; pdf) want="" ;;
  esac
  [ "$got" = "$want" ] && ok || bad "--format $f wrote perf files '$got', want '$want'"
done
# the workbook: one sheet per evaluation, read back by the XLSX door, clean
unzip -l "$tmp/f-xlsx/$N-perf.xlsx" | grep -c 'xl/worksheets/sheet[0-9]*.xml' | grep -qx 5 && ok || bad "perf.xlsx sheets"
"$JUE_BIN" audit "$tmp/f-xlsx/$N-perf.xlsx" >"$tmp/log" 2>/dev/null
# its one finding says that only the 自评表 was checked (a workbook without the nine tables)
[ "$(cat "$tmp/log")" = "$tmp/f-xlsx/$N-perf.xlsx: 警告：没有找到九张公开表中的任何一张：只审核文字和绩效自评表 [input.reading]" ] && ok ||
  bad "perf.xlsx audit: $(head -3 "$tmp/log")"
# the same with a 总分 changed in the workbook: the audit sees it
mkdir -p "$tmp/x" && (cd "$tmp/x" && unzip -q "$tmp/f-xlsx/$N-perf.xlsx")
# figures are numbers with number formats, not text: no figure among the
# shared strings (computed figures have two decimals; the 实际完成值 stay as
# written), 执行率 0.9977 shown as 0.00%, amounts as #,##0.00
grep -Eq '<t>[0-9,]+\.[0-9]{2}%?</t>' "$tmp/x/xl/sharedStrings.xml" && bad "perf.xlsx figures stored as text" || ok
grep -q '<v>0.9977</v>' "$tmp/x/xl/worksheets/sheet1.xml" && grep -q 'formatCode="0.00%"' "$tmp/x/xl/styles.xml" &&
  grep -q '<v>23865.52</v>' "$tmp/x/xl/worksheets/sheet1.xml" && grep -q 'formatCode="#,##0.00"' "$tmp/x/xl/styles.xml" &&
  ok || bad "perf.xlsx figures not numbers with formats"
grep -q '<v>98.48</v>' "$tmp/x/xl/worksheets/sheet1.xml" && sed -i 's|<v>98.48</v>|<v>88.48</v>|' "$tmp/x/xl/worksheets/sheet1.xml" &&
  (cd "$tmp/x" && zip -q -r "$tmp/planted.xlsx" .) && ok || bad "cannot plant in perf.xlsx"
"$JUE_BIN" audit "$tmp/planted.xlsx" 2>/dev/null | grep -q '\[perf.total\]' && ok || bad "planted 总分 not found in perf.xlsx"

# the notes: 预算绩效 computed from perf.yaml (4 projects, 2.25亿), not the old text
grep -q '开展绩效自评的项目4个，涉及全年预算数22,505.00万元' "$tmp/f-md/$N-notes.md" && ok || bad "notes 预算绩效 not computed"
grep -q '7个项目' "$tmp/f-md/$N-notes.md" && bad "notes still say 7个项目" || ok

echo "perf: $pass passed, $fail failed"
[ $fail -eq 0 ]
