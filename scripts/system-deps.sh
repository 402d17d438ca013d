#!/bin/sh
# Install the Debian and npm packages the test suite needs, only when missing (idempotent).
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
fc-list 2>/dev/null | grep -q IPAexGothic || need="$need fonts-ipaexfont"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do  # WeasyPrint
  dpkg -s "$lib" >/dev/null 2>&1 || need="$need $lib"
done
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "installing Debian packages:$need"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
fi
if [ -f package.json ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --silent --no-audit --no-fund
fi
