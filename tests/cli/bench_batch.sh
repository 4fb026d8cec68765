#!/usr/bin/env bash
# The batch bench (make bench, bench/batch.py) on a few documents: it builds
# a department, makes documents in the text and XLSX layouts (some with a
# slip), audits them into a store with two workers and writes the report;
# every document is stored, the slips are found, the figures are printed.
# Nothing here is timed.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$JUE_SRCDIR/bench/batch.py" "$JUE_BIN" 10 --bases 1 --keep "$tmp/b" >"$tmp/out" 2>"$tmp/err"; rc=$?
fail=0
[ $rc -eq 0 ] || { echo "FAIL: bench exit $rc: $(tail -5 "$tmp/err")"; fail=1; }
grep -qE '^batch: 10 documents \(1 departments built.*documents/s, [1-9][0-9]* error findings; 10 stored, [0-9.]+ KiB per document; report [0-9.]+ s$' "$tmp/out" ||
  { echo "FAIL: bench line: $(cat "$tmp/out")"; fail=1; }
ls "$tmp/b/docs" | grep -q '\.txt$' && ls "$tmp/b/docs" | grep -q '\.xlsx$' || { echo "FAIL: not both layouts"; fail=1; }
[ -s "$tmp/b/report/index.html" ] || { echo "FAIL: no report"; fail=1; }
# the workbooks without a slip audit clean; the one with a slip (every 5th) does not
"$JUE_BIN" store list --store "$tmp/b/bench.db" | awk -F'\t' 'NR > 1 { sub(".*/", "", $7); print $7, $3 }' | sort >"$tmp/list"
[ "$(grep -c 'xlsx 0$' "$tmp/list")" -eq 4 ] && grep -q '^00009.xlsx [1-9]' "$tmp/list" ||
  { echo "FAIL: errors per workbook: $(cat "$tmp/list")"; fail=1; }
[ $fail -eq 0 ] && echo "bench_batch: passed"
[ $fail -eq 0 ]
