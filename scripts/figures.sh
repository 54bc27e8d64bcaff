#!/usr/bin/env bash
# The browser form's figures: bash scripts/figures.sh [--runs N]
#
# Builds the wasm preset's site (after scripts/setup.sh, unless FTBLOCK_SKIP_SETUP=1), then
# prints the download size per file (raw and gzip) and in total against the 700 KB gzip
# budget, the time from navigation to the first frame in headless Chromium (at
# devicePixelRatio 1 and 2), and the frames drawn in 3 s of idle. Exits 1 over budget or when
# an idle form draws. The measuring is scripts/figures.mjs (playwright-core from tests/e2e).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${FTBLOCK_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/setup.sh
fi
cmake --preset wasm >/dev/null
cmake --build --preset wasm --parallel "${FTBLOCK_JOBS:-2}" --target ftblock_app >/dev/null
exec node scripts/figures.mjs "$@"
