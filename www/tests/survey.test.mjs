// The survey area's pages in Chromium: what people told us (www/results.html, the Swale worked
// example's summary) and "You said, we did" (www/you-said-we-did.html). The general checks of
// every demo page (axe, 320px, screenshots, no console error) are in widgets.test.mjs and, under
// the strict policy, csp.test.mjs; here, what the pages say, against counts made by hand from
// examples/swale-minor-injuries.responses.csv (48 rows, one per response).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { openPage, screenshots } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

/** The rows of the `nth` table (from 0) captioned `caption` in the widget: [row header, cells...]. */
function tableRows(page, selector, caption, nth = 0) {
  return page.locator(selector).evaluate(
    (w, [caption, nth]) => {
      const table = [...w.shadowRoot.querySelectorAll("table")].filter((t) => t.caption?.textContent === caption)[nth];
      if (!table) return null;
      return [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim()));
    },
    [caption, nth],
  );
}

/** The widget's text, spaces collapsed. */
async function text(page, selector) {
  const t = await page.locator(selector).evaluate((w) => w.shadowRoot.querySelector("section").innerText);
  return t.replace(/\s+/g, " ");
}

const USED = "Have you used the minor injuries service at the community hospital in the last two years?";
const TRAVEL = "How would you get to the urgent treatment centre in the evening? Choose all that apply.";
const AGE = "How old are you?";
const AREA = "Where do you live?";
const AGREE = "How far do you agree with the proposal to move evening appointments (6pm to 10pm) to the urgent treatment centre?";

describe("the survey pages", { timeout: 180_000 }, () => {
  const demo = useDemoBrowser();

  test("results.html: the counts are the CSV's, and every small count (and its partner) reads “not shown”", async () => {
    const page = await openPage(demo.browser.context, demo.base + "results.html");
    try {
      const w = "engage-survey-results";
      assert.equal(await page.locator(w).getAttribute("data-state"), "ready");
      const all = await text(page, w);
      assert.match(all, /48 people responded\./);
      assert.match(all, /counts of fewer than 5 are not shown, nor one more count where a single hidden one could be worked out/);

      // used: Yes 30 of 48 = 62.5%; Not sure 2 (SW1004, SW1005) is under 5; No 16 is the smallest
      // other count, hidden with it, since 48 - 30 would give it away.
      assert.deepEqual(await tableRows(page, w, USED), [
        ["Yes", "30", "62.5%"],
        ["No", "not shown", "not shown"],
        ["Not sure", "not shown", "not shown"],
      ]);
      // travel (multiple): 42 answered (6 blank: SW1005, 1008, 1013, 1019, 1022, 1027); Car 21 =
      // 50.0%, Bus 9 = 21.4%, Lift 10 = 23.8%, could not get there 5 = 11.9%; Taxi 1 (SW1010) and
      // Walk or cycle 4 are under 5. Choices are not a partition: nothing else is hidden.
      assert.deepEqual(await tableRows(page, w, TRAVEL), [
        ["Car", "21", "50.0%"],
        ["Bus", "9", "21.4%"],
        ["Taxi", "not shown", "not shown"],
        ["Lift from family or friends", "10", "23.8%"],
        ["Walk or cycle", "not shown", "not shown"],
        ["I could not get there", "5", "11.9%"],
      ]);
      // age: Under 25 3, Prefer not to say 2: two small counts hide each other.
      assert.deepEqual(await tableRows(page, w, AGE), [
        ["Under 25", "not shown", "not shown"],
        ["25 to 44", "11", "22.9%"],
        ["45 to 64", "17", "35.4%"],
        ["65 and over", "15", "31.3%"],
        ["Prefer not to say", "not shown", "not shown"],
      ]);
      // area: Elsewhere 2 (SW1004, SW1015) alone under 5, so Faversham 8, the next smallest, too.
      assert.deepEqual(await tableRows(page, w, AREA), [
        ["Sittingbourne", "21", "43.8%"],
        ["Isle of Sheppey", "17", "35.4%"],
        ["Faversham", "not shown", "not shown"],
        ["Elsewhere", "not shown", "not shown"],
      ]);
      // agree: 46 answered (SW1039 and SW1042 blank); 1 or Strongly disagree: 12; 2 or Disagree:
      // 8; 3 or Neither: 6; 4 or Agree: 12; 5 or Strongly agree: 8. Top two: 20 of 46 = 43.5%.
      assert.deepEqual(await tableRows(page, w, AGREE), [
        ["1 Strongly disagree", "12"],
        ["2 Disagree", "8"],
        ["3 Neither agree nor disagree", "6"],
        ["4 Agree", "12"],
        ["5 Strongly agree", "8"],
      ]);
      assert.match(all, /Agree \(the top two answers\) 43\.5% Average 2\.91 Middle answer \(median\) 3 /);
      // The bars say the same in text, and are hidden from assistive technology.
      const bars = await page.locator(w).evaluate((el) => [...el.shadowRoot.querySelectorAll(".bars")].map((b) => [b.getAttribute("aria-hidden"), b.textContent]));
      assert.ok(bars.length >= 7, `${bars.length} charts`);
      assert.ok(bars.every(([hidden]) => hidden === "true"));
      assert.ok(bars.some(([, t]) => t.includes("Car21 (50.0%)")), bars.map(([, t]) => t).join("\n"));
      // A share is drawn out of 100: Yes, 62.5% of those who answered, is not a full bar.
      const yes = await page.locator(w).evaluate((el) => el.shadowRoot.querySelector(".bars rect").getAttribute("width"));
      assert.equal(yes, "62.5%");
      // Representation: Under 25 and Faversham are hidden but flagged, in words.
      const ages = await tableRows(page, w, AGE, 1);
      // Under 25: 3 of 48 hidden, against 28% (flagged under though hidden); 45 to 64: 35.4 / 27 =
      // 1.31 and 65 and over: 31.3 / 20 = 1.57, above 1.25; 25 to 44: 22.9 / 25 = 0.92.
      assert.deepEqual(ages, [
        ["Under 25: Under-represented", "not shown", "28.0%"],
        ["25 to 44", "22.9%", "25.0%"],
        ["45 to 64: Over-represented", "35.4%", "27.0%"],
        ["65 and over: Over-represented", "31.3%", "20.0%"],
      ]);
      // Faversham: 8, hidden beside Elsewhere's 2, against 25%.
      assert.deepEqual((await tableRows(page, w, AREA, 1)).find((r) => r[0].startsWith("Faversham")), ["Faversham: Under-represented", "not shown", "25.0%"]);
      // The quotes, contact details removed by the core (SW1016's mobile number).
      assert.match(all, /Ring me on \[removed\] if you want to talk/);
      assert.doesNotMatch(all, /07700|example\.org|ME12/);
      await screenshots(page, "survey-results");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("results.html: a summary of another survey is an error naming its path", async () => {
    const page = await demo.browser.context.newPage();
    try {
      await page.goto(demo.base + "results.html");
      const error = await page.evaluate(async () => {
        const w = document.createElement("engage-survey-results");
        w.setAttribute("survey", "/examples/swale-minor-injuries.survey.json");
        const summary = await (await fetch("/examples/swale-minor-injuries.summary.json")).json();
        summary.questions[0].answerd = 1;
        const s = document.createElement("script");
        s.type = "application/json";
        s.textContent = JSON.stringify(summary);
        w.append(s);
        document.querySelector("main").append(w);
        await new Promise((resolve) => w.addEventListener("engage-error", resolve, { once: true }));
        return w.shadowRoot.querySelector("[role=alert]").innerText.replace(/\s+/g, " ");
      });
      assert.match(error, /unknown-field/);
      assert.match(error, /questions\[0\]\.answerd/);
    } finally {
      await page.close();
    }
  });

  test("results: a breakdown by area, and a question too few answered, from summaries the core makes in the page", async () => {
    const page = await demo.browser.context.newPage();
    try {
      await page.goto(demo.base + "results.html");
      const seen = await page.evaluate(async () => {
        const core = await import("/dist/engagekit-survey.js");
        await core.default();
        const survey = await (await fetch("/examples/swale-minor-injuries.survey.json")).text();
        const csv = await (await fetch("/examples/swale-minor-injuries.responses.csv")).text();
        const show = async (summary) => {
          const w = document.createElement("engage-survey-results");
          w.setAttribute("survey", "/examples/swale-minor-injuries.survey.json");
          const s = document.createElement("script");
          s.type = "application/json";
          s.textContent = JSON.stringify(summary);
          w.append(s);
          document.querySelector("main").append(w);
          await new Promise((resolve) => w.addEventListener("engage-ready", resolve, { once: true }));
          return w.shadowRoot;
        };
        const byArea = await show(core.summariseSurvey(survey, csv, { by: "area" }));
        // Only those who have not used the service: the rows whose third field is "No".
        const lines = csv.trimEnd().split("\n");
        const noRows = [lines[0], ...lines.slice(1).filter((l) => l.split(",")[2] === "No")].join("\n");
        const notUsed = await show(core.summariseSurvey(survey, noRows));
        return {
          groups: [...byArea.querySelectorAll("details > summary")].map((x) => x.textContent),
          hiddenGroups: [...byArea.querySelectorAll(".question > p.not-shown")].map((x) => x.textContent),
          notUsed: notUsed.querySelector("section").innerText.replace(/\s+/g, " "),
        };
      });
      // Sittingbourne 21, Isle of Sheppey 17; Elsewhere's 2 and Faversham's 8 are hidden in the
      // area question, so those groups show nothing.
      assert.deepEqual(seen.groups, ["Sittingbourne: 21 people", "Isle of Sheppey: 17 people"]);
      assert.deepEqual(seen.hiddenGroups.map((t) => t.split(":")[0]), ["Faversham", "Elsewhere"]);
      // 16 said No; of them only SW1007 answered "When did you last use it?": 1, fewer than 5.
      assert.match(seen.notUsed, /16 people responded\./);
      assert.match(seen.notUsed, /When did you last use it\? Fewer than 5 people answered: not shown\./);
    } finally {
      await page.close();
    }
  });

  test("you-said-we-did.html on 1 July 2018: grouped by status, the reason why not, the overdue item", async () => {
    const page = await openPage(demo.browser.context, demo.base + "you-said-we-did.html");
    try {
      const w = "engage-you-said-we-did";
      assert.equal(await page.locator(w).getAttribute("data-state"), "ready");
      const all = await text(page, w);
      // YSWD3 and YSWD4 planned, YSWD1 in progress, YSWD5 done, YSWD2 not possible.
      assert.match(all, /Planned: 2 items In progress: 1 item Done: 1 item Not possible: 1 item/);
      const headings = await page.locator(w).evaluate((el) => [...el.shadowRoot.querySelectorAll("h3")].map((h) => h.textContent));
      assert.deepEqual(headings, ["Planned", "In progress", "Done", "Not possible"]);
      const notPossible = await page.locator(w).evaluate((el) => el.shadowRoot.querySelector(".item--not-possible").innerText.replace(/\s+/g, " "));
      assert.match(notPossible, /You said The last buses leave before the evening appointments end\./);
      // What is still to come is said as such: "We will" for planned work (YSWD3), "What we are
      // doing" for work in progress (YSWD1), "We did" for what is done (YSWD5).
      const said = (status) => page.locator(w).evaluate((el, s) => [...el.shadowRoot.querySelectorAll(`.item--${s} dt`)].map((dt) => dt.textContent), status);
      assert.deepEqual(await said("planned"), ["You said", "We will", "Due", "You said", "We will", "Due"]);
      assert.deepEqual((await said("in-progress")).slice(0, 2), ["You said", "What we are doing"]);
      assert.deepEqual((await said("done")).slice(0, 2), ["You said", "We did"]);
      assert.match(notPossible, /Why it cannot be done The county council funds the route and could not pay for a later bus this year/);
      // YSWD4 was due on 31 May 2018: 30 days of June and 1 July make it 31 days late. YSWD1
      // (30 September) and YSWD3 (31 October) are not yet due.
      assert.match(all, /Warning: Overdue.*item "YSWD4" is planned and was due on 2018-05-31, 31 days before 2018-07-01/);
      assert.equal((all.match(/Overdue/g) ?? []).length, 1);
      assert.doesNotMatch(all, /Reason missing/);
      await screenshots(page, "survey-you-said-we-did");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("you-said-we-did: a not-possible item without a reason is shown with the error", async () => {
    const page = await demo.browser.context.newPage();
    try {
      await page.goto(demo.base + "you-said-we-did.html");
      const said = await page.evaluate(async () => {
        const w = document.createElement("engage-you-said-we-did");
        w.setAttribute("today", "2018-07-01");
        const doc = await (await fetch("/examples/swale-minor-injuries.outcomes.json")).json();
        delete doc.items[1].reason;
        const s = document.createElement("script");
        s.type = "application/json";
        s.textContent = JSON.stringify(doc);
        w.append(s);
        document.querySelector("main").append(w);
        await new Promise((resolve) => w.addEventListener("engage-ready", resolve, { once: true }));
        return w.shadowRoot.querySelector(".item--not-possible").innerText.replace(/\s+/g, " ");
      });
      assert.match(said, /Error: Reason missing/);
      assert.match(said, /item "YSWD2" is not possible and gives no reason/);
      assert.doesNotMatch(said, /Why it cannot be done/);
    } finally {
      await page.close();
    }
  });
});
