#!/usr/bin/env bash
# Builds dist/: what a partner copies to any static host to embed the widgets with one tag,
#   <script type="module" src=".../engagekit-widgets.js"></script>
#
#   dist/engagekit-widgets.js  the widgets (www/widgets/): base.js, then each widget file in a block
#   dist/engagekit.js          the wasm-bindgen glue of pkg/web, imported relatively by the widgets
#   dist/engagekit_bg.wasm     loaded by the glue relative to its own import.meta.url
#
# No bundler: the widget files import from "./base.js" on one line and export nothing, so joining
# them is plain concatenation; the result is checked to parse as a module. Needs pkg/web (make wasm).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The widgets, in the order they are defined.
widgets=(timeline survey-status report report-check charter-dashboard charter-feedback scorecard moderation)

if [[ ! -f pkg/web/engagekit.js || ! -f pkg/web/engagekit_bg.wasm ]]; then
  echo "build-dist: pkg/web is missing: run make wasm first" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

out="$tmp/engagekit-widgets.js"
{
  echo "// engagekit widgets: built by scripts/build-dist.sh from www/widgets/ (do not edit)."
  echo "// Embed with <script type=\"module\" src=\".../engagekit-widgets.js\"></script>; see README.txt."
  echo
  cat www/widgets/base.js
} >"$out"

for name in "${widgets[@]}"; do
  file="www/widgets/$name.js"
  if [[ ! -f "$file" ]]; then
    echo "build-dist: $file is missing" >&2
    exit 1
  fi
  base_imports=$(grep -cE '^import \{[^}]*\} from "\./base\.js";$' "$file" || true)
  other=$(grep -vE '^import \{[^}]*\} from "\./base\.js";$' "$file" | grep -cE '^(import|export)\b' || true)
  if [[ "$base_imports" != 1 || "$other" != 0 ]]; then
    echo "build-dist: $file must import from \"./base.js\" on exactly one line and import or export nothing else" >&2
    exit 1
  fi
  {
    echo
    echo "// ---- $name.js"
    echo "{"
    grep -vE '^import \{[^}]*\} from "\./base\.js";$' "$file"
    echo "}"
  } >>"$out"
done

# It must parse as an ES module (node checks the syntax without running it).
cp "$out" "$tmp/check.mjs"
node --check "$tmp/check.mjs"

rm -rf dist
mkdir -p dist
cp "$out" dist/engagekit-widgets.js
cp pkg/web/engagekit.js pkg/web/engagekit_bg.wasm dist/
cat >dist/README.txt <<'TXT'
engagekit widgets

Copy this folder to your web server, then add to a page:

  <script type="module" src="/path/to/engagekit-widgets.js"></script>
  <engage-timeline src="/plans/stroke.timeline.json"></engage-timeline>

The three files must stay together: engagekit-widgets.js loads engagekit.js and
engagekit_bg.wasm from its own folder. The server must send the .wasm file as
application/wasm (most do).
TXT

# The JSON Schema of each document, generated from the Rust types (engagekit schema KIND).
mkdir -p dist/schemas
for kind in charter evaluation monitoring timeline report; do
  cargo run --quiet --bin engagekit -- schema "$kind" >"dist/schemas/$kind.schema.json"
done

wasm_size=$(wc -c <dist/engagekit_bg.wasm)
js_size=$(cat dist/engagekit-widgets.js dist/engagekit.js | wc -c)
echo "build-dist: dist/ with ${#widgets[@]} widgets: $js_size bytes of JavaScript, $wasm_size bytes of WebAssembly"
