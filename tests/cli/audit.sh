#!/usr/bin/env bash
# juesuan audit and the audit step of juesuan build: exit codes, the three
# output formats, rule-file mistakes, profiles choosing a pack, and build
# refusing to write while the audit finds errors.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }

# the example audits clean in every format
"$JUE_BIN" audit "$EX" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && ok || bad "clean example: exit $rc, output: $(head -3 "$tmp/out" "$tmp/err")"
"$JUE_BIN" audit "$EX" --format jsonl >"$tmp/out" 2>&1 && [ ! -s "$tmp/out" ] && ok || bad "clean jsonl"
"$JUE_BIN" audit "$EX" --format html -o "$tmp/r.html" && grep -q '没有发现问题' "$tmp/r.html" &&
  grep -q 'id="T03-2101501-基本支出"' "$tmp/r.html" && ok || bad "clean html report"

# a document whose tables were read doubtfully: the HTML report says which tables were not checked, and
# each reading warning is among its findings, not only on the terminal
C="$JUE_SHARED/fixtures/real/shanghai-putuo-2025/culture-tourism-bureau.txt"
"$JUE_BIN" audit "$C" --format html -o "$tmp/ct.html" 2>"$tmp/ct.err"; rc=$?
[ $rc -eq 0 ] && grep -q '<b>未核对的表</b>：公开03表《支出决算表》、公开05表' "$tmp/ct.html" &&
  grep -q '公开06表《一般公共预算财政拨款基本支出决算表》没有读准，不据以核对.*\[input.reading\]' "$tmp/ct.html" &&
  ! grep -q '没有读准' "$tmp/ct.err" && ok || bad "unread tables in the HTML report: exit $rc, $(head -2 "$tmp/ct.err")"
"$JUE_BIN" audit "$EX" --format html -o "$tmp/r.html" && ! grep -q '未核对的表' "$tmp/r.html" && ok ||
  bad "unread tables named in a clean report"

# several documents in one HTML report: each one's cells keep ids of their own
# and every link lands on a cell that exists
L="$JUE_SHARED/fixtures/real/liling-medical-security-2022.txt" Z="$JUE_SHARED/fixtures/real/zhenan-medical-security-2023.txt"
"$JUE_BIN" audit "$L" "$Z" --format html -o "$tmp/two.html" >/dev/null 2>&1
if command -v python3 >/dev/null; then
  python3 - "$tmp/two.html" <<'PY' && ok || bad "two-document report: duplicate ids or dangling links"
import re, sys
x = open(sys.argv[1], encoding="utf-8").read()
ids = re.findall(r' id="([^"]+)"', x)
assert len(ids) > 1000 and len(ids) == len(set(ids)), "duplicate ids"
links = re.findall(r'href="#([^"]+)"', x)
assert any(l.startswith("d1-") for l in links), "no link into the second document"
assert all(l in set(ids) for l in links), [l for l in links if l not in set(ids)]
PY
fi

# three documents in one report: each section and each run of text holds its
# own document's findings only (as when audited alone), in argument order and
# in document order; a PDF's findings give the page (第N页), in Chinese
P="$JUE_SHARED/fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf"
T="$JUE_SHARED/fixtures/real/shanghai-putuo-2024/template-2024.pdf"
"$JUE_BIN" audit "$Z" "$L" "$P" >"$tmp/three.txt" 2>/dev/null
for x in "$Z" "$L" "$P"; do "$JUE_BIN" audit "$x" 2>/dev/null; done >"$tmp/each.txt"
cmp -s "$tmp/three.txt" "$tmp/each.txt" && ok || bad "three documents: not each document's findings in turn"
[ "$(cut -d: -f1 "$tmp/three.txt" | uniq | tr '\n' ' ')" = "$Z $L $P " ] && ok || bad "findings not grouped by document in argument order"
grep -q "^$P:第7页: 错误：“XX局”是模板中的占位文字，应替换为实际名称（应为 名称，实为 XX局） \[claims.placeholder\]$" "$tmp/three.txt" &&
  grep -q "^$P:第24页: 错误：2024年度决算中写的是“2023年12月31日”" "$tmp/three.txt" && ok || bad "PDF findings by page: $(grep -m3 "^$P" "$tmp/three.txt")"
! grep -qE '(error|warning|info)[:：]|expected |found ' "$tmp/three.txt" && ok || bad "English in findings: $(grep -m2 -E 'error|expected' "$tmp/three.txt")"
"$JUE_BIN" audit "$P" --format jsonl 2>/dev/null | grep -q '"rule":"claims.placeholder","severity":"error",.*"page":7,"line":null' && ok || bad "jsonl page"
"$JUE_BIN" audit "$Z" "$L" "$P" --format jsonl 2>/dev/null | grep -vc '"file":"[^"]' | grep -qx 0 && ok || bad "a jsonl finding without its file"
# document order: the pages (PDF) or lines (text) of one document never go back
places() { "$JUE_BIN" audit "$1" 2>/dev/null | sed -nE 's/^[^:]*:(第([0-9]+)页|([0-9]+)):.*/\2\3/p'; }
places "$T" | sort -n -c 2>/dev/null && places "$Z" | sort -n -c 2>/dev/null && [ "$(places "$T" | wc -l)" -gt 5 ] &&
  "$JUE_BIN" audit "$T" 2>/dev/null | grep -q ':第15页: 错误：“XX万”是模板中的占位文字' && ok || bad "findings not in document order: $(places "$T" | tr '\n' ' ')"
# the reader's own warnings on a PDF are findings (input.reading) that name the page, never our line counter,
# and are not printed again on stderr
"$JUE_BIN" audit "$T" 2>"$tmp/tpl.err" >"$tmp/tpl.out"
grep -q ':第12页: 警告：公开09表《财政拨款“三公”经费支出决算表》：有标题，但标题下没有表格行 \[input.reading\]' "$tmp/tpl.out" &&
  ! grep -qE '\.pdf:[0-9]+' "$tmp/tpl.out" && ! grep -q '标题下没有表格行' "$tmp/tpl.err" && ok ||
  bad "PDF reader warnings by page: $(grep input.reading "$tmp/tpl.out" | head -3) / $(head -3 "$tmp/tpl.err")"
# template text: once per sentence with a count ("上海市 XX 局" with its blanks
# too); amounts are not names
"$JUE_BIN" audit "$T" >"$tmp/tpl.txt" 2>/dev/null
[ "$(grep -c 'claims.placeholder' "$tmp/tpl.txt")" -le 60 ] && grep -q '第19页: 错误：同一句中留有模板中的占位文字共15处，应替换为实际的名称、金额和数字' "$tmp/tpl.txt" &&
  grep -q '“XX万”是模板中的占位文字，应替换为实际金额（应为 金额，实为 XX万）' "$tmp/tpl.txt" && ! grep -q 'XX万.*名称' "$tmp/tpl.txt" &&
  ok || bad "template placeholders: $(grep -c placeholder "$tmp/tpl.txt") findings"
if command -v python3 >/dev/null; then
  "$JUE_BIN" audit "$Z" "$L" "$P" --format html -o "$tmp/three.html" >/dev/null 2>&1
  for x in "$Z" "$L" "$P"; do "$JUE_BIN" audit "$x" --format html -o "$tmp/one-$(basename "$x").html" >/dev/null 2>&1; done
  python3 - "$tmp" "$Z" "$L" "$P" <<'PY' && ok || bad "three-document HTML report: sections hold other documents' findings"
import os, re, sys
tmp, docs = sys.argv[1], sys.argv[2:]
def items(html):
    return [re.sub(r'href="#(d\d+-)?', 'href="#', li) for li in re.findall(r'<li class=.*?</li>', html)]
x = open(os.path.join(tmp, "three.html"), encoding="utf-8").read()
secs = re.split(r'<section class="audit"[^>]*>', x)[1:]
assert len(secs) == 3
for k, (doc, sec) in enumerate(zip(docs, secs)):
    sec = sec.split("</section>")[0]
    assert "审核报告：" + doc in sec, k
    alone = open(os.path.join(tmp, "one-" + os.path.basename(doc) + ".html"), encoding="utf-8").read()
    assert items(sec) == items(alone), (k, len(items(sec)), len(items(alone)))
    for href in re.findall(r'href="#([^"]+)"', sec):   # links into this document's own tables
        assert href.startswith("d%d-" % k) if k else not re.match(r"d\d+-", href), (k, href)
    assert "error：" not in sec and "expected" not in sec
PY
fi

# a contents list of the documents; one that could not be read is never shown as clean
"$JUE_BIN" audit "$Z" "$tmp/nope.txt" --format html -o "$tmp/two-bad.html" >/dev/null 2>&1
grep -q '<a href="#doc-1">'"$tmp"'/nope.txt</a>：未能读取，未审核' "$tmp/two-bad.html" && ! grep -q '没有发现问题' "$tmp/two-bad.html" &&
  grep -q '<section class="audit" id="doc-1">' "$tmp/two-bad.html" && ok || bad "unreadable document in the HTML report"

# a local pack on top of the national one, with a failing rule
cat >"$tmp/local.rules" <<'R'
include national
rule local.cap error
  for r in T03[类]
  require T03[r].本年支出合计 <= 100
  message "{r} {name(r)} 支出 {lhs} 超过 100 万元"
rule local.quote warning
  require T01[收入总计] == 1
  message "引号 \" 反斜杠 \\ 制表	结束"
R
"$JUE_BIN" audit "$EX" --rules "$tmp/local.rules" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "failing rule: exit $rc, want 1"
grep -q "^$EX: T03\[210\].本年支出合计: 错误：210 卫生健康支出 支出 23,605.16 超过 100 万元（应为 ≤ 100，实为 23,605.16） \[local.cap\]$" "$tmp/out" \
  && ok || bad "text finding format: $(cat "$tmp/out")"
[ "$(wc -l <"$tmp/out")" -eq 3 ] && ok || bad "want 3 findings, got $(wc -l <"$tmp/out")"
"$JUE_BIN" audit "$EX" --rules "$tmp/local.rules" --format jsonl >"$tmp/out.jsonl"; rc=$?
[ $rc -eq 1 ] && ok || bad "jsonl exit $rc"
if command -v python3 >/dev/null; then
  python3 - "$tmp/out.jsonl" <<'PY' && ok || bad "jsonl not valid / fields missing"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 3, rows
for r in rows:
    for k in ("rule", "severity", "message", "file", "table", "row", "column", "expected", "actual"):
        assert k in r, (k, r)
    assert "line" in r or "page" in r
assert rows[0]["table"] == "T01" and rows[0]["rule"] == "local.quote", rows[0]
assert rows[0]["message"] == "引号 \" 反斜杠 \\ 制表\t结束", rows[0]["message"]
assert rows[1]["row"] == "210" and rows[1]["actual"] == "23,605.16" and rows[1]["expected"] == "≤ 100", rows[1]
assert rows[1]["line"] is None and rows[1]["column"] == "本年支出合计", rows[1]
PY
fi
"$JUE_BIN" audit "$EX" --rules "$tmp/local.rules" --format html -o "$tmp/f.html"; rc=$?
[ $rc -eq 1 ] && grep -q 'href="#T03-210-本年支出合计"' "$tmp/f.html" && grep -q '\[id="T03-210-本年支出合计"\]' "$tmp/f.html" &&
  grep -q 'href="#T01-inc-收入总计-决算数"' "$tmp/f.html" && ok || bad "html report links and highlights"

# mistakes in a rule file: all reported with carets, exit 3
printf 'rule a error\n  require T03[合计].基本支岀 == 1\nrule b eror\n  require T01[收入总计] == 1\n' >"$tmp/bad.rules"
"$JUE_BIN" audit "$EX" --rules "$tmp/bad.rules" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 3 ] && ok || bad "bad rules: exit $rc, want 3"
grep -q "bad.rules:2:19: 错误：T03没有“基本支岀”列" "$tmp/err" && grep -q "bad.rules:3:8: 错误：此处应为严重程度" "$tmp/err" &&
  grep -q '^   |                     \^$' "$tmp/err" && ok || bad "rule diagnostics: $(cat "$tmp/err")"

# usage and IO
"$JUE_BIN" audit >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no file: want 2"
"$JUE_BIN" audit "$tmp/nope" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing file: want 2"
"$JUE_BIN" audit "$EX" --format xml >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad format: want 2"
"$JUE_BIN" audit "$EX" --rules "$tmp/nope.rules" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing rules: want 2"
"$JUE_BIN" audit "$EX" --profile nope >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && grep -q '没有名为“nope”的方案（现有的方案：national、shanghai-2024）' "$tmp/err" &&
  ok || bad "unknown profile: want 2 and the profiles there are: $(cat "$tmp/err")"

# a profile chooses its pack (rules: key); build audits before writing
cp -r "$JUESUAN_DATA" "$tmp/data"
sed 's/^name: national/name: strict/' "$JUESUAN_DATA/profiles/national.yaml" >"$tmp/data/profiles/strict.yaml"
echo 'rules: strict' >>"$tmp/data/profiles/strict.yaml"
printf 'include national\nrule strict.small error\n  require T01[收入总计] <= 10000\n' >"$tmp/data/rules/strict.rules"
JUESUAN_DATA="$tmp/data" "$JUE_BIN" audit "$EX" --profile strict >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q 'strict.small' "$tmp/out" && ok || bad "profile rules: exit $rc $(cat "$tmp/out")"
# a rules: value that names no pack is refused where it stands (the auditor reads it from the
# profile it loaded, not from a second reading of the file)
sed 's/^name: national/name: slash/' "$JUESUAN_DATA/profiles/national.yaml" >"$tmp/data/profiles/slash.yaml"
echo 'rules: a/b' >>"$tmp/data/profiles/slash.yaml"
n=$(wc -l <"$tmp/data/profiles/slash.yaml")
JUESUAN_DATA="$tmp/data" "$JUE_BIN" audit "$EX" --profile slash >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 3 ] && grep -q "slash.yaml:$n:8: 错误：rules：应为data/rules/下的规则包名称" "$tmp/err" && ok ||
  bad "profile rules: a/b: exit $rc $(cat "$tmp/err")"
JUESUAN_DATA="$tmp/data" "$JUE_BIN" build "$EX" -o "$tmp/o1" --profile strict --format md >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 1 ] && [ ! -e "$tmp/o1" ] && grep -q '未写出任何文件' "$tmp/out" && ok || bad "build should refuse: exit $rc $(cat "$tmp/out")"
JUESUAN_DATA="$tmp/data" "$JUE_BIN" build "$EX" -o "$tmp/o2" --profile strict --format md --force >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 1 ] && [ -e "$tmp/o2/county-medical-security-2024.md" ] && ok || bad "build --force should write: exit $rc"
"$JUE_BIN" build "$EX" -o "$tmp/o3" --format md >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ -e "$tmp/o3/county-medical-security-2024.md" ] && ok || bad "clean build: exit $rc $(cat "$tmp/out")"

# real county disclosures: zhenan's real 06 error is found; liling's tables are clean
Z="${JUE_SHARED:-}/fixtures/real/zhenan-medical-security-2023.txt"
L="${JUE_SHARED:-}/fixtures/real/liling-medical-security-2022.txt"
if [ -f "$Z" ] && [ -f "$L" ]; then
  "$JUE_BIN" audit "$Z" >"$tmp/out" 2>&1; rc=$?
  [ $rc -eq 1 ] && grep -q ':624: 错误：06表 302 商品和服务支出 6.27 不等于所属各款之和 6.21（相差 0.06）' "$tmp/out" \
    && ok || bad "zhenan 06 error: exit $rc $(cat "$tmp/out")"
  # liling's tables are consistent (no table finding); its notes are not —
  # tests/cli/fixtures.sh lists every expected finding
  "$JUE_BIN" audit "$L" >"$tmp/out" 2>&1; rc=$?
  [ $rc -eq 1 ] && ! grep -q '\[T0\|\[complete\.\|\[catalog\.' "$tmp/out" && ok || bad "liling tables should audit clean: exit $rc $(cat "$tmp/out")"
fi

# a data file with mistakes stops the audit before any document: exit 3, the
# mistake in Chinese at its file, line and column (never an audit without the
# notes' lexicon that exits 0, nor an alias line skipped in silence, as once).
# The rule pack and the lexicon of one document audited alone are read when the
# document needs them (docs/performance.md, "Fourth cut"): their mistakes end
# that audit the same way.
for f in lexicon claims aliases catalog rules; do
  rm -rf "$tmp/bad" && cp -r "$JUESUAN_DATA" "$tmp/bad"
  case $f in
    lexicon) y="$tmp/bad/claims/lexicon.yaml"; sed -i '0,/phrase:/s//phrasee:/' "$y"
             want='lexicon\.yaml:[0-9]*:[0-9]*: 错误：subjects 的每一项都要有 phrase' ;;
    claims)  y="$tmp/bad/rules/claims.yaml"; printf 'checks:\n  claims.nosuch: error\n' >"$y"
             want='claims\.yaml:2:3: 错误：没有名为“claims\.nosuch”的说明核对' ;;
    aliases) y="$tmp/bad/import/aliases.tsv"; printf 'titel\tT01\t-\t收入支出表\t\n' >>"$y"
             want='aliases\.tsv:[0-9]*:1: 错误：不是别名行' ;;
    catalog) y="$tmp/bad/catalog/economic.csv"; printf '30A01,坏编码,2021,,s\n' >>"$y"
             want='economic\.csv:[0-9]*:1: 错误：编码“30A01”有误' ;;
    rules)   y="$tmp/bad/rules/national.rules"; printf 'rule broken.x error\n  require T01[收入总计] <=\n' >>"$y"
             want='national\.rules:[0-9]*:[0-9]*: 错误：此处应为数字' ;;
  esac
  JUESUAN_DATA="$tmp/bad" "$JUE_BIN" audit "$L" >"$tmp/out" 2>&1; rc=$?
  [ $rc -eq 3 ] && grep -q "^$y" "$tmp/out" && grep -q "$want" "$tmp/out" && grep -q '未审核任何文件' "$tmp/out" &&
    ! grep -q '\[claims\.\|\[input\.' "$tmp/out" && ok || bad "broken $f data: exit $rc $(head -5 "$tmp/out")"
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
