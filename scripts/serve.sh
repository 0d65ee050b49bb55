#!/usr/bin/env bash
# Builds the page (release) and serves it on http://127.0.0.1:8080, installing what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true
exec trunk serve --release "$@"
