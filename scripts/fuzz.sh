#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets) until FUZZ_RUNS executions (default 10 million) or
# FUZZ_SECONDS (default 60), whichever comes first, its corpus seeded from tests/vectors/ and
# examples/. The targets are built once, before any runs, so editing src/ meanwhile changes nothing.
# FUZZ_TARGETS picks some (default: all): FUZZ_TARGETS="commands" FUZZ_SECONDS=1800 make fuzz
# Needs the nightly toolchain and cargo-fuzz, installed here when missing. A crash leaves its input
# in fuzz/artifacts/TARGET/: make it a regression test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
seconds="${FUZZ_SECONDS:-60}"
runs="${FUZZ_RUNS:-10000000}"

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz

seed() { # seed TARGET FILES...: copies files into the target's corpus
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/$(basename "$f")"; done
}
# The vectors' inputs, as the documents they hold.
mkdir -p fuzz/seeds
node -e '
  const fs = require("fs");
  for (const f of fs.readdirSync("tests/vectors")) {
    const v = JSON.parse(fs.readFileSync("tests/vectors/" + f, "utf8"));
    const text = v.inputText ?? JSON.stringify(v.input, null, 1);
    fs.writeFileSync("fuzz/seeds/" + f.replace(/\.json$/, ".txt"), text);
  }'
seed documents examples/*.json fuzz/seeds/*
seed commands examples/*.json fuzz/seeds/*
seed report_text tests/data/stp-one-year-on-2017.txt fuzz/seeds/*
seed scoresheets fuzz/seeds/*
seed bank_holidays tests/data/bank-holidays.json
# The workbooks: each blank template and a score sheet, written by the command line.
for kind in evaluation timeline monitoring; do
  cargo run --quiet --bin engagekit -- template "$kind" --output "fuzz/seeds/$kind.xlsx"
done
cargo run --quiet --bin engagekit -- scoresheet examples/cyp-mental-health.evaluation.json --evaluator E1 --to xlsx --output fuzz/seeds/scoresheet-E1.xlsx
seed workbooks fuzz/seeds/*.xlsx

seed survey_responses examples/*.csv tests/data/survey/*.csv

cargo +nightly fuzz build
bin="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"
for target in ${FUZZ_TARGETS:-documents commands report_text scoresheets bank_holidays survey_responses workbooks}; do
  echo "==> fuzz $target: $runs runs or ${seconds}s"
  mkdir -p "fuzz/artifacts/$target"
  "$bin/$target" "fuzz/corpus/$target" -artifact_prefix="fuzz/artifacts/$target/" \
    -runs="$runs" -max_total_time="$seconds" -max_len=65536 2>&1 | tee "fuzz/$target.log" |
    grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==ERROR|SUMMARY)' || true
  done_line=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "fuzz/$target.log" | tail -1 || true)
  echo "fuzz $target: ${done_line:-no run count}; crashes: $(find "fuzz/artifacts/$target" -type f | wc -l)"
done
