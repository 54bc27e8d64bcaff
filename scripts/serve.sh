#!/usr/bin/env bash
# Builds the browser form and serves it (README): bash scripts/serve.sh [PORT]
#
# Installs what is missing (scripts/setup.sh), builds the wasm preset's site
# (build/wasm/web/site: the page, ftblock.js/.wasm, the fonts) and serves it as static files on
# http://127.0.0.1:PORT/ (default 8080) with python3's http.server, after checking that the
# .wasm goes out as application/wasm (browsers refuse to stream-compile anything else).
# Stop with Ctrl+C. Environment: FTBLOCK_SKIP_SETUP=1 (skip setup.sh), FTBLOCK_JOBS (default 2).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT=${1:-${FTBLOCK_PORT:-8080}}
SITE=build/wasm/web/site

if [ "${FTBLOCK_SKIP_SETUP:-0}" != 1 ]; then
  bash scripts/setup.sh
fi
cmake --preset wasm >/dev/null
cmake --build --preset wasm --parallel "${FTBLOCK_JOBS:-2}" --target ftblock_app ftblock_fonts
for f in index.html ftblock.js ftblock.wasm ftblock-embed.js ftblock-page.js ftblock.css \
         fonts/ftblock-latin.ttf fonts/ftblock-cjk.ttf; do
  [ -f "$SITE/$f" ] || { echo "serve.sh: $SITE/$f was not built" >&2; exit 1; }
done

python3 -m http.server --bind 127.0.0.1 "$PORT" --directory "$SITE" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM

# Wait for the server, then check what it says a .wasm is.
type=$(python3 - "$PORT" <<'EOF'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/ftblock.wasm"
for _ in range(50):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=2) as r:
            print(r.headers.get("Content-Type", "")); break
    except OSError:
        time.sleep(0.1)
EOF
)
if [ -z "$type" ]; then
  echo "serve.sh: the server did not answer on 127.0.0.1:$PORT (port in use? try: bash scripts/serve.sh 8081)" >&2
  exit 1
fi
if [ "$type" != application/wasm ]; then
  echo "serve.sh: ftblock.wasm is served as '$type', not application/wasm" >&2
  exit 1
fi

echo "ftblock form: http://127.0.0.1:$PORT/"
wait "$server"
