#!/usr/bin/env bash
# A province's variant is data: `build --profile shanghai-2024` writes the
# complete document in the order and wording of the Shanghai 2024 template
# (三公 as table 7, no 公开NN表 labels, the Shanghai 概况, notes and glossary,
# no 第五部分), and what it writes audits clean with and without the profile.
# A mistake in a profile file is reported at file:line:col (exit 3).
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
N=county-medical-security-2024
O="$tmp/sh/$N"

"$JUE_BIN" build "$EX" -o "$tmp/sh" --profile shanghai-2024 >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "build --profile shanghai-2024: exit $rc $(cat "$tmp/out")"
for f in "$O-document.html" "$O-document.pdf" "$O-document.docx" "$O-notes.md" "$O.html" "$O.xlsx"; do
  [ -s "$f" ] && ok || bad "not written: $f"
done

# the tables in the Shanghai order: 一 … 六, 七 三公, 八 政府性基金, 九 国有资本经营
want="收入支出决算总表 收入决算表 支出决算表 财政拨款收入支出决算总表 一般公共预算财政拨款支出决算表 \
一般公共预算财政拨款基本支出决算表 财政拨款“三公”经费支出决算表 政府性基金预算财政拨款收入支出决算表 \
国有资本经营预算财政拨款收入支出决算表"
order() { grep -o '<section class="sheet[^"]*" id="T0[1-9]">\(<div class="label">[^<]*</div>\)\?<h2>[^<]*</h2>' "$1" |
          sed 's/.*<h2>\(.*\)<\/h2>/\1/' | tr '\n' ' ' | sed 's/ $//'; }
# (the section, its optional label and the title are on consecutive lines: join them first)
tr -d '\n' <"$O-document.html" >"$tmp/doc1.html"
tr -d '\n' <"$O.html" >"$tmp/tab1.html"
[ "$(order "$tmp/doc1.html")" = "$want" ] && ok || bad "document order: $(order "$tmp/doc1.html")"
[ "$(order "$tmp/tab1.html")" = "$want" ] && ok || bad "tables page order: $(order "$tmp/tab1.html")"
if command -v unzip >/dev/null; then
  unzip -p "$O-document.docx" word/document.xml >"$tmp/doc.xml"
  grep -q '七、财政拨款“三公”经费支出决算表' "$tmp/doc.xml" && grep -q '八、政府性基金预算财政拨款收入支出决算表' "$tmp/doc.xml" &&
    ok || bad "docx contents: the tables not numbered in the Shanghai order"
  # the workbook's sheets, named by title (no label to name them), in order
  unzip -p "$O.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' |
    tr '\n' ' ' | sed 's/ $//' >"$tmp/sheets"
  [ "$(cat "$tmp/sheets")" = "$want" ] && ok || bad "xlsx sheets: $(cat "$tmp/sheets")"
fi
if command -v pdftotext >/dev/null; then
  pdftotext "$O-document.pdf" - 2>/dev/null | tr -d '\f' >"$tmp/doc.txt"
  a=$(grep -n '^财政拨款“三公”经费支出决算表$' "$tmp/doc.txt" | tail -1 | cut -d: -f1)
  b=$(grep -n '^政府性基金预算财政拨款收入支出决算表$' "$tmp/doc.txt" | tail -1 | cut -d: -f1)
  [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] && ok || bad "pdf: 三公 ($a) not before 政府性基金 ($b)"
  grep -q '公开0[1-9]表' "$tmp/doc.txt" && bad "pdf prints 公开NN表 labels" || ok
fi

# no 公开NN表 label anywhere (the Shanghai tables print their title only)
for f in "$O-document.html" "$O.html" "$O.md" "$tmp/doc.xml"; do
  [ -f "$f" ] || continue
  grep -q '公开0[1-9]表' "$f" && bad "a 公开NN表 label in $f" || ok
done

# the Shanghai forms: no 行次 columns, 项目 | 决算数 in table 一
grep -q '>行次<' "$O.html" && bad "a 行次 column in the Shanghai tables" || ok
grep -q '<th>决算数</th>' "$O.html" && ok || bad "table 一 without its 决算数 column"

# the Shanghai 概况, notes and glossary; no 第五部分
for s in '一、主要职能' '二、部门决算单位构成' '从预算单位构成看，青溪县医疗保障局部门决算包括' '<th' \
         '青溪县医疗保障局2024年度收入支出总计24024.22万元。与2023年度相比，收入支出总计增加1538.10万元，增长6.84%。' \
         '社会保障和就业支出（类）91.21万元，占0.39%' \
         '决算数大于预算数的主要原因：缴费基数调整。' \
         '（一）“三公”经费财政拨款支出决算总体情况说明' \
         '十、预算绩效管理情况' '绩效评级为“合格”的项目0个' \
         '十一、其他重要事项说明' '（一）机关运行经费支出情况' '（三）国有资产占有使用情况说明' \
         '青溪县医疗保障局2024年度无国有资本经营预算财政拨款收入和支出。' \
         '十一、机关运行经费：指行政单位和参照公务员法管理的事业单位'; do
  grep -qF "$s" "$O-document.html" && ok || bad "document lacks: $s"
done
grep -q '第五部分' "$O-document.html" && bad "a 第五部分 in the Shanghai document" || ok
grep -q '一般性支出' "$O-notes.md" && bad "the national 一般性支出 section in the Shanghai notes" || ok

# above each table "单位：万元" alone (no 编制单位 line); under it the template's
# 注, before an empty table's 说明 (table 九, 国有资本经营, has no data)
for f in "$O-document.html" "$O.html"; do
  grep -q '编制单位' "$f" && bad "a 编制单位 line in $(basename "$f")" || ok
  [ "$(grep -c '<span>单位：万元</span>' "$f")" -eq 9 ] && ok || bad "$(basename "$f"): not 9 单位：万元 lines"
  for s in '注：本表反映部门本年度的总收支和年末结转结余情况。' '注：本表反映部门本年度取得的各项收入情况。' \
           '注：本表反映部门本年度各项支出情况。' '注：本表反映部门本年度财政拨款总收支和结转结余情况。' \
           '注：本表反映部门本年度一般公共预算财政拨款支出情况。' '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。' \
           '注：本表反映部门本年度“三公”经费支出预决算情况。' \
           '注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。'; do
    [ "$(grep -cF "<p class=\"note\">$s</p>" "$f")" -eq 1 ] && ok || bad "$(basename "$f") lacks (once): $s"
  done
  tr -d '\n' <"$f" | grep -qF '<p class="note">注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。</p><p class="note empty">说明：青溪县医疗保障局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。</p>' &&
    ok || bad "$(basename "$f"): the 注 of table 九 not just before its 说明"
done
if command -v pdftotext >/dev/null; then
  grep -q '编制单位' "$tmp/doc.txt" && bad "a 编制单位 line in the pdf" || ok
  [ "$(grep -c '^注：本表反映部门本年度' "$tmp/doc.txt")" -eq 9 ] && ok || bad "pdf: not 9 注 lines"
fi
if [ -f "$tmp/doc.xml" ]; then
  grep -q '编制单位' "$tmp/doc.xml" && bad "a 编制单位 line in the docx" || ok
  [ "$(grep -o '注：本表反映部门本年度' "$tmp/doc.xml" | wc -l)" -eq 9 ] && ok || bad "docx: not 9 注 lines"
fi

# every output audits clean, with the profile and without it
for f in "$O-document.html" "$O-document.docx" "$O-document.pdf" "$O.xlsx"; do
  for p in "--profile shanghai-2024" ""; do
    # shellcheck disable=SC2086
    "$JUE_BIN" audit $p "$f" >"$tmp/out" 2>&1; rc=$?
    [ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && ok || bad "audit $p $(basename "$f"): exit $rc $(head -5 "$tmp/out")"
  done
done
# the notes round trip: every figure read is checked or said why not, none disagrees
"$JUE_BIN" audit --trace --profile shanghai-2024 "$O-document.html" >"$tmp/trace" 2>&1
tail -1 "$tmp/trace" | grep -q '（其中 0 个不符）' && ok || bad "trace: $(tail -1 "$tmp/trace")"
grep -q $'\t不符' "$tmp/trace" && bad "trace: a figure disagrees: $(grep $'\t不符' "$tmp/trace" | head -3)" || ok

# a department of one unit prints 机构设置 in place of the units table (the
# template's own rule, one_unit: in the profile)
cp -r "$EX" "$tmp/one"
python3 - "$tmp/one/department.yaml" <<'PY' 2>/dev/null || sed -i '/^  - id: zx$/,/^    type: /d' "$tmp/one/department.yaml"
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(re.sub(r"  - id: zx\n    name: [^\n]*\n    type: [^\n]*\n", "", s))
PY
sed -i 's/^zx,/bj,/' "$tmp/one/"*.csv
"$JUE_BIN" build "$tmp/one" -o "$tmp/one-out" --profile shanghai-2024 --format html >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q '>二、机构设置</h2>' "$tmp/one-out/one-document.html" &&
  ! grep -q '部门决算单位构成' "$tmp/one-out/one-document.html" && ok || bad "one unit: exit $rc $(head -3 "$tmp/out")"

# the national build is unchanged in kind: labels, national order, 第五部分
"$JUE_BIN" build "$EX" -o "$tmp/nat" --format html >"$tmp/out" 2>&1
grep -q '<div class="label">公开09表</div>' "$tmp/nat/$N-document.html" && grep -q '第五部分' "$tmp/nat/$N-document.html" &&
  ok || bad "national document lost its labels or 第五部分"
# … and its tables keep the 编制单位 line, with no 注 under them
[ "$(grep -c '<div class="meta"><span>编制单位：青溪县医疗保障局</span><span>金额单位：万元</span></div>' "$tmp/nat/$N-document.html")" -eq 9 ] &&
  ! grep -q '注：本表反映' "$tmp/nat/$N-document.html" && ok || bad "national document: 编制单位 lines or 注"

# an unknown profile is a usage error; a bad profile file is reported at file:line:col
"$JUE_BIN" build "$EX" -o "$tmp/x" --profile nosuch >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "没有名为“nosuch”的方案（现有的方案：national、shanghai-2024）" "$tmp/out" && ok || bad "unknown profile: exit $rc $(cat "$tmp/out")"
cp -r "$JUESUAN_DATA" "$tmp/data"
sed 's/^table_label: none/table_lable: none/' "$tmp/data/profiles/shanghai-2024.yaml" >"$tmp/data/profiles/typo.yaml"
line=$(grep -n '^table_lable' "$tmp/data/profiles/typo.yaml" | cut -d: -f1)
JUESUAN_DATA="$tmp/data" "$JUE_BIN" build "$EX" -o "$tmp/y" --profile typo >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 3 ] && grep -q "profiles/typo.yaml:$line:1: 错误：未知的键“table_lable”" "$tmp/out" && [ ! -e "$tmp/y" ] &&
  ok || bad "bad profile key: exit $rc $(cat "$tmp/out")"

# table_notes: a table id that does not exist is reported where it is written
sed 's/^  T03: "注：/  T13: "注：/' "$tmp/data/profiles/shanghai-2024.yaml" >"$tmp/data/profiles/t13.yaml"
line=$(grep -n '^  T13: ' "$tmp/data/profiles/t13.yaml" | cut -d: -f1)
JUESUAN_DATA="$tmp/data" "$JUE_BIN" build "$EX" -o "$tmp/z" --profile t13 >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 3 ] && grep -q "profiles/t13.yaml:$line:3: 错误：table_notes：键须为 T01–T09，值须为文字" "$tmp/out" &&
  [ ! -e "$tmp/z" ] && ok || bad "bad table_notes id: exit $rc $(cat "$tmp/out")"

echo "shanghai: $pass passed, $fail failed"
[ $fail -eq 0 ]
