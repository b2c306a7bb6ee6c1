#!/usr/bin/env bash
# Builds the WebAssembly packages:
#   pkg/web           every area, ES module for pages (`await init()` first)
#   pkg/node          every area, CommonJS for node (what pkg-tests/ load)
#   pkg/areas/AREA    one area each (timeline, report, charter, evaluation, survey), ES modules named
#                     engagekit-AREA.js: the widgets load only the area they need (scripts/build-dist.sh)
#   pkg/areas/planner the plan editor's module (engagekit-planner.js): the timeline area and the
#                     plan's vocabulary
#   pkg/areas/timeline-page  the module of the widgets that show a plan (engagekit-timeline-page.js):
#                     checkTimeline alone, within a page's budget of 100 KB (issue 17)
#   pkg/areas/workbook  the workbook module (engagekit-workbook.js): score sheets as workbooks,
#                     set-up workbooks; fetched only when someone gives or asks for a workbook
# The `cli` feature (a default) stays out of wasm; the `js-*` features choose the exports.
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

# The optimisation level is chosen per use, by measurement (BENCHMARKS.md): the native CLI keeps
# Cargo.toml's 3; the modules for pages (pkg/web and the areas) are built at "s", which gave
# 1.6x the speed of "z" (evaluate at 150,000 scores: 238 ms against 374 ms in node) for 0 to 7%
# more gzipped bytes, and keeps every area within its 200 KB budget; the node module, where size
# matters little, is built at 3 (192 ms).
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

# build LANE OPT_LEVEL OUT_DIR TARGET FEATURES [OUT_NAME]
build() {
  local lane="$1" opt="$2" out="$3" target="$4" features="$5" name="${6:-engagekit}"
  local log="$logs/$lane.log"
  echo "build-wasm: wasm-pack --target $target --features $features (opt-level $opt) -> $out"
  rm -rf "$out"
  if ! CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" wasm-pack build --mode no-install --release --target "$target" --out-dir "$out" \
    --out-name "$name" -- --no-default-features --features "$features" >"$log" 2>&1; then
    cat "$log" >&2
    echo "build-wasm: wasm-pack failed for $out" >&2
    return 1
  fi
  # wasm-pack only logs it when it skips wasm-opt or fetches a tool: check that it used ours.
  if ! grep -q "found wasm-opt at \"$PWD/node_modules/.bin/wasm-opt\"" "$log" ||
    grep -Eqi 'download|skipping wasm-opt|installing' "$log"; then
    cat "$log" >&2
    echo "build-wasm: wasm-pack did not use node_modules/.bin/wasm-opt (see its log above)" >&2
    return 1
  fi
}

# Two lanes side by side, each in its own target directory (one would wait for the other's lock):
# a release build links with LTO and one codegen unit, on one core, so two cores build two
# modules at once (the wasm step of make test: 743 s in one lane, BENCHMARKS.md). Each lane
# compiles the dependencies once per opt-level it uses.
lane_a() {
  export CARGO_TARGET_DIR="$PWD/target/wasm-a"
  build a s pkg/web web js
  for area in timeline report charter; do
    build a s "pkg/areas/$area" web "js-$area" "engagekit-$area"
  done
  # The plan editor's module: the timeline area with the plan's vocabulary.
  build a s pkg/areas/planner web js-planner engagekit-planner
  # The widgets that show a plan: checkTimeline alone.
  build a s pkg/areas/timeline-page web js-timeline-page engagekit-timeline-page
}
lane_b() {
  export CARGO_TARGET_DIR="$PWD/target/wasm-b"
  for area in evaluation survey; do
    build b s "pkg/areas/$area" web "js-$area" "engagekit-$area"
  done
  # The workbook module at "z": it handles a template or a few score sheets at a time, where speed
  # does not show, and "z" gave 657,483 bytes gzipped against 704,380 at "s" (BENCHMARKS.md).
  build b z pkg/areas/workbook web js-workbook engagekit-workbook
  build b 3 pkg/node nodejs js
}
lane_a &
a=$!
lane_b &
b=$!
status=0
wait "$a" || status=1
wait "$b" || status=1
if [[ $status != 0 ]]; then
  echo "build-wasm: a build failed (its log is above)" >&2
  exit 1
fi

for wasm in pkg/web/engagekit_bg.wasm pkg/areas/*/engagekit-*_bg.wasm; do
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  awk -v f="$wasm" -v raw="$raw" -v gz="$gz" \
    'BEGIN { printf "build-wasm: %s: %d bytes (%.1f KiB) raw, %d bytes (%.1f KiB) gzipped -9\n", f, raw, raw / 1024, gz, gz / 1024 }'
done
