// The WebAssembly size budget (issue 8). Sizes are deterministic, so this is a test, not a
// benchmark: gzipped at level 9, each module a page can load must stay within 200 KB (200,000
// bytes). Pages load one module per area (scripts/build-wasm.sh, www/widgets/base.js), so the
// budget is per area. The full module (every area, for node and bundlers) is held to its own
// ceiling so that it cannot grow unnoticed either; see BENCHMARKS.md for what each holds.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The budget of every module a page loads, gzipped, in bytes. */
const AREA_BUDGET = 200_000;
/**
 * The full module's ceiling (pkg/web, opt-level "s"): 485,065 bytes when set, plus 3%. It was
 * 408,000 (396,363 plus 3%) until the survey area (issue 20) added the CSV reader (the csv
 * crate), the summary with its suppression, redaction of quotes, "You said, we did", a summary's
 * reader and the area's rule texts: about 89 KB gzipped (the survey area's own module is 161 KB,
 * within AREA_BUDGET). Before that it was 372,000 (361,358 plus 3%) until the rule catalogue
 * (issue 15) added every rule's sentence, source and help (about 8 KB gzipped) and the records the law requires (PSR regulation 24,
 * Procurement Regulations 2024 regulation 31, managed conflicts: about 25 KB in all with the
 * rules' code). Pages never load this module: they load an area's (AREA_BUDGET).
 */
const FULL_CEILING = 500_000;

/**
 * The workbook module's ceiling (pkg/areas/workbook, opt-level "z"): 657,483 bytes when set, plus
 * 2%. No page loads it until someone gives or asks for a workbook; it holds calamine (.xlsx, .ods,
 * .xls), rust_xlsxwriter and zip (BENCHMARKS.md).
 */
const WORKBOOK_CEILING = 671_000;

function gzipped(file) {
  const full = path.join(repo, file);
  assert.ok(existsSync(full), `${file} is missing: run make wasm`);
  const bytes = readFileSync(full);
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

for (const area of ["timeline", "timeline-page", "report", "charter", "evaluation", "planner", "survey"]) {
  test(`the ${area} module is within ${AREA_BUDGET} bytes gzipped`, () => {
    const { raw, gz } = gzipped(`pkg/areas/${area}/engagekit-${area}_bg.wasm`);
    assert.ok(gz <= AREA_BUDGET, `engagekit-${area}_bg.wasm is ${gz} bytes gzipped (${raw} raw), over the budget of ${AREA_BUDGET}`);
  });
}

test(`the full module (every area) stays under its ceiling of ${FULL_CEILING} bytes gzipped`, () => {
  const { raw, gz } = gzipped("pkg/web/engagekit_bg.wasm");
  assert.ok(gz <= FULL_CEILING, `pkg/web/engagekit_bg.wasm is ${gz} bytes gzipped (${raw} raw), over its ceiling of ${FULL_CEILING}`);
});

test(`the workbook module stays under its ceiling of ${WORKBOOK_CEILING} bytes gzipped`, () => {
  const { raw, gz } = gzipped("pkg/areas/workbook/engagekit-workbook_bg.wasm");
  assert.ok(gz <= WORKBOOK_CEILING, `engagekit-workbook_bg.wasm is ${gz} bytes gzipped (${raw} raw), over its ceiling of ${WORKBOOK_CEILING}`);
});

// The timeline page's module makes findings without carrying the rules' texts (a finding takes
// its rule's code, severity and citation at compile time: `Rule::finding` in src/diagnostic.rs).
// Each timeline rule's help and sentence, from the catalogue, must be in engagekit/timeline (which
// lists the catalogue) and in no byte of the page's module, whose findings do not need them.
test("the timeline page's module carries none of the rules' texts, which the timeline module does", async () => {
  const { createRequire } = await import("node:module");
  const engagekit = createRequire(import.meta.url)(path.join(repo, "pkg/node/engagekit.js"));
  const rules = engagekit.rules().filter((r) => r.area === "timeline");
  assert.ok(rules.length >= 14, `${rules.length} timeline rules`);
  const page = readFileSync(path.join(repo, "pkg/areas/timeline-page/engagekit-timeline-page_bg.wasm"));
  const area = readFileSync(path.join(repo, "pkg/areas/timeline/engagekit-timeline_bg.wasm"));
  for (const r of rules) {
    for (const text of [r.help, r.rule]) {
      assert.ok(area.includes(Buffer.from(text)), `${r.code}: engagekit-timeline_bg.wasm lacks the text, so this test could not tell`);
      assert.ok(!page.includes(Buffer.from(text)), `${r.code}: engagekit-timeline-page_bg.wasm holds "${text.slice(0, 60)}..."`);
    }
  }
});
