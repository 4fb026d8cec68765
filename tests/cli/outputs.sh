#!/usr/bin/env bash
# Outputs are written whole or not at all: names are escaped in Markdown,
# a planted symlink is replaced, not followed; a second build into a folder
# in use is refused (exit 2); a failed write (here a file size limit: EFBIG,
# as a full disk gives ENOSPC) says 磁盘空间不足 and leaves the previous
# outputs as they were; build killed with -9 at random moments never leaves a
# partial file under a final name.
set -u
EX="$JUE_SRCDIR/examples/county-medical-security-2024"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
N=dept

# ---- names reach Markdown as text, never as HTML
cp -r "$EX" "$tmp/evil"
sed -i 's/^department: 青溪县医疗保障局/department: "青溪县<script>alert(1)<\/script>局|x"/' "$tmp/evil/department.yaml" "$tmp/evil/perf.yaml"
sed -i 's/- { level1: 产出, level2: 数量指标, name: 医疗救助人次,/- { level1: 产出, level2: 数量指标, name: "医疗救助<img src=x onerror=alert(1)>人次",/' "$tmp/evil/perf.yaml"
"$JUE_BIN" build "$tmp/evil" -o "$tmp/evil-out" --format md >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 0 ] && ok || bad "build of the evil names: exit $rc $(cat "$tmp/log")"
grep -l '<script\|<img\|onerror=alert(1)>' "$tmp"/evil-out/*.md >"$tmp/hits" && bad "unescaped HTML in $(cat "$tmp/hits")" || ok
for f in evil.md evil-notes.md evil-perf.md; do
  grep -q '青溪县&lt;script&gt;alert(1)&lt;/script&gt;局\\|x' "$tmp/evil-out/$f" && ok || bad "$f: the name is not escaped"
done
grep -q '医疗救助&lt;img src=x onerror=alert(1)&gt;人次' "$tmp/evil-out/evil-perf.md" && ok || bad "indicator name not escaped"

# ---- a reference build, then a symlink planted under a final name
cp -r "$EX" "$tmp/$N"
"$JUE_BIN" build "$tmp/$N" -o "$tmp/ref" >/dev/null 2>&1 && ok || bad "reference build failed"
nref=$(ls "$tmp/ref" | wc -l)
cp -r "$tmp/ref" "$tmp/out"
echo keep >"$tmp/victim"
rm "$tmp/out/$N.md"
ln -s "$tmp/victim" "$tmp/out/$N.md"
"$JUE_BIN" build "$tmp/$N" -o "$tmp/out" >/dev/null 2>&1
[ "$(cat "$tmp/victim")" = keep ] && ok || bad "the symlink was followed: the file outside was overwritten"
[ -f "$tmp/out/$N.md" ] && [ ! -L "$tmp/out/$N.md" ] && cmp -s "$tmp/out/$N.md" "$tmp/ref/$N.md" && ok ||
  bad "$N.md is not the new output"

# ---- one build at a time
flock -n "$tmp/out/.juesuan.lock" "$JUE_BIN" build "$tmp/$N" -o "$tmp/out" >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "正被另一次生成使用" "$tmp/log" && ok || bad "a second build: exit $rc $(cat "$tmp/log")"

# every final output is the reference's, byte for byte; no temporary left
same_as_ref() {
  for f in "$tmp/out"/*; do
    cmp -s "$f" "$tmp/ref/$(basename "$f")" || { echo "$(basename "$f") differs"; return 1; }
  done
}

# ---- a write failure: files over 64 KiB cannot be written (EFBIG)
( trap '' XFSZ; ulimit -f 64; exec "$JUE_BIN" build "$tmp/$N" -o "$tmp/out" ) >"$tmp/log" 2>&1; rc=$?
[ $rc -eq 2 ] && ok || bad "write failure: exit $rc, want 2"
grep -q "$N.html: .*无法写入HTML：磁盘空间不足" "$tmp/log" && ok || bad "no 磁盘空间不足 naming the HTML: $(cat "$tmp/log")"
# the PDF, written by a library through its path, says the same
( trap '' XFSZ; ulimit -f 64; exec "$JUE_BIN" build "$tmp/$N" -o "$tmp/out" --format pdf ) >"$tmp/log2" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "$N-document.pdf: .*无法写入完整文档：磁盘空间不足" "$tmp/log2" && ok ||
  bad "PDF write failure: exit $rc $(cat "$tmp/log2")"
cat "$tmp/log2" >>"$tmp/log"
grep -q "input/output error" "$tmp/log" && bad "English I/O error: $(cat "$tmp/log")" || ok
msg=$(same_as_ref) && ok || bad "after the write failure: $msg"
[ "$(ls "$tmp/out" | wc -l)" -eq "$nref" ] && ok || bad "files missing after the write failure"
ls -A "$tmp/out" | grep -q jtmp && bad "temporary files left: $(ls -A "$tmp/out")" || ok

# ---- kill -9 at random moments: what has a final name is complete
RANDOM=7
for i in $(seq 1 20); do
  "$JUE_BIN" build "$tmp/$N" -o "$tmp/out" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf %03d $((RANDOM % 1000)))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  msg=$(same_as_ref) || { bad "kill -9 round $i: $msg"; break; }
done
ok
tail -c 6 "$tmp/out/$N-document.pdf" | grep -q '%%EOF' && ok || bad "the PDF does not end with %%EOF"
python3 - "$tmp/out" <<'EOF' && ok || bad "a zip output is damaged"
import sys, zipfile, glob
for f in glob.glob(sys.argv[1] + '/*.xlsx') + glob.glob(sys.argv[1] + '/*.docx'):
    assert zipfile.ZipFile(f).testzip() is None, f
EOF
# the next build sweeps what the killed ones left
"$JUE_BIN" build "$tmp/$N" -o "$tmp/out" >/dev/null 2>&1 && ok || bad "build after the kills failed"
ls -A "$tmp/out" | grep -q jtmp && bad "temporaries not swept: $(ls -A "$tmp/out" | grep jtmp)" || ok
msg=$(same_as_ref) && ok || bad "after the kills: $msg"

echo "outputs: $pass passed, $fail failed"
[ $fail -eq 0 ]
