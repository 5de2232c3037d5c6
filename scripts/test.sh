#!/usr/bin/env bash
# Create the virtual environment if needed, install the dev requirements, lint, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
