// <engage-survey-results src survey heading-level>: what people told us in a survey, from the
// summary `engagekit survey summarise` wrote (src) and the survey's questions (survey), both read
// through the core (readSurveySummary), so that a broken file is an error naming its path. The
// numbers are the core's: this file only presents them. Per question an accessible table (the
// SVG bars beside it are hidden from assistive technology and carry their values in text, so
// nothing depends on colour); a hidden count is "not shown", with what that can mean, never a
// number; the representation table says "under-represented" in words.
import { EngageElement, define, el, svg, count, uniqueId } from "./base.js";

const CSS = `
.question { border-top: 1px solid var(--_border); padding-top: 0.25rem; margin-top: 1.5rem; }
.answered { color: var(--_secondary); }
.bars { list-style: none; padding: 0; margin: 0 0 1rem; }
.bars li { margin: 0 0 0.5rem; }
.bar-label { display: block; font-size: 0.9375rem; }
.bar { display: block; width: 100%; height: 1.75rem; overflow: visible; }
.bar rect { fill: var(--_blue); }
.bar text { font-size: 0.875rem; font-weight: 700; fill: var(--_text); }
.bar text.inside { fill: #ffffff; }
.bar text.hidden-count { font-weight: 400; font-style: italic; fill: var(--_secondary); }
.facts { margin: 0 0 1rem; padding: 0; }
.facts > div { display: flex; flex-wrap: wrap; gap: 0 0.5rem; padding: 0.25rem 0; border-bottom: 1px solid var(--_border); }
.facts dt { font-weight: 700; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0; }
.not-shown { font-style: italic; color: var(--_secondary); }
td.not-shown { white-space: nowrap; }
blockquote { margin: 0 0 1rem; padding: 0.5rem 0 0.5rem 1rem; border-left: 6px solid var(--_border); }
blockquote p { margin: 0; }
.flag { display: block; font-weight: 400; font-style: italic; }
details { margin: 0 0 1rem; border-bottom: 1px solid var(--_border); }
summary { cursor: pointer; color: var(--_blue); text-decoration: underline; padding: 0.5rem 0; font-weight: 700; }
summary:focus-visible { background: var(--_focus); color: var(--_focus-text); outline: none; box-shadow: 0 4px var(--_focus-text); text-decoration: none; }
`;

const FLAGS = { under: "Under-represented", over: "Over-represented" };

/** 62.5 → "62.5%" (the core's one decimal, as it wrote it). */
function percent(p) {
  return `${Number(p).toFixed(1)}%`;
}

/** 2.91 → "2.91", 30 → "30" (the core's two decimals at most, as it wrote them). */
function plain(x) {
  return String(Number(x));
}

class EngageSurveyResults extends EngageElement {
  static kind = "survey results";
  static area = "survey";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "survey"];
  }

  /** The survey's questions (`survey`): their words, options and scale labels. */
  async loadSurvey() {
    const src = this.getAttribute("survey");
    if (!src) {
      throw Object.assign(new Error("No survey was given: add a survey attribute with the address of the survey document, whose questions the results are shown under."), { code: "empty-input", path: "survey" });
    }
    const response = await fetch(new URL(src, document.baseURI)).catch((cause) => {
      throw Object.assign(new Error(`The survey at ${src} could not be loaded: ${cause.message}`), { code: "load-failed", path: "survey" });
    });
    if (!response.ok) throw Object.assign(new Error(`The survey at ${src} could not be loaded (HTTP ${response.status}).`), { code: "load-failed", path: "survey" });
    return response.text();
  }

  async render(text, api) {
    const surveyText = await this.loadSurvey();
    const summary = api.readSurveySummary(text, { survey: surveyText });
    const survey = JSON.parse(surveyText);
    this.questions = new Map(survey.questions.map((q) => [q.id, q]));
    this.minimum = summary.minimumCount;
    const titleId = uniqueId("engage-results-title");
    const n = this.minimum;
    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      this.heading(0, summary.title, { id: titleId }),
      el("p", { class: "lede", text: summary.responses === null ? `Fewer than ${n} responses: no results are shown.` : `${count(summary.responses)} people responded.` }),
      el("p", { text: `Percentages are of the people who answered each question. To protect the people who answered, counts of fewer than ${n} are not shown, nor one more count where a single hidden one could be worked out from the total: such a count reads “not shown”.` }),
      ...summary.questions.map((q) => this.question(q, 1)),
      this.representation(summary.representation, survey),
      summary.breakdown ? this.breakdown(summary.breakdown) : null,
    );
  }

  /** One question's answers, under a heading `depth` levels below the widget's first. */
  question(q, depth) {
    const def = this.questions.get(q.id);
    const words = def?.text ?? q.id;
    const parts = [this.heading(depth, words)];
    if (q.suppressed) {
      parts.push(el("p", { class: "not-shown", text: `Fewer than ${this.minimum} people answered: not shown.` }));
      return el("div", { class: "question" }, ...parts);
    }
    const skipped = q.skipped ? `; ${count(q.skipped)} who were asked did not answer` : "";
    parts.push(el("p", { class: "answered", text: `${count(q.answered)} people answered${skipped}.` }));
    if (q.options) parts.push(...this.options(words, q.options, q.type === "multiple"));
    if (q.scale) parts.push(...this.scale(words, def, q.scale));
    if (q.number) parts.push(this.number(q.number));
    if (q.text) parts.push(...this.text(words, q.text));
    return el("div", { class: "question" }, ...parts);
  }

  options(words, options, multiple) {
    const rows = options.map((o) => [o.option, o.count, o.percent]);
    const parts = [this.table(words, ["Answer", "People", "Percent"], rows), this.bars(rows)];
    if (multiple) parts.push(el("p", { class: "hint", text: "People could choose more than one answer, so the percentages may add up to more than 100." }));
    return parts;
  }

  scale(words, def, scale) {
    const min = def?.scale?.min ?? 1;
    const labels = def?.scale?.labels ?? [];
    const rows = scale.counts.map((c, i) => [labels[i] ? `${min + i} ${labels[i]}` : String(min + i), c, null]);
    const shown = (x, f) => (x === null || x === undefined ? "not shown" : f(x));
    return [
      this.table(words, ["Answer", "People"], rows),
      this.bars(rows),
      el(
        "dl",
        { class: "facts" },
        el("div", {}, el("dt", { text: "Agree (the top two answers)" }), el("dd", { text: shown(scale.agreePercent, percent) })),
        el("div", {}, el("dt", { text: "Average" }), el("dd", { text: shown(scale.mean, plain) })),
        el("div", {}, el("dt", { text: "Middle answer (median)" }), el("dd", { text: shown(scale.median, plain) })),
      ),
    ];
  }

  number(n) {
    const shown = (x) => (x === null || x === undefined ? "not shown" : plain(x));
    return el(
      "dl",
      { class: "facts" },
      ...[["Average", n.mean], ["Middle answer (median)", n.median], ["Smallest", n.min], ["Largest", n.max]].map(([t, v]) => el("div", {}, el("dt", { text: t }), el("dd", { text: shown(v) }))),
    );
  }

  text(words, t) {
    const parts = [];
    if (t.themes?.length) {
      const coded = t.coded === null || t.coded === undefined ? "" : ` (${count(t.coded)} of them were read and coded)`;
      parts.push(el("p", { text: `Themes in what people wrote${coded}: percentages are of the answers coded, and one answer can raise several themes.` }));
      const rows = t.themes.map((x) => [x.title, x.count, x.percent]);
      parts.push(this.table(`Themes: ${words}`, ["Theme", "People", "Percent"], rows), this.bars(rows));
    }
    if (t.quotes?.length) {
      parts.push(el("p", { text: "In their own words (contact details removed):" }));
      parts.push(...t.quotes.map((q) => el("blockquote", {}, el("p", { text: `“${q}”` }))));
    }
    return parts;
  }

  /** The accessible form: caption, header row, a row per answer; a hidden count is "not shown". */
  table(caption, head, rows) {
    const cell = (v, fmt) => (v === null ? el("td", { class: "num not-shown", text: "not shown" }) : el("td", { class: "num", text: fmt(v) }));
    return el(
      "div",
      { class: "scroll" },
      el(
        "table",
        {},
        el("caption", { class: "visually-hidden", text: caption }),
        el("thead", {}, el("tr", {}, ...head.map((h, i) => el("th", { scope: "col", class: i ? "num" : null, text: h })))),
        el(
          "tbody",
          {},
          ...rows.map(([label, c, p]) => el("tr", {}, el("th", { scope: "row", text: label }), cell(c, count), head.length > 2 ? cell(p, percent) : null)),
        ),
      ),
    );
  }

  /** A bar per answer, as long as its percent (or, for a scale's points, its count beside the
   * largest), each with its value in text (hidden from assistive technology: the table above
   * says the same). */
  bars(rows) {
    const most = Math.max(1, ...rows.map(([, c]) => c ?? 0));
    return el(
      "ul",
      { class: "bars", "aria-hidden": "true" },
      ...rows.map(([label, c, p]) => {
        // A share is drawn out of 100; scale points (counts only) beside the largest.
        const width = c === null ? 0 : p === null ? (100 * c) / most : p;
        const value = c === null ? "not shown" : p === null ? count(c) : `${count(c)} (${percent(p)})`;
        // The value sits after the bar, or inside a long one, so that it never leaves the box.
        const inside = width > 60;
        const textAttrs = c === null ? { x: 0, y: "50%", class: "hidden-count" } : inside ? { x: `${width}%`, dx: -6, y: "50%", "text-anchor": "end", class: "inside" } : { x: `${width}%`, dx: 6, y: "50%" };
        return el(
          "li",
          {},
          el("span", { class: "bar-label", text: label }),
          svg("svg", { class: "bar", focusable: "false" }, c ? svg("rect", { x: 0, y: 0, width: `${width}%`, height: "100%" }) : null, svg("text", { ...textAttrs, "dominant-baseline": "middle", text: value })),
        );
      }),
    );
  }

  /** Each population group beside its share of those who answered, flagged in words: a table
   * per profile question, narrow enough for a phone. */
  representation(groups, survey) {
    if (!groups?.length) return null;
    const pct = (v) => (v === null ? el("td", { class: "num not-shown", text: "not shown" }) : el("td", { class: "num", text: percent(v) }));
    const questions = [...new Set(groups.map((g) => g.question))];
    const tables = questions.map((id) =>
      el(
        "div",
        { class: "scroll" },
        el(
          "table",
          {},
          el("caption", { text: this.questions.get(id)?.text ?? id }),
          el("thead", {}, el("tr", {}, ...["Group", "Answered", "Population"].map((h, i) => el("th", { scope: "col", class: i ? "num" : null, text: h })))),
          el(
            "tbody",
            {},
            ...groups
              .filter((g) => g.question === id)
              .map((g) =>
                el(
                  "tr",
                  {},
                  // The flag under the group's name, in words: a fourth column would not fit a phone.
                  el("th", { scope: "row" }, g.option, g.flag ? el("span", { class: "visually-hidden", text: ": " }) : null, g.flag ? el("span", { class: "flag", text: FLAGS[g.flag] }) : null),
                  pct(g.samplePercent),
                  el("td", { class: "num", text: percent(g.populationPercent) }),
                ),
              ),
          ),
        ),
      ),
    );
    const source = survey.population?.source ? ` The population's shares: ${survey.population.source}.` : "";
    return el(
      "div",
      { class: "question" },
      this.heading(1, "Who answered"),
      el("p", { text: `Each group's share of the people who answered, beside its share of the people who live in the area. Groups heard from less than their share are marked under-represented (the people to reach next time), those heard from more, over-represented.${source}` }),
      ...tables,
    );
  }

  /** The questions again per answer to one question, each group folded away. */
  breakdown(b) {
    const by = this.questions.get(b.by);
    return el(
      "div",
      { class: "question" },
      this.heading(1, `By answer to “${by?.text ?? b.by}”`),
      ...b.groups.map((g) =>
        g.suppressed
          ? el("p", { class: "not-shown", text: `${g.group}: not shown (fewer than ${this.minimum} people, or hidden with such a group so that neither can be worked out).` })
          : el("details", {}, el("summary", { text: `${g.group}: ${count(g.responses)} people` }), ...g.questions.map((q) => this.question(q, 2))),
      ),
    );
  }
}

define("engage-survey-results", EngageSurveyResults);
