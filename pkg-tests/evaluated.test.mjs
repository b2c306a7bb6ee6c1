// `Evaluated`: an evaluation scored once, asked for its result, summaries, records and sheets.
// Each answer must be exactly what the one-call function gives for the same document (the
// functions the widgets and users already rely on), and bad input the same package errors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import test from "node:test";

import { CLASSES, assertPackageError, engagekit, repo } from "./engagekit.mjs";

const text = readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8");
const doc = JSON.parse(text);

test("the package exports the class Evaluated", () => {
  assert.deepEqual(CLASSES, ["Evaluated"]);
});

test("one Evaluated answers as the one-call functions do, from text or an object", () => {
  for (const input of [text, doc]) {
    const evaluated = new engagekit.Evaluated(input);
    try {
      assert.deepEqual(evaluated.result(), engagekit.evaluate(doc));
      // Asked twice, the same answer: the result is not used up by the first.
      assert.deepEqual(evaluated.result(), engagekit.evaluate(doc));
      for (const bid of doc.bids) {
        for (const to of ["markdown", "html"]) {
          assert.equal(evaluated.assessmentSummary(bid.id, { to }), engagekit.assessmentSummary(doc, bid.id, { to }), `${bid.id} ${to}`);
        }
      }
      assert.equal(evaluated.decisionRecord(), engagekit.decisionRecord(doc));
      assert.equal(evaluated.decisionRecord({ to: "html" }), engagekit.decisionRecord(doc, { to: "html" }));
      assert.deepEqual(evaluated.ocdsRelease({ date: "2025-03-14" }), engagekit.ocdsRelease(doc, { date: "2025-03-14" }));
      for (const member of doc.panel) {
        assert.equal(evaluated.scoresheet({ evaluator: member.id }), engagekit.scoresheet(doc, { evaluator: member.id }), member.id);
      }
    } finally {
      evaluated.free();
    }
  }
});

test("the summary of the bid ranked first names it, as the record does", () => {
  const evaluated = new engagekit.Evaluated(doc);
  try {
    const first = evaluated.result().bids.find((b) => b.rank === 1);
    assert.ok(first, "the example has a bid ranked first");
    assert.ok(evaluated.assessmentSummary(first.id).includes(first.bidder), "the summary names its bidder");
  } finally {
    evaluated.free();
  }
});

test("bad documents and bad options are package errors, as from the functions", () => {
  for (const input of ["", "{", "[]", 42, null, { schema: "engagekit/timeline@1" }, { ...doc, criteria: [{ ...doc.criteria[0], weigth: 5 }] }]) {
    let thrown;
    try {
      new engagekit.Evaluated(input).free();
    } catch (err) {
      thrown = err;
    }
    assertPackageError(assert, thrown, `new Evaluated(${JSON.stringify(input)?.slice(0, 40)})`);
    let expected;
    try {
      engagekit.evaluate(input);
    } catch (err) {
      expected = err;
    }
    assert.equal(thrown.code, expected.code);
    assert.equal(thrown.path, expected.path);
    assert.equal(thrown.message, expected.message);
  }
  const evaluated = new engagekit.Evaluated(doc);
  try {
    const cases = [
      [() => evaluated.assessmentSummary("B9"), "invalid-option", "bid"],
      [() => evaluated.assessmentSummary(7), "invalid-option", "bid"],
      [() => evaluated.assessmentSummary(doc.bids[0].id, { to: "pdf" }), "invalid-option", "to"],
      [() => evaluated.scoresheet({}), "invalid-option", "evaluator"],
      [() => evaluated.scoresheet({ evaluator: "nobody" }), "invalid-option", "evaluator"],
      [() => evaluated.ocdsRelease({ date: "2025-02-30" }), "invalid-option", "date"],
    ];
    for (const [call, code, where] of cases) {
      assert.throws(call, (err) => {
        assertPackageError(assert, err, String(call));
        assert.equal(err.code, code, `${call}: ${err.message}`);
        assert.equal(err.path, where, `${call}: ${err.message}`);
        return true;
      });
    }
  } finally {
    evaluated.free();
  }
});

test("an Evaluated freed cannot be used, and says so", () => {
  const evaluated = new engagekit.Evaluated(doc);
  evaluated.free();
  assert.throws(() => evaluated.result(), /null pointer|moved|freed|destroyed/i);
});
