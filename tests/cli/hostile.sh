#!/usr/bin/env bash
# Hostile files of the kind that reach a reviewer's inbox (issue 10, items
# 14–15), made at test time by tests/hostile/gen.py: each is audited or
# refused — with a Chinese message naming the file and the limit — within
# 256 MiB of address space (ulimit -v). `timeout 20` only guards against a
# hang; that the work grows linearly is checked by step counts in
# tests/unit/test_scaling.c, never by the clock.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
GEN="$JUE_SRCDIR/tests/hostile/gen.py"

# audit FILE: exit status of `juesuan audit` under the limits; log in $tmp/log.
# AddressSanitizer reserves terabytes of shadow address space at start, so an
# instrumented binary (make asan) cannot run under `ulimit -v`: there the
# memory bound is left to the plain build's run of this test, and the ASan run
# checks the same inputs for memory errors (and, being ~20× slower, gets a
# longer hang guard).
LIMIT_KB=262144 GUARD=20
if ldd "$JUE_BIN" 2>/dev/null | grep -q libasan; then LIMIT_KB=unlimited GUARD=180; fi
audit() {
  ( ulimit -v "$LIMIT_KB"; exec timeout "$GUARD" "$JUE_BIN" audit "$1" ) >/dev/null 2>"$tmp/log"
}

# KIND FILE WANT: WANT is "audited" (exit 0 or 1) or a phrase of the refusal
hostile() {
  local kind=$1 f="$tmp/$2" want=$3
  python3 "$GEN" "$kind" "$f" || { bad "$kind: cannot generate"; return; }
  audit "$f"; local rc=$?
  if [ $rc -eq 124 ] || [ $rc -ge 128 ]; then
    bad "$kind: exit $rc (hung, killed or out of memory): $(tail -c 300 "$tmp/log")"
  elif [ "$want" = audited ]; then
    [ $rc -le 1 ] && ok || bad "$kind: not audited (exit $rc): $(tail -c 300 "$tmp/log")"
  else
    [ $rc -ne 0 ] && grep -q "^$f: .*超出处理上限：$want" "$tmp/log" && ok ||
      bad "$kind: not refused with '$want' (exit $rc): $(tail -c 300 "$tmp/log")"
  fi
}

# one 1 MiB shared string in 2,000,000 cells: 23 GiB before
hostile xlsx-sst sst.xlsx "单元格文字总量超过 64 MiB"
# 200,000 <row> without r=: 82 s before (a backwards scan per row)
hostile xlsx-rows rows.xlsx audited
# 5,000 <sheet> naming one 20,000-row part: 6.8 GB before
hostile xlsx-sheets sheets.xlsx "工作表多于 256 张"
# a run of 200,000 digits in prose: 51 s before
hostile text-digits digits.txt audited
# one 5 MB line of figures without 。: 27 s before
hostile text-figures figures.txt "说明中的数字多于 20000 个"
# 20 MB of ordinary notes: more figures than any real notes hold
hostile text-big big.txt "说明中的数字多于 20000 个"
# 8 MiB of one-digit paragraphs in Word: 81 s before (no table in it: refused
# as no disclosure, but read)
python3 "$GEN" docx-digits "$tmp/digits.docx" && audit "$tmp/digits.docx"; rc=$?
[ $rc -ne 124 ] && [ $rc -lt 128 ] && ! grep -q "超出处理上限" "$tmp/log" && ok ||
  bad "docx-digits: exit $rc $(tail -c 300 "$tmp/log")"

# a 200 MB text (sparse: no disk used) is refused before it is read
truncate -s 200M "$tmp/huge.txt"
audit "$tmp/huge.txt"; rc=$?
[ $rc -ne 0 ] && [ $rc -lt 124 ] && grep -q "^$tmp/huge.txt: .*超出处理上限：文件（或其中一个部件）大于 64 MiB" "$tmp/log" && ok ||
  bad "200 MB text: exit $rc $(cat "$tmp/log")"

echo "hostile: $pass passed, $fail failed"
[ $fail -eq 0 ]
