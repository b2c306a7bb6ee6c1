// Hostile text in every widget, in Debian's Chromium (issue 9, part 3). For each widget and each
// example document it reads, one page at 390px holds the widget once per payload of
// hostile/payloads.mjs (the payload in every free-text field; replacing the text for odd payload
// numbers, appended to it for even ones), once with the clean document, and on the inline page
// once with a 1 MB string in three fields; the documents sit inline (<script type="application/json">,
// written with "<" as \u003c as any page must), and for the first document of each kind they also
// come from `src` on a second page.
// Interactive widgets are driven a little (the report checked, the feedback form answered to the
// end, the score card moved to the next bid). Then:
// - no script ran: `window.__pwned` is a trap every payload's script would set, and no dialog opened;
// - each widget's shadow tree holds no element and no attribute name the same widget does not
//   write for the clean document, as many <style>, <svg>, <a>, <form>... as the clean one, no `on*`
//   attribute, no link or source but web, mail, blob and in-page ones, and the payload shows as text;
// - the page outside the widgets gained nothing (no element, no script, the body still shown);
// - each widget stays inside the 390px viewport and the page does not scroll sideways;
// - no console error, no page error, every widget ready.
// The counts (payloads tried and executed, fields x widgets) are printed for the closing note.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";

import { repo } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";
import { MEGABYTE, PAYLOADS, exampleDocuments, withPayload } from "./hostile/payloads.mjs";

const require = createRequire(import.meta.url);
const engagekit = require(path.join(repo, "pkg", "node", "engagekit.js"));

/** The widgets, the kind of document each reads, and the attributes each needs. */
const WIDGETS = [
  { tag: "engage-timeline", kind: "timeline", attrs: (file) => ({ today: file.startsWith("kent") ? "2018-03-01" : "2016-11-22", "show-findings": "" }) },
  { tag: "engage-survey-status", kind: "timeline", attrs: (file) => ({ today: file.startsWith("kent") ? "2018-03-01" : "2016-11-22" }) },
  { tag: "engage-report", kind: "report", attrs: () => ({}) },
  // The clean report has no finding; words from the payloads bring some (repeated words, broken
  // addresses...), listed with these elements, which the widget writes itself.
  { tag: "engage-report-check", kind: "report", attrs: () => ({ "report-date": "2016-12-08" }), extra: ["ol", "ol[class]", "ol[aria-label]", "li", "ul", "span", "span[class]", "code"] },
  { tag: "engage-charter-dashboard", kind: "monitoring", attrs: () => ({ today: "2025-07-01" }) },
  { tag: "engage-charter-feedback", kind: "charter", attrs: () => ({ today: "2025-07-01" }) },
  { tag: "engage-scorecard", kind: "evaluation", attrs: () => ({ evaluator: "E1" }) },
  { tag: "engage-moderation", kind: "evaluation", attrs: () => ({}) },
];

const WIDTH = 390;

const attrText = (attrs) => Object.entries(attrs).map(([k, v]) => (v === "" ? ` ${k}` : ` ${k}="${v}"`)).join("");

/** JSON that is safe inside <script>: "<" written as \u003c (still the same JSON). */
const inlineJson = (doc) => JSON.stringify(doc).replace(/</g, "\\u003c");

/** The instances of one page: [{payload (0: clean), doc, fields}]. */
function instances(file, doc, { megabyte }) {
  const list = [{ payload: 0, name: "clean", doc, fields: 0 }];
  for (const p of PAYLOADS) {
    const h = withPayload(engagekit, file, doc, p.text, { mode: p.id % 2 ? "replace" : "append" });
    list.push({ payload: p.id, name: p.name, doc: h.doc, fields: h.fields, text: p.text });
  }
  if (megabyte) {
    const h = withPayload(engagekit, file, doc, MEGABYTE.text, { only: 3 });
    list.push({ payload: MEGABYTE.id, name: MEGABYTE.name, doc: h.doc, fields: h.fields, text: MEGABYTE.text, big: true });
  }
  return list;
}

function pageHtml(widget, file, list, srcOf) {
  const attrs = attrText(widget.attrs(file));
  const body = list
    .map((i) =>
      srcOf
        ? `<${widget.tag} data-payload="${i.payload}" src="${srcOf(i)}"${attrs}></${widget.tag}>`
        : `<${widget.tag} data-payload="${i.payload}"${attrs}><script type="application/json">${inlineJson(i.doc)}</script></${widget.tag}>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hostile text: ${widget.tag}</title>
<script type="module" src="/dist/engagekit-widgets.js"></script></head>
<body><main><h1>Hostile text in ${widget.tag}</h1>
${body}
</main></body></html>
`;
}

// In the page: the trap for payloads' scripts (in every frame; frames set parent.__pwned).
function trap() {
  const hits = [];
  Object.defineProperty(window, "__hits", { value: hits });
  Object.defineProperty(window, "__pwned", { configurable: false, get: () => undefined, set: (v) => hits.push(String(v)) });
}

// In the page: drives the interactive widgets a little (not the 1 MB one).
function drive() {
  for (const w of document.querySelectorAll("engage-report-check")) w.shadowRoot.querySelector("form")?.requestSubmit();
  for (const w of document.querySelectorAll("engage-charter-feedback")) {
    for (let i = 0; i < 20 && !/Thank you/.test(w.shadowRoot.textContent); i++) w.shadowRoot.querySelector("form")?.requestSubmit();
  }
  for (const w of document.querySelectorAll("engage-scorecard")) {
    if (w.dataset.big) continue;
    [...w.shadowRoot.querySelectorAll("button")].find((b) => b.textContent === "Next bid")?.click();
  }
}

// In the page: what each widget's shadow tree holds, where it is, and what the page holds.
function inspect(expectedScripts) {
  const DANGEROUS = ["style", "script", "svg", "a", "form", "input", "button", "textarea", "select", "iframe", "img", "object", "embed", "link", "meta", "base", "math", "template", "use", "image", "animate", "foreignobject", "details", "video", "audio", "source", "noscript", "slot"];
  const URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background"];
  const widgets = [...document.querySelectorAll("main > *")].filter((e) => e.localName.startsWith("engage-"));
  const out = widgets.map((w) => {
    const tags = {};
    const attrs = new Set();
    const bad = [];
    const walk = (root) => {
      for (const e of root.querySelectorAll("*")) {
        const tag = e.localName.toLowerCase();
        tags[tag] = (tags[tag] ?? 0) + 1;
        for (const a of e.attributes) {
          const name = a.name.toLowerCase();
          attrs.add(`${tag}[${name}]`);
          if (name.startsWith("on")) bad.push(`${name} on <${tag}>`);
          if (URL_ATTRS.includes(name) && !/^(https?:\/\/|mailto:|#|blob:)/.test(a.value)) bad.push(`${name}=${JSON.stringify(a.value.slice(0, 60))} on <${tag}>`);
          // No style="" at all: a strict Content-Security-Policy refuses it (issue 17).
          if (name === "style") bad.push(`style=${JSON.stringify(a.value.slice(0, 60))} on <${tag}>`);
        }
        if (e.shadowRoot) walk(e.shadowRoot);
      }
    };
    walk(w.shadowRoot);
    const r = w.getBoundingClientRect();
    // What sticks out of the viewport, outermost first (those whose parent does not), except what
    // a box that scrolls or clips (the tables' regions) keeps inside it.
    const clipped = (e) => {
      for (let a = e.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= innerWidth + 0.5) return true;
      }
      return false;
    };
    const out = [];
    const cut = []; // cut at the widget's edge (its overflow-x: clip)
    for (const e of w.shadowRoot.querySelectorAll("*")) {
      const right = e.getBoundingClientRect().right;
      const parent = e.parentElement ?? w;
      if (right > innerWidth + 0.5 && parent.getBoundingClientRect().right <= innerWidth + 0.5 && !clipped(e)) (getComputedStyle(w).overflowX === "clip" ? cut : out).push(`<${e.localName} class="${e.getAttribute("class") ?? ""}"> to ${Math.round(right)}px`);
    }
    return {
      payload: Number(w.dataset.payload),
      state: w.dataset.state,
      tags,
      attrs: [...attrs],
      dangerous: Object.fromEntries(DANGEROUS.map((t) => [t, tags[t] ?? 0])),
      bad,
      out,
      cut,
      left: r.left,
      right: r.right,
      height: r.height,
      display: getComputedStyle(w).display,
      text: [w.shadowRoot.textContent.slice(0, 200_000), ...[...w.shadowRoot.querySelectorAll("textarea, input")].map((e) => e.value.slice(0, 10_000))].join("\n"),
    };
  });
  // Anything on the page that reaches past the viewport (when the page scrolls sideways).
  const wide = [];
  if (document.documentElement.scrollWidth > innerWidth) {
    const all = (root) => {
      for (const e of root.querySelectorAll("*")) {
        const r = e.getBoundingClientRect();
        if (r.right > innerWidth + 0.5 && wide.length < 5) wide.push(`<${e.localName} class="${e.getAttribute("class") ?? ""}"> ${Math.round(r.left)}px to ${Math.round(r.right)}px in ${e.getRootNode().host?.dataset.payload ?? "the page"}`);
        for (const t of e.childNodes) {
          if (t.nodeType !== Node.TEXT_NODE || wide.length >= 5) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          const r = range.getBoundingClientRect();
          if (r.right > innerWidth + 0.5) wide.push(`text ${JSON.stringify(t.data.slice(0, 30))} in <${e.localName} class="${e.getAttribute("class") ?? ""}"> ${Math.round(r.left)}px to ${Math.round(r.right)}px in ${e.getRootNode().host?.dataset.payload ?? "the page"}`);
        }
        if (e.shadowRoot) all(e.shadowRoot);
      }
    };
    all(document);
  }
  const light = [...document.body.querySelectorAll("*")].filter((e) => !e.closest("main > [data-payload]") || e.matches("main > [data-payload]"));
  return {
    widgets: out,
    lightTags: [...new Set(light.map((e) => e.localName))].sort(),
    scripts: document.querySelectorAll("script").length,
    expectedScripts,
    bodyShown: getComputedStyle(document.body).display !== "none" && getComputedStyle(document.querySelector("main")).display !== "none",
    scrollWidth: document.documentElement.scrollWidth,
    wide,
    innerWidth: window.innerWidth,
  };
}

describe("hostile text in every widget (Chromium, 390px)", { timeout: 900_000 }, () => {
  const totals = { payloads: PAYLOADS.length + 1, instances: 0, fieldsTimesWidgets: 0, executed: new Set(), dialogs: 0, pages: 0 };
  const demo = useDemoBrowser({
    async setUp({ browser }) {
      await browser.context.addInitScript(trap);
    },
    tearDown() {
      console.log(
        `hostile text in Chromium: ${totals.payloads} payloads tried (${PAYLOADS.length} + 1 MB) in ${totals.instances} widget instances on ${totals.pages} pages, ` +
          `${totals.fieldsTimesWidgets} fields x widgets; executed: ${totals.executed.size}${totals.executed.size ? ` (${[...totals.executed].join(", ")})` : ""}; dialogs: ${totals.dialogs}`,
      );
    },
  });

  const examples = exampleDocuments();
  for (const widget of WIDGETS) {
    for (const [n, { file, doc }] of examples.filter((e) => e.kind === widget.kind).entries()) {
      // Inline for every document; from `src` for the first of each kind (the same rendering, loaded the other way).
      for (const how of n === 0 ? ["inline", "src"] : ["inline"]) {
        test(`${widget.tag} with ${file} (${how}): no script runs, no markup from the input, nothing breaks out`, async () => {
          const list = instances(file, doc, { megabyte: how === "inline" });
          const stem = `hostile/${widget.tag}-${file.replace(/\.json$/, "")}-${how}`;
          const docs = new Map(list.map((i) => [`/${stem}/${i.payload}.json`, i.doc]));
          const html = pageHtml(widget, file, list, how === "src" ? (i) => `/${stem}/${i.payload}.json` : null);
          const page = await demo.browser.context.newPage();
          const problems = [];
          const dialogs = [];
          page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
          page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
          page.on("dialog", (d) => {
            dialogs.push(d.message());
            d.dismiss().catch(() => {});
          });
          await page.route(`${demo.base}${stem}**`, (route) => {
            const url = new URL(route.request().url());
            if (url.pathname === `/${stem}.html`) return route.fulfill({ contentType: "text/html; charset=utf-8", body: html });
            const d = docs.get(url.pathname);
            return d ? route.fulfill({ contentType: "application/json", body: JSON.stringify(d) }) : route.fulfill({ status: 404, body: "" });
          });
          try {
            await page.setViewportSize({ width: WIDTH, height: 844 });
            await page.goto(`${demo.base}${stem}.html`);
            await page.evaluate((big) => {
              for (const w of document.querySelectorAll("[data-payload]")) if (Number(w.dataset.payload) === big) w.dataset.big = "1";
            }, MEGABYTE.id);
            await page.waitForFunction(
              (n) => {
                const ws = document.querySelectorAll("main > [data-payload]");
                return ws.length === n && [...ws].every((w) => customElements.get(w.localName) && ["ready", "error"].includes(w.dataset.state));
              },
              list.length,
              { timeout: 240_000, polling: 250 },
            );
            await page.evaluate(drive);
            await page.waitForTimeout(300); // images that fail, frames that load, handlers that would fire
            const seen = await page.evaluate(inspect, how === "inline" ? list.length + 1 : 1);
            const hits = await page.evaluate(() => [...window.__hits]);
            await page.evaluate(() => localStorage.clear());

            totals.pages += 1;
            totals.instances += list.length - 1;
            totals.fieldsTimesWidgets += list.reduce((n, i) => n + i.fields, 0);
            for (const h of hits) totals.executed.add(h);
            totals.dialogs += dialogs.length;

            const failures = [];
            if (hits.length) failures.push(`script ran: payloads ${[...new Set(hits)].join(", ")}`);
            if (dialogs.length) failures.push(`dialogs: ${dialogs.join(", ")}`);
            const clean = seen.widgets.find((w) => w.payload === 0);
            assert.equal(clean?.state, "ready", "the clean document renders");
            const cleanAttrs = new Set([...clean.attrs, ...(widget.extra ?? [])]);
            const cleanTags = new Set([...Object.keys(clean.tags), ...(widget.extra ?? [])]);
            for (const w of seen.widgets) {
              const i = list.find((x) => x.payload === w.payload);
              const at = `payload ${w.payload} (${i.name})`;
              if (w.state !== "ready") failures.push(`${at}: state ${w.state}: ${w.text.slice(0, 200)}`);
              const extraTags = Object.keys(w.tags).filter((t) => !cleanTags.has(t));
              if (extraTags.length) failures.push(`${at}: elements ${extraTags.join(", ")}`);
              const extraAttrs = w.attrs.filter((a) => !cleanAttrs.has(a));
              if (extraAttrs.length) failures.push(`${at}: attributes ${extraAttrs.join(", ")}`);
              // No more than the clean document gives (fewer links: an address the core would not link).
              for (const [t, n] of Object.entries(w.dangerous)) if (n > clean.dangerous[t] || (t === "style" && n !== clean.dangerous[t])) failures.push(`${at}: ${n} <${t}> (clean: ${clean.dangerous[t]})`);
              if (w.bad.length) failures.push(`${at}: ${[...new Set(w.bad)].slice(0, 5).join("; ")}`);
              if (w.display === "none" || w.height <= 0) failures.push(`${at}: the widget is hidden`);
              if (w.left < -0.5 || w.right > seen.innerWidth + 0.5) failures.push(`${at}: the widget spans ${w.left}px to ${w.right}px of ${seen.innerWidth}px`);
              if (w.out.length) failures.push(`${at}: sticks out of the viewport: ${w.out.slice(0, 3).join(", ")}`);
              // Only a letter under 120 combining marks (one grapheme, which no line can break) may
              // be wider than the screen; the widget cuts it at its edge.
              if (w.cut.length && i.name !== "combining characters") failures.push(`${at}: cut at the widget's edge: ${w.cut.slice(0, 3).join(", ")}`);
              // The payload is shown as text, not taken as markup (when it starts with plain characters).
              // (The report checker shows the inline JSON as it was written, "<" as \u003c.)
              const probe = i.text?.slice(0, 12);
              if (probe && /^[\x20-\x7e]{12}$/.test(probe) && !w.text.replaceAll("\\u003c", "<").includes(probe)) failures.push(`${at}: its text is not shown`);
            }
            if (seen.scrollWidth > seen.innerWidth) failures.push(`the page scrolls sideways: ${seen.scrollWidth}px at ${seen.innerWidth}px: ${seen.wide.join(", ")}`);
            if (!seen.bodyShown) failures.push("the page body is hidden");
            if (seen.scripts !== seen.expectedScripts) failures.push(`${seen.scripts} <script> in the page, ${seen.expectedScripts} written`);
            const lightExtra = seen.lightTags.filter((t) => !["main", "h1", "script"].includes(t) && !t.startsWith("engage-"));
            if (lightExtra.length) failures.push(`elements outside the widgets: ${lightExtra.join(", ")}`);
            failures.push(...problems);
            assert.ok(failures.length === 0, `${failures.length} problems:\n${failures.slice(0, 40).join("\n")}`);
          } finally {
            await page.close();
          }
        });
      }
    }
  }
});
