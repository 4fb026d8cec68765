#!/usr/bin/env bash
# Documents in another province's or year's layout, and of years the
# catalog does not cover (issue 14, "confidence before accusation"). Yunnan's 2024 disclosures title 01 and 04 without 总
# (收入支出决算表, 财政拨款收入支出决算表), print 05 as an
# 一般公共预算财政拨款收入支出决算表 with other columns, add a 项目支出 table,
# and put 三公 in a 情况表; no 公开NN表 labels. Made here from our own
# document's `pdftotext -layout` text, so every figure is right: such a copy
# must give no error — 01 and 04 read under their other titles, a table of
# another layout bounds the one above it and is named as not checked, and a
# table of ours not found is a warning (complete.present-other), not
# 缺少公开NN表. The same text in our layout with a table missing still gives
# the error.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }

"$JUE_BIN" build "$EX" -o "$tmp/o" --format pdf >/dev/null 2>&1 || bad "build"
pdftotext -layout "$tmp/o/county-medical-security-2024-document.pdf" "$tmp/doc.txt" || bad "pdftotext"

python3 - "$tmp/doc.txt" "$tmp" <<'PY'
import re, sys
src, out = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().split("\n")
label = re.compile(r"^\s*公开0\d表\s*$")
def project_table():
    """A 项目支出 table by functional code, as pdftotext prints one (one
    position a character): its figures are not ours to check."""
    rows = [("", "合计", "100.00"), ("210", "卫生健康支出", "100.00"),
            ("21013", "医疗救助", "100.00"), ("2101301", "城乡医疗救助", "100.00")]
    t = ["", " " * 30 + "一般公共预算财政拨款项目支出决算表",
         "编制单位：青溪县医疗保障局" + " " * 40 + "金额单位：万元",
         "科目编码".ljust(10) + "科目名称".ljust(30) + "决算数".rjust(14)]
    t += [c.ljust(10) + n.ljust(30) + v.rjust(14) for c, n, v in rows]
    return t + ["", ""]
yn, missing, skip = [], [], False
for l in lines:
    if label.match(l):
        skip = l.strip() == "公开05表"   # 05 left out, from its label to 06's
        if l.strip() == "公开07表":
            yn += project_table()
    if not skip:
        missing.append(l)
    if label.match(l):
        continue
    yn.append(l.replace("收入支出决算总表", "收入支出决算表")
               .replace("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款收入支出决算表")
               .replace("财政拨款“三公”经费支出决算表", "财政拨款“三公”经费、行政参公单位机关运行经费情况表"))
open(out + "/yunnan.txt", "w", encoding="utf-8").write("\n".join(yn))
open(out + "/missing05.txt", "w", encoding="utf-8").write("\n".join(missing))
PY

Y="$tmp/yunnan.txt"
"$JUE_BIN" audit --format jsonl "$Y" >"$tmp/y.jsonl" 2>"$tmp/y.err"; rc=$?
[ $rc -eq 0 ] && ok || bad "the other layout: exit $rc: $(grep '"error"' "$tmp/y.jsonl" | head -3)"
[ "$(grep -c '"severity":"error"' "$tmp/y.jsonl")" -eq 0 ] && ok || bad "errors on a correct copy"
# 05 and 09 are printed in other forms: warnings, each naming the table
for t in T05 T09; do
  grep '"rule":"complete.present-other"' "$tmp/y.jsonl" | grep -q "\"table\":\"$t\"" && ok ||
    bad "no complete.present-other warning for $t"
done
[ "$(grep -c '"rule":"complete.present-other"' "$tmp/y.jsonl")" -eq 2 ] && ok ||
  bad "present-other for tables that are there: $(grep -o '"table":"T0[0-9]"' "$tmp/y.jsonl" | tr '\n' ' ')"
# the tables of another layout are named as not checked, in the findings (input.reading)
for t in 一般公共预算财政拨款项目支出决算表 一般公共预算财政拨款收入支出决算表; do
  grep '"rule":"input.reading","severity":"warning"' "$tmp/y.jsonl" | grep -q "《$t》不是本表式的公开表" && ok ||
    bad "no warning for $t: $(grep input.reading "$tmp/y.jsonl" | head -3)"
done
# 01 and 04 are read under their titles without 总: the notes tie to them
"$JUE_BIN" audit --trace "$Y" >"$tmp/y.trace" 2>&1
grep -q $'\t一致 公开01表 收入总计' "$tmp/y.trace" && ok || bad "收入总计 not tied to 01"
grep -q $'\t一致 公开04表 收入总计' "$tmp/y.trace" && ok || bad "财政拨款收入总计 not tied to 04"
# 06 above the 项目支出 table and 07 below it read whole
grep -q $'\t一致 公开06表 ' "$tmp/y.trace" && ok || bad "06 not read"
! grep -q '公开0[67]表.*没有读准' "$tmp/y.err" && ok || bad "06/07 set aside: $(grep 没有读准 "$tmp/y.err")"

# our own layout with 05 left out: still the error
"$JUE_BIN" audit --format jsonl "$tmp/missing05.txt" >"$tmp/m.jsonl" 2>/dev/null; rc=$?
[ $rc -eq 1 ] && ok || bad "missing 05 in our layout: exit $rc"
grep '"rule":"complete.present"' "$tmp/m.jsonl" | grep -q '"severity":"error"' && ok || bad "no complete.present error"

# a year the catalog does not cover (data/catalog: 2021–2025): the same
# document as of 2020 and of 2027 calls no code or name wrong (234, retired
# after 2025 in the catalog, was an error in 2027), and says once why
# nothing was checked against the catalog
for y in 2020 2027; do
  sed "s/2024/$y/g; s/2023/$((y-1))/g" "$tmp/doc.txt" >"$tmp/y$y.txt"
  "$JUE_BIN" audit --format jsonl "$tmp/y$y.txt" >"$tmp/y$y.jsonl" 2>/dev/null; rc=$?
  [ $rc -eq 0 ] && ok || bad "$y: exit $rc: $(grep '"error"' "$tmp/y$y.jsonl" | head -2)"
  [ "$(grep -c '"rule":"catalog.year"' "$tmp/y$y.jsonl")" -eq 1 ] && ok || bad "$y: no catalog.year warning"
done
"$JUE_BIN" audit --format jsonl "$tmp/doc.txt" >"$tmp/d.jsonl" 2>/dev/null
! grep -q '"rule":"catalog.year"' "$tmp/d.jsonl" && ok || bad "catalog.year in a covered year"
# a 项 named in the notes the way a year outside the catalog may name it: a doubt
printf '%s\n' "青溪县医疗保障局2020年度部门决算" "第三部分 2020年度部门决算情况说明" \
  "1.卫生健康支出（类）医疗保障管理事务（款）医疗保障专项事务（项）：支出决算为12.00万元。" >"$tmp/item.txt"
"$JUE_BIN" audit --format jsonl "$tmp/item.txt" >"$tmp/item.jsonl" 2>/dev/null; rc=$?
[ $rc -eq 0 ] && ok || bad "unknown 项 name in 2020: exit $rc: $(head -2 "$tmp/item.jsonl")"
grep '"rule":"claims.item-unlisted"' "$tmp/item.jsonl" | grep -q '不含2020年' && ok || bad "no item-unlisted warning naming the year"

echo "layouts: $pass passed, $fail failed"
[ $fail -eq 0 ]
