#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download
# is not possible offline). Installs it when missing and we may; says how otherwise.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing at $chromium_path: run 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
exit 1
