#!/usr/bin/env bash
# Sets up and runs the whole test suite: lint, types, and pytest against the real PostgreSQL
# server (and, as they arrive, the Hardhat node, Anvil and the browser).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# PostgreSQL: the tests create and drop their own databases on it.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null; then
    echo "==> starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi

echo "==> ruff";  .venv/bin/ruff check .
echo "==> mypy";  .venv/bin/mypy
echo "==> import contracts"; .venv/bin/lint-imports  # the layers of pyproject.toml
scripts/audit-deps.sh  # reports known vulnerabilities; never fails the build (see the script)
echo "==> pytest"
exec .venv/bin/pytest "$@"
