// The hostile-text corpus of issue 9 (part 3), shared by pkg-tests/hostile.test.mjs (the core's
// HTML in node) and www/tests/hostile.test.mjs (every widget in Chromium).
//
// Every payload that would run script sets `window.__pwned`; `PAYLOADS` numbers them, so the
// assignment becomes `window.__pwned=N` (N = the payload's number) and a trap on the page can say
// which payload ran. `hostileDocuments(engagekit, payload)` puts a payload into every free-text
// field of every example document: the fields are found by probing the core's own validation (a
// string the loader accepts whatever its content is free text; ids, dates, enum values, schema
// tags and references are refused and left alone).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

const PWN = "window.__pwned=1";
// <script>parent.__pwned=1</script>, base64 (for data: URLs that hide their markup).
const B64 = Buffer.from("<script>parent.__pwned=1</script>").toString("base64");
const COMBINING = Array.from({ length: 120 }, (_, i) => String.fromCharCode(0x300 + (i % 0x70))).join("");

/** [name, text]: the raw corpus (before numbering). */
const RAW = [
  // Script elements.
  ["script tag", `<script>${PWN}</script>`],
  ["script tag, upper case, src data:", `<SCRIPT SRC="data:text/javascript,${PWN}"></SCRIPT>`],
  ["script in svg", `<svg><script>${PWN}</script></svg>`],
  ["script in template", `<template><script>${PWN}</script></template>`],
  ["script split by NUL", `<scr\u0000ipt>${PWN}</scr\u0000ipt>`],
  // Event handler attributes.
  ["img onerror", `<img src=x onerror="${PWN}">`],
  ["img onerror, unquoted", `<img src=x onerror=${PWN}>`],
  ["svg onload", `<svg onload="${PWN}">`],
  ["svg animate onbegin", `<svg><animate onbegin="${PWN}" attributeName="x" dur="1s"/></svg>`],
  ["details ontoggle", `<details open ontoggle="${PWN}"><summary>x</summary></details>`],
  ["body onload", `<body onload="${PWN}">`],
  ["input autofocus onfocus", `<input autofocus onfocus="${PWN}">`],
  ["custom element onfocus", `<xss contenteditable autofocus onfocus="${PWN}">x</xss>`],
  ["onclick and alert", `<b onclick="alert(1);${PWN}">click me</b><img src=x onerror="alert(2);${PWN}">`],
  ["attribute breakout, double quote", `"><script>${PWN}</script>`],
  ["attribute breakout, single quote", `' onmouseover='${PWN}' x='`],
  ["attribute breakout, backtick", "` onmouseover=`" + PWN + "` x=`"],
  // javascript: and data: URLs.
  ["javascript: URL", `javascript:${PWN}`],
  ["javascript: URL, mixed case and spaces", ` JaVaScRiPt\t:${PWN}`],
  ["a href javascript:", `<a href="javascript:${PWN}">click me</a>`],
  ["a href entity-encoded javascript:", `<a href="&#106;avascript:${PWN}">click me</a>`],
  ["data: URL, HTML", `data:text/html,<script>parent.__pwned=1</script>`],
  ["data: URL, base64", `data:text/html;base64,${B64}`],
  ["iframe javascript:", `<iframe src="javascript:parent.__pwned=1"></iframe>`],
  ["iframe srcdoc", `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`],
  ["object data:", `<object data="data:text/html;base64,${B64}"></object>`],
  ["embed javascript:", `<embed src="javascript:${PWN}">`],
  ["form action", `<form action="javascript:${PWN}"><button>Send</button></form>`],
  ["base href", `<base href="javascript:${PWN}//">`],
  ["meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:${PWN}">`],
  ["markdown link", `[click me](javascript:${PWN}) ![x](javascript:${PWN})`],
  ["web address with a quote", `See https://example.nhs.uk/" onmouseover="${PWN}" x=" for more`],
  // SVG and MathML tricks (mutation XSS).
  ["svg xlink:href", `<svg><a xlink:href="javascript:${PWN}"><text x="20" y="20">click</text></a></svg>`],
  ["svg use data:", `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${PWN}'/></svg>#x"/></svg>`],
  ["math href", `<math href="javascript:${PWN}">click</math>`],
  ["math mglyph style", `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`],
  ["noscript title", `<noscript><p title="</noscript><img src=x onerror=${PWN}>">`],
  // </script> inside inline JSON.
  ["close script", `</script><script>${PWN}</script>`],
  ["close script, img", `</script><img src=x onerror=${PWN}>`],
  ["comment and close script", `<!--<script></script><script>${PWN}</script>-->`],
  // CSS injection.
  ["close style, hide body", `</style><style>body{display:none}</style>`],
  ["close style, img", `</style><img src=x onerror="${PWN}">`],
  ["style import", `<style>@import 'javascript:${PWN}';</style>`],
  ["css expression", `x{width:expression(${PWN})}<div style="width:expression(${PWN})">`],
  ["css url javascript:", `<div style="background:url(javascript:${PWN})">x</div>`],
  ["style link data:", `}</style><link rel="stylesheet" href="data:text/css,body{display:none}">`],
  ["host selector", `:host{display:none!important} *{position:fixed;left:-9999px}`],
  // Text that is only text.
  ["right-to-left override", "\u202Egnp.exe.txt \u202Bright to left\u202C \u2067isolated\u2069 \u200F"],
  ["zero-width characters", "a\u200Bb\u200Cc\u200Dd\uFEFFe\u2060f\u00ADg"],
  ["combining characters", `Z${COMBINING}algo`],
  ["very long word", "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(110)],
  ["very long address", `https://www.example.nhs.uk/${"a".repeat(3000)}`],
  ["template literal", "${" + PWN + "} `${" + PWN + "}`"],
  ["template expression", `{{constructor.constructor('${PWN}')()}}`],
  ["entities: &lt;script&gt;", `&lt;script&gt;${PWN}&lt;/script&gt;`],
  ["entities: &#x3C;script", `&#x3C;script&#x3E;${PWN}&#x3C;/script&#x3E;`],
  ["entities: &#60;img", `&#60;img src=x onerror=${PWN}&#62; &amp;lt;b&amp;gt;`],
  ["NUL and control characters", "\u0000\u0001\u0007\u0008\u001B[31mred\u001B[0m\u007F\u0085\u000B\u000C"],
  ["line breaks", "first line\r\nsecond line\n\n# 9 Heading\n\n1 Injected heading\n- list\r\u2028\u2029"],
];

/** The corpus: {id, name, text}, each `window.__pwned=1` numbered with the payload's id. */
export const PAYLOADS = RAW.map(([name, text], i) => ({ id: i + 1, name, text: text.replaceAll("__pwned=1", `__pwned=${i + 1}`) }));

/** The 1 MB payload (used in a few places only): markup, then a megabyte with no space. */
export const MEGABYTE = {
  id: PAYLOADS.length + 1,
  name: "1 MB string",
  text: `<img src=x onerror="window.__pwned=${PAYLOADS.length + 1}">` + "x".repeat(1 << 20),
};

/** The example documents: [{file, kind, doc}] (kind: the schema's short name). */
export function exampleDocuments() {
  const dir = path.join(repo, "examples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const doc = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
      return { file, kind: doc.schema.replace(/^engagekit\/|@\d+$/g, ""), doc };
    });
}

// Keys never free text, even when the loader would take any string there.
const NOT_TEXT = new Set(["id", "schema"]);

/** The paths (arrays of keys) of every string in `value`. */
function stringPaths(value, at = []) {
  if (typeof value === "string") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function get(doc, at) {
  return at.reduce((v, k) => v[k], doc);
}

function set(doc, at, value) {
  get(doc, at.slice(0, -1))[at.at(-1)] = value;
}

const fieldCache = new Map();

/**
 * The free-text fields of `doc`: each string path, not under an `id` or `schema` key, whose string
 * the loader still accepts when it is changed to other words (ids, dates, enums, references and
 * schema tags are refused).
 */
export function freeTextFields(engagekit, file, doc) {
  if (fieldCache.has(file)) return fieldCache.get(file);
  const fields = stringPaths(doc).filter((at) => {
    if (NOT_TEXT.has(String(at.at(-1)))) return false;
    const copy = structuredClone(doc);
    set(copy, at, `${get(doc, at)} <b>probe</b> ${at.join(".")}`);
    try {
      engagekit.validate(copy);
      return true;
    } catch {
      return false;
    }
  });
  fieldCache.set(file, fields);
  return fields;
}

/**
 * `doc` with `payload` in every free-text field (the first `only` of them, if given): replacing
 * each string (mode "replace") or appended to each (mode "append"); when the loader refuses the
 * mode asked for (texts that must differ, say), the other. Returns {doc, mode, fields}.
 */
export function withPayload(engagekit, file, doc, payload, { only, mode: wanted = "replace" } = {}) {
  let fields = freeTextFields(engagekit, file, doc);
  if (only) fields = fields.slice(0, only);
  const modes = wanted === "replace" ? ["replace", "append"] : ["append", "replace"];
  for (const mode of modes) {
    const copy = structuredClone(doc);
    for (const at of fields) set(copy, at, mode === "replace" ? payload : `${get(doc, at)} ${payload}`);
    try {
      engagekit.validate(copy);
      return { doc: copy, mode, fields: fields.length };
    } catch (err) {
      if (mode === modes[1]) throw new Error(`${file} with payload ${JSON.stringify(payload.slice(0, 60))}: ${err.message}`);
    }
  }
  throw new Error("unreachable");
}
