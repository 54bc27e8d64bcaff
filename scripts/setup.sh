#!/usr/bin/env bash
# Installs, idempotently, everything ftblock needs on a Debian 12 machine, from Debian's
# packages (and npm for the browser-test driver) only. Safe to run again: it installs only what
# is missing, and when nothing is missing it needs neither root nor the network.
# Run as root, or as a user with sudo (non-interactive sudo when there is no terminal, as in CI).
#   bash scripts/setup.sh             install what is missing
#   bash scripts/setup.sh --dry-run   only say what would be installed
#
# Three kinds of things:
#   1. Debian packages (apt-get install).
#   2. Dear ImGui's sources for the WebAssembly build: not in any binary package, so from
#      Debian's source package (apt-get source imgui) into third_party/imgui-1.86+ds (ignored by
#      git, never committed). Needs a deb-src entry for the mirror and suite the machine already
#      uses; one is added (/etc/apt/sources.list.d/ftblock-src.sources) if none exists.
#   3. playwright-core and axe-core (pinned in tests/e2e/package-lock.json) into
#      tests/e2e/node_modules: playwright-core drives Debian's Chromium in the browser tests —
#      never the `playwright` package, whose install downloads browsers; axe-core checks the
#      pages' accessibility (tests/e2e/a11y.test.mjs).
set -euo pipefail

DRY_RUN=0
if [ "${1:-}" = --dry-run ]; then DRY_RUN=1; fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export DEBIAN_FRONTEND=noninteractive

# What the native, sanitizer and wasm builds and their tests need:
#   g++, cmake (3.25), ninja-build (the presets' generator), make (plain `cmake -B` users),
#   nlohmann-json3-dev, doctest-dev, emscripten (3.1.6, with prebuilt system libraries),
#   dpkg-dev (so `apt-get source` can unpack the third-party sources, docs/toolchain.md#packages);
# the browser form (issue 3):
#   libimgui-dev + libstb-dev (Dear ImGui 1.86 natively, for the headless UI tests),
#   chromium (the browser tests and figures) and the fonts it draws the form with (issue 10:
#   the browser rasterises every glyph; docs/fonts.md): fonts-dejavu-core (Latin, Greek,
#   Cyrillic; ~3 MB installed), fonts-noto-cjk (Han, kana, Hangul — GB2312, GB18030 and CJK
#   Extension A in full; 56 MB download, 91 MB installed) and fonts-noto-color-emoji (10 MB);
# fuzzing (issue 8, scripts/fuzz.sh):
#   clang (clang++ 14) + libclang-rt-14-dev (its compiler-rt: libFuzzer, the ASan/UBSan runtimes
#   and <fuzzer/FuzzedDataProvider.h>, which the g++ replay tests also include).
PACKAGES=(
  g++ cmake make ninja-build clang-format
  nlohmann-json3-dev doctest-dev
  emscripten
  dpkg-dev
  libimgui-dev libstb-dev
  chromium fonts-dejavu-core fonts-noto-cjk fonts-noto-color-emoji
  clang libclang-rt-14-dev
)
IMGUI_DIR=third_party/imgui-1.86+ds
E2E_DIR=tests/e2e
SRC_LIST=/etc/apt/sources.list.d/ftblock-src.sources

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
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

need_imgui=0
[ -f "$IMGUI_DIR/imgui.cpp" ] || need_imgui=1

# The npm packages are installed when node_modules holds each version package-lock.json pins.
NPM_PACKAGES=(playwright-core axe-core)
pinned_version() {
  node -e 'const l = require(process.argv[1]); console.log(l.packages["node_modules/" + process.argv[2]].version)' \
    "$ROOT/$E2E_DIR/package-lock.json" "$1" 2>/dev/null || true
}
installed_version() {
  node -e 'console.log(require(process.argv[1]).version)' \
    "$ROOT/$E2E_DIR/node_modules/$1/package.json" 2>/dev/null || true
}
need_npm=0
if command -v node >/dev/null 2>&1; then
  for pkg in "${NPM_PACKAGES[@]}"; do
    want=$(pinned_version "$pkg")
    if [ -z "$want" ] || [ "$want" != "$(installed_version "$pkg")" ]; then need_npm=1; fi
  done
else
  need_npm=1
fi

if [ ${#missing[@]} -eq 0 ] && [ $need_imgui = 0 ] && [ $need_npm = 0 ]; then
  echo "setup: all needed packages and sources are present"
  exit 0
fi

if [ $DRY_RUN = 1 ]; then
  [ ${#missing[@]} -eq 0 ] || echo "setup: would install: ${missing[*]}"
  [ $need_imgui = 0 ] || echo "setup: would fetch Dear ImGui's sources (apt-get source imgui) into $IMGUI_DIR"
  [ $need_npm = 0 ] || echo "setup: would install ${NPM_PACKAGES[*]} into $E2E_DIR/node_modules (npm ci)"
  exit 0
fi

SUDO=()
need_root() {
  if [ "$(id -u)" = 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    # Without a terminal (CI, no stdin) a password prompt would hang: fail instead.
    if [ -t 0 ]; then SUDO=(sudo); else SUDO=(sudo -n); fi
  else
    echo "setup: $1; run this script as root or install sudo" >&2
    exit 1
  fi
}
APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)

# --- 1. packages -----------------------------------------------------------------------------
if [ ${#missing[@]} -gt 0 ]; then
  need_root "missing ${missing[*]}"
  echo "setup: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" "${missing[@]}"
  # Check the result rather than trusting apt's exit status alone.
  for p in "${PACKAGES[@]}"; do
    is_installed "$p" || { echo "setup: $p is still not installed" >&2; exit 1; }
  done
fi
for tool in node npm em++ cmake ninja g++ chromium; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is not on PATH" >&2; exit 1; }
done

# --- 2. Dear ImGui's sources -----------------------------------------------------------------
has_imgui_source() { apt-cache showsrc imgui 2>/dev/null | grep -q '^Package: imgui$'; }

# A deb-src entry already configured anywhere (ours from an earlier run, or the machine's own)?
has_deb_src_entry() {
  grep -Eqs '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list ||
    grep -Eqs '^Types:.*\bdeb-src\b' /etc/apt/sources.list.d/*.sources
}

# deb-src for the first `deb` stanza of debian.sources (deb822): the same mirror, suites,
# components and key. Older installs have /etc/apt/sources.list lines instead.
write_deb_src_entry() {
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    awk '
      BEGIN { RS = ""; FS = "\n" }
      /(^|\n)Types:([^\n]* )?deb( |\n|$)/ && !done {
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Types:/) print "Types: deb-src"
          else if ($i ~ /^(URIs|Suites|Components|Signed-By):/) print $i
        }
        done = 1
      }' /etc/apt/sources.list.d/debian.sources > /tmp/ftblock-src.$$
    grep -q '^URIs:' /tmp/ftblock-src.$$ || { echo "setup: no deb entry in debian.sources" >&2; exit 1; }
    { echo "# Added by ftblock's scripts/setup.sh: Dear ImGui's sources (apt-get source imgui)."
      cat /tmp/ftblock-src.$$; } | "${SUDO[@]}" tee "$SRC_LIST" >/dev/null
    rm -f /tmp/ftblock-src.$$
  elif [ -f /etc/apt/sources.list ]; then
    line=$(grep -Em1 '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list | sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /')
    [ -n "$line" ] || { echo "setup: no deb line in /etc/apt/sources.list" >&2; exit 1; }
    SRC_LIST=/etc/apt/sources.list.d/ftblock-src.list
    printf '# Added by ftblock scripts/setup.sh\n%s\n' "$line" | "${SUDO[@]}" tee "$SRC_LIST" >/dev/null
  else
    echo "setup: cannot find the machine's apt sources to add a deb-src entry" >&2
    exit 1
  fi
  echo "setup: added $SRC_LIST"
}

if [ $need_imgui = 1 ]; then
  if ! has_imgui_source; then
    need_root "Dear ImGui's source package is not known to apt"
    has_deb_src_entry || write_deb_src_entry
    "${SUDO[@]}" apt-get update -q
      has_imgui_source || { echo "setup: apt still knows no source package imgui" >&2; exit 1; }
  fi
  echo "setup: fetching Dear ImGui's sources into $IMGUI_DIR"
  mkdir -p third_party
  (cd third_party && apt-get source -q imgui)
  rm -f third_party/imgui_*.dsc third_party/imgui_*.tar.*
  [ -f "$IMGUI_DIR/imgui.cpp" ] || { echo "setup: $IMGUI_DIR/imgui.cpp missing after apt-get source" >&2; exit 1; }
fi

# --- 3. playwright-core, axe-core --------------------------------------------------------------
if [ $need_npm = 1 ]; then
  echo "setup: installing ${NPM_PACKAGES[*]} into $E2E_DIR/node_modules"
  (cd "$E2E_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  for pkg in "${NPM_PACKAGES[@]}"; do
    [ -n "$(installed_version "$pkg")" ] || { echo "setup: $pkg did not install" >&2; exit 1; }
  done
fi

echo "setup: done"
