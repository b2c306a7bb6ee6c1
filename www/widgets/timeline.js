// <engage-timeline src today show-findings heading-level>: a consultation plan as a chart (SVG)
// with a table of the same activities, the lifecycle stage, open activities with days left, key
// dates and, with show-findings, the checks against the rules (checkTimeline).
import { EngageElement, define, el, svg, longDate, monthYear, dayNumber, plural, uniqueId, localToday } from "./base.js";

const STAGES = [
  ["forthcoming", "Forthcoming", "Plans are being made and people are being engaged"],
  ["open", "Open", "The consultation is open: have your say"],
  ["under-review", "Under review", "Responses are being analysed"],
  ["decided", "Decided", "A decision has been made"],
  ["feedback-published", "Feedback published", "We have told people what was decided and why"],
];

const STATUS_WORDS = { open: "Open", upcoming: "Upcoming", closed: "Closed" };

const KIND_WORDS = {
  engagement: "Engagement", consultation: "Consultation", survey: "Survey", event: "Event",
  scrutiny: "Scrutiny", analysis: "Analysis", decision: "Decision", feedback: "Feedback",
  publication: "Publication", implementation: "Implementation", notification: "Notification", other: "Other",
};

const WHAT_WORDS = {
  event: "Event", closes: "Closes", opens: "Opens", "comments due": "Scrutiny comments due",
  "decision due": "Decision due (scrutiny)", decision: "Decision",
};

function capitalise(s) {
  const t = String(s);
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "57 days left", "last day", "1 day left". */
function daysLeft(n) {
  if (n === 0) return "last day";
  return `${plural(n, "day")} left`;
}

const CSS = `
.stages { list-style: none; padding: 0; margin: 0 0 1.5rem; display: grid; gap: 0.5rem; }
@media (min-width: 48em) { .stages { grid-template-columns: repeat(5, minmax(0, 1fr)); } }
.stages li { margin: 0; padding: 0.5rem 0.75rem; border: 2px solid var(--_border); color: var(--_secondary); background: #ffffff; }
.stages li[aria-current="step"] { border-color: var(--_blue); border-width: 4px; color: var(--_text); font-weight: 700; background: #e8f1f8; }
.stages .now { display: block; font-size: 0.875rem; }
.stage-line { font-size: 1.125rem; }
.open-list { list-style: none; padding: 0; }
.open-list li { border-left: 6px solid var(--_blue); padding: 0.25rem 0 0.25rem 0.75rem; margin-bottom: 0.75rem; }
.open-list .left { font-weight: 700; font-size: 1.125rem; display: block; }
.chart { margin: 0 0 1rem; min-height: 4rem; }
.chart svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
.legend { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; font-size: 0.9375rem; }
.legend li { margin: 0; display: flex; align-items: center; gap: 0.5rem; }
.swatch { display: inline-block; width: 1.5rem; height: 0.875rem; border: 2px solid var(--_blue); }
.swatch--open { background: var(--_blue); }
.swatch--upcoming { background: #ffffff; }
.swatch--closed { background: #aeb7bd; border-color: #4c6272; }
.swatch--today { width: 0; height: 1.25rem; border: 0; border-left: 3px dashed var(--_text); }
details { margin: 0 0 1rem; }
summary { cursor: pointer; color: var(--_blue); text-decoration: underline; padding: 0.25rem 0; display: inline-block; }
summary:focus-visible { background: var(--_focus); color: var(--_focus-text); outline: none; box-shadow: 0 4px var(--_focus-text); text-decoration: none; }
.keydates > div { padding: 0.5rem 0; }
.findings { list-style: none; padding: 0; }
.findings li { margin-bottom: 0.75rem; }
@media print { details > *:not(summary) { display: block; } .chart svg { max-width: 100%; } }
`;

class EngageTimeline extends EngageElement {
  static kind = "consultation plan";
  static area = "timeline-page";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "today", "show-findings"];
  }

  render(text, api) {
    // checkTimeline reads and checks the plan first, so that a bad one is reported as engagekit
    // reports it (its path and line), not as JSON.parse would.
    const today = this.getAttribute("today") || localToday();
    const result = api.checkTimeline(text, { today });
    const plan = JSON.parse(text);
    this._plan = plan;
    this._result = result;
    this._today = today;
    const titleId = uniqueId("engage-timeline-title");
    const byId = new Map(result.activities.map((a) => [a.id, a]));

    const stageIndex = STAGES.findIndex(([key]) => key === result.stage);
    const stage = STAGES[stageIndex] ?? [result.stage, capitalise(String(result.stage).replace(/-/g, " ")), ""];
    const stages = el(
      "ol",
      { class: "stages", "aria-label": "Stages of the consultation" },
      ...STAGES.map(([key, label], i) =>
        el(
          "li",
          { "aria-current": key === result.stage ? "step" : null },
          `${i + 1}. ${label}`,
          key === result.stage ? el("span", { class: "now", text: "(the current stage)" }) : null,
        ),
      ),
    );

    const open = result.activities.filter((a) => a.status === "open");
    const openList = open.length
      ? el(
          "ul",
          { class: "open-list" },
          ...open.map((a) =>
            el(
              "li",
              {},
              el("span", { class: "left", text: capitalise(daysLeft(a.daysRemaining)) }),
              `${a.title}. Closes ${longDate(a.end)}`,
              a.workingDaysRemaining !== null && a.daysRemaining > 0 ? ` (${plural(a.workingDaysRemaining, "working day")} left).` : ".",
            ),
          ),
        )
      : el("p", { text: `Nothing is open on ${longDate(today)}.` });

    const keyDates = result.keyDates.length
      ? el(
          "dl",
          { class: "summary keydates" },
          ...result.keyDates.map((k) =>
            el(
              "div",
              {},
              el("dt", { text: longDate(k.date) }),
              el("dd", { text: `${WHAT_WORDS[k.what] ?? capitalise(k.what)}: ${byId.get(k.activity)?.title ?? k.activity}` }),
            ),
          ),
        )
      : el("p", { text: "No dates to come." });

    const tableId = uniqueId("engage-timeline-table");
    const table = el(
      "div",
      { class: "scroll", role: "region", "aria-label": "Activities of the plan (scrolls sideways)", tabindex: "0" },
      el(
        "table",
        { id: tableId },
        el("caption", { text: `Activities of the plan on ${longDate(today)}` }),
        el(
          "thead",
          {},
          el("tr", {}, ...["Activity", "Kind", "Starts", "Ends", "Status"].map((h) => el("th", { scope: "col", text: h }))),
        ),
        el(
          "tbody",
          {},
          ...result.activities.map((a) =>
            el(
              "tr",
              {},
              el("th", { scope: "row", text: a.title }),
              el("td", { text: KIND_WORDS[a.kind] ?? capitalise(a.kind) }),
              el("td", { text: longDate(a.start) }),
              el("td", { text: longDate(a.end) }),
              el("td", { text: a.status === "open" ? `Open: ${daysLeft(a.daysRemaining)}` : STATUS_WORDS[a.status] ?? a.status }),
            ),
          ),
        ),
      ),
    );

    const first = result.activities.reduce((m, a) => (a.start < m ? a.start : m), result.activities[0]?.start ?? today);
    const last = result.activities.reduce((m, a) => (a.end > m ? a.end : m), result.activities[0]?.end ?? today);
    const chartLabelId = uniqueId("engage-timeline-chart");
    this._chart = el("div", { class: "chart" });
    const chartPart = [
      el("p", {
        id: chartLabelId,
        class: "hint",
        text: `Chart of the ${plural(result.activities.length, "activity", "activities")} by kind, from ${monthYear(first)} to ${monthYear(last)}. The same activities are in the table below.`,
      }),
      this._chart,
      el(
        "ul",
        { class: "legend", "aria-label": "Key to the chart" },
        el("li", {}, el("span", { class: "swatch swatch--closed", "aria-hidden": "true" }), "Closed"),
        el("li", {}, el("span", { class: "swatch swatch--open", "aria-hidden": "true" }), "Open"),
        el("li", {}, el("span", { class: "swatch swatch--upcoming", "aria-hidden": "true" }), "Upcoming"),
        el("li", {}, el("span", { class: "swatch swatch--today", "aria-hidden": "true" }), `Today (${longDate(today)})`),
      ),
    ];
    this._chartLabelId = chartLabelId;

    let findings = null;
    if (this.hasAttribute("show-findings")) {
      const d = result.diagnostics;
      findings = [
        this.heading(1, "Checks against the rules"),
        d.length
          ? el(
              "ul",
              { class: "findings" },
              ...d.map((f) =>
                el(
                  "li",
                  {},
                  el("span", { class: `tag tag--${f.severity}`, text: capitalise(f.severity) }), " ",
                  el("code", { text: f.code }),
                  `: ${f.message}`,
                  f.activity ? ` (${byId.get(f.activity)?.title ?? f.activity})` : "",
                ),
              ),
            )
          : el("p", { text: "No problems found: the plan meets every rule checked (Gunning principles, health scrutiny, notification of the Secretary of State, consultation length, holiday periods, pre-election periods)." }),
      ];
    }

    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      this.heading(0, plan.title, { id: titleId }),
      el("p", { class: "stage-line" }, "Stage: ", el("strong", { text: stage[1].toLowerCase() }), stage[2] ? `. ${stage[2]}.` : "."),
      stages,
      this.heading(1, "Open now"),
      openList,
      this.heading(1, "Key dates"),
      keyDates,
      this.heading(1, "The plan at a glance"),
      ...chartPart,
      el("details", {}, el("summary", { text: "Show the activities as a table" }), table),
      ...(findings ?? []),
    );
  }

  afterRender() {
    this._observer?.disconnect();
    const draw = () => this.drawChart(Math.max(280, Math.floor(this._chart.clientWidth || 640)));
    draw();
    if ("ResizeObserver" in window) {
      let lastWidth = this._chart.clientWidth;
      this._observer = new ResizeObserver(() => {
        if (this._chart.clientWidth !== lastWidth) {
          lastWidth = this._chart.clientWidth;
          draw();
        }
      });
      this._observer.observe(this._chart);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._observer?.disconnect();
  }

  /** The chart at `width` CSS pixels: one lane per kind, bars for spans, diamonds for days. */
  drawChart(width) {
    const acts = this._result.activities;
    if (!acts.length) {
      this._chart.replaceChildren();
      return;
    }
    const today = this._today;
    const kinds = [...new Set(acts.map((a) => a.kind))];
    const labelW = width < 480 ? 104 : 130;
    const padR = 16;
    const top = 44;
    const lane = 30;
    const height = top + kinds.length * lane + 8;
    const startDay = Math.min(...acts.map((a) => dayNumber(a.start)), dayNumber(today));
    const endDay = Math.max(...acts.map((a) => dayNumber(a.end)), dayNumber(today)) + 1;
    const x = (d) => labelW + ((d - startDay) / (endDay - startDay)) * (width - labelW - padR);

    const g = [];
    const years = [];
    // Year ticks.
    const y0 = new Date(startDay * 86_400_000).getUTCFullYear();
    const y1 = new Date(endDay * 86_400_000).getUTCFullYear();
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(1, Math.floor((width - labelW) / 56))));
    for (let y = y0 + 1; y <= y1; y += step) {
      const d = Date.UTC(y, 0, 1) / 86_400_000;
      if (d <= startDay || d >= endDay) continue;
      g.push(svg("line", { x1: x(d), x2: x(d), y1: top - 6, y2: height - 8, stroke: "#d8dde0", "stroke-width": 1 }));
      // Drawn after the Today line, with a white halo, so the line never strikes through a year.
      years.push(svg("text", { x: x(d), y: top - 10, "text-anchor": "middle", "font-size": 13, fill: "#4c6272", stroke: "#ffffff", "stroke-width": 4, "paint-order": "stroke", text: String(y) }));
    }
    kinds.forEach((kind, i) => {
      const cy = top + i * lane + lane / 2;
      if (i % 2 === 0) g.push(svg("rect", { x: 0, y: top + i * lane, width, height: lane, fill: "#f0f4f5" }));
      g.push(svg("text", { x: 4, y: cy + 5, "font-size": 13, fill: "#212b32", text: KIND_WORDS[kind] ?? kind }));
    });
    // Draw closed first, so open and upcoming stay on top.
    const order = { closed: 0, upcoming: 1, open: 2 };
    for (const a of [...acts].sort((p, q) => order[p.status] - order[q.status])) {
      const cy = top + kinds.indexOf(a.kind) * lane + lane / 2;
      const fill = a.status === "open" ? "#005eb8" : a.status === "upcoming" ? "#ffffff" : "#aeb7bd";
      const stroke = a.status === "closed" ? "#4c6272" : "#005eb8";
      const title = svg("title", { text: `${a.title}: ${longDate(a.start)} to ${longDate(a.end)} (${STATUS_WORDS[a.status] ?? a.status})` });
      const s = dayNumber(a.start);
      const e = dayNumber(a.end) + 1;
      if (x(e) - x(s) < 8) {
        const cx = (x(s) + x(e)) / 2;
        g.push(svg("path", { d: `M${cx} ${cy - 7}L${cx + 7} ${cy}L${cx} ${cy + 7}L${cx - 7} ${cy}Z`, fill, stroke, "stroke-width": 2 }, title));
      } else {
        g.push(svg("rect", { x: x(s), y: cy - 7, width: x(e) - x(s), height: 14, fill, stroke, "stroke-width": 2 }, title));
      }
    }
    const tx = x(dayNumber(today) + 0.5);
    // Today: a dashed line from a label above the year row (so the two never overlap).
    g.push(svg("line", { x1: tx, x2: tx, y1: 16, y2: height - 4, stroke: "#212b32", "stroke-width": 2.5, "stroke-dasharray": "5 3" }));
    const anchor = tx > width - 50 ? "end" : tx < labelW + 30 ? "start" : "middle";
    g.push(svg("text", { x: tx, y: 12, "text-anchor": anchor, "font-size": 13, "font-weight": 700, fill: "#212b32", text: "Today" }));
    g.push(...years);

    this._chart.replaceChildren(
      svg(
        "svg",
        { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-labelledby": this._chartLabelId, focusable: "false" },
        ...g,
      ),
    );
  }
}

define("engage-timeline", EngageTimeline);
