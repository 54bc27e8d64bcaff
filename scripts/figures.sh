#!/usr/bin/env bash
# The browser form's figures: bash scripts/figures.sh [--runs N]
#
# Builds the wasm preset's site (after scripts/setup.sh, unless FTBLOCK_SKIP_SETUP=1), then
# prints what scripts/figures.mjs measures in headless Chromium: the download per file (raw and
# gzip) and in total against the 350 KB gzip budget, navigation -> first frame at
# devicePixelRatio 1 and 2, the atlas build, frames drawn in 3 s of idle, and the longest frame
# that drew a new glyph while typing through the IME. --compare DIR measures another site (a
# build of an earlier revision) in the same run. Exits 1 over budget or when an idle form draws.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${FTBLOCK_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/setup.sh
fi
cmake --preset wasm >/dev/null
cmake --build --preset wasm --parallel "${FTBLOCK_JOBS:-2}" --target ftblock_app >/dev/null
exec node scripts/figures.mjs "$@"
