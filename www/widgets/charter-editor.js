// <engage-charter-editor example heading-level>: a patient charter (engagekit/charter@1) built and
// edited in the browser by someone who never writes JSON, checked against the rules as it is
// typed. Start blank, from the example (`example`: a charter's URL) or from a charter's JSON file.
// The charter's title, id, service, adoption and review dates and how it was co-produced; its
// standards (id, theme, statement, the statement for younger readers), each with its measures
// (id, kind, description, the question of a feedback measure, target, tolerance, whether higher
// is better), rows added, removed and moved. Beside each statement for younger readers, as it is
// typed, its reading age and longest sentence, from the core (readability: the limits are the
// core's, in its words). On every change the core checks the charter (checkCharter): an input
// error is shown beside its field and in an error summary linking to it, as GOV.UK forms do; the
// findings are listed under "Checks against the rules", each with what to do and its source (the
// rule catalogue), linked to its standard's row. Download: the charter (JSON). The draft is kept
// in this browser.
import { el, define, plural, uniqueId } from "./base.js";
import { EngageForm, FORM_CSS, button, fileName } from "./form.js";

/** The draft's key in localStorage: one draft per page. */
const KEY = "engagekit-charter-editor";

/** A measure's kinds (the schema's two), in words. */
const KINDS = [
  ["kpi", "KPI: a figure with a target"],
  ["feedback", "Feedback question"],
];

const CSS = `
.measure { border-left-color: var(--_secondary); }
/* Rows inside rows: less padding on a phone, so that a measure's fields keep their width. */
@media (max-width: 40em) { .standard, .measure { padding: 0.75rem 0.5rem 0.5rem 0.75rem; } }
.standard-actions { border-top: 1px solid var(--_border); padding-top: 1rem; }
.reading { margin: -0.75rem 0 1.25rem; }
.reading:empty { display: none; }
.reading .tag { margin-right: 0.25rem; }
.measures-heading { margin-top: 0.5rem; }
`;

/** A charter as the editor keeps it (each row with a `key` of its own, stable as rows move). */
function blankCharter() {
  return { title: "", id: "", service: "", adopted: "", review: "", coProduction: { participants: "", methods: "", period: "", description: "" }, standards: [], next: 1 };
}

/** The editor's charter from a charter document (a file, the example). */
function fromDocument(doc) {
  const charter = blankCharter();
  for (const f of ["title", "id", "service", "adopted", "review"]) charter[f] = doc[f] ?? "";
  const cp = doc.coProduction;
  if (cp) charter.coProduction = { participants: cp.participants ?? "", methods: (cp.methods ?? []).join("\n"), period: cp.period ?? "", description: cp.description ?? "" };
  charter.standards = (doc.standards ?? []).map((s) => ({
    key: charter.next++,
    id: s.id,
    theme: s.theme,
    statement: s.statement,
    youngPersonStatement: s.youngPersonStatement ?? "",
    measures: (s.measures ?? []).map((m) => ({ key: charter.next++, ...m, higherIsBetter: m.higherIsBetter ?? true })),
  }));
  return charter;
}

/** Whether a field was left empty. */
const empty = (v) => v === undefined || v === null || String(v).trim() === "";

/**
 * The charter document of the editor's charter: required texts as typed (the core decides what
 * they may be), optional ones left out when empty, numbers as numbers, a number left empty left
 * out (the core then names it).
 */
function toDocument(c) {
  const doc = { schema: "engagekit/charter@1", id: c.id, title: c.title };
  for (const f of ["service", "adopted", "review"]) if (!empty(c[f])) doc[f] = c[f];
  const cp = c.coProduction;
  if (["participants", "methods", "period", "description"].some((f) => !empty(cp[f]))) {
    const out = {};
    if (!empty(cp.participants)) out.participants = Number(cp.participants);
    out.methods = String(cp.methods).split("\n").map((m) => m.trim()).filter(Boolean);
    if (!empty(cp.period)) out.period = cp.period;
    if (!empty(cp.description)) out.description = cp.description;
    doc.coProduction = out;
  }
  doc.standards = c.standards.map((s) => {
    const out = { id: s.id, theme: s.theme, statement: s.statement };
    if (!empty(s.youngPersonStatement)) out.youngPersonStatement = s.youngPersonStatement;
    if (s.measures.length) out.measures = s.measures.map(measureDocument);
    return out;
  });
  return doc;
}

function measureDocument(m) {
  const out = { id: m.id };
  if (!empty(m.kind)) out.kind = m.kind;
  if (!empty(m.description)) out.description = m.description;
  if (m.kind === "feedback" && !empty(m.question)) out.question = m.question;
  for (const f of ["target", "tolerance"]) if (!empty(m[f])) out[f] = Number(m[f]);
  // Higher is better unless a KPI says not (the schema's default): written only when false.
  if (m.kind === "kpi" && m.higherIsBetter === false) out.higherIsBetter = false;
  return out;
}

/** The first of `PREFIX1`, `PREFIX2` ... (from `from`) that `used` does not hold: a new row's id, to change at will. */
function freeId(prefix, used, from) {
  let n = from;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

class EngageCharterEditor extends EngageForm {
  static kind = "charter editor";
  static area = "charter";
  static css = FORM_CSS + CSS;
  static get observedAttributes() {
    return ["heading-level"];
  }

  async render(_text, api) {
    this._api = api;
    this._rules = new Map(api.rules().map((r) => [r.code, r]));
    this.startForm(KEY);
    this._draft = this.loadDraft() ?? blankCharter();
    this._checks = el("div", { role: "status" });
    this._settings = el("div", {});
    this._coProduction = el("div", {});
    this._standards = el("div", {});
    // What a screen reader hears of a statement's reading age, once the typing pauses.
    this._readingStatus = el("p", { class: "visually-hidden", role: "status" });
    const nodes = [
      this._summary,
      this._notice,
      this.heading(0, "Start"),
      this.startPart({
        noun: "charter",
        blank: blankCharter,
        blankMessage: "A blank charter: add its title and standards.",
        openLabel: "Or open a charter",
        hint: "A charter saved from this page or by engagekit (.json).",
        accept: ".json,application/json",
      }),
      this.heading(0, "The charter"),
      this._settings,
      this.heading(1, "How it was written with service users"),
      this._coProduction,
      this.heading(1, "Standards"),
      this._standards,
      button("Add a standard", "button button--secondary", () => this.addStandard()),
      this._readingStatus,
      this.heading(0, "Checks against the rules"),
      this._checks,
      this.heading(0, "Download"),
      this.downloadPart(),
      this._saved,
    ];
    this.drawAll();
    this.update(false);
    return el("section", { class: "box" }, ...nodes);
  }

  // ---- the parts -------------------------------------------------------------------------

  /** The charter's own fields, and how it was co-produced. */
  drawSettings() {
    const c = this._draft;
    this._settings.replaceChildren(
      this.field(c, "title", "title", "Title", "text", "Such as: Our charter for children's and young people's mental health services."),
      this.field(c, "id", "id", "Short name", "text", "A name for the charter that stays the same, in lower case with dashes, such as cyp-mental-health."),
      this.field(c, "service", "service", "Service it covers (optional)"),
      el("div", { class: "dates" }, this.field(c, "adopted", "adopted", "Adopted on (optional)", "date"), this.field(c, "review", "review", "Review by (optional)", "date")),
    );
    const cp = c.coProduction;
    this._coProduction.replaceChildren(
      this.field(cp, "participants", "coProduction.participants", "How many people took part", "number"),
      this.field(cp, "methods", "coProduction.methods", "How they gave their views", "textarea", "One a line, such as: short survey, Facebook groups, face-to-face meetings."),
      this.field(cp, "period", "coProduction.period", "When (optional)", "text", "Such as: September to December 2023."),
      this.field(cp, "description", "coProduction.description", "Who took part (optional)", "textarea", "Such as: children, young people and parents recruited through youth groups and clinical services."),
    );
    Object.assign(this._fields.get("coProduction.participants"), { step: "1", inputMode: "numeric" });
  }

  downloadPart() {
    this._downloadMessage = el("p", { role: "status" });
    return el("div", {}, el("div", { class: "actions" }, button("Download the charter (JSON)", "button", () => this.download())), this._downloadMessage);
  }

  // ---- rows ----------------------------------------------------------------------------------

  /** The whole form drawn again (the charter replaced). */
  drawAll() {
    this._fields.clear();
    this.drawSettings();
    this.drawRows();
  }

  /** Every standard and measure drawn again (after a row is added, removed, moved). */
  drawRows() {
    for (const path of [...this._fields.keys()]) if (path.startsWith("standards[")) this._fields.delete(path);
    this._standards.replaceChildren(...this._draft.standards.map((s, i) => this.standardRow(s, i)));
  }

  addStandard() {
    const used = new Set(this._draft.standards.map((s) => s.id));
    this.addRow(this._draft.standards, { id: freeId("PC", used, this._draft.standards.length + 1), theme: "", statement: "", youngPersonStatement: "", measures: [] }, () => this.drawRows());
  }

  addMeasure(s) {
    const used = new Set(this._draft.standards.flatMap((x) => x.measures.map((m) => m.id)));
    this.addRow(s.measures, { id: freeId(`${s.id || "measure"}-`, used, s.measures.length + 1), kind: "", higherIsBetter: true }, () => this.drawRows());
  }

  standardRow(s, i) {
    const path = (f) => `standards[${i}].${f}`;
    const words = (id) => `Standard ${i + 1}${id ? `: ${id}` : ""}`;
    const legend = el("legend", { tabindex: "-1", text: words(s.id) });
    const id = this.field(s, "id", path("id"), "Standard id", "text", "A short code that stays the same, such as PC1.");
    this._fields.get(path("id")).addEventListener("input", (e) => (legend.textContent = words(e.target.value)));
    const young = this.field(s, "youngPersonStatement", path("youngPersonStatement"), "For younger readers (optional)", "textarea", "The same standard in words that a 7 to 17 year old reads easily: the feedback form shows these.");
    const reading = el("p", { class: "reading", id: uniqueId("reading") });
    const box = this._fields.get(path("youngPersonStatement"));
    box.setAttribute("aria-describedby", `${box.id}-hint ${reading.id}`);
    box.addEventListener("input", () => this.showReading(box.value, reading, true));
    this.showReading(box.value, reading, false);
    return el(
      "fieldset",
      { class: "row standard", id: `row-${s.key}` },
      legend,
      id,
      this.field(s, "theme", path("theme"), "Theme", "text", "Such as access, communication, involvement, environment or transition."),
      this.field(s, "statement", path("statement"), "The standard", "textarea", "In plain words, such as: You will be seen within 4 weeks of being referred."),
      young,
      reading,
      this.heading(2, `Measures of standard ${i + 1}`, { class: "measures-heading" }),
      ...(s.measures.length ? s.measures.map((m, j) => this.measureRow(s, i, m, j)) : [el("p", { class: "hint", text: "No measures yet." })]),
      button("Add a measure", "button button--secondary", () => this.addMeasure(s), { "aria-label": `Add a measure to standard ${i + 1}` }),
      el("div", { class: "standard-actions" }, this.rowActions(this._draft.standards, i, `standard ${i + 1}`, () => this.drawRows())),
    );
  }

  /** A statement's reading age and longest sentence, as the core measures them, beside it; `typed`: also said, once the typing pauses. */
  showReading(text, line, typed) {
    if (!text.trim()) {
      line.replaceChildren();
      return;
    }
    const r = this._api.readability(text);
    const said = `Reading age ${r.readingAge.toFixed(1)}, longest sentence ${plural(r.longestSentence, "word")} (${r.aim}).`;
    line.replaceChildren(...(r.within ? [said] : [el("span", { class: "tag tag--warning", text: "Hard to read" }), " ", said]));
    if (!typed) return;
    clearTimeout(this._readingTimer);
    this._readingTimer = setTimeout(() => (this._readingStatus.textContent = r.within ? said : `Hard to read: ${said}`), 1000);
  }

  measureRow(s, i, m, j) {
    const path = (f) => `standards[${i}].measures[${j}].${f}`;
    const words = (id) => `Measure ${j + 1}${id ? `: ${id}` : ""}`;
    const legend = el("legend", { tabindex: "-1", text: words(m.id) });
    const id = this.field(m, "id", path("id"), "Measure id", "text", "A short name that stays the same, such as seen-within-4-weeks.");
    this._fields.get(path("id")).addEventListener("input", (e) => (legend.textContent = words(e.target.value)));
    const extra = el("div", {});
    const drawExtra = () => extra.replaceChildren(...this.kindFields(m, path));
    const kind = this.choice(m, "kind", path("kind"), "Kind of measure", KINDS, "Choose a kind", drawExtra);
    drawExtra();
    return el(
      "fieldset",
      { class: "row measure", id: `row-${m.key}` },
      legend,
      id,
      kind,
      this.field(m, "description", path("description"), "What is measured (optional)", "text", "Such as: % seen within 4 weeks of referral."),
      extra,
      this.rowActions(s.measures, j, `measure ${j + 1} of standard ${i + 1}`, () => this.drawRows()),
    );
  }

  /** The fields as the measure's kind has them: a feedback measure's question, its target as a percentage; a KPI's target, and whether higher is better. */
  kindFields(m, path) {
    for (const f of ["question", "target", "tolerance", "higherIsBetter"]) this._fields.delete(path(f));
    const feedback = m.kind === "feedback";
    const target = this.field(m, "target", path("target"), "Target", "number", feedback ? "The percentage of people who agree or strongly agree." : m.kind === "kpi" ? "The figure the provider should reach." : "");
    // A KPI's target may be any number (a change, say): no minimum.
    if (!feedback) this._fields.get(path("target")).removeAttribute("min");
    const numbers = el("div", { class: "dates" }, target, this.field(m, "tolerance", path("tolerance"), "Tolerance", "number", "How far short of the target is still amber."));
    if (feedback) return [this.field(m, "question", path("question"), "Question (optional)", "text", "What service users are asked, such as: Staff explained things in a way I could understand."), numbers];
    if (m.kind === "kpi") return [numbers, this.checkbox(m, "higherIsBetter", path("higherIsBetter"), "Higher is better", "Untick for a figure that should be low, such as weeks waiting.")];
    return [numbers];
  }

  /** A row removed; when none is left in its list, the focus goes to the button that adds one. */
  removeRow(list, i, name, onChange) {
    super.removeRow(list, i, name, onChange);
    if (list.length) return;
    const s = this._draft.standards.findIndex((x) => x.measures === list);
    const add = s >= 0 ? `Add a measure to standard ${s + 1}` : null;
    [...this.shadowRoot.querySelectorAll("button")].find((b) => (add ? b.getAttribute("aria-label") === add : b.textContent === "Add a standard"))?.focus();
  }

  // ---- checking ------------------------------------------------------------------------------

  /** Checks the charter (the core), shows the errors or the findings; saves. */
  update(save = true) {
    if (save) this.saveDraft("Your charter");
    const doc = toDocument(this._draft);
    this.clearErrors();
    let result;
    try {
      result = this._api.checkCharter(doc);
    } catch (err) {
      this.showInputError(err);
      this._checks.replaceChildren(el("p", { text: "The checks run once the problem above is put right." }));
      return;
    }
    this._checks.replaceChildren(
      this.findingsList(
        result.diagnostics,
        this._rules,
        (d) => {
          const i = d.standard === undefined ? -1 : this._draft.standards.findIndex((s) => s.id === d.standard);
          const s = this._draft.standards[i];
          return s ? this.goToRow(s.key, `Go to standard ${i + 1}: ${s.id}`) : null;
        },
        "No problems found: the charter meets every rule checked.",
      ),
    );
  }

  // ---- files, the example, downloads ---------------------------------------------------------

  /** A saved draft, if it is one. */
  draftOf(d) {
    const blank = blankCharter();
    return d && Array.isArray(d.standards) && d.standards.every((s) => s && Array.isArray(s.measures)) ? { ...blank, ...d, coProduction: { ...blank.coProduction, ...d.coProduction } } : null;
  }

  /** A charter from a file or the example: its JSON, checked by the core. */
  async readDocument({ bytes }) {
    const text = new TextDecoder().decode(bytes);
    this._api.checkCharter(text);
    return fromDocument(JSON.parse(text));
  }

  contents(charter) {
    return plural(charter.standards.length, "standard");
  }

  download() {
    const doc = toDocument(this._draft);
    try {
      this._api.checkCharter(doc);
    } catch (err) {
      this._downloadMessage.textContent = `The charter has a problem to put right first: ${err.message}`;
      return;
    }
    const name = `${fileName(this._draft.title, "charter")}.charter.json`;
    this.downloadFile(name, JSON.stringify(doc, null, 2) + "\n", "application/json");
    this._downloadMessage.textContent = `${name} downloaded.`;
  }
}

define("engage-charter-editor", EngageCharterEditor);
