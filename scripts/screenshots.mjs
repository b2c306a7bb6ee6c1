#!/usr/bin/env node
// Usage: make dist && node scripts/screenshots.mjs
//
// Screenshots of each widget for the CMS editors' guide (docs/cms-editors.md): one PNG per widget
// in docs/images/ (widget-NAME.png), cropped to the widget's element, in a 720 CSS pixel wide
// window at device scale 1, as the demo pages show it with their example documents (served from
// www/ and dist/ by www/serve.mjs, in Debian's Chromium through playwright-core; scripts/setup.sh
// installs both). A widget taller than 2,200 pixels (a whole report, say) is cut there, fading
// out. The PNGs are committed, so they are kept small: written again with a palette of the 256
// colours used most (a widget uses a thousand or so, mostly shades of text edges), and over
// 150 KB is an error.
//
//   node scripts/screenshots.mjs [NAME...]     only the widgets named (e.g. timeline moderation)
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync, inflateSync } from "node:zlib";

import { chromium } from "playwright-core";

import { CHROMIUM, CHROMIUM_ARGS, repo, startDemoServer, widgetsSettled } from "../www/tests/lib/browser.mjs";

const WIDTH = 720;
const MAX_HEIGHT = 2200;
const FADE = 160;
const MAX_BYTES = 150 * 1024;
const out = path.join(repo, "docs", "images");

/**
 * Each widget: the demo page that shows it, the element on that page, what to change first
 * (`prepare`, run in the page with the element) so the picture matches the guide's snippet, and
 * what a person does before the picture (`act`, with the element's locator).
 */
const WIDGETS = [
  {
    name: "timeline",
    page: "partner.html",
    selector: "#stroke-timeline",
    // The guide's snippet has no show-findings: the picture shows what the snippet gives. (The
    // timeline reads show-findings when it connects, so it is put in again without it.)
    prepare: (el) => {
      const again = el.cloneNode(true);
      again.removeAttribute("show-findings");
      el.replaceWith(again);
    },
  },
  { name: "survey-status", page: "partner.html", selector: "engage-survey-status" },
  { name: "report", page: "report.html", selector: "engage-report" },
  {
    name: "report-check",
    page: "report-check.html",
    selector: "engage-report-check",
    // The demo's pasted report, checked: the picture shows the findings by line.
    act: async (element) => {
      await element.getByRole("button", { name: "Check the report" }).click();
      await element.getByRole("heading", { name: /to look at|No problems found/ }).waitFor();
    },
  },
  { name: "charter-dashboard", page: "charter.html", selector: "engage-charter-dashboard" },
  { name: "charter-feedback", page: "charter.html", selector: "engage-charter-feedback" },
  { name: "scorecard", page: "panel.html", selector: "engage-scorecard" },
  { name: "moderation", page: "moderation.html", selector: "engage-moderation" },
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !WIDGETS.some((w) => w.name === n));
if (unknown.length) {
  console.error(`screenshots: no widget named ${unknown.join(", ")} (widgets: ${WIDGETS.map((w) => w.name).join(", ")})`);
  process.exit(2);
}

// --- PNG: Chromium writes 8-bit RGB or RGBA; this reads that and writes a palette PNG. ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** {width, height, rgb}: the pixels of a non-interlaced 8-bit RGB or RGBA PNG (alpha dropped). */
function readPng(png) {
  let width;
  let height;
  let channels;
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`unexpected PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = up[i];
      const c = i >= channels ? up[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[i] = v & 0xff;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) pixels.copy(rgb, p * 3, p * channels, p * channels + 3);
  return { width, height, rgb };
}

/**
 * A palette PNG of `rgb`: the 256 colours used most, every other colour drawn as the nearest of
 * them (a screenshot of a widget has about a thousand colours, most of them a few pixels each of
 * anti-aliased text edges).
 */
function writePalettePng({ width, height, rgb }) {
  const counts = new Map();
  for (let i = 0; i < rgb.length; i += 3) {
    const c = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const palette = [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, 256).map(([c]) => c);
  const index = new Map(palette.map((c, i) => [c, i]));
  const nearest = (c) => {
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i < palette.length; i++) {
      const p = palette[i];
      const dr = ((c >> 16) & 255) - ((p >> 16) & 255);
      const dg = ((c >> 8) & 255) - ((p >> 8) & 255);
      const db = (c & 255) - (p & 255);
      const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    }
    return best;
  };
  for (const c of counts.keys()) if (!index.has(c)) index.set(c, nearest(c));
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[y * (width + 1) + 1 + x] = index.get((rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]);
    }
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((c, i) => plte.set([(c >> 16) & 255, (c >> 8) & 255, c & 255], i * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("PLTE", plte),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// --- The screenshots ---------------------------------------------------------------------------

mkdirSync(out, { recursive: true });
const [server, base] = await startDemoServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
let failed = false;
try {
  for (const widget of WIDGETS.filter((w) => !only.length || only.includes(w.name))) {
    // A fresh context each: no draft or moderation left in localStorage by another run.
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: "light",
      reducedMotion: "reduce",
      // The page's language; a date field still reads 03/31/2017, as Debian's chromium carries
      // only its en-US locale (chromium-l10n has the others).
      locale: "en-GB",
      timezoneId: "Europe/London",
    });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (msg) => msg.type() === "error" && problems.push(`console: ${msg.text()}`));
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    await page.goto(base + widget.page);
    await widgetsSettled(page);
    const element = page.locator(widget.selector).first();
    if (widget.prepare) {
      await element.evaluate(widget.prepare);
      await widgetsSettled(page);
    }
    if (widget.act) await widget.act(element);
    await page.evaluate(() => document.fonts.ready);
    const state = await element.getAttribute("data-state");
    const file = path.join(out, `widget-${widget.name}.png`);
    await element.scrollIntoViewIfNeeded();
    const box = await element.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
    });
    const cut = box.height > MAX_HEIGHT;
    if (cut) {
      // Where the picture is cut, the widget fades out (an overlay on the page, for the picture).
      await page.evaluate(({ x, y, width, fade }) => {
        const veil = document.createElement("div");
        veil.style.cssText = `position: absolute; left: ${x}px; top: ${y}px; width: ${width}px; height: ${fade}px; background: linear-gradient(rgba(255,255,255,0), #ffffff 90%); z-index: 2147483647; pointer-events: none;`;
        document.body.append(veil);
      }, { x: box.x, y: box.y + MAX_HEIGHT - FADE, width: box.width, fade: FADE });
    }
    const clip = { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(Math.min(box.height, MAX_HEIGHT)) };
    const shot = await page.screenshot({ clip, fullPage: true, animations: "disabled", caret: "hide" });
    writeFileSync(file, writePalettePng(readPng(shot)));
    const bytes = statSync(file).size;
    const notes = [];
    if (state !== "ready") notes.push(`the widget is in the ${state} state`);
    if (problems.length) notes.push(...problems);
    if (bytes > MAX_BYTES) notes.push(`${Math.round(bytes / 1024)} KB is over ${MAX_BYTES / 1024} KB`);
    const size = `${clip.width}x${clip.height}${cut ? ` of ${Math.round(box.height)}, cut` : ""}`;
    console.log(`screenshots: ${path.relative(repo, file)}: ${size}, ${Math.round(bytes / 1024)} KB${notes.length ? ` (PROBLEM: ${notes.join("; ")})` : ""}`);
    if (notes.length) failed = true;
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
process.exitCode = failed ? 1 : 0;
