// The rule catalogue through the package: rules() lists every rule with its source, and every
// finding any example or shared vector produces through the package is one of them, with the
// catalogue's severity. (tests/catalogue.rs checks the same list natively against the source;
// native.test.mjs checks that rules() and `engagekit rules --format json` agree exactly.)
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { engagekit, repo } from "./engagekit.mjs";

const KINDS = ["law", "statutory-guidance", "guidance", "local-policy", "unverified"];
const AREAS = ["timeline", "evaluation", "charter", "monitoring", "report", "survey"];

test("rules() lists each rule once, with its area, severity, source and help", () => {
  const rules = engagekit.rules();
  assert.ok(Array.isArray(rules) && rules.length > 0, "rules() returns the catalogue");
  const codes = rules.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length, "a code is listed twice");
  for (const r of rules) {
    assert.deepEqual(Object.keys(r), ["code", "area", "severity", "rule", "source", "help"], r.code);
    assert.deepEqual(Object.keys(r.source), ["title", "citation", "url", "kind", "citedAs"], r.code);
    assert.ok(AREAS.includes(r.area), `${r.code}: area ${r.area}`);
    assert.ok(["error", "warning", "info"].includes(r.severity), `${r.code}: severity ${r.severity}`);
    assert.ok(KINDS.includes(r.source.kind), `${r.code}: kind ${r.source.kind}`);
    assert.ok(r.rule.length > 0 && r.help.length > 0 && r.source.title.length > 0, r.code);
  }
  // Every area has rules.
  assert.deepEqual([...new Set(rules.map((r) => r.area))], AREAS);
});

/** Every finding in a value: any object with a string `code` and a `severity`, however deep. */
function findings(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => findings(v, out));
  else if (value && typeof value === "object") {
    if (typeof value.code === "string" && typeof value.severity === "string" && typeof value.message === "string") out.push(value);
    Object.values(value).forEach((v) => findings(v, out));
  }
  return out;
}

test("every finding the examples and vectors produce is in the catalogue, at its severity", () => {
  const severity = new Map(engagekit.rules().map((r) => [r.code, r.severity]));
  const read = (file) => readFileSync(path.join(repo, file), "utf8");
  const produced = [];
  const examples = path.join(repo, "examples");
  for (const name of readdirSync(examples).filter((n) => n.endsWith(".json"))) {
    const text = read(path.join("examples", name));
    const schema = JSON.parse(text).schema;
    if (schema === "engagekit/evaluation@1") produced.push(...findings(engagekit.evaluate(text)));
    if (schema === "engagekit/timeline@1") produced.push(...findings(engagekit.checkTimeline(text, { today: "2017-01-01" })));
    if (schema === "engagekit/monitoring@1") produced.push(...findings(engagekit.monitorCharter(text, { today: "2030-01-01" })));
    if (schema === "engagekit/charter@1") produced.push(...findings(engagekit.checkCharter(text, { today: "2030-01-01" })));
    if (schema === "engagekit/outcomes@1") produced.push(...findings(engagekit.checkOutcomes(text, { today: "2030-01-01" })));
    if (schema === "engagekit/report@1") produced.push(...findings(engagekit.lintReport(text, { reportDate: "2016-12-08" })));
  }
  produced.push(...findings(engagekit.lintReport(read(path.join("tests", "data", "stp-one-year-on-2017.txt")), { reportDate: "2016-12-08" })));
  const vectors = path.join(repo, "tests", "vectors");
  for (const name of readdirSync(vectors).filter((n) => n.endsWith(".json"))) {
    produced.push(...findings(JSON.parse(readFileSync(path.join(vectors, name), "utf8")).expect ?? {}));
  }
  assert.ok(produced.length > 20, `only ${produced.length} findings were produced: the corpus is too thin to test anything`);
  const strays = produced.filter((d) => severity.get(d.code) !== d.severity).map((d) => `${d.code} (${d.severity})`);
  assert.deepEqual([...new Set(strays)], [], "findings whose code is not in rules(), or whose severity differs");
});

test("the declared Diagnostic type has SCHEMAS.md's keys, and findings use no other", () => {
  const dts = readFileSync(path.join(repo, "pkg", "node", "engagekit.d.ts"), "utf8");
  const body = dts.match(/export interface Diagnostic \{([\s\S]*?)\n\}/)?.[1];
  assert.ok(body, "engagekit.d.ts declares interface Diagnostic");
  const keys = [...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
  assert.deepEqual(keys, ["code", "severity", "message", "bid", "criterion", "evaluator", "activity", "standard", "measure", "line", "section"]);
  const doc = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
  const lint = engagekit.lintReport("1 Introduction\n\nRead the plan at and tell us.\n\n3 Next\n");
  for (const d of [...engagekit.evaluate(doc).diagnostics, ...lint.diagnostics]) {
    for (const key of Object.keys(d)) assert.ok(keys.includes(key), `finding ${d.code} has the key ${key}`);
  }
  assert.equal(typeof lint.diagnostics.find((d) => d.line !== undefined)?.line, "number");
});
