#!/usr/bin/env bash
# Installs, idempotently, everything ftblock needs on a Debian 12 machine, from Debian's
# packages only. Safe to run again: it installs only what is missing, and when nothing is
# missing it needs neither root nor the network.
# Run as root, or as a user with sudo (non-interactive sudo when there is no terminal, as in CI).
#   bash scripts/setup.sh             install what is missing
#   bash scripts/setup.sh --dry-run   only say what would be installed
set -euo pipefail

DRY_RUN=0
if [ "${1:-}" = --dry-run ]; then DRY_RUN=1; fi

export DEBIAN_FRONTEND=noninteractive

# What the native, sanitizer and wasm builds and their tests need (issue 2):
#   g++, cmake (3.25), ninja-build (the presets' generator), make (plain `cmake -B` users),
#   nlohmann-json3-dev, doctest-dev, emscripten (3.1.6, with prebuilt system libraries),
#   dpkg-dev (so `apt-get source` can unpack the third-party sources, TOOLCHAIN.md).
PACKAGES=(
  g++ cmake make ninja-build
  nlohmann-json3-dev doctest-dev
  emscripten
  dpkg-dev
)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in "${PACKAGES[@]}"; do
  is_installed "$p" || missing+=("$p")
done
# node: use the machine's own when there is one. Some machines carry a repackaged node 20 with
# its own npm, and Debian's npm conflicts with it (the install fails), so Debian's nodejs and
# npm come in only for what `command -v` says is missing.
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs)
  if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all needed packages are present"
  exit 0
fi

if [ $DRY_RUN = 1 ]; then
  echo "setup: would install: ${missing[*]}"
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  # Without a terminal (CI, no stdin) a password prompt would hang: fail instead.
  if [ -t 0 ]; then SUDO=(sudo); else SUDO=(sudo -n); fi
else
  echo "setup: missing ${missing[*]}; run this script as root or install sudo" >&2
  exit 1
fi

APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
echo "setup: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install "${APT_OPTS[@]}" "${missing[@]}"

# Check the result rather than trusting apt's exit status alone.
for p in "${PACKAGES[@]}"; do
  is_installed "$p" || { echo "setup: $p is still not installed" >&2; exit 1; }
done
for tool in node em++ cmake ninja g++; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is not on PATH" >&2; exit 1; }
done
echo "setup: done"
