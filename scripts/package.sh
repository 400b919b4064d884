#!/usr/bin/env bash
# Builds the npm package `lede-analyzer` into pkg/ (generated, not committed): the library compiled
# for wasm32 for speed (the `npm` profile, opt-level 3, with wasm SIMD: Node 20, and browsers
# since 2023), bound with `wasm-bindgen --target web` (not passed through wasm-opt: its -Oz and -O3
# both made the package 7-9% slower under Node, for 3% less gzipped), plus the package's
# own sources from npm/ (wrapper, web component, TypeScript declarations, README, licence) and a
# package.json whose version is the crate's. `cd pkg && npm pack` then makes the tarball.
# Usage: scripts/package.sh        (uses the same toolchain choice as scripts/web.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/wasm-env.sh
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"

RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" cargo build --lib --target wasm32-unknown-unknown --profile npm
wasm="$target_dir/wasm32-unknown-unknown/npm/lede.wasm"
[ -f "$wasm" ] || { echo "package.sh: $wasm was not built" >&2; exit 1; }

out=pkg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name lede "$wasm"

rm -rf "$out"
mkdir -p "$out"
cp "$tmp/lede.js" "$tmp/lede_bg.wasm" "$out/"
cp npm/index.js npm/index.d.ts npm/lede-worker.js npm/lede-analyzer-element.js npm/lede-analyzer-element.d.ts \
   npm/README.md npm/LICENSE "$out/"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "package.sh: no version in Cargo.toml" >&2; exit 1; }
sed "s/__CARGO_VERSION__/$version/" npm/package.template.json > "$out/package.json"

raw=$(stat -c %s "$out/lede_bg.wasm")
gz=$(gzip -9c "$out/lede_bg.wasm" | wc -c)
echo "package.sh: pkg/ lede-analyzer@$version, lede_bg.wasm $raw bytes ($gz gzipped)"
