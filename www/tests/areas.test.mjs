// A page downloads the WebAssembly of its widgets' areas and nothing more (issue 8: every
// kilobyte counts on a phone). The widgets load one module per area (dist/engagekit-AREA.js and
// its .wasm; see www/widgets/base.js), so a page with a timeline alone must never fetch the report
// reader or the evaluation rules. Each demo page's expected areas are written out by hand here
// from the widgets it holds, and compared with the .wasm files Chromium actually requested.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { widgetsSettled } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

/** Demo page → the areas of its widgets, by hand. */
// cms-editors.html also shows, on purpose, a plan with a mistake: that widget's state is "error".
const PAGES = {
  "partner.html": ["timeline-page"], // engage-timeline, engage-survey-status
  "cms-page.html": ["timeline-page"], // engage-timeline, engage-survey-status
  "cms-editors.html": ["timeline-page"], // engage-timeline
  "report.html": ["report"], // engage-report
  "report-check.html": ["report"], // engage-report-check
  "charter.html": ["charter"], // engage-charter-dashboard, engage-charter-feedback
  "panel.html": ["evaluation"], // engage-scorecard
  "moderation.html": ["evaluation"], // engage-moderation
  "plan.html": ["planner", "timeline-page"], // engage-plan-editor, engage-timeline (the preview)
  "setup.html": ["evaluation"], // engage-panel-setup (the workbook module only when a workbook is asked for)
  "charter-edit.html": ["charter"], // engage-charter-editor
  "results.html": ["survey"], // engage-survey-results
  "you-said-we-did.html": ["survey"], // engage-you-said-we-did
};

describe("a page fetches only the WebAssembly of its widgets' areas", { timeout: 180_000 }, () => {
  const demo = useDemoBrowser();

  test("an area's validate reads its own documents and names the module for any other", async () => {
    const page = await demo.browser.context.newPage();
    try {
      await page.goto(demo.base + "partner.html");
      const seen = await page.evaluate(async () => {
        const timeline = await import("/dist/engagekit-planner.js");
        await timeline.default();
        const plan = await (await fetch("/examples/kent-medway-stroke.timeline.json")).text();
        const evaluation = await (await fetch("/examples/cyp-mental-health.evaluation.json")).text();
        let error;
        try {
          timeline.validate(evaluation);
        } catch (e) {
          error = { code: e.code, path: e.path, message: e.message };
        }
        return { kind: timeline.validate(plan).kind, error, hasEvaluate: "evaluate" in timeline };
      });
      assert.equal(seen.kind, "timeline");
      assert.equal(seen.hasEvaluate, false);
      assert.deepEqual(seen.error, {
        code: "wrong-schema",
        path: "schema",
        message: "schema: this engagekit module holds the timeline area and does not read evaluation documents: load the full engagekit, or the module for that area",
      });
    } finally {
      await page.close();
    }
  });

  test("the timeline page's module holds checkTimeline alone, and names the kind of any other document", async () => {
    const page = await demo.browser.context.newPage();
    try {
      await page.goto(demo.base + "partner.html");
      const seen = await page.evaluate(async () => {
        const module = await import("/dist/engagekit-timeline-page.js");
        await module.default();
        const plan = await (await fetch("/examples/kent-medway-stroke.timeline.json")).text();
        const evaluation = await (await fetch("/examples/cyp-mental-health.evaluation.json")).text();
        const errorOf = (f) => {
          try {
            f();
          } catch (e) {
            return { code: e.code, path: e.path };
          }
          return null;
        };
        const exports = Object.keys(module).filter((k) => k !== "default" && k !== "initSync").sort();
        const check = module.checkTimeline(plan, { today: "2018-03-01" });
        return {
          exports,
          stage: check.stage,
          evaluation: errorOf(() => module.checkTimeline(evaluation, { today: "2018-03-01" })),
          bankHolidays: errorOf(() => module.checkTimeline(plan, { today: "2018-03-01", bankHolidays: {} })),
        };
      });
      assert.deepEqual(seen.exports, ["checkTimeline"]);
      assert.equal(seen.stage, "open");
      assert.deepEqual(seen.evaluation, { code: "wrong-schema", path: "schema" });
      // The GOV.UK bank-holidays reader is in engagekit/timeline and the full module only.
      assert.deepEqual(seen.bankHolidays, { code: "invalid-option", path: "bankHolidays" });
    } finally {
      await page.close();
    }
  });

  for (const [name, areas] of Object.entries(PAGES)) {
    test(`${name}: ${areas.join(", ")} only`, async () => {
      const page = await demo.browser.context.newPage();
      const wasm = new Set();
      page.on("request", (r) => {
        const file = new URL(r.url()).pathname.split("/").pop();
        if (file.endsWith(".wasm")) wasm.add(file);
      });
      try {
        await page.goto(demo.base + name);
        await widgetsSettled(page);
        // Every widget rendered: the area it needed was there (the one deliberate mistake aside).
        const states = await page.evaluate(() =>
          [...document.querySelectorAll("*")]
            .filter((e) => e.localName.startsWith("engage-"))
            .map((e) => ({ state: e.dataset.state, error: e.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? "" })),
        );
        for (const { state, error } of states) {
          if (state === "error") assert.match(error, /invalid-date/, `${name}: an unexpected error: ${error}`);
          else assert.equal(state, "ready", name);
        }
        assert.deepEqual([...wasm].sort(), areas.map((a) => `engagekit-${a}_bg.wasm`).sort());
      } finally {
        await page.close();
      }
    });
  }
});
