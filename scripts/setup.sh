#!/usr/bin/env bash
# Installs what the build and the tests need beyond the Rust toolchain, node and npm, and skips
# what is already there: quiet and a few seconds when everything is present.
#
#   scripts/setup.sh               everything (make test)
#   scripts/setup.sh --no-browser  everything but Chromium (make wasm, make demo)
#
# - the wasm32-unknown-unknown target;
# - wasm-bindgen-cli at exactly the version of `wasm-bindgen` in Cargo.lock: wasm-pack uses the one
#   on PATH only when the versions match, and would otherwise try to download one;
# - wasm-pack;
# - the root package.json's devDependencies (binaryen's wasm-opt, playwright-core, axe-core);
# - Debian's chromium, for the browser tests (Playwright never downloads a browser here);
# - Python's openpyxl, the independent writer that fills workbooks in tests/workbook.rs (from PyPI,
#   else Debian's python3-openpyxl).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# The version of wasm-pack installed when none is present (the one this setup was tested with).
WASM_PACK_VERSION=0.15.1

browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) browser=0 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

# say starts the clock of done_installing too: every install begins by saying so.
say() {
  echo "setup: $*"
  last=$SECONDS
}

# done_installing WHAT: records WHAT with the seconds since the last call.
installed=()
last=$SECONDS
done_installing() {
  installed+=("$1 in $((SECONDS - last))s")
  last=$SECONDS
}

# The `version` line that follows `name = "wasm-bindgen"` in Cargo.lock.
lock_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
    /^$/ { found = 0 }
  ' Cargo.lock
}

# --- Rust target -----------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
  done_installing "wasm32 target"
fi

# --- wasm-bindgen-cli ------------------------------------------------------------------------
if [[ ! -f Cargo.lock ]]; then
  say "no Cargo.lock: generating it to learn the wasm-bindgen version"
  cargo generate-lockfile --quiet
fi
bindgen_version="$(lock_version wasm-bindgen)"
if [[ -z "$bindgen_version" ]]; then
  echo "setup: no wasm-bindgen entry in Cargo.lock" >&2
  exit 1
fi
have_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have_bindgen" != "$bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version (found: ${have_bindgen:-none}); this takes a few minutes"
  # Not --locked: that install fails on these machines. --force replaces a binary of another
  # version whether or not cargo installed it.
  cargo install --quiet --force wasm-bindgen-cli --version "$bindgen_version"
  done_installing "wasm-bindgen $bindgen_version"
fi

# --- wasm-pack -------------------------------------------------------------------------------
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack $WASM_PACK_VERSION; this takes a few minutes"
  cargo install --quiet wasm-pack --version "$WASM_PACK_VERSION"
  done_installing "wasm-pack"
fi

# --- npm devDependencies ---------------------------------------------------------------------
# A stamp of package.json and package-lock.json in node_modules: npm runs only when they change.
stamp_file=node_modules/.engagekit-setup
stamp="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp" || ! -x node_modules/.bin/wasm-opt ]]; then
  say "installing npm devDependencies"
  if [[ -f package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
    stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  fi
  echo "$stamp" >"$stamp_file"
  done_installing "npm devDependencies"
fi
if ! command -v wasm-opt >/dev/null 2>&1; then
  echo "setup: wasm-opt is not on PATH after npm ci: wasm-pack would try to download binaryen" >&2
  exit 1
fi

# --- Chromium --------------------------------------------------------------------------------
if [[ "$browser" == 1 && ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium; this takes a minute or two"
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  done_installing "chromium"
fi

# --- openpyxl (tests/workbook.rs fills score sheets with it) ----------------------------------
if ! python3 -c "import openpyxl" >/dev/null 2>&1; then
  say "installing openpyxl for the workbook tests"
  if ! { command -v python3 >/dev/null 2>&1 && python3 -m pip install --quiet openpyxl >/dev/null 2>&1; }; then
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-openpyxl >/dev/null
  fi
  done_installing "openpyxl"
fi

if [[ ${#installed[@]} -eq 0 ]]; then
  say "all present (wasm-bindgen $bindgen_version, $(wasm-pack --version), wasm-opt from npm binaryen$([[ "$browser" == 1 ]] && echo ", $(/usr/bin/chromium --version 2>/dev/null)"))"
else
  joined="$(printf '%s, ' "${installed[@]}")"
  say "installed: ${joined%, }"
fi
