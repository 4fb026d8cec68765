#!/usr/bin/env bash
# Data-driven compile cases: each directory under tests/spec/compile/ is a
# small source; `juesuan build --format md,json` must succeed and produce
# exactly expected.md and expected.json (tables, printed and exact values).
# JUE_UPDATE_GOLDEN=1 rewrites the expected files.
set -u
cd "$JUE_SRCDIR/tests/spec/compile" || exit 1
pass=0 fail=0
for dir in */; do
  c=${dir%/}
  out=$(mktemp -d)
  if ! "$JUE_BIN" build "$c" -o "$out" --format md,json >/dev/null 2>"$out/stderr"; then
    echo "FAIL $c: build failed"; cat "$out/stderr"; fail=$((fail+1)); rm -rf "$out"; continue
  fi
  if [ "${JUE_UPDATE_GOLDEN:-}" = 1 ]; then cp "$out/$c.md" "$c/expected.md"; cp "$out/$c.json" "$c/expected.json"; fi
  ok=1
  diff -u "$c/expected.md" "$out/$c.md" || ok=0
  diff -u "$c/expected.json" "$out/$c.json" >/dev/null || { echo "json differs:"; diff "$c/expected.json" "$out/$c.json" | head -20; ok=0; }
  if [ $ok = 1 ]; then pass=$((pass+1)); else echo "FAIL $c"; fail=$((fail+1)); fi
  rm -rf "$out"
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
