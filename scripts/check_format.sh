#!/usr/bin/env bash
# Checks, without changing anything, that the C++ sources follow .clang-format:
#   bash scripts/check_format.sh          list the files clang-format would change; exit 1 if any
#   bash scripts/check_format.sh --fix    reformat them in place instead
# Covers core/, cli/, web/ (not web/platform/, whose EM_JS bodies are JavaScript that
# clang-format would mangle), validator/, bench/ and tests/ (C++ only). scripts/test.sh runs it
# as its "format" stage (setup.sh installs clang-format); run alone without clang-format it
# says so and exits 0. Set CLANG_FORMAT to choose the binary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
  echo "check_format: $CLANG_FORMAT not found, skipped (apt-get install clang-format)"
  exit 0
fi

mapfile -t files < <(
  { find core cli validator bench tests -type f \( -name '*.cpp' -o -name '*.h' \) -not -path '*/node_modules/*' 2>/dev/null
    find web -maxdepth 1 -type f \( -name '*.cpp' -o -name '*.h' \); } | LC_ALL=C sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "check_format: no files found" >&2
  exit 1
fi

if [ "${1:-}" = --fix ]; then
  "$CLANG_FORMAT" -i --style=file "${files[@]}"
  echo "check_format: reformatted ${#files[@]} files"
  exit 0
fi

bad=()
for f in "${files[@]}"; do
  if ! "$CLANG_FORMAT" --dry-run --Werror --style=file "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
echo "check_format: $("$CLANG_FORMAT" --version | head -1); ${#files[@]} files checked"
if [ ${#bad[@]} -gt 0 ]; then
  echo "check_format: ${#bad[@]} files differ from .clang-format (see: $CLANG_FORMAT --dry-run FILE):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check_format: all files formatted"
