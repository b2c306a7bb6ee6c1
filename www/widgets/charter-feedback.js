// <engage-charter-feedback src today heading-level>: the young people's feedback form on a patient
// charter. One standard at a time, in the words written for younger readers, its feedback
// question(s) answered with five labelled faces (radio buttons: arrow keys move between them).
// At the end the response {answers, submitted} is checked with aggregateFeedback, shown, offered
// as a download and dispatched as the event "engage-feedback" (detail: the response).
import { EngageElement, define, el, svg, longDate, uniqueId, localToday } from "./base.js";

const FACES = [
  [1, "Strongly disagree", -10],
  [2, "Disagree", -4],
  [3, "Not sure", 0],
  [4, "Agree", 4],
  [5, "Strongly agree", 10],
];

const CSS = `
.progress { font-weight: 700; color: var(--_secondary); margin-bottom: 0.25rem; }
.statement { font-size: 1.25rem; line-height: 1.4; border-left: 6px solid var(--_blue); padding-left: 0.75rem; }
@media (min-width: 40em) { .statement { font-size: 1.5rem; } }
fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; min-width: 0; }
legend { font-size: 1.125rem; font-weight: 700; margin-bottom: 0.75rem; padding: 0; }
.faces { display: grid; grid-template-columns: repeat(auto-fit, minmax(5.5rem, 1fr)); gap: 0.5rem; }
.face { position: relative; display: block; height: 100%; }
.face input { position: absolute; opacity: 0; width: 100%; height: 100%; inset: 0; margin: 0; cursor: pointer; }
.face span.card {
  display: flex; flex-direction: column; align-items: center; gap: 0.25rem; min-height: 6.5rem; height: 100%;
  padding: 0.75rem 0.25rem; border: 2px solid var(--_secondary); background: #ffffff; text-align: center;
  font-weight: 700; line-height: 1.2;
}
.face svg { width: 3rem; height: 3rem; }
.face input:hover + span.card { border-color: var(--_blue); box-shadow: inset 0 0 0 2px var(--_blue); }
.face input:checked + span.card { border: 4px solid var(--_blue); background: #e8f1f8; padding: 0.625rem 0.125rem; }
.face input:checked + span.card .chosen { display: block; }
.chosen { display: none; font-size: 0.875rem; font-weight: 400; }
.face input:focus-visible + span.card { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: 0 0 0 8px var(--_focus-text); }
.nav { display: flex; flex-wrap: wrap; gap: 0.5rem 0; align-items: flex-start; }
.step:focus { outline: none; }
pre { background: var(--_panel); padding: 0.75rem; overflow-x: auto; font-size: 0.9375rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.thanks { border-left: 6px solid var(--_green); padding-left: 0.75rem; font-size: 1.25rem; }
`;

function face(mouth) {
  // mouth: the curve of the smile, from -7 (sad) to 7 (happy).
  return svg(
    "svg",
    { viewBox: "0 0 48 48", "aria-hidden": "true", focusable: "false" },
    svg("circle", { cx: 24, cy: 24, r: 22, fill: "#ffeb3b", stroke: "#212b32", "stroke-width": 2 }),
    svg("circle", { cx: 16.5, cy: 19, r: 3, fill: "#212b32" }),
    svg("circle", { cx: 31.5, cy: 19, r: 3, fill: "#212b32" }),
    // The stronger the feeling, the wider the mouth; strong ones are drawn open.
    svg("path", {
      d: `M${Math.abs(mouth) > 5 ? 12 : 15} ${32 - mouth / 3}Q24 ${32 + mouth} ${Math.abs(mouth) > 5 ? 36 : 33} ${32 - mouth / 3}${Math.abs(mouth) > 5 ? "Z" : ""}`,
      stroke: "#212b32", "stroke-width": 3, fill: Math.abs(mouth) > 5 ? "#212b32" : "none", "stroke-linecap": "round", "stroke-linejoin": "round",
    }),
  );
}

class EngageCharterFeedback extends EngageElement {
  static kind = "feedback form";
  static area = "charter";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "today"];
  }

  render(text, api) {
    api.validate(text);
    const charter = JSON.parse(text);
    if (charter.schema !== "engagekit/charter@1") {
      throw Object.assign(new Error(`The feedback form needs a patient charter (engagekit/charter@1), not ${charter.schema}.`), { code: "wrong-schema", path: "schema" });
    }
    this._api = api;
    this._text = text;
    this._steps = charter.standards
      .map((s) => ({ standard: s, questions: (s.measures ?? []).filter((m) => m.kind === "feedback") }))
      .filter((s) => s.questions.length);
    if (!this._steps.length) {
      throw Object.assign(new Error("This charter has no feedback questions to ask."), { code: "invalid-value", path: "standards" });
    }
    this._answers = {};
    this._index = 0;
    this._titleId = uniqueId("engage-feedback-title");
    this._stage = el("div", { class: "step" });
    this._charter = charter;
    this.drawStep(false);
    return el(
      "section",
      { class: "box", "aria-labelledby": this._titleId },
      this.heading(0, "Tell us what you think", { id: this._titleId }),
      el("p", { text: `${charter.title}. We wrote these promises with young people. Tell us if we kept them. You can skip any question.` }),
      this._stage,
    );
  }

  /** Shows the current standard; `focus` moves the focus to it (after Next or Back). */
  drawStep(focus = true) {
    const { standard, questions } = this._steps[this._index];
    const total = this._steps.length;
    const stepHeadingId = uniqueId("engage-feedback-step");
    const fieldsets = questions.map((q) => {
      const name = uniqueId("answer");
      return el(
        "fieldset",
        {},
        el("legend", { text: q.question ?? q.description ?? q.id }),
        el(
          "div",
          { class: "faces" },
          ...FACES.map(([value, label, mouth]) => {
            const input = el("input", { type: "radio", name, value });
            input.checked = this._answers[q.id] === value;
            input.addEventListener("change", () => {
              this._answers[q.id] = value;
            });
            return el("label", { class: "face" }, input, el("span", { class: "card" }, face(mouth), el("span", { text: label }), el("span", { class: "chosen", "aria-hidden": "true", text: "(chosen)" })));
          }),
        ),
      );
    });
    const back = this._index > 0 ? el("button", { type: "button", class: "button button--secondary", text: "Back" }) : null;
    back?.addEventListener("click", () => this.go(-1));
    const last = this._index === total - 1;
    const next = el("button", { type: "submit", class: "button", text: last ? "Send my answers" : "Next" });
    const form = el("form", { "aria-labelledby": stepHeadingId }, ...fieldsets, el("div", { class: "nav" }, next, back));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (last) this.finish();
      else this.go(1);
    });
    this._stage.replaceChildren(
      el("p", { class: "progress", text: `Question ${this._index + 1} of ${total}` }),
      this.heading(1, `Promise ${standard.id}: ${standard.theme}`, { id: stepHeadingId, tabindex: "-1" }),
      el("p", { class: "statement", text: standard.youngPersonStatement ?? standard.statement }),
      form,
    );
    if (focus) this._stage.querySelector(`#${stepHeadingId}`).focus();
  }

  go(delta) {
    this._index = Math.min(this._steps.length - 1, Math.max(0, this._index + delta));
    this.drawStep(true);
  }

  finish() {
    const submitted = this.getAttribute("today") || localToday();
    const response = { answers: { ...this._answers }, submitted };
    try {
      // The core checks the response as aggregation will read it.
      this._api.aggregateFeedback(this._text, [response], { minimumCount: 1 });
    } catch (err) {
      this._stage.replaceChildren(el("div", { class: "error", role: "alert" }, el("p", { text: err.message })));
      return;
    }
    const json = JSON.stringify(response, null, 2);
    const answered = Object.keys(response.answers).length;
    const download = el("a", { class: "button button--secondary", download: `charter-feedback-${submitted}.json`, text: "Download your answers (JSON)" });
    download.href = URL.createObjectURL(new Blob([json + "\n"], { type: "application/json" }));
    const again = el("button", { type: "button", class: "button button--secondary", text: "Start again" });
    again.addEventListener("click", () => {
      this._answers = {};
      this._index = 0;
      this.drawStep(true);
    });
    this._stage.replaceChildren(
      this.heading(1, "Thank you", { tabindex: "-1", class: "thanks-heading" }),
      el("p", { class: "thanks", text: `You answered ${answered} of ${this._steps.reduce((n, s) => n + s.questions.length, 0)} questions on ${longDate(submitted)}.` }),
      el("p", { text: "Your answers are below. They go to the team with everyone else's: nobody sees your own answers." }),
      el("pre", { text: json }),
      el("div", { class: "nav" }, download, again),
    );
    this._stage.querySelector(".thanks-heading").focus();
    this.dispatchEvent(new CustomEvent("engage-feedback", { detail: response, bubbles: true, composed: true }));
  }
}

define("engage-charter-feedback", EngageCharterFeedback);
