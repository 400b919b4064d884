# Lede: `make serve` runs the app, `make test` runs everything CI checks. Both install what is
# missing first (scripts/bootstrap.sh), and skip what is already there.
SHELL := /bin/bash
PORT ?= 8080
CORPORA ?= ../shared/corpora
export CORPORA

.PHONY: test serve bootstrap test-native eval build-web test-browser bench model clean

test: bootstrap test-native eval build-web test-browser
	@echo "make test: all checks passed"

bootstrap:
	@scripts/bootstrap.sh

test-native:
	cargo test --quiet
	cargo build --release --quiet --bin lede

eval: test-native
	scripts/eval.sh target/release/lede

build-web: bootstrap
	scripts/web.sh build

test-browser: build-web
	npx playwright test

serve: bootstrap
	scripts/web.sh serve $(PORT)

bench:
	cargo build --release --quiet --bin lede
	target/release/lede bench

clean:
	cargo clean
	rm -rf dist

# Regenerate the shipped entity model and lexicons from their sources (byte for byte).
model:
	scripts/model.sh
