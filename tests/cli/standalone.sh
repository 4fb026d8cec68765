#!/usr/bin/env bash
# A standalone 绩效自评 report (no public tables) is audited for what it
# holds — its 自评表 — without nine "table missing" errors; the importer says
# once that no public table was found.
set -u
Z="$JUE_SHARED/fixtures/real/zhenan-medical-security-2023.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
# the self-evaluation part of the zhenan document, from the 整体支出 自评表 to
# the last project table, as a report of its own
[ "$(sed -n 259p "$Z")" = "镇安县医疗保障局整体支出绩效自评表" ] && ok || bad "fixture lines moved"
sed -n 255,400p "$Z" >"$tmp/perf-report.txt"
"$JUE_BIN" audit "$tmp/perf-report.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "exit $rc, want 1 (the report's own errors)"
grep -q 'complete.present' "$tmp/out" && bad "tables reported missing in a report that has none" || ok
grep -q '警告：没有找到九张公开表中的任何一张：只审核文字和绩效自评表 \[input.reading\]' "$tmp/out" && ok ||
  bad "no note that only the text was checked: $(cat "$tmp/out")"
# the same perf findings as in the whole document (perf.* lines of its .expected)
want=$(grep -c ' perf\.' "$JUE_SRCDIR/tests/spec/fixtures/zhenan-medical-security-2023.expected")
got=$(grep -c '\[perf\.' "$tmp/out")
[ "$got" -eq "$want" ] && ok || bad "perf findings: $got, want $want"
echo "standalone: $pass passed, $fail failed"
[ $fail -eq 0 ]
