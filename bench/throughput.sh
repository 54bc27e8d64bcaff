#!/usr/bin/env bash
# Every checker side by side on the same files, one table (bench/README.md#side-by-side):
#
#   bash bench/throughput.sh BUILD_DIR [--records 1000000] [--runs 3] [--formats jsonl,json,csv]
#                                      [--workers N] [--seed 1] [--checkers cli,wasm,ajv]
#
# For each format, on BUILD_DIR/bench/ftblock_bench's generated file of that many records:
#   ftblock check -j 1          the native CLI, one thread
#   ftblock check -j N          all N cores (N: nproc, or --workers)
#   wasm batch()                the WebAssembly validator in node, one thread (bench/throughput_node.mjs)
#   wasm pool(N)                its worker pool: N worker threads, the file as a Blob
#   ajv                         JSON.parse + ajv with the schema `ftblock schema` prints
# each with `--today 2026-11-24` and the JSON report (--format json), the report written and
# dropped; records/s and MB/s of the best of --runs runs (each a fresh process), and the highest
# peak RSS of those runs (/usr/bin/time for the CLI, the node process's own for node: worker
# threads included). A row that cannot be measured says why ("n/a (no -j)": a CLI without -j).
# bench/run.sh still prints the per-size table of ftblock_bench run.
# The wasm build: $FTBLOCK_SITE_DIR, else ${FTBLOCK_WASM_BUILD:-build/wasm}/web/site.
# Data files go to $FTBLOCK_BENCH_DIR (default /tmp/ftblock-bench) and are reused.
set -euo pipefail

usage="usage: bash bench/throughput.sh BUILD_DIR [--records N] [--runs N] [--formats jsonl,json,csv] [--workers N] [--seed N] [--checkers cli,wasm,ajv]"
if [ $# -lt 1 ]; then
  echo "$usage" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
records=1000000
runs=3
formats=jsonl,json,csv
workers=$(nproc)
seed=1
checkers=cli,wasm,ajv
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --formats) formats=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --checkers) checkers=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
bench="$build/bench/ftblock_bench"
ftblock="${FTBLOCK:-$build/cli/ftblock}"
dir="${FTBLOCK_BENCH_DIR:-/tmp/ftblock-bench}"
site="${FTBLOCK_SITE_DIR:-${FTBLOCK_WASM_BUILD:-$here/../build/wasm}/web/site}"
for f in "$bench" "$ftblock" /usr/bin/time; do
  if [ ! -x "$f" ]; then
    echo "throughput.sh: $f is missing" >&2
    exit 2
  fi
done
have_node=0
command -v node >/dev/null 2>&1 && have_node=1
have_wasm=0
[ -f "$site/ftblock-validator.js" ] && [ -f "$site/ftblock-validator-core.wasm" ] && have_wasm=1
have_ajv=0
[ -d "$here/ajv/node_modules/ajv" ] && have_ajv=1
have_j=0
"$ftblock" --help 2>&1 | grep -q -- '-j' && have_j=1
mkdir -p "$dir"
"$ftblock" schema >"$dir/ftblock-schema.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# best_of CMD...: runs CMD $runs times; prints "seconds rss_mib" (best time, highest peak RSS).
# The CLI: wall time around it, peak RSS from /usr/bin/time (exit 1 = invalid records: fine).
best_cli() {
  local best="" rss=0 t0 t1 s m code
  for ((r = 0; r < runs; r++)); do
    t0=$(date +%s%N)
    code=0
    /usr/bin/time -f '%M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || code=$?
    t1=$(date +%s%N)
    if [ "$code" -gt 1 ]; then
      echo "fail $(head -c 200 "$tmp/err" | tr '\n' ' ')"
      return
    fi
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    m=$(tail -n 1 "$tmp/time")
    if [ -z "$best" ] || awk -v x="$s" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$s; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
}

# best_node MODE FILE [args]: the same for bench/throughput_node.mjs (its own time and RSS).
best_node() {
  local best="" rss=0 out s m
  for ((r = 0; r < runs; r++)); do
    if ! out=$(node "$here/throughput_node.mjs" "$@" 2>"$tmp/err"); then
      echo "fail $(head -c 200 "$tmp/err" | tr '\n' ' ')"
      return
    fi
    if grep -q '"na"' <<<"$out"; then
      echo "na $(sed -E 's/.*"na":"([^"]*)".*/\1/' <<<"$out")"
      return
    fi
    s=$(sed -E 's/.*"seconds":([0-9.e+-]+).*/\1/' <<<"$out")
    m=$(sed -E 's/.*"rssMiB":([0-9.]+).*/\1/' <<<"$out")
    if [ -z "$best" ] || awk -v x="$s" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$(printf '%.3f' "$s"); fi
    if awk -v x="$m" -v y="$rss" 'BEGIN { exit !(x > y) }'; then rss=$m; fi
  done
  echo "$best $rss"
}

# row FORMAT LABEL FILE RESULT
row() {
  local format=$1 label=$2 file=$3 result=$4 mb
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
  case "$result" in
    na\ * | fail\ *)
      printf '%-6s %-26s %9s %9s  %s\n' "$format" "$label" "$records" "$mb" "n/a (${result#* })" ;;
    *)
      read -r s rss <<<"$result"
      awk -v f="$format" -v l="$label" -v n="$records" -v mb="$mb" -v s="$s" -v rss="$rss" 'BEGIN {
        printf "%-6s %-26s %9d %9.1f %8.3f %11.0f %8.1f %10.1f\n", f, l, n, mb, s, n / s, mb / s, rss }' ;;
  esac
}

echo "ftblock throughput, side by side: $records records per file, best of $runs runs, $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "ftblock: $ftblock; validator: $site; node $(node --version 2>/dev/null || echo 'not installed')"
echo "all with --today 2026-11-24 and the JSON report; peak RSS: the highest of the runs"
echo
printf '%-6s %-26s %9s %9s %8s %11s %8s %10s\n' format checker records "file MB" "best s" records/s MB/s "peak MiB"
for format in ${formats//,/ }; do
  file=$("$bench" file "$records" "$format" --seed "$seed" --dir "$dir")
  common=(check --today 2026-11-24 --format json "$file")
  if [[ ",$checkers," != *,cli,* ]]; then
    :
  elif [ "$have_j" = 1 ]; then
    row "$format" "ftblock check -j 1" "$file" "$(best_cli "$ftblock" check -j 1 --today 2026-11-24 --format json "$file")"
    row "$format" "ftblock check -j $workers" "$file" "$(best_cli "$ftblock" check -j "$workers" --today 2026-11-24 --format json "$file")"
  else
    row "$format" "ftblock check (1 thread)" "$file" "$(best_cli "$ftblock" "${common[@]}")"
    row "$format" "ftblock check -j $workers" "$file" "na no -j"
  fi
  if [[ ",$checkers," != *,wasm,* ]]; then
    :
  elif [ "$have_node" = 0 ] || [ "$have_wasm" = 0 ]; then
    row "$format" "wasm batch()" "$file" "na no node or no wasm build in $site"
    row "$format" "wasm pool($workers)" "$file" "na no node or no wasm build in $site"
  else
    row "$format" "wasm batch()" "$file" "$(best_node single "$file" --site "$site")"
    row "$format" "wasm pool($workers)" "$file" "$(best_node pool "$file" --site "$site" --workers "$workers")"
  fi
  if [[ ",$checkers," != *,ajv,* ]]; then
    :
  elif [ "$have_node" = 0 ] || [ "$have_ajv" = 0 ]; then
    row "$format" "ajv (JSON.parse + schema)" "$file" "na ajv not installed: (cd bench/ajv && npm install)"
  else
    row "$format" "ajv (JSON.parse + schema)" "$file" "$(best_node ajv "$file" --schema "$dir/ftblock-schema.json")"
  fi
done
