#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing: Chromium (real-browser test and
# chart export through kaleido) and headless LibreOffice (fixtures saved by LibreOffice; exports opened
# by LibreOffice). As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${need[*]} fonts-dejavu-core"
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages: ${need[*]}"
  bash -c "$cmd"
else
  echo "Missing Debian packages: ${need[*]}. Install them as root with:" >&2
  echo "  sudo bash -c '$cmd'" >&2
  exit 1
fi
