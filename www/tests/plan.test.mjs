// The consultation planner (issue 19, www/plan.html): a communications officer builds a plan from
// a blank page by the labels alone, and the findings appear and go as dates change. An 8-week
// consultation over Easter 2026 (Good Friday 3 April to Easter Monday 6 April) of a substantial
// variation: the rules' words say what must be found (consultation-too-short: 54 days against 12
// weeks; holiday-overlap: Easter; scrutiny-missing: no committee before it), then a scrutiny
// activity takes scrutiny-missing away, an analysis takes no-analysis away, and moving the
// consultation after Easter takes holiday-overlap away. The downloaded plan passes
// `engagekit validate` and gives the same findings on the command line; downloaded as Excel, it
// imports as the same plan and shows its titles and dates (read by openpyxl).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";

import { axeViolations, openPage, repo, screenshots, startedAfresh, widthAt320 } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

const cli = path.join(repo, "target", "debug", "engagekit");

/**
 * A workbook's sheets as openpyxl reads them (tests/data/read_workbook.py): null without python3
 * and openpyxl, except under `make test` (ENGAGEKIT_REQUIRE_OPENPYXL), where that fails.
 */
function readWorkbook(file) {
  // openpyxl opens a workbook by its name's .xlsx: a download's path has none.
  const dir = mkdtempSync(path.join(os.tmpdir(), "engagekit-plan-"));
  const xlsx = path.join(dir, "plan.xlsx");
  const out = path.join(dir, "plan.json");
  try {
    copyFileSync(file, xlsx);
    const run = spawnSync("python3", [path.join(repo, "tests", "data", "read_workbook.py"), xlsx, out, "{}"], { encoding: "utf8" });
    if (run.error || /No module named 'openpyxl'/.test(run.stderr)) {
      assert.ok(!process.env.ENGAGEKIT_REQUIRE_OPENPYXL, `openpyxl cannot run: ${run.error?.message ?? run.stderr}`);
      console.log("SKIPPED: reading the workbook needs python3 with openpyxl (pip install openpyxl)");
      return null;
    }
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the consultation planner", { timeout: 240_000 }, () => {
  const demo = useDemoBrowser();

  test("a plan built by its labels is checked as it is typed, and downloads as the command line checks it", async () => {
    const page = await openPage(demo.browser.context, demo.base + "plan.html");
    try {
      const editor = await startedAfresh(page, "engage-plan-editor");
      /** The finding codes' messages shown under "Checks against the rules", in order. */
      const findings = async () => (await editor.locator(".findings > li").allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
      const has = async (words) => (await findings()).some((f) => f.includes(words));

      await editor.getByRole("button", { name: "Start a blank plan" }).click();
      await editor.getByLabel("Plan title").fill("Minor injuries consultation");
      await editor.getByLabel("Substantial variation").check();

      await editor.getByRole("button", { name: "Add activity" }).click();
      // The new row's first field has the focus.
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.localName), "select");
      const row = (n) => editor.locator("fieldset.row").nth(n);
      await row(0).getByLabel("Kind").selectOption({ label: "Public consultation" });
      await row(0).getByLabel("Title").fill("Public consultation");
      await row(0).getByLabel("Start date").fill("2026-02-23");
      await row(0).getByLabel("End date").fill("2026-04-17");
      await editor.locator(".findings").waitFor();
      assert.ok(await has("runs 54 days, 2026-02-23 to 2026-04-17, shorter than the plan's minimum of 12 weeks (84 days)"), (await findings()).join("\n"));
      assert.ok(await has("Easter, Good Friday to Easter Monday (2026-04-03 to 2026-04-06)"));
      assert.ok(await has("no scrutiny committee activity starts before the consultation"));
      assert.ok(await has("no analysis of responses ends after consultation"));
      // Each finding says what to do and its source, and leads to its activity's row.
      const first = editor.locator(".findings > li").first();
      assert.match(await first.innerText(), /What to do: /);
      assert.match(await first.innerText(), /Source: /);
      await first.getByRole("button", { name: "Go to activity 1: Public consultation" }).click();
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.closest("fieldset")?.querySelector("legend")?.textContent), "Activity 1: Public consultation");
      // The public timeline beside it shows the plan.
      await page.waitForFunction(() => {
        const text = document.getElementById("plan-preview").shadowRoot.textContent;
        return text.includes("Minor injuries consultation") && text.includes("Public consultation");
      });

      // A scrutiny committee before it, with the dates it was given: scrutiny-missing goes.
      await editor.getByRole("button", { name: "Add activity" }).click();
      await row(1).getByLabel("Kind").selectOption({ label: "Health scrutiny (council committee)" });
      // The kind's own fields appear; a consultation has none of them.
      assert.equal(await row(0).getByLabel("Comments by").count(), 0);
      await row(1).getByLabel("Title").fill("Joint health scrutiny committee");
      await row(1).getByLabel("Start date").fill("2026-01-20");
      await row(1).getByLabel("End date").fill("2026-01-20");
      await row(1).getByLabel("Comments by").fill("2026-02-16");
      await row(1).getByLabel("Decision by").fill("2026-06-30");
      await page.waitForFunction(() => !document.querySelector("engage-plan-editor").shadowRoot.textContent.includes("no scrutiny committee activity starts before"));

      // The analysis after it closes: no-analysis goes.
      await editor.getByRole("button", { name: "Add activity" }).click();
      await row(2).getByLabel("Kind").selectOption({ label: "Analysis of responses" });
      await row(2).getByLabel("Title").fill("Independent analysis");
      await row(2).getByLabel("Start date").fill("2026-04-20");
      await row(2).getByLabel("End date").fill("2026-05-29");
      await page.waitForFunction(() => !document.querySelector("engage-plan-editor").shadowRoot.textContent.includes("no analysis of responses ends after"));
      assert.ok(await has("Easter"), "Easter is still crossed");
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "plan-over-easter");

      // An end before its start: the core's error beside the field and in the summary at the top,
      // linked to the field; the findings wait.
      await row(0).getByLabel("End date").fill("2026-02-01");
      const summary = editor.getByRole("alert").filter({ hasText: "There is a problem" });
      await summary.waitFor();
      const end = row(0).getByLabel("End date");
      assert.equal(await end.getAttribute("aria-invalid"), "true");
      // The core's words, without the document's path (the field says where), and the row's own id.
      const said = await row(0).locator(".field-error:not([hidden])").innerText();
      assert.equal(said, 'Error: activity "public-consultation" ends on 2026-02-01, before it starts on 2026-02-23');
      await summary.getByRole("button").first().click();
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.getAttribute("aria-invalid")), "true");
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "plan-error");

      // After Easter: 12 weeks from Monday 13 April to Friday 3 July 2026 (82 days, counted inclusively:
      // still short of 84), and no holiday: holiday-overlap goes, the error too.
      await row(0).getByLabel("Start date").fill("2026-04-13");
      await row(0).getByLabel("End date").fill("2026-07-03");
      await summary.waitFor({ state: "detached" });
      await row(2).getByLabel("Start date").fill("2026-07-06");
      await row(2).getByLabel("End date").fill("2026-07-31");
      await page.waitForFunction(() => !document.querySelector("engage-plan-editor").shadowRoot.textContent.includes("Good Friday to Easter Monday"));
      assert.ok(await has("runs 82 days, 2026-04-13 to 2026-07-03"), (await findings()).join("\n"));

      // The draft survives a reload.
      await page.reload();
      await page.locator("engage-plan-editor[data-state=ready]").waitFor();
      assert.equal(await editor.getByLabel("Plan title").inputValue(), "Minor injuries consultation");
      assert.equal(await editor.locator("fieldset.row").count(), 3);
      const shown = await findings();

      // Download: valid on the command line, with the same findings.
      const [download] = await Promise.all([page.waitForEvent("download"), editor.getByRole("button", { name: "Download the plan (JSON)" }).click()]);
      assert.equal(download.suggestedFilename(), "minor-injuries-consultation.timeline.json");
      const file = await download.path();
      const valid = spawnSync(cli, ["validate", file], { encoding: "utf8" });
      assert.equal(valid.status, 0, valid.stderr);
      const today = new Date().toISOString().slice(0, 10);
      const checked = JSON.parse(spawnSync(cli, ["timeline", "check", file, "--format", "json", "--today", today], { encoding: "utf8" }).stdout);
      assert.deepEqual(
        shown.map((f) => f.replace(/^(Error|Warning|Note) /, "").split(" What to do:")[0]),
        checked.diagnostics.map((d) => d.message),
      );
      const plan = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(plan.activities.map((a) => a.kind), ["consultation", "scrutiny", "analysis"]);
      assert.deepEqual(plan.activities[1], { id: "joint-health-scrutiny-committee", kind: "scrutiny", title: "Joint health scrutiny committee", start: "2026-01-20", end: "2026-01-20", commentsBy: "2026-02-16", decisionBy: "2026-06-30" });

      // The same plan as its Excel workbook: the command line imports it as the plan downloaded.
      const [xlsx] = await Promise.all([page.waitForEvent("download"), editor.getByRole("button", { name: "Download the plan (Excel)" }).click()]);
      assert.equal(xlsx.suggestedFilename(), "minor-injuries-consultation.xlsx");
      const workbook = await xlsx.path();
      const imported = spawnSync(cli, ["import", "timeline", workbook], { encoding: "utf8" });
      assert.equal(imported.status, 0, imported.stderr);
      assert.deepEqual(JSON.parse(imported.stdout), plan);
      assert.match(await editor.getByText("minor-injuries-consultation.xlsx downloaded.").innerText(), /downloaded/);
      // As a person sees it in Excel (openpyxl): the titles, and the dates as date cells.
      const sheets = readWorkbook(workbook);
      if (sheets) {
        const cell = (sheet, at) => sheets[sheet].cells[at] ?? {};
        assert.equal(cell("Settings", "B2").value, "Minor injuries consultation");
        assert.equal(cell("Settings", "B3").value, "yes");
        const rows = [2, 3, 4].map((r) => ["C", "D", "E"].map((c) => cell("Activities", `${c}${r}`)));
        assert.deepEqual(
          rows.map(([title, start, end]) => [title.value, start.value, start.date, end.value, end.date]),
          [
            ["Public consultation", "2026-04-13", true, "2026-07-03", true],
            ["Joint health scrutiny committee", "2026-01-20", true, "2026-01-20", true],
            ["Independent analysis", "2026-07-06", true, "2026-07-31", true],
          ],
        );
        assert.deepEqual([cell("Activities", "H3").value, cell("Activities", "I3").value], ["2026-02-16", "2026-06-30"]);
      }

      // Reordering by keyboard-reachable buttons: the scrutiny moves up, first.
      await row(1).getByRole("button", { name: "Move up activity 2" }).click();
      assert.match(await row(0).locator("legend").innerText(), /^Activity 1: Joint health scrutiny committee$/);
      assert.ok((await widthAt320(page)) <= 320, "fits 320px");
      await screenshots(page, "plan-reordered");
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });
});
