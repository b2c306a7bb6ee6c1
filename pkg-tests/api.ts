// A TypeScript program using the package as a partner's developer would: `tsc --noEmit --strict`
// checks it in make test against the declarations derived from the Rust types. The lines marked
// as expected errors are misuses that must NOT compile: if one ever does, tsc fails the build.
import * as engagekit from "../pkg/node/engagekit.js";
import type { Evaluation, EvaluationResult, Timeline, TimelineCheck, IsoDate, EngagekitError, Rule } from "../pkg/node/engagekit.js";

const plan: Timeline = {
  schema: "engagekit/timeline@1",
  title: "Stroke services review",
  substantialVariation: true,
  activities: [{ id: "c1", kind: "consultation", title: "Public consultation", start: "2018-02-02", end: "2018-04-27" }],
};
const check: TimelineCheck = engagekit.checkTimeline(plan, { today: "2018-03-01" });
const stage: "forthcoming" | "open" | "under-review" | "decided" | "feedback-published" = check.stage;
const left: number | null = check.activities[0].daysRemaining;
const day: IsoDate = check.keyDates[0]?.date ?? "2018-04-27";

export function ranked(doc: Evaluation | string): string[] {
  const result: EvaluationResult = engagekit.evaluate(doc);
  return result.bids.filter((b) => b.status === "ranked").map((b) => `${b.rank}: ${b.bidder} ${b.total?.toFixed(2)}`);
}

export function explain(e: unknown): string {
  const err = e as EngagekitError;
  return `${err.code} at ${err.path}: ${err.message}`;
}

const html: string = engagekit.renderReport("# Report\n\n1 Intro\n\nText.\n", { to: "html" });
// Options may be left out, as in JavaScript (the declarations mark them optional).
const today: TimelineCheck = engagekit.checkTimeline(plan);
const plain: string = engagekit.renderReport("# Report\n");

// @ts-expect-error: an activity kind that does not exist
const wrongKind: Timeline = { ...plan, activities: [{ ...plan.activities[0], kind: "webinar" }] };

// @ts-expect-error: a number is not a document
engagekit.evaluate(42);

// @ts-expect-error: total is null for a bid that is not ranked: it must be checked first
export const unchecked = (r: EvaluationResult): string => r.bids[0].total.toFixed(2);

// @ts-expect-error: an option that does not exist
engagekit.checkTimeline(plan, { tody: "2018-03-01" });

export { stage, left, day, html, wrongKind };

// The rule catalogue: each rule's source says what kind of authority it is.
const catalogue: Rule[] = engagekit.rules();
export const lawOnly: string[] = catalogue.filter((r) => r.source.kind === "law").map((r) => `${r.code}: ${r.source.title}, ${r.source.citation}`);
// @ts-expect-error: "statute" is not one of the kinds (law, statutory-guidance, guidance, local-policy, unverified)
export const notAKind = catalogue.filter((r) => r.source.kind === "statute");

// Scored once, asked many times: the summaries come from the one evaluation.
export function summaries(doc: Evaluation | string): string[] {
  const evaluated = new engagekit.Evaluated(doc);
  try {
    const result: EvaluationResult = evaluated.result();
    return result.bids.map((b) => evaluated.assessmentSummary(b.id, { to: "html" }));
  } finally {
    evaluated.free();
  }
}
// @ts-expect-error: an option that does not exist
new engagekit.Evaluated("{}").assessmentSummary("B1", { format: "html" });

// The survey area: a summary for the report, read back for a page, and "You said, we did".
export function agreement(survey: engagekit.Survey | string, csv: string): (number | null)[] {
  const summary: engagekit.SurveySummary = engagekit.summariseSurvey(survey, csv, { by: "age" });
  const again: engagekit.SurveySummary = engagekit.readSurveySummary(JSON.stringify(summary), { survey });
  return again.questions.map((q) => q.scale?.agreePercent ?? null);
}
export function overdue(outcomes: engagekit.Outcomes): string[] {
  const check: engagekit.OutcomesCheck = engagekit.checkOutcomes(outcomes, { today: "2018-07-01" });
  const done: number = check.statuses.done;
  return check.diagnostics.filter((d) => d.code === "overdue").map((d) => `${d.message} (${done} done)`);
}
// @ts-expect-error: the responses are the CSV's text, not parsed rows
engagekit.summariseSurvey("{}", [["q1"], ["Yes"]]);
// @ts-expect-error: an option that does not exist
engagekit.checkOutcomes("{}", { todya: "2018-07-01" });

// The charter editor's live line: a statement's reading age, beside the limits in the core's words.
export function readingLine(text: string): string {
  const r: engagekit.Readability = engagekit.readability(text);
  const over: boolean = !r.within;
  return `${over ? "Hard to read: " : ""}reading age ${r.readingAge.toFixed(1)}, longest sentence ${r.longestSentence} words (${r.aim})`;
}
// @ts-expect-error: the text, not a charter
engagekit.readability({ schema: "engagekit/charter@1" });
