#!/usr/bin/env bash
# Copy the browser suite's screenshots of the main views into docs/screenshots for the README.
# Run after `bash scripts/test.sh` (or `pytest tests/browser`), which writes tests/artifacts/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
src=tests/artifacts/screenshots
mkdir -p docs/screenshots
for pair in page_home:home train:train hidden_states:hidden_states gradients:gradients compare:compare \
            page_data:data lab_init_rho_1.5:lab learn_en:learn learn_zh:learn_zh names_typed:names; do
  cp "$src/${pair%%:*}.png" "docs/screenshots/${pair##*:}.png"
done
