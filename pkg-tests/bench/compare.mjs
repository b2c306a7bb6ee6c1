// Whether the plain-JavaScript `evaluate` and `checkTimeline` give the package's results, field by
// field for everything they implement: numbers to 2 decimal places (the package's are exact
// fractions, the plain ones floating point), everything else exactly. Finding messages are not
// compared (the plain versions leave them out), nor the Procurement Act 2023 standstill date.
// Each function returns the differences as lines (empty: they agree).

/**
 * Two decimals, halves away from zero, on the number as written (the package's `fmt2`): 51.525
 * shows as 51.53.
 */
export function fmt2(x) {
  const [whole, frac = ""] = String(Math.abs(x)).split(".");
  if (/e/.test(whole)) return Math.abs(x) < 1 ? "0.00" : String(x); // 1e-7 and 1e21 and beyond
  let cents = BigInt(whole + (frac + "00").slice(0, 2));
  if (frac.length > 2 && frac[2] >= "5") cents += 1n;
  const digits = cents.toString().padStart(3, "0");
  const sign = x < 0 && cents !== 0n ? "-" : "";
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Equal to 2 decimal places. Numbers a few ulps apart on either side of a half (51.525 exactly,
 * 51.52499999999999 in floating point) are also equal: they are the same number.
 */
function same2(a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return a === b;
  return fmt2(a) === fmt2(b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

const FINDING_KEYS = ["code", "severity", "bid", "criterion", "evaluator", "activity", "standard", "measure"];

/** A finding as one line of the fields compared (not its message). */
const findingLine = (d) => FINDING_KEYS.filter((k) => d[k] !== undefined).map((k) => `${k}=${d[k]}`).join(" ");

function compareFindings(out, wasm, plain) {
  const w = wasm.map(findingLine), p = plain.map(findingLine);
  const n = Math.max(w.length, p.length);
  for (let i = 0; i < n && out.length < 20; i++) {
    if (w[i] !== p[i]) out.push(`diagnostics[${i}]: package ${w[i] ?? "(none)"}, plain ${p[i] ?? "(none)"}`);
  }
}

/** Differences between the package's `evaluate` result and the plain one, for `doc`. */
export function compareEvaluation(wasm, plain, doc) {
  const out = [];
  const check = (path, w, p, equal = (x, y) => x === y) => {
    if (!equal(w, p)) out.push(`${path}: package ${JSON.stringify(w)}, plain ${JSON.stringify(p)}`);
  };
  check("bids.length", wasm.bids.length, plain.bids.length);
  wasm.bids.forEach((wb, i) => {
    const pb = plain.bids[i];
    if (!pb || out.length >= 20) return;
    const at = `bids[${i}]`;
    for (const key of ["id", "bidder", "status", "rank"]) check(`${at}.${key}`, wb[key], pb[key]);
    for (const key of ["quality", "priceScore", "total"]) check(`${at}.${key}`, wb[key], pb[key], same2);
    check(`${at}.charter keys`, Object.keys(wb.charter).join(), Object.keys(pb.charter).join());
    for (const key of Object.keys(wb.charter)) check(`${at}.charter.${key}`, wb.charter[key], pb.charter[key], same2);
    check(`${at}.criteria.length`, wb.criteria.length, pb.criteria.length);
    wb.criteria.forEach((wc, j) => {
      const pc = pb.criteria[j];
      if (!pc || out.length >= 20) return;
      const cat = `${at}.criteria[${j}]`;
      for (const key of ["criterion", "spread", "evaluators", "needsModeration"]) check(`${cat}.${key}`, wc[key], pc[key]);
      for (const key of ["final", "weighted"]) check(`${cat}.${key}`, wc[key], pc[key], same2);
      check(`${cat}.consensus`, JSON.stringify(wc.consensus), JSON.stringify(pc.consensus));
      check(`${cat}.scores`, JSON.stringify(wc.scores), JSON.stringify(pc.scores));
    });
  });
  // The plain version computes the PSR standstill only (see plain-evaluate.mjs).
  if (doc.regime !== "pa2023") check("standstillEnds", wasm.standstillEnds, plain.standstillEnds);
  compareFindings(out, wasm.diagnostics, plain.diagnostics);
  return out;
}

const ACTIVITY_KEYS = ["id", "kind", "title", "start", "end", "status", "daysRemaining", "workingDaysRemaining", "responses", "target", "projectedResponses"];

/** Differences between the package's `checkTimeline` result and the plain one. */
export function compareTimeline(wasm, plain) {
  const out = [];
  const check = (path, w, p) => {
    if (w !== p) out.push(`${path}: package ${JSON.stringify(w)}, plain ${JSON.stringify(p)}`);
  };
  check("today", wasm.today, plain.today);
  check("stage", wasm.stage, plain.stage);
  check("keyDates", JSON.stringify(wasm.keyDates), JSON.stringify(plain.keyDates));
  check("activities.length", wasm.activities.length, plain.activities.length);
  wasm.activities.forEach((wa, i) => {
    const pa = plain.activities[i];
    if (!pa || out.length >= 20) return;
    for (const key of ACTIVITY_KEYS) check(`activities[${i}].${key}`, wa[key], pa[key]);
  });
  compareFindings(out, wasm.diagnostics, plain.diagnostics);
  return out;
}
