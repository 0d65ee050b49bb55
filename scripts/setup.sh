#!/usr/bin/env bash
# Installs what building, serving and testing need, idempotently: each step is skipped when its tool is
# already present at the right version. Safe to run on every invocation (a warm machine takes ~1 s).
#
# On a fresh 2-core machine the two `cargo install`s dominate. To keep them short:
# - both share one target directory (MARGINALIA_TOOLS_TARGET), so crates the two tools have in common at
#   the same version and features compile once;
# - both are built without their default features: those are the TLS stacks that only Trunk's tool
#   downloads and update check and wasm-bindgen's test-runner downloads use, and this project never lets
#   either download anything (Trunk uses the wasm-bindgen and wasm-opt found on PATH);
# - trunk's own release profile asks for fat LTO in one codegen unit, which leaves one of the two cores
#   idle for the long final step; it is built here without LTO, in 16 units (measured on this 2-core
#   machine under the same load: 1,878 s wall with the crate's profile, 1,106 s without; CPU time about
#   the same, 657 s and 692 s); the tool's speed does not matter to the build;
# - the Debian and npm steps run in the background while the compiler works.
# Each step prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen crate version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
TOOLS_TARGET="${MARGINALIA_TOOLS_TARGET:-${XDG_CACHE_HOME:-$HOME/.cache}/marginalia/tools-target}"
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

log() { printf '[setup] %s\n' "$*" >&2; }
timed() { # timed NAME COMMAND...: runs the command and logs its wall time
  local name="$1" start=$SECONDS
  shift
  "$@"
  log "$name: $((SECONDS - start)) s"
}

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || timed "rustup target wasm32-unknown-unknown" rustup target add wasm32-unknown-unknown

install_chromium() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
}
install_npm() {
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
}

# Background steps: each writes its output to a log, shown only when it fails.
pids=() names=()
background() { # background NAME FUNCTION
  log "$1 (in the background)"
  (timed "$1" "$2") >"$LOGS/$2.log" 2>&1 &
  pids+=($!) names+=("$2")
}
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  background "installing Debian chromium and chromium-driver" install_chromium
fi
# npm packages: binaryen (wasm-opt 132) and playwright-core, pinned in package.json / package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ]; then
  background "installing npm packages" install_npm
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (several minutes, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    timed "trunk" cargo install --locked trunk --version "$TRUNK_VERSION" --no-default-features \
    --target-dir "$TOOLS_TARGET"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION" \
   || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, once)"
  # Not --locked: the CLI's own lockfile pins a crate version the registry lacks.
  timed "wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force \
    --no-default-features --target-dir "$TOOLS_TARGET"
fi

status=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    grep '^\[setup\]' "$LOGS/${names[$i]}.log" >&2 || true
  else
    log "failed: ${names[$i]}"; cat "$LOGS/${names[$i]}.log" >&2; status=1
  fi
done
exit "$status"
