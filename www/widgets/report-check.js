// <engage-report-check heading-level report-date>: paste a report (Markdown, plain text or report
// JSON), check it with lintReport, and see each finding beside its line number with the line's
// text. An inline <script type="text/plain"> or a src fills the box to start with.
import { EngageElement, define, el, plural, uniqueId } from "./base.js";

const CSS = `
.label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.form-group { margin-bottom: 1.5rem; }
textarea, input {
  font: inherit; color: var(--_text); background: #ffffff; border: 2px solid var(--_secondary);
  border-radius: 0; padding: 0.25rem 0.5rem; max-width: 100%;
}
textarea { display: block; width: 100%; min-height: 16rem; font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9375rem; line-height: 1.4; resize: vertical; }
input { min-height: 2.75rem; }
textarea:focus, input:focus { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--_text); border-color: var(--_text); }
.results:focus { outline: none; }
.count { font-size: 1.125rem; font-weight: 700; }
.lines { list-style: none; padding: 0; margin: 0; }
.lines > li { display: grid; grid-template-columns: 4.5rem minmax(0, 1fr); gap: 0 1rem; border-top: 1px solid var(--_border); padding: 0.75rem 0; margin: 0; }
.lineno { font-weight: 700; font-variant-numeric: tabular-nums; }
.source { display: block; font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9375rem; background: var(--_panel); padding: 0.25rem 0.5rem; margin-bottom: 0.5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.lines ul { list-style: none; padding: 0; margin: 0; }
.lines ul li { margin-bottom: 0.25rem; }
.ok { border-left: 6px solid var(--_green); padding-left: 0.75rem; }
`;

class EngageReportCheck extends EngageElement {
  static kind = "report checker";
  static area = "report";
  static css = CSS;
  static inputTypes = ["text/plain", "text/markdown", "application/json"];
  static optionalInput = true;
  static get observedAttributes() {
    return [...super.observedAttributes, "report-date"];
  }

  render(text, api) {
    const titleId = uniqueId("engage-check-title");
    const boxId = uniqueId("engage-check-text");
    const hintId = uniqueId("engage-check-hint");
    const dateId = uniqueId("engage-check-date");
    const dateHintId = uniqueId("engage-check-date-hint");
    const textarea = el("textarea", { id: boxId, name: "report", rows: 16, spellcheck: "false", "aria-describedby": hintId });
    textarea.value = text ?? "";
    const date = el("input", { id: dateId, name: "reportDate", type: "date", "aria-describedby": dateHintId });
    date.value = this.getAttribute("report-date") ?? "";
    const results = el("div", { class: "results", tabindex: "-1" });
    const button = el("button", { type: "submit", class: "button", text: "Check the report" });
    const form = el(
      "form",
      { novalidate: true },
      el(
        "div",
        { class: "form-group" },
        el("label", { class: "label", for: boxId, text: "Report text" }),
        el("p", { class: "hint", id: hintId, text: "Paste the report as it will be published: plain text or Markdown, with its numbered headings (such as 1.1 Patient and public involvement)." }),
        textarea,
      ),
      el(
        "div",
        { class: "form-group" },
        el("label", { class: "label", for: dateId, text: "Date of the report (optional)" }),
        el("p", { class: "hint", id: dateHintId, text: "With a date, past events dated after it are found too. For example, 8 December 2016." }),
        date,
      ),
      button,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.check(api, textarea, date, results);
    });
    this._textarea = textarea;
    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      this.heading(0, "Check a report before you publish it", { id: titleId }),
      el("p", { text: "Finds the faults that copying and pasting brings: numbering that skips, missing links, broken web addresses, repeated words, doubled full stops, wrong years and percentages that do not add up to 100. The text stays in your browser." }),
      form,
      results,
    );
  }

  check(api, textarea, date, results) {
    const text = textarea.value;
    const lines = text.split(/\r\n|\r|\n/);
    textarea.removeAttribute("aria-invalid");
    let lint;
    try {
      if (!text.trim()) throw Object.assign(new Error("Paste the text of a report into the box first."), { code: "empty-input", path: "" });
      lint = api.lintReport(text, date.value ? { reportDate: date.value } : {});
    } catch (err) {
      textarea.setAttribute("aria-invalid", "true");
      const rows = [];
      if (err.code) rows.push(`Code: ${err.code}`);
      if (typeof err.path === "string" && err.path) rows.push(`Path: ${err.path}`);
      results.replaceChildren(
        el("div", { class: "error", role: "alert" }, this.heading(1, "The report could not be checked"), el("p", { text: err.message }), ...rows.map((r) => el("p", { text: r }))),
      );
      return;
    }
    const d = lint.diagnostics;
    const errors = d.filter((f) => f.severity === "error").length;
    const warnings = d.filter((f) => f.severity === "warning").length;
    const heading = this.heading(1, d.length ? `${plural(d.length, "finding")} to look at` : "No problems found", { tabindex: "-1" });
    if (!d.length) {
      results.replaceChildren(
        heading,
        el("p", { class: "ok", text: `Checked ${plural(lines.length, "line")} and ${plural(lint.headings.length, "heading")}: nothing to fix.` }),
      );
    } else {
      const byLine = new Map();
      for (const f of d) {
        const key = f.line ?? 0;
        if (!byLine.has(key)) byLine.set(key, []);
        byLine.get(key).push(f);
      }
      results.replaceChildren(
        heading,
        el("p", { class: "count", text: `${plural(errors, "error")} and ${plural(warnings, "warning")}, on ${plural([...byLine.keys()].filter(Boolean).length, "line")}.` }),
        el(
          "ol",
          { class: "lines", "aria-label": "Findings by line" },
          ...[...byLine.entries()]
            .sort(([p], [q]) => p - q)
            .map(([line, findings]) =>
              el(
                "li",
                {},
                el("span", { class: "lineno", text: line ? `Line ${line}` : "Whole report" }),
                el(
                  "div",
                  {},
                  line ? el("span", { class: "source", text: lines[line - 1] ?? "" }) : null,
                  el(
                    "ul",
                    {},
                    ...findings.map((f) =>
                      el("li", {}, el("span", { class: `tag tag--${f.severity}`, text: f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note" }), " ", `${f.message} `, el("code", { text: `(${f.code})` })),
                    ),
                  ),
                ),
              ),
            ),
        ),
      );
    }
    heading.focus();
    this.dispatchEvent(new CustomEvent("engage-report-checked", { detail: lint, bubbles: true, composed: true }));
  }
}

define("engage-report-check", EngageReportCheck);
