// Privacy (issue 9, part 6), in the core: a bidder's assessment summary never names an evaluator
// (by name or panel id), and a suppressed feedback result never shows its count or its value.
// The dashboard widget's side of suppression is in www/tests/privacy.test.mjs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { engagekit, repo } from "./engagekit.mjs";

const example = (name) => JSON.parse(readFileSync(path.join(repo, "examples", name), "utf8"));

test("assessment summaries name no evaluator, by name or by panel id, for every bid", () => {
  const doc = example("cyp-mental-health.evaluation.json");
  // Ellie M., Tom B., Karen W., Imran S., Dr Anna Whitfield, Gareth Lowe, Claire Benfield, Mark
  // Ellery; E1 to E8. Also E1's chaperone (Rachel Dunn).
  const names = doc.panel.flatMap((p) => [p.name, p.chaperone?.replace(/,.*$/, "")]).filter(Boolean);
  assert.equal(names.length, 9);
  const ids = doc.panel.map((p) => p.id);
  // Surnames and first names alone too (names of two or more words; "Dr" is no name).
  const parts = names.flatMap((n) => n.split(/\s+/).filter((w) => w.length > 2 && w !== "Dr"));
  let checked = 0;
  for (const bid of doc.bids) {
    for (const to of ["markdown", "html"]) {
      const summary = engagekit.assessmentSummary(doc, bid.id, { to });
      // Whole words only: "Lowest price" does not name Gareth Lowe.
      for (const name of [...names, ...parts]) assert.doesNotMatch(summary, new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "u"), `${bid.id} (${to}) names ${name}`);
      for (const id of ids) assert.doesNotMatch(summary, new RegExp(`\\b${id}\\b`), `${bid.id} (${to}) names evaluator ${id}`);
      checked += 1;
    }
  }
  assert.equal(checked, 8);
});

// Found by this test: a summary quoted the evaluators' rationales word for word, so a name written
// in a rationale reached the bidder. The core now takes panel members' names and ids out.
test("assessment summaries name no evaluator even when the rationales do", () => {
  // Summaries must not carry a name however it got into the document.
  const doc = example("cyp-mental-health.evaluation.json");
  const named = structuredClone(doc);
  for (const s of named.scores) s.rationale = `${s.rationale ?? ""} (scored by ${doc.panel.find((p) => p.id === s.evaluator).name}, ${s.evaluator})`;
  const leaks = [];
  for (const bid of doc.bids) {
    const summary = engagekit.assessmentSummary(named, bid.id, { to: "markdown" });
    for (const p of doc.panel) if (p.name && summary.includes(p.name)) leaks.push(`${bid.id}: ${p.name}`);
  }
  assert.deepEqual(leaks, []);
});

/**
 * The suppressed feedback results of a monitoring document, worked out from its counts: fewer than
 * minimumCount (default 5) answers. [{standard, measure, n, value}], value the % of 4s and 5s.
 */
function suppressed(doc) {
  const min = doc.minimumCount ?? 5;
  return doc.results
    .filter((r) => r.counts && r.counts.reduce((a, b) => a + b, 0) < min)
    .map((r) => {
      const n = r.counts.reduce((a, b) => a + b, 0);
      return { standard: r.standard, measure: r.measure, n, value: n ? ((r.counts[3] + r.counts[4]) / n) * 100 : null };
    });
}

test("the monitoring example's suppressed results, worked out by hand", () => {
  // 2025-26 Q1, minimum 5: ready-for-adult-services 0+1+1+1+0 = 3 answers (1 agree: 33.33%) and
  // parents-listened-to 0+0+1+2+1 = 4 answers (3 agree: 75%). The other feedback measures have
  // 50, 42, 36 and 40 answers.
  const doc = example("cyp-mental-health.monitoring.json");
  assert.deepEqual(
    suppressed(doc).map(({ measure, n }) => [measure, n]),
    [["ready-for-adult-services", 3], ["parents-listened-to", 4]],
  );
});

for (const file of ["cyp-mental-health.monitoring.json", "cyp-mental-health.monitoring-2025-26-q2.json", "cyp-mental-health.monitoring-2025-26-q3.json", "cyp-mental-health.monitoring-2025-26-q4.json"]) {
  test(`${file}: monitorCharter shows no suppressed count or value`, () => {
    const doc = example(file);
    const hidden = suppressed(doc);
    const result = engagekit.monitorCharter(doc, { today: "2026-04-01" });
    const json = JSON.stringify(result);
    for (const h of hidden) {
      const standard = result.standards.find((s) => s.id === h.standard);
      const m = standard.measures.find((x) => x.measure === h.measure);
      assert.equal(m.rating, "suppressed", `${h.measure}`);
      assert.equal(m.value, null, `${h.measure}: value`);
      assert.equal(m.n, null, `${h.measure}: n`);
      // A trend would tell its value against the last period's.
      assert.ok(m.trend === undefined || m.trend === null, `${h.measure}: trend ${m.trend}`);
      // Nothing else in the measure's entry but its ids, kind and rating.
      assert.deepEqual(Object.keys(m).filter((k) => !["measure", "kind", "rating", "value", "n", "trend"].includes(k)), [], `${h.measure}: other fields`);
      // Its counts and its percentage nowhere in the result (as written or at 2 decimals).
      const counts = doc.results.find((r) => r.measure === h.measure).counts;
      assert.ok(!json.includes(JSON.stringify(counts)), `${h.measure}: counts`);
      if (h.value !== null && h.value !== 0 && h.value !== 100) {
        for (const v of [String(h.value), h.value.toFixed(2), String(Math.round(h.value * 100) / 100)]) assert.ok(!json.includes(v), `${h.measure}: value ${v}`);
      }
      // And no message speaks of it with a number of answers.
      for (const d of result.diagnostics.filter((x) => x.measure === h.measure)) {
        assert.doesNotMatch(d.message, new RegExp(`\\b${h.n}\\b`), `${h.measure}: ${d.message}`);
      }
    }
    // A standard whose every feedback result is suppressed and has no other result is suppressed.
    for (const s of result.standards) {
      if (s.measures.length && s.measures.every((m) => m.rating === "suppressed")) assert.equal(s.rating, "suppressed", s.id);
    }
  });
}

// Issue 15: the aggregate printed the counts of a measure answered by 3 young people.
test("aggregateFeedback shows nothing of a measure answered by fewer than minimumCount", () => {
  const charter = example("cyp-mental-health.charter.json");
  const [first, second] = charter.standards.flatMap((s) => (s.measures ?? []).filter((m) => m.kind === "feedback").map((m) => m.id));
  // Seven answer the first question (4, 4, 4, 4, 4, 2, 1: counts [1, 1, 0, 5, 0]); three answer the
  // second too (5, 5 and 4: counts [0, 0, 0, 1, 2], 100% positive), each with a comment.
  const responses = [4, 4, 4, 4, 4, 2, 1].map((a, i) => ({
    answers: { [first]: a, ...(i < 3 ? { [second]: [5, 5, 4][i] } : {}) },
    ...(i < 3 ? { comments: { [second]: "They listened to my mum." } } : {}),
  }));
  const result = engagekit.aggregateFeedback(charter, responses);
  const shown = result.results.find((r) => r.measure === first);
  const hidden = result.results.find((r) => r.measure === second);
  assert.deepEqual(shown.counts, [1, 1, 0, 5, 0]);
  assert.equal(shown.suppressed, undefined);
  assert.deepEqual(hidden, { standard: hidden.standard, measure: second, counts: null, suppressed: true });
  const json = JSON.stringify(result);
  assert.ok(!json.includes("They listened"), "a withheld comment");
  // Every number in the output: the 7 respondents, the shown counts, and the other measures
  // (answered by nobody) have none. Nothing of the 3 answers: not 3, not 100, not [0,0,0,1,2].
  const numbers = [];
  JSON.parse(json, (key, value) => {
    if (typeof value === "number") numbers.push(value);
    return value;
  });
  assert.deepEqual(numbers, [7, 1, 1, 0, 5, 0]);
  assert.ok(result.results.filter((r) => r.measure !== first).every((r) => r.counts === null && r.suppressed === true));
  // The aggregate given to monitorCharter as it is: the measure is suppressed there too.
  const doc = { schema: "engagekit/monitoring@1", charter, period: "2025-26 Q1", results: result.results };
  const rated = engagekit.monitorCharter(doc, { today: "2026-04-01" });
  const m = rated.standards.flatMap((s) => s.measures).find((x) => x.measure === second);
  assert.deepEqual([m.rating, m.value, m.n], ["suppressed", null, null]);
  assert.ok(!JSON.stringify(rated).includes("[0,0,0,1,2]"));
});
