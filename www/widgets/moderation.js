// <engage-moderation src heading-level>: the moderation meeting. Imports evaluators' filled score
// sheets (mergeScoresheets), shows per bid and criterion the spread of scores as a dot plot with
// the scores set aside and why, flags divergence, records consensus scores with their rationale,
// and shows the ranking (a table in rank order and a bar chart of the totals) and each bidder's
// assessment summary (HTML escaped by the core), all from one `Evaluated`: the evaluation is
// scored once per change. The work in progress is kept in localStorage, so a panel offline on a
// borrowed laptop loses nothing on a reload; as the score card's draft, saved work that cannot be
// read is reported and set aside, a full storage quota is an alert (the work stays on the page,
// to download), and two tabs on one moderation keep each other's changes and say so.
import { EngageElement, HANDOFF_EVALUATION, define, el, svg, fixed2, isWorkbook, plural, uniqueId, workbooks } from "./base.js";

const CSS = `
.label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
input[type=file] { font: inherit; max-width: 100%; margin-bottom: 1rem; }
input[type=file]:focus-visible { outline: 4px solid var(--_focus); box-shadow: 0 0 0 8px var(--_focus-text); }
select, textarea { font: inherit; color: var(--_text); background: #ffffff; border: 2px solid var(--_secondary); border-radius: 0; padding: 0.25rem 0.5rem; max-width: 100%; }
select { min-height: 2.75rem; }
textarea { display: block; width: 100%; min-height: 5rem; resize: vertical; }
select:focus, textarea:focus { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--_text); border-color: var(--_text); }
.form-group { margin-bottom: 1rem; }
.notices .error { margin: 0 0 1rem; }
.notice { border-left: 6px solid var(--_blue); padding: 0.25rem 0 0.25rem 0.75rem; }
.notice:focus { outline: none; }
.bars { margin: 0 0 1.5rem; }
.bar-list { list-style: none; padding: 0; margin: 0 0 0.5rem; }
.bar-list li { margin: 0 0 0.75rem; }
.bar-name { display: block; font-weight: 700; }
.bar-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; }
.bar-track { display: flex; flex: 1 1 12rem; max-width: 32rem; height: 1.25rem; background: var(--_panel); border: 1px solid var(--_secondary); }
.bar-svg { display: block; width: 100%; height: 100%; }
.bar--quality { fill: var(--_blue); }
.bar--price { fill: #41b6e6; }
.bar-none { color: var(--_secondary); }
details { border-top: 1px solid var(--_border); padding: 0.5rem 0; }
summary { cursor: pointer; font-weight: 700; font-size: 1.125rem; color: var(--_blue); padding: 0.25rem 0; }
summary:focus-visible { background: var(--_focus); color: var(--_focus-text); outline: none; box-shadow: 0 4px var(--_focus-text); }
.criterion { border-left: 6px solid var(--_border); padding: 0.5rem 0 0.5rem 0.75rem; margin: 0 0 1rem; contain-intrinsic-size: auto 40rem; }
/* Once drawn in full (so that the browser knows its height: watchDrawn), a criterion off screen is
   not drawn again until it comes near: a change then costs the browser what is on screen, not the
   500 criteria of a national panel (pkg-tests/bench/moderation-redraw.mjs). The focus ring of a
   control at its edge stays whole (content-visibility clips as overflow: clip does). */
.criterion[data-drawn] { content-visibility: auto; overflow-clip-margin: 12px; }
.criterion--flag { border-left-color: #ffb81c; }
.criterion--agreed { border-left-color: var(--_green); }
.criterion .h-3 { margin-top: 0; }
.criterion .h-3:focus { outline: none; }
.dots { display: block; margin: 0.25rem 0 0.5rem; }
.scores { list-style: none; padding: 0; margin: 0 0 0.5rem; }
.scores li { margin: 0 0 0.25rem; }
.aside { color: var(--_secondary); }
.summary-html table { margin-bottom: 1rem; }
.summary-html td { font-variant-numeric: tabular-nums; }
`;

/** The ranking's words for a bid's status. */
const STATUS_WORDS = { ranked: "Ranked", failed: "Failed", incomplete: "Incomplete" };

/** What the moderation keeps in localStorage: {format, savedAt, evaluation}. */
const FORMAT = "engagekit-moderation@1";

/** JSON with object keys sorted and null or undefined members left out: equal entries, equal text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort().filter((k) => value[k] !== undefined && value[k] !== null);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The lists the moderation changes, each entry named by its key (and in words). */
const ENTRIES = [
  ["scores", (s) => `${s.evaluator}|${s.bid}|${s.criterion}`, (s) => `${s.evaluator}'s score for ${s.bid} on ${s.criterion}`],
  ["consensus", (c) => `${c.bid}|${c.criterion}`, (c) => `the consensus for ${c.bid} on ${c.criterion}`],
];

/**
 * Three-way merge of two tabs' work: `theirs` (saved by another tab), with this tab's changes since
 * `base` (the work as this tab last saved or read it) put over it, entry by entry. Where both
 * changed the same entry, this tab's change wins and is named in `conflicts`.
 */
function mergeWork(base, mine, theirs) {
  const merged = { ...theirs };
  const conflicts = [];
  for (const [field, key, words] of ENTRIES) {
    const before = new Map((base[field] ?? []).map((x) => [key(x), canonical(x)]));
    const now = new Map((mine[field] ?? []).map((x) => [key(x), x]));
    const result = new Map((theirs[field] ?? []).map((x) => [key(x), x]));
    for (const k of new Set([...before.keys(), ...now.keys()])) {
      const entry = now.get(k);
      const text = entry === undefined ? undefined : canonical(entry);
      if (text === before.get(k)) continue;
      const other = result.get(k);
      const otherText = other === undefined ? undefined : canonical(other);
      if (otherText !== before.get(k) && otherText !== text) conflicts.push(words(entry ?? other));
      if (entry === undefined) result.delete(k);
      else result.set(k, entry);
    }
    if (result.size || field in theirs) merged[field] = [...result.values()];
  }
  return { merged, conflicts };
}

/**
 * Whether two JSON values (the core's result, or parts of it) are equal, member by member. The
 * parts' signatures are compared so, not as `JSON.stringify` text, which took most of the 29 ms
 * a change spent on the criteria at 15,000 scores (pkg-tests/bench/moderation-redraw.mjs).
 */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !same(a[i], b[i])) return false;
    return true;
  }
  // JSON objects: no members but their own, and none undefined.
  let members = 0;
  for (const k in a) {
    if (a[k] !== b[k] && !same(a[k], b[k])) return false;
    members++;
  }
  for (const k in b) members--;
  return members === 0;
}

/**
 * Makes `parent`'s children the parts `items` lists ([key, signature, make]): a part whose key
 * and signature (a JSON value, compared with `same`) are those of last time (in `cache`) keeps
 * its node, untouched; the others are made with `make` and put in their place. A signature of
 * `undefined` always makes the part anew. A kept part that must move (a bid whose rank changed)
 * is moved with `moveBefore` where the browser has it, which keeps the focus in it.
 */
function patch(parent, cache, items) {
  const nodes = items.map(([key, sig, make]) => {
    const last = cache.get(key);
    if (last && sig !== undefined && same(last.sig, sig)) return last.node;
    const node = make();
    cache.set(key, { sig, node });
    return node;
  });
  const keys = new Set(items.map(([key]) => key));
  for (const key of [...cache.keys()]) if (!keys.has(key)) cache.delete(key);
  const wanted = new Set(nodes);
  for (const child of [...parent.childNodes]) if (!wanted.has(child)) child.remove();
  // From the last part to the first, each put before the one after it, unless it stays.
  const stay = inOrder(parent, nodes);
  let next = null;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!stay.has(node)) {
      if (parent.moveBefore && node.parentNode === parent) parent.moveBefore(node, next);
      else parent.insertBefore(node, next);
    }
    next = node;
  }
}

/**
 * Of `nodes` (in the order wanted), those already among `parent`'s children in the longest run
 * that is in that order: they stay, and only the others move. A bid whose rank changed then
 * moves, rather than every bid it passed: the browser builds again all that a move touches (a
 * bid is 625 elements at 720 scores, 2,300 at 15,000; moderation-redraw.mjs).
 */
function inOrder(parent, nodes) {
  const at = new Map([...parent.childNodes].map((node, i) => [node, i]));
  // The longest increasing run of positions (patience sorting): ends[k] is the index in `nodes`
  // that ends the best run of length k + 1 so far, before[i] the one before i in its run.
  const ends = [];
  const before = [];
  nodes.forEach((node, i) => {
    const p = at.get(node);
    if (p === undefined) return;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at.get(nodes[ends[mid]]) < p) lo = mid + 1;
      else hi = mid;
    }
    before[i] = lo > 0 ? ends[lo - 1] : -1;
    ends[lo] = i;
  });
  const stay = new Set();
  for (let i = ends.length ? ends[ends.length - 1] : -1; i >= 0; i = before[i]) stay.add(nodes[i]);
  return stay;
}

/**
 * Focuses `target` as before parts moved with `moveBefore`: a part taken out and put back lost the
 * focus, and focusing it again scrolled it into view if it was out of view. Moved, it now keeps
 * the focus, and `focus()` does nothing: so a target that has the focus is scrolled as focusing
 * scrolls, to the middle and only when it is not wholly in view (Chromium's
 * `scrollIntoViewIfNeeded(true)`, which is what its `focus()` does).
 */
function focusOn(target) {
  if (!target) return;
  if (target.getRootNode().activeElement !== target) return target.focus();
  if (target.scrollIntoViewIfNeeded) return target.scrollIntoViewIfNeeded(true);
  const r = target.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) target.scrollIntoView({ block: "center", inline: "center" });
}

class EngageModeration extends EngageElement {
  static kind = "moderation";
  static area = "evaluation";
  static css = CSS;

  render(text, api) {
    // `handoff`: the evaluation the panel set-up handed on in this tab, in place of `src`.
    const handed = this.hasAttribute("handoff") ? this.handedOn(api) : null;
    if (handed) text = handed;
    api.validate(text);
    const doc = JSON.parse(text);
    if (doc.schema !== "engagekit/evaluation@1") {
      throw Object.assign(new Error(`Moderation needs a panel evaluation (engagekit/evaluation@1), not ${doc.schema}.`), { code: "wrong-schema", path: "schema" });
    }
    this._api = api;
    this._original = doc;
    this._key = `engagekit-moderation:${doc.title}`;
    this._restored = false;
    this._open = new Set();
    this._typing = new Map();
    this._notices = new Map();
    this._message = undefined;
    this._doc = this.loadWork(doc);
    this._section = null; // a document (re)loaded is drawn whole
    this._parts = null;
    this._drawing?.disconnect();
    return this.build();
  }

  /** The panel set-up's evaluation handed on in this tab, if there is one the core accepts. */
  handedOn(api) {
    let raw = null;
    try {
      raw = sessionStorage.getItem(HANDOFF_EVALUATION);
      if (raw) api.validate(raw);
    } catch {
      return null;
    }
    return raw;
  }

  /**
   * The stored work `raw` read: {evaluation} when it is a moderation of this evaluation that the
   * core accepts (as saved now, {format, evaluation}, or before, the evaluation itself), else
   * {problem} in words.
   */
  readWork(raw) {
    let work;
    try {
      work = JSON.parse(raw);
    } catch {
      return { problem: "it is not JSON: it may have been cut off" };
    }
    const evaluation = work && typeof work === "object" && work.format === FORMAT ? work.evaluation : work;
    if (!evaluation || typeof evaluation !== "object" || Array.isArray(evaluation) || evaluation.schema !== this._original.schema || evaluation.title !== this._original.title) {
      return { problem: "it is not a moderation of this evaluation" };
    }
    try {
      this._api.validate(evaluation);
    } catch (err) {
      return { problem: `the evaluation in it has a mistake: ${err.message}` };
    }
    return { evaluation };
  }

  /**
   * The work in progress kept in this browser, or else the document `doc`. Work that cannot be
   * read is reported and set aside under another key (`…:set-aside:TIME`), never deleted, and
   * the moderation starts from the document.
   */
  loadWork(doc) {
    this._base = doc;
    this._seen = null;
    let raw;
    try {
      raw = localStorage.getItem(this._key);
    } catch {
      this.notice("storage", "This browser does not let the moderation keep its work: nothing you change here is kept after you close the page. Download the evaluation (JSON) before you close it.");
      return doc;
    }
    if (raw === null) return doc;
    const work = this.readWork(raw);
    if (work.evaluation) {
      this._base = work.evaluation;
      this._seen = raw;
      this._restored = true;
      return work.evaluation;
    }
    this.setAside(raw, work.problem);
    return doc;
  }

  /** Keeps unreadable stored work under another key, and says where. */
  setAside(raw, problem) {
    const aside = `${this._key}:set-aside:${new Date().toISOString()}`;
    let where;
    try {
      localStorage.setItem(aside, raw);
      localStorage.removeItem(this._key);
      where = `It is kept in this browser under "${aside}", so nothing in it is lost: tell the procurement lead.`;
    } catch {
      where = "It could not be copied aside, as the browser's storage is full or refused: it stays where it was until your first change here replaces it.";
    }
    this._seen = null;
    this.notice("corrupt", `The moderation work saved in this browser could not be read (${problem}), so the moderation starts again from the document. ${where}`);
  }

  /**
   * Saves the work. When another tab or window saved (or discarded) the work since this tab last
   * saved or read it, its changes are taken in first and this tab's put over them, and the chair
   * is told. A failed save (a full quota) is an alert: the work stays on the page, to download.
   */
  save() {
    let stored = this._seen;
    try {
      stored = localStorage.getItem(this._key);
    } catch {
      // Not readable: saving fails below too, and says so.
    }
    if (stored !== this._seen) {
      const work = stored === null ? { evaluation: this._original } : this.readWork(stored);
      if (work.evaluation) this.takeIn(work.evaluation, stored);
      else this.setAside(stored, work.problem);
    }
    // The text JSON.stringify({format, savedAt, evaluation}) makes, with the evaluation's text
    // made once for the save and the core (docText).
    const raw = `{"format":${JSON.stringify(FORMAT)},"savedAt":${JSON.stringify(new Date().toISOString())},"evaluation":${this.docText()}}`;
    try {
      localStorage.setItem(this._key, raw);
      this._seen = raw;
      this._base = this._doc;
      this.notice("storage", null);
    } catch (err) {
      const full = err?.name === "QuotaExceededError" || err?.code === 22;
      this.notice(
        "storage",
        `Your latest change could not be saved in this browser${full ? " because its storage is full" : ""}. It is still on this page: do not close or reload the page, and download the evaluation (JSON) now to keep your work.`,
      );
    }
  }

  /**
   * The work as JSON text, made once per change (the work is replaced on a change, never changed
   * in place): the save keeps it and the core reads it, where each would otherwise make it again
   * (a 15,000-score evaluation is 1.5 MB of text).
   */
  docText() {
    if (this._textOf !== this._doc) {
      this._text = JSON.stringify(this._doc);
      this._textOf = this._doc;
    }
    return this._text;
  }

  /**
   * Takes in `theirs`, the work another tab saved (`raw`; null: it discarded the work, and
   * `theirs` is the document), keeping this tab's changes that are not saved yet, and says so.
   */
  takeIn(theirs, raw) {
    const { merged, conflicts } = mergeWork(this._base, this._doc, theirs);
    const kept = canonical(merged) !== canonical(theirs);
    this._doc = merged;
    this._base = theirs;
    this._seen = raw;
    if (raw === null) {
      this._restored = false;
      this.notice("other-tab", `The work kept in this browser was discarded in another tab or window: this tab now shows the document as it was loaded${kept ? ", with this tab's latest changes" : ""}.`);
    } else {
      this.notice(
        "other-tab",
        `This moderation was also changed in another tab or window. Both sets of changes are kept, and what is shown here is up to date.${conflicts.length ? ` Where both changed the same entry (${conflicts.join("; ")}), this tab's change is kept.` : ""}`,
      );
    }
  }

  /** The storage event: another tab saved or discarded this moderation (or cleared the storage). */
  onStorage(event) {
    if (!this._key || !this._doc || (event.key !== null && event.key !== this._key)) return;
    let raw;
    try {
      if (event.storageArea !== localStorage) return;
      raw = event.key === null ? localStorage.getItem(this._key) : event.newValue;
    } catch {
      return;
    }
    if (raw === this._seen) return;
    const work = raw === null ? { evaluation: this._original } : this.readWork(raw);
    if (!work.evaluation) return; // Unreadable: set aside when this tab next saves.
    this.takeIn(work.evaluation, raw);
    this.redraw(null, "", true);
  }

  /** Shows (text) or removes (null) one of the moderation's messages, in its role="alert" box. */
  notice(kind, text) {
    this._notices ??= new Map();
    if (text) this._notices.set(kind, text);
    else this._notices.delete(kind);
  }

  /**
   * Re-renders after a change, then focuses `focusKey` (a data-focus value) if given; with `keepFocus`,
   * the field being typed in keeps the focus (and the caret) in the new rendering.
   */
  redraw(focusKey, message, keepFocus = false) {
    this._message = message;
    const active = keepFocus ? this.shadowRoot.activeElement : null;
    const field = active?.dataset?.field ? [active.closest("form[data-key]")?.dataset.key, active.dataset.field] : null;
    const caret = active && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    if (this._section?.isConnected) this.build();
    else this.show(this.build());
    if (focusKey) focusOn(this.shadowRoot.querySelector(`[data-focus="${focusKey}"]`));
    else if (field?.[0]) {
      const form = [...this.shadowRoot.querySelectorAll("form[data-key]")].find((f) => f.dataset.key === field[0]);
      const again = form?.querySelector(`[data-field="${field[1]}"]`);
      focusOn(again);
      if (again && caret) again.setSelectionRange(...caret);
    }
  }

  /**
   * The whole widget for the work as it is. The evaluation is scored once (one `Evaluated`, kept
   * until the next change for the summaries opened meanwhile), and the ranking, the findings and
   * each bid's scores are read from that one result. Drawn again after a change, only the parts
   * whose content changed are made anew (`patch`): a chair's consensus on one criterion rebuilds
   * that criterion, the findings and the ranking, and the rest of the page, with its focus and
   * whatever is being typed, stays as it is.
   */
  build() {
    this._evaluated?.free();
    this._evaluated = null;
    const evaluated = new this._api.Evaluated(this.docText());
    this._evaluated = evaluated;
    const result = evaluated.result();
    this._titleId ??= uniqueId("engage-moderation-title");
    this._section ??= el("section", { class: "box", "aria-labelledby": this._titleId });
    this._parts ??= new Map();
    // The notices box is an alert only while its messages are new: every change redraws the
    // widget, and a role="alert" inserted again would be read out again after every score.
    const notices = [...this._notices.values()];
    const noticeKey = notices.join("\n");
    const fresh = notices.length > 0 && noticeKey !== this._announced;
    this._announced = noticeKey;
    const counts = this.countsText(result);
    patch(this._section, this._parts, [
      ["title", this._doc.title, () => this.heading(0, `Moderation: ${this._doc.title}`, { id: this._titleId })],
      ["notices", [notices, fresh], () => el("div", {}, ...this.noticesPart(notices, fresh))],
      ["status", "", () => el("div", { role: "status" })],
      ["counts", counts, () => el("p", { text: counts })],
      ["import", "", () => el("div", {}, ...this.importPart())],
      ["findings", result.diagnostics, () => el("div", {}, this.heading(1, "Findings"), this.findingsList(result))],
      ["ranking", "", () => el("div", {}, this.heading(1, "Ranking"), this.rankTable(), this.barChart())],
      ["scores", "", () => this.heading(1, "Scores by bid")],
      ...result.bids.map((b) => [`bid ${b.id}`, "", () => this.bidPart(b)]),
      ["summaries", "", () => this.heading(1, "Assessment summaries")],
      ...result.bids.map((b) => [`summary ${b.id}`, "", () => this.summaryPart(b)]),
      ["nav", "", () => el("div", { class: "nav" }, this.downloadButton(), this.resetButton())],
    ]);
    // The status line is one live region, kept, whose words change: read out on every change.
    const message = this._message ?? (this._restored ? "Restored the moderation in progress from this browser." : null);
    this._parts.get("status").node.replaceChildren(...(message ? [el("p", { class: "notice", tabindex: "-1", "data-focus": "notice", text: message })] : []));
    this.fillRanking(result);
    for (const b of result.bids) this.fillBid(b);
    for (const b of result.bids) {
      const details = this._parts.get(`summary ${b.id}`).node;
      if (details.open) this.fillSummary(details);
    }
    return this._section;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this._drawing?.disconnect();
    this._evaluated?.free();
    this._evaluated = null;
  }

  /** The alerts (storage, another tab), an alert when `fresh`, with the download when storage failed. */
  noticesPart(notices, fresh) {
    return [
      el("div", { role: fresh ? "alert" : null, class: "notices" }, ...notices.map((t) => el("p", { class: "error", text: t }))),
      this._notices.has("storage") ? el("div", { class: "nav" }, this.downloadButton()) : null,
    ];
  }

  /** "N scores from M evaluators; K criteria to moderate." */
  countsText(result) {
    const doc = this._doc;
    const toModerate = result.bids.reduce((n, b) => n + b.criteria.filter((c) => c.needsModeration).length, 0);
    // An evaluation handed on from its set-up has no scores yet.
    const scores = doc.scores ?? [];
    return `${plural(scores.length, "score")} from ${plural(new Set(scores.map((s) => s.evaluator)).size, "evaluator")}; ${toModerate ? `${plural(toModerate, "criterion", "criteria")} to moderate` : "nothing left to moderate"}.`;
  }

  /** The import of filled score sheets (mergeScoresheets), with its error box. */
  importPart() {
    const fileId = uniqueId("engage-sheets");
    const fileHint = uniqueId("engage-sheets-hint");
    const input = el("input", { id: fileId, type: "file", accept: ".csv,.xlsx,.ods,.xls,text/csv", multiple: true, "aria-describedby": fileHint });
    const importResult = el("div", {});
    input.addEventListener("change", async () => {
      const files = [...input.files];
      if (!files.length) return;
      try {
        const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        let merged;
        if (read.some((f) => isWorkbook(f.bytes))) {
          // A workbook among them: the workbook module reads them all (CSV too, told apart by
          // content), fetched now, the first time one is given.
          importResult.replaceChildren(el("p", { text: "Reading the workbooks…" }));
          merged = (await workbooks()).mergeScoresheetFiles(this._doc, read);
        } else {
          const decoder = new TextDecoder();
          merged = this._api.mergeScoresheets(this._doc, read.map((f) => ({ name: f.name, text: decoder.decode(f.bytes) })));
        }
        const added = (merged.scores ?? []).length - (this._doc.scores ?? []).length;
        this._doc = merged;
        this.save();
        importResult.replaceChildren();
        // The chosen files are in: the control is cleared, so that it does not show them as still to import.
        input.value = "";
        this.redraw("notice", `Imported ${plural(files.length, "score sheet")}: ${plural(added, "score")} added.`);
      } catch (err) {
        importResult.replaceChildren(
          el("div", { class: "error", role: "alert" }, el("p", { text: `The score sheets could not be imported: ${err.message}` }), err.code ? el("p", { text: `Code: ${err.code}${err.path ? `. Path: ${err.path}` : ""}` }) : null),
        );
      }
    });
    return [
      this.heading(1, "Import score sheets"),
      el("label", { class: "label", for: fileId, text: "Evaluators' score sheets (Excel or CSV)" }),
      el("p", { class: "hint", id: fileHint, text: "Choose one or more filled score sheets, as workbooks (.xlsx) or CSV. Their scores are added to the evaluation." }),
      input,
      importResult,
    ];
  }

  /** The findings, each with its severity, or a line saying there are none. */
  findingsList(result) {
    const d = result.diagnostics;
    if (!d.length) return el("p", { text: "No findings: every score is in, and none needs moderation." });
    return el(
      "ul",
      { class: "findings" },
      ...d.map((f) => el("li", {}, el("span", { class: `tag tag--${f.severity}`, text: f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note" }), " ", f.message)),
    );
  }

  /** The ranking as a table, its rows put in by `fillRanking`. */
  rankTable() {
    return el(
      "div",
      { class: "scroll", role: "region", "aria-label": "Ranking (scrolls sideways)", tabindex: "0" },
      el(
        "table",
        {},
        el("caption", { text: "Ranking of the bids" }),
        el("thead", {}, el("tr", {}, ...["Rank", "Bidder", "Quality", "Price", "Total", "Status"].map((h, i) => el("th", { scope: "col", class: i >= 2 && i <= 4 ? "num" : null, text: h })))),
        el("tbody", {}),
      ),
    );
  }

  /** One bid's row of the ranking. */
  rankRow(b) {
    return el(
      "tr",
      {},
      el("td", { text: b.rank ?? "–" }),
      el("th", { scope: "row", text: `${b.bidder} (${b.id})` }),
      el("td", { class: "num", text: b.quality === null ? "–" : fixed2(b.quality) }),
      el("td", { class: "num", text: b.priceScore === null ? "–" : fixed2(b.priceScore) }),
      el("td", { class: "num", text: b.total === null ? "–" : fixed2(b.total) }),
      el("td", { text: STATUS_WORDS[b.status] ?? b.status }),
    );
  }

  /**
   * The ranking's rows and bars: ranked bids in rank order, then failed and incomplete (the core's
   * order). A bid's row and bar are made anew only when its figures changed: a consensus changes
   * one bid's total and the ranks of the bids it passes, not the others.
   */
  fillRanking(result) {
    const part = this._parts.get("ranking").node;
    const rows = part.querySelector("tbody");
    const bars = part.querySelector(".bar-list");
    const figures = (b) => [b.bidder, b.rank, b.status, b.quality, b.priceScore, b.total];
    rows._parts ??= new Map();
    bars._parts ??= new Map();
    patch(rows, rows._parts, result.bids.map((b) => [b.id, figures(b), () => this.rankRow(b)]));
    patch(bars, bars._parts, result.bids.map((b) => [b.id, figures(b), () => this.barItem(b)]));
  }

  /** One bid's box (its criteria are put in by `fillBid`), open as the panel left it. */
  bidPart(b) {
    const details = el("details", { "data-bid": b.id });
    details.addEventListener("toggle", () => (details.open ? this._open.add(b.id) : this._open.delete(b.id)));
    return details;
  }

  /**
   * One bid's criteria with their scores, each made anew only when its result changed; the box is
   * open when the bid has a criterion to moderate or the panel opened it.
   */
  fillBid(b) {
    const details = this._parts.get(`bid ${b.id}`).node;
    const flagged = b.criteria.filter((c) => c.needsModeration).length;
    // Set only when it changes: setting an attribute again restyles the box and all it holds.
    if (!details.open && (flagged || this._open.has(b.id))) details.open = true;
    details._parts ??= new Map();
    const summary = `${b.bidder} (${b.id})${flagged ? `: ${plural(flagged, "criterion", "criteria")} to moderate` : ""}`;
    patch(details, details._parts, [
      ["summary", summary, () => el("summary", { text: summary })],
      ...b.criteria.map((c) => [c.criterion, "", () => this.watchDrawn(el("div", {}))]),
    ]);
    for (const c of b.criteria) this.fillCriterion(details._parts.get(c.criterion).node, b, c);
  }

  /**
   * Marks the criterion box `box` data-drawn once the browser has drawn it in full, so that from
   * then on it is skipped while off screen, at the height it was drawn at (contain-intrinsic-size:
   * auto). Skipped at a guessed height from the start, the criteria above a heading that a change
   * moved (its bid's rank changed) would take their real heights only once in view, and push the
   * heading the focus had just been scrolled to off screen.
   */
  watchDrawn(box) {
    this._drawing ??= new ResizeObserver((entries) => {
      for (const { target, contentRect } of entries) {
        if (contentRect.height === 0) continue; // not drawn yet: in a closed bid
        target.dataset.drawn = "";
        this._drawing.unobserve(target);
      }
    });
    this._drawing.observe(box);
    return box;
  }

  /**
   * One bid's scores on one criterion: the dot plot, the scores kept and set aside, the consensus.
   * Its box stays from change to change; of what is in it, only what changed is made anew, and
   * nothing is done when its result, the criterion and the scale are as they were last drawn
   * (a change touches one criterion or a few; a 15,000-score panel has 500).
   */
  fillCriterion(box, b, c) {
    const doc = this._doc;
    const labels = doc.scale.labels;
    const crit = doc.criteria.find((x) => x.id === c.criterion);
    const from = [c, crit, doc.scale];
    if (same(box._from, from)) return;
    box._from = from;
    const key = `${b.id}-${c.criterion}`;
    const kept = c.scores.filter((s) => s.kept);
    const aside = c.scores.filter((s) => !s.kept);
    const cls = c.needsModeration ? "criterion criterion--flag" : c.consensus ? "criterion criterion--agreed" : "criterion";
    if (box.className !== cls) box.className = cls;
    const final = `Final score ${c.final === null ? "none yet" : fixed2(c.final)} of ${doc.scale.max}; weighted ${c.weighted === null ? "none yet" : fixed2(c.weighted)} of ${fixed2(crit?.weight ?? 0)}. ${plural(c.evaluators, "score")} kept.`;
    const scores = c.scores;
    const state = [c.needsModeration, c.spread, c.consensus];
    box._parts ??= new Map();
    patch(box, box._parts, [
      ["heading", crit?.title, () => this.heading(2, `${c.criterion}: ${crit?.title ?? ""}`, { tabindex: "-1", "data-focus": key })],
      ["final", final, () => el("p", { text: final })],
      ["dots", scores, () => this.dots(kept, aside, doc.scale.max)],
      [
        "scores",
        scores,
        () =>
          el(
            "ul",
            { class: "scores", "aria-label": `Scores on ${c.criterion}` },
            ...kept.map((s) => el("li", { text: `${s.evaluator}: ${s.score} (${labels[s.score]})${s.rationale ? `. ${s.rationale}` : ""}` })),
            ...aside.map((s) => el("li", { class: "aside", text: `${s.evaluator}: ${s.score}, set aside (${(s.reason ?? "").replace(/-/g, " ")})` })),
          ),
      ],
      [
        "state",
        state,
        () =>
          c.needsModeration
            ? el("p", {}, el("span", { class: "tag tag--warning", text: "Needs moderation" }), " ", `The scores range over ${c.spread}: agree a consensus score.`)
            : c.consensus
              ? el("p", {}, el("span", { class: "tag tag--info", text: "Agreed" }), " ", `Consensus ${c.consensus.score} (${labels[c.consensus.score]}): ${c.consensus.rationale ?? "no rationale recorded"}`)
              : document.createTextNode(""),
      ],
      ["form", state, () => (c.needsModeration || c.consensus ? this.consensusForm(b.id, c, labels) : document.createTextNode(""))],
    ]);
  }

  /**
   * One bid's assessment summary, closed: its HTML (from the core, escaped there) is asked of the
   * evaluation scored last when it is opened, and again after each change while it is open.
   */
  summaryPart(b) {
    const details = el("details", { "data-summary": b.id }, el("summary", { text: `Assessment summary for ${b.bidder} (${b.id})` }), el("div", { class: "summary-html" }));
    details.addEventListener("toggle", () => details.open && this.fillSummary(details));
    return details;
  }

  /** Puts the bid's summary from the latest evaluation into its box, if it changed. */
  fillSummary(details) {
    let html;
    try {
      html = this._evaluated.assessmentSummary(details.dataset.summary, { to: "html" });
    } catch (err) {
      html = null;
      details.lastElementChild.replaceChildren(el("p", { text: `Not available yet: ${err.message}` }));
    }
    if (html !== null && html !== details._html) details.lastElementChild.replaceChildren(this.shifted(html, 2));
    details._html = html;
  }

  /** The button that downloads the evaluation as it is on this page. */
  downloadButton() {
    const button = el("button", { type: "button", class: "button", text: "Download the evaluation (JSON)" });
    button.addEventListener("click", () => this.download());
    return button;
  }

  /** The button that discards this browser's work and starts again from the document. */
  resetButton() {
    const reset = el("button", { type: "button", class: "button button--secondary", text: "Discard this browser's work and start again" });
    reset.addEventListener("click", () => {
      try {
        localStorage.removeItem(this._key);
      } catch {
        // Storage refused: there is nothing kept to discard.
      }
      this._doc = this._original;
      this._base = this._original;
      this._seen = null;
      this._restored = false;
      this._typing.clear();
      this.notice("storage", null);
      this.notice("other-tab", null);
      this.redraw("notice", "Started again from the document.");
    });
    return reset;
  }

  /** Downloads the evaluation as it is on this page (saved in this browser or not). */
  download() {
    const a = el("a", { download: "evaluation-moderated.json", href: URL.createObjectURL(new Blob([JSON.stringify(this._doc, null, 2) + "\n"], { type: "application/json" })) });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
  }

  /** A consensus form for one bid and criterion. */
  consensusForm(bid, c, labels) {
    const scoreId = uniqueId("consensus-score");
    const reasonId = uniqueId("consensus-reason");
    const key = `${bid}|${c.criterion}`;
    const select = el("select", { id: scoreId, "data-field": "score" }, ...labels.map((l, n) => el("option", { value: n, text: `${n} ${l}` })));
    const reason = el("textarea", { id: reasonId, rows: 3, "data-field": "rationale" });
    // What the chair has chosen or typed and not yet recorded survives a redraw (another change).
    const typing = this._typing.get(key);
    select.value = typing?.score ?? String(c.consensus?.score ?? Math.round(c.final ?? 0));
    reason.value = typing?.rationale ?? c.consensus?.rationale ?? "";
    const keep = () => this._typing.set(key, { score: select.value, rationale: reason.value });
    select.addEventListener("change", keep);
    reason.addEventListener("input", keep);
    const problem = el("div", {});
    const form = el(
      "form",
      { novalidate: true, "data-key": key },
      el("div", { class: "form-group" }, el("label", { class: "label", for: scoreId, text: `Consensus score for ${c.criterion}` }), select),
      el("div", { class: "form-group" }, el("label", { class: "label", for: reasonId, text: "Rationale agreed by the panel" }), problem, reason),
      el("button", { type: "submit", class: "button", text: c.consensus ? "Update the consensus score" : "Record the consensus score" }),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        reason.setAttribute("aria-invalid", "true");
        problem.replaceChildren(el("p", { class: "error", role: "alert", text: "Give the rationale: a consensus score needs its reason." }));
        reason.focus();
        return;
      }
      const entry = { bid, criterion: c.criterion, score: Number(select.value), rationale: reason.value.trim() };
      const consensus = (this._doc.consensus ?? []).filter((x) => !(x.bid === bid && x.criterion === c.criterion));
      this._doc = { ...this._doc, consensus: [...consensus, entry] };
      this._typing.delete(key);
      this._open.add(bid);
      this.save();
      this.redraw(`${bid}-${c.criterion}`, `Consensus recorded for ${bid} on ${c.criterion}: ${entry.score} (${labels[entry.score]}).`);
    });
    return form;
  }

  /** The scores as a dot plot on the scale (hollow crossed dots: set aside). */
  dots(kept, aside, max) {
    const w = 260;
    const x = (n) => 16 + (n / max) * (w - 32);
    const parts = [svg("line", { x1: x(0), x2: x(max), y1: 30, y2: 30, stroke: "#4c6272", "stroke-width": 2 })];
    for (let n = 0; n <= max; n++) {
      parts.push(svg("line", { x1: x(n), x2: x(n), y1: 26, y2: 34, stroke: "#4c6272", "stroke-width": 2 }));
      parts.push(svg("text", { x: x(n), y: 50, "text-anchor": "middle", "font-size": 13, fill: "#212b32", text: String(n) }));
    }
    const stack = {};
    for (const s of kept) {
      stack[s.score] = (stack[s.score] ?? 0) + 1;
      parts.push(svg("circle", { cx: x(s.score), cy: 30 - stack[s.score] * 11 + 11 - 9, r: 5, fill: "#005eb8" }));
    }
    for (const s of aside) {
      stack[s.score] = (stack[s.score] ?? 0) + 1;
      const cy = 30 - stack[s.score] * 11 + 11 - 9;
      parts.push(svg("circle", { cx: x(s.score), cy, r: 5, fill: "#ffffff", stroke: "#d5281b", "stroke-width": 2 }));
    }
    const h = 56 + Math.max(0, Math.max(0, ...Object.values(stack)) - 2) * 11;
    const top = h - 56;
    return svg("svg", { class: "dots", viewBox: `0 ${-top} ${w} ${h}`, width: w, height: h, "aria-hidden": "true", focusable: "false" }, ...parts);
  }

  /** Totals as horizontal bars (quality, then price), in rank order, with their figures: the bars are put in by `fillRanking`. */
  barChart() {
    return el(
      "figure",
      { class: "bars" },
      el("ol", { class: "bar-list", "aria-label": "Totals out of 100" }),
      el("figcaption", { class: "hint", text: "Bars: quality (dark blue) then price (light blue), out of 100." }),
    );
  }

  /** One bid's bar. */
  barItem(b) {
    return el(
      "li",
      {},
      el("span", { class: "bar-name", text: `${b.rank ? `${b.rank}. ` : ""}${b.bidder}` }),
      b.total === null
        ? el("span", { class: "bar-none", text: b.status === "failed" ? `Failed, with quality ${fixed2(b.quality)}: no price score or total` : "Incomplete: no total yet" })
        : el(
            "span",
            { class: "bar-row" },
            // An SVG of 100 units wide: the bars' lengths are attributes, not style="" (which a
            // strict Content-Security-Policy refuses).
            el("span", { class: "bar-track", "aria-hidden": "true" },
              svg("svg", { class: "bar-svg", viewBox: "0 0 100 1", preserveAspectRatio: "none", focusable: "false" },
                svg("rect", { class: "bar--quality", x: 0, y: 0, width: b.quality, height: 1 }),
                svg("rect", { class: "bar--price", x: b.quality, y: 0, width: b.priceScore, height: 1 }),
              ),
            ),
            el("span", { class: "bar-total", text: `${fixed2(b.total)} (quality ${fixed2(b.quality)}, price ${fixed2(b.priceScore)})` }),
          ),
    );
  }

  /** Core HTML (escaped by the core) with its h2.. headings moved below the widget's `depth`. */
  shifted(html, depth) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const shift = this.headingLevel + depth - 2;
    for (const h of [...template.content.querySelectorAll("h2, h3, h4, h5, h6")]) {
      const level = Number(h.tagName.slice(1)) + shift;
      const n = level <= 6 ? document.createElement(`h${level}`) : document.createElement("p");
      if (level > 6) {
        n.setAttribute("role", "heading");
        n.setAttribute("aria-level", String(level));
      }
      n.className = "h-3";
      n.append(...h.childNodes);
      h.replaceWith(n);
    }
    for (const table of [...template.content.querySelectorAll("table")]) {
      const wrap = el("div", { class: "scroll", role: "region", "aria-label": `${table.caption?.textContent ?? "Table"} (scrolls sideways)`, tabindex: "0" });
      table.replaceWith(wrap);
      wrap.append(table);
    }
    const div = el("div", {});
    div.append(template.content);
    return div;
  }
}

define("engage-moderation", EngageModeration);
