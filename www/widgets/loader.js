// The one script tag an editor pastes: dist/engagekit-widgets.js (scripts/build-dist.sh).
//
//   <script type="module" src=".../engagekit-widgets.js"></script>
//
// It holds no widget. When a widget's tag first appears on the page (in the HTML, or added later
// by a script), it imports that widget's module (engagekit-widget-NAME.js) and the shared base
// (engagekit-widget-base.js) side by side, and, as soon as the base is here, starts the widget's
// area of WebAssembly (engagekit-AREA.js and its .wasm), so that the three downloads overlap
// instead of following one another. A page with one timeline loads the timeline's code only.
// Until a widget's module has run, the browser shows what the editor pasted inside the element:
// the static copy (`engagekit timeline html`), if there is one.
//
// A MutationObserver rather than a placeholder class per tag: a custom element's name can be
// defined once only, so the real class must be the first one defined. Tags inside other
// components' shadow roots are not seen: put the widgets in the page itself.

/** Tag → [its module's name, its area]. scripts/build-dist.sh checks this against www/widgets/. */
const WIDGETS = {
  "engage-timeline": ["timeline", "timeline"],
  "engage-survey-status": ["survey-status", "timeline"],
  "engage-report": ["report", "report"],
  "engage-report-check": ["report-check", "report"],
  "engage-charter-dashboard": ["charter-dashboard", "charter"],
  "engage-charter-feedback": ["charter-feedback", "charter"],
  "engage-scorecard": ["scorecard", "evaluation"],
  "engage-moderation": ["moderation", "evaluation"],
};

const SELECTOR = Object.keys(WIDGETS).join(",");
const requested = new Set();

function load(tag) {
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  const [name, area] = WIDGETS[tag];
  const base = import(new URL("./engagekit-widget-base.js", import.meta.url).href);
  // A failure here is the widget's to show (it asks the base for its area again).
  base.then((b) => b.core(area)).catch(() => {});
  import(new URL(`./engagekit-widget-${name}.js`, import.meta.url).href).catch((err) => {
    requested.delete(tag);
    console.error(`engagekit: the code of <${tag}> (engagekit-widget-${name}.js) could not be loaded: ${err.message}. What was pasted inside the element stays in view.`);
  });
}

function scan(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.matches(SELECTOR)) load(node.localName);
  for (const widget of node.querySelectorAll(SELECTOR)) load(widget.localName);
}

const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) scan(node);
  if (requested.size === Object.keys(WIDGETS).length) observer.disconnect();
});
observer.observe(document, { childList: true, subtree: true });
scan(document.documentElement);
