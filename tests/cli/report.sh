#!/usr/bin/env bash
# juesuan report: the overview of a store as HTML (sortable, each row linking
# to the document's own report, which exists), CSV and XLSX (numbers as
# numbers), the same rows and figures in all three and in the store, the
# year before beside each year; names escaped everywhere (a department
# called <script> is text; one called =1+1 no formula).
set -u
R="$JUE_SHARED/fixtures/real"
L="$R/liling-medical-security-2022.txt"
Z="$R/zhenan-medical-security-2023.txt"
P="$R/shanghai-putuo-2024/finance-bureau.pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
S="$tmp/s.db"
EVIL='<script>alert("x")</script>&局'

# two years of a department with a hostile name, and two ordinary documents
"$JUE_BIN" store add --store "$S" --department "$EVIL" --year 2023 "$L" >/dev/null 2>&1
cp "$Z" "$tmp/z.txt"
"$JUE_BIN" store add --store "$S" --department "$EVIL" --year 2024 "$tmp/z.txt" >/dev/null 2>&1
cp "$Z" "$tmp/formula.txt"; echo >>"$tmp/formula.txt"
"$JUE_BIN" store add --store "$S" --department "=1+1局" --year 2024 "$tmp/formula.txt" >/dev/null 2>&1
mkdir -p "$tmp/docs"; cp "$L" "$P" "$tmp/docs/"
"$JUE_BIN" audit --store "$S" "$tmp/docs" >/dev/null 2>&1
"$JUE_BIN" store export --store "$S" --what documents --format json -o "$tmp/docs.json"

O="$tmp/out"
"$JUE_BIN" report --store "$S" -o "$O" >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "report exit $rc: $(cat "$tmp/log")"
for f in index.html overview.csv overview.xlsx; do [ -s "$O/$f" ] && ok || bad "no $f"; done
ls -a "$O" | grep -q '\.tmp\|~' && bad "temporary files left: $(ls -a "$O")" || ok

python3 - "$O" "$tmp/docs.json" <<'PY' && ok || bad "overview content"
import csv, json, os, re, sys, zipfile, html
o, docs = sys.argv[1], json.load(open(sys.argv[2]))
evil = '<script>alert("x")</script>&局'
rows = list(csv.DictReader(open(o + "/overview.csv", encoding="utf-8")))
# one row per department-year, its figures those of the store
years = {(d["department"], d["year"]) for d in docs}
assert len(rows) == len(years) == 4, (len(rows), years)   # liling is stored once (as the 2023)
by = {(r["单位"], int(r["年度"])): r for r in rows}
for d in docs:
    r = by[(d["department"] if not d["department"].startswith("=") else "'" + d["department"], d["year"])]
    assert int(r["错误"]) == d["errors"] and int(r["警告"]) == d["warnings"], (r, d)
# the kinds add up to the totals
for r in rows:
    ke = sum(int(v) for k, v in r.items() if k.endswith("错误") and k not in ("错误", "上年错误"))
    assert ke == int(r["错误"]), r
# the year before beside the year
e23, e24 = by[(evil, 2023)], by[(evil, 2024)]
assert e24["上年错误"] == e23["错误"] and int(e24["错误增减"]) == int(e24["错误"]) - int(e23["错误"]), e24
assert e23["上年错误"] == "" and e23["错误增减"] == ""
assert int(e24["跨年警告"]) > 0, "no cross-year finding against the stored 2023"
# no formula in the CSV
assert by[("'=1+1局", 2024)], rows
# HTML: the name as text, one script (ours), a header per column, every link a file
h = open(o + "/index.html", encoding="utf-8").read()
assert "alert" in h and '<script>alert' not in h and h.count("<script>") == 1, "name not escaped"
assert html.escape(evil, quote=True).replace("&#x27;", "'") in h, "escaped name missing"
heads = re.findall(r"<th>(.*?)</th>", h)
assert heads == list(rows[0].keys())[:-1], (heads, list(rows[0].keys()))
links = re.findall(r'href="(doc-\d+\.html)"', h)
assert len(links) == len(rows) and all(os.path.exists(o + "/" + l) for l in links), links
assert 'data-v="' in h and "onclick" in h
one = open(o + "/" + links[0], encoding="utf-8").read()
assert 'href="index.html"' in one and "<script>alert" not in one
# XLSX: the same rows; counts as numbers, names as (escaped) strings
z = zipfile.ZipFile(o + "/overview.xlsx")
sheet = z.read("xl/worksheets/sheet1.xml").decode()
sst = [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
cells = re.findall(r'<c r="([A-Z]+)(\d+)"([^>]*)>(?:<v>([^<]*)</v>)?', sheet)
grid = {}
for col, row, attrs, v in cells:
    grid[(int(row), col)] = sst[int(v)] if 't="s"' in attrs else float(v)
assert grid[(1, "A")] == "单位" and grid[(1, "D")] == "错误"
names = {grid[(i, "A")] for i in range(2, len(rows) + 2)}
assert evil in names and "=1+1局" in names, names
for i in range(2, len(rows) + 2):
    assert isinstance(grid[(i, "C")], float) and isinstance(grid[(i, "D")], float), "a count stored as text"
    r = by[(grid[(i, "A")] if not grid[(i, "A")].startswith("=") else "'" + grid[(i, "A")], int(grid[(i, "C")]))]
    assert int(grid[(i, "D")]) == int(r["错误"])
# the 报告 column links each row to its report beside the workbook
rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
targets = re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)
assert sorted(targets) == sorted(links), (targets, links)
PY

# again into the same folder: replaced whole
"$JUE_BIN" report --store "$S" -o "$O" >/dev/null 2>&1 && ok || bad "second report"
# not a store, no -o, an empty store
echo "x" >"$tmp/not.db"
"$JUE_BIN" report --store "$tmp/not.db" -o "$tmp/o2" >/dev/null 2>&1; [ $? -eq 3 ] && ok || bad "a text file as store"
"$JUE_BIN" report --store "$S" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no -o"
"$JUE_BIN" report --store "$tmp/empty.db" -o "$tmp/o3" >/dev/null 2>&1 && grep -q '0 个单位年度' "$tmp/o3/index.html" && ok || bad "an empty store"

echo "report: $pass passed, $fail failed"
[ $fail -eq 0 ]
