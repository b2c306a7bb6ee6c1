# engagekit's build and tests. A fresh machine needs only the Rust toolchain, node and npm:
# every target installs what else it needs (scripts/setup.sh) and skips what is present.
#
#   make test    fmt, clippy (native and wasm32), cargo test, the wasm build, pkg-tests/, dist/, www/tests/
#   make wasm    pkg/web and pkg/node, with their .wasm size
#   make dist    dist/: the widgets for partner pages (engagekit-widgets.js, the glue and the .wasm)
#   make npm     pkg/npm and its tarball: the npm package engagekit (web, node, schemas)
#   make demo    builds, then serves www/ (and /dist/) on http://127.0.0.1:$(PORT)/
#   make setup   the installs only
#   make clean   removes what the build made (not node_modules or installed tools)
#   make bench   every benchmark: native growth ratios, node against JSON.parse and plain JS, sizes, first widget, on a phone (BENCHMARKS.md)
#   make fuzz    every fuzz target to FUZZ_RUNS or FUZZ_SECONDS (nightly and cargo-fuzz installed if missing)

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

PORT ?= 8080

.PHONY: setup wasm dist npm test demo clean fuzz bench

setup:
	scripts/setup.sh

wasm:
	scripts/setup.sh --no-browser
	scripts/build-wasm.sh

dist: wasm
	scripts/build-dist.sh

npm: wasm
	scripts/build-npm.sh

test:
	scripts/test.sh

demo: dist
	node www/serve.mjs $(PORT)

clean:
	cargo clean
	rm -rf pkg www/pkg dist test-output

# Every fuzz target to FUZZ_RUNS (default 10 million) or FUZZ_SECONDS (default 60): make fuzz FUZZ_SECONDS=1800
fuzz:
	scripts/fuzz.sh

# Benchmarks (scripts/bench.sh): native workloads at 1/10, 1 and 10 times their size with growth
# ratios; then, after the builds, each workload in node through pkg/node against JSON.parse and
# evaluate and checkTimeline against plain JavaScript, the sizes, and the first widget in Chromium.
bench:
	scripts/bench.sh
