#!/usr/bin/env bash
# Builds (`web.sh build`) or serves (`web.sh serve PORT`) the browser app with Trunk, with the
# tools that scripts/bootstrap.sh installed: wasm-bindgen and Trunk from cargo, wasm-opt from
# node_modules, and either rustup's wasm32 target or Debian's rustc-web with build-std.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mode=$(cat .tools/wasm-mode 2>/dev/null || echo rustup)
if [ "$mode" = debian ]; then
  # Debian's compiler and cargo, building the standard library for wasm32 from source.
  mkdir -p .tools/debian-bin
  ln -sf /usr/bin/cargo .tools/debian-bin/cargo
  ln -sf /usr/bin/rustc .tools/debian-bin/rustc
  export PATH="$PWD/.tools/debian-bin:$PATH"
  export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_DIR="$PWD/target/debian"
fi
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
