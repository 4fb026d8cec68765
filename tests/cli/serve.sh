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
    python3 -c '
import sys
a = sys.stdin.read()
try:
    import json; print(json.loads(a)["batch"])
except (ValueError, KeyError):
    sys.exit("upload answered: " + a[:300])'
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

# ---- concurrent uploads: all audited, each as alone ----
pids=()
for k in 1 2 3 4 5 6; do
  # read the cookie jar, never write it: six curls rewriting one jar at once can leave it
  # without the session, and the uploads after it refused for their CSRF token
  ( curl -s -b "$C" -H 'X-Requested-With: t' -F "csrf=$T" -F "file=@$Z" "${U}audit/upload" >"$tmp/conc$k" ) &
  pids+=($!)
done
wait "${pids[@]}"
n=0
for k in 1 2 3 4 5 6; do
  B=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["batch"])' "$tmp/conc$k" 2>/dev/null) || continue
  J=$(wait_batch "$B")
  echo "$J" | grep -q '"errors":24,' && n=$((n+1)) || echo "concurrent upload $k: $(cat "$tmp/conc$k") $J" >&2
done
[ $n -eq 6 ] && ok || bad "concurrent uploads: $n of 6 audited alike"

# ---- a client gone mid-upload: the server goes on, nothing left behind ----
python3 - "${U#http://}" "$T" "$(sed -n 's/.*juesuan_s\t//p' "$C")" <<'PY'
import socket, sys
host, port = sys.argv[1].rstrip("/").split(":")
s = socket.create_connection((host, int(port)))
body = b"--XX\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + sys.argv[2].encode() + \
       b"\r\n--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n" + b"x" * 200000
s.sendall(b"POST /audit/upload HTTP/1.1\r\nHost: " + sys.argv[1].rstrip("/").encode() +
          b"\r\nCookie: juesuan_s=" + sys.argv[3].encode() +
          b"\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: 10000000\r\n\r\n" + body)
s.close()
PY
for _ in $(seq 50); do [ -z "$(ls "$tmp"/t/juesuan-serve-*/ | grep req-)" ] && break; sleep 0.1; done
[ "$(code /)" = 200 ] && ok || bad "server gone after a client left mid-upload"
ls "$tmp"/t/juesuan-serve-*/ | grep -q req- && bad "a half upload left: $(ls "$tmp"/t/juesuan-serve-*/)" || ok
[ "$(stat -c %a "$tmp"/t/juesuan-serve-*)" = 700 ] && ok || bad "private folder not 0700"

# ---- the example's outputs: audited clean ----
"$JUE_BIN" build "$JUE_SRCDIR/examples/county-medical-security-2024" -o "$tmp/ex" --format html,xlsx,docx,pdf >/dev/null 2>&1
E="$tmp/ex/county-medical-security-2024"
B=$(upload "$E-document.pdf" "$E-document.docx" "$E-document.html" "$E.xlsx")
J=$(wait_batch "$B")
echo "$J" | python3 -c '
import json, sys
j = json.load(sys.stdin)["jobs"]
assert len(j) == 4 and all(x["state"] == "done" and x["errors"] == 0 for x in j), j' && ok ||
  bad "example outputs not audited clean: $J"

stop
[ -z "$(ls -A "$tmp/t")" ] && ok || bad "temporary folder left: $(ls -A "$tmp/t")"

# ---- the token ----
"$JUE_BIN" serve --listen 0.0.0.0:0 >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "须用 --token" "$tmp/err" && ok || bad "non-loopback without a token: exit $rc $(cat "$tmp/err")"
printf 'sekrit-token-123\n' >"$tmp/tok"
start --listen 0.0.0.0:0 --token-file "$tmp/tok" || exit 1
C="$tmp/cookies2"
[ "$(code /audit)" = 401 ] && ok || bad "no token: not 401"
get "${U}audit" | grep -q 'name="token"' && ok || bad "no login form"
[ "$(code /history -H 'Authorization: Bearer wrong-token-00')" = 401 ] && ok || bad "wrong token accepted"
[ "$(code /history -H 'Authorization: Bearer sekrit-token-123')" = 200 ] && ok || bad "Bearer token refused"
[ "$(code /history -H 'X-Juesuan-Token: sekrit-token-123' -H 'Host: example.org')" = 200 ] && ok || bad "X-Juesuan-Token refused"
T=$(get "${U}login" | sed -n 's/.*<meta name="csrf" content="\([0-9a-f]*\)".*/\1/p')
[ "$(code /login -d "csrf=$T" -d token=wrong-token-00)" = 401 ] && ok || bad "login with a wrong token"
[ "$(code /login -d token=sekrit-token-123)" = 403 ] && ok || bad "login without CSRF"
[ "$(code /login -d "csrf=$T" -d token=sekrit-token-123)" = 303 ] && ok || bad "login refused"
[ "$(code /audit)" = 200 ] && ok || bad "the login cookie does not let in"
grep -q 'juesuan_token' "$C" && ! grep -q sekrit "$C" && ok || bad "login cookie missing or holds the token"
B=$(upload "$L")
wait_batch "$B" | grep -q '"done"' && ok || bad "upload with the login cookie"
stop

# ---- hostile and runaway documents: findings, the server goes on; fairness ----
C="$tmp/cookies3"
JUE_SERVE_SPIN=.spin.txt JUE_SERVE_HOG=.hog.txt start --jobs 1 --cpu-seconds 2 --memory 512M || exit 1
T=$(csrf)
head -c 3000 "$L" >"$tmp/small.txt"
cp "$tmp/small.txt" "$tmp/a1.spin.txt"; cp "$tmp/small.txt" "$tmp/a2.spin.txt"
A=$(upload "$tmp/a1.spin.txt" "$tmp/a2.spin.txt")
B=$(upload "$tmp/small.txt")
JB=$(wait_batch "$B"); JA=$(wait_batch "$A")
python3 - "$JA" "$JB" <<'PY' && ok || bad "a later upload waited for the whole earlier one: $JA $JB"
import json, sys
a, b = (json.loads(x)["jobs"] for x in sys.argv[1:3])
assert b[0]["started"] == a[0]["started"] + 1 < a[1]["started"], (a, b)
PY
ID=$(echo "$JA" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["id"])')
# stopped by its CPU limit, or on a loaded machine by the wall-time one first: either way one finding
get "${U}audit/job/$ID/findings.jsonl" | grep -q '"input.aborted".*已中止' && ok || bad "runaway audit not a finding"
if ! ldd "$JUE_BIN" | grep -q libasan; then   # ASan reserves terabytes of address space: no limit there
  cp "$tmp/small.txt" "$tmp/x.hog.txt"
  B=$(upload "$tmp/x.hog.txt"); J=$(wait_batch "$B")
  ID=$(echo "$J" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["id"])')
  get "${U}audit/job/$ID/findings.jsonl" | grep -q '"input.aborted".*\(内存上限为 512 MB\|已中止\)' && ok || bad "memory hog not a finding: $J"
fi
python3 "$JUE_SRCDIR/tests/hostile/gen.py" xlsx-sst "$tmp/bomb.xlsx"
python3 - "$tmp/xxe.xlsx" <<'PY'
import sys, zipfile
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
               '<sst %s><si><t>&e;</t></si></sst>' % NS)
    z.writestr("xl/worksheets/sheet1.xml", '<worksheet %s><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>' % NS)
PY
printf 'MZ\0\0' >"$tmp/tool.exe"
B=$(upload "$tmp/bomb.xlsx" "$tmp/xxe.xlsx" "$tmp/tool.exe")
J=$(wait_batch "$B")
for k in 0 1 2; do
  ID=$(echo "$J" | python3 -c "import json,sys; print(json.load(sys.stdin)['jobs'][$k]['id'])")
  get "${U}audit/job/$ID/findings.jsonl" >"$tmp/h$k.jsonl"
done
grep -q '超出处理上限\|审核用时超过上限' "$tmp/h0.jsonl" && ok || bad "zip bomb: $(cat "$tmp/h0.jsonl")"
[ -s "$tmp/h1.jsonl" ] && ! grep -q 'root:' "$tmp/h1.jsonl" && ok || bad "XXE: $(cat "$tmp/h1.jsonl")"
grep -q '"input.unsupported".*不支持的文件类型' "$tmp/h2.jsonl" && ok || bad "an .exe: $(cat "$tmp/h2.jsonl")"
[ "$(code /)" = 200 ] && ok || bad "server gone after hostile uploads"
stop

# ---- 历年: departments and years of a store, each year's findings, the year before ----
S="$tmp/s.db"
EVIL='<script>alert("x")</script>&局'
"$JUE_BIN" store add --store "$S" --department "$EVIL" --year 2023 "$L" >/dev/null 2>&1
cp "$Z" "$tmp/z.txt"
"$JUE_BIN" store add --store "$S" --department "$EVIL" --year 2024 "$tmp/z.txt" >/dev/null 2>&1
"$JUE_BIN" store add --store "$S" "$P" >/dev/null 2>&1
python3 - "$S" >"$tmp/docs.json" <<'PY'
import json, sqlite3, sys
q = "SELECT d.id, p.name, d.year, d.errors FROM documents d JOIN departments p ON p.id = d.department"
print(json.dumps([dict(zip(("id", "department", "year", "errors"), r)) for r in sqlite3.connect(sys.argv[1]).execute(q)]))
PY
C="$tmp/cookies4"
start --store "$S" || exit 1
get "${U}history" >"$tmp/hist"
grep -q '<script>alert' "$tmp/hist" && bad "history: name not escaped" || ok
grep -qF '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;局' "$tmp/hist" && ok || bad "history: name not shown"
python3 - "$tmp/docs.json" "$tmp/hist" <<'PY' && ok || bad "history overview rows"
import json, re, sys
docs, page = json.load(open(sys.argv[1])), open(sys.argv[2], encoding="utf-8").read()
ids = set(map(int, re.findall(r'href="/history/doc/(\d+)"', page)))
assert ids == {d["id"] for d in docs} and len(ids) == 3, (ids, docs)
PY
read -r Y23 Y24 < <(python3 -c '
import json, sys
d = {x["year"]: x for x in json.load(open(sys.argv[1])) if "script" in x["department"]}
print(d[2023]["id"], d[2024]["id"])' "$tmp/docs.json")
get "${U}history/doc/$Y24" >"$tmp/y24"
grep -q '与上年比较' "$tmp/y24" && ! grep -q '没有该单位上一年度' "$tmp/y24" && grep -q '增减率' "$tmp/y24" && ok ||
  bad "2024 not compared with 2023"
grep -q '没有该单位上一年度' <(get "${U}history/doc/$Y23") && ok || bad "2023 claims a year before"
n=$(python3 -c 'import json,sys; print([x for x in json.load(open(sys.argv[1])) if x["id"]==int(sys.argv[2])][0]["errors"])' "$tmp/docs.json" "$Y24")
grep -q "错误 $n 条" "$tmp/y24" && ok || bad "2024 page does not count $n errors"
[ "$(code /history/doc/99999)" = 404 ] && ok || bad "unknown stored document not 404"
stop

echo "serve: $pass passed, $fail failed"
[ $fail -eq 0 ]
