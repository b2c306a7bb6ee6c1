// The panel set-up (issue 19, www/setup.html): a procurement lead sets up a panel from a blank
// page by the labels alone, before anyone scores, and the findings appear and go as they type.
// Expected words come from the rules (docs/SCHEMAS.md, "Set-up check"), worked by hand:
// - weights: Q1 50 + Q2 40 + price 20 = 110, not 100 (weights-total); Q2 to 30 makes 100;
// - E1, a young person under 18 with no chaperone (safeguarding-missing), until one is named;
// - E2, a clinician with a conflict in B2 that no decision manages (conflict-of-interest): E2 is
//   out of every bid, which leaves Q1 (scored by clinicians) with E3 alone for both bids
//   (short-of-evaluators, "bids B1, B2: 1 member"); Q2 (young people) has E1 alone until E5 joins;
// - the decision managing E2's conflict: conflict-managed instead, and Q1 short for B2 only;
// - score sheets for the members who score (E1, E2, E3, E5; not E4, procurement): E2's lists B1 on
//   Q1 only (Q2 is for young people; B2 is the conflict); E1's lists Q2 for B1 and B2.
// The downloaded evaluation passes `engagekit validate` and `engagekit evaluate --setup` gives the
// page's findings; "Go on to the moderation" opens the moderation with this panel.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { axeViolations, openPage, repo, screenshots, startedAfresh, widthAt320 } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

const cli = path.join(repo, "target", "debug", "engagekit");

describe("the panel set-up", { timeout: 300_000 }, () => {
  const demo = useDemoBrowser();

  test("a panel set up by its labels is checked as it is typed, through to the score sheets and the moderation", async () => {
    const page = await openPage(demo.browser.context, demo.base + "setup.html");
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const setup = await startedAfresh(page, "engage-panel-setup");
      const findings = async () => (await setup.locator(".findings > li").allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
      const has = async (words) => (await findings()).some((f) => f.includes(words));
      const gone = (words) => page.waitForFunction((w) => !document.querySelector("engage-panel-setup").shadowRoot.querySelector(".findings")?.textContent.includes(w), words);
      const appears = (words) => page.waitForFunction((w) => document.querySelector("engage-panel-setup").shadowRoot.querySelector(".findings")?.textContent.includes(w), words);

      await setup.getByRole("button", { name: "Start a blank panel" }).click();
      await setup.getByLabel("Title", { exact: true }).fill("Community eating disorder service");
      await setup.getByLabel("Highest score").fill("4");
      const words = ["Unacceptable", "Poor", "Satisfactory", "Good", "Excellent"];
      for (const [i, w] of words.entries()) await setup.getByLabel(`Words for ${i}`).fill(w);
      await setup.getByLabel("Price weight (%)").fill("20");
      await setup.getByLabel("Price method").selectOption({ label: "lowest price" });

      const rows = (hasText) => setup.locator("fieldset.row").filter({ has: page.locator(`legend:text-matches("^${hasText}")`) });
      await setup.getByRole("button", { name: "Add criterion" }).click();
      assert.equal(await setup.evaluate((w) => w.shadowRoot.activeElement?.closest("fieldset")?.querySelector("legend")?.textContent), "Criterion 1 (Q1)");
      const q1 = rows("Criterion 1");
      await q1.getByLabel("Question or criterion").fill("Clinical model");
      await q1.getByLabel("Weight (%)").fill("50");
      await q1.getByRole("group", { name: "Scored by" }).getByLabel("clinician").check();
      await setup.getByRole("button", { name: "Add criterion" }).click();
      const q2 = rows("Criterion 2");
      await q2.getByLabel("Question or criterion").fill("What young people told us");
      await q2.getByLabel("Weight (%)").fill("40");
      await q2.getByRole("group", { name: "Scored by" }).getByLabel("young person").check();
      // The running total, and the finding: 50 + 40 + 20 = 110.
      const total = setup.locator(".total");
      await page.waitForFunction(() => document.querySelector("engage-panel-setup").shadowRoot.querySelector(".total")?.textContent.startsWith("Weights: criteria 90 + price 20 = 110."));
      assert.ok(await has("the quality weights and the price weight total 110, not 100"), (await findings()).join("\n"));

      for (const [id, bidder, price] of [["B1", "North Kent Partnership", "1000000"], ["B2", "Medway Minds", "900000"]]) {
        await setup.getByRole("button", { name: "Add bid" }).click();
        const bid = rows(`Bid ${id.slice(1)}`);
        assert.equal(await bid.getByLabel("Id", { exact: true }).inputValue(), id);
        await bid.getByLabel("Bidder", { exact: true }).fill(bidder);
        await bid.getByLabel("Price (£)").fill(price);
      }

      const members = [
        ["young person", "Ellie M."],
        ["clinician", "Dr Anna Whitfield"],
        ["clinician", "Dr Sam Okafor"],
        ["procurement", "Mark Ellery"],
      ];
      for (const [i, [role, name]] of members.entries()) {
        await setup.getByRole("button", { name: "Add panel member" }).click();
        const m = rows(`Member ${i + 1}`);
        await m.getByLabel("Role", { exact: true }).selectOption({ label: role });
        await m.getByLabel("Name (kept out of published records)").fill(name);
        if (role !== "procurement") await m.getByLabel("Evaluator training completed").fill("2026-11-02");
      }
      const e1 = rows("Member 1");
      await e1.getByLabel("Under 18").check();
      await appears("panel member E1 is under 18 and has no named chaperone");
      const e2 = rows("Member 2");
      await e2.getByRole("group", { name: "Conflict of interest in" }).getByLabel("B2: Medway Minds").check();
      await appears("E2 (clinician) declared a conflict of interest in bid B2 and no recorded decision manages it: every score they give will be set aside");
      assert.ok(await has('Q1 ("Clinical model", scored by clinician) can be scored by fewer than the 2 members needed (bids B1, B2: 1 member): without a consensus those bids will be incomplete'), (await findings()).join("\n"));
      assert.ok(await has('Q2 ("What young people told us", scored by young person) can be scored by fewer than the 2 members needed (bids B1, B2: 1 member)'));
      // Each finding says what to do and its source, and leads to its row.
      const safeguarding = setup.locator(".findings > li").filter({ hasText: "no named chaperone" });
      assert.match(await safeguarding.innerText(), /What to do: Name the member's chaperone/);
      assert.match(await safeguarding.innerText(), /Source: /);
      await safeguarding.getByRole("button", { name: "Go to member 1 (E1)" }).click();
      assert.equal(await setup.evaluate((w) => w.shadowRoot.activeElement?.closest("fieldset.row")?.querySelector("legend")?.textContent), "Member 1 (E1): Ellie M.");
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "setup-findings");

      // Put right one by one: each finding goes.
      await q2.getByLabel("Weight (%)").fill("30");
      await gone("total 110, not 100");
      await page.waitForFunction(() => document.querySelector("engage-panel-setup").shadowRoot.querySelector(".total")?.textContent === "Weights: criteria 80 + price 20 = 100.");
      await e1.getByLabel("Chaperone", { exact: true }).fill("Rachel Dunn, participation worker");
      await gone("no named chaperone");
      await e2.getByLabel("Decision managing the conflict (optional)").fill("Volunteers with a partner of B2: no part in scoring B2; may score B1.");
      await e2.getByLabel("Decided by").fill("ICB Conflicts of Interest Guardian");
      await e2.getByLabel("Date of the decision").fill("2026-11-09");
      await gone("no recorded decision manages it");
      assert.ok(await has("E2 (clinician) declared a conflict of interest in bid B2, managed by a decision of ICB Conflicts of Interest Guardian on 2026-11-09"), (await findings()).join("\n"));
      assert.ok(await has('Q1 ("Clinical model", scored by clinician) can be scored by fewer than the 2 members needed (bid B2: 1 member): without a consensus the bid will be incomplete'));
      await setup.getByRole("button", { name: "Add panel member" }).click();
      const e5 = rows("Member 5");
      await e5.getByLabel("Role", { exact: true }).selectOption({ label: "young person" });
      await e5.getByLabel("Evaluator training completed").fill("2026-11-02");
      await gone('Q2 ("What young people told us"');

      // An input error: a second bid with the id B1. Beside the field and in the summary at the top.
      const b2 = rows("Bid 2");
      await b2.getByLabel("Id", { exact: true }).fill("B1");
      const summary = setup.getByRole("alert").filter({ hasText: "There is a problem" });
      await summary.waitFor();
      assert.equal(await b2.getByLabel("Id", { exact: true }).getAttribute("aria-invalid"), "true");
      assert.match(await b2.locator(".field-error:not([hidden])").innerText(), /^Error: .*B1/);
      await summary.getByRole("button").first().click();
      assert.equal(await setup.evaluate((w) => w.shadowRoot.activeElement?.getAttribute("aria-invalid")), "true");
      await screenshots(page, "setup-error");
      await b2.getByLabel("Id", { exact: true }).fill("B2");
      await summary.waitFor({ state: "detached" });

      // The draft survives a reload.
      await page.reload();
      await page.locator("engage-panel-setup[data-state=ready]").waitFor();
      assert.equal(await setup.getByLabel("Title", { exact: true }).inputValue(), "Community eating disorder service");
      assert.equal(await setup.locator("fieldset.row").count(), 2 + 2 + 5);
      const shown = (await findings()).map((f) => f.replace(/^(Error|Warning|Note) /, "").split(" What to do:")[0]);

      // The evaluation: valid on the command line, with the same set-up findings.
      const [download] = await Promise.all([page.waitForEvent("download"), setup.getByRole("button", { name: "Download the evaluation (JSON)" }).click()]);
      assert.equal(download.suggestedFilename(), "community-eating-disorder-service.evaluation.json");
      const file = await download.path();
      const valid = spawnSync(cli, ["validate", file], { encoding: "utf8" });
      assert.equal(valid.status, 0, valid.stderr);
      const checked = JSON.parse(spawnSync(cli, ["--format", "json", "evaluate", "--setup", file], { encoding: "utf8" }).stdout);
      assert.deepEqual(shown, checked.diagnostics.map((d) => d.message));
      assert.deepEqual(checked.scorers, ["E1", "E2", "E3", "E5"]);
      const doc = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(doc.panel[1], {
        id: "E2",
        name: "Dr Anna Whitfield",
        role: "clinician",
        trainingCompleted: "2026-11-02",
        conflicts: ["B2"],
        conflictManaged: { decision: "Volunteers with a partner of B2: no part in scoring B2; may score B1.", decidedBy: "ICB Conflicts of Interest Guardian", date: "2026-11-09" },
      });
      assert.deepEqual(doc.criteria[0], { id: "Q1", title: "Clinical model", weight: 50, scoredBy: ["clinician"] });

      // The panel as its filled workbook: the command line reads it back into the same evaluation.
      const [book] = await Promise.all([page.waitForEvent("download"), setup.getByRole("button", { name: "Download the panel workbook (Excel)" }).click()]);
      assert.equal(book.suggestedFilename(), "community-eating-disorder-service.xlsx");
      const imported = spawnSync(cli, ["import", "evaluation", await book.path()], { encoding: "utf8" });
      assert.equal(imported.status, 0, imported.stderr);
      // (The import writes the workbook's empty Scores sheet as `scores: []`, which is no scores.)
      const { scores = [], ...fromBook } = JSON.parse(imported.stdout);
      assert.deepEqual(scores, []);
      assert.deepEqual(fromBook, doc);

      // Score sheets: one line per member who scores; E4 (procurement) has none.
      const sheets = setup.locator(".sheets > li");
      assert.deepEqual((await sheets.allInnerTexts()).map((t) => t.split("\n")[0]), ["E1 (Ellie M.)", "E2 (Dr Anna Whitfield)", "E3 (Dr Sam Okafor)", "E5"]);
      const [csv] = await Promise.all([page.waitForEvent("download"), setup.getByRole("button", { name: "CSV score sheet for E2 (Dr Anna Whitfield)" }).click()]);
      assert.equal(csv.suggestedFilename(), "scoresheet-E2.csv");
      const lines = readFileSync(await csv.path(), "utf8").trim().split(/\r?\n/);
      const rowsOf = lines.filter((l) => /^(B1|B2),/.test(l) || /,(B1|B2),/.test(l));
      assert.equal(rowsOf.length, 1, lines.join("\n"));
      assert.match(rowsOf[0], /B1/);
      assert.match(rowsOf[0], /Q1/);
      const [xlsx] = await Promise.all([page.waitForEvent("download"), setup.getByRole("button", { name: "Excel score sheet for E1 (Ellie M.)" }).click()]);
      assert.equal(xlsx.suggestedFilename(), "scoresheet-E1.xlsx");
      const bytes = readFileSync(await xlsx.path());
      assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK");
      // Read back by the command line: E1 may score Q2 for B1 and B2, nothing else.
      const back = spawnSync(cli, ["--format", "json", "evaluate", file, "--scores", await xlsx.path()], { encoding: "utf8" });
      assert.notEqual(back.status, 2, back.stderr);
      assert.deepEqual(await axeViolations(page), []);
      assert.ok((await widthAt320(page)) <= 320, "fits 320px");
      await screenshots(page, "setup-done");

      // On to the moderation with this panel.
      await setup.getByRole("link", { name: "Go on to the moderation with this panel" }).click();
      await page.waitForURL(/moderation\.html$/);
      await page.waitForFunction(() => ["ready", "error"].includes(document.querySelector("engage-moderation")?.dataset.state));
      assert.equal(await page.locator("engage-moderation").getAttribute("data-state"), "ready", (await page.locator("engage-moderation").innerText()) + page.problems.join("\n") + (await page.locator("engage-moderation").evaluate((m) => m.shadowRoot.textContent)));
      await page.waitForFunction(() => document.querySelector("engage-moderation").shadowRoot.textContent.includes("Community eating disorder service"));
    } finally {
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      await page.close();
    }
  });

  test("the example's panel workbook carries its involvement payments, and pays what the JSON pays", async () => {
    const page = await openPage(demo.browser.context, demo.base + "setup.html");
    try {
      const setup = await startedAfresh(page, "engage-panel-setup");
      await setup.getByRole("button", { name: "Start from the example" }).click();
      await setup.getByText("the involvement payments, the panel sessions are kept as they are").waitFor();
      const [book] = await Promise.all([page.waitForEvent("download"), setup.getByRole("button", { name: "Download the panel workbook (Excel)" }).click()]);
      const file = await book.path();
      await setup.getByText(`${book.suggestedFilename()} downloaded.`).waitFor();
      // Read back by the command line: the example's payment policy and sessions, as they were.
      const example = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
      const imported = spawnSync(cli, ["import", "evaluation", file], { encoding: "utf8" });
      assert.equal(imported.status, 0, imported.stderr);
      const doc = JSON.parse(imported.stdout);
      assert.deepEqual(doc.payments, example.payments);
      assert.deepEqual(doc.sessions, example.sessions);
      // `engagekit evaluate panel.xlsx --payments` (the panel chairs' guide, step 7).
      const paid = (f) => {
        const out = spawnSync(cli, ["evaluate", f, "--payments", "--format", "json"], { encoding: "utf8" });
        assert.equal(out.status, 0, out.stderr);
        return JSON.parse(out.stdout);
      };
      const fromBook = paid(file);
      assert.deepEqual(fromBook, paid(path.join(repo, "examples", "cyp-mental-health.evaluation.json")));
      // By hand: E1 and E2 200 each, E3 375, E4 declines: 775.
      assert.equal(fromBook.involvement, 775);
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });
});
