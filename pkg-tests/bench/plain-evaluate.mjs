// `evaluate` in plain JavaScript, as a partner's web developer would write it from docs/SCHEMAS.md
// and src/evaluation/scoring.rs: ordinary floating-point numbers instead of exact fractions, no
// checking of the document (it is taken to be valid), the same result shape as the package's.
//
// Implemented: rules 1 to 7 (set-aside scores, too few evaluators, divergence, finals, weighted
// scores), missing rationales, consensus, minimum scores and failed bids, price scores, totals,
// ranks and ties, the charter profile, unassessed charter standards, safeguarding and training
// findings, the PSR key criteria and the social value minimum, and the PSR standstill period.
//
// Left out (compared nowhere, see compare.mjs): finding messages (the codes, severities and ids
// are compared, not the wording), the Procurement Act 2023 standstill period (it counts the bank
// holidays of every part of the UK: plain-calendar.mjs knows England and Wales only), and reading
// and checking the document (the package rejects unknown fields, dangling ids, bad dates...).
import { dayNumber, isoDay, nthWorkingDayAfter } from "./plain-calendar.mjs";

const NON_SCORING = new Set(["procurement", "chair"]);
const KEY_CRITERIA = ["qualityInnovation", "value", "integrationCollaborationSustainability", "accessInequalitiesChoice", "socialValue"];
// Totals within this of each other are equal: floating-point sums of the same scores taken in
// another order can differ in the last bits, and the package's exact ties must stay ties.
const EPSILON = 1e-9;

const blank = (text) => text == null || text.trim() === "";
const finding = (code, severity, ids = {}) => ({ code, severity, message: "", ...ids });

export function plainEvaluate(doc) {
  const divergenceThreshold = doc.rules?.divergenceThreshold ?? 2;
  const minimumEvaluators = doc.rules?.minimumEvaluators ?? 2;
  const max = doc.scale.max;
  const diagnostics = [];

  // Findings about the panel: safeguarding and training.
  const scorers = new Set(doc.scores.map((s) => s.evaluator));
  for (const m of doc.panel) {
    if (m.under18 === true && blank(m.chaperone)) diagnostics.push(finding("safeguarding-missing", "error", { evaluator: m.id }));
  }
  for (const m of doc.panel) {
    if (scorers.has(m.id) && !NON_SCORING.has(m.role) && !m.trainingCompleted) {
      diagnostics.push(finding("evaluator-not-trained", "warning", { evaluator: m.id }));
    }
  }
  for (const m of doc.panel) {
    if (m.conflicts?.length && m.conflictManaged) diagnostics.push(finding("conflict-managed", "info", { evaluator: m.id }));
  }
  // The PSR process (absent: the Competitive Process); regulation 12(1): no standstill, and no key
  // criteria to record, under Direct Award Processes A and B.
  const psr = doc.regime === "psr";
  if (psr && !doc.psrProcess) diagnostics.push(finding("psr-process-assumed", "info"));
  const psrStandstill = !["directAwardA", "directAwardB"].includes(doc.psrProcess);
  // The PSR key criteria (value also by a price weight above 0) and the social value minimum.
  if (doc.regime) {
    if (psr && psrStandstill) {
      for (const key of KEY_CRITERIA) {
        const addressed = (key === "value" && doc.price.weight > 0) || doc.criteria.some((c) => c.keyCriterion === key);
        if (!addressed) diagnostics.push(finding("psr-key-criterion-missing", "error"));
      }
    }
    const social = doc.criteria.filter((c) => c.keyCriterion === "socialValue").reduce((sum, c) => sum + c.weight, 0);
    if (social < 10) diagnostics.push(finding("social-value-below-minimum", "warning"));
  }

  // Scores grouped by bid and criterion, each group in panel order.
  const panelIndex = new Map(doc.panel.map((m, i) => [m.id, i]));
  const groups = new Map();
  for (const s of doc.scores) {
    const key = `${s.bid}\u0000${s.criterion}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(s);
  }
  for (const group of groups.values()) group.sort((a, b) => panelIndex.get(a.evaluator) - panelIndex.get(b.evaluator));
  const members = new Map(doc.panel.map((m) => [m.id, m]));
  const agreedScores = new Map((doc.consensus ?? []).map((c) => [`${c.bid}\u0000${c.criterion}`, c]));

  const bids = doc.bids.map((bid) => {
    let quality = 0;
    let incomplete = false;
    const criteria = doc.criteria.map((criterion) => {
      const scores = [];
      const kept = [];
      for (const s of groups.get(`${bid.id}\u0000${criterion.id}`) ?? []) {
        const member = members.get(s.evaluator);
        let reason;
        if (NON_SCORING.has(member.role)) reason = "non-scoring-role";
        // A conflict in any bid sets aside every score, unless a recorded decision manages it.
        else if (member.conflictManaged ? member.conflicts?.includes(bid.id) : member.conflicts?.length) reason = "conflict-of-interest";
        else if (criterion.scoredBy && !criterion.scoredBy.includes(member.role)) reason = "role-not-permitted";
        const ids = { bid: bid.id, criterion: criterion.id, evaluator: member.id };
        if (reason) diagnostics.push(finding(reason, "error", ids));
        else {
          kept.push(s.score);
          if (blank(s.rationale)) diagnostics.push(finding("missing-rationale", "warning", ids));
        }
        const result = { evaluator: member.id, score: s.score, kept: !reason };
        if (reason) result.reason = reason;
        if (s.rationale != null) result.rationale = s.rationale;
        scores.push(result);
      }
      const spread = kept.length ? Math.max(...kept) - Math.min(...kept) : null;
      const agreed = agreedScores.get(`${bid.id}\u0000${criterion.id}`);
      const ids = { bid: bid.id, criterion: criterion.id };
      if (agreed && blank(agreed.rationale)) diagnostics.push(finding("consensus-without-rationale", "error", ids));
      const needsModeration = spread !== null && spread >= divergenceThreshold && !agreed;
      if (needsModeration) diagnostics.push(finding("divergent-scores", "warning", ids));
      let final = null;
      if (agreed) final = agreed.score;
      else if (kept.length < minimumEvaluators) diagnostics.push(finding("insufficient-evaluators", "error", ids));
      else final = kept.reduce((a, b) => a + b, 0) / kept.length;
      const weighted = final === null ? null : (final / max) * criterion.weight;
      if (weighted === null) incomplete = true;
      else quality += weighted;
      const result = { criterion: criterion.id, final, weighted, spread, evaluators: kept.length, needsModeration };
      if (agreed) result.consensus = { score: agreed.score, rationale: agreed.rationale ?? null };
      result.scores = scores;
      return result;
    });
    const below = doc.criteria.filter((c, i) => c.minimumScore !== undefined && criteria[i].final !== null && criteria[i].final < c.minimumScore);
    // Incomplete wins: a bid is judged only once every criterion has its final score.
    const status = incomplete ? "incomplete" : below.length ? "failed" : "ranked";
    if (status === "failed") for (const c of below) diagnostics.push(finding("below-minimum-score", "error", { bid: bid.id, criterion: c.id }));

    // Charter profile: the mean final of the criteria linked to each standard, as a percentage.
    const linked = new Map();
    doc.criteria.forEach((c, i) => {
      for (const standard of c.charterStandards ?? []) {
        if (!linked.has(standard)) linked.set(standard, []);
        if (criteria[i].final !== null) linked.get(standard).push(criteria[i].final);
      }
    });
    const charter = {};
    for (const standard of [...linked.keys()].sort()) {
      const finals = linked.get(standard);
      charter[standard] = finals.length ? (finals.reduce((a, b) => a + b, 0) * 100) / finals.length / max : null;
    }
    return { id: bid.id, bidder: bid.bidder, status, rank: null, quality: incomplete ? null : quality, priceScore: null, total: null, criteria, charter, price: bid.price };
  });

  // Price: the lowest price among the bids still in the running.
  const ranked = bids.filter((b) => b.status === "ranked");
  if (ranked.length) {
    const lowest = Math.min(...ranked.map((b) => b.price));
    for (const b of ranked) {
      b.priceScore = (doc.price.weight * lowest) / b.price;
      b.total = b.quality + b.priceScore;
    }
  }
  // Ranks: highest total, then highest quality; still equal, a shared rank and a `tie` finding.
  const same = (x, y) => Math.abs(x - y) <= EPSILON;
  const order = [...ranked].sort((a, b) => (same(a.total, b.total) ? (same(a.quality, b.quality) ? 0 : b.quality - a.quality) : b.total - a.total));
  order.forEach((b, i) => {
    const previous = order[i - 1];
    if (previous && same(previous.total, b.total) && same(previous.quality, b.quality)) {
      b.rank = previous.rank;
      diagnostics.push(finding("tie", "warning", { bid: b.id }));
    } else b.rank = i + 1;
  });
  const place = { ranked: 0, failed: 1, incomplete: 2 };
  const sorted = [...bids].sort((a, b) => place[a.status] - place[b.status] || (a.rank ?? 0) - (b.rank ?? 0));
  for (const b of sorted) delete b.price;

  if (doc.charter) {
    const assessed = new Set(doc.criteria.flatMap((c) => c.charterStandards ?? []));
    for (const s of doc.charter.standards) if (!assessed.has(s.id)) diagnostics.push(finding("charter-standard-unassessed", "warning", { standard: s.id }));
  }
  // What PSR regulation 24 and Procurement Regulations 2024 regulation 31 ask and the document lacks.
  if (psr) {
    for (const b of sorted.filter((b) => b.rank === 1)) {
      if (blank(doc.bids.find((x) => x.id === b.id).address)) diagnostics.push(finding("decision-record-incomplete", "warning", { bid: b.id }));
    }
    if (!doc.decision) diagnostics.push(finding("decision-record-incomplete", "warning"));
    if (psrStandstill && blank(doc.decision?.basicSelectionCriteria)) diagnostics.push(finding("decision-record-incomplete", "warning"));
  }
  if (doc.regime === "pa2023") {
    for (const b of doc.bids) if (blank(b.address) || blank(b.identifier)) diagnostics.push(finding("assessment-summary-incomplete", "warning", { bid: b.id }));
  }
  // PSR standstill (regulation 12(2), (3)): the period begins on the day after the notice and ends
  // at the end of the eighth working day after the day it begins; null where there is none.
  const standstillEnds = psr && psrStandstill && doc.awardNoticeDate ? isoDay(nthWorkingDayAfter(dayNumber(doc.awardNoticeDate) + 1, 8)) : null;
  return { bids: sorted, standstillEnds, diagnostics };
}
