// The size budget of a page that shows one timeline (issue 17): what it transfers of engagekit's
// JavaScript and WebAssembly, gzipped at level 9. Sizes are deterministic, so these are tests:
// Chromium loads www/timeline-only.html (one script tag, one <engage-timeline>), the files it
// requested from /dist/ are listed, and their gzipped sizes on disk are summed. BENCHMARKS.md says
// what each file holds.
//
// Issue 17's budget is 100 KB (100,000 bytes) for the whole page, a test like any other. The
// page loads the timeline page's module (engagekit-timeline-page: checkTimeline alone, without
// validate, rules(), timelineToIcs or the GOV.UK bank-holidays reader, which no widget on a
// reader's page calls), and the JavaScript has its own budget within it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";

import { repo, widgetsSettled } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

/** Issue 17's budget, in bytes gzipped (level 9). */
const BUDGET = 100_000;
/** The JavaScript's own budget: the loader, the base and the timeline's module (11,437 bytes when set). */
const JS_BUDGET = 12_500;

describe("a page with one timeline stays within its budget", { timeout: 120_000 }, () => {
  const demo = useDemoBrowser();

  /** The files www/timeline-only.html requests from /dist/, with their sizes gzipped at level 9. */
  let files;
  async function measure() {
    if (files) return files;
    const page = await demo.browser.context.newPage();
    const seen = new Set();
    page.on("request", (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith("/dist/")) seen.add(pathname.slice("/dist/".length));
    });
    try {
      await page.goto(demo.base + "timeline-only.html");
      await widgetsSettled(page);
      assert.equal(await page.locator("engage-timeline").getAttribute("data-state"), "ready");
    } finally {
      await page.close();
    }
    files = Object.fromEntries([...seen].sort().map((f) => [f, gzipSync(readFileSync(path.join(repo, "dist", f)), { level: 9 }).length]));
    console.log(`one timeline: ${JSON.stringify(files)}`);
    return files;
  }
  const sum = (sizes) => Object.values(sizes).reduce((n, s) => n + s, 0);

  test("www/timeline-only.html loads the loader, the base, the timeline's module and the timeline area only", async () => {
    assert.deepEqual(Object.keys(await measure()), [
      "engagekit-timeline-page.js",
      "engagekit-timeline-page_bg.wasm",
      "engagekit-widget-base.js",
      "engagekit-widget-timeline.js",
      "engagekit-widgets.js",
    ]);
  });

  test(`its JavaScript (loader, base, timeline widget) is at most ${JS_BUDGET} bytes gzipped`, async () => {
    const sizes = await measure();
    const js = sum({ a: sizes["engagekit-widgets.js"], b: sizes["engagekit-widget-base.js"], c: sizes["engagekit-widget-timeline.js"] });
    assert.ok(js <= JS_BUDGET, `${js} bytes gzipped, over ${JS_BUDGET}`);
  });

  test(`the whole page transfers at most ${BUDGET} bytes gzipped (issue 17)`, async () => {
    const total = sum(await measure());
    assert.ok(total <= BUDGET, `${total} bytes gzipped, over the budget of ${BUDGET}`);
  });
});
