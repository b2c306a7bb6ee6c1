// Runs the shared vectors of tests/vectors/ (also run natively by tests/vectors.rs) through the
// built WebAssembly package, so both give these exact results.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { API, assertPackageError, engagekit, repo } from "./engagekit.mjs";

const dir = path.join(repo, "tests", "vectors");
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".json"))
  .sort();

test("the shared vectors are there", () => {
  assert.ok(files.length > 0, `no vectors in ${dir}`);
});

for (const name of files) {
  const vector = JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  test(`${name}: ${vector.description}`, () => {
    assert.ok(API.includes(vector.call), `the package exports no function ${JSON.stringify(vector.call)}`);
    const fn = engagekit[vector.call];
    assert.ok(("input" in vector) !== ("inputText" in vector), "a vector has exactly one of input and inputText");
    assert.ok(("expect" in vector) !== ("error" in vector), "a vector has exactly one of expect and error");

    // A document given as an object, then as the JSON string of it: both must give the same.
    const inputs =
      "input" in vector
        ? [
            ["as an object", structuredClone(vector.input)],
            ["as a JSON string", JSON.stringify(vector.input)],
          ]
        : [["as text", vector.inputText]];
    // A call with more than one argument after its input has them as `args` (summariseSurvey's
    // CSV text and options); one, as `options`.
    const args =
      "args" in vector ? structuredClone(vector.args) : "options" in vector ? [structuredClone(vector.options)] : [];

    for (const [how, input] of inputs) {
      const before = JSON.stringify(input);
      if ("expect" in vector) {
        // No JSON round trip: the result must already be plain data (objects, not Maps; numbers,
        // not BigInts), which deepStrictEqual tells apart.
        assert.deepStrictEqual(fn(input, ...args), vector.expect, `${vector.call} ${how}`);
      } else {
        let thrown;
        assert.throws(
          () => fn(input, ...args),
          (err) => {
            thrown = err;
            return true;
          },
          `${vector.call} ${how} should throw ${vector.error.code}`,
        );
        assertPackageError(assert, thrown, how);
        assert.equal(thrown.code, vector.error.code, `.code ${how}: ${thrown.message}`);
        if ("path" in vector.error) {
          assert.equal(thrown.path, vector.error.path, `.path ${how}: ${thrown.message}`);
        }
        for (const part of vector.error.messageIncludes ?? []) {
          assert.ok(thrown.message.includes(part), `message ${how} ${JSON.stringify(thrown.message)} lacks ${JSON.stringify(part)}`);
        }
      }
      assert.equal(JSON.stringify(input), before, `${vector.call} changed its input ${how}`);
    }
  });
}
