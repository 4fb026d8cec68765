#!/usr/bin/env bash
# A code the catalog lacks is wrong only where data/catalog lists every code
# ("# complete:" in the CSV): a department outside the bureau's subtrees must
# not get false catalog errors. Planted on the liling document: a 项 under
# 21015 (listed in full) and one under 21004 (not).
set -u
L="$JUE_SHARED/fixtures/real/liling-medical-security-2022.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
sed 's/2101599/2101598/g' "$L" >"$tmp/complete.txt"      # 21015 is complete: 2101598 does not exist
sed 's/2100499/2100498/g' "$L" >"$tmp/partial.txt"       # 21004 is not: 2100498 might
n=$("$JUE_BIN" audit "$tmp/complete.txt" | grep -c '\[catalog.code\]')
[ "$n" -ge 1 ] && ok || bad "unknown code under a complete 款 not reported"
"$JUE_BIN" audit "$tmp/complete.txt" | grep -q '科目编码 2101598（其他医疗保障管理事务支出）不在本年度政府收支分类科目中' && ok ||
  bad "message for the unknown code"
n=$("$JUE_BIN" audit "$tmp/partial.txt" | grep -c '\[catalog\.')
[ "$n" -eq 0 ] && ok || bad "code under an incompletely listed 款 called wrong ($n)"
# the statement naming that 项 still counts as describing the table's row
"$JUE_BIN" audit "$tmp/partial.txt" | grep -q 'item-missing' && bad "row reported missing though its name is described" || ok
echo "catalog coverage: $pass passed, $fail failed"
[ $fail -eq 0 ]
