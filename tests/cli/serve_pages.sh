#!/usr/bin/env bash
# juesuan serve: a finding on its page and the 编制 page over HTTP
# (tests/cli/serve_pages.py says what is checked), on a free loopback port,
# the server's private folder inside this test's own.
set -u
tmp=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/t"
TMPDIR="$tmp/t" "$JUE_BIN" serve --listen 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err" &
PID=$!
U=
for _ in $(seq 300); do
  U=$(grep -o 'http://[^ （]*/' "$tmp/out" | head -1)
  [ -n "$U" ] && break
  kill -0 $PID 2>/dev/null || break
  sleep 0.1
done
[ -n "$U" ] || { echo "FAIL: server did not start: $(cat "$tmp/err")"; exit 1; }
python3 "$(dirname "$0")/serve_pages.py" "$JUE_BIN" "$U" "$tmp" "$JUE_SRCDIR" "$JUE_SHARED"
rc=$?
kill $PID; wait $PID; PID=
# the server removed its private folder, builds included
[ -z "$(ls -A "$tmp/t")" ] || { echo "FAIL: the server left files: $(ls -A "$tmp/t")"; rc=1; }
exit $rc
