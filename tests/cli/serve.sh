#!/usr/bin/env bash
# juesuan serve: the web app as a browser and curl see it, on a free loopback
# port: every page; uploads of real documents audited as `audit` audits them
# (findings page, JSONL, XLSX); the limits (size 413 before the body is read,
# count, CSRF), the Host check, the token (header, cookie from the login
# form, required off loopback), escaping of names, concurrent uploads, a
# client gone mid-upload, hostile and runaway documents as findings, the
# private temporary folder (0700, emptied, removed at exit).
set -u
R="$JUE_SHARED/fixtures/real"
Z="$R/zhenan-medical-security-2023.txt"
L="$R/liling-medical-security-2022.txt"
P="$R/shanghai-putuo-2024/finance-bureau.pdf"
tmp=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
mkdir -p "$tmp/t"

# start [OPTIONS]: a server on a free port; U its address, PID its process
start() {
  : >"$tmp/out"
  TMPDIR="$tmp/t" "$JUE_BIN" serve --listen 127.0.0.1:0 "$@" >"$tmp/out" 2>"$tmp/err" &
  PID=$!
  U=
  for _ in $(seq 300); do
    U=$(grep -o 'http://[^ （]*/' "$tmp/out" | head -1)
    [ -n "$U" ] && return 0
    kill -0 $PID 2>/dev/null || break
    sleep 0.1
  done
  bad "server did not start: $(cat "$tmp/err")"
  return 1
}
stop() { kill $PID; wait $PID; local rc=$?; PID=; return $rc; }
C="$tmp/cookies"
# get PATH: the body; code PATH [curl options]: the status
get() { curl -s -b "$C" -c "$C" "$@"; }
code() { local p=$1; shift; curl -s -o /dev/null -w '%{http_code}' -b "$C" -c "$C" "$@" "$U${p#/}"; }
csrf() { get "${U}audit" | sed -n 's/.*<meta name="csrf" content="\([0-9a-f]*\)".*/\1/p'; }
# upload FILE...: the batch id (JSON answer)
upload() {
  local args=() f
  for f in "$@"; do args+=(-F "file=@$f"); done
  get -H 'X-Requested-With: t' -F "csrf=$T" "${args[@]}" "${U}audit/upload" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["batch"])'
}
# wait_batch B: until no job of the batch is queued or running; prints the JSON
wait_batch() {
  local j
  for _ in $(seq 1200); do
    j=$(get "${U}audit/jobs?b=$1")
    echo "$j" | grep -q '"queued"\|"running"' || { echo "$j"; return 0; }
    sleep 0.1
  done
  echo "$j"
}

start || exit 1
T=$(csrf)
[ ${#T} -eq 32 ] && ok || bad "no CSRF token in the page"

# ---- every page ----
for p in / audit history static/app.css static/app.js; do
  c=$(code "$p"); [ "$c" = 200 ] && ok || bad "GET /$p: $c"
done
[ "$(code /nope)" = 404 ] && ok || bad "unknown page not 404"
[ "$(code /audit/job/0123456789abcdef)" = 404 ] && ok || bad "unknown job not 404"
get "${U}history" | grep -q "未指定存储" && ok || bad "history without a store does not say so"
get "$U" | grep -q '<a href="/audit"' && ok || bad "home page has no link to 审核"

# ---- a real document audited as `audit` audits it ----
B=$(upload "$Z" "$L")
J=$(wait_batch "$B")
echo "$J" | python3 -c '
import json, sys
j = json.load(sys.stdin)["jobs"]
assert len(j) == 2 and all(x["state"] == "done" for x in j), j
assert j[0]["errors"] > 0, j' && ok || bad "jobs not done: $J"
ID=$(echo "$J" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["id"])')
get "${U}audit/job/$ID/findings.jsonl" >"$tmp/web.jsonl"
"$JUE_BIN" audit --format jsonl "$Z" >"$tmp/cli.jsonl" 2>/dev/null
python3 - "$tmp/web.jsonl" "$tmp/cli.jsonl" <<'PY' && ok || bad "web findings differ from audit's"
import json, sys
key = lambda l: [(x["rule"], x["message"], x.get("line"), x.get("page")) for x in map(json.loads, l)]
web, cli = (open(p, encoding="utf-8").read().splitlines() for p in sys.argv[1:3])
assert web and key(web) == key(cli), (len(web), len(cli))
assert all(json.loads(l)["file"] == "zhenan-medical-security-2023.txt" for l in web)   # the name, not a path
PY
first=$(head -1 "$tmp/cli.jsonl" | python3 -c 'import json,sys,html; print(html.escape(json.load(sys.stdin)["message"], quote=True))')
page=$(get "${U}audit/job/$ID")
echo "$page" | grep -qF "$first" && ok || bad "job page lacks the first finding"
echo "$page" | grep -q 'class="filters"' && echo "$page" | grep -q '<h3>公开0' && ok || bad "job page: no filters or table groups"
get -D "$tmp/h" "${U}audit/job/$ID/findings.xlsx" -o "$tmp/f.xlsx"
grep -qi 'content-disposition: attachment' "$tmp/h" && ok || bad "xlsx not an attachment"
python3 - "$tmp/f.xlsx" "$(wc -l <"$tmp/cli.jsonl")" <<'PY' && ok || bad "findings.xlsx rows"
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
assert len(re.findall(r"<row ", x)) == int(sys.argv[2]) + 1
PY

# ---- a PDF: findings with their page ----
B=$(upload "$P")
J=$(wait_batch "$B")
echo "$J" | grep -q '"done"' && ok || bad "PDF not audited: $J"
ID=$(echo "$J" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["id"])')
get "${U}audit/job/$ID/findings.jsonl" | python3 -c '
import json, sys
f = [json.loads(l) for l in sys.stdin]
assert f and any(x.get("page") for x in f), f[:2]' && ok || bad "PDF findings without pages"

# ---- escaping: a file named like a script ----
cp "$L" "$tmp/<script>alert(1)<\\script>.txt"
B=$(upload "$tmp/<script>alert(1)<\\script>.txt")
wait_batch "$B" >/dev/null
get "${U}audit?b=$B" >"$tmp/page"
grep -q '<script>alert' "$tmp/page" && bad "name not escaped" || ok
grep -q '&lt;script&gt;alert(1)' "$tmp/page" && ok || bad "escaped name not shown"

# ---- CSRF ----
c=$(curl -s -o /dev/null -w '%{http_code}' -b "$C" -F "file=@$L" "${U}audit/upload")
[ "$c" = 403 ] && ok || bad "upload without CSRF token: $c"
c=$(curl -s -o /dev/null -w '%{http_code}' -F "csrf=$T" -F "file=@$L" "${U}audit/upload")
[ "$c" = 403 ] && ok || bad "CSRF token without its session cookie: $c"
c=$(curl -s -o /dev/null -w '%{http_code}' -b "$C" -H "X-CSRF-Token: $T" -F "file=@$L" "${U}audit/upload")
[ "$c" = 303 ] && ok || bad "CSRF token in the header: $c"

# ---- Host (DNS rebinding) ----
[ "$(code / -H 'Host: evil.example:80')" = 421 ] && ok || bad "foreign Host accepted"

# ---- no request path names a file on disk ----
for p in '/audit/job/../../etc/passwd' '/static/../../etc/passwd' '/audit/job/%2e%2e%2fresult' '/history/doc/1'; do
  c=$(curl -s -o "$tmp/b" -w '%{http_code}' --path-as-is -b "$C" "$U${p#/}")
  [ "$c" = 404 ] || [ "$c" = 200 ] && ! grep -q 'root:' "$tmp/b" && ok || bad "$p: $c"
done

stop
[ -z "$(ls -A "$tmp/t")" ] && ok || bad "temporary folder left: $(ls -A "$tmp/t")"

echo "serve: $pass passed, $fail failed"
[ $fail -eq 0 ]
