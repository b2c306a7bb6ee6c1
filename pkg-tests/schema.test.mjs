// The JSON Schemas that `engagekit schema KIND` generates from the Rust types, checked with an
// independent validator (ajv): every example and every valid vector is accepted; a document the
// loader accepts, the schema accepts; and what the schema can express (unknown fields, types,
// enums, required fields, dates, the schema tag) it rejects as the loader does.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

import { engagekit, repo } from "./engagekit.mjs";

const cli = path.join(repo, "target", "debug", "engagekit");
const KINDS = ["charter", "evaluation", "monitoring", "timeline", "report", "survey", "coding", "outcomes"];
// The error codes a JSON Schema can express; the others (duplicate ids, references, a score
// within the document's own scale, date order, totals) only the loader checks.
const EXPRESSIBLE = new Set(["unknown-field", "missing-field", "wrong-type", "unknown-value", "invalid-date", "missing-schema", "wrong-schema"]);

const validators = {};
if (existsSync(cli)) {
  // strict: false because schemars marks integers with formats such as "uint32", which the
  // schema keywords (type, minimum) already enforce.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const kind of KINDS) {
    validators[kind] = ajv.compile(JSON.parse(execFileSync(cli, ["schema", kind], { encoding: "utf8" })));
  }
}

const kindOf = (doc) => KINDS.find((k) => doc?.schema === `engagekit/${k}@1`);

test("the schemas are generated", { skip: !existsSync(cli) }, () => {
  for (const kind of KINDS) assert.equal(typeof validators[kind], "function", kind);
});

const examples = readdirSync(path.join(repo, "examples")).filter((f) => f.endsWith(".json"));
for (const file of examples) {
  test(`examples/${file} is valid by its schema`, { skip: !existsSync(cli) }, () => {
    const doc = JSON.parse(readFileSync(path.join(repo, "examples", file), "utf8"));
    const validate = validators[kindOf(doc)];
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 1));
  });
}

/** Vectors whose field is required only with another field's value (a single choice question's
 * `options`): the loader's check, which the schema does not express. */
const CONDITIONAL = new Set(["error-survey-options-missing.json"]);

const vectors = readdirSync(path.join(repo, "tests", "vectors"))
  .map((f) => [f, JSON.parse(readFileSync(path.join(repo, "tests", "vectors", f), "utf8"))])
  .filter(([, v]) => v.input && typeof v.input === "object" && !Array.isArray(v.input))
  // A summary read back is a result, not a document: it has no schema of its own.
  .filter(([, v]) => v.call !== "readSurveySummary");

test("the loader and the schema agree on every vector's document", { skip: !existsSync(cli) }, () => {
  let agreedValid = 0;
  let agreedInvalid = 0;
  let loaderOnly = 0;
  for (const [file, v] of vectors) {
    // Which schema the document is meant for: its tag, or the call's, when the tag is the culprit.
    const byCall = { evaluate: "evaluation", summariseSurvey: "survey", checkOutcomes: "outcomes" };
    const kind = kindOf(v.input) ?? byCall[v.call] ?? "timeline";
    let loaderError = null;
    try {
      engagekit.validate(v.input);
    } catch (err) {
      loaderError = err.code;
    }
    const schemaOk = validators[kind](v.input);
    if (loaderError === null) {
      assert.ok(schemaOk, `${file}: the loader accepts it, the schema does not: ${JSON.stringify(validators[kind].errors)}`);
      agreedValid++;
    } else if (EXPRESSIBLE.has(loaderError) && !CONDITIONAL.has(file)) {
      assert.ok(!schemaOk, `${file}: the loader rejects it (${loaderError}), the schema accepts it`);
      agreedInvalid++;
    } else {
      loaderOnly++;
    }
  }
  assert.ok(agreedValid >= 5 && agreedInvalid >= 6, `${agreedValid} valid, ${agreedInvalid} invalid, ${loaderOnly} loader-only`);
});
