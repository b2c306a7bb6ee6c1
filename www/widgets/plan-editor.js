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
import { EngageElement, XLSX_TYPE, define, el, isWorkbook, uniqueId, workbooks } from "./base.js";

const CSS = `
.form-group { margin: 0 0 1.25rem; }
.label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
input[type=text], input[type=date], input[type=number], select { font: inherit; color: var(--_text); background: #ffffff; border: 2px solid var(--_text); padding: 0.25rem 0.5rem; min-height: 2.5rem; max-width: 100%; }
input[type=text] { width: 100%; }
input:focus, select:focus { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--_text); }
input[aria-invalid=true], select[aria-invalid=true] { border-color: var(--_red); }
.field-error { display: block; color: var(--_red); font-weight: 700; margin-bottom: 0.25rem; }
.group-error { border-left: 5px solid var(--_red); padding-left: 0.75rem; }
.check { display: flex; align-items: center; gap: 0.75rem; min-height: 2.75rem; }
.check input { width: 1.5rem; height: 1.5rem; margin: 0; accent-color: var(--_blue); }
.row { border: 1px solid var(--_border); border-left: 6px solid var(--_blue); padding: 1rem; margin: 0 0 1rem; min-width: 0; }
.row legend { font-weight: 700; padding: 0 0.25rem; }
.dates { display: flex; flex-wrap: wrap; gap: 0 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0; }
.actions .button { margin-bottom: 0.5rem; }
.summary-box { border: 4px solid var(--_red); padding: 1rem; margin: 0 0 1.5rem; }
.summary-box ul { margin-bottom: 0; list-style: none; padding-left: 0; }
.link { font: inherit; background: none; border: 0; padding: 0; color: var(--_blue); text-decoration: underline; cursor: pointer; text-align: left; }
.link:focus-visible { background: var(--_focus); color: var(--_focus-text); outline: 4px solid transparent; box-shadow: 0 4px 0 var(--_focus-text); }
.findings { list-style: none; padding: 0; }
.findings li { border-left: 5px solid var(--_border); padding: 0.25rem 0 0.25rem 0.75rem; margin-bottom: 1rem; }
.findings li.error { border-left-color: var(--_red); }
.findings li.warning { border-left-color: #8a4b00; }
.findings p { margin-bottom: 0.25rem; }
.file { font: inherit; max-width: 100%; }
.saved { color: var(--_secondary); }
`;

/** A button that runs `action` when pressed (a listener: never an inline handler, which a strict CSP refuses). */
function button(text, cls, action, attrs = {}) {
  const b = el("button", { type: "button", class: cls, text, ...attrs });
  b.addEventListener("click", action);
  return b;
}

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

class EngagePlanEditor extends EngageElement {
  static kind = "plan editor";
  static area = "planner";
  static css = CSS;
  static optionalInput = true;
  static get observedAttributes() {
    return ["heading-level"];
  }

  async render(_text, api) {
    this._api = api;
    this._vocabulary = api.timelineVocabulary();
    this._rules = new Map(api.rules().map((r) => [r.code, r]));
    this._key = `${KEY}:${location.pathname}`;
    this._plan = this.loadDraft() ?? blankPlan();
    this._ids = { title: uniqueId("plan-title"), sv: uniqueId("plan-sv"), weeks: uniqueId("plan-weeks"), file: uniqueId("plan-file") };
    this._summary = el("div", {});
    this._checks = el("div", { role: "status" });
    this._saved = el("p", { class: "saved", role: "status" });
    this._notice = el("div", { role: "alert" });
    this._activities = el("div", {});
    this._periods = { preElectionPeriods: el("div", {}), holidayPeriods: el("div", {}) };
    const nodes = [
      this._summary,
      this._notice,
      this.heading(0, "Start"),
      this.startPart(),
      this.heading(0, "The plan"),
      this.settingsPart(),
      this.heading(1, "Activities"),
      this._activities,
      button("Add activity", "button button--secondary", () => this.addRow("activities")),
      this.heading(1, "Pre-election periods"),
      el("p", { class: "hint", text: "The weeks before an election, when a consultation should not run." }),
      this._periods.preElectionPeriods,
      button("Add pre-election period", "button button--secondary", () => this.addRow("preElectionPeriods")),
      this.heading(1, "Holiday periods"),
      el("p", { class: "hint", text: "Leave empty to use the usual ones (Christmas and New Year, Easter, the summer holidays). Any you add replace them." }),
      this._periods.holidayPeriods,
      button("Add holiday period", "button button--secondary", () => this.addRow("holidayPeriods")),
      this.heading(0, "Checks against the rules"),
      this._checks,
      this.heading(0, "Download"),
      this.downloadPart(),
      this._saved,
    ];
    this.drawRows();
    this.update(false);
    return el("section", { class: "box" }, ...nodes);
  }

  // ---- the parts -------------------------------------------------------------------------

  startPart() {
    const file = el("input", { id: this._ids.file, class: "file", type: "file", accept: ".json,.xlsx,.ods,.xls,.csv,application/json,text/csv", "aria-describedby": `${this._ids.file}-hint` });
    file.addEventListener("change", () => this.openFile(file));
    const example = this.getAttribute("example");
    return el(
      "div",
      {},
      el(
        "div",
        { class: "actions" },
        button("Start a blank plan", "button button--secondary", () => this.replacePlan(blankPlan(), "A blank plan: add its title and activities.")),
        example ? button("Start from the example", "button button--secondary", () => this.openExample(example)) : null,
      ),
      el("div", { class: "form-group" }, el("label", { class: "label", for: this._ids.file, text: "Or open a plan" }), el("p", { class: "hint", id: `${this._ids.file}-hint`, text: "A plan (.json), a filled plan workbook (.xlsx), or a CSV file of activities." }), file),
    );
  }

  settingsPart() {
    const title = el("input", { id: this._ids.title, type: "text", value: this._plan.title, autocomplete: "off" });
    title.addEventListener("input", () => this.change(() => (this._plan.title = title.value)));
    const sv = el("input", { id: this._ids.sv, type: "checkbox" });
    sv.checked = this._plan.substantialVariation;
    sv.addEventListener("change", () => this.change(() => (this._plan.substantialVariation = sv.checked)));
    const weeks = el("input", { id: this._ids.weeks, type: "number", min: "1", step: "1", inputmode: "numeric", value: String(this._plan.minimumWeeks ?? ""), "aria-describedby": `${this._ids.weeks}-hint` });
    weeks.addEventListener("input", () => this.change(() => (this._plan.minimumWeeks = weeks.value)));
    this._fields = new Map([
      ["title", title],
      ["rules.minimumConsultationWeeks", weeks],
    ]);
    return el(
      "div",
      {},
      this.group("title", el("label", { class: "label", for: this._ids.title, text: "Plan title" }), title),
      el("div", { class: "form-group" }, el("div", { class: "check" }, sv, el("label", { for: this._ids.sv, text: "Substantial variation" })), el("p", { class: "hint", text: "A substantial development or variation of the health service: the council's health scrutiny committee must be consulted." })),
      this.group("rules.minimumConsultationWeeks", el("label", { class: "label", for: this._ids.weeks, text: "Minimum consultation weeks (optional)" }), el("p", { class: "hint", id: `${this._ids.weeks}-hint`, text: "Blank: 12 weeks." }), weeks),
    );
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

  /** A form group: the field's error (when it has one) goes between its label and its control. */
  group(path, label, ...rest) {
    const error = el("span", { class: "field-error", id: uniqueId("err") });
    error.hidden = true;
    const group = el("div", { class: "form-group", "data-path": path }, label, error, ...rest);
    return group;
  }

  // ---- rows ----------------------------------------------------------------------------------

  /** Every row drawn again (after a row is added, removed, moved, or the plan replaced). */
  drawRows() {
    this._fields = new Map([...this._fields].filter(([path]) => !/^(activities|preElectionPeriods|rules\.holidayPeriods)\[/.test(path)));
    this._activities.replaceChildren(...this._plan.activities.map((a, i) => this.activityRow(a, i)));
    for (const list of ["preElectionPeriods", "holidayPeriods"]) this._periods[list].replaceChildren(...this._plan[list].map((p, i) => this.periodRow(list, p, i)));
  }

  activityRow(a, i) {
    const n = this._plan.activities.length;
    const path = (f) => `activities[${i}].${f}`;
    const legend = el("legend", { tabindex: "-1", text: `Activity ${i + 1}${a.title ? `: ${a.title}` : ""}` });
    const kind = el("select", { id: uniqueId("kind") }, el("option", { value: "", text: "Choose a kind" }), ...this._vocabulary.kinds.map((k) => el("option", { value: k.id, text: k.words })));
    kind.value = a.kind ?? "";
    const extra = el("div", {});
    const drawExtra = () => extra.replaceChildren(...this.extraFields(a, i));
    kind.addEventListener("change", () =>
      this.change(() => {
        a.kind = kind.value;
        // Fields the new kind does not have are cleared: a recipient on a scrutiny is an error.
        const keep = new Set(this.kindOf(a.kind)?.fields ?? []);
        for (const f of Object.keys(FIELDS)) if (!keep.has(f)) delete a[f];
        drawExtra();
      }),
    );
    const title = this.input(a, "title", "text");
    title.addEventListener("input", () => (legend.textContent = `Activity ${i + 1}${title.value ? `: ${title.value}` : ""}`));
    const start = this.input(a, "start", "date");
    const end = this.input(a, "end", "date");
    for (const [f, input] of [["kind", kind], ["title", title], ["start", start], ["end", end]]) this._fields.set(path(f), input);
    drawExtra();
    const fieldset = el(
      "fieldset",
      { class: "row", id: `row-${a.key}` },
      legend,
      this.group(path("kind"), el("label", { class: "label", for: kind.id, text: "Kind" }), kind),
      this.group(path("title"), el("label", { class: "label", for: title.id, text: "Title" }), title),
      el("div", { class: "dates" }, this.group(path("start"), el("label", { class: "label", for: start.id, text: "Start date" }), start), this.group(path("end"), el("label", { class: "label", for: end.id, text: "End date" }), end)),
      extra,
      this.rowActions("activities", i, n, `activity ${i + 1}`),
    );
    this._rowLegends ??= new Map();
    this._rowLegends.set(a.id, legend);
    return fieldset;
  }

  /** The fields the activity's kind has beyond the common ones (the core's vocabulary). */
  extraFields(a, i) {
    const fields = this.kindOf(a.kind)?.fields ?? [];
    return fields.map((f) => {
      const [label, type] = FIELDS[f] ?? [f, "text"];
      let input;
      if (type === "select") {
        input = el("select", { id: uniqueId(f) }, el("option", { value: "", text: "Choose a recipient" }), ...this._vocabulary.recipients.map((r) => el("option", { value: r.id, text: r.words })));
        input.value = a[f] ?? "";
        input.addEventListener("change", () => this.change(() => (a[f] = input.value)));
      } else {
        input = this.input(a, f, type);
      }
      this._fields.set(`activities[${i}].${f}`, input);
      return this.group(`activities[${i}].${f}`, el("label", { class: "label", for: input.id, text: label }), input);
    });
  }

  periodRow(list, p, i) {
    const n = this._plan[list].length;
    const docList = list === "holidayPeriods" ? "rules.holidayPeriods" : list;
    const path = (f) => `${docList}[${i}].${f}`;
    const words = list === "holidayPeriods" ? "Holiday period" : "Pre-election period";
    const title = this.input(p, "title", "text");
    const start = this.input(p, "start", "date");
    const end = this.input(p, "end", "date");
    for (const [f, input] of [["title", title], ["start", start], ["end", end]]) this._fields.set(path(f), input);
    return el(
      "fieldset",
      { class: "row", id: `row-${p.key}` },
      el("legend", { tabindex: "-1", text: `${words} ${i + 1}` }),
      this.group(path("title"), el("label", { class: "label", for: title.id, text: "Title" }), title),
      el("div", { class: "dates" }, this.group(path("start"), el("label", { class: "label", for: start.id, text: "Start date" }), start), this.group(path("end"), el("label", { class: "label", for: end.id, text: "End date" }), end)),
      this.rowActions(list, i, n, `${words.toLowerCase()} ${i + 1}`),
    );
  }

  /** An input bound to `item[field]`. */
  input(item, field, type) {
    const input = el("input", { id: uniqueId(field), type, value: item[field] === undefined ? "" : String(item[field]), autocomplete: "off" });
    if (type === "number") Object.assign(input, { min: "0", step: "1", inputMode: "numeric" });
    input.addEventListener(type === "date" ? "change" : "input", () => this.change(() => (item[field] = input.value)));
    return input;
  }

  /** Move up, move down and remove, each naming its row for screen readers. */
  rowActions(list, i, n, name) {
    const act = (text, action) => button(text, "button button--secondary", action, { "aria-label": `${text} ${name}` });
    return el(
      "div",
      { class: "actions" },
      i > 0 ? act("Move up", () => this.moveRow(list, i, -1)) : null,
      i < n - 1 ? act("Move down", () => this.moveRow(list, i, 1)) : null,
      act("Remove", () => this.removeRow(list, i)),
    );
  }

  kindOf(id) {
    return this._vocabulary.kinds.find((k) => k.id === id);
  }

  addRow(list) {
    const item = list === "activities" ? { kind: "" } : { title: "" };
    item.key = this._plan.next++;
    this._plan[list].push(item);
    this.drawRows();
    this.update();
    // The new row's first field.
    this.shadowRoot.getElementById(`row-${item.key}`)?.querySelector("select, input")?.focus();
  }

  removeRow(list, i) {
    const [gone] = this._plan[list].splice(i, 1);
    this.drawRows();
    this.update();
    this.say(`${list === "activities" ? `Activity "${gone.title || i + 1}"` : "The period"} removed.`);
    const rows = this._plan[list];
    const next = rows[Math.min(i, rows.length - 1)];
    (next ? this.shadowRoot.getElementById(`row-${next.key}`)?.querySelector("legend") : this.shadowRoot.querySelector(".box"))?.focus();
  }

  moveRow(list, i, by) {
    const rows = this._plan[list];
    const [item] = rows.splice(i, 1);
    rows.splice(i + by, 0, item);
    this.drawRows();
    this.update();
    const row = this.shadowRoot.getElementById(`row-${item.key}`);
    const again = [...(row?.querySelectorAll(".actions button") ?? [])].find((b) => b.textContent === (by < 0 ? "Move up" : "Move down"));
    (again ?? row?.querySelector("legend"))?.focus();
  }

  // ---- checking ------------------------------------------------------------------------------

  /** A change to the plan: made, saved, checked. */
  change(make) {
    make();
    this.update();
  }

  /** Checks the plan (the core), shows the errors or the findings, updates the preview; saves. */
  update(save = true) {
    if (save) this.saveDraft();
    const doc = toDocument(this._plan);
    this.clearErrors();
    let result;
    try {
      result = this._api.checkTimeline(doc);
    } catch (err) {
      this.showInputError(err);
      this._checks.replaceChildren(el("p", { text: "The checks run once the problem above is put right." }));
      return;
    }
    this._summary.replaceChildren();
    this._checks.replaceChildren(this.findingsList(result.diagnostics));
    this.updatePreview(doc);
  }

  clearErrors() {
    for (const group of this.shadowRoot.querySelectorAll("[data-path]")) {
      group.classList.remove("group-error");
      const error = group.querySelector(".field-error");
      if (error) {
        error.hidden = true;
        error.textContent = "";
      }
    }
    for (const input of this._fields.values()) {
      input.removeAttribute("aria-invalid");
      if (input.dataset.describedby !== undefined) {
        if (input.dataset.describedby) input.setAttribute("aria-describedby", input.dataset.describedby);
        else input.removeAttribute("aria-describedby");
      }
    }
  }

  /** An input error: beside its field (the longest part of its path that is a field), and in the summary. */
  showInputError(err) {
    let path = typeof err.path === "string" ? err.path : "";
    while (path && !this._fields.has(path)) path = path.replace(/(\.[^.[]*|\[\d+\])$/, "");
    const input = this._fields.get(path);
    // The message without the document path at its head: the field beside it says where.
    const full = err.message ?? String(err);
    const message = err.path && full.startsWith(`${err.path}: `) ? full.slice(err.path.length + 2) : full;
    const items = [];
    if (input) {
      const group = input.closest("[data-path]");
      const error = group?.querySelector(".field-error");
      group?.classList.add("group-error");
      if (error) {
        error.hidden = false;
        error.textContent = `Error: ${message}`;
        input.setAttribute("aria-invalid", "true");
        input.dataset.describedby ??= input.getAttribute("aria-describedby") ?? "";
        input.setAttribute("aria-describedby", `${error.id} ${input.dataset.describedby}`.trim());
      }
      items.push(el("li", {}, button(message, "link", () => input.focus())));
    } else {
      items.push(el("li", { text: message }));
    }
    this._summary.replaceChildren(el("div", { class: "summary-box", role: "alert", tabindex: "-1" }, this.heading(0, "There is a problem"), el("ul", {}, ...items)));
  }

  /** The findings: each with its severity, message, what to do and its source, and its activity. */
  findingsList(diagnostics) {
    if (!diagnostics.length) return el("p", { text: "No problems found: the plan meets every rule checked." });
    const words = { error: "Error", warning: "Warning", info: "Note" };
    return el(
      "ul",
      { class: "findings" },
      ...diagnostics.map((d) => {
        const rule = this._rules.get(d.code);
        const activity = d.activity ? activityIds(this._plan.activities).indexOf(d.activity) : -1;
        const source = rule?.source;
        return el(
          "li",
          { class: d.severity },
          el("p", {}, el("span", { class: `tag tag--${d.severity}`, text: words[d.severity] ?? d.severity }), " ", d.message),
          rule?.help ? el("p", {}, el("strong", { text: "What to do: " }), rule.help) : null,
          source?.title ? el("p", { class: "hint" }, "Source: ", source.url ? el("a", { href: source.url, text: [source.title, source.citation].filter(Boolean).join(", ") }) : [source.title, source.citation].filter(Boolean).join(", ")) : null,
          activity >= 0 ? el("p", {}, this.goTo(activity)) : null,
        );
      }),
    );
  }

  /** A link-like button to activity `i`'s row: its first field takes the focus. */
  goTo(i) {
    const a = this._plan.activities[i];
    return button(`Go to activity ${i + 1}${a.title ? `: ${a.title}` : ""}`, "link", () => this.shadowRoot.getElementById(`row-${a.key}`)?.querySelector("select, input")?.focus());
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

  replacePlan(plan, message) {
    this._plan = plan;
    const title = this._fields.get("title");
    title.value = plan.title ?? "";
    this.shadowRoot.getElementById(this._ids.sv).checked = plan.substantialVariation;
    this._fields.get("rules.minimumConsultationWeeks").value = String(plan.minimumWeeks ?? "");
    this.drawRows();
    this.update();
    this.say(message);
  }

  async openExample(url) {
    try {
      const response = await fetch(new URL(url, document.baseURI));
      if (!response.ok) throw new Error(`the example could not be loaded (HTTP ${response.status})`);
      const text = await response.text();
      this._api.checkTimeline(text);
      const doc = JSON.parse(text);
      this.replacePlan(fromDocument(doc), `The example plan "${doc.title}" is loaded: change it as you like.`);
    } catch (err) {
      this.say(`The example could not be opened: ${err.message}`, true);
    }
  }

  async openFile(input) {
    const file = input.files[0];
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      let doc;
      if (isWorkbook(bytes) || !text.trim().startsWith("{")) {
        this.say(`Reading ${file.name}…`);
        // A workbook or a CSV file of activities: the workbook module reads it; a CSV file has no
        // settings, so the plan's title and substantial variation come from the form.
        doc = (await workbooks()).importWorkbook("timeline", { name: file.name, bytes }, { title: this._plan.title || undefined, substantialVariation: this._plan.substantialVariation });
      } else {
        this._api.checkTimeline(text);
        doc = JSON.parse(text);
      }
      this.replacePlan(fromDocument(doc), `${file.name} is open: ${doc.activities.length} activities.`);
      input.value = "";
    } catch (err) {
      this.say(`${file.name} could not be opened: ${err.message}`, true);
    }
  }

  download(what) {
    const doc = toDocument(this._plan);
    let text;
    try {
      text = what === "ics" ? this._api.timelineToIcs(doc) : JSON.stringify(doc, null, 2) + "\n";
      this._api.checkTimeline(doc);
    } catch (err) {
      this._downloadMessage.textContent = `The plan has a problem to put right first: ${err.message}`;
      return;
    }
    const name = `${this.fileName()}.${what === "ics" ? "ics" : "timeline.json"}`;
    const a = el("a", { download: name, href: URL.createObjectURL(new Blob([text], { type: what === "ics" ? "text/calendar" : "application/json" })) });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    this._downloadMessage.textContent = `${name} downloaded.`;
  }

  /** The downloads' name: the plan's title in small letters and hyphens ("minor-injuries"). */
  fileName() {
    return (this._plan.title || "plan").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "plan";
  }

  /**
   * The plan as its filled set-up workbook (the workbook module, started the first time), which
   * the file-open path reads back into the same plan. Checked first, as the other downloads are.
   */
  async downloadWorkbook() {
    const doc = toDocument(this._plan);
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
    const name = `${this.fileName()}.xlsx`;
    const a = el("a", { download: name, href: URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE })) });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    this._downloadMessage.textContent = `${name} downloaded.`;
  }

  /** A message for everyone: an alert when it is a problem, else a status line. */
  say(message, problem = false) {
    if (problem) this._notice.replaceChildren(el("div", { class: "error" }, el("p", { text: message })));
    else {
      this._notice.replaceChildren();
      this._saved.textContent = message;
    }
  }

  // ---- the draft -----------------------------------------------------------------------------

  loadDraft() {
    let raw = null;
    try {
      raw = localStorage.getItem(this._key);
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const d = JSON.parse(raw);
      if (d && Array.isArray(d.activities) && Array.isArray(d.preElectionPeriods) && Array.isArray(d.holidayPeriods)) return { ...blankPlan(), ...d };
    } catch {
      // Not readable: set aside below.
    }
    try {
      localStorage.setItem(`${this._key}:set-aside:${new Date().toISOString()}`, raw);
    } catch {
      // Kept where it was.
    }
    return null;
  }

  saveDraft() {
    try {
      localStorage.setItem(this._key, JSON.stringify(this._plan));
      this._saved.textContent = "Your plan is saved in this browser as you go.";
    } catch (err) {
      const full = err?.name === "QuotaExceededError";
      this._notice.replaceChildren(el("div", { class: "error" }, el("p", { text: `Your plan could not be saved in this browser${full ? " because its storage is full" : ""}: download it (JSON) before you close the page.` })));
    }
  }

  /** Another tab saved this plan: take its version in, and say so. */
  onStorage(event) {
    if (event.key !== this._key || !event.newValue || !this._api) return;
    const plan = this.loadDraft();
    if (plan) this.replacePlan(plan, "This plan was changed in another tab or window: it is shown here as saved there.");
  }
}

define("engage-plan-editor", EngagePlanEditor);
