// <engage-panel-setup example moderation heading-level>: an evaluation panel set up in the
// browser before anyone scores, checked against the rules as it is typed. Start blank, from the
// example (`example`: an evaluation's URL), or from a file (an evaluation's JSON, or a filled
// panel workbook, which the workbook module reads). The settings (title, stage, regime, PSR
// process, award notice date, the scale and its words, the price weight), the criteria with the
// running total of the weights and price (which must make 100), the bids, and the panel members
// (role, training, under 18 with a chaperone, conflicts of interest and the decision managing
// them). On every change the core checks the set-up (checkSetup): an input error is shown beside
// its field and in an error summary linking to it, as GOV.UK forms do; the findings are listed
// under "Checks against the rules", each with what to do and its source, linked to the row it is
// about. Downloads: the evaluation (JSON) or its filled panel workbook, and each scoring member's
// score sheet (Excel or CSV) in one click. `moderation` (a page's URL) adds a link on to the moderation with this evaluation.
// The draft is kept in this browser; what the form does not show (scores, a charter, payments)
// is kept as it came and goes into every download.
import { HANDOFF_EVALUATION, XLSX_TYPE, define, el, isWorkbook, workbooks } from "./base.js";
import { EngageForm, FORM_CSS, button, fileName } from "./form.js";

const CSS = `${FORM_CSS}
.total { font-weight: 700; border-left: 6px solid var(--_blue); padding: 0.5rem 0.75rem; margin: 0 0 1.25rem; background: var(--_panel); }
.total.off { border-left-color: var(--_red); }
.sheets { list-style: none; padding: 0; }
.sheets li { border-bottom: 1px solid var(--_border); padding: 0.5rem 0; }
.sheets .actions { margin-top: 0.25rem; }
.labels { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0 1rem; }
`;

/** The draft's key in localStorage: one draft per page. */
const KEY = "engagekit-panel-setup";

/** The document fields of each list that are numbers (typed as text in number inputs). */
const NUMBERS = { criteria: ["weight", "minimumScore"], bids: ["price"] };

/** The lists of rows, and the id each kind of finding label points into. */
const LISTS = { criteria: "criterion", bids: "bid", panel: "evaluator" };

function blankSetup() {
  return { schema: "engagekit/evaluation@1", title: "", scale: { max: "", labels: [] }, price: { weight: "", method: "lowest" }, criteria: [], bids: [], panel: [], next: 1 };
}

/** The editor's draft from an evaluation (a file, the example): each row given a key of its own. */
function fromDocument(doc) {
  const draft = { ...structuredClone(doc), next: 1 };
  draft.scale = { max: "", labels: [], ...draft.scale };
  draft.price = { weight: "", method: "lowest", ...draft.price };
  for (const list of Object.keys(LISTS)) draft[list] = (draft[list] ?? []).map((row) => ({ ...row, key: draft.next++ }));
  for (const c of draft.criteria) if (Array.isArray(c.charterStandards)) c.charterStandards = c.charterStandards.join("; ");
  return draft;
}

/** The value without what the form leaves empty: "" and undefined, empty objects; numbers as numbers. */
function clean(value) {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      // The row's key, and what a hidden field keeps while it is hidden (`_chaperone`).
      if (k === "key" || k === "next" || k.startsWith("_")) continue;
      const c = clean(v);
      if (c === "" || c === undefined || c === null) continue;
      if (c && typeof c === "object" && !Array.isArray(c) && !Object.keys(c).length) continue;
      out[k] = c;
    }
    return out;
  }
  return typeof value === "string" && value.trim() === "" ? "" : value;
}

/** A number typed in a number input: as a number, or as typed when it is not one (the core names it). */
function number(text) {
  if (text === "" || text === undefined || text === null || typeof text === "number") return text;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** The evaluation document of the editor's draft. */
function toDocument(draft) {
  const doc = clean(draft);
  doc.scale ??= {};
  if (doc.scale.max !== undefined) doc.scale.max = number(doc.scale.max);
  doc.scale.labels = (draft.scale.labels ?? []).slice(0, Number(doc.scale.max) + 1 || 0).map((l) => l ?? "");
  doc.price ??= {};
  if (doc.price.weight !== undefined) doc.price.weight = number(doc.price.weight);
  for (const [list, fields] of Object.entries(NUMBERS)) {
    for (const row of doc[list] ?? []) for (const f of fields) if (row[f] !== undefined) row[f] = number(row[f]);
  }
  for (const list of Object.keys(LISTS)) doc[list] ??= [];
  for (const c of doc.criteria) if (c.scoredBy && !c.scoredBy.length) delete c.scoredBy;
  for (const c of doc.criteria) if (typeof c.charterStandards === "string") c.charterStandards = c.charterStandards.split(";").map((s) => s.trim()).filter(Boolean);
  for (const m of doc.panel) if (!m.conflicts?.length) delete m.conflicts;
  for (const m of doc.panel) if (m.under18 === false) delete m.under18;
  for (const m of doc.panel) if (m.declinesPayment === false) delete m.declinesPayment;
  return { schema: doc.schema, ...doc };
}

/**
 * A field shown only when another answer asks for it (a chaperone, under 18): hidden, its value
 * is kept aside (`_chaperone`), out of the document, and put back when it is shown again.
 */
function stash(item, field, shown) {
  const aside = `_${field}`;
  if (shown && item[aside] !== undefined && item[field] === undefined) {
    item[field] = item[aside];
    delete item[aside];
  } else if (!shown && item[field] !== undefined) {
    item[aside] = item[field];
    delete item[field];
  }
}

/** The first id of `prefix` + a number that no row of `list` has (Q1, Q2 ...: the workbook's own). */
function nextId(prefix, list) {
  const used = new Set(list.map((row) => row.id));
  let n = list.length + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

class EngagePanelSetup extends EngageForm {
  static kind = "panel set-up";
  static area = "evaluation";
  static css = CSS;
  static get observedAttributes() {
    return ["heading-level"];
  }

  async render(_text, api) {
    this._api = api;
    this._words = api.evaluationVocabulary();
    this._rules = new Map(api.rules().map((r) => [r.code, r]));
    this.startForm(KEY);
    this._draft = this.loadDraft() ?? blankSetup();
    this._checks = el("div", { role: "status" });
    this._total = el("p", { class: "total", role: "status", "aria-live": "polite" });
    this._sheets = el("div", {});
    this._kept = el("p", { class: "hint" });
    this._parts = { settings: el("div", {}), criteria: el("div", {}), bids: el("div", {}), panel: el("div", {}) };
    const add = (list, text, row) => button(text, "button button--secondary", () => this.addRow(this._draft[list], row(), () => this.drawList(list)));
    const nodes = [
      this._summary,
      this._notice,
      this.heading(0, "Start"),
      this.startPart({
        noun: "panel",
        blank: blankSetup,
        blankMessage: "A blank panel: give it a title, a scale, criteria, bids and members.",
        openLabel: "Or open an evaluation",
        hint: "An evaluation (.json), or a filled panel workbook (.xlsx).",
        accept: ".json,.xlsx,.ods,.xls,application/json",
      }),
      this.heading(0, "The evaluation"),
      this._kept,
      this._parts.settings,
      this.heading(1, "Criteria"),
      el("p", { class: "hint", text: "The quality criteria the bids are scored on. Their weights and the price weight make 100." }),
      this._parts.criteria,
      this._total,
      add("criteria", "Add criterion", () => ({ id: nextId("Q", this._draft.criteria), title: "", weight: "" })),
      this.heading(1, "Bids"),
      this._parts.bids,
      add("bids", "Add bid", () => ({ id: nextId("B", this._draft.bids), bidder: "", price: "" })),
      this.heading(1, "Panel members"),
      el("p", { class: "hint", text: "Everyone on the panel, including those who do not score (procurement, the chair)." }),
      this._parts.panel,
      add("panel", "Add panel member", () => ({ id: nextId("E", this._draft.panel), name: "", role: "" })),
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

  // ---- the parts -----------------------------------------------------------------------------

  drawSettings() {
    const d = this._draft;
    const choices = (list) => list.map((c) => [c.id, c.words]);
    const labels = el("div", { class: "labels" });
    const drawLabels = () => {
      for (const path of [...this._fields.keys()]) if (path.startsWith("scale.labels[")) this._fields.delete(path);
      const n = Math.min(Math.max(Number(d.scale.max) || 0, 0), 20);
      d.scale.labels.length = Math.max(d.scale.labels.length, n + 1);
      labels.replaceChildren(...Array.from({ length: n + 1 }, (_, i) => this.field(d.scale.labels, i, `scale.labels[${i}]`, `Words for ${i}`)));
      // The labels' own group (the core's error for too few or too many is at `scale.labels`).
      if (n >= 0) this._fields.set("scale.labels", this._fields.get("scale.labels[0]"));
    };
    const max = this.field(d.scale, "max", "scale.max", "Highest score", "number", "Scores run from 0 to this (4 on a 0 to 4 scale).");
    this._fields.get("scale.max").addEventListener("input", () => {
      drawLabels();
      this.update();
    });
    Object.assign(this._fields.get("scale.max"), { min: "1", step: "1", inputMode: "numeric" });
    drawLabels();
    this._parts.settings.replaceChildren(
      this.field(d, "title", "title", "Title", "text", "What is being bought, as the panel knows it."),
      this.field(d, "stage", "stage", "Stage (optional)", "text", "The stage being scored: \"Invitation to submit final solutions\"."),
      this.choice(d, "regime", "regime", "Regime", choices(this._words.regimes), "Neither (not given)"),
      this.choice(d, "psrProcess", "psrProcess", "PSR process (under the Provider Selection Regime)", choices(this._words.psrProcesses), "Not given (the Competitive Process)"),
      this.field(d, "awardNoticeDate", "awardNoticeDate", "Award notice date (optional)", "date", "The standstill period runs from it."),
      max,
      el("div", { class: "form-group" }, labels),
      el("div", { class: "dates" }, this.field(d.price, "weight", "price.weight", "Price weight (%)", "number"), this.choice(d.price, "method", "price.method", "Price method", choices(this._words.priceMethods), "Choose a method")),
    );
  }

  downloadPart() {
    this._downloadMessage = el("p", { role: "status" });
    const moderation = this.getAttribute("moderation");
    const go = moderation ? el("a", { class: "button button--secondary", href: moderation, text: "Go on to the moderation with this panel" }) : null;
    go?.addEventListener("click", (event) => {
      // The moderation page takes this evaluation in (its `handoff`), checked as it is there.
      const doc = this.checked(event);
      if (!doc) return;
      try {
        sessionStorage.setItem(HANDOFF_EVALUATION, JSON.stringify(doc));
      } catch {
        event.preventDefault();
        this._downloadMessage.textContent = "This browser does not let the page hand the panel on: download the evaluation (JSON) and open it in the moderation.";
      }
    });
    return el(
      "div",
      {},
      el(
        "div",
        { class: "actions" },
        button("Download the evaluation (JSON)", "button", () => this.downloadEvaluation()),
        button("Download the panel workbook (Excel)", "button button--secondary", () => this.downloadWorkbook()),
        go,
      ),
      this.heading(1, "Score sheets"),
      el("p", { class: "hint", text: "One per member who scores, listing the bids and criteria they may score: send each member theirs." }),
      this._sheets,
      this._downloadMessage,
    );
  }

  // ---- rows ----------------------------------------------------------------------------------

  drawAll() {
    // What the form does not show is kept, and said so.
    const d = this._draft;
    const kept = [
      d.scores?.length ? `${d.scores.length} scores` : "",
      d.consensus?.length ? `${d.consensus.length} consensus scores` : "",
      d.charter ? "its charter" : "",
      d.decision ? "the award decision" : "",
      d.payments ? "the involvement payments" : "",
      d.sessions?.length ? "the panel sessions" : "",
    ].filter(Boolean);
    this._kept.textContent = kept.length ? `This evaluation's ${kept.join(", ")} are kept as they are and go into every download; this page does not change them.` : "";
    this._kept.hidden = !kept.length;
    this._fields.clear();
    this.drawSettings();
    for (const list of Object.keys(LISTS)) this.drawList(list);
  }

  /** A list's rows drawn again (after a row is added, removed or moved). */
  drawList(list) {
    for (const path of [...this._fields.keys()]) if (path.startsWith(`${list}[`)) this._fields.delete(path);
    const row = { criteria: (c, i) => this.criterionRow(c, i), bids: (b, i) => this.bidRow(b, i), panel: (m, i) => this.memberRow(m, i) }[list];
    this._parts[list].replaceChildren(...this._draft[list].map(row));
    // The bids are the panel's conflict choices.
    if (list === "bids") this.drawList("panel");
  }

  /** A row's fieldset: its legend (named by its id and title as they are typed) and its actions. */
  rowOf(list, item, i, words, name, ...fields) {
    const legend = el("legend", { tabindex: "-1" });
    const title = () => (legend.textContent = `${words} ${i + 1}${item.id ? ` (${item.id})` : ""}${item[name] ? `: ${item[name]}` : ""}`);
    title();
    const set = el("fieldset", { class: "row", id: `row-${item.key}` }, legend, ...fields, this.rowActions(this._draft[list], i, `${words.toLowerCase()} ${i + 1}`, () => this.drawList(list)));
    set.addEventListener("input", title);
    return set;
  }

  criterionRow(c, i) {
    const path = (f) => `criteria[${i}].${f}`;
    const roles = this._words.scoringRoles.map((r) => [r.id, r.words]);
    return this.rowOf(
      "criteria",
      c,
      i,
      "Criterion",
      "title",
      el("div", { class: "dates" }, this.field(c, "id", path("id"), "Id"), this.field(c, "weight", path("weight"), "Weight (%)", "number"), this.field(c, "minimumScore", path("minimumScore"), "Minimum score (optional)", "number")),
      this.field(c, "title", path("title"), "Question or criterion", "text"),
      this.checkboxes(c, "scoredBy", path("scoredBy"), "Scored by", roles, "None ticked: every role that scores."),
      this.choice(c, "keyCriterion", path("keyCriterion"), "Key criterion (Provider Selection Regime)", this._words.keyCriteria.map((k) => [k.id, k.words]), "None"),
      this._draft.charter ? this.field(c, "charterStandards", path("charterStandards"), "Charter standards (optional)", "text", "The charter's standards it assesses, by id, separated by ; (PC1; PC4).") : null,
    );
  }

  bidRow(b, i) {
    const path = (f) => `bids[${i}].${f}`;
    const row = this.rowOf(
      "bids",
      b,
      i,
      "Bid",
      "bidder",
      el("div", { class: "dates" }, this.field(b, "id", path("id"), "Id"), this.field(b, "price", path("price"), "Price (£)", "number")),
      this.field(b, "bidder", path("bidder"), "Bidder"),
      this.field(b, "address", path("address"), "Address (optional)", "text", "Registered office or principal place of business."),
      this.field(b, "identifier", path("identifier"), "Identifier (optional)", "text", "Companies House number or NHS organisation code."),
    );
    // The members' conflict choices name the bids: drawn again as an id or a bidder is typed.
    for (const f of ["id", "bidder"]) {
      this._fields.get(path(f)).addEventListener("input", () => {
        this.drawList("panel");
        this.update(false);
      });
    }
    return row;
  }

  memberRow(m, i) {
    const path = (f) => `panel[${i}].${f}`;
    const bids = this._draft.bids.filter((b) => b.id).map((b) => [b.id, `${b.id}${b.bidder ? `: ${b.bidder}` : ""}`]);
    // What depends on an answer is drawn with it: the chaperone under 18, the decision with a conflict.
    const chaperone = el("div", {});
    const decision = el("div", {});
    const drawChaperone = () => {
      this._fields.delete(path("chaperone"));
      chaperone.replaceChildren(m.under18 ? this.field(m, "chaperone", path("chaperone"), "Chaperone", "text", "Who supports them at panel sessions.") : "");
    };
    const drawDecision = () => {
      for (const f of ["decision", "decidedBy", "date"]) this._fields.delete(path(`conflictManaged.${f}`));
      if (!m.conflicts?.length) return decision.replaceChildren();
      m.conflictManaged ??= {};
      decision.replaceChildren(
        el("p", { class: "hint", text: "Managed by a recorded decision, the member still scores the other bids; without one, none of their scores count." }),
        this.field(m.conflictManaged, "decision", path("conflictManaged.decision"), "Decision managing the conflict (optional)", "textarea"),
        el("div", { class: "dates" }, this.field(m.conflictManaged, "decidedBy", path("conflictManaged.decidedBy"), "Decided by"), this.field(m.conflictManaged, "date", path("conflictManaged.date"), "Date of the decision", "date")),
      );
    };
    const under18 = this.checkbox(m, "under18", path("under18"), "Under 18");
    this._fields.get(path("under18")).addEventListener("change", () => {
      stash(m, "chaperone", Boolean(m.under18));
      drawChaperone();
      this.update();
    });
    const conflicts = bids.length ? this.checkboxes(m, "conflicts", path("conflicts"), "Conflict of interest in", bids, "Tick each bid the member has declared an interest in.") : null;
    conflicts?.addEventListener("change", () => {
      stash(m, "conflictManaged", Boolean(m.conflicts?.length));
      drawDecision();
      this.update();
    });
    drawChaperone();
    drawDecision();
    return this.rowOf(
      "panel",
      m,
      i,
      "Member",
      "name",
      el("div", { class: "dates" }, this.field(m, "id", path("id"), "Id"), this.choice(m, "role", path("role"), "Role", this._words.roles.map((r) => [r.id, r.words]), "Choose a role")),
      this.field(m, "name", path("name"), "Name (kept out of published records)"),
      this.field(m, "trainingCompleted", path("trainingCompleted"), "Evaluator training completed", "date"),
      under18,
      chaperone,
      conflicts,
      decision,
      this.checkbox(m, "declinesPayment", path("declinesPayment"), "Declines the involvement payment"),
    );
  }

  // ---- checking ------------------------------------------------------------------------------

  /** Checks the set-up (the core), shows the errors or the findings, the total, the score sheets; saves. */
  update(save = true) {
    if (save) this.saveDraft("Your panel");
    this.clearErrors();
    let result;
    try {
      result = this._api.checkSetup(toDocument(this._draft));
    } catch (err) {
      this.showInputError(err);
      this._checks.replaceChildren(el("p", { text: "The checks run once the problem above is put right." }));
      this._total.textContent = "The weights are added up once the problem above is put right.";
      this._total.classList.add("off");
      this._sheets.replaceChildren(el("p", { text: "The score sheets can be downloaded once the problem above is put right." }));
      return;
    }
    const w = result.weights;
    const off = result.diagnostics.some((d) => d.code === "weights-total");
    this._total.classList.toggle("off", off);
    this._total.textContent = `Weights: criteria ${w.criteria} + price ${w.price} = ${w.total}.${off ? ` ${this._rules.get("weights-total")?.help ?? ""}` : ""}`;
    this._checks.replaceChildren(this.findingsList(result.diagnostics, this._rules, (d) => this.where(d), "No problems found: the panel meets every rule checked before scoring."));
    this.drawSheets(result.scorers, off);
  }

  /** A finding's link: to its member's, criterion's or bid's row; the weights' to the price weight. */
  where(d) {
    if (d.code === "weights-total") return button("Go to the price weight", "link", () => this._fields.get("price.weight")?.focus());
    for (const [list, label] of Object.entries(LISTS)) {
      if (!d[label]) continue;
      const i = this._draft[list].findIndex((row) => row.id === d[label]);
      if (i < 0) continue;
      const row = this._draft[list][i];
      const words = { criteria: "criterion", bids: "bid", panel: "member" }[list];
      return this.goToRow(row.key, `Go to ${words} ${i + 1} (${row.id})`);
    }
    return null;
  }

  /** A line per member who scores, with their score sheet's two downloads. */
  drawSheets(scorers, off) {
    if (off) return this._sheets.replaceChildren(el("p", { text: "The score sheets can be downloaded once the weights make 100." }));
    if (!scorers.length) return this._sheets.replaceChildren(el("p", { text: "No member who scores yet." }));
    const members = new Map(this._draft.panel.map((m) => [m.id, m]));
    this._sheets.replaceChildren(
      el(
        "ul",
        { class: "sheets" },
        ...scorers.map((id) => {
          const m = members.get(id);
          const who = `${id}${m?.name ? ` (${m.name})` : ""}`;
          return el(
            "li",
            {},
            el("span", { text: who }),
            el(
              "div",
              { class: "actions" },
              button("Excel", "button button--secondary", () => this.downloadSheet(id, "xlsx"), { "aria-label": `Excel score sheet for ${who}` }),
              button("CSV", "button button--secondary", () => this.downloadSheet(id, "csv"), { "aria-label": `CSV score sheet for ${who}` }),
            ),
          );
        }),
      ),
    );
  }

  // ---- files, the example, downloads ---------------------------------------------------------

  draftOf(d) {
    return d && d.schema === "engagekit/evaluation@1" && Object.keys(LISTS).every((l) => Array.isArray(d[l])) && d.scale && d.price ? d : null;
  }

  /** An evaluation from a file or the example: its JSON (the set-up check throws its input errors, the weights' total aside), or a filled panel workbook. */
  async readDocument({ name, bytes }) {
    if (isWorkbook(bytes)) {
      this.say(`Reading ${name}…`);
      return fromDocument((await workbooks()).importWorkbook("evaluation", { name, bytes }));
    }
    const text = new TextDecoder().decode(bytes);
    this._api.checkSetup(text);
    return fromDocument(JSON.parse(text));
  }

  contents(d) {
    return `${d.criteria.length} criteria, ${d.bids.length} bids, ${d.panel.length} members`;
  }

  /** The evaluation, checked as scoring reads it (the weights must make 100), or null with the reason shown. */
  checked(event) {
    const doc = toDocument(this._draft);
    try {
      this._api.validate(doc);
      return doc;
    } catch (err) {
      event?.preventDefault();
      this._downloadMessage.textContent = `The panel has a problem to put right first: ${err.message}`;
      return null;
    }
  }

  downloadEvaluation() {
    const doc = this.checked();
    if (!doc) return;
    const name = `${fileName(doc.title, "panel")}.evaluation.json`;
    this.downloadFile(name, JSON.stringify(doc, null, 2) + "\n", "application/json");
    this._downloadMessage.textContent = `${name} downloaded.`;
  }

  /** The panel as its filled set-up workbook (engagekit template evaluation, filled), which opens here again. */
  async downloadWorkbook() {
    const doc = this.checked();
    if (!doc) return;
    const name = `${fileName(doc.title, "panel")}.xlsx`;
    this._downloadMessage.textContent = `Writing ${name}…`;
    try {
      this.downloadFile(name, (await workbooks()).workbookOf("evaluation", doc), XLSX_TYPE);
      this._downloadMessage.textContent = `${name} downloaded.`;
    } catch (err) {
      this._downloadMessage.textContent = `${name} could not be written: ${err.message}`;
    }
  }

  async downloadSheet(evaluator, type) {
    const doc = this.checked();
    if (!doc) return;
    const name = `scoresheet-${evaluator}.${type}`;
    try {
      if (type === "csv") this.downloadFile(name, this._api.scoresheet(doc, { evaluator }), "text/csv");
      else {
        this._downloadMessage.textContent = `Writing ${name}…`;
        this.downloadFile(name, (await workbooks()).scoresheetWorkbook(doc, { evaluator }), XLSX_TYPE);
      }
      this._downloadMessage.textContent = `${name} downloaded.`;
    } catch (err) {
      this._downloadMessage.textContent = `${name} could not be written: ${err.message}`;
    }
  }
}

define("engage-panel-setup", EngagePanelSetup);
