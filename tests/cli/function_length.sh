#!/usr/bin/env bash
# No function of the reading path is longer than 100 lines (docs/internals.md):
# the doors, the grid, the recognizer, the notes and their checks, the audit
# and the 绩效自评 audit. A function is counted from the line that names it
# (column 0, as every definition here is written) to its closing brace at
# column 0. Lists every function over the limit and fails; prints the longest.
set -u
LIMIT=100
python3 - "$JUE_SRCDIR" "$LIMIT" <<'PY'
import os, re, sys
root, limit = sys.argv[1], int(sys.argv[2])
dirs = ["src/grid", "src/recognize", "src/import", "src/claims", "src/audit", "src/perf"]
name_re = re.compile(r"^[A-Za-z_][\w\s\*]*?\b(\w+)\s*\(")
over, longest, nfun = [], (0, ""), 0
for d in dirs:
    for dp, _, files in os.walk(os.path.join(root, d)):
        for f in sorted(files):
            if not f.endswith(".c"):
                continue
            path = os.path.join(dp, f)
            lines = open(path, encoding="utf-8").read().split("\n")
            i = 0
            while i < len(lines):
                if lines[i] != "{":
                    i += 1
                    continue
                # the definition's first line: the nearest line above at column 0
                h = i - 1
                while h > 0 and (lines[h][:1] in (" ", "\t") or lines[h] == ""):
                    h -= 1
                m = name_re.match(lines[h]) if h >= 0 else None
                j = i + 1
                while j < len(lines) and lines[j] != "}":
                    j += 1
                if m and not lines[h].rstrip().endswith(";"):
                    n = j - h + 1
                    nfun += 1
                    where = "%s:%d %s" % (os.path.relpath(path, root), h + 1, m.group(1))
                    if n > longest[0]:
                        longest = (n, where)
                    if n > limit:
                        over.append((n, where))
                i = j + 1
if nfun < 500:
    print("FAIL: only %d functions found: the counting is broken" % nfun)
    sys.exit(1)
for n, where in sorted(over, reverse=True):
    print("FAIL: %s is %d lines (limit %d)" % (where, n, limit))
print("%d functions; the longest: %s, %d lines" % (nfun, longest[1], longest[0]))
sys.exit(1 if over else 0)
PY
