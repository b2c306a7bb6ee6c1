// Rendered reports: the HTML parses without a single error (parse5, the HTML standard's parser)
// and holds nothing from the input but text: every element and attribute is one the renderer
// writes itself, and every link goes to a web or mail address or an anchor.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { parseFragment } from "parse5";

import { engagekit, repo } from "./engagekit.mjs";

const ELEMENTS = new Set(["article", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "nav", "ol", "ul", "li", "a", "section", "p", "span", "table", "caption", "thead", "tbody", "tr", "th", "td"]);
const ATTRIBUTES = new Set(["class", "id", "href", "scope", "aria-labelledby", "aria-label"]);

function check(html) {
  const errors = [];
  const fragment = parseFragment(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  assert.deepStrictEqual(errors, [], "HTML parse errors");
  const walk = (node) => {
    if (node.tagName) {
      assert.ok(ELEMENTS.has(node.tagName), `unexpected element <${node.tagName}>`);
      for (const { name, value } of node.attrs) {
        assert.ok(ATTRIBUTES.has(name), `unexpected attribute ${name}="${value}" on <${node.tagName}>`);
        if (name === "href") assert.match(value, /^(https?:\/\/|mailto:|#)/, `unsafe link ${value}`);
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(fragment);
}

test("the example report renders to HTML that parses cleanly", () => {
  check(engagekit.renderReport(readFileSync(path.join(repo, "examples", "kent-medway-progress.report.json"), "utf8"), { to: "html" }));
});

test("the seed report (plain text) renders to HTML that parses cleanly", () => {
  check(engagekit.renderReport(readFileSync(path.join(repo, "tests", "data", "stp-one-year-on-2017.txt"), "utf8"), { to: "html" }));
});

test("markup and script in every field come out as text", () => {
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&<svg onload=alert(3)>';
  const doc = {
    schema: "engagekit/report@1", title: evil, organisation: evil, meeting: evil, author: evil, period: evil,
    sections: [{ number: "1", title: evil, blocks: [{ paragraph: evil }, { list: [evil, evil] }, { figure: { label: evil, value: 1, unit: evil } },
      { link: { text: evil, href: "javascript:alert(4)" } }, { link: { text: evil, href: `https://x.nhs.uk/"><script>alert(5)</script>` } }],
      sections: [{ title: evil, blocks: [{ paragraph: evil }] }] }],
  };
  const html = engagekit.renderReport(doc, { to: "html" });
  check(html);
  assert.doesNotMatch(html, /<script|<img|<svg|javascript:/i);
  // Report text pasted with markup is read as words, and rendered as words.
  check(engagekit.renderReport(`# ${evil}\n\n1 ${evil.replace(/</g, "< ")}\n\n${evil}\n`, { to: "html" }));
});
