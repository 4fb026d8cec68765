#!/usr/bin/env bash
# The door matrix (issue 14): every real fixture and every document `build`
# writes for the example, through every door — the PDF, `pdftotext -layout`,
# `pdftotext -raw`, the DOCX and HTML, the tables as Markdown (`build`'s .md,
# no notes), the Markdown pandoc writes from the HTML and DOCX (where pandoc
# is installed), the text and HTML LibreOffice saves from the DOCX, a copy wrapped
# at 36 characters — must give the same error findings (rule, expected,
# actual) as the PDF (or the fixture's own text); a door that
# loses the rows (the wrapped copy) no error the reference lacks. The
# conversions are made once into build/doors/ (tests/cli/doors.py).
#
# Each difference is listed. Those not fixed yet are in tests/spec/doors.known;
# the test fails on any difference not listed there. A listed one that is gone
# is reported (remove it from the file: the list only shrinks) but does not
# fail, so a change elsewhere that fixes a door does not block its author.
set -u
if ! command -v pdftotext >/dev/null || ! command -v soffice >/dev/null; then
  echo "SKIP: pdftotext or soffice missing (make test-deps installs them)"; exit 0
fi
known="$JUE_SRCDIR/tests/spec/doors.known"
got=$(python3 "$JUE_SRCDIR/tests/cli/doors.py" --measure)
echo "$got" | grep -v '^DIFF'
new=$(comm -13 <(grep '^DIFF' "$known" | sort) <(echo "$got" | grep '^DIFF' | sort))
gone=$(comm -23 <(grep '^DIFF' "$known" | sort) <(echo "$got" | grep '^DIFF' | sort))
fail=0
if [ -n "$new" ]; then echo "FAIL: differences not in tests/spec/doors.known:"; echo "$new"; fail=1; fi
if [ -n "$gone" ]; then echo "NOTE: fixed, remove from tests/spec/doors.known:"; echo "$gone"; fi
[ $fail -eq 0 ] && echo "door matrix: $(echo "$got" | grep -c '^DIFF') known differences, none new"
exit $fail
