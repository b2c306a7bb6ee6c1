#!/usr/bin/env bash
# Builds the WebAssembly packages: pkg/web (ES module for pages, `await init()` first) and pkg/node
# (CommonJS for node, what pkg-tests/ load). The `cli` feature (the default) stays out of wasm.
#
# wasm-pack runs with --mode no-install: it must find wasm-bindgen (the Cargo.lock version) and
# wasm-opt (npm binaryen) on PATH and never download either. scripts/setup.sh installs both.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! command -v wasm-opt >/dev/null 2>&1; then
  echo "build-wasm: wasm-opt is not on PATH (run scripts/setup.sh)" >&2
  exit 1
fi

# For the .wasm only, optimise for size: measured on this crate, opt-level "z" gave a 13% smaller
# gzipped module than 3 (437 KB against 503 KB before wasm-bindgen); the native CLI keeps 3.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

for target in web nodejs; do
  out="pkg/${target%js}"
  echo "build-wasm: wasm-pack --target $target -> $out"
  rm -rf "$out"
  if ! wasm-pack build --mode no-install --release \
    --target "$target" --out-dir "$out" -- --no-default-features >"$log" 2>&1; then
    cat "$log" >&2
    echo "build-wasm: wasm-pack failed for --target $target" >&2
    exit 1
  fi
  # wasm-pack only logs it when it skips wasm-opt or fetches a tool: check that it used ours.
  if ! grep -q "found wasm-opt at \"$PWD/node_modules/.bin/wasm-opt\"" "$log" ||
    grep -Eqi 'download|skipping wasm-opt|installing' "$log"; then
    cat "$log" >&2
    echo "build-wasm: wasm-pack did not use node_modules/.bin/wasm-opt (see its log above)" >&2
    exit 1
  fi
done

wasm=pkg/web/engagekit_bg.wasm
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
awk -v f="$wasm" -v raw="$raw" -v gz="$gz" \
  'BEGIN { printf "build-wasm: %s: %d bytes (%.1f KiB) raw, %d bytes (%.1f KiB) gzipped -9\n", f, raw, raw / 1024, gz, gz / 1024 }'
