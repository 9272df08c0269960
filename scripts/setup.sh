#!/usr/bin/env bash
# Sets up everything RightsLedger needs on a fresh Debian machine: system packages, the Python
# virtual environment in .venv, and the npm packages. Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- system packages (Debian) -------------------------------------------------------------------
# chromium: the portal's end-to-end browser test (tests/portal/test_browser.py) drives it; a CJK font
# so its screenshots of the (Chinese by default) portal show characters, not boxes.
APT_PACKAGES=(python3-venv chromium fonts-wqy-microhei)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- Python ---------------------------------------------------------------------------------------
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.rightsledger-installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "installing RightsLedger and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
fi

# --- npm (contracts, local chain nodes) ----------------------------------------------------------
if [ -f package-lock.json ]; then
  lockhash="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ ! -f node_modules/.rightsledger-installed ] || [ "$(cat node_modules/.rightsledger-installed)" != "$lockhash" ]; then
    command -v npm >/dev/null || { echo "npm not found: install Node.js 20 or newer" >&2; exit 1; }
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    echo "$lockhash" > node_modules/.rightsledger-installed
  fi
fi
log "setup complete"
