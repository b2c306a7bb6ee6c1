// Native and WebAssembly must agree exactly: every example through every command, once by the
// command line (`--format json`, built by `cargo test` as target/debug/engagekit) and once by the
// package, compared field for field. Nothing here is an expected value written down: the two
// builds check each other, and tests/ and the shared vectors check both against hand arithmetic.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { engagekit, repo } from "./engagekit.mjs";

const cli = path.join(repo, "target", "debug", process.platform === "win32" ? "engagekit.exe" : "engagekit");

/** Runs the CLI; its stdout (it may exit 1 when a finding is an error: that is a result too). */
function run(args) {
  try {
    return execFileSync(cli, args, { cwd: repo, encoding: "utf8" });
  } catch (err) {
    if (err.status === 1) return err.stdout;
    throw new Error(`engagekit ${args.join(" ")}: exit ${err.status}: ${err.stderr}`);
  }
}

const example = (name) => path.join("examples", name);
const read = (file) => readFileSync(path.join(repo, file), "utf8");

/** [what, CLI arguments, the same through the package, "json" or "text"] */
const cases = [];
for (const name of ["cyp-mental-health.charter.json", "cyp-mental-health.evaluation.json", "cyp-mental-health.monitoring.json", "kent-medway-progress.report.json", "kent-medway-stroke.timeline.json", "medway-community-services.timeline.json"]) {
  cases.push([`validate ${name}`, ["validate", example(name), "--format", "json"], () => engagekit.validate(read(example(name))), "json"]);
}
cases.push(["rules", ["rules", "--format", "json"], () => engagekit.rules(), "json"]);
const evaluation = example("cyp-mental-health.evaluation.json");
cases.push(["evaluate", ["evaluate", evaluation, "--format", "json"], () => engagekit.evaluate(read(evaluation)), "json"]);
// Every kind of individual score (kept, set aside for each reason, with a rationale outside ASCII
// or the Basic Multilingual Plane, an empty one, none), as the scores cross as numbers (src/wasm_scores.js).
const crossing = path.join("tests", "data", "crossing.evaluation.json");
cases.push(["evaluate, every kind of score", ["evaluate", crossing, "--format", "json"], () => engagekit.evaluate(read(crossing)), "json"]);
cases.push(["evaluate, every kind of score, from an object", ["evaluate", crossing, "--format", "json"], () => engagekit.evaluate(JSON.parse(read(crossing))), "json"]);
cases.push(["involvement payments", ["evaluate", evaluation, "--payments", "--format", "json"], () => engagekit.involvementPayments(read(evaluation)), "json"]);
for (const bid of ["B1", "B2", "B4"]) {
  for (const to of ["markdown", "html"]) {
    cases.push([`assessment summary ${bid} ${to}`, ["evaluate", evaluation, "--summary", bid, "--to", to], () => engagekit.assessmentSummary(read(evaluation), bid, { to }), "text"]);
  }
}
cases.push(["decision record", ["evaluate", evaluation, "--record", "--to", "html"], () => engagekit.decisionRecord(read(evaluation), { to: "html" }), "text"]);
cases.push(["ocds", ["evaluate", evaluation, "--ocds"], () => engagekit.ocdsRelease(read(evaluation)), "json"]);
cases.push(["seal", ["evaluate", evaluation, "--seal"], () => engagekit.sealEvaluation(read(evaluation)), "json"]);
cases.push(["score sheet", ["scoresheet", evaluation, "--evaluator", "E1"], () => engagekit.scoresheet(read(evaluation), { evaluator: "E1" }), "text"]);
for (const [name, today] of [["kent-medway-stroke.timeline.json", "2018-03-01"], ["medway-community-services.timeline.json", "2016-11-22"], ["medway-community-services.timeline.json", "2017-12-01"]]) {
  cases.push([`timeline check ${name} ${today}`, ["timeline", "check", example(name), "--today", today, "--format", "json"], () => engagekit.checkTimeline(read(example(name)), { today }), "json"]);
}
const monitoring = example("cyp-mental-health.monitoring.json");
cases.push(["charter monitor", ["charter", "monitor", monitoring, "--today", "2026-11-23", "--format", "json"], () => engagekit.monitorCharter(read(monitoring), { today: "2026-11-23" }), "json"]);
const charter = example("cyp-mental-health.charter.json");
cases.push(["charter check", ["charter", "check", charter, "--today", "2027-04-01", "--format", "json"], () => engagekit.checkCharter(read(charter), { today: "2027-04-01" }), "json"]);
for (const file of [example("kent-medway-progress.report.json"), path.join("tests", "data", "stp-one-year-on-2017.txt")]) {
  cases.push([`report lint ${file}`, ["report", "lint", file, "--report-date", "2016-12-08", "--format", "json"], () => engagekit.lintReport(read(file), { reportDate: "2016-12-08" }), "json"]);
  for (const to of ["html", "markdown", "text"]) {
    cases.push([`report render ${file} ${to}`, ["report", "render", file, "--to", to], () => engagekit.renderReport(read(file), { to }), "text"]);
  }
}

test("the command line is built", () => {
  assert.ok(existsSync(cli), `${path.relative(repo, cli)} is missing: run cargo test (make test does) first`);
});

for (const [what, args, viaPackage, kind] of cases) {
  test(`native and WebAssembly agree: ${what}`, { skip: !existsSync(cli) }, () => {
    const native = run(args);
    const wasm = viaPackage();
    if (kind === "json") {
      assert.deepStrictEqual(wasm, JSON.parse(native));
      // And with the keys in the same order, as someone comparing the two outputs would see them.
      assert.equal(JSON.stringify(wasm), JSON.stringify(JSON.parse(native)));
    } else {
      assert.equal(wasm, native);
    }
  });
}

test("native and WebAssembly agree: charter journey over four quarters", { skip: !existsSync(cli) }, () => {
  const quarters = ["cyp-mental-health.monitoring.json", "cyp-mental-health.monitoring-2025-26-q2.json", "cyp-mental-health.monitoring-2025-26-q3.json", "cyp-mental-health.monitoring-2025-26-q4.json"].map(example);
  const native = JSON.parse(run(["charter", "journey", evaluation, ...quarters, "--today", "2026-11-23"]));
  const result = engagekit.evaluate(read(evaluation));
  const periods = quarters.map((q) => engagekit.monitorCharter(read(q), { today: "2026-11-23" }));
  assert.deepStrictEqual(engagekit.charterJourney(result, periods), native);
  // The results can also be given as the JSON text the CLI writes.
  assert.deepStrictEqual(engagekit.charterJourney(JSON.stringify(result), JSON.stringify(periods), { bid: "B2" }), native);
});

test("a record sealed by the command line verifies in the package, and a change is found", { skip: !existsSync(cli) }, () => {
  const sealed = JSON.parse(run(["evaluate", evaluation, "--seal"]));
  const ok = engagekit.verifySealed(sealed, { seal: sealed.seal });
  assert.equal(ok.valid, true);
  sealed.evaluation.scores[0].score = sealed.evaluation.scores[0].score === 4 ? 3 : 4;
  const changed = engagekit.verifySealed(JSON.stringify(sealed));
  assert.equal(changed.valid, false);
  assert.ok(changed.diagnostics.some((d) => d.code === "entry-changed" && d.message.startsWith("score ")));
});
