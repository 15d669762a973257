#!/usr/bin/env bash
# Install the Debian packages the build and tests need, if they are missing.
# The base assumed: Debian 12 (bookworm) or a later Debian/Ubuntu, with python3 (>= 3.11) and make.
set -euo pipefail
need=()
# `python3 -m venv` needs Debian's python3-venv (ensurepip) when python3 is the system one
${PYTHON:-python3} -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)   # the Nu HTML Checker
command -v node >/dev/null 2>&1 || need+=(nodejs)                 # npm ci of tools/node
command -v npm >/dev/null 2>&1 || need+=(npm)
fc-list 2>/dev/null | grep -qi "DejaVuSans" || need+=(fonts-dejavu-core)
# Handouts: DejaVu is the installed family with every Kazakh letter; the extra package has
# its condensed and italic faces. WeasyPrint needs Pango.
fc-list 2>/dev/null | grep -qi "DejaVuSansCondensed" || need+=(fonts-dejavu-extra)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "need root (or sudo) to install: ${need[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
