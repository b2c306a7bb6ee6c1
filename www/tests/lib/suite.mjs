// The set-up shared by the browser test suites (node:test hooks). Kept apart from browser.mjs,
// which scripts outside the test runner load too (scripts/screenshots.mjs, first-widget.mjs).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before } from "node:test";

import { CHROMIUM, launch, repo, startDemoServer } from "./browser.mjs";

/** What a suite can need built: the file that must exist, and the message that says how to build it. */
const BUILDS = {
  dist: [["dist", "engagekit-widgets.js"], "dist/ is missing: run `make dist`"],
  wasm: [["pkg", "web", "engagekit.js"], "pkg/web is missing: run `make wasm`"],
};

/** Fails, saying how to get it, unless Chromium and the build (`needs`: "dist" or "wasm") are there. */
export function assertBuilt(needs = "dist") {
  const [file, missing] = BUILDS[needs];
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh`);
  assert.ok(existsSync(path.join(repo, ...file)), missing);
}

/**
 * The set-up every demo-page suite shares, so it is written once: call it inside a `describe`
 * callback. Its `before` hook checks Chromium and the build (`needs`: "dist" or "wasm") are there,
 * starts www/serve.mjs, launches Chromium, then runs `setUp(demo)`; its `after` hook runs
 * `tearDown(demo)` (while the browser is still open), closes Chromium and stops the server.
 * Returns `demo`, whose `server`, `base` and `browser` are set once `before` has run.
 */
export function useDemoBrowser({ needs = "dist", setUp, tearDown } = {}) {
  const demo = { server: undefined, base: undefined, browser: undefined };
  before(async () => {
    assertBuilt(needs);
    [demo.server, demo.base] = await startDemoServer();
    demo.browser = await launch();
    await setUp?.(demo);
  });
  after(async () => {
    await tearDown?.(demo);
    await demo.browser?.close();
    demo.server?.kill();
  });
  return demo;
}
