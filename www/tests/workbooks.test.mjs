// Workbooks in the browser (issue 18): the score card downloads its sheet as an Excel workbook,
// the moderation takes filled workbooks, the document checker opens a filled set-up workbook. The
// workbook module (dist/engagekit-workbook.js and its .wasm) is fetched only when a workbook is
// given or asked for: never on the page's load. What the pages make is read back in node by the
// same module (pkg/areas/workbook) and by the command line's expectations, not by the page.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { axeViolations, openPage, repo, screenshots, widgetsSettled } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

const wbDir = path.join(repo, "pkg", "areas", "workbook");
const wb = existsSync(path.join(wbDir, "engagekit-workbook.js")) ? await import(pathToFileURL(path.join(wbDir, "engagekit-workbook.js")).href) : null;
wb?.initSync({ module: readFileSync(path.join(wbDir, "engagekit-workbook_bg.wasm")) });

const example = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
const tmp = mkdtempSync(path.join(tmpdir(), "engagekit-workbooks-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Which of the workbook module's files the page has requested so far. */
function watchWorkbook(page) {
  const seen = [];
  page.on("request", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (name.startsWith("engagekit-workbook")) seen.push(name);
  });
  return seen;
}

/** The visible text of a widget's shadow root, spaces collapsed. */
async function widgetText(page, selector) {
  const text = await page.locator(selector).first().evaluate((w) => [...w.shadowRoot.children].filter((c) => c.localName !== "style").map((c) => c.innerText).join("\n"));
  return text.replace(/\s+/g, " ");
}

describe("workbooks in the browser", { timeout: 240_000 }, () => {
  const demo = useDemoBrowser();

  test("the module is built", () => assert.ok(wb, "pkg/areas/workbook is missing: run make wasm"));

  test("the score card downloads its sheet as a workbook that merges back to the scores given", async () => {
    const page = await openPage(demo.browser.context, demo.base + "panel.html");
    const fetched = watchWorkbook(page);
    try {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await widgetsSettled(page);
      assert.deepEqual(fetched, [], "no workbook code before a workbook is asked for");
      const card = page.locator("engage-scorecard");
      // E1, a young person, scores B1 first: Q2 (3) and Q3 (4), with reasons.
      const fieldsets = card.locator("fieldset");
      await fieldsets.nth(0).locator("input[type=radio][value='3']").check();
      await fieldsets.nth(0).locator("textarea").fill("Clear plan for waiting times; =SUM(A1) stays text.");
      await fieldsets.nth(1).locator("input[type=radio][value='4']").check();
      await fieldsets.nth(1).locator("textarea").fill("Young people wrote the feedback loop.");
      const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("button", { name: "Download score sheet (Excel)" }).click()]);
      assert.equal(download.suggestedFilename(), "scoresheet-E1.xlsx");
      await card.getByText("Score sheet downloaded. 14 scores still to give.").waitFor();
      assert.deepEqual(fetched.sort(), ["engagekit-workbook.js", "engagekit-workbook_bg.wasm"]);
      const bytes = new Uint8Array(readFileSync(await download.path()));
      assert.deepEqual([...bytes.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04], "an .xlsx (a zip)");
      const blank = { ...example, scores: example.scores.filter((s) => s.evaluator !== "E1") };
      const merged = wb.mergeScoresheetFiles(blank, [{ name: "scoresheet-E1.xlsx", bytes }]);
      const e1 = merged.scores.filter((s) => s.evaluator === "E1").map(({ bid, criterion, score, rationale }) => [bid, criterion, score, rationale]);
      assert.deepEqual(e1, [
        ["B1", "Q2", 3, "Clear plan for waiting times; =SUM(A1) stays text."],
        ["B1", "Q3", 4, "Young people wrote the feedback loop."],
      ]);
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "workbooks-scorecard");
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });

  test("the moderation takes a workbook score sheet, and refuses a bad one naming the cell", async () => {
    // E2's scores as a workbook score sheet (the sheet carries the scores a document already has).
    const e2 = example.scores.filter((s) => s.evaluator === "E2");
    const before = { ...example, scores: example.scores.filter((s) => s.evaluator !== "E2") };
    const sheet = wb.scoresheetWorkbook(example, { evaluator: "E2" });
    const page = await openPage(demo.browser.context, demo.base + "moderation.html");
    const fetched = watchWorkbook(page);
    await page.route("**/examples/cyp-mental-health.evaluation.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(before) }));
    try {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await widgetsSettled(page);
      assert.deepEqual(fetched, [], "no workbook code before a workbook is given");
      const widget = page.locator("engage-moderation");
      await widget.getByLabel("Evaluators' score sheets (Excel or CSV)").setInputFiles({ name: "scoresheet-E2.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(sheet) });
      await widget.getByText(`Imported 1 score sheet: ${e2.length} scores added.`).waitFor();
      assert.match(await widgetText(page, "engage-moderation"), new RegExp(`${example.scores.length} scores from 7 evaluators`));
      assert.equal(await widget.getByLabel("Evaluators' score sheets (Excel or CSV)").inputValue(), "", "the control is cleared once the sheets are in");
      assert.ok(fetched.includes("engagekit-workbook_bg.wasm"));
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "workbooks-moderation");

      // A workbook that is no score sheet (a plan's template): refused, naming the file, and
      // nothing changes.
      await widget.getByLabel("Evaluators' score sheets (Excel or CSV)").setInputFiles({ name: "plan.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(wb.workbookTemplate("timeline")) });
      const alert = widget.getByRole("alert").filter({ hasText: "could not be imported" });
      await alert.waitFor();
      assert.match(await alert.innerText(), /plan\.xlsx.*no sheet "Scores"/s);
      assert.match(await widgetText(page, "engage-moderation"), new RegExp(`${example.scores.length} scores from 7 evaluators`));
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });

  test("the document checker opens a filled set-up workbook, and names the cell of a mistake", async (t) => {
    const page = await demo.browser.context.newPage();
    const fetched = watchWorkbook(page);
    try {
      await page.goto(demo.base + "index.html");
      await page.locator("html[data-ready=true]").waitFor({ state: "attached" });
      assert.deepEqual(fetched, []);
      // A blank plan workbook, to fill in Excel: the template, as the command line writes it.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Consultation plan (Excel)" }).click()]);
      assert.equal(download.suggestedFilename(), "plan.xlsx");
      const blank = { name: "plan.xlsx", bytes: new Uint8Array(readFileSync(await download.path())) };
      assert.equal(wb.workbookKind(blank), "timeline");
      await page.locator("#status").getByText("plan.xlsx downloaded").waitFor();
      // The blank template: the title is needed first, at Settings!B2.
      await page.getByLabel("Or open a file").setInputFiles({ name: "panel.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(wb.workbookTemplate("evaluation")) });
      const alert = page.locator("#alert");
      await alert.getByText("The workbook could not be read").waitFor();
      const said = (await alert.innerText()).replace(/\s+/g, " ");
      assert.match(said, /"title" is blank, and it is needed/);
      assert.match(said, /panel\.xlsx:Settings!B2/);
      await screenshots(page, "workbooks-checker-error");

      // A filled plan (openpyxl, as a person fills it): read into the document and checked.
      const filled = fillPlan(t);
      if (!filled) return;
      await page.getByLabel("Or open a file").setInputFiles({ name: "plan.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(filled) });
      await page.locator("#status").getByText("This timeline is valid").waitFor();
      const doc = JSON.parse(await page.getByLabel("Document (JSON)").inputValue());
      assert.equal(doc.schema, "engagekit/timeline@1");
      assert.equal(doc.title, "Community services consultation");
      assert.deepEqual(doc.activities.map((a) => [a.id, a.kind, a.start, a.end]), [
        ["c1", "consultation", "2026-02-02", "2026-04-26"],
        ["d1", "decision", "2026-06-30", "2026-06-30"],
      ]);
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "workbooks-checker-plan");
    } finally {
      await page.close();
    }
  });
});

/** A plan typed into the timeline template by openpyxl (tests/data/fill_setup.py); null, skipping, without it. */
function fillPlan(t) {
  const input = path.join(tmp, "plan-blank.xlsx");
  const output = path.join(tmp, "plan.xlsx");
  writeFileSync(input, wb.workbookTemplate("timeline"));
  const edits = {
    settings: { title: "Community services consultation", "substantial variation": "no" },
    sheets: {
      Activities: [
        { id: "c1", kind: "consultation", title: "Public consultation", start: { date: "2026-02-02" }, end: "26/04/2026" },
        { id: "d1", kind: "decision", title: "Board decision", start: "2026-06-30", end: "2026-06-30" },
      ],
    },
  };
  const out = spawnSync("python3", [path.join(repo, "tests", "data", "fill_setup.py"), input, output, JSON.stringify(edits)], { encoding: "utf8" });
  if (out.error || /No module named 'openpyxl'/.test(out.stderr)) {
    assert.ok(!process.env.ENGAGEKIT_REQUIRE_OPENPYXL, `openpyxl cannot run: ${out.error?.message ?? out.stderr}`);
    t.skip("python3 with openpyxl is needed");
    return null;
  }
  assert.equal(out.status, 0, out.stderr);
  return readFileSync(output);
}
