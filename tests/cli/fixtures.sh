#!/usr/bin/env bash
# Each real fixture's audit must give exactly the findings listed (line, rule,
# severity) in tests/spec/fixtures/<name>.expected — no more, no fewer.
set -u
pass=0 fail=0
for exp in "$JUE_SRCDIR"/tests/spec/fixtures/*.expected; do
  name=$(basename "$exp" .expected)
  doc=$(ls "$JUE_SHARED"/fixtures/real/"$name".* "$JUE_SHARED"/fixtures/real/*/"$name".* 2>/dev/null | head -1)
  if [ -z "$doc" ]; then echo "FAIL $name: fixture not found"; fail=$((fail+1)); continue; fi
  # rule, severity and line of each JSON object (no JSON tool needed)
  got=$("$JUE_BIN" audit --format jsonl "$doc" 2>/dev/null | while IFS= read -r l; do
      rule=$(printf '%s' "$l" | sed -E 's/.*"rule":"([^"]*)".*/\1/')
      sev=$(printf '%s' "$l" | sed -E 's/.*"severity":"([^"]*)".*/\1/')
      line=$(printf '%s' "$l" | sed -nE 's/.*"line":([0-9]+).*/\1/p')
      echo "${line:-0} $rule $sev"
    done | sort)
  want=$(grep -v '^#' "$exp" | sed 's/ —.*//' | sort)
  if [ "$got" = "$want" ]; then pass=$((pass+1)); else
    echo "FAIL $name"; diff <(echo "$want") <(echo "$got"); fail=$((fail+1)); fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
