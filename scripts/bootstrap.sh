#!/usr/bin/env bash
# Installs what building, serving and testing Lede needs, and skips what is already there:
# the wasm32 standard library (rustup, else Debian's rustc-web built with build-std),
# wasm-bindgen-cli at exactly the version in Cargo.lock, Trunk, the node packages from
# package-lock.json (Playwright, binaryen's wasm-opt), Chromium for the browser tests, and
# cargo-fuzz for the fuzz targets (fuzz/, scripts/fuzz.sh; it runs on stable Rust).
# Where a step needs root and we are not root, it stops and names the command to run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.1
say() { echo "bootstrap: $*"; }
die() { echo "bootstrap: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=0
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "please install ${missing[*]} with your system's package manager"
  if ! is_root; then
    die "installing ${missing[*]} needs root. Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  if [ $apt_updated = 0 ]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. The wasm32 standard library.
wasm_toolchain() {
  local mode=${LEDE_WASM_TOOLCHAIN:-}
  if [ -z "$mode" ] && command -v rustup >/dev/null; then
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
      mode=rustup
    else
      say "rustup target add wasm32-unknown-unknown (60 s at most)"
      if timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 &&
         rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        mode=rustup
      else
        say "rustup could not fetch the wasm32 target; using Debian's rustc-web with build-std instead"
      fi
    fi
  fi
  if [ "${mode:-debian}" = debian ]; then
    apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
    mode=debian
  fi
  echo "$mode" > .tools/wasm-mode
  say "wasm32 toolchain: $mode"
}

# 2. wasm-bindgen-cli, exactly the crate version that Cargo.lock pins.
wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$want" ] || die "cannot find the wasm-bindgen version in Cargo.lock"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "cargo install wasm-bindgen-cli $want (a few minutes, once)"
    cargo install --quiet wasm-bindgen-cli --version "$want"
  fi
}

# 3. Trunk.
trunk() {
  local have
  have=$(command trunk --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$TRUNK_VERSION" ]; then
    say "cargo install trunk $TRUNK_VERSION (about 8 minutes, once)"
    cargo install --quiet --locked trunk --version "$TRUNK_VERSION"
  fi
}

# 4. Node packages (Playwright, binaryen's wasm-opt) from package-lock.json.
node_packages() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json .tools/package-lock.installed; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json .tools/package-lock.installed
  fi
}

# 5. Chromium for the browser tests (Playwright must not download its own).
chromium() {
  if [ -n "${LEDE_CHROMIUM:-}" ] && [ -x "$LEDE_CHROMIUM" ]; then return 0; fi
  if command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; then
    return 0
  fi
  apt_install chromium fonts-dejavu-core
}

# 6. cargo-fuzz, for `make fuzz` and the fuzz smoke of `make test` (scripts/fuzz.sh).
cargo_fuzz() {
  local have
  have=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$CARGO_FUZZ_VERSION" ]; then
    say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes, once)"
    cargo install --quiet --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
}

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || die "Rust is missing: install it from https://rustup.rs (or apt-get install cargo)"
wasm_toolchain
wasm_bindgen
trunk
node_packages
chromium
cargo_fuzz
say "ready"
