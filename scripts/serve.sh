#!/usr/bin/env bash
# Builds the page (release) and serves it on http://127.0.0.1:8080, installing what is missing first.
# When port 8080 is taken, the next free port up to 8099 is used; `--port N` (and any other `trunk serve`
# option) passes through, e.g. `bash scripts/serve.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true

port_args=()
if ! printf '%s\n' "$@" | grep -q -- '^--port'; then
  port=8080
  # A port is taken when something on this machine accepts a connection on it.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [ "$port" -ge 8099 ]; then
      echo "serve.sh: ports 8080-8099 are all taken; pass --port N" >&2
      exit 1
    fi
    port=$((port + 1))
  done
  [ "$port" = 8080 ] || echo "serve.sh: port 8080 is taken, using $port" >&2
  port_args=(--port "$port")
  echo "serve.sh: serving on http://127.0.0.1:$port" >&2
fi
exec trunk serve --release "${port_args[@]}" "$@"
