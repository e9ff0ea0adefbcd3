# make start: build pkg/ and run the APS host (host/): admin page and endpoint on http://127.0.0.1:8080
# make test:  every test (native, wasm in Node and headless Chromium and Firefox, JS suites, the
#             packed package with bundlers, publint and attw, the host)
# Both install what is missing first, and skip what is present.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
WASM_BINDGEN_VERSION := 0.2.130
# wasm-opt must come from npm's binaryen (Debian's writes broken modules): node_modules/.bin first.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: start test build build-locked setup setup-rust setup-node setup-browser setup-firefox test-native test-wasm-node test-wasm-browser test-wasm-firefox test-js test-e2e test-bundlers setup-host test-host size test-size clean fuzz soak soak-oauth

# The reference APS host (host/): the admin page, pkg/ and the migrationPreCheck endpoint on one port.
start: build setup-host
	node host/src/server.js --host $(HOST) --port $(PORT)

test: build test-size setup-browser test-native test-wasm-node test-wasm-browser test-wasm-firefox test-js test-e2e test-bundlers test-host
	@echo "all test suites passed"

setup: setup-rust setup-node setup-browser setup-firefox setup-host

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$' || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@command -v wasm-pack >/dev/null || cargo install wasm-pack --locked

setup-node: node_modules/.installed

# The packed package depends on piscina: the tests install the tarball with `npm install --offline`,
# which needs piscina's registry metadata in npm's cache (npm ci caches only the tarball).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	npm cache add "piscina@$$(node -p 'require("./node_modules/piscina/package.json").version')"
	@touch $@

setup-browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium chromium-driver; \
	fi

# The wasm-bindgen-test suite's second browser: Debian's Firefox ESR, and geckodriver built from
# crates.io (without one on PATH, wasm-pack would try to download it, which this network refuses).
setup-firefox:
	@[ -x /usr/bin/firefox-esr ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends firefox-esr; }
	@command -v geckodriver >/dev/null || cargo install geckodriver --locked

# One build at a time (a lock), assembled in pkg.tmp/ and swapped in, so that concurrent builds
# never clobber each other and a server or test reading pkg/ never sees a half-built package.
build: setup-rust setup-node
	flock .build.lock $(MAKE) --no-print-directory build-locked
	@$(MAKE) --no-print-directory size

# Two builds of the same source, each tuned for where it runs (docs/architecture.md "Size", docs/benchmarks.md):
# the browser's (web) for download size, opt-level "z" as in Cargo.toml; Node's for speed,
# opt-level 3 (NODE_OPT_LEVEL; "s" is 18 KB gzip smaller and a third slower on batches), in its
# own target directory so neither rebuild evicts the other.
NODE_OPT_LEVEL ?= 3
build-locked:
	rm -rf pkg.tmp
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(NODE_OPT_LEVEL) CARGO_TARGET_DIR=target/node \
	  wasm-pack build --release --no-pack --target nodejs --out-dir pkg.tmp/node --out-name aps_migratable
	wasm-pack build --release --no-pack --target web --out-dir pkg.tmp/web --out-name aps_migratable -- --no-default-features --features small-allocator
	node scripts/package.mjs pkg.tmp
	rm -rf pkg.old && { [ ! -d pkg ] || mv pkg pkg.old; } && mv pkg.tmp pkg && rm -rf pkg.old

# The size budget of the browser .wasm: 128 KiB with gzip -9 (docs/architecture.md, "Size").
SIZE_BUDGET := 131072
test-size: build
	@w=pkg/web/aps_migratable_bg.wasm; n=$$(gzip -9c $$w | wc -c); \
	if [ $$n -gt $(SIZE_BUDGET) ]; then echo "size: $$w is $$n bytes gzip -9, over the budget of $(SIZE_BUDGET)"; exit 1; fi; \
	echo "size: $$w is $$n bytes gzip -9, within the budget of $(SIZE_BUDGET)"

size:
	@w=pkg/web/aps_migratable_bg.wasm; echo "wasm size (web, the budget): $$(wc -c <$$w) bytes raw, $$(gzip -9c $$w | wc -c) bytes gzip -9"
	@w=pkg/node/aps_migratable_bg.wasm; echo "wasm size (node, for speed): $$(wc -c <$$w) bytes raw, $$(gzip -9c $$w | wc -c) bytes gzip -9"

# Benchmarks (bench/), separate from the tests: the module and the host against plain JS, ajv and a
# bare fastify route. Prints one table and writes bench/results.md. BENCH_ARGS: --quick, --only ..., --readme.
.PHONY: bench bench-before
bench: build setup-host bench-before
	node bench/run.mjs --before $(BEFORE_DIR)/pkg $(BENCH_ARGS)

# The package of an earlier commit, for bench's before/after table: BENCH_BEFORE is the last commit
# before the core moved onto serde. Built once (in a temporary git worktree) and kept.
BENCH_BEFORE ?= 21b1259
BEFORE_DIR := target/bench-before
bench-before: setup-rust setup-node
	@if [ "$$(cat $(BEFORE_DIR)/rev 2>/dev/null)" != "$(BENCH_BEFORE)" ] || [ ! -f $(BEFORE_DIR)/pkg/node/index.cjs ]; then \
	  rm -rf $(BEFORE_DIR) && git worktree prune && \
	  git worktree add --detach $(BEFORE_DIR)/src $(BENCH_BEFORE) && \
	  ln -s $(CURDIR)/node_modules $(BEFORE_DIR)/src/node_modules && \
	  $(MAKE) -C $(BEFORE_DIR)/src --no-print-directory build-locked && \
	  mv $(BEFORE_DIR)/src/pkg $(BEFORE_DIR)/pkg && echo $(BENCH_BEFORE) > $(BEFORE_DIR)/rev && \
	  git worktree remove --force $(BEFORE_DIR)/src; \
	fi

test-native:
	cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features small-allocator -- -D warnings
	cargo clippy --quiet --all-targets -- -D warnings
	cargo test --quiet

test-wasm-node: setup-rust
	scripts/wasm-test.sh --node

test-wasm-browser: setup-rust setup-browser
	WASM_BINDGEN_USE_BROWSER=1 scripts/wasm-test.sh --headless --chrome

test-wasm-firefox: setup-rust setup-firefox
	WASM_BINDGEN_USE_BROWSER=1 scripts/wasm-test.sh --headless --firefox

test-js: build
	node --test tests/js/

# The admin page (www/) in Debian's Chromium via playwright-core; screenshots go to test-results/.
test-e2e: build setup-browser
	node --test tests/e2e/

# The package as users install it (npm pack of pkg/, in a fresh project under target/bundlers/):
# one program in Node, a worker thread, vitest, and pages built by Vite, webpack and esbuild in
# headless Chromium; npm pack --dry-run, publint and @arethetypeswrong/cli on the tarball.
test-bundlers: build setup-browser
	node --test tests/bundlers/*.test.mjs

# host/ is its own npm package; its aps-migratable is npm's symlink to ../pkg (a file: dependency),
# so a rebuilt pkg/ is picked up without reinstalling.
setup-host: host/node_modules/.installed

host/node_modules/.installed: host/package.json host/package-lock.json
	cd host && npm ci --no-audit --no-fund
	@touch $@

test-host: build setup-host
	node --test host/test/*.test.mjs

# The black-box suites with the system clock a year ahead (libfaketime), to show that no test
# depends on the wall clock. rustc does not start under libfaketime, so pkg/ is built first on the
# real clock. Not part of make test.
.PHONY: test-clock
test-clock: build setup-browser setup-host
	@command -v faketime >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends faketime; }
	faketime -f '+365d' node --test tests/js/
	faketime -f '+365d' node --test tests/e2e/
	faketime -f '+365d' node --test host/test/*.test.mjs

# Fuzzing (not part of make test): cargo-fuzz on stable via RUSTC_BOOTSTRAP=1 (it needs nightly
# flags), one target after another for FUZZ_SECONDS each. Corpora are seeded by fuzz/seed-corpora.mjs;
# crashes land in fuzz/artifacts/<target>/, logs in fuzz/logs/. FUZZ_FLAGS="-s none" drops ASan;
# FUZZ_ARGS adds libFuzzer options (e.g. -max_len=4096).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= schema_validate precheck validate_many aps_translation
FUZZ_FLAGS ?=
FUZZ_ARGS ?=
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	node fuzz/seed-corpora.mjs
	@mkdir -p fuzz/logs; failed=""; \
	for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $$t: $(FUZZ_SECONDS) s, log fuzz/logs/$$t.log"; \
	  if RUSTC_BOOTSTRAP=1 cargo fuzz run $(FUZZ_FLAGS) $$t fuzz/corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) \
	      -timeout=5 -rss_limit_mb=2048 -dict=fuzz/json.dict -print_final_stats=1 $(FUZZ_ARGS) >fuzz/logs/$$t.log 2>&1; then \
	    grep -E '^#[0-9]+.*cov:' fuzz/logs/$$t.log | tail -1; grep -E '^Done|average_exec_per_sec' fuzz/logs/$$t.log; \
	  else failed="$$failed $$t"; grep -E 'panicked|ERROR|SUMMARY|Test unit written|^Error' fuzz/logs/$$t.log | head -20; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: crashes in$$failed (inputs in fuzz/artifacts/)"; exit 1; fi

# Soak of the reference host (not part of make test): 100,000 mixed requests at concurrency 64,
# resident memory sampled, then SIGTERM under load. Figures in docs/hardening.md.
soak: build setup-host
	node host/soak/soak.mjs

# The same in OAuth 1.0a proxy mode: every request signed, plus wrong, stale and replayed signatures.
# 200,000 requests: memory takes longer to settle with the signatures' work (docs/hardening.md).
soak-oauth: build setup-host
	SOAK_OAUTH=1 SOAK_REQUESTS=$${SOAK_REQUESTS:-200000} node host/soak/soak.mjs

clean:
	rm -rf pkg pkg.tmp pkg.old target node_modules host/node_modules
