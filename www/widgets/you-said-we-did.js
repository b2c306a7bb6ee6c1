// <engage-you-said-we-did src today heading-level>: "You said, we did" (an engagekit/outcomes@1
// document), checked by the core at `today` (checkOutcomes; default the browser's date): the
// items grouped by where they stand (planned, in progress, done, not possible with the reason
// why), each "You said ... / We did ..." ("We will" while planned, "What we are doing" in
// progress), with the checks' findings (overdue, reason missing) beside the item they concern,
// in words.
import { EngageElement, define, el, longDate, plural, uniqueId, localToday } from "./base.js";

const CSS = `
.counts { list-style: none; padding: 0; margin: 0 0 1.5rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.counts li { margin: 0; font-weight: 700; }
.items { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.item { border: 1px solid var(--_border); border-left: 8px solid var(--_blue); padding: 0.75rem 1rem; margin: 0 0 1rem; }
.item--done { border-left-color: var(--_green); }
.item--not-possible { border-left-color: var(--_secondary); border-left-style: dashed; }
.said { margin: 0; padding: 0; }
.said > div { padding: 0.25rem 0; }
.said dt { font-weight: 700; }
.said dd { margin: 0; }
.finding { margin: 0.5rem 0 0; }
.ref { margin: 0 0 0.25rem; font-size: 0.875rem; color: var(--_secondary); }
`;

/** The statuses in the order people read them, with their headings. */
const STATUSES = [
  ["planned", "Planned"],
  ["in-progress", "In progress"],
  ["done", "Done"],
  ["not-possible", "Not possible"],
];

/** What the "we did" part is called while it is still to come: "We will" for planned work. */
const WE = { planned: "We will", "in-progress": "What we are doing" };

const SEVERITY = { error: "Error", warning: "Warning", info: "Note" };
const FINDING_WORDS = { overdue: "Overdue", "reason-missing": "Reason missing", "theme-without-outcome": "Theme without an answer" };

class EngageYouSaidWeDid extends EngageElement {
  static kind = "“You said, we did” page";
  static area = "survey";
  static css = CSS;
  static get observedAttributes() {
    return [...super.observedAttributes, "today"];
  }

  render(text, api) {
    const today = this.getAttribute("today") || localToday();
    const result = api.checkOutcomes(text, { today });
    // Read and checked by the core above: the items are shown as the document gives them.
    const doc = JSON.parse(text);
    const titleId = uniqueId("engage-ysw-title");
    const byItem = new Map();
    const general = [];
    for (const d of result.diagnostics) {
      if (d.item) byItem.set(d.item, [...(byItem.get(d.item) ?? []), d]);
      else general.push(d);
    }
    const groups = STATUSES.map(([status, words]) => [status, words, doc.items.filter((i) => i.status === status)]).filter(([, , items]) => items.length);
    return el(
      "section",
      { class: "box", "aria-labelledby": titleId },
      this.heading(0, result.title, { id: titleId }),
      el("p", { text: `What people told us, and what we did about it, as on ${longDate(result.today)}.` }),
      el("ul", { class: "counts", "aria-label": "Items by status" }, ...groups.map(([, words, items]) => el("li", { text: `${words}: ${plural(items.length, "item")}` }))),
      general.length ? el("ul", {}, ...general.map((d) => el("li", {}, this.finding(d)))) : null,
      ...groups.flatMap(([status, words, items]) => [
        this.heading(1, words),
        el("ul", { class: "items" }, ...items.map((item) => this.item(item, status, byItem.get(item.id) ?? []))),
      ]),
    );
  }

  item(item, status, findings) {
    const row = (term, value) => (value ? el("div", {}, el("dt", { text: term }), el("dd", { text: value })) : null);
    return el(
      "li",
      { class: `item item--${status}` },
      el("p", { class: "ref", text: item.id }),
      el(
        "dl",
        { class: "said" },
        row("You said", item.youSaid),
        row(WE[status] ?? "We did", item.weDid),
        status === "not-possible" ? row("Why it cannot be done", item.reason) : null,
        item.due && status !== "done" && status !== "not-possible" ? row("Due", longDate(item.due)) : null,
        row("Decided by", item.decision),
      ),
      ...findings.map((d) => el("p", { class: "finding" }, this.finding(d))),
    );
  }

  /** A finding in words: its severity and rule as a tag (not colour alone), then its message. */
  finding(d) {
    return el("span", {}, el("span", { class: `tag tag--${d.severity}`, text: `${SEVERITY[d.severity] ?? d.severity}: ${FINDING_WORDS[d.code] ?? d.code}` }), d.message);
  }
}

define("engage-you-said-we-did", EngageYouSaidWeDid);
