// The workbook module (pkg/areas/workbook: what a page fetches when someone gives or asks for a
// workbook) run in node: it must agree exactly with the command line (target/debug/engagekit), and
// fail with real errors naming the sheet and the cell. Workbooks are filled by an independent
// writer (openpyxl, through tests/data/fill_setup.py and fill_scoresheet.py), as the native tests
// do; under `make test` (ENGAGEKIT_REQUIRE_OPENPYXL) a missing openpyxl fails, else those tests
// are skipped.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";

import { assertPackageError, repo } from "./engagekit.mjs";

const dir = path.join(repo, "pkg", "areas", "workbook");
const glue = path.join(dir, "engagekit-workbook.js");
if (!existsSync(glue)) throw new Error("pkg/areas/workbook is missing: run `make wasm` first");
const wb = await import(pathToFileURL(glue).href);
wb.initSync({ module: readFileSync(path.join(dir, "engagekit-workbook_bg.wasm")) });

const cli = path.join(repo, "target", "debug", "engagekit");
const tmp = mkdtempSync(path.join(os.tmpdir(), "engagekit-workbook-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI: {status, stdout, stderr}. */
function run(args) {
  const out = spawnSync(cli, args, { cwd: repo, encoding: "utf8" });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const required = Boolean(process.env.ENGAGEKIT_REQUIRE_OPENPYXL);

/** What `call` throws (undefined when it returns). */
function thrown(call) {
  try {
    call();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** `bytes` filled by tests/data/SCRIPT with `edits`; null (the test skips) without openpyxl. */
function fill(script, bytes, edits, t) {
  const input = path.join(tmp, `in-${Math.random().toString(16).slice(2)}.xlsx`);
  const output = input.replace("in-", "out-");
  writeFileSync(input, bytes);
  const out = spawnSync("python3", [path.join(repo, "tests", "data", script), input, output, JSON.stringify(edits)], { encoding: "utf8" });
  if (out.error || /No module named 'openpyxl'/.test(out.stderr)) {
    assert.ok(!required, `openpyxl cannot run: ${out.error?.message ?? out.stderr}`);
    t.skip("python3 with openpyxl is needed (pip install openpyxl)");
    return null;
  }
  assert.equal(out.status, 0, out.stderr);
  return new Uint8Array(readFileSync(output));
}

// A small panel as a chair types it: two criteria (60 + 20, price 20), two bids, three members.
const PANEL = {
  settings: {
    title: "Community wheelchair service",
    regime: "Procurement Act 2023",
    "award notice date": { date: "2026-03-02" },
    "scale max": 4,
    "scale labels": "Unacceptable; Poor; Satisfactory; Good; Excellent",
    "price weight": 20,
    "price method": "lowest price",
  },
  sheets: {
    Criteria: [
      { id: "Q1", title: "Getting a chair quickly", weight: 60, "scored by": "service user; clinician" },
      { id: "Q2", title: "Working with families", weight: 20, "minimum score": 2 },
    ],
    Bids: [
      { id: "B1", bidder: "Alpha Mobility", price: 1200000 },
      { id: "B2", bidder: "Beta Care", price: 1000000 },
    ],
    Panel: [
      { id: "E1", role: "service user", "training completed": "10/01/2026" },
      { id: "E2", role: "clinician", conflicts: "B2" },
      { id: "E3", role: "carer", "under 18": "no" },
    ],
  },
};

test("a filled evaluation workbook imports as the command line imports it", (t) => {
  const filled = fill("fill_setup.py", wb.workbookTemplate("evaluation"), PANEL, t);
  if (!filled) return;
  assert.equal(wb.workbookKind({ name: "panel.xlsx", bytes: filled }), "evaluation");
  const doc = wb.importWorkbook("evaluation", { name: "panel.xlsx", bytes: filled });
  const file = path.join(tmp, "panel.xlsx");
  writeFileSync(file, filled);
  const native = run(["import", "evaluation", file]);
  assert.equal(native.status, 0, native.stderr);
  assert.deepEqual(doc, JSON.parse(native.stdout));
  // What the chair typed, as the document holds it.
  assert.equal(doc.regime, "pa2023");
  assert.equal(doc.awardNoticeDate, "2026-03-02");
  assert.deepEqual(doc.scale.labels, ["Unacceptable", "Poor", "Satisfactory", "Good", "Excellent"]);
  assert.deepEqual(doc.criteria[0].scoredBy, ["serviceUser", "clinician"]);
  assert.equal(doc.criteria[1].minimumScore, 2);
  assert.deepEqual(doc.panel.map((m) => m.role), ["serviceUser", "clinician", "carer"]);
  assert.equal(doc.panel[0].trainingCompleted, "2026-01-10");
  assert.deepEqual(doc.panel[1].conflicts, ["B2"]);
  assert.equal(doc.panel[2].under18, false);
});

test("a bad cell is an error naming the sheet and cell, as on the command line", (t) => {
  const edits = { ...PANEL, cells: [{ sheet: "Panel", cell: "C3", text: "surgeon" }] };
  const filled = fill("fill_setup.py", wb.workbookTemplate("evaluation"), edits, t);
  if (!filled) return;
  let err;
  try {
    wb.importWorkbook("evaluation", { name: "panel.xlsx", bytes: filled });
  } catch (e) {
    err = e;
  }
  assertPackageError(assert, err);
  assert.equal(err.code, "unknown-value");
  assert.equal(err.path, "panel.xlsx:Panel!C3");
  assert.equal(err.line, 3);
  assert.match(err.message, /"surgeon" is not a role/);
  const file = path.join(tmp, "panel.xlsx");
  writeFileSync(file, filled);
  const native = run(["import", "evaluation", file]);
  assert.equal(native.status, 2);
  assert.ok(native.stderr.includes(`${file}:Panel!C3: role: "surgeon" is not a role`), native.stderr);
});

test("a score sheet workbook, filled and merged back, gives the scores typed", (t) => {
  const doc = JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8"));
  doc.scores = doc.scores.filter((s) => s.evaluator !== "E5");
  const blank = wb.scoresheetWorkbook(doc, { evaluator: "E5" });
  assert.ok(blank instanceof Uint8Array && blank[0] === 0x50 && blank[1] === 0x4b, "a zip: PK");
  // E5 is a clinician: Q1, Q4 and Q5 for each of the four bids, bid by bid (rows 2 to 13).
  const edits = [{ cell: "G2", number: 4 }, { cell: "H2", text: "Strong model." }, { cell: "G3", number: 1 }, { cell: "H3", text: "=1+1" }];
  const filled = fill("fill_scoresheet.py", blank, edits, t);
  if (!filled) return;
  const merged = wb.mergeScoresheetFiles(doc, [{ name: "e5.xlsx", bytes: filled }]);
  const e5 = merged.scores.filter((s) => s.evaluator === "E5");
  assert.deepEqual(e5, [
    { evaluator: "E5", bid: "B1", criterion: "Q1", score: 4, rationale: "Strong model." },
    { evaluator: "E5", bid: "B1", criterion: "Q4", score: 1, rationale: "=1+1" },
  ]);
  // The command line merges the same file to the same scores.
  const docFile = path.join(tmp, "doc.json");
  const sheetFile = path.join(tmp, "e5.xlsx");
  writeFileSync(docFile, JSON.stringify(doc));
  writeFileSync(sheetFile, filled);
  const evaluated = run(["evaluate", docFile, "--scores", sheetFile, "--format", "json"]);
  assert.ok(evaluated.status === 0 || evaluated.status === 1, evaluated.stderr);
  const native = JSON.parse(evaluated.stdout);
  const q1 = native.bids.find((b) => b.id === "B1").criteria.find((c) => c.criterion === "Q1");
  assert.ok(q1.scores.some((s) => s.evaluator === "E5" && s.score === 4), JSON.stringify(q1.scores));
});

test("what is not a workbook, or not given as one, is refused with a real error", () => {
  const cases = [
    [() => wb.importWorkbook("evaluation", { name: "a.pdf", bytes: new TextEncoder().encode("%PDF-1.7\n") }), "invalid-value"],
    [() => wb.importWorkbook("evaluation", { name: "a.xlsx", bytes: "not bytes" }), "invalid-option"],
    [() => wb.importWorkbook("evaluation", "a.xlsx"), "invalid-option"],
    [() => wb.importWorkbook("budget", { name: "a.xlsx", bytes: wb.workbookTemplate("timeline") }), "invalid-option"],
    [() => wb.importWorkbook("monitoring", { name: "r.xlsx", bytes: wb.workbookTemplate("monitoring") }), "invalid-option"],
    [() => wb.workbookKind({ name: "t.xlsx", bytes: wb.workbookTemplate("timeline").slice(0, 900) }), "invalid-value"],
    [() => wb.scoresheetWorkbook({ schema: "engagekit/evaluation@1" }, { evaluator: "E1" }), "missing-field"],
    [() => wb.mergeScoresheetFiles(JSON.parse(readFileSync(path.join(repo, "examples", "cyp-mental-health.evaluation.json"), "utf8")), "e1.xlsx"), "invalid-option"],
  ];
  for (const [call, code] of cases) {
    const err = thrown(call);
    assertPackageError(assert, err, String(call));
    assert.equal(err.code, code, `${call}: ${err.message}`);
  }
  // The blank template: the title is needed first, at its cell.
  try {
    wb.importWorkbook("evaluation", { name: "panel.xlsx", bytes: wb.workbookTemplate("evaluation") });
    assert.fail("a blank workbook imported");
  } catch (err) {
    assert.equal(err.path, "panel.xlsx:Settings!B2");
    assert.equal(err.code, "missing-field");
  }
});

const example = (name) => JSON.parse(readFileSync(path.join(repo, "examples", name), "utf8"));

test("a document's filled workbook imports as the same document, and as the command line writes it", () => {
  // The plan without its responses counted so far (the workbook has no place for them).
  const plan = example("kent-medway-stroke.timeline.json");
  for (const a of plan.activities) delete a.responses;
  const bytes = wb.workbookOf("timeline", plan);
  assert.ok(bytes instanceof Uint8Array && bytes[0] === 0x50 && bytes[1] === 0x4b, "a zip: PK");
  assert.equal(wb.workbookKind({ name: "plan.xlsx", bytes }), "timeline");
  const back = wb.importWorkbook("timeline", { name: "plan.xlsx", bytes });
  assert.deepEqual(back, plan);
  // As JSON text too; and the command line's workbook of the same plan imports the same.
  assert.deepEqual(wb.importWorkbook("timeline", { name: "plan.xlsx", bytes: wb.workbookOf("timeline", JSON.stringify(plan)) }), plan);
  const docFile = path.join(tmp, "plan.json");
  const xlsx = path.join(tmp, "plan-cli.xlsx");
  writeFileSync(docFile, JSON.stringify(plan));
  const native = run(["template", "timeline", "--from", docFile, "--output", xlsx]);
  assert.equal(native.status, 0, native.stderr);
  assert.deepEqual(wb.importWorkbook("timeline", { name: "plan-cli.xlsx", bytes: new Uint8Array(readFileSync(xlsx)) }), plan);

  // The panel whole, its payment policy and sessions too; its charter given back as the
  // import's option.
  const panel = example("cyp-mental-health.evaluation.json");
  const panelBytes = wb.workbookOf("evaluation", panel);
  const panelBack = wb.importWorkbook("evaluation", { name: "panel.xlsx", bytes: panelBytes }, { charter: panel.charter });
  assert.deepEqual(panelBack.panel, panel.panel);
  assert.deepEqual(panelBack.criteria, panel.criteria);
  assert.deepEqual(panelBack.scores.length, panel.scores.length);
  assert.equal(panelBack.awardNoticeDate, "2024-12-02");
  assert.deepEqual(panelBack.payments, panel.payments);
  assert.deepEqual(panelBack.sessions, panel.sessions);
  // The panel chair's step 7: `engagekit evaluate panel.xlsx --payments` pays what the JSON pays.
  const panelXlsx = path.join(tmp, "panel.xlsx");
  writeFileSync(panelXlsx, panelBytes);
  const paid = (file) => {
    const out = run(["evaluate", file, "--payments", "--format", "json"]);
    assert.equal(out.status, 0, out.stderr);
    return JSON.parse(out.stdout);
  };
  const fromWorkbook = paid(panelXlsx);
  assert.deepEqual(fromWorkbook, paid(path.join(repo, "examples", "cyp-mental-health.evaluation.json")));
  // By hand: young people 40 a half day and 80 a day, parent representatives 75 and 150; E4
  // declines payment. E1 and E2 200 each (40 + 2 x 40 + 80), E3 375 (75 + 2 x 75 + 150).
  assert.equal(fromWorkbook.involvement, 775);

  // A return, its charter and period given back.
  const q3 = example("cyp-mental-health.monitoring-2025-26-q3.json");
  delete q3.minimumCount;
  delete q3.previous;
  const returned = wb.importWorkbook("monitoring", { name: "return.xlsx", bytes: wb.workbookOf("monitoring", q3) }, { charter: q3.charter, period: q3.period });
  assert.deepEqual(returned.results, q3.results);
});

test("what a filled workbook cannot carry is an error at its path", () => {
  const cases = [
    [() => wb.workbookOf("timeline", example("kent-medway-stroke.timeline.json")), "invalid-value", "activities[6].responses"],
    [() => wb.workbookOf("evaluation", { ...example("cyp-mental-health.evaluation.json"), payments: { rates: [] } }), "invalid-value", "payments.rates"],
    [() => wb.workbookOf("monitoring", example("cyp-mental-health.monitoring.json")), "invalid-value", "minimumCount"],
    [() => wb.workbookOf("evaluation", example("kent-medway-stroke.timeline.json")), "wrong-schema", "schema"],
    [() => wb.workbookOf("budget", example("kent-medway-stroke.timeline.json")), "invalid-option", "kind"],
    [() => wb.workbookOf("timeline", "{not json"), "not-json", ""],
  ];
  for (const [call, code, at] of cases) {
    const err = thrown(call);
    assertPackageError(assert, err, String(call));
    assert.equal(err.code, code, `${call}: ${err.message}`);
    if (at) assert.equal(err.path, at, `${call}: ${err.message}`);
  }
  const err = thrown(() => wb.workbookOf("timeline", example("kent-medway-stroke.timeline.json")));
  assert.match(err.message, /^activities\[6\]\.responses: the set-up workbook has no place for this field/);
});
