// The widgets on a partner site that sends a strict Content-Security-Policy (issue 17):
//
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:
//
// Under it, every demo page with widgets renders with no `securitypolicyviolation` event and no
// console error, and every element of every widget's shadow root has the computed style it has on
// the same page served without a policy (so the look is really there: constructed style sheets,
// no <style>, no style=""). Without 'wasm-unsafe-eval', a widget says so in words an editor can
// act on, and the static copy pasted inside it stays in view with a short note. The static copy
// is also what a reader sees while the widget loads, and widgets with the same src share one fetch.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";

import { axeViolations, launch, screenshots, startDemoServer, STRICT_CSP, widgetsSettled, widthAt320 } from "./lib/browser.mjs";
import { assertBuilt } from "./lib/suite.mjs";

const require = createRequire(import.meta.url);

/**
 * axe-core's violations on a page under the policy: axe is served as a file of the page's own
 * origin (an intercepted request), which script-src 'self' allows, where an inline script is refused.
 */
async function axeUnderPolicy(page) {
  await page.route("**/__axe.min.js", (route) => route.fulfill({ path: require.resolve("axe-core/axe.min.js"), contentType: "text/javascript" }));
  await page.addScriptTag({ url: "/__axe.min.js" });
  return axeViolations(page);
}

/** The strict policy without the one addition WebAssembly needs. */
const NO_WASM_CSP = STRICT_CSP.replace(" 'wasm-unsafe-eval'", "");

/** The demo pages with widgets whose own markup is CSP-clean (cms-page.html has an inline <style> of its own). */
const PAGES = ["strict-csp.html", "partner.html", "charter.html", "report.html", "report-check.html", "panel.html", "moderation.html", "cms-editors.html", "results.html", "you-said-we-did.html", "charter-edit.html"];

/** The computed properties compared, element by element, with and without the policy. */
const PROPS = ["color", "background-color", "font-family", "font-size", "font-weight", "line-height", "display", "border-top-width", "border-top-color", "border-left-width", "padding-left", "margin-bottom", "list-style-type", "fill", "stroke", "width"];

describe("the widgets under a strict Content-Security-Policy", { timeout: 300_000 }, () => {
  const servers = {};
  let browser;

  before(async () => {
    assertBuilt("dist");
    [servers.none, servers.strict, servers.noWasm] = await Promise.all([
      startDemoServer(),
      startDemoServer(["--csp", STRICT_CSP, "--gzip"]),
      startDemoServer(["--csp", NO_WASM_CSP]),
    ]);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    for (const [child] of Object.values(servers)) child.kill();
  });

  /** A page that records policy violations (window.__violations), console errors and page errors. */
  async function open(server, name, { settle = true, width = 1280 } = {}) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.problems = [];
    page.on("console", (msg) => msg.type() === "error" && page.problems.push(`console: ${msg.text()}`));
    page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
    });
    await page.goto(servers[server][1] + name);
    if (settle) await widgetsSettled(page);
    return page;
  }

  /** Every shadow element of every widget with its computed PROPS, in document order. */
  const styles = (page) =>
    page.evaluate((props) => {
      const widgets = [...document.querySelectorAll("*")].filter((e) => e.localName.startsWith("engage-"));
      return widgets.flatMap((w) =>
        [w, ...w.shadowRoot.querySelectorAll("*")].map((e) => {
          const cs = getComputedStyle(e);
          return `${w.id || w.localName} ${e.localName}.${e.getAttribute("class") ?? ""} ${props.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(" ")}`;
        }),
      );
    }, PROPS);

  for (const name of PAGES) {
    test(`${name}: no violation, no console error, the same computed styles as without a policy`, async () => {
      const strict = await open("strict", name);
      const plain = await open("none", name);
      try {
        assert.deepEqual(await strict.evaluate(() => window.__violations), []);
        assert.deepEqual(strict.problems, []);
        const states = await strict.evaluate(() => [...document.querySelectorAll("*")].filter((e) => e.localName.startsWith("engage-")).map((e) => `${e.localName}#${e.id}: ${e.dataset.state}`));
        const expected = states.map((s) => (s.includes("#broken-timeline") ? s.replace(/: .*$/, ": error") : s.replace(/: .*$/, ": ready")));
        assert.deepEqual(states, expected, "every widget renders (cms-editors.html's plan with a mistake aside)");
        const [a, b] = [await styles(strict), await styles(plain)];
        assert.ok(a.length > 5, `${name}: only ${a.length} elements`);
        assert.deepEqual(a, b);
      } finally {
        await strict.close();
        await plain.close();
      }
    });
  }

  test("strict-csp.html: the widgets are styled and show their content; the plan is fetched once for two widgets", async () => {
    const page = await browser.context.newPage();
    const fetches = [];
    page.on("request", (r) => r.url().endsWith("/kent-medway-stroke.timeline.json") && fetches.push(r.url()));
    await page.goto(servers.strict[1] + "strict-csp.html");
    await widgetsSettled(page);
    try {
      // The survey status and the timeline both name the stroke plan: one request.
      assert.equal(fetches.length, 1, `the stroke plan was fetched ${fetches.length} times`);
      const timeline = page.locator("#csp-timeline");
      // .box: a 4px top border in NHS blue (#005eb8), from the constructed style sheet.
      const box = await timeline.evaluate((w) => {
        const cs = getComputedStyle(w.shadowRoot.querySelector(".box"));
        return [cs.borderTopWidth, cs.borderTopColor, w.shadowRoot.querySelectorAll("style").length, w.shadowRoot.adoptedStyleSheets.length];
      });
      assert.deepEqual(box, ["4px", "rgb(0, 94, 184)", 0, 2]);
      const text = (await timeline.evaluate((w) => w.shadowRoot.querySelector("section").innerText)).replace(/\s+/g, " ");
      // 1 March to 27 April 2018: 30 + 27 = 57 days.
      assert.match(text, /Stage: open/);
      assert.match(text, /57 days left/);
      assert.equal(await timeline.locator("svg[role=img]").count(), 1);
      // The static copy is kept in the page, and hidden once the widget has rendered.
      assert.equal(await page.locator("#csp-timeline > h3").count(), 1);
      assert.equal(await page.locator("#csp-timeline > h3").isVisible(), false);
      const dashboard = (await page.locator("#csp-dashboard").evaluate((w) => w.shadowRoot.querySelector("section").innerText)).replace(/\s+/g, " ");
      assert.match(dashboard, /PC1: Access Amber/);
      // The moderation's totals: SVG bars, their lengths as attributes (no style="").
      const bars = await page.locator("#csp-moderation").evaluate((w) => [w.shadowRoot.querySelectorAll(".bar-svg rect").length, w.shadowRoot.querySelectorAll("[style]").length]);
      assert.ok(bars[0] >= 2, `${bars[0]} bars`);
      assert.equal(bars[1], 0);
      assert.deepEqual(await axeUnderPolicy(page), []);
      const width = await widthAt320(page);
      assert.ok(width <= 320, `strict-csp.html is ${width}px wide at 320px`);
      await screenshots(page, "csp-strict");
    } finally {
      await page.close();
    }
  });

  test("strict-csp.html: until the widget has rendered, the reader sees the static copy", async () => {
    const page = await browser.context.newPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    // Hold the timeline's WebAssembly back, as a slow network would.
    await page.route("**/engagekit-timeline-page_bg.wasm", async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(servers.strict[1] + "strict-csp.html");
      const copy = page.locator("#csp-timeline > h3");
      await copy.waitFor({ state: "visible" });
      assert.equal(await copy.textContent(), "Kent and Medway stroke services review");
      assert.equal(await page.locator("#csp-timeline").getAttribute("data-state"), "loading");
      assert.match(await page.locator("#csp-timeline").getByText("57 days left: Public consultation").first().innerText(), /Closes Friday 27 April 2018/);
      release();
      await widgetsSettled(page);
      assert.equal(await copy.isVisible(), false);
    } finally {
      release();
      await page.close();
    }
  });

  test("without 'wasm-unsafe-eval': the message names the change, and the static copy stays with a note", async () => {
    const page = await open("noWasm", "strict-csp.html", { width: 390 });
    try {
      const change = "This site's Content-Security-Policy does not allow WebAssembly: ask your web team to add 'wasm-unsafe-eval' to script-src.";
      // The timeline: its static copy in view, under a short note (not an alert box).
      const timeline = page.locator("#csp-timeline");
      assert.equal(await timeline.getAttribute("data-state"), "error");
      assert.equal(await page.locator("#csp-timeline > h3").isVisible(), true);
      assert.equal(await timeline.getByText("57 days left: Public consultation").first().isVisible(), true);
      const note = (await timeline.getByRole("note").innerText()).replace(/\s+/g, " ");
      assert.ok(note.includes(change), note);
      assert.match(note, /^A saved copy\. The live consultation plan could not start/);
      // The dashboard too.
      assert.equal(await page.locator("#csp-dashboard > h3").first().isVisible(), true);
      assert.ok((await page.locator("#csp-dashboard").getByRole("note").innerText()).includes(change));
      // A widget with no static copy: the alert, with the words and the code.
      const alert = (await page.locator("#csp-survey").getByRole("alert").innerText()).replace(/\s+/g, " ");
      assert.ok(alert.includes(change), alert);
      assert.match(alert, /Code wasm-refused/);
      // Never the browser's own words.
      const all = await page.evaluate(() => [...document.querySelectorAll("*")].filter((e) => e.localName.startsWith("engage-")).map((e) => e.shadowRoot.textContent).join(" "));
      assert.doesNotMatch(all, /instantiateStreaming|'unsafe-eval'|CompileError/);
      // What the policy refused: WebAssembly only, nothing of the look.
      const violations = await page.evaluate(() => window.__violations);
      assert.ok(violations.length > 0);
      for (const v of violations) assert.match(v, /^script-src refused wasm-eval/);
      assert.deepEqual(page.problems.filter((p) => p.startsWith("page error")), []);
      assert.deepEqual(await axeUnderPolicy(page), []);
      await screenshots(page, "csp-no-wasm");
    } finally {
      await page.close();
    }
  });
});
