// The widgets of dist/ in Debian's Chromium: every demo page loads with no console errors, shows
// what a person should see (expected values worked out by hand from examples/, not from the code),
// passes axe-core's full default rule set, fits 320px, and leaves screenshots at 390px and 1280px
// in test-output/. A plain CMS-like page served from a copy of dist/ alone works too.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { axeViolations, launch, openPage, repo, screenshots, startedAfresh, startStaticServer, widgetsSettled, widthAt320 } from "./lib/browser.mjs";
import { assertBuilt, useDemoBrowser } from "./lib/suite.mjs";
import { evaluationDoc } from "../../pkg-tests/bench/workloads.mjs";

const DEMO_PAGES = ["partner.html", "strict-csp.html", "timeline-only.html", "report.html", "report-check.html", "charter.html", "panel.html", "moderation.html", "plan.html", "setup.html", "charter-edit.html", "cms-editors.html", "cms-page.html", "results.html", "you-said-we-did.html"];
const require = createRequire(import.meta.url);

/**
 * The visible text of a widget's shadow root, spaces collapsed. What is not drawn is not in it: a
 * moderation criterion off screen (content-visibility: auto) is read where a reader reads it,
 * scrolled to.
 */
async function widgetText(page, selector) {
  const text = await page.locator(selector).first().evaluate((w) =>
    [...w.shadowRoot.children].filter((c) => c.localName !== "style").map((c) => c.innerText).join("\n"),
  );
  return text.replace(/\s+/g, " ");
}

/**
 * The moderation demo page showing `doc` in place of its example, opened in a new page of the
 * suite's browser with nothing saved: `page.problems` collects page errors and console errors.
 */
async function moderationPage(demo, doc) {
  const page = await demo.browser.context.newPage();
  page.problems = [];
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => msg.type() === "error" && page.problems.push(`console: ${msg.text()}`));
  await page.route("**/examples/cyp-mental-health.evaluation.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(doc) }));
  try {
    await page.goto(demo.base + "moderation.html");
    await startedAfresh(page, "engage-moderation");
  } catch (err) {
    await page.close();
    throw err;
  }
  return page;
}

/**
 * Scrolls a moderation criterion (`box`, a locator) into view and waits until it is drawn: with
 * content-visibility: auto the browser draws it at the frame after it comes into view.
 */
async function scrolledTo(box) {
  await box.scrollIntoViewIfNeeded();
  await box.evaluate(
    (b) =>
      new Promise((resolve, reject) => {
        const until = performance.now() + 5000;
        const drawn = () => {
          if (b.firstElementChild.checkVisibility({ contentVisibilityAuto: true })) resolve();
          else if (performance.now() > until) reject(new Error("the criterion is in view but not drawn"));
          else requestAnimationFrame(drawn);
        };
        drawn();
      }),
  );
}

describe("the widgets on the demo pages", { timeout: 300_000 }, () => {
  const demo = useDemoBrowser();

  for (const name of DEMO_PAGES) {
    test(`${name}: loads with no console errors, zero axe violations, fits 320px`, async () => {
      const page = await openPage(demo.browser.context, demo.base + name);
      try {
        assert.equal(await page.locator("h1").count(), 1, "one h1, the page's own");
        assert.equal(await page.locator("main").count(), 1, "one main, the page's own");
        // Widgets emit no <main> and no <h1>.
        const inside = await page.evaluate(() =>
          [...document.querySelectorAll("*")]
            .filter((e) => e.localName.startsWith("engage-"))
            .reduce((n, w) => n + w.shadowRoot.querySelectorAll("main, h1, [role=main]").length, 0),
        );
        assert.equal(inside, 0, "a widget emits main or h1");
        assert.deepEqual(await axeViolations(page), []);
        const width = await widthAt320(page);
        assert.ok(width <= 320, `${name} is ${width}px wide at 320px`);
        await screenshots(page, `widgets-${name.replace(/\.html$/, "")}`);
        const expectErrors = name === "cms-editors.html" ? 1 : 0;
        assert.equal(await page.locator("[data-state=error]").count(), expectErrors, "widgets in the error state");
        assert.deepEqual(page.problems, []);
      } finally {
        await page.close();
      }
    });
  }

  test("at 390 px the tables that are shown fit: the ranking's totals are in view, not behind a scroll", async () => {
    const checked = {};
    for (const name of DEMO_PAGES) {
      const page = await openPage(demo.browser.context, demo.base + name);
      try {
        await page.setViewportSize({ width: 390, height: 800 });
        await page.waitForTimeout(100);
        // Every table box shown in every widget, nested widgets' too.
        const { boxes, errors } = await page.evaluate(() => {
          const widgets = [];
          const walk = (root) => {
            for (const e of root.querySelectorAll("*")) {
              if (e.localName.startsWith("engage-") && e.shadowRoot) {
                widgets.push(e);
                walk(e.shadowRoot);
              }
            }
          };
          walk(document);
          const boxes = widgets
            .flatMap((w) => [...w.shadowRoot.querySelectorAll(".scroll")])
            .filter((box) => box.checkVisibility())
            .map((box) => ({ caption: box.querySelector("caption")?.textContent ?? "a table", width: box.scrollWidth, room: box.clientWidth }));
          return { boxes, errors: widgets.filter((w) => w.dataset.state === "error").length };
        });
        assert.equal(errors, name === "cms-editors.html" ? 1 : 0, `${name}: widgets in the error state`);
        const hidden = boxes.filter((b) => b.width > b.room).map((b) => `${b.caption}: ${b.width} px in ${b.room}`);
        assert.deepEqual(hidden, [], name);
        checked[name] = boxes.map((b) => b.caption);
        assert.deepEqual(page.problems, [], name);
      } finally {
        await page.close();
      }
    }
    // Not a pass for want of tables: the pages with tables had theirs checked.
    assert.ok(checked["moderation.html"].includes("Ranking of the bids"), JSON.stringify(checked["moderation.html"]));
    assert.ok(checked["results.html"].length >= 5, JSON.stringify(checked["results.html"]));
  });

  test("partner page: the stroke plan on 1 March 2018 is open, with 57 days left", async () => {
    const page = await openPage(demo.browser.context, demo.base + "partner.html");
    try {
      const timeline = await widgetText(page, "#stroke-timeline");
      // Stage: the consultation (2 February to 27 April 2018) is running.
      assert.match(timeline, /Stage: open/);
      // 1 March to 27 April 2018: 30 days to 31 March, then 27 = 57.
      assert.match(timeline, /57 days left/);
      assert.match(timeline, /Closes Friday 27 April 2018/);
      // The current stage is marked for screen readers too.
      const current = await page.locator("#stroke-timeline").evaluate((w) => w.shadowRoot.querySelector('[aria-current="step"]').textContent);
      assert.match(current, /Open/);
      // Next key date: the Medway listening event on Thursday 8 March 2018.
      assert.match(timeline, /Thursday 8 March 2018/);
      // show-findings: the consultation and its questionnaire (2 February to 27 April 2018) run over
      // Easter 2018 (Good Friday 30 March to Easter Monday 2 April) and are open when the local
      // elections' pre-election period starts on 26 March 2018 (to 3 May: 39 days).
      assert.doesNotMatch(timeline, /No problems found/);
      assert.match(timeline, /holiday-overlap/);
      assert.match(timeline, /consultation-in-pre-election-period/);
      assert.match(timeline, /extending it by 39 days/);
      // The chart has its text alternative: a table of all 22 activities.
      assert.equal(await page.locator("#stroke-timeline table tbody tr").count(), 22);
      assert.equal(await page.locator("#stroke-timeline svg[role=img]").count(), 1);
      // heading-level="3": the widget's title is an h3.
      assert.equal(await page.locator("#stroke-timeline h3").first().textContent(), "Kent and Medway stroke services review");

      const medway = await widgetText(page, "#medway-timeline");
      // 22 November 2016: the consultation starts in September 2017.
      assert.match(medway, /Stage: forthcoming/);
      // Outreach runs to 2 December 2016: 10 days on.
      assert.match(medway, /10 days left/);

      const surveys = page.locator("engage-survey-status");
      const stroke = await widgetText(page, "engage-survey-status >> nth=0");
      assert.match(stroke, /Closes in 57 days \(Friday 27 April\)/);
      // The last count on or before 1 March 2018 is 640 (16 February).
      assert.match(stroke, /640 responses so far/);
      // 640 of 5,000 is 12.80%.
      assert.match(stroke, /640 of 5,000 \(12\.80%\)/);
      // 640 x 85 days / 15 days = 3,626.67: about 3,627.
      assert.match(stroke, /about 3,627 responses by the close, short of the target of 5,000/);
      const bar = surveys.nth(0).getByRole("progressbar", { name: "Responses towards the target of 5,000" });
      assert.equal(await bar.getAttribute("value"), "640");

      const medwaySurvey = await widgetText(page, "engage-survey-status >> nth=1");
      // 22 November to Monday 5 December 2016: 13 days.
      assert.match(medwaySurvey, /Closes in 13 days \(Monday 5 December\)/);
      assert.match(medwaySurvey, /136 responses so far/);
      // 136 x 36 / 23 = 212.87: about 213, above the target of 200.
      assert.match(medwaySurvey, /about 213 responses by the close, above the target of 200/);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("report page: contents, figures table and headings from level 2; contents links move the focus", async () => {
    const page = await openPage(demo.browser.context, demo.base + "report.html");
    try {
      const report = page.locator("engage-report");
      assert.equal(await report.locator("h2").first().textContent(), "Communications and engagement progress report December 2016");
      await report.getByRole("navigation", { name: "Contents" }).waitFor();
      // The example gives ten figures.
      assert.equal(await report.locator("table.engage-report-figures tbody tr").count(), 10);
      await report.getByRole("link", { name: "6.1 Joint Health Overview and Scrutiny Committee" }).click();
      const focused = await report.evaluate((w) => w.shadowRoot.activeElement?.textContent);
      assert.equal(focused, "6.1 Joint Health Overview and Scrutiny Committee");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("report checker: the pasted report's faults are listed beside their lines", async () => {
    const page = await openPage(demo.browser.context, demo.base + "report-check.html");
    try {
      const widget = page.locator("engage-report-check");
      await widget.getByRole("button", { name: "Check the report" }).click();
      await widget.getByRole("heading", { name: "7 findings to look at" }).waitFor();
      const text = await widgetText(page, "engage-report-check");
      // Errors: a 2019 event told in the past in a March 2017 report, "at and", 1.3 after 1.1,
      // "www. medwayccg"; warnings: "the the", "..", 40 + 30 + 20 = 90.
      assert.match(text, /4 errors and 3 warnings, on 5 lines/);
      for (const line of [4, 7, 9, 10, 11]) assert.match(text, new RegExp(`Line ${line}\\b`));
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "widgets-report-check-results");
      // An empty box is an error with role=alert.
      await widget.getByLabel("Report text").fill("");
      await widget.getByRole("button", { name: "Check the report" }).click();
      await widget.getByRole("alert").getByText("Paste the text of a report").waitFor();
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("charter dashboard: ratings in words, suppressed results as fewer than 5 responses", async () => {
    const page = await openPage(demo.browser.context, demo.base + "charter.html");
    try {
      const text = await widgetText(page, "engage-charter-dashboard");
      // PC1: 86.4% seen within 4 weeks against a target with amber tolerance; PC3: 66.67% had a say.
      assert.match(text, /PC1: Access Amber/);
      assert.match(text, /PC3: Involvement Red/);
      assert.match(text, /PC2: Communication Green/);
      // PC7: parents' question answered by fewer than 5.
      assert.match(text, /PC7: Families Not shown: fewer than 5 responses/);
      assert.match(text, /66\.67% agree \(42 answered\)/);
      assert.match(text, /Better than last period/);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("charter feedback form: answered with the keyboard alone, the response is dispatched", async () => {
    const page = await openPage(demo.browser.context, demo.base + "charter.html");
    try {
      await page.evaluate(() => {
        document.addEventListener("engage-feedback", (e) => (window.feedback = e.detail));
      });
      const form = page.locator("engage-charter-feedback");
      await form.getByText("Question 1 of 6").waitFor();
      // From the top of the page, Tab until a face has the focus (through the skip link, the
      // page's links and the dashboard).
      await page.evaluate(() => document.activeElement?.blur());
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        if (await form.evaluate((w) => w.shadowRoot.activeElement?.type === "radio")) break;
      }
      const answers = [4, 5, 2, 3, 4, 1];
      for (let q = 0; q < answers.length; q++) {
        await form.getByText(`Question ${q + 1} of 6`).waitFor();
        if (q > 0) await page.keyboard.press("Tab"); // from the question's heading to the first face
        // The first arrow key picks a face in Chromium; then move to the answer.
        await page.keyboard.press("Space");
        for (let k = 1; k < answers[q]; k++) await page.keyboard.press("ArrowRight");
        const checked = await form.evaluate((w) => w.shadowRoot.querySelector("input:checked")?.value);
        assert.equal(checked, String(answers[q]), `question ${q + 1}`);
        if (q === 0) await screenshots(page, "widgets-feedback-focus");
        await page.keyboard.press("Tab"); // to Next / Send my answers
        const label = await form.evaluate((w) => w.shadowRoot.activeElement?.textContent);
        assert.equal(label, q === answers.length - 1 ? "Send my answers" : "Next");
        await page.keyboard.press("Enter");
      }
      await form.getByRole("heading", { name: "Thank you" }).waitFor();
      assert.equal(await form.evaluate((w) => w.shadowRoot.activeElement?.textContent), "Thank you");
      const response = await page.evaluate(() => window.feedback);
      assert.deepEqual(response, {
        answers: {
          "explained-clearly": 4,
          "say-in-care": 5,
          "welcoming-place": 2,
          "ready-for-adult-services": 3,
          "knew-who-to-contact": 4,
          "parents-listened-to": 1,
        },
        submitted: "2025-07-01",
      });
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "widgets-feedback-done");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("score card: a whole scoring session by keyboard alone, the draft survives a reload, the CSV merges", async () => {
    const doc = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
    // E1 is a young person: of Q1 to Q7 the example lets young people score Q2, Q3, Q4 and Q6,
    // and E1 has no conflict, so 4 bids x 4 criteria = 16 scores.
    const criteria = ["Q2", "Q3", "Q4", "Q6"];
    const bids = ["B1", "B2", "B3", "B4"];
    const plan = bids.flatMap((bid, b) => criteria.map((criterion, c) => ({ bid, criterion, score: (b + c) % 5, rationale: `${bid} ${criterion}: reason ${b}${c}` })));
    // CSV injection (issue 16): reasons typed as formulas must stay text in the downloaded sheet.
    plan[0].rationale = '=HYPERLINK("http://evil.example","click")';
    plan[1].rationale = "- good plan, thin on transition";
    plan[2].rationale = "@SUM(1+1)";
    plan[3].rationale = "+44 helpline at night";
    let page = await openPage(demo.browser.context, demo.base + "panel.html");
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await widgetsSettled(page);
    const card = () => page.locator("engage-scorecard");
    const active = () =>
      card().evaluate((w) => {
        const a = w.shadowRoot.activeElement;
        if (!a) return null;
        return { tag: a.localName, type: a.type ?? null, text: a.textContent, legend: a.closest("fieldset")?.querySelector("legend")?.textContent ?? null, checked: a.checked ?? null, value: a.value ?? null };
      });
    /** Presses Tab until the focused element inside the score card passes `test`. */
    async function tabUntil(what, test) {
      for (let i = 0; i < 40; i++) {
        const a = await active();
        if (a && test(a)) return a;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${what}`);
    }
    const text = await widgetText(page, "engage-scorecard");
    assert.match(text, /0 of 16 scores given/);
    assert.doesNotMatch(text, /Q1: Clinical model/, "E1 may not score Q1 (clinicians and commissioners only)");
    // Nobody's scores are shown: not even E5's rationale for B1 Q1, nor E1's own from the document.
    for (const s of doc.scores.filter((x) => x.rationale)) assert.ok(!text.includes(s.rationale), `a score of ${s.evaluator} is shown`);

    await page.evaluate(() => document.activeElement?.blur());
    let bidIndex = 0;
    for (const [i, step] of plan.entries()) {
      if (bids.indexOf(step.bid) !== bidIndex) {
        await tabUntil("Next bid", (a) => a.tag === "button" && a.text === "Next bid");
        await page.keyboard.press("Enter");
        bidIndex = bids.indexOf(step.bid);
        assert.match((await active()).text, new RegExp(`^Bid ${bidIndex + 1} of 4: .*\\(${step.bid}\\)$`));
      }
      const radio = await tabUntil(`the scores of ${step.criterion}`, (a) => a.type === "radio" && a.legend?.startsWith(`${step.criterion}:`));
      if (!radio.checked) await page.keyboard.press("Space");
      const now = Number((await active()).value);
      for (let k = now; k < step.score; k++) await page.keyboard.press("ArrowRight");
      for (let k = now; k > step.score; k--) await page.keyboard.press("ArrowLeft");
      const chosen = await active();
      assert.equal(chosen.checked && Number(chosen.value), step.score, `${step.bid} ${step.criterion}`);
      await page.keyboard.press("Tab");
      assert.equal((await active()).tag, "textarea");
      await page.keyboard.type(step.rationale);
      if (i === 5) {
        // Mid-way (bid B2, second criterion): reload, and find the draft as it was.
        await page.reload();
        await widgetsSettled(page);
        const after = await widgetText(page, "engage-scorecard");
        assert.match(after, /6 of 16 scores given/);
        assert.match(after, /Bid 2 of 4: Kent and Medway Youth Wellbeing Alliance/);
        const kept = await card().evaluate((w) => [...w.shadowRoot.querySelectorAll("fieldset")].map((f) => [f.querySelector("input:checked")?.value ?? null, f.querySelector("textarea").value]));
        assert.deepEqual(kept.slice(0, 2), [[String(plan[4].score), plan[4].rationale], [String(plan[5].score), plan[5].rationale]]);
        assert.deepEqual(kept.slice(2), [[null, ""], [null, ""]]);
        assert.deepEqual(await axeViolations(page), []);
        await screenshots(page, "widgets-panel-draft");
        await page.evaluate(() => document.activeElement?.blur());
      }
    }
    assert.match(await widgetText(page, "engage-scorecard"), /16 of 16 scores given/);
    await tabUntil("the CSV download", (a) => a.tag === "button" && a.text === "Download score sheet (CSV)");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    assert.equal(download.suggestedFilename(), "scoresheet-E1.csv");
    const csv = readFileSync(await download.path(), "utf8");
    // No cell starts a formula: each typed formula is written as text, behind Excel's "'" mark.
    assert.doesNotMatch(csv, /(^|,)"?[=+\-@]/m);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`), csv);
    assert.ok(csv.includes(`"'- good plan, thin on transition"`) && csv.includes(",'@SUM(1+1)") && csv.includes(",'+44 helpline at night"), csv);
    // The core reads the sheet back: exactly the 16 scores given, with their reasons.
    const engagekit = require(path.join(repo, "pkg", "node", "engagekit.js"));
    const merged = engagekit.mergeScoresheets({ ...doc, scores: [], consensus: [] }, [{ name: "scoresheet-E1.csv", text: csv }]);
    const got = merged.scores.map((s) => ({ bid: s.bid, criterion: s.criterion, score: s.score, rationale: s.rationale }));
    const sort = (xs) => [...xs].sort((p, q) => `${p.bid}${p.criterion}`.localeCompare(`${q.bid}${q.criterion}`));
    assert.deepEqual(sort(got), sort(plan));
    assert.ok(merged.scores.every((s) => s.evaluator === "E1"));
    await card().getByText("Score sheet downloaded, with every score.").waitFor();
    assert.deepEqual(page.problems, []);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  test("score card: a conflict of interest removes that bid; a role that does not score is told so", async () => {
    const page = await openPage(demo.browser.context, demo.base + "panel.html");
    try {
      const card = page.locator("engage-scorecard");
      // E4, a parent representative, declared a conflict in B2. Parent representatives score
      // Q2, Q3 and Q6: 3 criteria x 3 bids (B1, B3, B4) = 9.
      await card.evaluate((w) => w.setAttribute("evaluator", "E4"));
      await widgetsSettled(page);
      let text = await widgetText(page, "engage-scorecard");
      assert.match(text, /Scoring as E4 \(parent representative\)/);
      assert.match(text, /You declared a conflict of interest in B2 \(Kent and Medway Youth Wellbeing Alliance.*\): you do not score it, as ICB Conflicts of Interest Guardian decided\./);
      assert.match(text, /0 of 9 scores given/);
      assert.equal(await card.getByRole("button", { name: /^B2:/ }).count(), 0);
      // Without the recorded decision, a conflict in one bid takes E4 out of the scoring altogether
      // (issue 15): the card offers no bid and says why.
      await page.evaluate(async () => {
        const doc = await (await fetch(document.querySelector("engage-scorecard").getAttribute("src"))).json();
        delete doc.panel.find((m) => m.id === "E4").conflictManaged;
        const unmanaged = document.createElement("engage-scorecard");
        unmanaged.id = "unmanaged";
        unmanaged.setAttribute("evaluator", "E4");
        const data = document.createElement("script");
        data.type = "application/json";
        data.textContent = JSON.stringify(doc).replace(/</g, "\\u003c");
        unmanaged.append(data);
        document.querySelector("engage-scorecard").after(unmanaged);
      });
      await widgetsSettled(page);
      const unmanaged = page.locator("#unmanaged");
      assert.match(await widgetText(page, "#unmanaged"), /no recorded decision manages it: you take no part in scoring this procurement/);
      assert.equal(await unmanaged.getByRole("button", { name: /^B1:/ }).count(), 0);
      await unmanaged.evaluate((w) => w.remove());
      // E8 works in procurement: a role that never scores.
      await card.evaluate((w) => w.setAttribute("evaluator", "E8"));
      await widgetsSettled(page);
      text = await widgetText(page, "engage-scorecard");
      assert.match(text, /As procurement, you do not score any criterion/);
      // An id that is not on the panel is an alert.
      await card.evaluate((w) => w.setAttribute("evaluator", "E99"));
      await widgetsSettled(page);
      assert.match(await card.getByRole("alert").innerText(), /No panel member has the id "E99"/);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("moderation: import a sheet, see the divergence, record a consensus with its reason, find it after a reload", async () => {
    const example = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
    // Before moderation: no consensus yet, and E2's sheet not yet imported.
    const before = { ...example, consensus: [], scores: example.scores.filter((s) => s.evaluator !== "E2") };
    const e2 = example.scores.filter((s) => s.evaluator === "E2");
    const engagekit = require(path.join(repo, "pkg", "node", "engagekit.js"));
    // E2's blank sheet from the core, filled in as E2 would in Excel: score and rationale last.
    const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const sheet = engagekit
      .scoresheet(before, { evaluator: "E2" })
      .split("\r\n")
      .map((line, i) => {
        if (i === 0 || !line) return line;
        const [, bid, , criterion] = line.match(/^([^,]*),([^,]*),/) ? line.split(",") : [];
        const score = e2.find((s) => s.bid === bid && s.criterion === criterion);
        return score ? line.replace(/,,$/, `,${score.score},${quote(score.rationale ?? "")}`) : line;
      })
      .join("\r\n");
    const page = await moderationPage(demo, before);
    try {
      const widget = page.locator("engage-moderation");
      assert.match(await widgetText(page, "engage-moderation"), new RegExp(`${before.scores.length} scores from 6 evaluators`));

      await widget.locator("input[type=file]").setInputFiles({ name: "scoresheet-E2.csv", mimeType: "text/csv", buffer: Buffer.from(sheet) });
      await widget.getByText(`Imported 1 score sheet: ${e2.length} scores added.`).waitFor();
      let text = await widgetText(page, "engage-moderation");
      assert.match(text, new RegExp(`${example.scores.length} scores from 7 evaluators; 1 criterion to moderate`));
      // B3 on Q3: young people and parents scored 4, 3, 2 and 3, a spread of 2 (the threshold).
      const block = widget.locator(".criterion--flag");
      assert.equal(await block.count(), 1);
      await scrolledTo(block);
      assert.match((await block.innerText()).replace(/\s+/g, " "), /Needs moderation The scores range over 2: agree a consensus score/);
      assert.equal(await block.locator("svg.dots circle").count(), 4);
      assert.match(await block.innerText(), /^Q3: Experience of care/);

      // A consensus without its reason is refused.
      await block.getByLabel("Consensus score for Q3").selectOption("2");
      await block.getByRole("button", { name: "Record the consensus score" }).click();
      await block.getByRole("alert").getByText("Give the rationale").waitFor();
      await block.getByLabel("Rationale agreed by the panel").fill("Agreed: strong on young people, no plan for parents and carers (PC7).");
      await block.getByRole("button", { name: "Record the consensus score" }).click();
      await widget.getByText("Consensus recorded for B3 on Q3: 2 (Satisfactory).").waitFor();
      assert.equal(await widget.evaluate((w) => w.shadowRoot.activeElement?.textContent), "Q3: Experience of care: meeting the children and young people's charter");
      assert.ok(await widget.evaluate((w) => {
        const r = w.shadowRoot.activeElement.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
      }), "the criterion's heading, focused, is in view");

      // The example's mean (3) gave B3 a quality of 51.525; a consensus of 2 takes off
      // 1/4 x 14 = 3.5: quality 48.025, price 20 (the lowest price of the bids that did not fail),
      // total 68.025, shown 68.03. Still third.
      const row = async () => (await widget.getByRole("row").filter({ hasText: "Harbour Community Health CIC (B3)" }).innerText()).replace(/\s+/g, " ");
      assert.match(await row(), /^3 Harbour Community Health CIC \(B3\) 48\.03 20\.00 68\.03 Ranked$/);
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "widgets-moderation-agreed");

      await page.reload();
      await widgetsSettled(page);
      text = await widgetText(page, "engage-moderation");
      assert.match(text, /Restored the moderation in progress from this browser/);
      assert.match(await row(), /68\.03/);
      const agreed = (await widget.locator(".criterion--agreed").textContent()).replace(/\s+/g, " ");
      assert.match(agreed, /Agreed Consensus 2 \(Satisfactory\): Agreed: strong on young people/);

      // A sheet that is not a score sheet is an alert, and changes nothing.
      await widget.locator("input[type=file]").setInputFiles({ name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("hello,world\r\n") });
      await widget.getByRole("alert").getByText("could not be imported").waitFor();
      assert.match(await row(), /68\.03/);
      assert.deepEqual(page.problems, []);
      await page.evaluate(() => localStorage.clear());
    } finally {
      await page.close();
    }
  });

  test("moderation: a criterion off screen is drawn when a reader comes to it, with all it holds, and the keyboard reaches it", async () => {
    const page = await openPage(demo.browser.context, demo.base + "moderation.html");
    try {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await widgetsSettled(page);
      const widget = page.locator("engage-moderation");
      // Every bid opened: 4 bids of 7 criteria, most of them below the fold.
      const closed = widget.locator("details[data-bid]:not([open]) > summary");
      while ((await closed.count()) > 0) await closed.first().click();
      const criteria = widget.locator(".criterion");
      assert.equal(await criteria.count(), 28);
      await page.evaluate(() => scrollTo(0, 0));
      // What each criterion holds, read from the document whether it is drawn or not.
      const holds = await criteria.evaluateAll((boxes) =>
        boxes.map((box) => [...box.querySelectorAll(".h-3, p, li, label, button")].map((e) => e.textContent.replace(/\s+/g, " ").trim()).filter(Boolean)),
      );
      // Off screen, a criterion is not drawn (content-visibility: auto)...
      assert.equal(await criteria.last().evaluate((box) => box.firstElementChild.checkVisibility({ contentVisibilityAuto: true })), false);
      assert.deepEqual(await axeViolations(page), []);
      // ...and scrolled to, it is, all of it: heading, final score, dot plot, every score, the form.
      for (const [i, words] of holds.entries()) {
        const box = criteria.nth(i);
        await scrolledTo(box);
        const seen = (await box.innerText()).replace(/\s+/g, " ");
        for (const w of words) assert.ok(seen.includes(w), `criterion ${i + 1} drawn without "${w}": ${seen}`);
        assert.ok(await box.locator("svg.dots").evaluate((dots) => dots.getBoundingClientRect().height > 0), `criterion ${i + 1}'s dot plot is drawn`);
      }
      // A keyboard user who tabs into a criterion that is off screen lands on its control, in view.
      await page.evaluate(() => scrollTo(0, 0));
      const form = widget.locator(".criterion form").last();
      const select = form.locator("select");
      assert.equal(await select.evaluate((s) => s.checkVisibility({ contentVisibilityAuto: true })), false, "the last form starts off screen, not drawn");
      await form.evaluate((f) => {
        // The control before it in the tab order, focused where it is (off screen too).
        const all = [...f.getRootNode().querySelectorAll("button, select, textarea, summary, input, [tabindex='0']")];
        all[all.indexOf(f.querySelector("select")) - 1].focus({ preventScroll: true });
      });
      await page.keyboard.press("Tab");
      assert.ok(await select.evaluate((s) => s.getRootNode().activeElement === s), "the Tab lands on the consensus score");
      assert.ok(await select.evaluate((s) => {
        const r = s.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
      }), "the focused control is in view");
      assert.match(await form.innerText(), /Consensus score for Q\d/);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("moderation: a consensus that moves its bid in the ranking leaves the focus on the criterion's heading, in view", async () => {
    // The redraw benchmark's panel (6 bids, 12 criteria, 10 evaluators): every bid open, with a
    // criterion to moderate, and B0 moving by one place, 12 criteria long, at each change.
    const doc = evaluationDoc(6, 12, 10);
    doc.consensus = [{ bid: "B0", criterion: "Q0", score: 2, rationale: "Agreed at the meeting." }];
    const page = await moderationPage(demo, doc);
    try {
      const widget = page.locator("engage-moderation");
      const form = widget.locator('form[data-key="B0|Q0"]');
      const place = () => widget.evaluate((w) => [...w.shadowRoot.querySelectorAll("details[data-bid]")].findIndex((d) => d.dataset.bid === "B0"));
      const places = new Set([await place()]);
      for (const score of ["3", "1", "3"]) {
        await form.locator("select").selectOption(score);
        await form.locator("textarea").fill(`Agreed: ${score}.`);
        await form.getByRole("button", { name: "Update the consensus score" }).click();
        await widget.getByText(`Consensus recorded for B0 on Q0: ${score} (${score}).`).waitFor();
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        places.add(await place());
        const focused = await widget.evaluate((w) => {
          const a = w.shadowRoot.activeElement;
          const r = a.getBoundingClientRect();
          return { text: a.textContent, inView: r.height > 0 && r.top >= 0 && r.bottom <= innerHeight };
        });
        assert.deepEqual(focused, { text: "Q0: Criterion 0", inView: true }, `after a consensus of ${score}`);
      }
      assert.ok(places.size > 1, "B0 moved in the ranking");
      assert.deepEqual(page.problems, []);
      await page.evaluate(() => localStorage.clear());
    } finally {
      await page.close();
    }
  });

  test("a broken document shows role=alert with its message, code and path", async () => {
    const page = await openPage(demo.browser.context, demo.base + "cms-editors.html");
    try {
      const alert = page.locator("#broken-timeline").getByRole("alert");
      const text = (await alert.innerText()).replace(/\s+/g, " ");
      assert.match(text, /"2016-02-30" is not a date/);
      assert.match(text, /Code invalid-date/);
      assert.match(text, /Path activities\[0\]\.start/);
    } finally {
      await page.close();
    }
  });
});

describe("a plain CMS-like page with nothing but a copy of dist/", { timeout: 120_000 }, () => {
  let site;
  let server;
  let base;
  let browser;

  before(async () => {
    assertBuilt("dist");
    site = mkdtempSync(path.join(tmpdir(), "engagekit-cms-"));
    cpSync(path.join(repo, "dist"), path.join(site, "wp-content", "engagekit"), { recursive: true });
    const plan = readFileSync(path.join(repo, "examples", "kent-medway-stroke.timeline.json"), "utf8");
    cpSync(path.join(repo, "examples", "medway-community-services.timeline.json"), path.join(site, "uploads", "medway.json"));
    writeFileSync(
      path.join(site, "index.html"),
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Have your say - NHS Example ICB</title>
<script type="module" src="wp-content/engagekit/engagekit-widgets.js"></script></head>
<body><main><h1>Have your say</h1>
<engage-timeline id="inline" today="2018-03-01"><script type="application/json">${plan}</script></engage-timeline>
<engage-survey-status id="fetched" src="uploads/medway.json" today="2016-11-22"></engage-survey-status>
<engage-timeline id="missing" src="uploads/no-such-plan.json"></engage-timeline>
</main></body></html>
`,
    );
    [server, base] = await startStaticServer(site);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test("one script tag: inline and fetched documents render, a missing one is an alert", async () => {
    const page = await openPage(browser.context, base, { allowHttpErrors: ["no-such-plan.json"] });
    try {
      await widgetsSettled(page);
      assert.match(await widgetText(page, "#inline"), /57 days left/);
      assert.match(await widgetText(page, "#fetched"), /Closes in 13 days \(Monday 5 December\)/);
      const alert = (await page.locator("#missing").getByRole("alert").innerText()).replace(/\s+/g, " ");
      assert.match(alert, /could not be loaded \(HTTP 404\)/);
      assert.match(alert, /Code load-failed/);
      assert.deepEqual(await axeViolations(page), []);
      await screenshots(page, "widgets-cms-copy");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });
});
