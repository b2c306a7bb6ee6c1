// What the shared vectors cannot express: inputs that are not JSON documents at all (undefined, a
// number, an array), nesting deep enough to exhaust a recursive reader's stack, and the module
// still working after all of them. Every failure must be an `Error` with a `.code`, never a
// WebAssembly trap (`RuntimeError: unreachable`), which would leave the module dead for the page.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { API, assertPackageError, engagekit, repo } from "./engagekit.mjs";

const DEPTH = 100_000;

/** A valid document of each kind, taken from the shared vectors that validate one. */
const valid = {};
const vectorDir = path.join(repo, "tests", "vectors");
for (const name of readdirSync(vectorDir).sort()) {
  if (!name.endsWith(".json")) continue;
  const vector = JSON.parse(readFileSync(path.join(vectorDir, name), "utf8"));
  if (vector.call === "validate" && vector.expect?.valid === true && "input" in vector) {
    valid[vector.expect.kind] ??= vector.input;
  }
}

/** Calls `fn` and returns what it threw, failing if it returned. */
function thrown(fn, what) {
  try {
    const result = fn();
    assert.fail(`${what}: expected an error, got ${JSON.stringify(result)?.slice(0, 200)}`);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    return err;
  }
}

function assertStillWorks() {
  assert.ok(valid.timeline, "no valid timeline among the shared vectors");
  const summary = engagekit.validate(valid.timeline);
  assert.equal(summary.valid, true);
  assert.equal(summary.title, valid.timeline.title);
}

const nestedArrays = "[".repeat(DEPTH) + "]".repeat(DEPTH);
const nestedObjects = '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH);
const deepSections =
  '{"schema":"engagekit/report@1","title":"Deep","sections":' +
  '[{"number":"1","title":"S","sections":'.repeat(DEPTH) +
  "[]" +
  "}]".repeat(DEPTH) +
  "}";
const deepInTimeline =
  '{"schema":"engagekit/timeline@1","id":"t","title":"Deep","activities":' + nestedArrays + "}";
const deepInEvaluation =
  '{"schema":"engagekit/evaluation@1","title":"Deep","regime":"psr","scale":' + nestedObjects + "}";

/** [what, input, expected code or null for any code] */
const badInputs = [
  ["malformed JSON", '{"schema": "engagekit/timeline@1", "title": ', "not-json"],
  ["a JSON syntax error after a good start", '{"schema": "engagekit/timeline@1",}', "not-json"],
  ["an empty string", "", "empty-input"],
  ["white space only", " \n\t ", "empty-input"],
  ["undefined", undefined, "empty-input"],
  ["null", null, "empty-input"],
  ["a number", 42, "not-an-object"],
  ["a boolean", true, "not-an-object"],
  ["an array", [{ schema: "engagekit/timeline@1" }], "not-an-object"],
  ["a JSON array as a string", "[]", "not-an-object"],
  ["plain text", "Stroke services review", "not-an-object"],
  [`${DEPTH} nested brackets as a string`, nestedArrays, "not-an-object"],
  // JSON.stringify itself runs out of stack on this one: too deep to be read at all.
  [`${DEPTH} nested brackets as an object`, JSON.parse(nestedArrays), null],
  [`${DEPTH} nested objects as a string`, nestedObjects, null],
  [`${DEPTH} nested objects as an object`, JSON.parse(nestedObjects), null],
  [`report sections nested ${DEPTH} deep, as a string`, deepSections, "too-deep"],
  [`report sections nested ${DEPTH} deep, as an object`, JSON.parse(deepSections), "too-deep"],
  [`${DEPTH} nested brackets inside a timeline, as a string`, deepInTimeline, null],
  [`${DEPTH} nested brackets inside a timeline, as an object`, JSON.parse(deepInTimeline), null],
  [`${DEPTH} nested objects inside an evaluation, as a string`, deepInEvaluation, null],
  [`${DEPTH} nested objects inside an evaluation, as an object`, JSON.parse(deepInEvaluation), null],
];

for (const [what, input, code] of badInputs) {
  test(`validate(${what}) throws an Error with a code`, () => {
    const err = thrown(() => engagekit.validate(input), what);
    assertPackageError(assert, err, what);
    if (code) assert.equal(err.code, code, `${what}: ${err.message}`);
  });
}

test("every function turns bad input into an Error, never a trap", () => {
  const problems = [];
  for (const name of API) {
    const failures = [];
    for (const [what, input] of badInputs) {
      // lintReport and renderReport read any text that is not a JSON object as Markdown.
      if (/^(lint|render)Report$/.test(name) && typeof input === "string" && !input.trimStart().startsWith("{")) continue;
      try {
        engagekit[name](input);
        continue; // Some functions may accept some of these inputs: only traps matter here.
      } catch (err) {
        try {
          assertPackageError(assert, err, `${name}(${what})`);
        } catch (failure) {
          failures.push(failure.message.split("\n")[0]);
        }
      }
    }
    // One line a function: the count and the first failure.
    if (failures.length) problems.push(`${name}: ${failures.length} bad inputs, first: ${failures[0]}`);
  }
  assert.deepEqual(problems, []);
});

test("bad options are Errors with a code and the option's path", () => {
  assert.ok(valid.timeline, "no valid timeline among the shared vectors");
  const err = thrown(() => engagekit.checkTimeline(valid.timeline, { today: "2018-02-30" }), "today 30 February");
  assertPackageError(assert, err, "today 30 February");
  assert.equal(err.code, "invalid-option");
  assert.equal(err.path, "today");
  for (const options of [42, "2018-01-01", [], { today: 20180101 }]) {
    const err = thrown(() => engagekit.checkTimeline(valid.timeline, options), JSON.stringify(options));
    assertPackageError(assert, err, `options ${JSON.stringify(options)}`);
    assert.equal(err.code, "invalid-option", `options ${JSON.stringify(options)}: ${err.message}`);
  }
});

test("the module still works after all those errors", () => {
  assertStillWorks();
  // And a document given as a JSON string with a byte-order mark and leading white space.
  assert.equal(engagekit.validate("\ufeff \n" + JSON.stringify(valid.timeline)).title, valid.timeline.title);
});

// The functions whose rules are not built yet: they read (and check) their input, then throw
// `not-built`. When one gets built its test here fails: take it off this list and give it vectors.
// (Empty now: every function of src/wasm.rs is built.)
const NOT_BUILT = {
  // name: [kind of the valid document it takes, options],
  // e.g. lintReport: ["report", { reportDate: "2016-12-08" }],
};

for (const [name, [kind, options]] of Object.entries(NOT_BUILT)) {
  test(`${name} is not built yet: it reads its input, then says so`, () => {
    assert.ok(valid[kind], `no valid ${kind} among the shared vectors`);
    const err = thrown(() => engagekit[name](valid[kind], options), `${name}(a valid ${kind})`);
    assertPackageError(assert, err, name);
    assert.equal(
      err.code,
      "not-built",
      `${name} no longer says not-built (${err.code}: ${err.message}): if it is built now, take it off NOT_BUILT in pkg-tests/errors.test.mjs and give it vectors`,
    );
    // The input is read first: a bad one is its own error, not "not built".
    const bad = thrown(() => engagekit[name]('{"schema": ', options), `${name}(malformed JSON)`);
    assertPackageError(assert, bad, `${name}(malformed JSON)`);
    assert.equal(bad.code, "not-json");
  });
}

// serde-wasm-bindgen reads a struct by asking for its declared fields only, so
// #[serde(deny_unknown_fields)] alone lets misspelt keys through (RReverser/serde-wasm-bindgen#39).
test("an unknown option is refused, naming it", () => {
  assert.ok(valid.timeline, "no valid timeline among the shared vectors");
  const err = thrown(() => engagekit.checkTimeline(valid.timeline, { tody: "2018-03-01" }), "option tody");
  assertPackageError(assert, err, "option tody");
  assert.equal(err.code, "invalid-option", err.message);
  assert.equal(err.path, "tody");
});

test("an unknown field in a document given as an object is refused, naming it", () => {
  assert.ok(valid.timeline, "no valid timeline among the shared vectors");
  const doc = { ...structuredClone(valid.timeline), titel: "Misspelt" };
  for (const [how, input] of [["as an object", doc], ["as a JSON string", JSON.stringify(doc)]]) {
    const err = thrown(() => engagekit.validate(input), `titel ${how}`);
    assertPackageError(assert, err, how);
    assert.equal(err.code, "unknown-field", `${how}: ${err.message}`);
    assert.equal(err.path, "titel", how);
  }
});

// Errors as data (issue 16): the location's line and column cross as numbers where the JSON text
// was the caller's own; an object's text (JSON.stringify's) and an option have none.
test("an error in a JSON text has .line and .column; one in an object or an option has neither", () => {
  assert.ok(valid.timeline, "no valid timeline among the shared vectors");
  // Line 6 is two spaces, then `"titel": "T"`: the key's closing quote is column 9.
  const text = '{\n  "schema": "engagekit/timeline@1",\n  "id": "t",\n  "title": "T",\n  "activities": [],\n  "titel": "T"\n}';
  const err = thrown(() => engagekit.validate(text), "titel in a JSON text");
  assertPackageError(assert, err, "titel in a JSON text");
  assert.deepEqual([err.code, err.path, err.line, err.column], ["unknown-field", "titel", 6, 9]);
  assert.match(err.message, / at line 6 column 9$/);

  // `{"schema": ` ends at column 11, where the value is missing.
  const bad = thrown(() => engagekit.validate('{"schema": '), "malformed JSON");
  assert.deepEqual([bad.code, bad.path, bad.line, bad.column], ["not-json", "", 1, 11]);

  const asObject = thrown(() => engagekit.validate({ ...structuredClone(valid.timeline), titel: "T" }), "titel in an object");
  assert.equal(asObject.code, "unknown-field");
  assert.ok(!("line" in asObject) && !("column" in asObject), `an object's error has a position: ${asObject.message}`);

  for (const options of [{ today: "2018-02-30" }, '{"tody": "2018-03-01"}']) {
    const opt = thrown(() => engagekit.checkTimeline(valid.timeline, options), JSON.stringify(options));
    assert.equal(opt.code, "invalid-option", opt.message);
    assert.ok(!("line" in opt) && !("column" in opt), `an option error has a position: ${opt.message}`);
  }
});
