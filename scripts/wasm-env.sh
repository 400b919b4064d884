# Sourced by scripts/web.sh and scripts/package.sh: puts the project's tools on PATH and, when
# scripts/bootstrap.sh chose Debian's rustc-web (no rustup wasm32 target here), points cargo at
# Debian's compiler with the standard library built from source for wasm32.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mode=$(cat .tools/wasm-mode 2>/dev/null || echo rustup)
if [ "$mode" = debian ]; then
  mkdir -p .tools/debian-bin
  ln -sf /usr/bin/cargo .tools/debian-bin/cargo
  ln -sf /usr/bin/rustc .tools/debian-bin/rustc
  export PATH="$PWD/.tools/debian-bin:$PATH"
  export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/debian}"
fi
