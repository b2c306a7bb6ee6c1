// The example documents (examples/ at the repository root, and the page's own in www/examples/)
// are what people start from in the demo page: each must validate, and say its own title.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { engagekit, repo } from "./engagekit.mjs";

const files = ["examples", path.join("www", "examples")].flatMap((dir) =>
  existsSync(path.join(repo, dir))
    ? readdirSync(path.join(repo, dir))
        .filter((name) => name.endsWith(".json") && name !== "index.json" && !name.endsWith(".summary.json"))
        .sort()
        .map((name) => path.join(dir, name))
    : [],
);

test("there are example documents", () => {
  assert.ok(files.length > 0, "no examples in examples/ or www/examples/");
});

for (const file of files) {
  test(`${file} validates`, () => {
    const text = readFileSync(path.join(repo, file), "utf8");
    const doc = JSON.parse(text);
    const summary = engagekit.validate(text);
    assert.equal(summary.valid, true);
    assert.equal(summary.schema, doc.schema);
    assert.deepStrictEqual(engagekit.validate(doc), summary, "the object and its JSON text disagree");
    if (typeof doc.title === "string") assert.equal(summary.title, doc.title);
  });
}

// A survey's summary published beside the examples (www/examples/NAME.summary.json, written by
// `engagekit survey summarise`, tests/static_copy.rs) is a result, not a document: it reads back
// as the summary of its survey (examples/NAME.survey.json).
const summaries = existsSync(path.join(repo, "www", "examples")) ? readdirSync(path.join(repo, "www", "examples")).filter((name) => name.endsWith(".summary.json")) : [];
for (const name of summaries) {
  test(`www/examples/${name} reads back as the summary of its survey`, () => {
    const text = readFileSync(path.join(repo, "www", "examples", name), "utf8");
    const survey = readFileSync(path.join(repo, "examples", name.replace(/\.summary\.json$/, ".survey.json")), "utf8");
    assert.deepStrictEqual(engagekit.readSurveySummary(text, { survey }), JSON.parse(text));
  });
}
