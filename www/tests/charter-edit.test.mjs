// The charter editor (issue 19, www/charter-edit.html): a communications officer builds a patient
// charter from a blank page by the labels alone: its title and co-production, two standards with
// a measure each. A statement for younger readers in long words shows its reading age beside it
// as it is typed and the core's statement-hard-to-read finding; shortened, both go. A standard
// id used twice and a feedback target over 100 are the core's input errors, beside the field and
// in the summary at the top, gone when put right. The draft survives a reload; the charter
// downloaded passes `engagekit validate` and gives the same findings on the command line.
//
// The reading ages are worked out by hand from the Flesch-Kincaid grade level the core uses
// (src/charter/readability.rs: 0.39 x words per sentence + 11.8 x syllables per word - 15.59,
// plus 5; syllables counted as vowel groups, a, e, i, o, u and y, less a silent final e):
//
// PLAIN, "We will see you within 4 weeks.": 1 sentence of 7 words; syllables we 1, will 1, see 1,
//   you 1, within 2, "4" 1, weeks 1 = 8. 0.39 x 7 + 11.8 x 8 / 7 - 15.59 = 2.73 + 13.4857 -
//   15.59 = 0.6257; + 5 = 5.6257: 5.6.
// HARD, 1 sentence of 17 words: Practitioners 4 (a, i, io, e), will 1, communicate 4 (o, u, i,
//   a, e less the silent e), information 4, regarding 3, your 1, individualised 6 (i, i, i, ua,
//   i, e), treatment 2, appropriately 5 (a, o, ia, e, y), and 1, respectfully 4 (e, e, u, y),
//   at 1, every 3 (e, e, y), appointment 3 (a, oi, e), with 1, your 1, family 3 (a, i, y) = 47.
//   0.39 x 17 + 11.8 x 47 / 17 - 15.59 = 6.63 + 32.6235 - 15.59 = 23.6635; + 5 = 28.6635:
//   28.7 beside it, "about 29" in the finding, and 17 words is over the 15.
// SHORT, "We will tell you about your care. We will be kind.": 2 sentences, 7 and 4 words;
//   syllables 1 + 1 + 1 + 1 + 2 (about) + 1 + 1 (care, silent e) = 8, and 4: 12 in 11 words.
//   0.39 x 11 / 2 + 11.8 x 12 / 11 - 15.59 = 2.145 + 12.8727 - 15.59 = -0.5723; + 5 = 4.4277: 4.4.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, test } from "node:test";

import { axeViolations as axeOf, openPage, repo, screenshots, startDemoServer, startedAfresh, STRICT_CSP, widthAt320 } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

const cli = path.join(repo, "target", "debug", "engagekit");
const require = createRequire(import.meta.url);

/**
 * axe-core's violations on a page under the strict policy: axe is served as a file of the page's
 * own origin (an intercepted request), which script-src 'self' allows, where the inline script
 * axeViolations would add is refused (as www/tests/csp.test.mjs does).
 */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.route("**/__axe.min.js", (route) => route.fulfill({ path: require.resolve("axe-core/axe.min.js"), contentType: "text/javascript" }));
    await page.addScriptTag({ url: "/__axe.min.js" });
  }
  return axeOf(page);
}

const PLAIN = "We will see you within 4 weeks.";
const HARD = "Practitioners will communicate information regarding your individualised treatment appropriately and respectfully at every appointment with your family.";
const SHORT = "We will tell you about your care. We will be kind.";
/** What the core's limits say, in its words (the finding's and the live line's). */
const AIM = "(aim for 10 or under and 15 words or fewer)";

describe("the charter editor", { timeout: 240_000 }, () => {
  // The page is served with the strict Content-Security-Policy a partner's site may send; every
  // policy violation is recorded (window.__violations) and must be none.
  const demo = useDemoBrowser({
    async setUp(d) {
      [d.strict, d.strictBase] = await startDemoServer(["--csp", STRICT_CSP]);
      await d.browser.context.addInitScript(() => {
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} refused ${e.blockedURI || "inline"}`));
      });
    },
    tearDown: (d) => d.strict?.kill(),
  });

  test("a charter built by its labels is checked as it is typed, and downloads as the command line checks it", async () => {
    const page = await openPage(demo.browser.context, demo.strictBase + "charter-edit.html");
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      const editor = await startedAfresh(page, "engage-charter-editor");
      /** The findings shown under "Checks against the rules", spaces collapsed. */
      const findings = async () => (await editor.locator(".findings > li").allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
      const standard = (n) => editor.locator("fieldset.standard").nth(n);
      const measure = (n, m) => standard(n).locator("fieldset.measure").nth(m);
      const summary = editor.getByRole("alert").filter({ hasText: "There is a problem" });

      await editor.getByRole("button", { name: "Start a blank charter" }).click();
      await editor.getByLabel("Title", { exact: true }).fill("Our charter for young people's mental health");
      await editor.getByLabel("Short name").fill("young-minds");
      await editor.getByLabel("Service it covers (optional)").fill("Mental health services for 7 to 17 year olds in Swale");
      await editor.getByLabel("Adopted on (optional)").fill("2026-04-01");
      await editor.getByLabel("Review by (optional)").fill("2099-03-31");
      await editor.getByLabel("How many people took part").fill("40");
      await editor.getByLabel("How they gave their views").fill("short survey\nyouth group meetings");

      // The first standard, with a KPI.
      await editor.getByRole("button", { name: "Add a standard" }).click();
      // The new row's first field has the focus, its id offered.
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.value), "PC1");
      assert.equal(await standard(0).getByLabel("Standard id").inputValue(), "PC1");
      await standard(0).getByLabel("Theme").fill("access");
      await standard(0).getByLabel("The standard", { exact: true }).fill("You will be seen within 4 weeks of being referred.");
      await standard(0).getByLabel("For younger readers (optional)").fill(PLAIN);
      assert.equal(await standard(0).locator(".reading").innerText(), `Reading age 5.6, longest sentence 7 words ${AIM}.`);
      await standard(0).getByRole("button", { name: "Add a measure to standard 1" }).click();
      await measure(0, 0).getByLabel("Measure id").fill("seen-within-4-weeks");
      await measure(0, 0).getByLabel("Kind of measure").selectOption({ label: "KPI: a figure with a target" });
      await measure(0, 0).getByLabel("What is measured (optional)").fill("% seen within 4 weeks of referral");
      await measure(0, 0).getByLabel("Target").fill("90");
      await measure(0, 0).getByLabel("Tolerance").fill("5");
      // A KPI says whether higher is better; it has no question.
      assert.equal(await measure(0, 0).getByLabel("Higher is better").isChecked(), true);
      assert.equal(await measure(0, 0).getByLabel("Question (optional)").count(), 0);
      await summary.waitFor({ state: "detached" });
      assert.deepEqual(await findings(), []);
      assert.match(await editor.locator("section").innerText(), /No problems found: the charter meets every rule checked\./);

      // The second standard: its id typed as the first's is the core's input error.
      await editor.getByRole("button", { name: "Add a standard" }).click();
      assert.equal(await standard(1).getByLabel("Standard id").inputValue(), "PC2");
      await standard(1).getByLabel("Standard id").fill("PC1");
      await summary.waitFor();
      const id2 = standard(1).getByLabel("Standard id");
      assert.equal(await id2.getAttribute("aria-invalid"), "true");
      assert.equal(await standard(1).locator(".field-error:not([hidden])").innerText(), 'Error: standard id "PC1" is used twice');
      assert.match(await editor.locator("section").innerText(), /The checks run once the problem above is put right\./);
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "charter-edit-error");
      // The summary's link puts the focus in the field.
      await summary.getByRole("button", { name: 'standard id "PC1" is used twice' }).click();
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.getAttribute("aria-invalid")), "true");
      await id2.fill("PC2");
      await summary.waitFor({ state: "detached" });
      assert.equal(await id2.getAttribute("aria-invalid"), null);

      await standard(1).getByLabel("Theme").fill("communication");
      await standard(1).getByLabel("The standard", { exact: true }).fill("Staff will explain things clearly, without jargon, and check that you have understood.");
      await standard(1).getByRole("button", { name: "Add a measure to standard 2" }).click();
      assert.equal(await measure(1, 0).getByLabel("Measure id").inputValue(), "PC2-1");
      await measure(1, 0).getByLabel("Measure id").fill("explained-clearly");
      await measure(1, 0).getByLabel("Kind of measure").selectOption({ label: "Feedback question" });
      await measure(1, 0).getByLabel("Question (optional)").fill("Staff explained things in a way I could understand.");
      await measure(1, 0).getByLabel("Tolerance").fill("10");
      // A feedback target is a percentage: 120 is the core's error, beside the field.
      await measure(1, 0).getByLabel("Target").fill("120");
      await summary.waitFor();
      assert.equal(await measure(1, 0).locator(".field-error:not([hidden])").innerText(), "Error: target 120 is out of range (it must be from 0 to 100)");
      assert.equal(await measure(1, 0).getByLabel("Target").getAttribute("aria-invalid"), "true");
      await measure(1, 0).getByLabel("Target").fill("80");
      await summary.waitFor({ state: "detached" });

      // A statement for younger readers in long words: its reading age beside it as it is typed,
      // and the core's finding, which leads back to the standard.
      const young = standard(1).getByLabel("For younger readers (optional)");
      await young.fill(HARD);
      assert.equal(await standard(1).locator(".reading").innerText().then((t) => t.replace(/\s+/g, " ")), `Hard to read Reading age 28.7, longest sentence 17 words ${AIM}.`);
      await editor.locator(".findings").waitFor();
      assert.deepEqual(await findings().then((f) => f.map((t) => t.split(" What to do:")[0])), [
        `Warning the young person's statement of PC2 needs a reading age of about 29 and its longest sentence has 17 words ${AIM}: "${HARD}"`,
      ]);
      const finding = editor.locator(".findings > li").first();
      assert.match(await finding.innerText(), /What to do: Rewrite the statement in shorter sentences and shorter words/);
      assert.match(await finding.innerText(), /Source: Flesch-Kincaid grade level/);
      await finding.getByRole("button", { name: "Go to standard 2: PC2" }).click();
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.closest("fieldset.standard")?.querySelector("legend")?.textContent), "Standard 2: PC2");
      // The statement is described by its reading age, for screen readers too.
      const described = await young.evaluate((t) => t.getAttribute("aria-describedby").split(" ").map((id) => t.getRootNode().getElementById(id)?.textContent).join(" "));
      assert.match(described, /Reading age 28\.7/);
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "charter-edit-hard-to-read");

      // The draft survives a reload (under the policy, which no widget broke so far).
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      const reloaded = await page.reload();
      assert.equal(reloaded.headers()["content-security-policy"], STRICT_CSP);
      await page.locator("engage-charter-editor[data-state=ready]").waitFor();
      assert.equal(await editor.getByLabel("Title", { exact: true }).inputValue(), "Our charter for young people's mental health");
      assert.equal(await editor.locator("fieldset.standard").count(), 2);
      assert.equal(await editor.locator("fieldset.measure").count(), 2);
      assert.equal(await young.inputValue(), HARD);
      assert.match(await standard(1).locator(".reading").innerText(), /Reading age 28\.7/);
      const shown = await findings();
      assert.equal(shown.length, 1);

      // Download: valid on the command line, with the same findings.
      const [download] = await Promise.all([page.waitForEvent("download"), editor.getByRole("button", { name: "Download the charter (JSON)" }).click()]);
      assert.equal(download.suggestedFilename(), "our-charter-for-young-people-s-mental-health.charter.json");
      const file = await download.path();
      const valid = spawnSync(cli, ["validate", file], { encoding: "utf8" });
      assert.equal(valid.status, 0, valid.stderr);
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      });
      const checked = JSON.parse(spawnSync(cli, ["charter", "check", file, "--format", "json", "--today", today], { encoding: "utf8" }).stdout);
      assert.deepEqual(
        shown.map((f) => f.replace(/^(Error|Warning|Note) /, "").split(" What to do:")[0]),
        checked.diagnostics.map((d) => d.message),
      );
      const charter = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(charter.coProduction, { participants: 40, methods: ["short survey", "youth group meetings"] });
      assert.deepEqual(charter.standards[0].measures, [{ id: "seen-within-4-weeks", kind: "kpi", description: "% seen within 4 weeks of referral", target: 90, tolerance: 5 }]);
      assert.deepEqual(charter.standards[1].measures, [{ id: "explained-clearly", kind: "feedback", question: "Staff explained things in a way I could understand.", target: 80, tolerance: 10 }]);

      // Shortened: the finding goes, and the line beside it no longer says it is hard to read.
      await young.fill(SHORT);
      assert.equal(await standard(1).locator(".reading").innerText(), `Reading age 4.4, longest sentence 7 words ${AIM}.`);
      await page.waitForFunction(() => !document.querySelector("engage-charter-editor").shadowRoot.textContent.includes("needs a reading age of about"));
      assert.deepEqual(await findings(), []);

      // Reordering by keyboard-reachable buttons: the second standard moves up, first.
      await standard(1).getByRole("button", { name: "Move up standard 2" }).click();
      assert.equal(await standard(0).locator("legend").first().innerText(), "Standard 1: PC2");
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.textContent), "Standard 1: PC2");
      // A measure removed: its row goes, the standard stays.
      await standard(1).getByRole("button", { name: "Remove measure 1 of standard 2" }).click();
      assert.equal(await standard(1).locator("fieldset.measure").count(), 0);
      // With no measure left, the focus is on the button that adds one.
      assert.equal(await editor.evaluate((w) => w.shadowRoot.activeElement?.getAttribute("aria-label")), "Add a measure to standard 2");
      assert.deepEqual(await axeViolations(page), []);
      assert.ok((await widthAt320(page)) <= 320, "fits 320px");
      await screenshots(page, "charter-edit-built");

      // Another tab changes the draft: this one takes its version in, and says so.
      const other = await openPage(demo.browser.context, demo.strictBase + "charter-edit.html");
      await other.locator("engage-charter-editor").getByLabel("Title", { exact: true }).fill("Our charter, changed in another tab");
      await other.close();
      await page.waitForFunction(() => document.querySelector("engage-charter-editor").shadowRoot.textContent.includes("This was changed in another tab"));
      assert.equal(await editor.getByLabel("Title", { exact: true }).inputValue(), "Our charter, changed in another tab");
      // The browser's storage full: the page says so, and how not to lose the work.
      await page.evaluate(() => {
        Storage.prototype.setItem = () => {
          throw new DOMException("full", "QuotaExceededError");
        };
      });
      await editor.getByLabel("When (optional)").fill("January to March 2026");
      await editor.getByText("Your charter could not be saved in this browser because its storage is full: download it (JSON) before you close the page.").waitFor();

      // The example: seven standards, every statement for younger readers within the limits.
      await editor.getByRole("button", { name: "Start from the example" }).click();
      await page.waitForFunction(() => document.querySelector("engage-charter-editor").shadowRoot.querySelectorAll("fieldset.standard").length === 7);
      assert.equal(await editor.getByLabel("Short name").inputValue(), "cyp-mental-health");
      assert.equal(await editor.locator(".reading .tag").count(), 0);
      // The charter downloaded opens again from its file, as it was downloaded.
      await editor.getByLabel("Or open a charter").setInputFiles(file);
      await editor.getByText(/ is open: 2 standards\./).waitFor();
      assert.equal(await editor.getByLabel("Title", { exact: true }).inputValue(), "Our charter for young people's mental health");
      assert.equal(await young.inputValue(), HARD);
      assert.deepEqual(page.problems, []);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });
});
