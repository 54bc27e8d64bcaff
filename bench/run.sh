#!/usr/bin/env bash
# Runs the whole benchmark against an existing build; builds nothing itself.
#
#   bash bench/run.sh BUILD_DIR [ftblock_bench run options...]
#
# 1. BUILD_DIR/bench/ftblock_bench run --ftblock BUILD_DIR/cli/ftblock ... (ftblock check on
#    JSON Lines, JSON and CSV files of 100 k and 1 M records, best of 3, peak RSS);
# 2. the ajv comparison (bench/ajv) on the same largest JSON Lines file, with the built-in
#    schema and with the one `ftblock schema` prints. Installs ajv into bench/ajv with npm if
#    bench/ajv/node_modules is missing.
# 3. the validator alone (bench/validator_bench.mjs: the WebAssembly core's batch() in node) on
#    that file, from the wasm build in $FTBLOCK_WASM_BUILD (default build/wasm); skipped with a
#    message when that build has no validator.
# Data files go to $FTBLOCK_BENCH_DIR (default /tmp/ftblock-bench) and are reused.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: bash bench/run.sh BUILD_DIR [ftblock_bench run options...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench="$build/bench/ftblock_bench"
ftblock="${FTBLOCK:-$build/cli/ftblock}"
dir="${FTBLOCK_BENCH_DIR:-/tmp/ftblock-bench}"
for f in "$bench" "$ftblock"; do
  if [ ! -x "$f" ]; then
    echo "run.sh: $f is missing: build first (cmake --build $build)" >&2
    exit 2
  fi
done

# The ajv run uses the largest size and the seed given to `run` (defaults 1000000 and 1).
records=1000000
seed=1
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --sizes) records=$(tr ',' '\n' <<<"${args[$((i + 1))]}" | sort -n | tail -n 1) ;;
    --seed) seed="${args[$((i + 1))]}" ;;
    --dir) dir="${args[$((i + 1))]}" ;;
  esac
done

echo "== ftblock check =="
status=0
"$bench" run --ftblock "$ftblock" --dir "$dir" "$@" || status=$?

echo
echo "== ajv 8 (JSON.parse + compiled JSON Schema, node) =="
if ! command -v node >/dev/null 2>&1; then
  echo "node is not installed: ajv comparison skipped"
  exit "$status"
fi
if [ ! -d "$here/ajv/node_modules/ajv" ]; then
  echo "installing ajv into $here/ajv ..."
  (cd "$here/ajv" && npm install --no-audit --no-fund --loglevel=error)
fi
jsonl=$("$bench" file "$records" jsonl --seed "$seed" --dir "$dir")
node "$here/ajv/ajv_bench.js" "$jsonl"
echo
"$ftblock" schema >"$dir/ftblock-schema.json"
node "$here/ajv/ajv_bench.js" "$jsonl" "$dir/ftblock-schema.json"

echo
echo "== ftblock validator alone (WebAssembly core in node, batch() in 1 MiB chunks) =="
site="${FTBLOCK_WASM_BUILD:-$here/../build/wasm}/web/site"
if [ -f "$site/ftblock-validator.js" ] && [ -f "$site/ftblock-validator-core.wasm" ]; then
  node "$here/validator_bench.mjs" "$jsonl" --site "$site" --report both || status=$?
else
  echo "$site has no validator build: skipped (build the wasm preset, or set FTBLOCK_WASM_BUILD to its build folder)"
fi
exit "$status"
