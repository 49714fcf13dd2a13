#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Shared by scripts/start, scripts/test and scripts/bench: idempotent installs (Debian packages and
# the npm lockfile) and the builds. Source it; do not run it.
set -euo pipefail

OMSAID_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # emcc needs acorn from Debian's node modules
JOBS="$(nproc 2>/dev/null || echo 2)"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: installing packages needs root (or sudo): $*" >&2; return 1
  fi
}

# Installs the Debian packages that are not installed yet. Arguments: package names.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Build tools for the core, the CLI and the WASM module, and Node for the web build.
install_build_deps() {
  apt_install cmake make g++ nlohmann-json3-dev googletest libgtest-dev emscripten ca-certificates
  # Node and npm: Debian's packages unless a node with npm is already there (a NodeSource node
  # ships its own npm and conflicts with Debian's npm package).
  command -v node >/dev/null 2>&1 || apt_install nodejs
  command -v npm >/dev/null 2>&1 || apt_install npm
  install_npm_deps
}

# Chromium for the end-to-end tests, clang and its runtimes for the fuzzers and sanitizers.
install_test_deps() {
  # wamerican: the English word list scripts/gen-not-typos.mjs checks web/src/not-typos.js against.
  apt_install chromium clang-14 libclang-rt-14-dev wamerican
}

install_npm_deps() {
  cd "$OMSAID_ROOT"
  local stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    log "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# build_native [--target T] [cmake -D args...]: the core, the CLI (build/omsaid) and the tests.
build_native() {
  cd "$OMSAID_ROOT"
  local target=()
  if [ "${1:-}" = "--target" ]; then target=(--target "$2"); shift 2; fi
  log "building native (build/)"
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build build -j "$JOBS" "${target[@]}"
}

# build_wasm [target]: the WASM module (and, with no target, the WASM test suite).
build_wasm() {
  cd "$OMSAID_ROOT"
  log "building WebAssembly (build-wasm/)"
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
  if [ $# -gt 0 ]; then cmake --build build-wasm -j "$JOBS" --target "$@"
  else cmake --build build-wasm -j "$JOBS"
  fi
}

build_web() {
  cd "$OMSAID_ROOT"
  log "building the page (dist/)"
  node web/build.mjs
}
