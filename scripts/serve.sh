#!/usr/bin/env bash
# Builds the browser form and serves it (README): bash scripts/serve.sh [PORT]
#
# Installs what is missing (scripts/setup.sh), builds the wasm preset's site
# (build/wasm/web/site: the page, ftblock.js/.wasm, the embedding files and the example
# pages) and serves it on http://127.0.0.1:PORT/ (default 8080) with scripts/serve.py (python3's
# http.server: .wasm as application/wasm — checked before the URLs are printed —, no-store
# caching, the strict Content-Security-Policy on /examples/strict-csp/, a frame-ancestors
# allow-list on /embed.html). Stop with Ctrl+C.
# Environment: FTBLOCK_SKIP_SETUP=1 (skip setup.sh), FTBLOCK_JOBS (default 2),
# FTBLOCK_BUILD_DIR (default build/wasm: another build of the wasm preset),
# FTBLOCK_FRAME_ANCESTORS (who may frame embed.html; default "'self' http://127.0.0.1:PORT").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${1:-${FTBLOCK_PORT:-8080}}
BUILD=${FTBLOCK_BUILD_DIR:-build/wasm}
SITE=$BUILD/web/site

if [ "${FTBLOCK_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/setup.sh
fi
cmake --preset wasm -B "$BUILD" >/dev/null
# The form, and the validator alone when the build has it (the example page uses it).
targets=(ftblock_app)
if cmake --build "$BUILD" --target help | grep -q '^\.\.\. ftblock_validator\b\|^ftblock_validator:'; then
  targets+=(ftblock_validator)
fi
cmake --build "$BUILD" --parallel "${FTBLOCK_JOBS:-2}" --target "${targets[@]}"
for f in index.html ftblock.js ftblock.wasm ftblock-embed.js ftblock-page.js ftblock.css \
         examples/index.html examples/strict-csp/index.html examples/strict-csp/csp.json; do
  [ -f "$SITE/$f" ] || { echo "serve.sh: $SITE/$f was not built" >&2; exit 1; }
done

exec python3 scripts/serve.py --site "$SITE" --port "$PORT"
