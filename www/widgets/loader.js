// The one script tag an editor pastes: dist/engagekit-widgets.js (scripts/build-dist.sh).
//
//   <script type="module" src=".../engagekit-widgets.js"></script>
//
// It holds no widget. When a widget's tag first appears on the page (in the HTML, or added later
// by a script), it imports that widget's module (engagekit-widget-NAME.js) and the shared base
// (engagekit-widget-base.js), and starts the widget's area of WebAssembly (core: engagekit-AREA.js
// and its .wasm), all side by side, so that the downloads overlap instead of following one
// another. A page with one timeline loads the timeline's code only.
// Until a widget's module has run, the browser shows what the editor pasted inside the element:
// the static copy (`engagekit timeline html`), if there is one.
//
// A MutationObserver rather than a placeholder class per tag: a custom element's name can be
// defined once only, so the real class must be the first one defined. Tags inside other
// components' shadow roots are not seen: put the widgets in the page itself.

/** Tag → [its module's name, its area]. scripts/build-dist.sh checks this against www/widgets/. */
const WIDGETS = {
  "engage-timeline": ["timeline", "timeline-page"],
  "engage-survey-status": ["survey-status", "timeline-page"],
  "engage-report": ["report", "report"],
  "engage-report-check": ["report-check", "report"],
  "engage-charter-dashboard": ["charter-dashboard", "charter"],
  "engage-charter-feedback": ["charter-feedback", "charter"],
  "engage-scorecard": ["scorecard", "evaluation"],
  "engage-moderation": ["moderation", "evaluation"],
  "engage-plan-editor": ["plan-editor", "planner"],
  "engage-panel-setup": ["panel-setup", "evaluation"],
  "engage-charter-editor": ["charter-editor", "charter"],
  "engage-survey-results": ["survey-results", "survey"],
  "engage-you-said-we-did": ["you-said-we-did", "survey"],
};

const SELECTOR = Object.keys(WIDGETS).join(",");

/**
 * What the loader has started, kept under a global key: were the page's script tag to carry a
 * query string (`engagekit-widgets.js?v=2`), the base's import of this file would be a second
 * instance of it, which must not download every module again.
 */
const state = (globalThis[Symbol.for("engagekit.loader")] ??= { started: new Map(), requested: new Set() });
const started = state.started;

/**
 * Why WebAssembly did not start, in words an editor can act on, as an Error with a code. The
 * browser's own message (about `WebAssembly.instantiateStreaming` and 'unsafe-eval') is kept out:
 * nobody reading the page can act on it.
 */
function startFailure(area, cause) {
  const said = `${cause?.name ?? ""} ${cause?.message ?? cause ?? ""}`;
  if (typeof WebAssembly !== "object") {
    return Object.assign(new Error("This browser cannot run WebAssembly, which this widget needs: open the page in an up-to-date browser."), { code: "no-webassembly" });
  }
  // Chromium: "Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not
  // an allowed source of script in the following Content Security Policy directive"; Firefox and
  // Safari name the Content Security Policy or wasm-eval too.
  if (/Content[- ]Security[- ]Policy|unsafe-eval|wasm-eval|wasm-unsafe-eval/i.test(said)) {
    return Object.assign(
      new Error("This site's Content-Security-Policy does not allow WebAssembly: ask your web team to add 'wasm-unsafe-eval' to script-src."),
      { code: "wasm-refused" },
    );
  }
  return Object.assign(new Error(`The widget's code (engagekit-${area}.js and its .wasm) could not be started: ${cause?.message ?? cause}`), { code: "load-failed" });
}

/**
 * The engagekit API of one module ("timeline-page", "report", "charter", "evaluation", ...). They are
 * built as separate modules (engagekit-AREA.js and its .wasm, beside this file), so a page
 * downloads only the areas its widgets use: a timeline alone never fetches the report reader.
 * The .wasm is requested at the same time as its glue, not after it (one round trip less).
 * Widgets call it through the base (refresh); the loader calls it when a tag first appears.
 */
export function core(area) {
  if (!started.has(area)) {
    const glue = new URL(`./engagekit-${area}.js`, import.meta.url);
    const wasm = typeof WebAssembly === "object" ? fetch(new URL(`./engagekit-${area}_bg.wasm`, import.meta.url)) : null;
    wasm?.catch(() => {}); // reported through the glue's start below
    const start = (async () => {
      if (!wasm) throw startFailure(area, null);
      let module;
      try {
        module = await import(glue.href);
        await module.default({ module_or_path: wasm });
      } catch (cause) {
        throw startFailure(area, cause);
      }
      return module;
    })();
    // A download that failed is tried again by a later widget (or refresh); a policy or a browser
    // that refuses WebAssembly refuses it again, so that failure is kept (one violation, not one
    // per widget).
    start.catch((err) => err.code === "load-failed" && started.delete(area));
    started.set(area, start);
  }
  return started.get(area);
}

const requested = state.requested;

function load(tag) {
  if (requested.has(tag) || customElements.get(tag)) return;
  requested.add(tag);
  const [name, area] = WIDGETS[tag];
  // The area's glue and .wasm, the base and the widget's module download side by side. A failure
  // to start is the widget's to show (it asks for its area again, through the base).
  core(area).catch(() => {});
  import(new URL("./engagekit-widget-base.js", import.meta.url).href).catch(() => {});
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
