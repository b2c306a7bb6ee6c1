// `checkTimeline` in plain JavaScript, as a partner's web developer would write it from
// docs/SCHEMAS.md and src/timeline/: each activity's status, days and working days left, responses
// and projection; the plan's stage and key dates; the rules' findings. Dates stay `YYYY-MM-DD`
// strings (they compare in order as text) and become day numbers for arithmetic.
//
// Left out (compared nowhere, see compare.mjs): finding messages (codes, severities and activity
// ids are compared, not the wording), the `bankHolidays` option (a GOV.UK file merged into the
// calendar) and the bank holidays of Scotland and Northern Ireland (plain-calendar.mjs), and
// reading and checking the plan (the package rejects an end before its start, unknown fields...).
import { dayNumber, easter, isBankHoliday, isWeekend, isoDay, workingDaysBetween } from "./plain-calendar.mjs";

const of = (plan, ...kinds) => plan.activities.filter((a) => kinds.includes(a.kind));
const finding = (code, severity, activity) => ({ code, severity, message: "", activity });
/** The last of the activities with the greatest `key` (as the package picks it), or undefined. */
const latestBy = (list, key) => list.reduce((best, a) => (best === undefined || a[key] >= best[key] ? a : best), undefined);
/** The first of the activities with the smallest `key`, or undefined. */
const earliestBy = (list, key) => list.reduce((best, a) => (best === undefined || a[key] < best[key] ? a : best), undefined);

export function plainCheckTimeline(plan, { today }) {
  const now = dayNumber(today);
  const activities = plan.activities.map((a) => {
    const status = today < a.start ? "upcoming" : today > a.end ? "closed" : "open";
    const open = status === "open";
    // The latest count up to today (the last listed of a day counted twice).
    let latest;
    for (const r of a.responses ?? []) if (r.date <= today && (!latest || r.date >= latest.date)) latest = r;
    let projected = null;
    if (a.kind === "survey" && open && latest) {
      const days = dayNumber(a.end) - dayNumber(a.start) + 1;
      const elapsed = dayNumber(latest.date) - dayNumber(a.start) + 1;
      projected = Math.round((latest.count * days) / elapsed);
    }
    return {
      id: a.id, kind: a.kind, title: a.title, start: a.start, end: a.end, status,
      daysRemaining: open ? dayNumber(a.end) - now : null,
      workingDaysRemaining: open ? workingDaysBetween(now, dayNumber(a.end)) : null,
      responses: latest ? latest.count : null,
      target: a.target ?? null,
      projectedResponses: projected,
    };
  });

  let stage = "forthcoming";
  const any = (kind, test) => plan.activities.some((a) => a.kind === kind && test(a));
  if (any("feedback", (a) => a.start <= today)) stage = "feedback-published";
  else if (any("decision", (a) => a.start <= today)) stage = "decided";
  else if (any("consultation", (a) => a.start <= today && today <= a.end)) stage = "open";
  else if (any("consultation", (a) => a.end < today)) stage = "under-review";

  const keyDates = [];
  for (const a of plan.activities) {
    const add = (date, what) => {
      if (date && date >= today) keyDates.push({ date, what, activity: a.id });
    };
    if (a.kind === "consultation" || a.kind === "survey") {
      add(a.start, "opens");
      add(a.end, "closes");
    } else if (a.kind === "event") add(a.start, "event");
    else if (a.kind === "decision") add(a.start, "decision");
    else if (a.kind === "scrutiny") {
      add(a.commentsBy, "comments due");
      add(a.decisionBy, "decision due");
    }
  }
  keyDates.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)); // stable: plan order

  return { today, stage, keyDates, activities, diagnostics: findings(plan) };
}

/**
 * The default holiday periods around the years `from` to `to`, as [start, end] day strings:
 * 24 December to 1 January, Good Friday to Easter Monday, and August.
 */
function defaultHolidays(from, to) {
  const out = [];
  const christmas = (y) => [`${y}-12-24`, `${y + 1}-01-01`];
  for (let y = from; y <= to; y++) {
    out.push(christmas(y - 1));
    const sunday = easter(y);
    out.push([isoDay(sunday - 2), isoDay(sunday + 1)]);
    out.push([`${y}-08-01`, `${y}-08-31`]);
  }
  out.push(christmas(to));
  return out;
}

/** The rules' findings, in the package's order: rule by rule, each in plan order. */
function findings(plan) {
  const out = [];
  const periods = plan.preElectionPeriods ?? [];
  const inPeriod = (day) => periods.some((p) => p.start <= day && day <= p.end);
  const consultations = of(plan, "consultation");
  const minimumDays = (plan.rules?.minimumConsultationWeeks ?? 12) * 7;
  const own = plan.rules?.holidayPeriods?.map((p) => [p.start, p.end]);

  for (const a of consultations) {
    if (dayNumber(a.end) - dayNumber(a.start) + 1 < minimumDays) out.push(finding("consultation-too-short", "warning", a.id));
  }
  for (const a of of(plan, "consultation", "survey")) {
    // Open on any day of a holiday period: the plan's own, else the defaults.
    const holidays = own ?? defaultHolidays(+a.start.slice(0, 4), +a.end.slice(0, 4));
    if (holidays.some(([start, end]) => start <= a.end && a.start <= end)) out.push(finding("holiday-overlap", "warning", a.id));
  }
  for (const a of of(plan, "consultation", "survey")) {
    const end = dayNumber(a.end);
    if (isWeekend(end) || isBankHoliday(end)) out.push(finding("closes-on-non-working-day", "warning", a.id));
  }
  for (const a of of(plan, "consultation", "survey", "event")) {
    if (inPeriod(a.start)) out.push(finding("launch-in-pre-election-period", "error", a.id));
  }
  for (const a of of(plan, "consultation", "survey")) {
    // Already open on a period's first day: one finding per period.
    for (const p of periods) if (a.start < p.start && p.start <= a.end) out.push(finding("consultation-in-pre-election-period", "warning", a.id));
  }
  for (const a of of(plan, "publication", "decision", "feedback")) {
    if (periods.some((p) => p.start <= a.end && a.start <= p.end)) out.push(finding("publication-in-pre-election-period", "warning", a.id));
  }
  const scrutiny = of(plan, "scrutiny");
  const firstScrutiny = earliestBy(scrutiny, "start");
  const first = earliestBy(consultations, "start");
  if (plan.substantialVariation && first && !scrutiny.some((s) => s.start < first.start)) out.push(finding("scrutiny-missing", "error", first.id));
  for (const a of scrutiny) {
    if (!a.commentsBy || !a.decisionBy) out.push(finding("scrutiny-dates-missing", "error", a.id));
  }
  for (const a of scrutiny) {
    if (a.commentsBy && a.decisionBy && a.commentsBy > a.decisionBy) out.push(finding("scrutiny-dates-inconsistent", "error", a.id));
  }
  const latestComments = scrutiny.reduce((best, a) => (a.commentsBy && (!best || a.commentsBy > best) ? a.commentsBy : best), undefined);
  if (latestComments) {
    for (const d of of(plan, "decision")) if (d.start < latestComments) out.push(finding("scrutiny-dates-inconsistent", "error", d.id));
  }
  // SI 2024/15: notifiable when the council consultation began on or after 31 January 2024.
  if (plan.substantialVariation && firstScrutiny && firstScrutiny.start >= "2024-01-31") {
    const notified = of(plan, "notification").some((n) => n.recipient === "secretaryOfState" && (!first || n.start <= first.start));
    if (!notified) out.push(finding("secretary-of-state-not-notified", "error", firstScrutiny.id));
  }
  const lastAnalysis = latestBy(of(plan, "analysis"), "end");
  for (const a of consultations) {
    if (!lastAnalysis || lastAnalysis.end <= a.end) out.push(finding("no-analysis", "warning", a.id));
  }
  const reference = lastAnalysis ?? latestBy(consultations, "end");
  if (reference) {
    for (const d of of(plan, "decision")) if (d.start < reference.end) out.push(finding("decision-before-analysis", "error", d.id));
  }
  const lastFeedback = latestBy(of(plan, "feedback"), "start");
  for (const d of of(plan, "decision")) {
    if (!lastFeedback || lastFeedback.start <= d.end) out.push(finding("no-feedback", "warning", d.id));
  }
  // Something published or fed back within 12 weeks (84 days) of each consultation closing.
  const responses = of(plan, "feedback", "publication").map((a) => a.start).sort();
  for (const a of consultations) {
    const due = isoDay(dayNumber(a.end) + 84);
    const next = responses.find((day) => day > a.end);
    if (!next || next > due) out.push(finding("response-late", "warning", a.id));
  }
  return out;
}
