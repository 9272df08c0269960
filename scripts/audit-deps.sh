#!/usr/bin/env bash
# Dependency audit: known vulnerabilities of the installed Python packages (pip-audit over .venv)
# and of the npm packages (npm audit: runtime only, then everything). Writes
# test-artifacts/dependency-audit.txt and prints a summary. It reports; it never fails the build:
# findings are for a person to weigh, and an unreachable advisory database is said loudly, not
# mistaken for a clean bill.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts
report=test-artifacts/dependency-audit.txt
summary=()

section() { printf '\n==== %s ====\n' "$1" >>"$report"; }

{
  echo "RightsLedger dependency audit, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "python: $(.venv/bin/python --version 2>&1); node: $(node --version 2>/dev/null || echo none)"
} >"$report"

# --- Python ---------------------------------------------------------------------------------------
section "pip-audit (installed environment .venv)"
if [ -x .venv/bin/pip-audit ]; then
  out=$(timeout 300 .venv/bin/pip-audit --progress-spinner off --skip-editable --desc on 2>&1)
  status=$?
  printf '%s\n' "$out" >>"$report"
  # pip-audit says "No known vulnerabilities" even when it could look up nothing: count the skips.
  skipped=$(printf '%s\n' "$out" | grep -c 'could not be audited' || true)
  installed=$(.venv/bin/python -m pip list --format=freeze 2>/dev/null | grep -vc '^-e' || true)
  if [ "$skipped" -gt 0 ] && [ "$skipped" -ge $((installed - 2)) ]; then
    summary+=("pip-audit: ADVISORY DATABASE UNREACHABLE - none of the $skipped packages could be looked up: Python packages NOT audited")
  elif [ $status -eq 0 ] && [ "$skipped" -gt 0 ]; then
    summary+=("pip-audit: no known vulnerabilities, but $skipped packages could NOT be audited (see $report)")
  elif [ $status -eq 0 ]; then
    summary+=("pip-audit: no known vulnerabilities")
  elif printf '%s' "$out" | grep -qiE 'connection|resolve|timed? ?out|network|unreachable|HTTPError|SSL|Max retries'; then
    summary+=("pip-audit: ADVISORY DATABASE UNREACHABLE - Python packages NOT audited (exit $status)")
  elif [ $status -eq 124 ]; then
    summary+=("pip-audit: TIMED OUT - Python packages NOT audited")
  else
    found=$(printf '%s\n' "$out" | grep -cE '^[A-Za-z0-9_.-]+ +[0-9][^ ]* +(PYSEC|GHSA|CVE)' || true)
    summary+=("pip-audit: FINDINGS ($found known vulnerabilities, see $report)")
  fi
else
  summary+=("pip-audit: NOT INSTALLED (run scripts/setup.sh) - Python packages NOT audited")
fi

# --- npm ------------------------------------------------------------------------------------------
npm_audit() {  # $1: label, rest: npm audit options
  local label=$1
  shift
  section "npm audit $*"
  local out status
  out=$(timeout 120 npm audit "$@" 2>&1)
  status=$?
  printf '%s\n' "$out" >>"$report"
  if [ $status -eq 0 ]; then
    summary+=("npm audit ($label): no known vulnerabilities")
  elif printf '%s' "$out" | grep -qiE 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network|audit endpoint returned an error|unable to get'; then
    summary+=("npm audit ($label): ADVISORY DATABASE UNREACHABLE - npm packages NOT audited")
  elif [ $status -eq 124 ]; then
    summary+=("npm audit ($label): TIMED OUT - npm packages NOT audited")
  else
    local line
    line=$(printf '%s\n' "$out" | grep -E '[0-9]+ vulnerabilit' | tail -1)
    summary+=("npm audit ($label): FINDINGS: ${line:-see $report}")
  fi
}
if command -v npm >/dev/null && [ -f package-lock.json ]; then
  npm_audit "runtime" --omit=dev
  npm_audit "all, with the development tools (solc, Hardhat, Anvil)"
else
  summary+=("npm audit: npm or package-lock.json missing - npm packages NOT audited")
fi

section "summary"
printf '%s\n' "${summary[@]}" >>"$report"
echo "==> dependency audit (full report: $report)"
printf '    %s\n' "${summary[@]}"
exit 0
