// `make bench`, on a phone (issue 17): in headless Chromium with the CPU throttled 4x and the
// network at Lighthouse's "Slow 4G" (150 ms round trip, 1,638.4 kbit/s down, 750 kbit/s up), every
// file served gzipped (level 9) with the strict Content-Security-Policy of a partner site, the time
// from navigation to the timeline's content on www/timeline-only.html (one script tag, one
// <engage-timeline> with its static copy pasted inside), beside the same page without the script
// tag (the static copy only: the floor), loaded alternately in the same run.
//
//   node pkg-tests/bench/phone.mjs [loads]      (default 7 of each; needs dist/: make dist)
//
// What is measured, on each load in a new tab with the cache disabled:
// - "first contentful paint" (the Paint Timing entry) on both pages: on both, the static copy;
// - "widget rendered" on the widget page: the first animation frame after the widget's
//   `engage-ready` event (www/widgets/base.js), when the frame that paints it begins;
// - the ratio of the widget rendered to the floor's first contentful paint, of the medians;
// - the widget page's waterfall: when each file was requested and had arrived, and its bytes.
// A first load of each page warms the browser up and is not counted. The figures are written to
// target/bench/phone.json.
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { launch, STRICT_CSP } from "../../www/tests/lib/browser.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const loads = Number(process.argv[2] ?? 7);
// ENGAGEKIT_DIST: another build's dist/ to measure (an earlier build, for a before-and-after).
const dist = process.env.ENGAGEKIT_DIST ? path.resolve(process.env.ENGAGEKIT_DIST) : path.join(repo, "dist");

if (!existsSync(path.join(dist, "engagekit-widgets.js"))) {
  console.error("phone: dist/ is missing: run make dist first");
  process.exit(1);
}

// Lighthouse's mobile throttling (its "Slow 4G" preset, constants.js): 150 ms RTT, 1,638.4 kbit/s.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1638.4 * 1000) / 8, uploadThroughput: (750 * 1000) / 8 };
const CPU_SLOWDOWN = 4;

const page = readFileSync(path.join(repo, "www", "timeline-only.html"), "utf8");
const floor = page.replace(/^\s*<script type="module" src="\/dist\/engagekit-widgets\.js"><\/script>\n/m, "");
if (floor === page) throw new Error("phone: the script tag of www/timeline-only.html was not found");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm" };
const gzipped = new Map();
function body(pathname) {
  if (pathname === "/" || pathname === "/static") return [pathname === "/" ? page : floor, ".html"];
  const match = pathname.match(/^\/(dist|examples)\/([\w.-]+)$/);
  if (!match) return null;
  const file = match[1] === "dist" ? path.join(dist, match[2]) : path.join(repo, match[1], match[2]);
  return existsSync(file) ? [readFileSync(file), path.extname(file)] : null;
}
const server = createServer((req, res) => {
  const { pathname } = new URL(req.url, "http://127.0.0.1");
  const found = body(pathname);
  if (!found) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    return res.end("Not found\n");
  }
  const [content, ext] = found;
  if (!gzipped.has(pathname)) gzipped.set(pathname, gzipSync(content, { level: 9 }));
  const gz = gzipped.get(pathname);
  res.writeHead(200, {
    "Content-Type": TYPES[ext] ?? "application/octet-stream",
    "Content-Encoding": "gzip",
    "Content-Length": gz.length,
    "Cache-Control": "no-store",
    "Content-Security-Policy": STRICT_CSP,
  });
  res.end(gz);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// Runs in each page before its scripts: resolves window.__phone with the times.
function record() {
  window.__phone = new Promise((resolve) => {
    const out = {};
    const floor = location.pathname === "/static";
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name !== "first-contentful-paint") continue;
        out.fcp = e.startTime;
        // The floor: no script on the page, its content is there at its first contentful paint.
        if (floor) resolve(out);
      }
    }).observe({ type: "paint", buffered: true });
    document.addEventListener("engage-error", (e) => resolve({ error: e.detail?.message ?? "engage-error" }), { once: true });
    document.addEventListener("engage-ready", () => requestAnimationFrame(() => {
      out.widget = performance.now();
      // When each file was requested and had arrived (the waterfall), and its bytes on the wire.
      out.files = performance.getEntriesByType("resource").map((r) => ({ file: new URL(r.name).pathname.split("/").pop(), start: r.startTime, end: r.responseEnd, bytes: r.transferSize }));
      resolve(out);
    }), { once: true });
  });
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (t) => `${Math.round(t)} ms`;

const browser = await launch();
let failed = false;
const runs = { widget: [], floor: [] };
try {
  await browser.context.addInitScript(record);
  for (let i = 0; i <= loads && !failed; i++) {
    for (const [kind, url] of [["widget", `${base}/`], ["floor", `${base}/static`]]) {
      const tab = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(tab);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      await tab.goto(url, { waitUntil: "commit" });
      const run = await tab.evaluate(() => window.__phone);
      if (kind === "widget") {
        const state = await tab.locator("engage-timeline").getAttribute("data-state");
        const chart = await tab.locator("engage-timeline svg[role=img]").count();
        if (run.error || state !== "ready" || chart !== 1) {
          console.error(`phone: the timeline did not render: ${JSON.stringify({ run, state, chart })}`);
          failed = true;
        }
      }
      await tab.close();
      if (i > 0 && !failed) runs[kind].push(run); // the first load of each warms the browser up
    }
  }
  if (!failed) {
    const widget = median(runs.widget.map((r) => r.widget));
    const widgetFcp = median(runs.widget.map((r) => r.fcp));
    const floorFcp = median(runs.floor.map((r) => r.fcp));
    console.log(`\non a phone: Chromium, CPU 4x slower, Slow 4G (150 ms RTT, 1.6 Mbit/s), gzip, strict CSP; ${loads} loads of each page, medians`);
    console.log(`  the static copy only (the floor): first contentful paint ${ms(floorFcp)}`);
    console.log(`  the widget page: first contentful paint (its static copy) ${ms(widgetFcp)}; the widget rendered ${ms(widget)} (min ${ms(Math.min(...runs.widget.map((r) => r.widget)))}, max ${ms(Math.max(...runs.widget.map((r) => r.widget)))})`);
    console.log(`  ratio, the widget rendered to the floor: ${(widget / floorFcp).toFixed(2)}x`);
    console.log("  the widget page's files (medians: requested, arrived, bytes on the wire):");
    for (const file of runs.widget[0].files.map((f) => f.file)) {
      const seen = runs.widget.map((r) => r.files.find((f) => f.file === file)).filter(Boolean);
      console.log(`    ${file.padEnd(30)} ${ms(median(seen.map((f) => f.start))).padStart(8)} ${ms(median(seen.map((f) => f.end))).padStart(8)} ${String(median(seen.map((f) => f.bytes))).padStart(8)}`);
    }
    const out = path.join(repo, "target", "bench");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "phone.json"), JSON.stringify({ loads, network: SLOW_4G, cpuSlowdown: CPU_SLOWDOWN, medianWidgetMs: widget, medianWidgetFcpMs: widgetFcp, medianFloorFcpMs: floorFcp, ratio: widget / floorFcp, runs }, null, 2));
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
