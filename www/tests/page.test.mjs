// The document checker page in Debian's Chromium, driven by playwright-core (which never downloads
// a browser here): validates an example, shows the errors of a broken document, logs no console
// errors, passes axe-core's default rules, fits 320px, and leaves screenshots in test-output/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { axeViolations as axeOf, output, repo, screenshots as screenshotsOf } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

/** The example a person would pick first: the stroke timeline when there, else the first. */
function pickExample() {
  for (const dir of [path.join(repo, "examples"), path.join(repo, "www", "examples")]) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json") && f !== "index.json")
      .sort();
    const file = files.find((f) => f.startsWith("kent-medway-stroke")) ?? files[0];
    if (file) return { file, doc: JSON.parse(readFileSync(path.join(dir, file), "utf8")) };
  }
  return null;
}

/** A shared vector whose document `validate` refuses with a path: the impossible date if there. */
function brokenDocument() {
  const dir = path.join(repo, "tests", "vectors");
  const vectors = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f, ...JSON.parse(readFileSync(path.join(dir, f), "utf8")) }))
    .filter((v) => v.call === "validate" && "input" in v && v.error?.path);
  return vectors.find((v) => v.error.code === "invalid-date") ?? vectors[0];
}

describe("the document checker page", { timeout: 120_000 }, () => {
  let page;
  const consoleErrors = [];
  useDemoBrowser({
    needs: "wasm",
    async setUp({ base, browser }) {
      mkdirSync(output, { recursive: true });
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on("console", (msg) => {
        if (msg.type() === "error") consoleErrors.push(`console: ${msg.text()}`);
      });
      page.on("pageerror", (err) => consoleErrors.push(`page error: ${err.message}`));
      page.on("response", (res) => {
        if (res.status() >= 400) consoleErrors.push(`HTTP ${res.status()} for ${res.url()}`);
      });
      await page.goto(base);
      await page.waitForSelector("html[data-ready='true']", { timeout: 30_000 });
    },
  });

  const axeViolations = () => axeOf(page);
  const screenshots = (state) => screenshotsOf(page, `page-${state}`);

  test("the page has one h1, a main landmark and labelled controls", async () => {
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await page.getAttribute("html", "lang"), "en-GB");
    assert.equal(await page.locator("main").count(), 1);
    for (const name of ["Example document", "Document (JSON)"]) {
      assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, `no control labelled ${name}`);
    }
    await page.getByRole("button", { name: "Validate" }).waitFor();
  });

  test("the first Tab reaches the skip link, and it is visible when focused", async () => {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, "Skip to main content");
    const box = await page.locator(".skip-link").boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0, `the focused skip link is off screen: ${JSON.stringify(box)}`);
    await page.locator("body").click({ position: { x: 5, y: 300 } });
  });

  test("every control shows the yellow focus style when reached by keyboard", async () => {
    const yellow = "rgb(255, 235, 59)";
    for (const [selector, prop] of [
      ["#example", "outlineColor"],
      ["#use-example", "backgroundColor"],
      ["#document", "outlineColor"],
      ["#validate", "backgroundColor"],
    ]) {
      // Focus the control before it, then Tab: the focus comes from the keyboard, as :focus-visible needs.
      await page.evaluate((sel) => {
        const controls = [...document.querySelectorAll("a, select, button, textarea")];
        const i = controls.indexOf(document.querySelector(sel));
        controls[i - 1].focus();
      }, selector);
      await page.keyboard.press("Tab");
      const style = await page.evaluate(
        ([sel, p]) => document.activeElement === document.querySelector(sel) && getComputedStyle(document.activeElement)[p],
        [selector, prop],
      );
      assert.equal(style, yellow, `${selector} has no visible focus (${prop}: ${style})`);
    }
    await page.screenshot({ path: path.join(output, "page-focus.png") });
  });

  test("an example validates and its title is shown", async () => {
    const example = pickExample();
    assert.ok(example, "no example document in examples/ or www/examples/");
    await page.getByLabel("Example document").selectOption(example.file);
    await page.getByRole("button", { name: "Use this example" }).click();
    assert.equal(JSON.parse(await page.getByLabel("Document (JSON)").inputValue()).title, example.doc.title);
    await page.getByRole("button", { name: "Validate" }).click();
    const status = page.getByRole("status");
    await status.getByText("is valid").waitFor();
    const text = await status.innerText();
    assert.ok(text.includes(example.doc.title), `the status does not show the title ${example.doc.title}: ${text}`);
    assert.equal(await page.getByRole("alert").innerText(), "");
    assert.deepEqual(await axeViolations(), []);
    await screenshots("valid");
  });

  test("a broken document shows its error code and path", async () => {
    const vector = brokenDocument();
    assert.ok(vector, "no validate vector with an error path in tests/vectors/");
    await page.getByLabel("Document (JSON)").fill(JSON.stringify(vector.input, null, 2));
    await page.getByRole("button", { name: "Validate" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText(vector.error.code, { exact: true }).waitFor();
    const text = await alert.innerText();
    assert.ok(text.includes(vector.error.path), `the alert does not show the path ${vector.error.path}: ${text}`);
    for (const part of vector.error.messageIncludes ?? []) assert.ok(text.includes(part), `the alert lacks ${part}`);
    assert.equal(await page.getByRole("status").innerText(), "");
    assert.equal(await page.getByLabel("Document (JSON)").getAttribute("aria-invalid"), "true");
    assert.deepEqual(await axeViolations(), []);
    await screenshots("error");
  });

  test("malformed JSON is an error for the whole document", async () => {
    await page.getByLabel("Document (JSON)").fill('{"schema": "engagekit/timeline@1", "title": ');
    await page.getByRole("button", { name: "Validate" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("not-json", { exact: true }).waitFor();
    assert.ok((await alert.innerText()).includes("(the whole document)"));
  });

  test("user text is shown as text, never as HTML", async () => {
    const doc = JSON.stringify({ schema: "engagekit/timeline@1", title: "<img src=x onerror=alert(1)>", bogus: "<b>x</b>" });
    await page.getByLabel("Document (JSON)").fill(doc);
    await page.getByRole("button", { name: "Validate" }).click();
    await page.waitForFunction(() => document.querySelector("#status, #alert") && (document.querySelector("#status").textContent || document.querySelector("#alert").textContent));
    assert.equal(await page.locator("#status img, #alert img, #status b, #alert b").count(), 0);
  });

  test("the page fits 320px without scrolling sideways", async () => {
    await page.setViewportSize({ width: 320, height: 700 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.ok(width <= 320, `the page is ${width}px wide at 320px`);
  });

  test("no console errors, page errors or failed requests", () => {
    assert.deepEqual(consoleErrors, []);
  });
});
