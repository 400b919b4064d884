#!/usr/bin/env bash
# Builds (`web.sh build`) or serves (`web.sh serve PORT`) the browser app with Trunk, with the
# tools that scripts/bootstrap.sh installed: wasm-bindgen and Trunk from cargo, wasm-opt from
# node_modules, and either rustup's wasm32 target or Debian's rustc-web with build-std.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/wasm-env.sh
case "${1:-build}" in
  build)
    trunk build --release --offline
    node scripts/postbuild.mjs dist
    ls -l dist
    ;;
  serve)
    port=${2:-8080}
    "$0" build
    exec "$0" serve-built "$port"
    ;;
  serve-built)
    port=${2:-8080}
    echo "Lede: serving the app at http://127.0.0.1:$port (Ctrl-C stops)"
    exec node scripts/serve.mjs dist "$port"
    ;;
  *) echo "usage: scripts/web.sh build | serve [PORT] | serve-built [PORT]" >&2; exit 2 ;;
esac
