#!/usr/bin/env bash
# Take the browser tests' screenshots (RNN_SCREENSHOTS=1) and copy those of the main views into
# docs/screenshots for the README. Only the test files that shoot them run; any pytest arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/artifacts/screenshots
RNN_SCREENSHOTS=1 .venv/bin/python -m pytest -q -n "${TEST_WORKERS:-2}" --dist loadfile \
  tests/browser/test_app_browser.py tests/browser/test_lab_browser.py tests/browser/test_learn_browser.py \
  tests/browser/test_names_browser.py "$@"
mkdir -p docs/screenshots
for pair in page_home:home train:train hidden_states:hidden_states gradients:gradients compare:compare \
            page_data:data lab_init_rho_1.5:lab learn_en:learn learn_zh:learn_zh names_typed:names; do
  cp "$src/${pair%%:*}.png" "docs/screenshots/${pair##*:}.png"
done
