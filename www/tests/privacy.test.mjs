// Privacy in the browser (issue 9, part 6): no widget sends anything anywhere. Every demo page is
// loaded and used (a score given, the feedback form answered and sent, a report checked, the
// moderation's summaries opened) while every request is recorded: any request but the page, its
// own style sheet, the widgets' files (/dist/, /pkg/) and the `src` documents of its widgets fails
// the test. The document checker (index.html, no widget) may also read its list of examples.
// Also: the charter dashboard shows no suppressed count or value (worked out by hand from
// examples/cyp-mental-health.monitoring.json; the core's side is pkg-tests/privacy.test.mjs).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { widgetsSettled } from "./lib/browser.mjs";
import { useDemoBrowser } from "./lib/suite.mjs";

const PAGES = ["index.html", "partner.html", "report.html", "report-check.html", "charter.html", "panel.html", "moderation.html", "cms-editors.html", "cms-page.html"];

describe("privacy: the widgets send nothing anywhere", { timeout: 240_000 }, () => {
  const demo = useDemoBrowser();

  for (const name of PAGES) {
    test(`${name}: no request but the page, its style sheet, the widgets' files and their src documents`, async () => {
      const page = await demo.browser.context.newPage();
      const requests = [];
      page.on("request", (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
      // Beacons, pings and sockets show as requests too; a WebSocket would not.
      page.on("websocket", (ws) => requests.push({ url: ws.url(), method: "WEBSOCKET", type: "websocket" }));
      try {
        await page.goto(demo.base + name);
        if (name === "index.html") {
          await page.waitForLoadState("networkidle");
        } else {
          await widgetsSettled(page);
          // Use the widgets: everything a person would do that could send something.
          await page.evaluate(() => {
            const all = (sel) => [...document.querySelectorAll(sel)];
            for (const w of all("engage-scorecard")) {
              w.shadowRoot.querySelector("input[type=radio]")?.click();
              const t = w.shadowRoot.querySelector("textarea");
              if (t) {
                t.value = "A reason that stays in this browser.";
                t.dispatchEvent(new Event("input"));
              }
            }
            for (const w of all("engage-charter-feedback")) {
              for (let i = 0; i < 10 && !/Thank you/.test(w.shadowRoot.textContent); i++) {
                w.shadowRoot.querySelector("input[type=radio]")?.click();
                w.shadowRoot.querySelector("form")?.requestSubmit();
              }
            }
            for (const w of all("engage-report-check")) w.shadowRoot.querySelector("form")?.requestSubmit();
            for (const w of all("engage-moderation, engage-timeline")) for (const d of w.shadowRoot.querySelectorAll("details")) d.open = true;
          });
          await page.waitForLoadState("networkidle");
          await page.waitForTimeout(300);
        }
        const srcs = await page.evaluate(() =>
          [...document.querySelectorAll("*")].filter((e) => e.localName.startsWith("engage-") && e.hasAttribute("src")).map((e) => new URL(e.getAttribute("src"), document.baseURI).href),
        );
        const allowed = (url) => {
          if (/^(data|blob):/.test(url)) return true; // not a network request
          const u = new URL(url);
          if (u.origin !== new URL(demo.base).origin) return false;
          if (u.href === demo.base + name || (name === "index.html" && u.href === demo.base)) return true;
          if (u.pathname === "/style.css") return true;
          if (u.pathname.startsWith("/dist/") || u.pathname.startsWith("/pkg/")) return true;
          if (srcs.includes(u.href)) return true;
          return name === "index.html" && (u.pathname === "/app.js" || u.pathname.startsWith("/examples/"));
        };
        const bad = requests.filter((r) => !allowed(r.url) || (r.method !== "GET" && r.method !== "HEAD"));
        assert.deepEqual(bad, [], `${name} sent requests it should not`);
        // The recording works: the page itself was seen.
        assert.ok(requests.some((r) => r.url === demo.base + name || (name === "index.html" && r.url === demo.base)));
        await page.evaluate(() => localStorage.clear());
      } finally {
        await page.close();
      }
    });
  }

  test("the charter dashboard never shows a suppressed count or value", async () => {
    // 2025-26 Q1, at least 5 answers to show: PC5 "ready for adult services" had 0+1+1+1+0 = 3
    // answers (1 agreeing: 33.33%) and PC7 "parents listened to" 0+0+1+2+1 = 4 (3 agreeing: 75%).
    const page = await demo.browser.context.newPage();
    try {
      await page.goto(demo.base + "charter.html");
      await widgetsSettled(page);
      const items = await page.locator("engage-charter-dashboard").evaluate((w) =>
        [...w.shadowRoot.querySelectorAll(".measures > li")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
      );
      const text = await page.locator("engage-charter-dashboard").evaluate((w) => w.shadowRoot.textContent.replace(/\s+/g, " "));
      const suppressed = [
        ["Young people who agree they felt ready to move to adult services", 3, "33.33"],
        ["Parents and carers who agree they were listened to", 4, "75.00"],
      ];
      for (const [description, n, value] of suppressed) {
        const item = items.find((t) => t.startsWith(description));
        assert.ok(item, description);
        assert.match(item, /Not shown: fewer than 5 responses/);
        // No number in the item but the 5 of the rule and the target (the description has none).
        assert.deepEqual(item.replace("fewer than 5 responses", "").replace(/Target\s*80\.00% or more/, "").match(/\d+(\.\d+)?/g), null, item);
        assert.ok(!text.includes(`${value}%`), `${value}% shown`);
        assert.ok(!text.includes(`(${n} answered)`), `${n} answers shown`);
      }
      // Those that are shown still are (the page is not simply empty).
      assert.match(text, /66\.67% agree \(42 answered\)/);
    } finally {
      await page.close();
    }
  });
});
