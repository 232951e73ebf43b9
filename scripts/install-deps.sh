#!/usr/bin/env bash
# System packages the test suite needs beyond Node: Debian's Chromium for the consumer-page browser test
# (driven by playwright-core; no browser download). Idempotent; a no-op when already installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "install-deps: chromium present ($(chromium --version 2>/dev/null | head -1))"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing Debian's chromium…"
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
