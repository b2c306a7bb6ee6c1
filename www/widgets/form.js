// What the editors share (the plan editor, the panel set-up, the charter editor): a form laid out
// and checked as GOV.UK forms are. Each field in a group with its label, its error between label
// and control, and the error summary at the top linking to it; the core's findings listed with
// what to do and their source (the rule catalogue); rows that move up and down and are removed
// with the focus kept; the work kept in this browser as it is typed (surviving a reload, a full
// quota and two tabs); downloads. The editors hold no rule: every check is the core's.
//
// Built to dist/engagekit-widget-form.js (scripts/build-dist.sh); only the editors import it, so
// a page with a timeline never downloads it.
import { EngageElement, el, uniqueId } from "./base.js";

export const FORM_CSS = `
.form-group { margin: 0 0 1.25rem; }
.label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
input[type=text], input[type=date], input[type=number], select, textarea { font: inherit; color: var(--_text); background: #ffffff; border: 2px solid var(--_text); padding: 0.25rem 0.5rem; min-height: 2.5rem; max-width: 100%; }
input[type=text], textarea { width: 100%; }
textarea { display: block; min-height: 5rem; resize: vertical; }
input[type=number] { width: 8rem; }
input:focus, select:focus, textarea:focus { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--_text); }
input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true] { border-color: var(--_red); }
.field-error { display: block; color: var(--_red); font-weight: 700; margin-bottom: 0.25rem; }
.group-error { border-left: 5px solid var(--_red); padding-left: 0.75rem; }
.check { display: flex; align-items: center; gap: 0.75rem; min-height: 2.75rem; }
.check input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; accent-color: var(--_blue); }
.checks { border: 0; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
.checks legend { font-weight: 700; padding: 0; margin-bottom: 0.25rem; }
.options { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0 1rem; }
.row { border: 1px solid var(--_border); border-left: 6px solid var(--_blue); padding: 1rem; margin: 0 0 1rem; min-width: 0; }
.row > legend { font-weight: 700; padding: 0 0.25rem; }
.dates { display: flex; flex-wrap: wrap; gap: 0 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0; }
.actions .button { margin-bottom: 0.5rem; }
.summary-box { border: 4px solid var(--_red); padding: 1rem; margin: 0 0 1.5rem; }
.summary-box:focus { outline: 4px solid var(--_focus); }
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
export function button(text, cls, action, attrs = {}) {
  const b = el("button", { type: "button", class: cls, text, ...attrs });
  b.addEventListener("click", action);
  return b;
}

/** A file name from what a person typed ("Stroke services: final" → "stroke-services-final"). */
export function fileName(title, fallback) {
  return (title ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || fallback;
}

/**
 * An editor: a form over a draft that is kept in localStorage. Subclasses call `startForm(key)`
 * in render (after which `this._summary`, `this._notice`, `this._saved` and `this._fields` exist,
 * the last mapping a document path, `criteria[2].weight`, to its control), and implement
 * `draftOf(parsed)` (the draft from what was saved, or null when it is not one) and
 * `restore(draft, message)` (another tab's draft shown).
 */
export class EngageForm extends EngageElement {
  static optionalInput = true;

  startForm(key) {
    this._key = `${key}:${location.pathname}`;
    this._summary = el("div", {});
    this._notice = el("div", { role: "alert" });
    this._saved = el("p", { class: "saved", role: "status" });
    this._fields = new Map();
  }

  /** A form group: the field's error (when it has one) goes after its label and hint, before its control (GOV.UK's order). */
  group(path, label, ...rest) {
    const error = el("span", { class: "field-error", id: uniqueId("err") });
    error.hidden = true;
    const hints = [];
    while (rest.length && (rest[0] === null || rest[0]?.classList?.contains("hint"))) hints.push(rest.shift());
    return el("div", { class: "form-group", "data-path": path }, label, ...hints, error, ...rest);
  }

  /** A labelled text, number or date input bound to `item[field]`, in its group at `path`. */
  field(item, field, path, label, type = "text", hint = "") {
    const input = this.input(item, field, type);
    if (hint) input.setAttribute("aria-describedby", `${input.id}-hint`);
    this._fields.set(path, input);
    return this.group(path, el("label", { class: "label", for: input.id, text: label }), hint ? el("p", { class: "hint", id: `${input.id}-hint`, text: hint }) : null, input);
  }

  /** An input bound to `item[field]`: every change is made, saved and checked. */
  input(item, field, type) {
    const input = el(type === "textarea" ? "textarea" : "input", { id: uniqueId(field), autocomplete: "off" });
    if (type !== "textarea") input.type = type;
    input.value = item[field] === undefined || item[field] === null ? "" : String(item[field]);
    if (type === "number") Object.assign(input, { min: "0", step: "any", inputMode: "decimal" });
    input.addEventListener(type === "date" ? "change" : "input", () => this.change(() => (item[field] = input.value)));
    return input;
  }

  /** A select of `options` ([value, words]) bound to `item[field]`, in its group at `path`; `after` runs on a change, before the check. */
  choice(item, field, path, label, options, prompt, after = () => {}) {
    const select = el("select", { id: uniqueId(field) }, el("option", { value: "", text: prompt }), ...options.map(([value, words]) => el("option", { value, text: words })));
    select.value = item[field] ?? "";
    select.addEventListener("change", () =>
      this.change(() => {
        item[field] = select.value;
        after();
      }),
    );
    this._fields.set(path, select);
    return this.group(path, el("label", { class: "label", for: select.id, text: label }), select);
  }

  /** A checkbox bound to `item[field]` (true or false). */
  checkbox(item, field, path, label, hint = "") {
    const box = el("input", { id: uniqueId(field), type: "checkbox" });
    box.checked = Boolean(item[field]);
    box.addEventListener("change", () => this.change(() => (item[field] = box.checked)));
    this._fields.set(path, box);
    return el("div", { class: "form-group", "data-path": path }, el("div", { class: "check" }, box, el("label", { for: box.id, text: label })), hint ? el("p", { class: "hint", text: hint }) : null);
  }

  /** Checkboxes, one per option ([value, words]), for the list `item[field]`, under a legend. */
  checkboxes(item, field, path, legend, options, hint = "") {
    const boxes = options.map(([value, words]) => {
      const box = el("input", { id: uniqueId(field), type: "checkbox", value });
      box.checked = (item[field] ?? []).includes(value);
      box.addEventListener("change", () =>
        this.change(() => {
          const chosen = new Set(boxes.map((b) => b.box).filter((b) => b.checked).map((b) => b.value));
          item[field] = options.map(([v]) => v).filter((v) => chosen.has(v));
        }),
      );
      return { box, node: el("div", { class: "check" }, box, el("label", { for: box.id, text: words })) };
    });
    if (boxes.length) this._fields.set(path, boxes[0].box);
    return el("fieldset", { class: "checks", "data-path": path }, el("legend", { text: legend }), hint ? el("p", { class: "hint", text: hint }) : null, el("span", { class: "field-error", id: uniqueId("err"), hidden: "" }), el("div", { class: "options" }, ...boxes.map((b) => b.node)));
  }

  /** Move up, move down and remove, each naming its row for screen readers. */
  rowActions(list, i, name, onChange) {
    const act = (text, action) => button(text, "button button--secondary", action, { "aria-label": `${text} ${name}` });
    return el(
      "div",
      { class: "actions" },
      i > 0 ? act("Move up", () => this.moveRow(list, i, -1, onChange)) : null,
      i < list.length - 1 ? act("Move down", () => this.moveRow(list, i, 1, onChange)) : null,
      act("Remove", () => this.removeRow(list, i, name, onChange)),
    );
  }

  /** Appends `item` to `list` (with a key of its own, stable as rows move) and focuses its first field. */
  addRow(list, item, onChange) {
    item.key = this._draft.next++;
    list.push(item);
    onChange();
    this.update();
    this.shadowRoot.getElementById(`row-${item.key}`)?.querySelector("select, input, textarea")?.focus();
  }

  removeRow(list, i, name, onChange) {
    list.splice(i, 1);
    onChange();
    this.update();
    this.say(`${name[0].toUpperCase()}${name.slice(1)} removed.`);
    const next = list[Math.min(i, list.length - 1)];
    (next ? this.shadowRoot.getElementById(`row-${next.key}`)?.querySelector("legend") : this.shadowRoot.querySelector(".box"))?.focus();
  }

  moveRow(list, i, by, onChange) {
    const [item] = list.splice(i, 1);
    list.splice(i + by, 0, item);
    onChange();
    this.update();
    const row = this.shadowRoot.getElementById(`row-${item.key}`);
    // The row's own button, not one of a row inside it (a charter standard's measures).
    const again = [...(row?.querySelectorAll(".actions button") ?? [])].find((b) => b.closest("[id^='row-']") === row && b.textContent === (by < 0 ? "Move up" : "Move down"));
    (again ?? row?.querySelector("legend"))?.focus();
  }

  /** A change to the draft: made, then saved and checked (the subclass's `update`). */
  change(make) {
    make();
    this.update();
  }

  /** No input error shown: every group as it was before the last check. */
  clearErrors() {
    this._summary.replaceChildren();
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

  /** The control of a document path: the longest part of it that is a field (`criteria[2].weight`, else `criteria[2]`, else `criteria`). */
  fieldOf(path) {
    let at = typeof path === "string" ? path : "";
    while (at && !this._fields.has(at)) at = at.replace(/(\.[^.[]*|\[\d+\])$/, "");
    return this._fields.get(at);
  }

  /** An input error (the core's, with its path): beside its field, and in the summary linking to it. */
  showInputError(err) {
    const full = err.message ?? String(err);
    // The message without the document path at its head: the field beside it says where.
    const message = err.path && full.startsWith(`${err.path}: `) ? full.slice(err.path.length + 2) : full;
    this.showErrors([{ path: err.path, message }]);
  }

  /** Problems ({path, message}) beside their fields and in the error summary at the top. */
  showErrors(problems) {
    const items = problems.map(({ path, message }) => {
      const input = this.fieldOf(path);
      if (!input) return el("li", { text: message });
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
      return el("li", {}, button(message, "link", () => input.focus()));
    });
    this._summary.replaceChildren(el("div", { class: "summary-box", role: "alert", tabindex: "-1" }, this.heading(0, "There is a problem"), el("ul", {}, ...items)));
  }

  /**
   * The findings: each with its severity, message, what to do and its source (from `rules`, the
   * catalogue by code), and `where(d)`: a node linking to what it is about, or null.
   */
  findingsList(diagnostics, rules, where, none) {
    if (!diagnostics.length) return el("p", { text: none });
    const words = { error: "Error", warning: "Warning", info: "Note" };
    return el(
      "ul",
      { class: "findings" },
      ...diagnostics.map((d) => {
        const rule = rules.get(d.code);
        const source = rule?.source;
        const cited = [source?.title, source?.citation].filter(Boolean).join(", ");
        const link = where(d);
        return el(
          "li",
          { class: d.severity },
          el("p", {}, el("span", { class: `tag tag--${d.severity}`, text: words[d.severity] ?? d.severity }), " ", d.message),
          rule?.help ? el("p", {}, el("strong", { text: "What to do: " }), rule.help) : null,
          cited ? el("p", { class: "hint" }, "Source: ", source.url ? el("a", { href: source.url, text: cited }) : cited) : null,
          link ? el("p", {}, link) : null,
        );
      }),
    );
  }

  /** A link-like button that puts the focus in row `key`'s first field. */
  goToRow(key, text) {
    return button(text, "link", () => this.shadowRoot.getElementById(`row-${key}`)?.querySelector("select, input, textarea")?.focus());
  }

  // ---- starting: blank, the example, a file ------------------------------------------------

  /**
   * The form's start: a blank draft, the example (the `example` attribute), or a file. `start`
   * says, in the editor's words, `{noun, blank, blankMessage, openLabel, hint, accept}`; the
   * editor reads a file or the example in `readDocument({name, bytes})` (a draft, or it throws)
   * and says what it holds in `contents(draft)` ("4 activities").
   */
  startPart({ noun, blank, blankMessage, openLabel, hint, accept }) {
    const id = uniqueId("file");
    const file = el("input", { id, class: "file", type: "file", accept, "aria-describedby": `${id}-hint` });
    file.addEventListener("change", () => this.openFile(file));
    const example = this.getAttribute("example");
    return el(
      "div",
      {},
      el(
        "div",
        { class: "actions" },
        button(`Start a blank ${noun}`, "button button--secondary", () => this.restore(blank(), blankMessage)),
        example ? button("Start from the example", "button button--secondary", () => this.openExample(example, noun)) : null,
      ),
      el("div", { class: "form-group" }, el("label", { class: "label", for: id, text: openLabel }), el("p", { class: "hint", id: `${id}-hint`, text: hint }), file),
    );
  }

  /** The draft replaced (blank, the example, a file, another tab's), drawn and checked. */
  restore(draft, message) {
    this._draft = draft;
    this.drawAll();
    this.update();
    this.say(message);
  }

  async openExample(url, noun) {
    try {
      const response = await fetch(new URL(url, document.baseURI));
      if (!response.ok) throw new Error(`the example could not be loaded (HTTP ${response.status})`);
      const draft = await this.readDocument({ name: url, bytes: new Uint8Array(await response.arrayBuffer()) });
      this.restore(draft, `The example ${noun} "${draft.title}" is loaded: change it as you like.`);
    } catch (err) {
      this.say(`The example could not be opened: ${err.message}`, true);
    }
  }

  async openFile(input) {
    const file = input.files[0];
    if (!file) return;
    try {
      const draft = await this.readDocument({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      this.restore(draft, `${file.name} is open: ${this.contents(draft)}.`);
      input.value = "";
    } catch (err) {
      this.say(`${file.name} could not be opened: ${err.message}`, true);
    }
  }

  /** A message for everyone: an alert when it is a problem, else a status line. */
  say(message, problem = false) {
    if (problem) this._notice.replaceChildren(el("div", { class: "error" }, el("p", { text: message })));
    else {
      this._notice.replaceChildren();
      this._saved.textContent = message;
    }
  }

  /** Text downloaded as a file. */
  downloadFile(name, body, type) {
    const a = el("a", { download: name, href: URL.createObjectURL(new Blob([body], { type })) });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  }

  // ---- the draft -----------------------------------------------------------------------------

  /** The saved draft (`draftOf` decides), or null; a saved draft that cannot be read is set aside, never lost. */
  loadDraft() {
    let raw = null;
    try {
      raw = localStorage.getItem(this._key);
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const draft = this.draftOf(JSON.parse(raw));
      if (draft) return draft;
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

  /** Saves `this._draft`; `what` names it ("Your plan") in the messages. */
  saveDraft(what) {
    try {
      localStorage.setItem(this._key, JSON.stringify(this._draft));
      this._saved.textContent = `${what} is saved in this browser as you go.`;
    } catch (err) {
      const full = err?.name === "QuotaExceededError";
      this._notice.replaceChildren(el("div", { class: "error" }, el("p", { text: `${what} could not be saved in this browser${full ? " because its storage is full" : ""}: download it (JSON) before you close the page.` })));
    }
  }

  /** Another tab saved this draft: take its version in, and say so. */
  onStorage(event) {
    if (event.key !== this._key || !event.newValue || !this._api) return;
    const draft = this.loadDraft();
    if (draft) this.restore(draft, "This was changed in another tab or window: it is shown here as saved there.");
  }
}
