// <engage-charter-dashboard src today heading-level>: the provider's ratings against the patient
// charter for one period (monitorCharter): red, amber or green per standard in words and with an
// icon, never by colour alone; the trend since the last period; suppressed results as "fewer than
// 5 responses" (the threshold the result says was in force), never a number.
import { EngageElement, define, el, svg, fixed2, count, plural, uniqueId, localToday } from "./base.js";

const RATINGS = {
  green: { word: "Green", say: "meets the standard", icon: "tick" },
  amber: { word: "Amber", say: "close to the target", icon: "bang" },
  red: { word: "Red", say: "below the target", icon: "cross" },
  suppressed: { word: "Not shown", say: "", icon: "dash" },
  "no-data": { word: "No data", say: "no results this period", icon: "dash" },
};

const TRENDS = {
  better: ["↑", "Better than last period"],
  worse: ["↓", "Worse than last period"],
  same: ["→", "The same as last period"],
};

const CSS = `
.overview { list-style: none; padding: 0; margin: 0 0 1.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.overview li { margin: 0; display: flex; align-items: center; gap: 0.5rem; font-weight: 700; }
.standards { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
@media (min-width: 48em) { .standards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.standard { min-width: 0; margin: 0; border: 1px solid var(--_border); border-left-width: 8px; padding: 1rem; }
.standard--green { border-left-color: var(--_green); }
.standard--amber { border-left-color: var(--_amber); }
.standard--red { border-left-color: var(--_red); }
.standard--suppressed, .standard--no-data { border-left-color: var(--_secondary); border-left-style: dashed; }
.standard .h-2 { margin-top: 0; }
.rating { display: inline-flex; align-items: center; gap: 0.5rem; font-weight: 700; padding: 0.125rem 0.75rem 0.125rem 0.25rem; margin: 0 0 0.75rem; border: 2px solid currentColor; }
.rating--green { color: var(--_green); }
.rating--amber { color: #704200; background: #fff4d9; }
.rating--red { color: var(--_red); }
.rating--suppressed, .rating--no-data { color: var(--_secondary); }
.icon { flex: none; }
.trend { margin: 0 0 0.75rem; }
.arrow { font-weight: 700; display: inline-block; min-width: 1.25rem; margin-right: 0.25rem; }
.measures-label { font-weight: 700; margin-bottom: 0.25rem; }
.measures { list-style: none; padding: 0; margin: 0; }
.measures > li { border-top: 1px solid var(--_border); padding: 0.5rem 0 0; margin: 0; }
.measure-name { display: block; }
.facts { display: flex; flex-wrap: wrap; gap: 0 1.25rem; margin: 0.25rem 0 0.5rem; font-size: 0.9375rem; }
.facts > div { display: flex; gap: 0.375rem; }
.facts dt { color: var(--_secondary); }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; font-weight: 700; }
.suppressed { color: var(--_secondary); font-style: italic; }
`;

/** The icon of a rating: a shape that differs, not only its colour. */
function icon(kind) {
  const fills = { tick: "#007f3b", bang: "#ffb81c", cross: "#d5281b", dash: "#4c6272" };
  const marks = {
    tick: svg("path", { d: "M6 12.5l4 4 8-9", stroke: "#ffffff", "stroke-width": 3, fill: "none", "stroke-linecap": "round", "stroke-linejoin": "round" }),
    bang: svg("path", { d: "M12 6v8M12 17.5v.5", stroke: "#212b32", "stroke-width": 3, fill: "none", "stroke-linecap": "round" }),
    cross: svg("path", { d: "M8 8l8 8M16 8l-8 8", stroke: "#ffffff", "stroke-width": 3, fill: "none", "stroke-linecap": "round" }),
    dash: svg("path", { d: "M7 12h10", stroke: "#ffffff", "stroke-width": 3, fill: "none", "stroke-linecap": "round" }),
  };
  const shape =
    kind === "bang"
      ? svg("path", { d: "M12 2L23 21H1Z", fill: fills[kind] })
      : kind === "cross"
        ? svg("rect", { x: 2, y: 2, width: 20, height: 20, rx: 2, fill: fills[kind] })
        : svg("circle", { cx: 12, cy: 12, r: 11, fill: fills[kind] });
  return svg("svg", { class: "icon", viewBox: "0 0 24 24", width: 24, height: 24, "aria-hidden": "true", focusable: "false" }, shape, marks[kind]);
}

class EngageCharterDashboard extends EngageElement {
  static kind = "charter dashboard";
  static area = "charter";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "today"];
  }

  render(text, api) {
    api.validate(text);
    const doc = JSON.parse(text);
    const today = this.getAttribute("today") || localToday();
    const result = api.monitorCharter(text, { today });
    // The threshold in force, as the core applied it (the document's, else the core's default).
    const minimum = result.minimumCount;
    const fewer = `fewer than ${plural(minimum, "response")}`;
    const standards = new Map(doc.charter.standards.map((s) => [s.id, s]));
    const measures = new Map(doc.charter.standards.flatMap((s) => (s.measures ?? []).map((m) => [m.id, m])));
    const titleId = uniqueId("engage-dashboard-title");

    const tally = {};
    for (const s of result.standards) tally[s.rating] = (tally[s.rating] ?? 0) + 1;
    const overview = el(
      "ul",
      { class: "overview", "aria-label": "Standards by rating" },
      ...["green", "amber", "red", "suppressed", "no-data"]
        .filter((r) => tally[r])
        .map((r) => el("li", {}, icon(RATINGS[r].icon), `${RATINGS[r].word}: ${plural(tally[r], "standard")}`)),
    );

    const ratingWords = (rating) => (rating === "suppressed" ? `Not shown: ${fewer}` : `${RATINGS[rating]?.word ?? rating}: ${RATINGS[rating]?.say ?? ""}`);

    const cards = result.standards.map((s) => {
      const std = standards.get(s.id);
      const headingId = uniqueId("engage-standard");
      const items = s.measures.map((m) => {
        const def = measures.get(m.measure) ?? {};
        let value;
        if (m.rating === "suppressed") value = el("span", { class: "suppressed", text: `Not shown: ${fewer}` });
        else if (m.value === null || m.value === undefined) value = "No data";
        else if (m.kind === "feedback") value = `${fixed2(m.value)}% agree (${count(m.n)} answered)`;
        else value = fixed2(m.value);
        const target = def.target !== undefined ? `${fixed2(def.target)}${m.kind === "feedback" ? "%" : ""}${def.higherIsBetter === false ? " or lower" : " or more"}` : null;
        const rating = RATINGS[m.rating];
        return el(
          "li",
          {},
          el("span", { class: "measure-name", text: def.description ?? def.question ?? m.measure }),
          el(
            "dl",
            { class: "facts" },
            el("div", {}, el("dt", { text: "Result" }), el("dd", {}, value)),
            target ? el("div", {}, el("dt", { text: "Target" }), el("dd", { text: target })) : null,
            m.rating !== "suppressed" ? el("div", {}, el("dt", { text: "Rating" }), el("dd", { text: rating?.word ?? m.rating })) : null,
            m.trend ? el("div", {}, el("dt", { text: "Trend" }), el("dd", { text: TRENDS[m.trend]?.[1] ?? m.trend })) : null,
          ),
        );
      });
      return el(
        "li",
        { class: `standard standard--${s.rating}` },
        el(
          "article",
          { "aria-labelledby": headingId },
          this.heading(1, `${s.id}: ${std ? std.theme.charAt(0).toUpperCase() + std.theme.slice(1) : ""}`, { id: headingId }),
          el("p", { class: `rating rating--${s.rating}` }, icon(RATINGS[s.rating]?.icon ?? "dash"), ratingWords(s.rating)),
          s.trend ? el("p", { class: "trend" }, el("span", { class: "arrow", "aria-hidden": "true", text: TRENDS[s.trend]?.[0] ?? "" }), TRENDS[s.trend]?.[1] ?? s.trend) : null,
          std ? el("p", { text: std.statement }) : null,
          el("p", { class: "measures-label", text: s.measures.length === 1 ? "Measure" : "Measures" }),
          el("ul", { class: "measures" }, ...items),
        ),
      );
    });

    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      this.heading(0, `${doc.charter.title}: ${doc.period}`, { id: titleId }),
      el("p", { text: `How the provider met each standard of the charter in ${doc.period}${doc.previous ? `, compared with ${doc.previous.period}` : ""}. Feedback results from ${fewer} are not shown, to protect the people who answered.` }),
      overview,
      el("ul", { class: "standards", "aria-label": "Standards" }, ...cards),
    );
  }
}

define("engage-charter-dashboard", EngageCharterDashboard);
