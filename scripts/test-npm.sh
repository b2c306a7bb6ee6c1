#!/usr/bin/env bash
# Packs the npm package (scripts/build-npm.sh) and installs the tarball into a scratch project,
# as a partner's developer would, then uses it: require() and import in node, its types with
# tsc, and from a page: an HTML page in the scratch project imports the package's browser entry
# (its `exports` "browser" condition, through an import map), served by a bare static server and
# opened in Debian's Chromium (scripts/test-npm-page.mjs; scripts/setup.sh installs the browser).
# The install needs no registry: the package has no dependencies.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
repo=$PWD

scripts/build-npm.sh
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
echo '{"name": "scratch", "private": true}' >package.json
npm install --offline --no-audit --no-fund --loglevel=error "$repo/pkg/engagekit-$version.tgz"
cp "$repo/examples/kent-medway-stroke.timeline.json" plan.json

cat >use.cjs <<'JS'
const assert = require("node:assert/strict");
const { checkTimeline, validate } = require("engagekit");
const plan = require("./plan.json");
assert.equal(checkTimeline(plan, { today: "2018-03-01" }).stage, "open");
try { validate("{}"); assert.fail("no error"); } catch (e) { assert.equal(e.code, "missing-schema"); }
assert.ok(require("engagekit/schemas/timeline.json").properties.activities);
console.log("require(\"engagekit\"): ok");
JS
cat >use.mjs <<'JS'
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkTimeline } from "engagekit";
const plan = JSON.parse(readFileSync("plan.json", "utf8"));
assert.equal(checkTimeline(plan, { today: "2018-03-01" }).activities.length, plan.activities.length);
console.log("import \"engagekit\": ok");
JS
cat >use.ts <<'TS'
import { checkTimeline, type TimelineCheck } from "engagekit";
export const check: TimelineCheck = checkTimeline("{}", { today: "2018-03-01" });
TS
# From a page: the browser entry the package's exports give, as a page without a bundler uses it.
# The timeline area's module (exports "./timeline") must give the very same answer.
browser_entry=$(node -p 'require("engagekit/package.json").exports["."].browser.default')
timeline_entry=$(node -p 'require("engagekit/package.json").exports["./timeline"].default')
cat >page.html <<HTML
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>engagekit from a page</title>
    <link rel="icon" href="data:,">
    <script type="importmap">{"imports": {"engagekit": "/node_modules/engagekit/${browser_entry#./}",
      "engagekit/timeline": "/node_modules/engagekit/${timeline_entry#./}"}}</script>
  </head>
  <body>
    <p>Stage on 1 March 2018: <output id="stage">not checked yet</output></p>
    <script type="module">
      import init, { checkTimeline } from "engagekit";
      import initTimeline, { checkTimeline as checkWithTimelineArea } from "engagekit/timeline";
      const out = document.querySelector("#stage");
      try {
        await init();
        await initTimeline();
        const plan = await (await fetch("plan.json")).json();
        const stage = checkTimeline(plan, { today: "2018-03-01" }).stage;
        const areaStage = checkWithTimelineArea(plan, { today: "2018-03-01" }).stage;
        out.textContent = stage === areaStage ? stage : \`the full module says \${stage}, the timeline module \${areaStage}\`;
        document.body.dataset.done = "ok";
      } catch (err) {
        out.textContent = "error: " + err.message;
        document.body.dataset.done = "error";
      }
    </script>
  </body>
</html>
HTML

node use.cjs
node use.mjs
tsc --noEmit --strict --module nodenext --moduleResolution nodenext use.ts
node "$repo/scripts/test-npm-page.mjs" "$scratch" page.html
echo "test-npm: the packed package installs and works from node (require, import), TypeScript and a page"
