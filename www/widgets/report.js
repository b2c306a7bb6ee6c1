// <engage-report src heading-level>: a governing-body report rendered by renderReport (report JSON,
// Markdown or plain text), with its contents and table of figures, and a print style sheet.
// renderReport escapes every piece of document text, so its HTML is inserted as it is; its
// headings are then moved to start at `heading-level`.
import { EngageElement, define, el } from "./base.js";

const CSS = `
.engage-report h2, .engage-report h3, .engage-report h4, .engage-report h5, .engage-report h6,
.engage-report [role="heading"] { scroll-margin-top: 1rem; }
.engage-report .level-0 { font-size: 1.5rem; }
.engage-report .level-1 { font-size: 1.25rem; margin-top: 2rem; }
.engage-report .level-2 { font-size: 1.125rem; margin-top: 1.5rem; }
.engage-report .level-3 { font-size: 1rem; margin-top: 1.25rem; }
@media (min-width: 40em) { .engage-report .level-0 { font-size: 1.75rem; } .engage-report .level-1 { font-size: 1.375rem; } }
.engage-section-number { color: var(--_secondary); margin-right: 0.25rem; }
.engage-report-meta { margin: 0 0 1.5rem; display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
.engage-report-meta dt { font-weight: 700; }
.engage-report-meta dd { margin: 0; }
.engage-report-contents { background: var(--_panel); padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.engage-report-contents .level-1 { margin-top: 0; }
.engage-report-contents ol { list-style: none; padding-left: 0; margin-bottom: 0; }
.engage-report-contents ol ol { padding-left: 1.25rem; margin-top: 0.5rem; }
.engage-figure { display: flex; flex-wrap: wrap; gap: 0 0.75rem; border-left: 6px solid var(--_blue); padding: 0.25rem 0 0.25rem 0.75rem; margin: 0 0 1rem; }
.engage-figure dt { font-weight: 400; }
.engage-figure dt::after { content: ":"; }
.engage-figure dd { margin: 0; font-weight: 700; }
.engage-figure-date { font-weight: 400; color: var(--_secondary); }
.figures-wrap { overflow-x: auto; margin-top: 2rem; }
.engage-report-figures caption { font-size: 1.25rem; }
.actions { margin: 0 0 1rem; }
@media print {
  .engage-report-contents { background: none; border: 1px solid #000000; }
  a { color: #000000; }
  .engage-report a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.875em; }
  .engage-report-contents a::after { content: none; }
  h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  .engage-figure, tr { break-inside: avoid; page-break-inside: avoid; }
  .figures-wrap { overflow: visible; }
}
`;

class EngageReport extends EngageElement {
  static kind = "report";
  static area = "report";
  static css = CSS;
  static inputTypes = ["text/markdown", "text/plain", "application/json"];

  render(text, api) {
    const html = api.renderReport(text, { to: "html" });
    const template = document.createElement("template");
    template.innerHTML = html; // renderReport's HTML: every piece of text in it is escaped.
    const root = template.content;
    // Headings: the core starts at h2; move them to start at heading-level, past h6 as ARIA.
    const shift = this.headingLevel - 2;
    for (const h of [...root.querySelectorAll("h2, h3, h4, h5, h6")]) {
      const old = Number(h.tagName.slice(1));
      const level = old + shift;
      const replacement = level <= 6 ? document.createElement(`h${level}`) : document.createElement("p");
      if (level > 6) {
        replacement.setAttribute("role", "heading");
        replacement.setAttribute("aria-level", String(level));
      }
      for (const attr of h.attributes) replacement.setAttribute(attr.name, attr.value);
      replacement.classList.add(`level-${Math.min(old - 2, 3)}`);
      replacement.append(...h.childNodes);
      h.replaceWith(replacement);
    }
    // The figures table can be wider than a phone: let it scroll inside a labelled, focusable box.
    const figures = root.querySelector("table.engage-report-figures");
    if (figures) {
      const wrap = el("div", { class: "figures-wrap", role: "region", "aria-label": "Figures in this report (scrolls sideways)", tabindex: "0" });
      figures.replaceWith(wrap);
      wrap.append(figures);
    }
    const print = el("button", { type: "button", class: "button button--secondary", text: "Print this report" });
    print.addEventListener("click", () => window.print());
    return [el("div", { class: "actions no-print" }, print), ...root.childNodes];
  }

  constructor() {
    super();
    // Contents links point at ids inside this shadow root, which the page's own #fragment
    // navigation cannot reach: move there ourselves, and put the focus on the section heading.
    this.shadowRoot.addEventListener("click", (event) => {
      const link = event.target.closest?.('a[href^="#"]');
      if (!link) return;
      const target = this.shadowRoot.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) return;
      event.preventDefault();
      const heading = target.matches("section") ? target.querySelector("h2, h3, h4, h5, h6, [role=heading]") ?? target : target;
      heading.setAttribute("tabindex", "-1");
      heading.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
      heading.focus({ preventScroll: true });
    });
  }
}

define("engage-report", EngageReport);
