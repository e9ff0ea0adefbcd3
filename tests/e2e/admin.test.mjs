// End-to-end tests of the admin page (www/) in Debian's Chromium, driven by playwright-core.
// Run: `make test-e2e` (builds pkg/ first) or `node --test tests/e2e/` once pkg/ is built.
// Screenshots of each panel go to test-results/ (not committed).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../..", import.meta.url));
const shots = join(root, "test-results");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const XSS = "<img src=x onerror=alert(1)>";
// The presets' clock (?now=): every page below is opened at this instant, so no date the
// pre-check judges depends on the day the tests run.
const NOW = "2026-12-01T09:30:00Z";

let server;
let base;
let browser;
let page;
const consoleErrors = [];
const dialogs = [];
const foreignRequests = [];

/** Starts a child process and resolves with the first stdout line matching `pattern`. */
function startServer(command, args, pattern) {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${stderr}`)), 10_000);
    child.on("exit", (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = pattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    });
  });
}

/** `url` with `?now=<now>` (before its #fragment); null: no ?now=. */
function at(url, now = NOW) {
  const u = new URL(url);
  if (now !== null) u.searchParams.set("now", now);
  return u.href;
}

/** Opens `url` and waits for the module; `before(p)` runs before the page loads (e.g. to set its clock). */
async function openPage(url, { viewport = { width: 1280, height: 800 }, before } = {}) {
  const p = await browser.newPage({ viewport });
  await before?.(p);
  p.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${JSON.stringify(message.location())})`);
  });
  p.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
  p.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const origin = new URL(url).origin;
  p.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) foreignRequests.push(request.url());
  });
  await p.goto(url);
  await p.waitForFunction(() => document.documentElement.dataset.ready !== undefined);
  assert.equal(await p.evaluate(() => document.documentElement.dataset.ready), "true", await p.locator("#module-status").textContent());
  return p;
}

const tab = (name) => page.getByRole("tab", { name });

async function loadPreset(id) {
  await page.locator("#preset").selectOption(id);
  await page.locator("#preset-load").click();
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  assert.ok(existsSync(join(root, "pkg/web/index.js")), "pkg/ is not built: run make build");
  ({ child: server, match: [, base] } = await startServer(process.execPath, ["scripts/serve.mjs", "--port", "0"], /^admin page: (http:\S+)$/));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  page = await openPage(at(base));
});

after(async () => {
  await browser?.close();
  server?.kill();
});

test("the page loads the module under its Content-Security-Policy", async () => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /worker-src 'self'/);
  assert.equal(await page.locator("script:not([src])").count(), 0, "no inline scripts");
  assert.match(await page.locator("#module-status").textContent(), /^Module \d+\.\d+\.\d+ loaded/);
  assert.equal(await page.getByRole("tab", { selected: true }).textContent(), "Pre-check");
  // The allowed preset runs on load.
  assert.equal(await page.locator("#verdict").textContent(), "Migration allowed");
});

test("the allowed preset and two refusal presets show the user's message", async () => {
  await loadPreset("allowed");
  assert.equal(await page.locator("#verdict").textContent(), "Migration allowed");
  assert.equal(await page.locator("#failed li.none").textContent(), "None");
  assert.equal(await page.locator("#passed li").count(), 12); // the billing rules are skipped
  assert.deepEqual(JSON.parse(await page.locator("#answer").textContent()), { canMigrate: true });

  await loadPreset("target-account-active");
  assert.equal(await page.locator("#verdict").textContent(), "Migration refused");
  assert.equal(
    await page.locator("#message").textContent(),
    `Account ${TARGET} is suspended; subscriptions can only be moved to an active account.`,
  );
  assert.equal(await page.locator("#failed li .code-badge").first().textContent(), "TARGET_ACCOUNT_INACTIVE");

  await loadPreset("billing-no-migration-in-flight");
  assert.equal(await page.locator("#verdict").textContent(), "Migration refused");
  assert.equal(
    await page.locator("#message").textContent(),
    "A migration for this subscription is already in progress in Fusebill (2026-12-31); wait until it has finished or cancel it there.",
  );
  assert.deepEqual(await page.locator("#failed li").evaluateAll((lis) => lis.map((li) => li.dataset.rule)), ["billing-no-migration-in-flight"]);

  await loadPreset("same-brand");
  await page.screenshot({ path: join(shots, "admin-precheck-1280x800.png") });
});

test("the presets' clock: ?now= fixes it, and the presets schedule their dates from it", async () => {
  assert.equal(await page.locator("#clock-note").textContent(), " Their clock is fixed at 2026-12-01T09:30:00.000Z (?now=).");
  await loadPreset("billing-no-migration-in-flight");
  const context = JSON.parse(await page.locator("#context").inputValue());
  assert.equal(context.now, NOW);
  assert.equal(context.billing.latest.scheduledMigrationDate, "2026-12-31", "a month after now");
  // Another instant, with an offset: 2031-06-15T01:00+02:00 is still June 14 in UTC.
  const later = await openPage(at(base, "2031-06-15T01:00:00+02:00"));
  await later.locator("#preset").selectOption("billing-no-migration-in-flight");
  await later.locator("#preset-load").click();
  assert.equal(JSON.parse(await later.locator("#context").inputValue()).now, "2031-06-14T23:00:00Z");
  assert.equal(await later.locator("#verdict").textContent(), "Migration refused");
  assert.equal(
    await later.locator("#message").textContent(),
    "A migration for this subscription is already in progress in Fusebill (2031-07-14); wait until it has finished or cancel it there.",
  );
  await later.close();
});

test("without ?now=, or with one that is no instant, the presets use the browser's clock", async () => {
  // The browser's clock is set by the test (playwright's page.clock), not read from the machine.
  const browserClock = (p) => p.clock.setFixedTime(new Date("2033-03-03T03:03:03.456Z"));
  for (const [now, note] of [[null, null], ["2026-02-30T00:00:00Z", " ?now=2026-02-30T00:00:00Z is not an RFC 3339 instant; the presets use this browser's clock."]]) {
    const other = await openPage(at(base, now), { before: browserClock });
    const context = JSON.parse(await other.locator("#context").inputValue());
    assert.equal(context.now, "2033-03-03T03:03:03Z", "the allowed preset, loaded at start, at the browser's time (whole seconds)");
    assert.equal(await other.locator("#clock-note").count(), note === null ? 0 : 1);
    if (note !== null) assert.equal(await other.locator("#clock-note").textContent(), note);
    await other.locator("#preset").selectOption("billing-no-migration-in-flight");
    await other.locator("#preset-load").click();
    assert.match(await other.locator("#message").textContent(), /in progress in Fusebill \(2033-04-02\)/);
    await other.close();
  }
});

test("a context without brands, state or status: the rules that need them are listed as skipped, with what is missing", async () => {
  await loadPreset("allowed-missing-data");
  assert.equal(await page.locator("#verdict").textContent(), "Migration allowed");
  const skipped = await page.locator("#skipped li[data-rule]").evaluateAll((lis) => lis.map((li) => [li.dataset.rule, li.querySelector(".missing-data")?.textContent ?? null]));
  assert.deepEqual(skipped, [
    ["target-account-active", "no status in the context"],
    ["same-brand", "no brandId in the context"],
    ["subscription-not-in-transition", "no state in the context"],
    ["billing-no-migration-in-flight", null],
    ["billing-request-valid", null],
  ]);
  await loadPreset("policy-refuse-missing-brand");
  assert.equal(await page.locator("#message").textContent(), `The brand of account ${TARGET} is not known; ask the provider to check it.`);
  assert.equal(await page.locator("#failed li .code-badge").first().textContent(), "DATA_MISSING");
});

test("switching to German shows the German message", async () => {
  await loadPreset("target-account-active");
  await page.locator("#locale").selectOption("de");
  assert.equal(
    await page.locator("#message").textContent(),
    `Das Konto ${TARGET} ist gesperrt; Abonnements können nur auf ein aktives Konto verschoben werden.`,
  );
  assert.match(await page.locator("#explain-meta").textContent(), /^Locale de /);
  await page.locator("#locale").selectOption("en");
  assert.match(await page.locator("#message").textContent(), /^Account /);
});

test("every built-in rule has a preset that is refused by exactly that rule", async () => {
  const { rules, presets } = await page.evaluate(async () => {
    const api = await import("/pkg/web/index.js");
    const { PRESETS } = await import("/presets.js");
    return { rules: api.builtInRules().map((r) => r.id), presets: PRESETS.map((p) => ({ id: p.id, refuses: p.refuses })) };
  });
  const seen = [];
  for (const preset of presets) {
    await loadPreset(preset.id);
    const verdict = await page.locator("#verdict").textContent();
    const failed = await page.locator("#failed li[data-rule]").evaluateAll((lis) => lis.map((li) => li.dataset.rule));
    if (preset.refuses === null) {
      assert.equal(verdict, "Migration allowed", preset.id);
    } else {
      assert.equal(verdict, "Migration refused", preset.id);
      assert.deepEqual(failed, [preset.refuses], preset.id);
      assert.ok((await page.locator("#message").textContent()).length > 0, preset.id);
      seen.push(preset.refuses);
    }
  }
  for (const rule of rules) assert.ok(seen.includes(rule), `no preset refuses with ${rule}`);
});

test("a host error (bad context) is shown as the host's error, not as a refusal", async () => {
  await loadPreset("allowed");
  await page.locator("#context").fill('{"now": 1}');
  await page.locator("#precheck-run").click();
  assert.match(await page.locator("#verdict").textContent(), /^ContextError \(INVALID_CONTEXT\)/);
  assert.equal(await page.locator("#context").getAttribute("aria-invalid"), "true");
  assert.ok((await page.locator("#precheck-problems li").count()) > 0);
  await page.locator("#context").fill("{not json");
  await page.locator("#context").press("Control+Enter");
  assert.equal(await page.locator("#verdict").textContent(), "The context is not JSON");
});

test("validator: a Fusebill payload with Now and a date shows its error and Fusebill's body", async () => {
  await tab("Contract validator").click();
  // Each contract starts with its seed's sample, which is valid.
  for (const id of await page.locator("#contract option").evaluateAll((os) => os.map((o) => o.value))) {
    await page.locator("#contract").selectOption(id);
    assert.match(await page.locator("#validate-verdict").textContent(), /^Valid /, id);
  }
  await page.locator("#contract").selectOption("fusebill/subscription_migrate");
  await page.locator("#payload").fill(
    JSON.stringify({ customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now", scheduledMigrationDate: "2020-05-10", earningOption: "Most" }, null, 2),
  );
  await page.locator("#validate-run").click();
  const message = "Please do not specify a scheduled migration date when the migration type is now.";
  assert.match(await page.locator("#validate-verdict").textContent(), /^Invalid: \d+ errors/);
  const rows = await page.locator("#validate-errors tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.ok(rows.some(([path, keyword, text]) => path === "/scheduledMigrationDate" && keyword === "not" && text === message), JSON.stringify(rows));
  assert.ok(rows.some(([path]) => path === "/earningOption"), JSON.stringify(rows));
  // The invalid field is marked in the payload view.
  const marked = await page.locator("#marked .line.invalid").evaluateAll((lines) => lines.map((l) => l.dataset.pointer));
  assert.ok(marked.includes("/earningOption") && marked.includes("/scheduledMigrationDate"), JSON.stringify(marked));
  await page.screenshot({ path: join(shots, "admin-validate-1280x800.png") });

  // Switch to the platform's own error body.
  await page.getByLabel("The platform's error body").check();
  assert.ok(await page.locator("#vendor-body").isVisible());
  assert.ok(!(await page.locator("#errors-view").isVisible()));
  const body = JSON.parse(await page.locator("#vendor-body").textContent());
  assert.equal(body.HttpStatusCode, 400);
  assert.deepEqual(body.Errors.find((e) => e.Key === "options"), { Key: "options", Value: message });
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(shots, "admin-validate-vendor-1280x800.png") });
  await page.getByLabel("Errors (ajv shape)").check();

  // A payload that is not JSON says so.
  await page.locator("#payload").fill("{");
  await page.locator("#validate-run").click();
  assert.match(await page.locator("#validate-verdict").textContent(), /^The payload is not JSON/);
  await page.locator("#payload-reset").click();
  assert.match(await page.locator("#validate-verdict").textContent(), /^Valid /);
});

test("bulk: a 10,000-line NDJSON file is validated in a worker with exact counts", async () => {
  await tab("Bulk NDJSON").click();
  await page.locator("#bulk-contract").selectOption("fusebill/subscription_migrate");
  const lines = [];
  const bad = []; // physical line numbers of the invalid lines
  for (let i = 1; i <= 10_000; i++) {
    if (i === 5000) lines.push(""); // a blank line: skipped, not counted
    let line = JSON.stringify({ customerId: i, planFamilyRelationshipId: 407766, migrationTimingOption: "Now" });
    if (i % 1000 === 0) line = `{"customerId": ${i},`; // not JSON
    else if (i % 997 === 0) line = JSON.stringify({ customerId: i, planFamilyRelationshipId: 407766, migrationTimingOption: "Now", scheduledMigrationDate: "2020-05-10" });
    else if (i === 4242) line = JSON.stringify({ customerId: 0, planFamilyRelationshipId: 407766, migrationTimingOption: "Now" });
    lines.push(line);
    if (i % 1000 === 0 || i % 997 === 0 || i === 4242) bad.push(lines.length);
  }
  assert.equal(bad.length, 21);
  const started = Date.now();
  await page.locator("#bulk-file").setInputFiles({ name: "migrations-10000.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(lines.join("\r\n") + "\n") });
  await page.locator("#bulk-verdict").filter({ hasText: /invalid,/ }).waitFor({ timeout: 30_000 });
  const elapsed = Date.now() - started;
  assert.equal(await page.locator("#bulk-total").textContent(), "10,000");
  assert.equal(await page.locator("#bulk-valid").textContent(), "9,979");
  assert.equal(await page.locator("#bulk-invalid").textContent(), "21");
  assert.equal(await page.locator("#bulk-verdict").textContent(), "21 of 10,000 lines invalid, 9,979 valid.");
  assert.equal(await page.locator("#bulk-progress").evaluate((p) => p.value), 1);
  // The first errors, by physical line number (the blank line shifts the lines after it).
  const listed = await page.locator("#bulk-errors tbody tr").evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.line)));
  assert.deepEqual([...new Set(listed)], bad);
  const first = await page.locator("#bulk-errors tbody tr").first().evaluate((tr) => [...tr.cells].map((td) => td.textContent));
  assert.deepEqual(first, ["997", "/scheduledMigrationDate", "not", "Please do not specify a scheduled migration date when the migration type is now."]);
  const notJson = await page.locator('#bulk-errors tbody tr[data-line="1000"] td:nth-child(3)').textContent();
  assert.equal(notJson, "json");
  await page.screenshot({ path: join(shots, "admin-bulk-1280x800.png") });
  console.log(`# bulk: 10,000 lines validated in ${elapsed} ms (page to summary)`);

  // Fewer errors listed: the counts stay exact.
  await page.locator("#bulk-max").fill("5");
  await page.locator("#bulk-run").click();
  await page.locator("#bulk-errors-note").filter({ hasText: "more were left out" }).waitFor();
  assert.equal(await page.locator("#bulk-errors tbody tr").count(), 5);
  assert.equal(await page.locator("#bulk-invalid").textContent(), "21");
  await page.locator("#bulk-max").fill("100");
});

test("bulk: a dropped file, a cancelled long run with the page responsive, a generated file", async () => {
  await tab("Bulk NDJSON").click();
  await page.locator("#bulk-contract").selectOption("pismo/customer_incoming/1");
  // Drop a small file on the drop zone.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['{"migration": {"id": "m", "account_id": "a", "version_date": "2023-10-03T17:25:45Z"}, "entity": {}}\n{}\n'], "dropped.ndjson"));
    const zone = document.getElementById("dropzone");
    for (const type of ["dragenter", "dragover", "drop"]) zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.locator("#bulk-verdict").filter({ hasText: "1 of 2 lines invalid" }).waitFor();
  assert.match(await page.locator("#bulk-file-name").textContent(), /^dropped\.ndjson/);

  // A long run (200,000 lines, built in the page and dropped): progress shows, the main thread
  // keeps painting, and Cancel stops it.
  await page.evaluate(() => {
    const line = JSON.stringify({ migration: { id: "m", account_id: "a", version_date: "2023-10-03T17:25:45Z" }, entity: { name: "x" } });
    const transfer = new DataTransfer();
    transfer.items.add(new File([`${line}\n`.repeat(200_000)], "big.ndjson"));
    window.__frames = 0;
    const tick = () => {
      window.__frames += 1;
      if (!window.__stopTicks) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const zone = document.getElementById("dropzone");
    for (const type of ["dragenter", "dragover", "drop"]) zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => {
    const p = document.getElementById("bulk-progress");
    return p.value > 0.05 && p.value < 1;
  });
  // Responsive by the order of events, not by frame times: while the worker runs, the page paints
  // further frames and shows further progress before the run ends (how long a frame takes is
  // the machine's speed, not the page's behaviour).
  const seen = await page.evaluate(() => ({ frames: window.__frames, value: document.getElementById("bulk-progress").value }));
  await page.waitForFunction(({ frames, value }) => {
    const p = document.getElementById("bulk-progress");
    return (window.__frames > frames + 2 && p.value > value) || p.value === 1;
  }, seen);
  assert.ok((await page.locator("#bulk-progress").evaluate((p) => p.value)) < 1, "the run ended before the page painted three more frames");
  assert.equal(await page.locator("#bulk-cancel").isEnabled(), true);
  await page.locator("#bulk-cancel").click();
  assert.equal(await page.locator("#bulk-verdict").textContent(), "Cancelled.");
  await page.evaluate(() => (window.__stopTicks = true));

  // A generated file (a new worker after the cancel).
  await page.locator("#bulk-contract").selectOption("fusebill/subscription_migrate");
  await page.locator("#bulk-generate").click();
  await page.locator("#bulk-verdict").filter({ hasText: "lines invalid" }).waitFor();
  assert.equal(await page.locator("#bulk-verdict").textContent(), "20 of 10,000 lines invalid, 9,980 valid.");
});

test("text from a policy, the module or a payload is shown as text and runs nothing", async () => {
  await tab("Pre-check").click();
  await loadPreset("target-account-active");
  await page.locator("#policy").fill(JSON.stringify({ rules: { "target-account-active": { messages: { en: XSS } } } }));
  await page.locator("#precheck-run").click();
  assert.equal(await page.locator("#message").textContent(), XSS);
  assert.equal(await page.locator("#failed .rule-message").first().textContent(), XSS);
  // A custom rule's message and a refused target id, too.
  await page.locator("#policy").fill(JSON.stringify({ customRules: [{ id: "x", require: false, message: { en: `${XSS} {subscription}` } }] }));
  await page.locator("#target").fill(`"><script>alert(2)</script>`);
  await page.locator("#precheck-run").click();
  assert.match(await page.locator("#message").textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.match(await page.locator("#message").textContent(), /<script>alert\(2\)<\/script>/);
  // A payload property named like markup, in the validator's table and marked view.
  await tab("Contract validator").click();
  await page.locator("#contract").selectOption("fusebill/subscription_migrate");
  await page.locator("#payload").fill(JSON.stringify({ customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now", [XSS]: XSS }));
  await page.locator("#validate-run").click();
  assert.ok((await page.locator("#marked").textContent()).includes(`"${XSS}"`));
  // No element was created from the text: no onerror to wait for.
  assert.equal(await page.locator("img").count(), 0, "no element was created from text");
  assert.equal(await page.locator("script").count(), 1, "only the page's own script");
  assert.deepEqual(dialogs, []);
  await page.locator("#payload-reset").click();
});

test("keyboard: the tabs follow the arrow keys and every control has a label", async () => {
  await tab("Pre-check").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-validate");
  assert.ok(await page.locator("#validate").isVisible());
  await page.keyboard.press("End");
  assert.ok(await page.locator("#bulk").isVisible());
  await page.keyboard.press("ArrowRight");
  assert.ok(await page.locator("#precheck").isVisible());
  assert.match(page.url(), /#precheck$/);
  // Tab from the tabs reaches the first control of the panel.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "preset");
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((c) => !(c.labels?.length || c.getAttribute("aria-label") || c.getAttribute("aria-labelledby") || (c.tagName === "BUTTON" && c.textContent.trim())))
      .map((c) => c.id || c.outerHTML),
  );
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.locator("[role=status][aria-live=polite]").count() >= 3, true);
});

test("narrow screen (390×844): no horizontal scrolling, screenshots of each panel", async () => {
  const narrow = await openPage(at(`${base}#precheck`), { viewport: { width: 390, height: 844 } });
  // Load and run a refusal: on a narrow screen the verdict below the form is scrolled into view.
  await narrow.locator("#preset").selectOption("no-dependent-subscriptions");
  await narrow.locator("#preset-load").click();
  assert.ok(await narrow.locator("#verdict").evaluate((v) => v.getBoundingClientRect().top >= 0 && v.getBoundingClientRect().bottom <= innerHeight));
  await narrow.screenshot({ path: join(shots, "admin-precheck-390x844-result.png") });
  for (const [name, id] of [["Pre-check", "precheck"], ["Contract validator", "validate"], ["Bulk NDJSON", "bulk"]]) {
    await narrow.getByRole("tab", { name }).click();
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${id}: page is ${width}px wide`);
    await narrow.screenshot({ path: join(shots, `admin-${id}-390x844.png`), fullPage: true });
  }
  await narrow.close();
});

test("works from another static server serving the repository root (python3 http.server)", async (t) => {
  if (spawnSync("python3", ["--version"]).status !== 0) return t.skip("python3 is not installed");
  const { child, match } = await startServer("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], /port (\d+)/);
  try {
    const other = await openPage(at(`http://127.0.0.1:${match[1]}/www/`));
    assert.equal(await other.locator("#verdict").textContent(), "Migration allowed");
    await other.close();
  } finally {
    child.kill();
  }
});

test("no console errors, no page errors, no request leaves the page's origin", () => {
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(dialogs, []);
});
