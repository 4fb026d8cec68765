#!/usr/bin/env bash
# The PDF module (juesuan-pdf.so: poppler, cairo) is loaded only when a PDF
# is read, the PDF writer module (juesuan-pdfwrite.so: cairo, pango) only
# when one is written (a PDF audit loads no pango), the office module (juesuan-office.so: libxml2,
# libzip, libxlsxwriter, with ICU and libcrypto) only when a DOCX, HTML or
# XLSX file is, the serve module (juesuan-serve.so: libmicrohttpd, gnutls)
# only by `juesuan serve`, the store module (juesuan-store.so: sqlite) only
# when a store is opened; --help and a text audit load nothing beyond the
# library, libc, libm and libyaml. Without a module, what needs it
# is refused with a message that names the module and the way to point at
# it, and everything else works.
set -u
Z="$JUE_SHARED/fixtures/real/zhenan-medical-security-2023.txt"
P="$JUE_SHARED/fixtures/real/shanghai-putuo-2024/finance-bureau-planted-errors.pdf"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: $*"; fail=$((fail+1)); }
# which shared objects a run loads (the dynamic loader's own account)
loads() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u; }

loads "$JUE_BIN" --help >"$tmp/help"
grep -q 'poppler\|cairo\|pango\|juesuan-pdf' "$tmp/help" && bad "--help loads: $(grep 'poppler\|cairo\|pango\|juesuan-pdf' "$tmp/help" | tr '\n' ' ')" || ok
loads "$JUE_BIN" audit "$Z" >"$tmp/text"
grep -q 'poppler\|cairo\|pango\|juesuan-pdf' "$tmp/text" && bad "a text audit loads the PDF libraries" || ok
grep -q 'microhttpd\|gnutls\|juesuan-serve' "$tmp/text" "$tmp/help" && bad "a text audit or --help loads the server" || ok
# nothing but these (and, in a sanitized build, the sanitizers' runtimes)
allowed='libjuesuan\.so|libc\.so|libm\.so|libyaml'
grep -q libasan "$tmp/help" && allowed="$allowed|libasan|libubsan|libstdc\+\+|libgcc_s"
for run in help text; do
  extra=$(grep -vE "file=($allowed)" "$tmp/$run" | tr '\n' ' ')
  [ -z "$extra" ] && ok || bad "$run loads more than libc-level objects: $extra"
done
grep -q 'xml2\|libzip\|xlsxwriter\|icu\|crypto\|juesuan-office' "$tmp/text" && bad "a text audit loads the office libraries" || ok
# the rules' fingerprint (only the store needs it) is not made by an audit without a store:
# the data files are read to be used, not hashed (data/catalog/README.md is only ever hashed)
if command -v strace >/dev/null; then
  strace -f -e trace=open,openat -o "$tmp/trace" "$JUE_BIN" audit "$Z" >/dev/null 2>&1
  grep -q 'catalog/economic.csv' "$tmp/trace" && ! grep -q 'catalog/README.md' "$tmp/trace" && ok ||
    bad "a text audit without a store hashes the data files"
  # the profile is read once (its rules: key is kept for the rule pack)
  [ "$(grep -c 'profiles/national.yaml' "$tmp/trace")" -eq 1 ] && ok ||
    bad "a text audit reads its profile $(grep -c 'profiles/national.yaml' "$tmp/trace") times"
fi
D="$JUE_SRCDIR/tests/fixtures/own/zhenan-2023.docx"
loads "$JUE_BIN" audit "$D" >"$tmp/docx"
grep -q 'juesuan-office.so' "$tmp/docx" && grep -q 'libxml2' "$tmp/docx" && grep -q 'libzip' "$tmp/docx" && ok ||
  bad "a DOCX audit does not load the office module"
grep -q 'poppler\|juesuan-pdf' "$tmp/docx" && bad "a DOCX audit loads the PDF module" || ok
loads "$JUE_BIN" audit "$P" >"$tmp/pdf"
grep -q 'juesuan-pdf.so' "$tmp/pdf" && grep -q 'poppler' "$tmp/pdf" && ok || bad "a PDF audit does not load the PDF module"
grep -q 'pango\|harfbuzz\|juesuan-pdfwrite' "$tmp/pdf" && bad "a PDF audit loads the PDF writer: $(grep 'pango\|harfbuzz\|juesuan-pdfwrite' "$tmp/pdf" | tr '\n' ' ')" || ok
loads "$JUE_BIN" build "$JUE_SRCDIR/examples/county-medical-security-2024" -o "$tmp/w" --format pdf >"$tmp/write"
grep -q 'juesuan-pdfwrite.so' "$tmp/write" && grep -q 'pango' "$tmp/write" && ok || bad "writing a PDF does not load the writer module"

# serve without its module: the reason, and no server
JUESUAN_MODULES="$tmp/nowhere" timeout 10 "$JUE_BIN" serve --listen 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q "无法加载网页服务模块 $tmp/nowhere/juesuan-serve.so" "$tmp/err" && ok ||
  bad "serve without its module: exit $rc, $(cat "$tmp/err")"

# the module missing: a PDF is refused with the reason, a text is audited as ever
"$JUE_BIN" audit "$Z" >"$tmp/want" 2>/dev/null
JUESUAN_MODULES="$tmp/nowhere" "$JUE_BIN" audit "$Z" >"$tmp/got" 2>/dev/null
cmp -s "$tmp/want" "$tmp/got" && ok || bad "a text audit differs without the PDF module"
JUESUAN_MODULES="$tmp/nowhere" "$JUE_BIN" audit "$P" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -ne 0 ] && [ $rc -ne 1 ] && ok || bad "a PDF without the module: exit $rc"
grep -q "无法加载 PDF 模块 $tmp/nowhere/juesuan-pdf.so" "$tmp/err" && grep -q 'JUESUAN_MODULES' "$tmp/err" && ok ||
  bad "no reason given: $(cat "$tmp/err")"
# build without the PDF module: the PDF is not written, and says why; the other formats are
JUESUAN_MODULES="$tmp/nowhere" "$JUE_BIN" build "$JUE_SRCDIR/examples/county-medical-security-2024" -o "$tmp/b" \
  --format pdf,html >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && ! ls "$tmp/b"/*.pdf >/dev/null 2>&1 && ls "$tmp/b"/*-document.html >/dev/null 2>&1 && ok ||
  bad "build without the PDF module: exit $rc, $(ls "$tmp/b")"
grep -q "无法写入完整文档：无法加载 PDF 模块 $tmp/nowhere/juesuan-pdfwrite.so" "$tmp/err" && ok ||
  bad "build: no reason: $(cat "$tmp/err")"
# without the office module: a DOCX or an HTML page is refused with the reason, and
# a build says why it wrote no XLSX and no Word file
for f in zhenan-2023.docx zhenan-2023.html; do
  JUESUAN_MODULES="$tmp/nowhere" "$JUE_BIN" audit "$JUE_SRCDIR/tests/fixtures/own/$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc -ge 2 ] && grep -q "无法加载办公文档模块 $tmp/nowhere/juesuan-office.so" "$tmp/err" && ok ||
    bad "$f without the office module: exit $rc, $(cat "$tmp/err")"
done
for fmt in xlsx docx; do
  JUESUAN_MODULES="$tmp/nowhere" "$JUE_BIN" build "$JUE_SRCDIR/examples/county-medical-security-2024" -o "$tmp/o$fmt" \
    --format "$fmt,html" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] && ! ls "$tmp/o$fmt"/*."$fmt" >/dev/null 2>&1 && ls "$tmp/o$fmt"/*.html >/dev/null 2>&1 && ok ||
    bad "build --format $fmt without the office module: exit $rc, $(ls "$tmp/o$fmt")"
  grep -q '无法写入\(XLSX\|完整文档\)：无法加载办公文档模块' "$tmp/err" && ok || bad "build $fmt: no reason: $(cat "$tmp/err")"
done
# a store: opened through its module (with sqlite); without the module it is refused with the reason
loads "$JUE_BIN" audit --store "$tmp/s.db" "$Z" >"$tmp/store"
grep -q 'juesuan-store.so' "$tmp/store" && grep -q 'libsqlite3' "$tmp/store" && ok || bad "a store does not load the store module"
JUESUAN_MODULES="$tmp/nowhere" "$JUE_BIN" store list --store "$tmp/s.db" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "无法加载存储模块 $tmp/nowhere/juesuan-store.so" "$tmp/err" && ok ||
  bad "store list without the store module: exit $rc, $(cat "$tmp/err")"
# the modules are loaded lazily (their libraries bind at first call) but are themselves bound at
# load: each is marked BIND_NOW, so one that does not fit the library fails to load, with the reason
if command -v readelf >/dev/null; then
  for m in pdf pdfwrite office store serve; do
    readelf -d "$(dirname "$JUE_BIN")/juesuan-$m.so" | grep -q 'FLAGS.*NOW' && ok || bad "juesuan-$m.so is not bound at load"
  done
  # poppler's core and libstdc++ head the PDF module's needed list: most of the symbols its load
  # binds are theirs, and the loader looks them up along that list (CMakeLists.txt, juesuan-pdf)
  # (a sanitized build names its runtimes before them)
  first=$(readelf -d "$(dirname "$JUE_BIN")/juesuan-pdf.so" | grep -o 'NEEDED.*\[[^]]*\]' | sed 's/.*\[//; s/\]//' |
    grep -v '^libasan\|^libubsan' | head -2 | tr '\n' ' ')
  case "$first" in "libpoppler.so."*" libstdc++.so."*) ok ;; *) bad "juesuan-pdf.so needs first: $first" ;; esac
  mkdir -p "$tmp/misfit"
  printf 'extern int jue_no_such_function(void);\nconst int jue_pdf_module_v2[8] = {2};\nint f(void) { return jue_no_such_function(); }\n' >"$tmp/misfit.c"
  if cc -shared -fPIC -Wl,-z,now -o "$tmp/misfit/juesuan-pdf.so" "$tmp/misfit.c" 2>/dev/null; then
    JUESUAN_MODULES="$tmp/misfit" "$JUE_BIN" audit "$P" >"$tmp/out" 2>"$tmp/err"; rc=$?
    [ $rc -ge 2 ] && grep -q "无法加载 PDF 模块 .*jue_no_such_function" "$tmp/err" && ok ||
      bad "a module that does not fit: exit $rc, $(cat "$tmp/err")"
  fi
fi
# pointed at the folder it is in, it is found there
JUESUAN_MODULES="$(dirname "$JUE_BIN")" "$JUE_BIN" audit "$P" >"$tmp/out2" 2>/dev/null
"$JUE_BIN" audit "$P" >"$tmp/out3" 2>/dev/null
[ -s "$tmp/out2" ] && cmp -s "$tmp/out2" "$tmp/out3" && ok || bad "JUESUAN_MODULES pointing at the build folder"
echo "modules: $pass passed, $fail failed"
[ $fail -eq 0 ]
