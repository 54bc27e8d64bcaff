#!/usr/bin/env bash
# Builds and runs ftblock's libFuzzer targets (tests/fuzz/README.md):
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     default: 30 seconds for each of the four
#
# Configures build/fuzz with clang++ (FTBLOCK_FUZZ=ON: ASan + UBSan + libFuzzer), builds the
# targets, then for each target: replays every input kept in tests/fuzz/regressions/<target>/
# (each must pass), and fuzzes for SECONDS from the seeds (tests/fuzz/corpus/<target>/, read
# only) and the working corpus build/fuzz/corpus/<target>/ with the dictionary
# tests/fuzz/ftblock.dict. A crash, a leak, a hang (-timeout=10) or running out of memory
# (-rss_limit_mb=2048) is a failure: the input is copied into tests/fuzz/regressions/<target>/
# (commit it, so it is replayed from then on) and the script says so. Prints executions per
# second and total executions per target, then a summary line; exits non-zero on any failure.
# scripts/test.sh runs `fuzz.sh 30` as its "fuzz" stage.
#
# Environment: FTBLOCK_JOBS (build jobs, default 2), FTBLOCK_FUZZ_PARALLEL (targets fuzzed at
# once, default 1; each uses one core), FTBLOCK_FUZZ_MAX_LEN (bytes, default 65536).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SECONDS_EACH=${1:-30}
[ $# -gt 0 ] && shift
ALL_TARGETS=(fuzz_check fuzz_csv_roundtrip fuzz_json_scan fuzz_drafts)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
JOBS=${FTBLOCK_JOBS:-2}
PARALLEL=${FTBLOCK_FUZZ_PARALLEL:-1}
MAX_LEN=${FTBLOCK_FUZZ_MAX_LEN:-65536}
BUILD=$ROOT/build/fuzz
FUZZ_SRC=$ROOT/tests/fuzz
DICT=$FUZZ_SRC/ftblock.dict

if ! [[ $SECONDS_EACH =~ ^[0-9]+$ ]] || [ "$SECONDS_EACH" -lt 1 ]; then
  echo "usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: ${ALL_TARGETS[*]})" >&2
  exit 2
fi
for t in "${TARGETS[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target $t (${ALL_TARGETS[*]})" >&2; exit 2; }
done
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ not found (Debian: clang, libclang-rt-14-dev): run scripts/setup.sh" >&2
  exit 1
fi

echo "fuzz.sh: configuring and building $BUILD (clang++, ASan + UBSan + libFuzzer)"
mkdir -p "$BUILD/logs"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DFTBLOCK_FUZZ=ON -DFTBLOCK_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" >"$BUILD/logs/configure.log" 2>&1 ||
  { cat "$BUILD/logs/configure.log"; echo "fuzz.sh: FAILED: configure" >&2; exit 1; }
cmake --build "$BUILD" --target ftblock_fuzz_targets --parallel "$JOBS" ||
  { echo "fuzz.sh: FAILED: build" >&2; exit 1; }

# A UBSan report stops the run (the code is also built with -fno-sanitize-recover=all).
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
LIMITS=(-timeout=10 -rss_limit_mb=2048 -max_len="$MAX_LEN")

# The part of a libFuzzer log that explains a failure: from the first report, 45 lines (cut).
show_failure() {
  local at
  at=$(grep -n -m1 -E 'fuzz property violated|runtime error|==[0-9]+==ERROR|ERROR: libFuzzer' "$1" | cut -d: -f1)
  [ -n "$at" ] && sed -n "${at},$((at + 45))p" "$1" | cut -c1-240 | sed 's/^/    /'
}

# run_target NAME: replay, then fuzz; writes one result line to $BUILD/logs/NAME.result.
run_target() {
  local t=$1 exe=$BUILD/tests/fuzz/$1 regress=$FUZZ_SRC/regressions/$1
  local log=$BUILD/logs/$t.log result=$BUILD/logs/$t.result
  : >"$result"

  # 1. Every kept regression input passes, each run on its own so all failing ones are named.
  local kept=() failing=()
  if [ -d "$regress" ]; then mapfile -t kept < <(find "$regress" -maxdepth 1 -type f ! -name '.*' | LC_ALL=C sort); fi
  : >"$BUILD/logs/$t.replay.log"
  for f in "${kept[@]}"; do
    "$exe" "${LIMITS[@]}" "$f" >"$BUILD/logs/$t.replay.one.log" 2>&1 || failing+=("${f#"$ROOT"/}")
    cat "$BUILD/logs/$t.replay.one.log" >>"$BUILD/logs/$t.replay.log"
    if [ ${#failing[@]} -eq 1 ] && [ "${failing[0]}" = "${f#"$ROOT"/}" ]; then
      echo "fuzz.sh: $t: FAILED: the kept regression input ${f#"$ROOT"/} still fails:"
      show_failure "$BUILD/logs/$t.replay.one.log"
    fi
  done
  rm -f "$BUILD/logs/$t.replay.one.log"
  if [ ${#failing[@]} -gt 0 ]; then
    printf '%s FAILED %d of %d regression inputs fail: %s\n' "$t" ${#failing[@]} ${#kept[@]} "${failing[*]}" >"$result"
    echo "fuzz.sh: $t: ${#failing[@]} of ${#kept[@]} kept regression inputs fail (${failing[*]});" \
      "not fuzzed (log: ${BUILD#"$ROOT"/}/logs/$t.replay.log)"
    return
  fi

  # 2. Fuzz for SECONDS_EACH from the seeds, the regressions and the working corpus.
  local artifacts=$BUILD/artifacts/$t
  rm -rf "$artifacts"
  mkdir -p "$artifacts" "$BUILD/corpus/$t"
  local corpora=("$BUILD/corpus/$t" "$FUZZ_SRC/corpus/$t")
  [ -d "$regress" ] && corpora+=("$regress")
  "$exe" "${corpora[@]}" -dict="$DICT" -max_total_time="$SECONDS_EACH" "${LIMITS[@]}" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
  local rc=$?
  local execs rate done_line
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  local cov; cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1)
  local found=()
  mapfile -t found < <(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | LC_ALL=C sort)
  if [ $rc -ne 0 ] || [ ${#found[@]} -gt 0 ]; then
    mkdir -p "$regress"
    local kept_names=()
    for f in "${found[@]}"; do
      cp "$f" "$regress/"
      kept_names+=("tests/fuzz/regressions/$t/$(basename "$f")")
    done
    printf '%s FAILED exit %d, %s execs/s, %s executions; kept: %s\n' "$t" "$rc" "${rate:-?}" "${execs:-?}" \
      "${kept_names[*]:-nothing (see the log)}" >"$result"
    echo "fuzz.sh: $t: FAILED (exit $rc) after ${execs:-?} executions (log: ${BUILD#"$ROOT"/}/logs/$t.log):"
    show_failure "$log"
    if [ ${#kept_names[@]} -gt 0 ]; then
      echo "fuzz.sh: $t: the failing input is kept as ${kept_names[*]}: commit it; it is replayed from now on"
    fi
    return
  fi
  printf '%s ok %s execs/s, %s executions (%s)\n' "$t" "${rate:-?}" "${execs:-?}" "${done_line:-no Done line}" >"$result"
  echo "fuzz.sh: $t: ok: ${rate:-?} execs/s, ${execs:-?} executions in ${SECONDS_EACH}s; $cov (${#kept[@]} regression inputs replayed)"
}

echo "fuzz.sh: ${#TARGETS[@]} targets, ${SECONDS_EACH}s each, $PARALLEL at a time"
running=0
for t in "${TARGETS[@]}"; do
  if [ "$running" -ge "$PARALLEL" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

echo
echo "==== fuzz summary (${SECONDS_EACH}s per target) ===="
failed=0
for t in "${TARGETS[@]}"; do
  line=$(cat "$BUILD/logs/$t.result" 2>/dev/null)
  [ -n "$line" ] || line="$t FAILED no result"
  read -r name status rest <<<"$line"
  printf '%-20s %-7s %s\n' "$name" "$status" "$rest"
  [ "$status" = ok ] || failed=$((failed + 1))
done
if [ $failed -ne 0 ]; then
  echo "fuzz.sh: FAILED: $failed of ${#TARGETS[@]} targets (inputs to replay: tests/fuzz/regressions/)"
  exit 1
fi
echo "fuzz.sh: all ${#TARGETS[@]} targets passed"
