// The document checker: loads the engagekit WebAssembly module (the wasm-pack `web` build at
// /pkg/), offers the example documents of /examples/, opens a file (a document, or a filled
// set-up workbook read by the workbook module, /dist/engagekit-workbook.js, loaded only then), and
// shows what `validate` says.
// Everything a person or a document wrote is shown with textContent, never as HTML.

import init, { validate } from "/pkg/engagekit.js";

const form = document.getElementById("check-form");
const exampleSelect = document.getElementById("example");
const useExample = document.getElementById("use-example");
const textarea = document.getElementById("document");
const fileInput = document.getElementById("file");
const statusRegion = document.getElementById("status");
const alertRegion = document.getElementById("alert");

const ready = init();
const examples = new Map(); // file name → document text

/** An element with optional class and text; children appended after. */
function el(tag, { className, text } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  node.append(...children);
  return node;
}

/** Labels for the counts whose words alone would read wrongly. */
const COUNT_LABELS = { preElectionPeriods: "Pre-election periods" };

/** "activities" → "Activities", "keyCriteria" → "Key criteria": words from a camelCase key. */
function words(key) {
  if (Object.hasOwn(COUNT_LABELS, key)) return COUNT_LABELS[key];
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function summaryList(rows) {
  return el(
    "dl",
    { className: "summary-list" },
    ...rows.map(([term, value]) => el("div", {}, el("dt", { text: term }), el("dd", { text: value }))),
  );
}

function clearResult() {
  statusRegion.replaceChildren();
  alertRegion.replaceChildren();
  textarea.removeAttribute("aria-invalid");
}

function showStatus(...nodes) {
  alertRegion.replaceChildren();
  textarea.removeAttribute("aria-invalid");
  statusRegion.replaceChildren(...nodes);
}

function showError(err, heading = "There is a problem with the document") {
  statusRegion.replaceChildren();
  const rows = [];
  if (err && typeof err.code === "string") rows.push(["Code", err.code]);
  if (err && typeof err.path === "string") rows.push(["Path", err.path === "" ? "(the whole document)" : err.path]);
  alertRegion.replaceChildren(
    el(
      "div",
      { className: "error-summary" },
      el("h3", { text: heading }),
      el("p", { text: err instanceof Error ? err.message : String(err) }),
      ...(rows.length ? [summaryList(rows)] : []),
    ),
  );
}

function showValidation(result) {
  const kind = String(result.kind);
  const rows = [
    ["Kind", kind],
    ["Schema", String(result.schema)],
    ["Title", String(result.title)],
    ...Object.entries(result.counts ?? {}).map(([key, n]) => [words(key), Number(n).toLocaleString("en-GB")]),
  ];
  const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
  const findings = diagnostics.length
    ? el(
        "ul",
        { className: "findings" },
        ...diagnostics.map((d) =>
          el(
            "li",
            {},
            el("span", { className: `tag tag--${d.severity}`, text: String(d.severity) }),
            el("code", { text: String(d.code) }),
            document.createTextNode(`: ${d.message}`),
          ),
        ),
      )
    : el("p", { text: "No findings." });
  showStatus(
    el(
      "div",
      { className: "panel" },
      el("h3", { text: `This ${kind} is valid` }),
      summaryList(rows),
      el("h3", { text: "Findings" }),
      findings,
    ),
  );
}

async function loadExamples() {
  const response = await fetch("/examples/index.json");
  if (!response.ok) throw new Error(`the list of examples could not be loaded (HTTP ${response.status})`);
  const index = await response.json();
  const options = await Promise.all(
    index.map(async ({ file }) => {
      const text = await (await fetch(`/examples/${encodeURIComponent(file)}`)).text();
      examples.set(file, text);
      let label = file;
      try {
        const doc = JSON.parse(text);
        const kind = String(doc.schema ?? "").replace(/^engagekit\/|@\d+$/g, "");
        if (doc.title) label = kind ? `${doc.title} (${kind})` : String(doc.title);
      } catch {
        // Keep the file name: the example may be broken on purpose.
      }
      return new Option(label, file);
    }),
  );
  exampleSelect.replaceChildren(...options);
  if (!options.length) exampleSelect.replaceChildren(new Option("No examples available", ""));
}

useExample.addEventListener("click", () => {
  const text = examples.get(exampleSelect.value);
  if (text === undefined) return;
  textarea.value = text;
  const label = exampleSelect.selectedOptions[0]?.textContent ?? exampleSelect.value;
  showStatus(el("p", { text: `Example loaded: ${label}. Select Validate to check it.` }));
});

/** The workbook module, started the first time a workbook is opened. */
let workbookModule;
function workbooks() {
  workbookModule ??= (async () => {
    const module = await import("/dist/engagekit-workbook.js");
    await module.default({ module_or_path: "/dist/engagekit-workbook_bg.wasm" });
    return module;
  })();
  workbookModule.catch(() => (workbookModule = undefined));
  return workbookModule;
}

/** Whether a file's first bytes are a workbook's (.xlsx and .ods: a zip; .xls: OLE). */
function isWorkbook(b) {
  const starts = (...sig) => sig.every((v, i) => b[i] === v);
  return starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0);
}

fileInput.addEventListener("change", async () => {
  const file = fileInput.files[0];
  if (!file) return;
  clearResult();
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isWorkbook(bytes)) {
    textarea.value = new TextDecoder().decode(bytes);
    showStatus(el("p", { text: `${file.name} opened. Select Validate to check it.` }));
    return;
  }
  showStatus(el("p", { text: `Reading the workbook ${file.name}…` }));
  let doc;
  try {
    const api = await workbooks();
    const given = { name: file.name, bytes };
    const kind = api.workbookKind(given);
    if (kind === "monitoring") {
      throw Object.assign(new Error("a provider's return is read against its charter: read it with engagekit import monitoring RETURN --charter CHARTER --period PERIOD"), { code: "invalid-option", path: file.name });
    }
    doc = api.importWorkbook(kind, given);
  } catch (err) {
    showError(err, "The workbook could not be read");
    return;
  }
  textarea.value = JSON.stringify(doc, null, 2);
  try {
    await ready;
    showValidation(validate(textarea.value));
  } catch (err) {
    showError(err);
  }
});

for (const [kind, name] of [["evaluation", "panel.xlsx"], ["timeline", "plan.xlsx"]]) {
  document.getElementById(`blank-${kind}`).addEventListener("click", async () => {
    clearResult();
    showStatus(el("p", { text: "Preparing the workbook…" }));
    let bytes;
    try {
      bytes = (await workbooks()).workbookTemplate(kind);
    } catch (err) {
      showError(err, "The workbook could not be made");
      return;
    }
    const a = document.createElement("a");
    a.download = name;
    a.href = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    document.body.append(a);
    a.click();
    a.remove();
    showStatus(el("p", { text: `${name} downloaded: fill it in, then open it here.` }));
  });
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearResult();
  try {
    await ready;
  } catch (err) {
    showError(err, "The checker could not start");
    return;
  }
  try {
    showValidation(validate(textarea.value));
  } catch (err) {
    textarea.setAttribute("aria-invalid", "true");
    showError(err);
  }
});

try {
  await loadExamples();
} catch (err) {
  exampleSelect.replaceChildren(new Option("Examples could not be loaded", ""));
  showError(err, "The examples could not be loaded");
}
try {
  await ready;
  document.documentElement.dataset.ready = "true";
} catch (err) {
  showError(err, "The checker could not start");
}
