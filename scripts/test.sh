#!/usr/bin/env bash
# Everything `make test` (and so CI) checks, in order, with the time each step took. A failing
# step fails the run; the steps that do not need it still run, so one run shows every failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# tests/workbook.rs fails, rather than skips, its openpyxl round trips (setup.sh installs openpyxl).
export ENGAGEKIT_REQUIRE_OPENPYXL=1

names=()
results=()
failed=()
run_start=$(date +%s%N)

# step NAME NEEDS COMMAND...: runs COMMAND unless the step NEEDS (or "-") failed.
step() {
  local name=$1 needs=$2
  shift 2
  local result
  if [[ "$needs" != - && " ${failed[*]-} " == *" $needs "* ]]; then
    result="skipped ($needs failed)"
    echo "==> $name: skipped, $needs failed"
  else
    echo "==> $name: $*"
    local t0 rc=0
    t0=$(date +%s%N)
    "$@" || rc=$?
    local secs
    secs=$(awk -v ns=$(($(date +%s%N) - t0)) 'BEGIN { printf "%.1f", ns / 1e9 }')
    if [[ $rc == 0 ]]; then
      result="ok      ${secs}s"
    else
      result="FAILED  ${secs}s (exit $rc)"
      failed+=("$name")
    fi
  fi
  names+=("$name")
  results+=("$result")
}

summary() {
  echo
  echo "==> summary"
  local i
  for i in "${!names[@]}"; do
    printf '  %-14s %s\n' "${names[$i]}" "${results[$i]}"
  done
  local total
  total=$(awk -v ns=$(($(date +%s%N) - run_start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
  if [[ ${#failed[@]} -eq 0 ]]; then
    echo "make test: all ${#names[@]} steps passed in ${total}s"
  else
    echo "make test: FAILED (${failed[*]}) in ${total}s"
  fi
}

step setup - scripts/setup.sh
if [[ ${#failed[@]} -gt 0 ]]; then
  summary
  exit 1
fi
step fmt - cargo fmt --check
step clippy - cargo clippy --all-targets -- -D warnings
step clippy-wasm - cargo clippy --target wasm32-unknown-unknown --no-default-features --features js -- -D warnings
step cargo-test - cargo test
step wasm - scripts/build-wasm.sh
step pkg-tests wasm node --test --test-reporter=spec pkg-tests/
step typescript wasm node_modules/.bin/tsc -p pkg-tests/tsconfig.json
step npm-package wasm scripts/test-npm.sh
step dist wasm scripts/build-dist.sh
step browser dist node --test --test-reporter=spec www/tests/

summary
[[ ${#failed[@]} -eq 0 ]]
