# Lede: `make serve` runs the app, `make test` runs everything CI checks. Both install what is
# missing first (scripts/bootstrap.sh), and skip what is already there.
SHELL := /bin/bash
PORT ?= 8080
CORPORA ?= ../shared/corpora
export CORPORA

.PHONY: test serve bootstrap test-native fuzz-smoke fuzz eval build-web package test-package test-browser bench model clean

test: bootstrap test-native fuzz-smoke eval build-web test-package test-browser
	@echo "make test: all checks passed"

bootstrap:
	@scripts/bootstrap.sh

test-native:
	cargo test --quiet
	cargo build --release --quiet --bin lede

# Each fuzz target (fuzz/) for SMOKE_SECONDS from its seeds; the build is reused between runs.
SMOKE_SECONDS ?= 20
fuzz-smoke: bootstrap test-native
	scripts/fuzz.sh --smoke $(SMOKE_SECONDS)

# Each fuzz target for FUZZ_SECONDS, growing fuzz/corpus/; a crash lands in fuzz/artifacts/.
FUZZ_SECONDS ?= 300
fuzz: bootstrap
	scripts/fuzz.sh $(FUZZ_SECONDS)

eval: test-native
	scripts/eval.sh target/release/lede

# The npm package (pkg/): the JS API and the <lede-analyzer> web component.
package: bootstrap
	scripts/package.sh

# The app in dist/, with the package, the iframe embed and the demo host page beside it.
build-web: bootstrap package
	scripts/web.sh build
	scripts/embed-build.sh dist

test-package: package
	cargo build --release --quiet --bin lede
	node --test tests/package/

test-browser: build-web
	npx playwright test

serve: build-web
	scripts/web.sh serve-built $(PORT)

# The performance table: native MB/s per stage at 0.1, 1 and 10 MB and the CLI's peak memory,
# the WebAssembly package under Node beside compromise on the same text, then the app in headless
# Chromium (time to interactive, transfer size, paste to rendered). Prints figures; asserts nothing.
bench: build-web
	cargo build --release --quiet --bin lede
	target/release/lede bench
	node scripts/bench-node.mjs
	node scripts/bench-browser.mjs

clean:
	cargo clean
	rm -rf dist

# Regenerate the shipped entity model and lexicons from their sources (byte for byte).
model:
	scripts/model.sh
