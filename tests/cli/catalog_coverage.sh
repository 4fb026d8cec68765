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
"$JUE_BIN" audit "$tmp/partial.txt" >"$tmp/p.out"; rc=$?
# the audit ran to the end: exit 1 and liling's own year-end slip is there
[ $rc -eq 1 ] && grep -q ':485: 错误：.*\[claims.date\]' "$tmp/p.out" && ok || bad "partial.txt audit: exit $rc"
n=$(grep -c '\[catalog\.' "$tmp/p.out")
[ "$n" -eq 0 ] && ok || bad "code under an incompletely listed 款 called wrong ($n)"
# the statement naming that 项 still counts as describing the table's row
grep -q 'item-missing' "$tmp/p.out" && bad "row reported missing though its name is described" || ok
# a 项 the catalog cannot name at all (code and name unknown, under the incompletely
# listed 21004): its statement is tied to the table row printed with the same 款 and
# 项 names, so the real slip of the liling notes (1035.05 for 1,035.08) is still found
sed -e 's/2100499/2100498/g' -e 's/其他公共卫生支出/其他疾病防控支出/g' "$L" >"$tmp/unknown.txt"
"$JUE_BIN" audit "$tmp/unknown.txt" >"$tmp/u.out"
grep -q '^[^:]*:407: 错误：说明中2100498 其他疾病防控支出（项）为1035.05万元，与公开05表（2100498/合计）1,035.08万元不一致' "$tmp/u.out" && ok ||
  bad "statement not tied to its table row: $(grep ':407:' "$tmp/u.out")"
grep -q 'catalog\.\|item-missing\|item-name.*其他疾病防控' "$tmp/u.out" && bad "the unknown 项 was called wrong" || ok
echo "catalog coverage: $pass passed, $fail failed"
[ $fail -eq 0 ]
