// ui.mjs drives Debian's chromium through playwright-core against a sitrep
// server that the Go test (cmd/sitrep/serve_browser_test.go) started with
// fixture documents. It exits non-zero on the first failed check.
//
//	SITREP_URL=http://127.0.0.1:PORT SITREP_TOKEN=... node web/e2e/ui.mjs
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const base = process.env.SITREP_URL;
const token = process.env.SITREP_TOKEN;
const exe = process.env.CHROMIUM || "/usr/bin/chromium";
if (!base || !token) {
  console.error("ui.mjs: set SITREP_URL and SITREP_TOKEN");
  process.exit(2);
}

// waitFor polls fn in the page. Playwright's own waitForFunction compiles
// its predicate with eval, which the server's Content-Security-Policy
// (rightly) forbids; page.evaluate goes through the debugger and is not.
async function waitFor(fn, arg, opts) {
  const deadline = Date.now() + ((opts && opts.timeout) || 10000);
  for (;;) {
    // A view being redrawn or a page being reloaded may throw; poll on.
    if (await page.evaluate(fn, arg).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error("timed out waiting for " + fn.toString());
    await new Promise((r) => setTimeout(r, 100));
  }
}

let passed = 0;
function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
  passed++;
  console.log("ok -", what);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sitrep-chromium-"));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: exe,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
});
const page = ctx.pages()[0] || (await ctx.newPage());
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
const offsite = [];
page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) offsite.push(r.url()); });

try {
  // The map shows markers.
  await page.goto(base + "/", { waitUntil: "load" });
  await page.waitForSelector("#map[data-markers]", { timeout: 20000 });
  await waitFor(() => document.querySelectorAll(".leaflet-overlay-pane path.country").length > 100, null, { timeout: 20000 });
  const total = Number(await page.getAttribute("#map", "data-markers"));
  check(total >= 5, `the map holds the fixture events (${total} markers)`);
  const drawn = await page.locator(".leaflet-marker-pane .marker, .leaflet-marker-pane .cluster").count();
  check(drawn > 0, `markers are drawn on the map (${drawn} icons)`);

  // The first page load transfers under 1 MB.
  const bytes = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return performance.getEntriesByType("resource").reduce((n, e) => n + e.transferSize, nav ? nav.transferSize : 0);
  });
  console.log(`first page load: ${bytes} bytes transferred`);
  check(bytes > 0 && bytes < 1_000_000, `the first page load transfers under 1 MB (${bytes} bytes)`);
  check(offsite.length === 0, "no request leaves the server (offline): " + offsite.join(" "));

  // A type filter changes them.
  await waitFor(() => document.querySelectorAll("#f-type option").length > 2);
  await page.selectOption("#f-type", "Protests");
  await waitFor(() => document.querySelector("#map").dataset.markers === "1", null, { timeout: 10000 });
  check(true, "choosing the type Protests leaves one marker");
  // The list is drawn when the timeline and the events have come too, a
  // moment after the markers: wait for it before counting.
  await waitFor(() => document.querySelectorAll("#event-list li a").length === 1, null, { timeout: 10000 }).catch(() => {});
  const listed = await page.locator("#event-list li").count();
  check(listed === 1, `the event list follows the filter (${listed} item)`);

  // The timeline's dragged range filters the list.
  await page.selectOption("#f-type", "");
  await waitFor((n) => document.querySelector("#map").dataset.markers === String(n), total);
  const box = await page.locator(".tl-svg").boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.waitForSelector("#range:not([hidden])");
  await waitFor((n) => Number(document.querySelector("#map").dataset.markers) < n, total, { timeout: 10000 });
  check(true, "dragging on the timeline selects dates and narrows the map");
  await page.click("#range button");
  await page.waitForSelector("#range[hidden]", { state: "attached" });

  // An article opens with highlighted evidence, its markup shown as text.
  await page.selectOption("#f-type", "Protests");
  await waitFor(() => document.querySelector("#map").dataset.markers === "1" && document.querySelectorAll("#event-list li a").length === 1);
  await page.click("#event-list a");
  await page.waitForSelector("#article-text mark.hl-event", { timeout: 10000 });
  const kinds = await page.evaluate(() => ["event", "place", "claim", "person"].filter((k) => document.querySelector("#article-text mark.hl-" + k)));
  check(kinds.length === 4, "the article highlights events, places, claims and people: " + kinds.join(","));
  const text = await page.textContent("#article-text");
  check(text.includes("<script>"), "markup in the article is shown as text");
  check((await page.locator("#article-text script").count()) === 0, "no script element comes from the article");
  check(!errors.some((e) => e.includes("injected")), "the article's script did not run");

  // A review changes a claim's status, and the change survives a reload.
  await page.click("#signin-open");
  await page.fill("#signin input[name=token]", token);
  await page.click("#signin-ok");
  await page.waitForSelector(".review-form", { timeout: 10000 });
  const card = page.locator(".claim-card").first();
  check((await card.locator(".claim-head .badge").textContent()) === "unverified", "the claim starts unverified");
  await card.locator("select[name=status]").selectOption("false");
  await card.locator("textarea[name=note]").fill("The video is from 2014 <b>old</b>");
  await card.locator("button[type=submit]").click();
  await waitFor(() => document.querySelector(".claim-card .claim-head .badge").textContent === "false", null, { timeout: 10000 });
  check(true, "the review sets the claim to false");
  await page.reload({ waitUntil: "load" });
  await page.waitForSelector(".claim-card .claim-head .badge");
  const after = await page.textContent(".claim-card .claim-head .badge");
  check(after === "false", `after a reload the claim is still false (${after})`);
  const trail = await page.textContent(".claim-card .trail");
  check(trail.includes("e2e-reviewer") && trail.includes("The video is from 2014 <b>old</b>"), "the audit trail shows who and the note, as text");

  // The claims board shows it with its new status.
  await page.goto(base + "/#/claims");
  await page.selectOption("#c-status", "false");
  await waitFor(() => document.querySelectorAll("table.claims tbody tr").length === 1 && document.querySelector("table.claims tbody .badge"), null, { timeout: 10000 });
  check(true, "the claims board filters by the reviewed status");

  // Search finds the Irpin reports; their story counts two independent sources.
  await page.fill("#search input", "liberated");
  await page.press("#search input", "Enter");
  await waitFor(() => document.querySelectorAll("ol.hits li").length >= 2, null, { timeout: 10000 });
  check(true, "searching for 'liberated' finds the Irpin reports");
  await page.goto(base + "/#/stories");
  await waitFor(() => [...document.querySelectorAll("ul.stories li")].some((li) => li.textContent.includes("2 independent sources")), null, { timeout: 10000 });
  await page.locator("ul.stories li", { hasText: "2 independent sources" }).first().locator("a").click();
  await waitFor(() => document.querySelectorAll("ul.members li").length >= 2, null, { timeout: 10000 });
  const outlets = await page.textContent(".story");
  check(outlets.includes("Kyiv Wire") && outlets.includes("Danube Post"), "the story lists both outlets");

  // A quotation interrupted by its attribution shows as its parts.
  const shown = await page.evaluate(async () => {
    const src = [...document.querySelectorAll("script[type=module]")].map((s) => s.src).find((u) => u.includes("/static/"));
    const m = await import(new URL("dom.js", src).href);
    return m.contentText({ content: { text: "“A,” she said. “B.”" }, content_parts: [{ text: "“A,”" }, { text: "“B.”" }] });
  });
  check(shown === "“A,” … “B.”", "an interrupted quotation is shown as its parts: " + shown);

  check(errors.length === 0, "no errors in the browser console: " + errors.join(" | "));
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  console.error(e.stack || String(e));
  console.log(`${passed} passed, 1 failed`);
  await page.screenshot({ path: path.join(os.tmpdir(), "sitrep-ui-failure.png") }).catch(() => {});
  process.exitCode = 1;
} finally {
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
