#!/usr/bin/env bash
# `make bench`: every benchmark of issue 8, in one run (BENCHMARKS.md holds the figures).
#
# 1. Native: each workload at 1/10, 1 and 10 times its size, warm and cold, measured by criterion,
#    then the growth ratios from its medians (cargo bench --bench workloads; criterion's reports
#    in target/criterion/, the tables also in target/bench/native.json).
# 2. Instructions per run of each native workload (valgrind): tells growth in work from growth in
#    cache misses (scripts/bench-instructions.sh).
# 3. The builds the rest measures: scripts/setup.sh (installs what is missing: wasm-bindgen,
#    wasm-pack, npm devDependencies, Debian's Chromium), scripts/build-wasm.sh, scripts/build-dist.sh.
# 4. Node, through the built package (pkg-tests/bench/run.mjs): each workload end to end against
#    JSON.parse of its input, evaluate and checkTimeline against plain JavaScript (checked to agree
#    first), the sizes of the .wasm and the widgets, and the targets with PASS or MISS.
# 5. Headless Chromium (pkg-tests/bench/first-widget.mjs): page load to the first widget rendered,
#    the median of repeated loads.
# 6. Headless Chromium (pkg-tests/bench/moderation-redraw.mjs): the moderation widget's redraw
#    after one change, at 720 and 15,000 scores.
# 7. On a phone (pkg-tests/bench/phone.mjs): Chromium with the CPU 4x slower and Lighthouse's Slow
#    4G network, gzip and a strict CSP: navigation to the timeline's content, beside the same page
#    with its static copy only (the floor), and the ratio.
#
# A missed target does not fail the run (benchmarks are not tests, and timings vary on a shared
# machine); a failed build, a plain-JavaScript result that differs from the package's, or a widget
# that does not render does.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "==> bench: native workloads (cargo bench --bench workloads)"
# --no-default-features leaves out the command line (`cli`), which the benchmark does not use.
# With it, cargo builds the library twice, once with panic=abort for the binary and once with
# unwinding for the benchmark, to the same libengagekit.rlib (a cdylib's files carry no hash):
# cargo warns of an "output filename collision", and the binary's link sometimes fails with
# undefined symbols. The library code measured is the same.
cargo bench --bench workloads --no-default-features

echo
echo "==> bench: instructions per run, counted by valgrind (scripts/bench-instructions.sh)"
scripts/bench-instructions.sh

echo
echo "==> bench: building the package and dist/"
scripts/setup.sh
scripts/build-wasm.sh
scripts/build-dist.sh

echo
echo "==> bench: node, through pkg/node (pkg-tests/bench/run.mjs)"
# --expose-gc: the benchmark collects garbage between timed runs, outside the timings.
node --expose-gc pkg-tests/bench/run.mjs

echo
echo "==> bench: headless Chromium (pkg-tests/bench/first-widget.mjs)"
node pkg-tests/bench/first-widget.mjs 15

echo
echo "==> bench: the moderation widget's redraw (pkg-tests/bench/moderation-redraw.mjs)"
node pkg-tests/bench/moderation-redraw.mjs 15

echo
echo "==> bench: on a phone, CPU 4x and Slow 4G (pkg-tests/bench/phone.mjs)"
node pkg-tests/bench/phone.mjs 7

echo
echo "bench: done on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), node $(node --version)"
