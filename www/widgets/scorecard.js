// <engage-scorecard src evaluator heading-level>: one evaluator scores, bid by bid, the criteria
// their role may score (the rows of their score sheet from `scoresheetRows`, so conflicts of
// interest and role rules come from the core), with the scale's descriptors beside each choice,
// the linked charter standards and a rationale per score. Other evaluators' scores in the
// document are never shown. The draft is kept in localStorage on every change and comes back
// after a reload or a crash. Export: the filled CSV score sheet (checked with mergeScoresheets)
// or JSON scores.
import { EngageElement, XLSX_TYPE, define, el, plural, uniqueId, workbooks } from "./base.js";

/** A stored draft ({scores: {"bid|criterion": {score?, rationale?}}, version, ...}), or null. */
function readDraft(raw) {
  let d;
  try {
    d = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!d || typeof d !== "object" || Array.isArray(d) || !d.scores || typeof d.scores !== "object" || Array.isArray(d.scores)) return null;
  for (const e of Object.values(d.scores)) {
    if (!e || typeof e !== "object") return null;
    if (e.score !== undefined && !Number.isInteger(e.score)) return null;
    if (e.rationale !== undefined && typeof e.rationale !== "string") return null;
  }
  return { ...d, version: Number.isInteger(d.version) ? d.version : 0 };
}

const CSS = `
.bids { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr)); gap: 0.5rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.bids li { margin: 0; display: flex; }
.bids li > button { flex: 1; }
.bid-button { font: inherit; min-height: 2.75rem; padding: 0.375rem 0.75rem; background: #ffffff; color: var(--_blue); border: 2px solid var(--_blue); cursor: pointer; text-align: left; }
.bid-button[aria-current="true"] { background: var(--_blue); color: #ffffff; font-weight: 700; }
.bid-button:focus-visible { background: var(--_focus); color: var(--_focus-text); outline: 4px solid transparent; box-shadow: 0 4px 0 var(--_focus-text); }
.bid-button .done { display: block; font-size: 0.875rem; }
.progress-line { font-weight: 700; }
.criterion { border: 1px solid var(--_border); border-left: 6px solid var(--_blue); padding: 1rem; margin: 0 0 1.5rem; min-width: 0; }
.criterion legend { font-weight: 700; font-size: 1.125rem; padding: 0 0.25rem; }
.criterion .meta { color: var(--_secondary); margin-bottom: 0.5rem; }
.standards { margin: 0 0 1rem; padding: 0.5rem 0.75rem; background: var(--_panel); }
.standards p { margin: 0 0 0.25rem; font-weight: 700; }
.standards ul { margin: 0; }
.choices { display: grid; gap: 0.5rem; margin: 0 0 1rem; max-width: 28rem; }
.choice { position: relative; display: flex; align-items: center; gap: 0.75rem; min-height: 2.75rem; padding: 0.5rem 0.75rem; border: 2px solid var(--_secondary); background: #ffffff; cursor: pointer; }
.choice input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; accent-color: var(--_blue); }
.choice input:focus-visible { outline: 4px solid var(--_focus); outline-offset: 2px; box-shadow: 0 0 0 6px var(--_focus-text); }
.choice:has(input:checked) { border: 4px solid var(--_blue); background: #e8f1f8; padding: 0.375rem 0.625rem; }
.choice .n { font-weight: 700; font-size: 1.25rem; }
.label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
textarea { display: block; width: 100%; font: inherit; color: var(--_text); border: 2px solid var(--_secondary); padding: 0.25rem 0.5rem; min-height: 5rem; resize: vertical; }
textarea:focus { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--_text); border-color: var(--_text); }
.saved { color: var(--_secondary); }
.nav { display: flex; flex-wrap: wrap; gap: 0.5rem 0; }
.not-scored { border-left: 6px solid var(--_secondary); padding-left: 0.75rem; }
.notices .error { margin: 0 0 1rem; }
`;

class EngageScorecard extends EngageElement {
  static kind = "score card";
  static area = "evaluation";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "evaluator"];
  }

  render(text, api) {
    api.validate(text);
    const doc = JSON.parse(text);
    if (doc.schema !== "engagekit/evaluation@1") {
      throw Object.assign(new Error(`The score card needs a panel evaluation (engagekit/evaluation@1), not ${doc.schema}.`), { code: "wrong-schema", path: "schema" });
    }
    const evaluator = this.getAttribute("evaluator") ?? "";
    const member = doc.panel.find((p) => p.id === evaluator);
    if (!member) {
      throw Object.assign(new Error(`No panel member has the id "${evaluator}": set the evaluator attribute to one of ${doc.panel.map((p) => p.id).join(", ")}.`), {
        code: "dangling-reference",
        path: "evaluator",
      });
    }
    // The document the evaluator works on: no one's scores or consensus (never shown, never sent).
    this._blank = { ...doc, scores: [], consensus: [] };
    this._api = api;
    // The rows the core's rules let this member score (the rows of their score sheet).
    const sheet = api.scoresheetRows(this._blank, { evaluator });
    this._rows = sheet.rows;
    this._evaluator = evaluator;
    this._doc = doc;
    this._key = `engagekit-scorecard:${doc.title}:${evaluator}`;
    this._notices = new Map();
    this._alert = null;
    this._draft = this.loadDraft();
    const criteria = new Map(doc.criteria.map((c) => [c.id, c]));
    const standards = new Map((doc.charter?.standards ?? []).map((s) => [s.id, s]));
    this._criteria = criteria;
    this._standards = standards;
    this._bidIds = [...new Set(this._rows.map((r) => r.bid))];
    const titleId = uniqueId("engage-scorecard-title");
    const role = sheet.roleWords;

    const intro = [
      this.heading(0, `Your scores: ${doc.title}`, { id: titleId }),
      el("p", { text: `Scoring as ${member.id} (${role})${doc.stage ? `. Stage: ${doc.stage}` : ""}. Score each bid on your own: nobody's scores are shown here. Give a reason for every score.` }),
    ];
    const conflicts = (member.conflicts ?? []).map((b) => doc.bids.find((x) => x.id === b)).filter(Boolean);
    const conflictWords = conflicts.map((b) => `${b.id} (${b.bidder})`).join(" and ");
    if (!this._rows.length) {
      // The sheet (the core's rules) offers no row: say why in the member's terms.
      const why = conflicts.length && !member.conflictManaged
        ? `You declared a conflict of interest in ${conflictWords}, and no recorded decision manages it: you take no part in scoring this procurement. If the panel chair records a decision that lets you score the other bids, they will appear here.`
        : `As ${role}, you do not score any criterion of this procurement.`;
      return el("section", { class: "box", "aria-labelledby": titleId }, ...intro, el("p", { class: "not-scored", text: why }));
    }
    this._bidNav = el("ul", { class: "bids", "aria-label": "Bids to score" });
    this._panel = el("div", {});
    this._progress = el("p", { class: "progress-line" });
    this._saved = el("p", { class: "saved", text: this._draft.savedAt ? `Draft restored from this browser (saved ${this._draft.savedAt}).` : "Your draft is saved in this browser as you go." });
    this._alert = el("div", { role: "alert", class: "notices" });
    this.notice("init", null);
    const xlsx = el("button", { type: "button", class: "button", text: "Download score sheet (Excel)" });
    const csv = el("button", { type: "button", class: "button button--secondary", text: "Download score sheet (CSV)" });
    const json = el("button", { type: "button", class: "button button--secondary", text: "Download scores (JSON)" });
    xlsx.addEventListener("click", () => this.exportXlsx(xlsx));
    csv.addEventListener("click", () => this.exportCsv());
    json.addEventListener("click", () => this.exportJson());
    this._exportMessage = el("div", { role: "status" });
    this._current = this._bidIds.includes(this._draft.bid) ? this._draft.bid : this._bidIds[0];
    this.drawBids();
    this.drawBid(false);
    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      ...intro,
      conflicts.length ? el("p", { class: "not-scored", text: `You declared a conflict of interest in ${conflictWords}: you do not score ${conflicts.length === 1 ? "it" : "them"}${member.conflictManaged ? `, as ${member.conflictManaged.decidedBy} decided` : ""}.` }) : null,
      this._progress,
      this._saved,
      this._alert,
      this._bidNav,
      this._panel,
      this.heading(1, "When you have finished"),
      el("p", { text: "Download your score sheet and send it to the procurement lead: as an Excel workbook, or as CSV (which Excel opens too)." }),
      el("div", { class: "nav" }, xlsx, csv, json),
      this._exportMessage,
    );
  }

  /**
   * The draft kept in this browser. One that cannot be read (not JSON, not a draft) is reported and
   * set aside under another key (`…:set-aside:TIME`), never deleted, and the card starts afresh.
   */
  loadDraft() {
    let raw = null;
    try {
      raw = localStorage.getItem(this._key);
    } catch {
      this.notice("storage", "This browser does not let the score card keep a draft: download your score sheet before you close the page.");
      return { scores: {}, version: 0 };
    }
    if (raw === null) return { scores: {}, version: 0 };
    const draft = readDraft(raw);
    if (draft) return draft;
    const aside = `${this._key}:set-aside:${new Date().toISOString()}`;
    let where;
    try {
      localStorage.setItem(aside, raw);
      localStorage.removeItem(this._key);
      where = `It is kept in this browser under "${aside}" for the procurement lead to look at.`;
    } catch {
      where = "It is left where it was, and is replaced as soon as you score.";
    }
    this.notice("corrupt", `The draft saved in this browser could not be read, so you are starting with a blank score card. ${where}`);
    return { scores: {}, version: 0 };
  }

  /**
   * Saves the draft. `changed` is the entry ("bid|criterion") just edited: when another tab or
   * window saved a newer version of this draft since this one last did, its entries are kept
   * and only `changed` is written over them, and the evaluator is told.
   */
  saveDraft(changed = null) {
    const now = new Date();
    const time = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
    let stored = null;
    try {
      stored = readDraft(localStorage.getItem(this._key));
    } catch {
      // Not readable: saving fails below too, and says so.
    }
    if (stored && stored.version > this._draft.version) this.adopt(stored, changed);
    this._draft.savedAt = time;
    this._draft.bid = this._current;
    this._draft.version = Math.max(this._draft.version, stored?.version ?? 0) + 1;
    try {
      localStorage.setItem(this._key, JSON.stringify(this._draft));
      this._saved.textContent = `Draft saved in this browser at ${time}.`;
      this.notice("storage", null);
    } catch (err) {
      const full = err?.name === "QuotaExceededError" || err?.code === 22;
      this._saved.textContent = `Your draft was last saved in this browser before ${time}.`;
      this.notice(
        "storage",
        `Your draft could not be saved in this browser${full ? " because its storage is full" : ""}. Your scores are still on this page: do not close it, and download your score sheet (CSV) now.`,
      );
    }
    this.updateProgress();
  }

  /** Takes in a newer draft saved by another tab, keeping this tab's `keep` entry, and says so. */
  adopt(stored, keep = null) {
    const mine = keep ? this._draft.scores[keep] : undefined;
    this._draft = { ...stored, scores: { ...stored.scores } };
    if (keep && mine) this._draft.scores[keep] = mine;
    this.notice("other-tab", "This draft was also changed in another tab or window. Both sets of changes are kept, and the scores shown here are up to date.");
    this.syncInputs();
    this.updateProgress();
  }

  /** The storage event: another tab saved this draft. */
  onStorage(event) {
    if (!this._key || !this._draft || event.key !== this._key || event.storageArea !== localStorage || event.newValue === null) return;
    const stored = readDraft(event.newValue);
    if (stored && stored.version > this._draft.version) this.adopt(stored);
  }

  /** Shows (text) or removes (null) one of the card's messages, in its role="alert" box. */
  notice(kind, text) {
    this._notices ??= new Map();
    if (text) this._notices.set(kind, text);
    else this._notices.delete(kind);
    if (!this._alert) return;
    const wanted = [...this._notices.values()];
    const shown = [...this._alert.children].map((p) => p.textContent);
    if (wanted.join("\n") !== shown.join("\n")) this._alert.replaceChildren(...wanted.map((t) => el("p", { class: "error", text: t })));
  }

  /** Puts the draft's scores and reasons into the inputs shown (not into the one being typed in). */
  syncInputs() {
    if (!this._panel) return;
    const active = this.shadowRoot.activeElement;
    for (const fieldset of this._panel.querySelectorAll("fieldset[data-key]")) {
      const saved = this._draft.scores[fieldset.dataset.key] ?? {};
      for (const input of fieldset.querySelectorAll("input[type=radio]")) input.checked = saved.score === Number(input.value);
      const reason = fieldset.querySelector("textarea");
      if (reason !== active) reason.value = saved.rationale ?? "";
    }
  }

  /** The bidder's name as the document gives it (the sheet's cell may carry a formula guard). */
  bidder(bid) {
    return this._doc.bids.find((b) => b.id === bid)?.bidder ?? bid;
  }

  entry(bid, criterion) {
    return this._draft.scores[`${bid}|${criterion}`] ?? {};
  }

  done(bid) {
    const rows = this._rows.filter((r) => r.bid === bid);
    return rows.filter((r) => Number.isInteger(this.entry(bid, r.criterion).score)).length;
  }

  updateProgress() {
    const total = this._rows.length;
    const given = this._bidIds.reduce((n, b) => n + this.done(b), 0);
    this._progress.textContent = `${given} of ${plural(total, "score")} given.`;
    for (const button of this._bidNav.querySelectorAll("button")) {
      const bid = button.dataset.bid;
      const n = this._rows.filter((r) => r.bid === bid).length;
      button.querySelector(".done").textContent = `${this.done(bid)} of ${n} scored`;
    }
  }

  drawBids() {
    this._bidNav.replaceChildren(
      ...this._bidIds.map((bid) => {
        const bidder = this.bidder(bid);
        const button = el("button", { type: "button", class: "bid-button", "data-bid": bid, "aria-current": bid === this._current ? "true" : null }, `${bid}: ${bidder}`, el("span", { class: "done" }));
        button.addEventListener("click", () => {
          this._current = bid;
          this.drawBids();
          this.drawBid(true);
          this.saveDraft();
        });
        return el("li", {}, button);
      }),
    );
    this.updateProgress();
  }

  drawBid(focus) {
    const bid = this._current;
    const rows = this._rows.filter((r) => r.bid === bid);
    const bidder = this.bidder(bid);
    const index = this._bidIds.indexOf(bid);
    const headingId = uniqueId("engage-bid");
    const labels = this._doc.scale.labels;
    const fieldsets = rows.map((r) => {
      const cid = r.criterion;
      const c = this._criteria.get(cid) ?? { id: cid, title: r.criterionTitle };
      const saved = this.entry(bid, cid);
      const name = uniqueId("score");
      const reasonId = uniqueId("reason");
      const linked = (c.charterStandards ?? []).map((s) => this._standards.get(s)).filter(Boolean);
      const reason = el("textarea", { id: reasonId, name: `${cid}-rationale`, rows: 3 });
      reason.value = saved.rationale ?? "";
      reason.addEventListener("input", () => {
        this._draft.scores[`${bid}|${cid}`] = { ...this.entry(bid, cid), rationale: reason.value };
        this.saveDraft(`${bid}|${cid}`);
      });
      return el(
        "fieldset",
        { class: "criterion", "data-key": `${bid}|${cid}` },
        el("legend", { text: `${c.id}: ${c.title}` }),
        el("p", { class: "meta", text: `Weight ${c.weight}%${c.minimumScore !== undefined ? `. A final score below ${c.minimumScore} (${labels[c.minimumScore]}) fails the bid` : ""}.` }),
        linked.length
          ? el("div", { class: "standards" }, el("p", { text: "Charter standards this question checks:" }), el("ul", {}, ...linked.map((s) => el("li", { text: `${s.id}: ${s.statement}` }))))
          : null,
        el(
          "div",
          { class: "choices" },
          ...labels.map((label, n) => {
            const input = el("input", { type: "radio", name, value: n });
            input.checked = saved.score === n;
            input.addEventListener("change", () => {
              this._draft.scores[`${bid}|${cid}`] = { ...this.entry(bid, cid), score: n };
              this.saveDraft(`${bid}|${cid}`);
            });
            return el("label", { class: "choice" }, input, el("span", {}, el("span", { class: "n", text: String(n) }), ` ${label}`));
          }),
        ),
        el("label", { class: "label", for: reasonId, text: `Why this score for ${c.id}? (rationale)` }),
        reason,
      );
    });
    const prev = index > 0 ? el("button", { type: "button", class: "button button--secondary", text: "Previous bid" }) : null;
    const next = index < this._bidIds.length - 1 ? el("button", { type: "button", class: "button", text: "Next bid" }) : null;
    const go = (delta) => {
      this._current = this._bidIds[index + delta];
      this.drawBids();
      this.drawBid(true);
      this.saveDraft();
    };
    prev?.addEventListener("click", () => go(-1));
    next?.addEventListener("click", () => go(1));
    this._panel.replaceChildren(
      this.heading(1, `Bid ${index + 1} of ${this._bidIds.length}: ${bidder} (${bid})`, { id: headingId, tabindex: "-1" }),
      ...fieldsets,
      el("div", { class: "nav" }, next, prev),
    );
    if (focus) this._panel.querySelector(`#${headingId}`).focus();
  }

  /** The evaluator's scores as the evaluation's `scores` entries. */
  scores() {
    return this._rows
      .map((r) => ({ bid: r.bid, criterion: r.criterion, ...this.entry(r.bid, r.criterion) }))
      .filter((s) => Number.isInteger(s.score))
      .map((s) => ({ evaluator: this._evaluator, bid: s.bid, criterion: s.criterion, score: s.score, ...(s.rationale?.trim() ? { rationale: s.rationale.trim() } : {}) }));
  }

  download(name, type, text) {
    const a = el("a", { download: name, href: URL.createObjectURL(new Blob([text], { type })) });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
  }

  /** The scores as the sheet will hold them, or null (with the reason shown) when a reason has no score. */
  sheetScores() {
    // A reason with no score cannot go on the sheet (the core would refuse it when merging): say
    // so, rather than leave the reason behind.
    const unscored = this._rows.filter((r) => {
      const e = this.entry(r.bid, r.criterion);
      return !Number.isInteger(e.score) && e.rationale?.trim();
    });
    if (unscored.length) {
      const where = unscored.map((r) => `${r.bid} ${r.criterion}`).join(", ");
      this._exportMessage.replaceChildren(el("div", { class: "error", role: "alert" }, el("p", { text: `A reason has no score yet (${where}): give the score, or clear the reason, then download again.` })));
      return null;
    }
    return this.scores();
  }

  /** "Score sheet downloaded, with every score." or how many are still to give. */
  downloaded(merged) {
    const missing = this._rows.length - merged.scores.length;
    this._exportMessage.replaceChildren(el("p", { text: missing ? `Score sheet downloaded. ${plural(missing, "score")} still to give.` : "Score sheet downloaded, with every score." }));
  }

  exportCsv() {
    const name = `scoresheet-${this._evaluator}.csv`;
    const scores = this.sheetScores();
    if (!scores) return;
    let text;
    try {
      // The core writes the sheet (every typed text kept as text, never a formula) and reads it
      // back as the moderation will: a mistake shows here, not later.
      text = this._api.scoresheet({ ...this._blank, scores }, { evaluator: this._evaluator });
      this.downloaded(this._api.mergeScoresheets(this._blank, [{ name, text }]));
    } catch (err) {
      this._exportMessage.replaceChildren(el("div", { class: "error", role: "alert" }, el("p", { text: `The score sheet has a problem: ${err.message}` })));
      return;
    }
    this.download(name, "text/csv;charset=utf-8", text);
  }

  /** The same sheet as an Excel workbook, from the workbook module (fetched the first time). */
  async exportXlsx(button) {
    const name = `scoresheet-${this._evaluator}.xlsx`;
    const scores = this.sheetScores();
    if (!scores) return;
    button.disabled = true;
    this._exportMessage.replaceChildren(el("p", { text: "Preparing the workbook…" }));
    let bytes;
    try {
      const api = await workbooks();
      bytes = api.scoresheetWorkbook({ ...this._blank, scores }, { evaluator: this._evaluator });
      this.downloaded(api.mergeScoresheetFiles(this._blank, [{ name, bytes }]));
    } catch (err) {
      const why = err.code === "load-failed" ? "the workbook code could not be loaded" : err.message;
      this._exportMessage.replaceChildren(el("div", { class: "error", role: "alert" }, el("p", { text: `The workbook could not be made (${why}). Your scores are safe here: download the score sheet as CSV instead.` })));
      return;
    } finally {
      button.disabled = false;
    }
    this.download(name, XLSX_TYPE, bytes);
  }

  exportJson() {
    const text = JSON.stringify({ evaluator: this._evaluator, scores: this.scores() }, null, 2) + "\n";
    this.download(`scores-${this._evaluator}.json`, "application/json", text);
    this._exportMessage.replaceChildren(el("p", { text: "Scores downloaded as JSON." }));
  }
}

define("engage-scorecard", EngageScorecard);
