#!/usr/bin/env bash
# Installs the Debian 12 packages juesuan needs to build, test and demo, but
# only those missing (a no-op on a prepared machine). Run as root, or with sudo
# available; prints what it installs. docs/dependencies.md says why each is here.
set -euo pipefail

BUILD_PKGS=(build-essential cmake pkg-config libyaml-dev libxlsxwriter-dev libcmocka-dev libzip-dev libxml2-dev libpoppler-glib-dev libsqlite3-dev
            libcairo2-dev libpango1.0-dev libharfbuzz-dev libfreetype-dev fonts-noto-cjk libmicrohttpd-dev)
# Tools the test suite drives as a user would: unzip + xmllint to normalise XLSX
# for golden comparisons, zip to plant errors in a written workbook, python3 for
# the CLI tests that parse JSON Lines and Word XML, poppler-utils (pdftotext)
# for the text layouts a reviewer copies out of a PDF (make eval, door tests),
# libreoffice-writer for the text, HTML and PDF a DOCX is saved as,
# libreoffice-calc-nogui for the PDF a spreadsheet program exports from the
# tables' workbook (the door matrix), pandoc for the
# Markdown converters write from the DOCX and HTML (door tests), mupdf-tools
# for a second library's text of a PDF (mutool, door tests),
# strace to see which files an audit opens (modules.sh: no data file is read
# only to hash it).
TEST_PKGS=(unzip zip libxml2-utils python3 poppler-utils libreoffice-writer libreoffice-calc-nogui pandoc mupdf-tools
           strace)

# The browser tests of the web app (make e2e): a headless Chromium.
E2E_PKGS=(chromium python3)

want=("${BUILD_PKGS[@]}")
for arg in "$@"; do
  case "$arg" in
    --test) want+=("${TEST_PKGS[@]}") ;;
    --e2e) want+=("${E2E_PKGS[@]}") ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once if they are empty or older than a day.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ] || \
   [ -n "$(find /var/lib/apt/lists -maxdepth 0 -mtime +0 2>/dev/null)" ]; then
  $SUDO apt-get update -qq
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
