#!/usr/bin/env bash
# Builds dist/: what a partner copies to any static host to embed the widgets with one tag,
#   <script type="module" src=".../engagekit-widgets.js"></script>
#
#   dist/engagekit-widgets.js        the loader (www/widgets/loader.js): when a widget's tag first
#                                    appears, it imports that widget's module and the base
#   dist/engagekit-widget-base.js    the shared base (www/widgets/base.js)
#   dist/engagekit-widget-form.js    the editors' shared form (www/widgets/form.js): only the
#                                    editors (plan, panel set-up, charter) import it
#   dist/engagekit-widget-NAME.js    one module per widget (www/widgets/NAME.js)
#   dist/engagekit-AREA.js           the wasm-bindgen glue of each area's module (pkg/areas/AREA),
#   dist/engagekit-AREA_bg.wasm      started by the base when a widget of that area first renders
#   dist/engagekit-workbook.js       the workbook module: started only when someone gives or asks
#   dist/engagekit-workbook_bg.wasm  for a workbook (the moderation's import, the score card's download)
#   dist/schemas/KIND.schema.json    the JSON Schema of each document
#
# No bundler and no minifier: comments and indentation are stripped (scripts/strip-comments.mjs),
# nothing else is changed. Each widget file imports from "./base.js" on one line (and, an editor,
# from "./form.js" on one more) and exports nothing; those lines are pointed at
# engagekit-widget-base.js and engagekit-widget-form.js, and every module is checked to parse. The loader's table
# of tags is checked against the widget files (each one's define() and static area). No file
# holds a <style> element or a style="" attribute (a strict Content-Security-Policy refuses them):
# the look is in constructed style sheets. Needs pkg/areas (make wasm).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The widgets (www/widgets/NAME.js).
widgets=(timeline survey-status report report-check charter-dashboard charter-feedback scorecard moderation survey-results you-said-we-did plan-editor panel-setup charter-editor)

# The areas' modules, and the workbook module (which no widget's area is: widgets start it when
# someone gives or asks for a workbook).
areas=(timeline-page report charter evaluation survey planner workbook)
for area in "${areas[@]}"; do
  if [[ ! -f "pkg/areas/$area/engagekit-$area.js" || ! -f "pkg/areas/$area/engagekit-${area}_bg.wasm" ]]; then
    echo "build-dist: pkg/areas/$area is missing: run make wasm first" >&2
    exit 1
  fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"

BASE_IMPORT='^import \{[^}]*\} from "\./base\.js";$'
FORM_IMPORT='^import \{[^}]*\} from "\./form\.js";$'
# pointed SOURCE: the shared modules' imports pointed at their names in dist/.
pointed() {
  sed -E -e 's#^(import \{[^}]*\} from ")\./base\.js(";)$#\1./engagekit-widget-base.js\2#' \
    -e 's#^(import \{[^}]*\} from ")\./form\.js(";)$#\1./engagekit-widget-form.js\2#'
}

# header FILE SOURCE: the first lines of a built module.
header() {
  echo "// engagekit widgets: built by scripts/build-dist.sh from $1 (do not edit)."
  echo "// Embed with <script type=\"module\" src=\".../engagekit-widgets.js\"></script>; see README.txt."
}

# stripped SOURCE: SOURCE without its comments, blank lines and indentation (scripts/strip-comments.mjs).
stripped() {
  node scripts/strip-comments.mjs "$1" "$tmp/stripped.js"
  cat "$tmp/stripped.js"
}

{
  header www/widgets/loader.js
  stripped www/widgets/loader.js
} >"$tmp/out/engagekit-widgets.js"
# The base imports core from the loader: that is engagekit-widgets.js in dist/.
if [[ $(grep -cE '^import \{ core \} from "\./loader\.js";$' www/widgets/base.js) != 1 ]]; then
  echo "build-dist: www/widgets/base.js must import { core } from \"./loader.js\" on one line" >&2
  exit 1
fi
{
  header www/widgets/base.js
  stripped www/widgets/base.js | sed -E 's#^import \{ core \} from "\./loader\.js";$#import { core } from "./engagekit-widgets.js";#'
} >"$tmp/out/engagekit-widget-base.js"
# The editors' form imports from the base only, and exports what the editors use.
if [[ $(grep -cE "$BASE_IMPORT" www/widgets/form.js) != 1 || $(grep -E '^import\b' www/widgets/form.js | grep -cvE "$BASE_IMPORT") != 0 ]]; then
  echo "build-dist: www/widgets/form.js must import from \"./base.js\" on one line and nothing else" >&2
  exit 1
fi
{
  header www/widgets/form.js
  stripped www/widgets/form.js | pointed
} >"$tmp/out/engagekit-widget-form.js"

for name in "${widgets[@]}"; do
  file="www/widgets/$name.js"
  if [[ ! -f "$file" ]]; then
    echo "build-dist: $file is missing" >&2
    exit 1
  fi
  base_imports=$(grep -cE "$BASE_IMPORT" "$file" || true)
  form_imports=$(grep -cE "$FORM_IMPORT" "$file" || true)
  other=$(grep -vE "$BASE_IMPORT|$FORM_IMPORT" "$file" | grep -cE '^(import|export)\b' || true)
  if [[ "$base_imports" != 1 || "$form_imports" -gt 1 || "$other" != 0 ]]; then
    echo "build-dist: $file must import from \"./base.js\" on exactly one line (an editor also from \"./form.js\" on one) and import or export nothing else" >&2
    exit 1
  fi
  # The loader's entry for the tag this file defines: [its module, its area].
  tag=$(sed -nE 's/^define\("(engage-[a-z-]+)", [A-Za-z]+\);$/\1/p' "$file")
  area=$(sed -nE 's/^  static area = "([a-z-]+)";$/\1/p' "$file")
  if [[ -z "$tag" || -z "$area" ]] || ! grep -qF "  \"$tag\": [\"$name\", \"$area\"]," www/widgets/loader.js; then
    echo "build-dist: www/widgets/loader.js must list   \"$tag\": [\"$name\", \"$area\"],   for $file" >&2
    exit 1
  fi
  {
    header "$file"
    stripped "$file" | pointed
  } >"$tmp/out/engagekit-widget-$name.js"
done
listed=$(grep -cE '^  "engage-[a-z-]+": \[' www/widgets/loader.js)
if [[ "$listed" != "${#widgets[@]}" ]]; then
  echo "build-dist: www/widgets/loader.js lists $listed tags, for ${#widgets[@]} widgets" >&2
  exit 1
fi

for js in "$tmp"/out/*.js; do
  # Each must parse as an ES module (node checks the syntax without running it).
  cp "$js" "$tmp/check.mjs"
  node --check "$tmp/check.mjs"
  # Nothing a style-src 'self' policy refuses: no <style> element made, no style attribute set.
  if grep -nE '"style"|[{,] *style: |setAttribute\("style|\.style\.|<style' "$js" | grep -v '^[0-9]*: *//' | grep -v 'el("style", { text: BASE_CSS' ; then
    echo "build-dist: $js sets a style attribute or makes a <style> (refused under style-src 'self')" >&2
    exit 1
  fi
done

rm -rf dist
mkdir -p dist
cp "$tmp"/out/*.js dist/
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
loads, from its own folder, the module of each widget on the page
(engagekit-widget-NAME.js), their shared base (engagekit-widget-base.js), and
engagekit-AREA.js and engagekit-AREA_bg.wasm for the areas (timeline-page,
report, charter, evaluation, survey, planner) of those widgets only; the
evaluation area loads a small
script of its own from snippets/. engagekit-workbook.js and its .wasm are
loaded only when someone imports or downloads an Excel workbook. The server must send .wasm files as
application/wasm (most do).

Content-Security-Policy: the widgets need nothing inline. Give the web team
this line (add your own sources to it if the page needs more):

  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:

'wasm-unsafe-eval' lets the page run WebAssembly (it does not allow eval).
Without it, each widget says so and shows its static copy, if one was pasted
inside it (engagekit timeline html, engagekit charter html).
TXT

# The JSON Schema of each document, generated from the Rust types (engagekit schema KIND).
mkdir -p dist/schemas
for kind in charter evaluation monitoring timeline report; do
  cargo run --quiet --bin engagekit -- schema "$kind" >"dist/schemas/$kind.schema.json"
done

gz() { gzip -9 -c "$1" | wc -c; }
echo "build-dist: dist/ with ${#widgets[@]} widgets; bytes raw (gzip -9):"
echo "  loader engagekit-widgets.js: $(wc -c <dist/engagekit-widgets.js) ($(gz dist/engagekit-widgets.js))"
echo "  base engagekit-widget-base.js: $(wc -c <dist/engagekit-widget-base.js) ($(gz dist/engagekit-widget-base.js))"
echo "  form engagekit-widget-form.js: $(wc -c <dist/engagekit-widget-form.js) ($(gz dist/engagekit-widget-form.js))"
for name in "${widgets[@]}"; do
  echo "  widget $name: $(wc -c <"dist/engagekit-widget-$name.js") ($(gz "dist/engagekit-widget-$name.js"))"
done
echo "  per area, glue + WebAssembly:"
for area in "${areas[@]}"; do
  echo "    $area: $(wc -c <"dist/engagekit-$area.js") ($(gz "dist/engagekit-$area.js")) + $(wc -c <"dist/engagekit-${area}_bg.wasm") ($(gz "dist/engagekit-${area}_bg.wasm"))"
done
