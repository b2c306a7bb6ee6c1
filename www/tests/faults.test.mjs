// Faults in the browser for <engage-scorecard> (issue 9, part 5): the draft survives a killed tab
// (the renderer crashed, no unload handler run); a full storage quota is an alert and loses nothing
// typed; a corrupt stored draft is reported and set aside under another key, and the card works;
// two tabs on one draft keep each other's changes and say so. (A reload is in widgets.test.mjs.)
// The same for <engage-moderation>, the chair's work in progress: corrupt saved work is reported
// and set aside; a full quota is an alert, the work stays on the page and downloads whole, and is
// saved whole once there is room; two tabs keep each other's changes (and a discard) and say so.
// Drafts lost over these tests are counted and printed for the closing note.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { axeViolations, launch, repo, widgetsSettled } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

/**
 * Makes every localStorage write fail as a full quota does, keeping the real `setItem` as
 * `window.realSetItem` (to make room again). Run in a page (`page.evaluate`) or before its
 * scripts (`context.addInitScript`): it is sent as source, so it uses nothing from here.
 */
function fillQuota() {
  window.realSetItem ??= Storage.prototype.setItem;
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
}

const KEY = "engagekit-scorecard:Children and young people's mental health services in Kent and Medway: final solutions:E1";

describe("the score card under faults", { timeout: 240_000 }, () => {
  let lost = 0;
  let checked = 0;
  const demo = useDemoBrowser({
    setUp() {
      const doc = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
      assert.equal(KEY, `engagekit-scorecard:${doc.title}:E1`);
    },
    tearDown() {
      console.log(`score card faults: ${checked} drafts checked, ${lost} lost`);
    },
  });

  /** A panel page on `context` recording errors; waits for the card. */
  async function open(context = demo.browser.context) {
    const page = await context.newPage();
    page.problems = [];
    page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => msg.type() === "error" && page.problems.push(`console: ${msg.text()}`));
    await page.goto(demo.base + "panel.html");
    await widgetsSettled(page);
    return page;
  }

  const card = (page) => page.locator("engage-scorecard");
  /** The fieldset of criterion `c` of the bid shown. */
  const criterion = (page, c) => card(page).locator("fieldset").filter({ has: page.locator("legend", { hasText: new RegExp(`^${c}:`) }) });
  async function score(page, c, n, why) {
    await criterion(page, c).locator(`input[type=radio][value="${n}"]`).check();
    await criterion(page, c).locator("textarea").fill(why);
  }
  const shown = (page, c) =>
    criterion(page, c).evaluate((f) => [f.querySelector("input:checked")?.value ?? null, f.querySelector("textarea").value]);
  const text = (page) => card(page).evaluate((w) => w.shadowRoot.textContent.replace(/\s+/g, " "));
  const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), KEY);

  test("a killed tab: the renderer crashes with no unload handler, the draft is intact in a new tab", async () => {
    let page = await open();
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await widgetsSettled(page);
    await score(page, "Q2", 3, "Clear plan for the waiting list.");
    await score(page, "Q3", 4, "Young people wrote the welcome pack.");
    const cdp = await demo.browser.context.newCDPSession(page);
    const crashed = page.waitForEvent("crash");
    cdp.send("Page.crash").catch(() => {});
    await crashed;
    await page.close().catch(() => {});
    page = await open();
    checked += 1;
    const kept = [await shown(page, "Q2"), await shown(page, "Q3")];
    if (JSON.stringify(kept) !== JSON.stringify([["3", "Clear plan for the waiting list."], ["4", "Young people wrote the welcome pack."]])) lost += 1;
    assert.deepEqual(kept, [["3", "Clear plan for the waiting list."], ["4", "Young people wrote the welcome pack."]]);
    assert.match(await text(page), /2 of 16 scores given/);
    assert.deepEqual(page.problems, []);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  test("a full storage quota: an alert, and nothing typed is lost from the page", async () => {
    const { context, close } = await launch();
    try {
      let page = await open(context);
      await page.evaluate(() => localStorage.clear());
      await score(page, "Q2", 2, "Saved before the disk filled.");
      // From now on, every write fails as a full quota does.
      await page.evaluate(fillQuota);
      await score(page, "Q3", 1, "Typed after the quota was full.");
      const alert = card(page).getByRole("alert");
      assert.match(await alert.innerText(), /could not be saved in this browser because its storage is full/);
      assert.match(await alert.innerText(), /download your score sheet/);
      // Nothing typed is lost from the page: on the inputs, after moving away and back, and in the sheet.
      assert.deepEqual(await shown(page, "Q3"), ["1", "Typed after the quota was full."]);
      await card(page).getByRole("button", { name: "Next bid" }).click();
      await card(page).getByRole("button", { name: "Previous bid" }).click();
      assert.deepEqual([await shown(page, "Q2"), await shown(page, "Q3")], [["2", "Saved before the disk filled."], ["1", "Typed after the quota was full."]]);
      const [download] = await Promise.all([page.waitForEvent("download"), card(page).getByRole("button", { name: "Download score sheet (CSV)" }).click()]);
      const csv = readFileSync(await download.path(), "utf8");
      assert.match(csv, /Typed after the quota was full\./);
      assert.match(csv, /Saved before the disk filled\./);
      checked += 1;
      assert.deepEqual(page.problems, []);
      await page.close();

      // The quota full from the start (an init script): the card loads, and says so on the first change.
      await context.addInitScript(fillQuota);
      page = await open(context);
      await score(page, "Q4", 3, "Scored with no room left.");
      assert.match(await card(page).getByRole("alert").innerText(), /storage is full/);
      assert.deepEqual(await shown(page, "Q4"), ["3", "Scored with no room left."]);
      assert.deepEqual(page.problems, []);
      await page.close();
    } finally {
      await close();
    }
  });

  for (const [what, garbage] of [
    ["not JSON", "{\"scores\": {\"B1|Q2\": {\"score\": 3, \"rationale\": \"cut off"],
    ["JSON, not a draft", "[1, 2, 3]"],
    ["a draft with a wrong score", JSON.stringify({ scores: { "B1|Q2": { score: "three" } }, version: 4 })],
  ]) {
    test(`a corrupt stored draft (${what}): reported, set aside under another key, and the card still works`, async () => {
      const page = await open();
      await page.evaluate(([key, value]) => {
        localStorage.clear();
        localStorage.setItem(key, value);
      }, [KEY, garbage]);
      await page.reload();
      await widgetsSettled(page);
      assert.equal(await card(page).getAttribute("data-state"), "ready");
      const alert = await card(page).getByRole("alert").innerText();
      assert.match(alert, /The draft saved in this browser could not be read/);
      // Kept, not deleted: under the key the message names.
      const kept = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:set-aside:`)).map((k) => [k, localStorage.getItem(k)]), KEY);
      assert.equal(kept.length, 1);
      assert.equal(kept[0][1], garbage);
      assert.ok(alert.includes(kept[0][0]), "the message names the key");
      // The card works: a score is saved as a fresh draft.
      assert.match(await text(page), /0 of 16 scores given/);
      await score(page, "Q2", 3, "After the corrupt draft.");
      assert.deepEqual((await stored(page)).scores["B1|Q2"], { score: 3, rationale: "After the corrupt draft." });
      assert.match(await text(page), /1 of 16 scores given/);
      assert.deepEqual(page.problems, []);
      await page.evaluate(() => localStorage.clear());
      await page.close();
    });
  }

  test("two tabs on one draft: neither overwrites the other's change silently", async () => {
    const first = await open();
    await first.evaluate(() => localStorage.clear());
    await first.reload();
    await widgetsSettled(first);
    const second = await open();
    try {
      await score(first, "Q2", 3, "First tab, Q2.");
      // The second tab hears of it (the storage event) and shows it; then scores Q3.
      await card(second).getByRole("alert").getByText("also changed in another tab").waitFor();
      assert.deepEqual(await shown(second, "Q2"), ["3", "First tab, Q2."]);
      await score(second, "Q3", 4, "Second tab, Q3.");
      // The first tab, changing Q4, keeps the second tab's Q3.
      await score(first, "Q4", 2, "First tab, Q4.");
      let draft = await stored(first);
      assert.deepEqual(draft.scores["B1|Q3"], { score: 4, rationale: "Second tab, Q3." });
      assert.deepEqual(draft.scores["B1|Q4"], { score: 2, rationale: "First tab, Q4." });
      assert.deepEqual(await shown(first, "Q3"), ["4", "Second tab, Q3."]);

      // Before the storage event arrives (a write the tab was not told of, made here directly),
      // the version counter catches it: the newer draft's entry is kept, and the tab says so.
      const newer = { ...draft, version: draft.version + 5, scores: { ...draft.scores, "B1|Q6": { score: 1, rationale: "Written elsewhere." } } };
      await second.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, JSON.stringify(newer)]);
      await card(second).getByRole("alert").evaluate((a) => a.replaceChildren());
      await criterion(second, "Q2").locator("textarea").fill("Second tab, Q2 again.");
      draft = await stored(second);
      assert.deepEqual(draft.scores["B1|Q6"], { score: 1, rationale: "Written elsewhere." });
      assert.deepEqual(draft.scores["B1|Q2"], { score: 3, rationale: "Second tab, Q2 again." });
      assert.deepEqual(draft.scores["B1|Q4"], { score: 2, rationale: "First tab, Q4." });
      assert.match(await card(second).getByRole("alert").innerText(), /also changed in another tab/);
      assert.deepEqual(await shown(second, "Q6"), ["1", "Written elsewhere."]);
      checked += 2;
      assert.deepEqual([...first.problems, ...second.problems], []);
    } finally {
      await first.evaluate(() => localStorage.clear());
      await second.close();
      await first.close();
    }
  });
});

describe("the moderation under faults", { timeout: 240_000 }, () => {
  const example = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
  const KEY_M = `engagekit-moderation:${example.title}`;
  // The document the page serves: E2's sheet not yet in (its 16 scores), the example's consensus on B3 Q3 kept.
  const e2 = example.scores.filter((s) => s.evaluator === "E2");
  const served = { ...example, scores: example.scores.filter((s) => s.evaluator !== "E2") };
  const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const E2_SHEET = ["evaluator,bid,criterion,score,rationale", ...e2.map((s) => [s.evaluator, s.bid, s.criterion, s.score, quote(s.rationale ?? "")].join(","))].join("\r\n") + "\r\n";
  let lost = 0;
  let checked = 0;
  const demo = useDemoBrowser({
    setUp() {
      assert.equal(e2.length, 16);
    },
    tearDown() {
      console.log(`moderation faults: ${checked} saves checked, ${lost} lost`);
    },
  });

  /** The moderation page on `context` (serving `served`) recording errors; waits for the widget. */
  async function open(context = demo.browser.context) {
    const page = await context.newPage();
    page.problems = [];
    page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => msg.type() === "error" && page.problems.push(`console: ${msg.text()}`));
    await page.route("**/examples/cyp-mental-health.evaluation.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(served) }));
    await page.goto(demo.base + "moderation.html");
    await widgetsSettled(page);
    return page;
  }

  const widget = (page) => page.locator("engage-moderation");
  const text = (page) => widget(page).evaluate((w) => w.shadowRoot.textContent.replace(/\s+/g, " "));
  /**
   * The text of the widget's messages ("" when it has none): its role="alert" boxes, and its notices
   * box, which is an alert only while its messages are new (so that a redraw does not read them out
   * again) and keeps showing them after.
   */
  const alertText = (page) =>
    widget(page).evaluate((w) => [...new Set(w.shadowRoot.querySelectorAll('[role="alert"], .notices'))].map((e) => e.innerText.trim()).filter(Boolean).join("\n"));
  /** Whether the notices box is an alert now (its messages are new). */
  const noticesAnnounced = (page) => widget(page).evaluate((w) => w.shadowRoot.querySelector(".notices")?.getAttribute("role") === "alert");
  /** The stored work's evaluation (null when nothing is stored). */
  const stored = (page) => page.evaluate((key) => {
    const work = JSON.parse(localStorage.getItem(key) ?? "null");
    return work && (work.evaluation ?? work);
  }, KEY_M);
  const consensusOf = (doc) => (doc?.consensus ?? []).find((c) => c.bid === "B3" && c.criterion === "Q3");
  /** Records the consensus on B3 Q3, as the chair does. */
  async function agree(page, score, why) {
    // B3 is open when it needs moderation (with E2's scores in) or was opened; else open it.
    const bid = widget(page).locator("details").filter({ has: page.getByLabel("Consensus score for Q3") });
    if (!(await bid.evaluate((d) => d.open))) await bid.locator("summary").click();
    await widget(page).getByLabel("Consensus score for Q3").selectOption(String(score));
    await widget(page).getByLabel("Rationale agreed by the panel").fill(why);
    await widget(page).getByRole("button", { name: /(Record|Update) the consensus score/ }).click();
    await widget(page).getByRole("status").getByText(`Consensus recorded for B3 on Q3: ${score} `).waitFor();
  }
  async function importE2(page) {
    await widget(page).locator("input[type=file]").setInputFiles({ name: "scoresheet-E2.csv", mimeType: "text/csv", buffer: Buffer.from(E2_SHEET) });
    await widget(page).getByRole("status").getByText("Imported 1 score sheet").waitFor();
  }
  /** Counts a save checked, and a loss when `ok` is false. */
  function count(ok) {
    checked += 1;
    if (!ok) lost += 1;
  }

  for (const [what, garbage] of [
    ["not JSON", `{"format": "engagekit-moderation@1", "evaluation": {"schema": "engagekit/evaluation@1", "title": "Children`],
    ["JSON, not a moderation", "[1, 2, 3]"],
    ["an evaluation the core refuses", JSON.stringify({ ...served, consensus: [{ bid: "B3", criterion: "Q3", score: 9, rationale: "Out of the scale." }] })],
  ]) {
    test(`corrupt saved work (${what}): reported, set aside under another key, and the moderation still works`, async () => {
      const page = await open();
      try {
        await page.evaluate(([key, value]) => {
          localStorage.clear();
          localStorage.setItem(key, value);
        }, [KEY_M, garbage]);
        await page.reload();
        await widgetsSettled(page);
        assert.equal(await widget(page).getAttribute("data-state"), "ready");
        const alert = await alertText(page);
        assert.match(alert, /The moderation work saved in this browser could not be read/);
        assert.match(alert, /starts again from the document/);
        // Kept, not deleted: under the key the message names.
        const kept = await page.evaluate((key) => Object.keys(localStorage).filter((k) => k.startsWith(`${key}:set-aside:`)).map((k) => [k, localStorage.getItem(k)]), KEY_M);
        assert.equal(kept.length, 1);
        assert.equal(kept[0][1], garbage);
        assert.ok(alert.includes(kept[0][0]), "the message names the key");
        assert.deepEqual(await axeViolations(page), []);
        // It works: the document's 77 scores, and a consensus is saved as fresh work.
        assert.match(await text(page), /77 scores from 6 evaluators/);
        await agree(page, 2, "After the corrupt save.");
        assert.deepEqual(consensusOf(await stored(page)), { bid: "B3", criterion: "Q3", score: 2, rationale: "After the corrupt save." });
        assert.match(await text(page), /Consensus 2 \(Satisfactory\): After the corrupt save\./);
        assert.deepEqual(page.problems, []);
      } finally {
        await page.evaluate(() => localStorage.clear());
        await page.close();
      }
    });
  }

  test("work saved before versioned saves (the evaluation itself) is restored, not set aside", async () => {
    const page = await open();
    try {
      const old = { ...served, consensus: [{ bid: "B3", criterion: "Q3", score: 1, rationale: "Saved by the earlier widget." }] };
      await page.evaluate(([key, value]) => {
        localStorage.clear();
        localStorage.setItem(key, value);
      }, [KEY_M, JSON.stringify(old)]);
      await page.reload();
      await widgetsSettled(page);
      assert.match(await text(page), /Restored the moderation in progress from this browser/);
      assert.match(await text(page), /Consensus 1 \(Poor\): Saved by the earlier widget\./);
      assert.equal(await alertText(page), "");
      count(consensusOf(await stored(page))?.rationale === "Saved by the earlier widget.");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });

  test("a full storage quota: an alert saying the change is not saved and to download, nothing lost", async () => {
    const { context, close } = await launch();
    try {
      let page = await open(context);
      await page.evaluate(() => localStorage.clear());
      await agree(page, 2, "Saved before the disk filled.");
      assert.equal(consensusOf(await stored(page)).rationale, "Saved before the disk filled.");
      // From now on, every write fails as a full quota does.
      await page.evaluate(fillQuota);
      await importE2(page);
      let alert = await alertText(page);
      assert.match(alert, /Your latest change could not be saved in this browser because its storage is full/);
      assert.match(alert, /do not close or reload the page, and download the evaluation \(JSON\) now/);
      assert.match(await text(page), /93 scores from 7 evaluators/);
      assert.equal(await noticesAnnounced(page), true, "the full quota is announced when it happens");
      await agree(page, 1, "Typed after the quota was full.");
      assert.match(await alertText(page), /storage is full/);
      assert.equal(await noticesAnnounced(page), false, "and shown, not read out again, after the next change");
      assert.match(await text(page), /Consensus 1 \(Poor\): Typed after the quota was full\./);
      assert.deepEqual(await axeViolations(page), []);
      // The stored work is the last that could be saved, whole; the page has the rest.
      assert.equal(consensusOf(await stored(page)).rationale, "Saved before the disk filled.");
      // The download beside the alert gives everything on the page.
      const [download] = await Promise.all([page.waitForEvent("download"), widget(page).getByRole("button", { name: "Download the evaluation (JSON)" }).first().click()]);
      const downloaded = JSON.parse(readFileSync(await download.path(), "utf8"));
      const whole = downloaded.scores.length === 93 && consensusOf(downloaded)?.rationale === "Typed after the quota was full.";
      count(whole);
      assert.equal(downloaded.scores.length, 93);
      assert.deepEqual(consensusOf(downloaded), { bid: "B3", criterion: "Q3", score: 1, rationale: "Typed after the quota was full." });
      // Room again: the next change saves all the work, the unsaved changes too, and the alert goes.
      await page.evaluate(() => {
        Storage.prototype.setItem = window.realSetItem;
      });
      await agree(page, 3, "Saved once there was room.");
      const saved = await stored(page);
      count(saved.scores.length === 93);
      assert.equal(saved.scores.length, 93);
      assert.equal(consensusOf(saved).rationale, "Saved once there was room.");
      alert = await alertText(page);
      assert.doesNotMatch(alert, /could not be saved/);
      assert.deepEqual(page.problems, []);
      await page.evaluate(() => localStorage.clear());
      await page.close();

      // The quota full from the start (an init script): the moderation loads, and says so on the first change.
      await context.addInitScript(fillQuota);
      page = await open(context);
      assert.equal(await widget(page).getAttribute("data-state"), "ready");
      await agree(page, 4, "Agreed with no room left.");
      assert.match(await alertText(page), /storage is full/);
      assert.match(await text(page), /Consensus 4 \(Excellent\): Agreed with no room left\./);
      assert.deepEqual(page.problems, []);
      await page.close();
    } finally {
      await close();
    }
  });

  test("two tabs on one moderation: neither overwrites the other's change silently", async () => {
    const first = await open();
    await first.evaluate(() => localStorage.clear());
    await first.reload();
    await widgetsSettled(first);
    const second = await open();
    try {
      await agree(first, 2, "First tab's consensus.");
      // The second tab hears of it (the storage event) and shows it.
      await widget(second).getByRole("alert").getByText("also changed in another tab").waitFor();
      assert.match(await text(second), /Consensus 2 \(Satisfactory\): First tab's consensus\./);
      // The first tab is typing a new rationale when the second imports E2's sheet: the typing stays, with the focus.
      await widget(first).getByLabel("Rationale agreed by the panel").fill("Half typed in the first tab");
      await importE2(second);
      await widget(first).getByRole("alert").getByText("also changed in another tab").waitFor();
      await widget(first).getByText("93 scores from 7 evaluators").waitFor();
      assert.equal(await widget(first).getByLabel("Rationale agreed by the panel").inputValue(), "Half typed in the first tab");
      assert.equal(await widget(first).evaluate((w) => w.shadowRoot.activeElement?.dataset.field), "rationale");
      // The first tab records its consensus: the second tab's import is kept.
      await agree(first, 3, "First tab, after the import.");
      let work = await stored(first);
      assert.equal(work.scores.length, 93);
      assert.equal(consensusOf(work).rationale, "First tab, after the import.");
      await widget(second).getByText("Consensus 3 (Good): First tab, after the import.").waitFor({ state: "attached" });
      count(work.scores.length === 93);

      // A write the tab was not told of (made here directly, so no storage event comes): it is
      // found on saving. Its changed score is kept; where both changed the consensus, this tab's
      // change is kept, and the message names it.
      const raw = await second.evaluate((key) => localStorage.getItem(key), KEY_M);
      const elsewhere = JSON.parse(raw);
      const ev = elsewhere.evaluation;
      const first5 = ev.scores.findIndex((s) => s.evaluator === "E5");
      ev.scores[first5] = { ...ev.scores[first5], rationale: "Rationale corrected elsewhere." };
      ev.consensus = ev.consensus.map((c) => (c.bid === "B3" && c.criterion === "Q3" ? { ...c, rationale: "Consensus written elsewhere." } : c));
      await second.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY_M, JSON.stringify(elsewhere)]);
      await agree(second, 4, "Second tab's consensus.");
      work = await stored(second);
      assert.equal(work.scores[first5].rationale, "Rationale corrected elsewhere.");
      assert.equal(consensusOf(work).rationale, "Second tab's consensus.");
      assert.equal(work.scores.length, 93);
      assert.match(await alertText(second), /Where both changed the same entry \(the consensus for B3 on Q3\), this tab's change is kept/);
      count(work.scores[first5].rationale === "Rationale corrected elsewhere." && work.scores.length === 93);
      await widget(first).getByText("Consensus 4 (Excellent): Second tab's consensus.").waitFor({ state: "attached" });

      // A discard in one tab: the other says so and shows the document as it was loaded.
      await widget(first).getByRole("button", { name: "Discard this browser's work and start again" }).click();
      await widget(second).getByRole("alert").getByText("discarded in another tab or window").waitFor();
      assert.match(await text(second), /77 scores from 6 evaluators/);
      assert.equal(await stored(second), null);
      assert.deepEqual(await axeViolations(second), []);
      assert.deepEqual([...first.problems, ...second.problems], []);
    } finally {
      await first.evaluate(() => localStorage.clear());
      await second.close();
      await first.close();
    }
  });
});
