// `make bench`, the browser part: the time from page load to the first widget rendered, in
// headless Chromium (Debian's, through playwright-core, as www/tests/ drive it), as the median of
// repeated loads of a plain page that embeds dist/ with one script tag and one timeline widget
// (first-widget.html).
//
//   node pkg-tests/bench/first-widget.mjs [loads]      (default 15; needs dist/: make dist)
//
// What is measured, on each load of the page in a new tab:
// - "content": from navigation start (performance.now() is 0 there) to the widget's
//   `engage-ready` event, which the widget fires right after putting its rendered content into its
//   shadow root (www/widgets/base.js). A listener installed before any of the page's scripts
//   records the time, and the shadow root is checked to hold the chart, a heading and the table.
// - "next frame": the first animation frame after that, when the frame that paints it begins.
// The server sends every file with Cache-Control: no-store, so every load fetches the widgets and
// the timeline area's .wasm (www/widgets/base.js loads one module per area) and compiles them
// again, as a first visit does (over a local socket: no network).
// A first load warms the browser up and is not counted.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { CHROMIUM, launch } from "../../www/tests/lib/browser.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const loads = Number(process.argv[2] ?? 15);

// The loader, the base and the timeline's module, and the timeline area's module they load.
for (const file of ["dist/engagekit-widgets.js", "dist/engagekit-widget-base.js", "dist/engagekit-widget-timeline.js", "dist/engagekit-timeline-page.js", "dist/engagekit-timeline-page_bg.wasm"]) {
  if (!existsSync(path.join(repo, file))) {
    console.error(`first widget: ${file} is missing: run make dist first`);
    process.exit(1);
  }
}

// Only these are served: the page, the files of dist/ and the example plan the widget shows.
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm" };
function fileFor(pathname) {
  if (pathname === "/") return path.join(here, "first-widget.html");
  const match = pathname.match(/^\/(dist|examples)\/([\w.-]+)$/);
  return match ? path.join(repo, match[1], match[2]) : null;
}
const server = createServer(async (req, res) => {
  const file = fileFor(new URL(req.url, "http://127.0.0.1").pathname);
  try {
    if (!file) throw new Error("not served");
    const body = await readFile(file);
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Content-Length": body.length, "Cache-Control": "no-store" });
    res.end(body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not found\n");
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

// Runs in the page before any of its scripts: resolves window.__firstWidget with the times.
function recordFirstWidget() {
  window.__firstWidget = new Promise((resolve) => {
    document.addEventListener("engage-error", (e) => resolve({ error: e.detail?.message ?? "engage-error" }), { once: true });
    document.addEventListener(
      "engage-ready",
      (e) => {
        const content = performance.now();
        const root = e.target.shadowRoot;
        const rendered = {
          state: e.target.dataset.state,
          heading: Boolean(root?.querySelector("h2, h3, [role=heading]")),
          chart: Boolean(root?.querySelector("svg")),
          rows: root?.querySelectorAll("tr").length ?? 0,
        };
        const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
        requestAnimationFrame(() => resolve({ content, frame: performance.now(), rendered, wasmFetched: wasm?.responseEnd }));
      },
      { once: true },
    );
  });
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (t) => `${t.toFixed(1)} ms`;

const browser = await launch();
let failed = false;
try {
  await browser.context.addInitScript(recordFirstWidget);
  const runs = [];
  for (let i = 0; i <= loads; i++) {
    const page = await browser.context.newPage();
    const problems = [];
    page.on("pageerror", (err) => problems.push(err.message));
    await page.goto(url);
    const run = await page.evaluate(() => window.__firstWidget);
    await page.close();
    if (run.error || problems.length || run.rendered.state !== "ready" || !run.rendered.heading || !run.rendered.chart || run.rendered.rows === 0) {
      console.error(`first widget: the timeline widget did not render: ${JSON.stringify({ ...run, problems })}`);
      failed = true;
      break;
    }
    if (i > 0) runs.push(run); // load 0 warms the browser up
  }
  if (!failed) {
    const content = runs.map((r) => r.content), frame = runs.map((r) => r.frame), wasm = runs.map((r) => r.wasmFetched ?? NaN);
    const version = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    console.log(`\nfirst widget in headless Chromium (${version}), ${runs.length} loads of a page with one <engage-timeline>`);
    console.log(`  navigation start to the widget's content in its shadow root: median ${ms(median(content))} (min ${ms(Math.min(...content))}, max ${ms(Math.max(...content))})`);
    console.log(`  navigation start to the next animation frame after it:      median ${ms(median(frame))}`);
    console.log(`  (the timeline .wasm had fully arrived at:                  median ${ms(median(wasm))})`);
    console.log("  (every file sent with Cache-Control: no-store: each load fetches and compiles the .wasm again, over a local socket)");
    const out = path.join(repo, "target", "bench");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "first-widget.json"), JSON.stringify({ loads: runs.length, medianContentMs: median(content), medianFrameMs: median(frame), medianWasmFetchedMs: median(wasm), runs }, null, 2));
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
