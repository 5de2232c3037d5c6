#!/usr/bin/env bash
# Create the virtual environment if needed, install the dev requirements, lint, run every test.
# The tests run on two workers (pytest-xdist, one test file per worker at a time); pass `-n 0` to run
# them in this process, or any pytest arguments (`-m "not slow and not browser"`, a file, `-k ...`).
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=""
[ -x .venv/bin/python ] || { python3 -m venv .venv; fresh=1; }
# One retry per index page: where the PyTorch CPU index (requirements.txt) cannot be reached, pip's
# default of five retries with back-off costs minutes on a fresh install; one costs seconds.
# A fresh environment is byte-compiled on every core afterwards instead of file by file by pip
# (about a third of the install's time on two cores).
PIP_RETRIES="${PIP_RETRIES:-1}" .venv/bin/pip install -q ${fresh:+--no-compile} -r requirements-dev.txt
if [ -n "$fresh" ]; then
  .venv/bin/python -m compileall -q -j 0 "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" >/dev/null || true
fi
.venv/bin/ruff check .
.venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
