#!/usr/bin/env bash
# The README's run command (`make demo`): sets everything up on a fresh clone, then runs
# `rightsledger demo`. Options pass through, e.g. `scripts/demo.sh --scale small --no-serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/rightsledger demo "$@"
