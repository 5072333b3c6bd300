# One entry point. Tools come from scripts/setup.sh (idempotent, versions
# pinned in wasm-pack.toml); the build is scripts/build.py.
#   make serve   build the page and serve www/ on http://127.0.0.1:8080
#   make dist    build dist/foi-check.html (one self-contained file)
#   make test    every test: native, wasm in headless Chromium, browser flows
#   make bench   native throughput; make bench-page: the page in Chromium
#   make fuzz    every fuzz target for FUZZ_SECONDS (default 600) each; make fuzz-smoke: 60 s each
#   make bench-memory  peak memory: 1 GB through the CLI, 500 MB through the page

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve dist wasm page test test-native test-wasm test-browser lint bench bench-page bench-memory fuzz fuzz-smoke tools tools-build clean

tools:
	scripts/setup.sh

tools-build:
	scripts/setup.sh build

# wasm + page; dist/foi-check.html and www/index.html are the same bytes.
dist: tools-build
	python3 scripts/build.py

serve: dist
	@echo "Serving www/ on http://127.0.0.1:$(PORT)/  (Ctrl+C stops)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

test: tools
	$(MAKE) test-native
	$(MAKE) test-wasm
	python3 scripts/build.py
	$(MAKE) test-browser
	$(MAKE) fuzz-smoke

test-native:
	cargo test

# The core's tests (and tests/wasm_smoke.rs) compiled to wasm and run in headless Chromium.
test-wasm:
	CHROMEDRIVER=$(CHROMEDRIVER) WASM_BINDGEN_USE_BROWSER=1 WASM_BINDGEN_TEST_TIMEOUT=600 \
	  cargo test --target wasm32-unknown-unknown --lib --test '*'

# Playwright flows over dist/foi-check.html (file://) and www/ (http://).
test-browser:
	cargo build --bin foi-check
	node --test tests/browser/*.test.mjs

# libFuzzer over the reader and the whole check (SECURITY.md). Installs cargo-fuzz
# (pinned in wasm-pack.toml) and the nightly toolchain when missing.
FUZZ_SECONDS ?= 600
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz-smoke:
	scripts/fuzz.sh 60

lint:
	cargo clippy --all-targets -- -D warnings

bench:
	cargo bench --bench throughput
	cargo bench --bench workbook

bench-page: tools dist
	node scripts/bench_page.mjs

# Peak memory: a 1 GB CSV streamed through the CLI, then BENCH_PAGE_MB (default 500) in the page.
bench-memory: tools dist
	scripts/bench_memory.sh

clean:
	rm -rf dist www/pkg www/index.html target/wasm-bindgen
