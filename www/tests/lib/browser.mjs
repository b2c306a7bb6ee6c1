// Helpers shared by the widget browser tests: the demo server, Debian's Chromium through
// playwright-core (same flags as page.test.mjs), axe-core and screenshots.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const output = path.join(repo, "test-output");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const require = createRequire(import.meta.url);

// The flags the machine notes give for Chromium here (as in page.test.mjs).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The Content-Security-Policy the widgets must work under (issue 17; README, docs/cms-editors.md). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

/** Starts www/serve.mjs on a free port (`options`: its flags, --gzip, --csp POLICY); resolves to [child, base URL]. */
export function startDemoServer(options = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repo, "www", "serve.mjs"), "0", ...options], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/Serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve([child, match[1]]);
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code} before listening: ${out}`)));
  });
}

/** A bare static server of one folder, like any web host: resolves to [server, base URL]. */
export function startStaticServer(root) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
  const server = createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
    try {
      if (!file.startsWith(root)) throw new Error("outside");
      const f = (await stat(file)).isDirectory() ? path.join(file, "index.html") : file;
      const body = await readFile(f);
      res.writeHead(200, { "Content-Type": types[path.extname(f)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("Not found\n");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve([server, `http://127.0.0.1:${server.address().port}/`])));
}

/** A persistent Chromium context in a fresh profile; resolves to {context, close}. */
export async function launch() {
  const profile = mkdtempSync(path.join(tmpdir(), "engagekit-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page that records console errors, page errors and failed requests in
 * `page.problems`, and waits until every engage-* widget has finished (data-state ready or error).
 */
export async function openPage(context, url, { allowHttpErrors = [] } = {}) {
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (msg) => {
    // Chromium logs each failed request as a console error without its URL: when some failures
    // are expected, the response handler below judges requests by URL instead.
    const expectedFailure = allowHttpErrors.length > 0 && /^Failed to load resource/.test(msg.text());
    if (msg.type() === "error" && !expectedFailure) page.problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400 && !allowHttpErrors.some((p) => res.url().endsWith(p))) page.problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.goto(url);
  await widgetsSettled(page);
  return page;
}

/**
 * Starts the page's widget `tag` (an editor that keeps a draft) with nothing saved: the browser's
 * storage cleared, the page loaded again, the widget ready. Resolves to the widget's locator.
 */
export async function startedAfresh(page, tag) {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator(`${tag}[data-state=ready]`).waitFor();
  return page.locator(tag);
}

/** Waits until every engage-* element on the page has rendered or shown its error. */
export async function widgetsSettled(page) {
  await page.waitForFunction(
    () => {
      const widgets = [...document.querySelectorAll("*")].filter((e) => e.localName.startsWith("engage-"));
      return widgets.length > 0 && widgets.every((w) => customElements.get(w.localName) && ["ready", "error"].includes(w.dataset.state));
    },
    null,
    { timeout: 30_000 },
  );
}

/** axe-core's full default rule set (best practices included): the violations as lines. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  }
  const results = await page.evaluate(() => window.axe.run(document));
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** Full-page screenshots at 390px and 1280px wide: test-output/NAME-390.png and NAME-1280.png. */
export async function screenshots(page, name) {
  mkdirSync(output, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width < 800 ? 844 : 900 });
    await page.waitForTimeout(100); // the timeline chart redraws at the new width
    await page.screenshot({ path: path.join(output, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The page's width at a 320px viewport (anything over 320 scrolls sideways). */
export async function widthAt320(page) {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(100);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize({ width: 1280, height: 900 });
  return width;
}
