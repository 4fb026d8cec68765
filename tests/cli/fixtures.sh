#!/usr/bin/env bash
# Each real fixture's audit must give exactly the findings listed (place, rule,
# severity) in tests/spec/fixtures/<name>.expected — no more, no fewer. The
# place is the line of a text document, pPAGE for a PDF, 0 for none. The
# documents are in ../shared/fixtures/real/ or, for the layouts of other
# provinces, tests/fixtures/other/ (see its README).
set -u
pass=0 fail=0
for exp in "$JUE_SRCDIR"/tests/spec/fixtures/*.expected; do
  name=$(basename "$exp" .expected)
  doc=$(ls "$JUE_SHARED"/fixtures/real/"$name".* "$JUE_SHARED"/fixtures/real/*/"$name".* \
           "$JUE_SRCDIR"/tests/fixtures/other/"$name".* 2>/dev/null | head -1)
  if [ -z "$doc" ]; then echo "FAIL $name: fixture not found"; fail=$((fail+1)); continue; fi
  # rule, severity and line of each JSON object (no JSON tool needed)
  got=$("$JUE_BIN" audit --format jsonl "$doc" 2>/dev/null | while IFS= read -r l; do
      rule=$(printf '%s' "$l" | sed -E 's/.*"rule":"([^"]*)".*/\1/')
      sev=$(printf '%s' "$l" | sed -E 's/.*"severity":"([^"]*)".*/\1/')
      line=$(printf '%s' "$l" | sed -nE 's/.*"line":([0-9]+).*/\1/p')
      page=$(printf '%s' "$l" | sed -nE 's/.*"page":([0-9]+).*/p\1/p')
      echo "${page:-${line:-0}} $rule $sev"
    done | sort)
  want=$(grep -v '^#' "$exp" | sed 's/ —.*//' | sort)
  if [ "$got" = "$want" ]; then pass=$((pass+1)); else
    echo "FAIL $name"; diff <(echo "$want") <(echo "$got"); fail=$((fail+1)); fi
done
# The same documents converted to Word and HTML (tests/fixtures/own/) must
# give the same findings (rule and severity; lines differ by format).
rules_of() {
  "$JUE_BIN" audit --format jsonl "$1" 2>/dev/null | sed -E 's/.*"rule":"([^"]*)","severity":"([^"]*)".*/\1 \2/' | sort
}
for pair in "liling-2022.docx liling-medical-security-2022.txt" "liling-2022.html liling-medical-security-2022.txt" \
            "zhenan-2023.docx zhenan-medical-security-2023.txt" "zhenan-2023.html zhenan-medical-security-2023.txt" \
            "yunxi-gx.html yunxi-medical-security-2023-gx.txt" "yunxi-gx.docx yunxi-medical-security-2023-gx.txt" \
            "yunxi-gx.pdf yunxi-medical-security-2023-gx.txt"; do
  set -- $pair
  own="$JUE_SRCDIR/tests/fixtures/own/$1"; real="$JUE_SHARED/fixtures/real/$2"
  [ -e "$own" ] || own="$JUE_SRCDIR/tests/fixtures/other/$1"
  [ -e "$real" ] || real="$JUE_SRCDIR/tests/fixtures/other/$2"
  if [ "$(rules_of "$own")" = "$(rules_of "$real")" ] && [ -n "$(rules_of "$own")" ]; then pass=$((pass+1)); else
    echo "FAIL $1 differs from $2"; diff <(rules_of "$real") <(rules_of "$own"); fail=$((fail+1)); fi
done

# Our own clean document as a word processor exports it from narrow columns (tests/fixtures/own/README.md):
# figures wrapped in their cells, tables and 自评表 across pages. No error, as a PDF and as its -layout text.
N="$JUE_SRCDIR/tests/fixtures/own/county-2024-lo-narrow.pdf"
for door in pdf layout; do
  f="$N"
  if [ $door = layout ]; then
    command -v pdftotext >/dev/null || continue
    f=$(mktemp --suffix=.txt); pdftotext -layout "$N" "$f"
  fi
  got=$("$JUE_BIN" audit --format jsonl "$f" 2>/dev/null | grep '"severity":"error"')
  if [ -z "$got" ]; then pass=$((pass+1)); else
    echo "FAIL county-2024-lo-narrow ($door): $(echo "$got" | head -3)"; fail=$((fail+1)); fi
  [ $door = layout ] && rm -f "$f"
done

# LibreOffice's PDF of a real document's DOCX with columns far too narrow, as pdftotext -layout prints it: audited
# to the end (it once crashed the text door), its findings written, no input.aborted.
N="$JUE_SRCDIR/tests/fixtures/own/liling-2022-lo-narrow.layout.txt"
got=$("$JUE_BIN" audit --format jsonl "$N" 2>&1); rc=$?
if [ $rc -le 1 ] && ! printf '%s' "$got" | grep -q 'input.aborted' && printf '%s' "$got" | grep -q '"rule"'; then
  pass=$((pass+1)); else echo "FAIL liling-2022-lo-narrow.layout.txt: exit $rc $(printf '%s' "$got" | grep aborted | head -1)"; fail=$((fail+1)); fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
