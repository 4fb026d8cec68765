#!/usr/bin/env bash
# The structure of the notes: section numbers that repeat, skip or are
# misnumbered (claims.numbering) and required topics without a section
# (claims.section-missing), on planted copies of a real county document.
# The untouched document gives neither (its expected findings are in
# tests/spec/fixtures and checked by fixtures.sh).
set -u
L="$JUE_SHARED/fixtures/real/liling-medical-security-2022.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
# the lines the plants touch must be what this test thinks they are
[ "$(sed -n 499p "$L")" = "十、机关运行经费支出说明" ] && [ "$(sed -n 507p "$L")" = "十二、政府采购支出说明" ] &&
  [ "$(sed -n 511p "$L")" = "十三、国有资产占用情况说明" ] && ok || bad "fixture lines moved"
structure() { "$JUE_BIN" audit "$1" | grep -E '\[claims\.(numbering|section-missing)\]' | sed -E 's/^[^:]*:([0-9]*):? ?(警告|错误)：.*\[(.*)\]$/\1 \3/'; }

[ -z "$(structure "$L")" ] && ok || bad "clean document: $(structure "$L")"

sed '499s/^十、/九、/' "$L" >"$tmp/dup.txt"           # 九、九、十一、: a repeat
[ "$(structure "$tmp/dup.txt")" = "499 claims.numbering" ] && ok || bad "repeat: $(structure "$tmp/dup.txt")"
"$JUE_BIN" audit "$tmp/dup.txt" | grep -q '标题序号重复：“九、机关运行经费支出说明”前一个标题也是“九、”' && ok || bad "repeat message"

sed '511s/^十三、/十五、/' "$L" >"$tmp/mis.txt"        # 十二、十五、十四、: one misnumbered heading
[ "$(structure "$tmp/mis.txt")" = "511 claims.numbering" ] && ok || bad "misnumbered: $(structure "$tmp/mis.txt")"
"$JUE_BIN" audit "$tmp/mis.txt" | grep -q '之后应为“十三、”，写作“十五、国有资产占用情况说明”' && ok || bad "misnumbered message"

sed '507d' "$L" >"$tmp/gap.txt"                         # 十一、十三、: a gap (the contents still list 十二)
[ "$(structure "$tmp/gap.txt")" = "510 claims.numbering" ] && ok || bad "gap: $(structure "$tmp/gap.txt")"

sed -e '37d' -e '507,509d' "$L" >"$tmp/none.txt"        # no 政府采购 anywhere: gap in contents and body, topic missing
[ "$(structure "$tmp/none.txt" | sort | tr '\n' ';')" = " claims.section-missing;37 claims.numbering;507 claims.numbering;" ] && ok ||
  bad "topic missing: $(structure "$tmp/none.txt" | tr '\n' ';')"
"$JUE_BIN" audit "$tmp/none.txt" | grep -q '情况说明中没有关于“政府采购”的部分' && ok || bad "topic message"

# counts after 其中: parts above the whole are an error, all-zero parts of a
# non-zero whole a warning (the real zhenan line 91 has the second)
Z="$JUE_SHARED/fixtures/real/zhenan-medical-security-2023.txt"
"$JUE_BIN" audit "$Z" | grep -q '^[^:]*:91: 警告：总数为8人，“其中”所列2项却都是0人' && ok || bad "zhenan staff counts"
sed '91s/事业编制 0 人/事业编制 2 人/' "$Z" >"$tmp/staff.txt"           # 编制 7, 其中 7 + 2
"$JUE_BIN" audit "$tmp/staff.txt" | grep -q '^[^:]*:91: 错误：7人，“其中”所列各项合计9人，超过总数.*\[claims.parts\]' && ok ||
  bad "count parts above the whole: $("$JUE_BIN" audit "$tmp/staff.txt" | grep ':91:')"
echo "notes structure: $pass passed, $fail failed"
[ $fail -eq 0 ]
