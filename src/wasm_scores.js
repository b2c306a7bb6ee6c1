// The individual scores of `evaluate`'s result, put back into it on the JavaScript side (see
// `evaluation_to_js` in src/wasm.rs, which writes what this reads). Kept for `make bench` (node
// `evaluate` at 150,000 scores, held at 3x `JSON.parse`); at 2,000 scores JSON would do.
//
// A national procurement's result holds 150,000 scores: as JSON text, writing them in Rust and
// parsing them in JavaScript took a third of `evaluate`. They cross instead as numbers, three per
// score in panel order, and become objects here, each with the keys in the order of the JSON:
//   scores[i]     the evaluator, an index into `members`
//   scores[i + 1] the score
//   scores[i + 2] flags: 1 kept; 2 has a rationale (the next end in `ends`); 4 x (1 + an index
//                 into `reasons`) when set aside
// `counts` gives each criterion's number of scores, bid by bid and criterion by criterion, in the
// order of `result.bids[].criteria[]`, whose `scores` arrays arrive empty. The rationales are one
// string, cut at `ends` (offsets in UTF-16 code units).

/**
 * Fills every `result.bids[].criteria[].scores` and returns nothing: the arrays are wasm memory
 * views, read here once and never kept.
 */
export function attachScores(result, members, reasons, counts, scores, rationales, ends) {
  let cell = 0;
  let at = 0;
  let rationale = 0;
  let start = 0;
  for (const bid of result.bids) {
    for (const criterion of bid.criteria) {
      const list = criterion.scores;
      for (let n = counts[cell++]; n > 0; n--, at += 3) {
        const flags = scores[at + 2];
        const score = { evaluator: members[scores[at]], score: scores[at + 1], kept: (flags & 1) === 1 };
        if (flags >= 4) score.reason = reasons[(flags >>> 2) - 1];
        if (flags & 2) {
          const end = ends[rationale++];
          score.rationale = rationales.slice(start, end);
          start = end;
        }
        list.push(score);
      }
    }
  }
}
