#!/usr/bin/env bash
# System packages beyond Node that the tests and the Fabric path need, from Debian:
# - chromium: the browser tests drive Debian's Chromium through playwright-core (no browser download);
# - libsqlite3-dev: Fabric CA's server is built with cgo against the system SQLite (scripts/install-fabric.sh);
# - curl: the network script's health probes.
# Idempotent: installs only what is missing.
set -euo pipefail
want=(chromium libsqlite3-dev curl)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: present: ${want[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}…"
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
