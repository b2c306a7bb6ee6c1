#!/usr/bin/env bash
# Builds the npm package `engagekit` in pkg/npm from the two wasm-pack builds (make wasm):
#   web/    ES module for pages and bundlers: `import init, { evaluate } from "engagekit"; await init();`
#   node/   CommonJS for node: `const { evaluate } = require("engagekit")` (or import: no init needed)
#   AREA/   one area's ES module for pages (timeline, report, charter, evaluation, survey), a fraction of
#           the full module's size: `import init, { checkTimeline } from "engagekit/timeline"`
#   workbook/ the workbook module (Excel score sheets, set-up workbooks), apart because it is large:
#           `import init, { importWorkbook } from "engagekit/workbook"`
#   schemas/ the JSON Schema of each document (engagekit schema KIND)
# and packs it with `npm pack` into pkg/engagekit-VERSION.tgz.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

areas=(timeline report charter evaluation survey workbook)
for f in pkg/web/engagekit.js pkg/node/engagekit.js pkg/areas/{timeline,report,charter,evaluation,survey,workbook}/engagekit-*.js; do
  [[ -f "$f" ]] || { echo "build-npm: $f is missing: run make wasm first" >&2; exit 1; }
done
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)

rm -rf pkg/npm
mkdir -p pkg/npm/web pkg/npm/node pkg/npm/schemas
cp pkg/web/engagekit.js pkg/web/engagekit_bg.wasm pkg/web/engagekit.d.ts pkg/npm/web/
cp pkg/node/engagekit.js pkg/node/engagekit_bg.wasm pkg/node/engagekit.d.ts pkg/npm/node/
for area in "${areas[@]}"; do
  mkdir -p "pkg/npm/$area"
  cp "pkg/areas/$area/engagekit-$area.js" "pkg/areas/$area/engagekit-${area}_bg.wasm" \
    "pkg/areas/$area/engagekit-$area.d.ts" "pkg/npm/$area/"
done
# The JavaScript snippets of src/ (src/wasm_scores.js) that wasm-bindgen places beside the glue.
for dir in web node; do
  if [[ -d "pkg/$dir/snippets" ]]; then cp -r "pkg/$dir/snippets" "pkg/npm/$dir/"; fi
done
for area in "${areas[@]}"; do
  if [[ -d "pkg/areas/$area/snippets" ]]; then cp -r "pkg/areas/$area/snippets" "pkg/npm/$area/"; fi
done
# The node build is CommonJS inside a package whose default is ES modules: say so where it lives.
# Its snippets stay ES modules (wasm-bindgen's glue requires them: node 20.19 or 22.12 and later).
echo '{"type": "commonjs"}' >pkg/npm/node/package.json
if [[ -d pkg/npm/node/snippets ]]; then echo '{"type": "module"}' >pkg/npm/node/snippets/package.json; fi
for kind in charter evaluation monitoring timeline report survey coding outcomes; do
  cargo run --quiet --bin engagekit -- schema "$kind" >"pkg/npm/schemas/$kind.schema.json"
done
cp README.md pkg/npm/README.md
for licence in LICENSE-MIT LICENSE-APACHE; do [[ -f "$licence" ]] && cp "$licence" pkg/npm/; done

cat >pkg/npm/package.json <<JSON
{
  "name": "engagekit",
  "version": "$version",
  "description": "Domain rules for NHS communications and engagement: patient charter scoring, service-user evaluation panels, consultation timelines and governing-body reports, in WebAssembly.",
  "license": "MIT OR Apache-2.0",
  "keywords": ["nhs", "procurement", "consultation", "engagement", "webassembly"],
  "type": "module",
  "main": "./node/engagekit.js",
  "module": "./web/engagekit.js",
  "types": "./web/engagekit.d.ts",
  "exports": {
    ".": {
      "node": { "types": "./node/engagekit.d.ts", "default": "./node/engagekit.js" },
      "browser": { "types": "./web/engagekit.d.ts", "default": "./web/engagekit.js" },
      "types": "./web/engagekit.d.ts",
      "default": "./web/engagekit.js"
    },
    "./web/engagekit_bg.wasm": "./web/engagekit_bg.wasm",
    "./timeline": { "types": "./timeline/engagekit-timeline.d.ts", "default": "./timeline/engagekit-timeline.js" },
    "./report": { "types": "./report/engagekit-report.d.ts", "default": "./report/engagekit-report.js" },
    "./charter": { "types": "./charter/engagekit-charter.d.ts", "default": "./charter/engagekit-charter.js" },
    "./evaluation": { "types": "./evaluation/engagekit-evaluation.d.ts", "default": "./evaluation/engagekit-evaluation.js" },
    "./survey": { "types": "./survey/engagekit-survey.d.ts", "default": "./survey/engagekit-survey.js" },
    "./workbook": { "types": "./workbook/engagekit-workbook.d.ts", "default": "./workbook/engagekit-workbook.js" },
    "./schemas/*.json": "./schemas/*.schema.json",
    "./package.json": "./package.json"
  },
  "files": ["web/", "node/", "timeline/", "report/", "charter/", "evaluation/", "survey/", "workbook/", "schemas/", "README.md", "LICENSE-*"],
  "sideEffects": false,
  "engines": { "node": "^20.19.0 || >=22.12.0" }
}
JSON
(cd pkg && npm pack ./npm --quiet --pack-destination . >/dev/null)
echo "build-npm: pkg/engagekit-$version.tgz ($(wc -c <"pkg/engagekit-$version.tgz") bytes)"
