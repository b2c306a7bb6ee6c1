#!/usr/bin/env node
// Strips what a browser does not need from a widget module of www/widgets/, for dist/ (issue 17:
// every KB of a phone's first visit counts): whole-line `//` comments, `/* ... */` blocks that
// start a line, blank lines and indentation, everywhere except inside template literals (the CSS,
// whose lines are left as they are). Not a minifier: no name, statement or expression changes,
// so the code that runs is the code of www/widgets/ line for line. scripts/build-dist.sh runs
// `node --check` on the result, and the browser tests run it.
//
//   node scripts/strip-comments.mjs IN OUT
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: strip-comments.mjs IN OUT");
  process.exit(2);
}

const out = [];
let inTemplate = false; // inside a template literal that spans lines
let inBlock = false; // inside a /* ... */ comment that started a line
for (const line of readFileSync(input, "utf8").split("\n")) {
  if (inTemplate) {
    out.push(line);
  } else if (inBlock) {
    if (line.includes("*/")) inBlock = false;
    continue;
  } else {
    const code = line.trim();
    if (code === "" || code.startsWith("//")) continue;
    if (code.startsWith("/*")) {
      if (!code.includes("*/")) inBlock = true;
      continue;
    }
    out.push(code);
  }
  // Backticks outside a trailing // comment open or close a template literal (an escaped \` does not).
  const tail = inTemplate ? line : line.replace(/\s\/\/ [^`]*$/, "");
  const ticks = (tail.replace(/\\`/g, "").match(/`/g) ?? []).length;
  if (ticks % 2 === 1) inTemplate = !inTemplate;
}
if (inTemplate || inBlock) {
  console.error(`strip-comments: ${input}: a template literal or comment is never closed`);
  process.exit(1);
}
writeFileSync(output, out.join("\n") + "\n");
