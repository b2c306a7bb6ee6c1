#!/usr/bin/env node
// The "from a page" part of scripts/test-npm.sh: serves the scratch project (the packed engagekit
// installed in its node_modules, and a page importing the package's browser entry) with a bare
// static server of node built-ins, opens the page in Debian's Chromium through playwright-core
// (the repository's node_modules) and checks what the page wrote: the stroke plan's stage on
// 1 March 2018 is "open", as the node part finds. Any console error, page error, failed request
// or HTTP error fails the test.
//
//   node scripts/test-npm-page.mjs SCRATCH_DIR PAGE      (scripts/test-npm.sh runs it)
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { CHROMIUM, launch, startStaticServer } from "../www/tests/lib/browser.mjs";

const [dir, pageName = "page.html"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node scripts/test-npm-page.mjs SCRATCH_DIR [PAGE]");
  process.exit(2);
}
const root = path.resolve(dir);
if (!existsSync(CHROMIUM)) {
  console.error(`test-npm-page: ${CHROMIUM} is missing: run scripts/setup.sh (it installs Debian's chromium)`);
  process.exit(1);
}

// What the page must load: the package's browser entry, and the .wasm its glue fetches beside it.
const manifest = JSON.parse(readFileSync(path.join(root, "node_modules", "engagekit", "package.json"), "utf8"));
const entry = path.posix.join("/node_modules/engagekit", manifest.exports["."].browser.default);
const wasm = entry.replace(/\.js$/, "_bg.wasm");
// And the timeline area's module (exports "./timeline"), which the page also imports.
const timelineWasm = path.posix.join("/node_modules/engagekit", manifest.exports["./timeline"].default).replace(/\.js$/, "_bg.wasm");

const [server, base] = await startStaticServer(root);
const browser = await launch();
const problems = [];
const requested = [];
try {
  const page = await browser.context.newPage();
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on("response", (res) => {
    requested.push(new URL(res.url()).pathname);
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.goto(base + pageName);
  await page.waitForSelector("body[data-done]", { timeout: 30_000 });
  const stage = await page.locator("#stage").textContent();
  assert.deepEqual(problems, [], "the page had problems");
  assert.equal(stage, "open", "the stage the page shows");
  // The module and its .wasm came from the installed package, not from anywhere else.
  assert.ok(requested.includes(entry), `the package's browser entry ${entry} was not loaded: ${requested.join(", ")}`);
  assert.ok(requested.includes(wasm), `the package's ${wasm} was not loaded: ${requested.join(", ")}`);
  assert.ok(requested.includes(timelineWasm), `the package's ${timelineWasm} was not loaded: ${requested.join(", ")}`);
  console.log(`import "engagekit" in a page (Chromium): ok (stage ${stage}; loaded ${requested.join(", ")})`);
} finally {
  await browser.close();
  server.close();
}
