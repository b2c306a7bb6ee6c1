// <engage-survey-status src activity today heading-level>: one survey's status ("Closes in 23 days
// (Friday 23 December)"), the responses so far, a progress bar towards the target and the
// projection at the close, all from checkTimeline. Without `activity`: the first open survey, else
// the first survey of the plan.
import { EngageElement, define, el, longDate, count, fixed2, plural, uniqueId, localToday, dayNumber } from "./base.js";

const CSS = `
.status { font-size: 1.375rem; font-weight: 700; line-height: 1.25; margin-bottom: 1rem; }
@media (min-width: 40em) { .status { font-size: 1.5rem; } }
.responses { font-size: 1.125rem; }
.responses strong { font-size: 1.5rem; }
.bar-label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
progress {
  display: block; width: 100%; height: 1.5rem; margin: 0 0 0.5rem;
  appearance: none; -webkit-appearance: none; border: 2px solid var(--_text); background: #ffffff;
}
progress::-webkit-progress-bar { background: #ffffff; }
progress::-webkit-progress-value { background: var(--_blue); }
progress::-moz-progress-bar { background: var(--_blue); }
.projection { border-left: 6px solid var(--_blue); padding-left: 0.75rem; }
`;

class EngageSurveyStatus extends EngageElement {
  static kind = "survey";
  static area = "timeline-page";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "today", "activity"];
  }

  render(text, api) {
    // checkTimeline reads and checks the plan first, so that a bad one is reported as engagekit
    // reports it (its path and line), not as JSON.parse would.
    const today = this.getAttribute("today") || localToday();
    const result = api.checkTimeline(text, { today });
    const plan = JSON.parse(text);
    const wanted = this.getAttribute("activity");
    let a;
    if (wanted) {
      a = result.activities.find((x) => x.id === wanted);
      if (!a) {
        throw Object.assign(new Error(`The plan "${plan.title}" has no activity with the id "${wanted}".`), {
          code: "dangling-reference",
          path: "activity",
        });
      }
    } else {
      const surveys = result.activities.filter((x) => x.kind === "survey");
      a = surveys.find((x) => x.status === "open") ?? surveys[0];
      if (!a) throw Object.assign(new Error(`The plan "${plan.title}" has no survey.`), { code: "dangling-reference", path: "activities" });
    }
    const source = plan.activities.find((x) => x.id === a.id);
    const titleId = uniqueId("engage-survey-title");
    const sameYear = (iso) => iso.slice(0, 4) === today.slice(0, 4);

    let status;
    if (a.status === "open") {
      const when = longDate(a.end, { year: !sameYear(a.end) });
      if (a.daysRemaining === 0) status = `Closes today (${when})`;
      else if (a.daysRemaining === 1) status = `Closes tomorrow (${when})`;
      else status = `Closes in ${plural(a.daysRemaining, "day")} (${when})`;
    } else if (a.status === "upcoming") {
      const days = dayNumber(a.start) - dayNumber(today);
      status = `Opens in ${plural(days, "day")} (${longDate(a.start, { year: !sameYear(a.start) })})`;
    } else {
      status = `Closed on ${longDate(a.end)}`;
    }

    // The latest count on or before today, with its date.
    const counts = (source.responses ?? []).filter((r) => r.date <= today).sort((p, q) => (p.date < q.date ? -1 : 1));
    const latest = counts.at(-1);
    const responses = a.responses ?? latest?.count ?? null;
    const parts = [];
    if (responses !== null) {
      parts.push(
        el(
          "p",
          { class: "responses" },
          el("strong", { text: count(responses) }),
          ` ${responses === 1 ? "response" : "responses"} ${a.status === "closed" ? "in all" : "so far"}`,
          latest ? ` (counted ${longDate(latest.date)})` : "",
          ".",
        ),
      );
    } else if (a.status !== "upcoming") {
      parts.push(el("p", { class: "responses", text: "No responses counted yet." }));
    }
    if (a.target) {
      const n = responses ?? 0;
      const barLabelId = uniqueId("engage-survey-bar");
      const pct = (n / a.target) * 100;
      parts.push(
        el("span", { class: "bar-label", id: barLabelId, text: `Responses towards the target of ${count(a.target)}` }),
        el("progress", { max: a.target, value: Math.min(n, a.target), "aria-labelledby": barLabelId, "aria-valuetext": `${count(n)} of ${count(a.target)} (${fixed2(pct)}%)` }),
        el("p", { text: `${count(n)} of ${count(a.target)} (${fixed2(pct)}%)${n >= a.target ? ": the target is reached." : "."}` }),
      );
    }
    if (a.projectedResponses !== null && a.projectedResponses !== undefined) {
      let verdict = "";
      if (a.target) verdict = a.projectedResponses >= a.target ? `, above the target of ${count(a.target)}` : `, short of the target of ${count(a.target)}`;
      parts.push(
        el("p", { class: "projection", text: `At this rate, about ${count(a.projectedResponses)} responses by the close${verdict}.` }),
      );
    }
    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      this.heading(0, a.title, { id: titleId }),
      el("p", { class: "status", text: status }),
      ...parts,
      el("p", { class: "hint", text: `${plan.title}. Open from ${longDate(a.start)} to ${longDate(a.end)}.` }),
    );
  }
}

define("engage-survey-status", EngageSurveyStatus);
