// The plain-JavaScript `evaluate` and `checkTimeline` that `make bench` times against the package
// (pkg-tests/bench/) must give the package's results: checked here on every `make test`, so that
// the benchmark's comparison cannot silently rot when a rule changes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { engagekit } from "./engagekit.mjs";
import { checkCase, exampleCases, richCases } from "./bench/agreement.mjs";
import { compareEvaluation, compareTimeline, fmt2 } from "./bench/compare.mjs";
import { plainEvaluate } from "./bench/plain-evaluate.mjs";
import { plainCheckTimeline } from "./bench/plain-timeline.mjs";
import { evaluationDoc, timelineDoc } from "./bench/workloads.mjs";

/** Asserts that every case agrees, listing the first differences if not. */
function assertAgree(cases) {
  const differences = cases.flatMap((c) => checkCase(engagekit, c));
  assert.deepEqual(differences.slice(0, 20), [], `${differences.length} differences between the package and the plain JavaScript`);
}

test("examples/*.json and the evaluate and checkTimeline vectors agree", () => {
  const cases = exampleCases();
  // Not vacuous: the examples hold an evaluation and timelines.
  assert.ok(cases.some((c) => c.call === "evaluate"), "no evaluation among the examples");
  assert.ok(cases.some((c) => c.call === "checkTimeline"), "no timeline among the examples");
  assertAgree(cases);
});

test("generated documents that reach every rule agree", () => {
  assertAgree(richCases(60));
});

test("a small workload of the benchmark's shape agrees", () => {
  assertAgree([
    { name: "evaluationDoc(5, 20, 15)", call: "evaluate", doc: evaluationDoc(5, 20, 15) },
    ...["2016-03-01", "2020-06-01", "2024-12-24"].map((today) => ({ name: `timelineDoc(500) at ${today}`, call: "checkTimeline", doc: timelineDoc(500), today })),
  ]);
});

test("the comparison sees a difference", () => {
  const doc = evaluationDoc(3, 4, 3);
  const wasm = engagekit.evaluate(doc);
  const plain = plainEvaluate(doc);
  assert.deepEqual(compareEvaluation(wasm, plain, doc), []);
  plain.bids[0].total += 0.01;
  plain.diagnostics.pop();
  const seen = compareEvaluation(wasm, plain, doc);
  assert.ok(seen.some((d) => d.startsWith("bids[0].total")), "a total 0.01 off was not seen");
  assert.ok(seen.some((d) => d.startsWith("diagnostics[")), "a missing finding was not seen");

  const plan = timelineDoc(50);
  const today = plan.activities[0].start; // the first activity is open
  const planResult = plainCheckTimeline(plan, { today });
  planResult.activities[0].workingDaysRemaining += 1;
  assert.ok(compareTimeline(engagekit.checkTimeline(plan, { today }), planResult).some((d) => d.includes("workingDaysRemaining")));
});

test("two decimals as the package writes them", () => {
  for (const [x, s] of [[51.525, "51.53"], [0.125, "0.13"], [84.45, "84.45"], [99.995, "100.00"], [0, "0.00"], [-1.005, "-1.01"], [3, "3.00"], [1e-7, "0.00"], [12.5, "12.50"]]) {
    assert.equal(fmt2(x), s, String(x));
  }
});
