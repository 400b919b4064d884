#!/usr/bin/env bash
# Adds the embeddable parts of Lede to a built site (after `scripts/web.sh build` and
# `scripts/package.sh`): the npm package's browser files in DIST/lede/, the iframe embed in
# DIST/embed/ and the demo host page in DIST/demo/. Then it runs scripts/postbuild.mjs again so
# the service worker's precache list and cache name cover the new files.
# Usage: scripts/embed-build.sh [DIST]
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-dist}
[ -f "$dist/index.html" ] || { echo "embed-build.sh: $dist/index.html missing; run scripts/web.sh build first" >&2; exit 1; }
for f in index.js lede.js lede-worker.js lede_bg.wasm lede-analyzer-element.js; do
  [ -f "pkg/$f" ] || { echo "embed-build.sh: pkg/$f missing; run scripts/package.sh first" >&2; exit 1; }
done
rm -rf "$dist/lede" "$dist/embed" "$dist/demo"
mkdir -p "$dist/lede" "$dist/embed" "$dist/demo"
cp pkg/index.js pkg/lede.js pkg/lede-worker.js pkg/lede_bg.wasm pkg/lede-analyzer-element.js "$dist/lede/"
cp www/embed/index.html www/embed/embed.js www/embed/embed.css "$dist/embed/"
cp www/demo/index.html www/demo/demo.js www/demo/demo.css "$dist/demo/"
node scripts/postbuild.mjs "$dist"
echo "embed-build.sh: $dist/lede, $dist/embed, $dist/demo"
