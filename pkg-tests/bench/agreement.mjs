// The cases on which the plain-JavaScript `evaluate` and `checkTimeline` must agree with the
// package, shared by the benchmark (run.mjs, before anything is timed) and by
// pkg-tests/bench-agreement.test.mjs (so that the comparison cannot rot unnoticed).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { compareEvaluation, compareTimeline } from "./compare.mjs";
import { plainEvaluate } from "./plain-evaluate.mjs";
import { plainCheckTimeline } from "./plain-timeline.mjs";
import { checkDays, richEvaluationDoc, richTimelineDoc } from "./workloads.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const readJson = (...parts) => JSON.parse(readFileSync(path.join(repo, ...parts), "utf8"));

/**
 * A case: `{name, call: "evaluate" | "checkTimeline", doc, today?}`. Timelines are checked at
 * every start and end of their activities (and the day after each end), so that every status,
 * stage and key date is reached.
 */
function timelineCases(name, plan, limit) {
  return checkDays(plan, limit).map((today) => ({ name: `${name} at ${today}`, call: "checkTimeline", doc: plan, today }));
}

/** examples/*.json, and the evaluate and checkTimeline vectors of tests/vectors/. */
export function exampleCases() {
  const cases = [];
  for (const file of readdirSync(path.join(repo, "examples")).filter((f) => f.endsWith(".json")).sort()) {
    const doc = readJson("examples", file);
    if (doc.schema === "engagekit/evaluation@1") cases.push({ name: `examples/${file}`, call: "evaluate", doc });
    if (doc.schema === "engagekit/timeline@1") cases.push(...timelineCases(`examples/${file}`, doc, 60));
  }
  for (const file of readdirSync(path.join(repo, "tests", "vectors")).filter((f) => f.endsWith(".json")).sort()) {
    const vector = readJson("tests", "vectors", file);
    // Vectors with a GOV.UK bankHolidays option are left out: the plain version has no such option.
    if (!("input" in vector) || "error" in vector || vector.options?.bankHolidays) continue;
    if (vector.call === "evaluate") cases.push({ name: `tests/vectors/${file}`, call: "evaluate", doc: vector.input });
    if (vector.call === "checkTimeline") {
      cases.push({ name: `tests/vectors/${file}`, call: "checkTimeline", doc: vector.input, today: vector.options.today });
      cases.push(...timelineCases(`tests/vectors/${file}`, vector.input, 20));
    }
  }
  return cases;
}

/** `n` small generated evaluations and plans that reach every rule (workloads.mjs). */
export function richCases(n) {
  const cases = [];
  for (let seed = 1; seed <= n; seed++) {
    cases.push({ name: `richEvaluationDoc(${seed})`, call: "evaluate", doc: richEvaluationDoc(seed) });
    cases.push(...timelineCases(`richTimelineDoc(${seed})`, richTimelineDoc(seed), 8));
  }
  return cases;
}

/**
 * Runs a case through the package and the plain version: the differences as lines, prefixed with
 * the case's name (empty: they agree). The document must first be accepted by `validate`.
 */
export function checkCase(engagekit, c) {
  const summary = engagekit.validate(c.doc); // throws on a document the package rejects
  if (!summary.valid) return [`${c.name}: validate does not accept it`];
  const differences =
    c.call === "evaluate"
      ? compareEvaluation(engagekit.evaluate(c.doc), plainEvaluate(c.doc), c.doc)
      : compareTimeline(engagekit.checkTimeline(c.doc, { today: c.today }), plainCheckTimeline(c.doc, { today: c.today }));
  return differences.map((d) => `${c.name}: ${d}`);
}
