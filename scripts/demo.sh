#!/usr/bin/env bash
# Sets up and runs the main job: `rightsledger demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/rightsledger demo "$@"
