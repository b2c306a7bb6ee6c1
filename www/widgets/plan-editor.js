// <engage-plan-editor example preview heading-level>: a consultation plan built in the browser,
// checked against the rules as it is typed. Start blank, from the example (`example`: a plan's
// URL), or from a file (a plan's JSON, a filled plan workbook or a CSV of activities: the workbook
// module reads those). The plan's title, whether it is a substantial variation, its activities
// (kind, title, start and end dates, and the fields each kind has, from the core's vocabulary),
// pre-election and holiday periods. On every change the core checks the plan (checkTimeline): an
// input error is shown beside its field and in an error summary linking to it, as GOV.UK forms
// do; the findings are listed under "Checks against the rules", each with what to do and its
// source (the rule catalogue), linked to its activity's row. The public timeline beside it
// (`preview`: the id of an <engage-timeline> on the page) shows the plan as the public will see
// it. Downloads: the plan (JSON or its Excel workbook) and its calendar (.ics). The draft is kept in this browser.
import { XLSX_TYPE, isWorkbook, el, define, workbooks } from "./base.js";
import { EngageForm, FORM_CSS, button, fileName } from "./form.js";

/** The draft's key in localStorage: one draft per page and example. */
const KEY = "engagekit-plan-editor";

/** A field of an activity, by its document name: its label and input type. */
const FIELDS = {
  commentsBy: ["Comments by", "date"],
  decisionBy: ["Decision by", "date"],
  venue: ["Venue", "text"],
  target: ["Target (responses or people)", "number"],
  recipient: ["Recipient", "select"],
};

/** A plan as the editor keeps it (each row with a `key` of its own, stable as rows move). */
function blankPlan() {
  return { title: "", substantialVariation: false, minimumWeeks: "", activities: [], preElectionPeriods: [], holidayPeriods: [], next: 1 };
}

/** The editor's plan from a timeline document (a file, the example, a workbook read). */
function fromDocument(doc) {
  const plan = blankPlan();
  plan.title = doc.title ?? "";
  plan.substantialVariation = Boolean(doc.substantialVariation);
  plan.minimumWeeks = doc.rules?.minimumConsultationWeeks ?? "";
  plan.id = doc.id;
  plan.organisations = doc.organisations;
  for (const a of doc.activities ?? []) plan.activities.push({ ...a, given: true, key: plan.next++ });
  for (const p of doc.preElectionPeriods ?? []) plan.preElectionPeriods.push({ ...p, key: plan.next++ });
  for (const p of doc.rules?.holidayPeriods ?? []) plan.holidayPeriods.push({ ...p, key: plan.next++ });
  return plan;
}

/**
 * Each activity's id: its own when it came with one (a file, the example), else made from its
 * title ("Public consultation" → "public-consultation"), made unique with "-2", "-3" ... so that
 * the plan downloaded reads well and the findings name something a person wrote.
 */
function activityIds(activities) {
  const used = new Set(activities.filter((a) => a.given).map((a) => a.id));
  return activities.map((a, i) => {
    if (a.given) return a.id;
    const base = (a.title ?? "").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || `activity-${i + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

/** The timeline document of the editor's plan: empty fields left out, numbers as numbers. */
function toDocument(plan) {
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([k, v]) => k !== "key" && k !== "given" && v !== "" && v !== undefined && v !== null));
  const ids = activityIds(plan.activities);
  const doc = { schema: "engagekit/timeline@1" };
  if (plan.id) doc.id = plan.id;
  doc.title = plan.title;
  if (plan.organisations?.length) doc.organisations = plan.organisations;
  doc.substantialVariation = plan.substantialVariation;
  doc.activities = plan.activities.map((a, i) => {
    const out = { id: ids[i], ...clean(a) };
    if (out.target !== undefined) out.target = Number(out.target);
    return out;
  });
  if (plan.preElectionPeriods.length) doc.preElectionPeriods = plan.preElectionPeriods.map(clean);
  const rules = {};
  if (plan.minimumWeeks !== "" && plan.minimumWeeks !== undefined) rules.minimumConsultationWeeks = Number(plan.minimumWeeks);
  if (plan.holidayPeriods.length) rules.holidayPeriods = plan.holidayPeriods.map(clean);
  if (Object.keys(rules).length) doc.rules = rules;
  return doc;
}

class EngagePlanEditor extends EngageForm {
  static kind = "plan editor";
  static area = "planner";
  static css = FORM_CSS;
  static get observedAttributes() {
    return ["heading-level"];
  }

  async render(_text, api) {
    this._api = api;
    this._vocabulary = api.timelineVocabulary();
    this._rules = new Map(api.rules().map((r) => [r.code, r]));
    this.startForm(KEY);
    this._draft = this.loadDraft() ?? blankPlan();
    this._checks = el("div", { role: "status" });
    this._activities = el("div", {});
    this._periods = { preElectionPeriods: el("div", {}), holidayPeriods: el("div", {}) };
    this._settings = el("div", {});
    const nodes = [
      this._summary,
      this._notice,
      this.heading(0, "Start"),
      this.startPart({
        noun: "plan",
        blank: blankPlan,
        blankMessage: "A blank plan: add its title and activities.",
        openLabel: "Or open a plan",
        hint: "A plan (.json), a filled plan workbook (.xlsx), or a CSV file of activities.",
        accept: ".json,.xlsx,.ods,.xls,.csv,application/json,text/csv",
      }),
      this.heading(0, "The plan"),
      this._settings,
      this.heading(1, "Activities"),
      this._activities,
      button("Add activity", "button button--secondary", () => this.addRow(this._draft.activities, { kind: "" }, () => this.drawRows())),
      this.heading(1, "Pre-election periods"),
      el("p", { class: "hint", text: "The weeks before an election, when a consultation should not run." }),
      this._periods.preElectionPeriods,
      button("Add pre-election period", "button button--secondary", () => this.addRow(this._draft.preElectionPeriods, { title: "" }, () => this.drawRows())),
      this.heading(1, "Holiday periods"),
      el("p", { class: "hint", text: "Leave empty to use the usual ones (Christmas and New Year, Easter, the summer holidays). Any you add replace them." }),
      this._periods.holidayPeriods,
      button("Add holiday period", "button button--secondary", () => this.addRow(this._draft.holidayPeriods, { title: "" }, () => this.drawRows())),
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

  /** The plan's own fields: its title, whether it is a substantial variation, the minimum weeks. */
  drawSettings() {
    const plan = this._draft;
    this._settings.replaceChildren(
      this.field(plan, "title", "title", "Plan title"),
      this.checkbox(plan, "substantialVariation", "substantialVariation", "Substantial variation", "A substantial development or variation of the health service: the council's health scrutiny committee must be consulted."),
      this.field(plan, "minimumWeeks", "rules.minimumConsultationWeeks", "Minimum consultation weeks (optional)", "number", "Blank: 12 weeks."),
    );
    Object.assign(this._fields.get("rules.minimumConsultationWeeks"), { min: "1", step: "1", inputMode: "numeric" });
  }

  downloadPart() {
    this._downloadMessage = el("p", { role: "status" });
    return el(
      "div",
      {},
      el(
        "div",
        { class: "actions" },
        button("Download the plan (JSON)", "button", () => this.download("json")),
        button("Download the calendar (.ics)", "button button--secondary", () => this.download("ics")),
        button("Download the plan (Excel)", "button button--secondary", () => this.downloadWorkbook()),
      ),
      this._downloadMessage,
    );
  }

  // ---- rows ----------------------------------------------------------------------------------

  /** The whole form drawn again (the plan replaced). */
  drawAll() {
    this._fields.clear();
    this.drawSettings();
    this.drawRows();
  }

  /** Every row drawn again (after a row is added, removed, moved). */
  drawRows() {
    for (const path of [...this._fields.keys()]) if (/^(activities|preElectionPeriods|rules\.holidayPeriods)\[/.test(path)) this._fields.delete(path);
    this._activities.replaceChildren(...this._draft.activities.map((a, i) => this.activityRow(a, i)));
    for (const list of ["preElectionPeriods", "holidayPeriods"]) this._periods[list].replaceChildren(...this._draft[list].map((p, i) => this.periodRow(list, p, i)));
  }

  activityRow(a, i) {
    const path = (f) => `activities[${i}].${f}`;
    const legend = el("legend", { tabindex: "-1", text: `Activity ${i + 1}${a.title ? `: ${a.title}` : ""}` });
    const extra = el("div", {});
    const drawExtra = () => extra.replaceChildren(...this.extraFields(a, i));
    // Fields the new kind does not have are cleared: a recipient on a scrutiny is an error.
    const kind = this.choice(a, "kind", path("kind"), "Kind", this._vocabulary.kinds.map((k) => [k.id, k.words]), "Choose a kind", () => {
      const keep = new Set(this.kindOf(a.kind)?.fields ?? []);
      for (const f of Object.keys(FIELDS)) if (!keep.has(f)) delete a[f];
      drawExtra();
    });
    const title = this.field(a, "title", path("title"), "Title");
    this._fields.get(path("title")).addEventListener("input", (e) => (legend.textContent = `Activity ${i + 1}${e.target.value ? `: ${e.target.value}` : ""}`));
    drawExtra();
    return el(
      "fieldset",
      { class: "row", id: `row-${a.key}` },
      legend,
      kind,
      title,
      el("div", { class: "dates" }, this.field(a, "start", path("start"), "Start date", "date"), this.field(a, "end", path("end"), "End date", "date")),
      extra,
      this.rowActions(this._draft.activities, i, `activity ${i + 1}`, () => this.drawRows()),
    );
  }

  /** The fields the activity's kind has beyond the common ones (the core's vocabulary). */
  extraFields(a, i) {
    const fields = this.kindOf(a.kind)?.fields ?? [];
    return fields.map((f) => {
      const [label, type] = FIELDS[f] ?? [f, "text"];
      const path = `activities[${i}].${f}`;
      if (type === "select") return this.choice(a, f, path, label, this._vocabulary.recipients.map((r) => [r.id, r.words]), "Choose a recipient");
      const group = this.field(a, f, path, label, type);
      if (type === "number") Object.assign(this._fields.get(path), { step: "1", inputMode: "numeric" });
      return group;
    });
  }

  periodRow(list, p, i) {
    const docList = list === "holidayPeriods" ? "rules.holidayPeriods" : list;
    const path = (f) => `${docList}[${i}].${f}`;
    const words = list === "holidayPeriods" ? "Holiday period" : "Pre-election period";
    return el(
      "fieldset",
      { class: "row", id: `row-${p.key}` },
      el("legend", { tabindex: "-1", text: `${words} ${i + 1}` }),
      this.field(p, "title", path("title"), "Title"),
      el("div", { class: "dates" }, this.field(p, "start", path("start"), "Start date", "date"), this.field(p, "end", path("end"), "End date", "date")),
      this.rowActions(this._draft[list], i, `${words.toLowerCase()} ${i + 1}`, () => this.drawRows()),
    );
  }

  kindOf(id) {
    return this._vocabulary.kinds.find((k) => k.id === id);
  }

  // ---- checking ------------------------------------------------------------------------------

  /** Checks the plan (the core), shows the errors or the findings, updates the preview; saves. */
  update(save = true) {
    if (save) this.saveDraft("Your plan");
    const doc = toDocument(this._draft);
    this.clearErrors();
    let result;
    try {
      result = this._api.checkTimeline(doc);
    } catch (err) {
      this.showInputError(err);
      this._checks.replaceChildren(el("p", { text: "The checks run once the problem above is put right." }));
      return;
    }
    const ids = activityIds(this._draft.activities);
    this._checks.replaceChildren(
      this.findingsList(
        result.diagnostics,
        this._rules,
        (d) => {
          const i = d.activity ? ids.indexOf(d.activity) : -1;
          const a = this._draft.activities[i];
          return a ? this.goToRow(a.key, `Go to activity ${i + 1}${a.title ? `: ${a.title}` : ""}`) : null;
        },
        "No problems found: the plan meets every rule checked.",
      ),
    );
    this.updatePreview(doc);
  }

  /** The public timeline on the page (`preview`), given the plan as it now is. */
  updatePreview(doc) {
    const id = this.getAttribute("preview");
    const preview = id ? document.getElementById(id) : null;
    if (!preview) return;
    let script = preview.querySelector(":scope > script[type='application/json']");
    if (!script) {
      script = document.createElement("script");
      script.type = "application/json";
      preview.append(script);
    }
    // A plan with no title yet is shown under words that say so, not under an empty heading.
    script.textContent = JSON.stringify({ ...doc, title: doc.title.trim() || "Your plan (no title yet)" });
    preview.refresh?.();
  }

  // ---- files, the example, downloads ---------------------------------------------------------

  /** A saved draft, if it is one. */
  draftOf(d) {
    return d && Array.isArray(d.activities) && Array.isArray(d.preElectionPeriods) && Array.isArray(d.holidayPeriods) ? { ...blankPlan(), ...d } : null;
  }

  /** A plan from a file or the example: its JSON, or a workbook or CSV file (the workbook module). */
  async readDocument({ name, bytes }) {
    const text = new TextDecoder().decode(bytes);
    if (isWorkbook(bytes) || !text.trim().startsWith("{")) {
      this.say(`Reading ${name}…`);
      // A workbook or a CSV file of activities: the workbook module reads it; a CSV file has no
      // settings, so the plan's title and substantial variation come from the form.
      return fromDocument((await workbooks()).importWorkbook("timeline", { name, bytes }, { title: this._draft.title || undefined, substantialVariation: this._draft.substantialVariation }));
    }
    this._api.checkTimeline(text);
    return fromDocument(JSON.parse(text));
  }

  contents(plan) {
    return `${plan.activities.length} activities`;
  }

  download(what) {
    const doc = toDocument(this._draft);
    let text;
    try {
      text = what === "ics" ? this._api.timelineToIcs(doc) : JSON.stringify(doc, null, 2) + "\n";
      this._api.checkTimeline(doc);
    } catch (err) {
      this._downloadMessage.textContent = `The plan has a problem to put right first: ${err.message}`;
      return;
    }
    const name = `${fileName(this._draft.title, "plan")}.${what === "ics" ? "ics" : "timeline.json"}`;
    this.downloadFile(name, text, what === "ics" ? "text/calendar" : "application/json");
    this._downloadMessage.textContent = `${name} downloaded.`;
  }

  /**
   * The plan as its filled set-up workbook (the workbook module, started the first time), which
   * the file-open path reads back into the same plan. Checked first, as the other downloads are.
   */
  async downloadWorkbook() {
    const doc = toDocument(this._draft);
    let bytes;
    try {
      this._api.checkTimeline(doc);
    } catch (err) {
      this._downloadMessage.textContent = `The plan has a problem to put right first: ${err.message}`;
      return;
    }
    this._downloadMessage.textContent = "Preparing the workbook…";
    try {
      bytes = (await workbooks()).workbookOf("timeline", doc);
    } catch (err) {
      const why = err.code === "load-failed" ? "the workbook code could not be loaded" : err.message;
      this._downloadMessage.textContent = `The plan could not be written as a workbook (${why}): download it as JSON instead.`;
      return;
    }
    const name = `${fileName(this._draft.title, "plan")}.xlsx`;
    this.downloadFile(name, bytes, XLSX_TYPE);
    this._downloadMessage.textContent = `${name} downloaded.`;
  }
}

define("engage-plan-editor", EngagePlanEditor);
