// The benchmark's input documents, generated in JavaScript from a seeded PRNG so that every run
// measures the same documents. The timed ones have the sizes and shapes of benches/workloads.rs
// (the native benchmark), so that node and native figures can be set side by side; the "rich"
// ones are small and exercise every rule the plain-JavaScript versions implement, for the
// agreement checks (run.mjs and ../bench-agreement.test.mjs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A small deterministic generator (mulberry32): the same seed gives the same documents. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** A whole number from 0 to n - 1. */
    below: (n) => Math.floor(next() * n),
    /** True with probability p. */
    chance: (p) => next() < p,
    /** One element of a list. */
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` `days` after `iso`. */
export function addDays(iso, days) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const SCORING_ROLES = ["serviceUser", "carer", "parentRep", "youngPerson", "clinician", "commissioner", "finance"];

/**
 * Weights to 3 places that total `total` exactly: all but the last rounded down, the last the
 * rest (as benches/workloads.rs does, so that the document passes the "weights total 100" check).
 */
function weights(n, total) {
  const each = Math.floor((total / n) * 1000) / 1000;
  const out = Array(n).fill(each);
  const rest = total - out.slice(0, -1).reduce((a, b) => a + b, 0);
  out[n - 1] = Math.round(rest * 1000) / 1000;
  return out;
}

/**
 * An evaluation with `bids` x `criteria` x `evaluators` scores, shaped like benches/workloads.rs:
 * scores 0 to 4 at random, every score with a rationale, price weight 20, prices 100,000 to
 * 999,999, no consensus, no regime.
 */
export function evaluationDoc(bids, criteria, evaluators, seed = 42) {
  const r = rng(seed);
  const w = weights(criteria, 80);
  const scores = [];
  for (let b = 0; b < bids; b++) {
    for (let c = 0; c < criteria; c++) {
      for (let e = 0; e < evaluators; e++) {
        scores.push({ evaluator: `E${e}`, bid: `B${b}`, criterion: `Q${c}`, score: r.below(5), rationale: "Reasons." });
      }
    }
  }
  return {
    schema: "engagekit/evaluation@1",
    title: "Benchmark",
    scale: { max: 4, labels: ["0", "1", "2", "3", "4"] },
    price: { weight: 20, method: "lowest" },
    criteria: w.map((weight, c) => ({ id: `Q${c}`, title: `Criterion ${c}`, weight })),
    bids: Array.from({ length: bids }, (_, b) => ({ id: `B${b}`, bidder: `Bidder ${b}`, price: 100_000 + r.below(900_000) })),
    panel: Array.from({ length: evaluators }, (_, e) => ({ id: `E${e}`, role: SCORING_ROLES[e % SCORING_ROLES.length], trainingCompleted: "2024-01-01" })),
    scores,
  };
}

const KEY_CRITERIA = ["qualityInnovation", "value", "integrationCollaborationSustainability", "accessInequalitiesChoice", "socialValue"];

/**
 * A small evaluation that reaches every rule: non-scoring roles that score, conflicts, `scoredBy`,
 * missing scores (too few evaluators), consensus with and without a rationale, minimum scores,
 * missing rationales, a charter with an unlinked standard, PSR key criteria, safeguarding,
 * training, uneven weights, moderation rules, a bid copied from another (an exact tie), and an
 * award notice date (the standstill period over bank holidays).
 */
export function richEvaluationDoc(seed) {
  const r = rng(seed);
  const max = r.pick([4, 5, 10]);
  const nCriteria = 2 + r.below(7);
  const nBids = 2 + r.below(5);
  const nPanel = 3 + r.below(6);
  const priceWeight = r.pick([20, 30, 25.5, 0]);
  const w = weights(nCriteria, 100 - priceWeight);
  const standards = Array.from({ length: 1 + r.below(4) }, (_, s) => ({ id: `PC${s + 1}`, theme: "access", statement: `Standard ${s + 1}.` }));
  const criteria = w.map((weight, c) => {
    const criterion = { id: `Q${c + 1}`, title: `Criterion ${c + 1}`, weight };
    if (r.chance(0.4)) criterion.minimumScore = r.below(Math.ceil(max / 2) + 1);
    if (r.chance(0.4)) criterion.scoredBy = SCORING_ROLES.filter(() => r.chance(0.5));
    if (r.chance(0.6)) criterion.charterStandards = [...new Set([r.pick(standards).id, r.pick(standards).id])];
    if (r.chance(0.7)) criterion.keyCriterion = r.pick(KEY_CRITERIA);
    return criterion;
  });
  const bids = Array.from({ length: nBids }, (_, b) => ({ id: `B${b + 1}`, bidder: `Bidder ${b + 1}`, price: r.pick([250000, 249999.99, 300000, 312500.5, 400000]) }));
  const panel = Array.from({ length: nPanel }, (_, e) => {
    const member = { id: `E${e + 1}`, role: r.chance(0.15) ? r.pick(["procurement", "chair"]) : r.pick(SCORING_ROLES) };
    if (r.chance(0.2)) member.conflicts = [r.pick(bids).id];
    if (r.chance(0.85)) member.trainingCompleted = "2024-09-17";
    if (r.chance(0.2)) {
      member.under18 = true;
      if (r.chance(0.5)) member.chaperone = r.pick(["Rachel Dunn", "  "]);
    }
    return member;
  });
  const scores = [];
  const consensus = [];
  for (const bid of bids) {
    for (const criterion of criteria) {
      for (const member of panel) {
        if (r.chance(0.15)) continue; // not scored (yet)
        const score = { evaluator: member.id, bid: bid.id, criterion: criterion.id, score: r.below(max + 1) };
        if (r.chance(0.85)) score.rationale = r.pick(["Reasons.", "A clear plan.", " "]);
        scores.push(score);
      }
      if (r.chance(0.1)) {
        const agreed = { bid: bid.id, criterion: criterion.id, score: r.below(max + 1) };
        if (r.chance(0.7)) agreed.rationale = "Agreed at moderation.";
        consensus.push(agreed);
      }
    }
  }
  // A copy of the first bid under another id, with the same scores kept: an exact tie unless it
  // fails. (A score set aside for a conflict in the first bid would count in the copy: left out.)
  const twin = { id: "B99", bidder: "Twin bidder", price: bids[0].price };
  for (const s of scores.filter((s) => s.bid === bids[0].id)) {
    const conflicted = panel.find((m) => m.id === s.evaluator).conflicts?.includes(bids[0].id);
    if (!conflicted) scores.push({ ...s, bid: twin.id });
  }
  for (const c of consensus.filter((c) => c.bid === bids[0].id)) consensus.push({ ...c, bid: twin.id });
  bids.push(twin);

  const doc = {
    schema: "engagekit/evaluation@1",
    title: `Rich evaluation ${seed}`,
    scale: { max, labels: Array.from({ length: max + 1 }, (_, i) => `Point ${i}`) },
    price: { weight: priceWeight, method: "lowest" },
    criteria,
    bids,
    panel,
    scores,
  };
  if (consensus.length) doc.consensus = consensus;
  if (r.chance(0.5)) doc.rules = r.pick([{ divergenceThreshold: 3, minimumEvaluators: 1 }, { divergenceThreshold: 1.5, minimumEvaluators: 3 }, { divergenceThreshold: 2, minimumEvaluators: 2 }]);
  if (r.chance(0.7)) doc.charter = { schema: "engagekit/charter@1", id: "c", title: "Charter", standards };
  else for (const c of criteria) delete c.charterStandards;
  if (r.chance(0.6)) {
    doc.regime = "psr";
    // Notices around Easter, Christmas and the one-off bank holidays of 2022 and 2023.
    doc.awardNoticeDate = r.pick(["2024-12-02", "2024-12-20", "2025-04-15", "2022-05-27", "2023-05-02", "2020-12-23", "2024-03-27"]);
  }
  return doc;
}

const KINDS = ["engagement", "consultation", "survey", "event", "scrutiny", "analysis", "decision", "feedback", "publication"];

/**
 * A plan of `n` activities over ten years from 2016, shaped like benches/workloads.rs: kinds in
 * turn, random starts and lengths up to 120 days, scrutiny dates on every activity, one response
 * count at the start, one pre-election period.
 */
export function timelineDoc(n, seed = 7) {
  const r = rng(seed);
  const activities = [];
  for (let i = 0; i < n; i++) {
    const start = addDays("2016-01-01", r.below(3650));
    const end = addDays(start, r.below(120));
    activities.push({
      id: `a${i}`, kind: KINDS[i % KINDS.length], title: `Activity ${i}`, start, end,
      commentsBy: end, decisionBy: end, responses: [{ date: start, count: r.below(1000) }],
    });
  }
  return {
    schema: "engagekit/timeline@1",
    title: "Benchmark",
    substantialVariation: true,
    activities,
    preElectionPeriods: [{ title: "Election", start: "2018-03-26", end: "2018-05-03" }],
  };
}

/**
 * A small plan that reaches every rule: few activities of every kind (so that analyses, feedback
 * or scrutiny are sometimes missing), several response counts (some after `today`), targets,
 * missing scrutiny dates, notifications to the Secretary of State or others, several pre-election
 * periods, a minimum length, the plan's own holiday periods or the defaults (Christmas, Easter,
 * August), and bank holidays. Plans run over 2019 to 2026 (the VE day, jubilee, funeral and
 * coronation holidays; councils consulted before and after 31 January 2024).
 */
export function richTimelineDoc(seed) {
  const r = rng(seed);
  const n = 3 + r.below(12);
  const kinds = [...KINDS, "implementation", "other", "notification"];
  const activities = [];
  for (let i = 0; i < n; i++) {
    const start = addDays("2019-01-01", r.below(2600));
    const end = addDays(start, r.pick([0, 1, 6, 30, 83, 84, 90, 120]));
    const a = { id: `a${i}`, kind: r.pick(kinds), title: `Activity ${i}`, start, end };
    if (a.kind === "notification") a.recipient = r.pick(["secretaryOfState", "secretaryOfState", "healthwatch", "members", "other"]);
    if (r.chance(0.3)) a.target = r.below(2000);
    if (r.chance(0.6)) {
      a.responses = Array.from({ length: 1 + r.below(4) }, () => ({ date: addDays(start, r.below(150)), count: r.below(5000) }));
    }
    if (a.kind === "scrutiny" ? r.chance(0.7) : r.chance(0.1)) a.commentsBy = addDays(start, r.below(60));
    if (a.kind === "scrutiny" ? r.chance(0.7) : r.chance(0.1)) a.decisionBy = addDays(start, r.below(300));
    activities.push(a);
  }
  const doc = { schema: "engagekit/timeline@1", title: `Rich plan ${seed}`, substantialVariation: r.chance(0.7), activities };
  if (r.chance(0.7)) {
    doc.preElectionPeriods = [
      { title: "Local elections", start: "2021-03-22", end: "2021-05-06" },
      { title: "General election", start: "2019-11-06", end: "2019-12-12" },
      { title: "General election", start: "2024-05-25", end: "2024-07-04" },
    ].filter(() => r.chance(0.7));
  }
  if (r.chance(0.3)) doc.rules = { minimumConsultationWeeks: r.pick([6, 8, 12]) };
  if (r.chance(0.2)) {
    doc.rules = {
      ...doc.rules,
      holidayPeriods: [
        { title: "Half term", start: "2022-05-30", end: "2022-06-03" },
        { title: "Summer", start: "2024-07-22", end: "2024-09-03" },
      ].filter(() => r.chance(0.6)),
    };
  }
  return doc;
}

/** Days at which to check a plan: each start and end and the day after, and a few others. */
export function checkDays(plan, limit = 12) {
  const days = new Set(["2015-06-01", "2030-01-01"]);
  for (const a of plan.activities) {
    days.add(a.start);
    days.add(a.end);
    days.add(addDays(a.end, 1));
  }
  const all = [...days].sort();
  // Spread over the plan, not only its first days.
  const step = Math.max(1, Math.floor(all.length / limit));
  return all.filter((_, i) => i % step === 0);
}

/** A report of about `bytes` of text, from the seed report (as benches/workloads.rs builds it). */
export function reportText(bytes) {
  const seed = readFileSync(path.join(repo, "tests", "data", "stp-one-year-on-2017.txt"), "utf8");
  const parts = [];
  let length = 0;
  for (let section = 1; length < bytes; section++) {
    const part = `${section} Section ${section}\n\n${seed}\n`;
    parts.push(part);
    length += Buffer.byteLength(part);
  }
  return parts.join("");
}

/**
 * A monitoring document of `standards` standards with five measures each (KPIs and feedback in
 * turn), shaped like benches/workloads.rs.
 */
export function monitoringDoc(standards, seed = 3) {
  const r = rng(seed);
  const results = [];
  const stds = [];
  for (let s = 0; s < standards; s++) {
    const measures = [];
    for (let m = 0; m < 5; m++) {
      const id = `S${s}M${m}`;
      if (m % 2 === 0) {
        results.push({ standard: `S${s}`, measure: id, value: r.below(100) });
        measures.push({ id, kind: "kpi", target: 90, tolerance: 5 });
      } else {
        results.push({ standard: `S${s}`, measure: id, counts: Array.from({ length: 5 }, () => r.below(20)) });
        measures.push({ id, kind: "feedback", question: "?", target: 80, tolerance: 10 });
      }
    }
    stds.push({ id: `S${s}`, theme: "access", statement: "A standard.", measures });
  }
  return {
    schema: "engagekit/monitoring@1",
    period: "Q1",
    results,
    charter: { schema: "engagekit/charter@1", id: "c", title: "Benchmark", standards: stds },
  };
}
