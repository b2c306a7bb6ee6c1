#!/usr/bin/env bash
# Builds dist/: what a partner copies to any static host to embed the widgets with one tag,
#   <script type="module" src=".../engagekit-widgets.js"></script>
#
#   dist/engagekit-widgets.js        the widgets (www/widgets/): base.js, then each widget file
#   dist/engagekit-AREA.js           the wasm-bindgen glue of each area's module (pkg/areas/AREA),
#   dist/engagekit-AREA_bg.wasm      imported by the widgets when a widget of that area first
#                                    renders; the glue loads its .wasm relative to import.meta.url
#   dist/schemas/KIND.schema.json    the JSON Schema of each document
#
# No bundler: the widget files import from "./base.js" on one line and export nothing, so joining
# them is plain concatenation; the result is checked to parse as a module. Needs pkg/areas (make wasm).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The widgets, in the order they are defined.
widgets=(timeline survey-status report report-check charter-dashboard charter-feedback scorecard moderation)

areas=(timeline report charter evaluation)
for area in "${areas[@]}"; do
  if [[ ! -f "pkg/areas/$area/engagekit-$area.js" || ! -f "pkg/areas/$area/engagekit-${area}_bg.wasm" ]]; then
    echo "build-dist: pkg/areas/$area is missing: run make wasm first" >&2
    exit 1
  fi
done

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
for area in "${areas[@]}"; do
  cp "pkg/areas/$area/engagekit-$area.js" "pkg/areas/$area/engagekit-${area}_bg.wasm" dist/
  # The JavaScript snippets of src/ that an area's glue imports (the evaluation's src/wasm_scores.js).
  if [[ -d "pkg/areas/$area/snippets" ]]; then cp -r "pkg/areas/$area/snippets" dist/; fi
done
cat >dist/README.txt <<'TXT'
engagekit widgets

Copy this folder to your web server, then add to a page:

  <script type="module" src="/path/to/engagekit-widgets.js"></script>
  <engage-timeline src="/plans/stroke.timeline.json"></engage-timeline>

The files must stay together, with the snippets folder: engagekit-widgets.js
loads engagekit-AREA.js and engagekit-AREA_bg.wasm from its own folder, for the
areas (timeline, report, charter, evaluation) of the widgets on the page only,
and the evaluation area loads a small script of its own from snippets/. The
server must send .wasm files as application/wasm (most do).
TXT

# The JSON Schema of each document, generated from the Rust types (engagekit schema KIND).
mkdir -p dist/schemas
for kind in charter evaluation monitoring timeline report; do
  cargo run --quiet --bin engagekit -- schema "$kind" >"dist/schemas/$kind.schema.json"
done

js_size=$(wc -c <dist/engagekit-widgets.js)
echo "build-dist: dist/ with ${#widgets[@]} widgets: $js_size bytes of widget JavaScript; per area, glue and WebAssembly:"
for area in "${areas[@]}"; do
  echo "  $area: $(wc -c <"dist/engagekit-$area.js") + $(wc -c <"dist/engagekit-${area}_bg.wasm") bytes"
done
