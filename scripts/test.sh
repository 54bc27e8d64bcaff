#!/usr/bin/env bash
# ftblock's test command (README): bash scripts/test.sh [preset...]
#
# Installs what is missing (scripts/setup.sh), checks the C++ formatting (scripts/check_format.sh,
# on a full run), then configures, builds and tests each CMake preset — native, native-asan and
# wasm unless presets are named — then, on a full run, fuzzes (scripts/fuzz.sh 30: each libFuzzer
# target for 30 s), and prints a summary with the time of every stage and CTest's own summary
# lines. Exits non-zero if anything failed.
# A failed preset does not stop the others, so one run shows every problem.
#
# Environment: FTBLOCK_JOBS (parallel jobs, default 2), FTBLOCK_SKIP_SETUP=1 (skip setup.sh),
# FTBLOCK_FRESH=1 (reconfigure from an empty cache).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
JOBS=${FTBLOCK_JOBS:-2}
if [ $# -gt 0 ]; then PRESETS=("$@"); else PRESETS=(native native-asan wasm); fi

now() { date +%s%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
banner() { printf '\n==== %s ====\n' "$*"; }

rows=()        # summary table: one "stage | status | seconds" line per stage
ctest_lines=() # "preset: <CTest summary line>"
failed=0
t_all=$(now)

# stage NAME COMMAND...: runs the command, records its status and time.
stage() {
  local name=$1; shift
  banner "$name: $*"
  local t; t=$(now)
  "$@"
  local rc=$?
  local s; s=$(elapsed "$t")
  if [ $rc -eq 0 ]; then
    rows+=("$(printf '%-24s %-6s %8ss' "$name" ok "$s")")
  else
    rows+=("$(printf '%-24s %-6s %8ss  (exit %d)' "$name" FAILED "$s" "$rc")")
    failed=1
  fi
  return $rc
}

# CTest's output goes to the terminal as it runs and to a log, for the summary lines.
run_ctest() {
  local preset=$1 log="$ROOT/build/$1/ctest.log"
  ctest --preset "$preset" -j "$JOBS" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+|No tests were found' "$log" | tail -1)
  ctest_lines+=("$(printf '%-12s %s' "$preset:" "${line:-no CTest summary (exit $rc)}")")
  return "$rc"
}

if [ "${FTBLOCK_SKIP_SETUP:-0}" = 1 ]; then
  rows+=("$(printf '%-24s %-6s' setup skipped)")
else
  stage setup bash scripts/setup.sh || {
    echo "test.sh: setup failed; the builds below may fail for want of a package" >&2
  }
fi

# The C++ sources follow .clang-format (a full run only; clang-format comes with setup.sh).
if [ $# -eq 0 ]; then
  if command -v clang-format >/dev/null 2>&1; then
    stage format bash scripts/check_format.sh || true
  else
    rows+=("$(printf '%-24s %-6s' format FAILED) (clang-format missing: run scripts/setup.sh)")
    failed=1
  fi
fi

fresh=()
if [ "${FTBLOCK_FRESH:-0}" = 1 ]; then fresh=(--fresh); fi

for preset in "${PRESETS[@]}"; do
  if ! stage "$preset: configure" cmake --preset "$preset" "${fresh[@]}"; then
    ctest_lines+=("$(printf '%-12s %s' "$preset:" "not tested: configure failed")"); continue
  fi
  if ! stage "$preset: build" cmake --build --preset "$preset" --parallel "$JOBS"; then
    ctest_lines+=("$(printf '%-12s %s' "$preset:" "not tested: build failed")"); continue
  fi
  stage "$preset: test" run_ctest "$preset" || true
done

# The libFuzzer targets for 30 s each, after replaying the kept crash inputs (a full run only;
# scripts/fuzz.sh builds build/fuzz with clang, which setup.sh installs).
if [ $# -eq 0 ]; then
  stage fuzz bash scripts/fuzz.sh 30 || true
fi

banner "summary (jobs: $JOBS, total $(elapsed "$t_all")s)"
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "${ctest_lines[@]}"
echo
if [ $failed -ne 0 ]; then
  echo "test.sh: FAILED"
  exit 1
fi
echo "test.sh: all presets configured, built and passed their tests"
