// The shared base of the engagekit widgets: one-time WebAssembly start, document loading (a `src`
// URL, fetched once per page however many widgets name it, or an inline child <script>), the
// static copy an editor pasted inside the element, the error box (role="alert"), headings from
// `heading-level`, the NHS.UK look (overridable through --engage-* custom properties) and date and
// number words.
//
// Widgets render into an open shadow root, so the partner page's CSS stays out and ids stay
// unique per widget. Document text is only ever set with textContent; the one exception is
// renderReport's HTML, which the core escapes.
//
// Strict Content-Security-Policy (issue 17): the look is given as constructed style sheets
// (`new CSSStyleSheet()` + `replaceSync`, adopted by each shadow root), which `style-src 'self'`
// allows, where a <style> element or a style="" attribute is refused. No widget writes a style
// attribute. WebAssembly needs `'wasm-unsafe-eval'` in script-src; without it the widget says so.
//
// scripts/build-dist.sh makes this file dist/engagekit-widget-base.js (its import of "./loader.js"
// pointed at engagekit-widgets.js, the one script tag), and each widget file (which imports from
// "./base.js" on one line) its own module, which the loader imports when the widget's tag appears.

// The areas' WebAssembly is started by the loader (core), which knows a widget's area as soon as
// its tag appears: the .wasm then downloads beside this module instead of after it.
import { core } from "./loader.js";

/**
 * The workbook module (engagekit-workbook.js and its .wasm): score sheets as Excel workbooks and
 * read back, set-up workbooks. Started only when someone gives or asks for a workbook, so that no
 * page pays for it before then.
 */
export function workbooks() {
  return core("workbook");
}

/** Whether a file's first bytes are a workbook's (.xlsx and .ods: a zip; .xls: OLE), not text. */
export function isWorkbook(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const starts = (...sig) => sig.every((v, i) => b[i] === v);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0);
}

/**
 * Where the panel set-up hands its evaluation on to the moderation (sessionStorage: this tab
 * only, kept over a reload): read by <engage-moderation handoff>.
 */
export const HANDOFF_EVALUATION = "engagekit-handoff:evaluation";

/** The MIME type of an .xlsx workbook, for a download. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Each `src` document's text, by absolute URL: widgets with the same `src` share one fetch. */
const fetched = new Map();

function fetchText(url, kind, src) {
  if (!fetched.has(url.href)) {
    const text = (async () => {
      let response;
      try {
        response = await fetch(url);
      } catch (cause) {
        throw Object.assign(new Error(`The ${kind} at ${url.href} could not be loaded: ${cause.message}`), { code: "load-failed", path: src });
      }
      if (!response.ok) {
        throw Object.assign(new Error(`The ${kind} at ${url.href} could not be loaded (HTTP ${response.status}).`), { code: "load-failed", path: src });
      }
      return response.text();
    })();
    text.catch(() => fetched.delete(url.href));
    fetched.set(url.href, text);
  }
  return fetched.get(url.href);
}

/** An element with attributes (`text` sets textContent, `class` the class) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes and children. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  node.append(...children.filter(Boolean));
  return node;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

/** "2016-12-23" → days since 1970-01-01 (UTC, no clock or time zone involved). */
export function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** "2016-12-23" → "Friday 23 December 2016" (without the year when `year` is false). */
export function longDate(iso, { year = true, weekday = true } = {}) {
  const [y, m, d] = iso.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${weekday ? DAYS[day] + " " : ""}${d} ${MONTHS[m - 1]}${year ? " " + y : ""}`;
}

/** "2016-12-23" → "December 2016". */
export function monthYear(iso) {
  const [y, m] = iso.split("-").map(Number);
  return `${MONTHS[m - 1]} ${y}`;
}

/** The browser's local date as YYYY-MM-DD. */
export function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole numbers with thousands separators, made once: `toLocaleString` makes a formatter per call. */
const WHOLE = new Intl.NumberFormat("en-GB");

/** 1676 → "1,676". */
export function count(n) {
  return WHOLE.format(Number(n));
}

/**
 * 86.4 → "86.40", 51.525 → "51.53" (numbers people read as scores and percentages: 2 decimals,
 * halves away from zero as the core rounds). The rounding works on the number's shortest decimal
 * form, which is the core's exact value as it wrote it in JSON: binary floats would turn 51.525
 * into 51.52.
 */
export function fixed2(n) {
  const x = Number(n);
  if (!Number.isFinite(x)) return String(n);
  const text = String(Math.abs(x));
  if (/e/i.test(text)) return x.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const [whole, frac = ""] = text.split(".");
  let hundredths = BigInt(whole + frac.padEnd(2, "0").slice(0, 2));
  if (frac.length > 2 && frac[2] >= "5") hundredths += 1n;
  const sign = x < 0 && hundredths !== 0n ? "-" : "";
  const units = WHOLE.format(hundredths / 100n);
  return `${sign}${units}.${String(hundredths % 100n).padStart(2, "0")}`;
}

/** "1 day", "2 days". */
export function plural(n, one, many = one + "s") {
  return `${count(n)} ${n === 1 ? one : many}`;
}

let uid = 0;
/** An id unique on the page (ids in shadow roots need only be unique per root, but be safe). */
export function uniqueId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** The look every widget shares: NHS.UK colours, type and focus style, all overridable. */
const BASE_CSS = `
:host {
  --_blue: var(--engage-blue, #005eb8);
  --_dark-blue: var(--engage-dark-blue, #003087);
  --_text: var(--engage-text, #212b32);
  --_secondary: var(--engage-secondary-text, #4c6272);
  --_bg: var(--engage-background, #ffffff);
  --_panel: var(--engage-panel, #f0f4f5);
  --_border: var(--engage-border, #d8dde0);
  --_focus: var(--engage-focus, #ffeb3b);
  --_focus-text: var(--engage-focus-text, #212b32);
  --_red: var(--engage-red, #d5281b);
  --_amber: var(--engage-amber, #ffb81c);
  --_green: var(--engage-green, #007f3b);
  --_button: var(--engage-button, #007f3b);
  --_button-shadow: var(--engage-button-shadow, #00401e);
  display: block;
  box-sizing: border-box;
  max-width: 100%;
  margin: 0 0 1.5rem;
  color: var(--_text);
  background: var(--_bg);
  font-family: var(--engage-font, "Frutiger W01", Frutiger, Arial, "Helvetica Neue", "Liberation Sans", sans-serif);
  font-size: var(--engage-font-size, 1rem);
  line-height: 1.5;
  /* "anywhere", not "break-word": a word longer than the line (a pasted address, a name with no
     space) then also shrinks the minimum width of flex and grid items, which would otherwise push
     the widget wider than a phone's screen. Tables keep "break-word" and scroll in their box. */
  overflow-wrap: anywhere;
  /* What cannot wrap at all (one letter under a hundred combining marks) is cut at the widget's
     edge rather than making the partner's page scroll sideways; focus rings keep their margin. */
  overflow-x: clip;
  overflow-clip-margin: 12px;
}
@media (min-width: 40em) { :host { font-size: var(--engage-font-size, 1.1875rem); } }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
.box { border: 1px solid var(--_border); border-top: 4px solid var(--_blue); padding: 1rem; }
@media (min-width: 40em) { .box { padding: 1.5rem; } }
h2, h3, h4, h5, h6, [role="heading"] { font-weight: 700; line-height: 1.25; margin: 0 0 0.75rem; color: var(--_text); }
/* Widgets sit under the partner's own headings: their first heading is no bigger than an h2. */
.h-1 { font-size: 1.25rem; }
.h-2 { font-size: 1.125rem; margin-top: 1.5rem; }
.h-3 { font-size: 1rem; margin-top: 1.25rem; }
@media (min-width: 40em) { .h-1 { font-size: 1.5rem; } .h-2 { font-size: 1.25rem; } .h-3 { font-size: 1.125rem; } }
p { margin: 0 0 1rem; }
ul, ol { margin: 0 0 1rem; padding-left: 1.25rem; }
li { margin-bottom: 0.5rem; }
a { color: var(--_blue); text-decoration: underline; text-underline-offset: 0.1em; }
a:hover { color: var(--_dark-blue); text-decoration-thickness: 3px; }
a:focus-visible {
  outline: 4px solid transparent;
  background: var(--_focus);
  box-shadow: 0 -2px var(--_focus), 0 4px var(--_focus-text);
  color: var(--_focus-text);
  text-decoration: none;
}
:focus-visible { outline: 4px solid var(--_focus); outline-offset: 0; box-shadow: 0 0 0 4px var(--_focus), 0 0 0 8px var(--_focus-text); }
[tabindex="-1"]:focus { outline: none; box-shadow: none; }
.lede { font-size: 1.125rem; }
.hint { color: var(--_secondary); }
.muted { color: var(--_secondary); }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.summary { margin: 0 0 1rem; padding: 0; }
.summary > div { border-bottom: 1px solid var(--_border); padding: 0.5rem 0; }
.summary dt { font-weight: 700; }
.summary dd { margin: 0; }
@media (min-width: 40em) {
  .summary > div { display: grid; grid-template-columns: minmax(8rem, 14rem) minmax(0, 1fr); gap: 1rem; }
}
.scroll { overflow-x: auto; max-width: 100%; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: 0; overflow-wrap: break-word; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 1rem 0.5rem 0; border-bottom: 1px solid var(--_border); }
thead th { border-bottom: 2px solid var(--_text); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
/* The last column reaches the table's edge; on a phone the gaps are half as wide and the text
   a size smaller, so that a ranking's six columns fit 390 px (its totals were behind a sideways
   scroll no one would guess). */
th:last-child, td:last-child { padding-right: 0; }
@media (max-width: 40em) {
  th, td { font-size: 0.875em; padding-right: 0.5rem; }
  th:last-child, td:last-child { padding-right: 0; }
}
.tag { display: inline-block; padding: 0 0.5rem; border: 1px solid currentColor; font-size: 0.875rem; font-weight: 700; margin-right: 0.5rem; white-space: nowrap; }
.tag--error { color: var(--_red); }
.tag--warning { color: #8a4b00; }
.tag--info { color: var(--_blue); }
.button {
  font: inherit; font-weight: 700; line-height: 1.5; display: inline-block; min-height: 2.75rem;
  margin: 0 0.75rem 1rem 0; padding: 0.5rem 1rem; border: 2px solid transparent; border-radius: 4px;
  background: var(--_button); color: #ffffff; box-shadow: 0 4px 0 var(--_button-shadow); cursor: pointer;
  text-decoration: none;
}
.button:hover { background: #00662f; color: #ffffff; }
.button:active { transform: translateY(4px); box-shadow: none; }
.button:focus-visible { outline: 4px solid transparent; background: var(--_focus); color: var(--_focus-text); box-shadow: 0 4px 0 var(--_focus-text); }
.button--secondary { background: #ffffff; color: var(--_blue); border-color: var(--_blue); box-shadow: 0 4px 0 var(--_blue); }
.button--secondary:hover { background: #e8edee; color: var(--_blue); }
.error {
  border: 4px solid var(--_red); padding: 1rem; background: #ffffff;
}
.error :last-child { margin-bottom: 0; }
.loading { color: var(--_secondary); }
.note { border-left: 6px solid var(--_secondary); padding: 0.25rem 0 0.25rem 0.75rem; margin: 0 0 1rem; }
.note :last-child { margin-bottom: 0; }
code { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
}
@media print {
  :host { color: #000000; background: #ffffff; }
  .box { border: 0; padding: 0; }
  .button, .no-print { display: none !important; }
}
`;

/** Constructed style sheets, one per CSS text (the base's, and each widget class's). */
const sheets = new Map();
const CAN_ADOPT = typeof CSSStyleSheet === "function" && "adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype;

function sheet(css) {
  if (!sheets.has(css)) {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return sheets.get(css);
}

/** Light-DOM nodes that are the static copy: anything but the data <script>s and blank text. */
function isStaticCopy(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent.trim() !== "";
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  return !/^(script|template|style|link)$/.test(node.localName);
}

/**
 * The base of every widget: reads its document, shows a loading line, then `render(doc)` or the
 * error box. Subclasses set `static kind` (words for messages), `static area` (the engagekit
 * module they use: see core), `static css`, and implement
 * `render(input, api)`; `static inputTypes` lists the accepted inline <script> types.
 */
export class EngageElement extends HTMLElement {
  static kind = "document";
  static css = "";
  static inputTypes = ["application/json"];
  static get observedAttributes() {
    return ["src", "heading-level"];
  }

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    // Browsers without constructed style sheets (Safari before 16.4) get a <style> in show().
    if (CAN_ADOPT) this.shadowRoot.adoptedStyleSheets = [sheet(BASE_CSS), sheet(this.constructor.css)];
    this._generation = 0;
  }

  /**
   * Whether the editor pasted a static copy inside the element (`engagekit timeline html`, or
   * any markup that is not the widget's data): it is shown, through a <slot>, while the widget
   * loads and when it cannot start, and never removed from the page.
   */
  get hasStaticCopy() {
    return [...this.childNodes].some(isStaticCopy);
  }

  connectedCallback() {
    // A widget that keeps work in localStorage (it has onStorage) hears other tabs' saves.
    if (this.onStorage) {
      this._onStorage ??= (event) => this.onStorage(event);
      window.addEventListener("storage", this._onStorage);
    }
    if (!this._connectedOnce) {
      this._connectedOnce = true;
      // Inline documents are children: when the element is still being parsed, wait for them.
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", () => this.refresh(), { once: true });
        this.showLoading();
        return;
      }
    }
    this.refresh();
  }

  disconnectedCallback() {
    if (this._onStorage) window.removeEventListener("storage", this._onStorage);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this._connectedOnce && oldValue !== newValue && this.isConnected) this.refresh();
  }

  /** The level of the widget's first heading: `heading-level`, 2 to 6, default 2. */
  get headingLevel() {
    const n = Number.parseInt(this.getAttribute("heading-level") ?? "2", 10);
    return Number.isFinite(n) ? Math.min(6, Math.max(2, n)) : 2;
  }

  /** A heading `depth` levels below the widget's first (0 is the first), with text. */
  heading(depth, text, attrs = {}) {
    const level = this.headingLevel + depth;
    const cls = [`h-${Math.min(depth + 1, 3)}`, attrs.class].filter(Boolean).join(" ");
    if (level <= 6) return el(`h${level}`, { ...attrs, class: cls, text });
    return el("p", { ...attrs, class: cls, role: "heading", "aria-level": level, text });
  }

  /** Replaces the shadow root's content with `nodes` (the style sheets stay adopted). */
  show(...nodes) {
    const style = CAN_ADOPT ? null : el("style", { text: BASE_CSS + this.constructor.css });
    this.shadowRoot.replaceChildren(...[style, ...nodes].filter(Boolean));
  }

  /** While loading: the static copy when there is one (no "Loading" line over it), else a line. */
  showLoading() {
    this.setAttribute("aria-busy", "true");
    if (this.hasStaticCopy) this.show(el("slot"));
    else this.show(el("p", { class: "loading", text: `Loading the ${this.constructor.kind}…` }));
  }

  /** The error box: what went wrong, with the error's code and path when it has them. */
  showError(err, heading) {
    this.removeAttribute("aria-busy");
    this.dataset.state = "error";
    const rows = [];
    if (err && typeof err.code === "string" && err.code) rows.push(["Code", err.code]);
    if (err && typeof err.path === "string") rows.push(["Path", err.path === "" ? "(the whole document)" : err.path]);
    if (this.hasStaticCopy) {
      // The pasted copy stays in view, with a short note of why it is not the live widget.
      const note = el(
        "div",
        { class: "note no-print", role: "note" },
        el("p", {}, el("strong", { text: "A saved copy. " }), `The live ${this.constructor.kind} could not start, so this is the copy saved with the page: it may be out of date. `, err instanceof Error ? err.message : String(err)),
      );
      this.show(note, el("slot"));
      this.dispatchEvent(new CustomEvent("engage-error", { detail: { message: note.textContent, code: err?.code, path: err?.path, staticCopy: true }, bubbles: true, composed: true }));
      return;
    }
    const box = el(
      "div",
      { class: "error", role: "alert" },
      this.heading(0, heading ?? `This ${this.constructor.kind} cannot be shown`),
      el("p", { text: err instanceof Error ? err.message : String(err) }),
      rows.length
        ? el("dl", { class: "summary" }, ...rows.map(([t, d]) => el("div", {}, el("dt", { text: t }), el("dd", {}, el("code", { text: d })))))
        : null,
    );
    this.show(box);
    this.dispatchEvent(new CustomEvent("engage-error", { detail: { message: box.textContent, code: err?.code, path: err?.path }, bubbles: true, composed: true }));
  }

  /** The document's text: fetched from `src`, or the first inline <script> of an accepted type. */
  async loadText() {
    const src = this.getAttribute("src");
    if (src) return fetchText(new URL(src, document.baseURI), this.constructor.kind, src);
    const types = this.constructor.inputTypes;
    const script = [...this.querySelectorAll(":scope > script")].find((s) => types.includes((s.type || "").toLowerCase()));
    if (script) return script.textContent;
    if (this.constructor.optionalInput) return null;
    throw Object.assign(
      new Error(`No ${this.constructor.kind} was given: add a src attribute, or put the document inside the element in a <script type="${types[0]}">.`),
      { code: "empty-input", path: "" },
    );
  }

  /** Loads and renders; a later refresh wins over an earlier one still loading. */
  async refresh() {
    const generation = ++this._generation;
    this.dataset.state = "loading";
    this.showLoading();
    try {
      const [text, api] = await Promise.all([this.loadText(), core(this.constructor.area)]);
      if (generation !== this._generation) return;
      const nodes = await this.render(text, api);
      if (generation !== this._generation) return;
      this.show(...[nodes].flat());
      this.removeAttribute("aria-busy");
      this.dataset.state = "ready";
      this.afterRender?.();
      this.dispatchEvent(new CustomEvent("engage-ready", { bubbles: true, composed: true }));
    } catch (err) {
      if (generation !== this._generation) return;
      this.showError(err);
    }
  }
}

/** Defines a custom element unless the page already has one of that name. */
export function define(name, cls) {
  if (!customElements.get(name)) customElements.define(name, cls);
}
