#!/usr/bin/env bash
# Instructions per run of each native workload at its 1/10 and full size, counted by valgrind
# (cachegrind without cache simulation), and their ratio. A time ratio above 10 can come from the
# algorithm or from the memory hierarchy (a working set that outgrows the caches); the count of
# instructions tells them apart, and does not vary from run to run. Part of `make bench`.
#
# Each count is (instructions of 3 runs) - (instructions of 1 run), halved: the untimed set-up
# (generating and reading the input) cancels out. The 10x sizes are counted for the timeline and
# monitoring only (the two whose time grows most at that step): under valgrind the other largest
# inputs take minutes to generate. valgrind is installed from Debian when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! command -v valgrind >/dev/null 2>&1; then
  sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  if command -v apt-get >/dev/null 2>&1; then
    echo "bench-instructions: installing valgrind (Debian)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null
  else
    echo "bench-instructions: valgrind is missing and apt-get is not here: skipped"
    exit 0
  fi
fi

# The benchmark binary, built as `make bench` builds it (see scripts/bench.sh for the features).
bin=$(cargo bench --bench workloads --no-default-features --no-run 2>&1 |
  grep -o 'target/release/deps/workloads-[0-9a-f]*' | tail -1)

count() { # count N SIZE RUNS: instructions of `workloads --only N SIZE RUNS`
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" --only "$@" 2>&1 |
    awk '/I +refs/ { gsub(",", "", $NF); print $NF }'
}

names=("evaluate (scores)" "read evaluation JSON" "timeline check (activities)"
  "report lint + render (text)" "charter monitor (measures)" "working-day queries")
printf '%-30s %14s %14s %14s %7s %7s\n' "workload" "1/10 size" "size" "10x size" "ratio" "ratio"
for n in "${!names[@]}"; do
  sizes=(0 1)
  [[ $n == 2 || $n == 4 ]] && sizes+=(2)
  per_run=()
  for size in "${sizes[@]}"; do
    one=$(count "$n" "$size" 1)
    three=$(count "$n" "$size" 3)
    per_run+=($(((three - one) / 2)))
  done
  awk -v w="${names[$n]}" -v a="${per_run[0]}" -v b="${per_run[1]}" -v c="${per_run[2]:-}" \
    'BEGIN { printf "%-30s %14d %14d %14s %7.2f %7s\n", w, a, b, (c == "" ? "-" : c), b / a, (c == "" ? "-" : sprintf("%.2f", c / b)) }'
done
echo "(instructions per run, counted by valgrind; linear work is a ratio of about 10)"
