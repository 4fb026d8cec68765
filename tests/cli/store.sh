#!/usr/bin/env bash
# juesuan store as a user runs it: add a source and published documents,
# list, show, export (CSV and JSON parse), skip what is stored, merge a
# renamed department, refuse what is not a store; and durability: `store add`
# killed with -9 at random moments leaves every document either fully stored
# or absent (store check: the integrity check and every document's counts).
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
R="$JUE_SHARED/fixtures/real"
L="$R/liling-medical-security-2022.txt"
Z="$R/zhenan-medical-security-2023.txt"
P="$R/shanghai-putuo-2024/finance-bureau.pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
S="$tmp/j.db"
J() { "$JUE_BIN" store "$@" --store "$S"; }

# what the store keeps is what the audit finds
"$JUE_BIN" audit --format jsonl "$L" >"$tmp/l.jsonl" 2>/dev/null
LE=$(grep -c '"severity":"error"' "$tmp/l.jsonl"); LW=$(grep -c '"severity":"warning"' "$tmp/l.jsonl")
LN=$(grep -c '^{' "$tmp/l.jsonl")
[ "$LE" -gt 0 ] && ok || bad "liling has no error findings to store"
J add "$EX" "$L" "$Z" "$P" >"$tmp/add" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "add exit $rc: $(cat "$tmp/add")"
[ "$(grep -c '^已存入' "$tmp/add")" -eq 4 ] && ok || bad "not 4 stored: $(cat "$tmp/add")"
grep -q "^已存入：醴陵市/醴陵市医疗保障局 2022年度.*（错误${LE}个，警告${LW}个）" "$tmp/add" && ok || bad "liling line: $(grep 醴陵 "$tmp/add")"
grep -q '^已存入：上海市普陀区/上海市普陀区财政局 2024年度' "$tmp/add" && ok || bad "Shanghai department from its title"
J add "$L" >"$tmp/again" 2>&1
grep -q '^已在存储中' "$tmp/again" && ok || bad "a stored file is stored again: $(cat "$tmp/again")"
J list >"$tmp/list"
[ "$(tail -n +2 "$tmp/list" | wc -l)" -eq 4 ] && ok || bad "list: $(cat "$tmp/list")"
grep -q $'^青溪县/青溪县医疗保障局\t2024\t0\t0\t编制数据' "$tmp/list" && ok || bad "source row in list"
J list 醴陵市医疗保障局 >"$tmp/one"
[ "$(tail -n +2 "$tmp/one" | wc -l)" -eq 1 ] && ok || bad "list of one department"
J show 醴陵市医疗保障局 2022 >"$tmp/show" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "show exit $rc"
grep -q '公开01表 收入总计：51,448.55万元' "$tmp/show" && ok || bad "show totals: $(head -12 "$tmp/show")"
[ "$(grep -c '\[[a-zA-Z0-9.-]*\]$' "$tmp/show")" -eq "$LN" ] && ok || bad "show: not the $LN findings of the audit"
J show 醴陵市医疗保障局 2030 >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] && ok || bad "show of a missing year"
grep -q '没有' "$tmp/err" && ok || bad "missing year message: $(cat "$tmp/err")"

# exports parse and agree with the list
J export --what documents --format json -o "$tmp/docs.json" && ok || bad "export documents"
J export --what facts --format csv 醴陵市医疗保障局 2022 -o "$tmp/facts.csv" && ok || bad "export facts"
J export --what findings --format json >"$tmp/find.json" && ok || bad "export findings"
python3 - "$tmp" "$LE" "$LN" <<'PY' && ok || bad "exports do not parse or disagree"
import csv, json, sys
t, le, ln = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
docs = json.load(open(t + "/docs.json"))
assert len(docs) == 4, docs
li = [d for d in docs if d["department"] == "醴陵市医疗保障局"][0]
assert li["errors"] == le and li["findings"] == ln and li["year"] == 2022 and len(li["sha256"]) == 64
rows = list(csv.DictReader(open(t + "/facts.csv", encoding="utf-8")))
assert len(rows) == li["facts"], (len(rows), li["facts"])
tot = [r for r in rows if r["table_no"] == "1" and r["row_key"] == "收入总计" and r["column_key"] == "决算数"]
assert tot and tot[0]["printed_wan"] == "51448.55", tot
finds = json.load(open(t + "/find.json"))
assert sum(1 for f in finds if f["department_key"] == li["department_key"]) == ln
PY
J export --what nothing >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown export"

# a renamed department
J merge 醴陵市医疗保障局 镇安县医疗保障局 >/dev/null 2>&1 && ok || bad "merge"
[ "$(J list 镇安县医疗保障局 | tail -n +2 | wc -l)" -eq 2 ] && ok || bad "merged department lists both years"
J check >/dev/null && ok || bad "check after merge"

# not a store
echo "不是数据库" >"$tmp/text.db"
"$JUE_BIN" store list --store "$tmp/text.db" >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] && ok || bad "a text file taken as a store"
grep -q '不是juesuan存储文件' "$tmp/err" && ok || bad "message for a non-store: $(cat "$tmp/err")"
"$JUE_BIN" store frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown subcommand"

# across years: this year's 比上年 changes against last year's stored
# disclosure. A made-up "2023" (our 2024 document stored as 2023: the same
# totals) makes every stated change on the totals wrong, with both places.
"$JUE_BIN" build "$EX" -o "$tmp/doc" --format html,pdf >/dev/null 2>&1
X="$tmp/x.db"
"$JUE_BIN" store add --store "$X" --year 2023 "$tmp/doc/county-medical-security-2024-document.html" >/dev/null 2>&1
"$JUE_BIN" store add --store "$X" "$tmp/doc/county-medical-security-2024-document.pdf" >"$tmp/xa" 2>&1
grep -q '警告[1-9]' "$tmp/xa" && ok || bad "no cross-year warning stored: $(cat "$tmp/xa")"
"$JUE_BIN" store show --store "$X" 青溪县医疗保障局 2024 >"$tmp/xs"
grep -q '说明中收入总计比上年增加1538.10万元；本年公开01表“收入总计”决算数为24,024.22万元（第[0-9]*页），上年度决算（.*document.html，第[0-9]*行）为24,024.22万元，实际持平' "$tmp/xs" \
  && ok || bad "cross-year finding with both places: $(grep cross-year "$tmp/xs" | head -2)"
# audit does the same with --store, or with --previous FILE (no store)
"$JUE_BIN" audit --store "$X" "$tmp/doc/county-medical-security-2024-document.pdf" >"$tmp/xs2" 2>&1
[ "$(grep -c 'claims.cross-year' "$tmp/xs2")" -eq "$(grep -c 'claims.cross-year' "$tmp/xs")" ] && ok || bad "audit --store differs from store add"
"$JUE_BIN" audit --previous "$tmp/doc/county-medical-security-2024-document.html" "$tmp/doc/county-medical-security-2024-document.pdf" >"$tmp/xs3" 2>&1
[ "$(grep -c 'claims.cross-year' "$tmp/xs3")" -eq "$(grep -c 'claims.cross-year' "$tmp/xs")" ] && ok || bad "audit --previous differs"
"$JUE_BIN" audit "$tmp/doc/county-medical-security-2024-document.pdf" 2>&1 | grep -q cross-year && bad "cross-year without a last year" || ok
"$JUE_BIN" audit --previous "$tmp/nothing.pdf" "$L" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "an unreadable --previous is exit 2"
# the first year stored has nothing to compare with
"$JUE_BIN" store show --store "$X" 青溪县医疗保障局 2023 | grep -q cross-year && bad "cross-year on the first year" || ok

# killed at random moments: each document fully stored or absent. Half the
# runs are killed from outside at a random time; the other half kill
# themselves (SIGKILL, JUE_STORE_KILL_AT) at a random insert inside a
# document's transaction, where a store without transactions would keep half
# a document. Each run stores new copies (other hashes).
K="$tmp/k.db"
mkdir -p "$tmp/k"
for i in $(seq 1 16); do
  cp "$L" "$tmp/k/l$i.txt"; echo >>"$tmp/k/l$i.txt"
  cp "$Z" "$tmp/k/z$i.txt"; echo >>"$tmp/k/z$i.txt"
  if [ $((i % 2)) -eq 0 ]; then
    JUE_STORE_KILL_AT=$(( (RANDOM % 700) + 1 )) "$JUE_BIN" store add --store "$K" "$tmp/k/l$i.txt" "$tmp/k/z$i.txt" >/dev/null 2>&1
  else
    "$JUE_BIN" store add --store "$K" "$tmp/k/l$i.txt" "$tmp/k/z$i.txt" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(( (RANDOM % 15) + 1 ))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
  fi
done
"$JUE_BIN" store check --store "$K" >"$tmp/check" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "store after kills: exit $rc: $(cat "$tmp/check")"
"$JUE_BIN" store export --store "$K" --what documents --format json >"$tmp/k.json"
python3 - "$tmp/k.json" <<'PY' && ok || bad "an incomplete document after kills"
import json, sys
docs = json.load(open(sys.argv[1]))
# every complete copy of one document has the same counts
by = {}
for d in docs:
    by.setdefault(d["department"], set()).add((d["facts"], d["claims"], d["findings"]))
assert all(len(v) == 1 for v in by.values()), by
PY
# a run killed inside its transaction left nothing of that document
JUE_STORE_KILL_AT=5 "$JUE_BIN" store add --store "$tmp/five.db" "$L" >/dev/null 2>&1
[ "$("$JUE_BIN" store list --store "$tmp/five.db" | grep -c 醴陵)" -eq 0 ] && ok || bad "a document killed at its 5th insert was kept"
"$JUE_BIN" store check --store "$tmp/five.db" >/dev/null && ok || bad "check after a kill at the 5th insert"

echo "store: $pass passed, $fail failed"
[ $fail -eq 0 ]
