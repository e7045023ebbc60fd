#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing, so that `make test` works on a
# fresh Debian 12 with only python3, python3-venv, make and git:
#   chromium                       real-browser tests, and chart export through kaleido
#   libatomic1                     Playwright's bundled node driver links against libatomic.so.1
#   libreoffice-*-nogui            fixtures saved by LibreOffice; exports opened by LibreOffice
#   poppler-utils                  pdftotext, to read back what LibreOffice printed
#   fonts-dejavu-core, fonts-liberation
#                                  fonts for charts and documents, so a fresh machine draws text
#   postgresql                     the history store's tests run against a real server; the test
#                                  session starts its own (tests/postgres.py), so Debian is told not
#                                  to create and start a cluster of its own (createcluster.conf)
# Each package is checked with dpkg, not by looking for a command, because a library has no command.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
packages=(
  chromium
  libatomic1
  libreoffice-calc-nogui
  libreoffice-writer-nogui
  poppler-utils
  fonts-dejavu-core
  fonts-liberation
  postgresql
)
need=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
conf=/etc/postgresql-common/createcluster.conf
no_cluster="mkdir -p /etc/postgresql-common && { grep -qsx create_main_cluster.=.false $conf || echo create_main_cluster = false >> $conf; }"
# confold keeps that file when postgresql-common installs its own copy
cmd="$no_cluster && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold ${need[*]}"
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages: ${need[*]}"
  bash -c "$cmd"
else
  echo "Missing Debian packages: ${need[*]}. Install them as root with:" >&2
  echo "  sudo bash -c '$cmd'" >&2
  exit 1
fi
