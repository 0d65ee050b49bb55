#!/usr/bin/env bash
# Runs every test: native unit and integration tests (core, CLI, Yew components rendered natively),
# wasm-bindgen tests in headless Chromium, and end-to-end tests (playwright-core driving Debian's Chromium)
# against a fresh release build served on 127.0.0.1. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

step() { printf '\n==> %s\n' "$*"; }

step "the core has no web dependency"
# A failing `cargo tree` fails the check rather than passing it with an empty list.
tree="$(cargo tree -e normal --prefix none)"
if grep -E '^(yew|web-sys|gloo|wasm-bindgen|js-sys) ' <<<"$tree"; then
  echo "error: the core (no features) depends on a web crate" >&2; exit 1
fi

step "formatting (rustfmt.toml): a misformatted file fails"
cargo fmt --check

step "clippy: core and CLI, then with the page; warnings are errors"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --features web -- -D warnings

step "native tests (core, CLI, components)"
cargo test --features web

step "wasm tests in headless Chromium"
cargo test --target wasm32-unknown-unknown --features web --lib

step "release build of the CLI and the page"
cargo build --release --bin marginalia
rm -rf dist
trunk build --release

step "end-to-end tests in Chromium"
MARGINALIA_BIN="$PWD/target/release/marginalia" node --test --test-concurrency=1 tests/e2e/
