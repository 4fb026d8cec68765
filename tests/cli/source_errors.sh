#!/usr/bin/env bash
# Data-driven: each directory under tests/spec/source-errors/ is a source with
# mistakes; `juesuan build` must exit 3, write nothing, and print exactly the
# diagnostics in its expected.txt (all mistakes, each with file:line:col).
# JUE_UPDATE_GOLDEN=1 rewrites expected.txt from the current output.
set -u
cd "$JUE_SRCDIR/tests/spec/source-errors" || exit 1
pass=0 fail=0
for dir in */; do
  c=${dir%/}
  out=$(mktemp -d)
  "$JUE_BIN" build "$c" -o "$out/o" >/dev/null 2>"$out/stderr"
  rc=$?
  if [ "${JUE_UPDATE_GOLDEN:-}" = 1 ]; then cp "$out/stderr" "$c/expected.txt"; fi
  if [ $rc -ne 3 ]; then echo "FAIL $c: exit $rc, want 3"; fail=$((fail+1));
  elif [ -e "$out/o" ]; then echo "FAIL $c: wrote output despite mistakes"; fail=$((fail+1));
  elif ! diff -u "$c/expected.txt" "$out/stderr"; then echo "FAIL $c: diagnostics differ"; fail=$((fail+1));
  else pass=$((pass+1)); fi
  rm -rf "$out"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
