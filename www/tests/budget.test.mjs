// The size budget of a page that shows one timeline (issue 17): what it transfers of engagekit's
// JavaScript and WebAssembly, gzipped at level 9, is at most 100 KB (100,000 bytes). Sizes are
// deterministic, so this is a test: Chromium loads www/timeline-only.html (one script tag, one
// <engage-timeline>), the files it requested from /dist/ are listed, and their gzipped sizes on
// disk are summed. BENCHMARKS.md says what each file holds.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";

import { repo, widgetsSettled } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

/** The budget, in bytes gzipped (level 9). It was 126 KB with every widget in one file. */
const BUDGET = 100_000;

describe("a page with one timeline stays within its budget", { timeout: 120_000 }, () => {
  const demo = useDemoBrowser();

  test(`www/timeline-only.html transfers at most ${BUDGET} bytes of engagekit, gzipped`, async () => {
    const page = await demo.browser.context.newPage();
    const files = new Set();
    page.on("request", (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith("/dist/")) files.add(pathname.slice("/dist/".length));
    });
    try {
      await page.goto(demo.base + "timeline-only.html");
      await widgetsSettled(page);
      assert.equal(await page.locator("engage-timeline").getAttribute("data-state"), "ready");
      // The loader, the base, the timeline's module and the timeline area: nothing of the other widgets.
      assert.deepEqual([...files].sort(), [
        "engagekit-timeline.js",
        "engagekit-timeline_bg.wasm",
        "engagekit-widget-base.js",
        "engagekit-widget-timeline.js",
        "engagekit-widgets.js",
      ]);
      const sizes = [...files].sort().map((f) => [f, gzipSync(readFileSync(path.join(repo, "dist", f)), { level: 9 }).length]);
      const total = sizes.reduce((n, [, s]) => n + s, 0);
      console.log(`one timeline: ${total} bytes gzipped: ${sizes.map(([f, s]) => `${f} ${s}`).join(", ")}`);
      assert.ok(total <= BUDGET, `${total} bytes gzipped, over the budget of ${BUDGET}: ${JSON.stringify(sizes)}`);
    } finally {
      await page.close();
    }
  });
});
