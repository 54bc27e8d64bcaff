#!/usr/bin/env bash
# Installs, idempotently, everything ftblock needs on a Debian 12 machine, from Debian's
# packages only. Safe to run again: it installs only what is missing.
# Run as root, or as a user with sudo.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# Debian package -> a file that proves it is installed (cheap check, no dpkg lock needed).
PACKAGES=(
  g++ cmake make ninja-build
  nlohmann-json3-dev doctest-dev
  emscripten
  dpkg-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# node: use the machine's own if present (Debian's npm conflicts with some preinstalled
# node builds); otherwise Debian's.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi
